//! "Is this family eligible for this service, and why (not)?"
//!
//! May use: the leaves, `document`, `model` and `pathway`.

use serde::{Deserialize, Serialize};

use crate::document::Referrer;
use crate::error::QueryError;
use crate::model::profile::{CompiledProfile, Profile};
use crate::model::rules::{Context, Explanation, ReferredBy, Timing, Truth};
use crate::pathway::{Pathway, Referral, Service, ServiceId};

/// Whether a service serves the family's region, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct RegionCheck {
    /// `true` when the family's region is, or lies inside, a region served.
    pub served: bool,
    /// Why, e.g. "family lives in `fife`, inside `nhs-fife`".
    pub message: String,
}

/// The verdict on one service for one family, with its explanation.
///
/// ```
/// # let text = include_str!("../../tests/fixtures/small.json");
/// let pathway = carepath::Pathway::from_json(text)?;
/// let profile = carepath::Profile::new().age("23 months")?.region("east");
/// let v = pathway.eligibility("imh-east", &profile)?;
/// assert!(v.eligible());
/// assert_eq!(v.age_on_referral_days, 700);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Verdict {
    /// The service's id.
    pub service: String,
    /// The overall outcome: yes only when the region is served and the rule holds.
    pub outcome: Truth,
    /// The age the referral is judged at, in days.
    pub age_on_referral_days: i32,
    /// The age the family would be seen at (after the typical wait), in days.
    pub age_when_seen_days: i32,
    /// The region check.
    pub region: RegionCheck,
    /// The eligibility rule, clause by clause.
    pub rule: Explanation,
    /// Who the referral was judged as coming from
    /// ([`Pathway::eligibility_from`]); none when who refers was not given
    /// ([`Pathway::eligibility`]: a `referred_from` clause is then unknown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referred_from: Option<ReferredFrom>,
}

/// Who a referral comes from, as a verdict was judged: the family itself
/// (`self`), or a service and its tier.
///
/// ```
/// # let text = include_str!("../../tests/fixtures/small.json");
/// let pathway = carepath::Pathway::from_json(text)?;
/// let p = carepath::Profile::new().age("3 months")?.region("east");
/// let v = pathway.eligibility_from("imh-east", &p, Some("Health visiting (East)"))?;
/// let from = v.referred_from.ok_or("not judged as referred")?;
/// assert_eq!(from.referrer, carepath::document::Referrer::Universal);
/// assert_eq!(from.service.as_deref(), Some("hv-east"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ReferredFrom {
    /// `self`, or the tier of the referring service.
    pub referrer: Referrer,
    /// The referring service's id; none for `self`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
}

impl Verdict {
    /// `true` when the service accepts the family.
    #[must_use]
    pub fn eligible(&self) -> bool {
        self.outcome == Truth::Yes
    }
}

impl Pathway {
    /// Whether `service` accepts the family in `profile` if a referral
    /// reached it today (the profile's age), and why. Who refers is not
    /// known here: a `referred_from` clause is unknown (see
    /// [`Pathway::eligibility_from`]).
    ///
    /// Complexity: O(size of the service's rule).
    ///
    /// # Errors
    /// [`QueryError`] for an unknown service, or a profile naming unknown
    /// ids or missing its age or region.
    ///
    /// ```
    /// # let text = include_str!("../../tests/fixtures/small.json");
    /// let pathway = carepath::Pathway::from_json(text)?;
    /// let p = carepath::Profile::new().age("3 months")?.region("west");
    /// let v = pathway.eligibility("imh-east", &p)?;
    /// assert!(!v.eligible());
    /// assert_eq!(v.region.message, "family lives in `west`, outside `east`");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn eligibility(&self, service: &str, profile: &Profile) -> Result<Verdict, QueryError> {
        let id = self.service_id(service)?;
        self.verdict_today(service, id, profile, ReferredBy::Unknown)
    }

    /// As [`Pathway::eligibility`], for a referral from the service `from`,
    /// or (`None`) for a family that comes by itself: a `referred_from`
    /// clause of the rule then has an answer (in [`Pathway::eligibility`]
    /// it is unknown).
    ///
    /// Complexity: O(size of the service's rule).
    ///
    /// # Errors
    /// As [`Pathway::eligibility`], and for an unknown `from` service.
    ///
    /// ```
    /// # let text = include_str!("../../tests/fixtures/small.json");
    /// let pathway = carepath::Pathway::from_json(text)?;
    /// let p = carepath::Profile::new().age("3 months")?.region("east");
    /// let v = pathway.eligibility_from("imh-east", &p, Some("hv-east"))?;
    /// assert!(v.eligible());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn eligibility_from(
        &self,
        service: &str,
        profile: &Profile,
        from: Option<&str>,
    ) -> Result<Verdict, QueryError> {
        let id = self.service_id(service)?;
        let (by, referred_from) = match from {
            None => (
                ReferredBy::Family,
                ReferredFrom {
                    referrer: Referrer::SelfReferral,
                    service: None,
                },
            ),
            Some(f) => {
                let from = self.service_id(f)?;
                let referrer = self.svc(from).ok_or_else(|| QueryError::UnknownService {
                    id: f.to_owned(),
                    suggestions: Vec::new(),
                })?;
                (
                    ReferredBy::Service(from.0),
                    ReferredFrom {
                        referrer: Referrer::of(referrer.tier),
                        service: Some(referrer.id.clone()),
                    },
                )
            }
        };
        let mut verdict = self.verdict_today(service, id, profile, by)?;
        verdict.referred_from = Some(referred_from);
        Ok(verdict)
    }

    /// The explained verdict of the service `id` (written `service`) for a
    /// family referred today, seen after the service's typical wait.
    fn verdict_today(
        &self,
        service: &str,
        id: ServiceId,
        profile: &Profile,
        by: ReferredBy,
    ) -> Result<Verdict, QueryError> {
        let profile = self.compile_profile(profile)?;
        let s = self.svc(id).ok_or_else(|| QueryError::UnknownService {
            id: service.to_owned(),
            suggestions: Vec::new(),
        })?;
        let timing = Timing {
            on_referral: profile.age,
            when_seen: profile.age.saturating_add(s.wait_typical),
        };
        Ok(self.verdict(s, &profile, timing, by))
    }

    /// The explained verdict for a compiled profile at a given timing,
    /// referred by `by`.
    pub(crate) fn verdict(
        &self,
        s: &Service,
        profile: &CompiledProfile,
        timing: Timing,
        by: ReferredBy,
    ) -> Verdict {
        let served = self.regions.served(profile.region, &s.regions);
        let region = RegionCheck {
            served,
            message: self.regions.explain_served(profile.region, &s.regions),
        };
        let cx = self.context_by(profile, timing, by);
        let rule = s
            .rule
            .as_ref()
            .map_or_else(Explanation::everyone, |r| r.explain(&cx));
        let outcome = if served { rule.outcome } else { Truth::No };
        Verdict {
            service: s.id.clone(),
            outcome,
            age_on_referral_days: timing.on_referral,
            age_when_seen_days: timing.when_seen,
            region,
            rule,
            referred_from: None,
        }
    }

    /// The context of a question in which who refers is not known.
    pub(crate) fn context<'a>(
        &'a self,
        profile: &'a CompiledProfile,
        timing: Timing,
    ) -> Context<'a> {
        self.context_by(profile, timing, ReferredBy::Unknown)
    }

    /// The context of one step of a route: referred by `by`.
    pub(crate) fn context_by<'a>(
        &'a self,
        profile: &'a CompiledProfile,
        timing: Timing,
        by: ReferredBy,
    ) -> Context<'a> {
        let referrer = match by {
            ReferredBy::Unknown => None,
            ReferredBy::Family => Some((Referrer::SelfReferral, "")),
            ReferredBy::Service(i) => self
                .services
                .get(i as usize)
                .map(|s| (Referrer::of(s.tier), s.name.as_str())),
            ReferredBy::As(r) => Some((r, "")),
        };
        Context {
            profile,
            vocabulary: &self.vocabulary,
            regions: &self.regions,
            timing,
            referrer,
        }
    }

    /// Fast check: does `s` accept the family at `timing`, who refers not
    /// known? O(size of rule).
    #[cfg(test)]
    pub(crate) fn accepts(&self, s: &Service, profile: &CompiledProfile, timing: Timing) -> bool {
        self.accepts_by(s, profile, timing, ReferredBy::Unknown)
    }

    /// Fast check: does `s` accept the family at `timing`, referred by
    /// `by`? O(size of rule).
    pub(crate) fn accepts_by(
        &self,
        s: &Service,
        profile: &CompiledProfile,
        timing: Timing,
        by: ReferredBy,
    ) -> bool {
        self.regions.served(profile.region, &s.regions)
            && s.rule
                .as_ref()
                .is_none_or(|r| r.eval(&self.context_by(profile, timing, by)).holds())
    }

    /// Fast check: may the referral be made for the family seen at `age`
    /// by the referring service (who is the referrer of a `referred_from`
    /// clause in its condition)? O(size of the condition).
    pub(crate) fn referral_open(&self, r: &Referral, profile: &CompiledProfile, age: i32) -> bool {
        r.when.as_ref().is_none_or(|w| {
            w.eval(&self.context_by(profile, Timing::at(age), ReferredBy::Service(r.from.0)))
                .holds()
        })
    }
}
