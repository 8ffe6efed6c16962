//! Who can bring a family to each service, and a service's acceptance
//! judged per way in.
//!
//! A `referred_from` clause is judged on who refers: at the first step of
//! a route the family comes by itself (`self`), at every later step the
//! referrer is the service before. A service's *ways in* are therefore
//! `self` when it is an entry, and the tier of every service with a
//! referral to it: at most four referrers. An analysis judges a service's
//! rule once per way in when the rule asks who refers, and once for all
//! of them when it does not (then every way in shares one sheet).
//!
//! Complexity: [`ways_in`] O(services + referrals); [`Acceptance::judge`]
//! at most four judgements of the rule (one when it does not ask who
//! refers), each O(size of the rule × pieces × words).

use crate::document::Referrer;
use crate::model::region::RegionId;
use crate::pathway::{Pathway, ServiceId};
use crate::query::prepared::WaitKind;

use super::judge::Judge;
use super::sheet::Sheet;

/// Per service (by index), the referrers that can bring a family to it, as
/// bits of [`Referrer::bit`]: `self` for an entry, and the tier of every
/// service with a referral to it. O(services + referrals).
pub(crate) fn ways_in(p: &Pathway) -> Vec<u8> {
    let mut ways: Vec<u8> = p
        .services
        .iter()
        .map(|s| {
            if s.entry {
                Referrer::SelfReferral.bit()
            } else {
                0
            }
        })
        .collect();
    for r in &p.referrals {
        if r.from == r.to {
            continue;
        }
        let by = p.svc(r.from).map_or(0, |s| Referrer::of(s.tier).bit());
        if let Some(w) = ways.get_mut(r.to.index()) {
            *w |= by;
        }
    }
    ways
}

/// The referrer that a referral from `service` comes from.
pub(crate) fn referrer_of(p: &Pathway, service: usize) -> Option<Referrer> {
    p.services.get(service).map(|s| Referrer::of(s.tier))
}

/// A service's acceptance judged per way in: distinct sheets, and for
/// each referrer (in [`Referrer::ALL`] order) the sheet it gets, where it
/// was judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Acceptance {
    /// The distinct sheets (one when the rule does not ask who refers).
    pub(crate) sheets: Vec<Sheet>,
    /// Per referrer: the index of its sheet, `None` where not judged.
    pub(crate) by: [Option<usize>; 4],
}

impl Acceptance {
    /// `service`'s rule for families of `region` (the region served or
    /// not), judged once for every referrer when it does not ask who
    /// refers, else once per referrer in `ways` (bits of
    /// [`Referrer::bit`]); equal sheets are kept once.
    pub(crate) fn judge(
        judge: &Judge<'_>,
        service: ServiceId,
        region: RegionId,
        waits: WaitKind,
        ways: u8,
    ) -> Self {
        let asks = judge
            .pathway
            .svc(service)
            .and_then(|s| s.rule.as_ref())
            .is_some_and(crate::model::rules::Cond::names_referrer);
        if !asks {
            return Self {
                sheets: vec![judge.rule_accepts(service, region, waits)],
                by: [Some(0); 4],
            };
        }
        let mut out = Self {
            sheets: Vec::new(),
            by: [None; 4],
        };
        for (slot, r) in out.by.iter_mut().zip(Referrer::ALL) {
            if ways & r.bit() == 0 {
                continue;
            }
            let sheet = judge.rule_accepts_by(service, region, waits, Some(r));
            *slot = Some(match out.sheets.iter().position(|s| *s == sheet) {
                Some(i) => i,
                None => {
                    out.sheets.push(sheet);
                    out.sheets.len() - 1
                }
            });
        }
        out
    }

    /// The index of the sheet for referrer `r`, where judged.
    pub(crate) fn index(&self, r: Referrer) -> Option<usize> {
        self.by.get(r as usize).copied().flatten()
    }

    /// The sheet for referrer `r`, where judged.
    #[allow(dead_code)] // used by the lints' plane
    pub(crate) fn of(&self, r: Referrer) -> Option<&Sheet> {
        self.index(r).and_then(|i| self.sheets.get(i))
    }

    /// Whether no way in is accepted on any cell.
    pub(crate) fn is_empty(&self) -> bool {
        self.sheets.iter().all(Sheet::is_empty)
    }
}
