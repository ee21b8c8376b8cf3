//! The school's directories, each a list of what exists with a form to add to it: subjects, work
//! types with their weights in the weighted average (a weight changes in place), and buildings
//! with their rooms. They belong to the school, not to a year.

use iced::widget::{column, container, row, scrollable, text};
use iced::{Fill, FillPortion, Length};

use super::{Data, Outcome, action, card_in, chips_with_ids, decimal, head, input, label, number};
use crate::gui::theme;
use crate::gui::widget::{self, Element};
use crate::i18n::Tr;
use crate::model::*;
use crate::ops;

#[derive(Debug, Default)]
pub struct Form {
    building: (String, String),
    /// The building a new room goes in; None: no building.
    room_building: Option<i64>,
    room: String,
    subject: (String, String),
    /// The subject being renamed: its id, name and short name as typed.
    renaming: Option<(SubjectId, String, String)>,
    /// Work type → its weight as typed.
    weights: Vec<(WorkTypeId, String)>,
    work_type: (String, String, String),
}

#[derive(Debug, Clone)]
pub enum Message {
    BuildingName(String),
    BuildingAddress(String),
    AddBuilding,
    RoomBuilding(Option<i64>),
    Room(String),
    AddRoom,
    Subject(String),
    SubjectShort(String),
    AddSubject,
    /// «Изменить» on a subject's line: its name and short name become editable.
    RenameOpen(SubjectId),
    RenameName(String),
    RenameShort(String),
    RenameSave,
    RenameCancel,
    RemoveSubject(SubjectId),
    Weight(WorkTypeId, String),
    SaveWeight(WorkTypeId),
    WorkTypeName(String),
    WorkTypeShort(String),
    WorkTypeWeight(String),
    AddWorkType,
}

/// The width of a subject line's buttons («Изменить», «Удалить» / «Сохранить», «Отмена»).
const ACTIONS_W: f32 = 168.0;

/// A weight as typed, checked as the core does: above 0, at most 10.
fn weight(tr: &Tr, s: &str) -> Result<f64, String> {
    number(s).filter(|w| *w > 0.0 && *w <= 10.0).ok_or_else(|| {
        tr.t_args(
            "school-bad-weight",
            &[("value", s.trim().to_string().into())],
        )
    })
}

impl Form {
    pub fn loaded(&mut self, d: &Data) {
        self.weights = d
            .work_types
            .iter()
            .map(|(id, _, _, w)| (*id, decimal(*w)))
            .collect();
        self.building = Default::default();
        self.room.clear();
        self.subject = Default::default();
        self.renaming = None;
        self.work_type = Default::default();
        if !self
            .room_building
            .is_some_and(|b| d.buildings.iter().any(|x| x.id == b))
        {
            self.room_building = d.buildings.first().map(|b| b.id);
        }
    }

    pub fn update(&mut self, message: Message, d: &Data, tr: &Tr) -> Outcome {
        self.try_update(message, d, tr)
            .unwrap_or_else(Outcome::Refuse)
    }

    fn try_update(&mut self, message: Message, d: &Data, tr: &Tr) -> Result<Outcome, String> {
        let named = |s: &str, key: &str| -> Result<String, String> {
            let s = s.trim();
            if s.is_empty() {
                Err(tr.t(key))
            } else {
                Ok(s.to_string())
            }
        };
        let exists = |name: &str| tr.t_args("school-exists", &[("name", name.to_string().into())]);
        match message {
            Message::BuildingName(v) => self.building.0 = v,
            Message::BuildingAddress(v) => self.building.1 = v,
            Message::AddBuilding => {
                let name = named(&self.building.0, "school-building-name-needed")?;
                if d.buildings.iter().any(|b| b.name == name) {
                    return Err(exists(&name));
                }
                let address = self.building.1.trim().to_string();
                let said = tr.t_args("school-building-added", &[("name", name.clone().into())]);
                return Ok(super::change(said, move |db, s| {
                    ops::add_building(db, s, &name, &address).map(|_| ())
                })
                .then_focus("school-building-name"));
            }
            Message::RoomBuilding(b) => self.room_building = b,
            Message::Room(v) => self.room = v,
            Message::AddRoom => {
                let name = named(&self.room, "school-room-name-needed")?;
                let building = self.room_building;
                if d.rooms
                    .iter()
                    .any(|r| r.name == name && r.building_id == building)
                {
                    return Err(exists(&name));
                }
                let said = tr.t_args("school-room-added", &[("name", name.clone().into())]);
                return Ok(super::change(said, move |db, s| {
                    ops::add_room(db, s, building, &name).map(|_| ())
                })
                .then_focus("school-room"));
            }
            Message::Subject(v) => self.subject.0 = v,
            Message::SubjectShort(v) => self.subject.1 = v,
            Message::AddSubject => {
                let name = named(&self.subject.0, "school-subject-name-needed")?;
                if d.subjects.iter().any(|s| s.1 == name) {
                    return Err(exists(&name));
                }
                let short = named(&self.subject.1, "school-subject-short-needed")?;
                let said = tr.t_args("school-subject-added", &[("name", name.clone().into())]);
                return Ok(super::change(said, move |db, s| {
                    crate::ops::add_subject(db, s, &name, &short).map(|_| ())
                })
                .then_focus("school-subject"));
            }
            Message::RenameOpen(id) => {
                if let Some((_, name, short)) = d.subjects.iter().find(|s| s.0 == id) {
                    self.renaming = Some((id, name.clone(), short.clone()));
                    // Straight to the name, at the keyboard.
                    return Ok(Outcome::Focus("school-subject-rename"));
                }
            }
            Message::RenameName(v) => {
                if let Some(r) = &mut self.renaming {
                    r.1 = v;
                }
            }
            Message::RenameShort(v) => {
                if let Some(r) = &mut self.renaming {
                    r.2 = v;
                }
            }
            Message::RenameCancel => self.renaming = None,
            Message::RenameSave => {
                let Some((id, name, short)) = self.renaming.clone() else {
                    return Ok(Outcome::None);
                };
                let name = named(&name, "school-subject-name-needed")?;
                let short = named(&short, "school-subject-short-needed")?;
                if d.subjects.iter().any(|s| s.1 == name && s.0 != id) {
                    return Err(exists(&name));
                }
                let said = tr.t_args("school-subject-renamed", &[("name", name.clone().into())]);
                return Ok(super::change(said, move |db, s| {
                    crate::ops::rename_subject(db, s, id, &name, &short)
                }));
            }
            Message::RemoveSubject(id) => {
                let Some((_, name, _)) = d.subjects.iter().find(|s| s.0 == id) else {
                    return Ok(Outcome::None);
                };
                let said = tr.t_args("school-subject-removed", &[("name", name.clone().into())]);
                return Ok(super::change(said, move |db, s| {
                    crate::ops::remove_subject(db, s, id)
                }));
            }
            Message::Weight(id, v) => {
                if let Some(w) = self.weights.iter_mut().find(|w| w.0 == id) {
                    w.1 = v;
                }
            }
            Message::SaveWeight(id) => {
                let Some((_, typed)) = self.weights.iter().find(|w| w.0 == id) else {
                    return Ok(Outcome::None);
                };
                let w = weight(tr, typed)?;
                let name = d
                    .work_types
                    .iter()
                    .find(|x| x.0 == id)
                    .map(|x| x.1.clone())
                    .unwrap_or_default();
                let said = tr.t_args(
                    "school-weight-saved",
                    &[("name", name.into()), ("weight", decimal(w).into())],
                );
                return Ok(super::change(said, move |db, s| {
                    ops::set_work_type_weight(db, s, id, w)
                }));
            }
            Message::WorkTypeName(v) => self.work_type.0 = v,
            Message::WorkTypeShort(v) => self.work_type.1 = v,
            Message::WorkTypeWeight(v) => self.work_type.2 = v,
            Message::AddWorkType => {
                let name = named(&self.work_type.0, "school-work-type-name-needed")?;
                let short = named(&self.work_type.1, "school-work-type-short-needed")?;
                if d.work_types.iter().any(|w| w.1 == name) {
                    return Err(exists(&name));
                }
                let w = weight(tr, &self.work_type.2)?;
                let said = tr.t_args("school-work-type-added", &[("name", name.clone().into())]);
                return Ok(super::change(said, move |db, s| {
                    ops::add_work_type(db, s, &name, &short, w).map(|_| ())
                })
                .then_focus("school-wt-name"));
            }
        }
        Ok(Outcome::None)
    }

    pub fn view<'a>(&'a self, d: &'a Data, tr: &'a Tr, idle: bool) -> Element<'a, Message> {
        let on = |m: Message| idle.then_some(m);
        let small = |s: String| text(s).size(theme::SMALL);
        let labelled = |key: &str, field: Element<'a, Message>, width: Length| {
            column![label(tr, key), field].spacing(2).width(width)
        };

        // Subjects: the list, then the form.
        let mut list = column![].spacing(4);
        for (id, name, short) in &d.subjects {
            let line: Element<'a, Message> = match &self.renaming {
                Some((r, new_name, new_short)) if r == id => row![
                    input(
                        new_name,
                        "school-subject-rename",
                        Message::RenameName,
                        on(Message::RenameSave)
                    )
                    .width(Fill),
                    input(
                        new_short,
                        "school-subject-rename-short",
                        Message::RenameShort,
                        on(Message::RenameSave)
                    )
                    .width(110),
                    container(
                        row![
                            action(tr.t("school-save"), on(Message::RenameSave)),
                            action(tr.t("school-cancel"), Some(Message::RenameCancel)),
                        ]
                        .spacing(4)
                    )
                    .width(ACTIONS_W),
                ]
                .spacing(8)
                .align_y(iced::Center)
                .into(),
                _ => {
                    let used = d.subject_use.contains_key(id);
                    let mut actions =
                        row![action(tr.t("school-rename"), on(Message::RenameOpen(*id)))]
                            .spacing(4);
                    // A subject in use stays; the button is not offered rather than refused.
                    if !used {
                        actions = actions.push(action(
                            tr.t("school-remove"),
                            on(Message::RemoveSubject(*id)),
                        ));
                    }
                    row![
                        small(name.clone()).width(Fill),
                        small(if short.is_empty() {
                            "—".to_string()
                        } else {
                            short.clone()
                        })
                        .width(110),
                        container(actions).width(ACTIONS_W),
                    ]
                    .spacing(8)
                    .align_y(iced::Center)
                    .into()
                }
            };
            list = list.push(line);
        }
        let list: Element<'a, Message> = if d.subjects.is_empty() {
            widget::hint(tr.t("school-no-subjects"))
        } else if d.subjects.len() > 10 {
            scrollable(list.padding(iced::Padding::ZERO.right(14)))
                .height(420)
                .into()
        } else {
            list.into()
        };
        let subjects = column![
            widget::subheading(tr.t_args(
                "school-subjects-count",
                &[("count", d.subjects.len().into())]
            )),
            row![
                head(tr, "school-col-subject").width(Fill),
                head(tr, "school-col-short").width(110),
                iced::widget::Space::new().width(ACTIONS_W),
            ]
            .spacing(8)
            .padding(iced::Padding::ZERO.right(14)),
            list,
            row![
                labelled(
                    "school-col-subject",
                    input(
                        &self.subject.0,
                        "school-subject",
                        Message::Subject,
                        on(Message::AddSubject)
                    )
                    .into(),
                    Fill
                ),
                labelled(
                    "school-col-short",
                    input(
                        &self.subject.1,
                        "school-subject-short",
                        Message::SubjectShort,
                        on(Message::AddSubject)
                    )
                    .into(),
                    Length::Fixed(110.0)
                ),
                action(tr.t("school-add"), on(Message::AddSubject)),
            ]
            .spacing(8)
            .align_y(iced::Bottom),
        ]
        .spacing(6);

        // Work types and their weights.
        let mut types = column![
            widget::subheading(tr.t("school-work-types")),
            widget::hint(tr.t("school-work-types-hint")),
            row![
                head(tr, "school-col-work-type").width(Fill),
                head(tr, "school-col-short").width(90),
                head(tr, "school-col-weight").width(60),
                text("").width(90),
            ]
            .spacing(8),
        ]
        .spacing(6);
        for (id, name, short, _) in &d.work_types {
            let id = *id;
            let typed = self
                .weights
                .iter()
                .find(|w| w.0 == id)
                .map(|w| w.1.as_str())
                .unwrap_or("");
            types = types.push(
                row![
                    small(name.clone()).width(Fill),
                    small(short.clone()).width(90),
                    input(
                        typed,
                        format!("school-weight-{}", id.0),
                        move |v| Message::Weight(id, v),
                        on(Message::SaveWeight(id))
                    )
                    .width(60),
                    container(action(tr.t("school-save"), on(Message::SaveWeight(id))))
                        .id(format!("school-weight-save-{}", id.0))
                        .width(90),
                ]
                .spacing(8)
                .align_y(iced::Center),
            );
        }
        types = types.push(
            row![
                labelled(
                    "school-col-work-type",
                    input(
                        &self.work_type.0,
                        "school-wt-name",
                        Message::WorkTypeName,
                        on(Message::AddWorkType)
                    )
                    .into(),
                    Fill
                ),
                labelled(
                    "school-col-short",
                    input(
                        &self.work_type.1,
                        "school-wt-short",
                        Message::WorkTypeShort,
                        on(Message::AddWorkType)
                    )
                    .into(),
                    Length::Fixed(90.0)
                ),
                labelled(
                    "school-col-weight",
                    input(
                        &self.work_type.2,
                        "school-wt-weight",
                        Message::WorkTypeWeight,
                        on(Message::AddWorkType)
                    )
                    .into(),
                    Length::Fixed(60.0)
                ),
                action(tr.t("school-add-work-type"), on(Message::AddWorkType)),
            ]
            .spacing(8)
            .align_y(iced::Bottom),
        );

        // Buildings with their rooms.
        let mut places = column![widget::subheading(tr.t("school-buildings"))].spacing(8);
        let rooms_of = |b: Option<i64>| {
            d.rooms
                .iter()
                .filter(|r| r.building_id == b)
                .map(|r| r.name.clone())
                .collect::<Vec<_>>()
        };
        let rooms_line = |rooms: Vec<String>| {
            if rooms.is_empty() {
                widget::hint(tr.t("school-no-rooms"))
            } else {
                small(tr.t_args(
                    "school-rooms-list",
                    &[
                        ("count", rooms.len().into()),
                        ("rooms", rooms.join(", ").into()),
                    ],
                ))
                .into()
            }
        };
        for b in &d.buildings {
            let mut head_line = row![text(b.name.clone()).size(theme::TEXT).font(theme::BOLD)]
                .spacing(10)
                .align_y(iced::Center);
            if !b.address.is_empty() {
                head_line = head_line.push(widget::hint(b.address.clone()));
            }
            places = places.push(column![head_line, rooms_line(rooms_of(Some(b.id)))].spacing(2));
        }
        let loose = rooms_of(None);
        if !loose.is_empty() {
            places = places.push(
                column![
                    text(tr.t("school-no-building"))
                        .size(theme::TEXT)
                        .font(theme::BOLD),
                    rooms_line(loose)
                ]
                .spacing(2),
            );
        }
        if d.buildings.is_empty() && d.rooms.is_empty() {
            places = places.push(widget::hint(tr.t("school-no-buildings")));
        }
        let building_choices = d
            .buildings
            .iter()
            .map(|b| (Some(b.id), b.name.clone()))
            .chain([(None, tr.t("school-no-building"))]);
        places = places
            .push(
                row![
                    labelled(
                        "school-building-name",
                        input(
                            &self.building.0,
                            "school-building-name",
                            Message::BuildingName,
                            on(Message::AddBuilding)
                        )
                        .into(),
                        Length::Fixed(260.0)
                    ),
                    labelled(
                        "school-address",
                        input(
                            &self.building.1,
                            "school-building-address",
                            Message::BuildingAddress,
                            on(Message::AddBuilding)
                        )
                        .into(),
                        Fill
                    ),
                    action(tr.t("school-add-building"), on(Message::AddBuilding)),
                ]
                .spacing(8)
                .align_y(iced::Bottom),
            )
            .push(
                row![
                    label(tr, "school-room-in"),
                    chips_with_ids(
                        building_choices,
                        Some(&self.room_building),
                        Message::RoomBuilding,
                        idle,
                        |b| Some(match b {
                            Some(b) => format!("school-room-building-{b}"),
                            None => "school-room-building-none".into(),
                        })
                    ),
                ]
                .spacing(8)
                .align_y(iced::Center),
            )
            .push(
                row![
                    labelled(
                        "school-room-name",
                        input(
                            &self.room,
                            "school-room",
                            Message::Room,
                            on(Message::AddRoom)
                        )
                        .into(),
                        Length::Fixed(260.0)
                    ),
                    action(tr.t("school-add-room"), on(Message::AddRoom)),
                ]
                .spacing(8)
                .align_y(iced::Bottom),
            );

        column![
            row![
                card_in(subjects, FillPortion(1)),
                card_in(types, FillPortion(1))
            ]
            .spacing(14),
            card_in(places, Fill),
        ]
        .spacing(14)
        .into()
    }
}
