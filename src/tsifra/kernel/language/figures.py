"""Words of the feedback platform's figures and dashboard pages.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code."""

WORDS: dict[str, tuple[str, str]] = {
    "figures_platform_title": (
        "Формулы над обращениями платформы ({engine}, на {when:moment})",
        "Formulas over the platform's cases ({engine}, as of {when:moment})",
    ),
    "figures_shown_only": (
        "Формула {formula} не сохраняется: показателя {indicator} нет в методике, "
        "он показан на странице обратной связи",
        "Formula {formula} is not stored: the methodology has no indicator {indicator}; "
        "it is shown on the feedback page",
    ),
    "figures_dir_or_platform": (
        "укажите папку витрин или --from-platform (но не то и другое); --as-of — только с "
        "--from-platform",
        "give a folder of marts or --from-platform (not both); --as-of goes with --from-platform",
    ),
}

PROBLEMS: dict[str, tuple[str, str]] = {
    "figures_no_cases": (
        "на платформе обратной связи нет ни одного обращения, поданного до {when:moment}",
        "the feedback platform holds no case submitted by {when:moment}",
    ),
}
