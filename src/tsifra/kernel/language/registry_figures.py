"""Words of the indicators computed from the registry and of agencies' citizen-side figures.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code."""

WORDS: dict[str, tuple[str, str]] = {
    "rfig_registry_title": (
        "Формулы над реестром практик ({engine}, на {when:day})",
        "Formulas over the registry of practices ({engine}, as of {when:day})",
    ),
    "rfig_not_in_methodology": (
        "Формула {formula} не сохраняется: показателя {indicator} нет в методике {methodology}",
        "Formula {formula} is not stored: methodology {methodology} has no indicator {indicator}",
    ),
    "rfig_not_units": (
        "Не сохранены показатели органов, которые не входят в рейтинг как ведомства: {bodies}",
        "Not stored: figures of bodies that are not agencies of the rating: {bodies}",
    ),
    "rfig_one_source": (
        "укажите одно: папку витрин, --from-platform или --from-registry; --as-of — только с "
        "--from-platform или --from-registry",
        "give one of a folder of marts, --from-platform or --from-registry; --as-of goes with "
        "--from-platform or --from-registry",
    ),
}

PROBLEMS: dict[str, tuple[str, str]] = {
    "rfig_no_practices": (
        "в реестре практик нет ни одной практики с датой этапа до {when:day}",
        "the registry holds no practice with a stage dated by {when:day}",
    ),
}
