"""Build the one-folder app with PyInstaller: ``python packaging/build.py [--with-vlc DIR]``.

Steps: compile the translations (when ``tools/translations.py`` exists), run PyInstaller
on ``packaging/kjce-desktop.spec``, report the folder and its size.  Runs on Linux, Windows
and macOS alike; each OS builds its own app (README, "Building the installable app").
``bash scripts/quickstart.sh build`` installs PyInstaller and calls this.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "kjce-desktop.spec"
APP_NAME = "kjce-desktop"

log = logging.getLogger("build")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="packaging/build.py", description=__doc__)
    parser.add_argument(
        "--dist", type=Path, default=ROOT / "dist", help="output folder (default dist/)"
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=ROOT / "build" / "pyinstaller",
        help="PyInstaller's work folder (default build/pyinstaller/)",
    )
    parser.add_argument(
        "--with-vlc",
        type=Path,
        metavar="DIR",
        help="bundle this VLC folder (libvlc, libvlccore, plugins/) as _internal/vlc; "
        "VLC is LGPL: ship its licence and source offer with the app",
    )
    parser.add_argument("--clean", action="store_true", help="clear PyInstaller's caches first")
    return parser.parse_args(argv)


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def build_translations() -> None:
    """Compile the .ts files to .qm, if the translations tool is there yet."""
    if not (ROOT / "tools" / "translations.py").is_file():
        log.info("no tools/translations.py: bundling whatever desktop/translations/*.qm exist")
        return
    subprocess.run([sys.executable, "-m", "tools.translations", "build"], cwd=ROOT, check=True)


def run_pyinstaller(dist: Path, work: Path, with_vlc: Path | None, clean: bool) -> None:
    env = {**os.environ, "KJCE_VERSION": project_version()}
    if with_vlc is not None:
        if not with_vlc.is_dir():
            raise SystemExit(f"--with-vlc: no folder {with_vlc}")
        env["KJCE_WITH_VLC"] = str(with_vlc.resolve())
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(dist), "--workpath", str(work),
    ]  # fmt: skip
    if clean:
        command.append("--clean")
    subprocess.run([*command, str(SPEC)], cwd=ROOT, env=env, check=True)


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="[build] %(message)s")
    args = parse_args(sys.argv[1:] if argv is None else argv)
    started = time.monotonic()
    build_translations()
    run_pyinstaller(args.dist.resolve(), args.work.resolve(), args.with_vlc, args.clean)
    folder = args.dist.resolve() / APP_NAME
    log.info(
        "built %s (%.0f MB) in %.0f s",
        folder,
        folder_size(folder) / 1e6,
        time.monotonic() - started,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
