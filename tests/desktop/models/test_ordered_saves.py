"""A slow early profile save must never land after a newer one and put old values back."""

from __future__ import annotations

from desktop.models.profile_draft import OrderedSaves


def test_an_overtaken_save_is_skipped() -> None:
    saves = OrderedSaves()
    sent: list[str] = []
    early, late = saves.ticket(), saves.ticket()
    assert saves.run(late, lambda: sent.append("late") or "late") == "late"
    assert saves.run(early, lambda: sent.append("early") or "early") is None
    assert sent == ["late"]


def test_saves_in_order_all_go_out() -> None:
    saves = OrderedSaves()
    first, second = saves.ticket(), saves.ticket()
    assert saves.run(first, lambda: 1) == 1
    assert saves.run(second, lambda: 2) == 2
