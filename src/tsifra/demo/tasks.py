"""The demo's tasks («поручения»): a realistic set, as a governor's office would see it.

Thirty orders over seven regions, most of them Tatarstan's (the demo operator's region), from
the President, the Government, the Ministry of Digital Development, governors and others, with
document numbers and dates. Deadlines are counted from `today`, so whenever the demo is loaded
some are overdue, some due this week, some reported and waiting, some returned for rework with
the reason, some accepted on time, one cancelled. All of it is synthetic, like the rest of the
demo: the document numbers and names are made up.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Engine

from tsifra.accounts.users import Account
from tsifra.tasks.tasks import TaskDraft, add_comment, create_task, set_status

# title, region, source, document, agency, responsible, indicator, target, days to the deadline,
# and where it stands: the steps it has taken after «new» (the texts they need in `STEPS`).
DEMO_TASKS: tuple[tuple, ...] = (
    ("Подключить все ФАПы к региональной медицинской информационной системе", "RU-TA",
     "president", "Пр-1234", "Минздрав РТ", "Хасанов Р. Ф.", "health_rmis_connected", 100.0,
     -20, "in_progress"),
    ("Обеспечить ведение электронных медицинских карт для всех прикреплённых граждан", "RU-TA",
     "government", "ДГ-45-П8", "Минздрав РТ", "Галиева Л. М.", "health_emr", 95.0, -5, "new"),
    ("Довести долю дистанционной записи к врачу до 70 %", "RU-TA", "mintsifry", "МЦ-П12-3310",
     "Минздрав РТ", "Хасанов Р. Ф.", "health_online_appointment", 70.0, 3, "in_progress"),
    ("Запустить телемедицинские консультации в районных больницах", "RU-TA", "governor",
     "ПР-118", "Минздрав РТ", "Сафин А. И.", "health_telemed", 90.0, 6, "reported"),
    ("Подключить школы к интернету 100 Мбит/с", "RU-TA", "president", "Пр-2001",
     "Минобрнауки РТ", "Закиров И. Н.", "edu_broadband_schools", 100.0, 45, "accepted"),
    ("Перевести электронный дневник на региональную платформу", "RU-TA", "governor", "ПР-131",
     "Минобрнауки РТ", "Закиров И. Н.", "edu_e_journal", 100.0, 12, "returned"),
    ("Сформировать цифровой профиль обучающихся 9–11 классов", "RU-TA", "mintsifry",
     "МЦ-П12-3402", "Минобрнауки РТ", "Валиева Г. Р.", "edu_digital_profile", 96.0, -40,
     "reported"),
    ("Вывести все массовые социально значимые услуги на Госуслуги", "RU-TA", "president",
     "Пр-1510", "Минцифры РТ", "Абдуллин Т. Р.", "gov_mszu_online", 100.0, 30, "accepted"),
    ("Отвечать на сообщения Платформы обратной связи в установленный срок", "RU-TA",
     "government", "ДГ-47-П2", "Минцифры РТ", "Абдуллин Т. Р.", "gov_pos_on_time", 96.0, -2,
     "returned"),
    ("Перевести межведомственный документооборот в электронный вид", "RU-TA", "governor",
     "ПР-140", "Аппарат Кабинета Министров РТ", "Мухаметов Д. А.", "gov_edo", 95.0, 60, "new"),
    ("Заменить иностранное ПО в органах власти на отечественное", "RU-TA", "mintsifry",
     "МЦ-П12-3511", "Минцифры РТ", "Абдуллин Т. Р.", "gov_domestic_software", 87.0, 90,
     "in_progress"),
    ("Оснастить автобусы аппаратурой ГЛОНАСС с передачей данных в РНИС", "RU-TA", "other",
     "Протокол 7/2026", "Минтранс РТ", "Гарипов Э. Ш.", "trans_bus_glonass", 100.0, 20,
     "accepted"),
    ("Провести совещание с муниципалитетами о безналичной оплате проезда", "RU-TA", "governor",
     "ПР-152", "Минтранс РТ", "Гарипов Э. Ш.", "trans_cashless_vehicles", None, -10,
     "cancelled"),
    ("Выдавать разрешения на строительство только в электронном виде", "RU-TA", "government",
     "ДГ-51-П4", "Минстрой РТ", "Шарипов Н. К.", "city_permits_online", 100.0, 1, "new"),
    ("Сократить срок выдачи разрешения на строительство до 7 дней", "RU-TA", "president",
     "Пр-1622", "Минстрой РТ", "Шарипов Н. К.", "city_permit_days", 7.0, -60, "in_progress"),
    ("Подключить поликлиники к ЕМИАС", "RU-MOW", "government", "ДГ-45-П9",
     "Департамент здравоохранения", "Орлова Е. В.", "health_emr", 95.0, -15, "in_progress"),
    ("Обеспечить безналичную оплату во всех видах транспорта", "RU-MOW", "mintsifry",
     "МЦ-П12-3420", "Департамент транспорта", "Белов С. А.", "trans_cashless_trips", 80.0, 25,
     "accepted"),
    ("Разместить градостроительную документацию в ГИСОГД", "RU-MOW", "president", "Пр-1780",
     "Москомархитектура", "Киселёва Н. П.", "city_isogd_digital", 86.0, 4, "reported"),
    ("Довести долю электронных обращений за МСЗУ до 75 %", "RU-SPE", "government", "ДГ-48-П1",
     "Комитет по информатизации и связи", "Никитин П. О.", "gov_mszu_requests_online", 75.0,
     -30, "returned"),
    ("Внедрить системы поддержки врачебных решений с ИИ", "RU-SPE", "mintsifry", "МЦ-П12-3577",
     "Комитет по здравоохранению", "Фёдорова А. С.", "health_ai_diagnostics", 60.0, 50,
     "in_progress"),
    ("Подключить детские сады к электронной записи", "RU-SPE", "governor", "Р-204",
     "Комитет по образованию", "Смирнова В. И.", "edu_enrolment_online", 92.0, 15, "accepted"),
    ("Показывать движение автобусов в реальном времени", "RU-NVS", "governor", "П-77",
     "Минтранс НСО", "Кузьмин Д. Г.", "trans_realtime_routes", 92.0, -7, "new"),
    ("Оплата ЖКУ онлайн без комиссии", "RU-NVS", "other", "Протокол 3/2026",
     "МинЖКХ НСО", "Рябова О. Л.", "city_zkh_payments_online", 84.0, 35, "in_progress"),
    ("Подключить школы к интернету 100 Мбит/с", "RU-KL", "president", "Пр-2001",
     "Минобразования РК", "Бадмаев С. Н.", "edu_broadband_schools", 100.0, -45, "in_progress"),
    ("Организовать телемедицину в отдалённых посёлках", "RU-KL", "government", "ДГ-49-П6",
     "Минздрав РК", "Очирова Б. В.", "health_telemed", 90.0, 2, "returned"),
    ("Установить автоматизированный учёт ресурсов в многоквартирных домах", "RU-CU",
     "mintsifry", "МЦ-П12-3612", "Минстрой Чувашии", "Васильев А. Н.", "city_smart_metering",
     60.0, 70, "new"),
    ("Повысить долю педагогов, использующих цифровой контент", "RU-CU", "governor", "Р-311",
     "Минобразования Чувашии", "Иванова Т. С.", "edu_teachers_digital_content", 78.0, 10,
     "reported"),
    ("Отвечать на обращения граждан в Платформе обратной связи в срок", "RU-SVE", "president",
     "Пр-1905", "Департамент информационной политики", "Соколов М. Ю.", "gov_pos_on_time",
     96.0, -3, "in_progress"),
    ("Перевести выдачу разрешений на строительство в электронный вид", "RU-SVE", "government",
     "ДГ-51-П5", "Минстрой Свердловской области", "Попова Е. А.", "city_permits_online",
     100.0, 40, "accepted"),
    ("Подключить ФАПы к РМИС", "RU-KDA", "president", "Пр-1234", "Минздрав Кубани",
     "Ткаченко В. П.", "health_rmis_connected", 100.0, 8, "in_progress"),
)  # fmt: skip
STEPS = {  # the steps after «new» that bring a task to where it stands, with their texts
    "new": (),
    "in_progress": (("in_progress", None),),
    "reported": (("in_progress", None), ("reported", "Работы выполнены, акты приложены.")),
    "returned": (
        ("in_progress", None),
        ("reported", "Выполнено частично, план-график доработки приложен."),
        ("returned", "Нет подтверждающих документов по трём районам. Приложите акты."),
    ),
    "accepted": (
        ("in_progress", None),
        ("reported", "Выполнено в полном объёме, значение показателя достигнуто."),
        ("accepted", None),
    ),
    "cancelled": (("cancelled", "Поручение снято с контроля: вопрос решён на уровне РФ."),),
}
ISSUERS = {
    "president": "Администрация Президента РФ",
    "government": "Аппарат Правительства РФ",
    "mintsifry": "Минцифры России",
    "governor": "Аппарат губернатора",
    "other": "Проектный офис",
}


def load_demo_tasks(
    engine: Engine, accounts: dict[str, Account], today: date | None = None
) -> list[int]:
    """Create the demo's tasks: issued by the analyst, worked by the operator of Tatarstan (the
    admin for other regions), reviewed by the analyst. Returns their ids."""
    today = today or date.today()
    analyst, admin = accounts["analyst"], accounts["admin"]
    ids = []
    for n, (
        title,
        region,
        source,
        number,
        agency,
        person,
        indicator,
        target,
        days,
        state,
    ) in enumerate(DEMO_TASKS):
        worker = accounts["operator"] if accounts["operator"].region == region else admin
        draft = TaskDraft(
            title=title,
            region=region,
            responsible=person,
            deadline=today + timedelta(days=days),
            indicator=indicator,
            source=source,
            document_number=number,
            document_date=today - timedelta(days=120 - n),
            issued_by=ISSUERS[source],
            agency=agency,
            target_value=target,
        )
        task = create_task(engine, analyst, draft, today=today)
        for step, text in STEPS[state]:
            who = analyst if step in ("returned", "accepted", "cancelled") else worker
            set_status(engine, who, task.id, step, text, today=today)
        if state == "returned":
            add_comment(engine, worker, task.id, "Принято в работу, акты запрошены у районов.")
        ids.append(task.id)
    return ids
