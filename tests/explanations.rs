//! What a user reads of a rule with no clauses (`{"all": []}`, `{"any": []}`,
//! nested): the rule itself is the deciding clause, so the verdict names it
//! and a route's step gives a reason for the service, never none. And the
//! values a verdict gives: the counts of parts that hold, fail or are
//! unknown, which of the listed adversities the family faces or lacks, the
//! family's value of a fact, the bounds an age verdict compares with, and
//! whom a `referred_from` clause accepts and who refers.
#![cfg(test)]

use carepath::route::RouteQuery;
use carepath::{Clause, Pathway, Profile, Truth};
use serde_json::{Value, json};

/// A health visitor (no rule) referring to a team with `rule`.
fn pathway(rule: &Value) -> Pathway {
    let text = json!({
        "metadata": {"name": "empty rules", "version": "1"},
        "vocabulary": {
            "adversities": [
                {"id": "abuse", "label": "Abuse"},
                {"id": "illness", "label": "Illness"},
                {"id": "care", "label": "Care"},
            ],
            "facts": [
                {"id": "first", "label": "First child", "type": "boolean"},
                {"id": "severity", "label": "Severity", "type": "choice",
                 "values": ["mild", "moderate", "severe"], "ordered": true},
            ],
        },
        "regions": [{"id": "land", "name": "Land", "kind": "country"}],
        "services": [
            {"id": "hv", "name": "Health visitor", "tier": "universal",
             "regions": ["land"], "entry": true},
            {"id": "team", "name": "Team", "tier": "specialist",
             "tags": ["infant-mental-health"], "regions": ["land"], "eligibility": rule},
        ],
        "referrals": [{"from": "hv", "to": "team"}],
        "goal": {"tags": ["infant-mental-health"]},
    });
    Pathway::from_json(&text.to_string()).unwrap()
}

#[test]
fn a_rule_without_clauses_is_its_own_reason() {
    // (rule, its outcome, the deciding clause's kind)
    let cases = [
        (json!({"all": []}), Truth::Yes, Clause::All),
        (json!({"any": []}), Truth::No, Clause::Any),
        (json!({"all": [{"all": []}]}), Truth::Yes, Clause::All),
        (json!({"not": {"any": []}}), Truth::Yes, Clause::Not),
    ];
    let family = Profile::new().age("3 months").unwrap().region("land");
    for (rule, outcome, clause) in cases {
        let pathway = pathway(&rule);
        let verdict = pathway.eligibility("team", &family).unwrap();
        assert_eq!(verdict.outcome, outcome, "{rule}");
        let decisive = verdict.rule.decisive();
        assert_eq!(decisive.len(), 1, "{rule}");
        assert_eq!(decisive[0].clause, clause, "{rule}");
        assert_eq!(decisive[0].outcome, outcome, "{rule}");

        let answer = pathway.routes(&family, &RouteQuery::default()).unwrap();
        if outcome == Truth::Yes {
            let team = answer.routes[0].steps.last().unwrap();
            assert_eq!(&*team.service, "team");
            // Where the family lives, and the rule's own reason.
            assert_eq!(team.why.len(), 2, "{rule}: {:?}", team.why);
        } else {
            assert!(answer.routes.is_empty(), "{rule}");
        }
    }
}

/// The numbers in `message`, in order.
fn numbers(message: &str) -> Vec<usize> {
    message
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect()
}

#[test]
fn an_all_or_any_verdict_counts_its_parts() {
    let faces = |id: &str| json!({"adversities": {"any_of": [id]}});
    let first = json!({"fact": {"id": "first", "equals": true}});
    // (rule, the family's adversities, outcome, the counts the verdict
    // gives: parts that hold / fail / are unknown, then all of them)
    let cases = [
        (
            json!({"all": [faces("abuse"), faces("illness")]}),
            vec!["abuse", "illness"],
            Truth::Yes,
            vec![2],
        ),
        (
            json!({"all": [faces("abuse"), faces("illness"), faces("care")]}),
            vec!["abuse"],
            Truth::No,
            vec![2, 3],
        ),
        (
            json!({"all": [first.clone(), faces("abuse")]}),
            vec!["abuse"],
            Truth::Unknown,
            vec![1, 2],
        ),
        (
            json!({"any": [faces("abuse"), faces("illness"), faces("care")]}),
            vec!["abuse", "care"],
            Truth::Yes,
            vec![2, 3],
        ),
        (
            json!({"any": [faces("abuse"), faces("illness")]}),
            vec![],
            Truth::No,
            vec![2],
        ),
        (
            json!({"any": [first.clone(), faces("abuse"), faces("care")]}),
            vec![],
            Truth::Unknown,
            vec![1, 3],
        ),
    ];
    for (rule, adversities, outcome, counts) in cases {
        let family = adversities.iter().fold(
            Profile::new().age("3 months").unwrap().region("land"),
            |f, a| f.adversity(a),
        );
        let verdict = pathway(&rule).eligibility("team", &family).unwrap();
        assert_eq!(verdict.rule.outcome, outcome, "{rule}");
        assert_eq!(
            numbers(&verdict.rule.message),
            counts,
            "{rule}: {}",
            verdict.rule.message
        );
    }
}

#[test]
fn an_adversity_verdict_names_the_adversities_that_decide_it() {
    // (test, the family's adversities, outcome, the listed ones named:
    // those the family faces, or for `all_of` failing those it lacks)
    let listed = ["abuse", "illness"];
    let cases = [
        ("any_of", vec!["illness"], Truth::Yes, vec!["illness"]),
        ("any_of", vec![], Truth::No, vec!["abuse", "illness"]),
        ("all_of", vec!["abuse"], Truth::No, vec!["illness"]),
        (
            "all_of",
            vec!["abuse", "illness"],
            Truth::Yes,
            vec!["abuse", "illness"],
        ),
        ("none_of", vec!["abuse"], Truth::No, vec!["abuse"]),
        ("none_of", vec![], Truth::Yes, vec!["abuse", "illness"]),
    ];
    for (test, adversities, outcome, named) in cases {
        let rule = json!({"adversities": {test: listed}});
        let family = adversities.iter().fold(
            Profile::new().age("3 months").unwrap().region("land"),
            |f, a| f.adversity(a),
        );
        let verdict = pathway(&rule).eligibility("team", &family).unwrap();
        assert_eq!(verdict.rule.outcome, outcome, "{rule} {adversities:?}");
        let message = &verdict.rule.message;
        for id in listed {
            assert_eq!(
                message.contains(&format!("`{id}`")),
                named.contains(&id),
                "{rule} {adversities:?}: {id} in {message}"
            );
        }
        // Listed as a list, one after another.
        let list: Vec<String> = named.iter().map(|id| format!("`{id}`")).collect();
        assert!(message.contains(&list.join(", ")), "{rule}: {message}");
    }
}

#[test]
fn a_fact_verdict_shows_the_family_s_value() {
    // (the family's severity, outcome): the verdict of `at least
    // moderate` shows the value given, and no value when none is.
    let rule = json!({"fact": {"id": "severity", "at_least": "moderate"}});
    let values = ["mild", "moderate", "severe"];
    for (value, outcome) in [
        (Some("mild"), Truth::No),
        (Some("severe"), Truth::Yes),
        (None, Truth::Unknown),
    ] {
        let family = Profile::new().age("3 months").unwrap().region("land");
        let family = match value {
            Some(v) => family.fact("severity", v),
            None => family,
        };
        let verdict = pathway(&rule).eligibility("team", &family).unwrap();
        assert_eq!(verdict.rule.outcome, outcome, "{value:?}");
        let message = &verdict.rule.message;
        for v in values.iter().filter(|&&v| v != "moderate") {
            assert_eq!(
                message.contains(v),
                value == Some(*v),
                "{value:?}: {message}"
            );
        }
    }
}

#[test]
fn an_age_verdict_names_the_bound_it_compares_with() {
    // `from 365 days before 104 weeks` (the bounds as written; a family's
    // age is shown in months): before the range the verdict names its
    // start, past it its end, within it both; its start is within.
    let rule = json!({"age": {"from": "365 days", "before": "104 weeks"}});
    for (days, outcome, names_from, names_before) in [
        (100, Truth::No, true, false),
        (364, Truth::No, true, false),
        (365, Truth::Yes, true, true),
        (500, Truth::Yes, true, true),
        (728, Truth::No, false, true),
    ] {
        let family = Profile::new().age_days(days).region("land");
        let verdict = pathway(&rule).eligibility("team", &family).unwrap();
        assert_eq!(verdict.rule.outcome, outcome, "{days}");
        let message = &verdict.rule.message;
        assert_eq!(
            message.contains("365 days"),
            names_from,
            "{days}: {message}"
        );
        assert_eq!(
            message.contains("104 weeks"),
            names_before,
            "{days}: {message}"
        );
    }
}

#[test]
fn a_referred_from_verdict_lists_whom_it_accepts_and_names_who_refers() {
    // (the tiers accepted, who refers: `hv`, universal, or the family by
    // itself; outcome; the accepted referrers as the verdict lists them)
    let cases = [
        (
            json!(["targeted", "specialist"]),
            Some("hv"),
            Truth::No,
            "targeted or specialist",
        ),
        (
            json!(["universal", "targeted", "specialist"]),
            Some("hv"),
            Truth::Yes,
            "universal, targeted or specialist",
        ),
        (
            json!(["specialist", "self"]),
            None,
            Truth::Yes,
            "specialist",
        ),
    ];
    let family = Profile::new().age("3 months").unwrap().region("land");
    for (tiers, from, outcome, accepted) in cases {
        let rule = json!({"referred_from": {"tier": tiers}});
        let verdict = pathway(&rule)
            .eligibility_from("team", &family, from)
            .unwrap();
        assert_eq!(verdict.rule.outcome, outcome, "{rule}");
        let message = &verdict.rule.message;
        assert!(
            message.contains(&format!("from {accepted} services")),
            "{rule}: {message}"
        );
        if from.is_some() {
            assert!(message.contains("Health visitor"), "{rule}: {message}");
        }
    }
}
