//! What a pathway holds, by name: its regions (as a tree), adversities,
//! facts and tags, and any of them resolved from what a user typed.
//!
//! May use: the leaves, `document`, `model` and `pathway`.

use serde::{Deserialize, Serialize};

use crate::document::FactKind;
use crate::error::{QueryError, resolve_name};
use crate::model::region::RegionId;
use crate::pathway::{Pathway, ServiceSummary};
use crate::suggest::NameKind;

/// A region as a host or a listing shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct RegionSummary {
    /// The region's id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What level of the tree it is (e.g. `health_board`), if given.
    pub kind: String,
    /// The id of the region it lies inside (none for the root).
    pub parent: Option<String>,
    /// How deep in the tree it is: 0 for the root.
    pub depth: usize,
}

/// An adversity or a fact of the pathway's vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Term {
    /// The id rules and profiles use.
    pub id: String,
    /// What a referrer would call it.
    pub label: String,
    /// For facts: the kind of value (none for adversities).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<FactKind>,
    /// For choice facts: the values, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// For choice facts: whether the values run from least to most (rules
    /// may then compare them with `at_least` and `at_most`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ordered: bool,
}

impl Pathway {
    /// Resolves what a user typed into the id it means: an id, or an id or
    /// name in any case and punctuation, where unambiguous.
    ///
    /// Complexity: O(entries) (O(entries · n · m) to suggest).
    ///
    /// # Errors
    /// [`QueryError::Ambiguous`] naming every entry it could mean, or the
    /// unknown-name error of the kind, with up to three suggestions.
    ///
    /// ```
    /// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
    /// use carepath::suggest::NameKind;
    /// assert_eq!(pathway.resolve(NameKind::Region, "East City")?, "east-city");
    /// assert_eq!(pathway.resolve(NameKind::Service, "hv-east")?, "hv-east");
    /// assert!(pathway.resolve(NameKind::Region, "nowhere").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn resolve(&self, kind: NameKind, text: &str) -> Result<String, QueryError> {
        let entries: Vec<(&str, &str)> = match kind {
            NameKind::Region => self
                .regions
                .regions
                .iter()
                .map(|r| (r.id.as_str(), r.name.as_str()))
                .collect(),
            NameKind::Service => self
                .services
                .iter()
                .map(|s| (s.id.as_str(), s.name.as_str()))
                .collect(),
            NameKind::Adversity => self
                .vocabulary
                .adversities
                .iter()
                .map(|(id, label)| (id.as_str(), label.as_str()))
                .collect(),
            NameKind::Fact => self
                .vocabulary
                .facts
                .iter()
                .map(|f| (f.id.as_str(), f.label.as_str()))
                .collect(),
            NameKind::Tag => return self.tag(text),
        };
        let i = resolve_name(kind, text, &entries)?;
        Ok(entries
            .get(i)
            .map(|(id, _)| (*id).to_owned())
            .unwrap_or_default())
    }

    /// Every region, depth first from the root (children in id order), or
    /// only those inside `within` (an id or name) when given.
    ///
    /// Complexity: O(r log r) for r regions.
    ///
    /// # Errors
    /// When `within` names no region, or several.
    ///
    /// ```
    /// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
    /// let all = pathway.regions(None)?;
    /// assert_eq!(all[0].depth, 0);
    /// let east = pathway.regions(Some("east"))?;
    /// assert!(east.iter().all(|r| r.id.starts_with("east")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn regions(&self, within: Option<&str>) -> Result<Vec<RegionSummary>, QueryError> {
        let root = within.map(|w| self.region_index(w)).transpose()?;
        Ok(self
            .regions
            .tree_order()
            .into_iter()
            .filter(|&(r, _)| root.is_none_or(|root| self.regions.contains(root, r)))
            .filter_map(|(r, depth)| {
                let info = self.regions.regions.get(r.index())?;
                Some(RegionSummary {
                    id: info.id.clone(),
                    name: info.name.clone(),
                    kind: info.kind.clone(),
                    parent: info.parent.map(|p| self.regions.id(p).to_owned()),
                    depth,
                })
            })
            .collect())
    }

    /// The services that serve some family in `region` (an id or name):
    /// those serving it or an area inside it, in id order.
    ///
    /// Complexity: O(services · regions served).
    ///
    /// # Errors
    /// When `region` names no region, or several.
    ///
    /// ```
    /// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
    /// let west: Vec<String> = pathway.services_in("west")?.into_iter().map(|s| s.id).collect();
    /// assert!(west.contains(&"imh-west".to_owned()) && !west.contains(&"imh-east".to_owned()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn services_in(&self, region: &str) -> Result<Vec<ServiceSummary>, QueryError> {
        let r = self.region_index(region)?;
        Ok(self
            .services
            .iter()
            .filter(|s| {
                s.regions
                    .iter()
                    .any(|&x| self.regions.contains(x, r) || self.regions.contains(r, x))
            })
            .filter_map(|s| self.service(&s.id))
            .collect())
    }

    /// The adversities of the vocabulary, in declaration order.
    ///
    /// ```
    /// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
    /// assert!(pathway.adversities().iter().any(|a| a.id == "domestic_abuse"));
    /// # Ok::<(), carepath::LoadError>(())
    /// ```
    #[must_use]
    pub fn adversities(&self) -> Vec<Term> {
        self.vocabulary
            .adversities
            .iter()
            .map(|(id, label)| Term {
                id: id.clone(),
                label: label.clone(),
                kind: None,
                values: Vec::new(),
                ordered: false,
            })
            .collect()
    }

    /// The facts of the vocabulary, in declaration order, with their kinds.
    ///
    /// ```
    /// # let pathway = carepath::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))?;
    /// assert!(pathway.facts().iter().any(|f| f.id == "first_time_parent"));
    /// assert!(pathway.facts().iter().any(|f| f.id == "severity" && f.ordered));
    /// # Ok::<(), carepath::LoadError>(())
    /// ```
    #[must_use]
    pub fn facts(&self) -> Vec<Term> {
        self.vocabulary
            .facts
            .iter()
            .map(|f| Term {
                id: f.id.clone(),
                label: f.label.clone(),
                kind: Some(f.kind),
                values: f.values.clone(),
                ordered: f.ordered,
            })
            .collect()
    }

    fn region_index(&self, text: &str) -> Result<RegionId, QueryError> {
        let id = self.resolve(NameKind::Region, text)?;
        self.regions.get(&id).ok_or(QueryError::MissingRegion)
    }
}
