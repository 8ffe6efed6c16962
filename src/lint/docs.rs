//! Each lint's page: what it finds, why it matters to a family, a bad and a
//! good example (the fixtures under `tests/lint/fixtures/`, which the tests
//! lint), how to fix it and how to silence it.

use super::catalogue::{Group, find};
use crate::diagnostic::Severity;

/// The bad and the good example of the lint `name`, as pathway files.
///
/// ```
/// let (bad, good) = carepath::lint::examples("dead-end").ok_or("no examples")?;
/// assert!(carepath::lint(bad).findings.iter().any(|d| d.name == "dead-end"));
/// assert!(carepath::lint(good).findings.iter().all(|d| d.name != "dead-end"));
/// # Ok::<(), &str>(())
/// ```
#[must_use]
pub fn examples(name: &str) -> Option<(&'static str, &'static str)> {
    let (bad, good) = match name {
        "age-beyond-range" => (
            include_str!("../../tests/lint/fixtures/age-beyond-range/bad.json"),
            include_str!("../../tests/lint/fixtures/age-beyond-range/good.json"),
        ),
        "age-cliff" => (
            include_str!("../../tests/lint/fixtures/age-cliff/bad.json"),
            include_str!("../../tests/lint/fixtures/age-cliff/good.json"),
        ),
        "choice-values" => (
            include_str!("../../tests/lint/fixtures/choice-values/bad.json"),
            include_str!("../../tests/lint/fixtures/choice-values/good.json"),
        ),
        "dead-end" => (
            include_str!("../../tests/lint/fixtures/dead-end/bad.json"),
            include_str!("../../tests/lint/fixtures/dead-end/good.json"),
        ),
        "duplicate-id" => (
            include_str!("../../tests/lint/fixtures/duplicate-id/bad.json"),
            include_str!("../../tests/lint/fixtures/duplicate-id/good.json"),
        ),
        "duplicate-key" => (
            include_str!("../../tests/lint/fixtures/duplicate-key/bad.json"),
            include_str!("../../tests/lint/fixtures/duplicate-key/good.json"),
        ),
        "duplicate-referral" => (
            include_str!("../../tests/lint/fixtures/duplicate-referral/bad.json"),
            include_str!("../../tests/lint/fixtures/duplicate-referral/good.json"),
        ),
        "empty-age-range" => (
            include_str!("../../tests/lint/fixtures/empty-age-range/bad.json"),
            include_str!("../../tests/lint/fixtures/empty-age-range/good.json"),
        ),
        "empty-list" => (
            include_str!("../../tests/lint/fixtures/empty-list/bad.json"),
            include_str!("../../tests/lint/fixtures/empty-list/good.json"),
        ),
        "fact-type-mismatch" => (
            include_str!("../../tests/lint/fixtures/fact-type-mismatch/bad.json"),
            include_str!("../../tests/lint/fixtures/fact-type-mismatch/good.json"),
        ),
        "goal-matches-every-service" => (
            include_str!("../../tests/lint/fixtures/goal-matches-every-service/bad.json"),
            include_str!("../../tests/lint/fixtures/goal-matches-every-service/good.json"),
        ),
        "goal-matches-no-service" => (
            include_str!("../../tests/lint/fixtures/goal-matches-no-service/bad.json"),
            include_str!("../../tests/lint/fixtures/goal-matches-no-service/good.json"),
        ),
        "malformed-age" => (
            include_str!("../../tests/lint/fixtures/malformed-age/bad.json"),
            include_str!("../../tests/lint/fixtures/malformed-age/good.json"),
        ),
        "malformed-duration" => (
            include_str!("../../tests/lint/fixtures/malformed-duration/bad.json"),
            include_str!("../../tests/lint/fixtures/malformed-duration/good.json"),
        ),
        "malformed-json" => (
            include_str!("../../tests/lint/fixtures/malformed-json/bad.json"),
            include_str!("../../tests/lint/fixtures/malformed-json/good.json"),
        ),
        "malformed-rule" => (
            include_str!("../../tests/lint/fixtures/malformed-rule/bad.json"),
            include_str!("../../tests/lint/fixtures/malformed-rule/good.json"),
        ),
        "missing-field" => (
            include_str!("../../tests/lint/fixtures/missing-field/bad.json"),
            include_str!("../../tests/lint/fixtures/missing-field/good.json"),
        ),
        "no-entry-service" => (
            include_str!("../../tests/lint/fixtures/no-entry-service/bad.json"),
            include_str!("../../tests/lint/fixtures/no-entry-service/good.json"),
        ),
        "not-one-comparison" => (
            include_str!("../../tests/lint/fixtures/not-one-comparison/bad.json"),
            include_str!("../../tests/lint/fixtures/not-one-comparison/good.json"),
        ),
        "pessimistic-wait-shorter" => (
            include_str!("../../tests/lint/fixtures/pessimistic-wait-shorter/bad.json"),
            include_str!("../../tests/lint/fixtures/pessimistic-wait-shorter/good.json"),
        ),
        "referral-cycle" => (
            include_str!("../../tests/lint/fixtures/referral-cycle/bad.json"),
            include_str!("../../tests/lint/fixtures/referral-cycle/good.json"),
        ),
        "region-tree-not-a-tree" => (
            include_str!("../../tests/lint/fixtures/region-tree-not-a-tree/bad.json"),
            include_str!("../../tests/lint/fixtures/region-tree-not-a-tree/good.json"),
        ),
        "region-without-entry" => (
            include_str!("../../tests/lint/fixtures/region-without-entry/bad.json"),
            include_str!("../../tests/lint/fixtures/region-without-entry/good.json"),
        ),
        "review-date-not-a-date" => (
            include_str!("../../tests/lint/fixtures/review-date-not-a-date/bad.json"),
            include_str!("../../tests/lint/fixtures/review-date-not-a-date/good.json"),
        ),
        "rule-always-holds" => (
            include_str!("../../tests/lint/fixtures/rule-always-holds/bad.json"),
            include_str!("../../tests/lint/fixtures/rule-always-holds/good.json"),
        ),
        "rule-never-holds" => (
            include_str!("../../tests/lint/fixtures/rule-never-holds/bad.json"),
            include_str!("../../tests/lint/fixtures/rule-never-holds/good.json"),
        ),
        "self-referral" => (
            include_str!("../../tests/lint/fixtures/self-referral/bad.json"),
            include_str!("../../tests/lint/fixtures/self-referral/good.json"),
        ),
        "semantic-lints-skipped" => (
            include_str!("../../tests/lint/fixtures/semantic-lints-skipped/bad.json"),
            include_str!("../../tests/lint/fixtures/semantic-lints-skipped/good.json"),
        ),
        "service-without-sources" => (
            include_str!("../../tests/lint/fixtures/service-without-sources/bad.json"),
            include_str!("../../tests/lint/fixtures/service-without-sources/good.json"),
        ),
        "single-clause" => (
            include_str!("../../tests/lint/fixtures/single-clause/bad.json"),
            include_str!("../../tests/lint/fixtures/single-clause/good.json"),
        ),
        "referrer-excluded" => (
            include_str!("../../tests/lint/fixtures/referrer-excluded/bad.json"),
            include_str!("../../tests/lint/fixtures/referrer-excluded/good.json"),
        ),
        "specialist-to-universal" => (
            include_str!("../../tests/lint/fixtures/specialist-to-universal/bad.json"),
            include_str!("../../tests/lint/fixtures/specialist-to-universal/good.json"),
        ),
        "stale-review" => (
            include_str!("../../tests/lint/fixtures/stale-review/bad.json"),
            include_str!("../../tests/lint/fixtures/stale-review/good.json"),
        ),
        "unknown-adversity" => (
            include_str!("../../tests/lint/fixtures/unknown-adversity/bad.json"),
            include_str!("../../tests/lint/fixtures/unknown-adversity/good.json"),
        ),
        "unknown-fact" => (
            include_str!("../../tests/lint/fixtures/unknown-fact/bad.json"),
            include_str!("../../tests/lint/fixtures/unknown-fact/good.json"),
        ),
        "unknown-field" => (
            include_str!("../../tests/lint/fixtures/unknown-field/bad.json"),
            include_str!("../../tests/lint/fixtures/unknown-field/good.json"),
        ),
        "unknown-lint" => (
            include_str!("../../tests/lint/fixtures/unknown-lint/bad.json"),
            include_str!("../../tests/lint/fixtures/unknown-lint/good.json"),
        ),
        "unknown-region" => (
            include_str!("../../tests/lint/fixtures/unknown-region/bad.json"),
            include_str!("../../tests/lint/fixtures/unknown-region/good.json"),
        ),
        "unknown-service" => (
            include_str!("../../tests/lint/fixtures/unknown-service/bad.json"),
            include_str!("../../tests/lint/fixtures/unknown-service/good.json"),
        ),
        "unknown-source" => (
            include_str!("../../tests/lint/fixtures/unknown-source/bad.json"),
            include_str!("../../tests/lint/fixtures/unknown-source/good.json"),
        ),
        "unknown-value" => (
            include_str!("../../tests/lint/fixtures/unknown-value/bad.json"),
            include_str!("../../tests/lint/fixtures/unknown-value/good.json"),
        ),
        "unreachable-goal" => (
            include_str!("../../tests/lint/fixtures/unreachable-goal/bad.json"),
            include_str!("../../tests/lint/fixtures/unreachable-goal/good.json"),
        ),
        "unreachable-service" => (
            include_str!("../../tests/lint/fixtures/unreachable-service/bad.json"),
            include_str!("../../tests/lint/fixtures/unreachable-service/good.json"),
        ),
        "unsafe-id" => (
            include_str!("../../tests/lint/fixtures/unsafe-id/bad.json"),
            include_str!("../../tests/lint/fixtures/unsafe-id/good.json"),
        ),
        "unusable-referral" => (
            include_str!("../../tests/lint/fixtures/unusable-referral/bad.json"),
            include_str!("../../tests/lint/fixtures/unusable-referral/good.json"),
        ),
        "unused-source" => (
            include_str!("../../tests/lint/fixtures/unused-source/bad.json"),
            include_str!("../../tests/lint/fixtures/unused-source/good.json"),
        ),
        "wait-over-two-years" => (
            include_str!("../../tests/lint/fixtures/wait-over-two-years/bad.json"),
            include_str!("../../tests/lint/fixtures/wait-over-two-years/good.json"),
        ),
        "wait-unstated" => (
            include_str!("../../tests/lint/fixtures/wait-unstated/bad.json"),
            include_str!("../../tests/lint/fixtures/wait-unstated/good.json"),
        ),
        "wrong-type" => (
            include_str!("../../tests/lint/fixtures/wrong-type/bad.json"),
            include_str!("../../tests/lint/fixtures/wrong-type/good.json"),
        ),
        _ => return None,
    };
    Some((bad, good))
}

/// The page of a lint, by code or name, as text.
///
/// ```
/// let page = carepath::lint::explain("L0201").ok_or("no page")?;
/// assert!(page.starts_with("L0201 dead-end"));
/// assert!(page.contains("Bad:"));
/// # Ok::<(), &str>(())
/// ```
#[must_use]
pub fn explain(code_or_name: &str) -> Option<String> {
    let lint = find(code_or_name)?;
    let level = lint.default.map_or("allow", Severity::as_str);
    let mut page = format!(
        "{} {} ({} group, {level} by default)\n\n{}.\n\nWhy it matters: {}.\n\nHow to fix it: {}.\n",
        lint.code,
        lint.name,
        lint.group.as_str(),
        capital(lint.summary),
        lint.why,
        lint.fix
    );
    if lint.semantic {
        page.push_str("\nThis is a claim about every family (each leaf region, set of adversities, fact value and age): it is proven over the whole profile space, never sampled.\n");
    }
    page.push_str(&if lint.group == Group::Shape {
        "\nHow to silence it: it cannot be silenced; the file cannot be used until it is fixed.\n".to_owned()
    } else {
        format!(
            "\nHow to silence it: in the file, `\"metadata\": {{\"lints\": {{\"{}\": {{\"level\": \"allow\", \"reason\": \"...\"}}}}}}` (add `\"services\": [...]` to limit it to some services); on the command line, `--allow {}`.\n",
            lint.name, lint.name
        )
    });
    if let Some((bad, good)) = examples(lint.name) {
        page.push_str(&format!(
            "\nBad: tests/lint/fixtures/{}/bad.json\n\n{bad}",
            lint.name
        ));
        page.push_str(&format!(
            "\nGood: tests/lint/fixtures/{}/good.json\n\n{good}",
            lint.name
        ));
    }
    Some(page)
}

fn capital(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
