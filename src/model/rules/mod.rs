//! Eligibility rules, compiled: evaluation (fast, short-circuit) and
//! explained evaluation (every clause, with the value seen).
//!
//! Rules use three-valued (Kleene) logic: a clause about a fact the profile
//! does not give is [`Truth::Unknown`], never silently false, so `not`
//! cannot turn a missing answer into a yes. A service accepts a family only
//! when its rule is [`Truth::Yes`].
//!
//! Complexity: evaluation is O(size of the rule), adversity tests O(words
//! of the adversity bit set), region tests O(regions listed) with O(1)
//! containment.

//!
//! `eval` holds the compiled rule and its evaluation; `explain` builds the
//! explanation tree from it (its clauses' messages written by `words`), and
//! `days` the set of days on which it holds (one way: both use `eval`).

mod days;
mod eval;
mod explain;
mod words;

pub(crate) use days::Days;

pub(crate) use eval::{Cond, Context, FactOp, ReferredBy, Timing, Window};
pub use eval::{SetTest, Truth};
pub use explain::{Clause, Explanation};
