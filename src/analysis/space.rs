//! The profile space, partitioned: every family a pathway could see, as
//! leaf regions × kinds of family × start days, where a *kind* fixes the
//! adversities and fact values that the pathway's rules can tell apart.
//!
//! - **Adversities.** Only adversities some rule or referral condition
//!   names are a dimension; a kind holds a subset of them. An adversity no
//!   rule names changes no answer, so families with and without it are
//!   one kind (the example family does not have it).
//! - **Facts.** Only facts some rule tests are a dimension. A boolean fact
//!   has its two values; a choice fact its declared values, those that
//!   every comparison of it answers alike joined into one class
//!   (`at_least specialist` on `universal < targeted < specialist` gives
//!   `universal or targeted` and `specialist`); a number is split at every
//!   value a rule compares it with (`at_most 19` gives ≤ 19 and > 19), and
//!   adjacent pieces no comparison tells apart are joined, so each class is
//!   one interval.
//! - **Missing facts.** By default every tested fact is known (a referrer
//!   fills in the form). With [`SpaceOptions::missing_facts`] each tested
//!   fact also has the class "not given", under which rules testing it are
//!   unknown (Kleene) and so never accept.
//!
//! Kinds are numbered: the low `A` bits are the adversity subset (bit `i`
//! is the `i`-th tested adversity), the rest a mixed-radix number of fact
//! classes. Two families of the same region, kind and start day get the
//! same answer from every question `routes` can ask.
//!
//! - **Joined adversity sets** (the lints, [`SpaceOptions::join_adversities`]):
//!   subsets that every adversity clause answers alike are one kind,
//!   numbered by their smallest subset; a kind is then `class + slots ×
//!   fact code` ([`ProfileSpace::adversity_mask`] gives its subset). Every
//!   rule gives every subset of a class the same verdict.
//!
//! Size: `2^A × Π classes` kinds per region (fewer when joined), at most
//! [`MAX_KINDS`] before joining.

use serde_json::Value;

use crate::bits::Bits;
use crate::document::FactKind;
use crate::error::QueryError;
use crate::model::profile::{CompiledProfile, Profile};
use crate::model::region::RegionId;
use crate::model::rules::{Cond, FactOp, SetTest};
use crate::model::vocabulary::FactValue;
use crate::pathway::Pathway;

pub(crate) use super::fact_class::{FactClass, describe_class};
use super::fact_class::{choice_classes, number_classes};

/// The most kinds of family (adversity subsets × fact classes) an
/// analysis handles per region: 65,536, i.e. 16 tested adversities with no
/// facts, or 8 adversities and 256 fact combinations. Each day-interval of
/// an analysis then needs 8 KiB.
pub const MAX_KINDS: usize = 1 << 16;

/// How the profile space is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct SpaceOptions {
    /// Whether a tested fact may also be missing (its own class).
    pub(crate) missing_facts: bool,
    /// Whether sets of adversities that no adversity clause tells apart
    /// are one kind (see [`ProfileSpace::adversity_mask`]).
    pub(crate) join_adversities: bool,
}

/// A fact some rule tests, and its classes in ascending order of value
/// (`Missing` last).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FactAxis {
    pub(crate) fact: usize,
    pub(crate) classes: Vec<FactClass>,
}

/// Sets of adversities joined into classes: see [`ProfileSpace::adversity_mask`].
#[derive(Debug, Clone, PartialEq, Eq)]
struct Joined {
    /// Each class's smallest mask, ascending.
    first: Vec<usize>,
    /// The class of each of the `2^A` masks.
    class_of: Vec<usize>,
}

/// The partition of every family a pathway could see. See the module docs.
#[derive(Debug, Clone)]
pub(crate) struct ProfileSpace {
    /// Leaf regions (a family lives in exactly one), in id order.
    pub(crate) leaves: Vec<RegionId>,
    /// The tested adversities (vocabulary indices), in vocabulary order:
    /// bit `i` of a kind is `adversities[i]`.
    pub(crate) adversities: Vec<usize>,
    /// The tested facts, in vocabulary order.
    pub(crate) facts: Vec<FactAxis>,
    /// With [`SpaceOptions::join_adversities`]: the sets of tested
    /// adversities that no adversity clause tells apart, each by its
    /// smallest mask (ascending), and the class of every mask.
    joined: Option<Joined>,
    /// Kinds per region.
    pub(crate) kinds: usize,
    /// 64-bit words of a set of kinds.
    pub(crate) words: usize,
}

impl ProfileSpace {
    /// Draws the space of `pathway`. O(rules + leaves log leaves + split
    /// points²).
    ///
    /// # Errors
    /// [`QueryError::OutOfRange`] when there would be more than
    /// [`MAX_KINDS`] kinds per region.
    pub(crate) fn new(pathway: &Pathway, options: SpaceOptions) -> Result<Self, QueryError> {
        let (tested, ops) = tested(pathway);
        let adversities: Vec<usize> = (0..tested.len())
            .filter(|&i| tested.get(i).copied().unwrap_or(false))
            .collect();
        let facts: Vec<(usize, Vec<FactOp>)> = ops
            .into_iter()
            .enumerate()
            .filter(|(_, o)| !o.is_empty())
            .collect();
        let mut space = Self::build(pathway, adversities, &facts, options, None)?;
        if options.join_adversities {
            space.join_adversities(pathway);
        }
        Ok(space)
    }

    /// Joins the sets of tested adversities that every adversity clause
    /// of `pathway` answers alike into one kind each. Two such sets get the
    /// same answer from every clause, hence every rule, on every day: a
    /// claim about one holds for the other. Classes are numbered in the
    /// order of their smallest set, so the first kind of any set of kinds
    /// stands for the first family (by [`ProfileSpace::kind_of`]'s order)
    /// among those it stands for. O(2^A × distinct adversity clauses).
    fn join_adversities(&mut self, pathway: &Pathway) {
        let a = self.adversities.len();
        let Some(masks) = 1usize.checked_shl(u32::try_from(a).unwrap_or(u32::MAX)) else {
            return;
        };
        // Each distinct clause as (test, local mask).
        let mut clauses: Vec<(SetTest, usize)> = Vec::new();
        for rule in rules_of(pathway) {
            adversity_clauses(rule, &self.adversities, &mut clauses);
        }
        let mut first: Vec<usize> = Vec::new();
        let mut class_of: Vec<usize> = Vec::with_capacity(masks);
        let mut seen: std::collections::HashMap<Vec<u64>, usize> = std::collections::HashMap::new();
        for m in 0..masks {
            let mut signature = vec![0u64; clauses.len().div_ceil(64)];
            for (i, &(test, local)) in clauses.iter().enumerate() {
                let holds = match test {
                    SetTest::AnyOf => m & local != 0,
                    SetTest::AllOf => local & !m == 0,
                    SetTest::NoneOf => m & local == 0,
                };
                if holds {
                    if let Some(w) = signature.get_mut(i / 64) {
                        *w |= 1 << (i % 64);
                    }
                }
            }
            let next = first.len();
            let class = *seen.entry(signature).or_insert(next);
            if class == next {
                first.push(m);
            }
            class_of.push(class);
        }
        self.kinds = self.kinds / masks * first.len();
        self.words = self.kinds.div_ceil(64);
        self.joined = Some(Joined { first, class_of });
    }

    /// One space for each of two pathways, with the same kinds: the
    /// adversities and facts both declare (alike) and either tests, split
    /// at the boundaries of both; the leaf regions both have (by id). Also
    /// says, in words, what could not be compared.
    ///
    /// # Errors
    /// As [`ProfileSpace::new`].
    pub(crate) fn joint(
        old: &Pathway,
        new: &Pathway,
        options: SpaceOptions,
    ) -> Result<(Self, Self, Vec<String>), QueryError> {
        let (old_tested, old_ops) = tested(old);
        let (new_tested, new_ops) = tested(new);
        let mut notes = Vec::new();
        let (mut adv_old, mut adv_new) = (Vec::new(), Vec::new());
        for (i, (id, _)) in old.vocabulary.adversities.iter().enumerate() {
            let j = new.vocabulary.adversity(id);
            let used = old_tested.get(i).copied().unwrap_or(false)
                || j.is_some_and(|j| new_tested.get(j).copied().unwrap_or(false));
            match j {
                Some(j) if used => {
                    adv_old.push(i);
                    adv_new.push(j);
                }
                None => notes.push(format!(
                    "adversity `{id}` is only in the old file: families are compared without it"
                )),
                Some(_) => {}
            }
        }
        for (id, _) in &new.vocabulary.adversities {
            if old.vocabulary.adversity(id).is_none() {
                notes.push(format!(
                    "adversity `{id}` is only in the new file: families are compared without it"
                ));
            }
        }
        let (mut facts_old, mut facts_new) = (Vec::new(), Vec::new());
        for (i, f) in old.vocabulary.facts.iter().enumerate() {
            let Some(j) = new.vocabulary.fact(&f.id) else {
                notes.push(format!(
                    "fact `{}` is only in the old file: families are compared without it",
                    f.id
                ));
                continue;
            };
            let g = new.vocabulary.facts.get(j);
            let mut ops: Vec<FactOp> = old_ops.get(i).cloned().unwrap_or_default();
            for op in new_ops.get(j).into_iter().flatten() {
                if !ops.contains(op) {
                    ops.push(op.clone());
                }
            }
            if ops.is_empty() {
                continue;
            }
            if g.is_some_and(|g| g.kind == f.kind && g.values == f.values) {
                facts_old.push((i, ops.clone()));
                facts_new.push((j, ops));
            } else {
                notes.push(format!("fact `{}` is declared differently in the two files: families are compared without it", f.id));
            }
        }
        for f in &new.vocabulary.facts {
            if old.vocabulary.fact(&f.id).is_none() {
                notes.push(format!(
                    "fact `{}` is only in the new file: families are compared without it",
                    f.id
                ));
            }
        }
        let leaf_ids = |p: &Pathway| -> Vec<String> {
            Self::build(p, Vec::new(), &[], options, None)
                .map(|s| {
                    s.leaves
                        .iter()
                        .map(|&r| p.regions.id(r).to_owned())
                        .collect()
                })
                .unwrap_or_default()
        };
        let (old_leaves, new_leaves) = (leaf_ids(old), leaf_ids(new));
        for id in old_leaves.iter().filter(|id| !new_leaves.contains(id)) {
            notes.push(format!("area `{id}` is only in the old file: not compared"));
        }
        for id in new_leaves.iter().filter(|id| !old_leaves.contains(id)) {
            notes.push(format!("area `{id}` is only in the new file: not compared"));
        }
        let shared: Vec<String> = old_leaves
            .into_iter()
            .filter(|id| new_leaves.contains(id))
            .collect();
        let a = Self::build(old, adv_old, &facts_old, options, Some(&shared))?;
        let b = Self::build(new, adv_new, &facts_new, options, Some(&shared))?;
        Ok((a, b, notes))
    }

    /// Whether two spaces (of two pathways) have the same kinds and areas,
    /// by id: their coverages can be compared cell by cell.
    pub(crate) fn same_as(&self, mine: &Pathway, other: &Self, theirs: &Pathway) -> bool {
        let adv = |s: &Self, p: &Pathway| -> Vec<String> {
            s.adversities
                .iter()
                .filter_map(|&a| p.vocabulary.adversities.get(a).map(|(id, _)| id.clone()))
                .collect()
        };
        let facts = |s: &Self, p: &Pathway| -> Vec<(String, Vec<FactClass>)> {
            s.facts
                .iter()
                .map(|a| {
                    let id = p
                        .vocabulary
                        .facts
                        .get(a.fact)
                        .map(|f| f.id.clone())
                        .unwrap_or_default();
                    (id, a.classes.clone())
                })
                .collect()
        };
        let leaves = |s: &Self, p: &Pathway| -> Vec<String> {
            s.leaves
                .iter()
                .map(|&r| p.regions.id(r).to_owned())
                .collect()
        };
        adv(self, mine) == adv(other, theirs)
            && facts(self, mine) == facts(other, theirs)
            && leaves(self, mine) == leaves(other, theirs)
            && mine.vocabulary.facts.iter().all(|f| {
                theirs.vocabulary.fact(&f.id).is_none_or(|j| {
                    theirs
                        .vocabulary
                        .facts
                        .get(j)
                        .is_some_and(|g| g.values == f.values)
                })
            })
    }

    /// The space with the given tested adversities and facts (in order),
    /// over every leaf region, or those of `only` (ids).
    fn build(
        pathway: &Pathway,
        adversities: Vec<usize>,
        tested_facts: &[(usize, Vec<FactOp>)],
        options: SpaceOptions,
        only: Option<&[String]>,
    ) -> Result<Self, QueryError> {
        let mut facts = Vec::new();
        for (fact, ops) in tested_facts {
            let fact = *fact;
            let Some(info) = pathway.vocabulary.facts.get(fact) else {
                continue;
            };
            let mut classes = match info.kind {
                FactKind::Boolean => vec![
                    FactClass::Value(FactValue::Bool(false)),
                    FactClass::Value(FactValue::Bool(true)),
                ],
                FactKind::Choice => choice_classes(info.values.len(), ops),
                FactKind::Number => number_classes(ops),
            };
            if options.missing_facts {
                classes.push(FactClass::Missing);
            }
            facts.push(FactAxis { fact, classes });
        }
        let too_many = || {
            QueryError::OutOfRange(format!(
                "the pathway's rules tell apart more than {MAX_KINDS} kinds of family per area \
                 ({} adversities and {} facts tested): coverage cannot be computed exactly",
                adversities.len(),
                facts.len()
            ))
        };
        let mut kinds: usize = 1usize
            .checked_shl(u32::try_from(adversities.len()).map_err(|_| too_many())?)
            .filter(|&k| k <= MAX_KINDS)
            .ok_or_else(too_many)?;
        for axis in &facts {
            kinds = kinds
                .checked_mul(axis.classes.len().max(1))
                .filter(|&k| k <= MAX_KINDS)
                .ok_or_else(too_many)?;
        }
        let regions = &pathway.regions.regions;
        let mut parent = vec![false; regions.len()];
        for r in regions {
            if let Some(p) = r.parent.and_then(|p| parent.get_mut(p.index())) {
                *p = true;
            }
        }
        let mut leaves: Vec<RegionId> = (0..regions.len())
            .filter(|&i| !parent.get(i).copied().unwrap_or(true))
            .filter_map(|i| u32::try_from(i).ok().map(RegionId))
            .collect();
        leaves.sort_by(|&a, &b| pathway.regions.id(a).cmp(pathway.regions.id(b)));
        if let Some(only) = only {
            leaves.retain(|&r| only.iter().any(|id| id == pathway.regions.id(r)));
        }
        Ok(Self {
            leaves,
            adversities,
            facts,
            joined: None,
            kinds,
            words: kinds.div_ceil(64),
        })
    }

    /// Adversity slots per combination of fact classes: the `2^A` sets of
    /// tested adversities, or their classes when joined.
    fn adversity_slots(&self) -> usize {
        match &self.joined {
            Some(j) => j.first.len().max(1),
            None => 1 << self.adversities.len(),
        }
    }

    /// The tested adversities of `kind`, as a mask (bit `i` is the `i`-th
    /// tested adversity): the kind's low bits, or, when sets of adversities
    /// are joined, the smallest set of its class.
    pub(crate) fn adversity_mask(&self, kind: usize) -> usize {
        let slot = kind % self.adversity_slots();
        match &self.joined {
            Some(j) => j.first.get(slot).copied().unwrap_or(0),
            None => slot,
        }
    }

    /// The fact class of `kind` on axis `axis`.
    pub(crate) fn fact_class(&self, kind: usize, axis: usize) -> usize {
        let mut code = kind / self.adversity_slots();
        for (i, a) in self.facts.iter().enumerate() {
            let n = a.classes.len().max(1);
            if i == axis {
                return code % n;
            }
            code /= n;
        }
        0
    }

    /// Whether `kind` has the `i`-th tested adversity.
    pub(crate) fn has_adversity(&self, kind: usize, i: usize) -> bool {
        i < self.adversities.len() && self.adversity_mask(kind) & (1 << i) != 0
    }

    /// The kind with adversity subset `mask` and fact classes `classes`
    /// (one per axis).
    #[allow(dead_code)] // The layer's API for the lints; exercised by the layer's tests.
    pub(crate) fn kind_of(&self, mask: usize, classes: &[usize]) -> usize {
        let mut code = 0;
        for (a, &c) in self.facts.iter().zip(classes).rev() {
            code = code * a.classes.len().max(1) + c;
        }
        let slot = match &self.joined {
            Some(j) => j.class_of.get(mask).copied().unwrap_or(0),
            None => mask,
        };
        code * self.adversity_slots() + slot
    }

    /// A family of `kind` living in `region`, aged `age` days, compiled.
    #[allow(dead_code)] // The layer's API for the lints; exercised by the layer's tests.
    pub(crate) fn family(
        &self,
        pathway: &Pathway,
        region: RegionId,
        kind: usize,
        age: i32,
    ) -> CompiledProfile {
        let mut adversities = Bits::with_capacity(pathway.vocabulary.adversities.len());
        for (i, &a) in self.adversities.iter().enumerate() {
            if self.has_adversity(kind, i) {
                adversities.insert(a);
            }
        }
        let mut facts = vec![None; pathway.vocabulary.facts.len()];
        for (axis, a) in self.facts.iter().enumerate() {
            let value = match a.classes.get(self.fact_class(kind, axis)) {
                Some(FactClass::Value(v)) => Some(*v),
                Some(FactClass::Choices(cs)) => cs.first().map(|c| FactValue::Choice(*c)),
                Some(FactClass::Between { example, .. }) => Some(FactValue::Number(*example)),
                Some(FactClass::Missing) | None => None,
            };
            if let Some(slot) = facts.get_mut(a.fact) {
                *slot = value;
            }
        }
        CompiledProfile {
            age,
            today: None,
            region,
            adversities,
            facts,
        }
    }

    /// The same family as a [`Profile`] anyone can pass to `routes`.
    pub(crate) fn profile(
        &self,
        pathway: &Pathway,
        region: RegionId,
        kind: usize,
        age: i32,
    ) -> Profile {
        let mut p = Profile::new()
            .age_days(age)
            .region(pathway.regions.id(region));
        for (i, &a) in self.adversities.iter().enumerate() {
            if self.has_adversity(kind, i) {
                if let Some((id, _)) = pathway.vocabulary.adversities.get(a) {
                    p = p.adversity(id);
                }
            }
        }
        for (axis, a) in self.facts.iter().enumerate() {
            let Some(info) = pathway.vocabulary.facts.get(a.fact) else {
                continue;
            };
            let value = match a.classes.get(self.fact_class(kind, axis)) {
                Some(FactClass::Value(FactValue::Bool(b))) => Value::Bool(*b),
                Some(FactClass::Value(FactValue::Number(n)))
                | Some(FactClass::Between { example: n, .. }) => number_value(*n),
                Some(FactClass::Value(FactValue::Choice(c))) => info
                    .values
                    .get(*c as usize)
                    .map_or(Value::Null, |v| Value::String(v.clone())),
                Some(FactClass::Choices(cs)) => cs
                    .first()
                    .and_then(|c| info.values.get(*c as usize))
                    .map_or(Value::Null, |v| Value::String(v.clone())),
                Some(FactClass::Missing) | None => continue,
            };
            p = p.fact(&info.id, value);
        }
        p
    }
}

/// A number as JSON, whole numbers without a fraction.
fn number_value(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9e15 {
        // Whole and small: the conversion is exact.
        #[allow(clippy::cast_possible_truncation)]
        Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

/// The adversities some rule tests, and the comparisons made on each fact
/// (by vocabulary index).
fn tested(pathway: &Pathway) -> (Vec<bool>, Vec<Vec<FactOp>>) {
    let mut adversities = vec![false; pathway.vocabulary.adversities.len()];
    let mut ops: Vec<Vec<FactOp>> = vec![Vec::new(); pathway.vocabulary.facts.len()];
    for rule in rules_of(pathway) {
        collect(rule, &mut adversities, &mut ops);
    }
    (adversities, ops)
}

/// Every service's rule and every referral's condition.
fn rules_of(pathway: &Pathway) -> impl Iterator<Item = &Cond> {
    pathway
        .services
        .iter()
        .filter_map(|s| s.rule.as_ref())
        .chain(pathway.referrals.iter().filter_map(|r| r.when.as_deref()))
}

/// Collects each distinct adversity clause of `rule` as (test, mask of
/// the tested adversities `tested` it names). Iterative: no depth limit.
fn adversity_clauses(rule: &Cond, tested: &[usize], out: &mut Vec<(SetTest, usize)>) {
    let mut stack = vec![rule];
    while let Some(c) = stack.pop() {
        match c {
            Cond::All(parts) | Cond::Any(parts) => stack.extend(parts),
            Cond::Not(inner) => stack.push(inner),
            Cond::Adversities { test, indices, .. } => {
                let local = tested
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| indices.contains(a))
                    .fold(0usize, |m, (i, _)| m | (1 << i));
                if !out.contains(&(*test, local)) {
                    out.push((*test, local));
                }
            }
            Cond::Age { .. } | Cond::Fact { .. } | Cond::Region(_) | Cond::ReferredFrom(_) => {}
        }
    }
}

/// Collects the tested adversities and the comparisons made on each fact.
fn collect(rule: &Cond, adversities: &mut [bool], ops: &mut [Vec<FactOp>]) {
    match rule {
        Cond::All(parts) | Cond::Any(parts) => {
            for r in parts {
                collect(r, adversities, ops);
            }
        }
        Cond::Not(r) => collect(r, adversities, ops),
        Cond::Adversities { indices, .. } => {
            for &i in indices {
                if let Some(x) = adversities.get_mut(i) {
                    *x = true;
                }
            }
        }
        Cond::Fact { fact, op, .. } => {
            if let Some(list) = ops.get_mut(*fact) {
                if !list.contains(op) {
                    list.push(op.clone());
                }
            }
        }
        Cond::Age { .. } | Cond::Region(_) | Cond::ReferredFrom(_) => {}
    }
}
