//! The classes of one fact's values that the pathway's rules can tell
//! apart: a number split at every value compared with, a choice's values
//! grouped by how every comparison answers them (see `space`).
//!
//! May use: the leaves, `model` and `pathway`.

use crate::model::rules::FactOp;
use crate::model::vocabulary::{FactValue, show_number};
use crate::pathway::Pathway;

/// One class of values of a fact.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum FactClass {
    /// The fact is not given.
    Missing,
    /// Exactly this value (booleans, choices, and a number's split points).
    Value(FactValue),
    /// Several values of a choice that no rule tells apart (every
    /// comparison of the fact holds for all of them or for none), in
    /// declared order; the first is the example.
    Choices(Vec<u32>),
    /// Numbers strictly between two split points (or beyond the extreme
    /// ones), with a value inside as the example.
    Between {
        above: Option<f64>,
        below: Option<f64>,
        example: f64,
    },
}

/// The classes of a number fact: split at every value compared with, then
/// adjacent pieces that every comparison treats alike joined.
/// O(p² + p · ops) for p split points.
pub(super) fn number_classes(ops: &[FactOp]) -> Vec<FactClass> {
    let mut points: Vec<f64> = Vec::new();
    let mut add = |v: &FactValue| {
        if let FactValue::Number(n) = v {
            if n.is_finite() {
                points.push(*n);
            }
        }
    };
    for op in ops {
        match op {
            FactOp::Equals(v) | FactOp::AtLeast(v) | FactOp::AtMost(v) => add(v),
            FactOp::OneOf(vs) => vs.iter().for_each(&mut add),
        }
    }
    points.sort_by(f64::total_cmp);
    points.dedup();
    // Elementary pieces: below the first point, each point, between points, above the last.
    let mut pieces: Vec<FactClass> = Vec::new();
    let mut above: Option<f64> = None;
    for &p in &points {
        let example = match above {
            None => p - 1.0,
            Some(a) => a + (p - a) / 2.0,
        };
        if above.is_none_or(|a| example > a) && example < p {
            pieces.push(FactClass::Between {
                above,
                below: Some(p),
                example,
            });
        }
        pieces.push(FactClass::Value(FactValue::Number(p)));
        above = Some(p);
    }
    let last = above.map_or(0.0, |a| a + 1.0);
    if above.is_none_or(|a| last > a) {
        pieces.push(FactClass::Between {
            above,
            below: None,
            example: last,
        });
    }
    // Join neighbours no comparison tells apart.
    let signature = |c: &FactClass| -> Vec<bool> {
        let v = match c {
            FactClass::Value(v) => *v,
            FactClass::Between { example, .. } => FactValue::Number(*example),
            FactClass::Missing | FactClass::Choices(_) => return Vec::new(),
        };
        ops.iter().map(|op| op.test(&v)).collect()
    };
    let mut out: Vec<(FactClass, Vec<bool>)> = Vec::new();
    for piece in pieces {
        let sig = signature(&piece);
        match out.last_mut() {
            Some((prev, prev_sig)) if *prev_sig == sig => {
                *prev = join(prev, &piece);
            }
            _ => out.push((piece, sig)),
        }
    }
    out.into_iter().map(|(c, _)| c).collect()
}

/// The class spanning two neighbouring classes (`a` below `b`), as bounds:
/// the example stays `a`'s.
fn join(a: &FactClass, b: &FactClass) -> FactClass {
    let low = |c: &FactClass| match c {
        FactClass::Value(FactValue::Number(n)) => (Some(*n), true),
        FactClass::Between { above, .. } => (*above, false),
        _ => (None, false),
    };
    let high = |c: &FactClass| match c {
        FactClass::Value(FactValue::Number(n)) => (Some(*n), true),
        FactClass::Between { below, .. } => (*below, false),
        _ => (None, false),
    };
    let example = match a {
        FactClass::Value(FactValue::Number(n)) | FactClass::Between { example: n, .. } => *n,
        _ => 0.0,
    };
    let (lo, lo_in) = low(a);
    let (hi, hi_in) = high(b);
    // A joined class is written with exclusive bounds when they are
    // exclusive, and with the point itself as `Value` only when a == b.
    // Inclusive ends become exclusive bounds just past the point, which
    // no comparison can see (they are split points themselves).
    FactClass::Between {
        above: lo.map(|l| if lo_in { next_down(l) } else { l }),
        below: hi.map(|h| if hi_in { next_up(h) } else { h }),
        example,
    }
}

/// The largest float below `x` (for finite `x`).
pub(super) fn next_down(x: f64) -> f64 {
    let down = -next_up(-x);
    // Zero is written `0`, not `-0`.
    if down == 0.0 { 0.0 } else { down }
}

/// The smallest float above `x` (for finite `x`).
pub(super) fn next_up(x: f64) -> f64 {
    if x == 0.0 {
        return f64::from_bits(1);
    }
    let bits = x.to_bits();
    let up = f64::from_bits(if x > 0.0 { bits + 1 } else { bits - 1 });
    // Zero is written `0`, not `-0`.
    if up == 0.0 { 0.0 } else { up }
}

/// The classes of a choice fact of `n` values that `ops` (every comparison
/// of it in the pathway's rules) tell apart: values for which every
/// comparison gives the same answer are one class (`level_of_need` tested
/// only by `at_least specialist` has two: `universal or targeted`, and
/// `specialist`). Classes are in the order of their first value, a lone
/// value as itself.
///
/// Complexity: O(n × ops + n²) time, O(n × ops) space.
pub(super) fn choice_classes(n: usize, ops: &[FactOp]) -> Vec<FactClass> {
    let mut groups: Vec<(Vec<bool>, Vec<u32>)> = Vec::new();
    for i in (0..n).filter_map(|i| u32::try_from(i).ok()) {
        let signature: Vec<bool> = ops
            .iter()
            .map(|op| op.test(&FactValue::Choice(i)))
            .collect();
        match groups.iter_mut().find(|(s, _)| *s == signature) {
            Some((_, members)) => members.push(i),
            None => groups.push((signature, vec![i])),
        }
    }
    groups
        .into_iter()
        .map(|(_, members)| match members.as_slice() {
            [one] => FactClass::Value(FactValue::Choice(*one)),
            _ => FactClass::Choices(members),
        })
        .collect()
}

/// A fact class in words: `at most 19`, `more than 25`, `from 20 to 25`,
/// a choice's value, `not given`.
#[allow(dead_code)] // The layer's API for the lints; exercised by the layer's tests.
pub(crate) fn describe_class(pathway: &Pathway, fact: usize, class: &FactClass) -> String {
    match class {
        FactClass::Missing => "not given".into(),
        FactClass::Value(v) => pathway.vocabulary.show(fact, v),
        FactClass::Choices(cs) => cs
            .iter()
            .map(|c| pathway.vocabulary.show(fact, &FactValue::Choice(*c)))
            .collect::<Vec<_>>()
            .join(" or "),
        FactClass::Between { above, below, .. } => {
            // Bounds just past a split point print as "at least"/"at most" that
            // point: one step of the float from a number a rule wrote, which is
            // the shorter to write (a whole number or not).
            let lo = above.map(|a| {
                let up = next_up(a);
                if show_number(up).len() < show_number(a).len() {
                    format!("at least {}", show_number(up))
                } else {
                    format!("more than {}", show_number(a))
                }
            });
            let hi = below.map(|b| {
                let down = next_down(b);
                if show_number(down).len() < show_number(b).len() {
                    format!("at most {}", show_number(down))
                } else {
                    format!("less than {}", show_number(b))
                }
            });
            match (lo, hi) {
                (None, None) => "any value".into(),
                (Some(l), None) => l,
                (None, Some(h)) => h,
                (Some(l), Some(h)) => format!("{l} and {h}"),
            }
        }
    }
}
