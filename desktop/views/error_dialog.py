"""出错了: what the learner sees of a bug — an exception nobody caught.

An exception raised in a slot, an event handler or a worker thread that nothing caught
would otherwise reach only stderr, which a windowed app does not have.  ``UnexpectedErrors``
takes over ``sys.excepthook`` (Qt hands a slot's exception to it) and
``threading.excepthook``: the traceback, scrubbed of personal data, goes to ``kjce.log``,
and a dialog says that something went wrong and offers 复制诊断信息 (the report of
``desktop/models/diagnostics.py``, whose log tail then carries the traceback to support).

A burst of the same error (a slot run on every repaint, a timer) shows one dialog: while
one is open nothing else is shown, and the same error is shown again only after
``QUIET_S`` seconds; every occurrence is logged.  After qutebrowser's
``misc/crashdialog.py``, scaled down: the learner keeps working, nothing is sent anywhere.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from types import TracebackType

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.errors import scrubbed_traceback

log = logging.getLogger(__name__)

QUIET_S = 60.0
"""How long the same error stays quiet (logged, not shown) after its dialog was shown."""

Signature = tuple[str, str, int]
"""An error's identity for "the same error": its type and the innermost frame's place."""


def signature_of(exc: BaseException) -> Signature:
    frames = traceback.extract_tb(exc.__traceback__)
    last = frames[-1] if frames else None
    if last is None:
        return (type(exc).__name__, "", 0)
    return (type(exc).__name__, last.filename, last.lineno or 0)


class UnexpectedErrorDialog(QDialog):
    """出错了, with 复制诊断信息 and 关闭.

    Signals:
        diagnostics_requested(): 复制诊断信息 was clicked.
    """

    diagnostics_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unexpectedErrorDialog")
        self.setWindowTitle(self.tr("出错了"))
        self.message = QLabel(
            self.tr(
                "程序遇到了意外错误，刚才的操作可能没有完成。您可以继续使用；"
                "如问题反复出现，请点击“复制诊断信息”，把内容粘贴给客服。"
            ),
            self,
        )
        self.message.setWordWrap(True)
        self.copied_label = QLabel(self)
        self.copied_label.setObjectName("copiedLabel")
        self.copied_label.setWordWrap(True)
        self.copied_label.hide()
        buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton(self.tr("复制诊断信息"), self)
        self.copy_button.setObjectName("copyDiagnosticsButton")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(self.tr("关闭"))
        self.close_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.copied_label)
        layout.addWidget(buttons)
        self._copy_asked = False
        self.copy_button.clicked.connect(self._on_copy_clicked)
        buttons.rejected.connect(self.reject)
        # The report is built on a worker (MenusAndReminders.copy_diagnostics); it is there once the
        # clipboard changes.
        QGuiApplication.clipboard().dataChanged.connect(self._on_clipboard_changed)

    def _on_copy_clicked(self) -> None:
        self._copy_asked = True
        self.copied_label.setText(self.tr("正在收集诊断信息…"))
        self.copied_label.show()
        self.diagnostics_requested.emit()

    def _on_clipboard_changed(self) -> None:
        if self._copy_asked:
            self.show_copied()

    def show_copied(self) -> None:
        self.copied_label.setText(self.tr("诊断信息已复制到剪贴板，可粘贴给客服。"))
        self.copied_label.show()


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]
ThreadHook = Callable[[threading.ExceptHookArgs], object]


class UnexpectedErrors(QObject):
    """The hooks for uncaught exceptions: log them, show 出错了 once per burst.

    Signals:
        shown(object): a dialog was shown (the ``UnexpectedErrorDialog``).
    """

    shown = Signal(object)
    _arrived = Signal(object)  # from a worker thread to the GUI thread (queued)

    def __init__(
        self,
        window: QWidget,
        *,
        copy_diagnostics: Callable[[], None],
        names: Callable[[], Iterable[str]] = tuple,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._copy_diagnostics = copy_diagnostics
        self._names = names
        self._clock = clock
        self.dialog: UnexpectedErrorDialog | None = None
        self._last_shown: dict[Signature, float] = {}
        self._previous: tuple[ExceptHook, ThreadHook] | None = None
        self._arrived.connect(self._show)

    def install(self) -> None:
        """Take over ``sys.excepthook`` and ``threading.excepthook`` (``uninstall`` gives
        them back)."""
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
            sys.excepthook = self._on_exception
            threading.excepthook = self._on_thread_exception

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def _on_exception(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt) or self._previous is None:
            sys.__excepthook__(kind, exc, tb)
            return
        self.report(exc.with_traceback(tb), thread=threading.current_thread().name)

    def _on_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "?"
        self.report(args.exc_value.with_traceback(args.exc_traceback), thread=name)

    def report(self, exc: BaseException, *, thread: str) -> None:
        """Log *exc* and show 出错了 (on the GUI thread, from wherever this runs)."""
        try:
            log.error(
                "unexpected error on thread %s\n%s",
                thread,
                scrubbed_traceback(exc, names=tuple(self._names())),
            )
        except Exception:  # never lose the original because the log failed
            sys.__excepthook__(type(exc), exc, exc.__traceback__)
        try:
            if QThread.currentThread() is self.thread():
                self._show(exc)
            else:
                self._arrived.emit(exc)
        except RuntimeError:  # the app is quitting (this object is gone): logged is enough
            pass

    def _show(self, exc: BaseException) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            return
        signature, now = signature_of(exc), self._clock()
        last = self._last_shown.get(signature)
        if last is not None and now - last < QUIET_S:
            return
        self._last_shown[signature] = now
        if self.dialog is not None:
            self.dialog.deleteLater()
        dialog = UnexpectedErrorDialog(self._window)
        dialog.diagnostics_requested.connect(self._copy_diagnostics)
        self.dialog = dialog
        dialog.open()
        self.shown.emit(dialog)


def install_unexpected_errors(
    window: QWidget,
    copy_diagnostics: Callable[[], None],
    names: Callable[[], Iterable[str]] = tuple,
) -> UnexpectedErrors:
    """Install the hooks for *window*'s app (``main`` calls this once the window shows)."""
    errors = UnexpectedErrors(window, copy_diagnostics=copy_diagnostics, names=names)
    errors.install()
    return errors
