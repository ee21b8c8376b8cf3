//! A class's study groups, shared by the administrator's School screen (the Classes tab) and the
//! Students screen, where a class teacher splits their own class: the groups there are by
//! subject with how many students each holds, and the form that splits the class for a subject —
//! how many groups, who goes to which (or to none), from which day — or regroups it: a student
//! moved to another group from a date, the journal of past dates unchanged.
//!
//! The form only prepares a [`Plan`]; each screen sends it to the core its own way (the core
//! checks that the user keeps the class).

use std::collections::HashMap;

use chrono::NaiveDate;
use iced::widget::{button, checkbox, column, container, row, text};
use iced::{Fill, Length};

use super::{
    chips, chips_with_ids, date, down_columns, frozen, input, label, primary, student_name,
};
use crate::gui::theme;
use crate::gui::widget::{self, Element};
use crate::i18n::Tr;
use crate::model::*;
use crate::setup::classes::{GroupInfo, GroupPlan};

/// The most groups a class is split into here.
const MAX_GROUPS: usize = 4;

/// The class the form is about, as the screen read it.
pub struct Class<'a> {
    pub id: ClassId,
    pub name: String,
    /// Who is on the list on the day the page was read, in alphabetical order.
    pub roll: &'a [(StudentId, PersonName)],
    /// Its groups with their members on that day.
    pub groups: &'a [GroupInfo],
    /// The subjects the class may be split for.
    pub subjects: Vec<(SubjectId, String)>,
    /// The academic year's first and last day.
    pub year: (NaiveDate, NaiveDate),
    /// Whether the year takes changes.
    pub open: bool,
    /// The class's whole-class courses still running that a split may end from its first day
    /// (subject, course, title): given only to whoever may end courses (the administrator).
    pub ending: Vec<(SubjectId, CourseId, String)>,
}

impl Class<'_> {
    fn whole_class_course(&self, subject: SubjectId) -> Option<&(SubjectId, CourseId, String)> {
        self.ending.iter().find(|c| c.0 == subject)
    }
}

/// A split ready to be sent to the core.
#[derive(Debug, Clone)]
pub struct Plan {
    pub class: ClassId,
    pub subject: SubjectId,
    pub groups: Vec<GroupPlan>,
    pub from: NaiveDate,
    /// The whole-class course of the subject to end from the same day, with its title.
    pub ending: Option<(CourseId, String)>,
    /// What the page says once it is done.
    pub said: String,
}

/// The split being prepared: for which subject, the groups' names, who goes where.
#[derive(Debug, Clone, Default)]
pub struct Split {
    subject: Option<SubjectId>,
    names: Vec<String>,
    /// Student → index into `names`; absent: in no group.
    assign: HashMap<StudentId, usize>,
    from: String,
    /// End the class's whole-class course of the subject from the same day.
    end_course: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Subject(SubjectId),
    Count(usize),
    Assign(StudentId, Option<usize>),
    From(String),
    EndCourse(bool),
    Save,
}

fn group_name(tr: &Tr, n: usize) -> String {
    tr.t_args("school-group-name", &[("number", n.into())])
}

impl Split {
    /// The page was read (again): the date back to `on`, the subject chosen shown as stored.
    pub fn loaded(&mut self, c: Option<&Class<'_>>, on: NaiveDate, tr: &Tr) {
        self.from = format_date(on);
        self.end_course = false;
        let subject = self.subject;
        self.prefill(c, subject, tr);
    }

    /// Another class chosen: the same subject, as that class is split.
    pub fn class_changed(&mut self, c: Option<&Class<'_>>, tr: &Tr) {
        let subject = self.subject;
        self.prefill(c, subject, tr);
    }

    /// The form for class `c` and `subject`: its present groups and members if it is split
    /// already, else two groups, the list halved in alphabetical order.
    fn prefill(&mut self, c: Option<&Class<'_>>, subject: Option<SubjectId>, tr: &Tr) {
        self.names.clear();
        self.assign.clear();
        let Some(c) = c else {
            self.subject = subject;
            return;
        };
        // A subject this class is not offered for is not kept.
        self.subject = subject.filter(|s| c.subjects.iter().any(|x| x.0 == *s));
        let Some(subject) = self.subject else {
            return;
        };
        let mut present: Vec<&GroupInfo> = c
            .groups
            .iter()
            .filter(|g| g.subject == Some(subject))
            .collect();
        present.sort_by(|a, b| a.name.cmp(&b.name));
        if !present.is_empty() {
            for (i, g) in present.iter().enumerate() {
                self.names.push(g.name.clone());
                for s in &g.members {
                    self.assign.entry(*s).or_insert(i);
                }
            }
            return;
        }
        self.names = vec![group_name(tr, 1), group_name(tr, 2)];
        let half = c.roll.len().div_ceil(2);
        for (i, (s, _)) in c.roll.iter().enumerate() {
            self.assign.insert(*s, usize::from(i >= half));
        }
    }

    /// A press on the form: the form changed, or the split to send (`Ok(Some)`), or why it
    /// cannot be sent, in plain words.
    pub fn update(
        &mut self,
        message: Message,
        c: &Class<'_>,
        tr: &Tr,
    ) -> Result<Option<Plan>, String> {
        if !c.open {
            return Ok(None);
        }
        match message {
            Message::EndCourse(on) => self.end_course = on,
            Message::Subject(s) => {
                self.end_course = false;
                self.prefill(Some(c), Some(s), tr);
            }
            Message::Count(n) => {
                let n = n.clamp(2, MAX_GROUPS);
                while self.names.len() < n {
                    let next = self.names.len() + 1;
                    self.names.push(group_name(tr, next));
                }
                self.names.truncate(n);
                self.assign.retain(|_, g| *g < n);
            }
            Message::Assign(s, g) => match g {
                Some(g) => {
                    self.assign.insert(s, g);
                }
                None => {
                    self.assign.remove(&s);
                }
            },
            Message::From(v) => self.from = v,
            Message::Save => return self.plan(c, tr).map(Some),
        }
        Ok(None)
    }

    fn plan(&self, c: &Class<'_>, tr: &Tr) -> Result<Plan, String> {
        let Some(subject) = self.subject else {
            return Err(tr.t("school-split-subject-needed"));
        };
        let from = date(tr, &self.from)?;
        let (start, end) = c.year;
        if from < start || from > end {
            return Err(tr.t_args(
                "school-outside-year",
                &[
                    ("start", format_date(start).into()),
                    ("end", format_date(end).into()),
                ],
            ));
        }
        let mut groups: Vec<GroupPlan> = self
            .names
            .iter()
            .map(|n| GroupPlan {
                name: n.clone(),
                students: Vec::new(),
            })
            .collect();
        for (s, _) in c.roll {
            if let Some(g) = self.assign.get(s).and_then(|g| groups.get_mut(*g)) {
                g.students.push(*s);
            }
        }
        if let Some(empty) = groups.iter().find(|g| g.students.is_empty()) {
            return Err(tr.t_args(
                "school-group-empty",
                &[("group", empty.name.clone().into())],
            ));
        }
        let subject_name = c
            .subjects
            .iter()
            .find(|s| s.0 == subject)
            .map(|s| s.1.clone())
            .unwrap_or_default();
        let said = tr.t_args(
            "school-split-done",
            &[
                ("class", c.name.clone().into()),
                ("subject", subject_name.into()),
                ("count", groups.len().into()),
                ("date", format_date(from).into()),
            ],
        );
        let ending = c
            .whole_class_course(subject)
            .filter(|_| self.end_course)
            .map(|(_, id, title)| (*id, title.clone()));
        Ok(Plan {
            class: c.id,
            subject,
            groups,
            from,
            ending,
            said,
        })
    }

    /// The class's groups by subject, then the split form.
    pub fn view<'a>(&'a self, c: &Class<'_>, tr: &Tr, edit: bool) -> Element<'a, Message> {
        let on = |m: Message| edit.then_some(m);
        let mut col = column![widget::subheading(
            tr.t_args("school-groups-of", &[("class", c.name.clone().into())])
        )]
        .spacing(8);
        // The present groups, by subject.
        if c.groups.is_empty() {
            col = col.push(widget::hint(tr.t("school-no-groups")));
        }
        let mut by_subject: Vec<(Option<String>, Vec<String>)> = Vec::new();
        for g in c.groups {
            let part = tr.t_args(
                "school-group-members",
                &[
                    ("group", g.name.clone().into()),
                    ("count", g.members.len().into()),
                ],
            );
            match by_subject.iter_mut().find(|(s, _)| *s == g.subject_name) {
                Some((_, parts)) => parts.push(part),
                None => by_subject.push((g.subject_name.clone(), vec![part])),
            }
        }
        for (subject, parts) in by_subject {
            col = col.push(
                text(format!(
                    "{}: {}",
                    subject.unwrap_or_else(|| tr.t("school-all-subjects")),
                    parts.join(", ")
                ))
                .size(theme::SMALL),
            );
        }

        // The split form.
        col = col.push(
            text(tr.t("school-split-title"))
                .size(theme::TEXT)
                .font(theme::BOLD),
        );
        col = col.push(widget::hint(tr.t("school-split-hint")));
        col = col.push(label(tr, "school-subject")).push(chips_with_ids(
            c.subjects.clone(),
            self.subject.as_ref(),
            Message::Subject,
            edit,
            |s| Some(format!("school-split-subject-{}", s.0)),
        ));
        if self.subject.is_none() {
            return col.into();
        }
        let count = self.names.len();
        col = col.push(
            row![
                label(tr, "school-split-count"),
                chips(
                    (2..=MAX_GROUPS).map(|n| (n, n.to_string())),
                    Some(&count),
                    Message::Count,
                    edit
                ),
                label(tr, "school-split-from"),
                frozen(
                    input(&self.from, "school-split-from", Message::From, None),
                    c.open
                )
                .width(110),
            ]
            .spacing(10)
            .align_y(iced::Center),
        );
        // Every student with a button per group, three to a row.
        let mut grid = column![].spacing(4);
        for cells in down_columns(c.roll, 3) {
            let mut line = row![].spacing(18);
            for cell in cells {
                let Some((s, name)) = cell else {
                    line = line.push(iced::widget::Space::new().width(Length::FillPortion(1)));
                    continue;
                };
                let s = *s;
                let chosen = self.assign.get(&s).copied();
                let mut cell = row![text(student_name(name)).size(theme::SMALL).width(Fill)]
                    .spacing(3)
                    .align_y(iced::Center);
                let choices = (0..count).map(Some).chain([None]);
                for g in choices {
                    let caption = g.map(|g| (g + 1).to_string()).unwrap_or_else(|| "—".into());
                    let id = format!(
                        "school-assign-{}-{}",
                        s.0,
                        g.map(|g| (g + 1).to_string())
                            .unwrap_or_else(|| "none".into())
                    );
                    cell = cell.push(
                        container(
                            button(
                                text(caption)
                                    .size(theme::SMALL)
                                    .width(Fill)
                                    .align_x(iced::Center),
                            )
                            .width(28)
                            .padding([2, 0])
                            .style(theme::button::segment(chosen == g))
                            .on_press_maybe(on(Message::Assign(s, g))),
                        )
                        .id(id),
                    );
                }
                line = line.push(container(cell).width(Length::FillPortion(1)));
            }
            grid = grid.push(line);
        }
        if c.roll.is_empty() {
            col = col.push(widget::hint(tr.t("school-no-students")));
        } else {
            col = col.push(grid);
        }
        let tally = self
            .names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let k = c
                    .roll
                    .iter()
                    .filter(|(s, _)| self.assign.get(s) == Some(&i))
                    .count();
                tr.t_args(
                    "school-group-members",
                    &[("group", n.clone().into()), ("count", k.into())],
                )
            })
            .chain([tr.t_args(
                "school-split-none",
                &[(
                    "count",
                    c.roll
                        .iter()
                        .filter(|(s, _)| !self.assign.contains_key(s))
                        .count()
                        .into(),
                )],
            )])
            .collect::<Vec<_>>()
            .join(", ");
        // The whole-class course of the subject, which the split leaves beside the group courses.
        if let Some((_, _, title)) = self.subject.and_then(|s| c.whole_class_course(s)) {
            col = col.push(
                container(
                    checkbox(self.end_course)
                        .label(tr.t_args(
                            "school-split-end-course",
                            &[("course", title.clone().into())],
                        ))
                        .on_toggle_maybe(edit.then_some(Message::EndCourse))
                        .size(16)
                        .text_size(theme::SMALL),
                )
                .id("school-split-end-course"),
            );
            col = col.push(widget::hint(tr.t("school-split-end-course-hint")));
        }
        col = col.push(
            row![
                text(tally).size(theme::SMALL).width(Fill),
                primary(tr.t("school-split-save"), on(Message::Save)),
            ]
            .spacing(10)
            .align_y(iced::Center),
        );
        col.into()
    }
}
