"""Tsifra: digital maturity of Russia's regions, by a transparent, versioned methodology."""

__version__ = "0.10.0"
