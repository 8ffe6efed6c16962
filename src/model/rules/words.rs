//! The words of an explanation: each clause's message (the age and its
//! bounds, the adversities present, the fact's value and test, who may
//! refer), written into one string each. Used by `explain` for both the
//! full explanation tree and a route step's deciding clauses (one wording).

use super::eval::{Context, FactOp, SetTest, Truth};
use crate::age::describe_into;
use crate::document::{AgeJudged, Referrer};

/// The listed adversities the family has, in the clause's order. O(listed).
pub(super) fn present_adversities<'a>(
    cx: &'a Context<'_>,
    ids: &'a [String],
    indices: &'a [usize],
) -> impl Iterator<Item = &'a String> {
    ids.iter()
        .zip(indices)
        .filter(|&(_, &i)| cx.profile.adversities.contains(i))
        .map(|(id, _)| id)
}

/// The family's value of `fact` in words, if known. O(1).
pub(super) fn fact_seen(cx: &Context<'_>, fact: usize) -> Option<String> {
    cx.profile
        .facts
        .get(fact)
        .and_then(Option::as_ref)
        .map(|v| cx.vocabulary.show(fact, v))
}

/// "age on referral 3 months is within birth to before 2 years": an age
/// clause's verdict in words. O(1).
pub(super) fn age_message(
    age: i32,
    from: Option<i32>,
    before: Option<i32>,
    judged: AgeJudged,
    texts: &(Option<String>, Option<String>),
) -> String {
    fn bound(out: &mut String, text: Option<&String>, days: i32) {
        match text {
            Some(t) => out.push_str(t),
            None => describe_into(out, days),
        }
    }
    // Room for the common case ("age on referral 7 months is within 32
    // weeks gestation to before 5 years": 72 bytes) without growing.
    let mut m = String::with_capacity(96);
    m.push_str(match judged {
        AgeJudged::OnReferral => "age on referral ",
        AgeJudged::WhenSeen => "age when seen ",
    });
    describe_into(&mut m, age);
    match (from, before) {
        (Some(f), _) if age < f => {
            m.push_str(" is before ");
            bound(&mut m, texts.0.as_ref(), f);
        }
        (_, Some(b)) if age >= b => {
            m.push_str(" is not before ");
            bound(&mut m, texts.1.as_ref(), b);
        }
        _ => {
            m.push_str(" is within ");
            match (from, before) {
                (Some(f), Some(b)) => {
                    bound(&mut m, texts.0.as_ref(), f);
                    m.push_str(" to before ");
                    bound(&mut m, texts.1.as_ref(), b);
                }
                (Some(f), None) => {
                    m.push_str("from ");
                    bound(&mut m, texts.0.as_ref(), f);
                }
                (None, Some(b)) => {
                    m.push_str("before ");
                    bound(&mut m, texts.1.as_ref(), b);
                }
                (None, None) => m.push_str("any age"),
            }
        }
    }
    m
}

/// An adversity test's verdict in words, from the ids listed and those of
/// them the family faces (`present`, walked as often as needed).
/// O(listed²).
pub(super) fn adversities_message<'p, P: Iterator<Item = &'p str>>(
    test: SetTest,
    outcome: Truth,
    ids: &[String],
    present: impl Fn() -> P,
) -> String {
    let mut m = String::with_capacity(64);
    let list = |m: &mut String, items: &mut dyn Iterator<Item = &str>| {
        for (n, i) in items.enumerate() {
            if n > 0 {
                m.push_str(", ");
            }
            m.push('`');
            m.push_str(i);
            m.push('`');
        }
    };
    match (test, outcome) {
        (SetTest::AnyOf, Truth::Yes) => {
            m.push_str("family faces ");
            list(&mut m, &mut present());
        }
        (SetTest::AnyOf, _) | (SetTest::NoneOf, Truth::Yes) => {
            m.push_str("family faces none of ");
            list(&mut m, &mut ids.iter().map(String::as_str));
        }
        (SetTest::AllOf, Truth::Yes) => {
            m.push_str("family faces all of ");
            list(&mut m, &mut ids.iter().map(String::as_str));
        }
        (SetTest::AllOf, _) => {
            m.push_str("family does not face ");
            list(
                &mut m,
                &mut ids
                    .iter()
                    .map(String::as_str)
                    .filter(|i| !present().any(|p| p == *i)),
            );
        }
        (SetTest::NoneOf, _) => {
            m.push_str("family faces ");
            list(&mut m, &mut present());
            m.push_str(", which the rule excludes");
        }
    }
    m
}

/// A fact comparison's test in words: `severe`, `one of mild, moderate`,
/// `at least 19`. O(values listed).
pub(super) fn fact_test(cx: &Context<'_>, fact: usize, op: &FactOp) -> String {
    let mut t = String::new();
    fact_test_into(&mut t, cx, fact, op);
    t
}

/// [`fact_test`], written at the end of `out`.
pub(super) fn fact_test_into(out: &mut String, cx: &Context<'_>, fact: usize, op: &FactOp) {
    match op {
        FactOp::Equals(v) => cx.vocabulary.show_into(out, fact, v),
        FactOp::OneOf(vs) => {
            out.push_str("one of ");
            for (n, v) in vs.iter().enumerate() {
                if n > 0 {
                    out.push_str(", ");
                }
                cx.vocabulary.show_into(out, fact, v);
            }
        }
        FactOp::AtLeast(v) => {
            out.push_str("at least ");
            cx.vocabulary.show_into(out, fact, v);
        }
        FactOp::AtMost(v) => {
            out.push_str("at most ");
            cx.vocabulary.show_into(out, fact, v);
        }
    }
}

/// A fact comparison's verdict in words, from the value seen (none: not
/// given) and the test, each written by a function. O(length of the words).
pub(super) fn fact_message(
    id: &str,
    seen: Option<impl FnOnce(&mut String)>,
    test: impl FnOnce(&mut String),
    outcome: Truth,
) -> String {
    let mut m = String::with_capacity(64 + id.len());
    m.push('`');
    m.push_str(id);
    let close = seen.is_some() && outcome == Truth::Yes;
    match seen {
        None => m.push_str("` not given; needs "),
        Some(seen) => {
            m.push_str("` is ");
            seen(&mut m);
            m.push_str(if close { " (needs " } else { "; needs " });
        }
    }
    test(&mut m);
    if close {
        m.push(')');
    }
    m
}

/// A `referred_from` clause's verdict in words: whom it accepts, and who
/// refers on this step. O(1).
pub(super) fn referred_from_message(allowed: u8, referrer: Option<(Referrer, &str)>) -> String {
    let mut m = String::with_capacity(160);
    m.push_str(accepted_words(allowed));
    match referrer {
        None => m.push_str("; who refers is not known"),
        Some((Referrer::SelfReferral, _)) => m.push_str("; the family comes by itself"),
        Some((r, "")) => {
            m.push_str("; this one comes from a ");
            m.push_str(r.as_str());
            m.push_str(" service");
        }
        Some((r, name)) => {
            m.push_str("; this one comes from ");
            m.push_str(name);
            m.push_str(", ");
            m.push_str(r.as_str());
        }
    }
    m
}

/// [`accepts_from`]'s words for `allowed`, written once per set of
/// referrers (of 256) for the program's life: every step of a route through
/// a service that asks who refers says them. O(1) after the first call.
fn accepted_words(allowed: u8) -> &'static str {
    static WORDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| {
            (0..=u8::MAX)
                .map(|a| {
                    let mut m = String::new();
                    accepts_from(&mut m, a);
                    m
                })
                .collect()
        })
        .get(usize::from(allowed))
        .map_or("", String::as_str)
}

/// "accepts referrals from targeted or specialist services, or the family
/// by itself", from the referrers a clause accepts (bits of
/// [`Referrer::bit`]), written at the end of `m`.
fn accepts_from(m: &mut String, allowed: u8) {
    let accepted = Referrer::ALL.into_iter().filter(|r| allowed & r.bit() != 0);
    let mut tiers = accepted.clone().filter(|r| r.tier().is_some());
    let count = tiers.clone().count();
    let by_itself = accepted.clone().any(|r| r == Referrer::SelfReferral);
    if count == 0 {
        m.push_str(if by_itself {
            "accepts only families who come by themselves"
        } else {
            "accepts no referral at all"
        });
        return;
    }
    m.push_str("accepts referrals from ");
    for n in 0..count {
        let Some(r) = tiers.next() else { break };
        if n + 1 == count && n > 0 {
            m.push_str(" or ");
        } else if n > 0 {
            m.push_str(", ");
        }
        m.push_str(r.as_str());
    }
    m.push_str(" services");
    if by_itself {
        m.push_str(", or families who come by themselves");
    }
}
