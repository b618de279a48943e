"""What a screen reader hears about a form field: its error, whether it is required, and
the error said aloud when it appears — one place, used by ``FieldRow`` and ``add_row``.

Qt 6.11's AT-SPI bridge has no state bit for "required" or "invalid entry" (its
``spiStatesFromQState`` maps neither, and ``QAccessible.State`` has no such fields), and a
custom ``QAccessibleInterface`` from Python would replace Qt's private line-edit interface
and lose the typed text.  So both are carried by the field's accessible *description*,
which every reader speaks after the name and role when the field gets focus: the error
while there is one, else 必填.  A new error is also sent as an AT-SPI ``Announcement``
(``QAccessibleAnnouncementEvent``), so it is heard where it appears, not only when the
learner comes back to the field.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget

_REQUIRED = "kjceRequired"
_ERROR = "kjceError"
_OWN_DESCRIPTION = "kjceOwnDescription"


def required_text() -> str:
    return QCoreApplication.translate("accessibility", "必填")


def accessible_field(widget: QWidget) -> QWidget:
    """The widget a reader lands on for *widget*: its focus proxy (the captcha's answer
    box), else itself."""
    proxy = widget.focusProxy()
    return proxy if proxy is not None else widget


def mark_required(field: QWidget, required: bool = True) -> None:
    """Say 必填 on *field* (the red dot is only seen)."""
    field = accessible_field(field)
    _remember_own_description(field)
    field.setProperty(_REQUIRED, required)
    _describe(field)


def set_field_error(field: QWidget, message: str) -> None:
    """Make *message* the field's description (or restore it when *message* is empty)."""
    field = accessible_field(field)
    _remember_own_description(field)
    field.setProperty(_ERROR, message)
    _describe(field)


def field_error(field: QWidget) -> str:
    return str(accessible_field(field).property(_ERROR) or "")


def announce(source: QObject, message: str, *, assertive: bool = False) -> None:
    """Have screen readers say *message* now (nothing is sent when none listens)."""
    if not message or not QAccessible.isActive():
        return
    event = QAccessibleAnnouncementEvent(source, message)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive
        if assertive
        else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)


def _remember_own_description(field: QWidget) -> None:
    if field.property(_OWN_DESCRIPTION) is None:
        field.setProperty(_OWN_DESCRIPTION, field.accessibleDescription())


def _describe(field: QWidget) -> None:
    error = str(field.property(_ERROR) or "")
    parts = [error or (required_text() if field.property(_REQUIRED) else "")]
    parts.append(str(field.property(_OWN_DESCRIPTION) or ""))
    field.setAccessibleDescription("；".join(part for part in parts if part))
