"""Words of the approvals' figures: times to the last answer, the region's page.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code.
Keys start with `afig_`."""

WORDS: dict[str, tuple[str, str]] = {}

PROBLEMS: dict[str, tuple[str, str]] = {}
