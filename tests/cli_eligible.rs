//! `carepath eligible --from SERVICE`: a service's eligibility judged as
//! referred by another service (by id or name), or by the family itself
//! (`self`, the default), in text and JSON, with the exit statuses every
//! subcommand documents (0 eligible, 1 not, 3 unknown, 2 no answer).
#![cfg(feature = "cli")]
#![cfg(test)]

use std::process::Command;

use serde_json::Value;

const STEPPED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/stepped.json");

/// Runs `carepath eligible` on the stepped-care fixture for a 3-month-old,
/// with `extra` arguments: (status, stdout).
fn eligible(service: &str, extra: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .args([
            "eligible",
            "--service",
            service,
            "--age",
            "3 months",
            "--region",
            "land",
            "--pathway",
            STEPPED,
        ])
        .args(extra)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// One case: the service asked about, the extra arguments, the exit status,
/// the referrer in the JSON answer, and the referring service's id in it.
type Case<'a> = (&'a str, &'a [&'a str], i32, &'a str, Option<&'a str>);

/// `team` takes referrals from targeted or specialist services only;
/// `needs-team` also needs `level_of_need` at least `specialist`.
#[test]
fn judged_as_referred_by_each_referrer() {
    let cases: [Case; 9] = [
        // Without --from the family comes by itself, as with `--from self`.
        ("team", &[], 1, "self", None),
        ("team", &["--from", "self"], 1, "self", None),
        ("team", &["--from", "SELF"], 1, "self", None),
        ("team", &["--from", "hv"], 1, "universal", Some("hv")),
        // By name, in any case.
        (
            "team",
            &["--from", "parenting group"],
            0,
            "targeted",
            Some("group"),
        ),
        (
            "team",
            &["--from", "Infant team"],
            0,
            "specialist",
            Some("team"),
        ),
        // The referrer is right but the level of need is not given: unknown.
        (
            "needs-team",
            &["--from", "group"],
            3,
            "targeted",
            Some("group"),
        ),
        // A clause that fails decides, whatever the fact not given.
        ("needs-team", &["--from", "hv"], 1, "universal", Some("hv")),
        // The fact by its label, its value by id.
        (
            "needs-team",
            &["--from", "group", "--fact", "Level of need=specialist"],
            0,
            "targeted",
            Some("group"),
        ),
    ];
    for (service, extra, status, referrer, from) in cases {
        let (code, text) = eligible(service, extra);
        assert_eq!(code, status, "{service} {extra:?}: {text}");
        let mut json_args = extra.to_vec();
        json_args.extend(["--format", "json"]);
        let (code, out) = eligible(service, &json_args);
        assert_eq!(code, status, "{service} {extra:?} as JSON: {out}");
        let v: Value = serde_json::from_str(&out).expect("json");
        assert_eq!(v["service"], service);
        assert_eq!(v["referred_from"]["referrer"], referrer, "{out}");
        assert_eq!(v["referred_from"]["service"].as_str(), from, "{out}");
        let want = match status {
            0 => "yes",
            1 => "no",
            _ => "unknown",
        };
        assert_eq!(v["outcome"], want, "{out}");
    }
}

/// The text answer says who the referral was judged as coming from, and
/// the clause's explanation names the referring service.
#[test]
fn text_names_the_referrer() {
    let (_, text) = eligible("team", &["--from", "group"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.first().copied(), Some("team: eligible"), "{text}");
    assert_eq!(
        lines.get(1).copied(),
        Some("  referred from: `group` (targeted)"),
        "{text}"
    );
    let (_, text) = eligible("team", &[]);
    assert_eq!(
        text.lines().nth(1),
        Some("  referred from: the family itself (self)"),
        "{text}"
    );
}

/// An unknown `--from` is no answer (2), with "did you mean" as for every
/// other name.
#[test]
fn an_unknown_referrer_is_no_answer_with_suggestions() {
    let (code, out) = eligible("team", &["--from", "parenting grup", "--format", "json"]);
    assert_eq!(code, 2, "{out}");
    let v: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["error"]["code"], "unknown_service", "{out}");
    assert_eq!(v["error"]["suggestions"][0]["id"], "group", "{out}");
    let (code, _) = eligible("team", &["--from", "nobody"]);
    assert_eq!(code, 2);
}
