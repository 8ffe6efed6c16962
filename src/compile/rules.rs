//! Rules, compiled: every clause checked against the vocabulary and the
//! region tree, ages and durations read, problems collected.

use super::problems::{At, Problems};
use super::read::FastMap;
use crate::age::{parse_age, parse_duration};
use crate::bits::Bits;
use crate::document::{
    AdversitiesDoc, FactKind, FactTestDoc, ReferredFromDoc, Referrer, Rule, position::escape_token,
};
use crate::model::region::RegionTree;
use crate::model::rules::{Cond, FactOp, SetTest};
use crate::model::vocabulary::Vocabulary;

/// The deepest nesting of `all` / `any` / `not` accepted in one rule.
pub const MAX_RULE_DEPTH: usize = 64;

pub(super) struct RuleCompiler<'a> {
    pub(super) vocabulary: &'a Vocabulary,
    pub(super) regions: &'a RegionTree,
    /// Ages and durations read so far, by text (or why not): a national
    /// pathway writes the same few a hundred thousand times, and reading
    /// one allocates. At most one entry per age or duration in the file.
    ages: FastMap<String, Result<i32, String>>,
    durations: FastMap<String, Result<i32, String>>,
}

/// The largest rule accepted: clauses plus the ids they list (adversities,
/// regions). A route search judges a service's whole rule at each referral
/// it looks at, so this bounds each of those steps; with the query budget
/// it bounds a query's time (a rule of a million clauses once made one
/// query run for minutes).
pub const MAX_RULE_SIZE: usize = 256;

/// The size of `rule` as [`MAX_RULE_SIZE`] counts it, counting no further
/// than `limit + 1`. Iterative: no depth can overflow the stack.
fn size_of(rule: &Rule, limit: usize) -> usize {
    let mut size = 0usize;
    let mut stack = vec![rule];
    while let Some(r) = stack.pop() {
        size = size.saturating_add(1);
        if size > limit {
            break;
        }
        match r {
            Rule::All(rules) | Rule::Any(rules) => stack.extend(rules),
            Rule::Not(r) => stack.push(r),
            Rule::Region(ids) => size = size.saturating_add(ids.len()),
            Rule::Adversities(a) => {
                for list in [&a.any_of, &a.all_of, &a.none_of].into_iter().flatten() {
                    size = size.saturating_add(list.len());
                }
            }
            Rule::Age(_) | Rule::Fact(_) | Rule::ReferredFrom(_) => {}
        }
    }
    size
}

impl<'a> RuleCompiler<'a> {
    /// A compiler of rules over this vocabulary and region tree.
    pub(super) fn new(vocabulary: &'a Vocabulary, regions: &'a RegionTree) -> Self {
        Self {
            vocabulary,
            regions,
            ages: FastMap::default(),
            durations: FastMap::default(),
        }
    }

    /// `text` read as an age (`true`) or a duration, once per text. O(1)
    /// expected after the first reading.
    fn read(&mut self, age: bool, text: &str) -> Result<i32, String> {
        let (readings, parse): (_, fn(&str) -> _) = if age {
            (&mut self.ages, parse_age)
        } else {
            (&mut self.durations, parse_duration)
        };
        if let Some(r) = readings.get(text) {
            return r.clone();
        }
        let read = parse(text).map_err(|e| e.to_string());
        readings.insert(text.to_owned(), read.clone());
        read
    }

    /// A duration (a wait, a delay) in days; a problem `E0109` at the
    /// pointer, and 0, if it cannot be read.
    pub(super) fn duration(
        &mut self,
        text: &str,
        pointer: impl FnOnce() -> String,
        p: &mut Problems,
    ) -> i32 {
        self.read(false, text).unwrap_or_else(|message| {
            p.add("E0109", pointer(), message, None);
            0
        })
    }

    pub(super) fn rule(
        &mut self,
        rule: &Rule,
        ptr: &At<'_>,
        depth: usize,
        p: &mut Problems,
    ) -> Cond {
        if depth == 0 && size_of(rule, MAX_RULE_SIZE) > MAX_RULE_SIZE {
            p.add(
                "E0118",
                ptr.to_string(),
                format!("rule larger than {MAX_RULE_SIZE} clauses and ids"),
                Some("split the service, or name a region or tag the rule stands for".into()),
            );
            return Cond::All(Vec::new());
        }
        if depth >= MAX_RULE_DEPTH {
            p.add(
                "E0001",
                ptr.to_string(),
                format!("rule nested deeper than {MAX_RULE_DEPTH} levels"),
                Some("flatten nested `all`/`any` into one list".into()),
            );
            return Cond::All(Vec::new());
        }
        match rule {
            Rule::All(rules) | Rule::Any(rules) => {
                let key = if matches!(rule, Rule::All(_)) {
                    "all"
                } else {
                    "any"
                };
                let parts = rules
                    .iter()
                    .enumerate()
                    .map(|(i, r)| self.rule(r, &At::Index(&At::Key(ptr, key), i), depth + 1, p))
                    .collect();
                if key == "all" {
                    Cond::All(parts)
                } else {
                    Cond::Any(parts)
                }
            }
            Rule::Not(r) => Cond::Not(Box::new(self.rule(r, &At::Key(ptr, "not"), depth + 1, p))),
            Rule::Age(range) => {
                let mut bound = |text: &Option<String>, field: &str| {
                    text.as_ref().and_then(|t| {
                        self.read(true, t)
                            .map_err(|e| {
                                p.add("E0108", format!("{ptr}/age/{field}"), e, None);
                            })
                            .ok()
                    })
                };
                let from = bound(&range.from, "from");
                let before = bound(&range.before, "before");
                if let (Some(f), Some(b)) = (from, before) {
                    if f >= b {
                        p.add(
                            "E0107",
                            format!("{ptr}/age"),
                            format!(
                                "empty age range: from `{}` is not before `{}`",
                                range.from.as_deref().unwrap_or_default(),
                                range.before.as_deref().unwrap_or_default()
                            ),
                            Some("`from` is inclusive and `before` exclusive: `before` must be later".into()),
                        );
                    }
                }
                Cond::Age {
                    from,
                    before,
                    judged: range.judged,
                    texts: Box::new((range.from.clone(), range.before.clone())),
                }
            }
            Rule::Adversities(test) => self.adversities(test, &At::Key(ptr, "adversities"), p),
            Rule::Fact(test) => self.fact(test, &At::Key(ptr, "fact"), p),
            Rule::ReferredFrom(doc) => referred_from(doc, &At::Key(ptr, "referred_from"), p),
            Rule::Region(ids) => Cond::Region(
                ids.iter()
                    .enumerate()
                    .filter_map(|(i, id)| {
                        let found = self.regions.get(id);
                        if found.is_none() {
                            p.unknown(
                                "E0103",
                                "region",
                                id,
                                format!("{ptr}/region/{i}"),
                                self.regions.ids(),
                            );
                        }
                        found
                    })
                    .collect(),
            ),
        }
    }

    fn adversities(&self, doc: &AdversitiesDoc, ptr: &At<'_>, p: &mut Problems) -> Cond {
        let given: Vec<(SetTest, &str, &Vec<String>)> = [
            (SetTest::AnyOf, "any_of", &doc.any_of),
            (SetTest::AllOf, "all_of", &doc.all_of),
            (SetTest::NoneOf, "none_of", &doc.none_of),
        ]
        .into_iter()
        .filter_map(|(t, k, v)| v.as_ref().map(|v| (t, k, v)))
        .collect();
        let [(test, key, ids)] = given.as_slice() else {
            p.add(
                "E0111",
                ptr.to_string(),
                format!(
                    "an adversity test needs exactly one of `any_of`, `all_of`, `none_of`; found {}",
                    given.len()
                ),
                Some("split it into several tests inside `all`".into()),
            );
            return Cond::All(Vec::new());
        };
        let mut set = Bits::with_capacity(self.vocabulary.adversities.len());
        let mut indices = Vec::new();
        for (i, id) in ids.iter().enumerate() {
            match self.vocabulary.adversity(id) {
                Some(a) => {
                    set.insert(a);
                    indices.push(a);
                }
                None => {
                    p.unknown(
                        "E0104",
                        "adversity",
                        id,
                        format!("{ptr}/{key}/{i}"),
                        self.vocabulary.adversity_ids(),
                    );
                    indices.push(usize::MAX);
                }
            }
        }
        Cond::Adversities {
            test: *test,
            set,
            ids: (*ids).clone(),
            indices,
        }
    }

    fn fact(&self, doc: &FactTestDoc, ptr: &At<'_>, p: &mut Problems) -> Cond {
        let Some(fact) = self.vocabulary.fact(&doc.id) else {
            p.unknown(
                "E0105",
                "fact",
                &doc.id,
                format!("{ptr}/id"),
                self.vocabulary.fact_ids(),
            );
            return Cond::All(Vec::new());
        };
        let kind = self.vocabulary.facts.get(fact).map(|f| f.kind);
        let ordered = self.vocabulary.facts.get(fact).is_some_and(|f| f.ordered);
        let mut ops = Vec::new();
        let value = |v: &serde_json::Value, field: String, p: &mut Problems| {
            self.vocabulary
                .value(fact, v)
                .map_err(|expected| {
                    p.add(
                        "E0106",
                        format!("{ptr}/{field}"),
                        format!(
                            "fact `{}` is compared with `{v}`, but it holds {expected}",
                            doc.id
                        ),
                        None,
                    );
                })
                .ok()
        };
        if let Some(v) = &doc.equals {
            ops.push(value(v, "equals".into(), p).map(FactOp::Equals));
        }
        if let Some(vs) = &doc.one_of {
            let vals: Vec<_> = vs
                .iter()
                .enumerate()
                .map(|(i, v)| value(v, format!("one_of/{}", escape_token(&i.to_string())), p))
                .collect();
            ops.push(
                vals.into_iter()
                    .collect::<Option<Vec<_>>>()
                    .map(FactOp::OneOf),
            );
        }
        for (field, v, at_least) in [
            ("at_least", &doc.at_least, true),
            ("at_most", &doc.at_most, false),
        ] {
            if let Some(v) = v {
                if kind == Some(FactKind::Boolean) {
                    p.add(
                        "E0106",
                        format!("{ptr}/{field}"),
                        format!(
                            "fact `{}` is true or false; it cannot be compared with `{field}`",
                            doc.id
                        ),
                        Some("use `equals`".into()),
                    );
                    ops.push(None);
                } else if kind == Some(FactKind::Choice) && !ordered {
                    p.add(
                        "E0106",
                        format!("{ptr}/{field}"),
                        format!(
                            "the values of fact `{}` are not ordered; it cannot be compared with `{field}`",
                            doc.id
                        ),
                        Some(
                            "declare `\"ordered\": true` on the fact if its values run from least to most, or use `one_of`"
                                .into(),
                        ),
                    );
                    ops.push(None);
                } else {
                    let v = value(v, field.into(), p);
                    ops.push(v.map(|v| {
                        if at_least {
                            FactOp::AtLeast(v)
                        } else {
                            FactOp::AtMost(v)
                        }
                    }));
                }
            }
        }
        match ops.as_slice() {
            [Some(op)] => Cond::Fact {
                fact,
                id: doc.id.clone(),
                op: op.clone(),
            },
            [None] => Cond::All(Vec::new()),
            _ => {
                p.add(
                    "E0111",
                    ptr.to_string(),
                    format!(
                        "a fact test needs exactly one of `equals`, `one_of`, `at_least`, `at_most`; found {}",
                        ops.len()
                    ),
                    Some("to test a range, put two fact tests inside `all`".into()),
                );
                Cond::All(Vec::new())
            }
        }
    }
}

/// A `referred_from` clause: the set of referrers every part given allows.
fn referred_from(doc: &ReferredFromDoc, ptr: &At<'_>, p: &mut Problems) -> Cond {
    if doc.tier.is_none() && doc.at_least.is_none() && doc.at_most.is_none() {
        p.add(
            "E0111",
            ptr.to_string(),
            "a `referred_from` test needs `tier`, `at_least` or `at_most`".into(),
            Some("e.g. `{\"referred_from\": {\"tier\": [\"self\", \"universal\"]}}`".into()),
        );
        return Cond::All(Vec::new());
    }
    let allowed = Referrer::ALL
        .into_iter()
        .filter(|r| {
            doc.tier.as_ref().is_none_or(|list| list.contains(r))
                && doc
                    .at_least
                    .is_none_or(|t| r.tier().is_some_and(|rt| rt >= t))
                && doc
                    .at_most
                    .is_none_or(|t| r.tier().is_some_and(|rt| rt <= t))
        })
        .fold(0u8, |set, r| set | r.bit());
    if allowed == 0 {
        p.add(
            "E0107",
            ptr.to_string(),
            "`referred_from` allows no referrer: its parts exclude each other".into(),
            Some("`at_least` and `at_most` are tiers; `self` can be listed only in `tier`".into()),
        );
    }
    Cond::ReferredFrom(allowed)
}
