"""Course selection rules (SPEC §1.5, §2): what may be deselected, and 一键选课."""

from __future__ import annotations

from collections.abc import Sequence

from rules._i18n import QT_TRANSLATE_NOOP

REQUIRED_MESSAGE = QT_TRANSLATE_NOOP("rules", "该课程为必修课，不能取消选择")
WATCHED_MESSAGE = QT_TRANSLATE_NOOP("rules", "该课程已开始学习，不能取消选择")
CLOSED_MESSAGE = QT_TRANSLATE_NOOP("rules", "本年度选课已截止，不能再更改选课")


def deselect_problem(*, required: bool, watched_ms: int) -> str | None:
    """Why a selected course cannot be deselected, or None when it can.

    Required courses (必修) never; others only while nothing of them was watched.
    """
    if required:
        return REQUIRED_MESSAGE
    if watched_ms > 0:
        return WATCHED_MESSAGE
    return None


def auto_select(
    candidates: Sequence[tuple[str, int]], selected_tenths: int, required_tenths: int
) -> list[str]:
    """一键选课: which of *candidates* (id, credit tenths; catalog order) to add.

    Reaches *required_tenths* from *selected_tenths* with the smallest overshoot; among
    equal totals the fewest courses, then the earliest in catalog order.  When even all
    candidates fall short, all are returned; when nothing is missing, none.

    A subset-sum over totals: ``best[t]`` is the preferred subset reaching exactly ``t``
    (capped at need + the largest credit, beyond which no minimal overshoot lies).
    """
    need = required_tenths - selected_tenths
    usable = [(cid, tenths) for cid, tenths in candidates if tenths > 0]
    if need <= 0 or not usable:
        return []
    if sum(t for _, t in usable) <= need:
        return [cid for cid, _ in usable]
    cap = need + max(t for _, t in usable)
    # best[t] = (count, indices) of the preferred subset summing to t; None = unreachable.
    best: list[tuple[int, tuple[int, ...]] | None] = [None] * (cap + 1)
    best[0] = (0, ())
    for index, (_cid, tenths) in enumerate(usable):
        for total in range(cap, tenths - 1, -1):
            source = best[total - tenths]
            if source is None or total - tenths >= need:
                continue  # a subset already reaching need never grows: more overshoot
            candidate = (source[0] + 1, (*source[1], index))
            current = best[total]
            if current is None or candidate < current:
                best[total] = candidate
    for total in range(need, cap + 1):
        found = best[total]
        if found is not None:
            return [usable[i][0] for i in found[1]]
    return [cid for cid, _ in usable]  # unreachable: the sum check above covers it
