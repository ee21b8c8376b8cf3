//! Reports and printing: pick a form and its parameters (only the forms and classes the user's
//! roles may print), make it with a progress bar and a Cancel button — the UI never waits on a big
//! batch — see what came out, save the PDF through the system's dialog and open it in the
//! system's PDF viewer. Gathering and rendering are the core's (`report`).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use iced::futures::Stream;
use iced::futures::channel::mpsc;
use iced::widget::{button, column, container, pick_list, progress_bar, row, text, text_input};
use iced::{Fill, Task};

use crate::error::{Error, Result};
use crate::gui::widget::{self, Element};
use crate::gui::{Ctx, PdfTarget, theme};
use crate::model::{ClassId, parse_date};
use crate::report::{self, Form, PeriodChoice, Progress, ReportError, Request};
use crate::school::ClassInfo;

pub struct Reports {
    form: Option<FormChoice>,
    classes: Vec<ClassInfo>,
    /// The form's classes are being read: the picker looks waiting meanwhile (see `view`).
    loading_classes: bool,
    class: Option<ClassChoice>,
    period: Option<PeriodPick>,
    from: String,
    to: String,
    /// Weekly: one student (personal file number or surname), or empty for the class's batch.
    student: String,
    /// Weekly: every student of the class, not only the families on paper.
    all_students: bool,
    running: Option<(f32, Arc<AtomicBool>)>,
    done: Option<Done>,
    status: Option<(bool, String)>,
}

/// A made form, waiting to be saved.
#[derive(Debug, Clone)]
pub struct Done {
    pdf: Arc<Vec<u8>>,
    file_name: String,
    pages: usize,
    saved: Option<PathBuf>,
    /// Saved where the program chose: no file dialog could open.
    fallback: bool,
    /// The form's figures to read on screen (the progress report's percentages).
    figures: Vec<Figure>,
}

/// One line of figures: a class and subject with N, % успеваемости, % качества, СОУ, average.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    what: String,
    n: u32,
    progress: String,
    quality: String,
    sou: String,
    average: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FormChoice(pub Form, pub String);
impl std::fmt::Display for FormChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

/// A class, or the whole school (`None`) where the form binds a volume.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassChoice(Option<ClassId>, String);
impl std::fmt::Display for ClassChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PeriodPick(PeriodChoice, String);
impl std::fmt::Display for PeriodPick {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    PickForm(FormChoice),
    Classes(Result<Vec<ClassInfo>>),
    PickClass(ClassChoice),
    PickPeriod(PeriodPick),
    From(String),
    To(String),
    Student(String),
    AllStudents(bool),
    Make,
    Event(Event),
    Cancel,
    Save,
    SaveTo(Option<PdfTarget>),
    OpenFolder,
    Opened(Result<(), Error>),
    Saved(Result<PathBuf>),
    Open,
}

/// What making a form reports while it works.
#[derive(Debug, Clone)]
pub enum Event {
    Progress(f32),
    /// `None`: cancelled.
    Done(Result<Option<Done>>),
}

pub enum Action {
    None,
    Run(Task<Message>),
}

impl Reports {
    pub fn new(ctx: &Ctx<'_>) -> (Reports, Task<Message>) {
        let first = Form::ALL
            .into_iter()
            .find(|f| f.allowed(ctx.session))
            .map(|f| FormChoice(f, f.title()));
        let (from, to) = report::last_school_week(ctx.info.today);
        let mut r = Reports {
            form: first,
            classes: Vec::new(),
            loading_classes: false,
            class: None,
            period: None,
            from: crate::model::format_date(from),
            to: crate::model::format_date(to),
            student: String::new(),
            all_students: false,
            running: None,
            done: None,
            status: None,
        };
        let task = r.load_classes(ctx);
        (r, task)
    }

    fn load_classes(&mut self, ctx: &Ctx<'_>) -> Task<Message> {
        let (Some(FormChoice(form, _)), Some(year)) = (&self.form, ctx.info.year.as_ref()) else {
            return Task::none();
        };
        let (form, year, session) = (*form, year.id, ctx.session.clone());
        self.loading_classes = true;
        Task::perform(
            ctx.file
                .run(move |db| report::classes_for(&db.conn, &session, form, year).map_err(core)),
            Message::Classes,
        )
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx<'_>) -> Action {
        let tr = ctx.tr;
        match message {
            Message::PickForm(f) => {
                self.form = Some(f);
                self.done = None;
                return Action::Run(self.load_classes(ctx));
            }
            Message::Classes(Ok(c)) => {
                self.loading_classes = false;
                self.classes = c;
                let whole = self.whole_school_allowed(ctx);
                self.class = if whole {
                    Some(ClassChoice(None, tr.t("reports-whole-school")))
                } else {
                    self.classes
                        .first()
                        .map(|c| ClassChoice(Some(c.id), c.name()))
                };
            }
            Message::Classes(Err(e)) => {
                self.loading_classes = false;
                self.status = Some((false, tr.error(&e)));
            }
            Message::PickClass(c) => self.class = Some(c),
            Message::PickPeriod(p) => self.period = Some(p),
            Message::From(t) => self.from = t,
            Message::Student(t) => self.student = t,
            Message::AllStudents(b) => self.all_students = b,
            Message::To(t) => self.to = t,
            Message::Make => return self.make(ctx),
            Message::Event(Event::Progress(p)) => {
                if let Some((f, _)) = &mut self.running {
                    *f = p;
                }
            }
            Message::Event(Event::Done(r)) => {
                self.running = None;
                match r {
                    Ok(Some(d)) => {
                        self.status = None;
                        self.done = Some(d);
                    }
                    Ok(None) => self.status = Some((false, tr.t("reports-cancelled"))),
                    Err(e) => self.status = Some((false, tr.error(&e))),
                }
            }
            Message::Cancel => {
                if let Some((_, cancel)) = &self.running {
                    cancel.store(true, Ordering::Relaxed);
                }
            }
            Message::Save => {
                if let Some(d) = &self.done {
                    return Action::Run(Task::perform(
                        ctx.picker
                            .save_pdf(tr.t("reports-save-title"), d.file_name.clone()),
                        Message::SaveTo,
                    ));
                }
            }
            Message::SaveTo(None) => {}
            Message::SaveTo(Some(target)) => {
                if let Some(d) = &mut self.done {
                    d.fallback = target.fallback;
                    let path = target.path;
                    let pdf = d.pdf.clone();
                    return Action::Run(Task::perform(
                        crate::gui::work::blocking(move || {
                            let tmp = path.with_extension("pdf.partial");
                            std::fs::write(&tmp, pdf.as_slice())?;
                            std::fs::rename(&tmp, &path)?;
                            Ok(path)
                        }),
                        Message::Saved,
                    ));
                }
            }
            Message::Saved(Ok(path)) => {
                let fallback = self.done.as_ref().is_some_and(|d| d.fallback);
                self.status = Some((
                    true,
                    tr.t_args(
                        if fallback {
                            "reports-saved-no-dialog"
                        } else {
                            "reports-saved"
                        },
                        &[("path", path.display().to_string().into())],
                    ),
                ));
                if let Some(d) = &mut self.done {
                    d.saved = Some(path);
                }
            }
            Message::Saved(Err(e)) => self.status = Some((false, tr.error(&e))),
            Message::Open => {
                if let Some(path) = self.done.as_ref().and_then(|d| d.saved.clone()) {
                    return Action::Run(Task::perform(open_in_viewer(path), Message::Opened));
                }
            }
            Message::OpenFolder => {
                if let Some(dir) = self
                    .done
                    .as_ref()
                    .and_then(|d| d.saved.as_ref())
                    .and_then(|p| p.parent())
                {
                    return Action::Run(Task::perform(
                        open_in_viewer(dir.to_path_buf()),
                        Message::Opened,
                    ));
                }
            }
            Message::Opened(Ok(())) => {}
            Message::Opened(Err(e)) => self.status = Some((false, tr.error(&e))),
        }
        Action::None
    }

    /// Forms that cover the whole school when no class is chosen: the ledger and the journal
    /// bind a volume, the progress report lists every class; the control, audit and slips forms
    /// are school-wide by nature.
    fn whole_school_allowed(&self, ctx: &Ctx<'_>) -> bool {
        match self.form.as_ref().map(|f| f.0) {
            Some(Form::Ledger | Form::Journal | Form::Progress) => report::reads_all(ctx.session),
            Some(Form::Control | Form::Audit | Form::Slips) => true,
            _ => false,
        }
    }

    fn make(&mut self, ctx: &Ctx<'_>) -> Action {
        let tr = ctx.tr;
        let Some(FormChoice(form, _)) = self.form.clone() else {
            return Action::None;
        };
        let mut req = Request::new(form);
        req.year = ctx.info.year.as_ref().map(|y| y.id);
        req.class = self.class.as_ref().and_then(|c| c.0);
        req.period = self.period.as_ref().map(|p| p.0);
        req.all_students = self.all_students;
        if matches!(
            form,
            Form::Weekly | Form::Attendance | Form::Control | Form::Audit
        ) {
            match (parse_date(&self.from), parse_date(&self.to)) {
                (Ok(a), Ok(b)) => {
                    req.from = Some(a);
                    req.to = Some(b);
                }
                (Err(e), _) | (_, Err(e)) => {
                    self.status = Some((false, tr.error(&Error::Invalid(e))));
                    return Action::None;
                }
            }
        }
        let cancel = Arc::new(AtomicBool::new(false));
        self.running = Some((0.0, cancel.clone()));
        self.done = None;
        self.status = None;
        let file = ctx.file.clone();
        let session = ctx.session.clone();
        let student = (form == Form::Weekly && !self.student.trim().is_empty())
            .then(|| self.student.trim().to_string());
        Action::Run(Task::run(
            make(file, session, req, student, cancel),
            Message::Event,
        ))
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let tr = ctx.tr;
        let forms: Vec<FormChoice> = Form::ALL
            .into_iter()
            .filter(|f| f.allowed(ctx.session))
            .map(|f| FormChoice(f, f.title()))
            .collect();
        if forms.is_empty() {
            return widget::hint(tr.t("reports-none"));
        }
        let mut classes: Vec<ClassChoice> = Vec::new();
        if self.whole_school_allowed(ctx) {
            classes.push(ClassChoice(None, tr.t("reports-whole-school")));
        }
        classes.extend(
            self.classes
                .iter()
                .map(|c| ClassChoice(Some(c.id), c.name())),
        );
        let mut periods: Vec<PeriodPick> = (1..=4)
            .map(|n| {
                PeriodPick(
                    PeriodChoice::Number(n),
                    tr.t_args("reports-period", &[("n", (n as i64).into())]),
                )
            })
            .collect();
        periods.push(PeriodPick(PeriodChoice::Year, tr.t("reports-year")));
        let form = self.form.as_ref().map(|f| f.0);
        let mut params = column![
            widget::heading(tr.t("nav-reports")),
            text(tr.t("reports-form")).size(theme::SMALL),
            pick_list(forms, self.form.clone(), Message::PickForm)
                .text_size(theme::TEXT)
                .width(Fill),
            text(tr.t("reports-class")).size(theme::SMALL),
            // The class the form's list brings is set with no other change to the picker, and
            // iced's software renderer repaints a changed centred label only from its middle
            // down (the class looked cut in half). Waiting looks different, so the whole picker
            // is drawn again when the classes come.
            container(
                pick_list(classes, self.class.clone(), Message::PickClass)
                    .text_size(theme::TEXT)
                    .width(Fill)
                    .style(if self.loading_classes {
                        theme::pick_list::waiting
                    } else {
                        iced::widget::pick_list::default
                    }),
            )
            .id("reports-class"),
        ]
        .spacing(8);
        if matches!(
            form,
            Some(Form::Journal | Form::Progress | Form::Attendance)
        ) {
            params = params.push(text(tr.t("reports-period-label")).size(theme::SMALL));
            params = params.push(
                pick_list(periods, self.period.clone(), Message::PickPeriod)
                    .placeholder(tr.t("reports-period-default"))
                    .text_size(theme::TEXT)
                    .width(Fill),
            );
        }
        if form == Some(Form::Weekly) {
            params = params.push(text(tr.t("reports-student")).size(theme::SMALL));
            params = params.push(
                text_input(&tr.t("reports-student-hint"), &self.student)
                    .id("reports-student")
                    .on_input(Message::Student)
                    .padding(6)
                    .size(theme::TEXT),
            );
            params = params.push(
                iced::widget::checkbox(self.all_students)
                    .label(tr.t("reports-all-students"))
                    .on_toggle(Message::AllStudents)
                    .text_size(theme::SMALL),
            );
        }
        if matches!(
            form,
            Some(Form::Weekly | Form::Attendance | Form::Control | Form::Audit)
        ) {
            params = params.push(text(tr.t("reports-dates")).size(theme::SMALL));
            params = params.push(
                row![
                    text_input("", &self.from)
                        .id("reports-from")
                        .on_input(Message::From)
                        .padding(6)
                        .size(theme::TEXT),
                    text("—"),
                    text_input("", &self.to)
                        .id("reports-to")
                        .on_input(Message::To)
                        .padding(6)
                        .size(theme::TEXT),
                ]
                .spacing(6)
                .align_y(iced::Alignment::Center),
            );
        }
        params = params.push(
            button(text(tr.t("reports-make")).size(theme::TEXT))
                .padding([8, 16])
                .style(theme::button::primary)
                .on_press_maybe(self.running.is_none().then_some(Message::Make)),
        );
        if let Some((p, _)) = &self.running {
            params = params.push(
                row![
                    progress_bar(0.0..=1.0, *p),
                    button(text(tr.t("reports-cancel")).size(theme::SMALL))
                        .padding([4, 10])
                        .style(theme::button::secondary)
                        .on_press(Message::Cancel),
                ]
                .spacing(8)
                .align_y(iced::Alignment::Center),
            );
        }
        if let Some(d) = &self.done {
            let mut r = column![
                text(tr.t_args(
                    "reports-ready",
                    &[
                        ("name", d.file_name.clone().into()),
                        ("pages", (d.pages as i64).into()),
                        ("kb", ((d.pdf.len() / 1024) as i64).into())
                    ]
                ))
                .size(theme::TEXT),
                row![
                    button(text(tr.t("reports-save")).size(theme::TEXT))
                        .padding([8, 16])
                        .style(theme::button::primary)
                        .on_press(Message::Save),
                    button(text(tr.t("reports-open")).size(theme::TEXT))
                        .padding([8, 16])
                        .style(theme::button::secondary)
                        .on_press_maybe(d.saved.is_some().then_some(Message::Open)),
                    button(text(tr.t("reports-open-folder")).size(theme::TEXT))
                        .padding([8, 16])
                        .style(theme::button::secondary)
                        .on_press_maybe(d.saved.is_some().then_some(Message::OpenFolder)),
                ]
                .spacing(8),
            ]
            .spacing(8);
            if d.saved.is_none() {
                r = r.push(widget::hint(tr.t("reports-save-first")));
            }
            if !d.figures.is_empty() {
                let head = |k: &str| text(tr.t(k)).size(theme::SMALL).font(theme::BOLD);
                let columns = vec![
                    iced::widget::table::column(head("reports-col-what"), |f: &Figure| {
                        text(f.what.clone()).size(theme::SMALL)
                    }),
                    iced::widget::table::column(head("reports-col-n"), |f: &Figure| {
                        text(f.n.to_string()).size(theme::SMALL)
                    }),
                    iced::widget::table::column(head("reports-col-progress"), |f: &Figure| {
                        text(f.progress.clone()).size(theme::SMALL)
                    }),
                    iced::widget::table::column(head("reports-col-quality"), |f: &Figure| {
                        text(f.quality.clone()).size(theme::SMALL)
                    }),
                    iced::widget::table::column(head("reports-col-sou"), |f: &Figure| {
                        text(f.sou.clone()).size(theme::SMALL)
                    }),
                    iced::widget::table::column(head("reports-col-average"), |f: &Figure| {
                        text(f.average.clone()).size(theme::SMALL)
                    }),
                ];
                r = r.push(iced::widget::table(columns, d.figures.iter()).padding(4));
            }
            params = params.push(widget::notice(r));
        }
        if let Some((ok, s)) = &self.status {
            params = params.push(if *ok {
                widget::notice(text(s.clone()).size(theme::TEXT))
            } else {
                widget::error_box(s.clone())
            });
        }
        container(params).max_width(720).into()
    }
}

/// Makes a form on a worker thread, reporting progress; stops early when `cancel` is set.
fn make(
    file: crate::gui::work::JournalFile,
    session: crate::auth::Session,
    req: Request,
    student: Option<String>,
    cancel: Arc<AtomicBool>,
) -> impl Stream<Item = Event> + Send + 'static {
    let (tx, rx) = mpsc::unbounded();
    let progress_tx = tx.clone();
    let job = file.run(move |db| {
        let mut last = -1i32;
        let mut report_progress = |f: f32| {
            let pct = (f * 100.0) as i32;
            if pct != last {
                last = pct;
                let _ = progress_tx.unbounded_send(Event::Progress(f));
            }
        };
        let mut req = req;
        if let Some(typed) = &student {
            let year = report::year(&db.conn, req.year, db.clock.today()).map_err(core)?;
            req.student = Some(report::cli::student(&db.conn, typed, req.class, &year)?);
        }
        // No period chosen: the one running today (or the last that has begun).
        if req.period.is_none()
            && matches!(req.form, Form::Journal | Form::Progress | Form::Attendance)
            && let Some(year) = req.year
        {
            let grade = match req.class {
                Some(c) => report::class_info(&db.conn, c).map_err(core)?.grade,
                None => 5,
            };
            let today = db.clock.today();
            let periods = crate::school::periods_for_grade(&db.conn, year, grade)?;
            let current = periods
                .iter()
                .find(|p| p.contains(today))
                .or_else(|| periods.iter().rev().find(|p| p.start <= today))
                .or(periods.first());
            req.period = Some(
                current
                    .map(|p| PeriodChoice::Number(p.number))
                    .unwrap_or(PeriodChoice::Year),
            );
        }
        let mut progress = Progress::new(&mut report_progress, &cancel);
        let made =
            report::gather(db, &session, &req, &mut progress.part(0.0, 0.4)).and_then(|gathered| {
                Ok((
                    gathered.render(&mut progress.part(0.4, 1.0))?,
                    gathered.file_name(),
                    figures(&gathered),
                ))
            });
        match made {
            Ok((pdf, file_name, figures)) => {
                let pages = count_pages(&pdf);
                Ok(Some(Done {
                    file_name,
                    pdf: Arc::new(pdf),
                    pages,
                    saved: None,
                    fallback: false,
                    figures,
                }))
            }
            Err(ReportError::Cancelled) => Ok(None),
            Err(ReportError::Core(e)) => Err(e),
        }
    });
    std::thread::spawn(move || {
        let r = iced::futures::executor::block_on(job);
        let _ = tx.unbounded_send(Event::Done(r));
    });
    rx
}

/// The figures a form shows on screen besides its PDF.
fn figures(r: &report::Report) -> Vec<Figure> {
    match r {
        report::Report::Progress(p) => p
            .subjects
            .iter()
            .map(|s| Figure {
                what: format!("{}, {}", s.class_name, s.subject),
                n: s.counts.n(),
                progress: report::pct(s.counts.progress()),
                quality: report::pct(s.counts.quality()),
                sou: report::pct(s.counts.sou()),
                average: report::dec2(s.counts.average()),
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn core(e: ReportError) -> Error {
    match e {
        ReportError::Core(e) => e,
        ReportError::Cancelled => Error::said("said-printing-cancelled", &[]),
    }
}

/// Pages in a PDF, read back from its page objects.
fn count_pages(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf)
        .map(|d| d.get_pages().len())
        .unwrap_or(0)
}

/// Opens a file (or a folder) in the system's viewer, in the background: the error says in
/// plain words when this computer has no program for it. `xdg-open` exits with an error code when
/// it finds no viewer; it is waited for a few seconds (a viewer it starts runs on by itself).
pub(crate) fn open_in_viewer(
    path: std::path::PathBuf,
) -> impl std::future::Future<Output = Result<(), Error>> + Send + 'static {
    crate::gui::work::blocking(move || {
        let no_viewer = || {
            Error::said(
                "said-no-viewer",
                &[("path", path.display().to_string().into())],
            )
        };
        #[cfg(windows)]
        let mut cmd = {
            let mut c = std::process::Command::new("explorer");
            c.arg(&path);
            c
        };
        #[cfg(target_os = "macos")]
        let mut cmd = {
            let mut c = std::process::Command::new("open");
            c.arg(&path);
            c
        };
        #[cfg(all(unix, not(target_os = "macos")))]
        let mut cmd = {
            let mut c = std::process::Command::new("xdg-open");
            c.arg(&path);
            c
        };
        let mut child = cmd
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map_err(|_| no_viewer())?;
        let started = std::time::Instant::now();
        while started.elapsed() < std::time::Duration::from_secs(4) {
            match child.try_wait() {
                // explorer.exe answers 1 even when it opened the file.
                Ok(Some(status)) if status.success() || cfg!(windows) => return Ok(()),
                Ok(Some(_)) => return Err(no_viewer()),
                Ok(None) => std::thread::sleep(std::time::Duration::from_millis(50)),
                Err(e) => return Err(e.into()),
            }
        }
        // Still running: it opened a viewer and waits for it.
        std::thread::spawn(move || child.wait());
        Ok(())
    })
}
