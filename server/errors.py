"""The error envelope of docs/api.md, for every 4xx, and a 500 that still answers in it.

``{"error": {"code": ..., "message": <Chinese>, "field": ... , <extra keys>}}``
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Send

log = logging.getLogger(__name__)


class ApiError(Exception):
    """An expected refusal: status, stable code, Chinese message and the field at fault."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        field: str | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers
        self.extra = extra


def error_body(code: str, message: str, field: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "field": field, **extra}}


async def send_error(
    send: Send,
    status: int,
    code: str,
    message: str,
    headers: dict[str, str] | None = None,
) -> None:
    """Answer in the envelope from an ASGI middleware, before any route has run."""
    body = json.dumps(error_body(code, message), ensure_ascii=False).encode()
    raw: list[tuple[bytes, bytes]] = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ]
    raw += [
        (name.encode("latin-1"), value.encode("latin-1")) for name, value in (headers or {}).items()
    ]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


_HTTP_CODES: dict[int, tuple[str, str]] = {
    400: ("bad_request", "请求无效"),
    401: ("unauthorized", "请先登录"),
    403: ("forbidden", "没有权限执行此操作"),
    404: ("not_found", "请求的内容不存在"),
    405: ("method_not_allowed", "不支持此请求方法"),
    413: ("payload_too_large", "请求内容过大"),
    415: ("unsupported_media_type", "不支持此内容类型"),
    429: ("rate_limited", "请求过于频繁，请稍后再试"),
}

_UNPARSABLE_BODY = "There was an error parsing the body"

_LOCATION_ROOTS = {"body", "query", "path", "header", "cookie"}


def _validation_message(error: dict[str, Any]) -> str:
    """A Chinese message per pydantic error type; the context fills in limits."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "此项为必填项"
    if kind == "json_invalid":
        return "请求内容不是有效的 JSON"
    if kind == "string_too_long":
        return f"内容过长，最多 {ctx.get('max_length', '')} 个字符"
    if kind == "string_too_short":
        return f"内容过短，至少 {ctx.get('min_length', '')} 个字符"
    if kind in {"string_type", "string_unicode"}:
        return "应为文本"
    if kind in {"bool_type", "bool_parsing"}:
        return "应为“是”或“否”"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return "应为整数"
    if kind in {"float_type", "float_parsing"}:
        return "应为数字"
    if kind in {"greater_than_equal", "greater_than"}:
        return f"不能小于 {ctx.get('ge', ctx.get('gt', ''))}"
    if kind in {"less_than_equal", "less_than"}:
        return f"不能大于 {ctx.get('le', ctx.get('lt', ''))}"
    if kind in {"enum", "literal_error"}:
        return f"取值无效，应为 {ctx.get('expected', '')}".rstrip()
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return "格式不正确，应为 JSON 对象"
    if kind in {"list_type", "tuple_type"}:
        return "格式不正确，应为列表"
    if kind in {"uuid_type", "uuid_parsing"}:
        return "编号格式不正确"
    if kind == "too_long":  # a list: e.g. more than 1,000 watch events in one batch
        return f"一次最多 {ctx.get('max_length', '')} 项，请分批提交"
    if kind == "too_short":
        return f"至少 {ctx.get('min_length', '')} 项"
    return "格式不正确"


def _field_of(loc: Sequence[Any]) -> str | None:
    """The last named element of a pydantic location (list indexes and roots are skipped)."""
    for part in reversed(loc):
        if isinstance(part, str) and part not in _LOCATION_ROOTS:
            return part
    return None


async def _api_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return JSONResponse(
        error_body(exc.code, exc.message, exc.field, **exc.extra),
        status_code=exc.status,
        headers=exc.headers,
    )


async def _http_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400 and exc.detail == _UNPARSABLE_BODY:
        # FastAPI's answer to a body it cannot even decode (e.g. not UTF-8).
        return JSONResponse(
            error_body("validation_error", "请求内容不是有效的 JSON"), status_code=422
        )
    code, message = _HTTP_CODES.get(exc.status_code, ("http_error", "请求无法处理"))
    return JSONResponse(error_body(code, message), status_code=exc.status_code, headers=exc.headers)


async def _validation_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    first = errors[0] if errors else {}
    field = None if first.get("type") == "json_invalid" else _field_of(first.get("loc", ()))
    details = [
        {"field": _field_of(e.get("loc", ())), "message": _validation_message(e)} for e in errors
    ]
    return JSONResponse(
        error_body("validation_error", _validation_message(first), field, details=details),
        status_code=422,
    )


async def _unexpected_error_handler(request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse(error_body("internal_error", "服务器内部错误，请稍后再试"), status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    """Route every kind of failure through the envelope."""
    app.add_exception_handler(ApiError, _api_error_handler)
    app.add_exception_handler(StarletteHTTPException, _http_error_handler)
    app.add_exception_handler(RequestValidationError, _validation_error_handler)
    app.add_exception_handler(Exception, _unexpected_error_handler)
