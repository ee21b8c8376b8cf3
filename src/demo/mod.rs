//! The demo school: a realistic Russian school built deterministically from a seed — grades 1–11
//! with parallel classes, staff in every role, the timetable, lessons with topics from thematic
//! plans and homework, marks by work type, absences, substitutions, transfers and withdrawals,
//! period (and, for a past year, year, exam and final) marks. Tests, benchmarks, screenshots and
//! first-run "open a demo" all use it. Demo passwords equal the logins and are not temporary.

mod curriculum;
pub mod names;

use std::collections::HashMap;
use std::path::Path;

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::auth::{self, Session};
use crate::db::{Db, settings};
use crate::error::{Error, Result};
use crate::model::*;
use crate::ops::{self, Batch, Done, Op};
use crate::school::{self, Period};
use crate::setup::classes::CourseTerms;
use crate::setup::students::{NewParent, NewStudent, Person, Relation};
use curriculum::{PLAN, SubjectPlan};

/// What demo to build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOptions {
    pub students: u32,
    pub seed: u64,
    /// A full past academic year by its starting calendar year (2024 for 2024/2025); `None` builds
    /// the current year up to `today`.
    pub year: Option<i32>,
    /// "Today" for the current year; defaults to the system date.
    pub today: Option<NaiveDate>,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            students: 1000,
            seed: 1,
            year: None,
            today: None,
        }
    }
}

pub const MAX_STUDENTS: u32 = 3000;

/// What was built, for the CLI to print and the GUI to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub school: String,
    pub year: String,
    pub classes: usize,
    pub students: usize,
    pub staff: usize,
    pub lessons: usize,
    pub marks: usize,
    pub absences: usize,
    /// (login, what the account is) — the password equals the login.
    pub accounts: Vec<(String, String)>,
}

/// Builds the demo school into a new file at `path` (which must not exist).
pub fn generate(
    path: &Path,
    opts: &DemoOptions,
    progress: &mut dyn FnMut(f32),
) -> Result<DemoSummary> {
    let mut db = Db::create(path)?;
    let result = populate(&mut db, opts, progress);
    if result.is_err() {
        drop(db);
        crate::db::remove_journal(path);
    }
    result
}

/// Builds the demo school into an empty, open journal (tests use an in-memory one).
pub fn populate(
    db: &mut Db,
    opts: &DemoOptions,
    progress: &mut dyn FnMut(f32),
) -> Result<DemoSummary> {
    if opts.students == 0 || opts.students > MAX_STUDENTS {
        return Err(Error::said(
            "said-demo-size",
            &[("max", MAX_STUDENTS.into())],
        ));
    }
    let today = match opts.year {
        Some(y) => school::standard_calendar(y).end + Days::new(30),
        None => opts
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
    };
    let year_start = opts.year.unwrap_or_else(|| year_start_of(today));
    progress(0.0);
    let mut g = Gen {
        batch: Batch::begin(db)?,
        rng: ChaCha8Rng::seed_from_u64(opts.seed),
        today,
        year_start,
        summary: DemoSummary {
            school: String::new(),
            year: format!("{}/{}", year_start, year_start + 1),
            classes: 0,
            students: 0,
            staff: 0,
            lessons: 0,
            marks: 0,
            absences: 0,
            accounts: Vec::new(),
        },
        subjects: HashMap::new(),
        work: HashMap::new(),
        staff_logins: HashMap::new(),
        sessions: HashMap::new(),
        // Salts from their own stream: the marks the seed draws stay as they were.
        salts: ChaCha8Rng::seed_from_u64(opts.seed ^ 0x5a17_5a17),
    };
    g.build(opts.students, progress)?;
    let mut summary = g.summary;
    // The accounts of every role first, then the teachers: `teacher` leads them.
    summary
        .accounts
        .sort_by_key(|(login, what)| (what.starts_with("учитель"), login != "teacher"));
    g.batch.commit()?;
    progress(1.0);
    Ok(summary)
}

/// The demo is built as a school builds its journal: every change an operation by the person who
/// makes it at the moment they make it, in one batch (so an exported log replays into the same
/// journal).
struct Gen<'c> {
    batch: Batch<'c>,
    rng: ChaCha8Rng,
    today: NaiveDate,
    year_start: i32,
    summary: DemoSummary,
    subjects: HashMap<&'static str, SubjectId>,
    work: HashMap<&'static str, WorkTypeId>,
    staff_logins: HashMap<String, u32>,
    sessions: HashMap<StaffId, Session>,
    salts: ChaCha8Rng,
}

#[derive(Clone)]
struct Teacher {
    id: StaffId,
    load: u32,
    room: RoomId,
}

struct ClassPlan {
    id: ClassId,
    grade: u8,
    letter: &'static str,
    /// (student, start, end) stays in this class.
    roll: Vec<(StudentId, NaiveDate, Option<NaiveDate>)>,
}

/// Students with the first and last day of their stay.
type Roll = Vec<(StudentId, NaiveDate, Option<NaiveDate>)>;

struct CoursePlan {
    id: CourseId,
    class_idx: usize,
    subject: &'static SubjectPlan,
    teacher: StaffId,
    hours: u8,
    members: Vec<(StudentId, NaiveDate, Option<NaiveDate>)>,
}

impl Gen<'_> {
    fn build(&mut self, students: u32, progress: &mut dyn FnMut(f32)) -> Result<()> {
        let start_moment = at(
            NaiveDate::from_ymd_opt(self.year_start, 8, 25).expect("date"),
            9,
            0,
        );
        // The school with its first year, calendar, bells and kinds of work, and its
        // administrator.
        let school_name = "МБОУ «Средняя общеобразовательная школа № 7»";
        let admin_salt = self.salt();
        let created = self.batch.create_school(
            start_moment,
            &Op::CreateSchool {
                school: school::School {
                    name: school_name.into(),
                    address: "623700, Свердловская обл., г. Берёзовский, ул. Школьная, д. 12"
                        .into(),
                    director: "Соколова Ирина Владимировна".into(),
                },
                year_start: self.year_start,
                schemes: school::usual_schemes(),
                login: "admin".into(),
                admin: PersonName {
                    surname: "Петрова".into(),
                    name: "Наталья".into(),
                    patronymic: "Сергеевна".into(),
                },
                password_hash: auth::hash_demo_password("admin", admin_salt),
            },
        )?;
        let admin = StaffId(created.created[0]);
        let year = YearId(created.created[1]);
        self.summary.school = school_name.to_string();
        self.summary
            .accounts
            .push(("admin".into(), "администратор".into()));
        for (id, name, _, _) in crate::journal::work_types(self.batch.conn())? {
            if let Some((n, _, _)) = school::STANDARD_WORK_TYPES.iter().find(|w| w.0 == name) {
                self.work.insert(n, id);
            }
        }
        let building = self
            .op(
                admin,
                start_moment,
                Op::AddBuilding {
                    name: "Основное здание".into(),
                    address: "ул. Школьная, д. 12".into(),
                },
            )?
            .created[0];
        for p in PLAN {
            let done = self.op(
                admin,
                start_moment,
                Op::AddSubject {
                    id: None,
                    name: p.name.into(),
                    short: p.short.into(),
                },
            )?;
            self.subjects.insert(p.name, SubjectId(done.created[0]));
        }

        // The other administration accounts.
        let fixed: [(&str, &str, &str, &str, Role, &str); 4] = [
            (
                "director",
                "Соколова",
                "Ирина",
                "Владимировна",
                Role::Director,
                "директор",
            ),
            (
                "deputy",
                "Кузнецова",
                "Ольга",
                "Николаевна",
                Role::Deputy,
                "заместитель директора по УВР",
            ),
            (
                "archivist",
                "Белова",
                "Галина",
                "Петровна",
                Role::Archivist,
                "архивариус",
            ),
            (
                "clerk",
                "Морозова",
                "Елена",
                "Викторовна",
                Role::Clerk,
                "делопроизводитель",
            ),
        ];
        let mut deputy = admin;
        let mut clerk = admin;
        for (login, sur, name, pat, role, what) in fixed {
            let id = self.staff(admin, start_moment, login, sur, name, pat, vec![role])?;
            match role {
                Role::Deputy => deputy = id,
                Role::Clerk => clerk = id,
                _ => {}
            }
            self.summary.accounts.push((login.into(), what.into()));
        }

        // Classes: about 25 students each, spread over grades 1–11.
        let n_classes = ((students as f64 / 25.0).round() as usize).max(1);
        let mut per_grade = [n_classes / 11; 11];
        let priority = [5u8, 1, 9, 7, 3, 6, 2, 8, 4, 10, 11];
        for g in priority.iter().take(n_classes % 11) {
            per_grade[(*g - 1) as usize] += 1;
        }
        const LETTERS: [&str; 6] = ["А", "Б", "В", "Г", "Д", "Е"];
        let mut classes: Vec<ClassPlan> = Vec::new();
        for (gi, n) in per_grade.iter().enumerate() {
            for letter in LETTERS.iter().take(*n) {
                let done = self.op(
                    admin,
                    start_moment,
                    Op::CreateClass {
                        year,
                        grade: gi as u8 + 1,
                        letter: letter.to_string(),
                        class_teacher: None,
                    },
                )?;
                classes.push(ClassPlan {
                    id: ClassId(done.created[0]),
                    grade: gi as u8 + 1,
                    letter,
                    roll: Vec::new(),
                });
            }
        }
        self.summary.classes = classes.len();

        // Students, spread as evenly as the count allows.
        let cal = school::standard_calendar(self.year_start);
        let year_first = cal.start;
        let mut file_no = 0u32;
        let mut abilities: HashMap<StudentId, f64> = HashMap::new();
        for (i, cl) in classes.iter_mut().enumerate() {
            let n = students as usize / n_classes + usize::from(i < students as usize % n_classes);
            for _ in 0..n {
                file_no += 1;
                let sid =
                    self.student(clerk, cl.id, cl.grade, file_no, year_first, start_moment)?;
                cl.roll.push((sid, year_first, None));
                let ability = (3.9 + 0.55 * self.normal()).clamp(2.6, 5.0);
                abilities.insert(sid, ability);
            }
        }
        self.summary.students = file_no as usize;
        progress(0.05);

        // Movements: a few transfers between parallel classes, withdrawals and newcomers. The
        // leavers' operations come once the groups are made (they end the memberships too).
        let mut leaving: Vec<Op> = Vec::new();
        let last_move = self.today.min(cal.end);
        if last_move > year_first + Days::new(20) {
            let span_days = (last_move - year_first).num_days() as u64;
            let moves = (students / 150).max(1);
            for _ in 0..moves {
                let ci = self.rng.random_range(0..classes.len());
                if classes[ci].roll.len() < 3 {
                    continue;
                }
                let si = self.rng.random_range(0..classes[ci].roll.len());
                if classes[ci].roll[si].2.is_some() {
                    continue;
                }
                let day = year_first + Days::new(self.rng.random_range(14..span_days.max(15)));
                let sid = classes[ci].roll[si].0;
                let grade = classes[ci].grade;
                let parallel: Vec<usize> = (0..classes.len())
                    .filter(|&j| j != ci && classes[j].grade == grade)
                    .collect();
                if let (Some(&to), true) =
                    (parallel.choose(&mut self.rng), self.rng.random_bool(0.5))
                {
                    classes[ci].roll[si].2 = Some(day);
                    classes[to].roll.push((sid, day + Days::new(1), None));
                    leaving.push(Op::Transfer {
                        student: sid,
                        to: classes[to].id,
                        from: day + Days::new(1),
                    });
                } else {
                    classes[ci].roll[si].2 = Some(day);
                    leaving.push(Op::Withdraw {
                        student: sid,
                        last_day: day,
                        why: format!("Приказ № {}-у", 40 + file_no % 60),
                    });
                }
            }
            for _ in 0..(students / 200).max(1) {
                let ci = self.rng.random_range(0..classes.len());
                let day = year_first + Days::new(self.rng.random_range(10..span_days.max(11)));
                file_no += 1;
                let sid = self.student(
                    clerk,
                    classes[ci].id,
                    classes[ci].grade,
                    file_no,
                    day,
                    at(day, 9, 0),
                )?;
                classes[ci].roll.push((sid, day, None));
                abilities.insert(sid, (3.8 + 0.5 * self.normal()).clamp(2.6, 5.0));
                self.summary.students += 1;
            }
        }
        progress(0.1);

        // Courses and teachers.
        let mut rooms = 0u32;
        let mut pools: HashMap<&'static str, Vec<Teacher>> = HashMap::new();
        let mut primary_teacher: HashMap<usize, Teacher> = HashMap::new();
        let mut courses: Vec<CoursePlan> = Vec::new();
        let mut known_made = false;
        // (class, subject, group, student, first day): who joins a group after the first day.
        let mut joining: Vec<(ClassId, SubjectId, GroupId, StudentId, NaiveDate)> = Vec::new();
        // The demo's best-known teacher: Russian and literature, class teacher of the first 5th form.
        let first_five = classes
            .iter()
            .position(|c| c.grade == 5)
            .or_else(|| classes.iter().position(|c| c.grade >= 5))
            .unwrap_or(0);
        for (ci, cl) in classes.iter().enumerate() {
            let mut units: Vec<&'static SubjectPlan> = PLAN
                .iter()
                .filter(|p| p.hours[(cl.grade - 1) as usize] > 0)
                .collect();
            // Make "rus" first for the first fifth form so that `teacher` is its class teacher.
            units.sort_by_key(|p| (p.family != "rus") as u8);
            for p in units {
                let hours = p.hours[(cl.grade - 1) as usize];
                let groups: Vec<Option<(GroupId, Roll)>> = if p.groups && cl.roll.len() >= 8 {
                    let mut roll = cl.roll.clone();
                    roll.sort_by_key(|(s, _, _)| s.0);
                    let half = roll.len().div_ceil(2);
                    let mut out = Vec::new();
                    for (gi, part) in [roll[..half].to_vec(), roll[half..].to_vec()]
                        .into_iter()
                        .enumerate()
                    {
                        // Made with the students on the list on the first day; who comes later
                        // joins the group on their first day (below).
                        let first: Vec<StudentId> = part
                            .iter()
                            .filter(|(_, a, _)| *a <= year_first)
                            .map(|(s, _, _)| *s)
                            .collect();
                        let done = self.op(
                            admin,
                            start_moment,
                            Op::CreateGroup {
                                class: cl.id,
                                name: format!("{} группа", gi + 1),
                                subject: Some(self.subjects[p.name]),
                                students: first,
                                from: year_first,
                            },
                        )?;
                        let gid = GroupId(done.created[0]);
                        for (s, a, _) in part.iter().filter(|(_, a, _)| *a > year_first) {
                            joining.push((cl.id, self.subjects[p.name], gid, *s, *a));
                        }
                        out.push(Some((gid, part)));
                    }
                    out
                } else {
                    vec![None]
                };
                for grp in groups {
                    let teacher = if cl.grade <= 4 && matches!(p.family, "primary" | "rus" | "math")
                    {
                        if let std::collections::hash_map::Entry::Vacant(slot) =
                            primary_teacher.entry(ci)
                        {
                            let id = self.teacher_account(admin, false, start_moment)?;
                            rooms += 1;
                            let room = self.room(
                                admin,
                                start_moment,
                                building,
                                format!("{}", 100 + rooms),
                            )?;
                            slot.insert(Teacher { id, load: 0, room });
                        }
                        primary_teacher[&ci].clone()
                    } else {
                        let pool = pools.entry(p.family).or_default();
                        let known = ci == first_five && p.family == "rus" && !known_made;
                        let reuse = pool
                            .iter()
                            .position(|t| t.load + hours as u32 <= 24)
                            .filter(|_| !known);
                        match reuse {
                            Some(i) => pool[i].clone(),
                            None => {
                                known_made |= known;
                                let pool_len = pool.len();
                                let id = self.teacher_account(admin, known, start_moment)?;
                                rooms += 1;
                                let room_name = if p.family == "pe" {
                                    format!("Спортзал {}", pool_len + 1)
                                } else {
                                    format!("{}", 100 + rooms)
                                };
                                let room = self.room(admin, start_moment, building, room_name)?;
                                let t = Teacher { id, load: 0, room };
                                pools.get_mut(p.family).expect("pool").push(t.clone());
                                t
                            }
                        }
                    };
                    // Account the load.
                    if let Some(t) = pools
                        .get_mut(p.family)
                        .and_then(|pl| pl.iter_mut().find(|t| t.id == teacher.id))
                    {
                        t.load += hours as u32;
                    }
                    let scale = if p.pass_fail {
                        Scale::PassFail
                    } else {
                        Scale::Five
                    };
                    let no_att = cl.grade == 1 || p.pass_fail && cl.grade == 4;
                    let done = self.op(
                        admin,
                        start_moment,
                        Op::CreateCourse {
                            terms: CourseTerms {
                                subject: self.subjects[p.name],
                                class: cl.id,
                                group: grp.as_ref().map(|g| g.0),
                                teacher: teacher.id,
                                room: Some(teacher.room),
                                scale,
                                no_attestation: no_att,
                                hours_per_week: hours as f64,
                            },
                        },
                    )?;
                    let members = grp.map(|g| g.1).unwrap_or_else(|| cl.roll.clone());
                    courses.push(CoursePlan {
                        id: CourseId(done.created[0]),
                        class_idx: ci,
                        subject: p,
                        teacher: teacher.id,
                        hours,
                        members,
                    });
                }
            }
        }
        // Class teachers: primary teachers for 1–4; for 5–11 a subject teacher who has none yet,
        // the Russian teacher of the first fifth form being the demo's `teacher`.
        let mut has_class: std::collections::HashSet<StaffId> = Default::default();
        for (ci, cl) in classes.iter().enumerate() {
            let chosen = if cl.grade <= 4 {
                primary_teacher.get(&ci).map(|t| t.id)
            } else {
                let mine: Vec<StaffId> = courses
                    .iter()
                    .filter(|k| k.class_idx == ci)
                    .map(|k| k.teacher)
                    .collect();
                let rus = courses
                    .iter()
                    .find(|k| k.class_idx == ci && k.subject.family == "rus")
                    .map(|k| k.teacher);
                let pick = if ci == first_five { rus } else { None };
                pick.filter(|t| !has_class.contains(t))
                    .or_else(|| mine.iter().copied().find(|t| !has_class.contains(t)))
            };
            if let Some(t) = chosen {
                has_class.insert(t);
                self.op(
                    admin,
                    start_moment,
                    Op::SetClassTeacher {
                        class: cl.id,
                        teacher: Some(t),
                    },
                )?;
            }
        }
        let first_five_teacher =
            crate::setup::classes::class_teacher(self.batch.conn(), classes[first_five].id)?;
        let teacher_id = auth::staff_by_login(self.batch.conn(), "teacher")?;
        if first_five_teacher.is_some() && first_five_teacher == teacher_id {
            let cname = format!(
                "{}{}",
                classes[first_five].grade, classes[first_five].letter
            );
            if let Some(acc) = self.summary.accounts.iter_mut().find(|a| a.0 == "teacher") {
                acc.1 = format!("учитель, классный руководитель {cname}");
            }
        }
        // The movements in the order of their days: transfers and withdrawals (the clerk's, on
        // the eve of their first day), and students joining a group on their first day there.
        enum Move {
            Op(Op),
            Join(ClassId, SubjectId, GroupId, StudentId),
        }
        let mut moves: Vec<(NaiveDate, u8, Move)> = Vec::new();
        for op in leaving {
            let day = match &op {
                Op::Transfer { from, .. } => *from,
                Op::Withdraw { last_day, .. } => *last_day + Days::new(1),
                _ => unreachable!("a movement"),
            };
            moves.push((day, 0, Move::Op(op)));
        }
        for (class, subject, group, student, from) in joining {
            moves.push((from, 1, Move::Join(class, subject, group, student)));
        }
        moves.sort_by_key(|(d, order, _)| (*d, *order));
        for (day, _, m) in moves {
            let op = match m {
                Move::Op(op) => op,
                Move::Join(class, subject, group, student) => {
                    let groups = crate::setup::classes::groups(self.batch.conn(), class, day)?
                        .into_iter()
                        .filter(|g| g.subject == Some(subject))
                        .map(|g| crate::setup::classes::GroupPlan {
                            students: g
                                .members
                                .iter()
                                .copied()
                                .chain((g.id == group).then_some(student))
                                .collect(),
                            name: g.name,
                        })
                        .collect();
                    Op::SplitClass {
                        class,
                        subject: Some(subject),
                        groups,
                        from: day,
                    }
                }
            };
            // Groups are the administrator's; the class lists the clerk's. A student drawn twice
            // (moved again before the first move's day) keeps the first movement.
            let by = if matches!(op, Op::SplitClass { .. }) {
                admin
            } else {
                clerk
            };
            self.try_op(by, at(day - Days::new(1), 9, 0), op)?;
        }
        progress(0.15);

        // Timetable: each class's week, with teachers never in two places at once.
        let holidays = school::holidays(self.batch.conn(), year)?;
        let mut busy: std::collections::HashSet<(StaffId, u8, u8)> = Default::default();
        let mut slots: Vec<Vec<(u8, u8)>> = vec![Vec::new(); courses.len()];
        for (ci, cl) in classes.iter().enumerate() {
            let max_slot: u8 = match cl.grade {
                1 => 5,
                2..=4 => 5,
                5..=6 => 6,
                _ => 7,
            };
            let mut class_busy: std::collections::HashSet<(u8, u8)> = Default::default();
            let mut class_courses: Vec<usize> = (0..courses.len())
                .filter(|&k| courses[k].class_idx == ci)
                .collect();
            class_courses.sort_by_key(|&k| std::cmp::Reverse(courses[k].hours));
            let mut day_count = [0u8; 5];
            // Split groups of one subject are taught in the same slot when their teachers differ.
            let mut done: std::collections::HashSet<usize> = Default::default();
            for &k in &class_courses {
                if done.contains(&k) {
                    continue;
                }
                let partner = class_courses.iter().copied().find(|&o| {
                    o != k
                        && !done.contains(&o)
                        && std::ptr::eq(courses[o].subject, courses[k].subject)
                        && courses[o].teacher != courses[k].teacher
                });
                let together: Vec<usize> = std::iter::once(k).chain(partner).collect();
                let mut used_days: Vec<u8> = Vec::new();
                for _ in 0..courses[k].hours {
                    let mut order: Vec<u8> = (0..5).collect();
                    order
                        .sort_by_key(|d| (used_days.contains(d) as u8, day_count[*d as usize], *d));
                    let mut placed = false;
                    'search: for extra in [0u8, 1] {
                        for &d in &order {
                            for s in 1..=max_slot + extra {
                                if class_busy.contains(&(d, s))
                                    || together
                                        .iter()
                                        .any(|&t| busy.contains(&(courses[t].teacher, d, s)))
                                {
                                    continue;
                                }
                                class_busy.insert((d, s));
                                for &t in &together {
                                    busy.insert((courses[t].teacher, d, s));
                                    slots[t].push((d, s));
                                }
                                day_count[d as usize] += 1;
                                used_days.push(d);
                                placed = true;
                                break 'search;
                            }
                        }
                    }
                    if !placed {
                        // A very small demo can run out of slots for a shared teacher: drop the hour.
                        continue;
                    }
                }
                done.extend(together);
            }
        }
        // The deputy enters the week; each course's lessons of the year are laid out from it.
        let mut lesson_ids: Vec<HashMap<(NaiveDate, u8), LessonId>> = Vec::new();
        for (k, course) in courses.iter().enumerate() {
            let week: Vec<crate::lessons::timetable::Slot> = slots[k]
                .iter()
                .map(|(d, s)| crate::lessons::timetable::Slot {
                    weekday: d + 1,
                    lesson_no: *s,
                    room: None,
                })
                .collect();
            self.op(
                deputy,
                start_moment,
                Op::ChangeTimetable {
                    course: course.id,
                    from: cal.start,
                    slots: week,
                },
            )?;
            lesson_ids.push(
                crate::lessons::course_lessons(self.batch.conn(), course.id, cal.start, cal.end)?
                    .into_iter()
                    .map(|l| ((l.date, l.lesson_no), l.id))
                    .collect(),
            );
        }
        progress(0.2);

        // Lessons, topics, homework, marks, attendance.
        let teachers_by_family: HashMap<&str, Vec<StaffId>> = pools
            .iter()
            .map(|(f, ts)| (*f, ts.iter().map(|t| t.id).collect()))
            .collect();
        // Sorted: a HashMap's order changes from run to run, and the demo must not.
        let mut all_teachers: Vec<StaffId> = pools
            .values()
            .flatten()
            .map(|t| t.id)
            .chain(primary_teacher.values().map(|t| t.id))
            .collect();
        all_teachers.sort();
        all_teachers.dedup();
        // Illnesses: a few school days off, now and then.
        let mut ill: HashMap<StudentId, Vec<(NaiveDate, NaiveDate)>> = HashMap::new();
        for cl in &classes {
            for (s, _, _) in &cl.roll {
                let mut spells = Vec::new();
                let mut d = cal.start;
                while d < cal.end {
                    d = d + Days::new(self.rng.random_range(20..90));
                    let len = self.rng.random_range(2..8);
                    spells.push((d, d + Days::new(len)));
                    d = d + Days::new(len);
                }
                ill.insert(*s, spells);
            }
        }
        let n_courses = courses.len();
        let periods_by_grade: Vec<Vec<Period>> = (1..=11)
            .map(|g| school::periods_for_grade(self.batch.conn(), year, g))
            .collect::<Result<_>>()?;
        // Per course and student: (mark, weight) within each period, for period marks.
        let mut period_marks_src: HashMap<(usize, StudentId, PeriodId), Vec<(MarkValue, f64)>> =
            HashMap::new();
        let wt = |g: &Gen, n: &str| g.work[n];
        let weights: HashMap<WorkTypeId, f64> = school::STANDARD_WORK_TYPES
            .iter()
            .map(|(n, _, w)| (self.work[n], *w))
            .collect();
        for (k, course) in courses.iter().enumerate() {
            let cl = &classes[course.class_idx];
            let grade = cl.grade;
            let subj = course.subject;
            // The thematic plan: weekly hours × 34 topics.
            let total = course.hours as usize * 34;
            let mut titles = Vec::with_capacity(total);
            let mut test_no = 0;
            let mut lab_no = 0;
            for i in 0..total {
                let base =
                    subj.topics[(i * subj.topics.len() / total.max(1)).min(subj.topics.len() - 1)];
                let title = if curriculum::has_tests(subj.name) && i % 8 == 7 {
                    test_no += 1;
                    format!("Контрольная работа № {test_no} по теме «{base}»")
                } else if curriculum::has_labs(subj.name) && i % 6 == 3 {
                    lab_no += 1;
                    format!("Лабораторная работа № {lab_no}. {base}")
                } else if subj.name == "Русский язык" && i % 10 == 5 {
                    format!("Диктант по теме «{base}»")
                } else {
                    base.to_string()
                };
                titles.push(title);
            }
            // The teacher enters the plan before the year begins.
            self.op(
                course.teacher,
                start_moment,
                Op::SavePlan {
                    course: course.id,
                    topics: titles
                        .iter()
                        .map(|t| crate::lessons::plan::PlanRow {
                            title: t.clone(),
                            hours: 1.0,
                        })
                        .collect(),
                },
            )?;
            let topic_ids: Vec<PlanTopicId> =
                crate::lessons::plan::plan(self.batch.conn(), course.id)?
                    .into_iter()
                    .map(|t| t.id)
                    .collect();
            // Lessons on every school day the timetable gives.
            let mut next_topic = 0usize;
            let mut d = cal.start;
            let mut para = 1u32;
            let family_pool = teachers_by_family
                .get(subj.family)
                .cloned()
                .unwrap_or_default();
            while d <= cal.end {
                let wd = d.weekday().num_days_from_monday() as u8;
                if school::is_school_day(&holidays, grade, d) {
                    for &(sd, slot) in slots[k].iter().filter(|(sd, _)| *sd == wd) {
                        let _ = sd;
                        let held = d <= self.today;
                        let cancelled = held && self.rng.random_bool(0.003);
                        let (topic, topic_id) = if held
                            && !cancelled
                            && next_topic < total
                            && self.rng.random_bool(0.97)
                        {
                            next_topic += 1;
                            (
                                titles[next_topic - 1].clone(),
                                Some(topic_ids[next_topic - 1]),
                            )
                        } else if held && !cancelled && next_topic < total {
                            next_topic += 1; // topic left unfilled: the control report shows it
                            (String::new(), None)
                        } else {
                            (String::new(), None)
                        };
                        let homework = if held
                            && !cancelled
                            && !topic.is_empty()
                            && !matches!(subj.family, "pe" | "music")
                            && self.rng.random_bool(0.9)
                        {
                            para += 1;
                            if subj.family == "math"
                                || subj.family == "phys"
                                || subj.family == "chem"
                            {
                                format!(
                                    "§ {}, № {}, {}",
                                    para % 40 + 1,
                                    self.rng.random_range(100..900),
                                    self.rng.random_range(100..900)
                                )
                            } else if subj.family == "rus" {
                                format!(
                                    "Упр. {}, стр. {}",
                                    self.rng.random_range(10..400),
                                    self.rng.random_range(5..250)
                                )
                            } else {
                                format!(
                                    "Стр. {}–{}, вопросы 1–{}",
                                    para % 200 + 5,
                                    para % 200 + 9,
                                    self.rng.random_range(3..7)
                                )
                            }
                        } else {
                            String::new()
                        };
                        let substitute = if held && !cancelled && self.rng.random_bool(0.015) {
                            let others: Vec<StaffId> = family_pool
                                .iter()
                                .copied()
                                .filter(|t| *t != course.teacher)
                                .collect();
                            others.choose(&mut self.rng).copied().or_else(|| {
                                all_teachers.iter().copied().find(|t| *t != course.teacher)
                            })
                        } else {
                            None
                        };
                        let Some(&lesson) = lesson_ids[k].get(&(d, slot)) else {
                            continue; // (the timetable gives no such lesson: cannot happen)
                        };
                        self.summary.lessons += 1;
                        // The deputy arranges cancellations and substitutes before school.
                        let morning = at(d, 7, 30);
                        if cancelled {
                            self.op(
                                deputy,
                                morning,
                                Op::CancelLesson {
                                    lesson,
                                    cancelled: true,
                                    why: "Карантин".into(),
                                },
                            )?;
                        }
                        // A substitute busy elsewhere then is not taken: the teacher comes.
                        let substitute = match substitute {
                            Some(t) => self
                                .try_op(
                                    deputy,
                                    morning,
                                    Op::Substitute {
                                        lesson,
                                        substitute: Some(t),
                                    },
                                )?
                                .map(|_| t),
                            None => None,
                        };
                        if !held || cancelled {
                            continue;
                        }
                        let kind = if topic.starts_with("Контрольная") {
                            "Контрольная работа"
                        } else if topic.starts_with("Лабораторная") {
                            "Лабораторная работа"
                        } else if topic.starts_with("Диктант") {
                            "Диктант"
                        } else if self.rng.random_bool(0.1) {
                            "Самостоятельная работа"
                        } else {
                            "Ответ на уроке"
                        };
                        let mut work = vec![wt(self, kind)];
                        let homework_marks = !homework.is_empty() && self.rng.random_bool(0.3);
                        if homework_marks {
                            work.push(wt(self, "Домашняя работа"));
                        }
                        let author = substitute.unwrap_or(course.teacher);
                        // The lesson's page filled in at the lesson: topic, homework, the kinds
                        // of work; attendance taken (when the topic is written).
                        let entered = at(d, 8 + slot as u32, 50);
                        self.op(
                            author,
                            entered,
                            Op::SaveLesson {
                                lesson,
                                topic: topic.clone(),
                                plan_topic: topic_id,
                                homework: homework.clone(),
                                comment: String::new(),
                                work,
                            },
                        )?;
                        // Attendance is taken at every lesson held and filled in, absences or
                        // not (those left without a topic are the demo's unfilled ones).
                        if !topic.is_empty() {
                            self.op(author, entered, Op::ConfirmAttendance { lesson })?;
                        }
                        let whole_class = kind != "Ответ на уроке";
                        let period = periods_by_grade[(grade - 1) as usize]
                            .iter()
                            .find(|p| p.contains(d))
                            .map(|p| p.id);
                        for &(s, a, b) in &course.members {
                            if d < a || b.is_some_and(|b| d > b) {
                                continue;
                            }
                            // Attendance first: absent students get no marks.
                            let is_ill = ill
                                .get(&s)
                                .is_some_and(|v| v.iter().any(|(x, y)| *x <= d && d <= *y));
                            let r: f64 = self.rng.random();
                            let att = if is_ill {
                                Some((AttendanceCode::Ill, None))
                            } else if r < 0.006 {
                                Some((AttendanceCode::Absent, None))
                            } else if r < 0.009 {
                                Some((AttendanceCode::Excused, None))
                            } else if r < 0.016 {
                                Some((AttendanceCode::Late, Some(self.rng.random_range(3..16u16))))
                            } else {
                                None
                            };
                            if let Some((code, minutes)) = att {
                                self.op(
                                    author,
                                    entered,
                                    Op::SetAttendance {
                                        lesson,
                                        student: s,
                                        code: Some(code),
                                        late_minutes: minutes,
                                    },
                                )?;
                                self.summary.absences += usize::from(code.is_missed());
                                if code.is_missed() {
                                    continue;
                                }
                            }
                            if grade == 1 {
                                continue; // first grade: no marks (безотметочное обучение)
                            }
                            let p_mark = if whole_class { 0.95 } else { 0.2 };
                            if !self.rng.random_bool(p_mark) {
                                continue;
                            }
                            let ability = abilities.get(&s).copied().unwrap_or(3.8);
                            let mut marks =
                                vec![(self.mark_value(subj, ability, whole_class), wt(self, kind))];
                            if homework_marks && self.rng.random_bool(0.25) {
                                marks.push((
                                    self.mark_value(subj, ability, false),
                                    wt(self, "Домашняя работа"),
                                ));
                            }
                            // Mostly entered the same afternoon; now and then a week late.
                            let when = if self.rng.random_bool(0.03) {
                                at(d + Days::new(self.rng.random_range(8..12)), 16, 0)
                            } else {
                                at(d, 15, self.rng.random_range(0..59))
                            }
                            .min(at(self.today, 8, 0).max(at(d, 15, 0)));
                            for (v, w) in marks {
                                self.op(
                                    author,
                                    when,
                                    Op::AddMark {
                                        id: None,
                                        lesson,
                                        student: s,
                                        value: v.code(),
                                        work_type: Some(w),
                                        comment: String::new(),
                                    },
                                )?;
                                self.summary.marks += 1;
                                if let Some(p) = period {
                                    period_marks_src
                                        .entry((k, s, p))
                                        .or_default()
                                        .push((v, weights[&w]));
                                }
                            }
                        }
                    }
                }
                d = d + Days::new(1);
            }
            if k % 16 == 0 {
                progress(0.2 + 0.7 * (k as f32 / n_courses as f32));
            }
        }

        // Period marks for every period that has ended, then the period is closed.
        let rounding = settings::rounding(self.batch.conn())?;
        for (k, course) in courses.iter().enumerate() {
            let cl = &classes[course.class_idx];
            let no_att = cl.grade == 1 || course.subject.pass_fail && cl.grade == 4;
            if no_att {
                continue;
            }
            let mut year_src: HashMap<StudentId, Vec<u8>> = HashMap::new();
            for p in &periods_by_grade[(cl.grade - 1) as usize] {
                if p.end >= self.today {
                    continue;
                }
                let set_at = at(p.end + Days::new(2), 16, 0);
                for &(s, a, b) in &course.members {
                    // On the list at the period's end.
                    if a > p.end || b.is_some_and(|b| b < p.end) {
                        continue;
                    }
                    let marks = period_marks_src.get(&(k, s, p.id));
                    let value = match course.subject.pass_fail {
                        true => {
                            if marks.is_some() {
                                PeriodMarkValue::Mark(MarkValue::Pass)
                            } else {
                                PeriodMarkValue::NotAttested
                            }
                        }
                        false => match marks
                            .map(|m| Averages::of(m.iter().copied()))
                            .and_then(|a| a.proposed(rounding))
                        {
                            Some(v) => {
                                year_src.entry(s).or_default().push(v);
                                PeriodMarkValue::Mark(MarkValue::Num(v.max(2)))
                            }
                            None => PeriodMarkValue::NotAttested,
                        },
                    };
                    self.period_mark(
                        course.id,
                        s,
                        PeriodMarkKind::Period,
                        Some(p.id),
                        value,
                        course.teacher,
                        set_at,
                    )?;
                }
                self.op(
                    course.teacher,
                    set_at,
                    Op::ClosePeriod {
                        course: course.id,
                        period: p.id,
                    },
                )?;
            }
            // A finished year: year marks, exams in grades 9 and 11, final marks.
            if cal.end < self.today && !course.subject.pass_fail {
                let set_at = at(cal.end + Days::new(3), 16, 0);
                for (s, marks) in &year_src {
                    let avg = marks.iter().map(|m| *m as f64).sum::<f64>() / marks.len() as f64;
                    let year_mark = rounding.round(avg).max(2);
                    self.period_mark(
                        course.id,
                        *s,
                        PeriodMarkKind::Year,
                        None,
                        PeriodMarkValue::Mark(MarkValue::Num(year_mark)),
                        course.teacher,
                        set_at,
                    )?;
                    let exam_subject = matches!(course.subject.name, "Русский язык" | "Алгебра");
                    let final_mark = if (cl.grade == 9 || cl.grade == 11) && exam_subject {
                        let exam = (year_mark as f64 + 0.7 * self.normal())
                            .round()
                            .clamp(2.0, 5.0) as u8;
                        self.period_mark(
                            course.id,
                            *s,
                            PeriodMarkKind::Exam,
                            None,
                            PeriodMarkValue::Mark(MarkValue::Num(exam)),
                            course.teacher,
                            set_at,
                        )?;
                        Rounding::HalfUp.round((year_mark + exam) as f64 / 2.0)
                    } else {
                        year_mark
                    };
                    if cl.grade == 9 || cl.grade == 11 {
                        self.period_mark(
                            course.id,
                            *s,
                            PeriodMarkKind::Final,
                            None,
                            PeriodMarkValue::Mark(MarkValue::Num(final_mark)),
                            course.teacher,
                            set_at,
                        )?;
                    }
                }
            }
        }
        self.summary.staff = auth::list_staff(self.batch.conn())?.len();
        progress(0.98);
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn period_mark(
        &mut self,
        course: CourseId,
        s: StudentId,
        kind: PeriodMarkKind,
        period: Option<PeriodId>,
        value: PeriodMarkValue,
        by: StaffId,
        at: NaiveDateTime,
    ) -> Result<()> {
        let op = Op::SetPeriodMark {
            course,
            student: s,
            kind,
            period,
            value: Some(value.code()),
        };
        self.op(by, at, op).map(drop)
    }

    /// The next password salt.
    fn salt(&mut self) -> [u8; 16] {
        self.salts.random()
    }

    /// Applies `op` as `by` at `at`; a refusal is the demo's own mistake, named with its reason.
    /// A storage error is returned as it is.
    fn op(&mut self, by: StaffId, at: NaiveDateTime, op: Op) -> Result<Done> {
        self.apply(by, at, &op)?.map_err(|r| {
            // A storage failure (a full disk, a busy file) is not the demo's mistake: it is
            // passed on as it is, so that callers see the same error as for any write.
            if r.clash.is_none() && !matches!(r.error, Error::Denied(_) | Error::Invalid(_)) {
                return r.error;
            }
            Error::invalid(format!(
                "the demo's own operation was refused ({}): {op:?}",
                r.error
            ))
        })
    }

    /// Applies `op` as `by` at `at`; a refusal (a substitute busy then) is `None`, and the
    /// batch goes on as if it had not been tried.
    fn try_op(&mut self, by: StaffId, at: NaiveDateTime, op: Op) -> Result<Option<Done>> {
        match self.apply(by, at, &op)? {
            Ok(done) => Ok(Some(done)),
            Err(r)
                if r.clash.is_some() || matches!(r.error, Error::Denied(_) | Error::Invalid(_)) =>
            {
                Ok(None)
            }
            Err(r) => Err(r.error),
        }
    }

    /// One operation through the batch as `by`, whose session is read once: the core reads an
    /// author's roles afresh for every right it decides.
    fn apply(
        &mut self,
        by: StaffId,
        at: NaiveDateTime,
        op: &Op,
    ) -> Result<std::result::Result<Done, ops::Refused>> {
        let session = match self.sessions.get(&by) {
            Some(s) => s.clone(),
            None => {
                let s = auth::session_of(self.batch.conn(), by)?;
                self.sessions.insert(by, s.clone());
                s
            }
        };
        Ok(self.batch.apply(&session, at, op))
    }

    fn room(
        &mut self,
        admin: StaffId,
        at: NaiveDateTime,
        building: i64,
        name: String,
    ) -> Result<RoomId> {
        let op = Op::AddRoom {
            building: Some(building),
            name,
        };
        Ok(RoomId(self.op(admin, at, op)?.created[0]))
    }

    fn normal(&mut self) -> f64 {
        // Irwin–Hall: the sum of 12 uniforms less 6 is close enough to N(0, 1) for a demo.
        (0..12).map(|_| self.rng.random::<f64>()).sum::<f64>() - 6.0
    }

    fn mark_value(&mut self, subj: &SubjectPlan, ability: f64, test: bool) -> MarkValue {
        if subj.pass_fail {
            return if self.rng.random_bool(0.95) {
                MarkValue::Pass
            } else {
                MarkValue::Fail
            };
        }
        let v = ability - if test { 0.3 } else { 0.0 } + 0.75 * self.normal();
        MarkValue::Num(v.round().clamp(2.0, 5.0) as u8)
    }

    #[allow(clippy::too_many_arguments)]
    fn staff(
        &mut self,
        admin: StaffId,
        at: NaiveDateTime,
        login: &str,
        sur: &str,
        name: &str,
        pat: &str,
        roles: Vec<Role>,
    ) -> Result<StaffId> {
        let op = Op::CreateStaff {
            login: login.into(),
            name: PersonName {
                surname: sur.into(),
                name: name.into(),
                patronymic: pat.into(),
            },
            roles,
            temporary: false,
            password_hash: auth::hash_demo_password(login, self.salt()),
        };
        Ok(StaffId(self.op(admin, at, op)?.created[0]))
    }

    fn teacher_account(
        &mut self,
        admin: StaffId,
        known: bool,
        at: NaiveDateTime,
    ) -> Result<StaffId> {
        let female = self.rng.random_bool(0.8);
        let sur = *names::SURNAMES.choose(&mut self.rng).expect("names");
        let (surname, name, pat) = if female {
            let (_, _, p) = *names::FATHERS.choose(&mut self.rng).expect("names");
            (
                names::feminine(sur),
                *names::FEMALE_NAMES[..40]
                    .choose(&mut self.rng)
                    .expect("names"),
                p,
            )
        } else {
            let (_, p, _) = *names::FATHERS.choose(&mut self.rng).expect("names");
            (
                sur.to_string(),
                names::FATHERS.choose(&mut self.rng).expect("names").0,
                p,
            )
        };
        let login = if known {
            "teacher".to_string()
        } else {
            let base = format!(
                "{}.{}{}",
                names::translit(&surname).replace('-', ""),
                names::translit(&name.chars().take(1).collect::<String>()),
                names::translit(&pat.chars().take(1).collect::<String>())
            );
            let n = self.staff_logins.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n == 1 { base } else { format!("{base}{n}") }
        };
        let id = self.staff(admin, at, &login, &surname, name, pat, vec![Role::Teacher])?;
        let listed_teachers = self
            .summary
            .accounts
            .iter()
            .filter(|a| a.1 == "учитель")
            .count();
        if known || listed_teachers < 5 {
            self.summary.accounts.push((login, "учитель".into()));
        }
        Ok(id)
    }

    /// A student enrolled by `clerk` into `class` from `start` (at the moment `at`), with parents
    /// and consents.
    fn student(
        &mut self,
        clerk: StaffId,
        class: ClassId,
        grade: u8,
        file_no: u32,
        start: NaiveDate,
        at: NaiveDateTime,
    ) -> Result<StudentId> {
        let male = self.rng.random_bool(0.5);
        let sur = *names::SURNAMES.choose(&mut self.rng).expect("names");
        let (father, son_p, daughter_p) = *names::FATHERS.choose(&mut self.rng).expect("names");
        let (surname, name, pat) = if male {
            (
                sur.to_string(),
                *names::MALE_NAMES.choose(&mut self.rng).expect("names"),
                son_p,
            )
        } else {
            (
                names::feminine(sur),
                *names::FEMALE_NAMES.choose(&mut self.rng).expect("names"),
                daughter_p,
            )
        };
        let born_year = self.year_start - 6 - grade as i32;
        let birth = NaiveDate::from_ymd_opt(born_year, 1, 1).expect("date")
            + Days::new(self.rng.random_range(0..365));
        let first_letter: String = surname.chars().take(1).collect();
        let paper = self.rng.random_bool(0.04);
        let new = NewStudent {
            name: PersonName {
                surname: surname.clone(),
                name: name.to_string(),
                patronymic: pat.to_string(),
            },
            birth_date: Some(birth),
            file_number: Some(format!("{first_letter}-{file_no:04}")),
            class,
            start,
            gender: Some(if male { Gender::Male } else { Gender::Female }),
        };
        let sid = StudentId(self.op(clerk, at, Op::Enrol { student: new })?.created[0]);
        if paper {
            let op = Op::SetPaperReports {
                student: sid,
                paper: true,
                since: at.date(),
            };
            self.op(clerk, at, op)?;
        }
        let op = Op::SetConsent {
            student: sid,
            person: Person::Student(sid),
            given: Some(at.date()),
        };
        self.op(clerk, at, op)?;
        // Parents: the mother always, the father mostly.
        let mother_name = *names::FEMALE_NAMES[..40]
            .choose(&mut self.rng)
            .expect("names");
        let (_, _, mother_pat) = *names::FATHERS.choose(&mut self.rng).expect("names");
        let mother_surname = names::feminine(sur);
        let mut parents = vec![(
            Relation::Mother,
            mother_surname,
            mother_name.to_string(),
            mother_pat.to_string(),
        )];
        if self.rng.random_bool(0.7) {
            let (_, father_pat, _) = *names::FATHERS.choose(&mut self.rng).expect("names");
            parents.push((
                Relation::Father,
                sur.to_string(),
                father.to_string(),
                father_pat.to_string(),
            ));
        }
        for (relation, ps, pn, pp) in parents {
            let phone = format!(
                "+7 9{:02} {:03}-{:02}-{:02}",
                self.rng.random_range(0..100),
                self.rng.random_range(0..1000),
                self.rng.random_range(0..100),
                self.rng.random_range(0..100)
            );
            let email = format!(
                "{}.{}{}@mail.ru",
                names::translit(&ps).replace('-', ""),
                names::translit(
                    &pn[..pn.char_indices().nth(1).map(|(i, _)| i).unwrap_or(pn.len())]
                ),
                self.rng.random_range(1..99)
            );
            let parent = NewParent {
                name: PersonName {
                    surname: ps,
                    name: pn,
                    patronymic: pp,
                },
                relation,
                phone,
                email,
            };
            let op = Op::AddParent {
                student: sid,
                parent,
            };
            let pid = ParentId(self.op(clerk, at, op)?.created[0]);
            let op = Op::SetConsent {
                student: sid,
                person: Person::Parent(pid),
                given: Some(at.date()),
            };
            self.op(clerk, at, op)?;
        }
        Ok(sid)
    }
}

fn at(d: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
    d.and_time(NaiveTime::from_hms_opt(h, m, 0).expect("valid time"))
}
