"""Runtime settings of the platform, read once from the command line or the environment."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from rules.years import CHINA_TZ
from server.clock import offset_to


def parse_instant(text: str) -> dt.datetime:
    """Parse an ISO-8601 instant; a time without offset is taken as China time (UTC+8)."""
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=CHINA_TZ)
    return value


def parse_switch(text: str) -> bool:
    """``on``/``off`` (and the usual synonyms) as a bool, for flags and environment values."""
    lowered = text.strip().lower()
    if lowered in {"on", "1", "true", "yes"}:
        return True
    if lowered in {"off", "0", "false", "no"}:
        return False
    raise ValueError(f"expected on or off, got {text!r}")


PAYMENT_MODES = ("off", "sandbox")


def parse_payments(text: str) -> str:
    """``off`` or ``sandbox``, for the ``--payments`` flag and ``KJCE_PAYMENTS``."""
    lowered = text.strip().lower()
    if lowered not in PAYMENT_MODES:
        raise ValueError(f"expected off or sandbox, got {text!r}")
    return lowered


@dataclass(frozen=True)
class Settings:
    """Everything that differs between a test run, the embedded demo and a deployment.

    Attributes:
        db_url: SQLAlchemy URL, e.g. ``sqlite:////abs/path/platform.db``.
        host, port: where to listen; port 0 picks a free port.
        captcha: whether login, register and password reset demand a captcha.
        now: pins the clock (tests, demos of deadlines); None follows the system clock.
        clock_start, clock_offset: ``--clock-start``: the platform's time began at
            ``clock_start`` and runs at real speed: the system clock plus ``clock_offset``
            (kept in the database by ``python -m server``, so a restart goes on from where
            the clock is, never back).  Ignored when ``now`` pins the clock.
        demo_inbox: serve ``GET /demo/inbox`` so a demo can show the "sent" reset codes.
        data_dir: where files of the platform live (database default, later media/uploads).
        payments: ``"sandbox"`` serves a local QR payment provider and its confirm endpoint
            (tests, demo); ``"off"`` offers only the real providers, none configured here.
        demo_backoffice: the back office also reviews, completes and confirms records and
            issues invoices, one step per ``demo_backoffice_delay_s`` of the clock (demo only).
    """

    db_url: str
    host: str = "127.0.0.1"
    port: int = 8765
    captcha: bool = True
    now: dt.datetime | None = None
    clock_start: dt.datetime | None = None
    clock_offset: dt.timedelta | None = None
    demo_inbox: bool = False
    data_dir: Path | None = None
    payments: str = "off"
    demo_backoffice: bool = False
    demo_backoffice_delay_s: float = 20.0

    @classmethod
    def from_env(cls, db_url: str | None = None) -> Settings:
        """Settings from ``KJCE_*`` environment variables (for ``create_app`` under a foreign server)."""
        env = os.environ
        data_dir = Path(env["KJCE_DATA_DIR"]) if env.get("KJCE_DATA_DIR") else None
        url = db_url or env.get("KJCE_DB") or default_db_url(data_dir)
        now = parse_instant(env["KJCE_NOW"]) if env.get("KJCE_NOW") else None
        start = parse_instant(env["KJCE_CLOCK_START"]) if env.get("KJCE_CLOCK_START") else None
        return cls(
            db_url=url,
            host=env.get("KJCE_HOST", "127.0.0.1"),
            port=int(env.get("KJCE_PORT", "8765")),
            captcha=parse_switch(env.get("KJCE_CAPTCHA", "on")),
            now=now,
            clock_start=start,
            clock_offset=None if start is None else offset_to(start),
            demo_inbox=parse_switch(env.get("KJCE_DEMO_INBOX", "off")),
            data_dir=data_dir,
            payments=parse_payments(env.get("KJCE_PAYMENTS", "off")),
            demo_backoffice=parse_switch(env.get("KJCE_DEMO_BACKOFFICE", "off")),
            demo_backoffice_delay_s=float(env.get("KJCE_DEMO_BACKOFFICE_DELAY_S", "20")),
        )


def default_db_url(data_dir: Path | None) -> str:
    """The SQLite file inside *data_dir* (or the working directory) when no --db is given."""
    base = (data_dir or Path.cwd()).resolve()
    return f"sqlite:///{base / 'platform.db'}"
