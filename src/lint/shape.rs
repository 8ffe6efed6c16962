//! Shape errors, all at once: the file read as plain JSON and checked
//! against the pathway format by hand, so that a misspelt field, a wrong
//! kind of value, a value outside its list, a missing field and a
//! malformed rule are each reported with its place and a hint, however
//! many there are (a typed reader stops at the first).
//!
//! Each problem is also *repaired* in a copy of the JSON (an unknown field
//! dropped, a wrong value replaced by a placeholder), so that the file can
//! still be compiled and its structural problems found; problems found
//! under a repaired place are not reported, since the placeholder caused
//! them.
//!
//! Complexity: O(n) in the size of the JSON, plus O(k · m) for "did you
//! mean" among the k fields of an object.

use serde_json::{Map, Value};

use super::finding::Raw;
use crate::suggest::did_you_mean;

/// The kind of value a place in the file holds.
#[derive(Clone, Copy)]
pub(super) enum Shape {
    Text,
    Bool,
    /// Any JSON value (a fact's value is checked against its fact later).
    Any,
    List(&'static Shape),
    Object(&'static [Field]),
    /// Text from a fixed list.
    OneOf(&'static [&'static str]),
    Rule,
    /// An object whose keys are free and whose values have this shape.
    Map(&'static Shape),
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Need {
    Required,
    /// May be absent or `null`.
    Optional,
    /// May be absent, not `null`.
    Defaulted,
}

#[derive(Clone, Copy)]
pub(super) struct Field {
    pub(super) name: &'static str,
    pub(super) shape: Shape,
    pub(super) need: Need,
}

const fn f(name: &'static str, shape: Shape, need: Need) -> Field {
    Field { name, shape, need }
}

use Need::{Defaulted, Optional, Required};

const TEXT: Shape = Shape::Text;
const TEXTS: Shape = Shape::List(&Shape::Text);
const TIERS: &[&str] = &["universal", "targeted", "specialist"];
const LEVELS: &[&str] = &["allow", "info", "warning", "error"];

const SOURCE: &[Field] = &[
    f("id", TEXT, Required),
    f("title", TEXT, Required),
    f("url", TEXT, Optional),
];
const LINT_SETTING: &[Field] = &[
    f("level", Shape::OneOf(LEVELS), Required),
    f("reason", TEXT, Required),
    f("services", TEXTS, Defaulted),
];
const METADATA: &[Field] = &[
    f("name", TEXT, Required),
    f("version", TEXT, Required),
    f("description", TEXT, Defaulted),
    f("last_reviewed", TEXT, Optional),
    f("sources", Shape::List(&Shape::Object(SOURCE)), Defaulted),
    f("lints", Shape::Map(&Shape::Object(LINT_SETTING)), Defaulted),
];
const ADVERSITY: &[Field] = &[
    f("id", TEXT, Required),
    f("label", TEXT, Required),
    f("description", TEXT, Defaulted),
];
const FACT: &[Field] = &[
    f("id", TEXT, Required),
    f("label", TEXT, Required),
    f(
        "type",
        Shape::OneOf(&["boolean", "number", "choice"]),
        Required,
    ),
    f("values", TEXTS, Defaulted),
    f("ordered", Shape::Bool, Defaulted),
    f("description", TEXT, Defaulted),
];
const VOCABULARY: &[Field] = &[
    f(
        "adversities",
        Shape::List(&Shape::Object(ADVERSITY)),
        Defaulted,
    ),
    f("facts", Shape::List(&Shape::Object(FACT)), Defaulted),
];
const REGION: &[Field] = &[
    f("id", TEXT, Required),
    f("name", TEXT, Required),
    f("kind", TEXT, Defaulted),
    f("parent", TEXT, Optional),
];
const WAIT: &[Field] = &[
    f("typical", TEXT, Required),
    f("pessimistic", TEXT, Optional),
    f("assumed", Shape::Bool, Defaulted),
];
const SERVICE: &[Field] = &[
    f("id", TEXT, Required),
    f("name", TEXT, Required),
    f("tier", Shape::OneOf(TIERS), Required),
    f("tags", TEXTS, Defaulted),
    f("provider", TEXT, Defaulted),
    f("regions", TEXTS, Required),
    f("eligibility", Shape::Rule, Optional),
    f("wait", Shape::Object(WAIT), Optional),
    f("entry", Shape::Bool, Defaulted),
    f("description", TEXT, Defaulted),
    f("sources", TEXTS, Defaulted),
    f("notes", TEXT, Defaulted),
    f("contact", Shape::Object(CONTACT), Optional),
];
const CONTACT: &[Field] = &[
    f("how_to_refer", TEXT, Optional),
    f("phone", TEXT, Optional),
    f("web", TEXT, Optional),
    f("email", TEXT, Optional),
];
const REFERRAL: &[Field] = &[
    f("from", TEXT, Required),
    f("to", TEXT, Required),
    f("when", Shape::Rule, Optional),
    f("delay", TEXT, Optional),
    f("notes", TEXT, Defaulted),
];
const GOAL: &[Field] = &[
    f("tier", Shape::OneOf(TIERS), Optional),
    f("tags", TEXTS, Defaulted),
    f("services", TEXTS, Defaulted),
];
/// The whole file.
pub(super) const PATHWAY: &[Field] = &[
    f("$schema", TEXT, Optional),
    f("metadata", Shape::Object(METADATA), Required),
    f("vocabulary", Shape::Object(VOCABULARY), Defaulted),
    f("regions", Shape::List(&Shape::Object(REGION)), Required),
    f("services", Shape::List(&Shape::Object(SERVICE)), Required),
    f(
        "referrals",
        Shape::List(&Shape::Object(REFERRAL)),
        Defaulted,
    ),
    f("goal", Shape::Object(GOAL), Required),
    f(
        "alternatives",
        Shape::List(&Shape::Object(ALTERNATIVE)),
        Defaulted,
    ),
];
const ALTERNATIVE: &[Field] = &[
    f("label", TEXT, Required),
    f("goal", Shape::Object(GOAL), Required),
];
const AGE_RANGE: &[Field] = &[
    f("from", TEXT, Optional),
    f("before", TEXT, Optional),
    f(
        "judged",
        Shape::OneOf(&["on_referral", "when_seen"]),
        Defaulted,
    ),
];
const ADVERSITY_TEST: &[Field] = &[
    f("any_of", TEXTS, Optional),
    f("all_of", TEXTS, Optional),
    f("none_of", TEXTS, Optional),
];
const FACT_TEST: &[Field] = &[
    f("id", TEXT, Required),
    f("equals", Shape::Any, Optional),
    f("one_of", Shape::List(&Shape::Any), Optional),
    f("at_least", Shape::Any, Optional),
    f("at_most", Shape::Any, Optional),
];
const TIER: Shape = Shape::OneOf(&["universal", "targeted", "specialist"]);
const REFERRED_FROM: &[Field] = &[
    f(
        "tier",
        Shape::List(&Shape::OneOf(&[
            "self",
            "universal",
            "targeted",
            "specialist",
        ])),
        Optional,
    ),
    f("at_least", TIER, Optional),
    f("at_most", TIER, Optional),
];
const RULE_KINDS: &[&str] = &[
    "all",
    "any",
    "not",
    "age",
    "adversities",
    "fact",
    "region",
    "referred_from",
];

/// The shape of the value of a rule of kind `key` (`all`, `age`, …), or
/// `None` when no kind of rule has that name.
pub(super) fn rule_shape(key: &str) -> Option<Shape> {
    Some(match key {
        "all" | "any" => Shape::List(&Shape::Rule),
        "not" => Shape::Rule,
        "age" => Shape::Object(AGE_RANGE),
        "adversities" => Shape::Object(ADVERSITY_TEST),
        "fact" => Shape::Object(FACT_TEST),
        "region" => TEXTS,
        "referred_from" => Shape::Object(REFERRED_FROM),
        _ => return None,
    })
}

/// The shape errors of a JSON document, and the document repaired so that
/// it reads as a pathway; `repaired` lists the pointers of every repair.
pub(super) struct Checked {
    pub(super) value: Value,
    pub(super) repaired: Vec<String>,
}

/// Checks `value` against the pathway format. O(size of the value).
pub(super) fn check(mut value: Value, out: &mut Vec<Raw>) -> Checked {
    let mut repaired = Vec::new();
    let mut cx = Cx {
        out,
        repaired: &mut repaired,
    };
    cx.value(&mut value, Shape::Object(PATHWAY), &mut String::new());
    Checked { value, repaired }
}

struct Cx<'a> {
    out: &'a mut Vec<Raw>,
    repaired: &'a mut Vec<String>,
}

/// What a value is, in a designer's words.
fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "`null`",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// What a shape expects, in a designer's words.
fn expected(shape: Shape) -> String {
    match shape {
        Shape::Text => "text".into(),
        Shape::Bool => "`true` or `false`".into(),
        Shape::Any => "a value".into(),
        Shape::List(inner) => format!("a list of {}", plural(*inner)),
        Shape::Object(_) | Shape::Map(_) => "an object".into(),
        Shape::OneOf(values) => format!("one of {}", ticks(values)),
        Shape::Rule => "a rule: an object with one of `all`, `any`, `not`, `age`, `adversities`, `fact`, `region`".into(),
    }
}

fn plural(shape: Shape) -> &'static str {
    match shape {
        Shape::Text | Shape::OneOf(_) => "texts",
        Shape::Bool => "`true` or `false`",
        Shape::Any => "values",
        Shape::List(_) => "lists",
        Shape::Object(_) | Shape::Map(_) => "objects",
        Shape::Rule => "rules",
    }
}

fn ticks(values: &[&str]) -> String {
    values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A value of `shape` standing in for a missing or wrong one.
fn placeholder(shape: Shape) -> Value {
    match shape {
        Shape::Text => Value::String(String::new()),
        Shape::Bool => Value::Bool(false),
        Shape::Any => Value::Null,
        Shape::List(_) => Value::Array(Vec::new()),
        Shape::Map(_) => Value::Object(Map::new()),
        Shape::OneOf(values) => Value::String(values.first().copied().unwrap_or("").into()),
        Shape::Rule => serde_json::json!({ "all": [] }),
        Shape::Object(fields) => Value::Object(
            fields
                .iter()
                .filter(|f| f.need == Required)
                .map(|f| (f.name.to_owned(), placeholder(f.shape)))
                .collect(),
        ),
    }
}

fn token(key: &str) -> String {
    crate::document::position::escape_token(key)
}

/// Appends `/` and the escaped `key` to `pointer`; returns the length to
/// cut it back to.
fn enter(pointer: &mut String, key: &str) -> usize {
    let len = pointer.len();
    pointer.push('/');
    for c in key.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
    len
}

impl Cx<'_> {
    fn report(&mut self, code: &'static str, pointer: &str, message: String, help: Option<String>) {
        self.out.push(Raw::new(code, pointer, message).help(help));
    }

    fn replace(&mut self, v: &mut Value, shape: Shape, pointer: &str) {
        *v = placeholder(shape);
        self.repaired.push(pointer.to_owned());
    }

    /// Checks one value; `pointer` is its place, extended and cut back in
    /// turn for its children (no pointer is built for a value that fits).
    fn value(&mut self, v: &mut Value, shape: Shape, pointer: &mut String) {
        let fits = matches!(
            (shape, &*v),
            (Shape::Any, _)
                | (Shape::Text | Shape::OneOf(_), Value::String(_))
                | (Shape::Bool, Value::Bool(_))
                | (Shape::List(_), Value::Array(_))
                | (
                    Shape::Object(_) | Shape::Map(_) | Shape::Rule,
                    Value::Object(_)
                )
        );
        if !fits {
            let help = Some(match (shape, &*v) {
                (Shape::List(_), Value::String(s)) => format!("write a list: [\"{s}\"]"),
                (Shape::Object(fields), Value::String(s))
                    if fields.first().is_some_and(|f| f.name == "typical") =>
                {
                    format!("write an object: {{\"typical\": \"{s}\"}}")
                }
                _ => format!("write {}", expected(shape)),
            });
            let message = format!("expected {}, found {}", expected(shape), kind_of(v));
            self.report("E0006", pointer, message, help);
            self.replace(v, shape, pointer);
            return;
        }
        match (shape, &mut *v) {
            (Shape::OneOf(values), Value::String(s)) if !values.contains(&s.as_str()) => {
                let help = did_you_mean(s, values.iter().copied())
                    .map(|d| format!("did you mean `{d}`?"))
                    .unwrap_or_else(|| format!("write one of {}", ticks(values)));
                let message = format!("`{s}` is not one of {}", ticks(values));
                self.report("E0007", pointer, message, Some(help));
                self.replace(v, shape, pointer);
            }
            (Shape::List(inner), Value::Array(items)) => {
                for (i, item) in items.iter_mut().enumerate() {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&i.to_string());
                    self.value(item, *inner, pointer);
                    pointer.truncate(len);
                }
            }
            (Shape::Map(inner), Value::Object(map)) => {
                for (k, item) in map.iter_mut() {
                    let len = enter(pointer, k);
                    self.value(item, *inner, pointer);
                    pointer.truncate(len);
                }
            }
            (Shape::Object(fields), Value::Object(map)) => self.object(map, fields, pointer),
            (Shape::Rule, _) => self.rule(v, pointer),
            _ => {}
        }
    }

    fn object(&mut self, map: &mut Map<String, Value>, fields: &[Field], pointer: &mut String) {
        let unknown: Vec<String> = map
            .keys()
            .filter(|k| !fields.iter().any(|f| f.name == k.as_str()))
            .cloned()
            .collect();
        for key in unknown {
            let at = format!("{pointer}/{}", token(&key));
            let help = did_you_mean(&key, fields.iter().map(|f| f.name))
                .map(|d| format!("did you mean `{d}`?"))
                .or_else(|| {
                    Some(format!(
                        "the fields here are {}",
                        ticks(&fields.iter().map(|f| f.name).collect::<Vec<_>>())
                    ))
                });
            self.report("E0005", &at, format!("unknown field `{key}`"), help);
            map.remove(&key);
            self.repaired.push(at);
        }
        for field in fields {
            match map.get_mut(field.name) {
                None if field.need == Required => {
                    self.report(
                        "E0008",
                        pointer,
                        format!("missing field `{}`", field.name),
                        Some(format!(
                            "add `\"{}\"`: {}",
                            field.name,
                            expected(field.shape)
                        )),
                    );
                    map.insert(field.name.to_owned(), placeholder(field.shape));
                    self.repaired
                        .push(format!("{pointer}/{}", token(field.name)));
                }
                None => {}
                Some(Value::Null) if field.need == Optional => {}
                Some(v) => {
                    let len = enter(pointer, field.name);
                    self.value(v, field.shape, pointer);
                    pointer.truncate(len);
                }
            }
        }
    }

    fn rule(&mut self, v: &mut Value, pointer: &mut String) {
        let Value::Object(map) = v else {
            return;
        };
        let keys: Vec<String> = map.keys().cloned().collect();
        let [key] = keys.as_slice() else {
            let (message, help) = if keys.is_empty() {
                (
                    "empty rule `{}`".to_owned(),
                    "write one of `all`, `any`, `not`, `age`, `adversities`, `fact`, `region`, `referred_from`; to accept everyone, leave the rule out".to_owned(),
                )
            } else {
                (
                    format!(
                        "a rule with several kinds: {}",
                        ticks(&keys.iter().map(String::as_str).collect::<Vec<_>>())
                    ),
                    "write one kind per object and combine them with `all` or `any`".to_owned(),
                )
            };
            self.report("E0009", pointer, message, Some(help));
            self.replace(v, Shape::Rule, pointer);
            return;
        };
        let shape = match rule_shape(key) {
            Some(shape) => shape,
            None => {
                let other = key.as_str();
                let help = did_you_mean(other, RULE_KINDS.iter().copied())
                    .map(|d| format!("did you mean `{d}`?"))
                    .or_else(|| Some(format!("a rule is one of {}", ticks(RULE_KINDS))));
                let at = format!("{pointer}/{}", token(other));
                self.report(
                    "E0009",
                    &at,
                    format!("unknown kind of rule `{other}`"),
                    help,
                );
                self.replace(v, Shape::Rule, pointer);
                return;
            }
        };
        if let Some(inner) = map.get_mut(key.as_str()) {
            let len = enter(pointer, key);
            self.value(inner, shape, pointer);
            pointer.truncate(len);
        }
    }
}

#[cfg(all(test, feature = "schema"))]
mod tests {
    use super::*;

    /// The hand-written shapes name the same fields, required or not, as
    /// the file format's types (through their JSON Schema): a field added
    /// to a type and not here fails this test.
    #[test]
    fn shapes_follow_the_file_format() {
        let schema: Value =
            serde_json::from_str(&crate::document::schema::pathway_schema_json()).unwrap();
        let defs = &schema["$defs"];
        let pairs: [(&str, &[Field]); 18] = [
            ("", PATHWAY),
            ("Metadata", METADATA),
            ("SourceDoc", SOURCE),
            ("LintSettingDoc", LINT_SETTING),
            ("Vocabulary", VOCABULARY),
            ("AdversityDoc", ADVERSITY),
            ("FactDoc", FACT),
            ("RegionDoc", REGION),
            ("ServiceDoc", SERVICE),
            ("WaitDoc", WAIT),
            ("Contact", CONTACT),
            ("ReferralDoc", REFERRAL),
            ("GoalDoc", GOAL),
            ("AlternativeDoc", ALTERNATIVE),
            ("AgeRangeDoc", AGE_RANGE),
            ("AdversitiesDoc", ADVERSITY_TEST),
            ("FactTestDoc", FACT_TEST),
            ("ReferredFromDoc", REFERRED_FROM),
        ];
        for (name, fields) in pairs {
            let def = if name.is_empty() {
                &schema
            } else {
                &defs[name]
            };
            let mut props: Vec<&str> = def["properties"]
                .as_object()
                .unwrap_or_else(|| panic!("{name}"))
                .keys()
                .map(String::as_str)
                .collect();
            let mut mine: Vec<&str> = fields.iter().map(|f| f.name).collect();
            props.sort_unstable();
            mine.sort_unstable();
            assert_eq!(props, mine, "{name}");
            let mut required: Vec<&str> = def["required"]
                .as_array()
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let mut mine: Vec<&str> = fields
                .iter()
                .filter(|f| f.need == Need::Required)
                .map(|f| f.name)
                .collect();
            required.sort_unstable();
            mine.sort_unstable();
            assert_eq!(required, mine, "{name}");
        }
    }
}
