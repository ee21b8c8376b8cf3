//! The administrator's paper: the mark-change audit report (every change with who, when, old and
//! new value and the reason for a correction) and staff login slips whose temporary passwords
//! really open the accounts — and nobody else may print either.

mod common;
mod report_support;

use common::*;
use report_support::*;
use zhurnal::auth;
use zhurnal::error::{AuthError, Error};
use zhurnal::journal;
use zhurnal::model::*;
use zhurnal::report::{ReportError, audit, slips};

#[test]
fn the_audit_report_lists_every_change_of_a_mark_with_old_and_new_values() {
    let (_dir, mut db) = demo_db();
    let teacher = login(&mut db, "teacher");
    let (lesson, student, _) = own_lesson(&db, "teacher", d(2026, 11, 10), today());
    let id = journal::add_mark(&mut db, &teacher, lesson, student, "5", None, "", None).unwrap();
    let work: WorkTypeId = db
        .conn
        .query_row("SELECT work_type_id FROM mark WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap();
    journal::update_mark(&mut db, &teacher, id, "4", work, "", None).unwrap();
    journal::delete_mark(&mut db, &teacher, id, None).unwrap();
    // The administrator corrects a September mark, long past the edit window, with a reason.
    let admin = login(&mut db, "admin");
    let (old_id, old_value, old_work): (MarkId, String, WorkTypeId) = db
        .conn
        .query_row(
            "SELECT m.id, m.value, m.work_type_id FROM mark m JOIN lesson l ON l.id = m.lesson_id JOIN course c ON c.id = l.course_id
             WHERE l.date = '2026-09-15' AND c.scale = 'five' AND m.value = '3' ORDER BY m.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    journal::update_mark(
        &mut db,
        &admin,
        old_id,
        "4",
        old_work,
        "",
        Some("ошибка при вводе, заявление учителя"),
    )
    .unwrap();

    let report = audit::gather(&db, &admin, today(), today(), None, None).unwrap();
    let changes: Vec<(String, Option<String>, Option<String>)> = report
        .rows
        .iter()
        .map(|r| (r.action.clone(), r.old.clone(), r.new.clone()))
        .collect();
    assert_eq!(
        changes,
        vec![
            (
                "change".to_string(),
                Some("5".to_string()),
                Some("4".to_string())
            ),
            ("delete".to_string(), Some("4".to_string()), None),
            (
                "change".to_string(),
                Some(old_value.clone()),
                Some("4".to_string())
            ),
        ],
        "new marks are not changes; changes, removals and corrections are"
    );
    assert_eq!(report.rows[0].login.as_deref(), Some("teacher"));
    assert_eq!(report.rows[2].login.as_deref(), Some("admin"));
    let p = Printed::new(&audit::render(&report));
    let text = p.flat();
    assert!(text.contains("Изменений: 3"));
    assert!(text.contains("ошибка при вводе, заявление учителя"));
    assert!(text.contains("(teacher)") && text.contains("(admin)"));
    assert!(text.contains("за урок 15.09"));
    // Every printed row has its old and new value side by side.
    let rows: Vec<Vec<String>> = p
        .lines()
        .iter()
        .map(|l| tokens(l))
        .filter(|t| t.first().is_some_and(|w| w.starts_with("20.11.2026")))
        .collect();
    assert_eq!(rows.len(), 3);

    for who in ["teacher", "director", "deputy"] {
        let s = login(&mut db, who);
        assert!(
            matches!(
                audit::gather(&db, &s, today(), today(), None, None),
                Err(ReportError::Core(Error::Denied(_)))
            ),
            "{who}"
        );
    }
}

#[test]
fn login_slips_carry_fresh_temporary_passwords_that_open_the_accounts() {
    let (_dir, mut db) = demo_db();
    let admin = login(&mut db, "admin");
    let ids = vec![staff_id(&db, "teacher"), staff_id(&db, "director")];
    let report = slips::issue(&mut db, &admin, &ids).unwrap();
    assert_eq!(report.slips.len(), 2);
    let p = Printed::new(&slips::render(&report));
    let text = p.flat();
    for slip in &report.slips {
        assert!(text.contains(&format!("Логин: {}", slip.login)) || text.contains(&slip.login));
        assert!(text.contains(&slip.password), "the password is printed");
        assert!(text.contains(&slip.name.full()));
        // The old password is gone; the printed one opens the account and must be changed.
        assert!(matches!(
            auth::login(&mut db, &slip.login, &slip.login),
            Err(Error::Auth(AuthError::WrongPassword { .. }))
        ));
        let s = auth::login(&mut db, &slip.login, &slip.password).unwrap();
        assert!(s.must_change_password);
    }
    assert!(text.contains("сменить временный пароль"));
}

#[test]
fn only_the_administrator_issues_slips_and_nobodys_password_changes_otherwise() {
    let (_dir, mut db) = demo_db();
    let director = login(&mut db, "director");
    let ids = vec![staff_id(&db, "teacher")];
    assert!(matches!(
        slips::issue(&mut db, &director, &ids),
        Err(ReportError::Core(Error::Denied(_)))
    ));
    assert!(
        auth::login(&mut db, "teacher", "teacher").is_ok(),
        "the password did not change"
    );
    // With no names, the slips are for accounts not handed out yet (still on a temporary password).
    let admin = login(&mut db, "admin");
    assert!(
        slips::issue(&mut db, &admin, &[]).is_err(),
        "no new accounts yet"
    );
    let new = auth::NewStaff {
        login: "smirnova.ea".into(),
        name: PersonName {
            surname: "Смирнова".into(),
            name: "Елена".into(),
            patronymic: "Андреевна".into(),
        },
        roles: vec![Role::Teacher],
        password: "initial-1".into(),
        temporary: true,
    };
    zhurnal::ops::create_staff(&mut db, &admin, &new).unwrap();
    let report = slips::issue(&mut db, &admin, &[]).unwrap();
    assert_eq!(
        report
            .slips
            .iter()
            .map(|s| s.login.as_str())
            .collect::<Vec<_>>(),
        vec!["smirnova.ea"]
    );
}
