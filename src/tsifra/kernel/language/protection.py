"""Words of moderation, flags, idempotency, rate limits and pseudonymisation of cases.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code."""

WORDS: dict[str, tuple[str, str]] = {
    "protect_pseudonymised": (
        "обезличено обращений, закрытых более {days:,} дн. назад: {cases:,}",
        "cases closed more than {days:,} days ago pseudonymised: {cases:,}",
    ),
}

PROBLEMS: dict[str, tuple[str, str]] = {
    "protect_case_unknown": ("нет обращения с номером {value}", "no case numbered {value}"),
    "protect_file_unknown": ("нет файла с номером {value}", "no file numbered {value}"),
    "protect_flag_unknown": ("нет жалобы с номером {value}", "no flag numbered {value}"),
    "protect_reason_missing": (
        "укажите причину: её прочитает заявитель",
        "give a reason: the applicant will read it",
    ),
    "protect_redacted_empty": (
        "введите текст, который увидят все вместо исходного",
        "enter the text everyone will see instead of the original",
    ),
    "protect_text_too_long": (
        "не длиннее {limit:,} символов",
        "at most {limit:,} characters",
    ),
    "protect_flag_reason_unknown": (
        "причина жалобы — одна из: {expected}",
        "the reason of a flag is one of: {expected}",
    ),
}
