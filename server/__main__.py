"""Command line: serve the platform, or run one of its maintenance tasks.

python -m server --db URL --host 127.0.0.1 --port N [--captcha on|off] [--now ISO]
                 [--demo-inbox] [--data-dir DIR]
python -m server migrate --db URL
python -m server seed-demo --db URL
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import socket
import sys
from collections.abc import Sequence
from pathlib import Path

import uvicorn

from server.settings import Settings, default_db_url, parse_instant, parse_switch

log = logging.getLogger("server")

COMMANDS = ("serve", "migrate", "seed-demo")


def _parser(command: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m server" + ("" if command == "serve" else f" {command}"),
        description={
            "serve": "Serve the KJCE platform API (migrates the database first).",
            "migrate": "Bring the database schema to the newest revision.",
            "seed-demo": "Load the demo reference data (idempotent).",
        }[command],
    )
    parser.add_argument("--db", help="SQLAlchemy URL, e.g. sqlite:////abs/path/platform.db")
    parser.add_argument("--data-dir", type=Path, help="directory for the platform's files")
    parser.add_argument("--log-level", default="INFO", help="logging level (default INFO)")
    if command == "serve":
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
        parser.add_argument(
            "--captcha", type=parse_switch, default=True, metavar="on|off", help="default on"
        )
        parser.add_argument("--now", type=parse_instant, help="pin the clock (ISO-8601)")
        parser.add_argument(
            "--demo-inbox", action="store_true", help="serve GET /demo/inbox (demo only)"
        )
        parser.add_argument(
            "--seed-demo", action="store_true", help="load the demo data before serving"
        )
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    data_dir: Path | None = args.data_dir.resolve() if args.data_dir else None
    if data_dir is not None:
        data_dir.mkdir(parents=True, exist_ok=True)
    return Settings(
        db_url=args.db or default_db_url(data_dir),
        host=getattr(args, "host", "127.0.0.1"),
        port=getattr(args, "port", 0),
        captcha=getattr(args, "captcha", True),
        now=getattr(args, "now", None),
        demo_inbox=getattr(args, "demo_inbox", False),
        data_dir=data_dir,
    )


class _Server(uvicorn.Server):
    """Announces the real address once the socket accepts connections."""

    def __init__(self, config: uvicorn.Config, url: str) -> None:
        super().__init__(config)
        self._url = url

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            sys.stdout.write(f"KJCE platform listening on {self._url}\n")
            sys.stdout.flush()


def serve(settings: Settings) -> None:
    from server.app import create_app
    from server.migrations import upgrade_to_head

    upgrade_to_head(settings.db_url)
    # Bind first so that --port 0 learns its real port before announcing it.
    family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((settings.host, settings.port))
    port = sock.getsockname()[1]
    host = f"[{settings.host}]" if family == socket.AF_INET6 else settings.host
    config = uvicorn.Config(
        create_app(settings),
        host=settings.host,
        port=port,
        log_config=None,
        access_log=False,
        workers=1,
    )
    asyncio.run(_Server(config, f"http://{host}:{port}").serve(sockets=[sock]))


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    command = args_list.pop(0) if args_list and args_list[0] in COMMANDS else "serve"
    args = _parser(command).parse_args(args_list)
    logging.basicConfig(
        level=args.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    settings = _settings(args)
    if command == "serve":
        if args.seed_demo:
            seed(settings)
        serve(settings)
    elif command == "migrate":
        from server.migrations import upgrade_to_head

        upgrade_to_head(settings.db_url)
    else:
        seed(settings)
    return 0


def seed(settings: Settings) -> None:
    """Migrate, then load the demo data (idempotent)."""
    from server.clock import Clock
    from server.db import make_engine, make_sessionmaker
    from server.migrations import upgrade_to_head
    from server.seed import seed_demo

    upgrade_to_head(settings.db_url)
    engine = make_engine(settings.db_url)
    with make_sessionmaker(engine)() as db:
        seed_demo(db, Clock())
    engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
