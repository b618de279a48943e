"""How times are shown: ISO-8601 with an offset travels, China time as the guide writes it
(2021-06-21 18:23:50) is shown.  Money's format is ``rules.money.format_fen``."""

from __future__ import annotations

import datetime as dt

from rules.years import CHINA_TZ


def format_time(iso: str | None) -> str:
    """ "2021-06-21T10:23:50+00:00" → "2021-06-21 18:23:50" (China time); "" stays ""."""
    if not iso:
        return ""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone(CHINA_TZ)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def format_date(iso: str | None) -> str:
    """The date part in China time: "2021-12-31T23:59:59+08:00" → "2021-12-31"."""
    return format_time(iso)[:10]
