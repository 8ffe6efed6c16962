//! The answer to a route question: routes of steps, and why each goal
//! service not reached is out of reach.

use petgraph::graph::NodeIndex;
use serde::{Deserialize, Serialize};

use crate::age::Date;
use crate::document::{Contact, Tier};
use crate::model::rules::Timing;
use crate::pathway::Pathway;
use crate::query::prepared::{PreparedProfile, WaitKind};

use super::search::Partial;

/// One service on a route.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Step {
    /// The service's id.
    pub service: String,
    /// Its name.
    pub name: String,
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
    pub contact: Option<Contact>,
    /// The pathway's notes on the service (e.g. which figures are assumed).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// The calendar day the referral arrives, when the profile gives today's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrival_date: Option<Date>,
    /// The calendar day the service sees the family, when the profile gives today's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen_date: Option<Date>,
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// It does not serve the family's region.
    NotInRegion {
        /// Why, in words.
        message: String,
    },
    /// Its rule excludes the family (other than by age on the way).
    NotEligible {
        /// The deciding clauses.
        message: String,
    },
    /// A route exists, but the family would be too old on arrival (at the
    /// goal or at a service on the way).
    AgedOutOnTheWay {
        /// The age on arrival where the limit is passed (days).
        arrival_age_days: i32,
        /// Where and why, in words.
        message: String,
    },
    /// No referral path leads there from the family's first contacts.
    Unreachable {
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
    /// `not_eligible`, `aged_out_on_the_way`, `unreachable`, `not_examined`.
    ///
    /// ```
    /// let r = carepath::Reason::Unreachable { message: "no referral leads there".into() };
    /// assert_eq!(r.kind(), "unreachable");
    /// ```
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::NotInRegion { .. } => "not_in_region",
            Self::NotEligible { .. } => "not_eligible",
            Self::AgedOutOnTheWay { .. } => "aged_out_on_the_way",
            Self::Unreachable { .. } => "unreachable",
            Self::NotExamined { .. } => "not_examined",
        }
    }
}

/// A goal service not reached, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct NotReached {
    /// The service's id.
    pub service: String,
    /// Its name.
    pub name: String,
    /// Why it is out of reach.
    pub reason: Reason,
}

/// The answer to a route question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct RouteAnswer {
    /// Routes, best first.
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
    /// `false` when a search stopped at [`SEARCH_BUDGET`](crate::route::SEARCH_BUDGET), or the query at
    /// [`QUERY_BUDGET`](crate::route::QUERY_BUDGET).
    pub complete: bool,
}

impl Pathway {
    pub(super) fn route(&self, f: &PreparedProfile<'_>, p: &Partial, waits: WaitKind) -> Route {
        let start = f.start_age();
        let steps: Vec<Step> = p
            .nodes
            .iter()
            .zip(&p.times)
            .filter_map(|(&n, &(arrival, seen, delay))| {
                let s = self.services.get(n as usize)?;
                let wait = f.wait(NodeIndex::new(n as usize), waits);
                let timing = Timing {
                    on_referral: arrival,
                    when_seen: arrival.saturating_add(wait),
                };
                // What `verdict(..)` would say decides it: the region, then
                // the rule's deciding clauses (built without the whole tree).
                let mut why = Vec::with_capacity(4);
                why.push(self.regions.explain_served(f.profile.region, &s.regions));
                match &s.rule {
                    Some(rule) => {
                        rule.decisive_messages(&self.context(&f.profile, timing), &mut why);
                    }
                    None => why.push(crate::model::rules::Explanation::everyone().message),
                }
                let on = |age: i32| {
                    f.profile
                        .today
                        .map(|d| d.plus_days(i64::from(age) - i64::from(start)))
                };
                Some(Step {
                    service: s.id.clone(),
                    name: s.name.clone(),
                    tier: s.tier,
                    arrival_age_days: arrival,
                    seen_age_days: seen,
                    wait_days: seen - arrival,
                    wait_assumed: s.wait_assumed && seen != arrival,
                    delay_days: delay,
                    why,
                    contact: s.contact.clone(),
                    notes: s.notes.clone(),
                    arrival_date: on(arrival),
                    seen_date: on(seen),
                })
            })
            .collect();
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
