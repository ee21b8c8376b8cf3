//! The printed forms' Russian words, from `i18n/print-ru.ftl` (a Fluent file of their own: paper
//! is always Russian, whatever language the screen speaks). A missing key prints as the key in
//! braces, so it shows up in review instead of leaving a blank on an official copy.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::langid;

const FTL: &str = include_str!("../../i18n/print-ru.ftl");

fn bundle() -> &'static FluentBundle<FluentResource> {
    static B: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    B.get_or_init(|| {
        let res = FluentResource::try_new(FTL.to_string())
            .unwrap_or_else(|(_, e)| panic!("i18n/print-ru.ftl: {e:?}"));
        let mut b = FluentBundle::new_concurrent(vec![langid!("ru")]);
        // Isolation marks around arguments would print as boxes.
        b.set_use_isolating(false);
        b.add_resource(res)
            .unwrap_or_else(|e| panic!("i18n/print-ru.ftl: {e:?}"));
        b
    })
}

/// Whether the file has `key`.
pub fn has(key: &str) -> bool {
    bundle().get_message(key).and_then(|m| m.value()).is_some()
}

/// The text of `key`.
pub fn t(key: &str) -> String {
    format(key, None)
}

/// The text of `key` with arguments: numbers choose the plural form (1 урок, 2 урока, 5 уроков).
pub fn ta(key: &str, args: &[(&str, FluentValue)]) -> String {
    let mut a = FluentArgs::new();
    for (k, v) in args {
        a.set(*k, v.clone());
    }
    format(key, Some(&a))
}

fn format(key: &str, args: Option<&FluentArgs>) -> String {
    let b = bundle();
    let Some(pattern) = b.get_message(key).and_then(|m| m.value()) else {
        return format!("{{{key}}}");
    };
    let mut errors = Vec::new();
    b.format_pattern(pattern, args, &mut errors).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key the report code asks for exists in the file.
    #[test]
    fn every_key_used_in_the_forms_is_in_the_file() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/report");
        let mut missing = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let src = std::fs::read_to_string(&path).unwrap();
            for call in ["t(\"", "ta(\""] {
                for (i, _) in src.match_indices(call) {
                    let prev = src[..i].chars().next_back().unwrap_or(' ');
                    if prev.is_alphanumeric() || prev == '_' {
                        continue;
                    }
                    let rest = &src[i + call.len()..];
                    let key = &rest[..rest.find('"').unwrap()];
                    if !has(key) {
                        missing.push(format!("{}: {key}", path.display()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "missing in print-ru.ftl: {missing:#?}");
    }

    /// Keys built at run time: form titles and month names.
    #[test]
    fn form_titles_and_months_are_in_the_file() {
        for f in crate::report::Form::ALL {
            assert!(!f.title().starts_with('{'), "{f:?}");
        }
        for m in 1..=12 {
            assert!(has(&format!("month-{m}")), "month {m}");
        }
    }

    #[test]
    fn numbers_take_russian_plural_forms() {
        assert_eq!(ta("lessons-missed", &[("count", 1.into())]), "1 урок");
        assert_eq!(ta("lessons-missed", &[("count", 3.into())]), "3 урока");
        assert_eq!(ta("lessons-missed", &[("count", 11.into())]), "11 уроков");
    }
}
