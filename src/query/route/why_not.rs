//! Why a goal service is not reached: the searches that relax its rule,
//! then every rule, to find the closed door.

use petgraph::graph::NodeIndex;

use crate::age::describe;
use crate::document::AgeJudged;
use crate::model::rules::{Clause, Timing, Truth};
use crate::pathway::{Pathway, Service};
use crate::query::prepared::PreparedProfile;

use super::answer::Reason;
use super::bound::Bound;
use super::query::QUERY_BUDGET;
use super::search::{Partial, Relax, Search};

impl Pathway {
    /// The best route to goal `g` (service `s`, which serves the family's
    /// region) alone (`Ok`), or why there is none (`Err`); and whether the
    /// searches completed.
    pub(super) fn why_not(
        &self,
        f: &PreparedProfile<'_>,
        search: &Search<'_, '_>,
        scratch: &std::cell::RefCell<Bound>,
        goal_mask: &[bool],
        g: NodeIndex,
        s: &Service,
    ) -> (Result<Partial, Reason>, bool) {
        let waits = search.waits;
        if search.spent.get() >= QUERY_BUDGET {
            let message = format!(
                "not examined: the query examined {QUERY_BUDGET} partial routes before reaching `{}`; ask about it alone",
                s.id
            );
            return (Err(Reason::NotExamined { message }), false);
        }
        if !(search.could)(g) {
            // Its rule excludes the family at every age from today: no
            // route needs searching to say so.
            let start = f.start_age();
            let timing = Timing {
                on_referral: start,
                when_seen: start.saturating_add(f.wait(g, waits)),
            };
            let verdict = self.verdict(s, &f.profile, timing);
            let message = in_words(&verdict.rule.decisive());
            return (Err(Reason::NotEligible { message }), true);
        }
        let only = |n: NodeIndex| n == g;
        let targets = [g];
        let single_run = |relax: Relax| {
            let could = search.could;
            let could_or_g = |n: NodeIndex| n == g || could(n);
            // Ignoring every rule, still only services in the family's area:
            // a way through another area is no way for this family.
            let in_area = |n: NodeIndex| f.serves(n);
            let enterable: &dyn Fn(NodeIndex) -> bool = match relax {
                Relax::Nothing => could,
                Relax::Target(_) => &could_or_g,
                Relax::Everything => &in_area,
            };
            let mut bound = scratch.borrow_mut();
            // `g` could accept the family (checked above), so the bound for
            // a search relaxing only `g`'s rule is the exact search's: the
            // one already filled, which always runs first.
            if !matches!(relax, Relax::Target(_)) {
                // The reverse search is charged to the query's budget, so
                // tens of thousands of goals cannot run outside it.
                let work = bound.fill(f, &targets, enterable, goal_mask, waits);
                search.spent.set(search.spent.get().saturating_add(work));
            }
            let deadline = match relax {
                Relax::Nothing => f
                    .deadline(g)
                    .map(|(b, j)| (b, j == AgeJudged::OnReferral, f.wait(g, waits))),
                Relax::Target(_) | Relax::Everything => None,
            };
            let single = Search {
                bound: &bound,
                is_goal: &only,
                deadline,
                ..*search
            };
            single.run(1, relax)
        };
        let (exact, done1) = single_run(Relax::Nothing);
        if let Some(p) = exact.into_iter().next() {
            return (Ok(p), done1);
        }
        let start = f.start_age();
        let wait = f.wait(g, waits);
        let at = |age: i32| Timing {
            on_referral: age,
            when_seen: age.saturating_add(wait),
        };
        let (relaxed, done2) = single_run(Relax::Target(g));
        let done = done1 && done2;
        if let Some(p) = relaxed.first() {
            let arrival = p.times.last().map_or(start, |t| t.0);
            let verdict = self.verdict(s, &f.profile, at(arrival));
            let failing = verdict.rule.decisive();
            let message = in_words(&failing);
            let by_age = failing
                .iter()
                .all(|e| matches!(e.clause, Clause::Age { .. }));
            // Accepted if seen today with no wait: then the way there ages them out.
            let fine_now = self.verdict(s, &f.profile, Timing::at(start)).outcome == Truth::Yes;
            let reason = if by_age && fine_now && verdict.outcome == Truth::No {
                Reason::AgedOutOnTheWay {
                    arrival_age_days: arrival,
                    message: format!("would arrive at {}: {message}", describe(arrival)),
                }
            } else {
                Reason::NotEligible { message }
            };
            return (Err(reason), done);
        }
        let (open, done3) = single_run(Relax::Everything);
        let done = done && done3;
        let Some(p) = open.first() else {
            return (
                Err(Reason::Unreachable {
                    message: format!(
                        "no referral path from the family's first contacts leads to `{}`",
                        s.id
                    ),
                }),
                done,
            );
        };
        // The goal's own rule, on other grounds than age, excludes the
        // family whatever the way there: say that, not which door is closed.
        let arrival = p.times.last().map_or(start, |t| t.0);
        let verdict = self.verdict(s, &f.profile, at(arrival));
        let failing = verdict.rule.decisive();
        if verdict.outcome == Truth::No
            && failing
                .iter()
                .any(|e| !matches!(e.clause, Clause::Age { .. }))
        {
            let message = in_words(&failing);
            return (Err(Reason::NotEligible { message }), done);
        }
        // Walk the route that ignores every rule, to the first closed door.
        let mut seen = start;
        for (i, (&n, &(_, _, _))) in p.nodes.iter().zip(&p.times).enumerate() {
            let node = NodeIndex::new(n as usize);
            let Some(svc) = self.services.get(node.index()) else {
                break;
            };
            let arrival = if i == 0 {
                start
            } else {
                let prev = NodeIndex::new(p.nodes.get(i - 1).copied().unwrap_or(0) as usize);
                let edge = self.graph.find_edge(prev, node);
                if let Some(e) = edge.filter(|&e| !f.referral_open(e, seen)) {
                    let from = self.node_id(prev);
                    let _ = e;
                    return (
                        Err(Reason::Unreachable {
                            message: format!(
                                "the referral from `{from}` to `{}` is closed to this family",
                                svc.id
                            ),
                        }),
                        done,
                    );
                }
                seen.saturating_add(edge.map_or(0, |e| self.delay(e)))
            };
            let w = f.wait(node, waits);
            if !f.accepts(node, arrival, waits) {
                let verdict = self.verdict(
                    svc,
                    &f.profile,
                    Timing {
                        on_referral: arrival,
                        when_seen: arrival.saturating_add(w),
                    },
                );
                let failing = verdict.rule.decisive();
                let message = in_words(&failing);
                let by_age = verdict.region.served
                    && !failing.is_empty()
                    && failing
                        .iter()
                        .all(|e| matches!(e.clause, Clause::Age { .. }));
                let reason = if by_age && i > 0 {
                    Reason::AgedOutOnTheWay {
                        arrival_age_days: arrival,
                        message: format!(
                            "would reach `{}` at {}: {message}",
                            svc.id,
                            describe(arrival)
                        ),
                    }
                } else {
                    let why = if verdict.region.served {
                        message
                    } else {
                        verdict.region.message
                    };
                    Reason::Unreachable {
                        message: format!(
                            "the way to `{}` passes `{}`, closed to this family: {why}",
                            s.id, svc.id
                        ),
                    }
                };
                return (Err(reason), done);
            }
            seen = arrival.saturating_add(w);
        }
        (
            Err(Reason::Unreachable {
                message: format!("no open referral path leads to `{}`", s.id),
            }),
            done,
        )
    }
}

/// Deciding clauses in words, for a reason: their messages joined by "; ".
fn in_words(clauses: &[&crate::model::rules::Explanation]) -> String {
    clauses
        .iter()
        .map(|e| e.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}
