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
//! **Who refers** (`referred_from`) is judged with the referrer of each
//! step, never left unknown: a service's acceptance once per way in
//! (`self` at an entry, the tier of each service referring to it; at most
//! four, one when its rule does not ask), the walks from an entry with
//! `self` and along a referral with the referring service's tier, a
//! referral's condition with the tier of the service making it. A rule
//! never holds (always holds) when it holds for no (every) family
//! whoever refers; which referrers can actually bring a family to a
//! service is the walks' question (`unreachable-service`) and, judged on
//! who refers alone, `referrer-excluded`.
//!
//! - `plane`: leaf regions that nothing tells apart joined into classes,
//!   every rule judged once (per class only where it names a region), and
//!   the work budget;
//! - `rules`: rules that never or always hold, and the clauses that
//!   conflict;
//! - `reach`: who reaches each service and passes along each referral
//!   (walks from the entries, ages on arrival), and the services no family
//!   reaches;
//! - `referrals`: age cliffs and referrals no family can use.
//!
//! **Bounded.** Every sheet operation of every step is charged, in
//! word-steps (one 64-bit word of kinds of one piece of a sheet, and 64 for each operation), to one
//! budget per run, [`LintOptions::semantic_budget`] (default
//! [`SEMANTIC_BUDGET`](crate::lint::SEMANTIC_BUDGET)); a run that spends it makes none of the claims it
//! has not finished and says so (`L0209`): rules are checked first, then
//! reach, then referrals.
//!
//! Kinds are drawn with adversity sets joined (sets no adversity clause
//! tells apart are one kind: the same claims, fewer words per piece; see
//! `analysis::space`).
//!
//! Complexity (a rule that asks who refers counts up to four times, once
//! per way in): O(classes × (referrals × p × w + U × p × w)) for U updates
//! of the reach fixpoint, p pieces (at most 2 · (H + 280) + 2, H the last
//! day any rule changes) and w words of kinds; rules O(rules × size² × p ×
//! w), once when the rule names no region; at most the budget in all.

mod plane;
mod reach;
mod referrals;
mod rules;

use super::finding::{LintOptions, Raw};
use crate::analysis::space::{ProfileSpace, SpaceOptions};
use crate::pathway::Pathway;

pub(super) fn lint_semantic(p: &Pathway, options: &LintOptions, out: &mut Vec<Raw>) {
    // Sets of adversities no clause tells apart are one kind: every claim
    // is the same for each of them (see `ProfileSpace::adversity_mask`).
    let drawn = SpaceOptions {
        join_adversities: true,
        ..SpaceOptions::default()
    };
    let space = match ProfileSpace::new(p, drawn) {
        Ok(space) => space,
        Err(e) => {
            out.push(skipped(&e.to_string()));
            return;
        }
    };
    let mut work = plane::Work::new(options.semantic_budget);
    let stopped = |work: &plane::Work, stage: &str| {
        skipped(&format!(
            "the work budget ({} steps) ran out while checking {stage}",
            work.spent()
        ))
    };
    let Ok(plane) = plane::Plane::new(p, &space, &mut work) else {
        out.push(stopped(&work, "the rules"));
        return;
    };
    if rules::rules(&plane, &mut work, out).is_err() {
        out.push(stopped(&work, "the rules"));
        return;
    }
    let Ok(reach) = reach::reach(&plane, &mut work) else {
        out.push(stopped(&work, "who reaches each service"));
        return;
    };
    reach::services(&plane, &reach, out);
    let mut found = Vec::new();
    if referrals::referrals(&plane, &reach, &mut work, &mut found).is_err() {
        out.push(stopped(&work, "the referrals"));
        return;
    }
    out.extend(found);
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
