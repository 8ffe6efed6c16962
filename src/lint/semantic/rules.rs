//! Rules that never hold (L0104) or always hold (L0202), and for a rule
//! that never holds, the clauses that conflict.
//!
//! - **Never / always**: the rule's *yes* cells among living families are
//!   empty / every cell, in every class of leaf regions (one class when
//!   the rule names no region) and at each wait of its service. A
//!   service's rule that asks who refers (`referred_from`) is judged for
//!   each referrer (the family itself, and a service of each tier): it
//!   never holds when it holds for no family whoever refers, always when it
//!   holds for every family whoever refers (who can actually refer is the
//!   reach's question: `referrer-excluded`, `unreachable-service`). A
//!   referral's condition is judged with its one referrer, the service
//!   making it. A rule
//!   that never holds with facts known never holds with a fact missing
//!   either (Kleene logic is monotone), so the first claim is exact for
//!   every family; the second says "every family that gives its facts".
//! - **The conflict**: the rule is read as a conjunction of *literals* — a
//!   clause, or a negated one — through `all`, `not any` (De Morgan: a
//!   `not` over an `any` is an `all` of `not`s) and `not not`; a literal
//!   that is itself an `any` (or a `not all`) is one literal. A smallest
//!   set of literals that still never holds together is found by deletion
//!   (each literal kept is needed). When that set is one disjunction, each
//!   of its branches never holds, and each is explained the same way. The
//!   finding lists the conflicting clauses' JSON pointers.
//!
//! Complexity: per rule, O(size² × p × w × classes) for the deletion
//! (each literal judged once); charged to the work budget.

use super::super::finding::Raw;
use super::plane::{Plane, Stopped, Work, judge_cost, wait_matters};
use crate::analysis::judge::names_region;
use crate::analysis::sheet::Sheet;
use crate::document::Referrer;
use crate::model::rules::{Cond, SetTest};

/// Where a rule is judged: at a wait (a referral condition: 0), with a
/// referrer (`None`: a rule that does not ask who refers).
type Slot = (i64, Option<Referrer>);

/// A rule and where it is judged: its pointer, the service it belongs to,
/// and the slots (wait, referrer) it is judged at.
struct Subject<'p> {
    rule: &'p Cond,
    pointer: String,
    service: String,
    waits: Vec<Slot>,
    /// Its yes cells, where the plane judged them once for every class.
    shared: Vec<&'p Sheet>,
}

/// A clause of a rule read as a conjunction, maybe negated, at a pointer.
#[derive(Debug, Clone)]
struct Literal<'c> {
    cond: &'c Cond,
    negated: bool,
    pointer: String,
}

/// `rule-never-holds` and `rule-always-holds` on every rule of the pathway.
pub(super) fn rules<'p>(
    plane: &'p Plane<'p>,
    work: &mut Work,
    out: &mut Vec<Raw>,
) -> Result<(), Stopped> {
    let p = plane.pathway;
    let mut subjects: Vec<Subject<'p>> = Vec::new();
    for (i, s) in p.services.iter().enumerate() {
        if let Some(rule) = &s.rule {
            let referrers: Vec<Option<Referrer>> = if rule.names_referrer() {
                Referrer::ALL.into_iter().map(Some).collect()
            } else {
                vec![None]
            };
            // Without a clause judged when seen, both waits give the same
            // cells: judged at one.
            let mut waits = vec![i64::from(s.wait_typical)];
            if s.wait_pessimistic != s.wait_typical && wait_matters(rule) {
                waits.push(i64::from(s.wait_pessimistic));
            }
            let waits = waits
                .into_iter()
                .flat_map(|w| referrers.iter().map(move |&r| (w, r)))
                .collect();
            subjects.push(Subject {
                rule,
                pointer: format!("/services/{}/eligibility", s.doc_index),
                service: s.id.clone(),
                waits,
                shared: plane
                    .shared_acceptance(i)
                    .map(Vec::from)
                    .unwrap_or_default(),
            });
        }
    }
    let mut edges = vec![None; p.referrals.len()];
    for e in p.graph.edge_indices() {
        if let Some(slot) = p
            .graph
            .edge_weight(e)
            .and_then(|&r| edges.get_mut(r as usize))
        {
            *slot = Some(e);
        }
    }
    for (r, edge) in p.referrals.iter().zip(edges) {
        if let (Some(rule), Some(from)) = (&r.when, p.svc(r.from)) {
            subjects.push(Subject {
                rule,
                pointer: format!("/referrals/{}/when", r.doc_index),
                service: from.id.clone(),
                waits: vec![(0, Some(Referrer::of(from.tier)))],
                shared: edge
                    .and_then(|e| plane.shared_condition(e))
                    .into_iter()
                    .collect(),
            });
        }
    }
    for subject in subjects {
        let whole = Literal {
            cond: subject.rule,
            negated: false,
            pointer: subject.pointer.clone(),
        };
        let judged;
        let cells: Vec<&Sheet> = if subject.shared.is_empty() {
            judged = yes_cells(plane, &whole, &subject.waits, work)?;
            judged.iter().collect()
        } else {
            subject.shared.clone()
        };
        if cells.iter().all(|c| c.is_empty()) {
            let cores = explain(plane, whole, &subject.waits, work)?;
            out.push(never(&subject, &cores));
        } else if cells.iter().all(|c| plane.alive.is_subset_of(c)) {
            out.push(
                Raw::new(
                    "L0202",
                    &subject.pointer,
                    format!("this rule of `{}` holds for every family that gives its facts, at every age", subject.service),
                )
                .help(Some("it restricts nothing: remove it, or narrow it to whom it was meant for".into()))
                .about(&subject.service),
            );
        }
    }
    Ok(())
}

/// The finding for a rule that never holds, with its conflicting clauses.
fn never(subject: &Subject<'_>, cores: &[Vec<Literal<'_>>]) -> Raw {
    let show = |core: &[Literal<'_>]| {
        core.iter()
            .map(|l| format!("`{}`", describe(l)))
            .collect::<Vec<_>>()
            .join(" and ")
    };
    let help = match cores {
        [core] if core.len() > 1 => format!("these clauses exclude each other: {}", show(core)),
        [_] | [] => "no family meets it at any age".into(),
        several => format!(
            "no branch of it holds: {}",
            several
                .iter()
                .map(|core| if core.len() > 1 {
                    format!("{} exclude each other", show(core))
                } else {
                    format!("{} holds for no family", show(core))
                })
                .collect::<Vec<_>>()
                .join("; ")
        ),
    };
    let mut raw = Raw::new(
        "L0104",
        &subject.pointer,
        format!("this rule of `{}` can never hold", subject.service),
    )
    .help(Some(help))
    .about(&subject.service);
    raw.related = cores.iter().flatten().map(|l| l.pointer.clone()).collect();
    if !raw.related.is_empty() {
        raw.example = Some(format!(
            "conflicting clauses at {}",
            cores
                .iter()
                .map(|core| core
                    .iter()
                    .map(|l| l.pointer.as_str())
                    .collect::<Vec<_>>()
                    .join(", "))
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    raw
}

/// A literal's yes cells among living families, per class it is judged in
/// and per wait in `waits` (every class when the rule names a region, so
/// the cells of several literals line up).
fn yes_cells(
    plane: &Plane<'_>,
    literal: &Literal<'_>,
    waits: &[Slot],
    work: &mut Work,
) -> Result<Vec<Sheet>, Stopped> {
    let classes = if names_region(literal.cond) {
        plane.classes.as_slice()
    } else {
        plane.classes.get(..1).unwrap_or_default()
    };
    let cost = judge_cost(literal.cond, plane.space.words);
    let mut out = Vec::new();
    for class in classes {
        for &(w, by) in waits {
            work.charge(cost)?;
            let v = plane.judge.rule_by(literal.cond, class.leaf, w, by);
            let yes = if literal.negated { v.no } else { v.yes };
            out.push(yes.and(&plane.alive));
        }
    }
    Ok(out)
}

/// The literals of `literal` read as a conjunction.
fn conjuncts<'c>(literal: Literal<'c>, out: &mut Vec<Literal<'c>>) {
    let Literal {
        cond,
        negated,
        pointer,
    } = literal;
    let (parts, key) = match (cond, negated) {
        (Cond::All(parts), false) => (parts, "all"),
        (Cond::Any(parts), true) => (parts, "any"),
        (Cond::Not(inner), _) => {
            return conjuncts(
                Literal {
                    cond: inner,
                    negated: !negated,
                    pointer: format!("{pointer}/not"),
                },
                out,
            );
        }
        _ => {
            out.push(Literal {
                cond,
                negated,
                pointer,
            });
            return;
        }
    };
    for (i, part) in parts.iter().enumerate() {
        conjuncts(
            Literal {
                cond: part,
                negated,
                pointer: format!("{pointer}/{key}/{i}"),
            },
            out,
        );
    }
}

/// The branches of a literal that is a disjunction (`any`, or `not all`).
fn branches<'c>(literal: &Literal<'c>) -> Option<Vec<Literal<'c>>> {
    let (parts, key) = match (literal.cond, literal.negated) {
        (Cond::Any(parts), false) => (parts, "any"),
        (Cond::All(parts), true) => (parts, "all"),
        _ => return None,
    };
    Some(
        parts
            .iter()
            .enumerate()
            .map(|(i, part)| Literal {
                cond: part,
                negated: literal.negated,
                pointer: format!("{}/{key}/{i}", literal.pointer),
            })
            .collect(),
    )
}

/// For a literal that never holds: the smallest sets of clauses that
/// conflict (one set, or one per branch of a disjunction). Deletion-based.
fn explain<'c>(
    plane: &Plane<'_>,
    literal: Literal<'c>,
    waits: &[Slot],
    work: &mut Work,
) -> Result<Vec<Vec<Literal<'c>>>, Stopped> {
    let mut literals = Vec::new();
    conjuncts(literal, &mut literals);
    // Judged in every class, so the cells line up across literals.
    let mut cells: Vec<Vec<Sheet>> = Vec::with_capacity(literals.len());
    for l in &literals {
        let mut v = Vec::new();
        for class in &plane.classes {
            for &(w, by) in waits {
                work.charge(judge_cost(l.cond, plane.space.words))?;
                let verdict = plane.judge.rule_by(l.cond, class.leaf, w, by);
                v.push(if l.negated { verdict.no } else { verdict.yes });
            }
        }
        cells.push(v);
    }
    let slots = plane.classes.len() * waits.len();
    let empty_together = |keep: &[usize], work: &mut Work| -> Result<bool, Stopped> {
        for slot in 0..slots {
            let mut acc = plane.alive.clone();
            for &i in keep {
                if let Some(c) = cells.get(i).and_then(|v| v.get(slot)) {
                    work.op(&acc, c)?;
                    acc = acc.and(c);
                }
            }
            if !acc.is_empty() {
                return Ok(false);
            }
        }
        Ok(true)
    };
    let mut keep: Vec<usize> = (0..literals.len()).collect();
    for i in 0..literals.len() {
        let without: Vec<usize> = keep.iter().copied().filter(|&k| k != i).collect();
        if empty_together(&without, work)? {
            keep = without;
        }
    }
    let core: Vec<Literal<'c>> = keep
        .into_iter()
        .filter_map(|i| literals.get(i).cloned())
        .collect();
    // One disjunction: each branch never holds; explain each.
    if let [only] = core.as_slice() {
        if let Some(branches) = branches(only) {
            let mut cores = Vec::new();
            for b in branches {
                cores.extend(explain(plane, b, waits, work)?);
            }
            return Ok(cores);
        }
    }
    Ok(vec![core])
}

/// A literal in a few words.
fn describe(l: &Literal<'_>) -> String {
    let clause = clause(l.cond);
    if l.negated {
        format!("not {clause}")
    } else {
        clause
    }
}

/// A clause in a few words.
fn clause(c: &Cond) -> String {
    match c {
        Cond::All(parts) => format!("all of {} rules", parts.len()),
        Cond::Any(parts) => format!("any of {} rules", parts.len()),
        Cond::Not(inner) => format!("not {}", clause(inner)),
        Cond::Age { texts, .. } => match (&texts.0, &texts.1) {
            (Some(f), Some(b)) => format!("age from {f} before {b}"),
            (Some(f), None) => format!("age from {f}"),
            (None, Some(b)) => format!("age before {b}"),
            (None, None) => "any age".into(),
        },
        Cond::Adversities { test, ids, .. } => {
            let test = match test {
                SetTest::AnyOf => "any_of",
                SetTest::AllOf => "all_of",
                SetTest::NoneOf => "none_of",
            };
            format!("adversities {test} {}", ids.join(", "))
        }
        Cond::Fact { id, .. } => format!("fact {id}"),
        Cond::Region(r) => format!("region ({} listed)", r.len()),
        Cond::ReferredFrom(_) => "referred_from".into(),
    }
}
