"""Image captchas for login, registration and password reset.

A captcha lives 5 minutes in the database (so any worker can check it) and is used up by
the first check, right or wrong, so that an answer can never be tried twice, not even by
requests sent at the same moment.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import logging
import random
import secrets
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont
from sqlalchemy import update
from sqlalchemy.orm import Session

from server.errors import ApiError
from server.models import Captcha

log = logging.getLogger(__name__)

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 4
TTL = dt.timedelta(minutes=5)
WIDTH, HEIGHT = 120, 40

_FONT_CANDIDATES = (
    Path(__file__).parent / "fonts" / "captcha.ttf",
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
    Path("C:/Windows/Fonts/arialbd.ttf"),
    Path("/System/Library/Fonts/Supplemental/Arial Bold.ttf"),
)

FontType = ImageFont.FreeTypeFont | ImageFont.ImageFont


@cache
def _font(size: int = 26) -> FontType:
    """A bold system font when one is found, else Pillow's bundled default."""
    for path in _FONT_CANDIDATES:
        if path.is_file():
            try:
                return ImageFont.truetype(str(path), size)
            except OSError:
                continue
    return ImageFont.load_default(size=size)


def new_answer() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def render_png(answer: str) -> bytes:
    """Draw *answer* slightly rotated over noise lines and dots; returns PNG bytes."""
    rng = random.Random(secrets.randbits(64))
    image = Image.new("RGB", (WIDTH, HEIGHT), (rng.randint(235, 255),) * 3)
    draw = ImageDraw.Draw(image)
    for _ in range(5):
        draw.line(
            [(rng.randint(0, WIDTH), rng.randint(0, HEIGHT)) for _ in range(2)],
            fill=tuple(rng.randint(120, 200) for _ in range(3)),
            width=1,
        )
    font = _font()
    step = (WIDTH - 12) // LENGTH
    for index, char in enumerate(answer):
        glyph = Image.new("RGBA", (step + 8, HEIGHT), (0, 0, 0, 0))
        color = tuple(rng.randint(10, 110) for _ in range(3))
        ImageDraw.Draw(glyph).text((4, 4), char, font=font, fill=(*color, 255))
        glyph = glyph.rotate(rng.uniform(-18, 18), resample=Image.Resampling.BICUBIC)
        image.paste(glyph, (6 + index * step + rng.randint(-2, 2), rng.randint(-3, 1)), glyph)
    for _ in range(120):
        draw.point(
            (rng.randrange(WIDTH), rng.randrange(HEIGHT)),
            fill=tuple(rng.randint(60, 200) for _ in range(3)),
        )
    image = image.filter(ImageFilter.SMOOTH)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def issue(db: Session, now: dt.datetime) -> dict[str, object]:
    """Create and store a captcha (committed); returns the body of ``POST /captchas``."""
    answer = new_answer()
    captcha = Captcha(answer=answer, created_at=now, expires_at=now + TTL)
    db.add(captcha)
    db.commit()
    return {
        "captcha_id": captcha.id,
        "image_png_base64": base64.b64encode(render_png(answer)).decode("ascii"),
        "expires_in": int(TTL.total_seconds()),
    }


def check(
    db: Session, captcha_id: str | None, captcha_answer: str | None, now: dt.datetime
) -> None:
    """Use up the captcha and raise unless *captcha_answer* matches (case-insensitive).

    One conditional UPDATE spends it before the answer is compared, and is committed
    before any refusal: of requests sending one captcha at once, exactly one gets to
    compare its answer (a read, then a write, let up to five logins through on one).
    """
    if not captcha_id or not captcha_answer:
        raise ApiError(400, "captcha_required", "请输入验证码", "captcha_answer")
    spent = db.execute(
        update(Captcha)
        .where(Captcha.id == captcha_id, Captcha.used_at.is_(None), Captcha.expires_at > now)
        .values(used_at=now)
        .returning(Captcha.answer)
        .execution_options(synchronize_session=False)
    ).one_or_none()
    db.commit()
    if spent is None:
        raise ApiError(400, "captcha_expired", "验证码已失效，请点击图片换一张", "captcha_answer")
    if captcha_answer.strip().upper() != spent.answer:
        raise ApiError(400, "captcha_invalid", "验证码不正确，请重新输入", "captcha_answer")
