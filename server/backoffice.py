"""The platform's back office: a worker thread that delivers the report outbox.

It runs in every platform process (several may share one database: claims in
``server.reporting`` keep them from sending a row twice).  With ``--demo-backoffice`` it
also plays the administrators of the demo: once ``delay`` seconds of the platform's clock
passed since a record's last step it moves the record one state on (reported → reviewed →
completed → confirmed), and it issues each invoice asked for that long ago.

The loop logs what fails (never personal data) and carries on; it stops on shutdown.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable

from sqlalchemy.orm import Session

from server import invoices, reporting
from server.clock import Clock
from server.notifier import Notifier

log = logging.getLogger(__name__)

INTERVAL_S = 1.0


class BackOffice:
    """The worker; ``start`` once the app serves, ``stop`` before the engine goes."""

    def __init__(
        self,
        session_factory: Callable[[], Session],
        clock: Clock,
        notifier: Notifier,
        *,
        demo: bool = False,
        delay_s: float = 20.0,
        interval_s: float = INTERVAL_S,
    ) -> None:
        self._session_factory = session_factory
        self._clock = clock
        self._notifier = notifier
        self._demo = demo
        self._delay = dt.timedelta(seconds=delay_s)
        self._interval_s = interval_s
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="backoffice", daemon=True)
        self._thread.start()
        log.info("back office started%s", " (demo)" if self._demo else "")

    def stop(self, timeout: float = 10.0) -> None:
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stopping.set()
        thread.join(timeout)
        log.info("back office stopped")

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self.run_once()
            except Exception:
                log.exception("back office round failed; trying again")
            self._stopping.wait(self._interval_s)

    def run_once(self) -> None:
        """One round: deliver due reports; in the demo, advance records and issue invoices."""
        reporting.deliver_due(self._session_factory, self._clock)
        if not self._demo:
            return
        reporting.advance_due_records(self._session_factory, self._clock, self._delay)
        invoices.issue_requested(
            self._session_factory,
            self._clock,
            self._notifier,
            requested_before=self._clock.now() - self._delay,
        )
