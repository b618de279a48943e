"""Command line: serve the platform, or run one of its maintenance tasks.

python -m server --db URL --host 127.0.0.1 --port N [--captcha on|off] [--now ISO]
                 [--demo-inbox] [--payments off|sandbox] [--exit-on-stdin-eof] [--seed-demo] [--data-dir DIR]
                 [--demo-backoffice [--demo-backoffice-delay-s 20]]
python -m server migrate --db URL
python -m server seed-demo --db URL [--now ISO]
python -m server issue-cards --db URL --package ID --count N [--issued-by NAME]
python -m server advance-records --db URL [--year Y] [--until reviewed|completed|confirmed] [--now ISO]
python -m server issue-invoices --db URL [--now ISO]
python -m server create-admin --db URL --institution ID --username NAME --name 姓名 [--password P]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import socket
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

import uvicorn

from server.settings import (
    Settings,
    default_db_url,
    parse_instant,
    parse_payments,
    parse_switch,
)

log = logging.getLogger("server")

COMMANDS = (
    "serve",
    "migrate",
    "seed-demo",
    "issue-cards",
    "advance-records",
    "issue-invoices",
    "create-admin",
)
UNTIL_STATES = ("reviewed", "completed", "confirmed")


def _parser(command: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m server" + ("" if command == "serve" else f" {command}"),
        description={
            "serve": "Serve the KJCE platform API (migrates the database first).",
            "migrate": "Bring the database schema to the newest revision.",
            "seed-demo": "Load the demo reference data (idempotent).",
            "issue-cards": "Issue a batch of study cards for one package; prints them once "
            "as CSV (card_number,password). Only the password hashes are kept.",
            "advance-records": "Deliver the queued credit reports to the province, then mark "
            "the reported records reviewed / completed / confirmed (administrators).",
            "issue-invoices": "Issue every requested invoice: its PDF and the e-mail notice "
            "(administrators).",
            "create-admin": "Create an institution's first administrator. Without --password "
            "a one-time password is generated, printed once, and must be changed at first login.",
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
        parser.add_argument(
            "--demo-inbox", action="store_true", help="serve GET /demo/inbox (demo only)"
        )
        parser.add_argument(
            "--exit-on-stdin-eof",
            action="store_true",
            help="stop when standard input closes (the embedding app died or quit)",
        )
        parser.add_argument(
            "--seed-demo", action="store_true", help="load the demo data before serving"
        )
        parser.add_argument(
            "--payments",
            type=parse_payments,
            default="off",
            metavar="off|sandbox",
            help="sandbox: local QR payments confirmed by POST /sandbox/payments/{id}/confirm",
        )
        parser.add_argument(
            "--demo-backoffice",
            action="store_true",
            help="demo only: the back office reviews, completes and confirms credit records "
            "and issues invoices by itself, one step per delay",
        )
        parser.add_argument(
            "--demo-backoffice-delay-s",
            type=float,
            default=20.0,
            help="seconds of the platform's clock between two back-office steps (default 20)",
        )
    if command in {"serve", "seed-demo", "advance-records", "issue-invoices", "create-admin"}:
        parser.add_argument("--now", type=parse_instant, help="pin the clock (ISO-8601)")
    if command == "advance-records":
        parser.add_argument("--year", type=int, help="only the records of this year")
        parser.add_argument(
            "--until",
            choices=UNTIL_STATES,
            default="confirmed",
            help="the state to move reported records to (default confirmed)",
        )
    if command == "issue-cards":
        parser.add_argument(
            "--package", required=True, help="package id, e.g. yhdc-2021-professional"
        )
        parser.add_argument("--count", type=int, required=True, help="how many cards (1-10000)")
        parser.add_argument("--issued-by", default="机构管理员", help="who issues the batch")
    if command == "create-admin":
        parser.add_argument("--institution", required=True, help="institution id, e.g. yhdc")
        parser.add_argument("--username", required=True, help="3-32 of a-z 0-9 . _ -")
        parser.add_argument("--name", required=True, help="the administrator's name (姓名)")
        parser.add_argument("--password", help="kept as given (default: a one-time password)")
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
        payments=getattr(args, "payments", "off"),
        demo_backoffice=getattr(args, "demo_backoffice", False),
        demo_backoffice_delay_s=getattr(args, "demo_backoffice_delay_s", 20.0),
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


def _stop_on_stdin_eof(server: uvicorn.Server) -> None:
    """Stop *server* once stdin reaches EOF.

    The desktop app keeps the write end of our stdin open for as long as it lives; when it
    quits or is killed, the OS closes it.  So the embedded platform never outlives the app
    — on every OS, without polling a parent process id.
    """

    def watch() -> None:
        while sys.stdin.buffer.read(4096):
            pass
        log.info("stdin closed: the embedding app is gone; stopping")
        server.should_exit = True

    threading.Thread(target=watch, name="stdin-eof", daemon=True).start()


def serve(settings: Settings, *, exit_on_stdin_eof: bool = False) -> None:
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
    server = _Server(config, f"http://{host}:{port}")
    if exit_on_stdin_eof:
        _stop_on_stdin_eof(server)
    asyncio.run(server.serve(sockets=[sock]))


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
        serve(settings, exit_on_stdin_eof=args.exit_on_stdin_eof)
    elif command == "migrate":
        from server.migrations import upgrade_to_head

        upgrade_to_head(settings.db_url)
    elif command == "issue-cards":
        return issue_cards(settings, args.package, args.count, args.issued_by)
    elif command == "advance-records":
        return advance_records(settings, args.year, args.until)
    elif command == "issue-invoices":
        return issue_invoices(settings)
    elif command == "create-admin":
        return create_admin(settings, args.institution, args.username, args.name, args.password)
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
        seed_demo(db, Clock(settings.now))
    engine.dispose()


def issue_cards(settings: Settings, package_id: str, count: int, issued_by: str) -> int:
    """Issue *count* cards for *package_id* and print them as CSV on stdout, once."""
    import csv

    from server.clock import Clock
    from server.db import make_engine, make_sessionmaker
    from server.migrations import upgrade_to_head
    from server.models import Package
    from server.study_cards import MAX_BATCH, issue_batch

    if not 1 <= count <= MAX_BATCH:
        log.error("--count must be between 1 and %d", MAX_BATCH)
        return 2
    upgrade_to_head(settings.db_url)
    engine = make_engine(settings.db_url)
    try:
        with make_sessionmaker(engine)() as db:
            if db.get(Package, package_id) is None:
                log.error("no package %r", package_id)
                return 2
            cards = issue_batch(db, package_id, count, issued_by, Clock().now())
            db.commit()
    finally:
        engine.dispose()
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["card_number", "password"])
    writer.writerows(cards)
    sys.stdout.flush()
    log.info("issued %d study cards for %s", count, package_id)
    return 0


def advance_records(settings: Settings, year: int | None, until: str) -> int:
    """Deliver what is queued, then move reported records up to *until*; prints the count."""
    from server.clock import Clock
    from server.db import make_engine, make_sessionmaker
    from server.migrations import upgrade_to_head
    from server.reporting import advance_records as advance

    upgrade_to_head(settings.db_url)
    engine = make_engine(settings.db_url)
    try:
        changes = advance(make_sessionmaker(engine), Clock(settings.now), year=year, until=until)
    finally:
        engine.dispose()
    sys.stdout.write(f"{changes} state changes\n")
    sys.stdout.flush()
    return 0


def issue_invoices(settings: Settings) -> int:
    """Issue every requested invoice (PDF and notice); prints how many."""
    from server.clock import Clock
    from server.db import make_engine, make_sessionmaker
    from server.invoices import issue_requested
    from server.migrations import upgrade_to_head
    from server.notifier import LocalNotifier

    upgrade_to_head(settings.db_url)
    engine = make_engine(settings.db_url)
    try:
        factory = make_sessionmaker(engine)
        clock = Clock(settings.now)
        issued = issue_requested(factory, clock, LocalNotifier(factory, clock))
    finally:
        engine.dispose()
    sys.stdout.write(f"{issued} invoices issued\n")
    sys.stdout.flush()
    return 0


def create_admin(
    settings: Settings, institution_id: str, username: str, name: str, password: str | None
) -> int:
    """Create an administrator; prints the user name, and the password when generated."""
    from server.clock import Clock
    from server.db import make_engine, make_sessionmaker
    from server.errors import ApiError
    from server.migrations import upgrade_to_head
    from server.models import Institution
    from server.staff import ADMIN, create_staff_account

    upgrade_to_head(settings.db_url)
    engine = make_engine(settings.db_url)
    try:
        with make_sessionmaker(engine)() as db:
            if db.get(Institution, institution_id) is None:
                log.error("no institution %r", institution_id)
                return 2
            try:
                account, generated = create_staff_account(
                    db, institution_id, username, name, ADMIN, Clock(settings.now).now(), password
                )
            except ApiError as refusal:
                log.error("%s: %s", refusal.field, refusal.message)
                return 2
            db.commit()
    finally:
        engine.dispose()
    sys.stdout.write(f"username: {account.id_number}\n")
    if generated is not None:
        sys.stdout.write(f"initial_password: {generated}\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
