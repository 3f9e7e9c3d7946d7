"""The composite-index engine: pure, vectorised, no files, databases or HTTP."""

from tsifra.engine.explain import Explanation, explain
from tsifra.engine.panel import Panel
from tsifra.engine.pipeline import compute, run_steps
from tsifra.engine.result import STEPS, Result

__all__ = ["STEPS", "Explanation", "Panel", "Result", "compute", "explain", "run_steps"]
