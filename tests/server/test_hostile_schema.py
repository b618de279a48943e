"""schemathesis over the live ``/openapi.json``: no 5xx anywhere, every 4xx in the envelope.

A platform of its own (captcha off, demo seed, sandbox payments) is fuzzed with a
learner's token (an enrolled learner, so the deep paths are reachable) and, for
``/staff/…``, an administrator's.  Each operation gets ``EXAMPLES`` schema-conforming and
``EXAMPLES`` schema-violating cases with generated path parameters, then the same again
with the path parameters of real objects (the learner's order, enrollment, course…), so
handlers are reached past their 404s.  Sized to run in about a minute in CI.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from tests.helpers.learners import (
    DEMO_ADMIN,
    enrolled_learner,
    fill_learner_info,
    register_walk_in,
    staff_login,
)
from tests.helpers.platform import DEFAULT_PASSWORD, PlatformProcess, bearer, login

#: Per operation and mode; KJCE_FUZZ_EXAMPLES=100 for a deeper run by hand.
EXAMPLES = int(os.environ.get("KJCE_FUZZ_EXAMPLES", "15"))
#: Operations that end the session or change the password: each case gets a fresh login.
SESSION_ENDING = {("DELETE", "/api/v1/sessions/current"), ("PUT", "/api/v1/me/password")}


@schemathesis.check
def error_envelope(_ctx: Any, response: Any, _case: Any) -> bool | None:
    """Every 4xx is ``{"error": {"code", "message", "field"}}`` (docs/api.md "Errors")."""
    if not 400 <= response.status_code < 500:
        return None
    if _broken_framing(response):
        return None  # refused by the HTTP server before any app code: see _broken_framing
    try:
        error = response.json()["error"]
    except (ValueError, KeyError, TypeError) as exc:
        raise AssertionError(f"a {response.status_code} not in the envelope") from exc
    assert isinstance(error, dict), error
    assert isinstance(error.get("code"), str) and error["code"], error
    assert isinstance(error.get("message"), str) and error["message"], error
    assert "field" in error and (error["field"] is None or isinstance(error["field"], str)), error
    return None


def _broken_framing(response: Any) -> bool:
    """A request whose own ``Content-Length`` is not a number is not HTTP at all: uvicorn
    answers it with a plain-text 400 before the platform sees it (no app code, so no
    envelope is possible).  schemathesis's negative mode now and then generates one."""
    request = getattr(response, "request", None)
    headers = getattr(request, "headers", None) or {}
    length = next((v for k, v in headers.items() if k.lower() == "content-length"), None)
    return length is not None and not str(length).strip().isdigit()


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PlatformProcess]:
    process = PlatformProcess(tmp_path_factory.mktemp("fuzzed"))
    process.start()
    yield process
    process.stop()


def _real_path_parameters(platform: PlatformProcess) -> tuple[dict[str, str], dict[str, str]]:
    """Path parameters naming real objects: the learner's (with its token) and the desk's."""
    learner = enrolled_learner(platform)
    token = learner["access_token"]
    order_id = learner["order"]["id"]
    # A pending order of another institution and a payment of it.
    fill_learner_info(platform, token, "fsdc")
    pending = requests.post(
        f"{platform.api}/orders",
        json={"package_ids": ["fsdc-2021-professional"]},
        headers=bearer(token),
        timeout=10,
    )
    assert pending.status_code == 201, pending.text
    payment = requests.post(
        f"{platform.api}/orders/{pending.json()['id']}/payments",
        json={"method": "wechat"},
        headers=bearer(token),
        timeout=10,
    )
    assert payment.status_code == 201, payment.text
    learner_params = {
        "token": token,
        "order_id": order_id,
        "enrollment_id": learner["enrollments"][0]["id"],
        "course_id": "yhdc-2021-professional-c01",
        "chapter_id": "yhdc-2021-professional-c01-ch1",
        "exam_id": "yhdc-2021-public-exam",
        "institution_id": "yhdc",
        "kind": "photo",
        "payment_id": payment.json()["id"],
    }
    admin = staff_login(platform, *DEMO_ADMIN)
    walk_in = register_walk_in(platform, admin["access_token"])
    staff_params = {
        "token": admin["access_token"],
        "account_id": walk_in["walk_in"]["id"],
        "order_id": order_id,
    }
    return learner_params, staff_params


def test_fuzzing_finds_no_server_error_and_every_refusal_is_in_the_envelope(
    fuzzed: PlatformProcess,
) -> None:
    schema = schemathesis.openapi.from_url(fuzzed.url + "/openapi.json")
    learner_params, staff_params = _real_path_parameters(fuzzed)
    checks = [not_a_server_error, error_envelope]
    failures: list[str] = []
    reached: set[str] = set()
    cases = 0

    def token_for(method: str, path: str, params: dict[str, str]) -> str:
        if (method, path) in SESSION_ENDING:
            response = login(fuzzed, learner_id_number, DEFAULT_PASSWORD)
            assert response.status_code == 201, response.text
            return str(response.json()["access_token"])
        return params["token"]

    me = requests.get(fuzzed.api + "/me", headers=bearer(learner_params["token"]), timeout=10)
    learner_id_number = me.json()["id_number"]

    def fuzz(operation: Any, mode: GenerationMode, params: dict[str, str] | None) -> None:
        method, path = operation.method.upper(), operation.path
        names = [p.name for p in operation.path_parameters]
        fixed = {name: params[name] for name in names if params and name in params}
        if params is not None and not fixed:
            return  # nothing real to aim at: the generated pass covered it
        base = params or (staff_params if "/staff/" in path else learner_params)

        @given(case=operation.as_strategy(generation_mode=mode, path_parameters=fixed or None))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any) -> None:
            nonlocal cases
            cases += 1
            headers = bearer(token_for(method, path, base))
            response = case.call(headers=headers, timeout=30)
            reached.add(operation.label)
            try:
                case.validate_response(response, checks=checks)
            # schemathesis raises a group of the failed checks: collected, so that one run
            # lists every finding
            except (Exception, BaseExceptionGroup) as exc:
                failures.append(f"{operation.label} [{mode}]: {exc}"[:2000])

        # Unsatisfiable: e.g. no way to violate the schema of an operation without parameters
        with contextlib.suppress(Unsatisfiable):
            run()

    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        real = staff_params if "/staff/" in operation.path else learner_params
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            fuzz(operation, mode, None)
            fuzz(operation, mode, real)

    print(f"schemathesis: {len(operations)} operations, {cases} cases")
    assert not failures, "\n\n".join(failures[:20])
    assert reached == {op.label for op in operations}
    assert "unhandled error" not in Path(fuzzed.log_path).read_text(encoding="utf-8")
