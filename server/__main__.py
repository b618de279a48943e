"""Command line: serve the platform, or run one of its maintenance tasks.

python -m server --db URL --host 127.0.0.1 --port N [--captcha on|off] [--now ISO | --clock-start ISO]
                 [--demo-inbox] [--payments off|sandbox] [--exit-on-stdin-eof] [--seed-demo] [--data-dir DIR]
                 [--demo-backoffice [--demo-backoffice-delay-s 20]] [--shared]
python -m server migrate --db URL
python -m server seed-demo --db URL [--now ISO]
python -m server issue-cards --db URL --package ID --count N [--issued-by NAME]
python -m server advance-records --db URL [--year Y] [--until reviewed|completed|confirmed] [--now ISO]
python -m server issue-invoices --db URL [--now ISO]
python -m server create-admin --db URL --institution ID --username NAME --name 姓名 [--password P]
python -m server catalog-template --out FILE
python -m server import-catalog --db URL --institution ID FILE MEDIA_DIR [--dry-run] [--now ISO]
"""

from __future__ import annotations

import argparse
import logging
import os
import socket
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rules.identity import USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH
from server.clock import Clock, offset_to
from server.settings import (
    Settings,
    default_db_url,
    parse_instant,
    parse_payments,
    parse_switch,
)

if TYPE_CHECKING:
    from server.sharing import Address, Lifetime

log = logging.getLogger("server")
LISTENING = "KJCE platform listening on "
CLOCK_START_KEY = "clock_start"
"""The ``platform_state`` row of ``--clock-start``: the instant and the clock's offset."""

COMMANDS = (
    "serve",
    "migrate",
    "seed-demo",
    "issue-cards",
    "advance-records",
    "issue-invoices",
    "create-admin",
    "catalog-template",
    "import-catalog",
)
UNTIL_STATES = ("reviewed", "completed", "confirmed")
COMMANDS_EPILOG = """other commands (python -m server COMMAND --help):
  migrate           bring the database schema to the newest revision
  seed-demo         load the demo data
  issue-cards       issue study cards for a package
  advance-records   deliver credit reports; review, complete, confirm records
  issue-invoices    issue the requested invoices
  create-admin      create an institution's first administrator
  catalog-template  save the XLSX template of an institution's catalog
  import-catalog    import an institution's catalog, lectures and question bank
"""


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
            "catalog-template": "Save the XLSX template of an institution's catalog (packages, "
            "courses, chapters, questions, with a sheet of notes on every column).",
            "import-catalog": "Import an institution's catalog workbook and its folder of lecture "
            "videos and PDF handouts: every row and file is checked first (nothing is written "
            "if anything is wrong), then a row-by-row report is printed. Exit status 1: refused.",
        }[command],
        epilog=COMMANDS_EPILOG if command == "serve" else None,
        formatter_class=(
            argparse.RawDescriptionHelpFormatter if command == "serve" else argparse.HelpFormatter
        ),
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
            "--seed-demo",
            action="store_true",
            help="load the demo data before serving, unless this version of it is loaded",
        )
        parser.add_argument(
            "--shared",
            action="store_true",
            help="one platform per --data-dir: attach to the one serving it already, if any "
            "(with --exit-on-stdin-eof it stops when the last app using it is gone)",
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
            "--clock-start",
            type=parse_instant,
            metavar="ISO",
            help="the platform's time starts at this instant (ISO-8601) and runs at real "
            "speed, e.g. a demo of a past year that can be watched and credited; kept in the "
            "database, so a restart goes on from there (--now pins the clock instead)",
        )
        parser.add_argument(
            "--demo-backoffice-delay-s",
            type=float,
            default=20.0,
            help="seconds of the platform's clock between two back-office steps (default 20)",
        )
    if command in {
        "serve",
        "seed-demo",
        "advance-records",
        "issue-invoices",
        "create-admin",
        "import-catalog",
    }:
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
        parser.add_argument(
            "--username",
            required=True,
            help=f"{USERNAME_MIN_LENGTH}-{USERNAME_MAX_LENGTH} of a-z 0-9 . _ -",
        )
        parser.add_argument("--name", required=True, help="the administrator's name (姓名)")
        parser.add_argument("--password", help="kept as given (default: a one-time password)")
    if command == "catalog-template":
        parser.add_argument("--out", type=Path, required=True, help="the .xlsx file to write")
    if command == "import-catalog":
        parser.add_argument("--institution", required=True, help="institution id, e.g. yhdc")
        parser.add_argument("file", type=Path, help="the filled catalog workbook (.xlsx)")
        parser.add_argument("media_dir", type=Path, help="the folder of the videos and handouts")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and report only; write nothing"
        )
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    """The command line's settings; the data folder is ``--data-dir``, else ``KJCE_DATA_DIR``
    (so ``seed-demo`` and ``import-catalog`` store files where the workers will look)."""
    chosen = args.data_dir or os.environ.get("KJCE_DATA_DIR")
    data_dir: Path | None = Path(chosen).resolve() if chosen else None
    if data_dir is not None:
        data_dir.mkdir(parents=True, exist_ok=True)
    clock_start = getattr(args, "clock_start", None)
    return Settings(
        db_url=args.db or default_db_url(data_dir),
        host=getattr(args, "host", "127.0.0.1"),
        port=getattr(args, "port", 0),
        captcha=getattr(args, "captcha", True),
        now=getattr(args, "now", None),
        clock_start=clock_start,
        clock_offset=None if clock_start is None else offset_to(clock_start),
        demo_inbox=getattr(args, "demo_inbox", False),
        data_dir=data_dir,
        payments=getattr(args, "payments", "off"),
        demo_backoffice=getattr(args, "demo_backoffice", False),
        demo_backoffice_delay_s=getattr(args, "demo_backoffice_delay_s", 20.0),
    )


def serve(
    settings: Settings,
    *,
    seed_demo: bool = False,
    exit_on_stdin_eof: bool = False,
    shared: bool = False,
) -> int:
    """Serve the API; the address is announced as soon as the socket is bound.

    Only a database that needs it is migrated and seeded (server/warm_start.py), before
    the announcement.  The web stack is imported after it, while ``/health`` is answered
    already and other requests wait for it (server/deferred.py): the desktop app goes on
    with its own start-up instead of waiting for our imports.  With *shared*, a platform
    serving ``--data-dir`` already is attached to instead (server/sharing.py).
    """
    from server.sharing import Lifetime, claim

    if shared:
        if settings.data_dir is None:
            log.error("--shared needs --data-dir")
            return 2
        claimed = claim(settings.data_dir)
        if isinstance(claimed, tuple):
            address, lease = claimed
            return _attached(address, lease, exit_on_stdin_eof=exit_on_stdin_eof)
    # The app that started us holds us through our stdin; with --shared, leases hold too.
    lifetime = Lifetime(holders=1)
    if exit_on_stdin_eof:
        from server.sharing import watch_stdin

        watch_stdin(lifetime, sys.stdout)
    _prepare_database(settings, seed_demo=seed_demo)
    settings = _running_clock(settings)
    family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((settings.host, settings.port))  # --port 0 learns its real port here
    sock.listen(2048)
    port = sock.getsockname()[1]
    host = f"[{settings.host}]" if family == socket.AF_INET6 else settings.host
    url = f"http://{host}:{port}"
    if shared:
        assert settings.data_dir is not None
        _share(settings.data_dir, url, lifetime)
    _announce(url)
    try:
        return _serve_app(settings, sock, lifetime)
    finally:
        sock.close()


def _prepare_database(settings: Settings, *, seed_demo: bool) -> None:
    """Migrate and seed what is missing or older; a current database is left untouched."""
    from server.warm_start import plan

    start = plan(settings.db_url, seed_demo=seed_demo, year=Clock.of(settings).now().year)
    if start.migrate:
        from server.migrations import upgrade_to_head

        upgrade_to_head(settings.db_url)
    if start.seed:
        seed(settings, migrate=False, force=False)
    if not start.migrate and not start.seed:
        log.info("database schema and demo data current: nothing to migrate or seed")


def _running_clock(settings: Settings) -> Settings:
    """``--clock-start``: the clock goes on from where it is in this database.

    The first start with an instant keeps its offset from the system clock in
    ``platform_state``; a restart with the same instant takes that offset again, so the
    platform's time never goes back (watch time already credited would overlap the new).
    """
    start = settings.clock_start
    if start is None or settings.now is not None:
        return settings
    import dataclasses
    import datetime as dt

    from server.db import make_engine, make_sessionmaker
    from server.models import PlatformState

    wanted = start.isoformat()
    engine = make_engine(settings.db_url)
    try:
        with make_sessionmaker(engine)() as db:
            row = db.get(PlatformState, CLOCK_START_KEY)
            known, _, seconds = (row.value if row is not None else "").partition(" ")
            if known == wanted and seconds:
                offset = dt.timedelta(seconds=float(seconds))
            else:
                offset = settings.clock_offset or offset_to(start)
                db.merge(
                    PlatformState(
                        key=CLOCK_START_KEY,
                        value=f"{wanted} {offset.total_seconds():.6f}",
                        updated_at=dt.datetime.now(dt.UTC),
                    )
                )
                db.commit()
    finally:
        engine.dispose()
    settings = dataclasses.replace(settings, clock_offset=offset)
    log.info("the platform's clock runs from %s; now %s", wanted, Clock.of(settings).now())
    return settings


def _share(data_dir: Path, url: str, lifetime: Lifetime) -> None:
    """Take leases and publish the address in ``platform.json`` until we stop."""
    from server.sharing import Address, LeaseServer, remove_address, write_address

    leases = LeaseServer(lifetime)
    address = Address(url, leases.port, leases.token, os.getpid())

    def withdraw() -> None:  # first, so that nobody attaches to a platform that stops
        remove_address(data_dir, address)
        leases.close()

    leases.start()
    write_address(data_dir, address)
    lifetime.on_stop(withdraw)


def _announce(url: str) -> None:
    sys.stdout.write(f"{LISTENING}{url}\n")
    sys.stdout.flush()


def _serve_app(settings: Settings, sock: socket.socket, lifetime: Lifetime) -> int:
    """Serve on *sock*; the app is built while ``/health`` is answered already
    (server/deferred.py).  0, or 1 when the app could not be built."""
    if lifetime.stopped.is_set():  # our app left while we migrated or seeded
        return 0
    import asyncio

    import uvicorn

    from server.deferred import DeferredApp
    from server.health import HEALTH_PATHS, health_status

    def build() -> object:
        from server.app import create_app

        return create_app(settings)

    def stop() -> None:
        server.should_exit = True

    clock = Clock.of(settings)
    app = DeferredApp(build, lambda: health_status(settings, clock), HEALTH_PATHS, stop)
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=sock.getsockname()[1],
        interface="asgi3",
        lifespan="on",
        log_config=None,
        access_log=False,
        workers=1,
    )
    server = uvicorn.Server(config)
    lifetime.on_stop(stop)
    asyncio.run(server.serve(sockets=[sock]))
    return 1 if app.failed else 0


def _attached(address: Address, lease: socket.socket, *, exit_on_stdin_eof: bool) -> int:
    """Stand for our app at the platform serving its folder: print its address and hold
    a lease until our app leaves (0), or until that platform goes away (3)."""
    from server.sharing import hold_lease, wait_for_eof

    done = threading.Event()
    lost = threading.Event()

    def on_lost() -> None:
        lost.set()
        done.set()

    hold_lease(lease, on_lost)
    if exit_on_stdin_eof:

        def watch() -> None:
            wait_for_eof(sys.stdin.fileno())
            done.set()

        threading.Thread(target=watch, name="stdin-eof", daemon=True).start()
    log.info("attached to the platform serving this folder (process %d)", address.pid)
    _announce(address.url)
    done.wait()
    lease.close()
    if lost.is_set():
        log.error("the platform serving this folder is gone")
        return 3
    return 0


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
    if command == "serve" and settings.now is not None and settings.clock_start is not None:
        _parser(command).error("--now pins the clock; --clock-start runs it: give one")
    if command == "serve":
        return serve(
            settings,
            seed_demo=args.seed_demo,
            exit_on_stdin_eof=args.exit_on_stdin_eof,
            shared=args.shared,
        )
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
    elif command == "catalog-template":
        return catalog_template(args.out)
    elif command == "import-catalog":
        return import_catalog(settings, args.institution, args.file, args.media_dir, args.dry_run)
    else:
        seed(settings)
    return 0


def seed(settings: Settings, *, migrate: bool = True, force: bool = True) -> None:
    """Migrate, then load the demo data (idempotent) and remember which version of it.

    Without *force*, a database that holds this version already is left alone.
    """
    from server.db import make_engine, make_sessionmaker
    from server.media import media_root
    from server.migrations import upgrade_to_head
    from server.seed import mark_seeded, seed_demo, seeded_already
    from server.warm_start import seed_fingerprint

    if migrate:
        upgrade_to_head(settings.db_url)
    clock = Clock.of(settings)
    fingerprint = seed_fingerprint(clock.now().year)
    engine = make_engine(settings.db_url)
    try:
        with make_sessionmaker(engine)() as db:
            if not force and seeded_already(db, fingerprint):
                log.info("demo data current: not seeded again")
                return
            seed_demo(db, clock, media_root(settings))
            mark_seeded(db, fingerprint, clock)
    finally:
        engine.dispose()


def issue_cards(settings: Settings, package_id: str, count: int, issued_by: str) -> int:
    """Issue *count* cards for *package_id* and print them as CSV on stdout, once."""
    import csv

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
    from server.db import make_engine, make_sessionmaker
    from server.migrations import upgrade_to_head
    from server.reporting import advance_records as advance

    upgrade_to_head(settings.db_url)
    engine = make_engine(settings.db_url)
    try:
        changes = advance(make_sessionmaker(engine), Clock.of(settings), year=year, until=until)
    finally:
        engine.dispose()
    sys.stdout.write(f"{changes} state changes\n")
    sys.stdout.flush()
    return 0


def issue_invoices(settings: Settings) -> int:
    """Issue every requested invoice (PDF and notice); prints how many."""
    from server.db import make_engine, make_sessionmaker
    from server.invoices import issue_requested
    from server.migrations import upgrade_to_head
    from server.notifier import LocalNotifier

    upgrade_to_head(settings.db_url)
    engine = make_engine(settings.db_url)
    try:
        factory = make_sessionmaker(engine)
        clock = Clock.of(settings)
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
                    db, institution_id, username, name, ADMIN, Clock.of(settings).now(), password
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


def catalog_template(out: Path) -> int:
    """Save the catalog workbook's template (server/catalog/workbook.py)."""
    from server.catalog.workbook import write

    path = write(out)
    sys.stdout.write(f"已保存课程目录模板：{path}\n")
    sys.stdout.flush()
    return 0


def import_catalog(
    settings: Settings, institution_id: str, file: Path, media_dir: Path, dry_run: bool
) -> int:
    """Check the workbook and its media; unless refused or *dry_run*, store the media and
    commit.  Prints the report; 0 done (or checked), 1 refused, 2 unreadable input.

    Two passes: the first checks without holding any lock (reading the media, which may
    take long, is done once and remembered); the media are then stored; the second runs
    under the import's lock, sees who owns what at that moment, and commits.
    """
    from server.catalog.importer import MediaFolder, import_catalog, store_media
    from server.catalog.workbook import WorkbookUnreadable, read
    from server.db import make_engine, make_sessionmaker
    from server.media import media_root
    from server.migrations import upgrade_to_head

    if not media_dir.is_dir():
        log.error("media folder %s is not a directory", media_dir)
        return 2
    try:
        book = read(file)
    except (WorkbookUnreadable, OSError) as exc:
        sys.stdout.write(f"{exc}\n")
        return 2
    upgrade_to_head(settings.db_url)
    folder = MediaFolder(media_dir)
    clock = Clock.of(settings)
    engine = make_engine(settings.db_url)
    try:
        factory = make_sessionmaker(engine)
        with factory() as db:
            report = import_catalog(db, institution_id, book, folder, clock.now(), lock=False)
            db.rollback()
        if report.ok and not dry_run:
            store_media(media_root(settings), report)
            stored = (report.files_new, report.bytes_new)
            with factory() as db:
                report = import_catalog(db, institution_id, book, folder, clock.now())
                if report.ok:
                    db.commit()
                report.files_new, report.bytes_new = stored
    finally:
        engine.dispose()
    report.dry_run = dry_run
    sys.stdout.write(report.text())
    sys.stdout.flush()
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
