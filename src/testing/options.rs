//! Scenario expectations about the options a referrer is offered: what is
//! offered instead, when a route opens, one
//! entry per route, and how many options the text shows.
//!
//! May use every earlier stage; `scenario` (its sibling) calls it with
//! plain data, so the two files do not import each other in a circle.

use std::collections::BTreeMap;

use crate::age::parse_age;
use crate::pathway::Pathway;
use crate::query::route::{Reason, RouteAnswer};

/// The option expectations of one scenario.
pub(super) struct Asked<'a> {
    pub(super) alternatives: Option<&'a [String]>,
    pub(super) opens_from: &'a BTreeMap<String, String>,
    pub(super) one_entry_each: bool,
    pub(super) text_options: Option<usize>,
}

impl Asked<'_> {
    /// Every expectation that does not hold, as (key, expected, got).
    /// O(routes · steps) plus one text rendering when asked.
    pub(super) fn check(
        &self,
        pathway: &Pathway,
        answer: &RouteAnswer,
    ) -> Vec<(&'static str, String, String)> {
        let mut out = Vec::new();
        if let Some(want) = self.alternatives {
            let got: Vec<&str> = answer
                .alternatives
                .iter()
                .filter_map(|a| a.route.steps.last().map(|s| &*s.service))
                .collect();
            if got != want.iter().map(String::as_str).collect::<Vec<_>>() {
                out.push((
                    "alternatives",
                    format!("`{}`", want.join("`, `")),
                    format!("`{}`", got.join("`, `")),
                ));
            }
        }
        for (service, age) in self.opens_from {
            let want = parse_age(age).ok();
            let got = answer.not_reached.iter().find_map(|n| match &n.reason {
                Reason::NotYet { from_age_days, .. } if *n.service == **service => {
                    Some(*from_age_days)
                }
                _ => None,
            });
            if got.is_none() || got != want {
                out.push((
                    "opens_from",
                    format!("`{service}` opens from {age}"),
                    got.map_or_else(|| "not `not_yet`".to_owned(), |d| format!("from day {d}")),
                ));
            }
        }
        if self.one_entry_each {
            for r in &answer.routes {
                let second = r.steps.iter().skip(1).find(|s| {
                    pathway
                        .node(&s.service)
                        .is_some_and(|n| pathway.is_entry(n))
                });
                if let Some(s) = second {
                    out.push((
                        "one_entry_each",
                        "no route through a second entry service".to_owned(),
                        format!("a route through `{}`", s.service),
                    ));
                }
            }
        }
        if let Some(n) = self.text_options {
            let text = crate::render::text::routes(answer);
            let got = text.lines().filter(|l| l.starts_with("Route ")).count();
            if got != n {
                out.push(("text_options", format!("{n} options"), format!("{got}")));
            }
        }
        out
    }
}
