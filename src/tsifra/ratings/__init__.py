"""Ratings: computing the index from files or the store, reproducing stored runs, reading the
published rating, the computed index every analysis takes, and writing results."""

from tsifra.ratings.compute import IndexRun, compute_index
from tsifra.ratings.export import write_results

__all__ = ["IndexRun", "compute_index", "write_results"]
