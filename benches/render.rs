//! One keypress, one frame: what the journal screen costs to draw on the software renderer
//! (tiny-skia) in a 1366×768 window, on the biggest page of a demo school (the class × subject
//! with the most students × lessons in the period holding "today").
//!
//! The real program is driven headless as the iced runtime drives it: the window's widgets keep
//! their state from frame to frame, a key goes to the widgets first and then to the app, the
//! tasks the app returns run to completion, and the window is built again (view + layout), drawn
//! and rasterised whole at scale 1. Printed: milliseconds per frame for the first frame of the
//! page, a frame after a cursor move (an arrow key) and a frame after a typed mark (saved through
//! the core, the page read again), each the median and the worst of several.
//!
//! Run: `cargo bench --bench render` (set `ICED_TEST_BACKEND=tiny-skia` where there is no GPU;
//! the benchmark sets it itself if unset).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use iced::keyboard::{self, Key, key::Named};
use iced::{Event, Size, Theme, mouse};
use iced_test::core::renderer::Headless;
use iced_test::core::{clipboard, renderer, window};
use iced_test::futures::futures::executor::{block_on, block_on_stream};
use iced_test::runtime::Action;
use iced_test::runtime::task::into_stream;
use iced_test::runtime::user_interface::{self, UserInterface};
use iced_test::{Simulator, selector};
use zhurnal::auth;
use zhurnal::db::{Clock, Db};
use zhurnal::demo::{self, DemoOptions};
use zhurnal::gui::{self, App, Env, FixedPicker, Message, Options, Section};
use zhurnal::journal;
use zhurnal::model::*;
use zhurnal::school;

const SIZE: Size = Size::new(1366.0, 768.0);

/// The app and one window: its renderer and its widgets' state, kept from frame to frame.
struct Window {
    app: App,
    renderer: iced::Renderer,
    cache: Option<user_interface::Cache>,
}

impl Window {
    fn update(&mut self, message: Message) {
        let task = self.app.update(message);
        if let Some(stream) = into_stream(task) {
            for action in block_on_stream(stream) {
                if let Action::Output(m) = action {
                    self.update(m);
                }
            }
        }
    }

    /// Events sent to the window's widgets; their messages handed to the app. Whether a widget
    /// took them.
    fn events(&mut self, events: &[Event]) -> bool {
        let cache = self.cache.take().unwrap_or_default();
        let mut ui = UserInterface::build(self.app.view(), SIZE, cache, &mut self.renderer);
        let mut messages = Vec::new();
        let (_, statuses) = ui.update(
            events,
            mouse::Cursor::Unavailable,
            &mut self.renderer,
            &mut clipboard::Null,
            &mut messages,
        );
        self.cache = Some(ui.into_cache());
        for m in messages {
            self.update(m);
        }
        statuses.contains(&iced_test::core::event::Status::Captured)
    }

    /// A key pressed: the widgets see it first, then the app (as its keyboard subscription does).
    fn key(&mut self, key: Key, text: Option<&str>) {
        let physical =
            keyboard::key::Physical::Unidentified(keyboard::key::NativeCode::Unidentified);
        let press = Event::Keyboard(keyboard::Event::KeyPressed {
            key: key.clone(),
            modified_key: key.clone(),
            physical_key: physical,
            location: keyboard::Location::Standard,
            modifiers: keyboard::Modifiers::empty(),
            text: text.map(Into::into),
            repeat: false,
        });
        let captured = self.events(&[press]);
        let input = gui::Input::from_key(&key, physical, keyboard::Modifiers::empty(), captured);
        self.update(Message::Input(input));
    }

    /// The window built (view + layout), drawn and rasterised whole, as a redraw does.
    fn frame(&mut self) -> Vec<u8> {
        let theme: Theme = self.app.theme();
        let cache = self.cache.take().unwrap_or_default();
        let mut ui = UserInterface::build(self.app.view(), SIZE, cache, &mut self.renderer);
        let mut messages = Vec::new();
        let _ = ui.update(
            &[Event::Window(
                window::Event::RedrawRequested(Instant::now()),
            )],
            mouse::Cursor::Unavailable,
            &mut self.renderer,
            &mut clipboard::Null,
            &mut messages,
        );
        let base = iced::theme::Base::base(&theme);
        ui.draw(
            &mut self.renderer,
            &theme,
            &renderer::Style {
                text_color: base.text_color,
            },
            mouse::Cursor::Unavailable,
        );
        self.cache = Some(ui.into_cache());
        let pixels = self.renderer.screenshot(
            Size::new(SIZE.width as u32, SIZE.height as u32),
            1.0,
            base.background_color,
        );
        for m in messages {
            self.update(m);
        }
        pixels
    }
}

fn fresh_renderer() -> iced::Renderer {
    let settings = gui::settings();
    block_on(<iced::Renderer as Headless>::new(
        settings.default_font,
        settings.default_text_size,
        Some("tiny-skia"),
    ))
    .expect("a tiny-skia renderer")
}

/// Does something in a simulator of the window (setting up, not measured).
fn interact(app: &mut App, f: impl FnOnce(&mut Simulator<'_, Message>)) -> Vec<Message> {
    let mut ui = Simulator::with_size(gui::settings(), SIZE, app.view());
    f(&mut ui);
    ui.into_messages().collect()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let median = times[times.len() / 2];
    let worst = *times.last().unwrap();
    println!(
        "{what:<44} median {:6.2} ms   worst {:6.2} ms   ({} frames)",
        ms(median),
        ms(worst),
        times.len()
    );
}

fn main() {
    if std::env::var_os("ICED_TEST_BACKEND").is_none() {
        unsafe { std::env::set_var("ICED_TEST_BACKEND", "tiny-skia") };
    }
    // A Thursday near the end of the longest period, so that its page holds the most lessons
    // and "today's" lesson is still open for marks.
    let today = NaiveDate::from_ymd_opt(2027, 3, 18).unwrap();
    let options = DemoOptions {
        students: 400,
        seed: 1,
        year: None,
        today: Some(today),
    };
    let temp = tempfile::tempdir().unwrap();
    let path: PathBuf = temp.path().join("school.sqlite");
    let t = Instant::now();
    demo::generate(&path, &options, &mut |_| {}).unwrap();
    eprintln!("demo school built in {:.1} s", t.elapsed().as_secs_f64());

    // The biggest page of the period holding today, remembered as the administrator's last page
    // so that the journal opens on it.
    {
        let mut db = Db::open(&path)
            .unwrap()
            .with_clock(Clock::Fixed(today.and_hms_opt(14, 0, 0).unwrap()));
        let admin = auth::login(&mut db, "admin", "admin").unwrap();
        let courses: Vec<CourseId> = db
            .conn
            .prepare("SELECT id FROM course WHERE group_id IS NULL")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut best = None;
        for course in courses {
            let info = school::course(&db.conn, course).unwrap();
            let Some(period) = school::periods_for_grade(&db.conn, info.year, info.grade)
                .unwrap()
                .into_iter()
                .find(|p| p.contains(today))
            else {
                continue;
            };
            let page = journal::page(&db.conn, &admin, course, period.id).unwrap();
            let size = (page.rows.len(), page.lessons.len());
            if best
                .as_ref()
                .is_none_or(|(_, _, (r, l), _)| size.0 * size.1 > r * l)
            {
                best = Some((course, period.id, size, info.title()));
            }
        }
        let (course, period, (rows, lessons), title) = best.expect("a page");
        eprintln!("page: {title} — {rows} students × {lessons} lessons");
        journal::remember_page(&db.conn, admin.staff, course, Some(period)).unwrap();
    }

    let env = Env::in_dir(temp.path(), Arc::new(FixedPicker(None)), options)
        .with_clock(Clock::Fixed(today.and_hms_opt(15, 0, 0).unwrap()));
    let (app, task) = App::new(Options {
        db: Some(path),
        env,
    });
    let mut w = Window {
        app,
        renderer: fresh_renderer(),
        cache: None,
    };
    let task_messages = {
        let mut out = Vec::new();
        if let Some(stream) = into_stream(task) {
            for action in block_on_stream(stream) {
                if let Action::Output(m) = action {
                    out.push(m);
                }
            }
        }
        out
    };
    for m in task_messages {
        w.update(m);
    }
    // Log in as the administrator and open the journal.
    for m in interact(&mut w.app, |ui| {
        ui.click(selector::id("login")).unwrap();
        let _ = ui.typewrite("admin");
    }) {
        w.update(m);
    }
    for m in interact(&mut w.app, |ui| {
        ui.click(selector::id("password")).unwrap();
        let _ = ui.typewrite("admin");
        let _ = ui.tap_key(Named::Enter);
    }) {
        w.update(m);
    }
    let journal = w.app.tr().t(Section::Journal.key());
    for m in interact(&mut w.app, |ui| {
        ui.click(journal.as_str()).unwrap();
    }) {
        w.update(m);
    }
    let help = w.app.tr().t("journal-help");
    assert!(
        interact(&mut w.app, |ui| {
            ui.find(help.as_str()).expect("the journal page is open");
        })
        .is_empty()
    );

    // The first frame of the page: a new window (no widget state, cold caches), five times.
    let mut first = Vec::new();
    for _ in 0..5 {
        w.renderer = fresh_renderer();
        w.cache = None;
        let t = Instant::now();
        w.frame();
        first.push(t.elapsed());
    }
    // Warm: a redraw with nothing changed.
    let mut idle = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        w.frame();
        idle.push(t.elapsed());
    }
    // The cursor moved: right and back left, down and back up.
    let mut moves = Vec::new();
    for i in 0..40 {
        let key = [
            Named::ArrowDown,
            Named::ArrowRight,
            Named::ArrowUp,
            Named::ArrowLeft,
        ][i % 4];
        let t = Instant::now();
        w.key(Key::Named(key), None);
        w.frame();
        moves.push(t.elapsed());
    }
    // A mark typed at the cursor (the cursor then goes down a row): saved, the page read again.
    let mut marks = Vec::new();
    let before = w.frame();
    for _ in 0..15 {
        let t = Instant::now();
        w.key(Key::Character("5".into()), Some("5"));
        w.frame();
        marks.push(t.elapsed());
    }
    let after = w.frame();
    assert_ne!(before, after, "the typed marks are drawn");

    println!("journal screen, 1366×768, tiny-skia, whole window rasterised at scale 1:");
    report("first frame of the page (cold)", first);
    report("redraw, nothing changed", idle);
    report("key + frame: cursor move (arrow)", moves);
    report("key + frame: typed mark (\"5\", saved)", marks);
}
