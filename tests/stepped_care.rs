//! Stepped care: the `referred_from` clause, judged on who refers at each
//! step (the family itself at the first), in eligibility, referral
//! conditions, routes, explanations, coverage and the semantic lints.
#![cfg(test)]

use std::collections::BTreeSet;

use carepath::document::Referrer;
use carepath::{CoverageQuery, Pathway, Profile, RouteQuery, Truth, WaitKind};
use serde_json::{Value, json};

/// hv (universal, entry) → group (targeted) → team (specialist goal), and
/// hv → team; `team_rule` is the team's eligibility, `when` the condition
/// on hv → team.
fn pathway(team_rule: &Value, when: Option<Value>) -> Pathway {
    Pathway::from_json(&doc(team_rule, when).to_string()).expect("loads")
}

fn doc(team_rule: &Value, when: Option<Value>) -> Value {
    let mut direct = json!({"from": "hv", "to": "team"});
    if let Some(w) = when {
        direct["when"] = w;
    }
    let doc = json!({
        "metadata": {"name": "stepped", "version": "1"},
        "regions": [{"id": "land", "name": "Land"}],
        "services": [
            {"id": "hv", "name": "Health visiting", "tier": "universal", "regions": ["land"], "entry": true},
            {"id": "group", "name": "Parenting group", "tier": "targeted", "regions": ["land"], "wait": {"typical": "7 days"}},
            {"id": "team", "name": "Infant team", "tier": "specialist", "tags": ["g"], "regions": ["land"],
             "entry": true, "eligibility": team_rule, "wait": {"typical": "14 days"}}
        ],
        "referrals": [direct, {"from": "hv", "to": "group"}, {"from": "group", "to": "team"}],
        "goal": {"tags": ["g"]}
    });
    doc
}

fn family() -> Profile {
    Profile::new().age_days(100).region("land")
}

/// Each way of writing the clause, and whether it accepts each referrer
/// (self, universal, targeted, specialist).
#[test]
fn the_clause_accepts_exactly_the_referrers_it_names() {
    let cases: [(Value, [bool; 4]); 7] = [
        (
            json!({"tier": ["targeted", "specialist"]}),
            [false, false, true, true],
        ),
        (json!({"tier": ["self"]}), [true, false, false, false]),
        (json!({"at_least": "targeted"}), [false, false, true, true]),
        (json!({"at_most": "targeted"}), [false, true, true, false]),
        (json!({"at_least": "universal"}), [false, true, true, true]),
        (
            json!({"tier": ["self", "universal"], "at_most": "universal"}),
            [false, true, false, false],
        ),
        (
            json!({"tier": ["self", "universal", "targeted", "specialist"]}),
            [true; 4],
        ),
    ];
    for (clause, want) in cases {
        let p = pathway(&json!({"referred_from": clause}), None);
        let f = p.prepare(&family()).expect("profile");
        let team = p.node("team").expect("team");
        for (r, want) in Referrer::ALL.into_iter().zip(want) {
            assert_eq!(
                f.accepts_referred(team, 100, WaitKind::Typical, r),
                want,
                "{clause} from {r:?}"
            );
        }
        // Who refers not known: unknown, so not accepted (unless everyone is).
        let v = p.eligibility("team", &family()).expect("verdict");
        let unknown = if want.iter().all(|&w| w) {
            Truth::Yes
        } else {
            Truth::Unknown
        };
        assert_eq!(v.outcome, unknown, "{clause}");
    }
}

#[test]
fn empty_or_missing_parts_are_errors() {
    for (clause, code) in [
        (json!({}), "E0111"),
        (
            json!({"at_least": "specialist", "at_most": "universal"}),
            "E0107",
        ),
        (json!({"tier": ["self"], "at_least": "universal"}), "E0107"),
    ] {
        let doc = json!({
            "metadata": {"name": "x", "version": "1"},
            "regions": [{"id": "land", "name": "Land"}],
            "services": [{"id": "a", "name": "A", "tier": "universal", "regions": ["land"], "entry": true,
                          "eligibility": {"referred_from": clause}}],
            "goal": {"services": ["a"]}
        });
        let codes: Vec<String> = carepath::lint(&doc.to_string())
            .findings
            .iter()
            .map(|d| d.code.to_owned())
            .collect();
        assert!(codes.contains(&code.to_owned()), "{clause}: {codes:?}");
    }
}

/// Routes judge the clause on the service before each step, and the
/// family itself at the first.
#[test]
fn routes_judge_who_refers_at_every_step() {
    let routes = |rule: Value, when: Option<Value>| -> Vec<Vec<String>> {
        let p = pathway(&rule, when);
        let q = RouteQuery::default().limit(5);
        p.routes(&family(), &q)
            .expect("answer")
            .routes
            .iter()
            .map(|r| r.steps.iter().map(|s| s.service.to_string()).collect())
            .collect()
    };
    let ids = |v: &[&[&str]]| -> Vec<Vec<String>> {
        v.iter()
            .map(|r| r.iter().map(|s| (*s).to_owned()).collect())
            .collect()
    };
    // Targeted referrers only: the way through the group.
    assert_eq!(
        routes(json!({"referred_from": {"at_least": "targeted"}}), None),
        ids(&[&["hv", "group", "team"]])
    );
    // Self-referral only: the team as a first contact.
    assert_eq!(
        routes(json!({"referred_from": {"tier": ["self"]}}), None),
        ids(&[&["team"]])
    );
    // Universal referrers: hv's direct referral; the team as a first step is refused.
    assert_eq!(
        routes(json!({"referred_from": {"tier": ["universal"]}}), None),
        ids(&[&["hv", "team"]])
    );
    // On a referral's condition, the referrer is the service making it:
    // hv is universal, so `at_least targeted` closes hv → team.
    assert_eq!(
        routes(
            json!({"referred_from": {"at_most": "targeted"}}),
            Some(json!({"referred_from": {"at_least": "targeted"}}))
        ),
        ids(&[&["hv", "group", "team"]])
    );
}

#[test]
fn explanations_name_the_referrer() {
    let p = pathway(&json!({"referred_from": {"at_least": "targeted"}}), None);
    let v = p
        .eligibility_from("team", &family(), Some("hv"))
        .expect("verdict");
    assert_eq!(v.outcome, Truth::No);
    match &v.rule.clause {
        carepath::Clause::ReferredFrom {
            accepted,
            referrer,
            service,
        } => {
            assert_eq!(accepted, &[Referrer::Targeted, Referrer::Specialist]);
            assert_eq!(*referrer, Some(Referrer::Universal));
            assert_eq!(service.as_deref(), Some("Health visiting"));
        }
        other => panic!("{other:?}"),
    }
    let by_itself = p
        .eligibility_from("team", &family(), None)
        .expect("verdict");
    assert_eq!(by_itself.outcome, Truth::No);
    let group = p
        .eligibility_from("team", &family(), Some("group"))
        .expect("verdict");
    assert_eq!(group.outcome, Truth::Yes);
}

/// Coverage and the semantic lints judge the clause with the referrer of
/// each step: `team` is reached as an entry (`self`), from `hv`
/// (universal, directly, no wait) or from `group` (targeted, 7 days'
/// wait); the team waits 14 days. Each case: the team's rule, the
/// condition on hv → team, the days to the team for a family starting on
/// day 100 (none: no route), and the semantic findings (referrals: 0 is
/// hv → team, 1 hv → group, 2 group → team).
/// The team's rule, the condition on hv → team, the days to the team,
/// the semantic findings (code, pointer).
type Case = (
    Value,
    Option<Value>,
    Option<i64>,
    Vec<(&'static str, &'static str)>,
);

#[test]
fn coverage_and_lints_judge_the_referrer_of_each_step() {
    let every = json!({"tier": ["self", "universal", "targeted", "specialist"]});
    let cases: Vec<Case> = vec![
        // Stepped care: only through the targeted group; the health
        // visitor's direct referral is of no use.
        (
            json!({"referred_from": {"at_least": "targeted"}}),
            None,
            Some(21),
            vec![("L0106", "/referrals/0")],
        ),
        // The family by itself: no referral to the team is of use.
        (
            json!({"referred_from": {"tier": ["self"]}}),
            None,
            Some(14),
            vec![("L0106", "/referrals/0"), ("L0106", "/referrals/2")],
        ),
        // Straight from the health visitor, not through the group.
        (
            json!({"referred_from": {"at_most": "universal"}}),
            None,
            Some(14),
            vec![("L0106", "/referrals/2")],
        ),
        // Every way in excluded: no route, and the lints say why.
        (
            json!({"referred_from": {"tier": ["specialist"]}}),
            None,
            None,
            vec![
                ("L0106", "/referrals/0"),
                ("L0106", "/referrals/2"),
                ("L0108", "/services/2"),
                ("L0111", "/services/2/eligibility"),
            ],
        ),
        // A condition on hv → team that only a targeted referrer meets:
        // hv is universal, so it never holds; the group's way remains.
        (
            json!({"age": {"before": "3 years"}}),
            Some(json!({"referred_from": {"tier": ["targeted"]}})),
            Some(14),
            vec![("L0104", "/referrals/0/when"), ("L0106", "/referrals/0")],
        ),
        // Allowing everyone restricts nothing.
        (
            json!({"referred_from": every}),
            None,
            Some(14),
            vec![("L0202", "/services/2/eligibility")],
        ),
    ];
    for (rule, when, best, findings) in cases {
        let text = doc(&rule, when.clone()).to_string();
        let p = Pathway::from_json(&text).expect("loads");
        let coverage = p.coverage(&CoverageQuery::default()).expect("judged");
        assert!(coverage.is_complete());
        let class = coverage.classes().next().expect("a class");
        assert_eq!(coverage.best_days(&class, 100), best, "{rule} {when:?}");
        let routes = p
            .routes(&family(), &RouteQuery::default().limit(1))
            .expect("routes");
        assert_eq!(
            routes.routes.first().map(|r| r.days_to_goal),
            best,
            "{rule} {when:?}"
        );
        let got: BTreeSet<(&str, String)> = carepath::lint(&text)
            .findings
            .iter()
            .filter(|d| d.code.starts_with("L01") || ["L0202", "L0209"].contains(&d.code))
            .map(|d| (d.code, d.location.pointer.clone()))
            .collect();
        let want: BTreeSet<(&str, String)> = findings
            .iter()
            .map(|(c, p)| (*c, (*p).to_owned()))
            .collect();
        assert_eq!(got, want, "{rule} {when:?}");
    }
}
