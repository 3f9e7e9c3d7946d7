"""Words of infrastructure approvals: projects, owners' answers, deadlines, revisions.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code.
Keys start with `appr_`."""

WORDS: dict[str, tuple[str, str]] = {}

PROBLEMS: dict[str, tuple[str, str]] = {}
