"""信息采集 / 信息变更: the intro, the four steps, submit and done (SPEC §1.2)."""

from __future__ import annotations

from desktop.views.profile.view import ProfileView

__all__ = ["ProfileView"]
