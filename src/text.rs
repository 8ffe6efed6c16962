//! Plain-text renderings of answers, for people (a health visitor reading
//! a terminal, a designer reading CI output).

use crate::eligibility::Verdict;
use crate::rules::{Explanation, Truth};

/// Renders a verdict and its explanation as indented text.
///
/// ```
/// # let pathway = carepath::Pathway::from_json(include_str!("../tests/fixtures/small.json"))?;
/// let p = carepath::Profile::new().age("26 months")?.region("east");
/// let text = carepath::text::verdict(&pathway.eligibility("imh-east", &p)?);
/// assert!(text.starts_with("imh-east: not eligible"));
/// assert!(text.contains("age on referral 26 months is not before 2 years"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn verdict(v: &Verdict) -> String {
    let head = match v.outcome {
        Truth::Yes => "eligible",
        Truth::No => "not eligible",
        Truth::Unknown => "unknown: the profile lacks facts the rule needs",
    };
    let mut out = format!("{}: {head}\n", v.service);
    out.push_str(&format!(
        "  {} region: {}\n",
        mark(if v.region.served {
            Truth::Yes
        } else {
            Truth::No
        }),
        v.region.message
    ));
    explanation(&v.rule, 1, &mut out);
    out.trim_end().to_owned()
}

fn mark(t: Truth) -> &'static str {
    match t {
        Truth::Yes => "[yes]",
        Truth::No => "[no] ",
        Truth::Unknown => "[?]  ",
    }
}

/// Appends an explanation tree, one clause a line, indented by depth.
pub(crate) fn explanation(e: &Explanation, depth: usize, out: &mut String) {
    out.push_str(&format!(
        "{}{} {}\n",
        "  ".repeat(depth),
        mark(e.outcome),
        e.message
    ));
    for p in &e.parts {
        explanation(p, depth + 1, out);
    }
}
