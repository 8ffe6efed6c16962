//! `carepath eligible`: whether a family is eligible for one service, and why.

use std::path::PathBuf;

use crate::common::{
    Failure, Family, Format, load, print_json, println_out, profile, query_failure,
};

/// Says whether a family is eligible for `service`, and why.
pub(crate) fn run(
    service: &str,
    family: &Family,
    pathway: Option<&PathBuf>,
    format: Format,
) -> Result<(), Failure> {
    let pathway = load(pathway)?;
    let verdict = pathway
        .eligibility(service, &profile(family)?)
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
