"""What every package may use: periods, located problems, the language layer, the cache."""
