//! Logically equal rewrites of rules, for `tests/routes_differential.rs`:
//! double negation, singleton `any`/`all`, De Morgan, `not` pushed inwards
//! (through an age range, an adversity test, a `referred_from` test and a
//! comparison of the ordered fact `need`), and restatements: a
//! `referred_from` bound as the list of referrers it allows, a comparison
//! of `need` as the list of values it allows.

use serde_json::{Value, json};

/// A rule rewritten into a logically equal form, choices drawn from `seed`.
pub fn rewrite(rule: Value, seed: &mut u64) -> Value {
    let mut pick = |n: u64| {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (*seed >> 33) % n
    };
    let choice = pick(6);
    // First rewrite the parts.
    let rule = match rule {
        Value::Object(mut m) => {
            for key in ["all", "any"] {
                if let Some(Value::Array(parts)) = m.remove(key) {
                    let parts: Vec<Value> = parts.into_iter().map(|r| rewrite(r, seed)).collect();
                    m.insert(key.into(), Value::Array(parts));
                }
            }
            if let Some(inner) = m.remove("not") {
                m.insert("not".into(), rewrite(inner, seed));
            }
            Value::Object(m)
        }
        other => other,
    };
    let not = |r: Value| json!({ "not": r });
    match choice {
        // Double negation.
        1 => not(not(rule)),
        // An `any` or `all` of one clause.
        2 => json!({ "any": [rule] }),
        3 => json!({ "all": [rule] }),
        // De Morgan.
        4 => {
            if let Some(Value::Array(parts)) = rule.get("all") {
                not(json!({ "any": parts.iter().cloned().map(not).collect::<Vec<_>>() }))
            } else if let Some(Value::Array(parts)) = rule.get("any") {
                not(json!({ "all": parts.iter().cloned().map(not).collect::<Vec<_>>() }))
            } else {
                rule
            }
        }
        // A `not` pushed inwards.
        5 => push_not(rule),
        _ => restate(rule),
    }
}

const REFERRERS: [&str; 4] = ["self", "universal", "targeted", "specialist"];
const NEED: [&str; 3] = ["low", "moderate", "high"];

/// The referrers (indices into [`REFERRERS`]) a `referred_from` test allows.
fn referrers(test: &Value) -> Vec<usize> {
    let tier = |key: &str| {
        test.get(key)
            .and_then(Value::as_str)
            .and_then(|t| REFERRERS.iter().position(|r| *r == t))
    };
    let list: Option<Vec<usize>> = test.get("tier").and_then(Value::as_array).map(|l| {
        l.iter()
            .filter_map(|v| REFERRERS.iter().position(|r| Some(*r) == v.as_str()))
            .collect()
    });
    (0..4)
        .filter(|i| list.as_ref().is_none_or(|l| l.contains(i)))
        .filter(|&i| tier("at_least").is_none_or(|t| i != 0 && i >= t))
        .filter(|&i| tier("at_most").is_none_or(|t| i != 0 && i <= t))
        .collect()
}

fn referred_list(allowed: &[usize]) -> Value {
    json!({"referred_from": {"tier": allowed.iter().map(|&i| REFERRERS[i]).collect::<Vec<_>>()}})
}

/// A `referred_from` test as its list; a comparison of `need` as `one_of`.
fn restate(rule: Value) -> Value {
    if let Some(test) = rule.get("referred_from") {
        return referred_list(&referrers(test));
    }
    if let Some(fact) = rule.get("fact").filter(|f| f["id"] == "need") {
        let value = |key: &str| {
            fact.get(key)
                .and_then(Value::as_str)
                .and_then(|v| NEED.iter().position(|n| *n == v))
        };
        let values: Vec<&str> = match (value("at_least"), value("at_most")) {
            (Some(v), _) => NEED[v..].to_vec(),
            (_, Some(v)) => NEED[..=v].to_vec(),
            _ => return rule,
        };
        return json!({"fact": {"id": "need", "one_of": values}});
    }
    rule
}

/// `not` over an age range, an adversity test, `all` or `any`, pushed in.
fn push_not(rule: Value) -> Value {
    let Some(inner) = rule.get("not") else {
        return rule;
    };
    let not = |r: &Value| json!({ "not": r });
    if let Some(age) = inner.get("age") {
        let mut parts = Vec::new();
        let judged = age.get("judged").cloned();
        let with_judged = |mut m: serde_json::Map<String, Value>| {
            if let Some(j) = &judged {
                m.insert("judged".into(), j.clone());
            }
            json!({ "age": m })
        };
        if let Some(from) = age.get("from") {
            let mut m = serde_json::Map::new();
            m.insert("before".into(), from.clone());
            parts.push(with_judged(m));
        }
        if let Some(before) = age.get("before") {
            let mut m = serde_json::Map::new();
            m.insert("from".into(), before.clone());
            parts.push(with_judged(m));
        }
        return json!({ "any": parts });
    }
    if let Some(any_of) = inner.get("adversities").and_then(|a| a.get("any_of")) {
        return json!({ "adversities": { "none_of": any_of } });
    }
    if let Some(test) = inner.get("referred_from") {
        let allowed = referrers(test);
        let rest: Vec<usize> = (0..4).filter(|i| !allowed.contains(i)).collect();
        // A test allowing everyone has no negation to write as a list.
        return if rest.is_empty() {
            rule
        } else {
            referred_list(&rest)
        };
    }
    if let Some(fact) = inner.get("fact").filter(|f| f["id"] == "need") {
        // not (at least v) is at most the value before v; a missing fact is
        // unknown either way.
        let value = |key: &str| {
            fact.get(key)
                .and_then(Value::as_str)
                .and_then(|v| NEED.iter().position(|n| *n == v))
        };
        match (value("at_least"), value("at_most")) {
            (Some(v), _) if v > 0 => {
                return json!({"fact": {"id": "need", "at_most": NEED[v - 1]}});
            }
            (_, Some(v)) if v + 1 < NEED.len() => {
                return json!({"fact": {"id": "need", "at_least": NEED[v + 1]}});
            }
            _ => {}
        }
    }
    if let Some(Value::Array(parts)) = inner.get("all") {
        return json!({ "any": parts.iter().map(not).collect::<Vec<_>>() });
    }
    if let Some(Value::Array(parts)) = inner.get("any") {
        return json!({ "all": parts.iter().map(not).collect::<Vec<_>>() });
    }
    if let Some(twice) = inner.get("not") {
        return twice.clone();
    }
    rule
}
