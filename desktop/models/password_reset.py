"""忘记密码's operations (``desktop/views/password_reset.py``): sending the SMS code.  No
widgets; ``send_reset_code`` runs on a worker.  Confirming the new password is one call,
``ApiClient.confirm_password_reset``; the password and phone rules are ``rules/``'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.models.api import ApiClient


def send_reset_code(
    api: ApiClient,
    id_number: str,
    phone: str,
    captcha_id: str | None,
    answer: str | None,
    *,
    demo_inbox: bool,
) -> tuple[str, str]:
    """Ask for the code (network lane): the masked phone it went to, and on a demo platform
    (no SMS gateway) the text of the message, else ""."""
    sent_to = api.request_password_reset(id_number, phone, captcha_id, answer)
    latest = api.demo_inbox(phone)[0] if demo_inbox else ""
    return sent_to, latest
