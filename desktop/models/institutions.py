"""学习资源's operations (``desktop/views/institutions.py``): the institutions to show.  No
widgets; ``load_institutions`` runs on a worker.  The table is
``desktop/models/institution_table.py``; what the cache keeps of them (and that 补充信息 was
filled) is ``desktop/models/purchase_cache.py``; 补充修改个人信息's own operations are
``desktop/models/learner_info.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.models.purchase_cache import InstitutionQuery, fetch_institutions

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.api_types import Institution
    from desktop.models.cache import Cache

COURSE_TYPES = ("professional", "public")
"""The tabs' course types, in the order of the tabs (专业课, 公需课)."""
MODES = ("online", "onsite")
"""The learning modes, in the order of the radio buttons (远程机构, 面授机构)."""


def load_institutions(
    api: ApiClient, cache: Cache | None, query: InstitutionQuery
) -> list[Institution]:
    """The platform's institutions, stored in the cache when it is open (network lane)."""
    if cache is None:
        return api.institutions(year=query.year, course_type=query.course_type, mode=query.mode)
    return fetch_institutions(api, cache, query)
