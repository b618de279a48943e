"""Who may register: the two questions of 温馨提醒 (SPEC §1.1)."""

from __future__ import annotations

from dataclasses import dataclass

from rules._i18n import QT_TRANSLATE_NOOP

QUESTION_WORKS_IN_ACCOUNTING = QT_TRANSLATE_NOOP(
    "rules", "1. 您是否在广东省内（不含深圳市）从事会计工作？"
)
QUESTION_RESIDES_WITH_CERTIFICATE = QT_TRANSLATE_NOOP(
    "rules",
    "2. 虽然您未从事会计工作，但是否在广东省内（不含深圳市）居住或者学习，"
    "并持有会计专业技术资格（初、中、高、正高级）证书（非会计从业资格证书）？",
)
INELIGIBLE_EXPLANATION = QT_TRANSLATE_NOOP(
    "rules",
    "根据您的回答，您不属于广东省（不含深圳市）会计人员继续教育的办理对象，无法在本平台注册。\n\n"
    "· 深圳市的会计人员继续教育由深圳市财政局自行组织，请登录深圳市的会计人员继续教育系统办理。\n"
    "· 仅持有原“会计从业资格证书”而未取得会计专业技术资格（初级、中级、高级、正高级）证书，"
    "且未从事会计工作的，无需参加继续教育。\n\n"
    "如有疑问，请在工作时间联系客服。",
)


@dataclass(frozen=True)
class EligibilityAnswers:
    """The two yes/no answers; the second is None when it was not asked."""

    works_in_accounting: bool
    resides_with_certificate: bool | None = None


def is_eligible(answers: EligibilityAnswers) -> bool:
    """Eligible iff question 1 is yes, or question 2 is yes."""
    return answers.works_in_accounting or bool(answers.resides_with_certificate)
