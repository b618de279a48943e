"""Attachment files (SPEC §2): read with a cap, check, decode, re-encode, store.

An upload is checked from its headers first (``rules.attachments.check_jpeg``: JPEG by
content, a coding every decoder reads, a bomb guard on the dimensions), then decoded by
Pillow — a JPEG over ``MAX_ATTACHMENT_PIXELS`` at reduced scale, so a 108 MP phone photo
is stored scaled down rather than refused.  What is stored is a fresh 8-bit sRGB JPEG
encoding of the pixels (EXIF orientation applied, the colour profile applied then dropped,
no EXIF/GPS), content-addressed by the SHA-256 of the stored bytes under
``<data dir>/attachments/<sha256[:2]>/<sha256>.jpg``.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import warnings
from collections.abc import AsyncIterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError
from sqlalchemy import make_url

from rules.attachments import (
    CORRUPT,
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENT_PIXELS,
    NOT_JPEG,
    TOO_MANY_PIXELS,
    ImageProblem,
    apply_pillow_limits,
    attachment_problem,
    reduced_size,
    size_text,
    to_srgb,
)
from server.errors import ApiError
from server.settings import Settings

# Pillow's own bomb guard stays on as a backstop (``apply_pillow_limits``), its warning
# turned into an error.  Truncated files must fail, never decode to grey.
apply_pillow_limits()
ImageFile.LOAD_TRUNCATED_IMAGES = False
warnings.simplefilter("error", Image.DecompressionBombWarning)

JPEG_QUALITY = 90


@dataclass(frozen=True)
class StoredImage:
    """The re-encoded JPEG that goes to disk."""

    content: bytes
    sha256: str
    width: int
    height: int


def too_large() -> ApiError:
    return ApiError(413, "attachment_too_large", f"附件不能超过 {size_text(MAX_ATTACHMENT_BYTES)}")


async def read_capped(chunks: AsyncIterator[bytes], limit: int = MAX_ATTACHMENT_BYTES) -> bytes:
    """The whole body, refusing (413) as soon as more than *limit* bytes have arrived.

    At most one chunk beyond the limit is ever held in memory.
    """
    buffer = bytearray()
    async for chunk in chunks:
        buffer += chunk
        if len(buffer) > limit:
            raise too_large()
    return bytes(buffer)


def check_file_name(content_disposition: str | None) -> None:
    """Refuse a client-given file name that names a path (``../../etc/passwd``).

    Files are stored by content hash and the name is never used, but a name with a path in
    it only comes from a hostile or broken client: refused rather than silently ignored.
    """
    if not content_disposition:
        return
    header = Message()
    header["content-disposition"] = content_disposition
    name = header.get_filename() or ""
    if "/" in name or "\\" in name or ".." in name or "\0" in name:
        raise ApiError(422, "validation_error", "文件名不能包含路径", "filename")


def _refusal(problem: ImageProblem) -> ApiError:
    if problem.code == "attachment_too_large":
        return too_large()
    status = 415 if problem.code == "attachment_not_jpeg" else 422
    return ApiError(status, problem.code, problem.text())


def reencode(body: bytes) -> StoredImage:
    """Check *body* as a JPEG and re-encode it without metadata; ApiError when refused."""
    frame, problem = attachment_problem(io.BytesIO(body), len(body))
    if problem is not None:
        raise _refusal(problem)
    assert frame is not None
    corrupt = _refusal(ImageProblem("attachment_corrupt", CORRUPT))
    bomb = _refusal(ImageProblem("attachment_too_many_pixels", TOO_MANY_PIXELS))
    try:
        image = Image.open(io.BytesIO(body), formats=["JPEG"])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise bomb from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise corrupt from None
    with image:
        # MPO: a camera JPEG with extra frames (Pillow's name for it); the first frame is kept.
        if image.format not in ("JPEG", "MPO"):
            raise _refusal(ImageProblem("attachment_not_jpeg", NOT_JPEG))
        if image.size != (frame.width, frame.height):
            raise corrupt
        icc_profile = image.info.get("icc_profile")
        if frame.pixels > MAX_ATTACHMENT_PIXELS:
            # Decoded by libjpeg at 1/2, 1/4 or 1/8: never the whole picture in memory.
            image.draft(image.mode, reduced_size(image.size, max_pixels=MAX_ATTACHMENT_PIXELS))
            if image.width * image.height > MAX_ATTACHMENT_PIXELS:
                raise bomb
        try:
            image.load()
            upright = ImageOps.exif_transpose(image)
            pixels = to_srgb(upright, icc_profile)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise bomb from None
        except (OSError, SyntaxError, ValueError, EOFError):
            raise corrupt from None
    clean = pixels  # a new image (exif_transpose copies), so its info is ours to clear:
    clean.info.clear()  # no exif, icc_profile (now sRGB), comments… can ride along
    # Re-encoding can grow a tightly compressed upload: step the quality down so that what
    # is stored obeys the same 2 MB rule as what was accepted.
    for quality in range(JPEG_QUALITY, 40, -10):
        out = io.BytesIO()
        clean.save(out, format="JPEG", quality=quality)
        content = out.getvalue()
        if len(content) <= MAX_ATTACHMENT_BYTES:
            break
    return StoredImage(
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        width=clean.width,
        height=clean.height,
    )


def data_dir(settings: Settings) -> Path:
    """Where the platform's files live.

    ``settings.data_dir`` (``--data-dir`` / ``KJCE_DATA_DIR``) when given; otherwise the
    directory of the SQLite database file (``--db sqlite:////srv/kjce/platform.db`` →
    ``/srv/kjce``), so that one ``--db`` keeps database and files together
    deterministically; for a server database (PostgreSQL) without ``--data-dir``, the
    working directory.
    """
    if settings.data_dir is not None:
        return settings.data_dir
    url = make_url(settings.db_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).resolve().parent
    return Path.cwd().resolve()


def attachments_dir(settings: Settings) -> Path:
    return data_dir(settings) / "attachments"


def attachment_path(settings: Settings, sha256: str) -> Path:
    return attachments_dir(settings) / sha256[:2] / f"{sha256}.jpg"


def store(settings: Settings, image: StoredImage) -> bool:
    """Write the file atomically (temporary file + rename), mode 0600; same content, same file.

    True when this call wrote it, False when the same content was on file already.
    """
    path = attachment_path(settings, image.sha256)
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".upload-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(image.content)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_name, 0o600)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return True


def unstore(settings: Settings, image: StoredImage) -> None:
    """Remove a file that ``store`` wrote for a transaction that then failed."""
    attachment_path(settings, image.sha256).unlink(missing_ok=True)
