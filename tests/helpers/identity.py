"""Valid identity numbers for tests, computed with the same rule the platform applies."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from rules.identity import check_digit

_sequence = itertools.count(1)

# Real address codes (GB/T 2260): the districts the platform itself lists, since it checks
# that the first six digits name a place.  440106 and 441900, which tests pass explicitly
# with their own sequence numbers, are left out so that they never collide.
_REGIONS = Path(__file__).resolve().parents[2] / "server" / "data" / "regions.json"
AREA_CODES = tuple(
    str(district["code"])
    for city in json.loads(_REGIONS.read_text(encoding="utf-8"))
    for district in city["districts"]
    if district["code"] not in ("440106", "441900")
)


def make_resident_id(birth: str = "19870306", seq: int | None = None, area: str = "440106") -> str:
    """A valid 居民身份证 number: area code, birth date, 3-digit sequence, check digit.

    Without *seq* every call gives a number not handed out before in this test run (the
    area code varies too, over real codes), so tests sharing one platform never collide.
    """
    if seq is None:
        n = next(_sequence)
        seq, area = n % 1000, AREA_CODES[n // 1000 % len(AREA_CODES)]
    first17 = f"{area}{birth}{seq % 1000:03d}"
    return first17 + check_digit(first17)


def unique_resident_id(birth: str = "19870306") -> str:
    """A valid number never handed out before in this test run."""
    return make_resident_id(birth=birth)


def with_wrong_check_digit(number: str) -> str:
    right = number[-1]
    wrong = next(c for c in "0123456789X" if c != right)
    return number[:-1] + wrong
