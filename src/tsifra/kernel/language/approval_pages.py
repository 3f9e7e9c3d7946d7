"""Words of the approvals' pages: the applicant's project and map, the owner's queue.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code.
Keys start with `apage_`."""

WORDS: dict[str, tuple[str, str]] = {}

PROBLEMS: dict[str, tuple[str, str]] = {}
