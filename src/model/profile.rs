//! Profiles: the family a question is about.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::age::{AgeError, Date, age_from_birth, age_from_due_date, parse_age};
use crate::bits::Bits;
use crate::error::QueryError;
use crate::error::resolve_name;
use crate::model::region::{RegionId, RegionTree};
use crate::model::vocabulary::{FactValue, Vocabulary};
use crate::suggest::NameKind;

/// A family: the infant's age (or the pregnancy's stage), the adversities
/// they face, where they live, and any other facts.
///
/// Build one in Rust, or read it from JSON:
///
/// ```
/// use carepath::Profile;
/// let p = Profile::new()
///     .age("7 months")?
///     .adversity("domestic_abuse")
///     .region("glasgow-city")
///     .fact("first_time_parent", true);
/// assert_eq!(p.age_days, Some(213));
///
/// let q: Profile = serde_json::from_str(
///     r#"{"age": "7 months", "adversities": ["domestic_abuse"], "region": "glasgow-city",
///         "facts": {"first_time_parent": true}}"#)?;
/// assert_eq!(q.age.as_deref(), Some("7 months"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The infant's age in human units (`32 weeks gestation`, `7 months`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<String>,
    /// The infant's age in days from birth (negative in pregnancy). When
    /// given, it is used instead of `age`, `born` and `due`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_days: Option<i32>,
    /// The child's date of birth (needs `today`); used when neither
    /// `age_days` nor `age` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub born: Option<Date>,
    /// The pregnancy's due date (needs `today`); used when neither
    /// `age_days`, `age` nor `born` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// The day the question is asked. With it, answers also give calendar
    /// dates ("seen around 14 March 2027"). The library never reads the clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub today: Option<Date>,
    /// The adversities the family faces (ids or labels from the pathway's
    /// vocabulary, in any case and punctuation).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adversities: Vec<String>,
    /// Where the family lives: a region of the pathway, by id or by name,
    /// in any case and punctuation (`city-of-edinburgh`, `City of Edinburgh`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Other facts, by id (or label): booleans, numbers, or choice names.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub facts: BTreeMap<String, Value>,
}

impl Profile {
    /// An empty profile.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the age from human units.
    ///
    /// # Errors
    /// [`AgeError`] when the text is not an age.
    ///
    /// ```
    /// let p = carepath::Profile::new().age("12 weeks gestation")?;
    /// assert_eq!(p.age_days, Some(-196));
    /// # Ok::<(), carepath::age::AgeError>(())
    /// ```
    pub fn age(mut self, text: &str) -> Result<Self, AgeError> {
        self.age_days = Some(parse_age(text)?);
        self.age = Some(text.to_owned());
        Ok(self)
    }

    /// Sets the age from the child's date of birth, on `today`; answers
    /// then also give calendar dates.
    ///
    /// # Errors
    /// [`AgeError::BornAfterToday`], or [`AgeError::BornTooLongAgo`] past
    /// 18 years.
    ///
    /// ```
    /// use carepath::{Profile, age::Date};
    /// let today = Date::parse("2026-11-25")?;
    /// let p = Profile::new().born(Date::parse("2026-04-25")?, today)?;
    /// assert_eq!(p.age_days, Some(214));
    /// assert_eq!(p.today, Some(today));
    /// # Ok::<(), carepath::age::AgeError>(())
    /// ```
    pub fn born(mut self, date: Date, today: Date) -> Result<Self, AgeError> {
        self.age_days = Some(age_from_birth(date, today)?);
        self.age = None;
        self.born = Some(date);
        self.due = None;
        self.today = Some(today);
        Ok(self)
    }

    /// Sets the stage of pregnancy from its due date, on `today` (negative
    /// ages before the due date); answers then also give calendar dates.
    ///
    /// # Errors
    /// [`AgeError::DueOutOfRange`] when the due date gives a gestation
    /// outside 0 to 44 weeks.
    ///
    /// ```
    /// use carepath::{Profile, age::Date};
    /// let today = Date::parse("2026-11-25")?;
    /// let p = Profile::new().due(Date::parse("2027-01-20")?, today)?;
    /// assert_eq!(p.age_days, Some(-56)); // 32 weeks pregnant
    /// # Ok::<(), carepath::age::AgeError>(())
    /// ```
    pub fn due(mut self, date: Date, today: Date) -> Result<Self, AgeError> {
        self.age_days = Some(age_from_due_date(date, today)?);
        self.age = None;
        self.born = None;
        self.due = Some(date);
        self.today = Some(today);
        Ok(self)
    }

    /// Sets the day the question is asked, so that answers also give
    /// calendar dates.
    ///
    /// ```
    /// use carepath::{Profile, age::Date};
    /// let today = Date::parse("2026-11-25")?;
    /// assert_eq!(Profile::new().today(today).today, Some(today));
    /// # Ok::<(), carepath::age::AgeError>(())
    /// ```
    #[must_use]
    pub fn today(mut self, date: Date) -> Self {
        self.today = Some(date);
        self
    }

    /// Sets the age in days from birth (negative in pregnancy).
    ///
    /// ```
    /// assert_eq!(carepath::Profile::new().age_days(-56).age_days, Some(-56));
    /// ```
    #[must_use]
    pub fn age_days(mut self, days: i32) -> Self {
        self.age_days = Some(days);
        self.age = None;
        self
    }

    /// Adds an adversity the family faces.
    ///
    /// ```
    /// let p = carepath::Profile::new().adversity("trauma");
    /// assert_eq!(p.adversities, ["trauma"]);
    /// ```
    #[must_use]
    pub fn adversity(mut self, id: &str) -> Self {
        if !self.adversities.iter().any(|a| a == id) {
            self.adversities.push(id.to_owned());
        }
        self
    }

    /// Sets where the family lives.
    ///
    /// ```
    /// let p = carepath::Profile::new().region("fife");
    /// assert_eq!(p.region.as_deref(), Some("fife"));
    /// ```
    #[must_use]
    pub fn region(mut self, id: &str) -> Self {
        self.region = Some(id.to_owned());
        self
    }

    /// Sets a fact: a boolean, a number, or a choice's name.
    ///
    /// ```
    /// let p = carepath::Profile::new().fact("parent_age_years", 19).fact("severity", "severe");
    /// assert_eq!(p.facts.len(), 2);
    /// ```
    #[must_use]
    pub fn fact(mut self, id: &str, value: impl Into<Value>) -> Self {
        self.facts.insert(id.to_owned(), value.into());
        self
    }
}

/// A profile with ids resolved against one pathway.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CompiledProfile {
    pub(crate) age: i32,
    /// The day the question is asked, when known.
    pub(crate) today: Option<Date>,
    pub(crate) region: RegionId,
    pub(crate) adversities: Bits,
    pub(crate) facts: Vec<Option<FactValue>>,
}

impl CompiledProfile {
    /// Resolves a profile's ids. O(adversities + facts + suggestions).
    pub(crate) fn new(
        profile: &Profile,
        vocabulary: &Vocabulary,
        regions: &RegionTree,
    ) -> Result<Self, QueryError> {
        let dated = |date: Option<Date>, f: fn(Date, Date) -> Result<i32, AgeError>| {
            date.map(|d| match profile.today {
                Some(today) => f(d, today).map_err(QueryError::from),
                None => Err(QueryError::MissingToday),
            })
        };
        let age = match (profile.age_days, &profile.age) {
            (Some(days), _) => days,
            (None, Some(text)) => parse_age(text)?,
            (None, None) => dated(profile.born, age_from_birth)
                .or_else(|| dated(profile.due, age_from_due_date))
                .unwrap_or(Err(QueryError::MissingAge))?,
        };
        if age.unsigned_abs() > crate::age::MAX_DAYS.unsigned_abs() {
            return Err(QueryError::OutOfRange(format!(
                "age of {age} days is beyond 150 years"
            )));
        }
        let region_id = profile.region.as_deref().ok_or(QueryError::MissingRegion)?;
        let region = match regions.get(region_id) {
            Some(r) => r,
            None => {
                let entries: Vec<(&str, &str)> = regions
                    .regions
                    .iter()
                    .map(|r| (r.id.as_str(), r.name.as_str()))
                    .collect();
                let i = resolve_name(NameKind::Region, region_id, &entries)?;
                RegionId(u32::try_from(i).map_err(|_| QueryError::MissingRegion)?)
            }
        };
        // O(k log k) for k adversities, repeated or not.
        let mut indices = Vec::with_capacity(profile.adversities.len());
        for a in &profile.adversities {
            let i = match vocabulary.adversity(a) {
                Some(i) => i,
                None => {
                    let entries: Vec<(&str, &str)> = vocabulary
                        .adversities
                        .iter()
                        .map(|(id, label)| (id.as_str(), label.as_str()))
                        .collect();
                    resolve_name(NameKind::Adversity, a, &entries)?
                }
            };
            indices.push(i);
        }
        let adversities = Bits::from_indices(indices);
        let mut facts = vec![None; vocabulary.facts.len()];
        for (id, value) in &profile.facts {
            let i = match vocabulary.fact(id) {
                Some(i) => i,
                None => {
                    let entries: Vec<(&str, &str)> = vocabulary
                        .facts
                        .iter()
                        .map(|f| (f.id.as_str(), f.label.as_str()))
                        .collect();
                    resolve_name(NameKind::Fact, id, &entries)?
                }
            };
            let v = vocabulary
                .value(i, value)
                .map_err(|expected| QueryError::FactType {
                    id: id.clone(),
                    expected,
                    value: value.to_string(),
                })?;
            if let Some(slot) = facts.get_mut(i) {
                *slot = Some(v);
            }
        }
        Ok(Self {
            age,
            today: profile.today,
            region,
            adversities,
            facts,
        })
    }
}
