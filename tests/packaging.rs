//! The files the packages install beside the program: the menu entry and the AppStream metadata.

/// The main categories of the freedesktop.org menu specification: an entry in more than one
/// shows up in more than one menu.
const MAIN_CATEGORIES: &[&str] = &[
    "AudioVideo",
    "Audio",
    "Video",
    "Development",
    "Education",
    "Game",
    "Graphics",
    "Network",
    "Office",
    "Science",
    "Settings",
    "System",
    "Utility",
];

#[test]
fn the_menu_entry_is_in_one_menu_and_the_metadata_says_the_same() {
    let desktop = include_str!("../packaging/linux/zhurnal.desktop");
    let categories: Vec<&str> = desktop
        .lines()
        .find_map(|l| l.strip_prefix("Categories="))
        .expect("Categories=")
        .split(';')
        .filter(|c| !c.is_empty())
        .collect();
    let main: Vec<&&str> = categories
        .iter()
        .filter(|c| MAIN_CATEGORIES.contains(c))
        .collect();
    assert_eq!(main, [&"Education"], "{categories:?}");
    let metainfo = include_str!("../packaging/linux/ru.zhurnal.Zhurnal.metainfo.xml");
    let listed: Vec<&str> = metainfo
        .split("<category>")
        .skip(1)
        .filter_map(|c| c.split("</category>").next())
        .collect();
    assert_eq!(listed, categories);
}
