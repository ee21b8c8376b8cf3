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
