//! What a user reads of a rule with no clauses (`{"all": []}`, `{"any": []}`,
//! nested): the rule itself is the deciding clause, so the verdict names it
//! and a route's step gives a reason for the service, never none.
#![cfg(test)]

use carepath::route::RouteQuery;
use carepath::{Clause, Pathway, Profile, Truth};
use serde_json::{Value, json};

/// A health visitor (no rule) referring to a team with `rule`.
fn pathway(rule: &Value) -> Pathway {
    let text = json!({
        "metadata": {"name": "empty rules", "version": "1"},
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
            assert_eq!(team.service, "team");
            // Where the family lives, and the rule's own reason.
            assert_eq!(team.why.len(), 2, "{rule}: {:?}", team.why);
        } else {
            assert!(answer.routes.is_empty(), "{rule}");
        }
    }
}
