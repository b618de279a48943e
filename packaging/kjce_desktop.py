"""The frozen app's entry point: the embedded platform when asked, else the desktop app.

The app's executable is also the platform's: ``EmbeddedPlatform`` starts
``kjce-desktop --run-platform --db … --port 0 …`` (``desktop.frozen.platform_command``).
That branch imports the server only — no Qt — so the platform process stays small.
Everything else is ``main.py``'s ``main``, unchanged.
"""

from __future__ import annotations

import sys

from desktop.frozen import RUN_PLATFORM_FLAG, prepare_frozen_app


def run(argv: list[str]) -> int:
    if argv[:1] == [RUN_PLATFORM_FLAG]:
        from server.__main__ import main as platform_main

        return platform_main(argv[1:])
    prepare_frozen_app()
    from main import main as desktop_main

    return desktop_main(argv)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
