"""Words of network owners' zones and the search of the owners a geometry touches.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code.
Keys start with `zone_`."""

WORDS: dict[str, tuple[str, str]] = {}

PROBLEMS: dict[str, tuple[str, str]] = {}
