"""Deny by default: what a learner, a staff member and an administrator token may reach.

The routes come from the platform's ``/openapi.json``, so a route added later is covered without
touching this file: a route that takes a token refuses a staff token unless it is on the
documented list, and every ``/staff/…`` route refuses a learner token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
import requests

from server.api.deps import API_PREFIX
from tests.helpers.learners import (
    DEMO_ADMIN,
    change_password,
    create_staff,
    ready_staff,
    register_walk_in,
    staff_login,
)
from tests.helpers.platform import PlatformProcess, assert_error, bearer, login, register

# docs/api.md, "Deny by default": the token routes outside /staff/… a staff token may use.
STAFF_ALLOWED = {
    ("GET", "/me"),
    ("PUT", "/me/password"),
    ("DELETE", "/sessions/current"),
    ("GET", "/institutions"),
    ("GET", "/institutions/{institution_id}/packages"),
    ("GET", "/institutions/{institution_id}/learner-info"),
}
PASSWORD_CHANGE_ALLOWED = {("GET", "/me"), ("PUT", "/me/password"), ("DELETE", "/sessions/current")}
ADMIN_ROUTES = {
    ("GET", "/staff/accounts"),
    ("POST", "/staff/accounts"),
    ("POST", "/staff/accounts/{account_id}/disable"),
    ("POST", "/staff/accounts/{account_id}/enable"),
    ("GET", "/staff/audit-log"),
}


@dataclass(frozen=True)
class Route:
    method: str
    path: str  # without the API prefix, e.g. /staff/accounts/{account_id}/disable
    takes_token: bool

    @property
    def is_staff(self) -> bool:
        return self.path.startswith("/staff/")

    @property
    def key(self) -> tuple[str, str]:
        return (self.method, self.path)

    def send(self, platform: PlatformProcess, token: str) -> requests.Response:
        """Path parameters get a value no object has (a route may then say 404); bodies {}."""
        url = platform.api + re.sub(r"\{[^}]+\}", "1", self.path)
        body = {} if self.method in {"POST", "PUT", "PATCH"} else None
        return requests.request(self.method, url, json=body, headers=bearer(token), timeout=10)


def platform_routes(platform: PlatformProcess) -> list[Route]:
    """Every API route the platform publishes; a route with a bearer scheme takes a token."""
    schema = requests.get(platform.url + "/openapi.json", timeout=10).json()
    return [
        Route(method.upper(), path.removeprefix(API_PREFIX), bool(operation.get("security")))
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    ]


@pytest.fixture(scope="module")
def routes(platform: PlatformProcess) -> list[Route]:
    return platform_routes(platform)


@pytest.fixture(scope="module")
def token_routes(routes: list[Route]) -> list[Route]:
    return [route for route in routes if route.takes_token]


def test_the_route_list_is_what_the_contract_names(routes: list[Route]) -> None:
    keys = {route.key for route in routes if route.takes_token}
    assert keys >= STAFF_ALLOWED | ADMIN_ROUTES
    # Every /staff/ route takes a token; the learner routes are many more than the list.
    assert all(route.takes_token for route in routes if route.is_staff)
    assert len([key for key in keys if not key[1].startswith("/staff/")]) > 30


@pytest.fixture(scope="module")
def learner_token(platform: PlatformProcess) -> str:
    token: str = register(platform)["access_token"]
    return token


@pytest.fixture(scope="module")
def admin_token(platform: PlatformProcess) -> str:
    token: str = staff_login(platform, *DEMO_ADMIN)["access_token"]
    return token


@pytest.fixture(scope="module")
def desk_token(platform: PlatformProcess, admin_token: str) -> str:
    """A new staff member of 源和大成教育 with the one-time password changed (not the demo
    clerk, whose sessions other tests use)."""
    token: str = ready_staff(platform, admin_token)["access_token"]
    return token


def refusals(
    platform: PlatformProcess, routes: list[Route], token: str
) -> dict[tuple[str, str], tuple[int, str | None]]:
    """Each route's status and error code for *token*; a 5xx fails at once."""
    answers = {}
    for route in routes:
        response = route.send(platform, token)
        assert response.status_code < 500, (route.key, response.text)
        code = response.json()["error"]["code"] if response.status_code >= 400 else None
        answers[route.key] = (response.status_code, code)
    return answers


def test_a_learner_token_is_refused_on_every_staff_route(
    platform: PlatformProcess, routes: list[Route], learner_token: str
) -> None:
    staff_routes = [route for route in routes if route.is_staff]
    answers = refusals(platform, staff_routes, learner_token)
    assert len(answers) >= len(ADMIN_ROUTES) + 2
    assert {key: answer for key, answer in answers.items() if answer != (403, "staff_only")} == {}


def test_a_staff_token_is_refused_on_every_learner_route(
    platform: PlatformProcess, token_routes: list[Route], desk_token: str
) -> None:
    learner_routes = [
        route for route in token_routes if not route.is_staff and route.key not in STAFF_ALLOWED
    ]
    answers = refusals(platform, learner_routes, desk_token)
    wrong = {key: answer for key, answer in answers.items() if answer != (403, "staff_forbidden")}
    assert wrong == {}
    error = assert_error(learner_routes[0].send(platform, desk_token), 403, "staff_forbidden")
    assert error["message"] == "工作人员账号不能使用学员功能"


def test_a_staff_token_reaches_what_the_contract_allows(
    platform: PlatformProcess, token_routes: list[Route], desk_token: str
) -> None:
    allowed = [
        route
        for route in token_routes
        if route.key in STAFF_ALLOWED and route.key != ("DELETE", "/sessions/current")
    ]
    for key, (_status, code) in refusals(platform, allowed, desk_token).items():
        assert code not in {"staff_forbidden", "unauthorized", "password_change_required"}, key
    me = requests.get(platform.api + "/me", headers=bearer(desk_token), timeout=10)
    assert me.status_code == 200 and me.json()["role"] == "staff"
    packages = requests.get(
        platform.api + "/institutions/yhdc/packages", headers=bearer(desk_token), timeout=10
    )
    assert packages.status_code == 200 and packages.json()["items"]


def test_administrator_routes_refuse_a_staff_token_and_only_those(
    platform: PlatformProcess, routes: list[Route], desk_token: str, admin_token: str
) -> None:
    staff_routes = [route for route in routes if route.is_staff]
    by_staff = refusals(platform, staff_routes, desk_token)
    admin_only = {key for key, (_status, code) in by_staff.items() if code == "admin_only"}
    assert admin_only >= ADMIN_ROUTES
    assert all(by_staff[key] == (403, "admin_only") for key in admin_only)
    # The desk's own routes (walk-ins, payment at the counter) stay open to staff.
    assert any(key[1].startswith("/staff/walk-ins") for key in set(by_staff) - admin_only)
    roles = {"staff_only", "admin_only", "staff_forbidden", "password_change_required"}
    for key, (_status, code) in refusals(platform, staff_routes, admin_token).items():
        assert code not in roles, key


def test_an_account_with_a_one_time_password_may_only_change_it(
    platform: PlatformProcess, token_routes: list[Route], admin_token: str
) -> None:
    created = create_staff(platform, admin_token, role="admin")
    session = staff_login(platform, created["username"], created["initial_password"])
    assert session["account"]["must_change_password"] is True
    token = session["access_token"]
    others = [route for route in token_routes if route.key not in PASSWORD_CHANGE_ALLOWED]
    for key, answer in refusals(platform, others, token).items():
        learner_route = not key[1].startswith("/staff/") and key not in STAFF_ALLOWED
        expected = "staff_forbidden" if learner_route else "password_change_required"
        assert answer == (403, expected), key
    me = requests.get(platform.api + "/me", headers=bearer(token), timeout=10)
    assert me.status_code == 200 and me.json()["must_change_password"] is True
    changed = change_password(platform, token, created["initial_password"], "Admin2021new")
    assert changed["must_change_password"] is False
    accounts = requests.get(platform.api + "/staff/accounts", headers=bearer(token), timeout=10)
    assert accounts.status_code == 200, accounts.text


def test_a_walk_in_learner_must_change_the_one_time_password_first(
    platform: PlatformProcess, token_routes: list[Route], desk_token: str
) -> None:
    walk_in = register_walk_in(platform, desk_token)
    response = login(platform, walk_in["login_id"], walk_in["initial_password"])
    assert response.status_code == 201, response.text
    assert response.json()["account"]["must_change_password"] is True
    token = response.json()["access_token"]
    others = [route for route in token_routes if route.key not in PASSWORD_CHANGE_ALLOWED]
    for key, answer in refusals(platform, others, token).items():
        expected = "staff_only" if key[1].startswith("/staff/") else "password_change_required"
        assert answer == (403, expected), key
    change_password(platform, token, walk_in["initial_password"], "Mine2021ok")
    profile = requests.get(platform.api + "/me/profile", headers=bearer(token), timeout=10)
    assert profile.status_code == 200 and profile.json()["status"] == "collected"
