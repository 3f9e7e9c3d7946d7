"""Synthetic demonstration data: never real figures, always shown with `DEMO_MARK`."""

from tsifra.demo.panel import DEMO_MARK, DEMO_NOTE, generate_panel
from tsifra.demo.run import DemoRun, run_demo

__all__ = ["DEMO_MARK", "DEMO_NOTE", "DemoRun", "generate_panel", "run_demo"]
