//! The tiers of the tiered model of care, and who refers, as a
//! `referred_from` rule sees it.

use serde::{Deserialize, Serialize};

/// The tier of a service in the tiered model of care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// Offered to every family (midwifery, health visiting, GP).
    Universal,
    /// For families with additional needs (parenting programmes, third sector).
    Targeted,
    /// Specialist teams (perinatal mental health, infant mental health).
    Specialist,
}

impl Tier {
    /// The tier's name as written in pathway files.
    ///
    /// ```
    /// assert_eq!(carepath::Tier::Specialist.as_str(), "specialist");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Universal => "universal",
            Self::Targeted => "targeted",
            Self::Specialist => "specialist",
        }
    }
}

/// Who a referral may come from, by the tier of the referring service:
/// `tier` lists the tiers accepted (`self`: the family comes by itself, the
/// first step of every route); `at_least` / `at_most` bound the referring
/// service's tier (`universal` < `targeted` < `specialist`; `self` is no
/// tier, so a bound excludes it). Every part given must hold.
///
/// On a service's eligibility the referrer is the service before it on the
/// route; on a referral's `when`, the service making the referral.
///
/// ```
/// let r: carepath::document::Rule =
///     serde_json::from_str(r#"{"referred_from": {"at_least": "targeted"}}"#)?;
/// assert!(matches!(r, carepath::document::Rule::ReferredFrom(_)));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(extend("minProperties" = 1)))]
#[serde(deny_unknown_fields)]
pub struct ReferredFromDoc {
    /// The tiers a referral may come from; `self` for a family that comes by itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<Vec<Referrer>>,
    /// The lowest tier a referral may come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<Tier>,
    /// The highest tier a referral may come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<Tier>,
}

/// Who makes a referral, as a `referred_from` rule sees it: the family
/// itself, or a service of a tier.
///
/// ```
/// use carepath::document::Referrer;
/// assert_eq!(serde_json::to_string(&Referrer::SelfReferral)?, r#""self""#);
/// assert_eq!(Referrer::of(carepath::Tier::Targeted), Referrer::Targeted);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Referrer {
    /// The family comes by itself: the first step of a route.
    #[serde(rename = "self")]
    SelfReferral,
    /// A universal service.
    Universal,
    /// A targeted service.
    Targeted,
    /// A specialist service.
    Specialist,
}

impl Referrer {
    /// Every referrer, `self` first, then the tiers in order.
    pub const ALL: [Self; 4] = [
        Self::SelfReferral,
        Self::Universal,
        Self::Targeted,
        Self::Specialist,
    ];

    /// A service of tier `tier`.
    ///
    /// ```
    /// use carepath::{Tier, document::Referrer};
    /// assert_eq!(Referrer::of(Tier::Universal), Referrer::Universal);
    /// ```
    #[must_use]
    pub const fn of(tier: Tier) -> Self {
        match tier {
            Tier::Universal => Self::Universal,
            Tier::Targeted => Self::Targeted,
            Tier::Specialist => Self::Specialist,
        }
    }

    /// The tier of a referring service; none for `self`.
    ///
    /// ```
    /// use carepath::document::Referrer;
    /// assert_eq!(Referrer::SelfReferral.tier(), None);
    /// assert_eq!(Referrer::Specialist.tier(), Some(carepath::Tier::Specialist));
    /// ```
    #[must_use]
    pub const fn tier(self) -> Option<Tier> {
        match self {
            Self::SelfReferral => None,
            Self::Universal => Some(Tier::Universal),
            Self::Targeted => Some(Tier::Targeted),
            Self::Specialist => Some(Tier::Specialist),
        }
    }

    /// The name as written in pathway files.
    ///
    /// ```
    /// assert_eq!(carepath::document::Referrer::SelfReferral.as_str(), "self");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self.tier() {
            None => "self",
            Some(t) => t.as_str(),
        }
    }

    /// The set of every referrer, as bits.
    pub(crate) const EVERYONE: u8 = 0b1111;

    /// The bit of this referrer in a set of referrers.
    pub(crate) const fn bit(self) -> u8 {
        1 << (self as u8)
    }
}
