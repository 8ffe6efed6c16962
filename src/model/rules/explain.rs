//! Explained evaluation: a tree a host can render, naming every clause,
//! its outcome, and the value seen.

use serde::{Deserialize, Serialize};

use super::eval::{Cond, Context, SetTest, Truth, age_in, all, any};
use super::words::{
    adversities_message, age_message, fact_message, fact_seen, fact_test, fact_test_into,
    present_adversities, referred_from_message,
};
use crate::document::{AgeJudged, Referrer};

/// What one clause of a rule tested, as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Clause {
    /// `all`: every part must hold.
    All,
    /// `any`: one part must hold.
    Any,
    /// `not`: the part must not hold.
    Not,
    /// An age range.
    Age {
        /// First age accepted, in days (none: no lower limit).
        from_days: Option<i32>,
        /// First age no longer accepted, in days (none: no upper limit).
        before_days: Option<i32>,
        /// Which day the age is judged on.
        judged: AgeJudged,
        /// The family's age on that day, in days.
        age_days: i32,
    },
    /// An adversity test.
    Adversities {
        /// How the list combines.
        test: SetTest,
        /// The adversities listed in the rule.
        listed: Vec<String>,
        /// Those of the listed adversities the family faces.
        present: Vec<String>,
    },
    /// A fact comparison.
    Fact {
        /// The fact's id.
        id: String,
        /// The comparison, e.g. `at_most 19`.
        test: String,
        /// The value in the profile; none when not given.
        seen: Option<String>,
    },
    /// A region test.
    Region {
        /// The regions listed.
        listed: Vec<String>,
        /// Where the family lives.
        family_region: String,
    },
    /// A test of who refers (stepped care).
    ReferredFrom {
        /// The referrers accepted, `self` first, then tiers in order.
        accepted: Vec<Referrer>,
        /// Who refers on this step; none when not known.
        referrer: Option<Referrer>,
        /// The referring service's name; none for the family itself or when not known.
        service: Option<String>,
    },
}

/// One clause's verdict, with its parts' verdicts beneath it.
///
/// ```
/// # let text = include_str!("../../../tests/fixtures/small.json");
/// let pathway = carepath::Pathway::from_json(text)?;
/// let profile = carepath::Profile::new().age("26 months")?.region("east");
/// let v = pathway.eligibility("imh-east", &profile)?;
/// assert!(!v.eligible());
/// let failing: Vec<_> = v.rule.decisive().iter().map(|e| e.message.clone()).collect();
/// assert_eq!(failing, ["age on referral 26 months is not before 2 years"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Explanation {
    /// Whether this clause held.
    pub outcome: Truth,
    /// What the clause tested.
    pub clause: Clause,
    /// The verdict in words, e.g. "age on referral 26 months is not before 2 years".
    pub message: String,
    /// The verdicts of the clause's parts (for `all`, `any`, `not`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Explanation>,
}

impl Explanation {
    /// The clauses that decide the outcome: for `all` and `any`, the parts
    /// whose outcome equals the whole's, recursively; otherwise the clause
    /// itself (a `not` is decisive as a whole).
    ///
    /// For a rule that fails, these are exactly the failing clauses.
    #[must_use]
    pub fn decisive(&self) -> Vec<&Self> {
        let mut out = Vec::new();
        self.collect_decisive(&mut out);
        out
    }

    fn collect_decisive<'a>(&'a self, out: &mut Vec<&'a Self>) {
        match self.clause {
            Clause::All | Clause::Any if !self.parts.is_empty() => {
                for p in self.parts.iter().filter(|p| p.outcome == self.outcome) {
                    p.collect_decisive(out);
                }
            }
            _ => out.push(self),
        }
    }

    /// A rule that always holds (a service with no eligibility rule).
    pub(crate) fn everyone() -> Self {
        Self {
            outcome: Truth::Yes,
            clause: Clause::All,
            message: "open to every family in its regions".into(),
            parts: Vec::new(),
        }
    }
}

impl Cond {
    /// The messages of [`Explanation::decisive`] of [`Cond::explain`], in
    /// the same order, without building the rest of the tree: for a route's
    /// steps, which show only why each service accepts the family.
    /// O(size of the rule · depth).
    pub(crate) fn decisive_messages(&self, cx: &Context<'_>, out: &mut Vec<String>) {
        // A rule of a few clauses (the common shape): each clause is judged
        // once, and their verdicts give the rule's.
        if let Self::All(rules) | Self::Any(rules) = self {
            let mut truths = [Truth::Unknown; 16];
            if !rules.is_empty() && rules.len() <= truths.len() {
                for (t, r) in truths.iter_mut().zip(rules) {
                    *t = r.eval(cx);
                }
                let judged = truths.get(..rules.len()).unwrap_or_default();
                let outcome = if matches!(self, Self::All(_)) {
                    all(judged.iter().copied())
                } else {
                    any(judged.iter().copied())
                };
                for (r, &t) in rules.iter().zip(judged) {
                    if t == outcome {
                        r.decisive_given(t, cx, out);
                    }
                }
                return;
            }
        }
        self.decisive_given(self.eval(cx), cx, out);
    }

    /// [`Cond::decisive_messages`] of a clause whose outcome is known.
    fn decisive_given(&self, outcome: Truth, cx: &Context<'_>, out: &mut Vec<String>) {
        match self {
            Self::All(rules) | Self::Any(rules) if !rules.is_empty() => {
                for r in rules {
                    let t = r.eval(cx);
                    if t == outcome {
                        r.decisive_given(t, cx, out);
                    }
                }
            }
            _ => out.push(self.message(outcome, cx)),
        }
    }

    /// The message of [`Cond::explain`] alone, without the tree, for a
    /// clause whose outcome is known: what a route's step shows. Leaves
    /// share their wording with `explain`. O(size of the rule).
    fn message(&self, outcome: Truth, cx: &Context<'_>) -> String {
        match self {
            Self::All(_) | Self::Any(_) | Self::Not(_) => self.explain(cx).message,
            Self::Age {
                from,
                before,
                judged,
                texts,
            } => age_message(cx.timing.age(*judged), *from, *before, *judged, texts),
            Self::Adversities {
                test, ids, indices, ..
            } => adversities_message(*test, outcome, ids, || {
                present_adversities(cx, ids, indices).map(String::as_str)
            }),
            Self::Fact { fact, id, op } => {
                let seen = cx.profile.facts.get(*fact).and_then(Option::as_ref);
                fact_message(
                    id,
                    seen.map(|v| move |m: &mut String| cx.vocabulary.show_into(m, *fact, v)),
                    |m| fact_test_into(m, cx, *fact, op),
                    outcome,
                )
            }
            Self::ReferredFrom(allowed) => referred_from_message(*allowed, cx.referrer),
            Self::Region(regions) => cx.regions.explain_served(cx.profile.region, regions),
        }
    }

    /// Full evaluation of every clause, with explanation. O(size of the rule).
    pub(crate) fn explain(&self, cx: &Context<'_>) -> Explanation {
        match self {
            Self::All(rules) | Self::Any(rules) => {
                let all = matches!(self, Self::All(_));
                let parts: Vec<Explanation> = rules.iter().map(|r| r.explain(cx)).collect();
                let outcome = self.eval(cx);
                let (clause, word) = if all {
                    (Clause::All, "all")
                } else {
                    (Clause::Any, "any")
                };
                let n = parts.len();
                let held = parts.iter().filter(|p| p.outcome == Truth::Yes).count();
                let failed = parts.iter().filter(|p| p.outcome == Truth::No).count();
                let unknown = n - held - failed;
                let message = match (word, outcome) {
                    ("all", Truth::Yes) => format!("all {n} parts hold"),
                    ("all", Truth::No) => format!("{failed} of {n} parts fail; all must hold"),
                    ("all", _) => format!("{unknown} of {n} parts unknown; all must hold"),
                    (_, Truth::Yes) => format!("{held} of {n} parts hold; one is enough"),
                    (_, Truth::No) => format!("none of {n} parts holds; one must"),
                    _ => format!("no part holds for certain; {unknown} of {n} unknown"),
                };
                Explanation {
                    outcome,
                    clause,
                    message,
                    parts,
                }
            }
            Self::Not(r) => {
                let part = r.explain(cx);
                let outcome = part.outcome.not();
                let message = match outcome {
                    Truth::Unknown => format!("unknown whether not ({})", part.message),
                    _ => format!("required not to hold: {}", part.message),
                };
                Explanation {
                    outcome,
                    clause: Clause::Not,
                    message,
                    parts: vec![part],
                }
            }
            Self::Age {
                from,
                before,
                judged,
                texts,
            } => {
                let age = cx.timing.age(*judged);
                let outcome = Truth::from_bool(age_in(age, *from, *before));
                let message = age_message(age, *from, *before, *judged, texts);
                Explanation {
                    outcome,
                    clause: Clause::Age {
                        from_days: *from,
                        before_days: *before,
                        judged: *judged,
                        age_days: age,
                    },
                    message,
                    parts: Vec::new(),
                }
            }
            Self::Adversities {
                test, ids, indices, ..
            } => {
                let outcome = self.eval(cx);
                let present: Vec<String> = present_adversities(cx, ids, indices).cloned().collect();
                let shown: Vec<&str> = present.iter().map(String::as_str).collect();
                let message = adversities_message(*test, outcome, ids, || shown.iter().copied());
                Explanation {
                    outcome,
                    clause: Clause::Adversities {
                        test: *test,
                        listed: ids.clone(),
                        present,
                    },
                    message,
                    parts: Vec::new(),
                }
            }
            Self::Fact { fact, id, op } => {
                let outcome = self.eval(cx);
                let seen = fact_seen(cx, *fact);
                let test = fact_test(cx, *fact, op);
                let message = fact_message(
                    id,
                    seen.as_deref().map(|s| move |m: &mut String| m.push_str(s)),
                    |m| m.push_str(&test),
                    outcome,
                );
                Explanation {
                    outcome,
                    clause: Clause::Fact {
                        id: id.clone(),
                        test,
                        seen,
                    },
                    message,
                    parts: Vec::new(),
                }
            }
            Self::ReferredFrom(allowed) => {
                let outcome = self.eval(cx);
                let accepted: Vec<Referrer> = Referrer::ALL
                    .into_iter()
                    .filter(|r| allowed & r.bit() != 0)
                    .collect();
                let message = referred_from_message(*allowed, cx.referrer);
                let (referrer, service) = match cx.referrer {
                    None => (None, None),
                    Some((Referrer::SelfReferral, _)) => (Some(Referrer::SelfReferral), None),
                    Some((r, "")) => (Some(r), None),
                    Some((r, name)) => (Some(r), Some(name.to_owned())),
                };
                Explanation {
                    outcome,
                    clause: Clause::ReferredFrom {
                        accepted,
                        referrer,
                        service,
                    },
                    message,
                    parts: Vec::new(),
                }
            }
            Self::Region(regions) => {
                let outcome = self.eval(cx);
                let listed: Vec<String> = regions
                    .iter()
                    .map(|&r| cx.regions.id(r).to_owned())
                    .collect();
                let family_region = cx.regions.id(cx.profile.region).to_owned();
                let message = cx.regions.explain_served(cx.profile.region, regions);
                Explanation {
                    outcome,
                    clause: Clause::Region {
                        listed,
                        family_region,
                    },
                    message,
                    parts: Vec::new(),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Pathway;
    use crate::model::rules::Timing;

    /// `decisive_messages` says exactly what `explain(..).decisive()` says,
    /// for every rule of the shipped pathway, at ages across its ranges,
    /// for families with and without adversities and facts.
    #[test]
    fn decisive_messages_match_the_full_explanation() {
        let text = include_str!("../../../pathways/scotland.json");
        let pathway = match Pathway::from_json(text) {
            Ok(p) => p,
            Err(e) => panic!("{e}"),
        };
        let families = [
            crate::Profile::new().region("glasgow-city"),
            crate::Profile::new()
                .region("fife")
                .adversity("care_proceedings")
                .adversity("perinatal_mental_illness")
                .fact("first_time_parent", true)
                .fact("parent_age_years", 18)
                .fact("parental_illness_severity", "severe"),
            crate::Profile::new()
                .region("orkney-islands")
                .adversity("poverty")
                .fact("care_experienced_parent", true)
                .fact("parent_age_years", 24),
        ];
        let mut checked = 0;
        for family in families {
            for age in [-280, -100, 0, 10, 200, 700, 731, 1095, 1096, 1900] {
                let profile = match pathway.prepare(&family.clone().age_days(age)) {
                    Ok(f) => f.profile,
                    Err(e) => panic!("{e}"),
                };
                for s in &pathway.services {
                    let Some(rule) = &s.rule else { continue };
                    let timing = Timing {
                        on_referral: age,
                        when_seen: age + 42,
                    };
                    let cx = pathway.context(&profile, timing);
                    let full = rule.explain(&cx);
                    let want: Vec<&str> =
                        full.decisive().iter().map(|e| e.message.as_str()).collect();
                    let mut got = Vec::new();
                    rule.decisive_messages(&cx, &mut got);
                    assert_eq!(got, want, "{} at {age}", s.id);
                    checked += 1;
                }
            }
        }
        assert!(checked > 1000, "{checked}");
    }
}
