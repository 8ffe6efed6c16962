//! Lint levels: the catalogue's defaults, then the file's settings, then
//! the caller's (the command line), each later one winning.

use super::catalogue::{CATALOGUE, Group, Lint, by_code};
use super::finding::LintOptions;
use crate::diagnostic::Severity;
use crate::document::{LintLevel, Metadata};

/// One setting: which lints it names, the level, and the services it is
/// limited to (empty: all).
struct Setting<'a> {
    selector: &'a str,
    level: LintLevel,
    services: &'a [String],
}

/// The settings in force, in the order they apply.
pub(super) struct Settings<'a> {
    settings: Vec<Setting<'a>>,
}

/// Whether `selector` names `lint` (its code, its name, or its group).
pub(super) fn names(selector: &str, lint: &Lint) -> bool {
    lint.code.eq_ignore_ascii_case(selector)
        || lint.name == selector
        || lint.group.as_str() == selector
}

/// Whether any lint answers to `selector`.
pub(super) fn known(selector: &str) -> bool {
    CATALOGUE.iter().any(|l| names(selector, l))
}

/// Severity of a level; `None` for `allow`.
const fn severity(level: LintLevel) -> Option<Severity> {
    match level {
        LintLevel::Allow => None,
        LintLevel::Info => Some(Severity::Info),
        LintLevel::Warning => Some(Severity::Warning),
        LintLevel::Error => Some(Severity::Error),
    }
}

impl<'a> Settings<'a> {
    pub(super) fn new(metadata: Option<&'a Metadata>, options: &'a LintOptions) -> Self {
        let mut settings: Vec<Setting<'a>> = Vec::new();
        if let Some(m) = metadata {
            // Groups first, then single lints; unscoped before scoped: the
            // narrower setting wins.
            let mut file: Vec<(&String, &crate::document::LintSettingDoc)> =
                m.lints.iter().collect();
            file.sort_by_key(|(k, s)| {
                let group = CATALOGUE.iter().any(|l| l.group.as_str() == k.as_str());
                (!group, !s.services.is_empty())
            });
            settings.extend(file.into_iter().map(|(k, s)| Setting {
                selector: k,
                level: s.level,
                services: &s.services,
            }));
        }
        settings.extend(options.levels.iter().map(|(k, level)| Setting {
            selector: k,
            level: *level,
            services: &[],
        }));
        Self { settings }
    }

    /// The level of a finding of `code` about `service`; `None` when silenced.
    /// Shape and structural errors keep their level.
    pub(super) fn level(&self, code: &str, service: Option<&str>) -> Option<Severity> {
        let Some(lint) = by_code(code) else {
            return Some(Severity::Error);
        };
        if lint.group == Group::Shape {
            return lint.default;
        }
        let mut level = lint.default;
        for s in &self.settings {
            let applies = s.services.is_empty()
                || service.is_some_and(|id| s.services.iter().any(|x| x == id));
            if applies && names(s.selector, lint) {
                level = severity(s.level);
            }
        }
        level
    }
}
