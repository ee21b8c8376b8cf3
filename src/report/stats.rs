//! The school's arithmetic of results, as Russian e-journals publish it (DOMAIN.md, form 4): period
//! marks counted as «5», «4», «3», «2» (a 10-point scale folded: 10–9 → 5, 8–7 → 4, 6–5 → 3),
//! N = students on the list − exempt − without a mark, and from the counts % успеваемости,
//! % качества, the average mark and СОУ; and the students' categories (отличники, хорошисты, with
//! one «3», failing, not attested) that the ledger and the progress report total.

use crate::model::{MarkValue, PeriodMarkValue, Scale};

/// A period (or year, or final) mark as the counts see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Counted {
    Five,
    Four,
    Three,
    Two,
    /// зачёт: passes, says nothing of quality.
    Pass,
    /// незачёт: fails.
    Fail,
    NotAttested,
    Exempt,
    /// No mark set.
    Missing,
}

impl Counted {
    pub fn of(v: Option<PeriodMarkValue>, scale: Scale) -> Counted {
        match v {
            None => Counted::Missing,
            Some(PeriodMarkValue::NotAttested) => Counted::NotAttested,
            Some(PeriodMarkValue::Exempt) => Counted::Exempt,
            Some(PeriodMarkValue::Mark(MarkValue::Pass)) => Counted::Pass,
            Some(PeriodMarkValue::Mark(MarkValue::Fail)) => Counted::Fail,
            Some(PeriodMarkValue::Mark(MarkValue::Num(n))) => match five_point(n, scale) {
                5 => Counted::Five,
                4 => Counted::Four,
                3 => Counted::Three,
                _ => Counted::Two,
            },
        }
    }

    /// The value on the 5-point scale, for averages.
    pub fn value(self) -> Option<u8> {
        match self {
            Counted::Five => Some(5),
            Counted::Four => Some(4),
            Counted::Three => Some(3),
            Counted::Two => Some(2),
            _ => None,
        }
    }
}

/// A mark on the 5-point scale (10–9 → 5, 8–7 → 4, 6–5 → 3, below → 2 on a 10-point scale).
pub fn five_point(n: u8, scale: Scale) -> u8 {
    match scale {
        Scale::Ten => match n {
            9..=10 => 5,
            7..=8 => 4,
            5..=6 => 3,
            _ => 2,
        },
        _ => n.min(5),
    }
}

/// The counts of one class × subject × period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// On the list at the end of the period.
    pub on_list: u32,
    pub exempt: u32,
    pub missing: u32,
    pub n5: u32,
    pub n4: u32,
    pub n3: u32,
    pub n2: u32,
    pub not_attested: u32,
    pub pass: u32,
    pub fail: u32,
}

impl Counts {
    pub fn add(&mut self, c: Counted) {
        self.on_list += 1;
        match c {
            Counted::Five => self.n5 += 1,
            Counted::Four => self.n4 += 1,
            Counted::Three => self.n3 += 1,
            Counted::Two => self.n2 += 1,
            Counted::Pass => self.pass += 1,
            Counted::Fail => self.fail += 1,
            Counted::NotAttested => self.not_attested += 1,
            Counted::Exempt => self.exempt += 1,
            Counted::Missing => self.missing += 1,
        }
    }

    /// N = on the list − exempt − without a mark (н/а stay in).
    pub fn n(&self) -> u32 {
        self.on_list - self.exempt - self.missing
    }

    fn share(&self, part: u32) -> Option<f64> {
        let n = self.n();
        (n > 0).then(|| f64::from(part) * 100.0 / f64::from(n))
    }

    /// % успеваемости = (n5 + n4 + n3 [+ зачёт]) · 100 / N.
    pub fn progress(&self) -> Option<f64> {
        self.share(self.n5 + self.n4 + self.n3 + self.pass)
    }

    /// % качества = (n5 + n4) · 100 / N; none for a pass/fail subject.
    pub fn quality(&self) -> Option<f64> {
        if self.numeric() == 0 && self.pass + self.fail > 0 {
            return None;
        }
        self.share(self.n5 + self.n4)
    }

    /// СОУ = (100·n5 + 64·n4 + 36·n3 + 16·n2 + 7·n_н/а) / N; none for a pass/fail subject.
    pub fn sou(&self) -> Option<f64> {
        if self.numeric() == 0 && self.pass + self.fail > 0 {
            return None;
        }
        let n = self.n();
        (n > 0).then(|| {
            f64::from(
                100 * self.n5 + 64 * self.n4 + 36 * self.n3 + 16 * self.n2 + 7 * self.not_attested,
            ) / f64::from(n)
        })
    }

    /// Average period mark: Σ(mark · count) / Σcount over «5» … «2».
    pub fn average(&self) -> Option<f64> {
        let k = self.numeric();
        (k > 0).then(|| {
            f64::from(5 * self.n5 + 4 * self.n4 + 3 * self.n3 + 2 * self.n2) / f64::from(k)
        })
    }

    fn numeric(&self) -> u32 {
        self.n5 + self.n4 + self.n3 + self.n2
    }
}

/// Where a student stands by all their marks of a period (or the year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// Only «5» (and зачёт).
    Excellent,
    /// «4» and «5».
    Good,
    /// Exactly one «3», the rest «4» and «5».
    OneThree,
    /// Two or more «3», no «2».
    Satisfactory,
    /// A «2», a незачёт or no mark at all in a subject.
    Failing,
    /// н/а in a subject.
    NotAttested,
    /// No marks to judge by (first grade, subjects without attestation).
    Unmarked,
}

/// A student's category from their marks in every attested subject.
pub fn categorize(marks: &[Counted]) -> Category {
    if marks.contains(&Counted::NotAttested) {
        return Category::NotAttested;
    }
    if marks
        .iter()
        .any(|m| matches!(m, Counted::Two | Counted::Fail | Counted::Missing))
    {
        return Category::Failing;
    }
    let threes = marks.iter().filter(|m| **m == Counted::Three).count();
    if threes == 1 {
        return Category::OneThree;
    }
    if threes > 1 {
        return Category::Satisfactory;
    }
    if marks.contains(&Counted::Four) {
        return Category::Good;
    }
    if marks
        .iter()
        .any(|m| matches!(m, Counted::Five | Counted::Pass))
    {
        return Category::Excellent;
    }
    Category::Unmarked
}

/// A class's (or the school's) students by category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Categories {
    pub students: u32,
    pub excellent: u32,
    pub good: u32,
    pub one_three: u32,
    pub satisfactory: u32,
    pub failing: u32,
    pub not_attested: u32,
    pub unmarked: u32,
}

impl Categories {
    pub fn add(&mut self, c: Category) {
        self.students += 1;
        match c {
            Category::Excellent => self.excellent += 1,
            Category::Good => self.good += 1,
            Category::OneThree => self.one_three += 1,
            Category::Satisfactory => self.satisfactory += 1,
            Category::Failing => self.failing += 1,
            Category::NotAttested => self.not_attested += 1,
            Category::Unmarked => self.unmarked += 1,
        }
    }

    pub fn merge(&mut self, o: &Categories) {
        self.students += o.students;
        self.excellent += o.excellent;
        self.good += o.good;
        self.one_three += o.one_three;
        self.satisfactory += o.satisfactory;
        self.failing += o.failing;
        self.not_attested += o.not_attested;
        self.unmarked += o.unmarked;
    }

    /// Students who have marks to judge by.
    pub fn judged(&self) -> u32 {
        self.students - self.unmarked
    }

    /// Share of judged students without a «2», a незачёт, a missing mark or н/а.
    pub fn progress(&self) -> Option<f64> {
        super::percent(
            self.judged() - self.failing - self.not_attested,
            self.judged(),
        )
    }

    /// Share of judged students with only «4» and «5».
    pub fn quality(&self) -> Option<f64> {
        super::percent(self.excellent + self.good, self.judged())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(n: u8) -> Option<PeriodMarkValue> {
        Some(PeriodMarkValue::Mark(MarkValue::Num(n)))
    }

    #[test]
    fn the_published_formulas_on_a_worked_example() {
        // 25 on the list: 1 exempt, 1 without a mark; 5×«5», 9×«4», 6×«3», 2×«2», 1×н/а → N = 23.
        let mut c = Counts::default();
        let marks = [(5, 5u8), (9, 4), (6, 3), (2, 2)];
        for (k, v) in marks {
            for _ in 0..k {
                c.add(Counted::of(m(v), Scale::Five));
            }
        }
        c.add(Counted::of(Some(PeriodMarkValue::NotAttested), Scale::Five));
        c.add(Counted::of(Some(PeriodMarkValue::Exempt), Scale::Five));
        c.add(Counted::of(None, Scale::Five));
        assert_eq!((c.on_list, c.n()), (25, 23));
        assert!((c.progress().unwrap() - 20.0 * 100.0 / 23.0).abs() < 1e-9);
        assert!((c.quality().unwrap() - 14.0 * 100.0 / 23.0).abs() < 1e-9);
        let sou = (100.0 * 5.0 + 64.0 * 9.0 + 36.0 * 6.0 + 16.0 * 2.0 + 7.0) / 23.0;
        assert!((c.sou().unwrap() - sou).abs() < 1e-9);
        assert!((c.average().unwrap() - (25.0 + 36.0 + 18.0 + 4.0) / 22.0).abs() < 1e-9);
    }

    #[test]
    fn ten_point_marks_fold_onto_five() {
        assert_eq!(Counted::of(m(9), Scale::Ten), Counted::Five);
        assert_eq!(Counted::of(m(7), Scale::Ten), Counted::Four);
        assert_eq!(Counted::of(m(5), Scale::Ten), Counted::Three);
        assert_eq!(Counted::of(m(4), Scale::Ten), Counted::Two);
        assert_eq!(Counted::of(m(5), Scale::Five), Counted::Five);
    }

    #[test]
    fn students_fall_into_one_category() {
        use Counted::*;
        assert_eq!(categorize(&[Five, Five, Pass]), Category::Excellent);
        assert_eq!(categorize(&[Five, Four]), Category::Good);
        assert_eq!(categorize(&[Five, Three, Four]), Category::OneThree);
        assert_eq!(categorize(&[Three, Three]), Category::Satisfactory);
        assert_eq!(categorize(&[Five, Two]), Category::Failing);
        assert_eq!(categorize(&[Five, Missing]), Category::Failing);
        assert_eq!(categorize(&[Two, NotAttested]), Category::NotAttested);
        assert_eq!(categorize(&[Exempt]), Category::Unmarked);
    }
}
