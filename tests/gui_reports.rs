//! Reports and printing in the real program: the director makes the progress report for the
//! school, sees it ready with its page count, saves it through the (test's) save dialog, and the
//! saved file is a PDF whose text reads back in Russian.
#![cfg(feature = "gui")]

mod gui_support;

use gui_support::Harness;
use zhurnal::gui::Section;

#[test]
fn a_form_is_made_with_progress_and_saved_as_pdf() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("report.pdf");
    let mut h =
        Harness::demo_on_its_day_picking(temp.path().to_path_buf(), None, Some(out.clone()));
    h.log_in("director", "director");
    h.open(Section::Reports);
    assert!(h.shows_t("reports-make"));
    h.click_t("reports-make");
    assert!(
        h.shows_part("Готово:"),
        "the form is reported ready with its pages"
    );
    assert!(
        h.log.iter().any(|m| m.contains("Progress(")),
        "progress is reported while the form is made"
    );
    h.click_t("reports-save");
    assert!(h.shows_part("Сохранено:"));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "a PDF was written");
    assert!(!out.with_extension("pdf.partial").exists());
}

#[test]
fn the_progress_report_shows_its_figures_on_screen() {
    use zhurnal::gui::Message;
    use zhurnal::gui::screen::{PageMessage, reports, workspace};
    use zhurnal::report::Form;
    let temp = tempfile::tempdir().unwrap();
    let mut h = Harness::demo_on_its_day_picking(temp.path().to_path_buf(), None, None);
    h.log_in("deputy", "deputy");
    h.open(Section::Reports);
    // The simulator cannot open a drop-down list: choose the form as the list would.
    h.update(Message::Work(workspace::Message::Page(
        PageMessage::Reports(reports::Message::PickForm(reports::FormChoice(
            Form::Progress,
            Form::Progress.title(),
        ))),
    )));
    h.click_t("reports-make");
    assert!(
        h.shows_part("Готово:"),
        "{:?}",
        h.log.iter().rev().take(2).collect::<Vec<_>>()
    );
    assert!(
        h.shows_t("reports-col-progress"),
        "% успеваемости and the rest are on screen"
    );
    assert!(h.shows_part("Русский язык"));
}

#[test]
fn one_students_weekly_summary_by_file_number() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("weekly.pdf");
    let mut h =
        Harness::demo_on_its_day_picking(temp.path().to_path_buf(), None, Some(out.clone()));
    let (number, surname): (String, String) = rusqlite::Connection::open(temp.path().join("school.sqlite"))
        .unwrap()
        .query_row(
            "SELECT s.file_number, s.surname FROM student s JOIN enrolment e ON e.student_id = s.id
             JOIN class c ON c.id = e.class_id WHERE e.end_date IS NULL ORDER BY c.grade, c.letter, s.surname LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    h.log_in("director", "director");
    h.open(Section::Reports);
    h.type_in("reports-student", &number);
    h.click_t("reports-make");
    assert!(
        h.shows_part(&surname),
        "the summary is the student's own: {surname}"
    );
    h.click_t("reports-save");
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
}

#[test]
fn without_a_file_dialog_the_form_goes_into_a_known_folder_and_says_where() {
    use std::sync::Arc;
    use zhurnal::gui::{Env, NoDialogPicker};
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().to_path_buf();
    let folder = dir.join("Документы").join("Журнал");
    let copy = dir.join("school.sqlite");
    std::fs::copy(gui_support::demo_file(), &copy).unwrap();
    let today = gui_support::demo_options()
        .today
        .unwrap()
        .and_hms_opt(15, 0, 0)
        .unwrap();
    let env = Env::in_dir(
        &dir,
        Arc::new(NoDialogPicker(folder.clone())),
        gui_support::demo_options(),
    )
    .with_clock(zhurnal::db::Clock::Fixed(today));
    let mut h = Harness::start_env(dir, None, Some(copy), env);
    h.log_in("director", "director");
    h.open(Section::Reports);
    h.click_t("reports-make");
    assert!(h.shows_part("Готово:"));
    // Saved twice: the second file does not overwrite the first.
    h.click_t("reports-save");
    h.click_t("reports-save");
    let mut saved: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    saved.sort();
    assert_eq!(saved.len(), 2, "{saved:?}");
    for p in &saved {
        assert!(std::fs::read(p).unwrap().starts_with(b"%PDF"));
    }
    assert!(
        h.shows_part("Окно выбора файла на этом компьютере не открывается"),
        "the screen says the dialog did not open"
    );
    assert!(
        h.shows_part(&saved[1].file_name().unwrap().to_string_lossy()),
        "and names where the file is"
    );
    assert!(h.shows_t("reports-open-folder"));
}

/// The RGBA pixel at `at` of the screen as drawn now (written to `file` to be read back).
fn pixel_at(h: &Harness, file: &std::path::Path, at: iced::Point) -> [u8; 4] {
    let theme = h.app.theme();
    let _ = std::fs::remove_file(file.with_file_name(format!(
        "{}-tiny-skia.png",
        file.file_name().unwrap().to_str().unwrap()
    )));
    let snap = h.ui().snapshot(&theme).unwrap();
    assert!(snap.matches_image(file).unwrap());
    let png = file.with_file_name(format!(
        "{}-tiny-skia.png",
        file.file_name().unwrap().to_str().unwrap()
    ));
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgba);
    // The screen may be drawn at a scale: the point in its pixels.
    let scale = info.width as f32 / gui_support::SIZE.0;
    let (x, y) = ((at.x * scale) as usize, (at.y * scale) as usize);
    let i = (y * info.width as usize + x) * 4;
    [buf[i], buf[i + 1], buf[i + 2], buf[i + 3]]
}

#[test]
fn the_class_picker_is_drawn_anew_when_another_forms_classes_come() {
    use iced_test::selector;
    use zhurnal::gui::screen::{PageMessage, reports, workspace};
    use zhurnal::report::Form;
    let temp = tempfile::tempdir().unwrap();
    let mut h = Harness::demo_on_its_day();
    h.log_in("deputy", "deputy");
    h.open(Section::Reports);
    let picker = h.ui().find(selector::id("reports-class")).unwrap().bounds();
    // A point of the picker's background, left of its words.
    let at = iced::Point::new(picker.x + 4.0, picker.y + 4.0);
    let shown = pixel_at(&h, &temp.path().join("shown"), at);
    // Another form: its classes are being read.
    let other = Form::Progress;
    let pick = zhurnal::gui::Message::Work(workspace::Message::Page(PageMessage::Reports(
        reports::Message::PickForm(reports::FormChoice(other, other.title())),
    )));
    let reading = h.app.update(pick);

    // The software renderer repaints only what changed, and a picker whose words alone change
    // is repainted from their middle down: while reading, the picker itself looks different,
    // so that all of it is drawn again when the classes come.
    let waiting = pixel_at(&h, &temp.path().join("waiting"), at);
    assert_ne!(
        shown, waiting,
        "the picker looks the same while its classes are read"
    );
    h.drive(reading);
    assert_eq!(pixel_at(&h, &temp.path().join("again"), at), shown);
}
