"""One ``Idempotency-Key`` per user action, so a purchase or a payment is done once.

The key is made when the user clicks (购买, 生成付款二维码, 激活学习卡, 下单, 确认收款…) and
sent with every try of that action: the client's resend after refreshing an expired token,
and the user's next click after the network failed before any answer came — the platform
may have done it, and then answers that first result instead of doing it again
(docs/api.md, "Idempotency-Key").  Once the platform has answered, done or refused, the
action is over and the next click is a new action with a new key; so is a click for
something else (other packages, another method, another card).
"""

from __future__ import annotations

import hashlib
import uuid

from desktop.models.errors import ApiError


class ActionKeys:
    """The key of the action a button starts, kept while that action has no answer."""

    def __init__(self) -> None:
        self._action = ""
        self._key = ""

    def key_for(self, *action: object) -> str:
        """The key for *action* (what is asked, e.g. the order and method): the same as the
        last click's while that one is unanswered and asked the same, else a new one.

        Only a digest of *action* is kept (a card password may be part of it).
        """
        digest = hashlib.sha256(repr(action).encode("utf-8")).hexdigest()
        if digest != self._action or not self._key:
            self._action, self._key = digest, str(uuid.uuid4())
        return self._key

    def settle(self, failure: BaseException | None = None) -> None:
        """The action's outcome: an answer (success, or a refusal) ends it; no answer
        (offline, a timeout, the platform's own error) keeps its key for the retry."""
        if failure is None or (isinstance(failure, ApiError) and failure.status < 500):
            self._action, self._key = "", ""
