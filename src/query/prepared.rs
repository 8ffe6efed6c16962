//! A profile resolved against one pathway, with the fast primitives every
//! route algorithm needs: does a service accept the family on a given day,
//! may a referral be made, how long are the waits and delays.
//!
//! The route search in this crate is built on these; so are the peer
//! algorithms in `benches/`, and so can a host's own analyses be.
//!
//! The pathway's referral graph is a petgraph [`DiGraph`]: node `i` is the
//! `i`-th service in id order (its weight is `i`), and each edge's weight is
//! the referral's index.
//!
//! ```
//! # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
//! use carepath::{Profile, WaitKind};
//! let family = Profile::new().age("23 months")?.region("east");
//! let prepared = pathway.prepare(&family)?;
//! let team = pathway.node("imh-east").ok_or("no such service")?;
//! // Accepts a referral arriving at 23 months, not one arriving at 25.
//! assert!(prepared.accepts(team, 700, WaitKind::Typical));
//! assert!(!prepared.accepts(team, 761, WaitKind::Typical));
//! assert_eq!(prepared.wait(team, WaitKind::Typical), 42);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! May use: the leaves, `document`, `model` and `pathway`.

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use serde::{Deserialize, Serialize};

use crate::document::Referrer;
use crate::error::QueryError;
use crate::model::profile::{CompiledProfile, Profile};
use crate::model::rules::{ReferredBy, Timing, Window};
use crate::pathway::{Pathway, ServiceId};

/// Which wait figures a question uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WaitKind {
    /// The usual wait.
    #[default]
    Typical,
    /// The pessimistic wait (defaults to the typical one).
    Pessimistic,
}

/// A profile resolved against one pathway: ids interned, ready for fast
/// eligibility checks at any day.
#[derive(Debug, Clone)]
pub struct PreparedProfile<'a> {
    pub(crate) pathway: &'a Pathway,
    pub(crate) profile: CompiledProfile,
}

impl Pathway {
    /// Resolves a profile's ids against this pathway.
    ///
    /// # Errors
    /// [`QueryError`] for unknown ids, a missing age or region, or a fact of
    /// the wrong type.
    pub fn prepare(&self, profile: &Profile) -> Result<PreparedProfile<'_>, QueryError> {
        Ok(PreparedProfile {
            pathway: self,
            profile: self.compile_profile(profile)?,
        })
    }

    /// The referral graph: node `i` is the `i`-th service in id order, each
    /// edge's weight is the referral's index.
    #[must_use]
    pub fn graph(&self) -> &DiGraph<u32, u32> {
        &self.graph
    }

    /// The graph node of a service, by id.
    #[must_use]
    pub fn node(&self, service: &str) -> Option<NodeIndex> {
        self.service_index
            .get(service)
            .map(|s| NodeIndex::new(s.index()))
    }

    /// The id of the service at a graph node (empty for a node not in the graph).
    #[must_use]
    pub fn node_id(&self, node: NodeIndex) -> &str {
        self.services
            .get(node.index())
            .map_or("", |s| s.id.as_str())
    }

    /// Whether the service at `node` is an entry point (reachable without referral).
    #[must_use]
    pub fn is_entry(&self, node: NodeIndex) -> bool {
        self.services.get(node.index()).is_some_and(|s| s.entry)
    }

    /// Whether the service at `node` is a goal of the pathway's default goal.
    #[must_use]
    pub fn is_goal(&self, node: NodeIndex) -> bool {
        self.services
            .get(node.index())
            .is_some_and(|s| self.goal.matches(node.index(), s))
    }

    /// The processing delay of the referral on `edge`, in days.
    #[must_use]
    pub fn delay(&self, edge: EdgeIndex) -> i32 {
        self.referral_of(edge).map_or(0, |r| r.delay)
    }

    pub(crate) fn referral_of(&self, edge: EdgeIndex) -> Option<&crate::pathway::Referral> {
        let r = *self.graph.edge_weight(edge)?;
        self.referrals.get(r as usize)
    }
}

impl PreparedProfile<'_> {
    /// The family's age now, in days (the day a first contact receives them).
    #[must_use]
    pub fn start_age(&self) -> i32 {
        self.profile.age
    }

    /// The wait at the service at `node`, in days.
    #[must_use]
    pub fn wait(&self, node: NodeIndex, kind: WaitKind) -> i32 {
        self.pathway
            .hot
            .get(node.index())
            .map_or(0, |s| match kind {
                WaitKind::Typical => s.wait_typical,
                WaitKind::Pessimistic => s.wait_pessimistic,
            })
    }

    /// Whether the service at `node` accepts the family when the referral
    /// reaches it at age `on_referral` (days) and it sees them after its
    /// wait of `kind`. Region and eligibility rule both count; a rule that is
    /// unknown for lack of a fact does not accept. Who refers is not known
    /// here, so a rule that asks (`referred_from`) is unknown and does not
    /// accept: for a step of a route, use [`PreparedProfile::accepts_from`].
    ///
    /// Complexity: O(size of the service's rule).
    #[must_use]
    pub fn accepts(&self, node: NodeIndex, on_referral: i32, kind: WaitKind) -> bool {
        self.accepts_by(node, on_referral, kind, ReferredBy::Unknown)
    }

    /// As [`PreparedProfile::accepts`], for a referral from the service at
    /// `from`, or (`None`) for a family that comes by itself (the first
    /// step of a route): a `referred_from` clause judges that referrer.
    ///
    /// Complexity: O(size of the service's rule).
    ///
    /// ```
    /// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
    /// use carepath::WaitKind;
    /// let family = carepath::Profile::new().age("3 months")?.region("east");
    /// let prepared = pathway.prepare(&family)?;
    /// let (hv, team) = (pathway.node("hv-east"), pathway.node("imh-east"));
    /// let (hv, team) = (hv.ok_or("no hv")?, team.ok_or("no team")?);
    /// assert!(prepared.accepts_from(hv, 91, WaitKind::Typical, None));
    /// assert!(prepared.accepts_from(team, 91, WaitKind::Typical, Some(hv)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn accepts_from(
        &self,
        node: NodeIndex,
        on_referral: i32,
        kind: WaitKind,
        from: Option<NodeIndex>,
    ) -> bool {
        self.accepts_by(node, on_referral, kind, referred_by(from))
    }

    /// As [`PreparedProfile::accepts_from`], for a referrer given by who
    /// it is as a rule sees it: the family by itself, or some service of
    /// a tier.
    ///
    /// Complexity: O(size of the service's rule).
    ///
    /// ```
    /// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
    /// use carepath::{WaitKind, document::Referrer};
    /// let family = carepath::Profile::new().age("3 months")?.region("east");
    /// let prepared = pathway.prepare(&family)?;
    /// let team = pathway.node("imh-east").ok_or("no team")?;
    /// assert!(prepared.accepts_referred(team, 91, WaitKind::Typical, Referrer::Universal));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn accepts_referred(
        &self,
        node: NodeIndex,
        on_referral: i32,
        kind: WaitKind,
        referrer: crate::document::Referrer,
    ) -> bool {
        self.accepts_by(node, on_referral, kind, ReferredBy::As(referrer))
    }

    pub(crate) fn accepts_by(
        &self,
        node: NodeIndex,
        on_referral: i32,
        kind: WaitKind,
        by: ReferredBy,
    ) -> bool {
        let Some(s) = self.pathway.svc(ServiceId(node.index() as u32)) else {
            return false;
        };
        // The service's own wait (its rule is read from it next).
        let wait = match kind {
            WaitKind::Typical => s.wait_typical,
            WaitKind::Pessimistic => s.wait_pessimistic,
        };
        let when_seen = on_referral.saturating_add(wait);
        self.pathway.accepts_by(
            s,
            &self.profile,
            Timing {
                on_referral,
                when_seen,
            },
            by,
        )
    }

    /// Whether the referral on `edge` may be made for the family seen by the
    /// referring service at age `seen` (days).
    ///
    /// Complexity: O(size of the referral's condition).
    #[must_use]
    pub fn referral_open(&self, edge: EdgeIndex, seen: i32) -> bool {
        self.pathway
            .referral_of(edge)
            .is_some_and(|r| self.pathway.referral_open(r, &self.profile, seen))
    }

    /// Whether the service at `node` serves the family's region (the region
    /// is one it serves, or lies inside one). O(regions the service lists).
    #[must_use]
    pub fn serves(&self, node: NodeIndex) -> bool {
        self.pathway
            .services
            .get(node.index())
            .is_some_and(|s| self.pathway.regions.served(self.profile.region, &s.regions))
    }

    /// Whether the service at `node` could accept the family at some age
    /// from today on: it serves their region and its rule is not false
    /// whatever the age. `false` means it never will. O(size of the rule).
    #[must_use]
    pub(crate) fn could_accept(&self, node: NodeIndex) -> bool {
        let Some(s) = self.pathway.services.get(node.index()) else {
            return false;
        };
        // The region first: most services of a national pathway serve
        // other areas, and their rules need no context.
        self.pathway.regions.served(self.profile.region, &s.regions)
            && s.rule.as_ref().is_none_or(|r| {
                let cx = self
                    .pathway
                    .context(&self.profile, Timing::at(self.profile.age));
                r.possible_from(&cx, self.profile.age) != crate::model::rules::Truth::No
            })
    }

    /// Whether the service at `node`, already seeing the family, accepts them
    /// on day `day`: judged on that day, with no wait (the `from` of a
    /// route query), as the first step of a route (the family came by
    /// itself, for a `referred_from` clause). O(size of the service's rule).
    ///
    /// ```
    /// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
    /// let family = carepath::Profile::new().age("23 months")?.region("east");
    /// let prepared = pathway.prepare(&family)?;
    /// let team = pathway.node("imh-east").ok_or("no such service")?;
    /// assert!(prepared.accepts_now(team, 730));
    /// assert!(!prepared.accepts_now(team, 731));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn accepts_now(&self, node: NodeIndex, day: i32) -> bool {
        self.pathway
            .svc(ServiceId(node.index() as u32))
            .is_some_and(|s| {
                self.pathway
                    .accepts_by(s, &self.profile, Timing::at(day), ReferredBy::Family)
            })
    }

    /// The days `t` on which the service at `node` accepts the family when
    /// a referral from `by` arrives on day `t` (region and rule, its wait of
    /// `kind` included; `now`: already with them, no wait). See
    /// [`Days`](crate::model::rules::Days). O(c · size of the rule) for c age bounds.
    pub(crate) fn accept_days(
        &self,
        node: NodeIndex,
        kind: WaitKind,
        now: bool,
        by: ReferredBy,
    ) -> crate::model::rules::Days {
        use crate::model::rules::Days;
        let Some(s) = self.pathway.services.get(node.index()) else {
            return Days::none();
        };
        if !self.pathway.regions.served(self.profile.region, &s.regions) {
            return Days::none();
        }
        let wait = if now { 0 } else { self.wait(node, kind) };
        let cx = self
            .pathway
            .context_by(&self.profile, Timing::at(self.profile.age), by);
        s.rule
            .as_ref()
            .map_or_else(Days::all, |r| r.days(&cx, wait))
    }

    /// The days on which the service's own rule accepts the family from
    /// some referrer: the family by itself or a service of any tier (`now`:
    /// already with them, so by itself). The union of
    /// [`PreparedProfile::accept_days`] over the four; one call when its
    /// rule does not ask who refers. O(c · size of the rule).
    pub(crate) fn accept_days_any(
        &self,
        node: NodeIndex,
        kind: WaitKind,
        now: bool,
    ) -> crate::model::rules::Days {
        use crate::model::rules::Days;
        let asks = self
            .pathway
            .services
            .get(node.index())
            .and_then(|s| s.rule.as_ref())
            .is_some_and(crate::model::rules::Cond::names_referrer);
        if !asks {
            return self.accept_days(node, kind, now, ReferredBy::Unknown);
        }
        if now {
            return self.accept_days(node, kind, now, ReferredBy::Family);
        }
        let mut out = Days::none();
        for r in crate::document::Referrer::ALL {
            out = out.or(&self.accept_days(node, kind, now, ReferredBy::As(r)));
        }
        out
    }

    /// Who can bring the family to the service at `node`, one per tier as
    /// a rule sees them: the family by itself at a first step (an entry, or
    /// `now`: the service already with them), then each tier of the
    /// services referring to it, in the order of the referrals. O(in-degree).
    pub(crate) fn referrers(&self, node: NodeIndex, now: bool) -> Vec<ReferredBy> {
        let mut out = Vec::new();
        if now || self.pathway.is_entry(node) {
            out.push(ReferredBy::Family);
        }
        if now {
            return out;
        }
        let mut tiers = Vec::new();
        for from in self
            .pathway
            .graph
            .neighbors_directed(node, petgraph::Direction::Incoming)
        {
            let Some(s) = self.pathway.services.get(from.index()) else {
                continue;
            };
            if !tiers.contains(&s.tier) {
                tiers.push(s.tier);
                out.push(referred_by(Some(from)));
            }
        }
        out
    }

    /// The days on which the referring service may make the referral on
    /// `edge` (it sees the family that day). O(c · size of the condition).
    pub(crate) fn referral_days(&self, edge: EdgeIndex) -> crate::model::rules::Days {
        use crate::model::rules::Days;
        match self.pathway.referral_of(edge) {
            None => Days::none(),
            Some(r) => {
                let cx = self.pathway.context_by(
                    &self.profile,
                    Timing::at(self.profile.age),
                    ReferredBy::Service(r.from.0),
                );
                r.when.as_ref().map_or_else(Days::all, |w| w.days(&cx, 0))
            }
        }
    }

    /// The age (days) before which the service at `node` must receive the
    /// referral (or see the family), from its rule's age range, if it has one.
    #[must_use]
    pub(crate) fn deadline(&self, node: NodeIndex) -> Option<(i32, crate::document::AgeJudged)> {
        self.pathway
            .services
            .get(node.index())
            .and_then(|s| s.rule.as_ref())
            .and_then(crate::model::rules::Cond::deadline)
    }

    /// The entry services that accept the family today, as graph nodes in id order.
    ///
    /// Complexity: O(size of the entry services' rules), from the
    /// pathway's precomputed list of entry services (not a pass over
    /// every service).
    #[must_use]
    pub fn entries(&self, kind: WaitKind) -> Vec<NodeIndex> {
        self.pathway
            .entry_services
            .iter()
            .copied()
            .filter(|&n| self.accepts_from(n, self.profile.age, kind, None))
            .collect()
    }
}

/// The services' rules as one family's route steps judge them: region and
/// rule reduced to a [`Window`] of ages and referrers (the family's own
/// clauses judged once, when a step first meets the service), or judged in
/// full each time when what is left is not one window. One slot per
/// service, valid when it carries the question's stamp (so a table handed
/// from one question to the next needs no clearing): O(1) to set up, O(1)
/// to judge a service once its rule is reduced, O(size of the rule) to
/// reduce it.
pub(crate) struct StepRules<'r> {
    /// Per service: the stamp it was reduced under, and [`Window::pack`]
    /// (a window's tag [`IN_FULL`]: judged in full).
    slots: &'r [std::cell::Cell<(u32, [i32; 5])>],
    stamp: u32,
}

/// A slot's window tag for a rule judged in full.
const IN_FULL: i32 = 1;

impl<'r> StepRules<'r> {
    /// Reduced rules kept in `slots` (one per service of the pathway;
    /// services beyond them are judged in full), valid under `stamp`: a
    /// slot holding another stamp is not reduced yet. O(1).
    pub(crate) fn new(slots: &'r [std::cell::Cell<(u32, [i32; 5])>], stamp: u32) -> Self {
        Self { slots, stamp }
    }
}

impl PreparedProfile<'_> {
    /// [`PreparedProfile::accepts_from`], each rule reduced once in
    /// `rules` (built for this profile's pathway). O(1) once the service's
    /// rule is reduced.
    pub(crate) fn accepts_step(
        &self,
        rules: &StepRules<'_>,
        node: NodeIndex,
        on_referral: i32,
        kind: WaitKind,
        from: Option<NodeIndex>,
    ) -> bool {
        let Some(cell) = rules.slots.get(node.index()) else {
            return self.accepts_from(node, on_referral, kind, from);
        };
        let (stamp, mut window) = cell.get();
        if stamp != rules.stamp {
            window = self
                .reduce(node)
                .map_or([0, 0, 0, 0, IN_FULL], Window::pack);
            cell.set((rules.stamp, window));
        }
        let [a, b, c, d, e] = window;
        let (Some(w), Some(referrer)) = (
            Window::unpack([a, b, c, d, e]),
            match from {
                None => Some(Referrer::SelfReferral),
                Some(n) => self
                    .pathway
                    .hot
                    .get(n.index())
                    .map(|s| Referrer::of(s.tier)),
            },
        ) else {
            return self.accepts_from(node, on_referral, kind, from);
        };
        w.holds(
            Timing {
                on_referral,
                when_seen: on_referral.saturating_add(self.wait(node, kind)),
            },
            referrer,
        )
    }

    /// The service's region and rule reduced for this family, if they
    /// reduce to one window. O(size of the rule).
    fn reduce(&self, node: NodeIndex) -> Option<Window> {
        let s = self.pathway.services.get(node.index())?;
        if !self.pathway.regions.served(self.profile.region, &s.regions) {
            return Some(Window::NEVER);
        }
        let Some(rule) = &s.rule else {
            return Some(Window::ALWAYS);
        };
        let cx = self
            .pathway
            .context(&self.profile, Timing::at(self.profile.age));
        rule.window(&cx)
    }
}

/// The referrer of a step: the service at `from`, or the family by itself.
pub(crate) fn referred_by(from: Option<NodeIndex>) -> ReferredBy {
    from.map_or(ReferredBy::Family, |n| {
        ReferredBy::Service(u32::try_from(n.index()).unwrap_or(u32::MAX))
    })
}

#[cfg(test)]
mod tests {
    use petgraph::graph::NodeIndex;

    use super::{StepRules, WaitKind};

    /// Every service given each rule shape in turn (windows, and shapes
    /// that are not one window and so are judged in full): a step judged
    /// through the reduced rules agrees with the full judgement, for
    /// every referrer, many ages, waits of both kinds and several families.
    #[test]
    fn reduced_rules_judge_steps_like_the_full_rules() {
        let shapes = [
            r#"{"age": {"from": "birth", "before": "1 year"}}"#,
            r#"{"age": {"before": "6 months", "judged": "when_seen"}}"#,
            r#"{"not": {"age": {"from": "1 year"}}}"#,
            r#"{"not": {"age": {"before": "6 months", "judged": "when_seen"}}}"#,
            r#"{"not": {"age": {"from": "birth", "before": "1 year"}}}"#,
            r#"{"any": [{"age": {"before": "6 months"}}, {"age": {"from": "1 year"}}]}"#,
            r#"{"any": [{"adversities": {"any_of": ["domestic_abuse"]}}, {"age": {"from": "1 year"}}]}"#,
            r#"{"all": [{"age": {"before": "2 years"}}, {"fact": {"id": "severity", "at_least": "moderate"}}]}"#,
            r#"{"all": [{"age": {"from": "birth"}}, {"referred_from": {"at_least": "targeted"}}]}"#,
            r#"{"not": {"referred_from": {"tier": ["self", "universal"]}}}"#,
            r#"{"not": {"all": [{"fact": {"id": "first_time_parent", "equals": true}}, {"region": ["east"]}]}}"#,
            r#"{"not": {"all": [{"age": {"from": "birth"}}, {"fact": {"id": "parent_age_years", "at_most": 19}}]}}"#,
            r#"{"any": [{"referred_from": {"tier": ["self"]}}, {"adversities": {"none_of": ["care_proceedings"]}}]}"#,
        ];
        let families = [
            crate::Profile::new().region("east"),
            crate::Profile::new()
                .region("east-city")
                .adversity("domestic_abuse")
                .fact("severity", "severe")
                .fact("first_time_parent", true),
            crate::Profile::new()
                .region("land")
                .fact("parent_age_years", 18),
        ];
        let mut doc: serde_json::Value =
            match serde_json::from_str(include_str!("../../tests/fixtures/small.json")) {
                Ok(d) => d,
                Err(e) => panic!("{e}"),
            };
        let (mut reduced, mut checked) = (0, 0);
        for shape in shapes {
            let rule: serde_json::Value = match serde_json::from_str(shape) {
                Ok(r) => r,
                Err(e) => panic!("{shape}: {e}"),
            };
            if let Some(services) = doc["services"].as_array_mut() {
                for s in services {
                    s["eligibility"] = rule.clone();
                }
            }
            let pathway = match crate::Pathway::from_json(&doc.to_string()) {
                Ok(p) => p,
                Err(e) => panic!("{shape}: {e}"),
            };
            let n = pathway.graph().node_count();
            let froms: Vec<Option<NodeIndex>> = std::iter::once(None)
                .chain((0..n).map(|i| Some(NodeIndex::new(i))))
                .collect();
            for family in &families {
                let f = match pathway.prepare(&family.clone().age_days(100)) {
                    Ok(f) => f,
                    Err(e) => panic!("{e}"),
                };
                let slots = vec![std::cell::Cell::new((0, [0; 5])); n];
                let rules = StepRules::new(&slots, 1);
                for node in (0..n).map(NodeIndex::new) {
                    for &from in &froms {
                        for day in (-300..1200).step_by(23) {
                            for kind in [WaitKind::Typical, WaitKind::Pessimistic] {
                                let fast = f.accepts_step(&rules, node, day, kind, from);
                                let full = f.accepts_from(node, day, kind, from);
                                assert_eq!(
                                    fast, full,
                                    "{shape}: node {node:?} from {from:?} on {day}"
                                );
                                checked += 1;
                            }
                        }
                    }
                }
                reduced += rules.slots.iter().filter(|c| c.get().1[4] > 1).count();
            }
        }
        assert!(checked > 100_000, "{checked}");
        assert!(reduced > 100, "{reduced}");
    }
}
