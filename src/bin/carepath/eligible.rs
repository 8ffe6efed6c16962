//! `carepath eligible`: whether a family is eligible for one service, and why.

use std::path::PathBuf;

use crate::common::{
    Failure, Family, Format, load, print_json, println_out, profile, query_failure,
};

/// Says whether a family is eligible for `service`, referred by `from` (a
/// service's id or name, or `self`: the family comes by itself), and why.
pub(crate) fn run(
    service: &str,
    family: &Family,
    from: &str,
    pathway: Option<&PathBuf>,
    format: Format,
) -> Result<(), Failure> {
    let pathway = load(pathway)?;
    let from = (!from.eq_ignore_ascii_case("self")).then_some(from);
    let verdict = pathway
        .eligibility_from(service, &profile(family)?, from)
        .map_err(query_failure)?;
    match format {
        Format::Json => print_json(&verdict)?,
        Format::Text => println_out(&carepath::text::verdict(&verdict))?,
    }
    match verdict.outcome {
        carepath::Truth::Yes => Ok(()),
        carepath::Truth::No => Err(Failure::Failed),
        _ => Err(Failure::Unknown),
    }
}
