//! Lints on how rules are written: empty lists, lists of one clause, and
//! age bounds beyond the pathway's age range. O(total size of the rules).

use super::finding::{LintOptions, Raw};
use crate::age::describe;
use crate::model::rules::Cond;
use crate::pathway::Pathway;

pub(super) fn lint_rules(p: &Pathway, options: &LintOptions, out: &mut Vec<Raw>) {
    for s in &p.services {
        if let Some(rule) = &s.rule {
            let ptr = format!("/services/{}/eligibility", s.doc_index);
            walk(rule, &ptr, &s.id, options, out);
        }
    }
    for r in &p.referrals {
        if let (Some(rule), Some(from)) = (&r.when, p.svc(r.from)) {
            let ptr = format!("/referrals/{}/when", r.doc_index);
            walk(rule, &ptr, &from.id, options, out);
        }
    }
}

fn walk(rule: &Cond, ptr: &str, service: &str, options: &LintOptions, out: &mut Vec<Raw>) {
    match rule {
        Cond::All(parts) | Cond::Any(parts) => {
            let key = if matches!(rule, Cond::All(_)) {
                "all"
            } else {
                "any"
            };
            match parts.len() {
                0 if key == "any" => out.push(
                    Raw::new("L0109", ptr, "`any` of no rules never holds".into())
                        .help(Some("list the alternatives, or remove the rule".into()))
                        .about(service),
                ),
                1 => out.push(
                    Raw::new("L0301", ptr, format!("`{key}` of a single rule"))
                        .help(Some("write the rule by itself".into()))
                        .about(service),
                ),
                _ => {}
            }
            for (i, part) in parts.iter().enumerate() {
                walk(part, &format!("{ptr}/{key}/{i}"), service, options, out);
            }
        }
        Cond::Not(inner) => walk(inner, &format!("{ptr}/not"), service, options, out),
        Cond::Region(regions) if regions.is_empty() => out.push(
            Raw::new("L0109", ptr, "`region` of no regions never holds".into())
                .help(Some("list the regions, or remove the rule".into()))
                .about(service),
        ),
        Cond::Age {
            from,
            before,
            texts,
            ..
        } => {
            let (lo, hi) = options.ages;
            for (field, bound, text) in [("from", from, &texts.0), ("before", before, &texts.1)] {
                if let (Some(days), Some(text)) = (bound, text) {
                    if *days > hi || *days < lo {
                        out.push(
                            Raw::new(
                                "L0203",
                                &format!("{ptr}/age/{field}"),
                                format!(
                                    "`{text}` lies beyond the pathway's ages ({} to {})",
                                    describe(lo),
                                    describe(hi)
                                ),
                            )
                            .help(Some("check the unit; if the age is meant, widen the ages in the lint options".into()))
                            .about(service),
                        );
                    }
                }
            }
        }
        _ => {}
    }
}
