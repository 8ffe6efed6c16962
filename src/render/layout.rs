//! A layered layout of a [`Picture`], computed here so that an SVG picture
//! needs no external program.
//!
//! # Algorithm
//!
//! A Sugiyama-style layout, left to right, in three steps:
//!
//! 1. **Columns by tier.** Universal services take the first columns,
//!    targeted the next, specialist the last. Within a tier, a service
//!    referred to by another of the same tier stands one column further
//!    right (longest path over the tier's referrals, after a depth-first
//!    walk in id order drops the referrals that close a cycle).
//! 2. **Order within a column** by the barycentre heuristic: a few sweeps
//!    left to right (each service at the mean row of the services
//!    referring to it) and right to left (of those it refers to), ties by
//!    id, which reduces crossings without any promise of a minimum.
//! 3. **Coordinates.** Fixed column width and row height. When the
//!    picture has clusters, each is a horizontal band across every column
//!    (services outside every cluster in a band of their own, first), so a
//!    cluster's services sit together inside one labelled box; within a
//!    band, each column's boxes stand from its top. Without clusters each
//!    column is centred vertically.
//!
//! Complexity: O(V + E) for the columns, O(s · (E + V log V)) for `s`
//! sweeps (here 4), O(V) for the coordinates, for V services and E
//! referrals. Deterministic: every tie is broken by service id.
//!
//! May use: `render::picture` and the stages below it.

use std::collections::HashMap;

use crate::document::Tier;

use super::picture::Picture;

/// Width of a service's box.
pub(crate) const NODE_WIDTH: f64 = 230.0;
/// Height of one line of text in a box.
pub(crate) const LINE_HEIGHT: f64 = 14.0;
/// Horizontal gap between columns (room for the edges and their labels).
const COLUMN_GAP: f64 = 110.0;
/// Vertical gap between boxes.
const ROW_GAP: f64 = 18.0;
/// Margin around the drawing.
pub(crate) const MARGIN: f64 = 24.0;
/// The most characters on one line of a box before it wraps.
pub(crate) const WRAP: usize = 34;
/// Barycentre sweeps (each one left to right and right to left).
const SWEEPS: usize = 4;

/// Height of a cluster band's label.
pub(crate) const BAND_LABEL: f64 = 20.0;

/// Where each service of a picture is drawn.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Layout {
    /// Per service of the picture (same order): the box and its lines.
    pub(crate) boxes: Vec<Placed>,
    /// The cluster bands, in the picture's cluster order (only those
    /// holding a service): the cluster's index and its band's top and
    /// height.
    pub(crate) bands: Vec<Band>,
    /// Size of the whole drawing.
    pub(crate) width: f64,
    /// Size of the whole drawing.
    pub(crate) height: f64,
}

/// One cluster's band: a box across every column around its services.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Band {
    /// Index into the picture's clusters.
    pub(crate) cluster: usize,
    pub(crate) y: f64,
    pub(crate) height: f64,
}

/// One service's box.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Placed {
    pub(crate) column: usize,
    pub(crate) x: f64,
    pub(crate) y: f64,
    pub(crate) height: f64,
    /// The text lines, wrapped.
    pub(crate) lines: Vec<String>,
}

/// Lays `picture` out. See the module docs for the algorithm.
pub(crate) fn layout(picture: &Picture) -> Layout {
    let n = picture.services.len();
    let index: HashMap<&str, usize> = picture
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let edges: Vec<(usize, usize)> = picture
        .referrals
        .iter()
        .filter_map(|r| Some((*index.get(r.from.as_str())?, *index.get(r.to.as_str())?)))
        .collect();
    let tier = |i: usize| picture.services.get(i).map_or(Tier::Universal, |s| s.tier);
    // Band 0: outside every cluster; band k + 1: the picture's cluster k.
    let band: Vec<usize> = picture
        .services
        .iter()
        .map(|s| {
            s.cluster.as_deref().map_or(0, |c| {
                picture
                    .clusters
                    .iter()
                    .position(|k| k.id == c)
                    .map_or(0, |k| k + 1)
            })
        })
        .collect();
    let band_of = |i: usize| band.get(i).copied().unwrap_or(0);

    // 1. Columns: depth within the tier, then tiers side by side.
    let depth = depths(n, &edges, &tier);
    let mut base = [0usize; 3];
    let mut next = 0;
    for (t, slot) in [Tier::Universal, Tier::Targeted, Tier::Specialist]
        .into_iter()
        .zip(base.iter_mut())
    {
        *slot = next;
        let deepest = (0..n)
            .filter(|&i| tier(i) == t)
            .map(|i| depth.get(i).copied().unwrap_or(0))
            .max();
        next += deepest.map_or(0, |d| d + 1);
    }
    let columns_count = next.max(1);
    let column: Vec<usize> = (0..n)
        .map(|i| {
            let t = match tier(i) {
                Tier::Universal => 0,
                Tier::Targeted => 1,
                Tier::Specialist => 2,
            };
            base.get(t).copied().unwrap_or(0) + depth.get(i).copied().unwrap_or(0)
        })
        .collect();

    // 2. Order within columns: id order first (services are in id order),
    // then barycentre sweeps.
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); columns_count];
    for (i, &c) in column.iter().enumerate() {
        if let Some(r) = rows.get_mut(c) {
            r.push(i);
        }
    }
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut succs: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in &edges {
        if let Some(p) = preds.get_mut(b) {
            p.push(a);
        }
        if let Some(s) = succs.get_mut(a) {
            s.push(b);
        }
    }
    let mut position = vec![0.0f64; n];
    let renumber = |rows: &Vec<Vec<usize>>, position: &mut Vec<f64>| {
        for row in rows {
            let len = row.len().max(1) as f64;
            for (k, &i) in row.iter().enumerate() {
                if let Some(p) = position.get_mut(i) {
                    // Rows as fractions of their column, so columns of
                    // different lengths compare.
                    *p = (k as f64 + 0.5) / len;
                }
            }
        }
    };
    renumber(&rows, &mut position);
    for _ in 0..SWEEPS {
        for neighbours in [&preds, &succs] {
            for row in &mut rows {
                let key = |i: usize| {
                    let ns = neighbours.get(i).map_or(&[][..], Vec::as_slice);
                    if ns.is_empty() {
                        position.get(i).copied().unwrap_or(0.0)
                    } else {
                        ns.iter()
                            .map(|&j| position.get(j).copied().unwrap_or(0.0))
                            .sum::<f64>()
                            / ns.len() as f64
                    }
                };
                let mut keyed: Vec<(f64, usize)> = row.iter().map(|&i| (key(i), i)).collect();
                keyed.sort_by(|a, b| {
                    band_of(a.1)
                        .cmp(&band_of(b.1))
                        .then(a.0.total_cmp(&b.0))
                        .then(a.1.cmp(&b.1))
                });
                *row = keyed.into_iter().map(|(_, i)| i).collect();
            }
            renumber(&rows, &mut position);
        }
    }

    // 3. Coordinates.
    let lines: Vec<Vec<String>> = picture
        .services
        .iter()
        .map(|s| {
            let mut out = Vec::new();
            for line in s.lines() {
                out.extend(wrap(&line, WRAP));
            }
            out
        })
        .collect();
    let box_height = |i: usize| lines.get(i).map_or(1, Vec::len) as f64 * LINE_HEIGHT + 12.0;
    let column_height =
        |row: &Vec<usize>| row.iter().map(|&i| box_height(i) + ROW_GAP).sum::<f64>() - ROW_GAP;
    let mut boxes: Vec<Placed> = (0..n)
        .map(|i| Placed {
            column: 0,
            x: 0.0,
            y: 0.0,
            height: box_height(i),
            lines: lines.get(i).cloned().unwrap_or_default(),
        })
        .collect();
    let mut bands = Vec::new();
    let tallest = if picture.clusters.is_empty() {
        let tallest = rows.iter().map(column_height).fold(0.0, f64::max);
        for (c, row) in rows.iter().enumerate() {
            let top = MARGIN + (tallest - column_height(row)).max(0.0) / 2.0;
            place(&mut boxes, c, row, top);
        }
        tallest
    } else {
        let mut top = MARGIN;
        for k in 0..=picture.clusters.len() {
            let label = if k == 0 { 0.0 } else { BAND_LABEL };
            let mut deepest: f64 = 0.0;
            for (c, row) in rows.iter().enumerate() {
                let part: Vec<usize> = row.iter().copied().filter(|&i| band_of(i) == k).collect();
                if !part.is_empty() {
                    deepest = deepest.max(column_height(&part));
                    place(&mut boxes, c, &part, top + label + ROW_GAP / 2.0);
                }
            }
            if deepest > 0.0 {
                let height = label + deepest + ROW_GAP;
                if k > 0 {
                    bands.push(Band {
                        cluster: k - 1,
                        y: top,
                        height,
                    });
                }
                top += height + ROW_GAP;
            }
        }
        (top - ROW_GAP - MARGIN).max(0.0)
    };
    Layout {
        boxes,
        bands,
        width: 2.0 * MARGIN + columns_count as f64 * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP,
        height: 2.0 * MARGIN + tallest.max(0.0),
    }
}

/// Stacks the boxes `row` of column `c` from `top` down.
fn place(boxes: &mut [Placed], c: usize, row: &[usize], top: f64) {
    let mut y = top;
    for &i in row {
        if let Some(b) = boxes.get_mut(i) {
            b.column = c;
            b.x = MARGIN + c as f64 * (NODE_WIDTH + COLUMN_GAP);
            b.y = y;
            y += b.height + ROW_GAP;
        }
    }
}

/// Longest path from a source within each tier, over the tier's referrals
/// that close no cycle (a depth-first walk in id order decides). O(V + E).
fn depths(n: usize, edges: &[(usize, usize)], tier: &dyn Fn(usize) -> Tier) -> Vec<usize> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in edges {
        if a != b && tier(a) == tier(b) {
            if let Some(o) = out.get_mut(a) {
                o.push(b);
            }
        }
    }
    for o in &mut out {
        o.sort_unstable();
        o.dedup();
    }
    // Iterative DFS: colour 0 new, 1 on the stack, 2 done; record a
    // post-order, keeping only edges to nodes not on the stack.
    let mut colour = vec![0u8; n];
    let mut kept: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut order = Vec::with_capacity(n);
    for root in 0..n {
        if colour.get(root) != Some(&0) {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        if let Some(c) = colour.get_mut(root) {
            *c = 1;
        }
        while let Some((v, k)) = stack.pop() {
            match out.get(v).and_then(|o| o.get(k)).copied() {
                Some(w) => {
                    stack.push((v, k + 1));
                    match colour.get(w).copied() {
                        Some(0) => {
                            if let Some(kv) = kept.get_mut(v) {
                                kv.push(w);
                            }
                            if let Some(c) = colour.get_mut(w) {
                                *c = 1;
                            }
                            stack.push((w, 0));
                        }
                        Some(2) => {
                            if let Some(kv) = kept.get_mut(v) {
                                kv.push(w);
                            }
                        }
                        _ => {} // on the stack: this referral closes a cycle
                    }
                }
                None => {
                    if let Some(c) = colour.get_mut(v) {
                        *c = 2;
                    }
                    order.push(v);
                }
            }
        }
    }
    // Reverse post-order is a topological order of the kept edges.
    let mut depth = vec![0usize; n];
    for &v in order.iter().rev() {
        let d = depth.get(v).copied().unwrap_or(0);
        for &w in kept.get(v).map_or(&[][..], Vec::as_slice) {
            if let Some(dw) = depth.get_mut(w) {
                *dw = (*dw).max(d + 1);
            }
        }
    }
    depth
}

/// Splits `text` into lines of at most `width` characters at spaces (a
/// longer word stands on a line of its own).
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let fits = line.chars().count() + 1 + word.chars().count() <= width;
        if !line.is_empty() && !fits {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::picture::PictureQuery;

    #[test]
    fn tiers_stand_in_order_and_referrals_within_a_tier_move_right() {
        let pathway = crate::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))
            .unwrap_or_else(|e| panic!("{e}"));
        let picture =
            Picture::new(&pathway, &PictureQuery::default()).unwrap_or_else(|e| panic!("{e}"));
        let l = layout(&picture);
        let col = |id: &str| {
            let i = picture
                .services
                .iter()
                .position(|s| s.id == id)
                .unwrap_or(usize::MAX);
            l.boxes.get(i).map_or(usize::MAX, |b| b.column)
        };
        assert_eq!(col("hv-east"), 0);
        assert_eq!(col("parenting-group"), 1);
        // perinatal-team refers to imh-east, both specialist.
        assert_eq!(col("perinatal-team"), 2);
        assert_eq!(col("imh-east"), 3);
        // No two boxes overlap.
        for (i, a) in l.boxes.iter().enumerate() {
            for b in l.boxes.iter().skip(i + 1) {
                let apart = a.column != b.column || a.y + a.height <= b.y || b.y + b.height <= a.y;
                assert!(apart, "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn each_cluster_is_one_band_holding_its_services() {
        let pathway = crate::Pathway::from_json(include_str!("../../tests/fixtures/small.json"))
            .unwrap_or_else(|e| panic!("{e}"));
        let picture =
            Picture::new(&pathway, &PictureQuery::default()).unwrap_or_else(|e| panic!("{e}"));
        assert!(!picture.clusters.is_empty(), "the fixture is clustered");
        let l = layout(&picture);
        assert_eq!(l.bands.len(), picture.clusters.len());
        for (s, b) in picture.services.iter().zip(&l.boxes) {
            for band in &l.bands {
                let name = picture.clusters.get(band.cluster).map(|c| c.id.as_str());
                let inside = b.y >= band.y && b.y + b.height <= band.y + band.height;
                assert_eq!(inside, s.cluster.as_deref() == name, "{} in {name:?}", s.id);
            }
        }
        // Bands do not overlap, and the drawing holds them.
        for w in l.bands.windows(2) {
            if let [a, b] = w {
                assert!(a.y + a.height <= b.y, "{a:?} {b:?}");
            }
        }
        assert!(l.bands.iter().all(|b| b.y + b.height <= l.height));
    }

    #[test]
    fn cycles_within_a_tier_end() {
        let tier = |_| Tier::Targeted;
        let d = depths(3, &[(0, 1), (1, 2), (2, 0)], &tier);
        assert_eq!(d, [0, 1, 2]);
    }

    #[test]
    fn wrapping_keeps_words() {
        assert_eq!(wrap("a bb ccc", 4), ["a bb", "ccc"]);
        assert_eq!(wrap("unbreakable", 4), ["unbreakable"]);
        assert_eq!(wrap("", 4), [""]);
    }
}
