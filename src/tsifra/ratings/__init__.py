"""Ratings: computing the index from files or the store, reproducing stored runs, reading the
published rating, and writing results."""

from tsifra.ratings.compute import IndexRun, compute_index, explain_unit
from tsifra.ratings.export import write_results

__all__ = ["IndexRun", "compute_index", "explain_unit", "write_results"]
