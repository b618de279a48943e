"""Failures sorted and worded in one place (``desktop/models/errors.py``), headless."""

from __future__ import annotations

import logging

import pytest

from desktop.models.errors import (
    ApiError,
    AuthExpired,
    PlatformUnreachable,
    describe_failure,
    failure_kind,
    log_failure,
    logged,
)

ID_NUMBER = "440106198001011234"


def test_each_failure_is_sorted_and_worded_once() -> None:
    refused = ApiError(409, "id_taken", "该证件号码已注册", field="id_number")
    assert describe_failure(refused).kind == "refused"
    assert describe_failure(refused).text == "该证件号码已注册"
    assert describe_failure(refused).field == "id_number"
    assert describe_failure(refused).code == "id_taken"

    expired = AuthExpired(401, "auth_expired", "登录已过期")
    assert failure_kind(expired) == "expired"  # an AuthExpired is an ApiError too
    assert describe_failure(expired).text == "登录已失效，请重新登录。"

    offline = PlatformUnreachable("timed out")
    assert describe_failure(offline).kind == "unreachable"
    assert "无法连接平台服务" in describe_failure(offline).text
    assert describe_failure(offline, offline="需要联网才能支付").text == "需要联网才能支付"
    assert describe_failure(refused, offline="需要联网才能支付").text == "该证件号码已注册"

    bug = KeyError("x")
    assert describe_failure(bug).kind == "unexpected"
    assert "意外错误" in describe_failure(bug).text and describe_failure(bug).field is None


def test_a_bug_is_logged_with_its_traceback_and_without_personal_data(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def fails() -> None:
        raise ValueError(f"bad id {ID_NUMBER}")

    try:
        fails()
    except ValueError as exc:
        with caplog.at_level(logging.INFO):
            logged("the draft was not saved")(exc)
            log_failure(ApiError(422, "invalid", f"证件号码 {ID_NUMBER} 无效"), "refused")
            log_failure(PlatformUnreachable(ID_NUMBER), "offline")
    text = caplog.text
    assert "the draft was not saved: unexpected failure" in text
    assert "Traceback (most recent call last)" in text and "in fails" in text
    assert "refused: refused (422, invalid)" in text and "offline: unreachable" in text
    assert ID_NUMBER not in text


def test_cancelled_work_is_not_a_bug() -> None:
    from desktop.models.downloads import DownloadCancelled

    message = describe_failure(DownloadCancelled())
    assert message.kind == "cancelled" and message.text == "操作已取消。"
