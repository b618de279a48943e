"""Attacks of issue 15 — forged watch time, doubled money, limits under concurrency —
against this tree and, with ``--base``, another revision, side by side in one run.

    python benchmarks/attacks.py [--base REV] [--only watch|money|limits] [--rounds 3]
                                 [--pg postgresql+psycopg://kjce:kjce@127.0.0.1:5432/postgres]

Each tree serves its own ``python -m server`` (the base from a ``git worktree`` of REV in a
temporary directory, removed at the end) over fresh databases: SQLite files, or with
``--pg`` new databases on that PostgreSQL server, dropped at the end.  The same client —
this tree's test helpers, over real HTTP — then tries, as a hostile client would:

* watch: forged watch events (zero-length spans, events stacked on one wall second,
  sliding overlaps, three devices posting the same wall time at once, year 1 / 9999);
* money: a double-clicked order and payment, eight ¥0 orders at once, wrong study-card
  passwords at once, a QR payment confirmed after its package closed;
* limits: wrong logins, reset codes and old passwords at once, one captcha used five times
  at once, a 300 MB body without a token.

Concurrent requests are fired together through a ``threading.Barrier``; races are repeated
``--rounds`` times, each with a new learner, and a cell gives the range over the rounds.
"Checked" counts come from the platform's log lines, or (marked *) from its answers
where that tree does not log the try.  Loopback only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any, Generic, TypeVar
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from tests.helpers import postgres  # noqa: E402
from tests.helpers.learners import collected_learner, enrolled_learner, fill_learner_info  # noqa: E402
from tests.helpers.platform import PlatformProcess, bearer, login, register  # noqa: E402

BOUGHT = "2021-06-21T09:00:00+08:00"  # learners are made and buy
STUDY = "2021-08-01T09:00:00+08:00"  # their forged events are posted, weeks later
CHINA = dt.timezone(dt.timedelta(hours=8))
ORIGIN = dt.datetime.fromisoformat(BOUGHT) + dt.timedelta(hours=1)  # the forged wall clock
COURSE = "yhdc-2021-public-c01"
PROFESSIONAL, PUBLIC = "yhdc-2021-professional", "yhdc-2021-public"
DEMO_CARD = "880021000001"  # a real demo card (server/data/demo_catalog.json)
LAST_ORDER_DAY = "2021-12-31T23:50:00+08:00"
AFTER_CLOSE = "2022-01-05T10:00:00+08:00"
BODY_MB = 300
TIMEOUT = 120  # seconds: the machine may be busy with other work
LOGGED_MARK = "*"


# --- trees and platforms -----------------------------------------------------------------


@dataclass(frozen=True)
class Tree:
    """A source tree whose platform is attacked."""

    label: str
    root: Path

    def logs(self, marker: str) -> bool:
        """Whether the tree's platform writes log lines holding *marker* (older trees log
        fewer tries; their tries are then counted from the answers)."""
        return _logged(self.root, marker)


@cache
def _logged(root: Path, marker: str) -> bool:
    return any(marker in path.read_text("utf-8") for path in (root / "server").rglob("*.py"))


class TreePlatform(PlatformProcess):
    """``python -m server`` of *tree*: its code serves, not this checkout's."""

    def __init__(self, tree: Tree, workdir: Path, **options: Any) -> None:
        super().__init__(workdir, env={"PYTHONPATH": str(tree.root)}, **options)
        self.tree = tree

    def command(self) -> list[str]:
        python, *rest = super().command()
        # -P: the working directory (this checkout) is not put first on sys.path, so the
        # tree on PYTHONPATH is the one imported.
        return [python, "-P", *rest]

    def start(self, timeout: float = TIMEOUT) -> None:
        super().start(timeout)

    @contextmanager
    def sibling(self, name: str, **options: Any) -> Iterator[TreePlatform]:
        """Another platform of the same tree over a database of its own."""
        with running(self.tree, self.workdir.parent / name, **options) as other:
            yield other


@contextmanager
def running(tree: Tree, workdir: Path, **options: Any) -> Iterator[TreePlatform]:
    platform = TreePlatform(tree, workdir, **options)
    platform.start()
    try:
        yield platform
    finally:
        platform.stop()


@contextmanager
def worktree(rev: str, parent: Path) -> Iterator[Path]:
    """A checkout of *rev* (``git worktree add``), removed afterwards."""
    path = parent / "base-tree"
    git = ["git", "-C", str(ROOT), "worktree"]
    subprocess.run([*git, "add", "--detach", "--quiet", str(path), rev], check=True)
    try:
        yield path
    finally:
        subprocess.run([*git, "remove", "--force", str(path)], check=False)


# --- requests ----------------------------------------------------------------------------

Answer = requests.Response | Exception


def together(calls: Sequence[Callable[[], requests.Response]]) -> list[Answer]:
    """Fire *calls* at the same instant (a barrier); their answers, or what they raised."""
    barrier = threading.Barrier(len(calls))
    answers: list[Answer] = [RuntimeError("not run")] * len(calls)

    def run(index: int) -> None:
        barrier.wait()
        try:
            answers[index] = calls[index]()
        except Exception as error:
            answers[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def error_code(answer: Answer) -> str:
    """``status code`` of an answer (e.g. ``423 account_locked``), or the exception's name."""
    if isinstance(answer, Exception):
        return type(answer).__name__
    try:
        error = answer.json().get("error") or {}
    except (ValueError, AttributeError):
        error = {}
    return f"{answer.status_code} {error.get('code', '')}".strip()


def answered(answers: Sequence[Answer], status: int) -> list[requests.Response]:
    """The answers of status *status* (a request that raised has none)."""
    return [a for a in answers if isinstance(a, requests.Response) and a.status_code == status]


def get(platform: PlatformProcess, path: str, token: str, **params: Any) -> Any:
    response = requests.get(
        platform.api + path, params=params, headers=bearer(token), timeout=TIMEOUT
    )
    response.raise_for_status()
    return response.json()


def post(
    platform: PlatformProcess, path: str, token: str | None = None, **body: Any
) -> requests.Response:
    headers = bearer(token) if token else {}
    return requests.post(platform.api + path, json=body, headers=headers, timeout=TIMEOUT)


def log_count(platform: PlatformProcess, marker: str) -> int:
    return platform.log_text().count(marker)


def checked(
    platform: TreePlatform,
    marker: str,
    before: int,
    answers: Sequence[Answer],
    compared: Callable[[requests.Response], bool],
) -> tuple[int, bool]:
    """Tries the platform checked: its log lines holding *marker* since *before*, or, if the
    tree does not log them, the answers that show a comparison.  (count, from the log)."""
    if platform.tree.logs(marker):
        time.sleep(0.3)  # the last lines reach the file
        return log_count(platform, marker) - before, True
    return sum(1 for a in answers if not isinstance(a, Exception) and compared(a)), False


# --- cells -------------------------------------------------------------------------------


def spread(values: Sequence[float]) -> str:
    """The range of a figure over the rounds: ``60`` or ``20–60``."""
    low, high = min(values), max(values)
    return f"{low:g}" if low == high else f"{low:g}–{high:g}"


def tally(values: Sequence[str]) -> str:
    """Outcomes over the rounds: ``201`` or ``423 ×2, 201 ×1``."""
    counts = Counter(values)
    if len(counts) == 1:
        return values[0]
    return ", ".join(f"{value} ×{n}" for value, n in counts.most_common())


def yuan(fen: float) -> float:
    return fen / 100


def mark(from_log: Sequence[bool]) -> str:
    return "" if all(from_log) else LOGGED_MARK


# --- watch -------------------------------------------------------------------------------


@dataclass
class Study:
    """Learners bought their packages on *shop* (June); *study* serves the same database
    weeks later, so the forged wall times lie in the past and only the ledger judges them."""

    shop: TreePlatform
    study: TreePlatform

    def learner(self) -> tuple[str, list[tuple[str, int]]]:
        """A new enrolled learner's token on *study*, and COURSE's (chapter, duration ms)."""
        learner = enrolled_learner(self.shop)
        answer = login(self.study, learner["id_number"], learner["password"])
        answer.raise_for_status()
        token = answer.json()["access_token"]
        course = get(self.study, f"/courses/{COURSE}", token)
        return token, [(c["id"], int(c["duration_ms"])) for c in course["chapters"]]

    def send(self, token: str, events: list[dict[str, Any]]) -> requests.Response:
        return post(self.study, "/watch-events", token, events=events)

    def credited_s(self, token: str) -> float:
        progress = get(self.study, "/progress", token, year=2021)
        course = next(c for c in progress["courses"] if c["course_id"] == COURSE)
        return float(course["watched_ms"]) / 1000

    def exam_state(self, token: str) -> str:
        return str(get(self.study, "/exams", token, year=2021)["items"][0]["state"])


def event(
    chapter: str, from_ms: int, to_ms: int, started: dt.datetime, ended: dt.datetime
) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "chapter_id": chapter,
        "from_ms": from_ms,
        "to_ms": to_ms,
        "started_at": started.astimezone(CHINA).isoformat(),
        "ended_at": ended.astimezone(CHINA).isoformat(),
        "rate": 1.0,
        "app_version": "0.1.0",
    }


def wall(ms: float) -> dt.datetime:
    """*ms* after the forged wall clock's origin."""
    return ORIGIN + dt.timedelta(milliseconds=ms)


def longest(chapters: list[tuple[str, int]]) -> str:
    return max(chapters, key=lambda c: c[1])[0]


def zero_length(s: Study, rounds: int) -> str:
    """An event per second of the whole course, each with started_at = ended_at."""
    credited, exams = [], []
    for _ in range(rounds):
        token, chapters = s.learner()
        events: list[dict[str, Any]] = []
        for chapter, duration_ms in chapters:
            for second in range(duration_ms // 1000):
                at = wall(1000 * len(events))
                events.append(event(chapter, 1000 * second, 1000 * second + 1000, at, at))
        s.send(token, events)
        credited.append(s.credited_s(token))
        exams.append(s.exam_state(token))
    return f"{spread(credited)} s credited, exam {tally(exams)}"


def stacked(s: Study, rounds: int) -> str:
    """Eight events of 2 s of media on one wall-clock second."""
    credited = []
    for _ in range(rounds):
        token, chapters = s.learner()
        chapter = longest(chapters)
        s.send(
            token,
            [event(chapter, 2000 * n, 2000 * n + 2000, wall(0), wall(1000)) for n in range(8)],
        )
        credited.append(s.credited_s(token))
    return f"{spread(credited)} s credited"


def sliding(s: Study, rounds: int) -> str:
    """Forty events of 1 s of wall clock and 0.5 s of media, each 50 ms after the last."""
    credited = []
    for _ in range(rounds):
        token, chapters = s.learner()
        chapter = longest(chapters)
        s.send(
            token,
            [
                event(chapter, 500 * n, 500 * n + 500, wall(50 * n), wall(50 * n + 1000))
                for n in range(40)
            ],
        )
        credited.append(s.credited_s(token))
    return f"{spread(credited)} s credited"


def three_devices(s: Study, rounds: int) -> str:
    """Three batches at once, each the same 20 s of wall clock on another chapter."""
    credited = []
    for _ in range(rounds):
        token, chapters = s.learner()
        batches = [
            [
                event(chapter, 5000 * n, 5000 * n + 5000, wall(5000 * n), wall(5000 * n + 5000))
                for n in range(4)
            ]
            for chapter, _ in chapters[:3]
        ]
        together([partial(s.send, token, batch) for batch in batches])
        credited.append(s.credited_s(token))
    return f"{spread(credited)} s credited"


def far_timestamps(s: Study, rounds: int) -> str:
    """One event starting in year 1, one ending in year 9999 (once: nothing races)."""
    token, chapters = s.learner()
    outcomes = []
    for key, stamp in (
        ("started_at", "0001-01-01T00:00:00+08:00"),
        ("ended_at", "9999-12-31T23:59:59-08:00"),
    ):
        forged = event(chapters[0][0], 0, 1000, wall(0), wall(1000))
        forged[key] = stamp
        answer = s.send(token, [forged])
        if answer.status_code == 200:
            refused = sorted({r["code"] for r in answer.json()["refused"]})
            outcomes.append(f"200 refused {','.join(refused)}" if refused else "200 accepted")
        else:
            outcomes.append(error_code(answer))
    return " / ".join(outcomes)


# --- money -------------------------------------------------------------------------------


def buyer(platform: PlatformProcess) -> str:
    """A collected learner who gave 补充信息: ready to order; their token."""
    token: str = collected_learner(platform)["access_token"]
    fill_learner_info(platform, token)
    return token


def orders(platform: PlatformProcess, token: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = get(platform, "/orders", token)["items"]
    return items


def enrollments(platform: PlatformProcess, token: str) -> int:
    answer = get(platform, "/enrollments", token, year=2021)
    return len(answer["items"] if isinstance(answer, dict) else answer)


def confirm_all(platform: PlatformProcess, payment_ids: Sequence[str]) -> float:
    """The payer's phone confirms every payment at once; the fen the platform took as paid."""
    answers = together(
        [
            partial(
                requests.post, f"{platform.api}/sandbox/payments/{pid}/confirm", timeout=TIMEOUT
            )
            for pid in payment_ids
        ]
    )
    confirmed = [a.json() for a in answered(answers, 200)]
    return sum(c["amount_fen"] for c in confirmed if c["status"] == "paid")


def new_payment(platform: PlatformProcess, token: str, order_id: str) -> requests.Response:
    return post(platform, f"/orders/{order_id}/payments", token, method="wechat")


def double_order(p: TreePlatform, rounds: int) -> str:
    """Two orders of one package sent at once (a double click), then every order paid."""
    made, paid, enrolled = [], [], []
    for _ in range(rounds):
        token = buyer(p)
        together([partial(post, p, "/orders", token, package_ids=[PROFESSIONAL])] * 2)
        pending = [o["id"] for o in orders(p, token) if o["status"] == "pending"]
        made.append(len(orders(p, token)))
        payments = [new_payment(p, token, oid) for oid in pending]
        paid.append(
            yuan(confirm_all(p, [r.json()["id"] for r in payments if r.status_code == 201]))
        )
        enrolled.append(enrollments(p, token))
    return f"{spread(made)} order(s), ¥{spread(paid)} paid, {spread(enrolled)} enrollment(s)"


def double_payment(p: TreePlatform, rounds: int) -> str:
    """One order; two QR payments made at once (a double click), both confirmed at once."""
    paid, enrolled = [], []
    for _ in range(rounds):
        token = buyer(p)
        order = post(p, "/orders", token, package_ids=[PROFESSIONAL]).json()
        made = together([partial(new_payment, p, token, order["id"])] * 2)
        ids = [a.json()["id"] for a in answered(made, 201)]
        paid.append(yuan(confirm_all(p, ids)))
        enrolled.append(enrollments(p, token))
    return f"¥{spread(paid)} paid, {spread(enrolled)} enrollment(s)"


def free_orders(p: TreePlatform, rounds: int) -> str:
    """Eight orders of the ¥0 public package at once."""
    made, enrolled = [], []
    for _ in range(rounds):
        token = buyer(p)
        together([partial(post, p, "/orders", token, package_ids=[PUBLIC])] * 8)
        made.append(len(orders(p, token)))
        enrolled.append(enrollments(p, token))
    return f"{spread(made)} order(s), {spread(enrolled)} enrollment(s)"


def card_tries(p: TreePlatform, rounds: int) -> str:
    """Twenty wrong passwords of a real study card at once (the limit is 5 per 15 minutes)."""
    marker = "wrong study card try"
    counts, from_log = [], []
    for _ in range(rounds):
        token = buyer(p)
        before = log_count(p, marker)
        answers = together(
            [
                partial(
                    post,
                    p,
                    "/study-cards/activate",
                    token,
                    card_number=DEMO_CARD,
                    password=f"WRONG{n:03d}",
                )
                for n in range(20)
            ]
        )
        count, logged = checked(p, marker, before, answers, lambda a: "password" in error_code(a))
        counts.append(count)
        from_log.append(logged)
    return f"{spread(counts)} checked{mark(from_log)}"


def late_confirm(p: TreePlatform, rounds: int) -> str:
    """A QR payment made on 31 Dec at 23:50, confirmed on 5 Jan after the package closed."""
    with p.sibling("late", now=LAST_ORDER_DAY) as late:
        learner = collected_learner(late)
        token = learner["access_token"]
        fill_learner_info(late, token)
        order = post(late, "/orders", token, package_ids=[PROFESSIONAL]).json()
        payment = new_payment(late, token, order["id"]).json()
        late.restart(now=AFTER_CLOSE)
        token = login(late, learner["id_number"], learner["password"]).json()["access_token"]
        answer = requests.post(
            f"{late.api}/sandbox/payments/{payment['id']}/confirm", timeout=TIMEOUT
        )
        outcome = answer.json().get("status") if answer.status_code == 200 else error_code(answer)
        state = orders(late, token)[0]["status"]
        return f"confirm: {outcome}; order {state}, {enrollments(late, token)} enrollment(s)"


# --- limits ------------------------------------------------------------------------------


def wrong_logins(p: TreePlatform, rounds: int) -> str:
    """Thirty wrong passwords at once (lockout at 5), then the right one."""
    marker = "login failed for"
    counts, from_log, after = [], [], []
    for _ in range(rounds):
        learner = register(p)
        number = learner["account"]["id_number"]
        before = log_count(p, marker)
        answers = together(
            [partial(post, p, "/sessions", id_number=number, password="wrong1234")] * 30
        )
        count, logged = checked(
            p, marker, before, answers, lambda a: error_code(a) == "401 login_failed"
        )
        counts.append(count)
        from_log.append(logged)
        after.append(
            str(post(p, "/sessions", id_number=number, password=learner["password"]).status_code)
        )
    return f"{spread(counts)} checked{mark(from_log)}; right password then: {tally(after)}"


def reset_codes(p: TreePlatform, rounds: int) -> str:
    """Forty wrong reset codes at once (5 tries per code), then the right code."""
    marker = "wrong reset code"
    counts, from_log, after = [], [], []
    for round_ in range(rounds):
        phone = f"1390000{round_:04d}"
        number = register(p, phone=phone)["account"]["id_number"]
        sent = post(p, "/password-resets", id_number=number, phone=phone)
        sent.raise_for_status()
        inbox = requests.get(f"{p.api}/demo/inbox", params={"phone": phone}, timeout=TIMEOUT).json()
        code = six_digits(inbox["items"][0]["text"])
        url = "/password-resets/confirm"
        before = log_count(p, marker)
        wrong = [f"{(int(code) + n) % 1_000_000:06d}" for n in range(1, 41)]
        answers = together(
            [
                partial(post, p, url, id_number=number, code=w, new_password="newpass123")
                for w in wrong
            ]
        )
        count, logged = checked(
            p,
            marker,
            before,
            answers,
            lambda a: "无效或已过期" not in a.text and a.status_code == 400,
        )
        counts.append(count)
        from_log.append(logged)
        right = post(p, url, id_number=number, code=code, new_password="newpass123")
        after.append(str(right.status_code))
    return f"{spread(counts)} compared{mark(from_log)}; right code then: {tally(after)}"


def six_digits(text: str) -> str:
    """The code in the text message."""
    digits = "".join(c if c.isdigit() else " " for c in text).split()
    return next(d for d in digits if len(d) == 6)


def captcha_reuse(p: TreePlatform, rounds: int) -> str:
    """One solved captcha sent with five right logins at once (it is good for one)."""
    opened = []
    with p.sibling("captcha", captcha=True) as guarded:
        for _ in range(rounds):
            learner = register(guarded)
            body = {"id_number": learner["account"]["id_number"], "password": learner["password"]}
            body.update(guarded.solved_captcha())
            answers = together([partial(post, guarded, "/sessions", **body)] * 5)
            opened.append(len(answered(answers, 201)))
    return f"{spread(opened)} sessions opened"


def wrong_old_passwords(p: TreePlatform, rounds: int) -> str:
    """Thirty wrong old passwords at once on PUT /me/password, then the right one."""
    marker = "wrong old password"
    counts, from_log, after = [], [], []
    url = p.api + "/me/password"
    for _ in range(rounds):
        learner = register(p)
        auth = bearer(learner["access_token"])
        before = log_count(p, marker)
        answers = together([partial(change, url, auth, f"wrong{n:04d}x") for n in range(30)])
        count, logged = checked(
            p, marker, before, answers, lambda a: error_code(a) == "422 password_wrong"
        )
        counts.append(count)
        from_log.append(logged)
        after.append(str(change(url, auth, learner["password"]).status_code))
    return f"{spread(counts)} checked{mark(from_log)}; right one then: {tally(after)}"


def change(url: str, auth: dict[str, str], old_password: str) -> requests.Response:
    body = {"old_password": old_password, "new_password": "newpass123"}
    return requests.put(url, json=body, headers=auth, timeout=TIMEOUT)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def push_body(platform: PlatformProcess, chunked: bool) -> str:
    """PUT /me/password with BODY_MB of text and no token, sent whatever the server says
    (a client that does not listen); the answer's status, if one came.  Not JSON: older
    trees capped JSON bodies only."""
    url = urlsplit(platform.url)
    total = BODY_MB * 1024 * 1024
    framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {total}"
    head = (
        f"PUT /api/v1/me/password HTTP/1.1\r\nHost: {url.netloc}\r\n"
        f"Content-Type: text/plain\r\n{framing}\r\n\r\n"
    )
    piece = b"x" * (256 * 1024)
    wire = b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece
    answer = b""
    with socket.create_connection((url.hostname, url.port), timeout=TIMEOUT) as sock:
        try:
            sock.sendall(head.encode())
            for _ in range(total // len(piece)):
                sock.sendall(wire)
            if chunked:
                sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server stopped listening: what it answered may still be there
        try:
            while b"\r\n" not in answer and (data := sock.recv(65536)):
                answer += data
        except (ConnectionResetError, TimeoutError):
            pass
    line = answer.split(b"\r\n", 1)[0].decode(errors="replace").split()
    return line[1] if len(line) > 1 else "no answer"


def big_body(p: TreePlatform, chunked: bool) -> str:
    before = rss_mb(p.pid)
    peak = [before]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], rss_mb(p.pid))
            time.sleep(0.005)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        answer = push_body(p, chunked)
        time.sleep(0.3)
    finally:
        done.set()
        sampler.join()
    return f"RSS +{peak[0] - before:.0f} MB, answer {answer}"


def body_declared(p: TreePlatform, rounds: int) -> str:
    """300 MB with its Content-Length, no token (once: it costs seconds)."""
    return big_body(p, chunked=False)


def body_chunked(p: TreePlatform, rounds: int) -> str:
    """300 MB chunked (no length said in advance), no token (once)."""
    return big_body(p, chunked=True)


# --- the run -----------------------------------------------------------------------------

Target = TypeVar("Target")


@dataclass(frozen=True)
class Attack(Generic[Target]):
    name: str
    tried: str  # what was sent, per round
    run: Callable[[Target, int], str]


WATCH: tuple[Attack[Study], ...] = (
    Attack(
        "zero-length spans", "1 s media per event, started_at = ended_at, whole course", zero_length
    ),
    Attack("stacked events", "8 events of 2 s media on one wall second", stacked),
    Attack("sliding overlaps", "40 × (1 s wall, 0.5 s media), 50 ms apart: 2.95 s wall", sliding),
    Attack("three devices at once", "3 batches at once: same 20 s wall, 3 chapters", three_devices),
    Attack(
        "year 1 / year 9999", "started_at 0001-01-01 / ended_at 9999-12-31 (once)", far_timestamps
    ),
)
MONEY: tuple[Attack[TreePlatform], ...] = (
    Attack(
        "double-clicked order",
        "2 POST /orders of the professional package at once, pay all",
        double_order,
    ),
    Attack(
        "double-clicked payment", "1 order, 2 QR payments at once, both confirmed", double_payment
    ),
    Attack("¥0 orders at once", "8 POST /orders of the ¥0 public package at once", free_orders),
    Attack(
        "card passwords at once", "20 wrong passwords of a real card at once (limit 5)", card_tries
    ),
    Attack("QR paid after close", "QR made 31 Dec 23:50, confirmed 5 Jan (once)", late_confirm),
)
LIMITS: tuple[Attack[TreePlatform], ...] = (
    Attack("wrong logins at once", "30 wrong passwords at once (lockout at 5)", wrong_logins),
    Attack("reset codes at once", "40 wrong reset codes at once (5 tries a code)", reset_codes),
    Attack("one captcha, 5 logins", "one solved captcha, 5 right logins at once", captcha_reuse),
    Attack("wrong old passwords", "30 wrong PUT /me/password at once", wrong_old_passwords),
    Attack(
        "300 MB body, no token",
        "PUT /me/password, text/plain, Content-Length (once)",
        body_declared,
    ),
    Attack(
        "300 MB chunked, no token", "PUT /me/password, text/plain, chunked (once)", body_chunked
    ),
)
GROUPS = ("watch", "money", "limits")


def attempt(tree: Tree, attack: Attack[Target], target: Target, rounds: int) -> str:
    """One attack's cell; a failure of the attack itself is shown, not fatal to the run."""
    print(f"[{tree.label}] {attack.name}…", file=sys.stderr, flush=True)
    try:
        return attack.run(target, rounds)
    except Exception as error:
        traceback.print_exc()
        return f"failed: {type(error).__name__}"


def run_group(group: str, tree: Tree, workdir: Path, rounds: int) -> dict[str, str]:
    """Every attack of *group* against *tree*'s platform(s); cells by attack name."""
    if group == "watch":
        with (
            running(tree, workdir / "watch", now=BOUGHT) as shop,
            running(tree, workdir / "watch", now=STUDY, seed_demo=False) as study,
        ):
            desk = Study(shop, study)
            return {a.name: attempt(tree, a, desk, rounds) for a in WATCH}
    with running(tree, workdir / group, now=BOUGHT) as platform:
        return {
            a.name: attempt(tree, a, platform, rounds)
            for a in (MONEY if group == "money" else LIMITS)
        }


@dataclass
class Table:
    trees: list[Tree]
    rounds: int
    database: str
    cells: dict[str, dict[str, str]] = field(default_factory=dict)  # tree label → attack → cell

    def print(self, groups: Sequence[str]) -> None:
        attacks: dict[str, Sequence[Attack[Any]]] = {
            "watch": WATCH,
            "money": MONEY,
            "limits": LIMITS,
        }
        heads = ["attack", "tried (per round)", *(t.label for t in self.trees)]
        rows: list[list[str]] = []
        for group in groups:
            rows.append([f"— {group} —"])
            for attack in attacks[group]:
                rows.append(
                    [
                        attack.name,
                        attack.tried,
                        *(self.cells[t.label].get(attack.name, "") for t in self.trees),
                    ]
                )
        widths = [max(len(r[i]) for r in [heads, *rows] if len(r) > i) for i in range(len(heads))]
        print(f"\ndatabase: {self.database}; rounds: {self.rounds} (a range is min–max over them)")
        print("  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)).rstrip())
        for row in rows:
            print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)).rstrip())
        if any(LOGGED_MARK in cell for cells in self.cells.values() for cell in cells.values()):
            print(f"\n{LOGGED_MARK} counted from the answers: that tree does not log the try.")


def short_rev(rev: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", rev],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", metavar="REV", help="also attack this revision (git worktree)")
    parser.add_argument("--only", choices=GROUPS)
    parser.add_argument("--rounds", type=int, default=3, help="repeats of each race")
    parser.add_argument("--pg", metavar="URL", help="a PostgreSQL server instead of SQLite files")
    args = parser.parse_args()
    if not 1 <= args.rounds <= 20:
        parser.error("--rounds 1..20")
    if args.pg:  # tests.helpers.postgres then gives every platform a database of its own
        os.environ["KJCE_TEST_DB"] = "postgresql"
        os.environ["KJCE_TEST_PG"] = args.pg
    groups = [args.only] if args.only else list(GROUPS)
    with tempfile.TemporaryDirectory(prefix="kjce-attacks-") as tmp, ExitStack() as stack:
        trees = []
        if args.base:
            base = stack.enter_context(worktree(args.base, Path(tmp)))
            trees.append(Tree(f"base {short_rev(args.base)}", base))
        trees.append(Tree("this tree", ROOT))
        database = "PostgreSQL" if args.pg else "SQLite"
        table = Table(trees, args.rounds, database)
        try:
            for number, tree in enumerate(trees):
                table.cells[tree.label] = {}
                for group in groups:
                    workdir = Path(tmp) / f"tree{number}" / group
                    table.cells[tree.label].update(run_group(group, tree, workdir, args.rounds))
        finally:
            if args.pg:
                postgres.drop_created()
    table.print(groups)
    return 0


if __name__ == "__main__":
    sys.exit(main())
