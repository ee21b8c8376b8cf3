## Zhurnal — English.

app-title = Zhurnal
app-title-school = { $school } — Zhurnal
opening = Opening the journal…
loading = Loading…
working = Please wait…
back = Back
cancel = Cancel

## Roles

role-admin = Administrator
role-director = Director
role-deputy = Deputy director
role-class-teacher = Class teacher
role-teacher = Teacher
role-clerk = Records clerk
role-archivist = Archivist

## Common words with numbers

lessons-count = { $count } { $count ->
    [one] lesson
   *[other] lessons
}

## Errors: what happened and what to do

error-db = Database error: { $detail }
error-io = The file could not be read or written: { $detail }
error-missing = The file is not there. If the journal is kept on a USB stick or a network drive, connect it and press “Try again”; otherwise choose another file or create a new school in this place.
error-no-access = You have no permission to read { $path }. Ask the computer's administrator to give your account access to the file and its folder, or open a copy in your own folder.
error-foreign = This is not a Zhurnal file: the program cannot read it. Choose a journal file — it is usually called zhurnal.sqlite.
error-corrupt = The journal file is damaged ({ $detail }). Open the latest backup copy of the journal; keep the damaged file, a specialist may need it.
error-too-new = The file was written by a newer version of the program (format { $found }; this version reads up to { $supported }). Install the newer Zhurnal or open another file.
error-busy = The journal file is busy: another program is writing to it right now. Wait a moment and press “Try again”.
error-read-only = The journal file cannot be written to ({ $detail }). Check that the file or the USB stick is not write-protected, or copy the journal into your own folder.
error-disk-full = The disk is full. Nothing was lost: free some space and try again.
error-not-found = Not found: { $detail }

auth-wrong-password = Wrong login or password. { $remaining ->
    [one] { $remaining } attempt is
   *[other] { $remaining } attempts are
} left before the account is locked.
auth-locked-out = The account is locked for a while after several wrong passwords — until { $until }. Wait, or ask the journal administrator.
auth-not-the-locked-user = This is not the password of the locked account. If you are someone else, press «Log in as another user».
auth-inactive = The account is switched off. Ask the journal administrator.
auth-compromised = The account is locked: it was reported as compromised. Ask the journal administrator.
auth-too-short = The password must have at least { $min } { $min ->
    [one] character
   *[other] characters
}.
auth-same-as-old = The new password must differ from the old password and from the login.
auth-session-ended = The session has ended. Log in again.

denied-role = Your role does not allow this.
denied-not-your-course = This is not your subject or lesson.
denied-edit-window-closed = Marks for this lesson could be changed until { $date }.
denied-period-closed = The period's final marks are set: the period is closed.
denied-year-closed = The school year is closed and archived.
denied-future-lesson = The lesson has not taken place yet.
denied-lesson-cancelled = The lesson was cancelled.
denied-not-on-list = The student was not on the class or group list that day.
denied-reason-required = A correction after the lock needs a reason.

scale-five = 5-point
scale-pass-fail = pass/fail
scale-ten = 10-point
invalid-mark = “{ $value }” is not a mark on the { $scale } scale.
invalid-attendance = “{ $value }” is not an attendance mark (Н, Б, УП, ОП).
invalid-date = “{ $value }” is not a date (expected DD.MM.YYYY).
invalid-year = “{ $value }” is not a school year (expected e.g. 2025/2026).
invalid-other = { $detail }

## Core messages: why a change was not made (said-… keys)
said-archive-year-not-over = The { $year } school year ends on { $end }: archive it after that date.
said-folder-not-empty = The folder { $path } exists and is not empty. Choose an empty or new folder.
said-not-an-archive = The folder { $path } has no archive manifest (manifest.json): it is not an archive folder.
said-archive-manifest-damaged = The archive manifest is damaged: { $detail }
said-no-work-types = The school has no work types. The administrator adds them under “School”.
said-period-mark-kind = A period mark names its period; year, exam and final marks do not.
said-period-marks-missing = { $count ->
    [one] A period mark is still missing for: { $names }
   *[other] Period marks are still missing ({ $count }) for: { $names }
}
said-range-backwards = The range ends before it starts. Check the dates.
said-not-a-period = “{ $value }” is not a period: use 1–4 or “год” (year).
said-weekly-needs-class = Choose a class (or a student) for weekly summaries.
said-progress-needs-period = Choose the period (1–4 or “год”) for the progress report.
said-printing-cancelled = Printing was cancelled.
said-ops-file-unreadable = The operations file { $path } cannot be read: { $detail }.
said-ops-line-unreadable = Line { $line } of the operations file cannot be read: { $detail }. Nothing was changed.
said-op-clash = The timetable does not allow it: { $detail }
said-ops-line-refused = Line { $line }: { $reason } Nothing was changed.
said-op-no-author = The operation names no author (`by`).
said-op-no-moment = The operation has no time (`at`, YYYY-MM-DDTHH:MM:SS): only an exported log can be replayed.
said-op-unknown-author = The operation's author «{ $login }» has no account in the journal being built.
said-ops-replay-refused = Line { $line }: { $reason } No journal was made.
said-lesson-id-taken = Lesson #{ $id } is already in the journal: it cannot be added again.
said-mark-id-taken = Mark #{ $id } is already in the journal: it cannot be added again.
said-no-viewer = Could not open { $path }: this computer has no program for such files (for PDF install a viewer such as Okular, Evince or Adobe Reader). The file is saved and can be opened by hand.
said-account-switched-off = The account “{ $login }” is switched off: no slip is printed for it.
said-no-slip-accounts = No account needs a login slip: name the accounts.
said-slips-name-accounts = Name the accounts with --staff LOGIN,… or take all new ones with --pending.
said-ambiguous-subject = “{ $typed }” could be several subjects: { $options }. Be more specific.
said-ambiguous-student = “{ $typed }” could be several students: { $options }. Add the name, --class or the file number.
said-need-db = Name the journal file with --db FILE.
said-file-exists-force = { $path } exists; add --force to replace it.
said-cannot-read-password = The password could not be read ({ $detail }); set ZHURNAL_PASSWORD.
said-temporary-password = “{ $login }” has a temporary password: log in to the desktop program once and choose a new one.
said-bad-login = “{ $login }” cannot be a login: it must not be empty or contain spaces.
said-empty-login = Enter a login: without one the person cannot log in.
said-staff-needs-name = A staff member needs a surname and a name.
said-login-taken = The login “{ $login }” is taken. Choose another.
said-excuse-code = An absence is excused as УП (good reason) or Б (illness).
said-days-backwards = The first day is after the last. Check the dates.
said-demo-size = A demo school has 1 to { $max } students.
said-file-exists = { $path } already exists.
said-date-outside-year = { $date } is outside the school year.
said-no-such-slot = No such weekday or lesson number: { $weekday } / { $lesson }.
said-substitute-too-late = A substitute is assigned before the lesson begins; this lesson has begun.
said-substitute-not-teacher = Only a teacher can take a lesson.
said-topic-other-course = This topic belongs to another course's plan.
said-plan-topic-incomplete = A plan topic needs a title and a positive number of hours: “{ $title }”.
said-plan-file-errors = { $count ->
    [one] The file has { $count } error: nothing was imported.
   *[other] The file has { $count } errors: nothing was imported.
}
said-plan-file-empty = The file holds no topics.
said-year-exists = The school year { $name } exists already.
said-dates-backwards = The start { $start } is after the end { $end }.
said-dates-outside-year = { $start } – { $end } is not inside the school year ({ $year_start } – { $year_end }).
said-period-overlap = { $start } – { $end } overlaps period { $number } of the same scheme.
said-grade-range = Grades run from 1 to 11.
said-scheme-has-marks = Grade { $grade } has period marks by its present scheme: it cannot change this year.
said-lesson-not-extra = Only a lesson added outside the timetable can be removed; cancel a timetable lesson instead.
said-lesson-number-range = Lessons are numbered 0 to 12.
said-bell-backwards = A lesson must end after it starts.
said-bell-overlap = The times overlap lesson { $number }.
said-room-exists = The room “{ $name }” exists already.
said-weight-range = A weight must be above 0 and at most 10, not { $weight }.
said-name-exists = “{ $name }” exists already.
said-idle-range = The idle lock is at most 240 minutes (0 = never).
said-absence-percent-range = The absence warning is a percent from 1 to 100.
said-failed-logins-range = Failed logins before lockout: 1 to 20.
said-lockout-range = Lockout after failed logins: 1 to 1440 minutes.
said-need-leaving-reason = Give the reason for leaving.
said-need-school-name = Give the school's name.
said-need-holiday-name = Give the holiday's name.
said-need-building-name = Give the building's name.
said-need-room-name = Give the room's name.
said-lock-tries-spent = The password did not fit three times. Log in with your login and password: the workspace of the locked user opens again only for them.
said-need-subject-name = Give the subject's name.
said-need-subject-short = Give the subject's short name (the journal's column heads show it), e.g. «матем.».
said-subject-in-use = «{ $name }» is in use ({ $courses ->
    [one] { $courses } course
   *[other] { $courses } courses
} or a group): it cannot be removed. It can be renamed.
said-need-work-type-name = Give the work type's name.
said-need-work-type-short = Give the work type's short name.
said-need-surname = Give the surname.
said-need-name = Give the name.
said-need-reason = Give the reason.
said-need-group-name = Give the group's name.
said-school-exists = This journal file already holds a school.
said-first-admin = The first account must be an administrator.
said-kept-back-not-listed = A student to keep back is on no class list of the year.
said-need-role = An account needs at least one role.
said-own-account-off = You cannot switch off your own account.
said-last-admin = The school must keep one working administrator.
said-breach-future = The breach cannot start in the future.
said-own-account-lock = Another administrator must lock your account.
said-not-compromised = “{ $login }” is not locked as compromised.
said-lock-first = Lock the account as compromised first.
said-audit-incomplete = The audit entry lacks what is needed to undo this change.
said-cannot-undo = Such changes ({ $what }) are not undone here.
said-student-no-class = On { $date } the student was in no class.
said-transfer-other-year = A transfer stays within the school year; the rollover moves students to the next year.
said-transfer-same-class = The student is already in that class.
said-transfer-before-joining = The transfer must be after the student joined the class ({ $date }).
said-not-their-parent = That parent is not this student's.
said-consent-whose = A consent here is the student's or a parent's.
said-file-encoding-damaged = The file says it is { $encoding } but is not: it is damaged.
said-file-not-text = The file is neither UTF-8 nor Windows-1251 text: save it from Excel as CSV.
said-csv-line = Line { $line }: { $detail }
said-not-xlsx = Not a readable XLSX workbook: { $detail }
said-xlsx-no-sheets = The workbook has no sheets.
said-no-header-row = No header row: the first rows must name the columns (Фамилия, Имя, Класс …).
said-no-students-in-file = The file has a header but no students.
said-import-rows-bad = { $count ->
    [one] { $count } row has errors: nothing was imported.
   *[other] { $count } rows have errors: nothing was imported.
}
said-no-year-yet = The journal has no school year yet.
said-not-a-class-name = “{ $name }” is not a class name (e.g. 5А).
said-group-exists = The group “{ $name }” exists already.
said-need-group = Name at least one group.
said-group-twice = The group “{ $name }” is named twice.
said-student-two-groups = A student can be in one group of a split only.
said-group-other-class = The group belongs to another class.
said-hours-range = Hours a week: above 0, at most 20.
said-course-keeps-class = A course keeps its class and group: make a new course.
said-course-scale-fixed = The course has marks: its scale cannot change.

## First run

welcome-title = Welcome to Zhurnal
welcome-intro = An electronic class journal without the internet: the whole journal is kept in one file on this computer. Where shall we start?
welcome-new-school = Create a new school
welcome-new-school-hint = The school's name, the first school year with its quarters or half-years, and the journal administrator's account.
welcome-demo = Open the demo school
welcome-demo-hint = A school with classes, students, a timetable and marks — to see the program at work. Each demo user's password equals the login: admin, director, deputy, teacher, clerk, archivist.
welcome-demo-open-hint = The demo school is already built on this computer. Passwords equal the logins: admin, director, deputy, teacher, clerk, archivist.
welcome-open = Open a journal file…
welcome-open-hint = A journal from another computer, a USB stick, or a backup copy.

new-school-title = New school
new-school-section-school = School
new-school-section-year = First school year
new-school-section-admin = Journal administrator
new-school-admin-hint = The person responsible for the journal: creates staff accounts and hands out their passwords. Only they know their own password.
field-school-name = Full name of the school
field-school-address = Address
field-school-director = Director (full name)
field-year = School year
field-schemes = Reporting periods
scheme-preset-usual = Grades 1–9 by quarters, grades 10–11 by half-years
scheme-preset-quarters = All grades by quarters
scheme-preset-trimesters = All grades by trimesters
scheme-preset-halves = All grades by half-years
scheme-quarters = Quarters (grades { $from }–{ $to })
scheme-trimesters = Trimesters (grades { $from }–{ $to })
scheme-halves = Half-years (grades { $from }–{ $to })
scheme-quarter = Quarter { $number }
scheme-trimester = Trimester { $number }
scheme-half = Half-year { $number }
new-school-calendar-note = Period and holiday dates follow the usual Russian school calendar.
field-surname = Surname
field-name = Name
field-patronymic = Patronymic
field-login = Login
field-password = Password
field-password-repeat = Password again
password-rules = At least { $min } { $min ->
    [one] character
   *[other] characters
}, not the same as the login.
new-school-file = Journal file
new-school-choose-file = Choose another place…
new-school-create = Create the school
new-school-creating = Creating the school…
fields-empty = Please fill in: { $fields }.
passwords-differ = The passwords do not match. Type the new password again.

demo-title = Demo school
demo-building = Building the school: classes, students, the timetable, lessons and marks since the start of the school year. This takes up to a minute.
demo-progress = { $percent } % done

## Opening a file

open-title = Open a journal file
open-backup = Open a backup copy…
open-other = Open another file…
open-new-school-here = Create a new school here
open-retry = Try again
open-start = Back to start
open-failed-title = The journal does not open
open-failed-file = File

## Login and lock

login-title = Log in to the journal
login-recent = Recently logged in on this computer
login-submit = Log in
login-checking = Checking…
login-file = Journal file: { $path }
login-other-file = Open another journal file…
lock-title = The journal is locked
lock-idle = Nobody used the journal for { $minutes } { $minutes ->
    [one] minute
   *[other] minutes
}. Everything that was open is kept — enter the password to continue.
lock-manual = Everything that was open is kept — enter the password to continue.
lock-unlock = Unlock
lock-other-user = Log in as another user
lock-other-user-note = If another user logs in, everything open before the lock will be closed.

## Changing the password

change-password-title = Change password
change-password-forced = You logged in with a temporary password. Choose your own password: only you will know it.
field-old-password = Current password
field-new-password = New password
change-password-submit = Change password
change-password-logout = Log out
password-changed = The password was changed.

## Workspace

nav-staff = Staff
nav-settings = Settings
nav-lock = Lock
nav-logout = Switch user
status-year = School year { $year }
status-no-year = No school year set
status-file = File: { $path }

staff-title = Staff
staff-count = { $count } { $count ->
    [one] account
   *[other] accounts
}
staff-filter = Search by surname or login
staff-col-name = Full name
staff-col-login = Login
staff-col-roles = Roles
staff-col-state = State
staff-state-active = Active
staff-state-inactive = Switched off
staff-state-temporary = Temporary password not yet changed
staff-state-compromised = Locked as compromised since { $since }
staff-state-locked-out = Locked after wrong passwords until { $until }
staff-lift-lockout = Lift the lock
staff-lockout-lifted = The lock is lifted: the account can log in now.
staff-none-match = Nobody found.
staff-read-only = This list is read-only.

settings-title = Settings
settings-appearance = Appearance
settings-language = Language
settings-theme = Look
theme-light = Light
theme-dark = Dark
settings-remembered = The choice is remembered on this computer.
settings-account = My account
settings-change-password = Change password…
settings-keys = Keys
keys-sections = sections in the order of the left menu
keys-lock = lock the journal when you step away
keys-tab = next / previous field
keys-enter = confirm (log in, save)
about-title = About the school and the program
about-school = School
about-address = Address
about-director = Director
about-year = School year
about-year-dates = { $year }: { $from } — { $to }
about-idle-title = Automatic lock
about-idle = after { $minutes } { $minutes ->
    [one] minute
   *[other] minutes
} without input
about-idle-off = off
about-file = Journal file
about-version = Program version
about-font = Font: PT Sans © ParaType (subset “Zhurnal Sans”, ParaType Free Font License).

## The journal page
nav-journal = Journal
journal-loading = Loading…
journal-no-courses = You have no classes or subjects whose journal you may open this school year.
journal-year-view = Year: final marks
journal-col-count = Marks
journal-col-avg = Avg.
journal-col-weighted = W. avg.
journal-col-proposed = Sugg.
journal-col-year = Year
journal-col-exam = Exam
journal-col-final = Final
period-quarter = Quarter { $n }
period-trimester = Trimester { $n }
period-half = Half-year { $n }
period-quarter-short = Q{ $n }
period-trimester-short = T{ $n }
period-half-short = H{ $n }
journal-saved = Saved.
journal-undone = Change undone.
journal-undo = Undo (Ctrl+Z)
journal-undo-empty = Nothing to undo.
journal-append = The next mark goes beside the one already there (like 5/4).
journal-not-a-mark = “{ $text }” is neither a mark nor an absence. Marks: { $marks }; absences: Н (N), Б (B), УП (U), ОП (O).
journal-cell-off = The student was not on the class or group list that day.
journal-closed = The period is closed: final marks are set.
journal-close-period = Close the period
journal-close-confirm = Press again: once closed, only the administrator can change the period's marks
journal-reason-title = This is a correction after a lock. Give the reason — it goes into the change log:
journal-reason-apply = Correct
journal-cancel = Cancel
journal-help = Arrows and Tab move · 2–5 mark · / second mark · N, B, U, O absences · Delete clears · Enter details · Ctrl+Z undo
journal-close = Close
journal-lesson-title = Lesson on { $date }, period { $no }
journal-topic = Topic
journal-no-topic = no topic recorded
journal-homework = Homework
journal-work = Kinds of work
journal-cancelled = The lesson was cancelled.
journal-substituted = The lesson was taught by a substitute.
journal-marks = Marks
journal-add-mark = Add
journal-delete = Delete
journal-comment = Comment on the mark (Enter saves)
journal-attendance = Attendance
journal-present = Present
journal-late-minutes = Late, minutes:
journal-history = Change history
journal-history-empty = No changes.
journal-history-reason = Reason: { $reason }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Attendance
nav-attendance = Attendance
attendance-no-classes = You are not a class teacher: there are no class attendance sheets for you. Mark absences at your lessons in the journal.
attendance-tab-day = Day
attendance-tab-totals = Totals
attendance-today = Today
attendance-no-lessons = The class has no lessons on this day.
attendance-help = A letter in a lesson cell marks that lesson: N (Н), B (Б), U (УП), O (ОП); in the “Whole day” column, every lesson of the day · Delete removes · Ctrl+Z undoes
attendance-changed = Recorded: { $n ->
    [one] { $n } lesson
   *[other] { $n } lessons
}.
attendance-not-a-code = “{ $text }” is not an absence code. Codes: Н (N), Б (B), УП (U), ОП (O).
attendance-not-theirs = This is the other group's lesson: the student does not have it.
attendance-now = Absent now (lesson { $n }):
attendance-now-none = everyone is here
attendance-from-lesson = From lesson { $n } to the end of the day:
attendance-note = A note from home or a doctor: absences (Н) for the dates
attendance-excuse-up = → УП
attendance-excuse-ill = → Б
attendance-range = Dates:
attendance-show = Show
attendance-class-total = Class total
attendance-col-student = Student
attendance-col-lessons = Lessons
attendance-col-missed = Missed
attendance-col-absent = Н
attendance-col-ill = Б
attendance-col-excused = УП
attendance-col-days = Whole days
attendance-col-late = Late
attendance-col-day = Whole day
attendance-col-missed-short = Missed
attendance-whole-day = all
attendance-no-warnings = Nobody missed more than { $limit }% of lessons.
attendance-warnings = Missed more than { $limit }% of lessons: { $names }
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday

## Backups and the archive
nav-backups = Backups and archive
backups-title = Backups
backups-about = A copy is made at every start of the program and once a day while it runs; one a day for the last 14 days and one a week for 8 weeks are kept. Keep the backup folder on another disk or a USB stick.
backups-save-dir = Save folder
backups-now = Back up now
backups-none = No backups in this folder yet.
backups-kind-auto = automatic
backups-kind-manual = made by hand
backups-kind-period = at a period's end
backups-restore = Restore…
backups-done = Backup written and checked: { $path }
backups-chosen = Backup { $path }
backups-holds = School years: { $years }. Students: { $students }, lessons: { $lessons }, marks: { $marks }.
backups-restore-warning = The journal will be replaced by this backup. The current journal is saved beside the journal file; after the restore everyone logs in again.
backups-restore-confirm = Restore this backup
archive-title = The year archive
archive-about = At the end of a year the journal is closed to changes, and the archive folder receives a snapshot of the journal, the year-end ledger, the journal pages and a manifest with checksums.
archive-none = No archives yet.
archive-checked-ok = checked { $at }: unaltered
archive-checked-bad = checked { $at }: ALTERED
archive-not-checked = never checked
archive-verify = Check
archive-verify-ok = The archive { $path } is unaltered.
archive-verify-bad = The archive { $path } was altered:
archive-changed = changed: { $file }
archive-missing = missing: { $file }
archive-extra = not in the manifest: { $file }
archive-manifest-replaced = the manifest (manifest.json) was replaced: it is not the one written with the archive
archive-make = Close a school year and archive it:
archive-run = Close the year and write the archive
archive-done = The year is closed and archived: { $path }
check-title = Checking the journal file
check-about = Database integrity, links, the change log's chain, and whether the marks match it.
check-run = Check the journal
check-healthy = The journal is healthy.
check-problems = Problems found — restore a backup or ask the administrator:
backup-failed = The automatic backup could not be made. Check the backup folder under “Backups and archive” (is the USB stick in, is there space).
backups-size = { $mb } MB

## ---- Issue 7: setting up the school (staff accounts, classes and students, import) ----
staff-new = New account
staff-surname = Surname
staff-name = Name
staff-patronymic = Patronymic
staff-create = Create with a temporary password
staff-create-hint = The password is temporary: it is changed at first login. The login slip can be printed right after the account is made.
staff-need-role = Tick at least one role.
staff-created = Account created. Login and temporary password:
staff-password-reset = New temporary password:
staff-activated = The account is switched on.
staff-deactivated = The account is switched off; its entries in the journal are kept.
staff-reset-password = Reset password
staff-deactivate = Switch off (left)
staff-activate = Switch on
staff-compromised-about = If someone else learned the password (regulation §3.4), lock the account from the moment of the breach: everything done with it since then can be listed and undone.
staff-compromised-since = Compromised since
staff-bad-moment = Give the moment as dd.mm.yyyy hh:mm.
staff-lock = Lock as compromised
staff-locked = The account is locked as compromised.
staff-compromised-state = Locked as compromised since { $since }. Changes since then: { $count }.
staff-change-at = When
staff-change-what = What
staff-change-where = Where
staff-change-values = Old → new
staff-change-state = Undo
staff-change-reverted = undone
staff-change-pending = to undo
staff-change-manual = check by hand
staff-no-changes = The account changed nothing since then.
staff-revert-reason = Reason for undoing (goes into the change log)
staff-revert = Undo all changes
staff-release = Give back with a new password
staff-reverted = Undone: { $reverted }; unchanged: { $unchanged }; failed: { $failed }.
staff-choose-hint = Click a name to reset the password, lift a lock after wrong passwords, switch the account off or lock it as compromised.
nav-students = Classes and students
nav-school = School and year
import-field-surname = Surname
import-field-name = Name
import-field-patronymic = Patronymic
import-field-full-name = Full name
import-field-birth-date = Birth date
import-field-class = Class
import-field-file-number = Personal file no.
import-field-parent = Parent
import-field-relation = Relation
import-field-phone = Phone
import-field-email = E-mail
import-field-consent = Consent
import-field-paper = Refused the electronic diary
import-problem-missing-name = no surname or name
import-problem-bad-date = «{ $value }» is not a date (dd.mm.yyyy)
import-problem-unknown-class = no class «{ $value }» in this year
import-problem-duplicate = duplicate: { $value }
import-problem-bad-email = «{ $value }» is not an e-mail address
import-problem-not-your-class = you do not keep the list of { $value }

## School setup: calendar, bells, rooms, groups, rollover
school-year = Academic year
school-year-closed = The academic year { $year } is closed: it can be viewed and printed, not changed.
school-year-closed-chip = { $year } (closed)
school-cancel = Cancel
school-edit = Edit
school-exists = «{ $name }» exists already.
school-dates-order = The start date is after the end date.
school-outside-year = The dates must lie inside the academic year: { $start } to { $end }.
school-bad-time = «{ $value }» is not a time (write HH:MM, e.g. 8:30).
school-schemes-title = Periods by grade
school-schemes-hint = Each grade follows one scheme. Press the grade's number in the row of its scheme.
school-schemes-quarter = Quarters
school-schemes-trimester = Trimesters
school-schemes-half = Half-years
school-schemes-settled = Period marks are given already in grades { $grades }. Their scheme stays this year.
school-scheme-settled = Grade { $grade } has period marks already: its scheme cannot change this year.
school-scheme-changed = Grade { $grade } now follows { $scheme }.
school-col-period = Period (grades)
school-col-start = Start
school-col-end = End
school-period-overlap = The dates overlap «{ $period }».
school-bells = Bell schedule
school-bells-hint = Write times as 8:30. A changed time is saved with “Save” or Enter.
school-col-lesson = Lesson
school-add-bell = Add lesson
school-bad-lesson-number = A lesson number is 0 to 12.
school-bell-exists = Lesson { $number } is in the schedule already: change its times in its row above.
school-bell-order = A lesson must end after it starts.
school-bell-overlap = The times overlap lesson { $number }.
school-bell-saved = The bells of lesson { $number } are saved.
school-bell-deleted = Lesson { $number } is taken out of the bell schedule.
school-no-holidays = No holidays yet.
school-holiday-name = Name
school-holiday-from = From grade
school-holiday-to = To grade
school-holiday-name-needed = Write the holiday's name.
school-bad-grades = Grades are 1 to 11, the first not above the second.
school-holiday-added = Added: { $name }.
school-holiday-deleted = Deleted: { $name }.
school-grade-one = grade { $grade }
school-grade-range = grades { $from }–{ $to }
school-subjects-count = Subjects ({ $count })
school-no-subjects = No subjects yet.
school-col-subject = Subject
school-col-short = Short name
school-subject-name-needed = Write the subject's name.
school-subject-added = The subject «{ $name }» is added.
school-subject-short-needed = Write the subject's short name: the journal's column heads show it.
school-subject-renamed = The subject is now «{ $name }».
school-subject-removed = The subject «{ $name }» is removed.
school-rename = Change
school-remove = Remove
school-work-types = Work types and their weights
school-work-types-hint = The weight says how much more a mark for this work counts in the weighted average.
school-col-work-type = Work type
school-col-weight = Weight
school-add-work-type = Add work type
school-bad-weight = «{ $value }» is not a weight: a number above 0 and at most 10, e.g. 1.5.
school-weight-saved = The weight of «{ $name }» is now { $weight }.
school-work-type-name-needed = Write the work type's name.
school-work-type-short-needed = Write a short name for the journal, e.g. “test”.
school-work-type-added = The work type «{ $name }» is added.
school-buildings = Buildings and rooms
school-no-buildings = No buildings or rooms yet.
school-no-building = No building
school-no-rooms = No rooms.
school-rooms-list = { $count ->
    [one] Room
   *[other] Rooms
}: { $rooms }
school-building-name = Building
school-add-building = Add building
school-building-name-needed = Write the building's name.
school-building-added = The building «{ $name }» is added.
school-room-in = A new room in the building:
school-room-name = Room
school-add-room = Add room
school-room-name-needed = Write the room's number or name.
school-room-added = The room «{ $name }» is added.
school-no-classes = No classes yet.
school-new-class = New class
school-no-class-teacher = none
school-class-teacher-is = Class teacher: { $teacher }
school-change-class-teacher = Change the class teacher
school-class-teacher-set = The class teacher of { $class } is { $teacher }.
school-students-count = Students: { $count }
school-class-courses = The class's courses
school-no-courses = The class has no courses yet.
school-col-course = Course and teacher
school-col-room = Room
school-col-hours = Hours
school-new-course = New course
school-course-editing = Changing the course { $course }
school-group = Group
school-whole-class = Whole class
school-no-room = no room
school-save-course = Save changes
school-course-added = The course is added.
school-course-changed = The course «{ $course }» is changed.
school-bad-hours = Hours a week: a number above 0 and at most 20.
school-scale-settled = The course has marks: its mark scale cannot change.
school-groups-of = Groups of { $class }
school-no-groups = The class is not split into groups.
school-all-subjects = All subjects
school-group-name = Group { $number }
school-group-members = { $group } — { $count }
school-split-title = Split the class into groups
school-split-hint = Choose the subject, the number of groups and the date the split starts; for each student press their group's number (“—”: none). If the class is split for this subject already, this is also where a student moves to another group: past journal pages do not change.
school-split-count = Groups:
school-split-from = From
school-split-none = in no group — { $count }
school-split-save = Save groups
school-split-subject-needed = Choose the subject the class is split for.
school-group-empty = The group «{ $group }» has no students.
school-split-done = { $class }: { $subject } — { $count ->
    [one] { $count } group
   *[other] { $count } groups
} from { $date }.
school-no-students = The class has no students.
school-last-grade-hint = 11 for a secondary school, 9 for a basic one.
school-bad-last-grade = The last grade is a number from 1 to 11.
school-rollover-plan = What { $year } will hold
school-col-next = Next year
school-col-students = Students
school-col-kept = Kept back
school-graduates = graduates
school-kept-title = Keep back
school-kept-hint = Choose a class and tick the students who are not promoted: they stay in the same grade next year.
school-kept-none = No one is kept back.
school-kept-list = Kept back: { $list }.
school-rollover-closed = This year is closed: it has been rolled over already.
school-rollover-confirm = The academic year { $year } will be made: { $promoted } promoted, { $graduated } graduating, { $kept } kept back. The year { $old } closes to changes. Go on?
school-rollover-confirm-run = Yes, move to the next year
school-rolled-over-summary = The academic year { $year } is made: { $promoted } promoted, { $graduated } graduated, { $kept } kept back, { $courses } courses copied. Review the new year's classes and courses.
school-grades = grades { $grades }
school-retire = Remove
school-course-ended-on = ended { $date }
school-retire-title = Remove the course «{ $course }»
school-retire-delete-about = The course's journal holds nothing, so the course is deleted whole — with its timetable, its plan and its empty lessons ({ $lessons }).
school-retire-end-about = The course's journal holds entries, so the course is not deleted but ended: from the date given it has no lessons, and its empty lessons from that date are removed. The pages of past dates stay and print.
school-retire-held = Lessons with entries: { $count }, the last on { $date }.
school-retire-from = End from
school-retire-delete = Delete the course
school-retire-end = End the course
school-course-deleted = The course «{ $course }» is deleted with its timetable; empty lessons removed: { $lessons }.
school-course-ended = The course «{ $course }» has ended: its last day is { $date }; empty lessons after it removed: { $lessons }. The journal of past dates is kept.
school-split-end-course = End the whole-class course «{ $course }» from the split date
school-split-end-course-hint = The subject is then taught in the groups only: the whole-class lessons from that date are removed, the journal of past dates stays. A course with an empty journal is deleted whole.
said-bell-in-timetable = Lesson { $number } cannot leave the bell schedule: { $entries ->
    [one] one timetable entry stands
   *[other] { $entries } timetable entries stand
} at that number. Move them to another lesson first.
said-bell-in-lessons = Lesson { $number } cannot leave the bell schedule: { $lessons ->
    [one] one lesson of the journal stands
   *[other] { $lessons } lessons of the journal stand
} at that number. Move them to another lesson first.
said-bell-in-both = Lesson { $number } cannot leave the bell schedule: { $entries ->
    [one] one timetable entry
   *[other] { $entries } timetable entries
} and { $lessons ->
    [one] one lesson of the journal stand
   *[other] { $lessons } lessons of the journal stand
} at that number. Move them to another lesson first.
said-course-ended = The course «{ $course }» has ended, its last day was { $date }: it changes no more.
said-course-end-outside-year = The course «{ $course }» can end from a date inside the school year: { $first } to { $end }.
said-course-held-after = The course «{ $course }» cannot end from that date: from { $date } on, { $count ->
    [one] one lesson holds
   *[other] { $count } lessons hold
} entries in its journal (topics, marks, absences, homework). Choose a later date, or move those entries first.
said-not-whole-class-course = «{ $course }» is not the whole-class course of this subject.

## Issue 5: Today, the timetable, lessons and thematic plans
nav-today = Today
nav-lessons = Lessons and plans
nav-timetable = Timetable
lf-lesson-no = lesson { $no }
lf-substitute = Substitution: taught by { $name }
lf-cancelled = Lesson cancelled
lf-pick-topic = Topic from the plan…
lf-next-topic = Next plan topic (No. { $no })
lf-topic = Topic
lf-work = Kinds of work
lf-homework = Homework
lf-comment = Comment
lf-save = Save lesson
lf-saved = Saved
lf-all-present = Everyone present
lf-attendance-taken = Attendance taken
lf-default-work = Marks typed in the journal's cells are for:
lf-present-unsaved = The lesson's changes are not saved yet: press «Save lesson».
today-title = Today
setup-checklist = Setting up the school
setup-checklist-hint = For teachers to keep the journal, what is marked with a circle is still to be set up.
setup-step-school = The school: name, address, director
setup-step-periods = The academic year and its periods
setup-step-bells = The bell schedule
setup-step-subjects = Subjects
setup-step-staff = Staff accounts
setup-step-classes = Classes and class teachers
setup-step-courses = The classes' courses: subject, teacher, groups
setup-step-timetable = The timetable
setup-step-students = Students (by hand or from a file)
setup-step-go = Go there
today-keys = A digit opens the lesson with that number; Tab goes to the next field.
today-heading = Today, { $date }
today-no-lessons = You have no lessons today.
today-substituting = Substituting for { $name }
today-taken-by = Taught by { $name } (substitution)
today-all-done = All filled in
today-missing-topic = no topic
today-missing-attendance = attendance not taken
today-missing-homework = no homework
today-missing-marks = no marks
today-overdue = Overdue: { $what }
today-due = { $what } — due { $by }
today-fill = Fill in lesson { $no }
today-fill-date = Fill in: { $date }, lesson { $no }
today-close-form = Close the lesson form
today-gaps = Not filled in, the last 7 days
today-no-gaps = Everything of the last 7 days is filled in.
today-class-absent = Absent today in { $class }
today-no-absent = Everyone is here today.
today-class-no-lessons = The class has no lessons today.
tt-title = Timetable
tt-class = Class
tt-date = As of
tt-show = Show
tt-week = The week's timetable as of { $date }
tt-mon = Monday
tt-tue = Tuesday
tt-wed = Wednesday
tt-thu = Thursday
tt-fri = Friday
tt-sat = Saturday
tt-change = Change the timetable from a date
tt-change-hint = Choose a subject, mark its lessons in the grid and apply from the date above. The old timetable ends the day before; lessons with topics, marks or absences are kept.
tt-course = Subject…
tt-apply = Apply from { $date }
tt-applied = Timetable changed: lessons added { $added }, moved { $moved }, removed { $removed }, kept with data { $kept }.
tt-since = since
tt-conflict-teacher = { $teacher } already teaches at that time ({ $day }, lesson { $no }): { $existing }. { $wanted } cannot go there.
tt-conflict-room = Room { $room } is already taken ({ $day }, lesson { $no }): { $existing }. { $wanted } cannot go there.
tt-conflict-class = The class already has a lesson at that time ({ $day }, lesson { $no }): { $existing }. { $wanted } cannot go there.
tt-no-lessons = The class has no lessons that day.
tt-substitute-for = { $sub } instead of { $teacher }
tt-pick-substitute = Assign a substitute…
tt-unsubstitute = Remove the substitute
tt-cancel = Cancel the lesson
tt-restore = Restore the lesson
tt-changes = Substitutions and cancellations
tt-no-changes = No substitutions or cancellations.
plans-title = Lessons and thematic plans
plans-course = Course…
plans-no-courses = You have no courses this school year.
plans-progress = Lessons planned by today: { $planned }; held: { $held }; plan topics covered: { $covered }.
plans-lag = Behind the plan: { $lag } h.
plans-year = The plan has { $hours } h; the timetable gives { $lessons } lessons this year.
plans-lessons = Lessons (two weeks either side of today)
plans-open = Open { $date }, { $no }
plans-plan = Thematic plan
plans-import = Import from a file (CSV, XLSX)
plans-import-title = Plan file: columns No., topic, hours
plans-preview = File preview: { $count } topics
plans-from-row = row { $row }
plans-import-save = Replace the plan with the file's topics
plans-import-cancel = Cancel
plans-import-nothing = The file has errors: nothing was changed. Correct the file and load it again.
plans-add = Add a topic
plans-save = Save the plan
plan-saved = Plan saved: { $count } topics.
plan-err-row = Row { $row }: { $what }
plan-err-unreadable = the file cannot be read as a table ({ $detail })
plan-err-no-title-column = no "Topic" column in the header row
plan-err-empty = the file holds no topics
plan-err-no-title = no topic
plan-err-hours = «{ $value }» is not a number of hours
plan-err-number = «{ $value }» is not a number
plan-err-duplicate = number { $no } is repeated
students-pick-class = Class
students-import = Import a list from a file…
students-import-title = Class list (CSV or XLSX)
students-import-file = Import from { $path }
students-import-summary = Students: { $students }, parents: { $parents }, rows with errors: { $errors }. The file goes in whole or not at all.
students-import-row = Row
students-import-apply = Enter them all
students-import-cancel = Cancel
students-imported = Students entered:
students-no-classes = You keep no class lists in this year.
students-col-dates = In the class
students-col-parents = Parents
students-col-paper = Paper reports
students-end-transferred = transferred
students-end-withdrawn = left
students-end-graduated = graduated
students-end-promoted = promoted
students-enrol-title = Enrol a student into the class from today
students-enrol = Enrol
students-enrolled = The student is enrolled.
students-date = Date
students-reason = Reason for leaving
students-withdraw = Withdraw (last day)
students-withdrawn = The student left; their marks and absences are kept.
students-to-class = To class
students-transfer = Transfer from this date
students-transferred = The student is transferred.
students-consent = Consent to data processing given today
students-consent-saved = Consent recorded.
students-paper-on = The family refused the electronic diary
students-paper-off = Back to the electronic diary
students-paper-saved = Saved.
students-no-parents = No parents given.
students-parent-name = Parent's full name
students-add-parent = Add parent
students-parent-added = Parent added.
students-relation-mother = mother
students-relation-father = father
students-relation-guardian = guardian
students-relation-other = other
school-saved = Saved.
school-save = Save
school-delete = Delete
school-add = Add
school-profile = School
school-name = Name
school-address = Address
school-director = Director
school-settings = Journal settings
school-edit-window = Marks stay editable for
school-window-never = until the year ends
school-window-1w = 1 week
school-window-2w = 2 weeks
school-window-3w = 3 weeks
school-window-1m = 1 month
school-rounding = Rounding
school-rounding-half-up = from 0.5 up
school-rounding-six-tenths = from 0.6 up
school-idle = Idle lock, min (0 = never)
school-absence = Absence warning, %
school-max-failed = Wrong passwords before lockout
school-lockout = Lockout, min
school-bad-number = Enter a number.
school-no-year = There is no academic year yet.
school-periods = Academic year { $year }: periods
school-holidays = Holidays
school-add-holiday = Add holiday
school-classes = Classes
school-class = Class
school-class-teacher = Class teacher
school-add-class = Add class
school-bad-class = Write a class as 5А.
school-subject = Subject
school-teacher = Teacher
school-scale-five = 5-point
school-scale-pass-fail = pass/fail
school-scale-ten = 10-point
school-no-attestation = without attestation
school-hours = Hours a week
school-add-course = Add course
school-course-incomplete = Choose a subject, a class and a teacher.
school-rollover = Moving to the next academic year
school-rollover-about = Classes move up (5А → 6А), the last grade graduates, courses are copied for review; this year closes to changes but stays viewable and printable.
school-last-grade = Last grade
school-rollover-run = Move to the next year
school-tab-profile = School and settings
school-tab-calendar = Periods and holidays
school-tab-directories = Subjects and rooms
school-tab-classes = Classes and courses
school-tab-rollover = Next academic year
status-busy-retrying = The journal file is busy with another program — waiting and retrying…
school-scale = Mark scale
tt-six-day = Six-day week (lessons on Saturday)
tt-room = Room
tt-room-no = room { $room }
tt-room-course = The course's room ({ $room })
tt-room-course-none = The course's room (none set)
tt-slots = The course's lessons from { $date }:
tt-no-slots = No lessons marked: from this date the course leaves the timetable.
tt-slot = { $day }, lesson { $no }
tt-remove-slot = Remove
tt-week-lessons = The class's lessons from { $from } to { $to }: substitutions, moves and cancellations
tt-week-no-lessons = The class has no lessons this week.
tt-add-title = Add a lesson outside the timetable (an extra one, or one made up for a cancelled lesson)
tt-bell = Lesson { $no }, { $time }
tt-bell-no = Lesson { $no }
tt-bell-pick = Lesson…
tt-add = Add the lesson
tt-added = The lesson was added.
tt-move = Move
tt-move-to = Move to
tt-free-bells = Free lessons that day (teacher, class and room not taken): { $list }
tt-no-free-bells = No lesson is free that day: the teacher, the class or the room is taken at each.
tt-bell-free = { $bell } — free
tt-bell-busy = { $bell } — taken
tt-move-apply = Move the lesson
tt-move-cancel = Don't move
tt-moved = The lesson was moved; its topic, homework and substitute went with it.
tt-cancelled = The lesson was cancelled.
tt-restored = The lesson was restored.
tt-substituted = The substitute was assigned.
tt-unsubstituted = The substitute was removed.
tt-moved-from = moved from { $date }, lesson { $no }
tt-extra = extra lesson
tt-pick-course = Choose a subject.
tt-pick-bell = Choose the lesson number.
tt-block-took-place = The lesson has marks or absences: it took place on its day and cannot be moved or cancelled.
tt-block-outside-year = { $date } is outside the school year.
tt-block-no-school = The class has no lessons on { $date }: it is a Sunday or holidays.
tt-block-no-bell = The bell schedule has no lesson { $no }.
tt-block-course-ended = The course ended on { $date }: it has no lessons after that day.
tt-tab-grid = The week's grid
tt-tab-lessons = Lessons day by day
tt-day-1 = Mon
tt-day-2 = Tue
tt-day-3 = Wed
tt-day-4 = Thu
tt-day-5 = Fri
tt-day-6 = Sat
tt-day-chip = { $day } { $date } · { $count }
tt-changes-from = Substitutions and cancellations from { $date } to
tt-change-when = { $date }, lesson { $no }
plans-tab-lessons = The course's lessons
plans-back = ← Back to the lessons
plans-no-lessons = The course has no lessons in the two weeks either side of today.

## Reports and printing
nav-reports = Reports and printing
reports-none = Your role has nothing to print.
reports-form = Form
reports-class = Class
reports-whole-school = The whole school
reports-period-label = Period
reports-period-default = The current period
reports-period = Period { $n }
reports-year = The school year
reports-dates = Dates
reports-make = Make
reports-cancel = Cancel
reports-ready = Ready: { $name } — { $pages ->
    [one] { $pages } page
   *[other] { $pages } pages
}, { $kb } KB.
reports-save = Save PDF…
reports-save-title = Save the printed form
reports-open = Open
reports-save-first = Save the file to open it in the PDF viewer and print it.
reports-saved = Saved: { $path }
reports-saved-no-dialog = No file dialog opens on this computer, so the file was saved to the «Журнал» folder in your documents: { $path }
reports-open-folder = Open folder
reports-cancelled = Printing was cancelled.
reports-col-what = Class, subject
reports-col-n = N
reports-col-progress = Progress, %
reports-col-quality = Quality, %
reports-col-sou = SOU, %
reports-col-average = Avg. mark
reports-student = Student (for one student's summary)
reports-student-hint = Personal file number or surname; empty: every family of the class on paper
reports-all-students = Every student of the class, not only families who refused the electronic diary

## Students, parents and staff (more)
students-problem-missing-name = Give a surname and a name.
students-problem-future-birth = The birth date { $date } has not come yet. Check the year.
students-problem-file-number-taken = Personal file № { $number } already belongs to { $owner }. Every student has their own file number.
students-problem-bad-email = «{ $value }» is not an e-mail address (expected name@mail.ru).
students-problem-future-date = { $date } has not come yet: give the day the paper was signed.
students-problem-no-consent = There is no consent in force to withdraw.
students-saved = The student's data are saved; the old data are kept in the history.
students-back = ← Back to the list of { $class }
students-card-stay = { $class }, in the class since { $date }
students-card-data = Student's data
students-save = Save
students-cancel = Cancel
students-card-parents = Parents and legal representatives
students-parent-edit = Edit
students-parent-remove = Remove
students-parent-remove-ask = Remove { $name } from the card? With no other child at the school, their data and consent are deleted.
students-parent-remove-yes = Yes, remove
students-parent-removed = The parent is removed from the card.
students-parent-saved = The parent's data are saved.
students-parent-new-title = Add a parent or legal representative
students-parent-edit-title = Edit the parent's data
students-relation-guess = from the patronymic
students-card-consent = Consent to personal-data processing (152-FZ) and the electronic diary
students-doc-date = Date of the paper
students-doc-date-hint = The date a consent, its withdrawal or the refusal of the electronic diary was signed.
students-who-student = Student
students-consent-given = consent since { $date }
students-consent-none = no consent
students-consent-give = Consent received
students-consent-fix = Correct the date
students-consent-withdraw = Withdrawal received
students-consent-withdrawn = The withdrawal is recorded.
students-paper-state-on = The family refused the electronic diary on { $date } and gets printed summaries.
students-paper-state-on-undated = The family refused the electronic diary and gets printed summaries.
students-paper-state-off = The family uses the electronic diary.
students-paper-since = since { $date }
students-moved-already = The student is no longer in this class. Transfer or withdraw them from the list of the class they are in now.
students-history-none = No changes yet.
students-history-more = …and { $count } more.
students-history-student-enrol = enrolled
students-history-student-import = entered from a file
students-history-student-change = data corrected
students-history-enrolment-transfer = transferred to another class
students-history-enrolment-withdraw = withdrawn
students-history-parent-create = parent added
students-history-parent-change = parent's data corrected
students-history-parent-delete = parent removed from the card
students-history-consent-give = consent to data processing recorded
students-history-consent-withdraw = consent withdrawn
students-history-paper_reports-change = choice of diary or paper changed
staff-save = Save name and roles
staff-saved = The name and roles are saved.
staff-need-name = Give a surname and a name.
staff-footprint = In the journal: { $marks } marks, { $courses } courses, { $changes } entries in the audit log.
staff-footprint-inactive = The account is switched off. Kept in the journal: { $marks } marks, { $courses } courses, { $changes } entries in the audit log.
staff-reverted-all = Undone: { $reverted }; unchanged: { $unchanged }. All undone in one action, recorded in the audit log.
staff-revert-blocked = Nothing was undone: { $count ->
    [one] { $count } change cannot be undone
   *[other] { $count } changes cannot be undone
}, and a revert is all or nothing.
staff-change-blocked = cannot be undone
students-enrol-open = Enrol a student…
students-enrol-into = Enrol a student into { $class }
students-enrol-from = Enrolled from
students-enrol-from-hint = The date of the enrolment order. A school that starts keeping the journal mid-year enters the first day of the year (01.09).
students-enrol-bad-date = The enrolment date «{ $value }» is not a date (DD.MM.YYYY, e.g. 01.09.2025).
staff-back = ← All staff
students-tab-family = Data and parents
students-tab-consent = Consents and diary
students-tab-moves = Transfer and withdrawal
students-tab-history = History of changes
students-paper-saved-on = The refusal is recorded: the family gets printed summaries.
students-paper-saved-off = The family uses the electronic diary again.
staff-problem-own-admin = You cannot take your own administrator role: another administrator can.
staff-problem-keeps-class = This is the class teacher of { $class }: name another class teacher first (School and year).
students-transfer-title = Transfer to another class
students-withdraw-title = Leaving the school
students-groups-open = Groups by subject
students-groups-courses-hint = Group lessons (teachers, rooms, hours a week) are set by the administrator: School and year, the Classes and courses tab.
staff-slip-print = Print the login slip…
staff-slip-hint = The slip carries a new temporary password: the one shown above stops working.
staff-slip-save-title = Save the login slip
staff-slip-file = Login slip { $login } { $date }.pdf
staff-slip-saved = The login slip of { $login } is saved: { $path }. It carries a new temporary password — hand it over in person.
staff-slip-saved-no-dialog = No file dialog opens on this computer: the login slip for { $login } was saved to { $path }. It holds a new temporary password: hand it to the person yourself.
staff-slip-open = Open the slip
students-moves-date-hint = For a transfer, the first day in the new class; for leaving, the last day at school. The journal of past dates does not change.

# The command line: what a command did (errors are said-… keys).
cli-no-display = there is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set). Start Zhurnal from the desktop, or give a command: zhurnal --help lists them.
cli-window-failed = the window could not be opened: { $detail }
cli-demo-built = Demo school built in { $seconds } s: { $path }
cli-demo-school = { $school } — { $year } academic year
cli-demo-counts = Classes: { $classes }, students: { $students }, staff: { $staff }, lessons: { $lessons }, marks: { $marks }, missed lessons: { $absences }
cli-demo-accounts = Accounts (the password equals the login):
cli-check-file = Journal file: { $path }
cli-check-schema = Schema version: { $version } (this program: { $program })
cli-check-ok = { $name }: ok
cli-check-problems = { $name }: { $n ->
    [one] { $n } problem
   *[other] { $n } problems
}
cli-check-more = … and { $n } more
cli-check-integrity = Integrity
cli-check-foreign-keys = Foreign keys
cli-check-chain = Audit chain
cli-check-chain-break = audit entry #{ $id }: { $what }
cli-check-matches = Journal matches the audit log
cli-check-counts = Counts:
cli-check-healthy = Healthy.
cli-check-unhealthy = NOT healthy: restore a backup or ask the administrator.
cli-import-columns = Columns: { $columns }
cli-import-row-error = row { $row }: { $problem }
cli-import-rows-bad = { $n ->
    [one] { $n } row has errors; nothing was imported
   *[other] { $n } rows have errors; nothing was imported
}
cli-import-row = row { $row }  { $class } { $name }
cli-import-parents = (parents: { $names })
cli-import-students = { $n ->
    [one] { $n } student
   *[other] { $n } students
}
cli-import-parents-count = { $n ->
    [one] { $n } parent
   *[other] { $n } parents
}
cli-import-would = { $students } and { $parents } would be entered, enrolled from { $date } (dry run: nothing changed)
cli-import-done = Entered { $students } and { $parents }, enrolled from { $date }
cli-users-roles = roles
cli-users-login = login
cli-users-name = name
cli-users-state = state
cli-users-off = off
cli-users-temp = temp-pw
cli-users-active = active
cli-backup-done = Backup written and verified: { $path } ({ $kb } KB)
cli-restore-backup = Backup: { $path }
cli-restore-school = school: { $school }
cli-restore-years = years: { $years }
cli-restore-count = { $what ->
    [student] students
    [lesson] lessons
   *[mark] marks
}: { $n }
cli-restore-saved = The previous journal file was saved as { $path }
cli-restore-done = Restored into { $path }
cli-archive-done = The { $year } year is closed and archived in { $path }
cli-archive-manifest = manifest.json SHA-256: { $sha }
cli-verify-head = Archive { $path } ({ $year } year)
cli-verify-file-ok = ok
cli-verify-file-changed = CHANGED
cli-verify-file-missing = MISSING
cli-verify-file-extra = EXTRA
cli-verify-manifest-replaced = manifest.json (not the one written when the archive was made)
cli-verify-ok = Unaltered.
cli-verify-altered = ALTERED: the archive does not match its manifest.
cli-ops-exported = Wrote { $n ->
    [one] { $n } operation
   *[other] { $n } operations
} to { $path }
cli-check-op-chain = Operation log chain
cli-check-op-chain-break = operation #{ $id }: { $what }
cli-ops-replayed = Built { $path } from { $n ->
    [one] { $n } operation
   *[other] { $n } operations
}
cli-ops-applied = Applied { $n ->
    [one] { $n } operation
   *[other] { $n } operations
} from { $path }
cli-report-written = Written { $path } ({ $what }, { $kb } KB) in { $seconds } s
cli-report-weekly = { $n ->
    [one] { $n } weekly summary
   *[other] { $n } weekly summaries
}
cli-report-ledger = ledger of { $n ->
    [one] { $n } class
   *[other] { $n } classes
}
cli-report-journal = { $n ->
    [one] { $n } journal spread
   *[other] { $n } journal spreads
}
cli-report-progress = progress report, { $n ->
    [one] { $n } row
   *[other] { $n } rows
}
cli-report-attendance = attendance of { $n ->
    [one] { $n } class
   *[other] { $n } classes
}
cli-report-control = control report, { $n ->
    [one] { $n } row
   *[other] { $n } rows
}
cli-report-audit = audit report, { $n ->
    [one] { $n } change
   *[other] { $n } changes
}
cli-report-slips = { $n ->
    [one] { $n } login slip
   *[other] { $n } login slips
} (those passwords are now reset)

# The journal's changes in words (audit entries: entity-action) and their values.
what-academic_year-create = school year created
what-academic_year-rollover = rollover to a new school year
what-attendance-change = absence corrected
what-attendance-check = attendance taken: everyone present
what-attendance-clear = absence cleared
what-attendance-set = absence recorded
what-bell-delete = bell removed
what-bell-set = bell changed
what-building-create = building added
what-class-create = class created
what-class_teacher-change = class teacher assigned
what-consent-give = consent to data processing
what-consent-withdraw = consent withdrawn
what-course-change = course changed
what-course-create = course created
what-enrolment-transfer = student transferred to another class
what-enrolment-withdraw = student left
what-grade_scheme-change = period scheme changed
what-holiday-create = holidays added
what-holiday-delete = holidays removed
what-lesson-add = lesson added
what-lesson-cancel = lesson cancelled
what-lesson-lay_out = lessons laid out from the timetable
what-lesson-move = lesson moved
what-lesson-remove = lesson removed
what-lesson-restore = cancellation taken back
what-lesson-substitute = substitute assigned
what-lesson-unsubstitute = substitution taken back
what-lesson_comment-change = lesson comment changed
what-lesson_homework-change = homework changed
what-lesson_topic-change = lesson topic changed
what-lesson_work-change = kinds of work changed
what-mark-add = mark added
what-mark-change = mark changed
what-mark-delete = mark removed
what-paper_reports-change = paper summaries for parents
what-parent-change = parent data corrected
what-parent-create = parent added
what-parent-delete = parent taken off the card
what-period-change = period dates changed
what-period-close = period closed
what-period-reopen = period reopened
what-period_mark-clear = period mark cleared
what-period_mark-set = period mark set
what-plan-save = lesson plan saved
what-room-create = room added
what-school-change = school data changed
what-school-create = school created
what-setting-change = journal settings changed
what-staff-activate = account switched on
what-staff-change = account changed
what-staff-change_password = password changed
what-staff-compromised = account locked as compromised
what-staff-create = account created
what-staff-deactivate = account switched off
what-staff-released = account given back
what-staff-reset_password = password reset
what-staff-revert_compromised = changes of a compromised account undone
what-staff-unlock = lockout after wrong passwords lifted
what-student-change = student data corrected
what-student-enrol = student enrolled
what-student-import = students imported from a list
what-study_group-create = group created
what-study_group-split = class split into groups
what-subject-create = subject added
what-subject-remove = subject removed
what-subject-rename = subject renamed
what-timetable-change_from = timetable changed
what-work_type-change = kind of work weight changed
what-work_type-create = kind of work added
what-year-close = school year closed
what-year-reopen = school year reopened
value-absent = Н (absent)
value-ill = Б (ill)
value-excused = УП (excused)
value-late = ОП (late)
value-late-minutes = ОП (late by { $minutes } min)
value-present = everyone present
value-cancelled = cancelled
value-held = as timetabled
value-change-other = change: { $entity }, { $action }
