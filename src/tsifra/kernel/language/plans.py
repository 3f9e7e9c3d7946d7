"""Words of a region's plan («цифровая прокачка»): candidates, scores, the expected index, tasks.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code."""

WORDS: dict[str, tuple[str, str]] = {}

PROBLEMS: dict[str, tuple[str, str]] = {}
