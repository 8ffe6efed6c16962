//! The pathway file format: what a pathway designer writes.
//!
//! A pathway file is one JSON document. These types are its exact shape:
//! every field is named as a designer would say it, unknown fields are
//! errors, and ages and durations stay as the human text the designer wrote
//! (`"2 years"`, `"12 weeks gestation"`) until [`crate::Pathway`] compiles
//! them, so that every problem can be reported at once with its place in
//! the file.
//!
//! ```
//! let text = r#"{
//!   "metadata": { "name": "Tiny", "version": "1" },
//!   "regions": [ { "id": "country", "name": "Country" } ],
//!   "services": [
//!     { "id": "hv", "name": "Health visiting", "tier": "universal",
//!       "regions": ["country"], "entry": true },
//!     { "id": "imh", "name": "Infant mental health team", "tier": "specialist",
//!       "tags": ["infant-mental-health"], "regions": ["country"],
//!       "eligibility": { "age": { "from": "pregnancy", "before": "3 years" } },
//!       "wait": { "typical": "6 weeks" } }
//!   ],
//!   "referrals": [ { "from": "hv", "to": "imh", "delay": "1 week" } ],
//!   "goal": { "tier": "specialist", "tags": ["infant-mental-health"] }
//! }"#;
//! let doc = carepath::document::PathwayDocument::from_json(text)?;
//! assert_eq!(doc.services.len(), 2);
//! # Ok::<(), carepath::LoadError>(())
//! ```
//!
//! A file may also name `alternatives`: what to offer, in order, when no
//! route reaches a goal service, each a `label` and a `goal` of the same
//! shape as the file's own `goal` (see [`AlternativeDoc`]).
//!
//! May use: the leaves. Within: `position` (pointer → line and column),
//! `schema` (the JSON Schema) and `tier` (tiers, and who refers) stand
//! below this file.

pub(crate) mod position;
#[cfg(feature = "schema")]
pub mod schema;
mod tier;

pub use crate::diagnostic::Location;
pub use crate::limits::{MAX_FILE_BYTES, MAX_NESTING};
pub use position::PositionIndex;
pub use tier::{ReferredFromDoc, Referrer, Tier};

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::LoadError;
use crate::limits::{LoadLimits, strip_bom};

/// One pathway file: vocabulary, regions, services, referrals and a goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(title = "carepath pathway file"))]
pub struct PathwayDocument {
    /// Optional URL or path of the JSON Schema, for editors. Ignored by the engine.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// What this pathway is and where it comes from.
    pub metadata: Metadata,
    /// The adversities and facts that rules may name.
    #[serde(default)]
    pub vocabulary: Vocabulary,
    /// The region tree: each region names its parent; one region has none.
    pub regions: Vec<RegionDoc>,
    /// The services (nodes of the pathway).
    pub services: Vec<ServiceDoc>,
    /// Who may refer to whom (edges of the pathway).
    #[serde(default)]
    pub referrals: Vec<ReferralDoc>,
    /// What a route must end at when a query does not say.
    pub goal: GoalDoc,
    /// What to offer, in order, when no route reaches a goal service (e.g.
    /// consultation to the referring professional, then the perinatal
    /// mental health team): the answer gives the best route to each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<AlternativeDoc>,
}

/// An alternative to the goal: what to offer when no route reaches a goal
/// service.
///
/// ```
/// let a: carepath::document::AlternativeDoc = serde_json::from_str(
///     r#"{"label": "Consultation for the referrer", "goal": {"tags": ["consultation"]}}"#,
/// )?;
/// assert_eq!(a.goal.tags, ["consultation"]);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AlternativeDoc {
    /// What a referrer would call it, e.g. "Consultation for the referring professional".
    pub label: String,
    /// Which services offer it (as a goal: tier, tags, services).
    pub goal: GoalDoc,
}

impl PathwayDocument {
    /// Reads a pathway document from JSON text, checking only its shape
    /// (unknown fields, wrong types, malformed JSON), not its meaning.
    ///
    /// Use [`crate::Pathway::from_json`] to also compile it.
    ///
    /// # Errors
    /// [`LoadError::TooLarge`] over [`MAX_FILE_BYTES`]; [`LoadError::Syntax`]
    /// with line and column for malformed JSON, wrong shapes or nesting
    /// deeper than [`MAX_NESTING`].
    ///
    /// ```
    /// let err = carepath::document::PathwayDocument::from_json("{ \"metadata\": ").unwrap_err();
    /// assert_eq!(err.code(), "E0001");
    /// ```
    pub fn from_json(text: &str) -> Result<Self, LoadError> {
        Self::from_json_with(text, &LoadLimits::default())
    }

    /// As [`PathwayDocument::from_json`], with other limits. A UTF-8
    /// byte-order mark at the start is skipped.
    ///
    /// # Errors
    /// As [`PathwayDocument::from_json`], with `limits.max_file_bytes`.
    ///
    /// ```
    /// use carepath::{document::PathwayDocument, limits::LoadLimits};
    /// let err = PathwayDocument::from_json_with("{}", &LoadLimits::default().max_file_bytes(1));
    /// assert_eq!(err.unwrap_err().code(), "E0002");
    /// ```
    pub fn from_json_with(text: &str, limits: &LoadLimits) -> Result<Self, LoadError> {
        if text.len() > limits.max_file_bytes {
            return Err(LoadError::TooLarge {
                bytes: text.len(),
                limit: limits.max_file_bytes,
            });
        }
        let text = strip_bom(text);
        serde_json::from_str(text).map_err(|e| LoadError::from_json_error(&e, text))
    }

    /// Writes the document back as pretty JSON.
    ///
    /// ```
    /// # let text = include_str!("../../tests/fixtures/small.json");
    /// let doc = carepath::document::PathwayDocument::from_json(text)?;
    /// let again = carepath::document::PathwayDocument::from_json(&doc.to_json_pretty())?;
    /// assert_eq!(doc, again);
    /// # Ok::<(), carepath::LoadError>(())
    /// ```
    #[must_use]
    pub fn to_json_pretty(&self) -> String {
        // Serializing these plain data types cannot fail: no maps with
        // non-string keys, no custom serializers.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// What a pathway is, who wrote it, and where its facts come from.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    /// Short name, e.g. "Scotland perinatal and infant mental health".
    pub name: String,
    /// The pathway's own version, e.g. "2026.11".
    pub version: String,
    /// What the pathway models, and any caveats (e.g. that it is illustrative).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// When the content was last checked against its sources (ISO date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_reviewed: Option<String>,
    /// The documents this pathway draws on; services cite them by `id`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceDoc>,
    /// Lint levels chosen for this file, keyed by lint name, code or group
    /// (`correctness`, `suspicious`, `style`), each with its reason; see
    /// [`crate::lint`](mod@crate::lint). The command line overrides them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub lints: BTreeMap<String, LintSettingDoc>,
}

/// A lint level chosen in the file, with the reason for it.
///
/// ```
/// let s: carepath::document::LintSettingDoc = serde_json::from_str(
///     r#"{"level": "allow", "reason": "the island boards consult only", "services": ["orkney-imh"]}"#)?;
/// assert_eq!(s.level, carepath::document::LintLevel::Allow);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LintSettingDoc {
    /// `allow` (silence), `info`, `warning` or `error`.
    pub level: LintLevel,
    /// Why: a property of the system the sources describe, or a choice.
    pub reason: String,
    /// When given, the setting applies only to findings about these services.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<String>,
}

/// The level of a lint: off, or the severity of its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LintLevel {
    /// Not reported.
    #[default]
    Allow,
    /// Reported as a note.
    Info,
    /// Reported as a warning.
    Warning,
    /// Reported as an error.
    Error,
}

/// A document a pathway draws on.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SourceDoc {
    /// Short id services use to cite it, e.g. `nspcc-2020`.
    pub id: String,
    /// Title of the document or page.
    pub title: String,
    /// Where to find it, if public.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The words rules may use: adversities and typed facts.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    /// Adversities a family may face (e.g. `domestic_abuse`).
    #[serde(default)]
    pub adversities: Vec<AdversityDoc>,
    /// Other facts about a family, each with a type (e.g. `first_time_parent`).
    #[serde(default)]
    pub facts: Vec<FactDoc>,
}

/// One adversity in the vocabulary.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AdversityDoc {
    /// Identifier used in rules and profiles (snake_case by convention).
    pub id: String,
    /// What a referrer would call it.
    pub label: String,
    /// A longer definition, if the label is not enough.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// One typed fact in the vocabulary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(extend(
    "if" = {"properties": {"type": {"const": "choice"}}},
    "then" = {"required": ["values"], "properties": {"values": {"minItems": 1}}},
    "else" = {"properties": {"values": {"maxItems": 0}, "ordered": {"const": false}}}
)))]
#[serde(deny_unknown_fields)]
pub struct FactDoc {
    /// Identifier used in rules and profiles (snake_case by convention).
    pub id: String,
    /// What a referrer would call it.
    pub label: String,
    /// The kind of value: `boolean`, `number`, or `choice` (with `values`).
    #[serde(rename = "type")]
    pub kind: FactKind,
    /// For `choice` facts: the allowed values, in order (e.g. mild, moderate, severe).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// For `choice` facts: the values are listed from least to most (e.g.
    /// `universal` < `targeted` < `specialist`), so rules may compare them
    /// with `at_least` and `at_most`. Without it a choice is a plain list of
    /// names and only `equals` and `one_of` apply.
    #[serde(default, skip_serializing_if = "is_false")]
    pub ordered: bool,
    /// A longer definition, if the label is not enough.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
const fn is_false(b: &bool) -> bool {
    !*b
}

/// The kind of value a fact holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FactKind {
    /// `true` or `false`.
    Boolean,
    /// A number, e.g. a parent's age in years.
    Number,
    /// One of a declared list of values (ordered as listed when the fact
    /// says `"ordered": true`).
    Choice,
}

/// One region; regions form a tree through `parent`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RegionDoc {
    /// Identifier (kebab-case by convention), e.g. `nhs-highland`.
    pub id: String,
    /// Display name, e.g. "NHS Highland".
    pub name: String,
    /// What level of the tree this is, e.g. `health_board`, `council_area`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kind: String,
    /// The region this one lies inside; absent for the root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

/// One service: who offers what, at which tier, to whom, where, how soon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ServiceDoc {
    /// Identifier (kebab-case by convention), unique in the file.
    pub id: String,
    /// Display name.
    pub name: String,
    /// `universal`, `targeted` or `specialist`.
    pub tier: Tier,
    /// Free tags used by goals and queries, e.g. `infant-mental-health`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Who runs it (an NHS board, a council, a charity).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub provider: String,
    /// The regions it serves; a family is served when its region is one of
    /// these or lies inside one of them.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub regions: Vec<String>,
    /// Who it accepts; absent means everyone in its regions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility: Option<Rule>,
    /// How long from a referral arriving until the family is seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wait: Option<WaitDoc>,
    /// `true` when a family can be in contact without a referral
    /// (universal contacts, self-referral).
    #[serde(default)]
    pub entry: bool,
    /// What the service does, in a sentence or two.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Ids of `metadata.sources` that support this entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// Designer's notes, e.g. which figures are assumptions; shown to a
    /// referrer with each step of a route.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// How a referrer reaches the service, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

/// How a referrer reaches a service: every part optional, none invented.
///
/// ```
/// let c: carepath::document::Contact = serde_json::from_str(
///     r#"{"how_to_refer": "Referral by the health visitor", "phone": "0123 456 789"}"#)?;
/// assert_eq!(c.phone.as_deref(), Some("0123 456 789"));
/// assert!(c.email.is_none());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Who may refer and how, in words (e.g. "Referral by GP, midwife or health visitor").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how_to_refer: Option<String>,
    /// A telephone number for referrals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// A web page about the service or its referral form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web: Option<String>,
    /// An email address for referrals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl Contact {
    /// Whether no part is given.
    ///
    /// ```
    /// assert!(carepath::document::Contact::default().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.how_to_refer.is_none()
            && self.phone.is_none()
            && self.web.is_none()
            && self.email.is_none()
    }
}

/// How long a service takes to see a family after a referral arrives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WaitDoc {
    /// The usual wait, as a duration: `"0 days"`, `"6 weeks"`, `"3 months"`.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::age::pattern::duration_pattern())))]
    pub typical: String,
    /// A pessimistic wait (e.g. the 90th percentile); defaults to `typical`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::age::pattern::duration_pattern())))]
    pub pessimistic: Option<String>,
    /// `true` when the figure is assumed rather than published.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub assumed: bool,
}

/// A referral: `from` may refer a family to `to`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ReferralDoc {
    /// The referring service's id.
    pub from: String,
    /// The receiving service's id.
    pub to: String,
    /// A condition on the family for this referral to be made; judged on
    /// the day the referring service sees the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Rule>,
    /// How long the referral takes to arrive: `"0 days"` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::age::pattern::duration_pattern())))]
    pub delay: Option<String>,
    /// Designer's notes (e.g. "health visitor request for assistance").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

/// Which services count as the end of a route.
///
/// A service is a goal when it matches every part given: its id is in
/// `services` (if given), its tier is `tier` (if given), and it carries
/// every tag in `tags`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GoalDoc {
    /// Only services of this tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<Tier>,
    /// Only services carrying all these tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Only these services.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<String>,
}

/// An eligibility rule (or a referral condition).
///
/// Written as a JSON object with exactly one key naming the kind of rule:
///
/// | rule | holds when |
/// | --- | --- |
/// | `{"all": [r, …]}` | every rule holds (an empty list holds) |
/// | `{"any": [r, …]}` | at least one rule holds (an empty list does not) |
/// | `{"not": r}` | `r` does not hold |
/// | `{"age": {"from": "pregnancy", "before": "2 years"}}` | the infant's age is in the half-open range |
/// | `{"adversities": {"any_of": [..]}}` (or `all_of`, `none_of`) | the family faces any / all / none of them |
/// | `{"fact": {"id": "parent_age_years", "at_most": 19}}` (or `equals`, `one_of`, `at_least`) | the fact compares as stated; `at_least` / `at_most` compare numbers, and the values of a choice declared `"ordered": true` by their order (`{"fact": {"id": "level_of_need", "at_least": "targeted"}}`) |
/// | `{"region": ["nhs-fife", …]}` | the family lives in (inside) one of these regions |
/// | `{"referred_from": {"tier": ["self", "targeted"]}}` (or `at_least`, `at_most`) | the referral comes from a service of one of these tiers, or (`self`) the family comes by itself |
///
/// A rule that needs a fact the profile does not give is *unknown*, not
/// false; see [`crate::Truth`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Rule {
    /// Every rule holds.
    All(Vec<Rule>),
    /// At least one rule holds.
    Any(Vec<Rule>),
    /// The rule does not hold.
    Not(Box<Rule>),
    /// The infant's age lies in a half-open range.
    Age(AgeRangeDoc),
    /// The family faces some set of adversities.
    Adversities(AdversitiesDoc),
    /// A fact compares to a value.
    Fact(FactTestDoc),
    /// The family lives in one of these regions (or inside one).
    Region(Vec<String>),
    /// The referral comes from a service of these tiers (stepped care), or
    /// the family comes by itself.
    ReferredFrom(ReferredFromDoc),
}

/// A half-open age range: `from` inclusive, `before` exclusive.
///
/// Ages are written in human units: `pregnancy` (gestational week 0),
/// `12 weeks gestation`, `birth`, `10 days`, `6 weeks`, `7 months`,
/// `2 years`. See [`crate::age`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AgeRangeDoc {
    /// The first age accepted; absent means no lower limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::age::pattern::age_pattern())))]
    pub from: Option<String>,
    /// The first age no longer accepted; absent means no upper limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(regex(pattern = crate::age::pattern::age_pattern())))]
    pub before: Option<String>,
    /// When the age is judged: `on_referral` (the day the referral arrives,
    /// the default) or `when_seen` (the day the service would see the family).
    #[serde(default, skip_serializing_if = "AgeJudged::is_default")]
    pub judged: AgeJudged,
}

/// On which day an age clause is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AgeJudged {
    /// On the day the referral reaches the service ("accepts referrals until…").
    #[default]
    OnReferral,
    /// On the day the service would see the family ("works with children until…").
    WhenSeen,
}

impl AgeJudged {
    fn is_default(&self) -> bool {
        *self == Self::OnReferral
    }
}

/// A test of the family's adversities; exactly one of the three fields.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(extend("minProperties" = 1, "maxProperties" = 1)))]
#[serde(deny_unknown_fields)]
pub struct AdversitiesDoc {
    /// Holds when the family faces at least one of these.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub any_of: Option<Vec<String>>,
    /// Holds when the family faces every one of these.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all_of: Option<Vec<String>>,
    /// Holds when the family faces none of these.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub none_of: Option<Vec<String>>,
}

/// A comparison of one fact with a value; exactly one comparison field.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(extend("minProperties" = 2, "maxProperties" = 2)))]
#[serde(deny_unknown_fields)]
pub struct FactTestDoc {
    /// The fact's id in the vocabulary.
    pub id: String,
    /// Holds when the fact equals this value (boolean, number or choice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<serde_json::Value>,
    /// Holds when the fact is one of these values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub one_of: Option<Vec<serde_json::Value>>,
    /// Holds when the fact is at least this (numbers, or the values of an
    /// ordered choice by their order).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<serde_json::Value>,
    /// Holds when the fact is at most this (numbers, or the values of an
    /// ordered choice by their order).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<serde_json::Value>,
}
