//! Document → [`Pathway`]: ids interned, regions indexed, rules compiled,
//! the referral graph built; every structural problem collected at once.
//!
//! Complexity: O(n log n) in the size of the document (sorting ids), plus
//! O(c · k) for "did you mean" suggestions on c unknown ids among k known.

use std::collections::{HashMap, HashSet};

use petgraph::graph::DiGraph;

use crate::age::{parse_age, parse_duration};
use crate::diagnostic::Diagnostic;
use crate::document::{
    AdversitiesDoc, FactKind, FactTestDoc, PathwayDocument, PositionIndex, Rule,
    position::escape_token,
};
use crate::error::LoadError;
use crate::pathway::{Pathway, Referral, Service, ServiceId};
use crate::region::{RegionId, RegionInfo, RegionTree, TreeProblem};
use crate::rules::{Bits, Cond, FactOp, SetTest};
use crate::suggest::did_you_mean;
use crate::vocabulary::{FactInfo, Vocabulary};

/// The deepest nesting of `all` / `any` / `not` accepted in one rule.
pub const MAX_RULE_DEPTH: usize = 64;

/// Problems found so far, located by JSON pointer.
#[derive(Default)]
struct Problems(Vec<(&'static str, String, String, Option<String>)>);

impl Problems {
    fn add(&mut self, code: &'static str, pointer: String, message: String, help: Option<String>) {
        self.0.push((code, message, pointer, help));
    }

    fn unknown<'a>(
        &mut self,
        code: &'static str,
        what: &str,
        id: &str,
        pointer: String,
        known: impl IntoIterator<Item = &'a str>,
    ) {
        let help = did_you_mean(id, known).map(|s| format!("did you mean `{s}`?"));
        self.add(code, pointer, format!("unknown {what} `{id}`"), help);
    }

    fn into_diagnostics(self, text: Option<&str>) -> Vec<Diagnostic> {
        let index = text.map(PositionIndex::new);
        let mut out: Vec<Diagnostic> = self
            .0
            .into_iter()
            .map(|(code, message, pointer, help)| {
                let location = match &index {
                    Some(idx) => idx.locate(&pointer),
                    None => crate::document::Location {
                        pointer,
                        line: 0,
                        column: 0,
                    },
                };
                Diagnostic::error(code, message, location).with_help(help)
            })
            .collect();
        out.sort_by(|a, b| {
            (
                a.location.line,
                a.location.column,
                a.code,
                &a.location.pointer,
            )
                .cmp(&(
                    b.location.line,
                    b.location.column,
                    b.code,
                    &b.location.pointer,
                ))
        });
        out
    }
}

/// Records duplicate ids; returns the id → first position map.
fn unique_ids<'a>(
    problems: &mut Problems,
    what: &str,
    base: &str,
    ids: impl Iterator<Item = &'a str>,
) -> HashMap<&'a str, usize> {
    let mut seen = HashMap::new();
    for (i, id) in ids.enumerate() {
        if let Some(first) = seen.insert(id, i) {
            problems.add(
                "E0101",
                format!("{base}/{i}/id"),
                format!("duplicate {what} id `{id}`"),
                Some(format!(
                    "first defined at {base}/{first}; ids must be unique"
                )),
            );
            seen.insert(id, first);
        }
    }
    seen
}

/// Compiles a document. `text` is the file it was read from, if any, used
/// only to place problems by line and column.
pub(crate) fn compile(doc: PathwayDocument, text: Option<&str>) -> Result<Pathway, LoadError> {
    let mut p = Problems::default();

    // Sources.
    let source_ids: HashSet<&str> = unique_ids(
        &mut p,
        "source",
        "/metadata/sources",
        doc.metadata.sources.iter().map(|s| s.id.as_str()),
    )
    .into_keys()
    .collect();

    // Vocabulary.
    let vocabulary = compile_vocabulary(&doc, &mut p);

    // Regions.
    let regions = compile_regions(&doc, &mut p);

    // Services, interned in id order so that index order is id order.
    unique_ids(
        &mut p,
        "service",
        "/services",
        doc.services.iter().map(|s| s.id.as_str()),
    );
    let mut order: Vec<usize> = (0..doc.services.len()).collect();
    order.sort_by(|&a, &b| {
        let id = |i: usize| doc.services.get(i).map_or("", |s| s.id.as_str());
        id(a).cmp(id(b)).then(a.cmp(&b))
    });
    order.dedup_by(|a, b| {
        doc.services.get(*a).map(|s| &s.id) == doc.services.get(*b).map(|s| &s.id)
    });
    let mut service_index: HashMap<String, ServiceId> = HashMap::new();
    for (n, &i) in order.iter().enumerate() {
        if let (Some(s), Ok(n)) = (doc.services.get(i), u32::try_from(n)) {
            service_index.insert(s.id.clone(), ServiceId(n));
        }
    }
    let rc = RuleCompiler {
        vocabulary: &vocabulary,
        regions: &regions,
    };
    let mut services = Vec::with_capacity(order.len());
    for &i in &order {
        let Some(s) = doc.services.get(i) else {
            continue;
        };
        let base = format!("/services/{i}");
        let mut served = Vec::new();
        for (j, r) in s.regions.iter().enumerate() {
            match regions.get(r) {
                Some(id) => served.push(id),
                None => p.unknown(
                    "E0103",
                    "region",
                    r,
                    format!("{base}/regions/{j}"),
                    regions.ids(),
                ),
            }
        }
        if s.regions.is_empty() {
            p.add(
                "E0103",
                format!("{base}/regions"),
                format!("service `{}` serves no region", s.id),
                Some("list the regions it serves, e.g. the whole country's id".into()),
            );
        }
        let rule = s
            .eligibility
            .as_ref()
            .map(|r| rc.rule(r, &format!("{base}/eligibility"), 0, &mut p));
        let (typical, pessimistic, assumed) = match &s.wait {
            None => (0, 0, false),
            Some(w) => {
                let t = duration(&w.typical, &format!("{base}/wait/typical"), &mut p);
                let pes = w.pessimistic.as_ref().map_or(t, |x| {
                    duration(x, &format!("{base}/wait/pessimistic"), &mut p)
                });
                if pes < t {
                    p.add(
                        "E0114",
                        format!("{base}/wait/pessimistic"),
                        format!(
                            "pessimistic wait `{}` is shorter than the typical wait `{}`",
                            w.pessimistic.as_deref().unwrap_or_default(),
                            w.typical
                        ),
                        Some("the pessimistic wait is the longer, worse-case figure".into()),
                    );
                }
                (t, pes.max(t), w.assumed)
            }
        };
        for (j, src) in s.sources.iter().enumerate() {
            if !source_ids.contains(src.as_str()) {
                p.unknown(
                    "E0115",
                    "source",
                    src,
                    format!("{base}/sources/{j}"),
                    source_ids.iter().copied(),
                );
            }
        }
        services.push(Service {
            id: s.id.clone(),
            name: s.name.clone(),
            tier: s.tier,
            tags: s.tags.clone(),
            provider: s.provider.clone(),
            regions: served,
            rule,
            wait_typical: typical,
            wait_pessimistic: pessimistic,
            wait_assumed: assumed,
            entry: s.entry,
            description: s.description.clone(),
            sources: s.sources.clone(),
            notes: s.notes.clone(),
        });
    }

    // Referrals.
    let mut graph: DiGraph<u32, u32> = DiGraph::with_capacity(services.len(), doc.referrals.len());
    for n in 0..services.len() {
        if let Ok(n) = u32::try_from(n) {
            graph.add_node(n);
        }
    }
    let mut referrals = Vec::with_capacity(doc.referrals.len());
    let mut pairs: HashMap<(ServiceId, ServiceId), usize> = HashMap::new();
    for (i, r) in doc.referrals.iter().enumerate() {
        let base = format!("/referrals/{i}");
        let end = |id: &str, field: &str, p: &mut Problems| {
            let found = service_index.get(id).copied();
            if found.is_none() {
                p.unknown(
                    "E0102",
                    "service",
                    id,
                    format!("{base}/{field}"),
                    service_index.keys().map(String::as_str),
                );
            }
            found
        };
        let from = end(&r.from, "from", &mut p);
        let to = end(&r.to, "to", &mut p);
        let when = r
            .when
            .as_ref()
            .map(|w| rc.rule(w, &format!("{base}/when"), 0, &mut p));
        let delay = r
            .delay
            .as_ref()
            .map_or(0, |d| duration(d, &format!("{base}/delay"), &mut p));
        let (Some(from), Some(to)) = (from, to) else {
            continue;
        };
        if from == to {
            p.add(
                "E0116",
                base.clone(),
                format!("service `{}` refers to itself", r.from),
                None,
            );
            continue;
        }
        if let Some(first) = pairs.insert((from, to), i) {
            p.add(
                "E0117",
                base.clone(),
                format!("a second referral from `{}` to `{}`", r.from, r.to),
                Some(format!(
                    "first defined at /referrals/{first}; combine the conditions with `any`"
                )),
            );
            pairs.insert((from, to), first);
            continue;
        }
        let Ok(index) = u32::try_from(referrals.len()) else {
            continue;
        };
        referrals.push(Referral {
            from,
            to,
            when,
            delay,
            notes: r.notes.clone(),
        });
        graph.add_edge(
            petgraph::graph::NodeIndex::new(from.index()),
            petgraph::graph::NodeIndex::new(to.index()),
            index,
        );
    }

    // The default goal.
    let goal_ids: Vec<ServiceId> = doc
        .goal
        .services
        .iter()
        .enumerate()
        .filter_map(|(j, id)| {
            let found = service_index.get(id).copied();
            if found.is_none() {
                p.unknown(
                    "E0113",
                    "service",
                    id,
                    format!("/goal/services/{j}"),
                    service_index.keys().map(String::as_str),
                );
            }
            found
        })
        .collect();
    let goal = crate::pathway::Goal {
        tier: doc.goal.tier,
        tags: doc.goal.tags.clone(),
        services: goal_ids,
    };
    if p.0.is_empty() && !services.iter().enumerate().any(|(i, s)| goal.matches(i, s)) {
        p.add(
            "E0113",
            "/goal".into(),
            "the goal matches no service".into(),
            Some("check the goal's tier and tags against the services'".into()),
        );
    }

    if !p.0.is_empty() {
        return Err(LoadError::Invalid(p.into_diagnostics(text)));
    }
    Ok(Pathway::assemble(
        doc.metadata,
        vocabulary,
        regions,
        services,
        service_index,
        referrals,
        graph,
        goal,
    ))
}

fn duration(text: &str, pointer: &str, p: &mut Problems) -> i32 {
    parse_duration(text).unwrap_or_else(|e| {
        p.add("E0109", pointer.to_owned(), e.to_string(), None);
        0
    })
}

fn compile_vocabulary(doc: &PathwayDocument, p: &mut Problems) -> Vocabulary {
    let v = &doc.vocabulary;
    let adversity_index = unique_ids(
        p,
        "adversity",
        "/vocabulary/adversities",
        v.adversities.iter().map(|a| a.id.as_str()),
    );
    let fact_index = unique_ids(
        p,
        "fact",
        "/vocabulary/facts",
        v.facts.iter().map(|f| f.id.as_str()),
    );
    for (i, f) in v.facts.iter().enumerate() {
        let ptr = format!("/vocabulary/facts/{i}/values");
        match (f.kind, f.values.is_empty()) {
            (FactKind::Choice, true) => p.add(
                "E0112",
                ptr,
                format!("choice fact `{}` lists no values", f.id),
                Some("add `values`, e.g. [\"mild\", \"moderate\", \"severe\"]".into()),
            ),
            (FactKind::Boolean | FactKind::Number, false) => p.add(
                "E0112",
                ptr,
                format!("only choice facts list values; `{}` is not a choice", f.id),
                Some("set `\"type\": \"choice\"` or remove `values`".into()),
            ),
            _ => {}
        }
    }
    Vocabulary {
        adversities: v
            .adversities
            .iter()
            .map(|a| (a.id.clone(), a.label.clone()))
            .collect(),
        adversity_index: adversity_index
            .into_iter()
            .map(|(k, i)| (k.to_owned(), i))
            .collect(),
        facts: v
            .facts
            .iter()
            .map(|f| FactInfo {
                id: f.id.clone(),
                label: f.label.clone(),
                kind: f.kind,
                values: f.values.clone(),
            })
            .collect(),
        fact_index: fact_index
            .into_iter()
            .map(|(k, i)| (k.to_owned(), i))
            .collect(),
    }
}

fn compile_regions(doc: &PathwayDocument, p: &mut Problems) -> RegionTree {
    let index = unique_ids(
        p,
        "region",
        "/regions",
        doc.regions.iter().map(|r| r.id.as_str()),
    );
    let infos: Vec<RegionInfo> = doc
        .regions
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let parent = r.parent.as_ref().and_then(|parent| {
                let found = index.get(parent.as_str()).copied();
                if found.is_none() {
                    p.unknown(
                        "E0103",
                        "region",
                        parent,
                        format!("/regions/{i}/parent"),
                        index.keys().copied(),
                    );
                }
                found.and_then(|f| u32::try_from(f).ok()).map(RegionId)
            });
            RegionInfo {
                id: r.id.clone(),
                name: r.name.clone(),
                kind: r.kind.clone(),
                parent,
            }
        })
        .collect();
    let (tree, problems) = RegionTree::build(infos);
    for problem in problems {
        match problem {
            TreeProblem::NoRoot => p.add(
                "E0110",
                "/regions".into(),
                "no region is the root: every region names a parent".into(),
                Some("remove `parent` from the region that contains all others".into()),
            ),
            TreeProblem::SeveralRoots(extra) => {
                // A region whose parent is unknown was reported already.
                for i in extra
                    .into_iter()
                    .filter(|&i| doc.regions.get(i).is_some_and(|r| r.parent.is_none()))
                {
                    p.add(
                        "E0110",
                        format!("/regions/{i}"),
                        format!(
                            "region `{}` has no parent, but another region is already the root",
                            doc.regions.get(i).map_or("", |r| r.id.as_str())
                        ),
                        Some("give it a `parent`".into()),
                    );
                }
            }
            TreeProblem::Cycle(regions) => {
                for i in regions {
                    p.add(
                        "E0110",
                        format!("/regions/{i}/parent"),
                        format!(
                            "region `{}` is on a cycle of parents",
                            doc.regions.get(i).map_or("", |r| r.id.as_str())
                        ),
                        None,
                    );
                }
            }
        }
    }
    tree
}

struct RuleCompiler<'a> {
    vocabulary: &'a Vocabulary,
    regions: &'a RegionTree,
}

impl RuleCompiler<'_> {
    fn rule(&self, rule: &Rule, ptr: &str, depth: usize, p: &mut Problems) -> Cond {
        if depth >= MAX_RULE_DEPTH {
            p.add(
                "E0001",
                ptr.to_owned(),
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
                    .map(|(i, r)| self.rule(r, &format!("{ptr}/{key}/{i}"), depth + 1, p))
                    .collect();
                if key == "all" {
                    Cond::All(parts)
                } else {
                    Cond::Any(parts)
                }
            }
            Rule::Not(r) => Cond::Not(Box::new(self.rule(r, &format!("{ptr}/not"), depth + 1, p))),
            Rule::Age(range) => {
                let mut bound = |text: &Option<String>, field: &str| {
                    text.as_ref().and_then(|t| {
                        parse_age(t)
                            .map_err(|e| {
                                p.add("E0108", format!("{ptr}/age/{field}"), e.to_string(), None);
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
            Rule::Adversities(test) => self.adversities(test, &format!("{ptr}/adversities"), p),
            Rule::Fact(test) => self.fact(test, &format!("{ptr}/fact"), p),
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

    fn adversities(&self, doc: &AdversitiesDoc, ptr: &str, p: &mut Problems) -> Cond {
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
                ptr.to_owned(),
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

    fn fact(&self, doc: &FactTestDoc, ptr: &str, p: &mut Problems) -> Cond {
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
                    ptr.to_owned(),
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
