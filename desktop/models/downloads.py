"""Chapters and handouts kept on this computer: resumable downloads with HTTP Range.

A download writes ``<file>.part`` and asks for ``Range: bytes=<bytes already there>-``, so
an interrupted download (cancelled, offline, the app killed) continues where it stopped;
only a complete file is renamed to its final name, so a file with the final name is always
whole.  Files live under the account's data directory (``media/<chapter_id>.mp4``,
``handouts/<chapter_id>.pdf``), owner-only (0600) on POSIX: what a learner studies is
theirs.

Which course and chapter a file belongs to is kept in the cache (entity ``download``), for
the storage view (下载管理).  Everything here runs on a worker thread; ``progress`` is
called there too (the task runner's ``Job.report``, never a widget).

A download is cancelled by its op's ``CancelToken``: checked between chunks, and a cancel
also shuts the response's socket, so a download stalled in a read (a slow or silent
platform) stops at once instead of when the next chunk arrives.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.models.cancel import Cancelled, CancelToken
from desktop.models.errors import ApiError
from desktop.models.http_abort import shut
from desktop.models.paths import account_cache_path

if TYPE_CHECKING:
    import requests

    from desktop.models.api import ApiClient
    from desktop.models.cache import Cache

log = logging.getLogger(__name__)

DOWNLOAD = "download"
CHUNK_BYTES = 256 * 1024
_POSIX = os.name == "posix"
_SAFE_ID = re.compile(r"[A-Za-z0-9._-]+")
_CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+|\*)")

Progress = Callable[[int, int], None]
"""``progress(bytes_done, bytes_total)``; total 0 when unknown."""


class DownloadCancelled(Cancelled):
    """The download was stopped; the ``.part`` file stays for a later resume."""


@dataclass(frozen=True)
class DownloadedChapter:
    """One chapter on disk, as the storage view lists it."""

    chapter_id: str
    course_id: str
    course_title: str
    chapter_title: str
    path: Path
    size: int


def account_dir(data_dir: Path, account_id: str) -> Path:
    """The account's own directory (where its cache lives)."""
    return account_cache_path(data_dir, account_id).parent


def media_path(account: Path, chapter_id: str) -> Path:
    return account / "media" / f"{_checked(chapter_id)}.mp4"


def handout_path(account: Path, chapter_id: str) -> Path:
    return account / "handouts" / f"{_checked(chapter_id)}.pdf"


def _checked(chapter_id: str) -> str:
    """Chapter ids come from the server: never let one point outside the directory."""
    if not _SAFE_ID.fullmatch(chapter_id) or chapter_id in {".", ".."}:
        raise ValueError("unexpected chapter id")
    return chapter_id


def part_path(path: Path) -> Path:
    return path.with_name(path.name + ".part")


def fetch_file(
    api: ApiClient,
    url_path: str,
    target: Path,
    *,
    progress: Progress | None = None,
    cancelled: CancelToken | None = None,
    chunk_size: int = CHUNK_BYTES,
) -> Path:
    """Download *url_path* (an API path) to *target*, resuming a ``.part`` left before.

    A 206 answer continues the part; a 200 (the server ignored the Range) starts over.
    Raises ``DownloadCancelled`` when *cancelled* is set (checked between two chunks; a
    read in progress is woken by shutting the socket).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    if _POSIX:
        os.chmod(target.parent, 0o700)
    try:
        return _fetch(api, url_path, target, progress, cancelled, chunk_size)
    except ApiError as exc:
        if exc.status != 416 or not part_path(target).exists():
            raise
        # The part is no prefix of today's file (it changed, or was already whole): restart.
        part_path(target).unlink()
        return _fetch(api, url_path, target, progress, cancelled, chunk_size)


def _fetch(
    api: ApiClient,
    url_path: str,
    target: Path,
    progress: Progress | None,
    cancelled: CancelToken | None,
    chunk_size: int,
) -> Path:
    part = part_path(target)
    have = part.stat().st_size if part.exists() else 0
    if cancelled is not None and cancelled.cancelled:
        raise DownloadCancelled
    with _as_download_cancel(), api.open_download(url_path, start=have) as response:
        forget = cancelled.on_cancel(lambda: _abort(response)) if cancelled else None
        try:
            total = _write_part(response, part, have, progress, cancelled, chunk_size)
        except Exception as exc:
            if cancelled is not None and cancelled.cancelled:
                raise DownloadCancelled from exc  # also a read that the cancel woke
            raise
        finally:
            if forget is not None:
                forget()
    if total and part.stat().st_size != total:
        raise OSError(f"incomplete download: {part.stat().st_size} of {total} bytes")
    if _POSIX:
        os.chmod(part, 0o600)
    os.replace(part, target)
    return target


def _write_part(
    response: requests.Response,
    part: Path,
    have: int,
    progress: Progress | None,
    cancelled: CancelToken | None,
    chunk_size: int,
) -> int:
    """Append (206) or write (200) the body to *part*; the whole file's size (0: unknown)."""
    total = _total_size(response.headers)
    if response.status_code == 200:
        have = 0  # a whole body: start the part again
    mode = "ab" if have else "wb"
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | (os.O_APPEND if have else os.O_TRUNC), 0o600)
    with os.fdopen(fd, mode) as out:
        done = have
        if progress is not None:
            progress(done, total)
        for chunk in response.iter_content(chunk_size):
            if cancelled is not None:
                cancelled.check()
            out.write(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, total)
        if cancelled is not None:
            cancelled.check()  # a body cut short by the cancel is no whole file
        out.flush()
        os.fsync(out.fileno())
    return total


@contextmanager
def _as_download_cancel() -> Iterator[None]:
    """A cancel that lands while the request is on its way (the HTTP client raises the
    plain ``Cancelled``) is a paused download too."""
    try:
        yield
    except DownloadCancelled:
        raise
    except Cancelled as exc:
        raise DownloadCancelled from exc


def _abort(response: requests.Response) -> None:
    """Wake a read blocked on *response*'s socket (runs on the cancelling thread)."""
    connection = getattr(response.raw, "connection", None)
    if connection is not None:
        shut(connection)


def _total_size(headers: Mapping[str, str]) -> int:
    """The whole file's size: from ``Content-Range`` (206) or ``Content-Length`` (200)."""
    match = _CONTENT_RANGE.fullmatch(headers.get("Content-Range") or "")
    if match:
        return int(match.group(3)) if match.group(3) != "*" else 0
    length = headers.get("Content-Length")
    return int(length) if length else 0


# -- chapters --------------------------------------------------------------------------


def download_chapter(
    api: ApiClient,
    cache: Cache | None,
    account: Path,
    *,
    chapter_id: str,
    course_id: str,
    course_title: str,
    chapter_title: str,
    progress: Progress | None = None,
    cancelled: CancelToken | None = None,
    chunk_size: int = CHUNK_BYTES,
) -> DownloadedChapter:
    """Download a chapter's media for offline study and note it in the cache."""
    path = fetch_file(
        api,
        f"/chapters/{chapter_id}/media",
        media_path(account, chapter_id),
        progress=progress,
        cancelled=cancelled,
        chunk_size=chunk_size,
    )
    if cache is not None:
        cache.put_record(
            DOWNLOAD,
            chapter_id,
            {"course_id": course_id, "course_title": course_title, "chapter_title": chapter_title},
        )
    return DownloadedChapter(
        chapter_id, course_id, course_title, chapter_title, path, path.stat().st_size
    )


def downloaded_media(account: Path, chapter_id: str) -> Path | None:
    """The chapter's complete file, or None (a ``.part`` does not count)."""
    path = media_path(account, chapter_id)
    return path if path.is_file() else None


def list_downloads(cache: Cache, account: Path) -> list[DownloadedChapter]:
    """Every complete chapter file on disk, with its course and chapter when known."""
    folder = account / "media"
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.mp4")):
        chapter_id = path.stem
        meta = cache.get_record(DOWNLOAD, chapter_id) or {}
        found.append(
            DownloadedChapter(
                chapter_id=chapter_id,
                course_id=str(meta.get("course_id", "")),
                course_title=str(meta.get("course_title", "")),
                chapter_title=str(meta.get("chapter_title", chapter_id)),
                path=path,
                size=path.stat().st_size,
            )
        )
    return sorted(found, key=lambda d: (d.course_title, d.chapter_title))


def delete_download(cache: Cache | None, account: Path, chapter_id: str) -> None:
    """Remove the chapter's file (and any unfinished part) from disk."""
    path = media_path(account, chapter_id)
    path.unlink(missing_ok=True)
    part_path(path).unlink(missing_ok=True)
    if cache is not None:
        cache.delete_record(DOWNLOAD, chapter_id)


def download_handout(
    api: ApiClient,
    account: Path,
    chapter_id: str,
    *,
    progress: Progress | None = None,
    cancelled: CancelToken | None = None,
) -> Path:
    """The chapter's PDF handout under the account's directory."""
    return fetch_file(
        api,
        f"/chapters/{chapter_id}/handout",
        handout_path(account, chapter_id),
        progress=progress,
        cancelled=cancelled,
    )


def format_size(size: int) -> str:
    """Bytes as people read them: 812 KB, 3.4 MB."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024)) if size else 0} KB"
    if size < 1024**3:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{size / 1024**3:.2f} GB"
