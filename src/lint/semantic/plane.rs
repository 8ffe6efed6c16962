//! The profile space as the semantic lints walk it: leaf regions that no
//! service and no region clause tells apart are one class; each service's
//! acceptance and each referral's condition is judged once (once for every
//! class when its rule names no region, else once per class that needs
//! it); and every loop over the pathway draws on one work budget.
//!
//! **Who refers.** A rule that asks who refers (`referred_from`) is judged
//! with the referrer of the step it is used on, never with the referrer
//! unknown: a service's acceptance once per *way in* (`self` when it is an
//! entry, the tier of each service with a referral to it: at most four),
//! shared by every way in when its rule does not ask; a referral's
//! condition with the tier of the service making it. The union over its
//! ways in is what a service accepts from anyone who can bring a family
//! (the age cliff's source).
//!
//! Two leaves of one class get the same verdict from every rule (the only
//! clause that looks at the region is `region`, and the class fixes each
//! such clause's answer) and are served by the same services, so every
//! claim about one holds for the other: judging per class is exact.
//!
//! Complexity: O(leaves × (Σ regions of services + Σ region clauses)) to
//! draw the classes; O(Σ rule sizes² × words) to judge the rules once,
//! times the classes for rules that name a region.

use std::collections::HashSet;

use petgraph::graph::EdgeIndex;

use crate::analysis::days::Days;
use crate::analysis::judge::{Judge, names_region};
use crate::analysis::sheet::{Sheet, set};
use crate::analysis::space::ProfileSpace;
use crate::analysis::ways::{referrer_of, ways_in};
use crate::document::{AgeJudged, Referrer};
use crate::model::region::RegionId;
use crate::model::rules::Cond;
use crate::pathway::Pathway;
use crate::query::prepared::WaitKind;

/// The first day a family exists: the start of pregnancy.
pub(super) const FIRST_DAY: i64 = -(crate::age::PREGNANCY_DAYS as i64);

/// The two wait kinds every claim is checked at.
pub(super) const WAITS: [WaitKind; 2] = [WaitKind::Typical, WaitKind::Pessimistic];

/// The word-steps every sheet operation is charged on top of its words:
/// small operations cost about as much as 64 words each (measured: without
/// it, the national pathway's 2 s of walks were charged 2 · 10⁷ steps).
pub(super) const OP_STEPS: u64 = 64;

/// The work budget ran out: the claims are not made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stopped;

/// Work done so far, in *word-steps*: one 64-bit word of kinds of one
/// piece of a sheet, read or written by an operation.
#[derive(Debug, Clone)]
pub(super) struct Work {
    spent: u64,
    limit: u64,
}

impl Work {
    pub(super) const fn new(limit: u64) -> Self {
        Self { spent: 0, limit }
    }

    /// Charges `steps` word-steps; `Err` once past the limit.
    pub(super) fn charge(&mut self, steps: u64) -> Result<(), Stopped> {
        self.spent = self.spent.saturating_add(steps);
        if self.spent > self.limit {
            Err(Stopped)
        } else {
            Ok(())
        }
    }

    /// Charges an operation reading `a` and `b`: its words, and
    /// [`OP_STEPS`] for what every operation costs however small (building
    /// the result, allocating it).
    pub(super) fn op(&mut self, a: &Sheet, b: &Sheet) -> Result<(), Stopped> {
        let pieces = a.pieces().saturating_add(b.pieces());
        let words = a.words().max(b.words());
        let steps = u64::try_from(pieces.saturating_mul(words)).unwrap_or(u64::MAX);
        self.charge(steps.saturating_add(OP_STEPS))
    }

    /// The word-steps spent.
    pub(super) const fn spent(&self) -> u64 {
        self.spent
    }
}

/// Leaf regions that no service and no region clause tells apart.
#[derive(Debug, Clone)]
pub(super) struct Class {
    /// The first leaf of the class, in the space's order: its example.
    pub(super) leaf: RegionId,
    /// The services serving it, ascending.
    pub(super) served: Vec<usize>,
    /// The same, as a bit set by service index.
    serves: Vec<u64>,
}

impl Class {
    /// Whether service `s` serves the class. O(1).
    pub(super) fn serves(&self, s: usize) -> bool {
        crate::analysis::sheet::has(&self.serves, s)
    }
}

/// A rule judged: for everyone, once for every class, or per class (where
/// computed; `None` where it never needs to be).
#[derive(Debug, Clone)]
enum Judged {
    Everyone,
    Same(Sheet),
    ByClass(Vec<Option<Sheet>>),
}

/// A service's acceptance at one wait kind, per way in.
#[derive(Debug, Clone)]
struct Accept {
    /// Per referrer (in [`Referrer::ALL`] order): its verdict in `judged`.
    by: [Option<usize>; 4],
    /// The distinct verdicts, then their union (the last).
    judged: Vec<Judged>,
}

/// The union of two verdicts, class by class.
fn union(a: &Judged, b: &Judged) -> Judged {
    match (a, b) {
        (Judged::Everyone, _) | (_, Judged::Everyone) => Judged::Everyone,
        (Judged::Same(x), Judged::Same(y)) => Judged::Same(x.or(y)),
        (Judged::ByClass(x), Judged::Same(y)) | (Judged::Same(y), Judged::ByClass(x)) => {
            Judged::ByClass(
                x.iter()
                    .map(|c| Some(c.as_ref().map_or_else(|| y.clone(), |c| c.or(y))))
                    .collect(),
            )
        }
        (Judged::ByClass(x), Judged::ByClass(y)) => Judged::ByClass(
            x.iter()
                .zip(y)
                .map(|(c, d)| match (c, d) {
                    (Some(c), Some(d)) => Some(c.or(d)),
                    (Some(c), None) | (None, Some(c)) => Some(c.clone()),
                    (None, None) => None,
                })
                .collect(),
        ),
    }
}

/// The classes and the judged rules; see the module docs.
#[derive(Debug)]
pub(super) struct Plane<'p> {
    pub(super) pathway: &'p Pathway,
    pub(super) space: &'p ProfileSpace,
    pub(super) judge: Judge<'p>,
    /// Every kind, from the first day on.
    pub(super) alive: Sheet,
    /// Every kind on every day.
    everyone: Sheet,
    pub(super) classes: Vec<Class>,
    /// Per service and wait kind: where its rule is yes, among the living,
    /// per way in.
    accept: Vec<[Accept; 2]>,
    /// Per graph edge: where the referral's condition is yes.
    open: Vec<Judged>,
}

/// The word-steps of judging `rule` once: each of its n clauses combines
/// sheets of at most 2a + 2 pieces (a age clauses).
pub(super) fn judge_cost(rule: &Cond, words: usize) -> u64 {
    let (mut clauses, mut ages) = (0u64, 0u64);
    let mut stack = vec![rule];
    while let Some(c) = stack.pop() {
        clauses += 1;
        match c {
            Cond::All(parts) | Cond::Any(parts) => stack.extend(parts),
            Cond::Not(inner) => stack.push(inner),
            Cond::Age { .. } => ages += 1,
            Cond::Adversities { .. }
            | Cond::Fact { .. }
            | Cond::Region(_)
            | Cond::ReferredFrom(_) => {}
        }
    }
    clauses
        .saturating_mul(2 * ages + 2)
        .saturating_mul(u64::try_from(words).unwrap_or(u64::MAX))
        .saturating_add(clauses.saturating_mul(OP_STEPS))
}

/// Whether `rule` has an age clause judged when seen: the only clause
/// whose verdict depends on the service's wait.
pub(super) fn wait_matters(rule: &Cond) -> bool {
    let mut stack = vec![rule];
    while let Some(c) = stack.pop() {
        match c {
            Cond::All(parts) | Cond::Any(parts) => stack.extend(parts),
            Cond::Not(inner) => stack.push(inner),
            Cond::Age { judged, .. } => {
                if *judged == AgeJudged::WhenSeen {
                    return true;
                }
            }
            Cond::Adversities { .. }
            | Cond::Fact { .. }
            | Cond::Region(_)
            | Cond::ReferredFrom(_) => {}
        }
    }
    false
}

/// Every region clause of the pathway's rules.
fn region_clauses(p: &Pathway) -> Vec<&[RegionId]> {
    let mut out = Vec::new();
    let mut stack: Vec<&Cond> = p
        .services
        .iter()
        .filter_map(|s| s.rule.as_ref())
        .chain(p.referrals.iter().filter_map(|r| r.when.as_deref()))
        .collect();
    while let Some(c) = stack.pop() {
        match c {
            Cond::All(parts) | Cond::Any(parts) => stack.extend(parts),
            Cond::Not(inner) => stack.push(inner),
            Cond::Region(list) => out.push(list.as_slice()),
            Cond::Age { .. }
            | Cond::Adversities { .. }
            | Cond::Fact { .. }
            | Cond::ReferredFrom(_) => {}
        }
    }
    out
}

/// The leaves of `space` in classes, in the order of their first leaf.
fn classes(p: &Pathway, space: &ProfileSpace, work: &mut Work) -> Result<Vec<Class>, Stopped> {
    let n = p.services.len();
    let clauses = region_clauses(p);
    let per_leaf: u64 = p
        .services
        .iter()
        .map(|s| s.regions.len())
        .chain(clauses.iter().map(|c| c.len()))
        .sum::<usize>()
        .try_into()
        .unwrap_or(u64::MAX);
    let mut seen: HashSet<(Vec<u64>, Vec<u64>)> = HashSet::new();
    let mut out: Vec<Class> = Vec::new();
    for &leaf in &space.leaves {
        work.charge(per_leaf.saturating_add(1))?;
        let mut serves = vec![0u64; n.div_ceil(64)];
        let mut served = Vec::new();
        for (i, s) in p.services.iter().enumerate() {
            if p.regions.served(leaf, &s.regions) {
                set(&mut serves, i);
                served.push(i);
            }
        }
        let mut inside = vec![0u64; clauses.len().div_ceil(64)];
        for (j, c) in clauses.iter().enumerate() {
            if p.regions.served(leaf, c) {
                set(&mut inside, j);
            }
        }
        if seen.insert((serves.clone(), inside)) {
            out.push(Class {
                leaf,
                served,
                serves,
            });
        }
    }
    Ok(out)
}

impl<'p> Plane<'p> {
    /// Draws the classes and judges every service's rule and referral
    /// condition once per class that needs it. `Err` when `work` runs out.
    pub(super) fn new(
        pathway: &'p Pathway,
        space: &'p ProfileSpace,
        work: &mut Work,
    ) -> Result<Self, Stopped> {
        let judge = Judge::new(pathway, space);
        let alive = Sheet::on(&Days::range(Some(FIRST_DAY), None), &judge.everyone);
        let everyone = Sheet::constant(&judge.everyone);
        let classes = classes(pathway, space, work)?;
        let mut plane = Self {
            pathway,
            space,
            judge,
            alive,
            everyone,
            classes,
            accept: Vec::with_capacity(pathway.services.len()),
            open: Vec::with_capacity(pathway.graph.edge_count()),
        };
        let ways = ways_in(pathway);
        for (i, s) in pathway.services.iter().enumerate() {
            let everyone = || Accept {
                by: [Some(0); 4],
                judged: vec![Judged::Everyone],
            };
            let mut pair = [everyone(), everyone()];
            if let Some(rule) = &s.rule {
                // A service no one can bring a family to: judged for
                // every referrer (what it would accept from anyone).
                let ways = match ways.get(i).copied().unwrap_or(0) {
                    0 => Referrer::EVERYONE,
                    w => w,
                };
                let [typical, pessimistic] = WAITS.map(|w| i64::from(wait_of(s, w)));
                let first = plane.accept_of(rule, i, typical, ways, work)?;
                // The wait moves only clauses judged when seen: without
                // one, both waits give the same verdicts.
                let second = if typical == pessimistic || !wait_matters(rule) {
                    first.clone()
                } else {
                    plane.accept_of(rule, i, pessimistic, ways, work)?
                };
                pair = [first, second];
            }
            plane.accept.push(pair);
        }
        for e in pathway.graph.edge_indices() {
            let when = pathway.referral_of(e).and_then(|r| r.when.as_ref());
            let from = pathway.referral_of(e).map(|r| r.from.index());
            let by = from.and_then(|f| referrer_of(pathway, f));
            let judged = match when {
                None => Judged::Everyone,
                Some(rule) => {
                    plane.judged(rule, 0, by, |c| from.is_some_and(|f| c.serves(f)), work)?
                }
            };
            plane.open.push(judged);
        }
        Ok(plane)
    }

    /// Service `s`'s `rule` at `wait`, judged once when it does not ask
    /// who refers, else once per referrer in `ways`; then the union.
    fn accept_of(
        &self,
        rule: &Cond,
        s: usize,
        wait: i64,
        ways: u8,
        work: &mut Work,
    ) -> Result<Accept, Stopped> {
        let needed = |c: &Class| c.serves(s);
        if !rule.names_referrer() {
            return Ok(Accept {
                by: [Some(0); 4],
                judged: vec![self.judged(rule, wait, None, needed, work)?],
            });
        }
        let mut by = [None; 4];
        let mut judged: Vec<Judged> = Vec::new();
        for (slot, r) in by.iter_mut().zip(Referrer::ALL) {
            if ways & r.bit() == 0 {
                continue;
            }
            *slot = Some(judged.len());
            judged.push(self.judged(rule, wait, Some(r), needed, work)?);
        }
        // The union: one operation per class served, per verdict.
        let mut all: Option<Judged> = None;
        for j in &judged {
            for (c, class) in self.classes.iter().enumerate() {
                if let Some(sheet) = self.pick(j, c).filter(|_| class.serves(s)) {
                    work.op(sheet, sheet)?;
                }
            }
            all = Some(all.map_or_else(|| j.clone(), |a| union(&a, j)));
        }
        judged.push(all.unwrap_or_else(|| Judged::Same(Sheet::empty(self.space.words))));
        Ok(Accept { by, judged })
    }

    /// `rule`'s yes cells (among the living, for acceptance) judged once,
    /// or per class where `needed`.
    fn judged(
        &self,
        rule: &Cond,
        wait: i64,
        by: Option<Referrer>,
        needed: impl Fn(&Class) -> bool,
        work: &mut Work,
    ) -> Result<Judged, Stopped> {
        let cost = judge_cost(rule, self.space.words);
        if !names_region(rule) {
            let Some(first) = self.classes.first() else {
                return Ok(Judged::Same(Sheet::empty(self.space.words)));
            };
            work.charge(cost)?;
            let yes = self
                .judge
                .rule_by(rule, first.leaf, wait, by)
                .yes
                .and(&self.alive);
            return Ok(Judged::Same(yes));
        }
        let mut per = Vec::with_capacity(self.classes.len());
        for class in &self.classes {
            if needed(class) {
                work.charge(cost)?;
                per.push(Some(
                    self.judge
                        .rule_by(rule, class.leaf, wait, by)
                        .yes
                        .and(&self.alive),
                ));
            } else {
                per.push(None);
            }
        }
        Ok(Judged::ByClass(per))
    }

    /// Service `s`'s yes cells at each wait kind, where its rule was
    /// judged once for every class (it names no region) and every referrer
    /// (it does not ask who refers): `rules` reads them instead of judging
    /// the rule again.
    pub(super) fn shared_acceptance(&self, s: usize) -> Option<[&Sheet; 2]> {
        match self.accept.get(s)? {
            [typical, pessimistic] => {
                match (typical.judged.as_slice(), pessimistic.judged.as_slice()) {
                    ([Judged::Same(a)], [Judged::Same(b)]) => Some([a, b]),
                    _ => None,
                }
            }
        }
    }

    /// The yes cells of the condition on `edge`, where it was judged once
    /// for every class (it names no region).
    pub(super) fn shared_condition(&self, edge: EdgeIndex) -> Option<&Sheet> {
        match self.open.get(edge.index())? {
            Judged::Same(sheet) => Some(sheet),
            Judged::Everyone | Judged::ByClass(_) => None,
        }
    }

    fn pick<'a>(&'a self, judged: &'a Judged, class: usize) -> Option<&'a Sheet> {
        match judged {
            Judged::Everyone => Some(&self.alive),
            Judged::Same(sheet) => Some(sheet),
            Judged::ByClass(per) => per.get(class).and_then(Option::as_ref),
        }
    }

    /// Service `s`'s acceptance at `waits`, where it serves class `class`.
    fn accept(&self, s: usize, class: usize, waits: WaitKind) -> Option<&Accept> {
        if !self.classes.get(class)?.serves(s) {
            return None;
        }
        let [typical, pessimistic] = self.accept.get(s)?;
        Some(match waits {
            WaitKind::Typical => typical,
            WaitKind::Pessimistic => pessimistic,
        })
    }

    /// The (arrival day, kind) cells, from the first day on, on which
    /// service `s` accepts a family of class `class` brought by `by` (the
    /// family itself at an entry, else the referring service's tier);
    /// `None` when it does not serve the class or `by` is no way in to it.
    pub(super) fn accepts_by(
        &self,
        s: usize,
        class: usize,
        waits: WaitKind,
        by: Referrer,
    ) -> Option<&Sheet> {
        let accept = self.accept(s, class, waits)?;
        let i = accept.by.get(by as usize).copied().flatten()?;
        self.pick(accept.judged.get(i)?, class)
    }

    /// As [`Plane::accepts_by`], from anyone who can bring a family to it
    /// (every referrer, for a service no one can).
    pub(super) fn accepts_any(&self, s: usize, class: usize, waits: WaitKind) -> Option<&Sheet> {
        let accept = self.accept(s, class, waits)?;
        self.pick(accept.judged.last()?, class)
    }

    /// Every sheet of service `s`'s acceptance in class `class`.
    pub(super) fn acceptances(
        &self,
        s: usize,
        class: usize,
        waits: WaitKind,
    ) -> impl Iterator<Item = &Sheet> {
        self.accept(s, class, waits)
            .into_iter()
            .flat_map(move |a| a.judged.iter().filter_map(move |j| self.pick(j, class)))
    }

    /// Whether `sheet` is the plane's "every kind on every day" (the
    /// condition of a referral without one).
    pub(super) fn is_everyone(&self, sheet: &Sheet) -> bool {
        std::ptr::eq(sheet, &self.everyone)
    }

    /// The (day seen by the referrer, kind) cells on which the referral on
    /// `edge` may be made for a family of class `class` whose referrer
    /// serves it; `None` for an edge the pathway lacks.
    pub(super) fn open(&self, edge: EdgeIndex, class: usize) -> Option<&Sheet> {
        match self.open.get(edge.index())? {
            Judged::Everyone => Some(&self.everyone),
            judged => self.pick(judged, class),
        }
    }
}

/// A service's wait of kind `waits`, in days.
pub(super) fn wait_of(s: &crate::pathway::Service, waits: WaitKind) -> i32 {
    match waits {
        WaitKind::Typical => s.wait_typical,
        WaitKind::Pessimistic => s.wait_pessimistic,
    }
}
