"""Words of the registry's pages and API: the list, a practice's card, the forms.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code."""

WORDS: dict[str, tuple[str, str]] = {}

PROBLEMS: dict[str, tuple[str, str]] = {}
