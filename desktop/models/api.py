"""The platform API client: one ``requests.Session`` with timeouts.

API errors become typed exceptions carrying the server's code, message and field, so a
view can put the message at the field that caused it.  Only idempotent calls (GET, PUT,
DELETE) are retried on connection errors; a POST is sent once.  An expired access token is
refreshed once, transparently, and the call retried.

Thread safety: calls come from the task runner's worker threads.  Two locks, so that the
GUI thread never waits on the network: ``refresh_lock`` lets one worker at a time refresh
and is held across ``POST /sessions/refresh`` (seconds, when the platform is slow); ``lock``
only guards reading and swapping the pair and is never held across a request.  Logging out
(``set_tokens(None)``) therefore returns at once, and a refresh answered after it finds the
pair changed and drops what it got.

``requests`` is imported with the first call, on a worker: making a client costs nothing,
so a remembered learner's 个人主页 shows from the cache before the HTTP stack is loaded.
"""

from __future__ import annotations

import base64
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop import __version__
from desktop.models.api_types import (
    Captcha,
    Catalog,
    Change,
    ChangesPage,
    Course,
    CourseDetail,
    Enrollment,
    Health,
    Institution,
    LearnerInfo,
    LoginResult,
    Me,
    MediaUrl,
    Order,
    Package,
    Payment,
    Progress,
    Registration,
    Tokens,
)
from desktop.models.cancel import Cancelled, current_token
from desktop.models.credit_records import CreditRecordsYear, PastRecord
from desktop.models.errors import ApiError, AuthExpired, PlatformUnreachable, is_session_expired
from desktop.models.exams import Attempt, AttemptSummary, ExamOverview, SubmitResult
from desktop.models.invoices import Invoice, InvoiceRequest
from desktop.models.playback import WatchPushAnswer
from desktop.models.staff_admin import AuditPage, StaffAccount, StaffCreated
from desktop.models.walk_in import WalkIn, WalkInCreated
from rules._i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    import requests

    from desktop.models.http_abort import AbortableAdapter

__all__ = [
    "ApiClient",
    "ApiError",
    "AuthExpired",
    "Captcha",
    "Change",
    "ChangesPage",
    "Health",
    "LoginResult",
    "Me",
    "PlatformUnreachable",
    "Registration",
    "Tokens",
    "is_session_expired",
]

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1"
CONNECT_TIMEOUT_S = 3.05
READ_TIMEOUT_S = 20.0


@dataclass
class _TokenState:
    tokens: Tokens | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    """Guards ``tokens``; held for a swap only, never across a request."""
    refresh_lock: threading.Lock = field(default_factory=threading.Lock)
    """One refresh at a time (held across the request; never taken on the GUI thread)."""


class ApiClient:
    """Typed calls to the platform.

    ``on_tokens_changed`` is called (on a worker thread) whenever a refresh rotates the
    token pair, so the session store can keep the keyring current.
    """

    def __init__(
        self,
        base_url: str,
        *,
        on_tokens_changed: Callable[[Tokens | None], None] | None = None,
        timeout: tuple[float, float] = (CONNECT_TIMEOUT_S, READ_TIMEOUT_S),
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._timeout = timeout
        self._state = _TokenState()
        self.on_tokens_changed = on_tokens_changed
        self._session: requests.Session | None = None
        self._adapter: AbortableAdapter | None = None
        self._session_lock = threading.Lock()

    @property
    def _http(self) -> requests.Session:
        """The HTTP session, made (and ``requests`` imported) by the first call."""
        with self._session_lock:
            if self._session is None:
                import requests
                from urllib3.util.retry import Retry

                from desktop.models.http_abort import AbortableAdapter

                session = requests.Session()
                retry = Retry(
                    total=2,
                    connect=2,
                    read=1,
                    status=0,
                    backoff_factor=0.3,
                    allowed_methods=frozenset({"GET", "PUT", "DELETE", "HEAD", "OPTIONS"}),
                    raise_on_status=False,
                )
                adapter = AbortableAdapter(max_retries=retry, pool_maxsize=8)
                self._adapter = adapter
                session.mount("http://", adapter)
                session.mount("https://", adapter)
                session.headers["User-Agent"] = f"KJCE-Desktop/{__version__}"
                self._session = session
            return self._session

    def abort_all(self) -> None:
        """End every request in flight at once and refuse later ones (quitting: a request
        the platform does not answer must not keep the process alive).  A cancelled op's
        requests end by its cancel alone (``desktop/models/http_abort.py``)."""
        with self._session_lock:
            adapter = self._adapter
        if adapter is not None:
            adapter.abort_all()

    # -- tokens ---------------------------------------------------------------------

    @property
    def tokens(self) -> Tokens | None:
        return self._state.tokens

    def set_tokens(self, tokens: Tokens | None) -> None:
        with self._state.lock:
            self._state.tokens = tokens

    # -- plumbing -------------------------------------------------------------------

    def _send(
        self,
        method: str,
        path: str,
        *,
        auth: bool,
        json: Any = None,
        params: Any = None,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        stream: bool = False,
    ) -> requests.Response:
        hdrs = dict(headers or {})
        if auth:
            tokens = self._state.tokens
            if tokens is None:
                raise AuthExpired(401, "unauthorized", QT_TRANSLATE_NOOP("platform", "请先登录"))
            hdrs["Authorization"] = f"Bearer {tokens.access_token}"
        http = self._http  # imports requests on the first call
        import requests

        try:
            return http.request(
                method,
                self.base_url + API_PREFIX + path,
                json=json,
                params=params,
                data=data,
                headers=hdrs,
                timeout=self._timeout,
                stream=stream,
            )
        except (requests.ConnectionError, requests.Timeout) as exc:
            token = current_token()
            if token is not None and token.cancelled:
                raise Cancelled from exc  # the op's cancel shut the socket
            raise PlatformUnreachable(str(exc)) from exc

    def _call(self, method: str, path: str, *, auth: bool = True, **kwargs: Any) -> Any:
        """Send, refresh once on 401, and decode the JSON body or raise the typed error."""
        used = self._state.tokens
        response = self._send(method, path, auth=auth, **kwargs)
        if response.status_code == 401 and auth and used is not None:
            self._refresh_after_401(used)
            response = self._send(method, path, auth=auth, **kwargs)
        return self._decode(response, auth=auth)

    @staticmethod
    def _decode(response: requests.Response, *, auth: bool) -> Any:
        if response.status_code == 204:
            return None
        if response.ok:
            return response.json() if response.content else None
        try:
            error = response.json()["error"]
            code, message = str(error["code"]), str(error["message"])
            field = error.get("field")
            extra = {k: v for k, v in error.items() if k not in {"code", "message", "field"}}
        except (ValueError, KeyError, TypeError):
            code, message, field, extra = (
                "http_error",
                f"平台返回错误（HTTP {response.status_code}）",
                None,
                {},
            )
        if response.status_code >= 500 and code != "server_busy":  # busy: overload, says so
            log.error("platform error %s on %s", response.status_code, response.request.path_url)
            message = QT_TRANSLATE_NOOP("platform", "平台服务出现内部错误，请稍后重试")
        if response.status_code == 401 and auth:
            raise AuthExpired(401, code, message, field, **extra)
        raise ApiError(response.status_code, code, message, field, **extra)

    def _refresh_after_401(self, used: Tokens) -> None:
        with self._state.refresh_lock:
            current = self._state.tokens
            if current is not None and current != used:
                return  # another worker already refreshed
            if current is None:
                raise AuthExpired(
                    401, "unauthorized", QT_TRANSLATE_NOOP("platform", "登录已失效，请重新登录")
                )
            fresh = self._refresh(current)
        if self.on_tokens_changed is not None:
            self.on_tokens_changed(fresh)

    def _refresh(self, current: Tokens) -> Tokens:
        """``POST /sessions/refresh`` without holding ``lock``; the answer replaces the
        pair only if it is still *current* (not logged out or replaced meanwhile)."""
        response = self._send(
            "POST", "/sessions/refresh", auth=False, json={"refresh_token": current.refresh_token}
        )
        expired = AuthExpired(
            401, "refresh_invalid", QT_TRANSLATE_NOOP("platform", "登录已失效，请重新登录")
        )
        if response.status_code in (400, 401):
            self._replace_tokens(current, None)
            raise expired
        fresh = _tokens_from(self._decode(response, auth=False))
        if not self._replace_tokens(current, fresh):
            raise expired  # logged out while the refresh was under way: the answer is dropped
        return fresh

    def _replace_tokens(self, expected: Tokens, new: Tokens | None) -> bool:
        """Swap the pair for *new* if it still is *expected* (compare-and-set)."""
        with self._state.lock:
            if self._state.tokens is not expected:
                return False
            self._state.tokens = new
            return True

    # -- endpoints ------------------------------------------------------------------

    def health(self) -> Health:
        data = self._call("GET", "/health", auth=False)
        return Health(
            version=str(data.get("version", "")),
            captcha_required=bool(data.get("captcha_required", True)),
            demo_inbox=bool(data.get("demo_inbox", False)),
            payments_sandbox=data.get("payments") == "sandbox",
            server_time=str(data.get("server_time") or ""),
        )

    def new_captcha(self) -> Captcha:
        data = self._call("POST", "/captchas", auth=False)
        return Captcha(
            captcha_id=data["captcha_id"],
            png=base64.b64decode(data["image_png_base64"]),
            expires_in=int(data["expires_in"]),
        )

    def regions(self) -> list[dict[str, Any]]:
        return list(self._call("GET", "/regions", auth=False)["items"])

    def year(self, year: int) -> dict[str, Any]:
        return dict(self._call("GET", f"/years/{year}", auth=False))

    def check_eligibility(
        self, works_in_accounting: bool, resides_with_certificate: bool | None
    ) -> tuple[bool, str]:
        data = self._call(
            "POST",
            "/eligibility",
            auth=False,
            json={
                "works_in_accounting": works_in_accounting,
                "resides_with_certificate": resides_with_certificate,
            },
        )
        return bool(data["eligible"]), str(data.get("message") or "")

    def register(self, form: Registration) -> LoginResult:
        body = {
            "id_type": form.id_type,
            "id_number": form.id_number,
            "name": form.name,
            "phone": form.phone,
            "password": form.password,
            "eligibility": {
                "works_in_accounting": form.works_in_accounting,
                "resides_with_certificate": form.resides_with_certificate,
            },
            "captcha_id": form.captcha_id,
            "captcha_answer": form.captcha_answer,
        }
        return self._start_session(self._call("POST", "/accounts", auth=False, json=body))

    def login(
        self,
        id_number: str,
        password: str,
        captcha_id: str | None = None,
        captcha_answer: str | None = None,
    ) -> LoginResult:
        body = {
            "id_number": id_number,
            "password": password,
            "captcha_id": captcha_id,
            "captcha_answer": captcha_answer,
        }
        return self._start_session(self._call("POST", "/sessions", auth=False, json=body))

    def _start_session(self, data: dict[str, Any]) -> LoginResult:
        tokens = _tokens_from(data)
        self.set_tokens(tokens)
        return LoginResult(tokens=tokens, me=Me.from_json(data["account"]))

    def logout(self) -> None:
        """Revoke the current session; the local tokens are dropped either way."""
        tokens = self._state.tokens
        self.set_tokens(None)
        self.revoke(tokens)

    def revoke(self, tokens: Tokens | None) -> None:
        """Revoke the session of *tokens* on the platform (``DELETE /sessions/current``).

        Takes the pair explicitly so that a new login made meanwhile is never touched.
        """
        if tokens is None:
            return
        response = self._send(
            "DELETE", "/sessions/current", auth=False,
            headers={"Authorization": f"Bearer {tokens.access_token}"},
        )  # fmt: skip
        if response.status_code != 401:  # already expired or revoked: nothing to do
            self._decode(response, auth=False)

    def me(self) -> Me:
        return Me.from_json(self._call("GET", "/me"))

    def changes(self, cursor: int, limit: int = 200) -> ChangesPage:
        data = self._call("GET", "/changes", params={"cursor": cursor, "limit": limit})
        return ChangesPage(
            items=[
                Change(
                    seq=int(c["seq"]),
                    entity=c["entity"],
                    entity_id=str(c["entity_id"]),
                    op=c.get("op", "upsert"),
                )
                for c in data["items"]
            ],
            cursor=int(data["cursor"]),
            has_more=bool(data.get("has_more", False)),
        )

    # -- info collection (信息采集) -------------------------------------------------

    def profile(self) -> dict[str, Any]:
        """``GET /me/profile``: the profile as a plain dict in the API's shape."""
        return dict(self._call("GET", "/me/profile"))

    def save_profile(self, data: dict[str, Any]) -> dict[str, Any]:
        """``PUT /me/profile``: a draft while not collected, a change (信息变更) after."""
        return dict(self._call("PUT", "/me/profile", json=data))

    def submit_profile(self) -> dict[str, Any]:
        """``POST /me/profile/submit``; 422 ``profile_incomplete`` carries ``problems``."""
        return dict(self._call("POST", "/me/profile/submit"))

    def upload_attachment(self, kind: str, jpeg: bytes) -> dict[str, Any]:
        """``PUT`` the JPEG as the raw body (idempotent: a retry stores the same image)."""
        return dict(
            self._call(
                "PUT",
                f"/me/profile/attachments/{kind}",
                data=jpeg,
                headers={"Content-Type": "image/jpeg"},
            )
        )

    def attachment(self, kind: str) -> bytes:
        """The stored JPEG of *kind* (``ApiError`` 404 when none)."""
        used = self._state.tokens
        response = self._send("GET", f"/me/profile/attachments/{kind}", auth=True)
        if response.status_code == 401 and used is not None:
            self._refresh_after_401(used)
            response = self._send("GET", f"/me/profile/attachments/{kind}", auth=True)
        if not response.ok:
            self._decode(response, auth=True)
        return bytes(response.content)

    # -- institutions, purchase and the catalog (docs/api.md, issue 4) -------------

    def institutions(
        self,
        *,
        year: int | None = None,
        course_type: str | None = None,
        mode: str | None = None,
        q: str = "",
    ) -> list[Institution]:
        """学习资源: institutions offering packages of *year* (and type, mode, name)."""
        params: dict[str, Any] = {"year": year, "course_type": course_type, "mode": mode}
        if q.strip():
            params["q"] = q.strip()
        data = self._call(
            "GET", "/institutions", params={k: v for k, v in params.items() if v is not None}
        )
        return [Institution.from_json(item) for item in data["items"]]

    def learner_info(self, institution_id: str) -> LearnerInfo:
        """补充修改个人信息 (prefilled from the profile until first saved)."""
        return LearnerInfo.from_json(
            self._call("GET", f"/institutions/{institution_id}/learner-info")
        )

    def save_learner_info(
        self, institution_id: str, *, name: str, id_number: str, phone: str, district_code: str
    ) -> LearnerInfo:
        body = {
            "name": name,
            "id_number": id_number,
            "phone": phone,
            "district_code": district_code,
        }
        return LearnerInfo.from_json(
            self._call("PUT", f"/institutions/{institution_id}/learner-info", json=body)
        )

    def packages(self, institution_id: str, year: int) -> list[Package]:
        data = self._call("GET", f"/institutions/{institution_id}/packages", params={"year": year})
        return [Package.from_json(item) for item in data["items"]]

    def create_order(self, package_ids: list[str], *, idempotency_key: str | None = None) -> Order:
        """``POST /orders``: the new order, or the pending order of exactly these packages.

        Never retried here; *idempotency_key* (``desktop.models.action_keys``, one per
        click) makes the user's retry of the same purchase answer the first order.
        """
        return Order.from_json(
            self._call(
                "POST",
                "/orders",
                json={"package_ids": package_ids},
                headers=_idempotency(idempotency_key),
            )
        )

    def orders(self) -> list[Order]:
        return [Order.from_json(item) for item in self._call("GET", "/orders")["items"]]

    def create_payment(
        self, order_id: str, method: str, *, idempotency_key: str | None = None
    ) -> Payment:
        """A QR payment (``wechat`` | ``alipay``) of a pending order (one per key)."""
        return Payment.from_json(
            self._call(
                "POST",
                f"/orders/{order_id}/payments",
                json={"method": method},
                headers=_idempotency(idempotency_key),
            )
        )

    def payment(self, payment_id: str) -> Payment:
        return Payment.from_json(self._call("GET", f"/payments/{payment_id}"))

    def sandbox_confirm(self, payment_id: str) -> Payment:
        """The sandbox provider's "payer scanned and paid" (sandbox platforms only)."""
        return Payment.from_json(
            self._call("POST", f"/sandbox/payments/{payment_id}/confirm", auth=False)
        )

    def activate_card(
        self,
        card_number: str,
        password: str,
        order_id: str | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> tuple[Order, list[Enrollment]]:
        """激活学习卡: pays *order_id* (or buys the card's package on a new order)."""
        body = {"card_number": card_number, "password": password, "order_id": order_id}
        data = self._call(
            "POST", "/study-cards/activate", json=body, headers=_idempotency(idempotency_key)
        )
        return (
            Order.from_json(data["order"]),
            [Enrollment.from_json(item) for item in data.get("enrollments", ())],
        )

    # -- invoices (issue 6: 我的订单 → 申请发票 / 查看详情) ------------------------------

    def request_invoice(self, order_id: str, form: InvoiceRequest) -> Invoice:
        """``POST /orders/{id}/invoice`` (sent once; a second request is ``invoice_exists``)."""
        data = self._call("POST", f"/orders/{order_id}/invoice", json=form.to_json())
        return Invoice.from_json(data)

    def invoice(self, order_id: str) -> Invoice:
        """The order's invoice (``ApiError`` 404 when none was requested)."""
        return Invoice.from_json(self._call("GET", f"/orders/{order_id}/invoice"))

    def invoice_pdf(self, order_id: str) -> bytes:
        """The e-invoice PDF once issued (else ``ApiError`` ``invoice_not_issued``)."""
        path = f"/orders/{order_id}/invoice/pdf"
        used = self._state.tokens
        response = self._send("GET", path, auth=True)
        if response.status_code == 401 and used is not None:
            self._refresh_after_401(used)
            response = self._send("GET", path, auth=True)
        if not response.ok:
            self._decode(response, auth=True)
        return bytes(response.content)

    def enrollments(self, year: int | None = None) -> list[Enrollment]:
        params = {} if year is None else {"year": year}
        data = self._call("GET", "/enrollments", params=params)
        return [Enrollment.from_json(item) for item in data["items"]]

    def catalog(self, enrollment_id: str) -> Catalog:
        """The enrollment's courses in catalog order, with selection state."""
        data = self._call("GET", f"/enrollments/{enrollment_id}/courses")
        return _catalog_from(data)

    def select_course(self, enrollment_id: str, course_id: str) -> tuple[Course, Enrollment]:
        data = self._call("PUT", f"/enrollments/{enrollment_id}/selections/{course_id}")
        return Course.from_json(data["course"]), Enrollment.from_json(data["enrollment"])

    def deselect_course(self, enrollment_id: str, course_id: str) -> tuple[Course, Enrollment]:
        data = self._call("DELETE", f"/enrollments/{enrollment_id}/selections/{course_id}")
        return Course.from_json(data["course"]), Enrollment.from_json(data["enrollment"])

    def auto_select(self, enrollment_id: str) -> tuple[list[str], Catalog]:
        """一键选课: the ids added, and the catalog after it."""
        data = self._call("POST", f"/enrollments/{enrollment_id}/auto-select")
        return [str(i) for i in data.get("added", ())], _catalog_from(data)

    # -- courses, media, watch events and progress (docs/api.md, issue 5) ----------

    def course_json(self, course_id: str) -> dict[str, Any]:
        """``GET /courses/{id}`` as the platform answered it (the cache keeps this shape)."""
        return dict(self._call("GET", f"/courses/{course_id}"))

    def course(self, course_id: str) -> CourseDetail:
        return CourseDetail.from_json(self.course_json(course_id))

    def progress_json(self, year: int | None = None) -> dict[str, Any]:
        """``GET /progress?year=`` as answered (year omitted: the platform clock's year)."""
        params = {} if year is None else {"year": year}
        return dict(self._call("GET", "/progress", params=params))

    def progress(self, year: int | None = None) -> Progress:
        return Progress.from_json(self.progress_json(year))

    def media_url(self, chapter_id: str, preview: bool = False) -> MediaUrl:
        """A signed URL of the chapter's media (or trial preview) that VLC can open."""
        body = {"preview": True} if preview else {}
        data = self._call("POST", f"/chapters/{chapter_id}/media-url", json=body)
        return MediaUrl(url=str(data["url"]), expires_at=str(data.get("expires_at", "")))

    def push_watch_events(self, events: list[dict[str, Any]]) -> WatchPushAnswer:
        """``POST /watch-events`` (≤ 1000): accepted, refused, trimmed, and the progress.

        Sent once; a retry after a lost answer is safe, since the platform applies each
        event id at most once.
        """
        data = self._call("POST", "/watch-events", json={"events": events})
        return WatchPushAnswer.from_json(data)

    @contextmanager
    def open_download(self, path: str, start: int = 0) -> Iterator[requests.Response]:
        """A streamed ``GET`` of *path* from byte *start* (``Range``); the caller reads it.

        Yields the 200 (whole body) or 206 (from *start*) response; raises the typed
        error otherwise (416 when *start* is past the end).
        """
        headers = {"Range": f"bytes={start}-"} if start > 0 else {}
        used = self._state.tokens
        response = self._send("GET", path, auth=True, headers=headers, stream=True)
        if response.status_code == 401 and used is not None:
            response.close()
            self._refresh_after_401(used)
            response = self._send("GET", path, auth=True, headers=headers, stream=True)
        try:
            if response.status_code not in (200, 206):
                self._decode(response, auth=True)
            yield response
        finally:
            response.close()

    def request_password_reset(
        self,
        id_number: str,
        phone: str,
        captcha_id: str | None = None,
        captcha_answer: str | None = None,
    ) -> str:
        data = self._call(
            "POST",
            "/password-resets",
            auth=False,
            json={
                "id_number": id_number,
                "phone": phone,
                "captcha_id": captcha_id,
                "captcha_answer": captcha_answer,
            },
        )
        return str(data.get("sent_to", ""))

    def confirm_password_reset(self, id_number: str, code: str, new_password: str) -> None:
        self._call(
            "POST",
            "/password-resets/confirm",
            auth=False,
            json={"id_number": id_number, "code": code, "new_password": new_password},
        )

    def demo_inbox(self, phone: str) -> list[str]:
        """Messages the local notifier "sent" to *phone*, newest first (demo platforms only)."""
        data = self._call("GET", "/demo/inbox", auth=False, params={"phone": phone})
        return [str(item["text"]) for item in data["items"]]

    # -- credit records (issue 6: 继续教育情况, 往年继续教育查询) ---------------------

    def credit_records(self, year: int | None = None) -> CreditRecordsYear:
        """``GET /credit-records?year=`` (year omitted: the platform clock's year)."""
        params = {} if year is None else {"year": year}
        return CreditRecordsYear.from_json(self._call("GET", "/credit-records", params=params))

    def lookup_records(
        self,
        id_number: str,
        year: int,
        captcha_id: str | None = None,
        captcha_answer: str | None = None,
    ) -> list[PastRecord]:
        """往年继续教育查询: the province's rows of *year* for the caller's own ID number."""
        body = {
            "id_number": id_number,
            "year": year,
            "captcha_id": captcha_id,
            "captcha_answer": captcha_answer,
        }
        data = self._call("POST", "/credit-records/lookup", json=body)
        return [PastRecord.from_json(item) for item in data["items"]]

    # -- exams (issue 6: 公需考试 and the exam dialog) ---------------------------------

    def exams(self, year: int | None = None) -> ExamOverview:
        """``GET /exams?year=`` (year omitted: the platform clock's year)."""
        params = {} if year is None else {"year": year}
        return ExamOverview.from_json(self._call("GET", "/exams", params=params))

    def exam_attempts(self, exam_id: str) -> list[AttemptSummary]:
        """The learner's attempts of *exam_id*, oldest first."""
        data = self._call("GET", f"/exams/{exam_id}/attempts")
        return [AttemptSummary.from_json(item) for item in data["items"]]

    def start_attempt(self, exam_id: str) -> Attempt:
        """``POST /exams/{id}/attempts``: a new attempt, or the one still in progress."""
        return Attempt.from_json(self._call("POST", f"/exams/{exam_id}/attempts"))

    def attempt(self, attempt_id: str) -> Attempt:
        """``GET /attempts/{id}`` (graded first by the platform if its time ran out)."""
        return Attempt.from_json(self._call("GET", f"/attempts/{attempt_id}"))

    def save_answers(
        self, attempt_id: str, answers: dict[str, list[str]], version: int
    ) -> dict[str, Any]:
        """``PUT /attempts/{id}/answers``: only the questions changed here, merged per
        question, if the attempt is still at *version* (``If-Match``).  412
        ``attempt_changed`` carries the current ``answers`` and ``version``; 409
        ``attempt_closed`` the ``result``."""
        return dict(
            self._call(
                "PUT",
                f"/attempts/{attempt_id}/answers",
                json={"answers": answers},
                headers={"If-Match": f'"{int(version)}"'},
            )
        )

    def submit_attempt(
        self,
        attempt_id: str,
        answers: dict[str, list[str]] | None,
        version: int,
        key: str,
    ) -> SubmitResult:
        """``POST /attempts/{id}/submit``: the paper of *version* graded on the platform;
        *key* (``Idempotency-Key``, one per 交卷 action) makes its retry answer the result
        again.  Refusals as ``save_answers``."""
        body = None if answers is None else {"answers": answers}
        return SubmitResult.from_json(
            self._call(
                "POST",
                f"/attempts/{attempt_id}/submit",
                json=body,
                headers={"If-Match": f'"{int(version)}"', "Idempotency-Key": key},
            )
        )

    # -- front desk: walk-ins and the password (issue 7, the desk) ---------------------

    def staff_walk_ins(self, date: str | None = None, q: str = "") -> list[WalkIn]:
        """``GET /staff/walk-ins``: the institution's walk-ins of *date* (default: today by
        the platform's clock), newest first; *q* matches a name or the last 4 of an ID."""
        params: dict[str, Any] = {}
        if date:
            params["date"] = date
        if q.strip():
            params["q"] = q.strip()
        data = self._call("GET", "/staff/walk-ins", params=params)
        return [WalkIn.from_json(item) for item in data["items"]]

    def create_walk_in(self, body: dict[str, Any]) -> WalkInCreated:
        """``POST /staff/walk-ins`` (sent once: a retry could register twice); 422
        ``walk_in_invalid`` carries every problem in ``problems``."""
        return WalkInCreated.from_json(self._call("POST", "/staff/walk-ins", json=body))

    def change_password(self, old_password: str, new_password: str) -> Me:
        """``PUT /me/password``: clears ``must_change_password``; this session stays."""
        body = {"old_password": old_password, "new_password": new_password}
        return Me.from_json(self._call("PUT", "/me/password", json=body))

    # -- front desk: payment at the counter, administrators (issue 7, desk operations) --

    def create_walk_in_order(
        self, walk_in_id: str, package_ids: list[str], *, idempotency_key: str | None = None
    ) -> Order:
        """``POST /staff/walk-ins/{id}/orders`` (sent once; the key makes a retry answer the
        first order); a ¥0 order comes back paid."""
        body = {"package_ids": package_ids}
        return Order.from_json(
            self._call(
                "POST",
                f"/staff/walk-ins/{walk_in_id}/orders",
                json=body,
                headers=_idempotency(idempotency_key),
            )
        )

    def cash_payment(
        self, order_id: str, received_fen: int, *, idempotency_key: str | None = None
    ) -> Order:
        """``POST /staff/orders/{id}/cash-payment``: the amount received must equal the order's."""
        body = {"received_fen": received_fen}
        return Order.from_json(
            self._call(
                "POST",
                f"/staff/orders/{order_id}/cash-payment",
                json=body,
                headers=_idempotency(idempotency_key),
            )
        )

    def walk_in_card_payment(
        self,
        order_id: str,
        card_number: str,
        password: str,
        *,
        idempotency_key: str | None = None,
    ) -> Order:
        """``POST /staff/orders/{id}/study-card``: a walk-in's order paid by a study card."""
        body = {"card_number": card_number, "password": password}
        return Order.from_json(
            self._call(
                "POST",
                f"/staff/orders/{order_id}/study-card",
                json=body,
                headers=_idempotency(idempotency_key),
            )
        )

    def staff_accounts(self) -> list[StaffAccount]:
        """``GET /staff/accounts`` (administrators): the institution's staff."""
        data = self._call("GET", "/staff/accounts")
        return [StaffAccount.from_json(item) for item in data["items"]]

    def create_staff(self, username: str, name: str, role: str) -> StaffCreated:
        """``POST /staff/accounts``: the new account and its one-time password (shown once)."""
        body = {"username": username, "name": name, "role": role}
        return StaffCreated.from_json(self._call("POST", "/staff/accounts", json=body))

    def set_staff_enabled(self, account_id: str, enabled: bool) -> StaffAccount:
        """启用 / 停用 a staff account (disabling revokes its sessions)."""
        action = "enable" if enabled else "disable"
        return StaffAccount.from_json(self._call("POST", f"/staff/accounts/{account_id}/{action}"))

    def audit_log(self, before: int | None = None, limit: int = 200) -> AuditPage:
        """``GET /staff/audit-log``: newest first; *before* pages to older entries."""
        params: dict[str, Any] = {"limit": limit}
        if before is not None:
            params["before"] = before
        return AuditPage.from_json(self._call("GET", "/staff/audit-log", params=params))


def _idempotency(key: str | None) -> dict[str, str] | None:
    """The ``Idempotency-Key`` header of one user action (``desktop.models.action_keys``)."""
    return {"Idempotency-Key": key} if key else None


def _catalog_from(data: dict[str, Any]) -> Catalog:
    return Catalog(
        enrollment=Enrollment.from_json(data["enrollment"]),
        courses=tuple(Course.from_json(item) for item in data["items"]),
    )


def _tokens_from(data: dict[str, Any]) -> Tokens:
    return Tokens(
        access_token=data["access_token"],
        refresh_token=data["refresh_token"],
        expires_in=int(data.get("expires_in", 1800)),
    )
