"""Change records: what an operation changed, announced once for every view.

Modelled on Anki's ``OpChanges``: an operation returns a ``Changes``; the one
``ChangeBus.changed`` signal carries it; each view redraws what concerns it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class Changes:
    """Which parts of the learner's state changed."""

    me: bool = False
    profile: bool = False
    catalog: bool = False
    tray: bool = False
    orders: bool = False
    progress: bool = False
    credit_records: bool = False
    exams: bool = False
    clock: bool = False
    """The platform's time became known after a page was shown by the PC's clock (a
    remembered start shows 个人主页 before the platform has answered)."""
    journal: bool = False
    """Watch time entered this computer's outbox (studied, not yet answered for by the
    platform): the views of watch time redraw from the cache, offline too."""
    online: bool = False
    """The platform answers again after it could not be reached: pages that showed what
    was saved last ask it again (and drop their offline notice)."""

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            **{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)}
        )

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


class ChangeBus(QObject):
    """The one place where state changes are announced.

    Signals:
        changed(Changes): something the views show has changed.
    """

    changed = Signal(object)

    def announce(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)
