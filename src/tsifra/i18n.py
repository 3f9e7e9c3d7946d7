"""The language of what users read: Russian by default, English on request (TSIFRA_LANG=en).

Messages of validation problems live with the problems; this catalogue holds the labels the CLI
(and later the pages) print, so a label is translated in one place.
"""

from __future__ import annotations

import os

LABELS: dict[str, tuple[str, str]] = {
    "rank": ("Место", "Rank"),
    "unit": ("Единица", "Unit"),
    "region": ("Регион", "Region"),
    "index": ("Индекс", "Index"),
    "change": ("Изм.", "Change"),
    "rank_change": ("Изм. места", "Rank change"),
    "where": ("Где", "Where"),
    "problem": ("Проблема", "Problem"),
    "rule": ("Правило", "Rule"),
    "problems_found": (
        "Найдено проблем: {n}. Ничего не записано.",
        "{n} problem(s) found. Nothing was written.",
    ),
    "methodology_ok": (
        "Методика корректна: {title}, версия {version}",
        "Methodology is valid: {title}, version {version}",
    ),
    "rating_title": ("Рейтинг «{node}», период {period}", "Rating '{node}', period {period}"),
    "written": ("Результаты записаны: {path}", "Results written: {path}"),
    "indicator": ("Показатель", "Indicator"),
    "value": ("Значение", "Value"),
    "target": ("Цель", "Target"),
    "normalised": ("Норм.", "Normalised"),
    "contribution": ("Вклад, п.", "Contribution, pts"),
    "gain": ("Прирост при цели, п.", "Gain at target, pts"),
    "explain_title": (
        "{unit}, период {period}: индекс {score:.2f}, место {rank} из {n}",
        "{unit}, period {period}: index {score:.2f}, rank {rank} of {n}",
    ),
    "strongest": ("Сильнейшие показатели: {items}", "Strongest indicators: {items}"),
    "weakest": ("Слабейшие показатели: {items}", "Weakest indicators: {items}"),
    "approximate": (
        "Агрегирование не арифметическое: вклады показаны как линейная доля.",
        "Aggregation is not arithmetic: contributions are shown as a linear share.",
    ),
    "demo_banner": (
        "Демонстрационные данные (синтетические): не реальные показатели регионов",
        "Demo data (synthetic): not real figures of any region",
    ),
    "demo_generating": ("Генерация демонстрационной панели", "Generating the demo panel"),
    "demo_computing": ("Расчёт индекса по кварталам", "Computing the index quarter by quarter"),
    "demo_files": ("Файлы демонстрации: {path}", "Demo files: {path}"),
    "screened_out": (
        "Исключены из-за нехватки данных в {period}: {units}",
        "Left out for lack of data in {period}: {units}",
    ),
}


def current_lang() -> str:
    return "en" if os.environ.get("TSIFRA_LANG", "ru").lower().startswith("en") else "ru"


def t(key: str, **params: object) -> str:
    ru, en = LABELS[key]
    return (en if current_lang() == "en" else ru).format(**params)
