"""Run the real app to its login window and write down what was imported by then.

    python tests/helpers/startup_probe.py REPORT.json [main.py's arguments…]

``main.main`` runs unchanged; this script only watches it.  Before anything else it puts a
finder at the head of ``sys.meta_path`` that finds nothing but notes, for each module
looked for the first time, *who* asked: the modules whose bodies were running and our own
functions on the importing thread's stack, outermost first (``python -X importtime``'s
nesting, with the function that did the import, and right across threads).  When the main
window has shown (``MainWindow.shown``, the moment ``benchmarks/startup.py`` times), it
writes ``{"modules": [...], "chains": {name: [...]}}`` to REPORT.json and quits the app.
Used by tests/desktop/test_startup_imports.py; nothing of it is in the app.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import FrameType, ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _is_ours(filename: str) -> bool:
    """Our source (not the virtualenv's, not the standard library's)."""
    path = Path(filename)
    return path.is_relative_to(ROOT) and not any(
        part in {".venv", "site-packages"} for part in path.parts
    )


class ImportChains(MetaPathFinder):
    """Finds nothing; remembers who asked for each module (see the module docstring)."""

    def __init__(self) -> None:
        self.chains: dict[str, list[str]] = {}
        self._lock = threading.Lock()

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname not in sys.modules:
            chain = importers(sys._getframe(1))
            with self._lock:
                self.chains[fullname] = chain
        return None  # the real finders after this one do the finding


def importers(frame: FrameType | None) -> list[str]:
    """The import chain on *frame*'s stack, outermost first: each running module body as
    its module name, each of our functions as ``module.function (file:line)``."""
    chain: list[str] = []
    while frame is not None:
        code = frame.f_code
        module = str(frame.f_globals.get("__name__", "?"))
        entry = ""
        if code.co_filename.startswith("<frozen") or code.co_filename == __file__:
            entry = ""  # the import machinery, and this probe
        elif code.co_name == "<module>":
            entry = module
        elif _is_ours(code.co_filename):
            where = Path(code.co_filename).relative_to(ROOT).as_posix()
            entry = f"{module}.{code.co_qualname}() ({where}:{frame.f_lineno})"
        if entry and (not chain or chain[-1] != entry):
            chain.append(entry)
        frame = frame.f_back
    chain.reverse()
    return chain


def main(argv: list[str]) -> int:
    report_path, app_args = Path(argv[0]), argv[1:]
    chains = ImportChains()
    sys.meta_path.insert(0, chains)
    sys.path[0] = str(ROOT)  # import the app's packages, not this folder's modules
    os.environ["KJCE_BENCH_REPORT"] = "1"  # main() then calls _report_start_up: taken below

    import main as app_main

    def on_start(desktop: object, app: object) -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        from desktop.app import DesktopApp

        assert isinstance(desktop, DesktopApp) and isinstance(app, QApplication)

        def on_shown() -> None:
            modules = sorted(sys.modules)
            with chains._lock:
                known = dict(chains.chains)
            report = {"modules": modules, "chains": {m: known.get(m, []) for m in modules}}
            report_path.write_text(json.dumps(report, indent=1), encoding="utf-8")
            QTimer.singleShot(0, app.quit)  # a clean quit: anything started is stopped

        desktop.window.shown.connect(on_shown)

    app_main._report_start_up = on_start  # type: ignore[attr-defined]
    sys.argv = ["main.py", *app_args]
    return app_main.main(app_args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
