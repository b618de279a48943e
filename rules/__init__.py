"""The business rules of continuing education, in one place each.

Both the desktop client (to warn early, at the field) and the platform (which decides)
import this package; it depends on nothing but the standard library.  Messages are
Simplified Chinese source strings marked with ``QT_TRANSLATE_NOOP`` so that Qt Linguist
can extract them; the client shows them through ``QCoreApplication.translate("rules", …)``.
"""
