"""The player's platform side (docs/api.md, issue 5): courses with chapters, media, handouts.

Media is served with HTTP Range from the files themselves, to learners who selected the
course in an open paid enrollment; the trial preview to anyone logged in.  A signed URL
stands in for the Bearer header where a player cannot send one (VLC).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response, StreamingResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from rules.credits import from_tenths
from server.api.deps import CallerDep, ClockDep, Db, get_settings
from server.api.schemas import CourseDetailOut, MediaUrlIn, MediaUrlOut, iso
from server.errors import ApiError
from server.media import (
    MEDIA_URL_LIFETIME,
    MediaGrant,
    RangeNotSatisfiable,
    accel_redirect,
    media_path,
    media_root,
    parse_range,
    read_span,
    sign_grant,
    signing_key,
    verify_token,
)
from server.models import Account, Chapter, Course
from server.security import account_for_access_token
from server.watch import course_access, may_watch, policy_for

router = APIRouter(tags=["player"])

MEDIA_TYPE = "video/mp4"
FORBIDDEN_MESSAGE = "请先购买并选择该课程"


def get_media_root(request: Request) -> Path:
    return media_root(get_settings(request))


MediaRoot = Annotated[Path, Depends(get_media_root)]


def _course(db: Session, course_id: str) -> Course:
    course = db.get(Course, course_id)
    if course is None:
        raise ApiError(404, "not_found", "没有这门课程")
    return course


def _chapter(db: Session, chapter_id: str) -> tuple[Chapter, Course]:
    chapter = db.get(Chapter, chapter_id)
    if chapter is None:
        raise ApiError(404, "not_found", "没有这个章节")
    course = db.get(Course, chapter.course_id)
    assert course is not None
    return chapter, course


def _size(root: Path, file_name: str | None) -> int:
    if not file_name:
        return 0
    path = media_path(root, file_name)
    return path.stat().st_size if path.is_file() else 0


def chapter_out(chapter: Chapter, root: Path) -> dict[str, Any]:
    return {
        "id": chapter.id,
        "position": chapter.position,
        "title": chapter.title,
        "duration_ms": chapter.duration_ms,
        "media_type": MEDIA_TYPE,
        "media_size": _size(root, chapter.media_file),
        "handout": chapter.handout_file is not None,
        "preview_ms": chapter.preview_ms if chapter.preview_file else 0,
    }


@router.get("/courses/{course_id}", response_model=CourseDetailOut)
def course_detail(course_id: str, caller: CallerDep, db: Db, root: MediaRoot) -> dict[str, Any]:
    """A course with its chapters and watch policy; any learner may browse it."""
    course = _course(db, course_id)
    access = course_access(db, caller.account.id, course)
    chapters = db.scalars(
        select(Chapter).where(Chapter.course_id == course.id).order_by(Chapter.position)
    ).all()
    return {
        "id": course.id,
        "title": course.title,
        "teacher": course.teacher,
        "category": course.category,
        "credits": from_tenths(course.credits_tenths),
        "description": course.description,
        "duration_ms": course.duration_ms,
        "trial_available": course.trial_available,
        "enrollment_id": access.enrollment.id if access else None,
        "selected": bool(access and access.selected),
        "policy": policy_for(course).to_json(),
        "chapters": [chapter_out(chapter, root) for chapter in chapters],
    }


def _check_access(
    db: Session, account_id: str, chapter: Chapter, course: Course, preview: bool, now: dt.datetime
) -> None:
    """The preview to anyone logged in (when offered); the lecture to those who chose it."""
    if preview:
        if not (course.trial_available and chapter.preview_file):
            raise ApiError(404, "not_found", "该章节没有试听")
        return
    if not may_watch(course_access(db, account_id, course), now):
        raise ApiError(403, "media_forbidden", FORBIDDEN_MESSAGE)


@router.post(
    "/chapters/{chapter_id}/media-url",
    response_model=MediaUrlOut,
    status_code=201,
    responses={403: {"description": "media_forbidden"}},
)
def media_url(
    chapter_id: str,
    request: Request,
    caller: CallerDep,
    db: Db,
    clock: ClockDep,
    body: MediaUrlIn | None = None,
) -> dict[str, Any]:
    """A signed media URL valid 6 hours, for players that cannot send a Bearer header."""
    now = clock.now()
    preview = bool(body and body.preview)
    chapter, course = _chapter(db, chapter_id)
    _check_access(db, caller.account.id, chapter, course, preview, now)
    key = signing_key(db, now)
    grant = MediaGrant(caller.account.id, chapter.id, preview, now + MEDIA_URL_LIFETIME)
    token = sign_grant(key, grant)
    base = str(request.url_for("chapter_media", chapter_id=chapter.id))
    url = f"{base}?token={token}" + ("&preview=1" if preview else "")
    return {"url": url, "expires_at": iso(grant.expires_at)}


def _media_account(
    db: Session,
    request: Request,
    chapter_id: str,
    token: str | None,
    preview: bool,
    now: dt.datetime,
) -> Account:
    """Who asks for media: a signed token for this chapter, or a Bearer access token."""
    if token is not None:
        grant = verify_token(signing_key(db, now), token, now)
        if grant is None or grant.chapter_id != chapter_id or grant.preview != preview:
            raise ApiError(403, "media_token_invalid", "播放链接无效或已过期，请重新打开")
        account = db.get(Account, grant.account_id)
        if account is None:
            raise ApiError(403, "media_token_invalid", "播放链接无效或已过期，请重新打开")
        return account
    scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
    found = (
        account_for_access_token(db, credentials.strip(), now)
        if scheme.lower() == "bearer" and credentials.strip()
        else None
    )
    if found is None:
        raise ApiError(401, "unauthorized", "请先登录", headers={"WWW-Authenticate": "Bearer"})
    return found[0]


def _file_response(
    request: Request,
    root: Path,
    file_name: str,
    media_type: str,
    headers: dict[str, str] | None = None,
) -> Response:
    """The file, whole (200) or the single byte range asked for (206); 416 past the end."""
    path = media_path(root, file_name)
    if not path.is_file():
        raise ApiError(404, "not_found", "文件不存在")
    accel = accel_redirect(file_name)
    if accel is not None:  # nginx sends the bytes (see README: several workers)
        return Response(
            media_type=media_type, headers={**(headers or {}), "X-Accel-Redirect": accel}
        )
    size = path.stat().st_size
    common = {"Accept-Ranges": "bytes", **(headers or {})}
    try:
        span = parse_range(request.headers.get("Range"), size)
    except RangeNotSatisfiable:
        raise ApiError(
            416,
            "range_invalid",
            "请求的范围超出文件大小",
            headers={"Content-Range": f"bytes */{size}"},
        ) from None
    if span is None:
        common["Content-Length"] = str(size)
        return StreamingResponse(
            read_span(path, 0, size - 1), media_type=media_type, headers=common
        )
    start, end = span
    common["Content-Range"] = f"bytes {start}-{end}/{size}"
    common["Content-Length"] = str(end - start + 1)
    return StreamingResponse(
        read_span(path, start, end), status_code=206, media_type=media_type, headers=common
    )


@router.get(
    "/chapters/{chapter_id}/media",
    name="chapter_media",
    response_class=StreamingResponse,
    responses={
        206: {"description": "the byte range asked for"},
        403: {"description": "media_forbidden / media_token_invalid"},
        416: {"description": "range_invalid"},
    },
)
def chapter_media(
    chapter_id: str,
    request: Request,
    db: Db,
    clock: ClockDep,
    root: MediaRoot,
    token: Annotated[str | None, Query(max_length=512)] = None,
    preview: Annotated[bool, Query()] = False,
) -> Response:
    """The chapter's video (or its trial preview) with HTTP Range, by Bearer or signed URL."""
    now = clock.now()
    chapter, course = _chapter(db, chapter_id)
    account = _media_account(db, request, chapter.id, token, preview, now)
    _check_access(db, account.id, chapter, course, preview, now)
    file_name = chapter.preview_file if preview else chapter.media_file
    assert file_name is not None
    db.close()  # the stream may last minutes; it needs no database
    return _file_response(request, root, file_name, MEDIA_TYPE)


@router.get(
    "/chapters/{chapter_id}/handout",
    response_class=StreamingResponse,
    responses={403: {"description": "media_forbidden"}},
)
def chapter_handout(
    chapter_id: str, request: Request, caller: CallerDep, db: Db, clock: ClockDep, root: MediaRoot
) -> Response:
    """The chapter's PDF handout, named after the chapter for the learner's downloads."""
    chapter, course = _chapter(db, chapter_id)
    _check_access(db, caller.account.id, chapter, course, False, clock.now())
    if chapter.handout_file is None:
        raise ApiError(404, "not_found", "该章节没有讲义")
    filename = quote(f"{course.title}-{chapter.title}.pdf", safe="")
    disposition = f"attachment; filename=\"handout.pdf\"; filename*=UTF-8''{filename}"
    return _file_response(
        request,
        root,
        chapter.handout_file,
        "application/pdf",
        {"Content-Disposition": disposition},
    )
