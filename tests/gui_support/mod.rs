//! Drives the real desktop program headless: the app built by `zhurnal::gui::application`'s own
//! `App`, its views in iced_test's `Simulator` (tiny-skia, no display), and the tasks its updates
//! return run to completion on this thread, their messages fed back — as the iced runtime would.
//! Everything it keeps (preferences, journal files) lives in a temporary directory.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, Once, OnceLock};

use chrono::NaiveDate;
use iced::Task;
use iced_test::futures::futures::executor::block_on_stream;
use iced_test::runtime::Action;
use iced_test::runtime::task::into_stream;
use iced_test::runtime::user_interface::{self, UserInterface};
use iced_test::{Selector, Simulator, selector};
use zhurnal::demo::DemoOptions;
use zhurnal::gui::screen::Screen;
use zhurnal::gui::{self, App, Env, FixedPicker, Message, Options, Section};

/// The screen size the program must be readable at.
pub const SIZE: (f32, f32) = (1366.0, 768.0);

/// The small demo school the GUI tests use: fast to build, the same every run.
pub fn demo_options() -> DemoOptions {
    DemoOptions {
        students: 60,
        seed: 7,
        year: None,
        today: NaiveDate::from_ymd_opt(2025, 11, 20),
    }
}

/// tiny-skia: wgpu cannot start without a display. Set once, before any simulator exists.
pub fn headless() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| unsafe { std::env::set_var("ICED_TEST_BACKEND", "tiny-skia") });
}

/// A demo school built once per test binary; every test works on its own copy.
pub fn demo_file() -> &'static Path {
    static FILE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &FILE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("demo.sqlite");
            zhurnal::demo::generate(&path, &demo_options(), &mut |_| {}).unwrap();
            (dir, path)
        })
        .1
}

pub struct Harness {
    pub app: App,
    pub dir: PathBuf,
    _temp: Option<tempfile::TempDir>,
    /// Every message the app received, in order (tests look for progress reports).
    pub log: Vec<String>,
    /// Widgets that keep their state between steps, as a real window's do (see `go_live`).
    live: Option<Live>,
}

/// One window's widget state (focus, scrolling) kept from step to step, and its renderer.
pub struct Live {
    cache: Option<user_interface::Cache>,
    renderer: iced::Renderer,
    cursor: iced::mouse::Cursor,
    size: iced::Size,
}

type Ui<'a> = UserInterface<'a, Message, iced::Theme, iced::Renderer>;

impl Harness {
    /// A first run on an empty computer.
    pub fn fresh() -> Harness {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().to_path_buf();
        Harness::start(dir, Some(temp), None, None)
    }

    /// A fresh computer, its file dialogs answering `picked`.
    pub fn fresh_with_picker(picked: Option<PathBuf>) -> Harness {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().to_path_buf();
        Harness::start(dir, Some(temp), None, picked)
    }

    /// `zhurnal --db FILE` on a fresh computer.
    pub fn with_db(db: PathBuf) -> Harness {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().to_path_buf();
        Harness::start(dir, Some(temp), Some(db), None)
    }

    /// A copy of the demo school opened with `--db`, at the login screen.
    pub fn demo() -> Harness {
        let temp = tempfile::tempdir().unwrap();
        let copy = temp.path().join("school.sqlite");
        std::fs::copy(demo_file(), &copy).unwrap();
        let dir = temp.path().to_path_buf();
        Harness::start(dir, Some(temp), Some(copy), None)
    }

    /// The program started with everything kept in `dir` (which the caller keeps, e.g. a fixed
    /// relative directory so that paths shown on snapshots are the same on every machine).
    pub fn start(
        dir: PathBuf,
        temp: Option<tempfile::TempDir>,
        db: Option<PathBuf>,
        picked: Option<PathBuf>,
    ) -> Harness {
        let env = Env::in_dir(&dir, Arc::new(FixedPicker(picked)), demo_options());
        Harness::start_env(dir, temp, db, env)
    }

    /// A copy of the demo school opened with `--db`, with "today" the demo's own day (a Thursday
    /// afternoon in its second quarter), at the login screen.
    pub fn demo_on_its_day() -> Harness {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().to_path_buf();
        Harness::demo_on_its_day_at(dir, Some(temp))
    }

    /// The same in a fixed relative directory (emptied first), so that the file path the status
    /// bar shows is the same on every machine: for snapshots.
    pub fn demo_on_its_day_in(name: &str) -> Harness {
        let dir = PathBuf::from("target/gui-tests/runs").join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Harness::demo_on_its_day_at(dir, None)
    }

    fn demo_on_its_day_at(dir: PathBuf, temp: Option<tempfile::TempDir>) -> Harness {
        Harness::demo_on_its_day_picking(dir, temp, None)
    }

    /// The demo on its day, the file dialogs answering `picked`.
    pub fn demo_on_its_day_picking(
        dir: PathBuf,
        temp: Option<tempfile::TempDir>,
        picked: Option<PathBuf>,
    ) -> Harness {
        let copy = dir.join("school.sqlite");
        std::fs::copy(demo_file(), &copy).unwrap();
        let today = demo_options().today.unwrap().and_hms_opt(15, 0, 0).unwrap();
        let env = Env::in_dir(&dir, Arc::new(FixedPicker(picked)), demo_options())
            .with_clock(zhurnal::db::Clock::Fixed(today));
        Harness::start_env(dir, temp, Some(copy), env)
    }

    pub fn start_env(
        dir: PathBuf,
        temp: Option<tempfile::TempDir>,
        db: Option<PathBuf>,
        env: Env,
    ) -> Harness {
        headless();
        let (app, task) = App::new(Options { db, env });
        let mut h = Harness {
            app,
            dir,
            _temp: temp,
            log: Vec::new(),
            live: None,
        };
        h.drive(task);
        h
    }

    /// Restarts the program on the same computer (same preferences and files).
    pub fn restart(self, db: Option<PathBuf>) -> Harness {
        let Harness { dir, _temp, .. } = self;
        Harness::start(dir, _temp, db, None)
    }

    pub fn update(&mut self, message: Message) {
        self.log.push(format!("{message:?}"));
        let task = self.app.update(message);
        self.drive(task);
    }

    /// Runs a task as the runtime would: every message it produces goes back into `update`.
    /// Widget operations (moving focus) have no simulator to act on and are skipped.
    pub fn drive(&mut self, task: Task<Message>) {
        let Some(stream) = into_stream(task) else {
            return;
        };
        for action in block_on_stream(stream) {
            match action {
                Action::Output(message) => self.update(message),
                Action::Widget(op) if self.live.is_some() => self.operate(op),
                _ => {}
            }
        }
    }

    /// From here on the widgets keep their state from step to step (which field has the focus,
    /// how far a page is scrolled) and the focus and scrolling operations the app's tasks carry
    /// act on them, as in the real window. The `live_*` steps use that window.
    pub fn go_live(&mut self) {
        self.go_live_at(SIZE);
    }

    /// The same in a window of another size.
    pub fn go_live_at(&mut self, size: (f32, f32)) {
        let _ = self.ui(); // loads the program's fonts
        let settings = gui::settings();
        let renderer = iced_test::futures::futures::executor::block_on(
            <iced::Renderer as iced_test::core::renderer::Headless>::new(
                settings.default_font,
                settings.default_text_size,
                Some("tiny-skia"),
            ),
        )
        .expect("a tiny-skia renderer");
        self.live = Some(Live {
            cache: Some(user_interface::Cache::default()),
            renderer,
            cursor: iced::mouse::Cursor::Unavailable,
            size: iced::Size::new(size.0, size.1),
        });
    }

    /// The live window as drawn now; what `f` makes of it, and the messages it sent.
    fn with_live<R>(
        &mut self,
        f: impl FnOnce(&mut Ui<'_>, &mut Live, &mut Vec<Message>) -> R,
    ) -> R {
        let Harness { app, live, .. } = self;
        let live = live.as_mut().expect("go_live first");
        let cache = live.cache.take().unwrap_or_default();
        let mut ui = UserInterface::build(app.view(), live.size, cache, &mut live.renderer);
        let mut messages = Vec::new();
        let r = f(&mut ui, live, &mut messages);
        live.cache = Some(ui.into_cache());
        for m in messages {
            self.update(m);
        }
        r
    }

    /// A widget operation run as the runtime runs one: on the window, then on what it chains.
    fn operate(&mut self, op: Box<dyn iced_test::core::widget::Operation>) {
        use iced_test::core::widget::operation::Outcome;
        let mut current = Some(op);
        while let Some(mut op) = current.take() {
            self.with_live(|ui, live, _| ui.operate(&live.renderer, op.as_mut()));
            if let Outcome::Chain(next) = op.finish() {
                current = Some(next);
            }
        }
    }

    /// Finds what `s` selects in the live window.
    pub fn live_find<S>(&mut self, s: S) -> Option<S::Output>
    where
        S: Selector + Send,
        S::Output: Clone + Send,
    {
        use iced_test::core::widget::Operation as _;
        use iced_test::core::widget::operation::{Outcome, black_box};
        self.with_live(|ui, live, _| {
            let mut op = s.find();
            ui.operate(&live.renderer, &mut black_box(&mut op));
            match op.finish() {
                Outcome::Some(found) => found,
                _ => None,
            }
        })
    }

    /// Events sent to the live window at the mouse's place; whether a widget took them.
    fn live_events(&mut self, events: Vec<iced::Event>) -> bool {
        use iced_test::core::clipboard;
        self.with_live(|ui, live, messages| {
            let (_, statuses) = ui.update(
                &events,
                live.cursor,
                &mut live.renderer,
                &mut clipboard::Null,
                messages,
            );
            statuses.contains(&iced_test::core::event::Status::Captured)
        })
    }

    /// Clicks the middle of what `s` selects in the live window.
    pub fn live_click<S>(&mut self, s: S)
    where
        S: Selector + Send,
        S::Output: iced_test::selector::Bounded + Clone + Send,
    {
        let description = s.description();
        let target = self
            .live_find(s)
            .unwrap_or_else(|| panic!("{description} is not shown"));
        let at = iced_test::selector::Bounded::visible_bounds(&target)
            .unwrap_or_else(|| panic!("{description} is out of view"))
            .center();
        self.live_click_at(at);
    }

    pub fn live_click_at(&mut self, at: iced::Point) {
        self.live.as_mut().expect("go_live first").cursor = iced::mouse::Cursor::Available(at);
        self.live_events(iced_test::simulator::click().collect());
    }

    /// The mouse wheel turned `lines` (down negative) over `at` in the live window.
    pub fn live_wheel(&mut self, at: iced::Point, lines: f32) {
        self.live.as_mut().expect("go_live first").cursor = iced::mouse::Cursor::Available(at);
        self.live_events(vec![iced::Event::Mouse(
            iced::mouse::Event::WheelScrolled {
                delta: iced::mouse::ScrollDelta::Lines { x: 0.0, y: lines },
            },
        )]);
    }

    /// Turns the mouse wheel over the middle of the live window until what `find` selects is
    /// wholly in view: down first, then up.
    pub fn live_scroll_to<S>(&mut self, find: impl Fn() -> S)
    where
        S: Selector + Send,
        S::Output: iced_test::selector::Bounded + Clone + Send,
    {
        let size = self.live.as_ref().expect("go_live first").size;
        let middle = iced::Point::new(size.width * 0.6, size.height * 0.5);
        for step in 0..160 {
            let description = find().description();
            let t = self
                .live_find(find())
                .unwrap_or_else(|| panic!("{description} is not shown"));
            let whole = iced_test::selector::Bounded::bounds(&t);
            if iced_test::selector::Bounded::visible_bounds(&t)
                .is_some_and(|v| v.height >= whole.height - 0.5)
            {
                return;
            }
            self.live_wheel(middle, if step < 60 { -1.0 } else { 1.0 });
        }
        panic!("{} never came into view", find().description());
    }

    /// Types text into whatever has the focus in the live window.
    pub fn live_type(&mut self, text: &str) {
        self.live_events(iced_test::simulator::typewrite(text).collect());
    }

    /// A key pressed in the live window: the widgets see it first, then the app (as its
    /// keyboard subscription does, told whether a widget took it).
    pub fn live_key(&mut self, key: iced::keyboard::Key, modifiers: iced::keyboard::Modifiers) {
        use iced::keyboard;
        let physical =
            keyboard::key::Physical::Unidentified(keyboard::key::NativeCode::Unidentified);
        let press = iced::Event::Keyboard(keyboard::Event::KeyPressed {
            key: key.clone(),
            modified_key: key.clone(),
            physical_key: physical,
            location: keyboard::Location::Standard,
            modifiers,
            text: None,
            repeat: false,
        });
        let captured = self.live_events(vec![press]);
        let input = gui::Input::from_key(&key, physical, modifiers, captured);
        self.update(Message::Input(input));
    }

    /// The id of the field with the keyboard focus in the live window.
    pub fn live_focused(&mut self) -> Option<iced::widget::Id> {
        self.live_find(|c: selector::Candidate<'_>| match c {
            selector::Candidate::Focusable {
                id: Some(id),
                state,
                ..
            } if state.is_focused() => Some(id.clone()),
            _ => None,
        })
    }

    pub fn ui(&self) -> Simulator<'_, Message> {
        Simulator::with_size(gui::settings(), SIZE, self.app.view())
    }

    /// Does something in the simulator, then hands its messages to the app.
    pub fn interact(&mut self, f: impl FnOnce(&mut Simulator<'_, Message>)) {
        let messages: Vec<Message> = {
            let mut ui = self.ui();
            f(&mut ui);
            ui.into_messages().collect()
        };
        for m in messages {
            self.update(m);
        }
    }

    /// Clicks what shows exactly `label`.
    pub fn click(&mut self, label: impl Into<String>) {
        let label = label.into();
        self.interact(|ui| {
            ui.click(label.as_str())
                .unwrap_or_else(|e| panic!("click {label:?}: {e}"));
        });
    }

    /// Clicks a text by its i18n key in the current language.
    pub fn click_t(&mut self, key: &str) {
        let label = self.app.tr().t(key);
        self.click(label);
    }

    /// Types into the field with widget id `id` (clicking it first, as a user would).
    pub fn type_in(&mut self, id: &'static str, text: &str) {
        self.interact(|ui| {
            ui.click(selector::id(id))
                .unwrap_or_else(|e| panic!("field {id}: {e}"));
            let _ = ui.typewrite(text);
        });
    }

    /// Replaces what a field holds, as a user would: click, End, Backspace until empty, type.
    pub fn replace_in(&mut self, id: &'static str, text: &str) {
        use iced::keyboard::key::Named;
        self.interact(|ui| {
            if ui.click(selector::id(id)).is_err() {
                return; // the lock screen has no login field: the login is the locked user's
            }
            let _ = ui.tap_key(Named::End);
            for _ in 0..64 {
                let _ = ui.tap_key(Named::Backspace);
            }
            let _ = ui.typewrite(text);
        });
    }

    /// Types into a field and presses Enter.
    pub fn submit_in(&mut self, id: &'static str, text: &str) {
        self.interact(|ui| {
            ui.click(selector::id(id))
                .unwrap_or_else(|e| panic!("field {id}: {e}"));
            let _ = ui.typewrite(text);
            let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
        });
    }

    /// Whether something on screen shows exactly `label`.
    /// A key pressed as the keyboard sends it: `text` is what it types, `modifiers` held down.
    pub fn key(
        &mut self,
        k: iced::keyboard::Key,
        text: Option<&str>,
        modifiers: iced::keyboard::Modifiers,
    ) {
        use iced::keyboard;
        self.interact(|ui| {
            ui.simulate([iced_test::core::Event::Keyboard(
                keyboard::Event::KeyPressed {
                    key: k.clone(),
                    modified_key: k.clone(),
                    physical_key: keyboard::key::Physical::Unidentified(
                        keyboard::key::NativeCode::Unidentified,
                    ),
                    location: keyboard::Location::Standard,
                    modifiers,
                    text: text.map(Into::into),
                    repeat: false,
                },
            )]);
        });
    }

    /// Clicks the widget with `id`, scrolling the page to it first (the simulator starts each
    /// interaction at the top of the page, as a freshly drawn window would).
    pub fn click_id(&mut self, id: &str) {
        self.interact(|ui| {
            bring_into_view(ui, id);
            ui.click(selector::id(id.to_string()))
                .unwrap_or_else(|e| panic!("click {id}: {e}"));
        });
    }

    /// Clicks the button that shows `label`, scrolling to it first.
    pub fn click_text_scrolled(&mut self, label: &str) {
        self.interact(|ui| {
            scroll_until(ui, label, |ui| {
                let t = ui.find(label).unwrap_or_else(|e| panic!("{label}: {e}"));
                let whole = t.bounds();
                t.visible_bounds()
                    .is_some_and(|v| v.height >= whole.height - 0.5)
            });
            ui.click(label).unwrap();
        });
    }

    /// Clicks the button showing the text of an i18n key, scrolling to it first.
    pub fn click_t_scrolled(&mut self, key: &str) {
        let label = self.app.tr().t(key);
        self.click_text_scrolled(&label);
    }

    /// Replaces what the field `id` holds, scrolling to it first; Enter after it if `enter`.
    pub fn replace_id(&mut self, id: &str, text: &str, enter: bool) {
        use iced::keyboard::key::Named;
        self.interact(|ui| {
            bring_into_view(ui, id);
            ui.click(selector::id(id.to_string()))
                .unwrap_or_else(|e| panic!("field {id}: {e}"));
            let _ = ui.tap_key(Named::End);
            for _ in 0..40 {
                let _ = ui.tap_key(Named::Backspace);
            }
            let _ = ui.typewrite(text);
            if enter {
                let _ = ui.tap_key(Named::Enter);
            }
        });
    }

    /// One character typed.
    pub fn typed(&mut self, t: &str) {
        self.key(
            iced::keyboard::Key::Character(t.into()),
            Some(t),
            Default::default(),
        );
    }

    /// A named key (arrows, Enter, Delete …) pressed alone.
    pub fn named(&mut self, n: iced::keyboard::key::Named) {
        self.key(iced::keyboard::Key::Named(n), None, Default::default());
    }

    /// The students of `class` enrolled at some time in `from..=to`, in the journal's order
    /// (surname, then name, as the school collates them).
    pub fn students_in_order(
        c: &rusqlite::Connection,
        class: i64,
        from: &str,
        to: &str,
    ) -> Vec<i64> {
        let mut st = c
            .prepare(
                "SELECT DISTINCT s.id, s.surname, s.name FROM enrolment e JOIN student s ON s.id = e.student_id
                 WHERE e.class_id = ?1 AND e.start_date <= ?3 AND (e.end_date IS NULL OR e.end_date >= ?2)",
            )
            .unwrap();
        let mut students: Vec<(i64, String, String)> = st
            .query_map(rusqlite::params![class, from, to], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        students.sort_by_key(|(_, s, n)| {
            (
                zhurnal::model::collate_key(s),
                zhurnal::model::collate_key(n),
            )
        });
        students.into_iter().map(|s| s.0).collect()
    }

    pub fn shows(&self, label: impl Into<String>) -> bool {
        let label = label.into();
        self.ui().find(label.as_str()).is_ok()
    }

    /// Whether the text of an i18n key is on screen.
    pub fn shows_t(&self, key: &str) -> bool {
        self.shows(self.app.tr().t(key))
    }

    /// Whether any text on screen contains `part`.
    pub fn shows_part(&self, part: &str) -> bool {
        let part = part.to_string();
        self.ui()
            .find(move |c: selector::Candidate<'_>| match c {
                selector::Candidate::Text { content, .. } if content.contains(part.as_str()) => {
                    Some(())
                }
                _ => None,
            })
            .is_ok()
    }

    pub fn find<S>(&self, s: S) -> bool
    where
        S: Selector + Send,
        S::Output: Clone + Send,
    {
        self.ui().find(s).is_ok()
    }

    /// Opens a section by clicking its sidebar entry.
    pub fn open(&mut self, section: Section) {
        let label = self.app.tr().t(section.key());
        self.click(label);
        assert_eq!(self.section(), Some(section));
    }

    /// The open section, if someone is at work.
    pub fn section(&self) -> Option<Section> {
        match self.app.screen() {
            Screen::Work(ws) => Some(ws.section()),
            _ => None,
        }
    }

    /// The sidebar's sections, in order.
    pub fn sections(&self) -> Vec<Section> {
        match self.app.screen() {
            Screen::Work(ws) => ws.sections(),
            _ => Vec::new(),
        }
    }

    /// Logs in on the login screen.
    pub fn log_in(&mut self, login: &str, password: &str) {
        assert!(
            matches!(self.app.screen(), Screen::Login(_)),
            "not at the login screen"
        );
        self.replace_in("login", login);
        self.submit_in("password", password);
    }

    pub fn screen_name(&self) -> &'static str {
        match self.app.screen() {
            Screen::Opening(_) => "opening",
            Screen::Welcome(_) => "welcome",
            Screen::OpenFailed(_) => "open-failed",
            Screen::Login(l) if l.is_locked() => "locked",
            Screen::Login(_) => "login",
            Screen::ChangePassword(_) => "change-password",
            Screen::Work(_) => "work",
        }
    }

    /// Compares the screen with `tests/snapshots/<name>-tiny-skia.png` (written the first time).
    /// On a difference the screen as drawn now is left in `target/gui-tests/differs/` to look at;
    /// delete the old image to accept the new one.
    pub fn snapshot(&self, name: &str) {
        let theme = self.app.theme();
        let snap = self.ui().snapshot(&theme).unwrap();
        if !snap
            .matches_image(format!("tests/snapshots/{name}"))
            .unwrap()
        {
            let now = PathBuf::from("target/gui-tests/differs").join(name);
            let _ = std::fs::remove_file(now.with_file_name(format!("{name}-tiny-skia.png")));
            snap.matches_image(&now).unwrap();
            panic!("the screen differs from tests/snapshots/{name}-tiny-skia.png; see {now:?}");
        }
    }
}

/// Scrolls the page down until `in_view` says the widget `what` is shown (the simulator starts
/// each interaction at the top of the page, as a freshly drawn window would).
fn scroll_until(
    ui: &mut Simulator<'_, Message>,
    what: &str,
    mut in_view: impl FnMut(&mut Simulator<'_, Message>) -> bool,
) {
    use iced::{Event, Point, mouse};
    for _ in 0..120 {
        if in_view(ui) {
            return;
        }
        ui.point_at(Point::new(1100.0, 420.0));
        let _ = ui.simulate([Event::Mouse(mouse::Event::WheelScrolled {
            delta: mouse::ScrollDelta::Lines { x: 0.0, y: -1.0 },
        })]);
    }
    panic!("{what} never came into view");
}

/// Scrolls the page down until the widget with `id` is wholly in view.
pub fn bring_into_view(ui: &mut Simulator<'_, Message>, id: &str) {
    scroll_until(ui, id, |ui| {
        let t = ui
            .find(selector::id(id.to_string()))
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        let whole = t.bounds();
        t.visible_bounds()
            .is_some_and(|v| v.height >= whole.height - 0.5 && v.width >= whole.width - 0.5)
    });
}
