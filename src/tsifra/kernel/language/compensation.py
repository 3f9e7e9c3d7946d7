"""Words of compensation without an application and of investors' proposed approvals (`invest_`).

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code.
Keys start with `comp_`."""

WORDS: dict[str, tuple[str, str]] = {}

PROBLEMS: dict[str, tuple[str, str]] = {}
