//! The answer to a route question: routes of steps, and why each goal
//! service not reached is out of reach.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::age::Date;
use crate::document::{Contact, Tier};
use crate::model::rules::Timing;
use crate::pathway::Pathway;
use crate::query::prepared::PreparedProfile;

use super::search::Partial;

/// One service on a route.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Step {
    /// The service's id (shared with the pathway, as are its name, notes
    /// and contact: a step allocates only its reasons).
    pub service: Arc<str>,
    /// Its name.
    pub name: Arc<str>,
    /// Its tier.
    pub tier: Tier,
    /// The infant's age when the referral arrives (days).
    pub arrival_age_days: i32,
    /// The infant's age when the service sees the family (days).
    pub seen_age_days: i32,
    /// The wait at this service (days).
    pub wait_days: i32,
    /// Whether that wait is an assumption of the pathway's authors rather
    /// than a published figure.
    pub wait_assumed: bool,
    /// The delay of the referral into this service (days; 0 for the first).
    pub delay_days: i32,
    /// Why the service accepts the family.
    pub why: Vec<String>,
    /// How a referrer reaches the service, where the pathway says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Arc<Contact>>,
    /// The pathway's notes on the service (e.g. which figures are assumed).
    #[serde(default, skip_serializing_if = "no_text")]
    pub notes: Arc<str>,
    /// The calendar day the referral arrives, when the profile gives today's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrival_date: Option<Date>,
    /// The calendar day the service sees the family, when the profile gives today's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen_date: Option<Date>,
}

/// Whether a shared text is empty (then not written).
fn no_text(text: &Arc<str>) -> bool {
    text.is_empty()
}

/// One referral route, entry to goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Route {
    /// The services in order.
    pub steps: Vec<Step>,
    /// Days from today until the goal service sees the family.
    pub days_to_goal: i64,
    /// The same in weeks (to one decimal).
    pub weeks_to_goal: f64,
    /// Number of referrals.
    pub handoffs: usize,
}

/// Why a goal service is not reached.
///
/// Each kind is defined by sets of days, never by how a rule is written (a
/// rule rewritten into a logically equal form gives the same kind). Write
/// `t₀` for the family's age today. A service *accepts* the family on day
/// `t` when a referral arriving on day `t` is accepted: it serves their
/// region and its rule holds with the age on referral `t` and the age when
/// seen `t + wait` (a `from` service, already with the family: `t`). A
/// referral is *open* on day `t` when its condition holds for the family
/// seen by the referring service on day `t`. A *route from day `t`* starts
/// at an entry service that accepts the family on day `t` (or at the
/// query's `from`), and every later service accepts the family on the day
/// the referral arrives, every referral being open on the day it is made,
/// with ages moving on by each wait and delay. The kinds are tried in the
/// order listed; the first that holds is the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// The service does not serve the family's region.
    NotInRegion {
        /// Why, in words (shared by every service of the same areas: a
        /// national pathway has hundreds of them).
        message: Arc<str>,
    },
    /// Its own rule excludes the family on every day from today: it accepts
    /// them on no day `t ≥ t₀` (its own wait included).
    NotEligible {
        /// The deciding clauses today, in words.
        message: String,
    },
    /// Too young: no route today, but a route from a later day `t > t₀`
    /// exists; `from_age_days` is the earliest such `t`.
    NotYet {
        /// The first age (days) from which a route opens.
        from_age_days: i32,
        /// How long that is from today (days).
        days_from_today: i64,
        /// When, and the route that opens then, in words.
        message: String,
    },
    /// A way exists whose every door is open to the family today (each
    /// service accepts them on day `t₀`, each referral is open on day
    /// `t₀`), but no route from any day `t ≥ t₀` does: the waits and delays
    /// carry the family past a limit. `door` is the first check that fails
    /// on the best such way, walked from today.
    AgedOutOnTheWay {
        /// The service (or referral into it) whose limit is passed.
        door: Door,
        /// The family's age at that check (days): the day the referral
        /// arrives at the service, or the day the referral is made.
        age_days: i32,
        /// Where and why, in words.
        message: String,
    },
    /// None of the above: no route from any day `t ≥ t₀`, and no way
    /// whose every door is open today. `door` is the first door closed
    /// today on the best way that ignores every rule and condition (kept
    /// to the family's area when such a way exists): by region, by rule,
    /// or by a referral's condition. No door means no referral path of at
    /// most the query's hop limit from the family's first contacts.
    Unreachable {
        /// The closed door, if any way exists.
        door: Option<Door>,
        /// Why, in words.
        message: String,
    },
    /// The query reached [`QUERY_BUDGET`](crate::route::QUERY_BUDGET) before this service was examined:
    /// it may or may not be reachable. Ask about it alone
    /// ([`RouteQuery::goal`](crate::RouteQuery::goal)) to know.
    NotExamined {
        /// Why, in words.
        message: String,
    },
}

impl Reason {
    /// The reason's kind as written in JSON: `not_in_region`,
    /// `not_eligible`, `not_yet`, `aged_out_on_the_way`, `unreachable`,
    /// `not_examined`.
    ///
    /// ```
    /// let r = carepath::Reason::Unreachable { door: None, message: "no referral leads there".into() };
    /// assert_eq!(r.kind(), "unreachable");
    /// ```
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::NotInRegion { .. } => "not_in_region",
            Self::NotEligible { .. } => "not_eligible",
            Self::NotYet { .. } => "not_yet",
            Self::AgedOutOnTheWay { .. } => "aged_out_on_the_way",
            Self::Unreachable { .. } => "unreachable",
            Self::NotExamined { .. } => "not_examined",
        }
    }
}

/// A door on a way: a service, or the referral into it.
///
/// ```
/// let door: carepath::route::Door = serde_json::from_str(
///     r#"{"service": "imh-east", "referred_by": "hv-east", "closed_by": "referral"}"#,
/// )?;
/// assert_eq!(door.closed_by, carepath::route::ClosedBy::Referral);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Door {
    /// The service.
    pub service: String,
    /// For a referral's condition: the referring service.
    pub referred_by: Option<String>,
    /// What closes it.
    pub closed_by: ClosedBy,
}

/// What closes a door.
///
/// ```
/// let by: carepath::route::ClosedBy = serde_json::from_str(r#""region""#)?;
/// assert_eq!(by, carepath::route::ClosedBy::Region);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ClosedBy {
    /// The service does not serve the family's region.
    Region,
    /// The service's eligibility rule.
    Rule,
    /// The referral's `when` condition.
    Referral,
}

/// The best route to one of the pathway's alternatives, offered when no
/// route reaches a goal service.
///
/// ```
/// let mut doc = carepath::document::PathwayDocument::from_json(include_str!(
///     "../../../tests/fixtures/small.json"
/// ))?;
/// doc.alternatives.push(serde_json::from_str(
///     r#"{"label": "Parenting group", "goal": {"services": ["parenting-group"]}}"#,
/// )?);
/// let pathway = carepath::Pathway::from_document(doc)?;
/// // Past the East team's second birthday: no route, the group is offered.
/// let family = carepath::Profile::new().age("26 months")?.region("east");
/// let answer = pathway.routes(&family, &carepath::RouteQuery::default())?;
/// assert!(answer.routes.is_empty());
/// assert_eq!(answer.alternatives[0].label, "Parenting group");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Alternative {
    /// What the pathway calls it.
    pub label: String,
    /// The best route to it.
    pub route: Route,
}

/// A goal service not reached, and why.
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../../../tests/fixtures/small.json"))?;
/// let family = carepath::Profile::new().age("3 months")?.region("east");
/// let answer = pathway.routes(&family, &carepath::RouteQuery::default())?;
/// let west = answer.not_reached.iter().find(|n| &*n.service == "imh-west");
/// assert_eq!(west.map(|n| n.reason.kind()), Some("not_in_region"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct NotReached {
    /// The service's id (shared with the pathway: an answer on a national
    /// pathway lists hundreds of services, most of them elsewhere).
    pub service: Arc<str>,
    /// Its name (shared likewise).
    pub name: Arc<str>,
    /// Why it is out of reach.
    pub reason: Reason,
}

/// The answer to a route question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct RouteAnswer {
    /// Routes, best first. A route starts at one entry: a route through a
    /// second entry service from which the rest, started today, is itself
    /// a route is not listed (unless the query names its `from`). Ties in
    /// days go to fewer referrals, then to service ids. The query's limit
    /// counts options: routes that differ only in their first service (the
    /// same later services, reached on the same days) are one option, and
    /// every route of each option is listed.
    pub routes: Vec<Route>,
    /// Every goal service no route reaches, in id order (empty when the
    /// query asked not to [`explain`](crate::RouteQuery::explain)).
    pub not_reached: Vec<NotReached>,
    /// The best route to each other goal service the family can reach but
    /// that ends none of `routes` (they were all taken by better routes to
    /// other services), best first. A referrer sees every option this way,
    /// whatever the limit.
    pub also_reachable: Vec<Route>,
    /// The day the question was asked, when the profile gives it; each
    /// step then has calendar dates too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub today: Option<Date>,
    /// When no route reaches a goal service: the best route to each of the
    /// pathway's alternatives that the family can reach, in the pathway's
    /// order (only for the pathway's own goal, and with explanations).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<Alternative>,
    /// When the query's `from` service does not serve or accept the family
    /// today: why (then no route starts there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_refused: Option<Reason>,
    /// `false` when a search stopped at [`SEARCH_BUDGET`](crate::route::SEARCH_BUDGET), or the query at
    /// [`QUERY_BUDGET`](crate::route::QUERY_BUDGET).
    pub complete: bool,
}

impl Pathway {
    pub(super) fn route(&self, f: &PreparedProfile<'_>, p: &Partial) -> Route {
        let start = f.start_age();
        let mut steps: Vec<Step> = Vec::with_capacity(p.nodes.len());
        steps.extend(p.nodes.iter().zip(&p.times).enumerate().filter_map(
            |(i, (&n, &(arrival, seen, delay)))| {
                let s = self.services.get(n as usize)?;
                // Who refers: the service before it, or the family itself.
                let by = match i.checked_sub(1).and_then(|j| p.nodes.get(j)) {
                    Some(&prev) => crate::model::rules::ReferredBy::Service(prev),
                    None => crate::model::rules::ReferredBy::Family,
                };
                let timing = Timing {
                    on_referral: arrival,
                    when_seen: seen,
                };
                // What `verdict(..)` would say decides it: the region, then
                // the rule's deciding clauses (built without the whole tree).
                let mut why = Vec::with_capacity(8);
                why.push(String::from(&*self.served.of(
                    &self.regions,
                    f.profile.region,
                    n as usize,
                )));
                match &s.rule {
                    Some(rule) => {
                        rule.decisive_messages(&self.context_by(&f.profile, timing, by), &mut why);
                    }
                    None => why.push(crate::model::rules::Explanation::everyone().message),
                }
                let on = |age: i32| {
                    f.profile
                        .today
                        .map(|d| d.plus_days(i64::from(age) - i64::from(start)))
                };
                Some(Step {
                    service: Arc::clone(&s.shown.0),
                    name: Arc::clone(&s.shown.1),
                    tier: s.tier,
                    arrival_age_days: arrival,
                    seen_age_days: seen,
                    wait_days: seen - arrival,
                    wait_assumed: s.wait_assumed && seen != arrival,
                    delay_days: delay,
                    why,
                    contact: s.contact.clone(),
                    notes: Arc::clone(&s.notes),
                    arrival_date: on(arrival),
                    seen_date: on(seen),
                })
            },
        ));
        let end = p.times.last().map_or(start, |t| t.1);
        let days = i64::from(end) - i64::from(start);
        Route {
            handoffs: steps.len().saturating_sub(1),
            days_to_goal: days,
            weeks_to_goal: (days as f64 / 7.0 * 10.0).round() / 10.0,
            steps,
        }
    }
}
