//! Staff login slips (seed 004 А.3): for each account named, the administrator resets the password
//! to a fresh temporary one (`auth::reset_password`, audited) and prints a slip to hand over —
//! name, roles, login, the temporary password, and the rules: change it at first login, never
//! pass it on (seed 004 §3). Four slips to an A4 page, with lines to cut along.
//!
//! Issuing slips changes passwords, so gathering them needs the administrator and `&mut Db`.
//! The model holds the passwords in plain text only until the PDF is written.

use super::text::{t, ta};
use super::{Imprint, Result, current, role_name};
use crate::auth::{self, Session};
use crate::db::Db;
use crate::error::{Denied, Error};
use crate::model::*;
use crate::pdf::{Align, Font, Layout, Numbering, Orientation};

#[derive(Debug, Clone, PartialEq)]
pub struct SlipsReport {
    pub imprint: Imprint,
    pub slips: Vec<Slip>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Slip {
    pub staff: StaffId,
    pub name: PersonName,
    pub login: String,
    pub roles: Vec<Role>,
    pub password: String,
}

/// Resets the passwords of `staff` (or, if empty, of every active account whose password is still
/// temporary — new accounts not yet handed out) and returns their slips.
pub fn issue(db: &mut Db, session: &Session, staff: &[StaffId]) -> Result<SlipsReport> {
    let s = current(&db.conn, session)?;
    if !s.has(Role::Admin) {
        return Err(Denied::Role.into());
    }
    let accounts = auth::list_staff(&db.conn)?;
    let chosen: Vec<auth::StaffRow> = if staff.is_empty() {
        accounts
            .into_iter()
            .filter(|a| a.active && a.must_change_password)
            .collect()
    } else {
        let mut v = Vec::new();
        for id in staff {
            let a = accounts
                .iter()
                .find(|a| a.id == *id)
                .ok_or_else(|| Error::NotFound(format!("staff #{id}")))?;
            if !a.active {
                return Err(Error::said(
                    "said-account-switched-off",
                    &[("login", a.login.as_str().into())],
                )
                .into());
            }
            v.push(a.clone());
        }
        v
    };
    if chosen.is_empty() {
        return Err(Error::said("said-no-slip-accounts", &[]).into());
    }
    let mut slips = Vec::with_capacity(chosen.len());
    for a in chosen {
        let password = crate::ops::reset_password(db, &s, a.id)?;
        slips.push(Slip {
            staff: a.id,
            name: a.name,
            login: a.login,
            roles: a.roles,
            password,
        });
    }
    Ok(SlipsReport {
        imprint: Imprint::new(&db.conn, &s, db.clock.now())?,
        slips,
    })
}

const PER_PAGE: usize = 4;

pub fn render(r: &SlipsReport) -> Vec<u8> {
    let title = t("slips-title");
    let mut l = Layout::new(&title, Orientation::Portrait, Numbering::Document);
    l.set_info(&r.imprint.printed_by.full(), r.imprint.printed_at);
    l.set_frame(Some(r.imprint.frame(&title)));
    let label = Font::regular(10.0);
    let value = Font::bold(13.0);
    for (i, s) in r.slips.iter().enumerate() {
        if i % PER_PAGE == 0 {
            l.new_page();
        }
        let h = (l.content_bottom() - l.content_top()) / PER_PAGE as f32;
        let top = l.content_top() + h * (i % PER_PAGE) as f32;
        let (x, w) = (l.left(), l.width());
        if i % PER_PAGE != 0 {
            l.dashed_line(x - 10.0, top, x + w + 5.0, top);
        }
        l.set_y(top + 4.0);
        l.paragraph(&r.imprint.school, Font::regular(8.5), Align::Left);
        l.paragraph(&t("slips-heading"), Font::bold(11.0), Align::Left);
        l.advance(1.0);
        l.paragraph(&s.name.full(), Font::bold(11.0), Align::Left);
        let roles: Vec<String> = s
            .roles
            .iter()
            .map(|r| role_name(*r).to_lowercase())
            .collect();
        l.paragraph(&roles.join(", "), Font::regular(9.0), Align::Left);
        l.advance(1.5);
        let y = l.y();
        let col = x + 42.0;
        l.text(x, y + 4.0, &t("slips-login"), label);
        l.text(col, y + 4.5, &s.login, value);
        l.text(x, y + 11.0, &t("slips-password"), label);
        l.text(col, y + 11.5, &s.password, value);
        l.set_y(y + 14.0);
        l.paragraph(&t("slips-rules"), Font::regular(8.5), Align::Left);
        l.advance(1.0);
        l.paragraph(
            &ta(
                "slips-issued",
                &[
                    ("date", format_date(r.imprint.printed_at.date()).into()),
                    ("admin", r.imprint.printed_by.short().into()),
                ],
            ),
            Font::regular(8.5),
            Align::Left,
        );
        l.signature(&t("slips-received"), "", Font::regular(9.0));
    }
    l.finish()
}
