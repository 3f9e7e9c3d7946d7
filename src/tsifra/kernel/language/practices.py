"""Words of the registry of practices: records, stages, replications, effects, files.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code."""

WORDS: dict[str, tuple[str, str]] = {}

PROBLEMS: dict[str, tuple[str, str]] = {}
