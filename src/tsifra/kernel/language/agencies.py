"""Words of the agency rating's data: the methodology, bands, reference lists of bodies.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code."""

WORDS: dict[str, tuple[str, str]] = {}

PROBLEMS: dict[str, tuple[str, str]] = {
    # bands of a methodology's score (methodology.bands)
    "agency_band_code_twice": (
        "код группы «{value}» встречается больше одного раза",
        "band code '{value}' is not unique",
    ),
    "agency_band_min_outside": (
        "нижняя граница группы {value} вне шкалы рейтинга ({low} – {high})",
        "the band's lower bound {value} is outside the rating's scale ({low} – {high})",
    ),
    "agency_band_min_order": (
        "группы идут от высшей к низшей: нижняя граница {value} должна быть меньше, "
        "чем у предыдущей группы ({previous})",
        "bands go from the highest to the lowest: the lower bound {value} must be below "
        "the previous band's ({previous})",
    ),
}
