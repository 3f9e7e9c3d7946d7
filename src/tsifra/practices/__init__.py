"""The registry of digital and AI practices: what each solves, where it runs, what it costs, which
indicators it moves and by how much (measured from the stored values, not typed), and the
replications that prove it travels."""
