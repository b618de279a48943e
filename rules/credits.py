"""Credits (学分): exchanged as numbers with one decimal (2.4), computed in integer tenths.

Adding floats drifts (0.1 + 0.2); adding tenths does not, so every sum and comparison
against a requirement is done on integers and only the edges convert.
"""

from __future__ import annotations


def to_tenths(credits: float | int | str) -> int:
    """2.4 → 24; anything finer than a tenth is rounded to the nearest tenth."""
    return round(float(credits) * 10)


def from_tenths(tenths: int) -> float:
    """24 → 2.4 (the JSON number of the API)."""
    return tenths / 10


def format_credits(tenths: int) -> str:
    """24 → "2.4", 600 → "60", 525 → "52.5" (how the guide writes them)."""
    whole, tenth = divmod(abs(tenths), 10)
    sign = "-" if tenths < 0 else ""
    return f"{sign}{whole}" if tenth == 0 else f"{sign}{whole}.{tenth}"
