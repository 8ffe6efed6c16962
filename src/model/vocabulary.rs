//! The compiled vocabulary: adversities and typed facts, interned.

use std::collections::HashMap;

use serde_json::Value;

use crate::document::FactKind;

/// A fact's value, typed by the vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub(crate) enum FactValue {
    Bool(bool),
    Number(f64),
    /// Index into the fact's declared values.
    Choice(u32),
}

/// One declared fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FactInfo {
    pub(crate) id: String,
    pub(crate) label: String,
    pub(crate) kind: FactKind,
    pub(crate) values: Vec<String>,
    /// For choices: whether the values are listed from least to most.
    pub(crate) ordered: bool,
}

/// Adversities and facts, each with an index used by compiled rules and
/// profiles.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocabulary {
    /// (id, label), in declaration order.
    pub(crate) adversities: Vec<(String, String)>,
    pub(crate) adversity_index: HashMap<String, usize>,
    pub(crate) facts: Vec<FactInfo>,
    pub(crate) fact_index: HashMap<String, usize>,
}

impl Vocabulary {
    pub(crate) fn adversity(&self, id: &str) -> Option<usize> {
        self.adversity_index.get(id).copied()
    }

    pub(crate) fn fact(&self, id: &str) -> Option<usize> {
        self.fact_index.get(id).copied()
    }

    pub(crate) fn adversity_ids(&self) -> impl Iterator<Item = &str> {
        self.adversities.iter().map(|(id, _)| id.as_str())
    }

    pub(crate) fn fact_ids(&self) -> impl Iterator<Item = &str> {
        self.facts.iter().map(|f| f.id.as_str())
    }

    /// Reads a JSON value as a value of fact `fact`; on a mismatch, says
    /// what was expected.
    pub(crate) fn value(&self, fact: usize, value: &Value) -> Result<FactValue, String> {
        let Some(info) = self.facts.get(fact) else {
            return Err("a declared fact".into());
        };
        match (info.kind, value) {
            (FactKind::Boolean, Value::Bool(b)) => Ok(FactValue::Bool(*b)),
            (FactKind::Boolean, _) => Err("`true` or `false`".into()),
            (FactKind::Number, Value::Number(n)) => n
                .as_f64()
                .map(FactValue::Number)
                .ok_or_else(|| "a number".into()),
            (FactKind::Number, _) => Err("a number".into()),
            (FactKind::Choice, Value::String(s)) => info
                .values
                .iter()
                .position(|v| v == s)
                .and_then(|i| u32::try_from(i).ok())
                .map(FactValue::Choice)
                .ok_or_else(|| one_of(&info.values)),
            (FactKind::Choice, _) => Err(one_of(&info.values)),
        }
    }

    /// A fact value as a referrer would read it.
    pub(crate) fn show(&self, fact: usize, value: &FactValue) -> String {
        let mut out = String::new();
        self.show_into(&mut out, fact, value);
        out
    }

    /// [`Vocabulary::show`], written at the end of `out`.
    pub(crate) fn show_into(&self, out: &mut String, fact: usize, value: &FactValue) {
        match value {
            FactValue::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            FactValue::Number(n) => out.push_str(&show_number(*n)),
            FactValue::Choice(i) => out.push_str(
                self.facts
                    .get(fact)
                    .and_then(|f| f.values.get(*i as usize))
                    .map_or("", String::as_str),
            ),
        }
    }
}

fn one_of(values: &[String]) -> String {
    format!(
        "one of {}",
        values
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// A number without a needless `.0`: `19`, `19.5`.
pub(crate) fn show_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        n.to_string()
    }
}
