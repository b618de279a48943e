"""The front desk (staff mode, SPEC §6): today's walk-ins and the walk-in form."""

from __future__ import annotations

from desktop.views.desk.desk import Desk

__all__ = ["Desk"]
