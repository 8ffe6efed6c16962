//! Logically equal rewrites of rules, for `tests/routes_differential.rs`:
//! double negation, singleton `any`/`all`, De Morgan, `not` pushed inwards.

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
        _ => rule,
    }
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
