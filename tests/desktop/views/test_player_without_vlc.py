"""The player where libvlc cannot be loaded: it explains how to install VLC.

Runs on every machine, with or without VLC: the absence is made real through the binding's
own seam — python-vlc loads the library ``PYTHON_VLC_LIB_PATH`` names, here one that does
not exist — and the app's ``load_vlc`` meets it as it would on a PC without VLC.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.models import vlc_backend
from desktop.models.playback import PlayRequest
from desktop.models.vlc_backend import install_instructions
from desktop.views.player import PlayerWindow


@pytest.fixture
def no_libvlc(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """This process as on a PC without VLC: the binding is imported afresh and finds no
    library (the loaded one and the app's answer are put back after)."""
    monkeypatch.setenv("PYTHON_VLC_LIB_PATH", str(tmp_path / "no-such" / "libvlc.so.5"))
    monkeypatch.delitem(sys.modules, "vlc", raising=False)
    monkeypatch.setattr(vlc_backend, "_vlc", vlc_backend._UNSET)


def test_without_libvlc_the_window_explains_how_to_install_vlc(
    qtbot: QtBot, no_libvlc: None, tmp_path: Path
) -> None:
    window = PlayerWindow()  # the app's own loader
    qtbot.addWidget(window)
    window.play(
        PlayRequest(
            course_id="c1",
            course_title="会计准则专题",
            chapter_id="c1-ch1",
            chapter_title="第一讲",
            duration_ms=60_000,
            source=str(tmp_path / "lecture.mp4"),
        )
    )
    assert not window.vlc_available
    assert window.missing_vlc.isVisible()
    assert "VLC" in window.missing_vlc.text()
    assert (
        "videolan.org" in window.missing_vlc.text()
        or "apt install vlc" in window.missing_vlc.text()
    )
    assert not window.controls.isEnabled()
    with qtbot.assertNotEmitted(window.intervals_ready), qtbot.waitSignal(window.closed):
        window.close()


def test_install_instructions_fit_each_os() -> None:
    assert "64 位" in install_instructions("win32")
    assert "videolan.org" in install_instructions("win32")
    assert "brew install --cask vlc" in install_instructions("darwin")
    assert "/Applications" in install_instructions("darwin")
    assert "sudo apt install vlc" in install_instructions("linux")
    assert "libvlc5" in install_instructions("linux")
