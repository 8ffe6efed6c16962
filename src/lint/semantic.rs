//! Claims about every family, proven over the finite profile space: rules
//! that never hold or always hold, services and goals no family reaches,
//! referrals no family can use, age cliffs.
//!
//! They share the one reasoning about rules of `analysis` (the profile
//! space partitioned into leaf regions × kinds × days, and each rule,
//! service and referral judged there exactly, three-valued as `routes`
//! judges). Families exist from the start of pregnancy (day −280) on; a
//! claim holds for every leaf region, every kind and every such day, at
//! typical and at pessimistic waits.
//!
//! - **Never holds / always holds**: the rule's *yes* cells are empty /
//!   every cell. With facts known: a rule that never holds then never holds
//!   with a fact missing either (Kleene logic is monotone), so the first
//!   claim is exact for every family; the second says "every family that
//!   gives its facts".
//! - **Reach**: the cells (arrival day, kind) in which a family can be at a
//!   service, over *walks* from an entry (each step accepted on arrival,
//!   each referral open on the day seen). Every route is a walk, so a
//!   service with no such cell is reached by no route: the claim is exact.
//!   Past the last day on which any acceptance, referral condition or
//!   life itself changes (the horizon H), all days are alike, so arrival
//!   days past H are merged into one piece: a cycle of referrals, each
//!   turn carrying families older, then ends after a bounded number of
//!   turns instead of adding a piece per turn. The fixpoint is bounded by
//!   [`REACH_BUDGET`] updates; a run that stops there claims nothing and
//!   says so (`L0209`).
//! - **Age cliff**: a referral whose families — all those the source
//!   accepts and the condition lets through — each arrive at an age the
//!   target does not accept, while the target does accept their kind at
//!   some other age.
//!
//! Complexity: per leaf region and wait kind, O(U · p · w) for U sheet
//! updates of the reach fixpoint (at most [`REACH_BUDGET`]), p pieces
//! (at most 2 · (H + 280) + 2) and w words of kinds; rules O(rules × size × p × w), once when the rule
//! names no region.

use std::collections::VecDeque;

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use super::finding::{LintOptions, Raw};
use crate::age::describe;
use crate::analysis::days::{Days, NEG_INF, POS_INF};
use crate::analysis::judge::Judge;
use crate::analysis::sheet::Sheet;
use crate::analysis::space::{ProfileSpace, SpaceOptions};
use crate::model::region::RegionId;
use crate::model::rules::Cond;
use crate::pathway::{Pathway, ServiceId};
use crate::query::prepared::WaitKind;

/// The most sheet updates of the reach fixpoint, per leaf region and wait
/// kind, before the claims that need it are given up.
pub const REACH_BUDGET: usize = 200_000;

/// The first day a family exists: the start of pregnancy.
const FIRST_DAY: i64 = -(crate::age::PREGNANCY_DAYS as i64);

const WAITS: [WaitKind; 2] = [WaitKind::Typical, WaitKind::Pessimistic];

/// What the reach fixpoint found for one region and wait kind: the cells of
/// each service, or `None` when the budget ran out.
type Reach = Option<Vec<Sheet>>;

pub(super) fn lint_semantic(p: &Pathway, _options: &LintOptions, out: &mut Vec<Raw>) {
    let space = match ProfileSpace::new(p, SpaceOptions::default()) {
        Ok(space) => space,
        Err(e) => {
            out.push(skipped(&e.to_string()));
            return;
        }
    };
    let judge = Judge::new(p, &space);
    let alive = Sheet::on(&Days::range(Some(FIRST_DAY), None), &judge.everyone);
    rules(p, &space, &judge, &alive, out);
    // Reach, per region and wait kind.
    let mut reach: Vec<Reach> = Vec::new();
    for &region in &space.leaves {
        for waits in WAITS {
            reach.push(fixpoint(p, &judge, region, waits, &alive));
        }
    }
    if reach.iter().any(Option::is_none) {
        out.push(skipped(&format!(
            "the search for who reaches each service stopped after {REACH_BUDGET} steps in some area"
        )));
        return;
    }
    let reach: Vec<Vec<Sheet>> = reach.into_iter().flatten().collect();
    services(p, &reach, out);
    referrals(p, &space, &judge, &reach, &alive, out);
}

fn skipped(why: &str) -> Raw {
    Raw::new(
        "L0209",
        "",
        format!("the claims about every family were not checked: {why}"),
    )
    .help(Some(
        "no finding of `rule-never-holds`, `unreachable-service`, `unusable-referral`, `age-cliff`, `unreachable-goal` or `rule-always-holds` means nothing here".into(),
    ))
}

/// Whether a rule names a region (else it is judged the same everywhere).
fn names_region(rule: &Cond) -> bool {
    match rule {
        Cond::All(parts) | Cond::Any(parts) => parts.iter().any(names_region),
        Cond::Not(r) => names_region(r),
        Cond::Region(_) => true,
        _ => false,
    }
}

/// The rule's yes cells among living families, per region it is judged in
/// and per wait in `waits`.
fn yes_cells(
    judge: &Judge<'_>,
    space: &ProfileSpace,
    rule: &Cond,
    waits: &[i64],
    alive: &Sheet,
) -> Vec<Sheet> {
    let regions: &[RegionId] = if names_region(rule) {
        &space.leaves
    } else {
        space.leaves.get(..1).unwrap_or_default()
    };
    let mut out = Vec::new();
    for &r in regions {
        for &w in waits {
            out.push(judge.rule(rule, r, w).yes.and(alive));
        }
    }
    out
}

fn rules(p: &Pathway, space: &ProfileSpace, judge: &Judge<'_>, alive: &Sheet, out: &mut Vec<Raw>) {
    let mut subjects: Vec<(&Cond, String, String, Vec<i64>)> = Vec::new();
    for s in &p.services {
        if let Some(rule) = &s.rule {
            let waits = vec![i64::from(s.wait_typical), i64::from(s.wait_pessimistic)];
            subjects.push((
                rule,
                format!("/services/{}/eligibility", s.doc_index),
                s.id.clone(),
                waits,
            ));
        }
    }
    for r in &p.referrals {
        if let (Some(rule), Some(from)) = (&r.when, p.svc(r.from)) {
            subjects.push((
                rule,
                format!("/referrals/{}/when", r.doc_index),
                from.id.clone(),
                vec![0],
            ));
        }
    }
    for (rule, ptr, service, waits) in subjects {
        let cells = yes_cells(judge, space, rule, &waits, alive);
        if cells.iter().all(Sheet::is_empty) {
            let core = conflict(judge, space, rule, &waits, alive);
            let help = if core.len() > 1 {
                format!(
                    "these clauses exclude each other: {}",
                    core.iter()
                        .map(|(_, c)| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(" and ")
                )
            } else {
                "no family meets it at any age".into()
            };
            let mut raw = Raw::new(
                "L0104",
                &ptr,
                format!("this rule of `{service}` can never hold"),
            )
            .help(Some(help))
            .about(&service);
            if let Some((first, _)) = core.first() {
                if core.len() > 1 {
                    raw.example = Some(format!(
                        "conflicting clauses at {}",
                        core.iter()
                            .map(|(i, _)| format!("{ptr}/all/{i}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                } else {
                    raw.example = Some(format!("{ptr}/all/{first}"));
                }
            }
            out.push(raw);
        } else if cells.iter().all(|c| alive.is_subset_of(c)) {
            out.push(
                Raw::new(
                    "L0202",
                    &ptr,
                    format!("this rule of `{service}` holds for every family that gives its facts, at every age"),
                )
                .help(Some("it restricts nothing: remove it, or narrow it to whom it was meant for".into()))
                .about(&service),
            );
        }
    }
}

/// For an `all` that never holds: a smallest set of its clauses that
/// still never holds together (each clause kept is needed), with their
/// indices and descriptions. Deletion-based, O(parts²) rule judgements.
fn conflict(
    judge: &Judge<'_>,
    space: &ProfileSpace,
    rule: &Cond,
    waits: &[i64],
    alive: &Sheet,
) -> Vec<(usize, String)> {
    let Cond::All(parts) = rule else {
        return Vec::new();
    };
    let cells: Vec<Vec<Sheet>> = parts
        .iter()
        .map(|part| {
            // Judged in every leaf, so the cells line up across parts.
            let mut v = Vec::new();
            for &r in &space.leaves {
                for &w in waits {
                    v.push(judge.rule(part, r, w).yes.and(alive));
                }
            }
            v
        })
        .collect();
    let empty_together = |keep: &[usize]| {
        (0..space.leaves.len() * waits.len()).all(|slot| {
            let mut acc = alive.clone();
            for &i in keep {
                if let Some(c) = cells.get(i).and_then(|v| v.get(slot)) {
                    acc = acc.and(c);
                }
            }
            acc.is_empty()
        })
    };
    let mut keep: Vec<usize> = (0..parts.len()).collect();
    for i in 0..parts.len() {
        let without: Vec<usize> = keep.iter().copied().filter(|&k| k != i).collect();
        if empty_together(&without) {
            keep = without;
        }
    }
    keep.into_iter()
        .filter_map(|i| parts.get(i).map(|c| (i, clause(c))))
        .collect()
}

/// A clause in a few words.
fn clause(c: &Cond) -> String {
    match c {
        Cond::All(parts) => format!("all of {} rules", parts.len()),
        Cond::Any(parts) => format!("any of {} rules", parts.len()),
        Cond::Not(inner) => format!("not {}", clause(inner)),
        Cond::Age { texts, .. } => match (&texts.0, &texts.1) {
            (Some(f), Some(b)) => format!("age from {f} before {b}"),
            (Some(f), None) => format!("age from {f}"),
            (None, Some(b)) => format!("age before {b}"),
            (None, None) => "any age".into(),
        },
        Cond::Adversities { test, ids, .. } => {
            let test = match test {
                crate::model::rules::SetTest::AnyOf => "any_of",
                crate::model::rules::SetTest::AllOf => "all_of",
                crate::model::rules::SetTest::NoneOf => "none_of",
            };
            format!("adversities {test} {}", ids.join(", "))
        }
        Cond::Fact { id, .. } => format!("fact {id}"),
        Cond::Region(r) => format!("region ({} listed)", r.len()),
    }
}

/// Walk reachability for one region and wait kind: the (arrival day, kind)
/// cells in which a family can be at each service. `None` past the budget.
fn fixpoint(
    p: &Pathway,
    judge: &Judge<'_>,
    region: RegionId,
    waits: WaitKind,
    alive: &Sheet,
) -> Reach {
    let n = p.services.len();
    let words = judge.space.words;
    let accepts: Vec<Sheet> = (0..n)
        .map(|i| {
            u32::try_from(i).map_or_else(
                |_| Sheet::empty(words),
                |i| judge.accepts(ServiceId(i), region, waits),
            )
        })
        .collect();
    let mut at: Vec<Sheet> = vec![Sheet::empty(words); n];
    let mut queue: VecDeque<usize> = VecDeque::new();
    for e in &p.entry_services {
        if let (Some(slot), Some(acc)) = (at.get_mut(e.index()), accepts.get(e.index())) {
            *slot = acc.and(alive);
            queue.push_back(e.index());
        }
    }
    let open: Vec<Sheet> = p
        .graph
        .edge_indices()
        .map(|e| judge.referral_open(e, region))
        .collect();
    // After the last day on which any acceptance, condition or life
    // changes, every day is alike: arrival days past it are merged, so a
    // cycle of referrals (whose turns carry families ever older) reaches
    // its fixpoint in a bounded number of turns. Exact: every later
    // question asks about a kind on some day, of sheets constant there.
    let horizon = accepts
        .iter()
        .chain(&open)
        .chain([alive])
        .filter_map(Sheet::last_change)
        .max()
        .unwrap_or(FIRST_DAY);
    let mut updates = 0usize;
    while let Some(s) = queue.pop_front() {
        let Some(here) = at.get(s).cloned() else {
            continue;
        };
        if here.is_empty() {
            continue;
        }
        let wait = p.services.get(s).map_or(0, |x| wait_of(x, waits));
        let seen = here.shift(wait);
        for edge in p.graph.edges(NodeIndex::new(s)) {
            let t = edge.target().index();
            let Some(target_accepts) = accepts.get(t) else {
                continue;
            };
            if target_accepts.is_empty() {
                continue;
            }
            let delay = p.referral_of(edge.id()).map_or(0, |r| i64::from(r.delay));
            let Some(condition) = open.get(edge.id().index()) else {
                continue;
            };
            let arrive = seen
                .and(condition)
                .shift(delay)
                .and(target_accepts)
                .merged_after(horizon);
            let Some(slot) = at.get_mut(t) else { continue };
            if !arrive.is_subset_of(slot) {
                *slot = slot.or(&arrive);
                queue.push_back(t);
                updates += 1;
                if updates > REACH_BUDGET {
                    return None;
                }
            }
        }
    }
    Some(at)
}

fn wait_of(s: &crate::pathway::Service, waits: WaitKind) -> i64 {
    i64::from(match waits {
        WaitKind::Typical => s.wait_typical,
        WaitKind::Pessimistic => s.wait_pessimistic,
    })
}

fn services(p: &Pathway, reach: &[Vec<Sheet>], out: &mut Vec<Raw>) {
    // Services a path leads to from an entry, rules ignored.
    let mut linked = vec![false; p.services.len()];
    let mut stack: Vec<NodeIndex> = p.entry_services.clone();
    while let Some(n) = stack.pop() {
        if let Some(l) = linked.get_mut(n.index()) {
            if !*l {
                *l = true;
                stack.extend(p.graph.neighbors(n));
            }
        }
    }
    let goals: std::collections::HashSet<usize> =
        p.goal_services.iter().map(|g| g.index()).collect();
    for (i, s) in p.services.iter().enumerate() {
        let reached = reach
            .iter()
            .any(|r| r.get(i).is_some_and(|c| !c.is_empty()));
        if reached {
            continue;
        }
        let why = if linked.get(i).copied().unwrap_or(false) {
            "every way in is closed by the rules, ages or areas on it"
        } else {
            "no chain of referrals leads to it from an entry service"
        };
        let (code, what) = if goals.contains(&i) {
            ("L0108", "goal service")
        } else {
            ("L0105", "service")
        };
        let mut raw = Raw::new(
            code,
            &format!("/services/{}", s.doc_index),
            format!("no family can reach the {what} `{}`: {why}", s.id),
        )
        .help(Some(if linked.get(i).copied().unwrap_or(false) {
            "compare its rules, ages and regions with those of the services referring to it".into()
        } else {
            "add a referral to it from a service families reach".into()
        }))
        .about(&s.id);
        raw.example = Some(format!("service `{}`", s.id));
        out.push(raw);
    }
}

fn referrals(
    p: &Pathway,
    space: &ProfileSpace,
    judge: &Judge<'_>,
    reach: &[Vec<Sheet>],
    alive: &Sheet,
    out: &mut Vec<Raw>,
) {
    for edge in p.graph.edge_references() {
        let (s, t) = (edge.source().index(), edge.target().index());
        let Some(referral) = p.referral_of(edge.id()) else {
            continue;
        };
        let (Some(from), Some(to)) = (p.services.get(s), p.services.get(t)) else {
            continue;
        };
        let ptr = format!("/referrals/{}", referral.doc_index);
        if let Some(raw) = age_cliff(p, space, judge, edge.id(), alive, &ptr) {
            out.push(raw);
            continue;
        }
        let source_reached = reach
            .iter()
            .any(|r| r.get(s).is_some_and(|c| !c.is_empty()));
        if !source_reached {
            continue; // the source's own finding says it
        }
        let mut used = false;
        'found: for (k, &region) in space.leaves.iter().enumerate() {
            for (w, waits) in WAITS.iter().enumerate() {
                let Some(here) = reach.get(k * WAITS.len() + w).and_then(|r| r.get(s)) else {
                    continue;
                };
                let arrive = here
                    .shift(wait_of(from, *waits))
                    .and(&judge.referral_open(edge.id(), region))
                    .shift(i64::from(referral.delay))
                    .and(&judge.accepts(
                        ServiceId(u32::try_from(t).unwrap_or(u32::MAX)),
                        region,
                        *waits,
                    ));
                if !arrive.is_empty() {
                    used = true;
                    break 'found;
                }
            }
        }
        if !used {
            out.push(
                Raw::new(
                    "L0106",
                    &ptr,
                    format!("no family can use the referral from `{}` to `{}`", from.id, to.id),
                )
                .help(Some("every family who reaches the first is refused by the second, or by the referral's condition, on the day it would arrive".into()))
                .about(&from.id),
            );
        }
    }
}

/// The kinds present anywhere in a sheet, and the days on which any of
/// `kinds` is present. O(pieces · words).
fn kinds_and_days(sheet: &Sheet, kinds: Option<&[u64]>) -> (Vec<u64>, Days) {
    let mut all: Vec<u64> = Vec::new();
    let mut days = Vec::new();
    for (a, b, bits) in sheet.iter() {
        if all.len() < bits.len() {
            all.resize(bits.len(), 0);
        }
        let hit = bits
            .iter()
            .enumerate()
            .any(|(i, &w)| w & kinds.map_or(u64::MAX, |k| k.get(i).copied().unwrap_or(0)) != 0);
        if hit {
            days.push((a, b));
        }
        for (slot, &w) in all.iter_mut().zip(bits) {
            *slot |= w;
        }
    }
    (all, Days::from_sorted(days))
}

/// The age cliff on one referral, if there is one: every family the
/// source accepts (that the condition lets through) arrives at an age the
/// target refuses, while it accepts families of that kind at another age.
fn age_cliff(
    p: &Pathway,
    space: &ProfileSpace,
    judge: &Judge<'_>,
    edge: EdgeIndex,
    alive: &Sheet,
    ptr: &str,
) -> Option<Raw> {
    let referral = p.referral_of(edge)?;
    let (from, to) = (p.svc(referral.from)?, p.svc(referral.to)?);
    let mut arrivals = Days::empty();
    let mut accepted = Days::empty();
    let mut example = None;
    for &region in &space.leaves {
        if !p.regions.served(region, &from.regions) {
            continue;
        }
        for waits in WAITS {
            let arrive = judge
                .accepts(referral.from, region, waits)
                .and(alive)
                .shift(wait_of(from, waits))
                .and(&judge.referral_open(edge, region))
                .shift(i64::from(referral.delay));
            if arrive.is_empty() {
                continue;
            }
            let target = judge.accepts(referral.to, region, waits).and(alive);
            if !arrive.and(&target).is_empty() {
                return None;
            }
            let (kinds, days) = kinds_and_days(&arrive, None);
            let (open_kinds, open_days) = kinds_and_days(&target, Some(&kinds));
            // Refused for who they are, not for their age: not a cliff.
            if kinds
                .iter()
                .enumerate()
                .any(|(i, &w)| w & !open_kinds.get(i).copied().unwrap_or(0) != 0)
            {
                return None;
            }
            arrivals = arrivals.union(&days);
            accepted = accepted.union(&open_days);
            if example.is_none() {
                let first = days.first().unwrap_or(0);
                let bits = arrive.at(first);
                let kind = (0..space.kinds)
                    .find(|&k| crate::analysis::sheet::has(bits, k))
                    .unwrap_or(0);
                let received = first - i64::from(referral.delay) - wait_of(from, waits);
                example = Some((region, kind, received, first));
            }
        }
    }
    let (region, kind, start, arrive) = example?;
    let span = |d: &Days| {
        let lo = d.first().unwrap_or(NEG_INF);
        let hi = d.intervals().last().map_or(POS_INF, |&(_, b)| b);
        let show = |x: i64| i32::try_from(x).map_or_else(|_| "any age".to_owned(), describe);
        match (lo <= NEG_INF, hi >= POS_INF) {
            (_, true) => format!("from {}", show(lo.max(FIRST_DAY))),
            (true, false) => format!("before {}", show(hi)),
            (false, false) => format!("from {} before {}", show(lo), show(hi)),
        }
    };
    let direction = match (arrivals.first(), accepted.first()) {
        (Some(a), Some(b)) if a >= b => "too old",
        _ => "too young",
    };
    let mut raw = Raw::new(
        "L0107",
        ptr,
        format!(
            "age cliff: families referred by `{}` arrive at `{}` aged {}, but it accepts them only {}: every one is {direction} on arrival",
            from.id,
            to.id,
            span(&arrivals),
            span(&accepted)
        ),
    )
    .help(Some(format!("widen the ages of `{}`, or shorten the waits and delay on the way", to.id)))
    .about(&from.id);
    let profile = space.profile(p, region, kind, i32::try_from(start).unwrap_or(0));
    let mut flags = format!("--region {}", p.regions.id(region));
    for a in &profile.adversities {
        flags.push_str(&format!(" --adversity {a}"));
    }
    for (k, v) in &profile.facts {
        flags.push_str(&format!(" --fact {k}={v}"));
    }
    raw.example = Some(format!(
        "a family received by `{}` at {} ({flags}) arrives at `{}` at {}",
        from.id,
        i32::try_from(start).map_or_else(|_| String::new(), describe),
        to.id,
        i32::try_from(arrive).map_or_else(|_| String::new(), describe),
    ));
    Some(raw)
}
