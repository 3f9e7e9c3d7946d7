"""The feedback platform's case core: appeals (59-ФЗ), ПОС messages and social-media incidents,
their life on legal deadlines, the bodies that answer them, and what the public may see."""
