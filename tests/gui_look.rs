//! Russian by default, English on request, light and dark — switched at run time and remembered
//! on this computer — and snapshot images of the welcome, login and main screens at 1366×768.
#![cfg(feature = "gui")]

mod gui_support;

use std::path::PathBuf;

use gui_support::{Harness, demo_file};
use zhurnal::gui::Section;
use zhurnal::gui::theme::Look;
use zhurnal::i18n::{Lang, Tr};

/// A directory under `target/` named the same on every machine: snapshots show file paths.
fn fixed_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from("target/gui-tests").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn demo_in(dir: &std::path::Path) -> PathBuf {
    let path = dir.join("school.sqlite");
    std::fs::copy(demo_file(), &path).unwrap();
    path
}

#[test]
fn language_and_look_switch_at_once_and_are_remembered() {
    let dir = fixed_dir("remember");
    let db = demo_in(&dir);
    let mut h = Harness::start(dir.clone(), None, Some(db.clone()), None);
    h.log_in("teacher", "teacher");
    h.open(Section::Settings);
    h.click("English");
    assert_eq!(h.app.tr().lang(), Lang::En);
    assert!(h.shows("Settings") && h.shows("Switch user"));
    assert!(
        h.shows("Class teacher, teacher"),
        "the status bar speaks English too"
    );
    h.click("Dark");
    assert_eq!(h.app.prefs().look, Look::Dark);
    assert_eq!(h.app.theme(), Look::Dark.theme());

    let h = h.restart(None);
    assert_eq!(h.app.tr().lang(), Lang::En);
    assert_eq!(h.app.prefs().look, Look::Dark);
    assert_eq!(h.screen_name(), "login", "the last file opens again");
    assert!(h.shows("Log in to the journal"));
    assert!(h.shows("teacher"));
}

#[test]
fn the_gates_switch_language_too() {
    let mut h = Harness::fresh();
    h.click("English");
    assert!(h.shows("Welcome to Zhurnal"));
    h.click("Русский");
    assert!(h.shows("Добро пожаловать в «Журнал»"));
}

#[test]
fn every_section_and_look_has_words_in_both_languages() {
    for lang in Lang::ALL {
        let tr = Tr::new(lang);
        for s in Section::ALL {
            assert!(tr.has(s.key()), "{lang:?} {s:?}");
        }
        for l in Look::ALL {
            assert!(tr.has(l.key()), "{lang:?} {l:?}");
        }
    }
}

#[test]
fn snapshot_welcome() {
    let h = Harness::start(fixed_dir("welcome"), None, None, None);
    h.snapshot("welcome");
}

#[test]
fn snapshot_login_and_main_screens() {
    let dir = fixed_dir("main");
    let db = demo_in(&dir);
    let mut h = Harness::start(dir, None, Some(db), None);
    h.snapshot("login");
    h.log_in("admin", "admin");
    h.open(Section::Staff);
    h.snapshot("main-staff");
    h.open(Section::Settings);
    h.click("English");
    h.click("Dark");
    h.snapshot("main-settings-en-dark");
}

#[test]
fn the_window_has_the_menu_entrys_class_and_the_programs_icon() {
    let settings = zhurnal::gui::window_settings();
    let desktop = include_str!("../packaging/linux/zhurnal.desktop");
    let wm_class = desktop
        .lines()
        .find_map(|l| l.strip_prefix("StartupWMClass="))
        .expect("the menu entry names the window's class");
    assert_eq!(wm_class, zhurnal::gui::APP_ID);
    // The menu entry is installed as <app id>.desktop: a Wayland taskbar matches by file name.
    assert!(
        std::path::Path::new(&format!("packaging/linux/{}.desktop", zhurnal::gui::APP_ID)).exists()
    );
    #[cfg(target_os = "linux")]
    assert_eq!(
        settings.platform_specific.application_id,
        zhurnal::gui::APP_ID
    );
    let (rgba, size) = settings.icon.expect("the window has an icon").into_raw();
    assert_eq!((size.width, size.height), (64, 64));
    assert_eq!(rgba.len(), 64 * 64 * 4);
    // Not a blank square: the picture has opaque pixels of more than one colour.
    let opaque: std::collections::HashSet<&[u8]> =
        rgba.chunks_exact(4).filter(|p| p[3] == 255).collect();
    assert!(opaque.len() > 1, "{} colours", opaque.len());
}
