//! The A* search's arena: partial routes waiting in its queue, their
//! labels (one per service on a partial route) and service lists, and the
//! memory that holds them, kept from one search to the next on the thread.

use super::query::MAX_HOPS;

/// A partial route waiting in the queue: its key and its last label in
/// the search's arena (which holds its services and timeline). 24 bytes.
///
/// Or, with [`LATER`] set in `label`, the extensions of the partial route
/// at `label & !LATER` whose key is `key` or more, from `next` on in
/// [`Memory::ordered`]. It ranks where the first of them would rank but
/// before every one of them (its service list is a prefix of theirs), so
/// they are made before any of them could leave the queue: the order
/// routes leave in is the same as if they had all been queued at once.
#[derive(Clone, Copy)]
pub(super) struct Open {
    pub(super) key: (i64, i64),
    pub(super) label: u32,
    /// For [`LATER`]: where its extensions start in [`Memory::ordered`].
    pub(super) next: u32,
}

/// The bit of [`Open::label`] that marks a partial route's later
/// extensions (labels stay below it: [`super::query::SEARCH_BUDGET`] is far
/// smaller).
pub(super) const LATER: u32 = 1 << 31;

/// One service on a partial route: (arrival, seen, delay in) and the
/// label of the service before it (`u32::MAX` for the first). 24 bytes.
pub(super) struct Label {
    pub(super) node: u32,
    pub(super) times: (i32, i32, i32),
    pub(super) parent: u32,
    pub(super) hops: u32,
}

/// A partial route being extended: its last label, service and day seen
/// there, its services and its referrals so far.
pub(super) struct Step<'a> {
    pub(super) from: u32,
    pub(super) at: petgraph::graph::NodeIndex,
    pub(super) seen: i32,
    pub(super) path: &'a Path,
    pub(super) hops: usize,
}

/// The services of a partial route, as `index + 1` padded with 0:
/// comparing two of these is comparing the routes' service lists
/// lexicographically (a prefix sorts first), with no allocation.
pub(super) type Path = [u32; MAX_HOPS + 1];

/// Whether `a` leaves the queue before `b`: the smaller key, then the
/// smaller service list, read in `paths` by label (paths are unique, so
/// this is a total order: the order in which routes leave does not depend
/// on the queue). O(1).
pub(super) fn before(a: &Open, b: &Open, paths: &[Path]) -> bool {
    match a.key.cmp(&b.key) {
        std::cmp::Ordering::Less => true,
        std::cmp::Ordering::Greater => false,
        std::cmp::Ordering::Equal => {
            paths.get((a.label & !LATER) as usize) < paths.get((b.label & !LATER) as usize)
        }
    }
}

/// A binary min-heap of open partial routes, ordered by [`before`] (a
/// standard heap cannot order by the arena). O(log n) per push or pop.
pub(super) struct Queue<'m> {
    pub(super) items: &'m mut Vec<Open>,
}

/// A search's working memory: its queue, its arena of labels and their
/// service lists. Kept from one search to the next on the thread
/// (`scratch`), so a search allocates nothing of its own once warm.
#[derive(Default)]
pub(super) struct Memory {
    pub(super) heap: Vec<Open>,
    pub(super) labels: Vec<Label>,
    pub(super) paths: Vec<Path>,
    /// The order of the referrals out of the services extended so far,
    /// when the bound has none (`Search::order`).
    pub(super) orders: Orders,
}

/// The referrals out of each service a search extends (their positions
/// among its referrals), in the order of the key they add to a route,
/// service by service, made by the search when its bound has none.
#[derive(Default)]
pub(super) struct Orders {
    pub(super) ordered: Vec<u32>,
    /// Where each of those services' referrals lie in `ordered`.
    pub(super) of: foldhash::HashMap<u32, (u32, u32)>,
    /// Room to sort one service's referrals by key.
    pub(super) keyed: Vec<((i64, i64), u32)>,
}

impl super::scratch::Kept for Memory {
    fn clear(&mut self) {
        self.heap.clear();
        self.labels.clear();
        self.paths.clear();
        self.orders.ordered.clear();
        self.orders.of.clear();
        self.orders.keyed.clear();
    }

    fn bytes(&self) -> usize {
        use super::scratch::room;
        room(&self.heap)
            + room(&self.labels)
            + room(&self.paths)
            + room(&self.orders.ordered)
            + room(&self.orders.keyed)
            + self
                .orders
                .of
                .capacity()
                .saturating_mul(std::mem::size_of::<(u32, (u32, u32))>())
    }
}

impl Queue<'_> {
    pub(super) fn push(&mut self, o: Open, paths: &[Path]) {
        let mut i = self.items.len();
        self.items.push(o);
        while i > 0 {
            let up = (i - 1) / 2;
            let Some(&p) = self.items.get(up) else { break };
            if !before(&o, &p, paths) {
                break;
            }
            if let Some(slot) = self.items.get_mut(i) {
                *slot = p;
            }
            i = up;
        }
        if let Some(slot) = self.items.get_mut(i) {
            *slot = o;
        }
    }

    pub(super) fn pop(&mut self, paths: &[Path]) -> Option<Open> {
        let last = self.items.pop()?;
        let Some(&top) = self.items.first() else {
            return Some(last);
        };
        let n = self.items.len();
        let mut i = 0;
        loop {
            let l = 2 * i + 1;
            let Some(&lv) = self.items.get(l) else { break };
            let (c, cv) = match self.items.get(l + 1) {
                Some(&rv) if l + 1 < n && before(&rv, &lv, paths) => (l + 1, rv),
                _ => (l, lv),
            };
            if !before(&cv, &last, paths) {
                break;
            }
            if let Some(slot) = self.items.get_mut(i) {
                *slot = cv;
            }
            i = c;
        }
        if let Some(slot) = self.items.get_mut(i) {
            *slot = last;
        }
        Some(top)
    }
}

#[cfg(test)]
mod tests {
    use super::super::scratch::{keep, take};
    use super::{Label, MAX_HOPS, Memory, Open, Path, Queue};

    /// A search's memory kept on the thread comes back to the next search
    /// empty but with its room (a stale label or path would misnumber the
    /// arena); one grown past the limit is not kept.
    #[test]
    fn a_kept_memory_comes_back_empty_with_its_room() {
        let mut m = take::<Memory>();
        for i in 0..100 {
            m.heap.push(Open {
                key: (i, 0),
                label: 0,
                next: 0,
            });
            m.labels.push(Label {
                node: 1,
                times: (0, 0, 0),
                parent: u32::MAX,
                hops: 0,
            });
            m.paths.push([1; MAX_HOPS + 1]);
        }
        keep(m);
        let m = take::<Memory>();
        assert_eq!((m.heap.len(), m.labels.len(), m.paths.len()), (0, 0, 0));
        assert!(
            m.heap.capacity() >= 100 && m.labels.capacity() >= 100 && m.paths.capacity() >= 100
        );
        keep(m);
        let mut big = take::<Memory>();
        big.paths
            .reserve(super::super::scratch::KEEP_BYTES / std::mem::size_of::<Path>() + 1);
        keep(big);
        let m = take::<Memory>();
        assert!(m.paths.capacity() < 100);
    }

    /// Thousands of pushes and pops with many tied keys: each pop is the
    /// least waiting entry by key, then service list (the order routes
    /// leave in), whichever child of a node holds it.
    #[test]
    fn the_queue_pops_the_least_key_then_service_list() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut paths: Vec<Path> = Vec::new();
        let mut items = Vec::new();
        let mut queue = Queue { items: &mut items };
        let mut waiting: Vec<((i64, i64), Path, u32)> = Vec::new();
        let mut pops = 0;
        for round in 0..4000u32 {
            if next() % 5 < 3 || waiting.is_empty() {
                let mut path: Path = [0; MAX_HOPS + 1];
                for (slot, v) in path.iter_mut().zip([next() % 4 + 1, u64::from(round) + 1]) {
                    *slot = u32::try_from(v).unwrap_or(u32::MAX);
                }
                let label = u32::try_from(paths.len()).unwrap_or(u32::MAX);
                paths.push(path);
                let key = (
                    i64::try_from(next() % 6).unwrap_or(0),
                    i64::try_from(next() % 2).unwrap_or(0),
                );
                queue.push(
                    Open {
                        key,
                        label,
                        next: 0,
                    },
                    &paths,
                );
                waiting.push((key, path, label));
            } else {
                waiting.sort_unstable();
                let least = waiting.remove(0);
                let got = queue.pop(&paths).map(|o| o.label);
                assert_eq!(got, Some(least.2), "pop {pops}");
                pops += 1;
            }
        }
        waiting.sort_unstable();
        for (_, _, label) in waiting {
            assert_eq!(queue.pop(&paths).map(|o| o.label), Some(label));
        }
        assert!(queue.pop(&paths).is_none());
        assert!(pops > 1000);
    }
}
