"""Password hashes at OWASP's argon2id parameters, older ones upgraded at the next login."""

from __future__ import annotations

from argon2 import PasswordHasher, extract_parameters

from tests.helpers.learners import DEMO_ADMIN, change_password, ready_staff, staff_login
from tests.helpers.platform import PlatformProcess, assert_error, login, register

# What every new hash says of itself: argon2id, 19 MiB, 2 passes, 1 lane.
CURRENT = "$argon2id$v=19$m=19456,t=2,p=1$"
# argon2-cffi's default, which the platform used before: 64 MiB, 3 passes, 4 lanes.
OLD = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4)


def stored_hash(platform: PlatformProcess, id_number: str) -> str:
    rows = platform.query("SELECT password_hash FROM accounts WHERE id_number = ?", (id_number,))
    return str(rows[0][0])


def store_old_hash(platform: PlatformProcess, id_number: str, password: str) -> str:
    """Give the account the hash the platform made before, as a database holds it today."""
    old_hash = OLD.hash(password)
    platform.query(
        "UPDATE accounts SET password_hash = ? WHERE id_number = ?", (old_hash, id_number)
    )
    return old_hash


def test_a_new_password_is_hashed_at_the_current_parameters(platform: PlatformProcess) -> None:
    learner = register(platform)
    assert stored_hash(platform, learner["account"]["id_number"]).startswith(CURRENT)


def test_an_old_hash_is_upgraded_at_the_next_login(platform: PlatformProcess) -> None:
    learner = register(platform)
    number, password = learner["account"]["id_number"], learner["password"]
    old_hash = store_old_hash(platform, number, password)
    assert extract_parameters(old_hash).memory_cost == 65536

    response = login(platform, number, password)
    assert response.status_code == 201, response.text
    upgraded = stored_hash(platform, number)
    assert upgraded.startswith(CURRENT)
    assert PasswordHasher().verify(upgraded, password)
    # The upgraded hash logs in, and is not made again.
    assert login(platform, number, password).status_code == 201
    assert stored_hash(platform, number) == upgraded


def test_a_wrong_password_leaves_an_old_hash_alone(platform: PlatformProcess) -> None:
    learner = register(platform)
    number = learner["account"]["id_number"]
    old_hash = store_old_hash(platform, number, learner["password"])
    assert_error(login(platform, number, "wrong1234"), 401, "login_failed", "password")
    assert stored_hash(platform, number) == old_hash
    # The right one still logs in with it (and upgrades it).
    assert login(platform, number, learner["password"]).status_code == 201
    assert stored_hash(platform, number).startswith(CURRENT)


def test_staff_hashes_are_upgraded_the_same_way(platform: PlatformProcess) -> None:
    admin = staff_login(platform, *DEMO_ADMIN)
    staff = ready_staff(platform, admin["access_token"])
    store_old_hash(platform, staff["username"], staff["password"])
    staff_login(platform, staff["username"], staff["password"])
    assert stored_hash(platform, staff["username"]).startswith(CURRENT)


def test_an_upgrade_never_overwrites_a_password_changed_meanwhile(
    platform: PlatformProcess,
) -> None:
    """A login verifies the old hash; before it stores the upgrade, the learner changes
    the password on another device.  The new password must stay."""
    from sqlalchemy import select

    from server.db import make_engine, make_sessionmaker
    from server.models import Account
    from server.security import rehashed_secret, upgrade_password_hash

    learner = register(platform)
    number, password = learner["account"]["id_number"], learner["password"]
    old_hash = store_old_hash(platform, number, password)
    upgraded = rehashed_secret(old_hash, password)  # what the login computed
    assert upgraded is not None
    change_password(platform, learner["access_token"], password, "Changed2021x")

    engine = make_engine(platform.db_url)
    try:
        with make_sessionmaker(engine)() as db:
            account = db.scalars(select(Account).where(Account.id_number == number)).one()
            upgrade_password_hash(db, account, old_hash, upgraded)
            db.commit()
    finally:
        engine.dispose()
    assert_error(login(platform, number, password), 401, "login_failed", "password")
    assert login(platform, number, "Changed2021x").status_code == 201
