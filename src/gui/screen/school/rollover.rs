//! The year rollover: what will happen to each class (5А → 6А, the last grade graduating), the
//! students the school keeps back ticked class by class, and the rollover itself after a second
//! press that says what it is about to do. The old year then shows read-only.

use std::collections::BTreeSet;

use chrono::Datelike;
use iced::widget::{checkbox, column, container, row, text};
use iced::{Fill, Length};

use super::{
    Data, Done, Outcome, action, card, chips_with_ids, down_columns, head, input, label, primary,
    student_name,
};
use crate::gui::theme;
use crate::gui::widget::{self, Element};
use crate::i18n::Tr;
use crate::model::*;
use crate::setup::rollover;

#[derive(Debug, Default)]
pub struct Form {
    last_grade: String,
    /// The class whose list is open for ticking.
    class: Option<ClassId>,
    kept: BTreeSet<StudentId>,
    /// The rollover was asked for and waits for the second press.
    confirm: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    LastGrade(String),
    Class(ClassId),
    Keep(StudentId, bool),
    Run,
    Confirm,
    Cancel,
}

impl Form {
    pub fn loaded(&mut self, d: &Data) {
        if self.last_grade.is_empty() {
            self.last_grade = "11".into();
        }
        let on_plan = |s: &StudentId| d.plan.iter().any(|r| r.students.iter().any(|x| x.0 == *s));
        self.kept.retain(on_plan);
        if !self
            .class
            .is_some_and(|c| d.plan.iter().any(|r| r.class.id == c))
        {
            self.class = d.plan.first().map(|r| r.class.id);
        }
        self.confirm = false;
    }

    fn last_grade(&self) -> Option<u8> {
        self.last_grade
            .trim()
            .parse()
            .ok()
            .filter(|g| (1..=11).contains(g))
    }

    pub fn update(&mut self, message: Message, d: &Data, tr: &Tr) -> Outcome {
        let Some(y) = d.year.clone().filter(|_| d.open()) else {
            return Outcome::None;
        };
        match message {
            Message::LastGrade(v) => {
                self.last_grade = v;
                self.confirm = false;
            }
            Message::Class(c) => self.class = Some(c),
            Message::Keep(s, on) => {
                if on {
                    self.kept.insert(s);
                } else {
                    self.kept.remove(&s);
                }
                self.confirm = false;
            }
            Message::Run => {
                if self.last_grade().is_none() {
                    return Outcome::Refuse(tr.t("school-bad-last-grade"));
                }
                self.confirm = true;
            }
            Message::Cancel => self.confirm = false,
            Message::Confirm => {
                let Some(last) = self.last_grade() else {
                    return Outcome::Refuse(tr.t("school-bad-last-grade"));
                };
                self.confirm = false;
                let kept: Vec<StudentId> = self.kept.iter().copied().collect();
                let tr = tr.clone();
                return Outcome::Run(Box::new(move |db, s| {
                    let r = rollover::rollover(db, s, y.id, last, &kept)?;
                    let next = next_year_name(&y);
                    Ok(Done {
                        text: tr.t_args(
                            "school-rolled-over-summary",
                            &[
                                ("year", next.into()),
                                ("promoted", r.promoted.into()),
                                ("graduated", r.graduated.into()),
                                ("kept", r.kept_back.into()),
                                ("courses", r.courses.into()),
                            ],
                        ),
                        year: r.new_year,
                    })
                }));
            }
        }
        Outcome::None
    }

    pub fn view<'a>(&'a self, d: &'a Data, tr: &'a Tr, idle: bool) -> Element<'a, Message> {
        let mut col = column![
            widget::subheading(tr.t("school-rollover")),
            widget::hint(tr.t("school-rollover-about")),
        ]
        .spacing(8);
        let Some(y) = d.year.as_ref().filter(|_| d.open()) else {
            return card(col.push(text(tr.t("school-rollover-closed")).size(theme::SMALL)));
        };
        let edit = idle;
        let on = |m: Message| edit.then_some(m);
        let small = |s: String| text(s).size(theme::SMALL);
        col = col.push(
            row![
                label(tr, "school-last-grade"),
                input(
                    &self.last_grade,
                    "school-last-grade",
                    Message::LastGrade,
                    None
                )
                .width(60),
                widget::hint(tr.t("school-last-grade-hint")),
            ]
            .spacing(8)
            .align_y(iced::Center),
        );
        let last = self.last_grade();

        // What happens to each class.
        col = col.push(widget::subheading(tr.t_args(
            "school-rollover-plan",
            &[("year", next_year_name(y).into())],
        )));
        col = col.push(
            row![
                head(tr, "school-class").width(90),
                head(tr, "school-col-next").width(160),
                head(tr, "school-col-students").width(100),
                head(tr, "school-col-kept").width(Fill),
            ]
            .spacing(8),
        );
        for r in &d.plan {
            let kept = r
                .students
                .iter()
                .filter(|(s, _)| self.kept.contains(s))
                .count();
            let next = match last {
                Some(l) if r.class.grade < l => {
                    format!("{}{}", r.class.grade + 1, r.class.letter)
                }
                Some(_) => tr.t("school-graduates"),
                None => "—".into(),
            };
            col = col.push(
                row![
                    small(r.class.name()).width(90),
                    small(next).width(160),
                    small(r.students.len().to_string()).width(100),
                    small(if kept == 0 {
                        String::new()
                    } else {
                        kept.to_string()
                    })
                    .width(Fill),
                ]
                .spacing(8),
            );
        }

        // Who is kept back, ticked class by class.
        col = col.push(widget::subheading(tr.t("school-kept-title")));
        col = col.push(widget::hint(tr.t("school-kept-hint")));
        col = col.push(chips_with_ids(
            d.plan.iter().map(|r| (r.class.id, r.class.name())),
            self.class.as_ref(),
            Message::Class,
            true,
            |c| Some(format!("school-rollover-class-{}", c.0)),
        ));
        if let Some(r) = self
            .class
            .and_then(|c| d.plan.iter().find(|r| r.class.id == c))
        {
            let mut grid = column![].spacing(4);
            for cells in down_columns(&r.students, 3) {
                let mut line = row![].spacing(18);
                for cell in cells {
                    let Some((s, name)) = cell else {
                        line = line.push(iced::widget::Space::new().width(Length::FillPortion(1)));
                        continue;
                    };
                    let s = *s;
                    line = line.push(
                        container(
                            checkbox(self.kept.contains(&s))
                                .label(student_name(name))
                                .on_toggle_maybe(edit.then_some(move |b| Message::Keep(s, b)))
                                .size(16)
                                .text_size(theme::SMALL)
                                .width(Fill),
                        )
                        .id(format!("school-keep-{}", s.0))
                        .width(Length::FillPortion(1)),
                    );
                }
                grid = grid.push(line);
            }
            if r.students.is_empty() {
                col = col.push(widget::hint(tr.t("school-no-students")));
            } else {
                col = col.push(grid);
            }
        }
        let kept: Vec<String> = d
            .plan
            .iter()
            .flat_map(|r| {
                r.students
                    .iter()
                    .filter(|(s, _)| self.kept.contains(s))
                    .map(move |(_, n)| format!("{} ({})", student_name(n), r.class.name()))
            })
            .collect();
        col = col.push(small(if kept.is_empty() {
            tr.t("school-kept-none")
        } else {
            tr.t_args("school-kept-list", &[("list", kept.join(", ").into())])
        }));
        col = col.push(primary(tr.t("school-rollover-run"), on(Message::Run)));
        if self.confirm {
            let (mut promoted, mut graduated) = (0usize, 0usize);
            for r in &d.plan {
                let going = r
                    .students
                    .iter()
                    .filter(|(s, _)| !self.kept.contains(s))
                    .count();
                if last.is_some_and(|l| r.class.grade < l) {
                    promoted += going;
                } else {
                    graduated += going;
                }
            }
            col = col.push(widget::notice(
                column![
                    text(tr.t_args(
                        "school-rollover-confirm",
                        &[
                            ("year", next_year_name(y).into()),
                            ("old", y.name.clone().into()),
                            ("promoted", promoted.into()),
                            ("graduated", graduated.into()),
                            ("kept", self.kept.len().into()),
                        ],
                    ))
                    .size(theme::TEXT),
                    row![
                        primary(tr.t("school-rollover-confirm-run"), on(Message::Confirm)),
                        action(tr.t("school-cancel"), Some(Message::Cancel)),
                    ]
                    .spacing(8),
                ]
                .spacing(8),
            ));
        }
        card(col)
    }
}

/// "2026/2027" for the year after `y`.
fn next_year_name(y: &crate::school::Year) -> String {
    let start = y.start.year() + 1;
    format!("{}/{}", start, start + 1)
}
