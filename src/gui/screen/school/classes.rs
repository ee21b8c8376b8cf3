//! Classes and what hangs on them: the classes of the year with their class teachers (a new class,
//! another class teacher), and for the class chosen its courses (a new course, or a course's
//! teacher, room, scale, hours and "without attestation" changed, or a course removed: deleted
//! while its journal is empty, else ended from a date) and its study groups: the class split for
//! a subject, each student put in a group, from a date — and the whole-class course of that
//! subject ended from the same day if the administrator ticks it.

use iced::Fill;
use iced::widget::{checkbox, column, container, pick_list, row, text};

use super::{
    Choice, Data, Done, Outcome, action, card, chips, chips_with_ids, date, decimal, frozen,
    groups, head, input, label, number, primary, scale_key,
};
use crate::error::Error;
use crate::gui::theme;
use crate::gui::widget::{self, Element};
use crate::i18n::Tr;
use crate::model::*;
use crate::ops;
use crate::school::CourseInfo;
use crate::setup::classes::{self, CourseTerms, Retired};

/// The course form: a new course, or the terms of one being changed.
#[derive(Debug, Clone)]
struct CourseDraft {
    editing: Option<CourseId>,
    subject: Option<SubjectId>,
    /// None: the whole class.
    group: Option<GroupId>,
    teacher: Option<StaffId>,
    room: Option<RoomId>,
    scale: Scale,
    no_attestation: bool,
    hours: String,
}

impl Default for CourseDraft {
    fn default() -> Self {
        CourseDraft {
            editing: None,
            subject: None,
            group: None,
            teacher: None,
            room: None,
            scale: Scale::Five,
            no_attestation: false,
            hours: "1".into(),
        }
    }
}

/// A course about to be removed, and from which day (asked only when its journal holds data).
#[derive(Debug, Clone)]
struct RetireDraft {
    course: CourseId,
    from: String,
}

#[derive(Debug, Default)]
pub struct Form {
    selected: Option<ClassId>,
    class_name: String,
    class_teacher: Option<StaffId>,
    changing_teacher: bool,
    course: CourseDraft,
    retire: Option<RetireDraft>,
    split: groups::Split,
}

#[derive(Debug, Clone)]
pub enum Message {
    Select(ClassId),
    ClassName(String),
    ClassTeacher(StaffId),
    AddClass,
    ChangeTeacher(bool),
    NewClassTeacher(StaffId),
    CourseSubject(SubjectId),
    CourseGroup(Option<GroupId>),
    CourseTeacher(StaffId),
    CourseRoom(Choice<Option<RoomId>>),
    CourseScale(Choice<Scale>),
    CourseNoAttestation(bool),
    CourseHours(String),
    SaveCourse,
    EditCourse(CourseId),
    CancelEdit,
    Retire(CourseId),
    RetireFrom(String),
    RetireConfirm,
    RetireCancel,
    Groups(groups::Message),
}

/// The width of a course row after its hours: "without attestation" and the buttons.
const COURSE_TAIL: f32 = 130.0 + 8.0 + 92.0 + 8.0 + 84.0;

/// The chosen class as the groups form sees it: the administrator may also end a whole-class
/// course with a split.
fn split_class(d: &Data, class: ClassId) -> Option<groups::Class<'_>> {
    let info = d.classes.iter().find(|c| c.id == class)?;
    let y = d.year.as_ref()?;
    Some(groups::Class {
        id: class,
        name: info.name(),
        roll: d.rolls.get(&class).map(Vec::as_slice).unwrap_or(&[]),
        groups: d.groups.get(&class).map(Vec::as_slice).unwrap_or(&[]),
        subjects: d.subjects.iter().map(|s| (s.0, s.1.clone())).collect(),
        year: (y.start, y.end),
        open: d.open(),
        ending: d
            .courses
            .iter()
            .filter(|c| c.class == class && c.group.is_none() && c.end.is_none())
            .filter_map(|c| d.terms.get(&c.id).map(|t| (t.subject, c.id, c.title())))
            .collect(),
    })
}

/// What retiring a course did, in words.
fn retired_text(tr: &Tr, course: &str, r: Retired) -> String {
    match r {
        Retired::Deleted { lessons, .. } => tr.t_args(
            "school-course-deleted",
            &[("course", course.into()), ("lessons", lessons.into())],
        ),
        Retired::Ended { last_day, lessons } => tr.t_args(
            "school-course-ended",
            &[
                ("course", course.into()),
                ("date", format_date(last_day).into()),
                ("lessons", lessons.into()),
            ],
        ),
    }
}

impl Form {
    pub fn loaded(&mut self, d: &Data, tr: &Tr) {
        if !self
            .selected
            .is_some_and(|c| d.classes.iter().any(|x| x.id == c))
        {
            self.selected = d.classes.first().map(|c| c.id);
        }
        self.class_name.clear();
        self.class_teacher = None;
        self.changing_teacher = false;
        self.course = CourseDraft::default();
        self.retire = None;
        let class = self.selected.and_then(|c| split_class(d, c));
        self.split.loaded(class.as_ref(), d.on, tr);
    }

    pub fn update(&mut self, message: Message, d: &Data, tr: &Tr) -> Outcome {
        self.try_update(message, d, tr)
            .unwrap_or_else(Outcome::Refuse)
    }

    fn try_update(&mut self, message: Message, d: &Data, tr: &Tr) -> Result<Outcome, String> {
        // A closed year's classes are still chosen to be looked at.
        if let Message::Select(c) = message {
            self.selected = Some(c);
            self.changing_teacher = false;
            self.course = CourseDraft::default();
            self.retire = None;
            let class = split_class(d, c);
            self.split.class_changed(class.as_ref(), tr);
            return Ok(Outcome::None);
        }
        let Some(y) = d.year.clone().filter(|_| d.open()) else {
            return Ok(Outcome::None);
        };
        match message {
            Message::Select(_) => {}
            Message::ClassName(v) => self.class_name = v,
            Message::ClassTeacher(t) => self.class_teacher = Some(t),
            Message::AddClass => {
                let Some((grade, letter)) = classes::parse_class_name(&self.class_name) else {
                    return Err(tr.t("school-bad-class"));
                };
                let name = format!("{grade}{letter}");
                if d.classes.iter().any(|c| c.name() == name) {
                    return Err(tr.t_args("school-exists", &[("name", name.into())]));
                }
                let teacher = self.class_teacher;
                return Ok(super::change(tr.t("school-saved"), move |db, s| {
                    ops::create_class(db, s, y.id, grade, &letter, teacher).map(|_| ())
                })
                .then_focus("school-class"));
            }
            Message::ChangeTeacher(on) => self.changing_teacher = on,
            Message::NewClassTeacher(t) => {
                let Some(class) = self.selected else {
                    return Ok(Outcome::None);
                };
                let said = tr.t_args(
                    "school-class-teacher-set",
                    &[
                        ("class", d.class_name(class).into()),
                        ("teacher", d.teacher_name(t).into()),
                    ],
                );
                return Ok(super::change(said, move |db, s| {
                    ops::set_class_teacher(db, s, class, Some(t))
                }));
            }
            Message::CourseSubject(s) => self.course.subject = Some(s),
            Message::CourseGroup(g) => {
                if self.course.editing.is_none() {
                    self.course.group = g;
                }
            }
            Message::CourseTeacher(t) => self.course.teacher = Some(t),
            Message::CourseRoom(r) => self.course.room = r.value,
            Message::CourseScale(s) => self.course.scale = s.value,
            Message::CourseNoAttestation(b) => self.course.no_attestation = b,
            Message::CourseHours(v) => self.course.hours = v,
            Message::EditCourse(id) => {
                let Some(t) = d.terms.get(&id) else {
                    return Ok(Outcome::None);
                };
                self.retire = None;
                self.course = CourseDraft {
                    editing: Some(id),
                    subject: Some(t.subject),
                    group: t.group,
                    teacher: Some(t.teacher),
                    room: t.room,
                    scale: t.scale,
                    no_attestation: t.no_attestation,
                    hours: decimal(t.hours_per_week),
                };
            }
            Message::CancelEdit => self.course = CourseDraft::default(),
            Message::Retire(id) => {
                self.course = CourseDraft::default();
                // The first day it can end from: after its last lesson with data, today at the
                // earliest.
                let after_data = d
                    .uses
                    .get(&id)
                    .and_then(|u| u.last_held)
                    .and_then(|l| l.succ_opt());
                let from = after_data.map_or(d.on, |a| a.max(d.on)).min(y.end);
                self.retire = Some(RetireDraft {
                    course: id,
                    from: format_date(from),
                });
            }
            Message::RetireFrom(v) => {
                if let Some(r) = &mut self.retire {
                    r.from = v;
                }
            }
            Message::RetireCancel => self.retire = None,
            Message::RetireConfirm => {
                let Some(r) = &self.retire else {
                    return Ok(Outcome::None);
                };
                let Some(c) = d.courses.iter().find(|c| c.id == r.course) else {
                    return Ok(Outcome::None);
                };
                let title = c.title();
                // A course with an empty journal goes whole, whatever the date.
                let from = if d.uses.get(&c.id).is_some_and(|u| u.has_data()) {
                    let from = date(tr, &r.from)?;
                    let first = y.start.succ_opt().unwrap_or(y.start);
                    if from < first || from > y.end {
                        return Err(tr.error(&Error::said(
                            "said-course-end-outside-year",
                            &[
                                ("course", (&title).into()),
                                ("first", first.into()),
                                ("end", y.end.into()),
                            ],
                        )));
                    }
                    from
                } else {
                    d.on
                };
                let id = c.id;
                let tr = tr.clone();
                return Ok(Outcome::Run(Box::new(move |db, s| {
                    let r = ops::retire_course(db, s, id, from)?;
                    Ok(Done {
                        text: retired_text(&tr, &title, r),
                        year: None,
                    })
                })));
            }
            Message::SaveCourse => {
                let c = &self.course;
                let (Some(class), Some(subject), Some(teacher)) =
                    (self.selected, c.subject, c.teacher)
                else {
                    return Err(tr.t("school-course-incomplete"));
                };
                let Some(hours) = number(&c.hours).filter(|h| *h > 0.0 && *h <= 20.0) else {
                    return Err(tr.t("school-bad-hours"));
                };
                let terms = CourseTerms {
                    subject,
                    class,
                    group: c.group,
                    teacher,
                    room: c.room,
                    scale: c.scale,
                    no_attestation: c.no_attestation,
                    hours_per_week: hours,
                };
                return Ok(match c.editing {
                    Some(id) => {
                        if d.marked.contains(&id)
                            && d.terms.get(&id).map(|t| t.scale) != Some(c.scale)
                        {
                            return Err(tr.t("school-scale-settled"));
                        }
                        let title = d
                            .courses
                            .iter()
                            .find(|x| x.id == id)
                            .map(|x| x.title())
                            .unwrap_or_default();
                        let said = tr.t_args("school-course-changed", &[("course", title.into())]);
                        super::change(said, move |db, s| ops::update_course(db, s, id, &terms))
                    }
                    None => super::change(tr.t("school-course-added"), move |db, s| {
                        ops::create_course(db, s, &terms).map(|_| ())
                    }),
                });
            }
            Message::Groups(m) => {
                let Some(class) = self.selected.and_then(|c| split_class(d, c)) else {
                    return Ok(Outcome::None);
                };
                let Some(plan) = self.split.update(m, &class, tr)? else {
                    return Ok(Outcome::None);
                };
                let groups::Plan {
                    class,
                    subject,
                    groups,
                    from,
                    ending,
                    said,
                } = plan;
                let Some((course, title)) = ending else {
                    return Ok(super::change(said, move |db, s| {
                        ops::split_class(db, s, class, Some(subject), &groups, from).map(|_| ())
                    }));
                };
                let tr = tr.clone();
                return Ok(Outcome::Run(Box::new(move |db, s| {
                    let (_, r) =
                        ops::split_and_retire(db, s, class, subject, &groups, from, course)?;
                    Ok(Done {
                        text: format!("{said} {}", retired_text(&tr, &title, r)),
                        year: None,
                    })
                })));
            }
        }
        Ok(Outcome::None)
    }

    pub fn view<'a>(&'a self, d: &'a Data, tr: &'a Tr, idle: bool) -> Element<'a, Message> {
        let edit = idle && d.open();
        let on = |m: Message| edit.then_some(m);
        let teachers = || d.teachers.iter().map(|(id, n)| (*id, n.clone()));

        // The classes, the chosen one highlighted, and a new class.
        let class_items = d.classes.iter().map(|c| {
            let label = match c.class_teacher {
                Some(t) => format!("{} {}", c.name(), d.teacher_name(t)),
                None => c.name(),
            };
            (c.id, label)
        });
        let mut list = column![widget::subheading(tr.t("school-classes"))].spacing(8);
        if d.classes.is_empty() {
            list = list.push(widget::hint(tr.t("school-no-classes")));
        } else {
            list = list.push(chips_with_ids(
                class_items,
                self.selected.as_ref(),
                Message::Select,
                idle,
                |c| Some(format!("school-class-{}", c.0)),
            ));
        }
        list = list.push(
            row![
                label(tr, "school-new-class"),
                frozen(
                    input(
                        &self.class_name,
                        "school-class",
                        Message::ClassName,
                        on(Message::AddClass)
                    ),
                    d.open()
                )
                .width(80),
                action(tr.t("school-add-class"), on(Message::AddClass)),
            ]
            .spacing(8)
            .align_y(iced::Center),
        );
        // The class teacher is offered once a class is being named.
        if !self.class_name.trim().is_empty() {
            list = list.push(
                column![
                    label(tr, "school-class-teacher"),
                    chips(
                        teachers(),
                        self.class_teacher.as_ref(),
                        Message::ClassTeacher,
                        edit
                    ),
                ]
                .spacing(4),
            );
        }
        let mut page = column![card(list)].spacing(14);
        let Some(class) = self
            .selected
            .and_then(|c| d.classes.iter().find(|x| x.id == c))
        else {
            return page.into();
        };
        page = page.push(card(self.class_card(d, tr, class, edit)));
        page = page.push(card(self.groups_card(d, tr, class, edit)));
        page.into()
    }

    /// The chosen class: its class teacher, its courses and the course form.
    fn class_card<'a>(
        &'a self,
        d: &'a Data,
        tr: &'a Tr,
        class: &'a crate::school::ClassInfo,
        edit: bool,
    ) -> Element<'a, Message> {
        let on = |m: Message| edit.then_some(m);
        let small = |s: String| text(s).size(theme::SMALL);
        let teacher = class
            .class_teacher
            .map(|t| d.teacher_name(t))
            .unwrap_or_else(|| tr.t("school-no-class-teacher"));
        let students = d.rolls.get(&class.id).map(Vec::len).unwrap_or(0);
        let mut col = column![
            row![
                widget::subheading(class.name()),
                small(tr.t_args("school-class-teacher-is", &[("teacher", teacher.into())])),
                action(
                    tr.t(if self.changing_teacher {
                        "school-cancel"
                    } else {
                        "school-change-class-teacher"
                    }),
                    on(Message::ChangeTeacher(!self.changing_teacher))
                ),
                small(tr.t_args("school-students-count", &[("count", students.into())])),
            ]
            .spacing(14)
            .align_y(iced::Center)
        ]
        .spacing(8);
        if self.changing_teacher {
            col = col.push(chips_with_ids(
                d.teachers.iter().map(|(id, n)| (*id, n.clone())),
                class.class_teacher.as_ref(),
                Message::NewClassTeacher,
                edit,
                |t| Some(format!("school-class-teacher-{}", t.0)),
            ));
        }

        // The class's courses.
        col = col.push(widget::subheading(tr.t("school-class-courses")));
        let courses: Vec<&crate::school::CourseInfo> =
            d.courses.iter().filter(|c| c.class == class.id).collect();
        if courses.is_empty() {
            col = col.push(widget::hint(tr.t("school-no-courses")));
        } else {
            col = col.push(
                row![
                    head(tr, "school-col-course").width(Fill),
                    head(tr, "school-col-room").width(110),
                    head(tr, "school-scale").width(130),
                    head(tr, "school-col-hours").width(60),
                    text("").width(COURSE_TAIL),
                ]
                .spacing(8),
            );
        }
        let retiring = self.retire.as_ref().and_then(|r| {
            courses
                .iter()
                .find(|c| c.id == r.course && c.end.is_none())
                .map(|c| (r, *c))
        });
        for c in courses {
            let t = d.terms.get(&c.id);
            let room = t
                .and_then(|t| t.room)
                .and_then(|r| d.rooms.iter().find(|x| x.id == r))
                .map(|r| r.name.clone())
                .unwrap_or_else(|| "—".into());
            let hours = t.map(|t| decimal(t.hours_per_week)).unwrap_or_default();
            let chosen =
                self.course.editing == Some(c.id) || retiring.is_some_and(|(_, r)| r.id == c.id);
            let title = text(format!("{} — {}", c.title(), c.teacher_name.short()))
                .size(theme::SMALL)
                .width(Fill)
                .font(if chosen { theme::BOLD } else { theme::FONT });
            // An ended course is listed with its last day; it changes no more.
            let (title, tail): (_, Element<'a, Message>) = match c.end {
                Some(end) => (
                    title.style(theme::text::muted),
                    small(tr.t_args(
                        "school-course-ended-on",
                        &[("date", format_date(end).into())],
                    ))
                    .style(theme::text::muted)
                    .width(184)
                    .into(),
                ),
                None => (
                    title,
                    row![
                        container(action(tr.t("school-edit"), on(Message::EditCourse(c.id))))
                            .id(format!("school-edit-course-{}", c.id.0))
                            .width(92),
                        container(action(tr.t("school-retire"), on(Message::Retire(c.id))))
                            .id(format!("school-retire-course-{}", c.id.0))
                            .width(84),
                    ]
                    .spacing(8)
                    .into(),
                ),
            };
            col = col.push(
                row![
                    title,
                    small(room).width(110),
                    small(tr.t(scale_key(c.scale))).width(130),
                    small(hours).width(60),
                    small(if c.no_attestation {
                        tr.t("school-no-attestation")
                    } else {
                        String::new()
                    })
                    .width(130),
                    tail,
                ]
                .spacing(8)
                .align_y(iced::Center),
            );
        }
        if let Some((r, c)) = retiring {
            col = col.push(self.retire_panel(d, tr, r, c, edit));
        }
        col = col.push(self.course_form(d, tr, class, edit));
        col.into()
    }

    /// What removing the chosen course will do, the day it ends from (asked only when its
    /// journal holds data) and the buttons that do it or think better of it.
    fn retire_panel<'a>(
        &'a self,
        d: &'a Data,
        tr: &'a Tr,
        r: &'a RetireDraft,
        c: &'a CourseInfo,
        edit: bool,
    ) -> Element<'a, Message> {
        let on = |m: Message| edit.then_some(m);
        let used = d.uses.get(&c.id).copied().unwrap_or_default();
        let mut panel = column![
            text(tr.t_args("school-retire-title", &[("course", c.title().into())]))
                .size(theme::TEXT)
                .font(theme::BOLD)
        ]
        .spacing(8);
        let mut buttons = row![].spacing(10).align_y(iced::Center);
        if used.has_data() {
            panel = panel.push(text(tr.t("school-retire-end-about")).size(theme::SMALL));
            if let Some(last) = used.last_held {
                panel = panel.push(
                    text(tr.t_args(
                        "school-retire-held",
                        &[
                            ("count", used.held.into()),
                            ("date", format_date(last).into()),
                        ],
                    ))
                    .size(theme::SMALL),
                );
            }
            buttons = buttons
                .push(label(tr, "school-retire-from"))
                .push(
                    frozen(
                        input(
                            &r.from,
                            "school-retire-from",
                            Message::RetireFrom,
                            on(Message::RetireConfirm),
                        ),
                        d.open(),
                    )
                    .width(110),
                )
                .push(primary(
                    tr.t("school-retire-end"),
                    on(Message::RetireConfirm),
                ));
        } else {
            panel = panel.push(
                text(tr.t_args(
                    "school-retire-delete-about",
                    &[("lessons", used.lessons.into())],
                ))
                .size(theme::SMALL),
            );
            buttons = buttons.push(primary(
                tr.t("school-retire-delete"),
                on(Message::RetireConfirm),
            ));
        }
        buttons = buttons.push(action(tr.t("school-cancel"), Some(Message::RetireCancel)));
        widget::notice(panel.push(buttons))
    }

    fn course_form<'a>(
        &'a self,
        d: &'a Data,
        tr: &'a Tr,
        class: &'a crate::school::ClassInfo,
        edit: bool,
    ) -> Element<'a, Message> {
        let on = |m: Message| edit.then_some(m);
        let c = &self.course;
        let title = match c
            .editing
            .and_then(|id| d.courses.iter().find(|x| x.id == id))
        {
            Some(x) => tr.t_args("school-course-editing", &[("course", x.title().into())]),
            None => tr.t("school-new-course"),
        };
        let subjects = d.subjects.iter().map(|s| (s.0, s.1.clone()));
        let groups = std::iter::once((None, tr.t("school-whole-class"))).chain(
            d.groups.get(&class.id).into_iter().flatten().map(|g| {
                let label = match &g.subject_name {
                    Some(s) => format!("{s}, {}", g.name),
                    None => g.name.clone(),
                };
                (Some(g.id), label)
            }),
        );
        let rooms: Vec<Choice<Option<RoomId>>> = std::iter::once(Choice {
            value: None,
            label: tr.t("school-no-room"),
        })
        .chain(d.rooms.iter().map(|r| Choice {
            value: Some(r.id),
            label: match (&r.building, d.buildings.len() > 1) {
                (Some(b), true) => format!("{} ({b})", r.name),
                _ => r.name.clone(),
            },
        }))
        .collect();
        let room = rooms.iter().find(|r| r.value == c.room).cloned();
        let scales: Vec<Choice<Scale>> = Scale::ALL
            .iter()
            .map(|s| Choice {
                value: *s,
                label: tr.t(scale_key(*s)),
            })
            .collect();
        let scale = Choice {
            value: c.scale,
            label: tr.t(scale_key(c.scale)),
        };
        let scale_settled = c.editing.is_some_and(|id| d.marked.contains(&id));
        let scale_pick: Element<'a, Message> = if scale_settled {
            text(scale.label.clone()).size(theme::SMALL).into()
        } else {
            pick_list(scales, Some(scale), Message::CourseScale)
                .text_size(theme::SMALL)
                .into()
        };
        let mut buttons = row![primary(
            tr.t(if c.editing.is_some() {
                "school-save-course"
            } else {
                "school-add-course"
            }),
            on(Message::SaveCourse)
        )]
        .spacing(8);
        if c.editing.is_some() {
            buttons = buttons.push(action(tr.t("school-cancel"), Some(Message::CancelEdit)));
        }
        let mut form = column![
            text(title).size(theme::TEXT).font(theme::BOLD),
            label(tr, "school-subject"),
            chips_with_ids(
                subjects,
                c.subject.as_ref(),
                Message::CourseSubject,
                edit,
                |s| Some(format!("school-course-subject-{}", s.0))
            ),
            label(tr, "school-group"),
            chips(
                groups,
                Some(&c.group),
                Message::CourseGroup,
                edit && c.editing.is_none()
            ),
            label(tr, "school-teacher"),
            chips_with_ids(
                d.teachers.iter().map(|(id, n)| (*id, n.clone())),
                c.teacher.as_ref(),
                Message::CourseTeacher,
                edit,
                |t| Some(format!("school-course-teacher-{}", t.0))
            ),
            row![
                label(tr, "school-col-room"),
                pick_list(rooms, room, Message::CourseRoom).text_size(theme::SMALL),
                label(tr, "school-scale"),
                scale_pick,
                checkbox(c.no_attestation)
                    .label(tr.t("school-no-attestation"))
                    .on_toggle_maybe(edit.then_some(Message::CourseNoAttestation))
                    .size(16)
                    .text_size(theme::SMALL),
                label(tr, "school-hours"),
                frozen(
                    input(
                        &c.hours,
                        "school-hours",
                        Message::CourseHours,
                        on(Message::SaveCourse)
                    ),
                    d.open()
                )
                .width(60),
            ]
            .spacing(10)
            .align_y(iced::Center),
        ]
        .spacing(6);
        if scale_settled {
            form = form.push(widget::hint(tr.t("school-scale-settled")));
        }
        form = form.push(buttons);
        container(form)
            .padding(iced::Padding::ZERO.top(8))
            .width(Fill)
            .into()
    }

    /// The chosen class's groups and the split form.
    fn groups_card<'a>(
        &'a self,
        d: &'a Data,
        tr: &'a Tr,
        class: &'a crate::school::ClassInfo,
        edit: bool,
    ) -> Element<'a, Message> {
        match split_class(d, class.id) {
            Some(c) => self.split.view(&c, tr, edit).map(Message::Groups),
            None => column![].into(),
        }
    }
}
