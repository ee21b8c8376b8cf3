## Журнал — слова печатных форм (всегда по-русски). Файл модуля report.
## Числа передаются числами: Fluent выбирает форму (1 урок, 2 урока, 5 уроков).
## В колонтитуле <n> и <m> — номер страницы и число страниц.

page-n-of-m = стр. <n> из <m>
printed-by = Напечатано { $date } в { $time }, { $name } ({ $role })
range = за период с { $from } по { $to }
the-year = учебный год
year-name = { $year } учебный год
class-name = { $class } класс
class-teacher = Классный руководитель: { $name }
whole-school = вся школа
archive-journal = Классный журнал { $class } класса за учебный год

## Роли

role-admin = Администратор
role-director = Директор
role-deputy = Заместитель директора
role-class-teacher = Классный руководитель
role-teacher = Учитель
role-clerk = Делопроизводитель
role-archivist = Архивариус

## Формы

form-weekly = Сводная ведомость для родителей
form-ledger = Сводная ведомость итоговой успеваемости
form-journal = Страницы классного журнала
form-progress = Отчёт об успеваемости и качестве знаний
form-attendance = Отчёт о посещаемости
form-control = Отчёт о ведении журнала
form-audit = Отчёт об изменениях отметок
form-slips = Учётные данные сотрудников

## Периоды

period-quarter = { $n } четверть
period-trimester = { $n } триместр
period-half = { $n } полугодие
period-short-quarter = { $n } чет.
period-short-trimester = { $n } трим.
period-short-half = { $n } пол.

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

## Подписи и заверение

cert-true-copy = Верно.
cert-seal = М.П.
sign-director = Директор
sign-deputy = Заместитель директора по УВР
sign-admin = Администратор
sign-class-teacher = Классный руководитель
sign-parent = С ведомостью ознакомлен(а), родитель (законный представитель)

## Столбцы таблиц

col-date = Дата
col-topic = Тема урока
col-topic-done = Что пройдено на уроке
col-homework = Домашнее задание
col-marks = Отметки (вид работы)
col-attendance = Посещаемость
col-student = Фамилия, имя обучающегося
col-class = Класс
col-subject = Предмет
col-teacher = Учитель
col-class-teacher = Классный руководитель
col-year = год
col-exam = экз.
col-final = итог
col-missed = Пропущено уроков
col-missed-all = всего
col-missed-ill = по болезни
col-outcome = Итоги года
col-on-list = На конец периода
col-exempt = Осв.
col-no-mark = Без отметки
col-n = N
col-n5 = «5»
col-n4 = «4»
col-n3 = «3»
col-n2 = «2»
col-na = н/а
col-progress = Успеваемость, %
col-quality = Качество, %
col-average = Средний балл
col-sou = СОУ, %
col-current = Текущих отметок
col-current-average = Средний балл текущих
col-students = Обучающихся
col-excellent = На «5»
col-good = На «4» и «5»
col-one-three = С одной «3»
col-satisfactory = С «3»
col-failing = Неуспевающие
col-missed-lessons = Пропущено уроков
col-total = всего
col-ill = по болезни
col-excused = по уважит. причине
col-absent = без уважит. причины
col-late = Опозданий
col-lessons = Уроков проведено
col-no-topic = Без темы
col-no-homework = Без д/з
col-no-attendance = Без отметки посещаемости
col-without-marks = Учеников без отметок
col-without-marks-pct = Без отметок, %
col-marks-count = Отметок
col-marks-per-student = Отметок на ученика
col-late-marks = Отметок внесено позже 7 дней
col-changed-at = Дата изменения
col-who = Кто изменил
col-what = Отметка
col-action = Действие
col-old = Было
col-new = Стало
col-reason = Причина исправления

total-class = Итого по классу
total-school = Итого по школе

## Книга: обложка и содержание

contents = Содержание
contents-part = Раздел
contents-detail = Содержание раздела
contents-page = Страница

## Сводная ведомость для родителей

weekly-title = Сводная ведомость
weekly-subtitle = успеваемости и посещаемости обучающегося
weekly-student = { $name }, { $class } класс
weekly-nobody = В классе нет обучающихся, которым печатается ведомость на бумаге.
weekly-no-lessons = Уроков за этот период не было.
subject-with-teacher = { $subject } — учитель { $teacher }
no-topic = (тема не записана)
work-legend = Виды работ: { $list }.
attendance-legend = Посещаемость: н — отсутствовал(а) без уважительной причины, б — по болезни, уп — по уважительной причине, оп — опоздание.
late-minutes = { $symbol } { $minutes } мин
weekly-missed = Пропущено за период: { $total } { $total ->
    [one] урок
    [few] урока
   *[many] уроков
} (по болезни — { $ill }, по уважительной причине — { $excused }, без уважительной причины — { $absent }). Опозданий: { $late }.
lessons-missed = { $count } { $count ->
    [one] урок
    [few] урока
   *[many] уроков
}
weekly-comments = Замечания и комментарии учителей
weekly-no-comments = Нет.

## Сводная ведомость итоговой успеваемости

ledger-title = Сводная ведомость итоговой успеваемости
ledger-subtitle = обучающихся { $class } класса за { $year } учебный год
ledger-cover-sub = обучающихся по классам
ledger-cover-count = Классов: { $classes }, обучающихся на конец года: { $students }
basis-year = по годовым и итоговым отметкам
basis-period = по отметкам за { $period }
ledger-totals-none = Отметок для подсчёта итогов ещё нет. Обучающихся на конец периода: { $students }.
ledger-unmarked = Без отметок (безотметочное обучение): { $subjects }.
ledger-totals-head = Итоги { $basis }. Обучающихся на конец периода: { $students }.
ledger-totals = Успевают на «5» — { $excellent }, на «4» и «5» — { $good }, с одной «3» — { $onethree }; не успевают — { $failing }; не аттестованы — { $na }.
ledger-percent = Успеваемость — { $progress } %, качество знаний — { $quality } %.
outcome-promoted = { $gender ->
    [female] переведена
   *[male] переведён
} { $grade ->
    [2] во
   *[other] в
} { $grade } класс
outcome-conditional = { $gender ->
    [female] переведена
   *[male] переведён
} условно; задолженность: { $subjects }
outcome-graduated-9 = { $gender ->
    [female] окончила
   *[male] окончил
} основную школу
outcome-graduated-11 = { $gender ->
    [female] окончила
   *[male] окончил
} среднюю школу
outcome-debt = задолженность: { $subjects }
outcome-transferred = { $gender ->
    [female] переведена
   *[male] переведён
} в { $class } класс { $date }
outcome-left = { $gender ->
    [female] выбыла
   *[male] выбыл
} { $date }

## Страницы журнала

journal-title = Классный журнал
journal-heading = { $subject } · { $class } класс · { $period } · учитель { $teacher }
journal-left = левая страница: отметки и посещаемость
journal-right = правая страница: содержание уроков
journal-empty = За выбранный период уроков не было.
substitute = (замена: { $name })

## Отчёт об успеваемости и качестве

progress-title = Отчёт об успеваемости и качестве знаний
progress-subtitle = { $period }, { $year } учебный год
progress-subtitle-year = за { $year } учебный год, по годовым отметкам
progress-by-subject = По классам и предметам
progress-by-class = По классам (обучающиеся по всем предметам)
progress-formulas = N — на конец периода без освобождённых и без отметки (н/а входят в N). Успеваемость = («5» + «4» + «3»)·100 / N; качество = («5» + «4»)·100 / N; СОУ = (100·«5» + 64·«4» + 36·«3» + 16·«2» + 7·н/а) / N; средний балл — по отметкам за период; средний балл текущих — по всем отметкам за уроки (двойная отметка — две отметки). По классам: неуспевающие — с «2» или без отметки по предмету.

## Посещаемость

attendance-title = Отчёт о посещаемости
attendance-only = Учтены предметы: { $subjects }
attendance-lessons = Проведено уроков: { $count }
attendance-partial = * обучающийся был в списке класса не весь период.
attendance-school = Итого по школе: пропущено { $total } { $total ->
    [one] урок
    [few] урока
   *[many] уроков
}, по болезни — { $ill }, по уважительной причине — { $excused }, без уважительной причины — { $absent }; опозданий — { $late }.

## Контроль ведения журнала

control-title = Отчёт о ведении электронного журнала
control-nothing = За этот период уроков не было.
control-notes = Без отметки посещаемости — проведённые уроки, где не отмечены ни отсутствующие, ни «присутствуют все». Накопляемость — отметок на одного обучающегося. Поздно внесённые — отметки, внесённые позже { $days } дней после урока.

## Изменения отметок

audit-title = Отчёт об изменениях отметок
audit-count = Изменений: { $count }
audit-nothing = Изменений отметок за этот период нет.
audit-lesson-mark = за урок { $date }
audit-mark = за урок
audit-period-mark = за { $n } период
audit-year-mark = годовая
audit-exam-mark = экзаменационная
audit-final-mark = итоговая
audit-any-period-mark = итоговая (удалена)
audit-removed = удалена
audit-added = выставлена
audit-changed = изменена

## Учётные данные

slips-title = Учётные данные для входа в электронный журнал
slips-heading = Учётная запись в электронном журнале
slips-login = Логин:
slips-password = Временный пароль:
slips-rules = При первом входе программа попросит сменить временный пароль на свой. Пароль личный: никому его не сообщайте и не записывайте на видном месте.
slips-issued = Выдано { $date }, администратор { $admin }
slips-received = Получил(а)
