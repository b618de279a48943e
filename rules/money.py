"""Money: fen (分) as integers everywhere, formatted once for people."""

from __future__ import annotations


def format_fen(fen: int) -> str:
    """9000 → "¥90.00"; -150 → "-¥1.50" (integer arithmetic: no float rounding)."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    return f"{sign}¥{yuan:,}.{cents:02d}"
