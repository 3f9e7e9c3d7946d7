"""Synthetic demonstration data: never real figures, always shown with `DEMO_MARK`."""

from tsifra.demo.panel import DEMO_MARK, DEMO_NOTE, generate_panel

__all__ = ["DEMO_MARK", "DEMO_NOTE", "generate_panel"]
