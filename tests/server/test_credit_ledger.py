"""The credit ledger's invariant (SPEC §2), proved with hypothesis on the algorithm and shown
on the real platform over HTTP.

For every wall-clock window W, the media time credited from the events inside W is at most
|W| × max_credited_rate + one tolerance (``CREDIT_TOLERANCE_MS``): however the events are
stacked, zero-length, overlapping, out of order or split into batches, on any chapter, from
any device.  And honest use loses nothing: what the client's own tracker reports of a real
session (pauses, seeks back, replays, chapter after chapter, two devices one after the other,
a week offline pushed at once) is credited within a second of what was played.

The first part runs ``server.credit_ledger`` alone, on many examples; the second drives the
platform (fresh learner per example) with fewer, including batches fired at once from three
"devices", each attack of issue 15 reproduced, and timestamps from year 1 and 9999.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.models.watch_tracker import Tick, WatchTracker
from rules.watch import CREDIT_TOLERANCE_MS, WatchPolicy, covered_ms
from server.credit_ledger import CreditLedger, from_us, merge_spans, to_us
from tests.helpers.concurrency import together
from tests.helpers.learners import PUBLIC_COURSE, enrolled_learner
from tests.helpers.platform import PlatformProcess, bearer, login

T = CREDIT_TOLERANCE_MS
RATES = (Fraction(1), Fraction(1, 2), Fraction(5, 4), Fraction(3, 2), Fraction(2))
S = 1_000_000  # microseconds in a second


@dataclass(frozen=True)
class Event:
    """An event as the ledger sees it: wall-clock [start, end) in µs, media played in ms."""

    start: int
    end: int
    played: int


# --- the oracle ---------------------------------------------------------------------------


def worst_window(
    events: Sequence[tuple[int, int, int]], rate: Fraction, tolerance_ms: int = T
) -> tuple[int, int, int] | None:
    """A window breaking the invariant, or None: every window bounded by event endpoints.

    *events*: (start_us, end_us, credited_ms).  Any other window holds no more events than
    the largest such window inside it and is no shorter, so these are all the windows.
    """
    credited = [e for e in events if e[2] > 0]
    ends = sorted({end for _, end, _ in credited})
    for a in sorted({start for start, _, _ in credited}):
        inside = sorted((e for e in credited if e[0] >= a), key=lambda e: e[1])
        total, index = 0, 0
        for b in ends:
            if b < a:
                continue
            while index < len(inside) and inside[index][1] <= b:
                total += inside[index][2]
                index += 1
            if total * 1000 > rate * (b - a) + tolerance_ms * 1000:
                return (a, b, total)
    return None


def judge(
    events: Sequence[Event],
    batches: Sequence[Sequence[int]],
    rate: Fraction,
    ledger: CreditLedger | None = None,
) -> list[int]:
    """The credit of each event, batch after batch, each batch in start order (as the
    platform judges); the ledger's spans are checked to be exactly the claims, disjoint."""
    ledger = CreditLedger() if ledger is None else ledger
    credited = [0] * len(events)
    claimed = 0
    for batch in batches:
        for index in sorted(batch, key=lambda i: (events[i].start, i)):
            event = events[index]
            claim = ledger.claim(event.start, event.end, event.played, rate, T)
            assert 0 <= claim.credited_ms <= max(0, event.played)
            assert (claim.code is None) == (claim.credited_ms == event.played > 0)
            # Disjoint: what it took was free, and lies within a borrow of its span.
            for a, b in claim.spans:
                assert event.start - T * 1000 <= a < b <= event.end + T * 1000
            claimed += sum(b - a for a, b in claim.spans)
            credited[index] = claim.credited_ms
    assert claimed == sum(b - a for a, b in ledger.spans)
    assert ledger.spans == merge_spans(ledger.spans)
    return credited


def check_invariant(events: Sequence[Event], credited: Sequence[int], rate: Fraction) -> None:
    broken = worst_window(
        [(e.start, e.end, c) for e, c in zip(events, credited, strict=True)], rate
    )
    assert broken is None, f"window {broken[:2]} credited {broken[2]} ms at rate {rate}"


# --- strategies ---------------------------------------------------------------------------


@st.composite
def batches_of(draw: st.DrawFn, count: int) -> list[list[int]]:
    """The indexes 0..count-1 shuffled and cut into batches (pushed in that order)."""
    order = draw(st.permutations(range(count)))
    cuts = sorted(draw(st.sets(st.integers(1, max(1, count - 1)), max_size=6)))
    bounds = [0, *[c for c in cuts if c < count], count]
    return [list(order[a:b]) for a, b in itertools.pairwise(bounds) if b > a]


def _instant() -> st.SearchStrategy[int]:
    """A wall-clock instant in a minute, mostly on milliseconds, sometimes µs apart."""
    return st.builds(
        lambda ms, us: ms * 1000 + us,
        st.integers(0, 60_000),
        st.one_of(st.just(0), st.integers(0, 999)),
    )


@st.composite
def random_event(draw: st.DrawFn) -> Event:
    start = draw(_instant())
    length = draw(st.one_of(st.just(0), st.integers(0, 2 * S), st.integers(0, 15 * S)))
    wall_ms = length // 1000
    played = draw(
        st.one_of(
            st.just(wall_ms),
            st.just(wall_ms + T),
            st.integers(0, 2 * wall_ms + 2 * T),
            st.integers(0, 30_000),
        )
    )
    return Event(start, start + length, played)


@st.composite
def adversarial(draw: st.DrawFn) -> list[Event]:
    """The shapes of issue 15, mixed: stacked, zero-length, sliding overlaps, copies."""
    events: list[Event] = []
    for _ in range(draw(st.integers(1, 4))):
        shape = draw(st.sampled_from(["stacked", "zero", "sliding", "devices", "random"]))
        at = draw(_instant())
        count = draw(st.integers(1, 12))
        if shape == "stacked":  # n events on one wall span, each as long as it allows
            length = draw(st.integers(0, 2 * S))
            events += [Event(at, at + length, length // 1000 + T)] * count
        elif shape == "zero":  # started_at = ended_at, a second of media each
            events += [Event(at + i * S, at + i * S, T) for i in range(count)]
        elif shape == "sliding":  # each overlapping the previous, a small step later
            step = draw(st.integers(1, 200)) * 1000
            length = draw(st.integers(S // 2, 3 * S))
            events += [
                Event(at + i * step, at + i * step + length, length // 1000 + T)
                for i in range(count)
            ]
        elif shape == "devices":  # the same span on several chapters/devices
            length = draw(st.integers(S, 20 * S))
            events += [Event(at, at + length, length // 1000)] * min(count, 3)
        else:
            events += draw(st.lists(random_event(), min_size=1, max_size=count))
    return events


@st.composite
def honest_stream(draw: st.DrawFn, shortest: int = 1) -> list[Event]:
    """One learner's events as the tracker makes them: never overlapping in wall time, never
    more media than wall time × rate; back to back or with pauses in between."""
    at = draw(_instant())
    events = []
    for _ in range(draw(st.integers(1, 40))):
        at += draw(st.one_of(st.just(0), st.just(0), st.integers(0, 30 * S)))
        length = draw(st.integers(shortest, 6 * S))
        events.append(Event(at, at + length, -1))  # played filled in with the rate
        at += length
    return events


# --- the algorithm alone ------------------------------------------------------------------


def test_the_ledger_credits_free_time_and_trims_the_rest() -> None:
    ledger = CreditLedger()
    one = Fraction(1)
    claim = ledger.claim(0, 10 * S, 10_000, one, T)
    assert (claim.credited_ms, claim.code, claim.spans) == (10_000, None, ((0, 10 * S),))
    # Half of its span was credited: the free half, and one borrow (0.5 s) just after it.
    claim = ledger.claim(5 * S, 15 * S, 10_000, one, T)
    assert (claim.credited_ms, claim.code) == (5_500, "overlap")
    assert ledger.spans == [(0, 15 * S + S // 2)]
    # Wholly credited: nothing, and nothing is taken.
    claim = ledger.claim(S, 9 * S, 8_000, one, T)
    assert (claim.credited_ms, claim.code, claim.spans) == (0, "overlap", ())
    # Zero-length: nothing, however much media it claims.
    claim = ledger.claim(20 * S, 20 * S, 1_000, one, T)
    assert (claim.credited_ms, claim.code) == (0, "rate_exceeded")
    # Free but short: its span and at most as much again, within a borrow on each side.
    claim = ledger.claim(30 * S, 30 * S + 300_000, 1_200, one, T)
    assert (claim.credited_ms, claim.code) == (600, "rate_exceeded")
    claim = ledger.claim(40 * S, 41 * S, 3_000, one, T)
    assert (claim.credited_ms, claim.code) == (2_000, "rate_exceeded")
    assert ledger.spans[-1] == (40 * S - S // 2, 41 * S + S // 2)
    # At 2×, a second of wall time pays for two of media.
    assert CreditLedger().claim(0, S, 2_000, Fraction(2), T).credited_ms == 2_000


@settings(max_examples=500, deadline=None)
@given(
    events=st.lists(random_event(), min_size=1, max_size=40),
    rate=st.sampled_from(RATES),
    data=st.data(),
)
def test_random_streams_never_break_the_invariant(
    events: list[Event], rate: Fraction, data: st.DataObject
) -> None:
    batches = data.draw(batches_of(len(events)))
    check_invariant(events, judge(events, batches, rate), rate)


@settings(max_examples=600, deadline=None)
@given(events=adversarial(), rate=st.sampled_from(RATES), data=st.data())
def test_adversarial_streams_never_break_the_invariant(
    events: list[Event], rate: Fraction, data: st.DataObject
) -> None:
    batches = data.draw(batches_of(len(events)))
    credited = judge(events, batches, rate)
    check_invariant(events, credited, rate)
    # Zero-length spans earn nothing, ever.
    assert all(c == 0 for e, c in zip(events, credited, strict=True) if e.start == e.end)


@settings(max_examples=300, deadline=None)
@given(events=honest_stream(), rate=st.sampled_from(RATES), data=st.data())
def test_honest_streams_are_credited_exactly_in_any_order(
    events: list[Event], rate: Fraction, data: st.DataObject
) -> None:
    events = [
        Event(e.start, e.end, data.draw(st.integers(1, int((e.end - e.start) * rate / 1000))))
        if (e.end - e.start) * rate >= 1000
        else Event(e.start, e.end, 0)
        for e in events
    ]
    events = [e for e in events if e.played > 0]
    batches = data.draw(batches_of(len(events))) if events else []
    assert judge(events, batches, rate) == [e.played for e in events]


@settings(max_examples=200, deadline=None)
@given(
    first=honest_stream(shortest=S),
    second=honest_stream(shortest=S),
    skew_us=st.integers(0, 400_000),
    second_first=st.booleans(),
)
def test_two_devices_one_after_the_other_lose_at_most_their_clock_skew(
    first: list[Event], second: list[Event], skew_us: int, second_first: bool
) -> None:
    """The second device starts when the first stopped, by a clock up to 0.4 s behind.

    (Its events last a second or more, as the tracker's 5 s do: an event may borrow only
    as much as it holds free itself, so a 0.4 s overlap of a 0.5 s event loses a little.)
    """
    first = [Event(e.start, e.end, (e.end - e.start) // 1000) for e in first]
    shift = first[-1].end - skew_us - second[0].start
    second = [Event(e.start + shift, e.end + shift, (e.end - e.start) // 1000) for e in second]
    events = [e for e in first + second if e.played > 0]
    split = sum(1 for e in first if e.played > 0)
    batches = [list(range(split)), list(range(split, len(events)))]
    if second_first:
        batches.reverse()
    credited = judge(events, batches, Fraction(1))
    played = sum(e.played for e in events)
    if second_first:  # the first device's last event finds the second's start credited
        assert played - skew_us // 1000 - 1 <= sum(credited) <= played
    else:  # the second's first event borrows what it lacks: nothing is lost
        assert sum(credited) == played


# --- the client's tracker, driven by a simulated player -----------------------------------

CHINA = dt.timezone(dt.timedelta(hours=8))
POLICY = WatchPolicy()
LONG_CHAPTERS = [(f"ch{n}", 600_000) for n in range(4)]


@dataclass
class Device:
    """One computer: its own monotonic clock (from *mono_origin_ms*) and a wall clock
    *offset_ms* off the truth (NTP keeps it within tens of milliseconds)."""

    name: str
    offset_ms: int = 0
    mono_origin_ms: int = 0


@dataclass
class Player:
    """The player of ``desktop/views/player.py`` reduced to its calls into the tracker: a
    poll every ~250 ms, a journal every 5 s of playback, seeks, chapter changes."""

    start: dt.datetime
    chapters: list[tuple[str, int]]  # (id, duration ms)
    true_ms: int = 0  # real time since *start*
    device: Device = field(default_factory=lambda: Device("laptop"))
    chapter: int = 0
    position_ms: int = 0
    tracker: WatchTracker | None = None
    since_journal_ms: int = 0
    journal: list[tuple[str, Any]] = field(default_factory=list)  # (device, WatchedInterval)
    played_ms: int = 0  # media really played at a credited rate, in the foreground
    rng: random.Random = field(default_factory=lambda: random.Random(0))

    def open(self, chapter: int, position_ms: int = 0) -> None:
        self._finish()
        self.chapter, self.position_ms = chapter % len(self.chapters), position_ms
        chapter_id, duration_ms = self.chapters[self.chapter]
        self.tracker = WatchTracker(chapter_id, duration_ms, POLICY)
        self._tick(playing=False)

    def switch_device(self, device: Device, gap_ms: int) -> None:
        """Stop here; after *gap_ms* go on with the same chapter on another computer."""
        self._finish()
        self.true_ms += gap_ms
        self.device = device
        self.open(self.chapter, self.position_ms)

    def play(self, seconds: float) -> None:
        end = self.true_ms + int(seconds * 1000)
        duration_ms = self.chapters[self.chapter][1]
        while self.true_ms < end and self.position_ms < duration_ms:
            step = self.rng.randint(200, 300)  # the GUI thread's poll is not exact
            step = min(step, end - self.true_ms, duration_ms - self.position_ms)
            self.true_ms += step
            self.position_ms += step
            self.played_ms += step
            self.since_journal_ms += step
            self._tick(playing=True)
            if self.since_journal_ms >= POLICY.journal_interval_s * 1000:
                self._journal()

    def pause(self, seconds: float) -> None:
        self._tick(playing=False)
        self.true_ms += int(seconds * 1000)
        self._tick(playing=False)

    def seek_back(self, ms: int) -> None:
        self.position_ms = max(0, self.position_ms - ms)
        assert self.tracker is not None
        self.tracker.seeked(Tick(self._mono(), self._wall(), self.position_ms, False))
        self._journal()

    def close(self) -> list[tuple[str, Any]]:
        self._finish()
        return self.journal

    def _mono(self) -> int:
        return self.true_ms + self.device.mono_origin_ms

    def _wall(self) -> dt.datetime:
        return self.start + dt.timedelta(milliseconds=self.true_ms + self.device.offset_ms)

    def _tick(self, playing: bool) -> None:
        if self.tracker is not None:
            self.tracker.record_tick(Tick(self._mono(), self._wall(), self.position_ms, playing))

    def _journal(self) -> None:
        self.since_journal_ms = 0
        if self.tracker is not None:
            self.tracker.close()
            self.journal += [(self.device.name, i) for i in self.tracker.drain()]

    def _finish(self) -> None:
        if self.tracker is not None:
            self._tick(playing=False)
            self._journal()
            self.tracker = None


Action = tuple[str, int]


def actions() -> st.SearchStrategy[list[Action]]:
    return st.lists(
        st.one_of(
            st.tuples(st.just("play"), st.integers(1, 90)),
            st.tuples(st.just("play"), st.integers(1, 12)),
            st.tuples(st.just("pause"), st.integers(1, 600)),
            st.tuples(st.just("seek_back"), st.integers(1_000, 60_000)),
            st.tuples(st.just("chapter"), st.integers(0, 3)),
            st.tuples(st.just("device"), st.just(0)),
            st.tuples(st.just("overnight"), st.integers(8, 30)),
        ),
        min_size=1,
        max_size=25,
    )


def session(
    script: list[Action],
    seed: int,
    start: dt.datetime,
    skew_ms: tuple[int, int] = (0, 0),
    chapters: list[tuple[str, int]] = LONG_CHAPTERS,
) -> Player:
    """Run *script* on a simulated player; the player holds the journal and what was played.

    ``device`` switches computer (each with its wall clock *skew_ms* off), as a learner who
    stops on the laptop and goes on at the office; ``overnight`` pauses for hours.
    """
    devices = [Device("laptop", skew_ms[0], 1_234), Device("desktop", skew_ms[1], 987_654)]
    player = Player(start, chapters, device=devices[0], rng=random.Random(seed))
    player.open(0)
    for kind, value in script:
        if kind == "play":
            player.play(value)
        elif kind == "pause":
            player.pause(value)
        elif kind == "seek_back":
            player.seek_back(value)
        elif kind == "chapter":
            player.open(value)
        elif kind == "device":
            other = devices[1] if player.device is devices[0] else devices[0]
            player.switch_device(other, gap_ms=player.rng.randint(0, 3_000))
        else:
            player.pause(value * 3600)
    player.close()
    return player


def as_events(journal: list[tuple[str, Any]]) -> list[Event]:
    return [Event(to_us(i.started_at), to_us(i.ended_at), i.to_ms - i.from_ms) for _, i in journal]


def pushes(journal: list[tuple[str, Any]], offline: bool, laptop_first: bool) -> list[list[int]]:
    """Each device's outbox pushed by 6 events (30 s), or all at once after a week offline
    (≤ 1000 a batch); one device's pushes all before the other's, in either order."""
    by_device: dict[str, list[int]] = {"laptop": [], "desktop": []}
    for index, (device, _) in enumerate(journal):
        by_device[device].append(index)
    size = 1000 if offline else 6
    batches = []
    for device in ("laptop", "desktop") if laptop_first else ("desktop", "laptop"):
        indexes = by_device[device]
        batches += [indexes[i : i + size] for i in range(0, len(indexes), size)]
    return batches


START = dt.datetime(2021, 6, 21, 19, 0, tzinfo=CHINA)


@settings(max_examples=200, deadline=None)
@given(
    script=actions(),
    seed=st.integers(0, 2**16),
    skew_ms=st.tuples(st.integers(-40, 40), st.integers(-40, 40)),
    offline=st.booleans(),
    laptop_first=st.booleans(),
)
def test_a_real_session_from_the_tracker_is_credited_within_a_second(
    script: list[Action],
    seed: int,
    skew_ms: tuple[int, int],
    offline: bool,
    laptop_first: bool,
) -> None:
    """Synced clocks (within 40 ms), the devices' outboxes pushed in either order."""
    player = session(script, seed, START, skew_ms)
    events = as_events(player.journal)
    credited = judge(events, pushes(player.journal, offline, laptop_first), Fraction(1))
    assert sum(e.played for e in events) <= player.played_ms
    assert player.played_ms - 1_000 <= sum(credited) <= player.played_ms


# --- the platform over HTTP ----------------------------------------------------------------
# Learners buy on a platform pinned at BOUGHT; they watch through a second process on the
# same database pinned weeks later, so that weeks of watching lie in its past.

BOUGHT = "2021-06-21T09:00:00+08:00"
STUDY_NOW = "2021-08-01T09:00:00+08:00"
ORIGIN = to_us(dt.datetime.fromisoformat(BOUGHT)) + 3600 * S  # an hour after the purchase
PUBLIC_EXAM = "yhdc-2021-public-exam"
R = TypeVar("R")


@dataclass(frozen=True)
class Clinic:
    shop: PlatformProcess
    study: PlatformProcess


@dataclass(frozen=True)
class Learner:
    token: str
    chapters: list[tuple[str, int]]  # the public course's (id, duration ms): 20, 30, 40 s


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Clinic]:
    workdir = Path(tmp_path_factory.mktemp("ledger"))
    shop = PlatformProcess(workdir, now=BOUGHT)
    shop.start()
    study = PlatformProcess(workdir, now=STUDY_NOW, seed_demo=False)
    try:
        study.start()
        yield Clinic(shop, study)
    finally:
        study.stop()
        shop.stop()


def fresh_learner(clinic: Clinic) -> Learner:
    """A learner who bought the 2021 packages at BOUGHT, logged in on the study platform."""
    learner = enrolled_learner(clinic.shop)
    response = login(clinic.study, learner["id_number"], learner["password"])
    assert response.status_code == 201, response.text
    token = response.json()["access_token"]
    course = _get(clinic.study, token, f"/courses/{PUBLIC_COURSE}")
    return Learner(token, [(c["id"], c["duration_ms"]) for c in course["chapters"]])


def _get(platform: PlatformProcess, token: str, path: str) -> Any:
    response = requests.get(platform.api + path, headers=bearer(token), timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def wire(chapter_id: str, from_ms: int, to_ms: int, start_us: int, end_us: int) -> dict[str, Any]:
    """A ``POST /watch-events`` event, its times in China time as the client sends them."""
    return {
        "id": str(uuid.uuid4()),
        "chapter_id": chapter_id,
        "from_ms": from_ms,
        "to_ms": to_ms,
        "started_at": from_us(start_us).astimezone(CHINA).isoformat(),
        "ended_at": from_us(end_us).astimezone(CHINA).isoformat(),
        "rate": 1.0,
        "app_version": "0.1.0",
    }


def post(platform: PlatformProcess, token: str, events: list[dict[str, Any]]) -> dict[str, Any]:
    response = requests.post(
        platform.api + "/watch-events", json={"events": events}, headers=bearer(token), timeout=60
    )
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def credits_of(answer: dict[str, Any], events: list[dict[str, Any]]) -> dict[str, int]:
    """Media credited per event id, read from an answer (accepted, trimmed, refused)."""
    trimmed = {item["id"]: item["credited_ms"] for item in answer["trimmed"]}
    accepted = set(answer["accepted"])
    assert trimmed.keys() <= accepted
    assert accepted.isdisjoint(item["id"] for item in answer["refused"])
    return {
        e["id"]: trimmed.get(e["id"], e["to_ms"] - e["from_ms"]) if e["id"] in accepted else 0
        for e in events
    }


def chapter_states(platform: PlatformProcess, token: str) -> dict[str, dict[str, Any]]:
    courses = _get(platform, token, "/progress?year=2021")["courses"]
    course = next(c for c in courses if c["course_id"] == PUBLIC_COURSE)
    return {c["chapter_id"]: c for c in course["chapters"]}


def check_platform(
    clinic: Clinic, learner: Learner, events: list[dict[str, Any]], credited: dict[str, int]
) -> list[tuple[int, int]]:
    """The invariant on what the platform answered, its coverage and its ledger rows (which
    it returns, as µs spans)."""
    spans = [
        (
            to_us(dt.datetime.fromisoformat(e["started_at"])),
            to_us(dt.datetime.fromisoformat(e["ended_at"])),
        )
        for e in events
    ]
    check_invariant(
        [Event(a, b, e["to_ms"] - e["from_ms"]) for (a, b), e in zip(spans, events, strict=True)],
        [credited[e["id"]] for e in events],
        Fraction(1),
    )
    states = chapter_states(clinic.study, learner.token)
    for chapter_id, _ in learner.chapters:
        prefixes = [
            (e["from_ms"], e["from_ms"] + credited[e["id"]])
            for e in events
            if e["chapter_id"] == chapter_id and credited[e["id"]]
        ]
        assert states[chapter_id]["watched_ms"] == covered_ms(prefixes), chapter_id
    me = _get(clinic.study, learner.token, "/me")
    rows = clinic.study.query(
        "SELECT started_at, ended_at FROM credit_spans WHERE account_id = ? ORDER BY started_at",
        (me["id"],),
    )
    assert bool(rows) == any(credited.values()), "credited time is in the ledger, only it"
    bounds = [(to_us(_instant_of(a)), to_us(_instant_of(b))) for a, b in rows]
    assert all(a < b for a, b in bounds)
    assert all(b1 < a2 for (_, b1), (a2, _) in itertools.pairwise(bounds))
    return bounds


def _instant_of(value: Any) -> dt.datetime:
    """A stored UTC time (SQLite hands out text, PostgreSQL naive datetimes)."""
    stamp = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    return stamp.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class Sent:
    """An event of a stream as sent: on which chapter, where in its media, by which device."""

    event: Event
    chapter: int
    offset_ms: int
    device: int


@st.composite
def three_devices(draw: st.DrawFn) -> list[Sent]:
    """Adversarial events spread over three chapters and three devices."""
    events = draw(adversarial())
    return [
        Sent(e, draw(st.integers(0, 2)), draw(st.integers(0, 40_000)), draw(st.integers(0, 2)))
        for e in events
    ]


HTTP_SETTINGS = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@HTTP_SETTINGS
@given(stream=three_devices())
def test_batches_from_three_devices_at_once_never_break_the_invariant(
    clinic: Clinic, stream: list[Sent]
) -> None:
    """Stacked, zero-length, sliding and copied events on three chapters, sent by three
    "devices" at the same instant: judged one batch after the other, they earn real time
    and one tolerance, once."""
    learner = fresh_learner(clinic)
    wired, devices = [], []
    for sent in stream:
        chapter_id, duration = learner.chapters[sent.chapter]
        played = max(1, min(sent.event.played, duration))
        start = sent.offset_ms % (duration - played + 1)
        wired.append(
            wire(
                chapter_id,
                start,
                start + played,
                ORIGIN + sent.event.start,
                ORIGIN + sent.event.end,
            )
        )
        devices.append(sent.device)
    batches = [[w for w, d in zip(wired, devices, strict=True) if d == n] for n in range(3)]
    answers = together(*(partial(post, clinic.study, learner.token, b) for b in batches))
    credited: dict[str, int] = {}
    for batch, answer in zip(batches, answers, strict=True):
        credited.update(credits_of(answer, batch))
    check_platform(clinic, learner, wired, credited)
    # The same batches again, all at once: every id answers its first outcome.
    again = together(*(partial(post, clinic.study, learner.token, b) for b in batches))
    for first, second in zip(answers, again, strict=True):
        assert [first[k] for k in ("accepted", "refused", "trimmed")] == [
            second[k] for k in ("accepted", "refused", "trimmed")
        ]


@HTTP_SETTINGS
@given(
    script=actions(),
    seed=st.integers(0, 2**16),
    skew_ms=st.tuples(st.integers(-40, 40), st.integers(-40, 40)),
    offline=st.booleans(),
    laptop_first=st.booleans(),
)
def test_a_real_session_pushed_to_the_platform_is_credited_within_a_second(
    clinic: Clinic,
    script: list[Action],
    seed: int,
    skew_ms: tuple[int, int],
    offline: bool,
    laptop_first: bool,
) -> None:
    """The tracker's journal of weeks of study on two computers, pushed every 30 s or after
    a week offline: the platform credits what was played, and its coverage is the union."""
    learner = fresh_learner(clinic)
    player = session(script, seed, from_us(ORIGIN), skew_ms, learner.chapters)
    wired = [
        {
            **wire(i.chapter_id, i.from_ms, i.to_ms, to_us(i.started_at), to_us(i.ended_at)),
            "rate": i.rate,
        }
        for _, i in player.journal
    ]
    credited: dict[str, int] = {}
    batches = pushes(player.journal, offline, laptop_first)
    for batch in batches:
        events = [wired[index] for index in batch]
        credited.update(credits_of(post(clinic.study, learner.token, events), events))
    assert player.played_ms - 1_000 <= sum(credited.values()) <= player.played_ms
    # The platform, loading and storing its ledger batch by batch, decides as the algorithm
    # alone does on the same pushes: the same credit per event, the same ledger.
    model = CreditLedger()
    assert judge(as_events(player.journal), batches, Fraction(1), model) == [
        credited[event["id"]] for event in wired
    ]
    if wired:
        assert check_platform(clinic, learner, wired, credited) == model.spans
    states = chapter_states(clinic.study, learner.token)
    for chapter_id, _ in learner.chapters:
        played = [(e["from_ms"], e["to_ms"]) for e in wired if e["chapter_id"] == chapter_id]
        assert covered_ms(played) - 1_000 <= states[chapter_id]["watched_ms"] <= covered_ms(played)


# --- the attacks of issue 15, each reproduced ------------------------------------------------


def _exam_state(clinic: Clinic, learner: Learner) -> str:
    items = _get(clinic.study, learner.token, "/exams?year=2021")["items"]
    state: str = next(item for item in items if item["id"] == PUBLIC_EXAM)["state"]
    return state


def _start_exam(clinic: Clinic, learner: Learner) -> requests.Response:
    return requests.post(
        f"{clinic.study.api}/exams/{PUBLIC_EXAM}/attempts",
        headers=bearer(learner.token),
        timeout=10,
    )


def _total(answer: dict[str, Any], events: list[dict[str, Any]]) -> int:
    return sum(credits_of(answer, events).values())


def test_zero_length_events_earn_nothing_and_the_exam_stays_locked(clinic: Clinic) -> None:
    """Ninety 1-second events whose started_at = ended_at, covering the public course: they
    unlocked the exam without a second of study; now each is refused and nothing counts."""
    learner = fresh_learner(clinic)
    events: list[dict[str, Any]] = []
    for chapter_id, duration in learner.chapters:
        for second in range(duration // 1000):
            at = ORIGIN + len(events) * S
            events.append(wire(chapter_id, second * 1000, second * 1000 + 1000, at, at))
    answer = post(clinic.study, learner.token, events)
    assert len(events) == 90 and _total(answer, events) == 0
    assert {item["code"] for item in answer["refused"]} == {"rate_exceeded"}
    assert answer["progress"] == [] and answer["accepted"] == []
    assert _exam_state(clinic, learner) == "study_required"
    assert _start_exam(clinic, learner).status_code == 409
    # Really watching the course, back to back, unlocks it: the lock was the study, not
    # something else.
    at, honest = ORIGIN + 3600 * S, []
    for chapter_id, duration in learner.chapters:
        honest.append(wire(chapter_id, 0, duration, at, at + duration * 1000))
        at += duration * 1000
    answer = post(clinic.study, learner.token, honest)
    assert _total(answer, honest) == 90_000 and not answer["trimmed"]
    assert all(state["completed"] for state in answer["progress"])
    assert _exam_state(clinic, learner) == "available"


def test_events_stacked_on_one_second_earn_it_and_one_tolerance(clinic: Clinic) -> None:
    """Eight events of 2 s of media on one wall-clock second: 16 s before, now 1 s + 1 s."""
    learner = fresh_learner(clinic)
    chapter_id = learner.chapters[2][0]
    events = [wire(chapter_id, n * 2000, n * 2000 + 2000, ORIGIN, ORIGIN + S) for n in range(8)]
    answer = post(clinic.study, learner.token, events)
    assert _total(answer, events) == 1_000 + T
    assert [item["code"] for item in answer["refused"]] == ["overlap"] * 7
    check_platform(clinic, learner, events, credits_of(answer, events))


def test_events_sliding_by_50_ms_earn_their_span_and_one_tolerance(clinic: Clinic) -> None:
    """Forty 1-second events, each 50 ms after the previous (2.95 s of wall clock in all),
    each claiming half a second of new media: 20 s before, now at most 2.95 s + 1 s."""
    learner = fresh_learner(clinic)
    chapter_id = learner.chapters[0][0]
    events = [
        wire(chapter_id, n * 500, n * 500 + 500, ORIGIN + n * 50_000, ORIGIN + n * 50_000 + S)
        for n in range(40)
    ]
    answer = post(clinic.study, learner.token, events)
    # The first takes its whole second; each later one finds 50 ms free (when its
    # predecessor did not borrow them) and borrows as much again.
    assert _total(answer, events) == 2_500 <= 2_950 + T
    check_platform(clinic, learner, events, credits_of(answer, events))


def test_three_devices_posting_the_same_20_s_at_once_earn_it_once(clinic: Clinic) -> None:
    """Three "devices" post the same 20 s of wall clock, each on its chapter, at the same
    instant: 60 s before, now 20 s — one device's, the others refused as "overlap"."""
    for _ in range(3):
        learner = fresh_learner(clinic)
        batches = [
            [
                wire(
                    chapter_id,
                    n * 5000,
                    n * 5000 + 5000,
                    ORIGIN + n * 5 * S,
                    ORIGIN + (n + 1) * 5 * S,
                )
                for n in range(4)
            ]
            for chapter_id, _ in learner.chapters
        ]
        answers = together(*(partial(post, clinic.study, learner.token, b) for b in batches))
        totals = sorted(_total(a, b) for a, b in zip(answers, batches, strict=True))
        assert totals == [0, 0, 20_000], answers
        refused = [item["code"] for answer in answers for item in answer["refused"]]
        assert refused == ["overlap"] * 8
        states = chapter_states(clinic.study, learner.token)
        assert sum(state["watched_ms"] for state in states.values()) == 20_000


@pytest.mark.parametrize(
    ("field", "stamp"),
    [
        ("started_at", "0001-01-01T00:00:00+08:00"),
        ("ended_at", "9999-12-31T23:59:59-08:00"),
        ("started_at", "1969-12-31T23:59:59+00:00"),
        ("ended_at", "2101-01-01T00:00:00+00:00"),
        ("started_at", "2021-06-21T10:00:00"),  # naive
        ("ended_at", "yesterday"),
    ],
)
def test_times_no_clock_shows_are_a_malformed_batch(clinic: Clinic, field: str, stamp: str) -> None:
    """Year 1 or 9999 answered 500 (they cannot be stored in UTC); now a 422 at the field."""
    learner = fresh_learner(clinic)
    event = {**wire(learner.chapters[0][0], 0, 1_000, ORIGIN, ORIGIN + S), field: stamp}
    response = requests.post(
        clinic.study.api + "/watch-events",
        json={"events": [event]},
        headers=bearer(learner.token),
        timeout=10,
    )
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert (error["code"], error["field"]) == ("validation_error", field)


def test_implausible_times_are_refused_per_event(clinic: Clinic) -> None:
    """A clock in 1990 or days ahead: that event is ``interval_invalid``, the others count."""
    learner = fresh_learner(clinic)
    chapter_id = learner.chapters[0][0]
    now = to_us(dt.datetime.fromisoformat(STUDY_NOW))
    dead_battery = to_us(dt.datetime(1990, 1, 1, tzinfo=dt.UTC))
    events = [
        wire(chapter_id, 0, 5_000, dead_battery, dead_battery + 5 * S),
        wire(chapter_id, 0, 5_000, now + 2 * 86_400 * S, now + 2 * 86_400 * S + 5 * S),
        wire(chapter_id, 0, 5_000, now + 3600 * S, now + 3605 * S),
        honest := wire(chapter_id, 0, 5_000, ORIGIN, ORIGIN + 5 * S),
    ]
    answer = post(clinic.study, learner.token, events)
    codes = {item["id"]: item["code"] for item in answer["refused"]}
    assert codes == {
        events[0]["id"]: "interval_invalid",
        events[1]["id"]: "interval_invalid",
        events[2]["id"]: "in_future",
    }
    assert answer["accepted"] == [honest["id"]]
    assert post(clinic.study, learner.token, events) == answer


def test_a_trimmed_event_is_answered_alike_when_retried_with_the_chapters_state(
    clinic: Clinic,
) -> None:
    learner = fresh_learner(clinic)
    (ch1, _), (ch2, _), _ = learner.chapters
    laptop = wire(ch1, 0, 10_000, ORIGIN, ORIGIN + 10 * S)
    desktop = wire(ch2, 0, 10_000, ORIGIN + 5 * S, ORIGIN + 15 * S)  # 5 s while the laptop played
    first = post(clinic.study, learner.token, [laptop])
    assert first["trimmed"] == [] and first["refused"] == []
    answer = post(clinic.study, learner.token, [desktop])
    # The 5 s the laptop did not hold, and one borrow of 0.5 s just after the event.
    trimmed = {
        "id": desktop["id"],
        "code": "overlap",
        "message": answer["trimmed"][0]["message"],
        "credited_ms": 5_500,
    }
    assert answer["accepted"] == [desktop["id"]] and answer["trimmed"] == [trimmed]
    assert "正在其他设备学习" in trimmed["message"] and "时间" in trimmed["message"]
    states = chapter_states(clinic.study, learner.token)
    keys = ("chapter_id", "watched_ms", "furthest_ms", "last_position_ms", "completed")
    assert answer["progress"] == [{k: states[ch2][k] for k in keys}]
    assert answer["progress"][0]["watched_ms"] == 5_500
    # Retried (an old client resending it): the same trimmed entry, nothing more credited.
    again = post(clinic.study, learner.token, [desktop, laptop])
    assert again["trimmed"] == [trimmed] and sorted(again["accepted"]) == sorted(
        [desktop["id"], laptop["id"]]
    )
    assert again["progress"] == sorted(
        ({k: states[c][k] for k in keys} for c in (ch1, ch2)), key=lambda s: s["chapter_id"]
    )
    assert chapter_states(clinic.study, learner.token) == states


def test_the_migration_starts_the_ledger_from_the_accepted_events(tmp_path: Path) -> None:
    """A database of 0008 with accepted events: the ledger is their union, and each keeps
    what it was credited (all of it, as judged then)."""
    import sqlalchemy as sa
    from alembic import command

    from server.db import make_engine
    from server.migrations import alembic_config
    from tests.helpers import postgres

    url = postgres.create_database() if postgres.enabled() else f"sqlite:///{tmp_path / 'm.db'}"
    command.upgrade(alembic_config(url), "0008")
    at = dt.datetime(2021, 6, 21, 2, 0)
    accounts = sa.table(
        "accounts",
        *(sa.column(name) for name in ("id", "id_type", "id_number", "name", "phone")),
        sa.column("password_hash"),
        sa.column("role"),
        sa.column("profile_status"),
        sa.column("must_change_password", sa.Boolean),
        sa.column("created_at", sa.DateTime),
        sa.column("updated_at", sa.DateTime),
    )
    events = sa.table(
        "watch_events",
        *(sa.column(name) for name in ("id", "account_id", "chapter_id", "outcome", "code")),
        *(sa.column(name, sa.Integer) for name in ("from_ms", "to_ms")),
        sa.column("rate", sa.Float),
        sa.column("app_version"),
        *(sa.column(name, sa.DateTime) for name in ("started_at", "ended_at", "received_at")),
    )

    def event(start_s: float, end_s: float, outcome: str = "accepted") -> dict[str, Any]:
        return {
            "id": str(uuid.uuid4()),
            "account_id": "a1",
            "chapter_id": "c1",
            "outcome": outcome,
            "code": None if outcome == "accepted" else "overlap",
            "from_ms": 0,
            "to_ms": int((end_s - start_s) * 1000),
            "rate": 1.0,
            "app_version": "0.1.0",
            "started_at": at + dt.timedelta(seconds=start_s),
            "ended_at": at + dt.timedelta(seconds=end_s),
            "received_at": at,
        }

    rows = [event(0, 10), event(9.5, 20), event(30, 40), event(35, 45, "refused")]
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(
                accounts.insert(),
                {
                    "id": "a1",
                    "id_type": "resident_id",
                    "id_number": "130225198703060987",
                    "name": "张晓红",
                    "phone": "15010067063",
                    "password_hash": "x",
                    "role": "learner",
                    "profile_status": "collected",
                    "must_change_password": False,
                    "created_at": at,
                    "updated_at": at,
                },
            )
            connection.execute(events.insert(), rows)
        command.upgrade(alembic_config(url), "head")
        with engine.connect() as connection:
            spans = connection.execute(
                sa.text("SELECT started_at, ended_at FROM credit_spans ORDER BY started_at")
            ).all()
            credited = {
                row[0]: row[1]
                for row in connection.execute(sa.text("SELECT id, credited_ms FROM watch_events"))
            }
    finally:
        engine.dispose()
    assert [(_instant_of(a), _instant_of(b)) for a, b in spans] == [
        (at.replace(tzinfo=dt.UTC), (at + dt.timedelta(seconds=20)).replace(tzinfo=dt.UTC)),
        (
            (at + dt.timedelta(seconds=30)).replace(tzinfo=dt.UTC),
            (at + dt.timedelta(seconds=40)).replace(tzinfo=dt.UTC),
        ),
    ]
    assert credited == {
        rows[0]["id"]: 10_000,
        rows[1]["id"]: 10_500,
        rows[2]["id"]: 10_000,
        rows[3]["id"]: None,
    }
