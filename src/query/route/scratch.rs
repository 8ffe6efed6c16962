//! Each thread's memory for a route query's per-service arrays, kept from
//! one query to the next: a query then allocates and clears no O(V) array
//! of its own (V services), which on a national pathway costs more than
//! the searches that use them.
//!
//! Three kinds, each safe to hand to the next query by construction:
//! - bounds ([`Bound`]), which reset what their last fill touched;
//! - per-service slots ([`Slots`]), all `u32::MAX` between queries: the
//!   user resets the entries it set before giving them back (slots dropped
//!   instead are freed, never reused dirty);
//! - per-service values stamped with the query's number ([`Stamped`]: the
//!   memo of which services could ever accept the family, the rules
//!   reduced for it), so an entry from an earlier query reads as unknown
//!   and nothing is cleared.
//!
//! Beside these, the searches' own working memory (their queues and arenas
//! of labels, [`take`] and [`keep`]): emptied when taken, and kept only up
//! to [`KEEP_BYTES`] each, so a search that grew large
//! does not hold its memory for the thread's life.
//!
//! A thread keeps at most [`SPARE_BOUNDS`] bounds, [`SPARE_SLOTS`] slot
//! arrays and one stamped table of each kind, each O(V) for the pathway it last served (one of
//! another size is reallocated), and [`SPARE_MEMORY`] searches' memories. A query nested in another (the
//! alternatives' own queries) finds the spares taken and allocates its own.
//! Every operation here is O(1) but the first use on a thread or pathway
//! size, O(V).

use std::cell::{Cell, RefCell};

use super::bound::Bound;

/// Bounds a thread keeps between queries: a query uses two (the routes'
/// and the one its explanations refill).
const SPARE_BOUNDS: usize = 2;

/// Slot arrays a thread keeps between queries.
const SPARE_SLOTS: usize = 2;

/// Searches' working memories a thread keeps between queries (each kind
/// of search takes one at a time).
const SPARE_MEMORY: usize = 4;

/// The most memory a search's working memory may hold to be kept (bytes,
/// by the vectors' capacities): about the memory of 20,000 partial routes.
pub(super) const KEEP_BYTES: usize = 1 << 21;

/// Stamps go up to this before a table is cleared and starts again at 1.
const LAST_STAMP: u32 = u32::MAX - 1;

/// What a thread keeps between queries.
#[derive(Default)]
pub(super) struct Spares {
    bounds: Vec<Bound>,
    slots: Vec<Vec<u32>>,
    memo: Option<Memo>,
    steps: Option<Steps>,
    memory: Vec<Box<dyn std::any::Any>>,
}

thread_local! {
    static SPARES: RefCell<Spares> = RefCell::new(Spares::default());
}

/// Runs `f` on this thread's spares, if they are there and free.
fn with_spares<T>(f: impl FnOnce(&mut Spares) -> Option<T>) -> Option<T> {
    SPARES
        .try_with(|s| s.try_borrow_mut().ok().and_then(|mut s| f(&mut s)))
        .ok()
        .flatten()
}

/// A bound with this thread's spare memory if it has any (filled by
/// nothing yet: its next fill resets what the last one touched).
pub(super) fn bound() -> Bound {
    with_spares(|s| s.bounds.pop()).unwrap_or_else(Bound::empty)
}

/// Keeps a bound's memory for this thread's next query.
pub(super) fn give_bound(b: Bound) {
    let _ = with_spares(|s| {
        if s.bounds.len() < SPARE_BOUNDS {
            s.bounds.push(b);
        }
        Some(())
    });
}

/// A search's working memory, kept by the thread between searches.
pub(super) trait Kept: Default + 'static {
    /// Empties it, keeping its room.
    fn clear(&mut self);
    /// The bytes its vectors have room for.
    fn bytes(&self) -> usize;
}

/// The bytes a vector has room for.
pub(super) fn room<T>(v: &Vec<T>) -> usize {
    v.capacity().saturating_mul(std::mem::size_of::<T>())
}

/// This thread's spare working memory of kind `T`, emptied, or a new one.
/// O(1).
pub(super) fn take<T: Kept>() -> Box<T> {
    let mut memory = with_spares(|s| {
        let i = s.memory.iter().position(|m| m.is::<T>())?;
        s.memory.swap_remove(i).downcast::<T>().ok()
    })
    .unwrap_or_default();
    memory.clear();
    memory
}

/// Keeps a search's working memory for this thread's next search of its
/// kind, unless it has room for more than [`KEEP_BYTES`] (then it is
/// freed). O(1), no allocation.
pub(super) fn keep<T: Kept>(memory: Box<T>) {
    if memory.bytes() > KEEP_BYTES {
        return;
    }
    let _ = with_spares(|s| {
        if s.memory.len() < SPARE_MEMORY {
            s.memory.push(memory);
        }
        Some(())
    });
}

/// One `u32` per service, every entry `u32::MAX` (none) when taken.
pub(super) struct Slots(Vec<u32>);

impl Slots {
    /// `n` slots, all `u32::MAX`: this thread's spare ones when it has
    /// some of that length, else new ones (O(n)).
    pub(super) fn take(n: usize) -> Self {
        let kept = with_spares(|s| {
            let i = s.slots.iter().position(|v| v.len() == n)?;
            Some(s.slots.swap_remove(i))
        });
        Self(kept.unwrap_or_else(|| vec![u32::MAX; n]))
    }

    /// The slot of service `i` (`u32::MAX`: none; `None`: no such service).
    pub(super) fn get(&self, i: usize) -> Option<u32> {
        self.0.get(i).copied()
    }

    /// The slot of service `i`, to set.
    pub(super) fn get_mut(&mut self, i: usize) -> Option<&mut u32> {
        self.0.get_mut(i)
    }

    /// Resets the slots of `set` (which must name every slot set since
    /// [`Slots::take`]) and keeps them for this thread's next query.
    pub(super) fn give_back(mut self, set: impl IntoIterator<Item = usize>) {
        for i in set {
            if let Some(x) = self.0.get_mut(i) {
                *x = u32::MAX;
            }
        }
        let _ = with_spares(|s| {
            if s.slots.len() < SPARE_SLOTS {
                s.slots.push(self.0);
            }
            Some(())
        });
    }
}

/// One value per service, each valid only under the query's stamp (any
/// other stamp: not yet known), so a table handed from one query to the
/// next needs no clearing: the memo of which services could ever accept
/// the family, and the services' rules reduced for the family.
pub(super) struct Stamped<T: Copy + Default> {
    cells: Vec<Cell<(u32, T)>>,
    stamp: u32,
}

/// The memo of which services could ever accept the family.
pub(super) type Memo = Stamped<bool>;

/// The services' rules reduced for the family (see
/// [`StepRules`](crate::query::prepared::StepRules)).
pub(super) type Steps = Stamped<[i32; 5]>;

/// Where a thread keeps its spare table of each kind.
pub(super) trait Spare: Sized {
    fn slot(spares: &mut Spares) -> &mut Option<Self>;
}

impl Spare for Memo {
    fn slot(spares: &mut Spares) -> &mut Option<Self> {
        &mut spares.memo
    }
}

impl Spare for Steps {
    fn slot(spares: &mut Spares) -> &mut Option<Self> {
        &mut spares.steps
    }
}

impl<T: Copy + Default> Stamped<T>
where
    Self: Spare,
{
    /// A table for a pathway of `n` services, knowing nothing: this
    /// thread's spare one under a new stamp when it has one of that length
    /// (O(1), but O(n) once every billion queries, when the stamps start
    /// again), else a new one (O(n)).
    pub(super) fn take(n: usize) -> Self {
        match with_spares(|s| Self::slot(s).take()) {
            Some(mut m) if m.cells.len() == n => {
                if m.stamp >= LAST_STAMP {
                    m.cells.iter().for_each(|c| c.set((0, T::default())));
                    m.stamp = 1;
                } else {
                    m.stamp += 1;
                }
                m
            }
            _ => Self {
                cells: vec![Cell::new((0, T::default())); n],
                stamp: 1,
            },
        }
    }

    /// The value of service `i`, if set in this query.
    pub(super) fn get(&self, i: usize) -> Option<T> {
        let (stamp, v) = self.cells.get(i)?.get();
        (stamp == self.stamp).then_some(v)
    }

    /// Sets the value of service `i` for this query.
    pub(super) fn set(&self, i: usize, v: T) {
        if let Some(c) = self.cells.get(i) {
            c.set((self.stamp, v));
        }
    }

    /// The cells and the stamp, for a table that reads and writes them
    /// itself.
    pub(super) fn parts(&self) -> (&[Cell<(u32, T)>], u32) {
        (&self.cells, self.stamp)
    }

    /// Keeps the table for this thread's next query.
    pub(super) fn give_back(self) {
        let _ = with_spares(|s| {
            *Self::slot(s) = Some(self);
            Some(())
        });
    }
}

#[cfg(test)]
mod tests {
    use super::{Memo, Slots};

    /// A memo handed from query to query forgets what the last query
    /// knew; slots handed back come back all none.
    #[test]
    fn spares_come_back_knowing_nothing() {
        let memo = Memo::take(5);
        memo.set(1, true);
        memo.set(3, false);
        let steps = super::Steps::take(5);
        steps.set(0, [1, 2, 3, 4, 5]);
        assert_eq!(steps.get(0), Some([1, 2, 3, 4, 5]));
        steps.give_back();
        assert_eq!(super::Steps::take(5).get(0), None);
        assert_eq!(
            (0..5).map(|i| memo.get(i)).collect::<Vec<_>>(),
            [None, Some(true), None, Some(false), None]
        );
        memo.give_back();
        let memo = Memo::take(5);
        assert!((0..5).all(|i| memo.get(i).is_none()));
        memo.set(3, true);
        assert_eq!(memo.get(3), Some(true));
        memo.give_back();

        let mut slots = Slots::take(4);
        if let Some(x) = slots.get_mut(2) {
            *x = 7;
        }
        assert_eq!(slots.get(2), Some(7));
        slots.give_back([2]);
        let slots = Slots::take(4);
        assert!((0..4).all(|i| slots.get(i) == Some(u32::MAX)));
        assert_eq!(slots.get(4), None);
    }
}
