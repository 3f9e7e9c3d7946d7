"""Computing ratings: the service functions the CLI and (later) the web call."""

from tsifra.ratings.compute import IndexRun, compute_index, explain_unit
from tsifra.ratings.export import write_results

__all__ = ["IndexRun", "compute_index", "explain_unit", "write_results"]
