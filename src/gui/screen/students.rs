//! Classes and students: the list of a class (everyone who was ever in it, with their dates),
//! enrolling a student, transferring one to another class from a date, withdrawing one on a date
//! with a reason, parents with relation and contacts, consent and the paper-reports choice, and
//! importing a class list from CSV or XLSX with a preview (all or nothing). The records clerk and
//! the administrator keep every class; a class teacher keeps their own.

use std::fmt;
use std::path::PathBuf;

use iced::widget::{
    button, column, container, pick_list, row, scrollable, table, text, text_input,
};
use iced::{Fill, Task};

use crate::error::Error;
use crate::gui::widget::{self, Element};
use crate::gui::{Ctx, theme};
use crate::model::{ClassId, PersonName, StudentId, YearId, format_date, parse_date};
use crate::setup::import::{self, Preview};
use crate::setup::students::{self, NewParent, NewStudent, Relation, StudentRow};

/// A class in the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassChoice {
    id: ClassId,
    name: String,
}

impl fmt::Display for ClassChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

/// A relation in the picker, with its word in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationChoice(Relation, String);

impl fmt::Display for RelationChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.1)
    }
}

#[derive(Default)]
struct Form {
    surname: String,
    name: String,
    patronymic: String,
    birth: String,
    file_number: String,
}

pub struct Students {
    year: Option<YearId>,
    classes: Vec<ClassChoice>,
    class: Option<ClassChoice>,
    list: Option<Result<Vec<StudentRow>, Error>>,
    chosen: Option<StudentId>,
    form: Form,
    date: String,
    reason: String,
    to: Option<ClassChoice>,
    parent: Form,
    relation: Option<RelationChoice>,
    phone: String,
    email: String,
    import: Option<(PathBuf, Result<Preview, Error>)>,
    status: Option<Result<String, String>>,
    busy: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Classes(Result<(Option<YearId>, Vec<ClassChoice>), Error>),
    PickClass(ClassChoice),
    Listed(Result<Vec<StudentRow>, Error>),
    Choose(StudentId),
    Surname(String),
    Name(String),
    Patronymic(String),
    Birth(String),
    FileNumber(String),
    Enrol,
    Date(String),
    Reason(String),
    Withdraw,
    PickTo(ClassChoice),
    Transfer,
    ParentName(String),
    PickRelation(RelationChoice),
    Phone(String),
    Email(String),
    AddParent,
    Consent,
    Paper(bool),
    Import,
    Picked(Option<PathBuf>),
    Previewed(PathBuf, Result<Preview, Error>),
    ApplyImport,
    CancelImport,
    Done(Result<String, Error>),
}

pub enum Action {
    None,
    Run(Task<Message>),
}

impl Students {
    pub fn new(ctx: &Ctx<'_>) -> (Students, Task<Message>) {
        let session = ctx.session.clone();
        let today = ctx.info.today;
        let load = ctx.file.run(move |db| {
            let Some(y) = crate::school::current_year(&db.conn, today)? else {
                return Ok((None, Vec::new()));
            };
            let classes = students::keepable_classes(&db.conn, &session, y.id)?
                .into_iter()
                .map(|c| ClassChoice {
                    id: c.id,
                    name: c.name(),
                })
                .collect();
            Ok((Some(y.id), classes))
        });
        (
            Students {
                year: None,
                classes: Vec::new(),
                class: None,
                list: None,
                chosen: None,
                form: Form::default(),
                date: format_date(today),
                reason: String::new(),
                to: None,
                parent: Form::default(),
                relation: None,
                phone: String::new(),
                email: String::new(),
                import: None,
                status: None,
                busy: false,
            },
            Task::perform(load, Message::Classes),
        )
    }

    fn load_list(&self, ctx: &Ctx<'_>) -> Task<Message> {
        let Some(c) = &self.class else {
            return Task::none();
        };
        let id = c.id;
        Task::perform(
            ctx.file.run(move |db| students::class_list(&db.conn, id)),
            Message::Listed,
        )
    }

    fn work(
        &mut self,
        ctx: &Ctx<'_>,
        said: String,
        f: impl FnOnce(&mut crate::db::Db, &crate::auth::Session) -> crate::error::Result<()>
        + Send
        + 'static,
    ) -> Action {
        let session = ctx.session.clone();
        self.busy = true;
        let work = ctx.file.run(move |db| f(db, &session));
        Action::Run(Task::perform(work, move |r| {
            Message::Done(r.map(|_| said.clone()))
        }))
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action {
        let tr = ctx.tr;
        let today = ctx.info.today;
        match message {
            Message::Classes(Ok((year, classes))) => {
                self.year = year;
                self.class = classes.first().cloned();
                self.classes = classes;
                return Action::Run(self.load_list(ctx));
            }
            Message::Classes(Err(e)) => self.list = Some(Err(e)),
            Message::PickClass(c) => {
                self.class = Some(c);
                self.chosen = None;
                return Action::Run(self.load_list(ctx));
            }
            Message::Listed(l) => self.list = Some(l),
            Message::Choose(s) => {
                self.chosen = Some(s);
                self.status = None;
            }
            Message::Surname(v) => self.form.surname = v,
            Message::Name(v) => self.form.name = v,
            Message::Patronymic(v) => self.form.patronymic = v,
            Message::Birth(v) => self.form.birth = v,
            Message::FileNumber(v) => self.form.file_number = v,
            Message::Enrol => {
                let Some(class) = &self.class else {
                    return Action::None;
                };
                let birth = match self.form.birth.trim() {
                    "" => None,
                    t => match parse_date(t) {
                        Ok(d) => Some(d),
                        Err(e) => {
                            self.status = Some(Err(tr.error(&e.into())));
                            return Action::None;
                        }
                    },
                };
                let new = NewStudent {
                    name: PersonName {
                        surname: self.form.surname.trim().into(),
                        name: self.form.name.trim().into(),
                        patronymic: self.form.patronymic.trim().into(),
                    },
                    birth_date: birth,
                    file_number: Some(self.form.file_number.trim().to_string()),
                    class: class.id,
                    start: today,
                };
                self.form = Form::default();
                return self.work(ctx, tr.t("students-enrolled"), move |db, s| {
                    students::enrol(db, s, &new).map(|_| ())
                });
            }
            Message::Date(v) => self.date = v,
            Message::Reason(v) => self.reason = v,
            Message::Withdraw | Message::Transfer => {
                let Some(student) = self.chosen else {
                    return Action::None;
                };
                let date = match parse_date(&self.date) {
                    Ok(d) => d,
                    Err(e) => {
                        self.status = Some(Err(tr.error(&e.into())));
                        return Action::None;
                    }
                };
                if matches!(message, Message::Withdraw) {
                    let reason = self.reason.clone();
                    return self.work(ctx, tr.t("students-withdrawn"), move |db, s| {
                        students::withdraw(db, s, student, date, &reason)
                    });
                }
                let Some(to) = self.to.clone() else {
                    return Action::None;
                };
                return self.work(ctx, tr.t("students-transferred"), move |db, s| {
                    students::transfer(db, s, student, to.id, date)
                });
            }
            Message::PickTo(c) => self.to = Some(c),
            Message::ParentName(v) => self.parent.name = v,
            Message::PickRelation(r) => self.relation = Some(r),
            Message::Phone(v) => self.phone = v,
            Message::Email(v) => self.email = v,
            Message::AddParent => {
                let Some(student) = self.chosen else {
                    return Action::None;
                };
                let mut parts = self.parent.name.split_whitespace();
                let name = PersonName {
                    surname: parts.next().unwrap_or("").into(),
                    name: parts.next().unwrap_or("").into(),
                    patronymic: parts.collect::<Vec<_>>().join(" "),
                };
                let p = NewParent {
                    relation: self
                        .relation
                        .as_ref()
                        .map(|r| r.0)
                        .unwrap_or_else(|| Relation::guess(&name)),
                    name,
                    phone: self.phone.clone(),
                    email: self.email.clone(),
                };
                self.parent = Form::default();
                self.phone.clear();
                self.email.clear();
                return self.work(ctx, tr.t("students-parent-added"), move |db, s| {
                    students::add_parent(db, s, student, &p).map(|_| ())
                });
            }
            Message::Consent => {
                let Some(student) = self.chosen else {
                    return Action::None;
                };
                return self.work(ctx, tr.t("students-consent-saved"), move |db, s| {
                    students::set_consent(
                        db,
                        s,
                        student,
                        students::Person::Student(student),
                        Some(today),
                    )
                });
            }
            Message::Paper(on) => {
                let Some(student) = self.chosen else {
                    return Action::None;
                };
                return self.work(ctx, tr.t("students-paper-saved"), move |db, s| {
                    students::set_paper_reports(db, s, student, on, today)
                });
            }
            Message::Import => {
                let pick = ctx.picker.import_file(tr.t("students-import-title"));
                return Action::Run(Task::perform(pick, Message::Picked));
            }
            Message::Picked(None) => {}
            Message::Picked(Some(path)) => {
                let Some(year) = self.year else {
                    return Action::None;
                };
                let session = ctx.session.clone();
                let p = path.clone();
                let work = ctx.file.run(move |db| {
                    let sheet = import::read_file(&p)?;
                    import::preview(&db.conn, &session, year, &sheet, today)
                });
                return Action::Run(Task::perform(work, move |r| {
                    Message::Previewed(path.clone(), r)
                }));
            }
            Message::Previewed(path, r) => self.import = Some((path, r)),
            Message::CancelImport => self.import = None,
            Message::ApplyImport => {
                let (Some(year), Some((_, Ok(preview)))) = (self.year, self.import.take()) else {
                    return Action::None;
                };
                let session = ctx.session.clone();
                self.busy = true;
                let said = tr.t("students-imported");
                let work = ctx.file.run(move |db| {
                    let (_, start) = import::target(&db.conn, today)?;
                    import::apply(db, &session, year, &preview, start)
                });
                return Action::Run(Task::perform(work, move |r| {
                    Message::Done(r.map(|n| format!("{said} {}", n.students)))
                }));
            }
            Message::Done(r) => {
                self.busy = false;
                self.status = Some(r.map_err(|e| tr.error(&e)));
                return Action::Run(self.load_list(ctx));
            }
        }
        Action::None
    }

    fn import_view<'a>(&'a self, ctx: &Ctx<'a>) -> Option<Element<'a, Message>> {
        let tr = ctx.tr;
        let (path, r) = self.import.as_ref()?;
        let mut col = column![widget::subheading(tr.t_args(
            "students-import-file",
            &[("path", path.display().to_string().into())]
        ))]
        .spacing(8);
        match r {
            Err(e) => col = col.push(widget::error_box(tr.error(e))),
            Ok(p) => {
                let cols: Vec<String> = p
                    .mapping
                    .columns
                    .iter()
                    .map(|(_, f, label)| format!("{label} → {}", tr.t(f.key())))
                    .collect();
                col = col.push(widget::hint(cols.join(";  ")));
                col = col.push(text(tr.t_args(
                    "students-import-summary",
                    &[
                        ("students", p.entries.len().into()),
                        ("parents", p.parents().into()),
                        ("errors", p.errors.len().into()),
                    ],
                )));
                for e in p.errors.iter().take(40) {
                    let (key, value) = e.problem.key();
                    col = col.push(
                        text(format!(
                            "{} {}: {}",
                            tr.t("students-import-row"),
                            e.row,
                            tr.t_args(key, &[("value", value.into())])
                        ))
                        .style(theme::text::danger)
                        .size(theme::SMALL),
                    );
                }
                for e in p.entries.iter().take(15) {
                    col = col.push(
                        text(format!(
                            "{}  {}  {}  {}",
                            e.rows[0],
                            e.class_name,
                            e.name.full(),
                            e.birth_date.map(format_date).unwrap_or_default()
                        ))
                        .size(theme::SMALL),
                    );
                }
            }
        }
        let clean = matches!(r, Ok(p) if p.is_clean());
        col = col.push(
            row![
                button(text(tr.t("students-import-apply")).size(theme::SMALL))
                    .padding([6, 10])
                    .style(theme::button::primary)
                    .on_press_maybe((clean && !self.busy).then_some(Message::ApplyImport)),
                button(text(tr.t("students-import-cancel")).size(theme::SMALL))
                    .padding([6, 10])
                    .style(theme::button::secondary)
                    .on_press(Message::CancelImport),
            ]
            .spacing(8),
        );
        Some(
            container(col)
                .style(theme::container::card)
                .padding(12)
                .width(Fill)
                .into(),
        )
    }

    fn chosen_view<'a>(&'a self, ctx: &Ctx<'a>, s: &'a StudentRow) -> Element<'a, Message> {
        let tr = ctx.tr;
        let idle = !self.busy;
        let input = |ph: String, id: &'static str, v: &str, m: fn(String) -> Message| {
            text_input(&ph, v)
                .id(id)
                .on_input(m)
                .padding(6)
                .style(theme::text_input::field)
        };
        let relations: Vec<RelationChoice> = Relation::ALL
            .iter()
            .map(|r| RelationChoice(*r, tr.t(relation_key(*r))))
            .collect();
        let others: Vec<ClassChoice> = self
            .classes
            .iter()
            .filter(|c| Some(c.id) != self.class.as_ref().map(|x| x.id))
            .cloned()
            .collect();
        let parents: Vec<String> = s
            .parents
            .iter()
            .map(|p| {
                format!(
                    "{} ({}) {} {}",
                    p.name.full(),
                    tr.t(relation_key(p.relation)),
                    p.phone,
                    p.email
                )
            })
            .collect();
        column![
            widget::subheading(s.name.full()),
            widget::hint(if parents.is_empty() {
                tr.t("students-no-parents")
            } else {
                parents.join("; ")
            }),
            row![
                text(tr.t("students-date")).size(theme::SMALL),
                input(String::new(), "students-date", &self.date, Message::Date).width(130),
                input(
                    tr.t("students-reason"),
                    "students-reason",
                    &self.reason,
                    Message::Reason
                )
                .width(Fill),
                button(text(tr.t("students-withdraw")).size(theme::SMALL))
                    .padding([6, 10])
                    .style(theme::button::secondary)
                    .on_press_maybe(
                        (idle && !self.reason.trim().is_empty()).then_some(Message::Withdraw)
                    ),
            ]
            .spacing(8)
            .align_y(iced::Center),
            row![
                pick_list(others, self.to.clone(), Message::PickTo)
                    .placeholder(tr.t("students-to-class")),
                button(text(tr.t("students-transfer")).size(theme::SMALL))
                    .padding([6, 10])
                    .style(theme::button::secondary)
                    .on_press_maybe((idle && self.to.is_some()).then_some(Message::Transfer)),
                button(text(tr.t("students-consent")).size(theme::SMALL))
                    .padding([6, 10])
                    .style(theme::button::secondary)
                    .on_press_maybe(idle.then_some(Message::Consent)),
                button(
                    text(tr.t(if s.paper_reports {
                        "students-paper-off"
                    } else {
                        "students-paper-on"
                    }))
                    .size(theme::SMALL)
                )
                .padding([6, 10])
                .style(theme::button::secondary)
                .on_press_maybe(idle.then_some(Message::Paper(!s.paper_reports))),
            ]
            .spacing(8)
            .align_y(iced::Center),
            row![
                input(
                    tr.t("students-parent-name"),
                    "students-parent-name",
                    &self.parent.name,
                    Message::ParentName
                )
                .width(Fill),
                pick_list(relations, self.relation.clone(), Message::PickRelation)
                    .placeholder(tr.t("import-field-relation")),
                input(
                    tr.t("import-field-phone"),
                    "students-phone",
                    &self.phone,
                    Message::Phone
                )
                .width(160),
                input(
                    tr.t("import-field-email"),
                    "students-email",
                    &self.email,
                    Message::Email
                )
                .width(200),
                button(text(tr.t("students-add-parent")).size(theme::SMALL))
                    .padding([6, 10])
                    .style(theme::button::secondary)
                    .on_press_maybe(idle.then_some(Message::AddParent)),
            ]
            .spacing(8)
            .align_y(iced::Center),
        ]
        .spacing(8)
        .into()
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        let mut page = column![widget::heading(tr.t("nav-students"))].spacing(12);
        page = page.push(
            row![
                pick_list(self.classes.clone(), self.class.clone(), Message::PickClass)
                    .placeholder(tr.t("students-pick-class")),
                button(text(tr.t("students-import")).size(theme::SMALL))
                    .padding([6, 10])
                    .style(theme::button::secondary)
                    .on_press_maybe(self.year.is_some().then_some(Message::Import)),
            ]
            .spacing(12)
            .align_y(iced::Center),
        );
        if let Some(s) = &self.status {
            page = page.push(match s {
                Ok(s) => widget::notice(text(s.clone()).size(theme::TEXT)),
                Err(e) => widget::error_box(e.clone()),
            });
        }
        if let Some(v) = self.import_view(ctx) {
            page = page.push(v);
        }
        match &self.list {
            None if self.classes.is_empty() && self.year.is_some() => {
                page = page.push(widget::hint(tr.t("students-no-classes")));
            }
            None => page = page.push(text(tr.t("loading"))),
            Some(Err(e)) => page = page.push(widget::error_box(tr.error(e))),
            Some(Ok(list)) => {
                if let Some(s) = self.chosen.and_then(|id| list.iter().find(|s| s.id == id)) {
                    page = page.push(
                        container(self.chosen_view(ctx, s))
                            .style(theme::container::card)
                            .padding(12)
                            .width(Fill),
                    );
                }
                let header = |key: &str| text(tr.t(key)).font(theme::BOLD).size(theme::SMALL);
                let columns = [
                    table::column(header("import-field-full-name"), |s: StudentRow| {
                        button(text(s.name.full()).size(theme::SMALL))
                            .padding(0)
                            .style(theme::button::link)
                            .on_press(Message::Choose(s.id))
                    })
                    .width(Fill),
                    table::column(header("import-field-birth-date"), |s: StudentRow| {
                        text(s.birth_date.map(format_date).unwrap_or_default()).size(theme::SMALL)
                    }),
                    table::column(header("import-field-file-number"), |s: StudentRow| {
                        text(s.file_number.unwrap_or_default()).size(theme::SMALL)
                    }),
                    table::column(header("students-col-dates"), move |s: StudentRow| {
                        let mut t = format!("{} –", format_date(s.start));
                        if let Some(e) = s.end {
                            t.push_str(&format!(" {}", format_date(e)));
                        }
                        if let Some(r) = &s.end_reason {
                            t.push_str(&format!(" ({})", tr.t(&format!("students-end-{r}"))));
                        }
                        text(t).size(theme::SMALL)
                    }),
                    table::column(header("students-col-parents"), |s: StudentRow| {
                        text(s.parents.len().to_string()).size(theme::SMALL)
                    }),
                    table::column(header("import-field-consent"), |s: StudentRow| {
                        text(s.consent.map(format_date).unwrap_or_default()).size(theme::SMALL)
                    }),
                    table::column(header("students-col-paper"), move |s: StudentRow| {
                        text(if s.paper_reports { "✓" } else { "" }).size(theme::SMALL)
                    }),
                ];
                page = page.push(
                    container(table(columns, list.clone()).padding_x(8).padding_y(4))
                        .style(theme::container::card)
                        .width(Fill),
                );
            }
        }
        let field = |label: &str, id: &'static str, v: &str, m: fn(String) -> Message| {
            widget::field(tr.t(label), id, v, false, m, None)
        };
        page = page.push(
            container(
                column![
                    widget::subheading(tr.t("students-enrol-title")),
                    row![
                        field(
                            "import-field-surname",
                            "students-surname",
                            &self.form.surname,
                            Message::Surname
                        ),
                        field(
                            "import-field-name",
                            "students-name",
                            &self.form.name,
                            Message::Name
                        ),
                        field(
                            "import-field-patronymic",
                            "students-patronymic",
                            &self.form.patronymic,
                            Message::Patronymic
                        ),
                        field(
                            "import-field-birth-date",
                            "students-birth",
                            &self.form.birth,
                            Message::Birth
                        ),
                        field(
                            "import-field-file-number",
                            "students-file-number",
                            &self.form.file_number,
                            Message::FileNumber
                        ),
                    ]
                    .spacing(8),
                    button(text(tr.t("students-enrol")).size(theme::SMALL))
                        .padding([6, 10])
                        .style(theme::button::primary)
                        .on_press_maybe(
                            (!self.busy && self.class.is_some()).then_some(Message::Enrol)
                        ),
                ]
                .spacing(8),
            )
            .style(theme::container::card)
            .padding(12)
            .width(Fill),
        );
        scrollable(page).into()
    }
}

fn relation_key(r: Relation) -> &'static str {
    match r {
        Relation::Mother => "students-relation-mother",
        Relation::Father => "students-relation-father",
        Relation::Guardian => "students-relation-guardian",
        Relation::Other => "students-relation-other",
    }
}
