"""The FastAPI application, built from Settings (no globals, so tests can build several)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI

from server import __version__
from server.admission import Admission, admission_limit
from server.api import (
    accounts,
    captcha,
    changes,
    courses,
    demo,
    exams,
    health,
    institutions,
    invoices,
    learning,
    me,
    orders,
    profile,
    records,
    reference,
    sessions,
    staff_accounts,
    walk_ins,
    watching,
)
from server.api.deps import API_PREFIX
from server.api.schemas import ErrorOut
from server.backoffice import BackOffice
from server.body_limit import BodyLimit
from server.clock import Clock
from server.db import make_engine, make_sessionmaker
from server.errors import install_error_handlers
from server.notifier import LocalNotifier, Notifier
from server.nul_guard import NulGuard
from server.settings import Settings

log = logging.getLogger(__name__)


def create_app(settings: Settings, notifier: Notifier | None = None) -> FastAPI:
    """Wire settings, clock, database and notifier into a new app.

    The schema must already be migrated (``python -m server`` does it before serving).
    """
    engine = make_engine(settings.db_url)
    session_factory = make_sessionmaker(engine)
    clock = Clock.of(settings)
    notifier = notifier or LocalNotifier(session_factory, clock)
    backoffice = BackOffice(
        session_factory,
        clock,
        notifier,
        demo=settings.demo_backoffice,
        delay_s=settings.demo_backoffice_delay_s,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        backoffice.start()
        yield
        backoffice.stop()
        engine.dispose()

    app = FastAPI(
        title="KJCE platform",
        version=__version__,
        description="会计继续教育平台 API (docs/api.md)",
        lifespan=lifespan,
        responses={"4XX": {"model": ErrorOut, "description": "错误（统一格式）"}},
    )
    app.state.settings = settings
    app.state.clock = clock
    app.state.engine = engine
    app.state.session_factory = session_factory
    app.state.notifier = notifier
    app.state.backoffice = backoffice
    install_error_handlers(app)
    app.add_middleware(NulGuard)  # PostgreSQL cannot store NUL in text: refused for both
    limit = admission_limit(engine)
    if limit is not None:  # a bounded pool (PostgreSQL): queue requests, do not exhaust it
        app.add_middleware(Admission, limit=limit)
    # Added last, so it runs first: a body over its endpoint's cap is refused before the
    # admission queue, the NUL check, authentication or parsing read any of it.
    app.add_middleware(BodyLimit)

    api = APIRouter(prefix=API_PREFIX)
    for module in (
        health,
        captcha,
        reference,
        accounts,
        sessions,
        me,
        profile,
        changes,
        institutions,
        orders,
        learning,
        courses,
        watching,
        exams,
        invoices,
        records,
        staff_accounts,
        walk_ins,
    ):
        api.include_router(module.router)
    if settings.demo_inbox:
        api.include_router(demo.router)
    if settings.payments == "sandbox":
        api.include_router(orders.sandbox_router)
    app.include_router(api)
    # The desktop and humans probe the bare /health too.
    app.add_api_route("/health", health.health, methods=["GET"], include_in_schema=False)

    if clock.is_pinned:
        log.info("clock pinned at %s", clock.now().isoformat())
    return app


def create_app_from_env() -> FastAPI:
    """The app from ``KJCE_*`` environment variables, for a foreign server with workers.

    ``uvicorn "server.app:create_app_from_env" --factory --workers N`` (or gunicorn with
    uvicorn workers) builds one app per worker process.  It does not migrate: run
    ``python -m server migrate --db URL`` once before starting the workers.
    """
    return create_app(Settings.from_env())
