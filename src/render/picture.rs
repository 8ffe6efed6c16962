//! What a picture of a pathway shows, before any drawing format: the
//! services (nodes, by tier, entry and goal marked), the referrals (edges,
//! with delays and conditions), the clusters they fall into, and, for one
//! family, the routes drawn bold and the services that exclude it.
//!
//! [`dot`](crate::dot), [`mermaid`](crate::mermaid) and [`svg`](crate::svg)
//! draw the same [`Picture`], so the three never disagree about what is in
//! it.
//!
//! **Clusters.** The picture's *scope* is the region asked for (default:
//! the root of the region tree). Each child region of the scope is a
//! cluster (for a pathway whose tree is country → board → area, the whole
//! picture is clustered by board, and a board's picture by area). A service
//! falls into a cluster when every region it serves lies inside that one
//! child; a service serving more (the whole country, several boards) stands
//! outside every cluster.
//!
//! **Restriction.** With a region, the picture holds the services that
//! serve any part of it (a region served that contains it, or lies inside
//! it), and the referrals between them.
//!
//! May use: `query` and the stages below it.

use serde::{Deserialize, Serialize};

use crate::document::{GoalDoc, Tier};
use crate::error::QueryError;
use crate::model::profile::Profile;
use crate::model::region::RegionId;
use crate::model::rules::Truth;
use crate::pathway::Pathway;
use crate::query::route::RouteQuery;
use crate::suggest::NameKind;

use super::rule::describe;

/// What to draw: the whole pathway or one region, the goal to mark, and
/// optionally a family whose routes are drawn.
///
/// ```
/// let q = carepath::PictureQuery::default().region("east");
/// assert_eq!(q.region.as_deref(), Some("east"));
/// assert_eq!(q.routes, 3);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PictureQuery {
    /// Draw only the services serving some part of this region (default:
    /// every service).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Mark these services as goals instead of the pathway's own goal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<GoalDoc>,
    /// A family: its routes are drawn bold, the services that exclude it
    /// greyed, with the reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<Profile>,
    /// How many of the family's routes to draw (default 3).
    #[serde(default = "default_routes")]
    pub routes: usize,
}

fn default_routes() -> usize {
    3
}

impl Default for PictureQuery {
    fn default() -> Self {
        Self {
            region: None,
            goal: None,
            family: None,
            routes: default_routes(),
        }
    }
}

impl PictureQuery {
    /// Restricts the picture to the services serving some part of `region`.
    ///
    /// ```
    /// let q = carepath::PictureQuery::default().region("fife");
    /// assert_eq!(q.region.as_deref(), Some("fife"));
    /// ```
    #[must_use]
    pub fn region(mut self, region: &str) -> Self {
        self.region = Some(region.to_owned());
        self
    }

    /// Draws `family`'s routes and greys the services that exclude it.
    ///
    /// ```
    /// let family = carepath::Profile::new().age("3 months")?.region("east");
    /// let q = carepath::PictureQuery::default().family(family);
    /// assert!(q.family.is_some());
    /// # Ok::<(), carepath::QueryError>(())
    /// ```
    #[must_use]
    pub fn family(mut self, family: Profile) -> Self {
        self.family = Some(family);
        self
    }

    /// Marks the services carrying every one of `tags` as goals.
    ///
    /// ```
    /// let q = carepath::PictureQuery::default().goal_tags(&["infant-mental-health"]);
    /// assert_eq!(q.goal.map(|g| g.tags.len()), Some(1));
    /// ```
    #[must_use]
    pub fn goal_tags(mut self, tags: &[&str]) -> Self {
        self.goal = Some(GoalDoc {
            tier: None,
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            services: Vec::new(),
        });
        self
    }
}

/// The most services a one-page picture shows before the report draws one
/// region instead of the whole pathway.
pub const READABLE_SERVICES: usize = 60;

/// A picture of a pathway, ready for any drawing format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Picture {
    /// The pathway's name, and the region when restricted.
    pub title: String,
    /// The services drawn, in id order.
    pub services: Vec<ServiceNode>,
    /// The referrals drawn, in (from, to) id order.
    pub referrals: Vec<ReferralEdge>,
    /// The clusters, in region id order (only those holding a service).
    pub clusters: Vec<Cluster>,
    /// Whether a family's overlay is drawn.
    pub family: bool,
}

/// A service in a picture.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ServiceNode {
    /// The service's id (the node's id in every format).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Tier: the rank it is drawn at.
    pub tier: Tier,
    /// A family can contact it without referral.
    pub entry: bool,
    /// It ends routes (the pathway's goal, or the one asked for).
    pub goal: bool,
    /// Typical wait in days.
    pub wait_days: i32,
    /// Whether that wait is assumed.
    pub wait_assumed: bool,
    /// The id of its cluster, if it lies in one.
    pub cluster: Option<String>,
    /// For a family: why this service does not accept it today.
    pub excludes: Option<String>,
    /// For a family: whether one of its routes passes here.
    pub on_route: bool,
}

/// A referral in a picture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReferralEdge {
    /// The referring service's id.
    pub from: String,
    /// The receiving service's id.
    pub to: String,
    /// Processing delay in days.
    pub delay_days: i32,
    /// The referral's condition in words, if it has one.
    pub condition: Option<String>,
    /// For a family: whether one of its routes takes this referral.
    pub on_route: bool,
}

/// A group of services drawn together (a child region of the scope).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Cluster {
    /// The region's id.
    pub id: String,
    /// The region's name.
    pub name: String,
}

impl Picture {
    /// The picture of `pathway` that `query` asks for.
    ///
    /// Complexity: O(S·R + E log E) for S services, R regions each serves
    /// and E referrals, plus, with a family, one eligibility check per
    /// service and one route query.
    ///
    /// # Errors
    /// [`QueryError`] for an unknown region, goal tag or service, or a
    /// family the pathway cannot read.
    ///
    /// ```
    /// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
    /// let picture = carepath::Picture::new(&pathway, &carepath::PictureQuery::default())?;
    /// assert_eq!(picture.services.len(), pathway.size().services);
    /// let clusters: Vec<&str> = picture.clusters.iter().map(|c| c.id.as_str()).collect();
    /// assert_eq!(clusters, ["east", "west"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(pathway: &Pathway, query: &PictureQuery) -> Result<Self, QueryError> {
        let tree = &pathway.regions;
        let scope = match &query.region {
            Some(text) => {
                let id = pathway.resolve(NameKind::Region, text)?;
                Some(tree.get(&id).ok_or(QueryError::MissingRegion)?)
            }
            None => tree
                .regions
                .iter()
                .position(|r| r.parent.is_none())
                .and_then(|i| u32::try_from(i).ok())
                .map(RegionId),
        };
        let goals = pathway.goal_services(query.goal.as_ref())?;
        let children: Vec<RegionId> = match scope {
            Some(s) => {
                let mut c: Vec<RegionId> = (0..tree.regions.len())
                    .filter_map(|i| u32::try_from(i).ok().map(RegionId))
                    .filter(|&r| tree.regions.get(r.index()).and_then(|x| x.parent) == Some(s))
                    .collect();
                c.sort_by(|a, b| tree.id(*a).cmp(tree.id(*b)));
                c
            }
            None => Vec::new(),
        };
        let restricted = query.region.is_some();
        let shown: Vec<bool> = pathway
            .services
            .iter()
            .map(|s| {
                !restricted
                    || scope.is_some_and(|r| {
                        s.regions
                            .iter()
                            .any(|&x| tree.contains(x, r) || tree.contains(r, x))
                    })
            })
            .collect();
        let is_shown = |i: usize| shown.get(i).copied().unwrap_or(false);

        let mut services = Vec::new();
        let mut used_clusters = Vec::new();
        for (i, s) in pathway
            .services
            .iter()
            .enumerate()
            .filter(|(i, _)| is_shown(*i))
        {
            let cluster = children
                .iter()
                .copied()
                .find(|&c| !s.regions.is_empty() && s.regions.iter().all(|&x| tree.contains(c, x)));
            if let Some(c) = cluster {
                if !used_clusters.contains(&c) {
                    used_clusters.push(c);
                }
            }
            services.push(ServiceNode {
                id: s.id.clone(),
                name: s.name.clone(),
                tier: s.tier,
                entry: s.entry,
                goal: goals.iter().any(|g| g.index() == i),
                wait_days: s.wait_typical,
                wait_assumed: s.wait_assumed,
                cluster: cluster.map(|c| tree.id(c).to_owned()),
                excludes: None,
                on_route: false,
            });
        }
        used_clusters.sort_by(|a, b| tree.id(*a).cmp(tree.id(*b)));
        let clusters = used_clusters
            .iter()
            .filter_map(|&c| tree.regions.get(c.index()))
            .map(|r| Cluster {
                id: r.id.clone(),
                name: r.name.clone(),
            })
            .collect();

        let mut referrals: Vec<ReferralEdge> = pathway
            .referrals
            .iter()
            .filter(|r| is_shown(r.from.index()) && is_shown(r.to.index()))
            .filter_map(|r| {
                Some(ReferralEdge {
                    from: pathway.svc(r.from)?.id.clone(),
                    to: pathway.svc(r.to)?.id.clone(),
                    delay_days: r.delay,
                    condition: r.when.as_ref().map(|c| describe(c, pathway)),
                    on_route: false,
                })
            })
            .collect();
        referrals.sort_by(|a, b| (&a.from, &a.to).cmp(&(&b.from, &b.to)));

        let mut picture = Self {
            title: match scope.filter(|_| restricted) {
                Some(r) => format!(
                    "{}: {}",
                    pathway.metadata.name,
                    tree.regions.get(r.index()).map_or("", |x| x.name.as_str())
                ),
                None => pathway.metadata.name.clone(),
            },
            services,
            referrals,
            clusters,
            family: false,
        };
        if let Some(family) = &query.family {
            picture.overlay(pathway, family, query)?;
        }
        Ok(picture)
    }

    /// The region a one-page picture should show when none is asked for:
    /// `None` (the whole pathway) up to [`READABLE_SERVICES`] services,
    /// else the first child of the region tree's root, in id order (for a
    /// tree of country → board → area, the first board).
    ///
    /// ```
    /// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
    /// assert_eq!(carepath::Picture::default_region(&pathway), None);
    /// # Ok::<(), carepath::LoadError>(())
    /// ```
    #[must_use]
    pub fn default_region(pathway: &Pathway) -> Option<String> {
        if pathway.services.len() <= READABLE_SERVICES {
            return None;
        }
        let tree = &pathway.regions;
        let root = tree.regions.iter().position(|r| r.parent.is_none())?;
        tree.regions
            .iter()
            .filter(|r| r.parent.is_some_and(|p| p.index() == root))
            .map(|r| r.id.clone())
            .min()
    }

    /// Marks the family's routes and the services that exclude it.
    fn overlay(
        &mut self,
        pathway: &Pathway,
        family: &Profile,
        query: &PictureQuery,
    ) -> Result<(), QueryError> {
        self.family = true;
        for node in &mut self.services {
            let v = pathway.eligibility(&node.id, family)?;
            if v.outcome != Truth::No {
                continue;
            }
            node.excludes = Some(if v.region.served {
                let mut parts: Vec<&str> = v
                    .rule
                    .decisive()
                    .iter()
                    .map(|e| e.message.as_str())
                    .collect();
                parts.dedup();
                parts.join("; ")
            } else {
                v.region.message.clone()
            });
        }
        let mut rq = RouteQuery::default().limit(query.routes.max(1));
        rq.explain = false;
        if let Some(g) = &query.goal {
            rq = rq.goal(g.clone());
        }
        let answer = pathway.routes(family, &rq)?;
        for route in &answer.routes {
            for pair in route.steps.windows(2) {
                if let [a, b] = pair {
                    if let Some(e) = self
                        .referrals
                        .iter_mut()
                        .find(|e| *e.from == *a.service && *e.to == *b.service)
                    {
                        e.on_route = true;
                    }
                }
            }
            for step in &route.steps {
                if let Some(n) = self.services.iter_mut().find(|n| *n.id == *step.service) {
                    n.on_route = true;
                }
            }
        }
        Ok(())
    }
}

impl ServiceNode {
    /// The lines a drawing writes in the node: name, tier and wait, and
    /// whether it is an entry or a goal.
    pub(crate) fn lines(&self) -> Vec<String> {
        let mut wait = format!("{} · wait {}", self.tier.as_str(), duration(self.wait_days));
        if self.wait_assumed && self.wait_days > 0 {
            wait.push_str(" (assumed)");
        }
        let mut lines = vec![self.name.clone(), wait];
        match (self.entry, self.goal) {
            (true, true) => lines.push("entry · goal".into()),
            (true, false) => lines.push("entry".into()),
            (false, true) => lines.push("goal".into()),
            (false, false) => {}
        }
        lines
    }

    /// The tooltip: the id, and for a family why the service excludes it.
    pub(crate) fn tooltip(&self) -> String {
        match &self.excludes {
            Some(reason) => format!("{}: excludes this family: {reason}", self.id),
            None => self.id.clone(),
        }
    }
}

impl ReferralEdge {
    /// The lines a drawing writes on the edge: the delay, and the condition.
    pub(crate) fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if self.delay_days > 0 {
            lines.push(duration(self.delay_days));
        }
        if let Some(c) = &self.condition {
            lines.push(format!("if {c}"));
        }
        lines
    }
}

fn duration(days: i32) -> String {
    if days == 0 {
        "none".into()
    } else {
        crate::age::describe_duration(i64::from(days))
    }
}
