//! A deterministic generator of national-scale synthetic pathways:
//! a country of `boards` health boards, each with `areas` council areas;
//! each area has universal entry services, targeted services and
//! specialist teams (some goal-tagged), with referrals mostly within a
//! board and up the tiers, as real pathways are.

use carepath::document::{
    AdversitiesDoc, AdversityDoc, AgeJudged, AgeRangeDoc, GoalDoc, Metadata, PathwayDocument,
    ReferralDoc, RegionDoc, Rule, ServiceDoc, Tier, Vocabulary, WaitDoc,
};

/// A small, fast, deterministic generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// The adversities of the synthetic vocabulary.
pub const ADVERSITIES: [&str; 4] = ["domestic_abuse", "trauma", "substance_misuse", "poverty"];

/// Services per area, by kind.
const UNIVERSAL: usize = 5;
const TARGETED: usize = 25;
const SPECIALIST: usize = 20;

/// Builds a pathway of `boards × areas × 50` services and about
/// `out_degree` referrals per service.
pub fn national(boards: usize, areas: usize, out_degree: usize, seed: u64) -> PathwayDocument {
    let mut rng = Rng::new(seed);
    let mut regions = vec![RegionDoc {
        id: "country".into(),
        name: "Country".into(),
        kind: "country".into(),
        parent: None,
    }];
    let mut services = Vec::new();
    let mut referrals = Vec::new();
    for b in 0..boards {
        let board = format!("board-{b:02}");
        regions.push(RegionDoc {
            id: board.clone(),
            name: board.clone(),
            kind: "health_board".into(),
            parent: Some("country".into()),
        });
        let first = services.len();
        for a in 0..areas {
            let area = format!("{board}-area-{a:02}");
            regions.push(RegionDoc {
                id: area.clone(),
                name: area.clone(),
                kind: "council_area".into(),
                parent: Some(board.clone()),
            });
            for k in 0..UNIVERSAL + TARGETED + SPECIALIST {
                let (tier, tags, serves) = if k < UNIVERSAL {
                    (Tier::Universal, vec![], area.clone())
                } else if k < UNIVERSAL + TARGETED {
                    (Tier::Targeted, vec![], area.clone())
                } else if k % 4 == 0 {
                    (
                        Tier::Specialist,
                        vec!["infant-mental-health".to_string()],
                        board.clone(),
                    )
                } else {
                    (
                        Tier::Specialist,
                        vec!["perinatal".to_string()],
                        board.clone(),
                    )
                };
                let before = [365, 548, 731, 1096, 1826][rng.below(5)];
                let mut rules = vec![Rule::Age(AgeRangeDoc {
                    from: Some(
                        if rng.below(3) == 0 {
                            "birth"
                        } else {
                            "pregnancy"
                        }
                        .into(),
                    ),
                    before: Some(format!("{before} days")),
                    judged: if rng.below(4) == 0 {
                        AgeJudged::WhenSeen
                    } else {
                        AgeJudged::OnReferral
                    },
                })];
                if tier != Tier::Universal && rng.below(3) == 0 {
                    rules.push(Rule::Adversities(AdversitiesDoc {
                        any_of: Some(vec![
                            ADVERSITIES[rng.below(4)].into(),
                            ADVERSITIES[rng.below(4)].into(),
                        ]),
                        ..AdversitiesDoc::default()
                    }));
                }
                let wait = match tier {
                    Tier::Universal => 0,
                    Tier::Targeted => rng.below(8) * 7,
                    Tier::Specialist => 14 + rng.below(12) * 7,
                };
                services.push(ServiceDoc {
                    id: format!("{area}-s{k:02}"),
                    name: format!("{area} service {k}"),
                    tier,
                    tags,
                    provider: String::new(),
                    regions: vec![serves],
                    eligibility: Some(Rule::All(rules)),
                    wait: Some(WaitDoc {
                        typical: format!("{wait} days"),
                        pessimistic: Some(format!("{} days", wait * 2)),
                        assumed: true,
                    }),
                    entry: tier == Tier::Universal,
                    description: String::new(),
                    sources: vec![],
                    notes: String::new(),
                    contact: None,
                });
            }
        }
        // Referrals within the board, mostly up the tiers.
        let last = services.len();
        let per_area = UNIVERSAL + TARGETED + SPECIALIST;
        let mut seen = std::collections::HashSet::new();
        for from in first..last {
            let k = (from - first) % per_area;
            for _ in 0..out_degree {
                let area_base = first + rng.below(areas) * per_area;
                // Every tier refers on to targeted and specialist services.
                let _ = k;
                let to = area_base + UNIVERSAL + rng.below(TARGETED + SPECIALIST);
                if to == from || !seen.insert((from, to)) {
                    continue;
                }
                referrals.push(ReferralDoc {
                    from: services[from].id.clone(),
                    to: services[to].id.clone(),
                    when: None,
                    delay: Some(format!("{} days", rng.below(15))),
                    notes: String::new(),
                });
            }
        }
    }
    PathwayDocument {
        schema: None,
        alternatives: Vec::new(),
        metadata: Metadata {
            name: "Synthetic national pathway".into(),
            version: "1".into(),
            ..Metadata::default()
        },
        vocabulary: Vocabulary {
            adversities: ADVERSITIES
                .iter()
                .map(|a| AdversityDoc {
                    id: (*a).into(),
                    label: (*a).into(),
                    description: String::new(),
                })
                .collect(),
            facts: vec![],
        },
        regions,
        services,
        referrals,
        goal: GoalDoc {
            tier: Some(Tier::Specialist),
            tags: vec!["infant-mental-health".into()],
            services: vec![],
        },
    }
}

/// Keeps exactly `n` of the document's referrals (all, when it has fewer),
/// spread evenly over the list so every board keeps its share.
#[allow(dead_code)] // The load benchmark's; the routes benchmark has no use for it.
pub fn keep_referrals(doc: &mut PathwayDocument, n: usize) {
    let total = doc.referrals.len();
    if total <= n {
        return;
    }
    let mut i = 0;
    doc.referrals.retain(|_| {
        i += 1;
        i * n / total != (i - 1) * n / total
    });
}
