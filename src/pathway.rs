//! The compiled pathway: immutable, `Send + Sync`, answering any number of
//! questions concurrently.
//!
//! May use: the leaves, `document` and `model`. It is built by `compile` and
//! questioned by `query`, which add their own `impl Pathway` blocks.

use std::collections::HashMap;
use std::sync::Arc;

use petgraph::graph::{DiGraph, NodeIndex};

use crate::document::{Contact, Metadata, Tier};
use crate::error::QueryError;
use crate::error::resolve_name;
use crate::model::profile::{CompiledProfile, Profile};
use crate::model::region::{RegionId, RegionTree};
use crate::model::rules::Cond;
use crate::model::vocabulary::Vocabulary;
use crate::suggest::NameKind;

mod bounds;
mod served;
mod summary;
mod ways;

pub(crate) use bounds::{AreaBound, KeptBounds};
pub(crate) use served::ServedWords;
pub use summary::{PathwaySize, ReferralSummary, ServiceSummary};
pub(crate) use ways::KeptWays;

/// Index of a service in a compiled pathway. Services are numbered in the
/// order of their ids, so comparing indices compares ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct ServiceId(pub(crate) u32);

impl ServiceId {
    pub(crate) const fn index(self) -> usize {
        self.0 as usize
    }
}

/// Service ids → services, with a fast hasher seeded at random per map
/// (foldhash, `hashbrown`'s own; a file cannot choose ids that collide):
/// a national load looks up every referral's ends.
pub(crate) type ServiceIndex = HashMap<String, ServiceId, foldhash::fast::RandomState>;

/// A compiled service.
#[derive(Debug, Clone)]
pub(crate) struct Service {
    /// Its index in the file's `services` list (for JSON pointers).
    pub(crate) doc_index: usize,
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) tier: Tier,
    pub(crate) tags: Vec<String>,
    pub(crate) provider: String,
    pub(crate) regions: Vec<RegionId>,
    pub(crate) rule: Option<Cond>,
    pub(crate) wait_typical: i32,
    pub(crate) wait_pessimistic: i32,
    pub(crate) wait_assumed: bool,
    /// Whether the file gives a wait at all (absent: 0 days, unstated).
    pub(crate) wait_stated: bool,
    pub(crate) entry: bool,
    pub(crate) description: String,
    pub(crate) sources: Vec<String>,
    /// Its id and name, shared with route answers (every step and every
    /// goal service not reached names its service).
    pub(crate) shown: (Arc<str>, Arc<str>),
    /// Notes and contact, shared with route answers' steps likewise.
    pub(crate) notes: Arc<str>,
    pub(crate) contact: Option<Arc<Contact>>,
}

/// A compiled referral.
#[derive(Debug, Clone)]
pub(crate) struct Referral {
    /// Its index in the file's `referrals` list (for JSON pointers).
    pub(crate) doc_index: usize,
    pub(crate) from: ServiceId,
    pub(crate) to: ServiceId,
    /// The condition, boxed: most referrals have none, and a national
    /// pathway has a million referrals (16 bytes each instead of 88).
    pub(crate) when: Option<Box<Cond>>,
    pub(crate) delay: i32,
    pub(crate) notes: String,
}

/// Which services end a route.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Goal {
    pub(crate) tier: Option<Tier>,
    pub(crate) tags: Vec<String>,
    pub(crate) services: Vec<ServiceId>,
}

impl Goal {
    pub(crate) fn matches(&self, index: usize, s: &Service) -> bool {
        self.tier.is_none_or(|t| t == s.tier)
            && self.tags.iter().all(|t| s.tags.contains(t))
            && (self.services.is_empty() || self.services.iter().any(|g| g.index() == index))
    }

    /// The goal's services among `services` (graph node `i` is service
    /// `i`), in node order. O(services · goal size).
    pub(crate) fn services_in(&self, services: &[Service]) -> Vec<NodeIndex> {
        services
            .iter()
            .enumerate()
            .filter(|(i, s)| self.matches(*i, s))
            .map(|(i, _)| NodeIndex::new(i))
            .collect()
    }
}

/// What the route searches read of a service at every step, side by side
/// for every service (the services themselves are hundreds of bytes each):
/// its waits, typical and pessimistic, and its tier. 12 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hot {
    pub(crate) wait_typical: i32,
    pub(crate) wait_pessimistic: i32,
    pub(crate) tier: Tier,
}

/// A service of the default goal as route answers list it when it is not
/// reached: its id and name, and the index of its list of areas in
/// [`Pathway`]'s `served` words.
#[derive(Debug, Clone)]
pub(crate) struct GoalShown {
    pub(crate) id: Arc<str>,
    pub(crate) name: Arc<str>,
    pub(crate) areas: u32,
}

/// One referral as the route searches walk it: the service at its other
/// end, its index in [`Pathway`]'s referrals, and its delay. 12 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Link {
    /// The service referred to (outgoing) or referring (incoming).
    pub(crate) node: u32,
    pub(crate) referral: u32,
    pub(crate) delay: i32,
}

/// Every service's referrals in one direction, side by side in one array
/// (the services' in index order, each service's in the graph's own
/// order): the searches read a service's referrals from consecutive
/// memory, and the delay with them. Built in O(V + E), O(V + E) space.
#[derive(Debug, Clone, Default)]
pub(crate) struct Adjacency {
    /// Where each service's links start in `links`; one more at the end.
    start: Vec<u32>,
    links: Vec<Link>,
}

impl Adjacency {
    fn build(graph: &DiGraph<u32, u32>, referrals: &[Referral], dir: petgraph::Direction) -> Self {
        use petgraph::visit::EdgeRef;
        let mut start = Vec::with_capacity(graph.node_count().saturating_add(1));
        let mut links = Vec::with_capacity(graph.edge_count());
        for n in graph.node_indices() {
            start.push(u32::try_from(links.len()).unwrap_or(u32::MAX));
            for e in graph.edges_directed(n, dir) {
                let other = if dir == petgraph::Direction::Outgoing {
                    e.target()
                } else {
                    e.source()
                };
                let referral = *e.weight();
                links.push(Link {
                    node: u32::try_from(other.index()).unwrap_or(u32::MAX),
                    referral,
                    delay: referrals.get(referral as usize).map_or(0, |r| r.delay),
                });
            }
        }
        start.push(u32::try_from(links.len()).unwrap_or(u32::MAX));
        Self { start, links }
    }

    /// The links of service `n` (none for a service not in the pathway).
    pub(crate) fn of(&self, n: usize) -> &[Link] {
        let (Some(&a), Some(&b)) = (self.start.get(n), self.start.get(n.wrapping_add(1))) else {
            return &[];
        };
        self.links.get(a as usize..b as usize).unwrap_or_default()
    }
}

/// Whether each of `len` services is one of `nodes`, by index. O(len).
pub(crate) fn mask_of(len: usize, nodes: &[NodeIndex]) -> Vec<bool> {
    let mut mask = vec![false; len];
    for n in nodes {
        if let Some(x) = mask.get_mut(n.index()) {
            *x = true;
        }
    }
    mask
}

/// A pathway compiled for answering questions.
///
/// Build one with [`Pathway::from_json`]; it is immutable, `Send + Sync`
/// and cheap to share behind an [`std::sync::Arc`].
///
/// ```
/// # let text = include_str!("../tests/fixtures/small.json");
/// let pathway = carepath::Pathway::from_json(text)?;
/// assert_eq!(pathway.metadata().name, "Small test pathway");
/// fn shareable<T: Send + Sync>(_: &T) {}
/// shareable(&pathway);
/// # Ok::<(), carepath::LoadError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Pathway {
    pub(crate) metadata: Metadata,
    pub(crate) vocabulary: Vocabulary,
    pub(crate) regions: RegionTree,
    pub(crate) services: Vec<Service>,
    pub(crate) service_index: ServiceIndex,
    pub(crate) referrals: Vec<Referral>,
    /// Node `i` (weight `i`) is service `i`; edge weights index `referrals`.
    pub(crate) graph: DiGraph<u32, u32>,
    /// What the searches read of each service, by index.
    pub(crate) hot: Vec<Hot>,
    /// Each service's referrals out, and in, as the route searches walk
    /// them (precomputed from `graph`).
    pub(crate) out_links: Adjacency,
    pub(crate) in_links: Adjacency,
    pub(crate) goal: Goal,
    /// What to offer when no route reaches a goal service, in order.
    pub(crate) alternatives: Vec<(String, crate::document::GoalDoc)>,
    /// The services of the default goal, in node order (precomputed).
    pub(crate) goal_services: Vec<NodeIndex>,
    /// Whether each service is one of them, by index.
    pub(crate) goal_mask: Vec<bool>,
    /// Them again, as route answers list those not reached: id and name
    /// (allocated side by side) and which list of areas they serve.
    pub(crate) goal_table: Vec<GoalShown>,
    /// The services' distinct lists of areas, and the words of their
    /// region checks per family's region, made when first needed.
    pub(crate) served: ServedWords,
    /// The best way to every goal that ignores rules, regions and
    /// referral conditions, from any first contact: the same for every
    /// family, made when first needed.
    pub(crate) kept_ways: KeptWays,
    /// Per family's area and kind of wait, the lower bounds towards the
    /// default goal's services there that the route search ranks partial
    /// routes by: the same for every family in the area, made when first
    /// needed.
    pub(crate) kept_bounds: KeptBounds,
    /// Per region (by index), the services of the default goal that list
    /// it among the regions they serve.
    pub(crate) goals_listing: Vec<Vec<NodeIndex>>,
    /// Per region (by index), the entry services that list it.
    pub(crate) entries_listing: Vec<Vec<NodeIndex>>,
    /// Every entry service as a route's first step (the family comes by
    /// itself), for the searches that ignore where the family lives.
    pub(crate) entry_starts: Vec<(NodeIndex, bool)>,
    /// The entry services, in node order (precomputed).
    pub(crate) entry_services: Vec<NodeIndex>,
    /// Every day on which a service's rule (judged with either of its
    /// waits, or none) or a referral's condition may start holding for some
    /// family, sorted, each once (see `Cond::openings`): between two of
    /// them, every door only closes as a family ages.
    pub(crate) opening_days: Vec<i32>,
    /// The longest wait (of either kind) plus the longest referral delay:
    /// the most one referral adds to a route's days (the route searches'
    /// queues are sized by it).
    pub(crate) longest_step: u32,
}

impl Pathway {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn assemble(
        metadata: Metadata,
        vocabulary: Vocabulary,
        regions: RegionTree,
        services: Vec<Service>,
        service_index: ServiceIndex,
        referrals: Vec<Referral>,
        graph: DiGraph<u32, u32>,
        goal: Goal,
        alternatives: Vec<(String, crate::document::GoalDoc)>,
    ) -> Self {
        let hot = services
            .iter()
            .map(|s| Hot {
                wait_typical: s.wait_typical,
                wait_pessimistic: s.wait_pessimistic,
                tier: s.tier,
            })
            .collect();
        let out_links = Adjacency::build(&graph, &referrals, petgraph::Direction::Outgoing);
        let in_links = Adjacency::build(&graph, &referrals, petgraph::Direction::Incoming);
        let goal_services = goal.services_in(&services);
        let goal_mask = mask_of(services.len(), &goal_services);
        let listing = |which: &[NodeIndex]| {
            let mut by_region = vec![Vec::new(); regions.regions.len()];
            for &n in which {
                let listed = services.get(n.index()).map_or(&[][..], |s| &s.regions[..]);
                for r in listed {
                    if let Some(list) = by_region.get_mut(r.index()) {
                        list.push(n);
                    }
                }
            }
            by_region
        };
        let goals_listing = listing(&goal_services);
        let region_count = regions.regions.len();
        let served = ServedWords::new(
            services.iter().map(|s| s.regions.as_slice()),
            regions.regions.len(),
        );
        let goal_table = goal_services
            .iter()
            .filter_map(|g| Some((services.get(g.index())?, served.list_of(g.index())?)))
            .map(|(s, areas)| GoalShown {
                id: s.id.as_str().into(),
                name: s.name.as_str().into(),
                areas,
            })
            .collect();
        let entry_services = services
            .iter()
            .enumerate()
            .filter(|(_, s)| s.entry)
            .map(|(i, _)| NodeIndex::new(i))
            .collect::<Vec<_>>();
        let entries_listing = listing(&entry_services);
        let entry_starts = entry_services.iter().map(|&n| (n, false)).collect();
        let mut opening_days = Vec::new();
        for s in &services {
            if let Some(r) = &s.rule {
                // With no wait: the service a route starts from, already
                // with the family, judges them on the day itself.
                for wait in [0, s.wait_typical, s.wait_pessimistic] {
                    r.openings(wait, &mut opening_days);
                }
            }
        }
        for r in &referrals {
            if let Some(w) = &r.when {
                w.openings(0, &mut opening_days);
            }
        }
        opening_days.sort_unstable();
        opening_days.dedup();
        let days = |d: i32| u32::try_from(d).unwrap_or(0);
        let longest_wait = services
            .iter()
            .map(|s| days(s.wait_typical).max(days(s.wait_pessimistic)))
            .max()
            .unwrap_or(0);
        let longest_delay = referrals.iter().map(|r| days(r.delay)).max().unwrap_or(0);
        let longest_step = longest_wait.saturating_add(longest_delay);
        Self {
            metadata,
            vocabulary,
            regions,
            services,
            service_index,
            referrals,
            graph,
            hot,
            out_links,
            in_links,
            goal,
            alternatives,
            goal_services,
            goal_mask,
            goal_table,
            served,
            kept_ways: KeptWays::default(),
            kept_bounds: KeptBounds::new(region_count),
            goals_listing,
            entries_listing,
            entry_starts,
            entry_services,
            opening_days,
            longest_step,
        }
    }

    /// The services of the default goal that serve `region` (list it or a
    /// region containing it), in node order: those a family living there
    /// could ever reach. O(d + k log k) for the d regions containing it and
    /// the k services listing them.
    pub(crate) fn goals_serving(&self, region: RegionId) -> Vec<NodeIndex> {
        self.serving(&self.goals_listing, region)
    }

    /// The entry services that serve `region`, in node order: the only
    /// first contacts a family living there can have. As
    /// [`Pathway::goals_serving`].
    pub(crate) fn entries_serving(&self, region: RegionId) -> Vec<NodeIndex> {
        self.serving(&self.entries_listing, region)
    }

    /// The services of `listing` (per region, those that list it) that
    /// serve `region`, in node order.
    fn serving(&self, listing: &[Vec<NodeIndex>], region: RegionId) -> Vec<NodeIndex> {
        // The lists of the region and of every region containing it (a
        // compiled pathway's regions form a tree; the count bounds the
        // walk), walked twice: to size the answer, then to fill it.
        let lists = || {
            std::iter::successors(Some(region), |r| {
                self.regions.regions.get(r.index()).and_then(|x| x.parent)
            })
            .take(self.regions.regions.len())
            .filter_map(|r| listing.get(r.index()))
        };
        let mut found = Vec::with_capacity(lists().map(Vec::len).sum());
        for list in lists() {
            found.extend_from_slice(list);
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The pathway's metadata.
    #[must_use]
    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    /// How many services, referrals and regions the pathway has.
    ///
    /// ```
    /// # let pathway = carepath::Pathway::from_json(include_str!("../tests/fixtures/small.json"))?;
    /// let size = pathway.size();
    /// assert_eq!((size.services, size.referrals, size.regions), (8, 11, 4));
    /// # Ok::<(), carepath::LoadError>(())
    /// ```
    #[must_use]
    pub fn size(&self) -> PathwaySize {
        PathwaySize {
            services: self.services.len(),
            referrals: self.referrals.len(),
            regions: self.regions.regions.len(),
        }
    }

    /// Every service, in id order.
    ///
    /// ```
    /// # let pathway = carepath::Pathway::from_json(include_str!("../tests/fixtures/small.json"))?;
    /// let ids: Vec<String> = pathway.services().map(|s| s.id).collect();
    /// let mut sorted = ids.clone();
    /// sorted.sort();
    /// assert_eq!(ids, sorted);
    /// # Ok::<(), carepath::LoadError>(())
    /// ```
    pub fn services(&self) -> impl Iterator<Item = ServiceSummary> + '_ {
        (0..self.services.len()).filter_map(|i| self.summary(i))
    }

    /// One service by id.
    ///
    /// ```
    /// # let pathway = carepath::Pathway::from_json(include_str!("../tests/fixtures/small.json"))?;
    /// assert!(pathway.service("hv-east").is_some_and(|s| s.entry));
    /// assert!(pathway.service("nope").is_none());
    /// # Ok::<(), carepath::LoadError>(())
    /// ```
    #[must_use]
    pub fn service(&self, id: &str) -> Option<ServiceSummary> {
        self.service_index
            .get(id)
            .and_then(|s| self.summary(s.index()))
    }

    fn summary(&self, i: usize) -> Option<ServiceSummary> {
        let s = self.services.get(i)?;
        Some(ServiceSummary {
            id: s.id.clone(),
            name: s.name.clone(),
            tier: s.tier,
            tags: s.tags.clone(),
            provider: s.provider.clone(),
            regions: s
                .regions
                .iter()
                .map(|&r| self.regions.id(r).to_owned())
                .collect(),
            entry: s.entry,
            wait_typical_days: s.wait_typical,
            wait_pessimistic_days: s.wait_pessimistic,
            wait_assumed: s.wait_assumed,
            goal: self.goal.matches(i, s),
            description: s.description.clone(),
            sources: s.sources.clone(),
            notes: s.notes.to_string(),
            contact: s.contact.as_deref().cloned(),
        })
    }

    /// Every referral, ordered by (from, to) id.
    ///
    /// ```
    /// # let pathway = carepath::Pathway::from_json(include_str!("../tests/fixtures/small.json"))?;
    /// let first = pathway.referrals().next().ok_or("no referrals")?;
    /// assert_eq!((first.from.as_str(), first.to.as_str()), ("family-nurse", "imh-east"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn referrals(&self) -> impl Iterator<Item = ReferralSummary> + '_ {
        let mut order: Vec<&Referral> = self.referrals.iter().collect();
        order.sort_by_key(|r| (r.from, r.to));
        order.into_iter().map(|r| ReferralSummary {
            from: self.svc(r.from).map(|s| s.id.clone()).unwrap_or_default(),
            to: self.svc(r.to).map(|s| s.id.clone()).unwrap_or_default(),
            delay_days: r.delay,
            conditional: r.when.is_some(),
            notes: r.notes.clone(),
        })
    }

    /// Resolves a service by id or name (any case and punctuation), with
    /// suggestions when it is unknown. O(1) for an id; O(services) for a name.
    pub(crate) fn service_id(&self, id: &str) -> Result<ServiceId, QueryError> {
        if let Some(&s) = self.service_index.get(id) {
            return Ok(s);
        }
        let entries: Vec<(&str, &str)> = self
            .services
            .iter()
            .map(|s| (s.id.as_str(), s.name.as_str()))
            .collect();
        let i = resolve_name(NameKind::Service, id, &entries)?;
        u32::try_from(i)
            .map(ServiceId)
            .map_err(|_| QueryError::OutOfRange(format!("service `{id}`")))
    }

    /// Every tag some service carries, sorted, each once. O(tags · log tags).
    ///
    /// ```
    /// # let pathway = carepath::Pathway::from_json(include_str!("../tests/fixtures/small.json"))?;
    /// assert!(pathway.tags().contains(&"infant-mental-health".to_owned()));
    /// # Ok::<(), carepath::LoadError>(())
    /// ```
    #[must_use]
    pub fn tags(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .services
            .iter()
            .flat_map(|s| s.tags.iter().cloned())
            .collect();
        all.sort();
        all.dedup();
        all
    }

    /// Resolves a tag in any case and punctuation, with suggestions when
    /// no service carries it.
    pub(crate) fn tag(&self, text: &str) -> Result<String, QueryError> {
        if self
            .services
            .iter()
            .any(|s| s.tags.iter().any(|t| t == text))
        {
            return Ok(text.to_owned());
        }
        let all = self.tags();
        let entries: Vec<(&str, &str)> = all.iter().map(|t| (t.as_str(), t.as_str())).collect();
        let i = resolve_name(NameKind::Tag, text, &entries)?;
        Ok(all.get(i).cloned().unwrap_or_default())
    }

    pub(crate) fn svc(&self, id: ServiceId) -> Option<&Service> {
        self.services.get(id.index())
    }

    /// Resolves a profile's ids against this pathway.
    pub(crate) fn compile_profile(&self, profile: &Profile) -> Result<CompiledProfile, QueryError> {
        CompiledProfile::new(profile, &self.vocabulary, &self.regions)
    }
}
