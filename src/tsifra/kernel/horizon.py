"""The forecast's defaults every layer shows: how far it runs, and on how many sample paths.

They live here, not in `engine.forecast` that uses them, so that the command line can print
them in its help (`--to`, `--samples`) without loading numpy, pandas and scipy first.
"""

DEFAULT_HORIZON = 2030  # the year of the national development goals the targets are set for
DEFAULT_SAMPLES = 1000
