"""What an institution's spreadsheets mean: the desk's batch of learners and the platform's
catalog workbook are both filled by staff in Excel or WPS, and read the same way."""

from __future__ import annotations

import datetime as dt
from typing import Any

YES, NO = "是", "否"


def cell_text(value: Any) -> str:
    """A cell as the text a person sees: whole numbers without ".0", dates as YYYY-MM-DD,
    booleans as 是/否."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
