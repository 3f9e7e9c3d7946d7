"""Tasks («поручения»), and later projects, practices and recommendations."""
