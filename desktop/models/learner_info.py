"""补充修改个人信息's operations (``desktop/views/learner_info.py``): what the form opens with.
No widgets; ``load_learner_info`` runs on a worker.  Saving is one call,
``ApiClient.save_learner_info``; the phone rule is ``rules/identity.py``'s ``phone_problem``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.api_types import LearnerInfo


def load_learner_info(
    api: ApiClient, institution_id: str
) -> tuple[LearnerInfo, list[dict[str, Any]]]:
    """The institution's info for this learner (prefilled from the profile until first
    saved) and the regions for the 区县 choice (network lane)."""
    return api.learner_info(institution_id), api.regions()
