//! Rules judged over a whole region at once: for each service, the exact
//! (arrival day, kind) cells on which it accepts a family; for each
//! referral, the (day seen by the referrer, kind) cells on which it may be
//! made. This is the one place where the analyses reason about rules.
//!
//! Evaluation is three-valued, as `routes` evaluates (Kleene): each rule
//! gives a *yes* sheet and a *no* sheet, and the cells in neither are
//! unknown (a fact the rule needs is not given). `all` is yes where every
//! part is yes and no where some part is no; `any` the reverse; `not`
//! swaps them. A service accepts only on *yes*, a referral opens only on
//! *yes* — exactly [`Cond::eval`] then `holds()`.
//!
//! Age clauses become day intervals: on the arrival axis, a clause judged
//! when seen holds on `[from − wait, before − wait)`. Adversity, fact and
//! region clauses do not depend on the day: they are sets of kinds (of the
//! region), computed once per distinct clause. A `referred_from` clause
//! depends on neither: given who refers on the step the rule is judged
//! for (the caller says; `ways` judges a service once per way in), it is
//! yes or no for every cell.
//!
//! Complexity: building is O(distinct clauses × kinds); judging a rule is
//! O(size of the rule × (pieces + age clauses) × words).

use std::collections::HashMap;

use petgraph::graph::EdgeIndex;

use crate::document::{AgeJudged, Referrer};
use crate::model::region::RegionId;
use crate::model::rules::{Cond, SetTest};
use crate::pathway::{Pathway, ServiceId};
use crate::query::prepared::WaitKind;

use super::days::Days;
use super::sheet::{Sheet, set};
use super::space::{FactClass, ProfileSpace};

/// A rule's outcome over a region's plane: where it is yes and where no
/// (the rest is unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Verdicts {
    pub(crate) yes: Sheet,
    pub(crate) no: Sheet,
}

/// Judges a pathway's rules over its profile space; see the module docs.
#[derive(Debug, Clone)]
pub(crate) struct Judge<'p> {
    pub(crate) pathway: &'p Pathway,
    pub(crate) space: &'p ProfileSpace,
    /// Every kind.
    pub(crate) everyone: Vec<u64>,
    /// (yes, no) kinds of each adversity and fact clause, by the clause's address.
    masks: HashMap<usize, (Vec<u64>, Vec<u64>)>,
}

/// Whether a rule names a region (its verdict then depends on the family's
/// region, and cannot be shared between regions).
pub(crate) fn names_region(rule: &Cond) -> bool {
    match rule {
        Cond::All(parts) | Cond::Any(parts) => parts.iter().any(names_region),
        Cond::Not(r) => names_region(r),
        Cond::Region(_) => true,
        Cond::Age { .. } | Cond::Adversities { .. } | Cond::Fact { .. } | Cond::ReferredFrom(_) => {
            false
        }
    }
}

/// A clause's address: the key of its kinds (the pathway is borrowed, so
/// clauses do not move while a `Judge` lives).
fn address(c: &Cond) -> usize {
    std::ptr::from_ref(c) as usize
}

impl<'p> Judge<'p> {
    /// Prepares the kinds of every adversity and fact clause of `pathway`.
    /// O(distinct clauses × kinds).
    pub(crate) fn new(pathway: &'p Pathway, space: &'p ProfileSpace) -> Self {
        let mut everyone = vec![0u64; space.words];
        for k in 0..space.kinds {
            set(&mut everyone, k);
        }
        let mut judge = Self {
            pathway,
            space,
            everyone,
            masks: HashMap::new(),
        };
        let mut by_content: HashMap<String, (Vec<u64>, Vec<u64>)> = HashMap::new();
        let rules: Vec<&Cond> = pathway
            .services
            .iter()
            .filter_map(|s| s.rule.as_ref())
            .chain(pathway.referrals.iter().filter_map(|r| r.when.as_deref()))
            .collect();
        for rule in rules {
            judge.prepare(rule, &mut by_content);
        }
        judge
    }

    fn prepare(&mut self, rule: &Cond, by_content: &mut HashMap<String, (Vec<u64>, Vec<u64>)>) {
        match rule {
            Cond::All(parts) | Cond::Any(parts) => {
                for r in parts {
                    self.prepare(r, by_content);
                }
            }
            Cond::Not(r) => self.prepare(r, by_content),
            Cond::Adversities { test, indices, .. } => {
                let local: usize = self
                    .space
                    .adversities
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| indices.contains(a))
                    .fold(0, |m, (i, _)| m | (1 << i));
                let key = format!("a{test:?}{local}");
                let masks = by_content
                    .entry(key)
                    .or_insert_with(|| {
                        self.split(|kind| {
                            let have = self.space.adversity_mask(kind);
                            Some(match test {
                                SetTest::AnyOf => have & local != 0,
                                SetTest::AllOf => local & !have == 0,
                                SetTest::NoneOf => have & local == 0,
                            })
                        })
                    })
                    .clone();
                self.masks.insert(address(rule), masks);
            }
            Cond::Fact { fact, op, .. } => {
                let axis = self.space.facts.iter().position(|a| a.fact == *fact);
                let per_class: Vec<Option<bool>> = axis
                    .and_then(|a| self.space.facts.get(a))
                    .map(|a| {
                        a.classes
                            .iter()
                            .map(|c| match c {
                                FactClass::Missing => None,
                                FactClass::Value(v) => Some(op.test(v)),
                                // No comparison tells its values apart:
                                // the first answers for all.
                                FactClass::Choices(cs) => cs.first().map(|c| {
                                    op.test(&crate::model::vocabulary::FactValue::Choice(*c))
                                }),
                                FactClass::Between { example, .. } => Some(
                                    op.test(&crate::model::vocabulary::FactValue::Number(*example)),
                                ),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let key = format!("f{axis:?}{per_class:?}");
                let masks = by_content
                    .entry(key)
                    .or_insert_with(|| {
                        self.split(|kind| {
                            let class = self.space.fact_class(kind, axis.unwrap_or(usize::MAX));
                            per_class.get(class).copied().flatten()
                        })
                    })
                    .clone();
                self.masks.insert(address(rule), masks);
            }
            Cond::Age { .. } | Cond::Region(_) | Cond::ReferredFrom(_) => {}
        }
    }

    /// The kinds where `f` is yes, and where it is no. O(kinds).
    fn split(&self, f: impl Fn(usize) -> Option<bool>) -> (Vec<u64>, Vec<u64>) {
        let mut yes = vec![0u64; self.space.words];
        let mut no = vec![0u64; self.space.words];
        for kind in 0..self.space.kinds {
            match f(kind) {
                Some(true) => set(&mut yes, kind),
                Some(false) => set(&mut no, kind),
                None => {}
            }
        }
        (yes, no)
    }

    /// Where `rule` is yes and no for families of `region`, on the axis of
    /// the day the service receives the referral, for a service that sees
    /// them `wait` days later (clauses judged when seen are shifted; for a
    /// referral condition, judged on the day seen, pass 0), on a step on
    /// which `by` refers. A `referred_from` clause is yes or no for every
    /// family by `by`; with `by` not known (`None`) it is unknown, except
    /// a clause allowing everyone. The analyses always pass the referrer of
    /// the step (see `ways`); `None` only judges a rule that does not ask.
    pub(crate) fn rule_by(
        &self,
        rule: &Cond,
        region: RegionId,
        wait: i64,
        by: Option<Referrer>,
    ) -> Verdicts {
        let words = self.space.words;
        match rule {
            Cond::All(parts) => {
                let mut yes = Sheet::constant(&self.everyone);
                let mut no = Sheet::empty(words);
                for r in parts {
                    let v = self.rule_by(r, region, wait, by);
                    yes = yes.and(&v.yes);
                    no = no.or(&v.no);
                }
                Verdicts { yes, no }
            }
            Cond::Any(parts) => {
                let mut yes = Sheet::empty(words);
                let mut no = Sheet::constant(&self.everyone);
                for r in parts {
                    let v = self.rule_by(r, region, wait, by);
                    yes = yes.or(&v.yes);
                    no = no.and(&v.no);
                }
                Verdicts { yes, no }
            }
            Cond::Not(r) => {
                let v = self.rule_by(r, region, wait, by);
                Verdicts {
                    yes: v.no,
                    no: v.yes,
                }
            }
            Cond::Age {
                from,
                before,
                judged,
                ..
            } => {
                let shift = match judged {
                    AgeJudged::OnReferral => 0,
                    AgeJudged::WhenSeen => -wait,
                };
                let days = Days::range(from.map(i64::from), before.map(i64::from)).shift(shift);
                Verdicts {
                    yes: Sheet::on(&days, &self.everyone),
                    no: Sheet::on(&days.complement(), &self.everyone),
                }
            }
            Cond::Adversities { .. } | Cond::Fact { .. } => {
                match self.masks.get(&address(rule)) {
                    Some((yes, no)) => Verdicts {
                        yes: Sheet::constant(yes),
                        no: Sheet::constant(no),
                    },
                    // Every clause of the pathway was prepared; a clause
                    // from elsewhere is unknown for everyone.
                    None => Verdicts {
                        yes: Sheet::empty(words),
                        no: Sheet::empty(words),
                    },
                }
            }
            Cond::ReferredFrom(allowed) => {
                let everyone = || Sheet::constant(&self.everyone);
                match by {
                    None if *allowed == Referrer::EVERYONE => Verdicts {
                        yes: everyone(),
                        no: Sheet::empty(words),
                    },
                    None => Verdicts {
                        yes: Sheet::empty(words),
                        no: Sheet::empty(words),
                    },
                    Some(r) if allowed & r.bit() != 0 => Verdicts {
                        yes: everyone(),
                        no: Sheet::empty(words),
                    },
                    Some(_) => Verdicts {
                        yes: Sheet::empty(words),
                        no: everyone(),
                    },
                }
            }
            Cond::Region(regions) => {
                let inside = regions
                    .iter()
                    .any(|&r| self.pathway.regions.contains(r, region));
                let (yes, no) = if inside {
                    (Sheet::constant(&self.everyone), Sheet::empty(words))
                } else {
                    (Sheet::empty(words), Sheet::constant(&self.everyone))
                };
                Verdicts { yes, no }
            }
        }
    }

    /// The (arrival day, kind) cells on which `service` accepts a family of
    /// `region`: it serves the region and its rule is yes, with the wait
    /// of `waits` for clauses judged when seen.
    pub(crate) fn accepts(&self, service: ServiceId, region: RegionId, waits: WaitKind) -> Sheet {
        self.accepts_by(service, region, waits, None)
    }

    /// As [`Judge::accepts`], referred by `by`.
    pub(crate) fn accepts_by(
        &self,
        service: ServiceId,
        region: RegionId,
        waits: WaitKind,
        by: Option<Referrer>,
    ) -> Sheet {
        let words = self.space.words;
        let Some(s) = self.pathway.svc(service) else {
            return Sheet::empty(words);
        };
        if !self.pathway.regions.served(region, &s.regions) {
            return Sheet::empty(words);
        }
        self.rule_accepts_by(service, region, waits, by)
    }

    /// As [`Judge::accepts`], the region served or not: the service's rule
    /// alone.
    pub(crate) fn rule_accepts(
        &self,
        service: ServiceId,
        region: RegionId,
        waits: WaitKind,
    ) -> Sheet {
        self.rule_accepts_by(service, region, waits, None)
    }

    /// As [`Judge::rule_accepts`], referred by `by`.
    pub(crate) fn rule_accepts_by(
        &self,
        service: ServiceId,
        region: RegionId,
        waits: WaitKind,
        by: Option<Referrer>,
    ) -> Sheet {
        let Some(s) = self.pathway.svc(service) else {
            return Sheet::empty(self.space.words);
        };
        let wait = match waits {
            WaitKind::Typical => s.wait_typical,
            WaitKind::Pessimistic => s.wait_pessimistic,
        };
        s.rule.as_ref().map_or_else(
            || Sheet::constant(&self.everyone),
            |r| self.rule_by(r, region, i64::from(wait), by).yes,
        )
    }

    /// The (day the referrer sees the family, kind) cells on which the
    /// referral on graph edge `edge` may be made for a family of `region`
    /// (the service making it is who refers, for a `referred_from` clause).
    pub(crate) fn referral_open(&self, edge: EdgeIndex, region: RegionId) -> Sheet {
        match self.pathway.referral_of(edge) {
            None => Sheet::empty(self.space.words),
            Some(r) => r.when.as_ref().map_or_else(
                || Sheet::constant(&self.everyone),
                |w| {
                    let by = self.pathway.svc(r.from).map(|s| Referrer::of(s.tier));
                    self.rule_by(w, region, 0, by).yes
                },
            ),
        }
    }

    /// For one class (a region and a kind): the arrival days on which
    /// `service` accepts the family.
    #[allow(dead_code)] // The layer's API for the lints; exercised by the layer's tests.
    pub(crate) fn service_days(
        &self,
        service: ServiceId,
        region: RegionId,
        kind: usize,
        waits: WaitKind,
    ) -> Days {
        self.accepts(service, region, waits).days_of(kind)
    }

    /// For one class: the days, seen by the referrer, on which the referral
    /// on `edge` may be made.
    #[allow(dead_code)] // The layer's API for the lints; exercised by the layer's tests.
    pub(crate) fn referral_days(&self, edge: EdgeIndex, region: RegionId, kind: usize) -> Days {
        self.referral_open(edge, region).days_of(kind)
    }
}
