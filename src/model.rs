//! The school's vocabulary as types: ids, roles, mark scales and values, attendance codes, reporting
//! schemes, the edit window and the rounding rule. Pure data and parsing; no database, no GUI.

use std::fmt;

use chrono::{Datelike, Days, Months, NaiveDate};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::error::Invalid;

macro_rules! id_type {
    ($($name:ident),* $(,)?) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);
        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> { Ok(ToSqlOutput::from(self.0)) }
        }
        impl FromSql for $name {
            fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> { i64::column_result(v).map($name) }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { self.0.fmt(f) }
        }
    )*};
}
id_type!(
    StaffId,
    StudentId,
    ClassId,
    GroupId,
    CourseId,
    LessonId,
    PeriodId,
    YearId,
    SubjectId,
    WorkTypeId,
    MarkId,
    RoomId,
    ParentId,
    PlanTopicId,
    EntryId,
);

/// Text enums stored in the database by a fixed code.
macro_rules! code_enum {
    ($name:ident { $($var:ident = $code:literal),* $(,)? }) => {
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var),*];
            pub fn code(self) -> &'static str { match self { $($name::$var => $code),* } }
            pub fn from_code(s: &str) -> Option<Self> { match s { $($code => Some($name::$var),)* _ => None } }
        }
        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> { Ok(ToSqlOutput::from(self.code())) }
        }
        // In operations (JSON) as in the database: by code.
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                $name::from_code(&s).ok_or_else(|| {
                    serde::de::Error::unknown_variant(&s, &[$($code),*])
                })
            }
        }
        impl FromSql for $name {
            fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
                let s = v.as_str()?;
                $name::from_code(s).ok_or_else(|| FromSqlError::Other(format!("unknown {}: {s}", stringify!($name)).into()))
            }
        }
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Admin,
    Director,
    Deputy,
    ClassTeacher,
    Teacher,
    Clerk,
    Archivist,
}
code_enum!(Role { Admin = "admin", Director = "director", Deputy = "deputy",
    ClassTeacher = "class_teacher", Teacher = "teacher", Clerk = "clerk", Archivist = "archivist" });

/// A student's gender, for the forms that agree with it («переведён» / «переведена»).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
}
code_enum!(Gender { Male = "m", Female = "f" });

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    Quarter,
    Trimester,
    Half,
}
code_enum!(Scheme { Quarter = "quarter", Trimester = "trimester", Half = "half" });

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scale {
    /// The usual 5-point scale: 2–5, with 1 rare.
    Five,
    /// зачёт / незачёт.
    PassFail,
    /// 10-point scale.
    Ten,
}
code_enum!(Scale { Five = "five", PassFail = "pass_fail", Ten = "ten" });

impl Scale {
    pub fn name(self) -> &'static str {
        match self {
            Scale::Five => "5-point",
            Scale::PassFail => "pass/fail",
            Scale::Ten => "10-point",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttendanceCode {
    /// Н — absent without a reason given.
    Absent,
    /// Б — ill.
    Ill,
    /// УП — excused (уважительная причина).
    Excused,
    /// ОП — late.
    Late,
}
code_enum!(AttendanceCode { Absent = "absent", Ill = "ill", Excused = "excused", Late = "late" });

impl AttendanceCode {
    /// The symbol the paper journal and the grid show.
    pub fn symbol(self) -> &'static str {
        match self {
            AttendanceCode::Absent => "Н",
            AttendanceCode::Ill => "Б",
            AttendanceCode::Excused => "УП",
            AttendanceCode::Late => "ОП",
        }
    }

    /// Reads what a teacher types: Н Б УП ОП in either case, one key on the Russian layout
    /// (Н Б У О) or its Latin letter on the English one (n b u o).
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        match text.trim().to_lowercase().as_str() {
            "н" | "n" | "absent" => Ok(AttendanceCode::Absent),
            "б" | "b" | "ill" => Ok(AttendanceCode::Ill),
            "уп" | "у" | "u" | "excused" => Ok(AttendanceCode::Excused),
            "оп" | "о" | "o" | "late" => Ok(AttendanceCode::Late),
            _ => Err(Invalid::Attendance(text.to_string())),
        }
    }

    /// Whether the student missed the lesson (late arrivals did not).
    pub fn is_missed(self) -> bool {
        !matches!(self, AttendanceCode::Late)
    }
}

/// A mark for work at a lesson.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkValue {
    Num(u8),
    Pass,
    Fail,
}

impl MarkValue {
    /// Reads a mark typed for a course on `scale`.
    pub fn parse(scale: Scale, text: &str) -> Result<Self, Invalid> {
        let t = text.trim().to_lowercase();
        let bad = || Invalid::Mark {
            value: text.trim().to_string(),
            scale: scale.name(),
        };
        match scale {
            Scale::Five | Scale::Ten => {
                let max = if scale == Scale::Five { 5 } else { 10 };
                let n: u8 = t.parse().map_err(|_| bad())?;
                if (1..=max).contains(&n) {
                    Ok(MarkValue::Num(n))
                } else {
                    Err(bad())
                }
            }
            Scale::PassFail => match t.as_str() {
                "зач" | "зачёт" | "зачет" | "з" | "+" => Ok(MarkValue::Pass),
                "н/з" | "нз" | "незач" | "незачёт" | "незачет" | "-" => {
                    Ok(MarkValue::Fail)
                }
                _ => Err(bad()),
            },
        }
    }

    /// The stored and printed form: "5", "зач", "н/з".
    pub fn code(self) -> String {
        match self {
            MarkValue::Num(n) => n.to_string(),
            MarkValue::Pass => "зач".into(),
            MarkValue::Fail => "н/з".into(),
        }
    }

    /// Reads the stored form back, whatever the scale.
    pub fn from_code(s: &str) -> Option<Self> {
        match s {
            "зач" => Some(MarkValue::Pass),
            "н/з" => Some(MarkValue::Fail),
            _ => s
                .parse()
                .ok()
                .filter(|n| (1..=10).contains(n))
                .map(MarkValue::Num),
        }
    }

    /// The value counted in averages; pass/fail marks are not counted.
    pub fn numeric(self) -> Option<f64> {
        match self {
            MarkValue::Num(n) => Some(n as f64),
            _ => None,
        }
    }
}

impl fmt::Display for MarkValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

/// A period, year, exam or final mark: a mark, or one of the special marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeriodMarkValue {
    Mark(MarkValue),
    /// н/а — not attested.
    NotAttested,
    /// осв — exempt (освобождён).
    Exempt,
}

impl PeriodMarkValue {
    pub fn parse(scale: Scale, text: &str) -> Result<Self, Invalid> {
        match text.trim().to_lowercase().as_str() {
            "н/а" | "на" | "n/a" => Ok(PeriodMarkValue::NotAttested),
            "осв" | "освобожден" | "освобождён" => {
                Ok(PeriodMarkValue::Exempt)
            }
            _ => MarkValue::parse(scale, text).map(PeriodMarkValue::Mark),
        }
    }
    pub fn code(self) -> String {
        match self {
            PeriodMarkValue::Mark(m) => m.code(),
            PeriodMarkValue::NotAttested => "н/а".into(),
            PeriodMarkValue::Exempt => "осв".into(),
        }
    }
    pub fn from_code(s: &str) -> Option<Self> {
        match s {
            "н/а" => Some(PeriodMarkValue::NotAttested),
            "осв" => Some(PeriodMarkValue::Exempt),
            _ => MarkValue::from_code(s).map(PeriodMarkValue::Mark),
        }
    }
}

impl fmt::Display for PeriodMarkValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeriodMarkKind {
    Period,
    Year,
    Exam,
    Final,
}
code_enum!(PeriodMarkKind { Period = "period", Year = "year", Exam = "exam", Final = "final" });

/// How long a mark stays editable by its teacher after the lesson date (seed 004 §2.14).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EditWindow {
    /// Never locked (until the year ends).
    Never,
    OneWeek,
    TwoWeeks,
    ThreeWeeks,
    OneMonth,
}
code_enum!(EditWindow { Never = "never", OneWeek = "1w", TwoWeeks = "2w", ThreeWeeks = "3w", OneMonth = "1m" });

impl EditWindow {
    /// The last day on which a lesson held on `date` may still be changed, if the window ever closes.
    pub fn last_day(self, date: NaiveDate) -> Option<NaiveDate> {
        match self {
            EditWindow::Never => None,
            EditWindow::OneWeek => date.checked_add_days(Days::new(7)),
            EditWindow::TwoWeeks => date.checked_add_days(Days::new(14)),
            EditWindow::ThreeWeeks => date.checked_add_days(Days::new(21)),
            EditWindow::OneMonth => date.checked_add_months(Months::new(1)),
        }
    }
}

/// How the proposed period mark is rounded from the weighted average.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rounding {
    /// 3.5 → 4: half or more rounds up.
    HalfUp,
    /// 3.6 → 4, 3.5 → 3: a stricter rule some schools adopt.
    FromSixTenths,
}
code_enum!(Rounding { HalfUp = "half_up", FromSixTenths = "from_0.6" });

impl Rounding {
    pub fn round(self, avg: f64) -> u8 {
        let floor = avg.floor();
        let frac = avg - floor;
        // Averages are sums of small integers over small counts: guard against 3.4999999.
        let threshold = match self {
            Rounding::HalfUp => 0.5,
            Rounding::FromSixTenths => 0.6,
        };
        let up = frac + 1e-9 >= threshold;
        (floor as u8) + u8::from(up)
    }
}

/// Plain and weighted averages of a student's marks, as DOMAIN.md defines them: special marks are
/// left out, a double mark counts as two marks, weighted average = Σ(mark·weight) / Σweight.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Averages {
    pub count: u32,
    pub average: Option<f64>,
    pub weighted: Option<f64>,
}

impl Averages {
    pub fn of(marks: impl IntoIterator<Item = (MarkValue, f64)>) -> Self {
        let (mut count, mut sum, mut wsum, mut weights, mut numeric) = (0u32, 0.0, 0.0, 0.0, 0u32);
        for (m, w) in marks {
            count += 1;
            if let Some(v) = m.numeric() {
                numeric += 1;
                sum += v;
                wsum += v * w;
                weights += w;
            }
        }
        Averages {
            count,
            average: (numeric > 0).then(|| sum / numeric as f64),
            weighted: (weights > 0.0).then(|| wsum / weights),
        }
    }

    /// The proposed period mark: the weighted average rounded by the school's rule.
    pub fn proposed(&self, rounding: Rounding) -> Option<u8> {
        self.weighted.map(|w| rounding.round(w))
    }
}

/// A person's name as the journal prints it.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct PersonName {
    pub surname: String,
    pub name: String,
    pub patronymic: String,
}

impl PersonName {
    /// "Иванова Анна Петровна".
    pub fn full(&self) -> String {
        let mut s = format!("{} {}", self.surname, self.name);
        if !self.patronymic.is_empty() {
            s.push(' ');
            s.push_str(&self.patronymic);
        }
        s
    }
    /// "Иванова А. П." — the journal's list form.
    pub fn short(&self) -> String {
        let initial = |s: &str| {
            s.chars()
                .next()
                .map(|c| format!("{c}."))
                .unwrap_or_default()
        };
        let mut s = format!("{} {}", self.surname, initial(&self.name));
        if !self.patronymic.is_empty() {
            s.push(' ');
            s.push_str(&initial(&self.patronymic));
        }
        s
    }
}

/// Russian alphabetical order: ё sorts with е, case does not matter.
pub fn collate_key(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// Dates as the school writes them: 22.11.2026.
pub fn format_date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// Reads 22.11.2026 (or ISO 2026-11-22).
pub fn parse_date(s: &str) -> Result<NaiveDate, Invalid> {
    let t = s.trim();
    NaiveDate::parse_from_str(t, "%d.%m.%Y")
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y-%m-%d"))
        .map_err(|_| Invalid::Date(s.to_string()))
}

/// An academic year name: "2025/2026" → 2025.
pub fn parse_year_name(s: &str) -> Result<i32, Invalid> {
    let bad = || Invalid::Year(s.to_string());
    let (a, b) = s.trim().split_once('/').ok_or_else(bad)?;
    let a: i32 = a.parse().map_err(|_| bad())?;
    let b: i32 = b.parse().map_err(|_| bad())?;
    if b == a + 1 && (2000..2200).contains(&a) {
        Ok(a)
    } else {
        Err(bad())
    }
}

/// The academic year a date falls in: September to August.
pub fn year_start_of(d: NaiveDate) -> i32 {
    if d.month() >= 8 {
        d.year()
    } else {
        d.year() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_checked_against_the_scale() {
        assert_eq!(MarkValue::parse(Scale::Five, "5"), Ok(MarkValue::Num(5)));
        assert!(MarkValue::parse(Scale::Five, "6").is_err());
        assert!(MarkValue::parse(Scale::Five, "0").is_err());
        assert_eq!(MarkValue::parse(Scale::Ten, "9"), Ok(MarkValue::Num(9)));
        assert!(MarkValue::parse(Scale::PassFail, "5").is_err());
        assert_eq!(
            MarkValue::parse(Scale::PassFail, "Зач"),
            Ok(MarkValue::Pass)
        );
        assert_eq!(
            MarkValue::parse(Scale::PassFail, "н/з"),
            Ok(MarkValue::Fail)
        );
        assert!(MarkValue::parse(Scale::Five, "зач").is_err());
    }

    #[test]
    fn special_period_marks() {
        assert_eq!(
            PeriodMarkValue::parse(Scale::Five, "н/а"),
            Ok(PeriodMarkValue::NotAttested)
        );
        assert_eq!(
            PeriodMarkValue::parse(Scale::Five, "осв"),
            Ok(PeriodMarkValue::Exempt)
        );
        assert_eq!(
            PeriodMarkValue::from_code("4"),
            Some(PeriodMarkValue::Mark(MarkValue::Num(4)))
        );
    }

    #[test]
    fn attendance_codes_typed_in_either_alphabet() {
        assert_eq!(AttendanceCode::parse("н"), Ok(AttendanceCode::Absent));
        assert_eq!(AttendanceCode::parse("N"), Ok(AttendanceCode::Absent));
        assert_eq!(AttendanceCode::parse("УП"), Ok(AttendanceCode::Excused));
        assert_eq!(AttendanceCode::parse("o"), Ok(AttendanceCode::Late));
        // One key on either layout, as the journal's hint lists them: УП (У), ОП (О).
        for (key, code) in [
            ("н", AttendanceCode::Absent),
            ("Б", AttendanceCode::Ill),
            ("у", AttendanceCode::Excused),
            ("У", AttendanceCode::Excused),
            ("о", AttendanceCode::Late),
            ("О", AttendanceCode::Late),
            ("u", AttendanceCode::Excused),
            ("b", AttendanceCode::Ill),
        ] {
            assert_eq!(AttendanceCode::parse(key), Ok(code), "{key}");
        }
        assert!(AttendanceCode::parse("x").is_err());
    }

    #[test]
    fn weighted_average_is_sum_of_mark_times_weight_over_weights() {
        // A test (weight 2) of 5 and an answer (weight 1) of 2: (10 + 2) / 3 = 4.0.
        let a = Averages::of([(MarkValue::Num(5), 2.0), (MarkValue::Num(2), 1.0)]);
        assert_eq!(a.count, 2);
        assert_eq!(a.average, Some(3.5));
        assert_eq!(a.weighted, Some(4.0));
        // Pass/fail marks count as marks but not in averages.
        let b = Averages::of([(MarkValue::Pass, 1.0)]);
        assert_eq!((b.count, b.average), (1, None));
    }

    #[test]
    fn proposed_mark_follows_the_rounding_rule() {
        let a = Averages::of([(MarkValue::Num(4), 1.0), (MarkValue::Num(3), 1.0)]);
        assert_eq!(a.proposed(Rounding::HalfUp), Some(4));
        assert_eq!(a.proposed(Rounding::FromSixTenths), Some(3));
        assert_eq!(Rounding::FromSixTenths.round(3.6), 4);
        assert_eq!(Rounding::HalfUp.round(3.49), 3);
    }

    #[test]
    fn edit_window_days() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
        assert_eq!(EditWindow::Never.last_day(d), None);
        assert_eq!(
            EditWindow::OneWeek.last_day(d),
            NaiveDate::from_ymd_opt(2026, 2, 7)
        );
        assert_eq!(
            EditWindow::OneMonth.last_day(d),
            NaiveDate::from_ymd_opt(2026, 2, 28)
        );
    }

    #[test]
    fn names_and_dates() {
        let n = PersonName {
            surname: "Семёнова".into(),
            name: "Алёна".into(),
            patronymic: "Петровна".into(),
        };
        assert_eq!(n.short(), "Семёнова А. П.");
        assert!(collate_key("Ёжиков") > collate_key("Ежов").replace("ов", "")); // ё sorts as е
        assert_eq!(
            parse_date("22.11.2026").unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
        );
        assert!(parse_date("31.02.2026").is_err());
        assert_eq!(parse_year_name("2025/2026"), Ok(2025));
        assert!(parse_year_name("2025/2027").is_err());
    }
}
