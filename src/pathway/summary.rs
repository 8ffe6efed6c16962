//! What a host or a report shows of a pathway: its services, referrals
//! and size, as plain serde types.

use serde::{Deserialize, Serialize};

use crate::document::{Contact, Tier};

/// A service as a host or a report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ServiceSummary {
    /// The service's id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Tier.
    pub tier: Tier,
    /// Tags.
    pub tags: Vec<String>,
    /// Who runs it.
    pub provider: String,
    /// Ids of the regions it serves.
    pub regions: Vec<String>,
    /// Whether a family can contact it without a referral.
    pub entry: bool,
    /// Typical wait in days.
    pub wait_typical_days: i32,
    /// Pessimistic wait in days.
    pub wait_pessimistic_days: i32,
    /// Whether the wait is an assumption.
    pub wait_assumed: bool,
    /// Whether it is a goal of the pathway's default goal.
    pub goal: bool,
    /// What the service does.
    pub description: String,
    /// Ids of the sources that support it.
    pub sources: Vec<String>,
    /// Designer's notes.
    pub notes: String,
    /// How a referrer reaches it, where the pathway says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

/// How big a pathway is ([`Pathway::size`](crate::Pathway::size)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PathwaySize {
    /// Services.
    pub services: usize,
    /// Referrals.
    pub referrals: usize,
    /// Regions.
    pub regions: usize,
}

/// A referral as a host or a report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ReferralSummary {
    /// The referring service's id.
    pub from: String,
    /// The receiving service's id.
    pub to: String,
    /// Processing delay in days.
    pub delay_days: i32,
    /// Whether the referral carries a condition.
    pub conditional: bool,
    /// Designer's notes.
    pub notes: String,
}
