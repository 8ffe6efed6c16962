//! Why a goal service is not reached, by the definitions of [`Reason`]:
//! its own rule on every day from today, then the best route today, the
//! earliest later start, a way whose doors are all open today, and last
//! the first closed door on a way that ignores the rules.

use petgraph::graph::NodeIndex;

use crate::age::{describe, describe_duration};
use crate::model::rules::{Days, ReferredBy, Timing};
use crate::pathway::{Pathway, Service};
use crate::query::prepared::PreparedProfile;
use crate::query::prepared::referred_by;

use super::answer::{ClosedBy, Door, Reason};
use super::bound::Bound;
use super::query::QUERY_BUDGET;
use super::search::{Partial, Relax, Search};
use super::settle::{Way, Ways};

impl Pathway {
    /// The best route to goal `g` (service `s`, which serves the family's
    /// region) alone (`Ok`), or why there is none (`Err`); and whether the
    /// searches completed. `scratch`: the memory of the bound for a search
    /// towards one goal; `ways`: the one-pass frozen ways shared by every
    /// goal. `hopeless`: already known to have no route on any day (see
    /// [`bound::earliest_seen`](super::bound::earliest_seen), or the one
    /// pass of `settle`), so the searches for one are skipped.
    pub(super) fn why_not(
        &self,
        f: &PreparedProfile<'_>,
        search: &Search<'_, '_>,
        (scratch, ways): (&std::cell::RefCell<Bound>, &Ways),
        goal_mask: &[bool],
        (g, hopeless): (NodeIndex, bool),
        s: &Service,
    ) -> (Result<Partial, Reason>, bool) {
        let waits = search.waits;
        let start = f.start_age();
        if search.spent.get() >= QUERY_BUDGET {
            let message = format!(
                "not examined: the query examined {QUERY_BUDGET} partial routes before reaching `{}`; ask about it alone",
                s.id
            );
            return (Err(Reason::NotExamined { message }), false);
        }
        let now = search.starts.iter().any(|&(n, with)| n == g && with);
        // Not eligible: its own rule (its wait included) holds on no day
        // from today. No search needed.
        if f.accept_days_any(g, waits, now)
            .and(&Days::from(start))
            .is_empty()
        {
            // Named for the first who could bring them (every one fails).
            let by = f
                .referrers(g, now)
                .first()
                .copied()
                .unwrap_or(ReferredBy::Unknown);
            let timing = if now {
                Timing::at(start)
            } else {
                Timing {
                    on_referral: start,
                    when_seen: start.saturating_add(f.wait(g, waits)),
                }
            };
            let message = format!(
                "{}, and on every later day",
                self.rule_words(s, f, timing, by)
            );
            return (Err(Reason::NotEligible { message }), true);
        }
        let only = |n: NodeIndex| n == g;
        let targets = [g];
        // `refill`: the bound towards the goal is made for this search,
        // entering the services its relaxation may enter (else the last
        // one is kept).
        let run = |relax: Relax, refill: bool| {
            let mut bound = scratch.borrow_mut();
            if refill {
                // The reverse search is charged to the query's budget, so
                // tens of thousands of goals cannot run outside it.
                // A search for one route: referrals only break ties
                // unless they rank, so only then is their bound worth its
                // reverse search.
                let fewest = search.ranking == super::query::Ranking::FewestHandoffs;
                let how = (waits, fewest);
                let work = match relax {
                    Relax::Nothing | Relax::Frozen => {
                        bound.fill(f, &targets, search.could, goal_mask, how)
                    }
                    Relax::Everything => {
                        bound.fill(f, &targets, &|n: NodeIndex| f.serves(n), goal_mask, how)
                    }
                    Relax::Anywhere => {
                        bound.fill(f, &targets, &|_: NodeIndex| true, goal_mask, how)
                    }
                };
                search.spent.set(search.spent.get().saturating_add(work));
            }
            let deadline = match relax {
                Relax::Nothing => f.deadline(g).map(|(b, j)| {
                    (
                        b,
                        j == crate::document::AgeJudged::OnReferral,
                        f.wait(g, waits),
                    )
                }),
                _ => None,
            };
            // A way anywhere may start at any entry (the search's own
            // starts are those serving the family's region, unless it
            // starts from a service the family is with).
            let starts = if relax == Relax::Anywhere && search.distinct {
                self.entry_starts.as_slice()
            } else {
                search.starts
            };
            let single = Search {
                bound: &bound,
                is_goal: &only,
                deadline,
                starts,
                // Its bound is its own: it orders referrals itself.
                kept_order: None,
                ..*search
            };
            if relax == Relax::Nothing {
                // The route today, else the earliest later start.
                let (today, done) = single.run(1, relax);
                if let Some(p) = today.into_iter().next() {
                    return (Some(Ok(p)), done);
                }
                let (later, done2) = single.earliest(g);
                (later.map(Err), done && done2)
            } else {
                let (way, done) = single.run(1, relax);
                (way.into_iter().next().map(Ok), done)
            }
        };
        // The route today or from a later start; a goal already known to
        // have none on any day needs no search (nor the bound for one).
        let (found, mut done) = if hopeless {
            (None, true)
        } else {
            run(Relax::Nothing, true)
        };
        match found {
            Some(Ok(p)) => return (Ok(p), done),
            Some(Err((day, p))) => {
                let via: Vec<&str> = p
                    .nodes
                    .iter()
                    .map(|&n| self.node_id(NodeIndex::new(n as usize)))
                    .collect();
                let wait = i64::from(day) - i64::from(start);
                let message = format!(
                    "a route opens for a family starting at {} (in {}): {}",
                    describe(day),
                    describe_duration(wait),
                    via.join(" → ")
                );
                return (
                    Err(Reason::NotYet {
                        from_age_days: day,
                        days_from_today: wait,
                        message,
                    }),
                    done,
                );
            }
            None => {}
        }
        let mut alone = |relax: Relax, refill: bool| {
            let (way, d) = run(relax, refill);
            done &= d;
            way.and_then(Result::ok)
        };
        // Aged out on the way: a way whose every door is open today, but
        // no route on any day. The best such way to every goal comes from
        // one pass over services; a goal whose best one is longer than the
        // hop limit (or a stopped pass) searches alone (the bound for
        // `could` is in place when the route was searched for).
        let frozen = match ways.frozen(search, g) {
            Way::Found(p) => Some(p),
            Way::None => None,
            Way::Unknown => alone(Relax::Frozen, hopeless),
        };
        if let Some(p) = frozen {
            if let Some(reason) = self.aged_out(f, search, &p) {
                return (Err(reason), done);
            }
        }
        // Unreachable: the first door closed today on the best way that
        // ignores every rule, in the family's area, else anywhere.
        // The way anywhere is the pathway's, kept for every family, when
        // the query asks about its own goal from the family's first
        // contacts. Only a way's services are read.
        let way = alone(Relax::Everything, true).map(|p| p.nodes).or_else(|| {
            match ways.anywhere(search, g) {
                Some(Way::Found(nodes)) => Some(nodes),
                Some(Way::None) => None,
                Some(Way::Unknown) | None => alone(Relax::Anywhere, true).map(|p| p.nodes),
            }
        });
        let reason = match way.and_then(|nodes| self.first_closed(f, search, &nodes)) {
            Some((door, why)) => {
                let message = match &door.referred_by {
                    Some(by) => format!(
                        "the way to `{}` needs the referral from `{by}` to `{}`, closed to this family: {why}",
                        s.id, door.service
                    ),
                    None => format!(
                        "the way to `{}` passes `{}`, closed to this family: {why}",
                        s.id, door.service
                    ),
                };
                Reason::Unreachable {
                    door: Some(door),
                    message,
                }
            }
            None => Reason::Unreachable {
                door: None,
                message: format!(
                    "no referral path of at most {} referrals leads from the family's first contacts to `{}`",
                    search.max_hops, s.id
                ),
            },
        };
        (Err(reason), done)
    }

    /// The deciding clauses of `s`'s rule (or its region) at `timing`, in words.
    fn rule_words(
        &self,
        s: &Service,
        f: &PreparedProfile<'_>,
        timing: Timing,
        by: ReferredBy,
    ) -> String {
        let v = self.verdict(s, &f.profile, timing, by);
        if !v.region.served {
            return v.region.message;
        }
        v.rule
            .decisive()
            .iter()
            .map(|e| e.message.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The deciding clauses of the condition on the referral `e`, judged
    /// for the family seen on `day`, in words.
    fn referral_words(
        &self,
        f: &PreparedProfile<'_>,
        e: petgraph::graph::EdgeIndex,
        day: i32,
    ) -> String {
        let Some(w) = self.referral_of(e).and_then(|r| r.when.as_ref()) else {
            return String::new();
        };
        let by = self
            .referral_of(e)
            .map_or(ReferredBy::Unknown, |r| ReferredBy::Service(r.from.0));
        w.explain(&self.context_by(&f.profile, Timing::at(day), by))
            .decisive()
            .iter()
            .map(|e| e.message.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Walks a way whose every door is open today on the real timeline, to
    /// the first check its waits and delays make fail.
    fn aged_out(
        &self,
        f: &PreparedProfile<'_>,
        search: &Search<'_, '_>,
        p: &Partial,
    ) -> Option<Reason> {
        let waits = search.waits;
        let start = f.start_age();
        let mut seen = start;
        let mut prev: Option<NodeIndex> = None;
        for (i, &n) in p.nodes.iter().enumerate() {
            let node = NodeIndex::new(n as usize);
            let svc = self.services.get(node.index())?;
            let with = i == 0 && search.starts.iter().any(|&(m, w)| m == node && w);
            let arrival = match prev {
                None => start,
                Some(at) => {
                    let e = self.graph.find_edge(at, node)?;
                    if !f.referral_open(e, seen) {
                        let by = self.node_id(at).to_owned();
                        let why = self.referral_words(f, e, seen);
                        return Some(Reason::AgedOutOnTheWay {
                            message: format!(
                                "the referral from `{by}` to `{}` would be made at {}: {why}",
                                svc.id,
                                describe(seen)
                            ),
                            door: Door {
                                service: svc.id.clone(),
                                referred_by: Some(by),
                                closed_by: ClosedBy::Referral,
                            },
                            age_days: seen,
                        });
                    }
                    seen.saturating_add(self.delay(e))
                }
            };
            let ok = if with {
                f.accepts_now(node, arrival)
            } else {
                f.accepts_from(node, arrival, waits, prev)
            };
            let by = if with { None } else { prev };
            let wait = if with { 0 } else { f.wait(node, waits) };
            if !ok {
                let timing = Timing {
                    on_referral: arrival,
                    when_seen: arrival.saturating_add(wait),
                };
                return Some(Reason::AgedOutOnTheWay {
                    message: format!(
                        "would reach `{}` at {}: {}",
                        svc.id,
                        describe(arrival),
                        self.rule_words(svc, f, timing, referred_by(by))
                    ),
                    door: Door {
                        service: svc.id.clone(),
                        referred_by: None,
                        closed_by: ClosedBy::Rule,
                    },
                    age_days: arrival,
                });
            }
            seen = arrival.saturating_add(wait);
            prev = Some(node);
        }
        None
    }

    /// The first door on a way (its services, in order) that is closed
    /// to the family today, each judged as if reached today: the service's
    /// region, its rule (its own wait included), or the referral's
    /// condition.
    fn first_closed(
        &self,
        f: &PreparedProfile<'_>,
        search: &Search<'_, '_>,
        nodes: &[u32],
    ) -> Option<(Door, String)> {
        let waits = search.waits;
        let start = f.start_age();
        let mut prev: Option<NodeIndex> = None;
        for (i, &n) in nodes.iter().enumerate() {
            let node = NodeIndex::new(n as usize);
            let svc = self.services.get(node.index())?;
            if let Some(at) = prev {
                let e = self.graph.find_edge(at, node)?;
                if !f.referral_open(e, start) {
                    let by = self.node_id(at).to_owned();
                    return Some((
                        Door {
                            service: svc.id.clone(),
                            referred_by: Some(by),
                            closed_by: ClosedBy::Referral,
                        },
                        self.referral_words(f, e, start),
                    ));
                }
            }
            let with = i == 0 && search.starts.iter().any(|&(m, w)| m == node && w);
            let door = |closed_by| Door {
                service: svc.id.clone(),
                referred_by: None,
                closed_by,
            };
            if !f.serves(node) {
                let why = self.regions.explain_served(f.profile.region, &svc.regions);
                return Some((door(ClosedBy::Region), why));
            }
            let by = if with { None } else { prev };
            let (ok, timing) = if with {
                (f.accepts_now(node, start), Timing::at(start))
            } else {
                (
                    f.accepts_from(node, start, waits, prev),
                    Timing {
                        on_referral: start,
                        when_seen: start.saturating_add(f.wait(node, waits)),
                    },
                )
            };
            if !ok {
                return Some((
                    door(ClosedBy::Rule),
                    self.rule_words(svc, f, timing, referred_by(by)),
                ));
            }
            prev = Some(node);
        }
        None
    }
}
