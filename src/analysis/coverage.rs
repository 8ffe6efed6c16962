//! Coverage: for every class of family, the exact start days on which it
//! has at least one route to the goal, and the best time to the goal.
//!
//! # Algorithm
//!
//! One search per leaf region, over all kinds of family and all start days
//! at once. Along a fixed simple path every arrival and every seen day is
//! the start day plus a constant, so the set of start cells (day, kind)
//! for which the path is a route is an intersection of shifted sheets:
//! the entry's acceptance, then per referral its condition (shifted by the
//! seen offset) and the next service's acceptance (shifted by the arrival
//! offset). The search is A* over partial simple paths carrying that set:
//!
//! 1. **Backward reachability**, exact over walks: `G_h(n)` is the cells
//!    (arrival day at `n`, kind) from which some walk of at most `h`
//!    referrals, each step accepted and each referral open, reaches a goal
//!    (a goal ends a walk). Simple paths are walks, so a partial path
//!    keeps only the start cells that `G` of its remaining hops allows;
//!    one with none left is dropped.
//! 2. **Best first**: partial paths leave a heap by days so far plus a
//!    lower bound (least waits and delays to a goal, rules ignored), ties
//!    by services' ids; a complete route's time is the same for every
//!    start day. The first route popped for a cell is its best.
//! 3. **Dominance**: a partial path whose start cells are all covered
//!    already is dropped — every route extending it covers only those
//!    cells, later and no sooner.
//!
//! This is exactly `routes`' semantics: simple paths of at most
//! `max_hops` referrals from an entry that accepts the family on the start
//! day, each service judged on arrival (or when seen), each referral's
//! condition on the day the referrer sees the family, only services that
//! serve the family's region, ending at the first goal service.
//!
//! **Who refers.** A `referred_from` clause is judged with the referrer of
//! the step: the entry with `self` (the family comes by itself), every
//! later service with the tier of the service before it, a referral's
//! condition with the tier of the service making it. A service's
//! acceptance is therefore a sheet per *way in* (`self` when it is an
//! entry, the tier of each service referring to it: at most four, one
//! shared sheet when its rule does not ask who refers; see `ways`), and
//! `G_h(n)` above is kept per way in: `G_h(n, v)` = n's acceptance for
//! referrer v ∧ the cells from which, once accepted at n, a walk of at
//! most `h` referrals reaches a goal (computed once per level for n and
//! intersected with each of n's ≤ 4 sheets). A referral i → m reads
//! `G(m, tier(i))`; an entry starts from `G(i, self)`. A rule that does
//! not ask who refers costs what it did; one that asks costs at most four
//! times its sheets.
//!
//! Complexity: per region O(h · (E_r + 4 V_r) · p · w) for the
//! reachability sets (V_r services serving the region; the 4 only for
//! rules that ask who refers) and
//! O(P · d · p · w) for the search, where E_r counts the referrals between
//! services serving the region, P the partial paths examined (bounded by
//! the query's budget, [`COVERAGE_BUDGET`](crate::analysis::COVERAGE_BUDGET)
//! by default, in all), d the out-degree, p the pieces of a sheet
//! (a few per age boundary) and w the words of a set of kinds. Memory:
//! the open partial paths, bounded by [`COVERAGE_MEMORY`] per region.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::rc::Rc;

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};

use crate::error::QueryError;
use crate::model::profile::Profile;
use crate::model::region::RegionId;
use crate::pathway::{Pathway, ServiceId};
use crate::query::prepared::WaitKind;
use crate::query::route::MAX_HOPS;

use super::days::Days;
use super::judge::{Judge, names_region};
use super::query::{COVERAGE_MEMORY, CoverageQuery};
use super::sheet::Sheet;
use super::space::{ProfileSpace, SpaceOptions};
use super::ways::{Acceptance, referrer_of, ways_in};
use crate::document::Referrer;

/// One class of family: a leaf region and a kind (an index into the
/// analysis' kinds: a subset of the tested adversities and a class of
/// each tested fact).
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// let coverage = pathway.coverage(&carepath::CoverageQuery::default())?;
/// let class = coverage.classes().next().ok_or("no class")?;
/// assert_eq!(class.region, "east-city");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Class {
    /// The leaf region's id.
    pub region: String,
    /// The kind's index.
    pub kind: usize,
}

/// What the search found for one leaf region.
#[derive(Debug, Clone)]
pub(crate) struct RegionCoverage {
    pub(crate) region: RegionId,
    /// The covered start cells.
    pub(crate) covered: Sheet,
    /// The cells first covered by routes of each time, soonest first:
    /// (days to goal, cells).
    pub(crate) layers: Vec<(i64, Sheet)>,
    /// The cells neither proven covered nor proven uncovered (the search
    /// stopped at a budget).
    pub(crate) undecided: Sheet,
}

/// Which families of a pathway have a route to the goal, on which start
/// days, and how soon. Built by [`Pathway::coverage`]; see the
/// [module docs](crate::analysis) for what is exact.
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// let coverage = pathway.coverage(&carepath::CoverageQuery::default())?;
/// assert!(coverage.is_complete());
/// for class in coverage.classes() {
///     let days = coverage.covered_days(&class);
///     if let Some(day) = days.first() {
///         let family = coverage.example(&class, day as i32);
///         let q = carepath::RouteQuery::default().limit(1);
///         assert!(!pathway.routes(&family, &q)?.routes.is_empty());
///     }
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Coverage<'p> {
    pub(crate) pathway: &'p Pathway,
    pub(crate) query: CoverageQuery,
    pub(crate) space: ProfileSpace,
    pub(crate) regions: Vec<RegionCoverage>,
    /// Partial routes examined.
    pub(crate) examined: usize,
}

impl Pathway {
    /// Which families have a route to the goal, exactly: every leaf region
    /// × kind of family × start day in the query's range. See the
    /// [module docs](crate::analysis) for the algorithm and its cost.
    ///
    /// # Errors
    /// [`QueryError`] for an unknown goal service or tag, a goal no service
    /// matches, a hop limit or age range out of range, or a pathway whose
    /// rules tell apart more than [`MAX_KINDS`](crate::MAX_KINDS) kinds of
    /// family. A rule that asks who refers (`referred_from`) is judged
    /// exactly, with the referrer of each step (see the module docs).
    ///
    /// ```
    /// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
    /// let coverage = pathway.coverage(&carepath::CoverageQuery::default())?;
    /// assert!(coverage.is_complete());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn coverage(&self, query: &CoverageQuery) -> Result<Coverage<'_>, QueryError> {
        if query.max_hops == 0 || query.max_hops > MAX_HOPS {
            return Err(QueryError::OutOfRange(format!(
                "max_hops {} is out of range: 1 to {MAX_HOPS} referrals",
                query.max_hops
            )));
        }
        let limit = crate::age::MAX_DAYS;
        if query.from_age_days >= query.before_age_days
            || query.from_age_days < -limit
            || query.before_age_days > limit
        {
            return Err(QueryError::OutOfRange(format!(
                "ages {}..{} are out of range: give from < before, within 150 years",
                query.from_age_days, query.before_age_days
            )));
        }
        let space = ProfileSpace::new(
            self,
            SpaceOptions {
                missing_facts: query.missing_facts,
                ..SpaceOptions::default()
            },
        )?;
        self.coverage_in(space, query)
    }

    /// [`Pathway::coverage`] over a given profile space (checked query).
    pub(crate) fn coverage_in(
        &self,
        space: ProfileSpace,
        query: &CoverageQuery,
    ) -> Result<Coverage<'_>, QueryError> {
        let goals = self.goal_services(query.goal.as_ref())?;
        let range = Days::range(
            Some(i64::from(query.from_age_days)),
            Some(i64::from(query.before_age_days)),
        );
        let judge = Judge::new(self, &space);
        let mut goal = vec![false; self.services.len()];
        for g in goals.iter() {
            if let Some(x) = goal.get_mut(g.index()) {
                *x = true;
            }
        }
        let mut spent = 0usize;
        let ways = ways_in(self);
        let shared = Shared::new(&judge, query.waits, space.leaves.first().copied(), &ways);
        let within = Within {
            judge: &judge,
            shared: &shared,
            ways: &ways,
            goal: &goal,
            query,
            range: &range,
        };
        let regions = space
            .leaves
            .iter()
            .map(|&r| search(&within, r, &mut spent))
            .collect();
        Ok(Coverage {
            pathway: self,
            query: query.clone(),
            space,
            regions,
            examined: spent,
        })
    }
}

/// One service of the region's graph, as the search sees it.
struct Local<'s> {
    /// Arrival cells it accepts, per way in.
    accepts: Cow<'s, Acceptance>,
    wait: i64,
    /// Referrals out: (target, delay, cells seen on which it is open, the
    /// index of the target's acceptance for this service as referrer).
    out: Vec<(usize, i64, Cow<'s, Sheet>, usize)>,
}

/// What every region's search reads.
struct Within<'a, 'p> {
    judge: &'a Judge<'p>,
    shared: &'a Shared,
    /// Per service: its ways in (bits of referrers).
    ways: &'a [u8],
    goal: &'a [bool],
    query: &'a CoverageQuery,
    range: &'a Days,
}

/// What every region's search shares: the verdicts of rules that name no
/// region, judged once.
struct Shared {
    /// Per service: where its rule accepts, per way in (`None` when it
    /// names a region).
    rules: Vec<Option<Acceptance>>,
    /// Per referral (graph edge): where its condition opens it.
    opens: Vec<Option<Sheet>>,
}

impl Shared {
    fn new(judge: &Judge<'_>, waits: WaitKind, region: Option<RegionId>, ways: &[u8]) -> Self {
        let p = judge.pathway;
        let Some(any) = region else {
            return Self {
                rules: Vec::new(),
                opens: Vec::new(),
            };
        };
        let rules = p
            .services
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let id = ServiceId(u32::try_from(i).ok()?);
                let ways = ways.get(i).copied().unwrap_or(0);
                (!s.rule.as_ref().is_some_and(names_region))
                    .then(|| Acceptance::judge(judge, id, any, waits, ways))
            })
            .collect();
        let opens = p
            .graph
            .edge_indices()
            .map(|e| {
                let r = p.referral_of(e)?;
                (!r.when.as_deref().is_some_and(names_region)).then(|| judge.referral_open(e, any))
            })
            .collect();
        Self { rules, opens }
    }
}

/// A partial route in the heap.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Open {
    key: i64,
    path: Vec<u32>,
    /// Index of its start cells in the arena.
    cells: usize,
    /// Seen offset of the last service.
    offset: i64,
}

/// The search for one leaf region; see the module docs.
fn search(within: &Within<'_, '_>, region: RegionId, spent: &mut usize) -> RegionCoverage {
    let Within {
        judge,
        shared,
        ways,
        goal,
        query,
        range,
    } = *within;
    let p = judge.pathway;
    let words = judge.space.words;
    let everyone = Sheet::on(range, &judge.everyone);
    let is_goal = |n: usize| goal.get(n).copied().unwrap_or(false);
    // Services serving the region, with their acceptance.
    let n = p.services.len();
    let mut local: Vec<Option<Local<'_>>> = (0..n).map(|_| None).collect();
    for (i, slot) in local.iter_mut().enumerate() {
        let Ok(id) = u32::try_from(i) else { continue };
        if !p
            .services
            .get(i)
            .is_some_and(|s| p.regions.served(region, &s.regions))
        {
            continue;
        }
        let accepts = match shared.rules.get(i) {
            Some(Some(sheets)) => Cow::Borrowed(sheets),
            _ => Cow::Owned(Acceptance::judge(
                judge,
                ServiceId(id),
                region,
                query.waits,
                ways.get(i).copied().unwrap_or(0),
            )),
        };
        if accepts.is_empty() {
            continue;
        }
        let wait = p.services.get(i).map_or(0, |s| match query.waits {
            WaitKind::Typical => s.wait_typical,
            WaitKind::Pessimistic => s.wait_pessimistic,
        });
        *slot = Some(Local {
            accepts,
            wait: i64::from(wait),
            out: Vec::new(),
        });
    }
    for i in 0..n {
        if is_goal(i) || local.get(i).is_none_or(Option::is_none) {
            continue;
        }
        let mut out = Vec::new();
        let by = referrer_of(p, i).unwrap_or(Referrer::Universal);
        for e in p.graph.edges(NodeIndex::new(i)) {
            let m = e.target().index();
            if m == i {
                continue;
            }
            // The target's acceptance with this service as referrer.
            let Some((v, accepted)) = local
                .get(m)
                .and_then(Option::as_ref)
                .and_then(|lm| lm.accepts.index(by).map(|v| (v, lm.accepts.sheets.get(v))))
            else {
                continue;
            };
            if accepted.is_none_or(Sheet::is_empty) {
                continue;
            }
            let open = match shared.opens.get(e.id().index()) {
                Some(Some(sheet)) => Cow::Borrowed(sheet),
                _ => Cow::Owned(judge.referral_open(e.id(), region)),
            };
            if !open.is_empty() {
                out.push((m, i64::from(p.delay(e.id())), open, v));
            }
        }
        if let Some(Some(l)) = local.get_mut(i) {
            l.out = out;
        }
    }
    // Backward reachability over walks: reach[h][n][v], the cells of
    // arrival at n on which n accepts a family brought by a referrer of
    // its acceptance sheet v and some walk of at most h more referrals
    // reaches a goal. A level shares the previous level's sheets for every
    // service none of whose successors changed.
    let hops = query.max_hops;
    let served: Vec<usize> = (0..n)
        .filter(|&i| local.get(i).is_some_and(Option::is_some))
        .collect();
    let none: Rc<Vec<Sheet>> = Rc::new(Vec::new());
    let mut reach: Vec<Vec<Rc<Vec<Sheet>>>> = Vec::with_capacity(hops + 1);
    let mut first: Vec<Rc<Vec<Sheet>>> = vec![Rc::clone(&none); n];
    let mut changed = vec![false; n];
    for &i in &served {
        if let (Some(Some(l)), Some(slot)) = (local.get(i), first.get_mut(i)) {
            if is_goal(i) {
                *slot = Rc::new(l.accepts.sheets.clone());
                if let Some(c) = changed.get_mut(i) {
                    *c = true;
                }
            }
        }
    }
    reach.push(first);
    for _ in 1..=hops {
        let Some(prev) = reach.last() else { break };
        let mut next = prev.clone();
        let mut now_changed = vec![false; n];
        for &i in &served {
            let Some(Some(l)) = local.get(i) else {
                continue;
            };
            if is_goal(i) || !l.out.iter().any(|(m, ..)| changed.get(*m) == Some(&true)) {
                continue;
            }
            let mut onward = Sheet::empty(words);
            for (m, delay, open, v) in &l.out {
                let Some(g) = prev.get(*m).and_then(|g| g.get(*v)) else {
                    continue;
                };
                if g.is_empty() {
                    continue;
                }
                onward = onward.or(&open.and_shifted(g, -delay));
            }
            let sheets: Vec<Sheet> = l
                .accepts
                .sheets
                .iter()
                .map(|a| a.and_shifted(&onward, -l.wait))
                .collect();
            if let (Some(slot), Some(c)) = (next.get_mut(i), now_changed.get_mut(i)) {
                if **slot != sheets {
                    *slot = Rc::new(sheets);
                    *c = true;
                }
            }
        }
        reach.push(next);
        changed = now_changed;
    }
    let can = |h: usize, m: usize, v: usize| reach.get(h)?.get(m)?.get(v);
    // Lower bounds on days from being seen at a service to being seen by a goal.
    let bound = lower_bounds(&local, goal);
    let mut covered = Sheet::empty(words);
    let mut layers: Vec<(i64, Sheet)> = Vec::new();
    let mut heap: BinaryHeap<Reverse<Open>> = BinaryHeap::new();
    let mut arena: Vec<Option<Sheet>> = Vec::new();
    let mut live_bytes = 0usize;
    for (i, l) in local.iter().enumerate() {
        let Some(l) = l else { continue };
        if !p.services.get(i).is_some_and(|s| s.entry) {
            continue;
        }
        // The first step: the family comes by itself.
        let Some(g) = l
            .accepts
            .index(Referrer::SelfReferral)
            .and_then(|v| can(hops, i, v))
        else {
            continue;
        };
        let cells = everyone.and(g);
        let Some(&b) = bound.get(i) else { continue };
        if cells.is_empty() || b == i64::MAX {
            continue;
        }
        live_bytes += cells.bytes();
        heap.push(Reverse(Open {
            key: l.wait.saturating_add(b),
            path: vec![i as u32],
            cells: arena.len(),
            offset: l.wait,
        }));
        arena.push(Some(cells));
    }
    let mut stopped = false;
    while let Some(Reverse(open)) = heap.pop() {
        let Some(cells) = arena.get_mut(open.cells).and_then(Option::take) else {
            continue;
        };
        live_bytes = live_bytes.saturating_sub(cells.bytes());
        *spent += 1;
        if *spent > query.budget || live_bytes > COVERAGE_MEMORY {
            if let Some(slot) = arena.get_mut(open.cells) {
                *slot = Some(cells);
            }
            stopped = true;
            break;
        }
        if cells.is_subset_of(&covered) {
            continue;
        }
        let Some(&last) = open.path.last() else {
            continue;
        };
        let last = last as usize;
        if is_goal(last) {
            let new = cells.and_not(&covered);
            covered = covered.or(&new);
            layers.push((open.offset, new));
            continue;
        }
        let used = open.path.len() - 1;
        if used >= hops {
            continue;
        }
        let Some(Some(l)) = local.get(last) else {
            continue;
        };
        for (m, delay, referral, v) in &l.out {
            if open.path.iter().any(|&x| x as usize == *m) {
                continue;
            }
            let (Some(g), Some(Some(lm)), Some(&b)) =
                (can(hops - used - 1, *m, *v), local.get(*m), bound.get(*m))
            else {
                continue;
            };
            if b == i64::MAX {
                continue;
            }
            let arrival = open.offset.saturating_add(*delay);
            let next = cells
                .and_shifted(referral, -open.offset)
                .and_shifted(g, -arrival);
            if next.is_empty() || next.is_subset_of(&covered) {
                continue;
            }
            let offset = arrival.saturating_add(lm.wait);
            let mut path = open.path.clone();
            path.push(*m as u32);
            live_bytes += next.bytes();
            heap.push(Reverse(Open {
                key: offset.saturating_add(b),
                path,
                cells: arena.len(),
                offset,
            }));
            arena.push(Some(next));
        }
    }
    let undecided = if stopped {
        let mut open = Sheet::empty(words);
        for cells in arena.iter().flatten() {
            open = open.or(cells);
        }
        open.and_not(&covered)
    } else {
        Sheet::empty(words)
    };
    RegionCoverage {
        region,
        covered,
        layers,
        undecided,
    }
}

/// Least days from being seen at each service to being seen by a goal
/// (waits and delays only; `i64::MAX` where no goal is reachable): a
/// reverse Dijkstra. O(E log V).
fn lower_bounds(local: &[Option<Local<'_>>], goal: &[bool]) -> Vec<i64> {
    let n = local.len();
    let mut incoming: Vec<Vec<(usize, i64)>> = vec![Vec::new(); n];
    for (i, l) in local.iter().enumerate() {
        let Some(l) = l else { continue };
        for (m, delay, ..) in &l.out {
            let wait = local.get(*m).and_then(Option::as_ref).map_or(0, |x| x.wait);
            if let Some(v) = incoming.get_mut(*m) {
                v.push((i, delay.saturating_add(wait)));
            }
        }
    }
    let mut best = vec![i64::MAX; n];
    let mut heap = BinaryHeap::new();
    for (i, b) in best.iter_mut().enumerate() {
        if goal.get(i).copied().unwrap_or(false) && local.get(i).is_some_and(Option::is_some) {
            *b = 0;
            heap.push(Reverse((0i64, i)));
        }
    }
    while let Some(Reverse((d, u))) = heap.pop() {
        if best.get(u).is_some_and(|&b| b < d) {
            continue;
        }
        for &(p, cost) in incoming.get(u).map_or(&[][..], Vec::as_slice) {
            let nd = d.saturating_add(cost);
            if let Some(b) = best.get_mut(p) {
                if nd < *b {
                    *b = nd;
                    heap.push(Reverse((nd, p)));
                }
            }
        }
    }
    best
}

impl Coverage<'_> {
    /// Whether every cell is decided: no budget stopped the search.
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.regions.iter().all(|r| r.undecided.is_empty())
    }

    /// Partial routes the search examined, over all regions.
    #[must_use]
    pub fn examined(&self) -> usize {
        self.examined
    }

    /// The query this coverage answers.
    #[must_use]
    pub fn query(&self) -> &CoverageQuery {
        &self.query
    }

    /// How many kinds of family each region has.
    #[must_use]
    pub fn kinds(&self) -> usize {
        self.space.kinds
    }

    /// Every class: leaf regions in id order, then kinds.
    pub fn classes(&self) -> impl Iterator<Item = Class> + '_ {
        self.space.leaves.iter().flat_map(move |&r| {
            (0..self.space.kinds).map(move |kind| Class {
                region: self.pathway.regions.id(r).to_owned(),
                kind,
            })
        })
    }

    pub(crate) fn region_of(&self, class: &Class) -> Option<&RegionCoverage> {
        let r = self.pathway.regions.get(&class.region)?;
        self.regions.iter().find(|x| x.region == r)
    }

    /// The start days (within the query's range) on which a family of
    /// `class` has at least one route to the goal.
    #[must_use]
    pub fn covered_days(&self, class: &Class) -> Days {
        self.region_of(class)
            .map(|r| r.covered.days_of(class.kind))
            .unwrap_or_default()
    }

    /// The start days on which it is not known (the search stopped at a
    /// budget before deciding them).
    #[must_use]
    pub fn undecided_days(&self, class: &Class) -> Days {
        self.region_of(class)
            .map(|r| r.undecided.days_of(class.kind))
            .unwrap_or_default()
    }

    /// The best days to the goal for a family of `class` starting on `day`
    /// (when the goal service sees them), or `None` without a route.
    #[must_use]
    pub fn best_days(&self, class: &Class, day: i32) -> Option<i64> {
        let r = self.region_of(class)?;
        r.layers
            .iter()
            .find(|(_, cells)| super::sheet::has(cells.at(i64::from(day)), class.kind))
            .map(|(d, _)| *d)
    }

    /// A family of `class` aged `day` days: its adversities and facts as
    /// the class fixes them (untested adversities absent, untested facts
    /// not given).
    #[must_use]
    pub fn example(&self, class: &Class, day: i32) -> Profile {
        match self.pathway.regions.get(&class.region) {
            Some(r) => self.space.profile(self.pathway, r, class.kind, day),
            None => Profile::new().age_days(day),
        }
    }
}
