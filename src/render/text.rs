//! Plain-text renderings of answers, for people (a health visitor reading
//! a terminal, a designer reading CI output).
//!
//! May use: `query` and the stages below it.

pub use super::listing::{escape, region_tree, services, terms};

use crate::model::rules::{Explanation, Truth};
use crate::query::eligibility::Verdict;

/// Renders a verdict and its explanation as indented text.
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// let p = carepath::Profile::new().age("26 months")?.region("east");
/// let text = carepath::text::verdict(&pathway.eligibility("imh-east", &p)?);
/// assert!(text.starts_with("imh-east: not eligible"));
/// assert!(text.contains("age on referral 26 months is not before 2 years"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn verdict(v: &Verdict) -> String {
    let head = match v.outcome {
        Truth::Yes => "eligible",
        Truth::No => "not eligible",
        Truth::Unknown => "unknown: the profile lacks facts the rule needs",
    };
    let mut out = format!("{}: {head}\n", escape(&v.service));
    if let Some(from) = &v.referred_from {
        match &from.service {
            Some(id) => out.push_str(&format!(
                "  referred from: `{}` ({})\n",
                escape(id),
                from.referrer.as_str()
            )),
            None => out.push_str("  referred from: the family itself (self)\n"),
        }
    }
    out.push_str(&format!(
        "  {} region: {}\n",
        mark(if v.region.served {
            Truth::Yes
        } else {
            Truth::No
        }),
        escape(&v.region.message)
    ));
    explanation(&v.rule, 1, &mut out);
    out.trim_end().to_owned()
}

fn mark(t: Truth) -> &'static str {
    match t {
        Truth::Yes => "[yes]",
        Truth::No => "[no] ",
        Truth::Unknown => "[?]  ",
    }
}

/// Appends an explanation tree, one clause a line, indented by depth.
pub(crate) fn explanation(e: &Explanation, depth: usize, out: &mut String) {
    out.push_str(&format!(
        "{}{} {}\n",
        "  ".repeat(depth),
        mark(e.outcome),
        escape(&e.message)
    ));
    for p in &e.parts {
        explanation(p, depth + 1, out);
    }
}

/// Renders a route answer for a referrer: each route with its steps, ages
/// and waits and, per step, the one or two clauses that make the service
/// accept the family; routes that differ only in their first contact as
/// one ("start with: A or B"); then what to offer instead when no route
/// reaches a goal, the other reachable services, and each goal service not
/// reached and why.
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
/// let family = carepath::Profile::new().age("3 months")?.region("east");
/// let answer = pathway.routes(&family, &carepath::RouteQuery::default())?;
/// let text = carepath::text::routes(&answer);
/// assert!(text.starts_with("Route 1: seen by Infant mental health team (East) in 7 weeks"));
/// assert!(text.contains("Not offered:"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn routes(answer: &crate::query::route::RouteAnswer) -> String {
    use crate::age::{describe, describe_duration};
    use crate::query::route::{Reason, Step};
    let mut out = String::new();
    if let Some(reason) = &answer.from_refused {
        out.push_str(&format!(
            "The service the family is with does not take them today: {}.\n",
            escape(reason_words(reason).1)
        ));
    }
    if answer.routes.is_empty() {
        let none_here = !answer.not_reached.is_empty()
            && answer
                .not_reached
                .iter()
                .all(|n| matches!(n.reason, Reason::NotInRegion { .. }));
        if none_here {
            out.push_str(
                "No route reaches a goal service for this family: none of them serves the family's area.\n",
            );
        } else {
            out.push_str("No route reaches a goal service for this family today.\n");
        }
        let soonest = answer
            .not_reached
            .iter()
            .filter_map(|n| match &n.reason {
                Reason::NotYet {
                    from_age_days,
                    days_from_today,
                    ..
                } => Some((*from_age_days, *days_from_today, n)),
                _ => None,
            })
            .min_by_key(|x| (x.0, &*x.2.service));
        if let Some((age, wait, n)) = soonest {
            out.push_str(&format!(
                "A route to {} opens from {} (in {}).\n",
                escape(&n.name),
                describe(age),
                describe_duration(wait)
            ));
        }
    }
    // Routes that differ only in their first contact are one option.
    let mut shown: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, r) in answer.routes.iter().enumerate() {
        let same = shown.iter_mut().find(|(j, _)| {
            answer.routes.get(*j).is_some_and(|o| {
                o.steps.len() > 1
                    && o.days_to_goal == r.days_to_goal
                    && o.steps.get(2..) == r.steps.get(2..)
                    && same_but_referrer(o.steps.get(1), r.steps.get(1))
                    && o.steps.first().map(|s| s.seen_age_days)
                        == r.steps.first().map(|s| s.seen_age_days)
            })
        });
        match same {
            Some((_, also)) => also.push(i),
            None => shown.push((i, Vec::new())),
        }
    }
    let around = |s: &Step| {
        s.seen_date
            .map(|d| format!(", around {}", d.written()))
            .unwrap_or_default()
    };
    for (k, (i, also)) in shown.iter().enumerate() {
        let Some(r) = answer.routes.get(*i) else {
            continue;
        };
        let goal = escape(r.steps.last().map_or("", |s| &*s.name));
        let when = r.steps.last().map(around).unwrap_or_default();
        out.push_str(&format!(
            "Route {}: seen by {goal} in {}{when}\n",
            k + 1,
            seen_in(r)
        ));
        for (j, s) in r.steps.iter().enumerate() {
            let mut line = format!("  {}. ", j + 1);
            let name = |s: &Step| format!("{} `{}`", escape(&s.name), escape(&s.service));
            if j == 0 && !also.is_empty() {
                let firsts: Vec<String> = std::iter::once(s)
                    .chain(
                        also.iter()
                            .filter_map(|x| answer.routes.get(*x).and_then(|o| o.steps.first())),
                    )
                    .map(name)
                    .collect();
                line.push_str(&format!("start with: {}", firsts.join(" or ")));
            } else {
                line.push_str(&format!("{} [{}]", name(s), s.tier.as_str()));
            }
            if j == 0 {
                line.push_str(&format!(": now, at {}", describe(s.arrival_age_days)));
            } else {
                line.push_str(&format!(
                    ": referral arrives at {}",
                    describe(s.arrival_age_days)
                ));
                if s.delay_days != 0 {
                    line.push_str(&format!(
                        " (after {})",
                        describe_duration(i64::from(s.delay_days))
                    ));
                }
            }
            if s.wait_days != 0 {
                line.push_str(&format!(
                    ", seen at {}{} (wait {}{})",
                    describe(s.seen_age_days),
                    around(s),
                    describe_duration(i64::from(s.wait_days)),
                    if s.wait_assumed { ", assumed" } else { "" }
                ));
            }
            // The clauses that make it accept the family: the region is
            // the family's own, and an open service needs no reason.
            let everyone = crate::model::rules::Explanation::everyone().message;
            // The second step of an option with several first contacts
            // shows only what holds whichever of them refers.
            let others: Vec<&crate::query::route::Step> = if j == 1 {
                also.iter()
                    .filter_map(|x| answer.routes.get(*x).and_then(|o| o.steps.get(1)))
                    .collect()
            } else {
                Vec::new()
            };
            let why: Vec<_> = s
                .why
                .iter()
                .skip(1)
                .filter(|w| **w != everyone)
                .filter(|w| others.iter().all(|o| o.why.contains(w)))
                .take(2)
                .map(|w| escape(w))
                .collect();
            if !why.is_empty() && (j > 0 || also.is_empty()) {
                line.push_str(&format!("; {}", why.join("; ")));
            }
            out.push_str(&line);
            out.push('\n');
            if j > 0 || also.is_empty() {
                step_details(s, &mut out);
            }
        }
    }
    if !answer.alternatives.is_empty() {
        out.push_str("Instead (the goal is out of reach, see below):\n");
        for a in &answer.alternatives {
            let Some(goal) = a.route.steps.last() else {
                continue;
            };
            let via: Vec<_> = a.route.steps.iter().map(|s| escape(&s.service)).collect();
            out.push_str(&format!(
                "  - {}: {} `{}`, seen in {}{}, via {}\n",
                escape(&a.label),
                escape(&goal.name),
                escape(&goal.service),
                seen_in(&a.route),
                around(goal),
                via.join(" → ")
            ));
        }
    }
    if !answer.also_reachable.is_empty() {
        out.push_str("Also reachable (the best route to each other service):\n");
        for r in &answer.also_reachable {
            let Some(goal) = r.steps.last() else {
                continue;
            };
            let via: Vec<_> = r.steps.iter().map(|s| escape(&s.service)).collect();
            out.push_str(&format!(
                "  - {} `{}`: seen in {}{}, via {}\n",
                escape(&goal.name),
                escape(&goal.service),
                seen_in(r),
                around(goal),
                via.join(" → ")
            ));
        }
    }
    if !answer.not_reached.is_empty() {
        out.push_str("Not offered:\n");
        // Teams that serve other areas are listed in one line: a referrer
        // needs to know they exist, not each one's region.
        let elsewhere: Vec<&str> = answer
            .not_reached
            .iter()
            .filter(|n| matches!(n.reason, Reason::NotInRegion { .. }))
            .map(|n| &*n.service)
            .collect();
        for n in &answer.not_reached {
            if matches!(n.reason, Reason::NotInRegion { .. }) && elsewhere.len() > 1 {
                continue;
            }
            let (kind, message) = reason_words(&n.reason);
            out.push_str(&format!(
                "  - {} `{}`: {kind}: {}\n",
                escape(&n.name),
                escape(&n.service),
                escape(message)
            ));
        }
        if elsewhere.len() > 1 {
            out.push_str(&format!(
                "  - {} services outside the family's area: {}\n",
                elsewhere.len(),
                elsewhere
                    .iter()
                    .map(|s| format!("`{}`", escape(s)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    if !answer.complete {
        out.push_str("(the search stopped at its limit: the answer may be incomplete)\n");
    }
    out.trim_end().to_owned()
}

/// A step's contact (how to refer, phone, web page, email) and notes, each
/// on its own indented line, when the pathway gives them.
/// Whether two second steps are the same but for who referred the family
/// (the words of a referral clause name the referrer): the steps of one
/// option that starts with several first contacts.
fn same_but_referrer(
    a: Option<&crate::query::route::Step>,
    b: Option<&crate::query::route::Step>,
) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            let plain = |s: &crate::query::route::Step| crate::query::route::Step {
                why: Vec::new(),
                ..s.clone()
            };
            a.why.len() == b.why.len() && plain(a) == plain(b)
        }
        (a, b) => a.is_none() && b.is_none(),
    }
}

fn step_details(s: &crate::query::route::Step, out: &mut String) {
    if let Some(c) = &s.contact {
        let parts: Vec<String> = [
            ("how to refer", &c.how_to_refer),
            ("phone", &c.phone),
            ("web", &c.web),
            ("email", &c.email),
        ]
        .iter()
        .filter_map(|(label, v)| v.as_ref().map(|v| format!("{label}: {}", escape(v))))
        .collect();
        if !parts.is_empty() {
            out.push_str(&format!("       {}\n", parts.join("; ")));
        }
    }
    if !s.notes.is_empty() {
        out.push_str(&format!("       notes: {}\n", escape(&s.notes)));
    }
}

/// A reason's kind and message, in words.
fn reason_words(reason: &crate::query::route::Reason) -> (&'static str, &str) {
    use crate::query::route::Reason;
    match reason {
        Reason::NotInRegion { message } => ("not in the family's area", message),
        Reason::NotEligible { message } => ("not eligible", message),
        Reason::NotYet { message, .. } => ("not yet", message),
        Reason::AgedOutOnTheWay { message, .. } => ("aged out on the way", message),
        Reason::Unreachable { message, .. } => ("no referral route", message),
        Reason::NotExamined { message } => ("not examined", message),
    }
}

/// A route's time and referrals, e.g. "3 weeks (2 referrals)".
fn seen_in(r: &crate::query::route::Route) -> String {
    format!(
        "{} ({} referral{})",
        crate::age::describe_duration(r.days_to_goal),
        r.handoffs,
        if r.handoffs == 1 { "" } else { "s" }
    )
}

pub use super::coverage::{MATRIX_AGES, boxes_csv, coverage, diff, gaps, matrix};
