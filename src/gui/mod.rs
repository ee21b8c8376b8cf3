//! The desktop program: an iced application around the journal core. The app holds one
//! [`Screen`]; each screen has its own messages, an `update` that returns an `Action` for the app,
//! and a `view`. The app owns what screens share — the open journal file, the language, the look,
//! this computer's preferences — and decides what follows from a screen's action: opening a file,
//! logging in, locking after idle minutes, switching user. Database work runs on worker threads
//! (`work`); the GUI decides nothing the core does not enforce.
//!
//! [`application`] builds the iced application without running it, so tests drive the very same
//! program; [`run`] runs it.

mod alarm;
mod focus;
pub mod grid;
mod prefs;
pub mod screen;
pub mod theme;
pub mod widget;
pub mod work;

use std::mem;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use iced::futures::FutureExt;
use iced::futures::future::BoxFuture;
use iced::keyboard::{self, Key, Modifiers, key};
use iced::widget::{button, center, column, row, text};
use iced::{Application, Event, Program, Subscription, Task, Theme, event, mouse, window};

pub use prefs::Prefs;
pub use screen::{Screen, Section};

use crate::auth::Session;
use crate::demo::DemoOptions;
use crate::error::Error;
use crate::i18n::{Lang, Tr};
use screen::login::LockReason;
use screen::{
    ChangePassword, Login, OpenFailed, Welcome, Workspace, change_password, login, open_failed,
    welcome, workspace,
};
use theme::Look;
use widget::Element;
use work::{Info, JournalFile};

/// Runs the program. `db` is the journal file given on the command line (`--db FILE`); without
/// it the program opens the file used last on this computer, or shows the welcome screen.
pub fn run(db: Option<PathBuf>) -> iced::Result {
    application(Options {
        db,
        env: Env::system(),
    })
    .run()
}

/// What the program starts with.
#[derive(Clone)]
pub struct Options {
    pub db: Option<PathBuf>,
    pub env: Env,
}

/// The program as an iced application, not yet running.
pub fn application(
    options: Options,
) -> Application<impl Program<Message = Message, Theme = Theme>> {
    iced::application(move || App::new(options.clone()), App::update, App::view)
        .title(App::title)
        .theme(App::theme)
        .subscription(App::subscription)
        .settings(settings())
        .window(window_settings())
}

/// The window's class on Linux (X11 WM_CLASS, Wayland app id): the basename of the menu entry
/// (`zhurnal.desktop`, whose `StartupWMClass` names it too), so that a taskbar groups the window
/// under the menu entry and shows its icon.
pub const APP_ID: &str = "zhurnal";

/// The main window: size, the icon from assets/ and, on Linux, the class the menu entry names.
/// iced 0.14 takes the X11/Wayland class from `platform_specific.application_id` (not
/// `Settings::id`, which it uses on the BSDs only).
pub fn window_settings() -> window::Settings {
    window::Settings {
        // Fits a 1366×768 screen with a taskbar and a title bar.
        size: iced::Size::new(1280.0, 700.0),
        min_size: Some(iced::Size::new(960.0, 600.0)),
        icon: window_icon(),
        #[cfg(target_os = "linux")]
        platform_specific: window::settings::PlatformSpecific {
            application_id: APP_ID.into(),
            ..Default::default()
        },
        ..window::Settings::default()
    }
}

/// The program's icon, 64×64, decoded from the PNG in assets/icons.
fn window_icon() -> Option<window::Icon> {
    let png = include_bytes!("../../assets/icons/zhurnal-64.png");
    let mut decoder = png::Decoder::new(std::io::Cursor::new(&png[..]));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().ok()?;
    let mut buf = vec![0; reader.output_buffer_size()?];
    let info = reader.next_frame(&mut buf).ok()?;
    buf.truncate(info.buffer_size());
    let rgba = match info.color_type {
        png::ColorType::Rgba => buf,
        png::ColorType::Rgb => buf
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        _ => return None,
    };
    window::icon::from_rgba(rgba, info.width, info.height).ok()
}

/// Fonts and text size: the embedded font is the default of every text. Tests build their
/// simulators with these settings too.
pub fn settings() -> iced::Settings {
    iced::Settings {
        // The class on the BSDs (Linux takes it from `window_settings`'s application id).
        id: Some(APP_ID.into()),
        fonts: vec![theme::FONT_REGULAR.into(), theme::FONT_BOLD.into()],
        default_font: theme::FONT,
        default_text_size: theme::TEXT.into(),
        ..iced::Settings::default()
    }
}

/// Where the program keeps things on this computer, and how it asks for files.
#[derive(Clone)]
pub struct Env {
    /// The preferences file lives here.
    pub config_dir: PathBuf,
    /// The default journal file and the demo school live here.
    pub data_dir: PathBuf,
    pub picker: Arc<dyn Picker>,
    /// What demo school "open the demo" builds.
    pub demo: DemoOptions,
    /// Where "today" comes from for the files opened (tests fix it).
    pub clock: crate::db::Clock,
}

impl Env {
    /// The user's usual directories (`~/.config/zhurnal`, `~/.local/share/zhurnal` on Linux) and
    /// the system's file dialogs.
    pub fn system() -> Env {
        let (config_dir, data_dir) =
            match directories::ProjectDirs::from("ru", "zhurnal", "Zhurnal") {
                Some(d) => (d.config_dir().to_path_buf(), d.data_dir().to_path_buf()),
                // No home directory: keep everything beside the program's working directory.
                None => (PathBuf::from("."), PathBuf::from(".")),
            };
        Env {
            config_dir,
            data_dir,
            picker: Arc::new(SystemPicker),
            demo: DemoOptions::default(),
            clock: crate::db::Clock::System,
        }
    }

    /// Everything inside `dir`, and file dialogs answered by `picker` (tests).
    pub fn in_dir(dir: &Path, picker: Arc<dyn Picker>, demo: DemoOptions) -> Env {
        Env {
            config_dir: dir.join("config"),
            data_dir: dir.join("data"),
            picker,
            demo,
            clock: crate::db::Clock::System,
        }
    }

    /// The same, with "today" fixed for every journal file the program opens.
    pub fn with_clock(mut self, clock: crate::db::Clock) -> Env {
        self.clock = clock;
        self
    }

    /// Where a new school is created unless the user chooses another place.
    pub fn journal_path(&self) -> PathBuf {
        self.data_dir.join("zhurnal.sqlite")
    }

    /// Where the demo school is built.
    pub fn demo_path(&self) -> PathBuf {
        self.data_dir.join("demo.sqlite")
    }
}

/// Asks the user for a file. The system one shows dialogs; tests answer without a display.
pub trait Picker: Send + Sync {
    /// An existing journal file (or its backup copy) to open.
    fn open_journal(&self, title: String) -> BoxFuture<'static, Option<PathBuf>>;
    /// Where to create a new journal file.
    fn new_journal(&self, title: String, suggested: PathBuf)
    -> BoxFuture<'static, Option<PathBuf>>;
    /// A class list to import (CSV or XLSX).
    fn import_file(&self, title: String) -> BoxFuture<'static, Option<PathBuf>>;
    /// Where to save a printed form (PDF); `None` when the user cancelled. Where no dialog can
    /// open, a path in the user's documents is given instead, marked as such.
    fn save_pdf(&self, title: String, suggested: String) -> BoxFuture<'static, Option<PdfTarget>>;
}

/// Where a PDF goes: the file the user chose, or, where no dialog could open, a file in a known
/// folder that the screen names (with a button to open that folder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfTarget {
    pub path: PathBuf,
    /// No dialog opened: the program chose `path` by itself.
    pub fallback: bool,
}

impl PdfTarget {
    /// A file the user chose.
    pub fn chosen(path: PathBuf) -> PdfTarget {
        PdfTarget {
            path,
            fallback: false,
        }
    }

    /// `name` in `dir` (created), numbered «(2)», «(3)» … past files already there.
    pub fn in_folder(dir: &Path, name: &str) -> std::io::Result<PdfTarget> {
        std::fs::create_dir_all(dir)?;
        let stem = name.strip_suffix(".pdf").unwrap_or(name);
        let mut path = dir.join(format!("{stem}.pdf"));
        let mut n = 2;
        while path.exists() {
            path = dir.join(format!("{stem} ({n}).pdf"));
            n += 1;
        }
        Ok(PdfTarget {
            path,
            fallback: true,
        })
    }
}

/// The folder printed forms go into when no file dialog can open: «Журнал» in the user's
/// documents (or home) folder.
pub fn fallback_pdf_dir() -> PathBuf {
    let base = directories::UserDirs::new().map(|u| {
        u.document_dir()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| u.home_dir().to_path_buf())
    });
    base.unwrap_or_else(|| PathBuf::from(".")).join("Журнал")
}

/// The desktop's file dialogs (XDG portal or zenity on Linux).
pub struct SystemPicker;

const JOURNAL_EXTENSIONS: &[&str] = &["sqlite", "db"];

impl Picker for SystemPicker {
    fn open_journal(&self, title: String) -> BoxFuture<'static, Option<PathBuf>> {
        async move {
            rfd::AsyncFileDialog::new()
                .set_title(title)
                .add_filter("Zhurnal", JOURNAL_EXTENSIONS)
                .pick_file()
                .await
                .map(|f| f.path().to_path_buf())
        }
        .boxed()
    }

    fn new_journal(
        &self,
        title: String,
        suggested: PathBuf,
    ) -> BoxFuture<'static, Option<PathBuf>> {
        async move {
            let mut dialog = rfd::AsyncFileDialog::new()
                .set_title(title)
                .add_filter("Zhurnal", JOURNAL_EXTENSIONS);
            if let Some(dir) = suggested.parent() {
                dialog = dialog.set_directory(dir);
            }
            if let Some(name) = suggested.file_name() {
                dialog = dialog.set_file_name(name.to_string_lossy());
            }
            dialog.save_file().await.map(|f| f.path().to_path_buf())
        }
        .boxed()
    }

    fn import_file(&self, title: String) -> BoxFuture<'static, Option<PathBuf>> {
        async move {
            rfd::AsyncFileDialog::new()
                .set_title(title)
                .add_filter("CSV, Excel", &["csv", "txt", "xlsx"])
                .pick_file()
                .await
                .map(|f| f.path().to_path_buf())
        }
        .boxed()
    }

    fn save_pdf(&self, title: String, suggested: String) -> BoxFuture<'static, Option<PdfTarget>> {
        async move {
            let asked = std::time::Instant::now();
            let chosen = rfd::AsyncFileDialog::new()
                .set_title(title)
                .add_filter("PDF", &["pdf"])
                .set_file_name(suggested.clone())
                .save_file()
                .await
                .map(|f| PdfTarget::chosen(f.path().to_path_buf()));
            // Without a desktop portal (or one without a backend) and without zenity, rfd gives
            // up within milliseconds; nobody cancels a dialog that fast. Then the form goes into
            // a known folder instead of nowhere.
            if chosen.is_none() && asked.elapsed() < std::time::Duration::from_millis(400) {
                return PdfTarget::in_folder(&fallback_pdf_dir(), &suggested).ok();
            }
            chosen
        }
        .boxed()
    }
}

/// A computer where no file dialog opens: every PDF goes into `folder` (tests; the same path as
/// the system picker's when its dialog fails).
pub struct NoDialogPicker(pub PathBuf);

impl Picker for NoDialogPicker {
    fn open_journal(&self, _title: String) -> BoxFuture<'static, Option<PathBuf>> {
        async { None }.boxed()
    }

    fn new_journal(
        &self,
        _title: String,
        _suggested: PathBuf,
    ) -> BoxFuture<'static, Option<PathBuf>> {
        async { None }.boxed()
    }

    fn import_file(&self, _title: String) -> BoxFuture<'static, Option<PathBuf>> {
        async { None }.boxed()
    }

    fn save_pdf(&self, _title: String, suggested: String) -> BoxFuture<'static, Option<PdfTarget>> {
        let dir = self.0.clone();
        async move { PdfTarget::in_folder(&dir, &suggested).ok() }.boxed()
    }
}

/// A picker that always gives the same answer: tests, and machines without dialogs.
pub struct FixedPicker(pub Option<PathBuf>);

impl Picker for FixedPicker {
    fn open_journal(&self, _title: String) -> BoxFuture<'static, Option<PathBuf>> {
        let answer = self.0.clone();
        async move { answer }.boxed()
    }

    fn new_journal(
        &self,
        _title: String,
        _suggested: PathBuf,
    ) -> BoxFuture<'static, Option<PathBuf>> {
        self.open_journal(String::new())
    }

    fn import_file(&self, _title: String) -> BoxFuture<'static, Option<PathBuf>> {
        self.open_journal(String::new())
    }

    fn save_pdf(
        &self,
        _title: String,
        _suggested: String,
    ) -> BoxFuture<'static, Option<PdfTarget>> {
        let answer = self.0.clone().map(PdfTarget::chosen);
        async move { answer }.boxed()
    }
}

/// What the pages of a workspace share: passed into their `update` and `view`, never stored.
pub struct Shared<'a> {
    pub tr: &'a Tr,
    pub file: &'a JournalFile,
    pub look: Look,
    /// File dialogs (the import's file), answered without a display in tests.
    pub picker: &'a Arc<dyn Picker>,
}

impl<'a> Shared<'a> {
    pub fn ctx(&self, session: &'a Session, info: &'a Info) -> Ctx<'a> {
        Ctx {
            tr: self.tr,
            file: self.file,
            session,
            info,
            look: self.look,
            picker: self.picker,
        }
    }
}

/// Everything a page may read: the words, the file, who is working, the school and year.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub tr: &'a Tr,
    pub file: &'a JournalFile,
    pub session: &'a Session,
    pub info: &'a Info,
    pub look: Look,
    pub picker: &'a Arc<dyn Picker>,
}

/// Keyboard and mouse input the app itself listens to. Any of it counts as activity for the
/// idle lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Activity,
    /// Move keyboard focus to the next (or previous) field.
    Tab {
        shift: bool,
    },
    /// F1…F12 (or Ctrl+1…9): open the N-th section of the sidebar (0-based here).
    Section(usize),
    /// Ctrl+L: lock the workspace.
    Lock,
    /// Escape: a side panel closes and the keys go back to the page's grid (the journal).
    Escape,
    /// A digit 1–9 typed outside any field: on Today, the lesson with that number opens.
    Digit(u8),
}

impl Input {
    /// What a key press means to the app. `captured` tells whether a widget used it already.
    pub fn from_key(
        key: &Key,
        physical: key::Physical,
        modifiers: Modifiers,
        captured: bool,
    ) -> Input {
        if let Key::Named(key::Named::Escape) = key
            && modifiers.is_empty()
        {
            return Input::Escape;
        }
        if let Key::Named(key::Named::Tab) = key {
            return if captured {
                Input::Activity
            } else {
                Input::Tab {
                    shift: modifiers.shift(),
                }
            };
        }
        // As many as the sidebar can show (an administrator has eleven sections).
        const F_KEYS: [key::Named; 12] = [
            key::Named::F1,
            key::Named::F2,
            key::Named::F3,
            key::Named::F4,
            key::Named::F5,
            key::Named::F6,
            key::Named::F7,
            key::Named::F8,
            key::Named::F9,
            key::Named::F10,
            key::Named::F11,
            key::Named::F12,
        ];
        if let Key::Named(named) = key
            && modifiers.is_empty()
            && let Some(n) = F_KEYS.iter().position(|f| f == named)
        {
            return Input::Section(n);
        }
        if let Key::Character(c) = key
            && modifiers.is_empty()
            && !captured
            && let Some(d @ 1..=9) = c.chars().next().and_then(|c| c.to_digit(10))
            && c.chars().count() == 1
        {
            return Input::Digit(d as u8);
        }
        if modifiers.command() && !modifiers.alt() {
            // `to_latin` reads the key's place, so Ctrl+L works on a Russian layout (Ctrl+Д) too.
            match key.to_latin(physical) {
                // A focused text field inserts a digit typed with Ctrl (iced 0.14 does); then the
                // key was the field's, not a shortcut. F-keys have no such clash.
                Some(c @ '1'..='9') if !captured => {
                    return Input::Section(c as usize - '1' as usize);
                }
                Some('l') => return Input::Lock,
                _ => {}
            }
        }
        Input::Activity
    }
}

/// How often the program looks whether the daily automatic backup is due.
const BACKUP_CHECK: Duration = Duration::from_secs(60 * 60);

#[derive(Debug, Clone)]
pub enum Message {
    Opened {
        path: PathBuf,
        login: Option<String>,
        result: Result<(JournalFile, Info), Error>,
    },
    Welcome(welcome::Message),
    OpenFailed(open_failed::Message),
    Login(login::Message),
    ChangePassword(change_password::Message),
    Work(workspace::Message),
    Input(Input),
    /// The clock, for the idle lock and the daily backup.
    Tick(Instant),
    /// The automatic backup finished (`None`: one was made within the last day already).
    BackedUp(Result<Option<crate::backup::BackupFile>, Error>),
}

pub struct App {
    env: Env,
    prefs: Prefs,
    tr: Tr,
    theme: Theme,
    file: Option<JournalFile>,
    screen: Screen,
    last_input: Instant,
    /// When the program last looked whether the daily backup is due.
    last_backup_check: Instant,
    /// The last automatic backup failed: say so to the next user at work.
    backup_failed: bool,
    /// Wakes the program at the next idle-lock deadline or backup look (`next_wake`).
    alarm: alarm::Alarm,
}

impl App {
    pub fn new(options: Options) -> (App, Task<Message>) {
        let prefs = Prefs::load(&options.env.config_dir);
        let mut app = App {
            tr: Tr::new(prefs.lang),
            theme: prefs.look.theme(),
            screen: Screen::Welcome(Welcome::new(options.env.journal_path())),
            file: None,
            last_input: Instant::now(),
            last_backup_check: Instant::now(),
            backup_failed: false,
            alarm: alarm::Alarm::default(),
            env: options.env,
            prefs,
        };
        let default = app.env.journal_path();
        let start = options
            .db
            .or_else(|| app.prefs.last_db.clone())
            .or_else(|| default.exists().then_some(default.clone()));
        let task = match start {
            // The usual file, not made yet: this is the first run.
            Some(path) if path == default && !path.exists() => Task::none(),
            Some(path) => app.open(path, None),
            None => Task::none(),
        };
        (app, task)
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    pub fn tr(&self) -> &Tr {
        &self.tr
    }

    /// The open journal file.
    pub fn journal_path(&self) -> Option<&Path> {
        self.file.as_ref().map(JournalFile::path)
    }

    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    /// The logged-in user, if someone is at work.
    pub fn session(&self) -> Option<&Session> {
        match &self.screen {
            Screen::Work(ws) => Some(&ws.session),
            Screen::ChangePassword(c) => Some(&c.session),
            _ => None,
        }
    }

    pub fn title(&self) -> String {
        let school = match &self.screen {
            Screen::Work(ws) => ws.info.school.as_ref().map(|s| s.name.clone()),
            _ => None,
        };
        match school {
            Some(name) => self
                .tr
                .t_args("app-title-school", &[("school", name.into())]),
            None => self.tr.t("app-title"),
        }
    }

    pub fn theme(&self) -> Theme {
        self.theme.clone()
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        let task = self.handle(message);
        self.alarm.set(self.next_wake());
        task
    }

    /// When the program next has something to do by itself: lock an idle workspace, or look
    /// whether the daily backup is due. `None`: nothing until someone acts.
    pub fn next_wake(&self) -> Option<Instant> {
        let minutes = match &self.screen {
            Screen::Work(ws) => ws.info.idle_minutes,
            Screen::ChangePassword(c) => c.info.idle_minutes,
            _ => 0,
        };
        let lock =
            (minutes > 0).then(|| self.last_input + Duration::from_secs(60 * u64::from(minutes)));
        let backup = self
            .file
            .is_some()
            .then(|| self.last_backup_check + BACKUP_CHECK);
        lock.into_iter().chain(backup).min()
    }

    fn handle(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Input(input) => self.input(input),
            Message::Tick(now) => {
                let backup =
                    if now.saturating_duration_since(self.last_backup_check) >= BACKUP_CHECK {
                        self.auto_backup()
                    } else {
                        Task::none()
                    };
                Task::batch([self.tick(now), backup])
            }
            Message::BackedUp(result) => {
                self.backup_failed = result.is_err();
                if let (Err(_), Screen::Work(ws)) = (&result, &mut self.screen) {
                    ws.set_flash("backup-failed");
                }
                Task::none()
            }
            Message::Opened {
                path,
                login,
                result,
            } => self.opened(path, login, result),
            Message::Welcome(m) => {
                let Screen::Welcome(w) = &mut self.screen else {
                    return Task::none();
                };
                match w.update(m, &self.env, &self.tr) {
                    welcome::Action::None => Task::none(),
                    welcome::Action::Run(task) => task.map(Message::Welcome),
                    welcome::Action::Open {
                        path,
                        login,
                        recent,
                    } => {
                        if let Some(recent) = recent {
                            self.prefs.set_recent_logins(&path, recent);
                        }
                        self.open(path, login)
                    }
                    welcome::Action::SetLang(l) => self.set_lang(l),
                }
            }
            Message::OpenFailed(m) => {
                let Screen::OpenFailed(o) = &mut self.screen else {
                    return Task::none();
                };
                match o.update(m, &self.env, &self.tr) {
                    open_failed::Action::None => Task::none(),
                    open_failed::Action::Run(task) => task.map(Message::OpenFailed),
                    open_failed::Action::Open(path) => self.open(path, None),
                    open_failed::Action::NewSchoolAt(path) => {
                        let (w, task) = Welcome::new_school_at(path);
                        self.screen = Screen::Welcome(w);
                        task.map(Message::Welcome)
                    }
                    open_failed::Action::Start => self.start(),
                    open_failed::Action::SetLang(l) => self.set_lang(l),
                }
            }
            Message::Login(m) => {
                let (Screen::Login(l), Some(file)) = (&mut self.screen, &self.file) else {
                    return Task::none();
                };
                match l.update(m, file) {
                    login::Action::None => Task::none(),
                    login::Action::Run(task) => task.map(Message::Login),
                    login::Action::LoggedIn { granted, password } => {
                        let login::Granted { session, info } = *granted;
                        self.logged_in(session, info, password)
                    }
                    login::Action::OtherFile => self.start(),
                    login::Action::SetLang(l) => self.set_lang(l),
                }
            }
            Message::ChangePassword(m) => {
                let (Screen::ChangePassword(c), Some(file)) = (&mut self.screen, &self.file) else {
                    return Task::none();
                };
                match c.update(m, file) {
                    change_password::Action::None => Task::none(),
                    change_password::Action::Run(task) => task.map(Message::ChangePassword),
                    change_password::Action::Changed(session) => self.password_changed(session),
                    change_password::Action::Cancel => self.password_change_cancelled(),
                }
            }
            Message::Work(m) => {
                let (Screen::Work(ws), Some(file)) = (&mut self.screen, &self.file) else {
                    return Task::none();
                };
                let shared = Shared {
                    tr: &self.tr,
                    file,
                    look: self.prefs.look,
                    picker: &self.env.picker,
                };
                match ws.update(m, &shared) {
                    workspace::Action::None => Task::none(),
                    workspace::Action::Run(task) => task.map(Message::Work),
                    workspace::Action::Lock => self.lock(LockReason::Manual),
                    workspace::Action::Logout => self.logout(),
                    workspace::Action::SetLang(l) => self.set_lang(l),
                    workspace::Action::SetLook(l) => self.set_look(l),
                    workspace::Action::ChangePassword => {
                        let Screen::Work(ws) = self.take_screen() else {
                            unreachable!("matched above")
                        };
                        let (c, task) = ChangePassword::asked(ws);
                        self.screen = Screen::ChangePassword(c);
                        task.map(Message::ChangePassword)
                    }
                }
            }
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let tr = &self.tr;
        match (&self.screen, &self.file) {
            (Screen::Welcome(w), _) => w.view(tr, &self.env).map(Message::Welcome),
            (Screen::OpenFailed(o), _) => o.view(tr).map(Message::OpenFailed),
            (Screen::Login(l), Some(file)) => l.view(tr, file).map(Message::Login),
            (Screen::ChangePassword(c), _) => c.view(tr).map(Message::ChangePassword),
            (Screen::Work(ws), Some(file)) => ws
                .view(&Shared {
                    tr,
                    file,
                    look: self.prefs.look,
                    picker: &self.env.picker,
                })
                .map(Message::Work),
            (Screen::Opening(path), _) => center(
                column![
                    text(tr.t("opening")).size(theme::SUBHEADING),
                    widget::hint(path.display().to_string()),
                ]
                .spacing(8)
                .align_x(iced::Center),
            )
            .into(),
            // A login or workspace always has its file; nothing sensible to draw otherwise.
            (Screen::Login(_) | Screen::Work(_), None) => center(text(tr.t("opening"))).into(),
        }
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let input = event::listen_with(on_event);
        // One tick at each deadline the app sets (the idle lock, the daily backup's look):
        // nothing wakes the program in between.
        let clock = Subscription::run_with(self.alarm.clone(), |a| {
            iced::futures::StreamExt::map(a.ticks(), Message::Tick)
        });
        Subscription::batch([input, clock])
    }

    fn take_screen(&mut self) -> Screen {
        mem::replace(&mut self.screen, Screen::Opening(PathBuf::new()))
    }

    fn recent(&self) -> Vec<String> {
        self.file
            .as_ref()
            .map(|f| self.prefs.recent_logins(f.path()).to_vec())
            .unwrap_or_default()
    }

    fn save_prefs(&self) {
        if let Err(e) = self.prefs.save(&self.env.config_dir) {
            // Forgetting a preference is no reason to stop work.
            eprintln!(
                "zhurnal: could not save preferences in {}: {e}",
                self.env.config_dir.display()
            );
        }
    }

    /// Back to the welcome screen (another file, a new school, the demo).
    fn start(&mut self) -> Task<Message> {
        self.file = None;
        self.screen = Screen::Welcome(Welcome::new(self.env.journal_path()));
        Task::none()
    }

    fn open(&mut self, path: PathBuf, login: Option<String>) -> Task<Message> {
        self.file = None;
        self.screen = Screen::Opening(path.clone());
        Task::perform(
            JournalFile::open(path.clone(), self.env.clock),
            move |result| Message::Opened {
                path: path.clone(),
                login: login.clone(),
                result,
            },
        )
    }

    fn opened(
        &mut self,
        path: PathBuf,
        login: Option<String>,
        result: Result<(JournalFile, Info), Error>,
    ) -> Task<Message> {
        if !matches!(&self.screen, Screen::Opening(p) if *p == path) {
            return Task::none();
        }
        match result {
            Ok((_, info)) if info.school.is_none() => {
                // An empty journal file: the school is still to be created in it.
                let (w, task) = Welcome::new_school_at(path);
                self.screen = Screen::Welcome(w);
                task.map(Message::Welcome)
            }
            Ok((file, info)) => {
                self.prefs.last_db = Some(std::fs::canonicalize(&path).unwrap_or(path));
                self.save_prefs();
                self.file = Some(file);
                let (l, task) = Login::new(&info, self.recent(), login);
                self.screen = Screen::Login(l);
                // A backup at every start (if none today): before anyone changes anything.
                Task::batch([task.map(Message::Login), self.auto_backup()])
            }
            Err(e) => {
                self.screen = Screen::OpenFailed(OpenFailed::new(path, e));
                Task::none()
            }
        }
    }

    fn logged_in(&mut self, session: Session, info: Info, password: String) -> Task<Message> {
        let Some(file) = self.file.clone() else {
            return Task::none();
        };
        self.last_input = Instant::now();
        self.prefs.remember_login(file.path(), &session.login);
        self.save_prefs();
        let suspended = match self.take_screen() {
            Screen::Login(l) => l.into_suspended(),
            other => {
                self.screen = other;
                return Task::none();
            }
        };
        if session.must_change_password {
            let (c, task) = ChangePassword::forced(session, info, password);
            self.screen = Screen::ChangePassword(c);
            return task.map(Message::ChangePassword);
        }
        let shared = Shared {
            tr: &self.tr,
            file: &file,
            look: self.prefs.look,
            picker: &self.env.picker,
        };
        let (ws, task) = match suspended {
            // The same person unlocks: back to exactly where they were.
            Some(s) if s.workspace.session.staff == session.staff => {
                let mut ws = *s.workspace;
                let task = ws.resume(session, info, &shared);
                (ws, task)
            }
            // Anyone else starts fresh; the locked user's workspace is closed.
            _ => Workspace::new(session, info, &shared),
        };
        let mut ws = ws;
        if self.backup_failed {
            ws.set_flash("backup-failed");
        }
        self.screen = Screen::Work(ws);
        task.map(Message::Work)
    }

    fn password_changed(&mut self, session: Session) -> Task<Message> {
        let Some(file) = self.file.clone() else {
            return Task::none();
        };
        let Screen::ChangePassword(c) = self.take_screen() else {
            return Task::none();
        };
        self.last_input = Instant::now();
        let info = c.info.clone();
        let shared = Shared {
            tr: &self.tr,
            file: &file,
            look: self.prefs.look,
            picker: &self.env.picker,
        };
        let (mut ws, task) = match c.into_workspace() {
            Some(mut ws) => {
                let task = ws.resume(session, info, &shared);
                (ws, task)
            }
            None => Workspace::new(session, info, &shared),
        };
        ws.set_flash("password-changed");
        self.screen = Screen::Work(ws);
        task.map(Message::Work)
    }

    fn password_change_cancelled(&mut self) -> Task<Message> {
        let Screen::ChangePassword(c) = self.take_screen() else {
            return Task::none();
        };
        if c.is_forced() {
            // A temporary password cannot be kept: leaving the change is logging out.
            let (l, task) = Login::new(&c.info, self.recent(), Some(c.session.login.clone()));
            self.screen = Screen::Login(l);
            return task.map(Message::Login);
        }
        match c.into_workspace() {
            Some(ws) => self.screen = Screen::Work(ws),
            None => return self.logout(),
        }
        Task::none()
    }

    /// Hides the workspace behind the lock screen, keeping it for the same user.
    fn lock(&mut self, reason: LockReason) -> Task<Message> {
        let recent = self.recent();
        let (l, task) = match self.take_screen() {
            Screen::Work(ws) => Login::locked(ws, reason, recent),
            Screen::ChangePassword(c) => {
                let (info, login) = (c.info.clone(), c.session.login.clone());
                match c.into_workspace() {
                    Some(ws) => Login::locked(ws, reason, recent),
                    None => Login::new(&info, recent, Some(login)),
                }
            }
            other => {
                self.screen = other;
                return Task::none();
            }
        };
        self.screen = Screen::Login(l);
        task.map(Message::Login)
    }

    /// Closes the workspace; the login screen is ready for the next person.
    fn logout(&mut self) -> Task<Message> {
        let info = match self.take_screen() {
            Screen::Work(ws) => ws.info,
            Screen::ChangePassword(c) => c.info,
            other => {
                self.screen = other;
                return Task::none();
            }
        };
        let (l, task) = Login::new(&info, self.recent(), None);
        self.screen = Screen::Login(l);
        task.map(Message::Login)
    }

    fn set_lang(&mut self, lang: Lang) -> Task<Message> {
        if self.prefs.lang != lang {
            self.prefs.lang = lang;
            self.tr = Tr::new(lang);
            self.save_prefs();
        }
        Task::none()
    }

    fn set_look(&mut self, look: Look) -> Task<Message> {
        if self.prefs.look != look {
            self.prefs.look = look;
            self.theme = look.theme();
            self.save_prefs();
        }
        Task::none()
    }

    fn input(&mut self, input: Input) -> Task<Message> {
        self.last_input = Instant::now();
        match input {
            Input::Activity => Task::none(),
            Input::Tab { shift } => {
                let after = match &self.screen {
                    Screen::Work(ws) => ws.tab_after(),
                    _ => None,
                };
                focus::tab(after, !shift)
            }
            Input::Section(n) => {
                let (Screen::Work(ws), Some(file)) = (&mut self.screen, &self.file) else {
                    return Task::none();
                };
                ws.open_nth(
                    n,
                    &Shared {
                        tr: &self.tr,
                        file,
                        look: self.prefs.look,
                        picker: &self.env.picker,
                    },
                )
                .map(Message::Work)
            }
            Input::Lock => self.lock(LockReason::Manual),
            Input::Escape => match &self.screen {
                // Only the journal's cell and lesson panels close on Escape; other pages keep
                // what they show (a field there simply loses focus).
                Screen::Work(_) => self.update(Message::Work(screen::workspace::Message::Page(
                    screen::PageMessage::Journal(screen::journal::Message::ClosePanel),
                ))),
                _ => Task::none(),
            },
            Input::Digit(n) => match &self.screen {
                Screen::Work(_) => self.update(Message::Work(screen::workspace::Message::Page(
                    screen::PageMessage::Today(screen::today::Message::OpenNo(n)),
                ))),
                _ => Task::none(),
            },
        }
    }

    /// Locks the workspace once nobody has touched the keyboard or mouse for the administrator's
    /// number of minutes.
    /// The automatic backup, off the UI thread: one a day into the backup folder.
    fn auto_backup(&mut self) -> Task<Message> {
        self.last_backup_check = Instant::now();
        match &self.file {
            Some(file) => Task::perform(file.run(|db| crate::backup::auto(db)), Message::BackedUp),
            None => Task::none(),
        }
    }

    fn tick(&mut self, now: Instant) -> Task<Message> {
        let minutes = match &self.screen {
            Screen::Work(ws) => ws.info.idle_minutes,
            Screen::ChangePassword(c) => c.info.idle_minutes,
            _ => return Task::none(),
        };
        if minutes > 0
            && now.saturating_duration_since(self.last_input)
                >= Duration::from_secs(60 * u64::from(minutes))
        {
            return self.lock(LockReason::Idle(minutes));
        }
        Task::none()
    }
}

fn on_event(event: Event, status: event::Status, _window: window::Id) -> Option<Message> {
    let captured = status == event::Status::Captured;
    match event {
        Event::Keyboard(keyboard::Event::KeyPressed {
            key,
            physical_key,
            modifiers,
            ..
        }) => Some(Message::Input(Input::from_key(
            &key,
            physical_key,
            modifiers,
            captured,
        ))),
        Event::Mouse(mouse::Event::ButtonPressed(_) | mouse::Event::WheelScrolled { .. }) => {
            Some(Message::Input(Input::Activity))
        }
        _ => None,
    }
}

/// The language switch in the corner of the gates: each language named in itself.
pub fn lang_switch<'a, M: Clone + 'a>(current: Lang, on: impl Fn(Lang) -> M) -> Element<'a, M> {
    Lang::ALL
        .iter()
        .fold(row![].spacing(4), |r, l| {
            r.push(
                button(text(l.native_name()).size(theme::SMALL))
                    .padding([4, 10])
                    .style(theme::button::segment(*l == current))
                    .on_press(on(*l)),
            )
        })
        .into()
}
