//! Referrals no family can use, and their special case, the age cliff.
//!
//! - **Age cliff** (L0107): a referral whose families — all those the
//!   source accepts (from anyone who can bring a family to it: itself as
//!   an entry, the tier of each service referring to it; from anyone when
//!   no one can) and the condition lets through — each arrive at an age
//!   the target, judged with the source as referrer, does not accept,
//!   while the target does accept their kind at some other age.
//! - **Unusable referral** (L0106): no age cliff, the source is reached,
//!   and no walk passes along the referral (from [`super::reach`]).
//!
//! The cliff is judged per class of leaf regions that the source serves;
//! classes whose source acceptance, condition and target acceptance are
//! the same sheets give the same answer and are judged once.
//!
//! Complexity: per referral, O(distinct (acceptance, condition, target)
//! triples × p · w), p pieces and w words; charged to the work budget.

use petgraph::graph::EdgeIndex;
use petgraph::visit::EdgeRef;

use super::super::finding::Raw;
use super::plane::{FIRST_DAY, Plane, Stopped, WAITS, Work, wait_of};
use super::reach::Reach;
use crate::age::describe;
use crate::analysis::days::{Days, NEG_INF, POS_INF};
use crate::analysis::sheet::Sheet;
use crate::analysis::ways::referrer_of;

/// `age-cliff` and `unusable-referral` on every referral.
pub(super) fn referrals(
    plane: &Plane<'_>,
    reach: &Reach,
    work: &mut Work,
    out: &mut Vec<Raw>,
) -> Result<(), Stopped> {
    let p = plane.pathway;
    for edge in p.graph.edge_references() {
        let (s, t) = (edge.source().index(), edge.target().index());
        let Some(referral) = p.referral_of(edge.id()) else {
            continue;
        };
        let (Some(from), Some(to)) = (p.services.get(s), p.services.get(t)) else {
            continue;
        };
        let ptr = format!("/referrals/{}", referral.doc_index);
        if let Some(raw) = age_cliff(plane, edge.id(), &ptr, work)? {
            out.push(raw);
            continue;
        }
        if !reach.reached.get(s).copied().unwrap_or(false) {
            continue; // the source's own finding says it
        }
        if !reach.used.get(edge.id().index()).copied().unwrap_or(false) {
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
    Ok(())
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

/// The address of a sheet of the plane: equal addresses, equal sheets.
fn address(sheet: Option<&Sheet>) -> usize {
    sheet.map_or(0, |s| std::ptr::from_ref(s) as usize)
}

/// The age cliff on one referral, if there is one: every family the
/// source accepts (that the condition lets through) arrives at an age the
/// target refuses, while it accepts families of that kind at another age.
fn age_cliff(
    plane: &Plane<'_>,
    edge: EdgeIndex,
    ptr: &str,
    work: &mut Work,
) -> Result<Option<Raw>, Stopped> {
    let p = plane.pathway;
    let Some(referral) = p.referral_of(edge) else {
        return Ok(None);
    };
    let (Some(from), Some(to)) = (p.svc(referral.from), p.svc(referral.to)) else {
        return Ok(None);
    };
    let (s, t) = (referral.from.index(), referral.to.index());
    let mut arrivals = Days::empty();
    let mut accepted = Days::empty();
    let mut example = None;
    let mut judged: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (c, class) in plane.classes.iter().enumerate() {
        if !class.serves(s) {
            continue;
        }
        for (w, waits) in WAITS.into_iter().enumerate() {
            let (Some(source), Some(condition)) =
                (plane.accepts_any(s, c, waits), plane.open(edge, c))
            else {
                continue;
            };
            let target = referrer_of(p, s).and_then(|by| plane.accepts_by(t, c, waits, by));
            let key = (
                w,
                address(Some(source)),
                address(Some(condition)),
                address(target),
            );
            if judged.contains(&key) {
                continue;
            }
            judged.push(key);
            work.op(source, condition)?;
            let wait = i64::from(wait_of(from, waits));
            let arrive = condition
                .and_shifted(source, wait)
                .shift(i64::from(referral.delay));
            if arrive.is_empty() {
                continue;
            }
            // Refused for who they are, wherever the target does not serve.
            let Some(target) = target else {
                return Ok(None);
            };
            work.op(&arrive, target)?;
            if arrive.meets(target) {
                return Ok(None);
            }
            let (kinds, days) = kinds_and_days(&arrive, None);
            let (open_kinds, open_days) = kinds_and_days(target, Some(&kinds));
            // Refused for who they are, not for their age: not a cliff.
            if kinds
                .iter()
                .enumerate()
                .any(|(i, &w)| w & !open_kinds.get(i).copied().unwrap_or(0) != 0)
            {
                return Ok(None);
            }
            arrivals = arrivals.union(&days);
            accepted = accepted.union(&open_days);
            if example.is_none() {
                let first = days.first().unwrap_or(0);
                let bits = arrive.at(first);
                let kind = (0..plane.space.kinds)
                    .find(|&k| crate::analysis::sheet::has(bits, k))
                    .unwrap_or(0);
                let received = first - i64::from(referral.delay) - wait;
                example = Some((class.leaf, kind, received, first));
            }
        }
    }
    let Some((region, kind, start, arrive)) = example else {
        return Ok(None);
    };
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
    let profile = plane
        .space
        .profile(p, region, kind, i32::try_from(start).unwrap_or(0));
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
    Ok(Some(raw))
}
