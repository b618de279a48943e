"""Media files: where they are kept, what they are, HTTP byte ranges and signed media URLs.

Lecture videos, trial previews and handouts are kept by content, like the attachments:
``<media root>/<sha256[:2]>/<sha256>.mp4`` (or ``.pdf``), the root being ``KJCE_MEDIA_DIR``
or ``<data dir>/media``.  A chapter names its file by that relative path, so the same lecture
imported twice is stored once and a corrected import that brings the same bytes changes
nothing.  Files are only ever added (a chapter of an earlier import may still name one).
Databases seeded before the catalog import name the demo clips by their plain file names;
those are read from ``resources/media/`` (made once by ``tools/make_demo_media.py``).

What a file is, is read from the file (``probe_video`` with mutagen, ``check_pdf``): an
import trusts no length or type a sheet claims.  A signed URL carries an HMAC of account,
chapter, preview flag and expiry under a secret kept in the database, so any worker can
check it and VLC, which cannot send a Bearer header, can stream the media.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import struct
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.models import ServerSecret

if TYPE_CHECKING:
    from server.settings import Settings

MEDIA_DIR = Path(__file__).resolve().parents[1] / "resources" / "media"
MEDIA_URL_LIFETIME = dt.timedelta(hours=6)
CHUNK_SIZE = 64 * 1024
_SIGNING_SECRET = "media_url"
#: A stored file's name: two hex digits of its SHA-256, then the whole digest.
_STORED = re.compile(r"^[0-9a-f]{2}/[0-9a-f]{64}\.(?:mp4|pdf)$")


@cache
def demo_clips() -> dict[str, Any]:
    """``clips.json``: the demo clips with their exact lengths, and the trial preview."""
    data: dict[str, Any] = json.loads((MEDIA_DIR / "clips.json").read_text(encoding="utf-8"))
    return data


def media_root(settings: Settings) -> Path:
    """Where imported media are kept: ``KJCE_MEDIA_DIR``, else ``<data dir>/media``.

    The importer writes there and every worker reads there (behind nginx, the directory its
    internal location serves: README, "several workers").
    """
    override = os.environ.get("KJCE_MEDIA_DIR")
    if override:
        return Path(override).resolve()
    from server.attachments import data_dir

    return data_dir(settings) / "media"


def is_stored(file_name: str) -> bool:
    return _STORED.match(file_name) is not None


def media_path(root: Path, file_name: str) -> Path:
    """The file a chapter names: a stored file under *root*, or a demo clip by plain name."""
    if is_stored(file_name):
        return root / file_name
    return MEDIA_DIR / Path(file_name).name


def accel_redirect(file_name: str) -> str | None:
    """Where nginx serves *file_name* from, when ``KJCE_MEDIA_ACCEL`` names its internal location.

    Behind nginx the platform only checks access and answers ``X-Accel-Redirect``; nginx
    then sends the file itself (with Range) from the media root, so no worker spends
    minutes streaming a video.  A demo clip of an older database (not in the media root)
    is sent by the worker.
    """
    location = os.environ.get("KJCE_MEDIA_ACCEL")
    if not location or not is_stored(file_name):
        return None
    return location.rstrip("/") + "/" + quote(file_name)


# --- The content store ------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def stored_name(sha256: str, suffix: str) -> str:
    """The name a file of this content is kept under, e.g. ``ab/ab12….mp4``."""
    return f"{sha256[:2]}/{sha256}{suffix}"


def store_file(root: Path, source: Path, name: str) -> bool:
    """Copy *source* into the store as *name* (atomically, readable by a web server).

    True when this call wrote it, False when the same content was kept already.  A file
    that is already there is never rewritten: workers may be sending it.
    """
    target = root / name
    if target.is_file():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".import-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as tmp, source.open("rb") as stream:
            shutil.copyfileobj(stream, tmp, 1024 * 1024)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return True


# --- What a file is ---------------------------------------------------------------------


class MediaProblem(ValueError):
    """Why a file cannot be a lecture video or a handout; ``str(exc)`` is Chinese."""


#: Sample entries of H.264 video in an MP4 (``avc3`` keeps its parameters in band).
H264_ENTRIES = (b"avc1", b"avc3")
#: mutagen's codec name of AAC audio (MPEG-4 audio, object type 0x40).
AAC_CODEC_PREFIX = "mp4a.40."
LONGEST_VIDEO_MS = 6 * 3600 * 1000


@dataclass(frozen=True)
class VideoInfo:
    """What the platform needs of a lecture video, read from the file."""

    duration_ms: int
    audio_codec: str


def probe_video(path: Path) -> VideoInfo:
    """Check that *path* is an MP4 every player plays (H.264 video, AAC audio) and read
    its length from the movie header (``mvhd``: the presentation length, edit lists applied,
    which is what players show; an AAC track alone runs a few priming samples longer).

    mutagen parses the box tree and the audio codec without reading the media data, so a
    lecture of a gigabyte is checked in milliseconds.  It does not decode frames: what is
    checked is the structure (boxes whole, every track's data inside the file), the codecs
    and the length, which catches renamed, truncated and wrongly encoded files.
    """
    from mutagen import MutagenError
    from mutagen.mp4 import MP4, AtomError, Atoms

    size = path.stat().st_size
    try:
        with path.open("rb") as stream:
            atoms = Atoms(stream)
            if not atoms.atoms or atoms.atoms[0].name != b"ftyp":
                raise MediaProblem("不是 MP4 视频文件")
            for atom in atoms.atoms:
                if atom.offset + atom.length > size:
                    raise MediaProblem("视频文件不完整（可能没有复制完）")
            if b"moov" not in atoms or b"mdat" not in atoms:
                raise MediaProblem("视频文件不完整（缺少索引或媒体数据）")
            duration_ms = _movie_duration_ms(stream, atoms)
            handlers = _track_entries(stream, atoms, size)
        videos = [entry for handler, entry in handlers if handler == b"vide"]
        if not videos:
            raise MediaProblem("视频文件中没有画面轨道")
        if videos[0] not in H264_ENTRIES:
            codec = videos[0].decode("latin-1", "replace")
            raise MediaProblem(f"视频编码须为 H.264，这里是 {codec}，请转码后再导入")
        if not any(handler == b"soun" for handler, _ in handlers):
            raise MediaProblem("视频文件中没有声音轨道")
        info = MP4(path).info
    except MediaProblem:
        raise
    except (MutagenError, AtomError, struct.error, OSError, ValueError, KeyError) as exc:
        raise MediaProblem("无法读取该 MP4 文件（文件已损坏或不是 MP4）") from exc
    codec = str(getattr(info, "codec", "") or "")
    if not codec.startswith(AAC_CODEC_PREFIX):
        raise MediaProblem(f"音频编码须为 AAC，这里是 {codec or '未知'}，请转码后再导入")
    if duration_ms < 1000:
        raise MediaProblem("读不出视频时长，或时长不足 1 秒")
    if duration_ms > LONGEST_VIDEO_MS:
        raise MediaProblem("视频超过 6 小时，请分成几讲")
    return VideoInfo(duration_ms=duration_ms, audio_codec=codec)


def _payload(stream: Any, atom: Any) -> bytes:
    ok, data = atom.read(stream)
    if not ok:
        raise MediaProblem("视频文件不完整（可能没有复制完）")
    payload: bytes = data
    return payload


def _movie_duration_ms(stream: Any, atoms: Any) -> int:
    """``mvhd``: version 0 has 32-bit timescale and duration at byte 12, version 1 64-bit
    times (timescale at 20, duration at 24)."""
    data = _payload(stream, atoms.path(b"moov", b"mvhd")[-1])
    if data[0] == 1:
        timescale, duration = struct.unpack(">IQ", data[20:32])
    else:
        timescale, duration = struct.unpack(">II", data[12:20])
    if timescale == 0 or duration in (0, 0xFFFFFFFF, 0xFFFFFFFFFFFFFFFF):
        return 0  # unknown (a fragmented MP4): refused as such
    return round(duration * 1000 / timescale)


def _track_entries(stream: Any, atoms: Any, size: int) -> list[tuple[bytes, bytes]]:
    """(handler type, first sample entry type) of each track, e.g. (b"vide", b"avc1"),
    after checking that the track's last chunk starts inside the file."""
    found = []
    for trak in atoms.path(b"moov")[-1].findall(b"trak"):
        mdia = next(trak.findall(b"mdia"), None)
        if mdia is None:
            continue
        hdlr = next(mdia.findall(b"hdlr"), None)
        stbl = next((s for m in mdia.findall(b"minf") for s in m.findall(b"stbl")), None)
        if hdlr is None or stbl is None:
            continue
        handler = _payload(stream, hdlr)[8:12]
        stsd = next(stbl.findall(b"stsd"), None)
        entries = _payload(stream, stsd) if stsd is not None else b""
        entry = entries[12:16] if len(entries) >= 16 else b""
        for name, width in ((b"stco", 4), (b"co64", 8)):
            for box in stbl.findall(name):
                table = _payload(stream, box)
                count = struct.unpack(">I", table[4:8])[0]
                if count:
                    last = table[8 + (count - 1) * width : 8 + count * width]
                    offset = int.from_bytes(last, "big")
                    if offset >= size:
                        raise MediaProblem("视频文件不完整（可能没有复制完）")
        found.append((handler, entry))
    return found


def check_pdf(path: Path) -> None:
    """A handout is a whole PDF: its header at the start, its end marker near the end."""
    size = path.stat().st_size
    with path.open("rb") as stream:
        head = stream.read(1024)
        stream.seek(max(0, size - 2048))
        tail = stream.read()
    if b"%PDF-" not in head[:1024]:
        raise MediaProblem("不是 PDF 文件")
    if b"%%EOF" not in tail:
        raise MediaProblem("PDF 文件不完整（可能没有复制完）")


# --- HTTP Range -------------------------------------------------------------------------

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class RangeNotSatisfiable(Exception):
    """The Range header asks for no byte of the file (→ 416)."""


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """The inclusive byte span a single ``Range: bytes=a-b`` asks for, or None for all.

    Supports ``a-b``, ``a-`` and the suffix ``-n``; ``b`` beyond the end is clipped (RFC
    9110).  A header we do not understand (several ranges, other units) is ignored, so the
    whole file is sent, as the RFC allows.
    """
    if not header:
        return None
    match = _RANGE.match(header.strip().replace(" ", ""))
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:
        length = int(last)
        if length == 0 or size == 0:
            raise RangeNotSatisfiable
        return max(0, size - length), size - 1
    start = int(first)
    end = int(last) if last else size - 1
    if start >= size or (last and end < start):
        raise RangeNotSatisfiable
    return start, min(end, size - 1)


def read_span(path: Path, start: int, end: int) -> Iterator[bytes]:
    """Stream bytes ``start..end`` (inclusive) of *path* in chunks."""
    with path.open("rb") as stream:
        stream.seek(start)
        remaining = end - start + 1
        while remaining > 0:
            chunk = stream.read(min(CHUNK_SIZE, remaining))
            if not chunk:
                return
            remaining -= len(chunk)
            yield chunk


# --- Signed URLs ------------------------------------------------------------------------


def signing_key(db: Session, now: dt.datetime) -> bytes:
    """The platform's media-URL secret, created on first use (race-safe across workers).

    Call it before changing anything else in *db*: creating the secret commits.
    """
    row = db.get(ServerSecret, _SIGNING_SECRET)
    if row is None:
        db.add(ServerSecret(name=_SIGNING_SECRET, value=secrets.token_hex(32), created_at=now))
        try:
            db.commit()
        except IntegrityError:  # another worker created it first: use theirs
            db.rollback()
        row = db.get(ServerSecret, _SIGNING_SECRET)
        assert row is not None
    return bytes.fromhex(row.value)


@dataclass(frozen=True)
class MediaGrant:
    """What a media token allows: one account, one chapter (or its preview), until expiry."""

    account_id: str
    chapter_id: str
    preview: bool
    expires_at: dt.datetime


def _mac(key: bytes, payload: bytes) -> str:
    digest = hmac.new(key, payload, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def sign_grant(key: bytes, grant: MediaGrant) -> str:
    """``<payload>.<mac>``, both URL-safe base64; the payload is readable, not secret."""
    fields = [grant.account_id, grant.chapter_id, "1" if grant.preview else "0"]
    fields.append(str(int(grant.expires_at.timestamp())))
    payload = "\n".join(fields).encode("utf-8")
    encoded = base64.urlsafe_b64encode(payload).rstrip(b"=").decode("ascii")
    return f"{encoded}.{_mac(key, payload)}"


def verify_token(key: bytes, token: str, now: dt.datetime) -> MediaGrant | None:
    """The grant of a well-signed, unexpired token; None for anything else."""
    if not token.isascii():  # compare_digest refuses non-ASCII text (a 500, not a 403)
        return None
    try:
        encoded, mac = token.split(".", 1)
        payload = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except ValueError:
        return None
    if not hmac.compare_digest(_mac(key, payload), mac):
        return None
    try:
        account_id, chapter_id, preview, expires = payload.decode("utf-8").split("\n")
        expires_at = dt.datetime.fromtimestamp(int(expires), dt.UTC)
    except ValueError:
        return None
    if now >= expires_at:
        return None
    return MediaGrant(account_id, chapter_id, preview == "1", expires_at)
