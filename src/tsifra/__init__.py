"""Tsifra: digital maturity of Russia's regions, measured with a transparent, versioned methodology."""

__version__ = "0.1.0"
