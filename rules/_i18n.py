"""Marker for translatable source strings outside Qt code."""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Return *text* unchanged; lupdate extracts it under *context*."""
    del context
    return text
