//! A compiled rule in words, without a family: "age on referral from birth
//! before 2 years and any of care_proceedings". Used on the edges of pictures,
//! where a referral's condition is shown.
//!
//! May use: `model`, `pathway` and the stages below them.

use crate::document::AgeJudged;
use crate::model::rules::{Cond, FactOp, SetTest};
use crate::model::vocabulary::FactValue;
use crate::pathway::Pathway;

/// Describes `cond` in words. O(size of the rule).
pub(crate) fn describe(cond: &Cond, pathway: &Pathway) -> String {
    let mut out = String::new();
    write(cond, pathway, false, &mut out);
    out
}

fn write(cond: &Cond, pathway: &Pathway, nested: bool, out: &mut String) {
    match cond {
        Cond::All(parts) | Cond::Any(parts) => {
            let word = if matches!(cond, Cond::All(_)) {
                " and "
            } else {
                " or "
            };
            let bracket = nested && parts.len() > 1;
            if bracket {
                out.push('(');
            }
            for (i, p) in parts.iter().enumerate() {
                if i > 0 {
                    out.push_str(word);
                }
                write(p, pathway, true, out);
            }
            if bracket {
                out.push(')');
            }
        }
        Cond::Not(inner) => {
            out.push_str("not ");
            write(inner, pathway, true, out);
        }
        Cond::Age {
            from,
            before,
            judged,
            texts,
        } => {
            let text =
                |t: &Option<String>, d: i32| t.clone().unwrap_or_else(|| crate::age::describe(d));
            out.push_str(match judged {
                AgeJudged::OnReferral => "age on referral",
                AgeJudged::WhenSeen => "age when seen",
            });
            if let Some(f) = from {
                out.push_str(" from ");
                out.push_str(&text(&texts.0, *f));
            }
            if let Some(b) = before {
                out.push_str(" before ");
                out.push_str(&text(&texts.1, *b));
            }
            if from.is_none() && before.is_none() {
                out.push_str(" any");
            }
        }
        Cond::Adversities { test, ids, .. } => {
            out.push_str(match test {
                SetTest::AnyOf => "any of ",
                SetTest::AllOf => "all of ",
                SetTest::NoneOf => "none of ",
            });
            out.push_str(&ids.join(", "));
        }
        Cond::Fact { fact, id, op } => {
            let value = |v: &FactValue| match v {
                FactValue::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
                FactValue::Number(n) => n.to_string(),
                FactValue::Choice(c) => pathway
                    .vocabulary
                    .facts
                    .get(*fact)
                    .and_then(|f| f.values.get(*c as usize))
                    .cloned()
                    .unwrap_or_default(),
            };
            out.push_str(id);
            match op {
                FactOp::Equals(v) => out.push_str(&format!(" = {}", value(v))),
                FactOp::AtLeast(v) => out.push_str(&format!(" ≥ {}", value(v))),
                FactOp::AtMost(v) => out.push_str(&format!(" ≤ {}", value(v))),
                FactOp::OneOf(vs) => {
                    let vs: Vec<String> = vs.iter().map(value).collect();
                    out.push_str(&format!(" one of {}", vs.join(", ")));
                }
            }
        }
        Cond::ReferredFrom(allowed) => {
            out.push_str("referred from ");
            let names: Vec<&str> = crate::document::Referrer::ALL
                .into_iter()
                .filter(|r| allowed & r.bit() != 0)
                .map(crate::document::Referrer::as_str)
                .collect();
            out.push_str(&names.join(", "));
        }
        Cond::Region(regions) => {
            out.push_str("in ");
            let ids: Vec<&str> = regions.iter().map(|&r| pathway.regions.id(r)).collect();
            out.push_str(&ids.join(", "));
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn conditions_read_as_written() {
        let pathway = crate::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))
            .unwrap_or_else(|e| panic!("{e}"));
        let conditions: Vec<String> = pathway
            .referrals
            .iter()
            .filter_map(|r| r.when.as_ref())
            .map(|c| super::describe(c, &pathway))
            .collect();
        assert_eq!(
            conditions,
            ["any of perinatal_mental_illness", "in east", "in west"]
        );
        let rules: Vec<String> = pathway
            .services
            .iter()
            .filter_map(|s| s.rule.as_ref())
            .map(|c| super::describe(c, &pathway))
            .collect();
        assert!(rules.contains(
            &"age on referral from pregnancy before 2 years and first_time_parent = yes and parent_age_years ≤ 19"
                .to_owned()
        ));
        assert!(rules.contains(
            &"age on referral from pregnancy before 1 year and any of perinatal_mental_illness and severity ≥ moderate".to_owned()
        ));
        assert!(rules.contains(&"age when seen from birth before 3 years".to_owned()));
    }
}
