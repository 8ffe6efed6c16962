//! `carepath explain`: the page of one lint, or the list of all.

use crate::common::{Failure, println_out};

/// Prints the page of `lint` (a code or a name), or lists every lint.
pub(crate) fn run(lint: Option<&str>) -> Result<(), Failure> {
    let Some(selector) = lint else {
        let mut out = String::from("code   level    group        name\n");
        for l in carepath::lint::CATALOGUE {
            out.push_str(&format!(
                "{}  {:<8} {:<12} {}: {}\n",
                l.code,
                l.default.map_or("allow", carepath::Severity::as_str),
                l.group.as_str(),
                l.name,
                l.summary
            ));
        }
        return println_out(out.trim_end());
    };
    match carepath::lint::explain(selector) {
        Some(page) => println_out(page.trim_end()),
        None => {
            let names = carepath::lint::CATALOGUE.iter().map(|l| l.name);
            let hint = carepath::suggest::did_you_mean(selector, names)
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            Err(Failure::Usage(format!(
                "no lint is called `{selector}`{hint}"
            )))
        }
    }
}
