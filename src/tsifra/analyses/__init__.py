"""Analyses of a computed index: explanation, rank intervals, sensitivity, forecast, what-if."""
