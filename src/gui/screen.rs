//! The index of screens. The app shows one [`Screen`]: the gates before work (welcome, a file that
//! would not open, login and the lock, a forced password change) or the [`Workspace`] of a
//! logged-in user. Inside the workspace the sidebar opens [`Section`]s; each open section is a
//! [`Page`] with its own state, messages and view.
//!
//! Adding a section (the journal, reports…) is: a `Section` variant with its sidebar entry and
//! the rule of who sees it, a `Page` variant holding the screen's state, and the routing arms in
//! `Page::open/update/view` below. The sidebar, shortcuts and status bar follow by themselves.

pub mod attendance;
pub mod backups;
pub mod change_password;
pub mod journal;
pub mod lesson_form;
pub mod login;
pub mod open_failed;
pub mod plans;
pub mod reports;
pub mod school;
pub mod settings;
pub mod staff;
pub mod students;
pub mod timetable;
pub mod today;
pub mod welcome;
pub mod workspace;

use std::path::PathBuf;

use iced::Task;

use super::Ctx;
use super::widget::Element;
use crate::auth::Session;
use crate::model::Role;

pub use change_password::ChangePassword;
pub use login::Login;
pub use open_failed::OpenFailed;
pub use welcome::Welcome;
pub use workspace::Workspace;

/// What the window shows.
pub enum Screen {
    /// A journal file is being opened: a moment's wait.
    Opening(PathBuf),
    /// First run: create a school, build the demo, or open a file.
    Welcome(Welcome),
    /// The file could not be opened: what is wrong and what to do.
    OpenFailed(OpenFailed),
    /// Login, and the lock screen (which keeps the locked user's workspace underneath).
    Login(Login),
    /// A new password is needed before work (temporary password) or was asked for.
    ChangePassword(ChangePassword),
    /// A logged-in user at work.
    Work(Workspace),
}

/// An entry of the sidebar: a part of the program a logged-in user may open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    Today,
    Journal,
    Lessons,
    Timetable,
    Attendance,
    Staff,
    Students,
    School,
    Reports,
    Backups,
    Settings,
}

impl Section {
    /// The sidebar's order. F1 (Ctrl+1) opens the first visible entry, and so on.
    pub const ALL: [Section; 11] = [
        Section::Today,
        Section::Journal,
        Section::Lessons,
        Section::Timetable,
        Section::Attendance,
        Section::Staff,
        Section::Students,
        Section::School,
        Section::Reports,
        Section::Backups,
        Section::Settings,
    ];

    /// Who sees the entry. This only hides what the core refuses anyway.
    pub fn visible_to(self, session: &Session) -> bool {
        let any = |roles: &[Role]| roles.iter().any(|r| session.has(*r));
        match self {
            Section::Today => any(&[Role::Teacher, Role::ClassTeacher, Role::Admin, Role::Deputy]),
            Section::Lessons => {
                any(&[Role::Teacher, Role::ClassTeacher, Role::Admin, Role::Deputy])
            }
            Section::Timetable => any(&[Role::Admin, Role::Deputy]),
            Section::Journal => [
                Role::Teacher,
                Role::ClassTeacher,
                Role::Admin,
                Role::Director,
                Role::Deputy,
                Role::Archivist,
            ]
            .iter()
            .any(|r| session.has(*r)),
            Section::Attendance => [
                Role::ClassTeacher,
                Role::Admin,
                Role::Director,
                Role::Deputy,
            ]
            .iter()
            .any(|r| session.has(*r)),
            Section::Staff => session.has(Role::Admin),
            Section::School => session.has(Role::Admin),
            Section::Students => {
                session.has(Role::Admin)
                    || session.has(Role::Clerk)
                    || session.has(Role::ClassTeacher)
            }
            Section::Reports => crate::report::Form::ALL.iter().any(|f| f.allowed(session)),
            Section::Backups => session.has(Role::Admin) || session.has(Role::Archivist),
            Section::Settings => true,
        }
    }

    /// Pages that fill the window with their own scrolling (the grids) rather than scroll as a whole.
    pub fn fills(self) -> bool {
        // These scroll (or fill) by themselves: the School page keeps its status line in view below
        // its scrolled tab.
        matches!(
            self,
            Section::Journal | Section::Attendance | Section::School
        )
    }

    /// The i18n key of the entry's name.
    pub fn key(self) -> &'static str {
        match self {
            Section::Today => "nav-today",
            Section::Lessons => "nav-lessons",
            Section::Timetable => "nav-timetable",
            Section::Journal => "nav-journal",
            Section::Attendance => "nav-attendance",
            Section::Staff => "nav-staff",
            Section::Students => "nav-students",
            Section::School => "nav-school",
            Section::Reports => "nav-reports",
            Section::Backups => "nav-backups",
            Section::Settings => "nav-settings",
        }
    }

    /// The entries `session` sees, in sidebar order.
    pub fn visible(session: &Session) -> Vec<Section> {
        Section::ALL
            .into_iter()
            .filter(|s| s.visible_to(session))
            .collect()
    }
}

/// An open section.
pub enum Page {
    Today(Box<today::Today>),
    Lessons(Box<plans::Plans>),
    Timetable(Box<timetable::Timetable>),
    Journal(Box<journal::Journal>),
    Attendance(Box<attendance::Attendance>),
    Staff(Box<staff::Staff>),
    Students(Box<students::Students>),
    School(Box<school::SchoolPage>),
    Reports(Box<reports::Reports>),
    Backups(Box<backups::Backups>),
    Settings(settings::Settings),
}

#[derive(Debug, Clone)]
pub enum PageMessage {
    Today(today::Message),
    Lessons(plans::Message),
    Timetable(timetable::Message),
    Journal(journal::Message),
    Attendance(attendance::Message),
    Staff(staff::Message),
    Students(students::Message),
    School(school::Message),
    Reports(reports::Message),
    Backups(backups::Message),
    Settings(settings::Message),
}

/// What a page asks the app to do.
pub enum PageAction {
    None,
    Run(Task<PageMessage>),
    Settings(settings::Action),
    /// The journal was replaced by a backup: log out.
    Restored,
    /// Open another section (a set-up step on Today names where it is done).
    Open(Section),
}

impl Page {
    pub fn open(section: Section, ctx: &Ctx<'_>) -> (Page, Task<PageMessage>) {
        match section {
            Section::Today => {
                let (page, task) = today::Today::new(ctx);
                (Page::Today(Box::new(page)), task.map(PageMessage::Today))
            }
            Section::Lessons => {
                let (page, task) = plans::Plans::new(ctx);
                (
                    Page::Lessons(Box::new(page)),
                    task.map(PageMessage::Lessons),
                )
            }
            Section::Timetable => {
                let (page, task) = timetable::Timetable::new(ctx);
                (
                    Page::Timetable(Box::new(page)),
                    task.map(PageMessage::Timetable),
                )
            }
            Section::Journal => {
                let (page, task) = journal::Journal::new(ctx);
                (
                    Page::Journal(Box::new(page)),
                    task.map(PageMessage::Journal),
                )
            }
            Section::Attendance => {
                let (page, task) = attendance::Attendance::new(ctx);
                (
                    Page::Attendance(Box::new(page)),
                    task.map(PageMessage::Attendance),
                )
            }
            Section::Reports => {
                let (page, task) = reports::Reports::new(ctx);
                (
                    Page::Reports(Box::new(page)),
                    task.map(PageMessage::Reports),
                )
            }
            Section::Backups => {
                let (page, task) = backups::Backups::new(ctx);
                (
                    Page::Backups(Box::new(page)),
                    task.map(PageMessage::Backups),
                )
            }
            Section::Staff => {
                let (page, task) = staff::Staff::new(ctx);
                (Page::Staff(Box::new(page)), task.map(PageMessage::Staff))
            }
            Section::Students => {
                let (page, task) = students::Students::new(ctx);
                (
                    Page::Students(Box::new(page)),
                    task.map(PageMessage::Students),
                )
            }
            Section::School => {
                let (page, task) = school::SchoolPage::new(ctx);
                (Page::School(Box::new(page)), task.map(PageMessage::School))
            }
            Section::Settings => (Page::Settings(settings::Settings::new()), Task::none()),
        }
    }

    pub fn section(&self) -> Section {
        match self {
            Page::Today(_) => Section::Today,
            Page::Lessons(_) => Section::Lessons,
            Page::Timetable(_) => Section::Timetable,
            Page::Journal(_) => Section::Journal,
            Page::Attendance(_) => Section::Attendance,
            Page::Staff(_) => Section::Staff,
            Page::Students(_) => Section::Students,
            Page::School(_) => Section::School,
            Page::Reports(_) => Section::Reports,
            Page::Backups(_) => Section::Backups,
            Page::Settings(_) => Section::Settings,
        }
    }

    /// The field Tab goes on from when none has the focus, after a button or list was pressed
    /// between fields (see `focus::tab`).
    pub fn tab_after(&self) -> Option<iced::widget::Id> {
        match self {
            Page::Today(p) => p.tab_after(),
            Page::Lessons(p) => p.tab_after(),
            Page::Journal(p) => p.tab_after(),
            _ => None,
        }
    }

    pub fn update(&mut self, message: PageMessage, ctx: &Ctx<'_>) -> PageAction {
        match (self, message) {
            (Page::Today(page), PageMessage::Today(m)) => match page.update(m, ctx) {
                today::Action::None => PageAction::None,
                today::Action::Run(task) => PageAction::Run(task.map(PageMessage::Today)),
                today::Action::Open(s) => PageAction::Open(s),
            },
            (Page::Lessons(page), PageMessage::Lessons(m)) => match page.update(m, ctx) {
                plans::Action::None => PageAction::None,
                plans::Action::Run(task) => PageAction::Run(task.map(PageMessage::Lessons)),
            },
            (Page::Timetable(page), PageMessage::Timetable(m)) => match page.update(m, ctx) {
                timetable::Action::None => PageAction::None,
                timetable::Action::Run(task) => PageAction::Run(task.map(PageMessage::Timetable)),
            },
            (Page::Journal(page), PageMessage::Journal(m)) => match page.update(m, ctx) {
                journal::Action::None => PageAction::None,
                journal::Action::Run(task) => PageAction::Run(task.map(PageMessage::Journal)),
            },
            (Page::Attendance(page), PageMessage::Attendance(m)) => match page.update(m, ctx) {
                attendance::Action::None => PageAction::None,
                attendance::Action::Run(task) => PageAction::Run(task.map(PageMessage::Attendance)),
            },
            (Page::Reports(page), PageMessage::Reports(m)) => match page.update(m, ctx) {
                reports::Action::None => PageAction::None,
                reports::Action::Run(task) => PageAction::Run(task.map(PageMessage::Reports)),
            },
            (Page::Backups(page), PageMessage::Backups(m)) => match page.update(m, ctx) {
                backups::Action::None => PageAction::None,
                backups::Action::Run(task) => PageAction::Run(task.map(PageMessage::Backups)),
                backups::Action::Restored => PageAction::Restored,
            },
            (Page::Staff(page), PageMessage::Staff(m)) => match page.update(m, ctx) {
                staff::Action::None => PageAction::None,
                staff::Action::Run(task) => PageAction::Run(task.map(PageMessage::Staff)),
            },
            (Page::Students(page), PageMessage::Students(m)) => match page.update(m, ctx) {
                students::Action::None => PageAction::None,
                students::Action::Run(task) => PageAction::Run(task.map(PageMessage::Students)),
            },
            (Page::School(page), PageMessage::School(m)) => match page.update(m, ctx) {
                school::Action::None => PageAction::None,
                school::Action::Run(task) => PageAction::Run(task.map(PageMessage::School)),
            },
            (Page::Settings(page), PageMessage::Settings(m)) => {
                PageAction::Settings(page.update(m))
            }
            // A late message for a page the user has already left.
            _ => PageAction::None,
        }
    }

    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, PageMessage> {
        match self {
            Page::Today(page) => page.view(ctx).map(PageMessage::Today),
            Page::Lessons(page) => page.view(ctx).map(PageMessage::Lessons),
            Page::Timetable(page) => page.view(ctx).map(PageMessage::Timetable),
            Page::Journal(page) => page.view(ctx).map(PageMessage::Journal),
            Page::Attendance(page) => page.view(ctx).map(PageMessage::Attendance),
            Page::Staff(page) => page.view(ctx).map(PageMessage::Staff),
            Page::Students(page) => page.view(ctx).map(PageMessage::Students),
            Page::School(page) => page.view(ctx).map(PageMessage::School),
            Page::Reports(page) => page.view(ctx).map(PageMessage::Reports),
            Page::Backups(page) => page.view(ctx).map(PageMessage::Backups),
            Page::Settings(page) => page.view(ctx).map(PageMessage::Settings),
        }
    }
}
