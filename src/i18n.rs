//! Every word the program shows or prints, in Russian (the default) and English: Fluent bundles
//! embedded from `i18n/ru.ftl` and `i18n/en.ftl`, the school's date format, and plain-words
//! messages for the core's errors. No toolkit here — the GUI, the CLI and the PDF printer all use
//! it. Which language a user chose is remembered by the GUI, not here.

use std::fmt;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::{LanguageIdentifier, langid};

pub use fluent_bundle::FluentValue;

use crate::error::{Arg, AuthError, Denied, Error, Invalid, Said};
use crate::model::Role;

const RU_FTL: &str = include_str!("../i18n/ru.ftl");
const EN_FTL: &str = include_str!("../i18n/en.ftl");

/// A language of the interface and the printouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ru, Lang::En];

    /// The code a settings file stores: "ru", "en".
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "ru" | "ru-ru" => Some(Lang::Ru),
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's name in itself, as a language switch shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Ru => "Русский",
            Lang::En => "English",
        }
    }

    fn langid(self) -> LanguageIdentifier {
        match self {
            Lang::Ru => langid!("ru"),
            Lang::En => langid!("en"),
        }
    }

    fn source(self) -> &'static str {
        match self {
            Lang::Ru => RU_FTL,
            Lang::En => EN_FTL,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.native_name())
    }
}

/// The translations of one language. Cheap to clone; `Send + Sync`.
#[derive(Clone)]
pub struct Tr {
    lang: Lang,
    bundle: Arc<FluentBundle<FluentResource>>,
}

impl fmt::Debug for Tr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tr").field("lang", &self.lang).finish()
    }
}

impl Tr {
    /// Loads the embedded translations of `lang`. The files are part of the program, so a syntax
    /// error in them is a bug caught by the tests, not a condition to handle at run time.
    pub fn new(lang: Lang) -> Tr {
        let resource = FluentResource::try_new(lang.source().to_string())
            .unwrap_or_else(|(_, errors)| panic!("i18n/{}.ftl: {errors:?}", lang.code()));
        let mut bundle = FluentBundle::new_concurrent(vec![lang.langid()]);
        // Unicode isolation marks around arguments show up as boxes in labels and PDFs.
        bundle.set_use_isolating(false);
        bundle
            .add_resource(resource)
            .unwrap_or_else(|errors| panic!("i18n/{}.ftl: {errors:?}", lang.code()));
        Tr {
            lang,
            bundle: Arc::new(bundle),
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The English translations, loaded once: the core's `Display` texts use them.
    pub fn english() -> &'static Tr {
        static EN: std::sync::OnceLock<Tr> = std::sync::OnceLock::new();
        EN.get_or_init(|| Tr::new(Lang::En))
    }

    /// The language of the environment a command runs in (`LC_ALL`, `LC_MESSAGES`, `LANG`):
    /// Russian for `ru_RU.UTF-8`, English otherwise.
    pub fn from_env() -> Tr {
        let lang = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .map(|v| {
                if v.to_ascii_lowercase().starts_with("ru") {
                    Lang::Ru
                } else {
                    Lang::En
                }
            })
            .unwrap_or(Lang::En);
        Tr::new(lang)
    }

    /// A worded message of the core ([`Said`]) in this language.
    pub fn said(&self, s: &Said) -> String {
        let args: Vec<(&str, FluentValue<'_>)> = s
            .args
            .iter()
            .map(|(name, arg)| {
                let v = match arg {
                    Arg::Text(t) => FluentValue::from(t.as_str()),
                    Arg::Number(n) => FluentValue::from(*n),
                };
                (*name, v)
            })
            .collect();
        self.t_args(s.key, &args)
    }

    /// Whether `key` has a translation.
    pub fn has(&self, key: &str) -> bool {
        self.bundle
            .get_message(key)
            .and_then(|m| m.value())
            .is_some()
    }

    /// The text of `key`. A missing key shows as the key itself, so it is noticed rather than blank.
    pub fn t(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// The text of `key` with named arguments:
    /// `tr.t_args("lessons-count", &[("count", 5.into())])`.
    /// Numbers passed as numbers choose the right plural form (1 урок, 2 урока, 5 уроков).
    pub fn t_args(&self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fargs = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            fargs.set(*name, value.clone());
        }
        self.format(key, Some(&fargs))
    }

    fn format(&self, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(pattern) = self.bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_string();
        };
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned();
        match args {
            Some(_) => single_stops(text),
            None => text,
        }
    }

    /// A period as the school writes it and the printed forms name it: "II четверть",
    /// "1 полугодие", "2 триместр"; `short` for narrow column heads: "II ч.", "1 п/г".
    pub fn period(&self, scheme: crate::model::Scheme, number: u32, short: bool) -> String {
        use crate::model::Scheme;
        let (key, n) = match scheme {
            Scheme::Quarter => ("period-quarter", crate::report::roman(number)),
            Scheme::Trimester => ("period-trimester", number.to_string()),
            Scheme::Half => ("period-half", number.to_string()),
        };
        let key = if short {
            format!("{key}-short")
        } else {
            key.to_string()
        };
        self.t_args(&key, &[("n", n.into())])
    }

    /// A role's name: "Классный руководитель".
    pub fn role(&self, role: Role) -> String {
        self.t(&format!("role-{}", role.code().replace('_', "-")))
    }

    /// Roles joined for a status bar: "Учитель, классный руководитель".
    /// The first keeps its capital; the others are lower-cased as a Russian list reads.
    pub fn roles(&self, roles: &[Role]) -> String {
        roles
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let name = self.role(*r);
                if i == 0 { name } else { lower_first(&name) }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// What went wrong, in plain words, with what to do about it.
    pub fn error(&self, e: &Error) -> String {
        let detail = |d: &str| [("detail", FluentValue::from(d.to_string()))];
        match e {
            Error::Db(inner) => self.t_args("error-db", &detail(&inner.to_string())),
            Error::Io(inner) => self.t_args("error-io", &detail(&inner.to_string())),
            Error::Missing(path) => self.t_args("error-missing", &[("path", path.as_str().into())]),
            Error::NoAccess(path) => {
                self.t_args("error-no-access", &[("path", path.as_str().into())])
            }
            Error::Foreign(path) => self.t_args("error-foreign", &[("path", path.as_str().into())]),
            Error::Corrupt(d) => self.t_args("error-corrupt", &detail(d)),
            Error::TooNew { found, supported } => self.t_args(
                "error-too-new",
                &[
                    ("found", (*found).into()),
                    ("supported", (*supported).into()),
                ],
            ),
            Error::Busy => self.t("error-busy"),
            Error::ReadOnly(d) => self.t_args("error-read-only", &detail(d)),
            Error::DiskFull => self.t("error-disk-full"),
            Error::Auth(a) => self.auth_error(a),
            Error::Denied(d) => self.denied(d),
            Error::Invalid(i) => self.invalid(i),
            Error::NotFound(d) => self.t_args("error-not-found", &detail(d)),
        }
    }

    fn auth_error(&self, a: &AuthError) -> String {
        match a {
            AuthError::WrongPassword { remaining } => {
                self.t_args("auth-wrong-password", &[("remaining", (*remaining).into())])
            }
            AuthError::LockedOut { until } => self.t_args(
                "auth-locked-out",
                &[("until", format_datetime(*until).into())],
            ),
            AuthError::Inactive => self.t("auth-inactive"),
            AuthError::Compromised => self.t("auth-compromised"),
            AuthError::TooShort { min } => self.t_args("auth-too-short", &[("min", (*min).into())]),
            AuthError::SameAsOld => self.t("auth-same-as-old"),
            AuthError::SessionEnded => self.t("auth-session-ended"),
            AuthError::NotTheLockedUser => self.t("auth-not-the-locked-user"),
        }
    }

    fn denied(&self, d: &Denied) -> String {
        match d {
            Denied::Role => self.t("denied-role"),
            Denied::NotYourCourse => self.t("denied-not-your-course"),
            Denied::EditWindowClosed(date) => self.t_args(
                "denied-edit-window-closed",
                &[("date", format_date(*date).into())],
            ),
            Denied::PeriodClosed => self.t("denied-period-closed"),
            Denied::YearClosed => self.t("denied-year-closed"),
            Denied::FutureLesson => self.t("denied-future-lesson"),
            Denied::LessonCancelled => self.t("denied-lesson-cancelled"),
            Denied::NotOnList => self.t("denied-not-on-list"),
            Denied::ReasonRequired => self.t("denied-reason-required"),
        }
    }

    fn invalid(&self, i: &Invalid) -> String {
        match i {
            Invalid::Mark { value, scale } => {
                let scale = match *scale {
                    "5-point" => self.t("scale-five"),
                    "pass/fail" => self.t("scale-pass-fail"),
                    "10-point" => self.t("scale-ten"),
                    other => other.to_string(),
                };
                self.t_args(
                    "invalid-mark",
                    &[("value", value.as_str().into()), ("scale", scale.into())],
                )
            }
            Invalid::Attendance(v) => {
                self.t_args("invalid-attendance", &[("value", v.as_str().into())])
            }
            Invalid::Date(v) => self.t_args("invalid-date", &[("value", v.as_str().into())]),
            Invalid::Year(v) => self.t_args("invalid-year", &[("value", v.as_str().into())]),
            Invalid::Said(s) => self.said(s),
            // A library's own text (a damaged JSON file, …), shown as it is.
            Invalid::Other(text) => {
                self.t_args("invalid-other", &[("detail", text.as_str().into())])
            }
        }
    }
}

/// The text with its first letter lower-cased: "Учитель" → "учитель".
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A date as the school writes it: 22.11.2026.
pub fn format_date(d: NaiveDate) -> String {
    crate::model::format_date(d)
}

/// A moment as the school writes it: 22.11.2026 10:45.
pub fn format_datetime(t: NaiveDateTime) -> String {
    t.format("%d.%m.%Y %H:%M").to_string()
}

/// A time of day: 10:45.
pub fn format_time(t: NaiveDateTime) -> String {
    t.format("%H:%M").to_string()
}

/// A name that ends with its initials ("Петров С. А.") placed before a sentence's full stop
/// gives ".."; the sentence keeps one stop. An ellipsis ("...") stays as it is.
fn single_stops(text: String) -> String {
    if !text.contains("..") {
        return text;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, c) in chars.iter().enumerate() {
        let doubled = *c == '.'
            && i > 0
            && chars[i - 1] == '.'
            && (i < 2 || chars[i - 2] != '.')
            && chars.get(i + 1) != Some(&'.');
        if !doubled {
            out.push(*c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn initials_before_a_full_stop_leave_one_stop() {
        let tr = super::Tr::new(super::Lang::Ru);
        let t = tr.t_args(
            "school-class-teacher-set",
            &[("class", "5А".into()), ("teacher", "Петров С. А.".into())],
        );
        assert!(t.ends_with("Петров С. А."), "{t}");
        assert!(!t.contains(".."), "{t}");
        assert_eq!(super::single_stops("Ну и...".into()), "Ну и...");
    }

    use super::*;

    fn keys(source: &str) -> Vec<String> {
        source
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_string()))
            .collect()
    }

    #[test]
    fn russian_plurals_follow_the_number() {
        let tr = Tr::new(Lang::Ru);
        let lessons = |n: u32| tr.t_args("lessons-count", &[("count", n.into())]);
        assert_eq!(lessons(1), "1 урок");
        assert_eq!(lessons(2), "2 урока");
        assert_eq!(lessons(5), "5 уроков");
        assert_eq!(lessons(11), "11 уроков");
        assert_eq!(lessons(21), "21 урок");
        assert_eq!(lessons(24), "24 урока");
        let en = Tr::new(Lang::En);
        assert_eq!(
            en.t_args("lessons-count", &[("count", 1.into())]),
            "1 lesson"
        );
        assert_eq!(
            en.t_args("lessons-count", &[("count", 5.into())]),
            "5 lessons"
        );
    }

    #[test]
    fn arguments_carry_no_isolation_marks() {
        let tr = Tr::new(Lang::Ru);
        let s = tr.t_args("status-file", &[("path", "/tmp/j.sqlite".into())]);
        assert!(!s.contains('\u{2068}') && !s.contains('\u{2069}'), "{s:?}");
        assert!(s.ends_with("/tmp/j.sqlite"));
    }

    #[test]
    fn both_languages_have_the_same_keys() {
        let ru = keys(RU_FTL);
        let en = keys(EN_FTL);
        let missing_en: Vec<_> = ru.iter().filter(|k| !en.contains(k)).collect();
        let missing_ru: Vec<_> = en.iter().filter(|k| !ru.contains(k)).collect();
        assert!(missing_en.is_empty(), "missing in en.ftl: {missing_en:?}");
        assert!(missing_ru.is_empty(), "missing in ru.ftl: {missing_ru:?}");
        for lang in Lang::ALL {
            let tr = Tr::new(lang);
            for k in &ru {
                assert!(tr.has(k), "{k} has no value in {lang:?}");
            }
        }
    }

    /// Every `t("key")` / `t_args("key"` in the source names a key both files define.
    #[test]
    fn every_key_the_code_uses_exists() {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        let mut files = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let (ru, en) = (Tr::new(Lang::Ru), Tr::new(Lang::En));
        let mut missing = Vec::new();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            // `Error::said(` may be followed by a line break before its key (rustfmt).
            for opener in [".t(\"", ".t_args(\"", "Error::said("] {
                let said = opener.starts_with("Error");
                for (i, _) in text.match_indices(opener) {
                    let rest = text[i + opener.len()..].trim_start();
                    let Some(rest) = rest.strip_prefix(if said { "\"" } else { "" }) else {
                        continue;
                    };
                    let key = &rest[..rest.find('"').unwrap()];
                    if !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                        continue; // not a key: this test's own list of openers
                    }
                    if !(ru.has(key) && en.has(key)) || (said && !key.starts_with("said-")) {
                        missing.push(format!("{}: {key}", f.display()));
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys used but not translated: {missing:#?}"
        );
    }

    /// Every `"said-…"` key the core names (in `Error::said`, `required` and the like) is
    /// worded in both languages.
    #[test]
    fn every_said_key_is_worded() {
        fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    let text = std::fs::read_to_string(&p).unwrap();
                    for (i, _) in text.match_indices("\"said-") {
                        let rest = &text[i + 1..];
                        let key = &rest[..rest.find('"').unwrap()];
                        if key.len() > "said-".len()
                            && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                        {
                            out.push(format!("{}: {key}", p.display()));
                        }
                    }
                }
            }
        }
        let mut used = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut used,
        );
        assert!(used.len() > 50, "{}", used.len());
        let (ru, en) = (Tr::new(Lang::Ru), Tr::new(Lang::En));
        let missing: Vec<_> = used
            .iter()
            .filter(|u| {
                let key = u.rsplit(": ").next().unwrap();
                !(ru.has(key) && en.has(key))
            })
            .collect();
        assert!(missing.is_empty(), "said keys not worded: {missing:#?}");
    }

    #[test]
    fn errors_read_as_plain_words() {
        let tr = Tr::new(Lang::Ru);
        let e: Error = AuthError::WrongPassword { remaining: 3 }.into();
        assert_eq!(
            tr.error(&e),
            "Неверный логин или пароль. Осталось 3 попытки до блокировки учётной записи."
        );
        let e: Error = AuthError::WrongPassword { remaining: 1 }.into();
        assert!(tr.error(&e).contains("Осталась 1 попытка"));
        let until = NaiveDate::from_ymd_opt(2026, 11, 22)
            .unwrap()
            .and_hms_opt(10, 45, 0)
            .unwrap();
        let e: Error = AuthError::LockedOut { until }.into();
        assert!(
            tr.error(&e).contains("22.11.2026 10:45"),
            "{}",
            tr.error(&e)
        );
        let e = Error::TooNew {
            found: 7,
            supported: 1,
        };
        assert!(tr.error(&e).contains("формат 7") && tr.error(&e).contains("более новой версией"));
        let e: Error = AuthError::TooShort { min: 6 }.into();
        assert_eq!(tr.error(&e), "Пароль должен быть не короче 6 символов.");
        let en = Tr::new(Lang::En);
        assert!(
            en.error(&Error::Busy)
                .starts_with("The journal file is busy:")
        );
    }

    #[test]
    fn worded_refusals_agree_in_number_and_read_in_english_for_logs() {
        let e = Error::said(
            "said-period-marks-missing",
            &[
                ("count", 2.into()),
                ("names", "Иванов И., Петров П.".into()),
            ],
        );
        assert_eq!(
            Tr::new(Lang::Ru).error(&e),
            "Ещё не выставлены отметки за период (2): Иванов И., Петров П."
        );
        assert_eq!(e.said_key(), Some("said-period-marks-missing"));
        assert!(
            e.to_string()
                .starts_with("Period marks are still missing (2)")
        );
        let one = Error::said(
            "said-period-marks-missing",
            &[("count", 1.into()), ("names", "Иванов И.".into())],
        );
        assert!(
            Tr::new(Lang::Ru)
                .error(&one)
                .starts_with("Ещё не выставлена отметка")
        );
    }

    #[test]
    fn role_names_and_dates() {
        let tr = Tr::new(Lang::Ru);
        assert_eq!(tr.role(Role::ClassTeacher), "Классный руководитель");
        assert_eq!(
            tr.roles(&[Role::ClassTeacher, Role::Teacher]),
            "Классный руководитель, учитель"
        );
        use crate::model::Scheme;
        assert_eq!(tr.period(Scheme::Quarter, 2, false), "II четверть");
        assert_eq!(tr.period(Scheme::Quarter, 3, true), "III ч.");
        assert_eq!(tr.period(Scheme::Half, 1, false), "1 полугодие");
        for r in Role::ALL {
            assert!(tr.has(&format!("role-{}", r.code().replace('_', "-"))));
        }
        let d = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(format_date(d), "22.11.2026");
        assert_eq!(Lang::from_code("EN"), Some(Lang::En));
        assert_eq!(Lang::default(), Lang::Ru);
    }
}
