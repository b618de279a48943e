"""下载管理's operations (``desktop/views/storage.py``): the chapters kept on this computer
and 删除.  No widgets; both run on the cache lane.  Where the files are and how a download
is made are ``desktop/models/downloads.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.models.downloads import DownloadedChapter, delete_download, list_downloads

if TYPE_CHECKING:
    from pathlib import Path

    from desktop.models.cache import Cache


def read_downloads(cache: Cache | None, account: Path | None) -> list[DownloadedChapter]:
    """Every complete chapter file of the account (none without its cache or folder)."""
    if cache is None or account is None:
        return []
    return list_downloads(cache, account)


def delete_chapter(cache: Cache | None, account: Path, chapter_id: str) -> list[DownloadedChapter]:
    """删除: the chapter's file (and any unfinished part) leaves the disk; what remains."""
    delete_download(cache, account, chapter_id)
    return read_downloads(cache, account)
