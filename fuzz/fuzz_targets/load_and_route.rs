//! Any bytes: load them as a pathway; when they load, ask for routes and
//! coverage. Nothing may panic, hang or take unbounded memory.
#![no_main]

use carepath::{CoverageQuery, Pathway, Profile, RouteQuery};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(pathway) = Pathway::from_slice(data) else {
        return;
    };
    let mut regions: Vec<String> = pathway.services().flat_map(|s| s.regions).collect();
    regions.sort();
    regions.dedup();
    for region in regions.iter().take(3) {
        let family = Profile::new().age_days(90).region(region);
        let _ = pathway.routes(&family, &RouteQuery::default());
    }
    let q = CoverageQuery {
        before_age_days: 0,
        ..CoverageQuery::default()
    };
    let _ = pathway.coverage(&q).map(|c| c.is_complete());
});
