"""KJCE Desktop: the PySide6 client."""

__version__ = "0.1.0"
