//! The colours every picture uses: the Okabe–Ito palette and viridis steps,
//! both readable with the common colour-vision deficiencies, and never the
//! only carrier of a meaning (shapes, borders and words say it too).

use crate::document::Tier;

/// A family's routes (Okabe–Ito blue).
pub(crate) const ROUTE: &str = "#0072B2";
/// Fill of a service that excludes the family.
pub(crate) const EXCLUDED_FILL: &str = "#EEEEEE";
/// Text and border of a service that excludes the family.
pub(crate) const EXCLUDED_TEXT: &str = "#767676";

/// The fill of a service by tier: light tints of Okabe–Ito sky blue,
/// orange and reddish purple.
pub(crate) const fn tier_fill(tier: Tier) -> &'static str {
    match tier {
        Tier::Universal => "#D6ECFA",
        Tier::Targeted => "#FBE7B5",
        Tier::Specialist => "#F2D7E7",
    }
}

/// The border of a service by tier: the full Okabe–Ito colours.
pub(crate) const fn tier_stroke(tier: Tier) -> &'static str {
    match tier {
        Tier::Universal => "#56B4E9",
        Tier::Targeted => "#E69F00",
        Tier::Specialist => "#CC79A7",
    }
}

/// The heatmap's steps of best weeks to the goal: (up to weeks, fill,
/// text colour), from soonest to latest (viridis, yellow to purple).
pub(crate) const WEEKS: [(f64, &str, &str); 5] = [
    (4.0, "#FDE725", "#000000"),
    (8.0, "#5EC962", "#000000"),
    (12.0, "#21918C", "#FFFFFF"),
    (18.0, "#3B528B", "#FFFFFF"),
    (f64::INFINITY, "#440154", "#FFFFFF"),
];

/// The heatmap's fill for "no route": light grey, with a mark (✕).
pub(crate) const NO_ROUTE_FILL: &str = "#E0E0E0";
/// The colour of the "no route" mark.
pub(crate) const NO_ROUTE_TEXT: &str = "#222222";
/// The heatmap's fill for a cell a budget left undecided (with a `?`).
pub(crate) const UNDECIDED_FILL: &str = "#FFFFFF";
