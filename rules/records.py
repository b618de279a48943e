"""Credit records (继续教育情况, SPEC §1.9): the states a year's record moves through."""

from __future__ import annotations

from rules._i18n import QT_TRANSLATE_NOOP

#: In order. ``expired`` stands apart: the year closed with the requirement not met.
RECORD_STATES = (
    "not_met",
    "queued",
    "reported",
    "reviewed",
    "completed",
    "confirmed",
)
EXPIRED = "expired"

#: The four steps of the chain as the guide draws them: (who, what it says when reached),
#: keyed by the state that reaches the step.
CHAIN = (
    ("reported", QT_TRANSLATE_NOOP("rules", "远程机构"), QT_TRANSLATE_NOOP("rules", "已回传")),
    ("reviewed", QT_TRANSLATE_NOOP("rules", "财政管理机构"), QT_TRANSLATE_NOOP("rules", "已审核")),
    ("completed", QT_TRANSLATE_NOOP("rules", "完成状态"), QT_TRANSLATE_NOOP("rules", "已完成")),
    (
        "confirmed",
        QT_TRANSLATE_NOOP("rules", "省专业技术人员继续教育平台"),
        QT_TRANSLATE_NOOP("rules", "回传成功"),
    ),
)

STATE_LABELS = {
    "not_met": QT_TRANSLATE_NOOP("rules", "未达要求"),
    "queued": QT_TRANSLATE_NOOP("rules", "待回传"),
    "reported": QT_TRANSLATE_NOOP("rules", "已回传"),
    "reviewed": QT_TRANSLATE_NOOP("rules", "已审核"),
    "completed": QT_TRANSLATE_NOOP("rules", "已完成"),
    "confirmed": QT_TRANSLATE_NOOP("rules", "回传成功"),
    "expired": QT_TRANSLATE_NOOP("rules", "已过期"),
}

EXPIRED_REMARK = QT_TRANSLATE_NOOP(
    "rules", "{year}年度学分确认已于{deadline}截止，过期不办理补学补登"
)


def steps_reached(state: str) -> int:
    """How many of the four chain steps *state* has reached (0 … 4)."""
    if state not in RECORD_STATES:
        return 0
    return max(0, RECORD_STATES.index(state) - 1)
