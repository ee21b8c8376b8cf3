## Журнал — русский язык (основной).
## Числа во фразах передаются числами: Fluent сам выбирает форму (1 урок, 2 урока, 5 уроков).

app-title = Журнал
app-title-school = { $school } — Журнал
opening = Открываем журнал…
loading = Загрузка…
working = Подождите…
back = Назад
cancel = Отмена

## Роли

role-admin = Администратор
role-director = Директор
role-deputy = Заместитель директора
role-class-teacher = Классный руководитель
role-teacher = Учитель
role-clerk = Делопроизводитель
role-archivist = Архивариус

## Общие слова с числами

lessons-count = { $count } { $count ->
    [one] урок
    [few] урока
    [many] уроков
   *[other] урока
}

## Ошибки: что случилось и что делать

error-db = Ошибка базы данных: { $detail }
error-io = Ошибка чтения или записи файла: { $detail }
error-missing = Файл не найден. Если журнал хранится на флешке или сетевом диске, подключите его и нажмите «Повторить»; иначе выберите другой файл или создайте в этом месте новую школу.
error-no-access = Нет прав на чтение файла { $path }. Попросите администратора компьютера дать вашей учётной записи доступ к файлу и его папке или откройте копию из своей папки.
error-foreign = Это не файл «Журнала»: программа не может его прочитать. Выберите файл журнала — обычно он называется zhurnal.sqlite.
error-corrupt = Файл журнала повреждён ({ $detail }). Откройте последнюю резервную копию журнала; повреждённый файл не удаляйте — он может понадобиться специалисту.
error-too-new = Файл записан более новой версией программы (формат { $found }, эта версия читает до { $supported }). Установите новую версию «Журнала» или откройте другой файл.
error-busy = Файл журнала занят: другая программа сейчас записывает в него. Подождите немного и нажмите «Повторить».
error-read-only = В файл журнала нельзя записывать ({ $detail }). Проверьте, не защищены ли файл или флешка от записи, или скопируйте журнал в свою папку.
error-disk-full = Диск заполнен. Ничего не потеряно: освободите место и повторите.
error-not-found = Не найдено: { $detail }

auth-wrong-password = Неверный логин или пароль. { $remaining ->
    [one] Осталась { $remaining } попытка
    [few] Осталось { $remaining } попытки
   *[many] Осталось { $remaining } попыток
} до блокировки учётной записи.
auth-locked-out = Учётная запись временно заблокирована после нескольких неверных паролей — до { $until }. Подождите или обратитесь к администратору журнала.
auth-not-the-locked-user = Это не пароль заблокированной учётной записи. Если вы другой сотрудник, нажмите «Войти другим пользователем».
auth-inactive = Учётная запись отключена. Обратитесь к администратору журнала.
auth-compromised = Учётная запись заблокирована: о ней сообщили как о взломанной. Обратитесь к администратору журнала.
auth-too-short = Пароль должен быть не короче { $min } { $min ->
    [one] символа
   *[other] символов
}.
auth-same-as-old = Новый пароль должен отличаться от старого пароля и от логина.
auth-session-ended = Сеанс завершён. Войдите снова.

denied-role = Ваша роль не позволяет это сделать.
denied-not-your-course = Это не ваш предмет или урок.
denied-edit-window-closed = Срок исправления отметок за этот урок истёк { $date }.
denied-period-closed = Итоговые отметки за период выставлены: период закрыт.
denied-year-closed = Учебный год закрыт и сдан в архив.
denied-future-lesson = Урок ещё не прошёл.
denied-lesson-cancelled = Урок отменён.
denied-not-on-list = В этот день ученика не было в списке класса или группы.
denied-reason-required = Для исправления после закрытия нужна причина.

scale-five = пятибалльной
scale-pass-fail = зачётной
scale-ten = десятибалльной
invalid-mark = «{ $value }» — не отметка по { $scale } шкале.
invalid-attendance = «{ $value }» — не отметка посещаемости (Н, Б, УП, ОП).
invalid-date = «{ $value }» — не дата (нужно ДД.ММ.ГГГГ).
invalid-year = «{ $value }» — не учебный год (нужно, например, 2025/2026).
invalid-other = { $detail }

## Сообщения ядра: почему изменение не принято (ключи said-…)
said-archive-year-not-over = { $year } учебный год заканчивается { $end }: сдать его в архив можно после этой даты.
said-folder-not-empty = Папка { $path } уже существует и не пуста. Выберите пустую или новую папку.
said-not-an-archive = В папке { $path } нет описи архива (manifest.json): это не папка архива.
said-archive-manifest-damaged = Опись архива повреждена: { $detail }
said-no-work-types = В школе не заданы виды работ. Администратор добавляет их в разделе «Школа».
said-period-mark-kind = Отметка за период указывает свой период; годовая, экзаменационная и итоговая — нет.
said-period-marks-missing = { $count ->
    [one] Ещё не выставлена отметка за период: { $names }
   *[other] Ещё не выставлены отметки за период ({ $count }): { $names }
}
said-range-backwards = Конец периода раньше его начала. Проверьте даты.
said-not-a-period = «{ $value }» — не период: укажите 1–4 или «год».
said-weekly-needs-class = Для недельной сводки выберите класс (или ученика).
said-progress-needs-period = Для отчёта об успеваемости выберите период (1–4 или «год»).
said-printing-cancelled = Печать отменена.
said-ops-file-unreadable = Файл операций { $path } не читается: { $detail }.
said-ops-line-unreadable = Строка { $line } файла операций не читается: { $detail }. Ничего не изменено.
said-op-clash = Расписание этого не позволяет: { $detail }
said-ops-line-refused = Строка { $line }: { $reason } Ничего не изменено.
said-op-no-author = В операции не указан автор (`by`).
said-op-no-moment = У операции нет времени (`at`, ГГГГ-ММ-ДДTЧЧ:ММ:СС): воспроизвести можно только выгруженный журнал операций.
said-op-unknown-author = Автора операции «{ $login }» нет среди учётных записей создаваемого журнала.
said-ops-replay-refused = Строка { $line }: { $reason } Новый журнал не создан.
said-lesson-id-taken = Урок № { $id } уже есть в журнале: его нельзя добавить ещё раз.
said-mark-id-taken = Отметка № { $id } уже есть в журнале: её нельзя добавить ещё раз.
said-no-viewer = Не удалось открыть { $path }: на этом компьютере нет программы, которая открывает такие файлы (для PDF установите программу просмотра, например Okular, Evince или Adobe Reader). Файл сохранён, его можно открыть вручную.
said-account-switched-off = Учётная запись «{ $login }» отключена: для неё бланк не печатается.
said-no-slip-accounts = Нет учётных записей, для которых нужен бланк входа: укажите их.
said-slips-name-accounts = Укажите учётные записи: --staff ЛОГИН,… или все новые: --pending.
said-ambiguous-subject = «{ $typed }» подходит к нескольким предметам: { $options }. Уточните.
said-ambiguous-student = «{ $typed }» подходит к нескольким ученикам: { $options }. Добавьте имя, класс (--class) или номер личного дела.
said-need-db = Укажите файл журнала: --db ФАЙЛ.
said-file-exists-force = Файл { $path } уже существует; чтобы заменить его, добавьте --force.
said-cannot-read-password = Не удалось прочитать пароль ({ $detail }); задайте его в переменной ZHURNAL_PASSWORD.
said-temporary-password = У «{ $login }» временный пароль: войдите один раз в программу и выберите свой.
said-bad-login = «{ $login }» не годится как логин: в логине не может быть пробелов.
said-empty-login = Введите логин: без него сотрудник не сможет войти.
said-staff-needs-name = Укажите фамилию и имя сотрудника.
said-login-taken = Логин «{ $login }» уже занят. Выберите другой.
said-excuse-code = Пропуск оправдывается отметкой УП (уважительная причина) или Б (болезнь).
said-days-backwards = Первый день позже последнего. Проверьте даты.
said-demo-size = В демонстрационной школе может быть от 1 до { $max } учеников.
said-file-exists = Файл { $path } уже существует.
said-date-outside-year = { $date } не входит в учебный год.
said-no-such-slot = Нет такого дня недели или номера урока: { $weekday } / { $lesson }.
said-substitute-too-late = Замену назначают до начала урока, а этот урок уже начался.
said-substitute-not-teacher = Заменять урок может только учитель.
said-topic-other-course = Эта тема из КТП другого курса.
said-plan-topic-incomplete = У темы КТП должны быть название и положительное число часов: «{ $title }».
said-plan-file-errors = { $count ->
    [one] В файле { $count } ошибка: ничего не загружено.
    [few] В файле { $count } ошибки: ничего не загружено.
   *[many] В файле { $count } ошибок: ничего не загружено.
}
said-plan-file-empty = В файле нет ни одной темы.
said-year-exists = Учебный год { $name } уже есть.
said-dates-backwards = Дата начала { $start } позже даты конца { $end }.
said-dates-outside-year = Даты { $start } – { $end } выходят за учебный год ({ $year_start } – { $year_end }).
said-period-overlap = Даты { $start } – { $end } пересекаются с { $number }-м периодом той же схемы.
said-grade-range = Параллели нумеруются от 1 до 11.
said-scheme-has-marks = В { $grade }-х классах уже выставлены отметки за период по нынешней схеме: в этом году её не изменить.
said-lesson-not-extra = Удалить можно только урок, добавленный вне расписания; урок по расписанию можно отменить.
said-lesson-number-range = Уроки нумеруются от 0 до 12.
said-bell-backwards = Урок должен заканчиваться позже, чем начинается.
said-bell-overlap = Время пересекается с { $number }-м уроком.
said-room-exists = Кабинет «{ $name }» уже есть.
said-weight-range = Вес должен быть больше 0 и не больше 10, а не { $weight }.
said-name-exists = «{ $name }» уже есть.
said-idle-range = Автоблокировка — не больше 240 минут (0 — не блокировать).
said-absence-percent-range = Порог предупреждения о пропусках — процент от 1 до 100.
said-failed-logins-range = Неудачных входов до блокировки — от 1 до 20.
said-lockout-range = Блокировка после неудачных входов — от 1 до 1440 минут.
said-need-leaving-reason = Укажите причину выбытия.
said-need-school-name = Укажите название школы.
said-need-holiday-name = Укажите название каникул.
said-need-building-name = Укажите название здания.
said-need-room-name = Укажите название кабинета.
said-lock-tries-spent = Пароль не подошёл три раза. Войдите со своим логином и паролем; открытое заблокированным пользователем вернётся только к нему.
said-need-subject-name = Укажите название предмета.
said-need-subject-short = Укажите краткое название предмета (его показывают заголовки столбцов журнала), например «матем.».
said-subject-in-use = Предмет «{ $name }» уже используется ({ $courses ->
    [one] { $courses } курс
    [few] { $courses } курса
   *[many] { $courses } курсов
} или группа): удалить его нельзя, переименовать можно.
said-need-work-type-name = Укажите название вида работы.
said-need-work-type-short = Укажите сокращение вида работы.
said-need-surname = Укажите фамилию.
said-need-name = Укажите имя.
said-need-reason = Укажите причину.
said-need-group-name = Укажите название группы.
said-school-exists = В этом файле журнала уже есть школа.
said-first-admin = Первая учётная запись должна быть администратором.
said-kept-back-not-listed = Ученик, оставляемый на второй год, не числится ни в одном классе этого года.
said-need-role = У учётной записи должна быть хотя бы одна роль.
said-own-account-off = Нельзя отключить собственную учётную запись.
said-last-admin = В школе должен остаться хотя бы один работающий администратор.
said-breach-future = Время взлома не может быть в будущем.
said-own-account-lock = Вашу учётную запись блокирует другой администратор.
said-not-compromised = Учётная запись «{ $login }» не заблокирована как скомпрометированная.
said-lock-first = Сначала заблокируйте учётную запись как скомпрометированную.
said-audit-incomplete = В журнале изменений не хватает сведений, чтобы отменить это изменение.
said-cannot-undo = Такие изменения ({ $what }) здесь не отменяются.
said-student-no-class = { $date } ученик не числился ни в одном классе.
said-transfer-other-year = Перевод делается внутри учебного года; в новый год учеников переводит переход на новый учебный год.
said-transfer-same-class = Ученик уже в этом классе.
said-transfer-before-joining = Перевод должен быть позже зачисления ученика в класс ({ $date }).
said-not-their-parent = Это не родитель этого ученика.
said-consent-whose = Согласие здесь даёт ученик или его родитель.
said-file-encoding-damaged = Файл помечен как { $encoding }, но это не так: файл повреждён.
said-file-not-text = Файл не является текстом в UTF-8 или Windows-1251: сохраните его из Excel как CSV.
said-csv-line = Строка { $line }: { $detail }
said-not-xlsx = Файл не читается как книга XLSX: { $detail }
said-xlsx-no-sheets = В книге нет ни одного листа.
said-no-header-row = Нет строки заголовков: первые строки должны называть столбцы (Фамилия, Имя, Класс …).
said-no-students-in-file = В файле есть заголовки, но нет ни одного ученика.
said-import-rows-bad = { $count ->
    [one] В { $count } строке ошибка: ничего не загружено.
   *[other] В { $count } строках ошибки: ничего не загружено.
}
said-no-year-yet = В журнале ещё нет учебного года.
said-not-a-class-name = «{ $name }» — не название класса (нужно, например, 5А).
said-group-exists = Группа «{ $name }» уже есть.
said-need-group = Назовите хотя бы одну группу.
said-group-twice = Группа «{ $name }» названа дважды.
said-student-two-groups = При делении ученик может быть только в одной группе.
said-group-other-class = Эта группа из другого класса.
said-hours-range = Часов в неделю — больше 0 и не больше 20.
said-course-keeps-class = Класс и группу курса не меняют: создайте новый курс.
said-course-scale-fixed = По курсу уже есть отметки: шкалу не изменить.

## Первый запуск

welcome-title = Добро пожаловать в «Журнал»
welcome-intro = Электронный классный журнал без интернета: весь журнал хранится в одном файле на этом компьютере. С чего начнём?
welcome-new-school = Создать новую школу
welcome-new-school-hint = Название школы, первый учебный год с четвертями или полугодиями и учётная запись администратора журнала.
welcome-demo = Открыть демонстрационную школу
welcome-demo-hint = Школа с классами, учениками, расписанием и отметками — чтобы посмотреть программу в работе. Логин и пароль каждого демо-пользователя совпадают: admin, director, deputy, teacher, clerk, archivist.
welcome-demo-open-hint = Демонстрационная школа уже создана на этом компьютере. Логин и пароль совпадают: admin, director, deputy, teacher, clerk, archivist.
welcome-open = Открыть файл журнала…
welcome-open-hint = Журнал с другого компьютера, с флешки или резервную копию.

new-school-title = Новая школа
new-school-section-school = Школа
new-school-section-year = Первый учебный год
new-school-section-admin = Администратор журнала
new-school-admin-hint = Ответственный за журнал: заводит сотрудников и выдаёт им пароли. Его пароль знает только он.
field-school-name = Полное название школы
field-school-address = Адрес
field-school-director = Директор (фамилия, имя, отчество)
field-year = Учебный год
field-schemes = Учебные периоды
scheme-preset-usual = 1–9 классы — четверти, 10–11 классы — полугодия
scheme-preset-quarters = Все классы — четверти
scheme-preset-trimesters = Все классы — триместры
scheme-preset-halves = Все классы — полугодия
scheme-quarters = Четверти ({ $from }–{ $to } классы)
scheme-trimesters = Триместры ({ $from }–{ $to } классы)
scheme-halves = Полугодия ({ $from }–{ $to } классы)
scheme-quarter = { $number } четверть
scheme-trimester = { $number } триместр
scheme-half = { $number } полугодие
new-school-calendar-note = Даты периодов и каникул — по обычному календарю российской школы.
field-surname = Фамилия
field-name = Имя
field-patronymic = Отчество
field-login = Логин
field-password = Пароль
field-password-repeat = Пароль ещё раз
password-rules = Не короче { $min } { $min ->
    [one] символа
   *[other] символов
}, не совпадает с логином.
new-school-file = Файл журнала
new-school-choose-file = Выбрать другое место…
new-school-create = Создать школу
new-school-creating = Создаём школу…
fields-empty = Заполните: { $fields }.
passwords-differ = Пароли не совпадают. Введите новый пароль ещё раз.

demo-title = Демонстрационная школа
demo-building = Строим школу: классы, учеников, расписание, уроки и отметки с начала учебного года. Это займёт до минуты.
demo-progress = Готово { $percent } %

## Открытие файла

open-title = Открыть файл журнала
open-backup = Открыть резервную копию…
open-other = Открыть другой файл…
open-new-school-here = Создать здесь новую школу
open-retry = Повторить
open-start = К началу
open-failed-title = Журнал не открывается
open-failed-file = Файл

## Вход и блокировка

login-title = Вход в журнал
login-recent = Недавно входили на этом компьютере
login-submit = Войти
login-checking = Проверяем…
login-file = Файл журнала: { $path }
login-other-file = Открыть другой файл журнала…
lock-title = Журнал заблокирован
lock-idle = { $minutes } { $minutes ->
    [one] минуту
    [few] минуты
   *[many] минут
} никто не работал с журналом. Всё открытое сохранено — введите пароль, чтобы продолжить.
lock-manual = Всё открытое сохранено — введите пароль, чтобы продолжить.
lock-unlock = Разблокировать
lock-other-user = Войти другим пользователем
lock-other-user-note = Если войдёт другой пользователь, всё открытое до блокировки закроется.

## Смена пароля

change-password-title = Смена пароля
change-password-forced = Вы вошли с временным паролем. Придумайте свой пароль: его будете знать только вы.
field-old-password = Текущий пароль
field-new-password = Новый пароль
change-password-submit = Сменить пароль
change-password-logout = Выйти
password-changed = Пароль изменён.

## Рабочее место

nav-staff = Сотрудники
nav-settings = Настройки
nav-lock = Заблокировать
nav-logout = Сменить пользователя
status-year = Учебный год { $year }
status-no-year = Учебный год не задан
status-file = Файл: { $path }

staff-title = Сотрудники
staff-count = { $count } { $count ->
    [one] учётная запись
    [few] учётные записи
   *[many] учётных записей
}
staff-filter = Поиск по фамилии или логину
staff-col-name = Фамилия, имя, отчество
staff-col-login = Логин
staff-col-roles = Роли
staff-col-state = Состояние
staff-state-active = Работает
staff-state-inactive = Отключена
staff-state-temporary = Ждёт смены временного пароля
staff-state-compromised = Заблокирована как скомпрометированная с { $since }
staff-state-locked-out = Заблокирована после неверных паролей до { $until }
staff-lift-lockout = Снять блокировку
staff-lockout-lifted = Блокировка снята: можно входить.
staff-none-match = Никто не найден.
staff-read-only = Список только для просмотра.

settings-title = Настройки
settings-appearance = Внешний вид
settings-language = Язык
settings-theme = Оформление
theme-light = Светлое
theme-dark = Тёмное
settings-remembered = Выбор запоминается на этом компьютере.
settings-account = Моя учётная запись
settings-change-password = Сменить пароль…
settings-keys = Клавиши
keys-sections = разделы по порядку в левом меню
keys-lock = заблокировать журнал, когда отходите
keys-tab = следующее / предыдущее поле
keys-enter = подтвердить (войти, сохранить)
about-title = О школе и программе
about-school = Школа
about-address = Адрес
about-director = Директор
about-year = Учебный год
about-year-dates = { $year }: { $from } — { $to }
about-idle-title = Автоблокировка
about-idle = через { $minutes } { $minutes ->
    [one] минуту
    [few] минуты
   *[many] минут
} без действий
about-idle-off = выключена
about-file = Файл журнала
about-version = Версия программы
about-font = Шрифт PT Sans © ParaType (подмножество «Zhurnal Sans», Лицензия ParaType Free Font).

## The journal page
nav-journal = Журнал
journal-loading = Загрузка…
journal-no-courses = В этом учебном году у вас нет классов и предметов, журналы которых вы можете открыть.
journal-year-view = Год: итоговые отметки
journal-col-count = Отм.
journal-col-avg = Ср.
journal-col-weighted = Ср. взв.
journal-col-proposed = Реком.
journal-col-year = Год
journal-col-exam = Экз.
journal-col-final = Итог.
period-quarter = { $n } четверть
period-trimester = { $n } триместр
period-half = { $n } полугодие
period-quarter-short = { $n } ч.
period-trimester-short = { $n } тр.
period-half-short = { $n } п/г
journal-saved = Сохранено.
journal-undone = Изменение отменено.
journal-undo = Отменить (Ctrl+Z)
journal-undo-empty = Отменять нечего.
journal-append = Следующая отметка встанет рядом с уже поставленной (как 5/4).
journal-not-a-mark = «{ $text }» — не отметка и не пропуск. Отметки: { $marks }; пропуски: Н, Б, УП (У), ОП (О).
journal-cell-off = В этот день ученика не было в списке класса или группы.
journal-closed = Период закрыт: итоговые отметки выставлены.
journal-close-period = Закрыть период
journal-close-confirm = Нажмите ещё раз: после закрытия менять отметки периода сможет только администратор
journal-reason-title = Это исправление после закрытия. Укажите причину — она попадёт в журнал изменений:
journal-reason-apply = Исправить
journal-cancel = Отмена
journal-help = Стрелки и Tab — перемещение · 2–5 — отметка · / — вторая отметка · Н, Б, У, О — пропуски · Delete — очистить · Enter — подробно · Ctrl+Z — отменить
journal-close = Закрыть
journal-lesson-title = Урок { $date }, { $no }-й по расписанию
journal-topic = Тема
journal-no-topic = тема не записана
journal-homework = Домашнее задание
journal-work = Виды работ
journal-cancelled = Урок отменён.
journal-substituted = Урок проведён в порядке замены.
journal-marks = Отметки
journal-add-mark = Поставить
journal-delete = Удалить
journal-comment = Комментарий к отметке (Enter — сохранить)
journal-attendance = Посещаемость
journal-present = Был
journal-late-minutes = Опоздание, минут:
journal-history = История изменений
journal-history-empty = Изменений не было.
journal-history-reason = Причина: { $reason }
month-1 = январь
month-2 = февраль
month-3 = март
month-4 = апрель
month-5 = май
month-6 = июнь
month-7 = июль
month-8 = август
month-9 = сентябрь
month-10 = октябрь
month-11 = ноябрь
month-12 = декабрь

## Attendance
nav-attendance = Посещаемость
attendance-no-classes = Вы не классный руководитель: листов посещаемости классов для вас нет. Пропуски на своих уроках отмечайте в журнале.
attendance-tab-day = День
attendance-tab-totals = Итоги
attendance-today = Сегодня
attendance-no-lessons = В этот день у класса нет уроков.
attendance-help = Буква в клетке урока — пропуск на этом уроке: Н, Б, У (УП), О (ОП); в столбце «Весь день» — на всех уроках дня · Delete — убрать · Ctrl+Z — отменить
attendance-changed = Записано: { $n ->
    [one] { $n } урок
    [few] { $n } урока
   *[many] { $n } уроков
}.
attendance-not-a-code = «{ $text }» — не код пропуска. Коды: Н, Б, УП (У), ОП (О).
attendance-not-theirs = Это урок другой группы: у ученика его нет.
attendance-now = Сейчас ({ $n }-й урок) отсутствуют:
attendance-now-none = все на месте
attendance-from-lesson = С { $n }-го урока до конца дня:
attendance-note = Справка или записка: пропуски «Н» за даты
attendance-excuse-up = → УП
attendance-excuse-ill = → Б
attendance-range = Даты:
attendance-show = Показать
attendance-class-total = Итого по классу
attendance-col-student = Ученик
attendance-col-lessons = Уроков
attendance-col-missed = Пропущено
attendance-col-absent = Н
attendance-col-ill = Б
attendance-col-excused = УП
attendance-col-days = Дней целиком
attendance-col-late = Опозданий
attendance-col-day = Весь день
attendance-col-missed-short = Пропуск.
attendance-whole-day = весь
attendance-no-warnings = Никто не пропустил больше { $limit }% уроков.
attendance-warnings = Пропустили больше { $limit }% уроков: { $names }
weekday-1 = понедельник
weekday-2 = вторник
weekday-3 = среда
weekday-4 = четверг
weekday-5 = пятница
weekday-6 = суббота
weekday-7 = воскресенье

## Backups and the archive
nav-backups = Резервные копии и архив
backups-title = Резервные копии
backups-about = Копия делается при каждом запуске программы и раз в день, пока она работает; хранятся по одной за последние 14 дней и 8 недель. Держите папку копий на другом диске или флешке.
backups-save-dir = Сохранить папку
backups-now = Сделать копию сейчас
backups-none = Копий в этой папке пока нет.
backups-kind-auto = автоматическая
backups-kind-manual = сделана вручную
backups-kind-period = на конец периода
backups-restore = Восстановить…
backups-done = Копия сделана и проверена: { $path }
backups-chosen = Копия { $path }
backups-holds = Учебные годы: { $years }. Учеников: { $students }, уроков: { $lessons }, отметок: { $marks }.
backups-restore-warning = Журнал будет заменён этой копией. Нынешний журнал сохранится рядом с файлом журнала; после восстановления всем нужно войти заново.
backups-restore-confirm = Восстановить эту копию
archive-title = Архив учебного года
archive-about = По окончании года журнал закрывается для изменений, и в папку архива записываются снимок журнала, сводная ведомость, страницы журналов и опись с контрольными суммами.
archive-none = Архивов пока нет.
archive-checked-ok = проверен { $at }: не изменён
archive-checked-bad = проверен { $at }: ИЗМЕНЁН
archive-not-checked = не проверялся
archive-verify = Проверить
archive-verify-ok = Архив { $path } не изменён.
archive-verify-bad = Архив { $path } изменён:
archive-changed = изменён файл { $file }
archive-missing = нет файла { $file }
archive-extra = лишний файл { $file }
archive-manifest-replaced = опись (manifest.json) заменена: она не та, что была записана при архивации
archive-make = Закрыть учебный год и сдать в архив:
archive-run = Закрыть год и записать архив
archive-done = Год закрыт, архив записан: { $path }
check-title = Проверка файла журнала
check-about = Целостность базы, связи, цепочка журнала изменений и совпадение отметок с ним.
check-run = Проверить журнал
check-healthy = Журнал в порядке.
check-problems = Найдены неполадки — восстановите резервную копию или обратитесь к администратору:
backup-failed = Не удалось сделать автоматическую резервную копию. Проверьте папку копий в разделе «Резервные копии и архив» (подключена ли флешка, есть ли место).
backups-size = { $mb } МБ

## ---- Issue 7: setting up the school (staff accounts, classes and students, import) ----
staff-new = Новая учётная запись
staff-surname = Фамилия
staff-name = Имя
staff-patronymic = Отчество
staff-create = Создать с временным паролем
staff-create-hint = Пароль временный: сотрудник сменит его при первом входе. Листок входа для него можно распечатать сразу после создания.
staff-need-role = Отметьте хотя бы одну роль.
staff-created = Учётная запись создана. Логин и временный пароль:
staff-password-reset = Новый временный пароль:
staff-activated = Учётная запись включена.
staff-deactivated = Учётная запись отключена; её записи в журнале сохранены.
staff-reset-password = Сбросить пароль
staff-deactivate = Отключить (уволился)
staff-activate = Включить
staff-compromised-about = Если пароль стал известен другому (п. 3.4 положения), заблокируйте учётную запись с момента взлома: всё, что сделано с неё с этого момента, можно будет просмотреть и отменить.
staff-compromised-since = Взломана с
staff-bad-moment = Укажите момент как дд.мм.гггг чч:мм.
staff-lock = Заблокировать как взломанную
staff-locked = Учётная запись заблокирована как скомпрометированная.
staff-compromised-state = Заблокирована как скомпрометированная с { $since }. Изменений с этого момента: { $count }.
staff-change-at = Когда
staff-change-what = Что
staff-change-where = Где
staff-change-values = Было → стало
staff-change-state = Отмена
staff-change-reverted = отменено
staff-change-pending = будет отменено
staff-change-manual = проверить вручную
staff-no-changes = С этого момента учётная запись ничего не меняла.
staff-revert-reason = Причина отмены (попадёт в журнал изменений)
staff-revert = Отменить все изменения
staff-release = Вернуть владельцу с новым паролем
staff-reverted = Отменено изменений: { $reverted }; без изменений: { $unchanged }; не удалось: { $failed }.
staff-choose-hint = Нажмите на фамилию, чтобы сбросить пароль, снять блокировку после неверных паролей, отключить учётную запись или заблокировать её как взломанную.
nav-students = Классы и ученики
nav-school = Школа и учебный год
import-field-surname = Фамилия
import-field-name = Имя
import-field-patronymic = Отчество
import-field-full-name = ФИО
import-field-birth-date = Дата рождения
import-field-class = Класс
import-field-file-number = № личного дела
import-field-parent = Родитель
import-field-relation = Кем приходится
import-field-phone = Телефон
import-field-email = Эл. почта
import-field-consent = Согласие
import-field-paper = Отказ от электронного дневника
import-problem-missing-name = нет фамилии или имени
import-problem-bad-date = «{ $value }» — не дата (дд.мм.гггг)
import-problem-unknown-class = нет класса «{ $value }» в этом учебном году
import-problem-duplicate = повтор: { $value }
import-problem-bad-email = «{ $value }» — не адрес эл. почты
import-problem-not-your-class = вы не ведёте список класса { $value }

## School setup: calendar, bells, rooms, groups, rollover
school-year = Учебный год
school-year-closed = Учебный год { $year } закрыт: его можно смотреть и печатать, но не менять.
school-year-closed-chip = { $year } (закрыт)
school-cancel = Отмена
school-edit = Изменить
school-exists = «{ $name }» уже есть.
school-dates-order = Дата начала позже даты окончания.
school-outside-year = Даты должны быть внутри учебного года: с { $start } по { $end }.
school-bad-time = «{ $value }» — не время (нужно ЧЧ:ММ, например 8:30).
school-schemes-title = Периоды по классам
school-schemes-hint = Каждая параллель учится по одной схеме. Нажмите номер класса в строке нужной схемы.
school-schemes-quarter = Четверти
school-schemes-trimester = Триместры
school-schemes-half = Полугодия
school-schemes-settled = Отметки за период уже выставлены в параллелях: { $grades }. Их схема в этом году не меняется.
school-scheme-settled = У { $grade }-х классов уже есть отметки за период: схему в этом году не изменить.
school-scheme-changed = { $grade }-е классы учатся по схеме «{ $scheme }».
school-col-period = Период (классы)
school-col-start = Начало
school-col-end = Конец
school-period-overlap = Даты пересекаются с периодом «{ $period }».
school-bells = Расписание звонков
school-bells-hint = Время пишется так: 8:30. Изменённое время сохраняется кнопкой «Сохранить» или клавишей Enter.
school-col-lesson = Урок
school-add-bell = Добавить урок
school-bad-lesson-number = Номер урока — число от 0 до 12.
school-bell-exists = Урок { $number } уже есть в расписании: измените его время в строке выше.
school-bell-order = Урок должен заканчиваться позже, чем начинается.
school-bell-overlap = Время пересекается с уроком { $number }.
school-bell-saved = Звонки на урок { $number } сохранены.
school-bell-deleted = Урок { $number } убран из расписания звонков.
school-no-holidays = Каникул пока нет.
school-holiday-name = Название
school-holiday-from = С класса
school-holiday-to = По класс
school-holiday-name-needed = Напишите название каникул.
school-bad-grades = Классы — числа от 1 до 11, первое не больше второго.
school-holiday-added = Добавлено: { $name }.
school-holiday-deleted = Удалено: { $name }.
school-grade-one = { $grade } кл.
school-grade-range = { $from }–{ $to } кл.
school-subjects-count = Предметы ({ $count })
school-no-subjects = Предметов пока нет.
school-col-subject = Предмет
school-col-short = Сокращение
school-subject-name-needed = Напишите название предмета.
school-subject-added = Предмет «{ $name }» добавлен.
school-subject-short-needed = Напишите краткое название предмета: его показывают заголовки столбцов журнала.
school-subject-renamed = Предмет теперь называется «{ $name }».
school-subject-removed = Предмет «{ $name }» удалён.
school-rename = Изменить
school-remove = Удалить
school-work-types = Виды работ и их веса
school-work-types-hint = Вес показывает, во сколько раз отметка за эту работу весомее в средневзвешенном балле.
school-col-work-type = Вид работы
school-col-weight = Вес
school-add-work-type = Добавить вид работы
school-bad-weight = «{ $value }» — не вес: нужно число больше 0 и не больше 10, например 1,5.
school-weight-saved = Вес «{ $name }» теперь { $weight }.
school-work-type-name-needed = Напишите название вида работы.
school-work-type-short-needed = Напишите сокращение для журнала, например «к/р».
school-work-type-added = Вид работы «{ $name }» добавлен.
school-buildings = Здания и кабинеты
school-no-buildings = Зданий и кабинетов пока нет.
school-no-building = Без здания
school-no-rooms = Кабинетов нет.
school-rooms-list = { $count ->
    [one] Кабинет
   *[other] Кабинеты
}: { $rooms }
school-building-name = Здание
school-add-building = Добавить здание
school-building-name-needed = Напишите название здания.
school-building-added = Здание «{ $name }» добавлено.
school-room-in = Новый кабинет — в здании:
school-room-name = Кабинет
school-add-room = Добавить кабинет
school-room-name-needed = Напишите номер или название кабинета.
school-room-added = Кабинет «{ $name }» добавлен.
school-no-classes = Классов пока нет.
school-new-class = Новый класс
school-no-class-teacher = не назначен
school-class-teacher-is = Классный руководитель: { $teacher }
school-change-class-teacher = Сменить классного руководителя
school-class-teacher-set = Классный руководитель { $class } — { $teacher }.
school-students-count = Учеников: { $count }
school-class-courses = Курсы класса
school-no-courses = У класса пока нет курсов.
school-col-course = Курс и учитель
school-col-room = Кабинет
school-col-hours = Часов
school-new-course = Новый курс
school-course-editing = Изменение курса: { $course }
school-group = Группа
school-whole-class = Весь класс
school-no-room = без кабинета
school-save-course = Сохранить изменения
school-course-added = Курс добавлен.
school-course-changed = Курс «{ $course }» изменён.
school-bad-hours = Часов в неделю — число больше 0 и не больше 20.
school-scale-settled = По курсу уже есть отметки: шкалу отметок не изменить.
school-groups-of = Группы { $class }
school-no-groups = Класс не разделён на группы.
school-all-subjects = Все предметы
school-group-name = { $number } группа
school-group-members = { $group } — { $count } уч.
school-split-title = Разделить класс на группы
school-split-hint = Выберите предмет, число групп и дату, с которой действует деление; для каждого ученика нажмите номер его группы («—» — ни в одной). Если класс уже разделён по этому предмету, здесь же ученика переводят в другую группу: прошлые страницы журнала не меняются.
school-split-count = Групп:
school-split-from = С даты
school-split-none = без группы — { $count }
school-split-save = Сохранить группы
school-split-subject-needed = Выберите предмет, по которому делится класс.
school-group-empty = В группе «{ $group }» нет ни одного ученика.
school-split-done = { $class }: { $subject } — { $count ->
    [one] { $count } группа
    [few] { $count } группы
   *[other] { $count } групп
} с { $date }.
school-no-students = В классе нет учеников.
school-last-grade-hint = 11 — средняя школа, 9 — основная.
school-bad-last-grade = Выпускной класс — число от 1 до 11.
school-rollover-plan = Что будет в { $year }
school-col-next = В новом году
school-col-students = Учеников
school-col-kept = На второй год
school-graduates = выпуск
school-kept-title = Оставить на второй год
school-kept-hint = Выберите класс и отметьте учеников, которые не переводятся: они останутся в том же классе (параллели) в новом году.
school-kept-none = На второй год никто не остаётся.
school-kept-list = Остаются на второй год: { $list }.
school-rollover-closed = Этот год уже закрыт: переход на новый год из него сделан.
school-rollover-confirm = Будет создан учебный год { $year }: переводятся { $promoted }, выпускаются { $graduated }, остаются на второй год { $kept }. Год { $old } закроется для изменений. Продолжить?
school-rollover-confirm-run = Да, перейти на новый год
school-rolled-over-summary = Создан учебный год { $year }: переведено { $promoted }, выпущено { $graduated }, оставлено на второй год { $kept }, скопировано курсов { $courses }. Проверьте классы и курсы нового года.
school-grades = { $grades } кл.
school-retire = Убрать
school-course-ended-on = завершён { $date }
school-retire-title = Убрать курс «{ $course }»
school-retire-delete-about = В журнале курса нет ни одной записи, поэтому курс удаляется целиком — вместе с расписанием, планом и пустыми уроками ({ $lessons }).
school-retire-end-about = В журнале курса есть записи, поэтому курс не удаляется, а завершается: с указанной даты уроков по нему нет, пустые уроки с этой даты убираются. Страницы прошлых дат остаются и печатаются.
school-retire-held = Уроков с записями: { $count }, последний — { $date }.
school-retire-from = Завершить с даты
school-retire-delete = Удалить курс
school-retire-end = Завершить курс
school-course-deleted = Курс «{ $course }» удалён вместе с расписанием; убрано пустых уроков: { $lessons }.
school-course-ended = Курс «{ $course }» завершён: последний день — { $date }; убрано пустых уроков после него: { $lessons }. Журнал прошлых дат сохранён.
school-split-end-course = Курс «{ $course }» для всего класса завершить с даты деления
school-split-end-course-hint = Тогда предмет ведётся только в группах: уроки всего класса с этой даты убираются, журнал прошлых дат остаётся. Курс без записей в журнале удаляется целиком.
said-bell-in-timetable = Урок { $number } нельзя убрать из расписания звонков: под этим номером в расписании уроков { $entries ->
    [one] { $entries } запись
    [few] { $entries } записи
   *[other] { $entries } записей
}. Сначала перенесите их на другой урок.
said-bell-in-lessons = Урок { $number } нельзя убрать из расписания звонков: под этим номером в журнале { $lessons ->
    [one] { $lessons } урок
    [few] { $lessons } урока
   *[other] { $lessons } уроков
}. Сначала перенесите их на другой урок.
said-bell-in-both = Урок { $number } нельзя убрать из расписания звонков: под этим номером в расписании уроков { $entries ->
    [one] { $entries } запись
    [few] { $entries } записи
   *[other] { $entries } записей
}, а в журнале { $lessons ->
    [one] { $lessons } урок
    [few] { $lessons } урока
   *[other] { $lessons } уроков
}. Сначала перенесите их на другой урок.
said-course-ended = Курс «{ $course }» завершён, его последний день — { $date }: курс больше не меняется.
said-course-end-outside-year = Курс «{ $course }» можно завершить с даты внутри учебного года: с { $first } по { $end }.
said-course-held-after = Курс «{ $course }» нельзя завершить с этой даты: начиная с { $date } в его журнале { $count ->
    [one] { $count } урок
    [few] { $count } урока
   *[other] { $count } уроков
} с записями (темы, отметки, пропуски, задания). Выберите дату позже или сначала перенесите эти записи.
said-not-whole-class-course = «{ $course }» — не курс всего класса по этому предмету.

## Issue 5: Today, the timetable, lessons and thematic plans
nav-today = Сегодня
nav-lessons = Уроки и КТП
nav-timetable = Расписание
lf-lesson-no = { $no }-й урок
lf-substitute = Замена: ведёт { $name }
lf-cancelled = Урок отменён
lf-pick-topic = Тема из КТП…
lf-next-topic = Следующая тема КТП (№ { $no })
lf-topic = Тема урока
lf-work = Виды работ
lf-homework = Домашнее задание
lf-comment = Комментарий
lf-save = Сохранить урок
lf-saved = Сохранено
lf-all-present = Все присутствуют
lf-attendance-taken = Посещаемость отмечена
lf-default-work = Отметки в клетках журнала — за:
lf-present-unsaved = Изменения урока ещё не сохранены — нажмите «Сохранить урок».
today-title = Сегодня
setup-checklist = Настройка школы
setup-checklist-hint = Чтобы учителя могли вести журнал, осталось настроить то, что отмечено кружком.
setup-step-school = Школа: название, адрес, директор
setup-step-periods = Учебный год и периоды (четверти, полугодия)
setup-step-bells = Расписание звонков
setup-step-subjects = Предметы
setup-step-staff = Учётные записи сотрудников
setup-step-classes = Классы и классные руководители
setup-step-courses = Курсы классов: предмет, учитель, группы
setup-step-timetable = Расписание уроков
setup-step-students = Ученики (вручную или из файла)
setup-step-go = Перейти
today-keys = Цифра на клавиатуре открывает урок с этим номером; Tab — к следующему полю.
today-heading = Сегодня, { $date }
today-no-lessons = Сегодня у вас нет уроков.
today-substituting = Вы заменяете учителя: { $name }
today-taken-by = Урок ведёт { $name } (замена)
today-all-done = Всё заполнено
today-missing-topic = нет темы
today-missing-attendance = посещаемость не отмечена
today-missing-homework = нет домашнего задания
today-missing-marks = нет оценок
today-overdue = Просрочено: { $what }
today-due = { $what } — до { $by }
today-fill = Заполнить { $no }-й урок
today-fill-date = Заполнить: { $date }, { $no }-й урок
today-close-form = Закрыть форму урока
today-gaps = Не заполнено за последние 7 дней
today-no-gaps = За последние 7 дней всё заполнено.
today-class-absent = Отсутствуют сегодня в { $class }
today-no-absent = Сегодня все на месте.
today-class-no-lessons = Сегодня у класса нет уроков.
tt-title = Расписание уроков
tt-class = Класс
tt-date = На дату
tt-show = Показать
tt-week = Неделя по расписанию на { $date }
tt-mon = Понедельник
tt-tue = Вторник
tt-wed = Среда
tt-thu = Четверг
tt-fri = Пятница
tt-sat = Суббота
tt-change = Изменить расписание с даты
tt-change-hint = Выберите предмет, отметьте в сетке его уроки и примените с даты выше. Прежнее расписание закроется накануне, уроки с темами, оценками или пропусками сохранятся.
tt-course = Предмет…
tt-apply = Применить с { $date }
tt-applied = Расписание изменено: уроков добавлено { $added }, перенесено { $moved }, убрано { $removed }, сохранено с данными { $kept }.
tt-since = с
tt-conflict-teacher = { $teacher } уже ведёт урок в это время ({ $day }, { $no }-й урок): { $existing }. Нельзя поставить { $wanted }.
tt-conflict-room = Кабинет { $room } уже занят ({ $day }, { $no }-й урок): { $existing }. Нельзя поставить { $wanted }.
tt-conflict-class = У класса уже есть урок в это время ({ $day }, { $no }-й урок): { $existing }. Нельзя поставить { $wanted }.
tt-no-lessons = В этот день у класса нет уроков.
tt-substitute-for = { $sub } (замена; по расписанию — { $teacher })
tt-pick-substitute = Назначить замену…
tt-unsubstitute = Снять замену
tt-cancel = Отменить урок
tt-restore = Вернуть урок
tt-changes = Замены и отмены
tt-no-changes = Замен и отмен нет.
plans-title = Уроки и тематическое планирование
plans-course = Курс…
plans-no-courses = У вас нет курсов в этом учебном году.
plans-progress = По плану к сегодняшнему дню уроков: { $planned }; проведено: { $held }; пройдено тем КТП: { $covered }.
plans-lag = Отставание: { $lag } ч.
plans-year = В КТП { $hours } ч.; по расписанию на год уроков: { $lessons }.
plans-lessons = Уроки (две недели до и после сегодня)
plans-open = Открыть { $date }, { $no }
plans-plan = Календарно-тематическое планирование
plans-import = Загрузить из файла (CSV, XLSX)
plans-import-title = Файл КТП: столбцы №, тема, часы
plans-preview = Предпросмотр файла: тем { $count }
plans-from-row = строка { $row }
plans-import-save = Заменить план темами из файла
plans-import-cancel = Отмена
plans-import-nothing = В файле есть ошибки: ничего не изменено. Исправьте файл и загрузите снова.
plans-add = Добавить тему
plans-save = Сохранить план
plan-saved = План сохранён: тем { $count }.
plan-err-row = Строка { $row }: { $what }
plan-err-unreadable = файл не читается как таблица ({ $detail })
plan-err-no-title-column = нет столбца «Тема» в строке заголовков
plan-err-empty = в файле нет тем
plan-err-no-title = нет темы
plan-err-hours = «{ $value }» — не число часов
plan-err-number = «{ $value }» — не номер
plan-err-duplicate = номер { $no } повторяется
students-pick-class = Класс
students-import = Импорт списка из файла…
students-import-title = Список учащихся (CSV или XLSX)
students-import-file = Импорт из { $path }
students-import-summary = Учеников: { $students }, родителей: { $parents }, строк с ошибками: { $errors }. Файл вносится целиком или не вносится совсем.
students-import-row = Строка
students-import-apply = Внести всех
students-import-cancel = Отмена
students-imported = Внесено учеников:
students-no-classes = Вы не ведёте списков классов этого учебного года.
students-col-dates = В классе
students-col-parents = Родителей
students-col-paper = Бумажный отчёт
students-end-transferred = переведён
students-end-withdrawn = выбыл
students-end-graduated = выпущен
students-end-promoted = переведён в следующий класс
students-enrol-title = Зачислить ученика в класс с сегодняшнего дня
students-enrol = Зачислить
students-enrolled = Ученик зачислен.
students-date = Дата
students-reason = Причина выбытия
students-withdraw = Отчислить (последний день)
students-withdrawn = Ученик выбыл; его отметки и пропуски сохранены.
students-to-class = В класс
students-transfer = Перевести с этой даты
students-transferred = Ученик переведён.
students-consent = Согласие на обработку ПДн получено сегодня
students-consent-saved = Согласие записано.
students-paper-on = Семья отказалась от электронного дневника
students-paper-off = Вернуть электронный дневник
students-paper-saved = Записано.
students-no-parents = Родители не указаны.
students-parent-name = ФИО родителя
students-add-parent = Добавить родителя
students-parent-added = Родитель добавлен.
students-relation-mother = мать
students-relation-father = отец
students-relation-guardian = опекун
students-relation-other = другое
school-saved = Сохранено.
school-save = Сохранить
school-delete = Удалить
school-add = Добавить
school-profile = Школа
school-name = Название
school-address = Адрес
school-director = Директор
school-settings = Настройки журнала
school-edit-window = Отметки можно менять
school-window-never = до конца года
school-window-1w = 1 неделю
school-window-2w = 2 недели
school-window-3w = 3 недели
school-window-1m = 1 месяц
school-rounding = Округление
school-rounding-half-up = от 0,5 вверх
school-rounding-six-tenths = от 0,6 вверх
school-idle = Блокировка при простое, мин (0 — нет)
school-absence = Предупреждение о пропусках, %
school-max-failed = Неверных паролей до блокировки
school-lockout = Блокировка, мин
school-bad-number = Введите число.
school-no-year = Учебного года пока нет.
school-periods = Учебный год { $year }: периоды
school-holidays = Каникулы и праздники
school-add-holiday = Добавить каникулы
school-classes = Классы
school-class = Класс
school-class-teacher = Классный руководитель
school-add-class = Добавить класс
school-bad-class = Класс пишется так: 5А.
school-subject = Предмет
school-teacher = Учитель
school-scale-five = пятибалльная
school-scale-pass-fail = зачёт/незачёт
school-scale-ten = десятибалльная
school-no-attestation = без аттестации
school-hours = Часов в неделю
school-add-course = Добавить курс
school-course-incomplete = Выберите предмет, класс и учителя.
school-rollover = Переход на новый учебный год
school-rollover-about = Классы переводятся (5А → 6А), выпускной класс выпускается, курсы копируются для проверки; этот год закрывается для изменений, но остаётся доступным для просмотра и печати.
school-last-grade = Выпускной класс
school-rollover-run = Перейти на новый год
school-tab-profile = Школа и настройки
school-tab-calendar = Периоды и каникулы
school-tab-directories = Предметы и кабинеты
school-tab-classes = Классы и курсы
school-tab-rollover = Новый учебный год
status-busy-retrying = Файл журнала занят другой программой — жду и повторяю…
school-scale = Шкала отметок
tt-six-day = Шестидневная неделя (уроки в субботу)
tt-room = Кабинет
tt-room-no = каб. { $room }
tt-room-course = Кабинет курса ({ $room })
tt-room-course-none = Кабинет курса (не назначен)
tt-slots = Уроки курса с { $date }:
tt-no-slots = Не отмечено ни одного урока: с этой даты курса не будет в расписании.
tt-slot = { $day }, { $no }-й урок
tt-remove-slot = Убрать
tt-week-lessons = Уроки класса с { $from } по { $to }: замены, переносы и отмены
tt-week-no-lessons = На этой неделе у класса нет уроков.
tt-add-title = Добавить урок вне расписания (дополнительный или взамен отменённого)
tt-bell = { $no }-й урок, { $time }
tt-bell-no = { $no }-й урок
tt-bell-pick = Урок…
tt-add = Добавить урок
tt-added = Урок добавлен.
tt-move = Перенести
tt-move-to = Перенести на
tt-free-bells = Свободные уроки в этот день (учитель, класс и кабинет не заняты): { $list }
tt-no-free-bells = В этот день свободных уроков нет: учитель, класс или кабинет заняты на каждом.
tt-bell-free = { $bell } — свободно
tt-bell-busy = { $bell } — занято
tt-move-apply = Перенести урок
tt-move-cancel = Не переносить
tt-moved = Урок перенесён; тема, задание и замена перенесены вместе с ним.
tt-cancelled = Урок отменён.
tt-restored = Урок возвращён.
tt-substituted = Замена назначена.
tt-unsubstituted = Замена снята.
tt-moved-from = перенесён с { $date }, { $no }-го урока
tt-extra = дополнительный урок
tt-pick-course = Выберите предмет.
tt-pick-bell = Выберите номер урока.
tt-block-took-place = На уроке уже есть отметки или пропуски: он состоялся в свой день, его нельзя перенести или отменить.
tt-block-outside-year = { $date } — вне учебного года.
tt-block-no-school = { $date } у класса нет уроков: это воскресенье или каникулы.
tt-block-no-bell = В расписании звонков нет { $no }-го урока.
tt-block-course-ended = Курс завершён { $date }: уроков после этого дня у него нет.
tt-tab-grid = Сетка на неделю
tt-tab-lessons = Уроки по дням
tt-day-1 = Пн
tt-day-2 = Вт
tt-day-3 = Ср
tt-day-4 = Чт
tt-day-5 = Пт
tt-day-6 = Сб
tt-day-chip = { $day } { $date } · { $count }
tt-changes-from = Замены и отмены с { $date } по
tt-change-when = { $date }, { $no }-й урок
plans-tab-lessons = Уроки курса
plans-back = ← К списку уроков
plans-no-lessons = За две недели до и после сегодня у курса нет уроков.

## Reports and printing
nav-reports = Отчёты и печать
reports-none = Вашей роли печатать нечего.
reports-form = Форма
reports-class = Класс
reports-whole-school = Вся школа
reports-period-label = Период
reports-period-default = Текущий период
reports-period = { $n }-й период
reports-year = Учебный год
reports-dates = Даты
reports-make = Сформировать
reports-cancel = Отменить
reports-ready = Готово: { $name } — { $pages ->
    [one] { $pages } страница
    [few] { $pages } страницы
   *[many] { $pages } страниц
}, { $kb } КБ.
reports-save = Сохранить PDF…
reports-save-title = Сохранить печатную форму
reports-open = Открыть
reports-save-first = Сохраните файл, чтобы открыть его в программе просмотра PDF и напечатать.
reports-saved = Сохранено: { $path }
reports-saved-no-dialog = Окно выбора файла на этом компьютере не открывается, поэтому файл сохранён в папку «Журнал» в документах: { $path }
reports-open-folder = Открыть папку
reports-cancelled = Печать отменена.
reports-col-what = Класс, предмет
reports-col-n = N
reports-col-progress = Успев., %
reports-col-quality = Кач., %
reports-col-sou = СОУ, %
reports-col-average = Ср. балл
reports-student = Ученик (для сводки одного ученика)
reports-student-hint = № личного дела или фамилия; пусто — все семьи класса на бумаге
reports-all-students = Всем ученикам класса, а не только отказавшимся от электронного дневника

## Students, parents and staff (more)
students-problem-missing-name = Укажите фамилию и имя.
students-problem-future-birth = Дата рождения { $date } ещё не наступила. Проверьте год.
students-problem-file-number-taken = Личное дело № { $number } уже заведено на ученика { $owner }. У каждого ученика свой номер личного дела.
students-problem-bad-email = «{ $value }» — не адрес электронной почты (нужно вида имя@почта.ru).
students-problem-future-date = Дата { $date } ещё не наступила: укажите день, которым подписан документ.
students-problem-no-consent = Действующего согласия нет — отзывать нечего.
students-saved = Данные ученика сохранены; прежние записаны в историю.
students-back = ← К списку класса { $class }
students-card-stay = { $class }, в классе с { $date }
students-card-data = Данные ученика
students-save = Сохранить
students-cancel = Отмена
students-card-parents = Родители и законные представители
students-parent-edit = Изменить
students-parent-remove = Убрать
students-parent-remove-ask = Убрать из карточки: { $name }? Если у него нет других детей в школе, его данные и согласие будут удалены.
students-parent-remove-yes = Да, убрать
students-parent-removed = Родитель убран из карточки.
students-parent-saved = Данные родителя сохранены.
students-parent-new-title = Добавить родителя или законного представителя
students-parent-edit-title = Изменить данные родителя
students-relation-guess = по отчеству
students-card-consent = Согласие на обработку персональных данных (152-ФЗ) и электронный дневник
students-doc-date = Дата документа
students-doc-date-hint = Дата, которой подписано согласие, его отзыв или отказ от электронного дневника.
students-who-student = Ученик
students-consent-given = согласие с { $date }
students-consent-none = согласия нет
students-consent-give = Согласие получено
students-consent-fix = Исправить дату
students-consent-withdraw = Отзыв получен
students-consent-withdrawn = Отзыв согласия записан.
students-paper-state-on = Семья отказалась от электронного дневника с { $date } и получает бумажные сводки.
students-paper-state-on-undated = Семья отказалась от электронного дневника и получает бумажные сводки.
students-paper-state-off = Семья пользуется электронным дневником.
students-paper-since = с { $date }
students-moved-already = Ученик уже не в этом классе. Перевести или отчислить можно из списка класса, где он учится сейчас.
students-history-none = Изменений пока не было.
students-history-more = …и ещё { $count }.
students-history-student-enrol = зачислен в класс
students-history-student-import = внесён из файла
students-history-student-change = исправлены данные
students-history-enrolment-transfer = переведён в другой класс
students-history-enrolment-withdraw = выбыл
students-history-parent-create = добавлен родитель
students-history-parent-change = исправлены данные родителя
students-history-parent-delete = родитель убран из карточки
students-history-consent-give = записано согласие на обработку ПДн
students-history-consent-withdraw = согласие отозвано
students-history-paper_reports-change = изменён выбор: электронный дневник или бумага
staff-save = Сохранить имя и роли
staff-saved = Имя и роли сохранены.
staff-need-name = Укажите фамилию и имя.
staff-footprint = В журнале: отметок — { $marks }, курсов — { $courses }, записей в журнале изменений — { $changes }.
staff-footprint-inactive = Учётная запись отключена. В журнале сохранено: отметок — { $marks }, курсов — { $courses }, записей в журнале изменений — { $changes }.
staff-reverted-all = Отменено изменений: { $reverted }; без изменений: { $unchanged }. Всё отменено одним действием и записано в журнал изменений.
staff-revert-blocked = Ничего не отменено: { $count ->
    [one] { $count } изменение отменить нельзя
    [few] { $count } изменения отменить нельзя
   *[many] { $count } изменений отменить нельзя
}, а отмена проходит только целиком.
staff-change-blocked = нельзя отменить
students-enrol-open = Зачислить ученика…
students-enrol-into = Зачислить ученика в { $class }
students-enrol-from = Дата зачисления
students-enrol-from-hint = Дата приказа о зачислении. Школа, которая начинает вести журнал с середины года, вводит начало учебного года (01.09).
students-enrol-bad-date = Дата зачисления «{ $value }» — не дата (нужно ДД.ММ.ГГГГ, например 01.09.2025).
staff-back = ← Ко всем сотрудникам
students-tab-family = Данные и родители
students-tab-consent = Согласия и дневник
students-tab-moves = Перевод и выбытие
students-tab-history = История изменений
students-paper-saved-on = Отказ от электронного дневника записан: семья получает бумажные сводки.
students-paper-saved-off = Семья снова пользуется электронным дневником.
staff-problem-own-admin = Свою роль администратора снять нельзя: это может сделать другой администратор.
staff-problem-keeps-class = Это классный руководитель { $class }: сначала назначьте классу другого классного руководителя (раздел «Школа и учебный год»).
students-transfer-title = Перевод в другой класс
students-withdraw-title = Выбытие из школы
students-groups-open = Группы по предметам
students-groups-courses-hint = Уроки групп (учителя, кабинеты, часы в неделю) назначает администратор: раздел «Школа и учебный год», вкладка «Классы и курсы».
staff-slip-print = Распечатать листок входа…
staff-slip-hint = В листке будет новый временный пароль: показанный выше перестанет действовать.
staff-slip-save-title = Сохранить листок входа
staff-slip-file = Листок входа { $login } { $date }.pdf
staff-slip-saved = Листок входа { $login } сохранён: { $path }. В нём новый временный пароль — передайте листок сотруднику лично.
staff-slip-saved-no-dialog = Окно выбора файла на этом компьютере не открывается: листок входа { $login } сохранён в { $path }. В нём новый временный пароль — передайте листок сотруднику лично.
staff-slip-open = Открыть листок
students-moves-date-hint = При переводе — первый день в новом классе, при выбытии — последний день в школе. Журнал прошлых дат не меняется.

# The command line: what a command did (errors are said-… keys).
cli-no-display = окно негде открыть: нет экрана (не заданы ни DISPLAY, ни WAYLAND_DISPLAY). Запустите Журнал с рабочего стола или укажите команду: их перечисляет zhurnal --help.
cli-window-failed = окно не открылось: { $detail }
cli-demo-built = Демо-школа построена за { $seconds } с: { $path }
cli-demo-school = { $school } — { $year } учебный год
cli-demo-counts = Классов: { $classes }, учеников: { $students }, сотрудников: { $staff }, уроков: { $lessons }, отметок: { $marks }, пропущенных уроков: { $absences }
cli-demo-accounts = Учётные записи (пароль совпадает с логином):
cli-check-file = Файл журнала: { $path }
cli-check-schema = Версия схемы: { $version } (эта программа: { $program })
cli-check-ok = { $name }: в порядке
cli-check-problems = { $name }: { $n ->
    [one] { $n } проблема
    [few] { $n } проблемы
   *[many] { $n } проблем
}
cli-check-more = … и ещё { $n }
cli-check-integrity = Целостность файла
cli-check-foreign-keys = Связи между таблицами
cli-check-chain = Цепочка журнала изменений
cli-check-chain-break = запись журнала изменений № { $id }: { $what }
cli-check-matches = Данные совпадают с журналом изменений
cli-check-counts = Количество записей:
cli-check-healthy = Всё в порядке.
cli-check-unhealthy = Есть проблемы: восстановите резервную копию или обратитесь к администратору.
cli-import-columns = Столбцы: { $columns }
cli-import-row-error = строка { $row }: { $problem }
cli-import-rows-bad = { $n ->
    [one] В { $n } строке ошибки; ничего не введено
   *[other] В { $n } строках ошибки; ничего не введено
}
cli-import-row = строка { $row }  { $class } { $name }
cli-import-parents = (родители: { $names })
cli-import-students = { $n ->
    [one] { $n } ученик
    [few] { $n } ученика
   *[many] { $n } учеников
}
cli-import-parents-count = { $n ->
    [one] { $n } родитель
    [few] { $n } родителя
   *[many] { $n } родителей
}
cli-import-would = Будет введено: { $students } и { $parents }, зачисление с { $date } (проверка: ничего не изменено)
cli-import-done = Введено: { $students } и { $parents }, зачисление с { $date }
cli-users-roles = роли
cli-users-login = логин
cli-users-name = ФИО
cli-users-state = состояние
cli-users-off = отключена
cli-users-temp = врем. пароль
cli-users-active = активна
cli-backup-done = Резервная копия записана и проверена: { $path } ({ $kb } КБ)
cli-restore-backup = Резервная копия: { $path }
cli-restore-school = школа: { $school }
cli-restore-years = учебные годы: { $years }
cli-restore-count = { $what ->
    [student] учеников
    [lesson] уроков
   *[mark] отметок
}: { $n }
cli-restore-saved = Прежний файл журнала сохранён как { $path }
cli-restore-done = Восстановлено в { $path }
cli-archive-done = { $year } учебный год закрыт и сдан в архив: { $path }
cli-archive-manifest = SHA-256 описи manifest.json: { $sha }
cli-verify-head = Архив { $path } ({ $year } учебный год)
cli-verify-file-ok = в порядке
cli-verify-file-changed = ИЗМЕНЁН
cli-verify-file-missing = НЕТ
cli-verify-file-extra = ЛИШНИЙ
cli-verify-manifest-replaced = manifest.json (не та опись, что была записана при сдаче в архив)
cli-verify-ok = Архив не изменён.
cli-verify-altered = АРХИВ ИЗМЕНЁН: он не совпадает со своей описью.
cli-ops-exported = { $n ->
    [one] Записана { $n } операция
    [few] Записаны { $n } операции
   *[many] Записано { $n } операций
} в { $path }
cli-check-op-chain = Цепочка журнала операций
cli-check-op-chain-break = операция № { $id }: { $what }
cli-ops-replayed = Создан { $path }: { $n ->
    [one] воспроизведена { $n } операция
    [few] воспроизведены { $n } операции
   *[many] воспроизведено { $n } операций
}
cli-ops-applied = { $n ->
    [one] Применена { $n } операция
    [few] Применены { $n } операции
   *[many] Применено { $n } операций
} из { $path }
cli-report-written = Записано: { $path } ({ $what }, { $kb } КБ) за { $seconds } с
cli-report-weekly = { $n ->
    [one] { $n } еженедельная сводка
    [few] { $n } еженедельные сводки
   *[many] { $n } еженедельных сводок
}
cli-report-ledger = сводная ведомость, { $n ->
    [one] { $n } класс
    [few] { $n } класса
   *[many] { $n } классов
}
cli-report-journal = { $n ->
    [one] { $n } разворот журнала
    [few] { $n } разворота журнала
   *[many] { $n } разворотов журнала
}
cli-report-progress = отчёт об успеваемости, { $n ->
    [one] { $n } строка
    [few] { $n } строки
   *[many] { $n } строк
}
cli-report-attendance = посещаемость, { $n ->
    [one] { $n } класс
    [few] { $n } класса
   *[many] { $n } классов
}
cli-report-control = отчёт о заполнении журнала, { $n ->
    [one] { $n } строка
    [few] { $n } строки
   *[many] { $n } строк
}
cli-report-audit = журнал изменений, { $n ->
    [one] { $n } изменение
    [few] { $n } изменения
   *[many] { $n } изменений
}
cli-report-slips = { $n ->
    [one] { $n } листок входа
    [few] { $n } листка входа
   *[many] { $n } листков входа
} (эти пароли теперь сброшены)

# The journal's changes in words (audit entries: entity-action) and their values.
what-academic_year-create = учебный год создан
what-academic_year-rollover = переход на новый учебный год
what-attendance-change = пропуск исправлен
what-attendance-check = посещаемость отмечена: все присутствуют
what-attendance-clear = пропуск снят
what-attendance-set = пропуск отмечен
what-bell-delete = звонок удалён
what-bell-set = звонок изменён
what-building-create = здание добавлено
what-class-create = класс создан
what-class_teacher-change = классный руководитель назначен
what-consent-give = согласие на обработку данных
what-consent-withdraw = согласие отозвано
what-course-change = курс изменён
what-course-create = курс создан
what-enrolment-transfer = ученик переведён в другой класс
what-enrolment-withdraw = ученик выбыл
what-grade_scheme-change = схема периодов изменена
what-holiday-create = каникулы добавлены
what-holiday-delete = каникулы удалены
what-lesson-add = урок добавлен
what-lesson-cancel = урок отменён
what-lesson-lay_out = уроки разложены по расписанию
what-lesson-move = урок перенесён
what-lesson-remove = урок удалён
what-lesson-restore = отмена урока снята
what-lesson-substitute = назначена замена
what-lesson-unsubstitute = замена снята
what-lesson_comment-change = комментарий к уроку изменён
what-lesson_homework-change = домашнее задание изменено
what-lesson_topic-change = тема урока изменена
what-lesson_work-change = виды работ на уроке изменены
what-mark-add = отметка поставлена
what-mark-change = отметка исправлена
what-mark-delete = отметка удалена
what-paper_reports-change = бумажные сводки для родителей
what-parent-change = данные родителя исправлены
what-parent-create = родитель добавлен
what-parent-delete = родитель удалён из карточки
what-period-change = даты периода изменены
what-period-close = период закрыт
what-period-reopen = период открыт снова
what-period_mark-clear = итоговая отметка снята
what-period_mark-set = итоговая отметка
what-plan-save = КТП сохранено
what-room-create = кабинет добавлен
what-school-change = данные школы изменены
what-school-create = школа создана
what-setting-change = настройки журнала изменены
what-staff-activate = учётная запись включена
what-staff-change = учётная запись изменена
what-staff-change_password = пароль изменён
what-staff-compromised = учётная запись заблокирована как скомпрометированная
what-staff-create = учётная запись создана
what-staff-deactivate = учётная запись отключена
what-staff-released = учётная запись разблокирована
what-staff-reset_password = пароль сброшен
what-staff-revert_compromised = изменения скомпрометированной записи отменены
what-staff-unlock = блокировка после неверных паролей снята
what-student-change = данные ученика исправлены
what-student-enrol = ученик зачислен
what-student-import = ученики внесены из списка
what-study_group-create = группа создана
what-study_group-split = класс разделён на группы
what-subject-create = предмет добавлен
what-subject-remove = предмет удалён
what-subject-rename = предмет переименован
what-timetable-change_from = расписание изменено
what-work_type-change = вес вида работы изменён
what-work_type-create = вид работы добавлен
what-year-close = учебный год закрыт
what-year-reopen = учебный год открыт снова
value-absent = Н (не был)
value-ill = Б (болел)
value-excused = УП (уважительная причина)
value-late = ОП (опоздал)
value-late-minutes = ОП (опоздал на { $minutes } мин)
value-present = все присутствуют
value-cancelled = отменён
value-held = по расписанию
value-change-other = изменение: { $entity }, { $action }
