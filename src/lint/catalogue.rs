//! The catalogue: every code `carepath lint` can report, with its name,
//! group, default level and documentation. One table, so the docs, the
//! `explain` command, the SARIF rules and the tests all read the same rows.

use serde::Serialize;

use crate::diagnostic::Severity;

/// The group a lint belongs to.
///
/// ```
/// let lint = carepath::lint::find("dead-end").ok_or("no such lint")?;
/// assert_eq!(lint.group, carepath::lint::Group::Suspicious);
/// # Ok::<(), &str>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Group {
    /// The file cannot be read as a pathway (shape and structural errors).
    Shape,
    /// The pathway does not do what it says: on by default, mostly errors.
    Correctness,
    /// Probably a mistake, or worth a second look: warnings and notes.
    Suspicious,
    /// Clearer ways to write the same thing: notes.
    Style,
}

impl Group {
    /// The group's name as written on the command line and in settings.
    ///
    /// ```
    /// assert_eq!(carepath::lint::Group::Correctness.as_str(), "correctness");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Shape => "shape",
            Self::Correctness => "correctness",
            Self::Suspicious => "suspicious",
            Self::Style => "style",
        }
    }
}

/// One entry of the catalogue.
///
/// ```
/// let lint = carepath::lint::find("L0107").ok_or("no such lint")?;
/// assert_eq!(lint.name, "age-cliff");
/// assert!(lint.semantic);
/// # Ok::<(), &str>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Lint {
    /// Stable code, e.g. `L0201`.
    pub code: &'static str,
    /// Stable kebab-case name, e.g. `dead-end`.
    pub name: &'static str,
    /// Its group.
    pub group: Group,
    /// Its level unless a setting changes it; `None`: off unless enabled.
    pub default: Option<Severity>,
    /// Whether it is a claim about every family, proven over the profile space.
    pub semantic: bool,
    /// What it finds, in one line.
    pub summary: &'static str,
    /// Why it matters to a family.
    pub why: &'static str,
    /// How to fix it.
    pub fix: &'static str,
}

const fn lint(
    code: &'static str,
    name: &'static str,
    group: Group,
    default: Option<Severity>,
    summary: &'static str,
    why: &'static str,
    fix: &'static str,
) -> Lint {
    Lint {
        code,
        name,
        group,
        default,
        semantic: false,
        summary,
        why,
        fix,
    }
}

const fn semantic(l: Lint) -> Lint {
    Lint {
        semantic: true,
        ..l
    }
}

use Group::{Correctness, Shape, Style, Suspicious};
const ERROR: Option<Severity> = Some(Severity::Error);
const WARNING: Option<Severity> = Some(Severity::Warning);
const INFO: Option<Severity> = Some(Severity::Info);

const FILE: &str =
    "no family can be routed by a file the engine cannot read: every query on it fails";

/// Every lint, in code order.
pub const CATALOGUE: &[Lint] = &[
    lint(
        "E0001",
        "malformed-json",
        Shape,
        ERROR,
        "text that is not JSON, or nesting deeper than the limit",
        FILE,
        "fix the JSON at the place shown",
    ),
    lint(
        "E0002",
        "file-too-large",
        Shape,
        ERROR,
        "a file larger than the limit",
        FILE,
        "split the file or remove what is not a pathway",
    ),
    lint(
        "E0003",
        "not-utf8",
        Shape,
        ERROR,
        "bytes that are not UTF-8 text",
        FILE,
        "save the file as UTF-8",
    ),
    lint(
        "E0004",
        "unreadable-file",
        Shape,
        ERROR,
        "a file that could not be read",
        FILE,
        "check the path and permissions",
    ),
    lint(
        "E0005",
        "unknown-field",
        Shape,
        ERROR,
        "a field the pathway format does not have",
        "a misspelt field is ignored by nobody: the engine refuses the file, and the designer meant something by it",
        "use the field suggested, or remove it",
    ),
    lint(
        "E0006",
        "wrong-type",
        Shape,
        ERROR,
        "a value of the wrong kind (text for a list, an object for text)",
        FILE,
        "write the value in the form the help shows",
    ),
    lint(
        "E0007",
        "unknown-value",
        Shape,
        ERROR,
        "a value outside the allowed list (a tier, a fact type, a lint level)",
        FILE,
        "use one of the allowed values",
    ),
    lint(
        "E0008",
        "missing-field",
        Shape,
        ERROR,
        "a required field left out",
        FILE,
        "add the field",
    ),
    lint(
        "E0009",
        "malformed-rule",
        Shape,
        ERROR,
        "a rule that is not one object with exactly one kind (`{}` or two kinds at once)",
        "an empty rule says nothing about who is accepted; two kinds in one object leave open whether both or either must hold",
        "write one kind per object; combine several with `all` or `any`",
    ),
    lint(
        "E0010",
        "duplicate-key",
        Shape,
        ERROR,
        "the same key twice in one object",
        "a JSON reader keeps only one of the two values, silently: the other rule or figure is lost",
        "remove one, or merge them",
    ),
    lint(
        "E0101",
        "duplicate-id",
        Shape,
        ERROR,
        "two services, regions, adversities, facts or sources with the same id",
        FILE,
        "give each its own id",
    ),
    lint(
        "E0102",
        "unknown-service",
        Shape,
        ERROR,
        "a referral naming a service the file does not have",
        FILE,
        "use the id suggested",
    ),
    lint(
        "E0103",
        "unknown-region",
        Shape,
        ERROR,
        "a region the file does not declare, or a service serving no region",
        "a rule or service naming an unknown region would serve no family there",
        "use the id suggested",
    ),
    lint(
        "E0104",
        "unknown-adversity",
        Shape,
        ERROR,
        "an adversity the vocabulary does not declare",
        "a rule naming an undeclared adversity would silently never hold",
        "use the id suggested, or declare it",
    ),
    lint(
        "E0105",
        "unknown-fact",
        Shape,
        ERROR,
        "a fact the vocabulary does not declare",
        "a rule naming an undeclared fact would silently be unknown",
        "use the id suggested, or declare it",
    ),
    lint(
        "E0106",
        "fact-type-mismatch",
        Shape,
        ERROR,
        "a fact compared with a value of the wrong type, or a choice compared by an order it does not declare",
        "the comparison could never hold, or would lean on the order values happen to be listed in",
        "compare with a value of the fact's type; declare `\"ordered\": true` on a choice whose values run from least to most",
    ),
    lint(
        "E0107",
        "empty-age-range",
        Shape,
        ERROR,
        "an age range whose `from` is not before `before`, or a `referred_from` whose parts exclude every referrer",
        "no family is ever in the range, or referred by anyone",
        "swap or correct the bounds",
    ),
    lint(
        "E0108",
        "malformed-age",
        Shape,
        ERROR,
        "text that is not an age",
        FILE,
        "write `pregnancy`, `N weeks gestation` (0 to 44), `birth`, or N days, weeks, months or years",
    ),
    lint(
        "E0109",
        "malformed-duration",
        Shape,
        ERROR,
        "text that is not a duration",
        FILE,
        "write N days, weeks, months or years, e.g. `6 weeks`",
    ),
    lint(
        "E0110",
        "region-tree-not-a-tree",
        Shape,
        ERROR,
        "regions that do not form one tree",
        "a family's area must lie in exactly one place in the tree for `inside` to mean anything",
        "give exactly one region no parent, and break cycles",
    ),
    lint(
        "E0111",
        "not-one-comparison",
        Shape,
        ERROR,
        "an adversity or fact test without exactly one comparison, or a `referred_from` with none of `tier`, `at_least`, `at_most`",
        "two comparisons in one test leave open whether both or either must hold",
        "split it into several tests inside `all`",
    ),
    lint(
        "E0112",
        "choice-values",
        Shape,
        ERROR,
        "a choice fact without values, or values or `ordered` on another kind of fact",
        FILE,
        "list the values of choice facts only, and order only those",
    ),
    lint(
        "E0113",
        "goal-matches-no-service",
        Shape,
        ERROR,
        "a goal naming an unknown service, or matching no service",
        "with no goal service no family has a route to anything",
        "use the tag or id suggested",
    ),
    lint(
        "E0114",
        "pessimistic-wait-shorter",
        Shape,
        ERROR,
        "a pessimistic wait shorter than the typical one",
        "pessimistic routes would be quicker than typical ones",
        "swap the figures",
    ),
    lint(
        "E0115",
        "unknown-source",
        Shape,
        ERROR,
        "a service citing a source the metadata does not list",
        "a reader cannot check the figure against its source",
        "list the source in `metadata.sources`, or use the id suggested",
    ),
    lint(
        "E0116",
        "self-referral",
        Shape,
        ERROR,
        "a service referring to itself",
        "a route never refers a family back to where they are",
        "remove the referral",
    ),
    lint(
        "E0117",
        "duplicate-referral",
        Shape,
        ERROR,
        "a second referral between the same two services",
        "only one of the two conditions would count",
        "combine the conditions with `any`",
    ),
    lint(
        "E0118",
        "rule-too-large",
        Shape,
        ERROR,
        "a rule larger than the limit (clauses and the ids they list)",
        "a rule no designer would write by hand is generated or hostile: the engine bounds the work it takes",
        "split the rule, or list regions higher in the tree",
    ),
    lint(
        "E0119",
        "unsafe-id",
        Shape,
        ERROR,
        "an id outside the safe alphabet (ASCII letters, digits, `-`, `_`, `.`; 1 to 128 characters)",
        "ids travel into command lines, URLs and reports: a space, a control character or a look-alike letter breaks them or misleads a reader",
        "use letters, digits, `-`, `_` and `.` only; put the full wording in `name`",
    ),
    lint(
        "L0101",
        "no-entry-service",
        Correctness,
        ERROR,
        "no service is an entry (`entry: true`)",
        "a route starts at a contact the family already has; with none, no family has any route",
        "mark the universal contacts (midwife, health visitor, GP) `\"entry\": true`",
    ),
    lint(
        "L0102",
        "goal-matches-every-service",
        Correctness,
        ERROR,
        "the goal matches every service (e.g. `goal: {}`)",
        "every entry is then a goal: every family is told they have arrived before any referral",
        "give the goal a tier or tags, e.g. `{\"tier\": \"specialist\", \"tags\": [\"infant-mental-health\"]}`",
    ),
    lint(
        "L0103",
        "region-without-entry",
        Correctness,
        ERROR,
        "a leaf region (a family's area) that no entry service serves",
        "families living there have no contact to start a route from, at any age",
        "add the area to an entry service's regions (or to its parent region)",
    ),
    semantic(lint(
        "L0104",
        "rule-never-holds",
        Correctness,
        ERROR,
        "a rule (or a part of one) that no family meets at any age",
        "the service or referral is closed to everyone, while the file suggests otherwise",
        "look at the clauses named: they exclude each other",
    )),
    semantic(lint(
        "L0105",
        "unreachable-service",
        Correctness,
        ERROR,
        "a service no family can ever reach from an entry",
        "a service on paper that no family can be referred to",
        "add a referral to it, or relax the rules and ages that close every way in",
    )),
    semantic(lint(
        "L0106",
        "unusable-referral",
        Correctness,
        ERROR,
        "a referral no family can ever use",
        "the referral promises a way that is never open",
        "check the referral's condition against both services' rules",
    )),
    semantic(lint(
        "L0107",
        "age-cliff",
        Correctness,
        ERROR,
        "a referral on which every family the source accepts arrives at an age the target refuses",
        "families are referred on, then turned away for their age (usually aged out by the waits) when the referral lands",
        "widen the target's ages, or shorten the waits and delay on the way",
    )),
    semantic(lint(
        "L0108",
        "unreachable-goal",
        Correctness,
        ERROR,
        "a goal service no family can reach",
        "the specialist team the pathway exists for is out of every family's reach",
        "add a route to it, or relax the rules that close every route",
    )),
    lint(
        "L0109",
        "empty-list",
        Correctness,
        ERROR,
        "an `any` or `region` rule with an empty list",
        "an empty `any` or `region` never holds: the service or referral is closed to everyone",
        "list the alternatives, or remove the rule",
    ),
    lint(
        "L0110",
        "review-date-not-a-date",
        Correctness,
        ERROR,
        "`metadata.last_reviewed` that is not a date (YYYY-MM-DD)",
        "a reader cannot tell how current the waits and rules are",
        "write the date of the last review, e.g. `2026-11-01`",
    ),
    lint(
        "L0111",
        "referrer-excluded",
        Correctness,
        ERROR,
        "a service whose `referred_from` excludes every service referring to it (and the family itself, for an entry)",
        "stepped care closes every way in: no family can reach the service",
        "widen `referred_from`, or add the referral it expects",
    ),
    lint(
        "L0201",
        "dead-end",
        Suspicious,
        WARNING,
        "a service that is not a goal and refers to no one",
        "a family referred there can go no further along the pathway",
        "add the referrals it makes, or make it a goal",
    ),
    semantic(lint(
        "L0202",
        "rule-always-holds",
        Suspicious,
        WARNING,
        "a rule written to restrict that every family meets at every age",
        "the rule restricts nothing: the designer meant something narrower",
        "look at the clauses named; remove the rule or narrow it",
    )),
    lint(
        "L0203",
        "age-beyond-range",
        Suspicious,
        WARNING,
        "an age bound beyond the pathway's age range (by default pregnancy to 5 years)",
        "a bound no family of the range can reach is usually a unit slip (`2 years` written `20 years`)",
        "check the unit; widen the range in the lint settings if it is meant",
    ),
    lint(
        "L0204",
        "wait-over-two-years",
        Suspicious,
        WARNING,
        "a wait or referral delay over two years",
        "an infant mental health route that takes years is no route for an infant: usually a unit slip",
        "check the unit (`6 weeks`, not `6 years`)",
    ),
    lint(
        "L0205",
        "wait-unstated",
        Suspicious,
        WARNING,
        "a service reached by referral with no wait given and not marked `assumed`",
        "routes take the wait as 0 days, so their times look better than families will find them",
        "give the wait, or write `\"wait\": {\"typical\": \"0 days\", \"assumed\": true}`",
    ),
    lint(
        "L0206",
        "stale-review",
        Suspicious,
        WARNING,
        "`metadata.last_reviewed` older than the review period (12 months by default)",
        "waits and eligibility change; old figures mislead referrers",
        "review the pathway against its sources and update the date",
    ),
    lint(
        "L0207",
        "specialist-to-universal",
        Suspicious,
        INFO,
        "a specialist service referring back to a universal one",
        "routes may climb down the tiers and back up, which is rarely how care is meant to flow",
        "check the referral is meant (a discharge is not a referral onward)",
    ),
    lint(
        "L0208",
        "referral-cycle",
        Suspicious,
        INFO,
        "referrals that form a cycle",
        "a family could be referred round in a circle; routes never repeat a service, but the cycle may hide a mistaken direction",
        "check the direction of each referral in the cycle",
    ),
    lint(
        "L0209",
        "semantic-lints-skipped",
        Suspicious,
        INFO,
        "the claims about every family could not be checked (too many kinds of family, or the search budget ran out)",
        "without them, no finding of the semantic lints means nothing: the pathway is not proven sound",
        "split the pathway, or test fewer adversities and facts in its rules",
    ),
    lint(
        "L0301",
        "single-clause",
        Style,
        INFO,
        "an `all` or `any` of one clause",
        "the list adds nesting without meaning",
        "write the clause by itself",
    ),
    lint(
        "L0302",
        "service-without-sources",
        Style,
        INFO,
        "a service citing no source",
        "a reader cannot check its rules and waits",
        "cite the documents it comes from in `sources`",
    ),
    lint(
        "L0303",
        "unused-source",
        Style,
        INFO,
        "a source in the metadata that no service cites",
        "a list of sources that nothing uses hides which facts are backed",
        "cite it from the services it supports, or remove it",
    ),
    lint(
        "L0304",
        "unknown-lint",
        Style,
        WARNING,
        "a lint setting in the metadata naming no lint",
        "a misspelt setting silences nothing",
        "use the name suggested",
    ),
];

/// The lint with this code or name, if any.
///
/// ```
/// assert_eq!(carepath::lint::find("E0103").map(|l| l.name), Some("unknown-region"));
/// assert!(carepath::lint::find("no-such-lint").is_none());
/// ```
#[must_use]
pub fn find(code_or_name: &str) -> Option<&'static Lint> {
    CATALOGUE
        .iter()
        .find(|l| l.code.eq_ignore_ascii_case(code_or_name) || l.name == code_or_name)
}

/// The lint with this code; used internally, where the code is known.
pub(crate) fn by_code(code: &str) -> Option<&'static Lint> {
    CATALOGUE.iter().find(|l| l.code == code)
}
