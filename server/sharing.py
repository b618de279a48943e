"""One embedded platform per data folder, shared by every app that uses the folder.

``python -m server --shared --data-dir DIR`` first *claims* the folder.  The process that
gets the OS lock on ``platform.lock`` serves: it writes its address to ``platform.json``
and keeps the lock as long as it runs (the OS releases it however the process ends).  A
process that finds the folder served already (a second app window on it) attaches instead:
it opens a *lease* (a loopback connection the serving platform counts), prints the same
address, and holds the lease for as long as its own app lives.  One that finds the lock
held by a platform not serving yet (it migrates) or stopping (an app restarted at once)
waits for it.  So every app keeps its own child process, tied to it by the child's
standard input, and no two platforms migrate, seed or serve one database at once.

The serving platform counts who keeps it alive (``Lifetime``): the app that started it
(its standard input, ``--exit-on-stdin-eof``) and every lease.  It stops when the last is
gone, however that app ended — the OS closes a killed process's pipes and sockets.  When
its own app leaves first, it says so on standard output (``KEPT_LINE``) so that the app
does not wait for it to stop, and goes on serving the others.

Nothing here imports more than the standard library: an attaching process never loads
the web stack.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import secrets
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO

log = logging.getLogger(__name__)

LOCK_FILE = "platform.lock"
PORT_FILE = "platform.json"
KEPT_LINE = "KJCE platform kept for other apps"
"""Printed when the app that started the platform leaves while other apps still use it."""
CLAIM_TIMEOUT_S = 60.0
_POLL_S = 0.05
_ACK_TIMEOUT_S = 2.0
_LOCKED_ERRNOS = {errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK, errno.EDEADLK}


@dataclass(frozen=True)
class Address:
    """What ``platform.json`` says: where the platform serves and where it takes leases."""

    url: str
    lease_port: int
    token: str
    pid: int


class FolderLock:
    """An exclusive OS lock on ``platform.lock``; released by the OS when the process ends."""

    def __init__(self, folder: Path) -> None:
        self._path = folder / LOCK_FILE
        self._fd: int | None = None

    def try_acquire(self) -> bool:
        """Take the lock if no other process holds it (never blocks).

        A file system without locks (some network drives) counts as unlocked: the platform
        then serves unshared, as before sharing existed.
        """
        fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            if exc.errno in _LOCKED_ERRNOS:
                return False
            log.warning("cannot lock %s (%s); serving without sharing", self._path, exc)
            return True
        self._fd = fd
        return True


def _lock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def read_address(folder: Path) -> Address | None:
    try:
        data = json.loads((folder / PORT_FILE).read_text(encoding="utf-8"))
        return Address(
            str(data["url"]), int(data["lease_port"]), str(data["token"]), int(data["pid"])
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_address(folder: Path, address: Address) -> None:
    """Written whole or not at all: a reader never sees half a file.

    Best effort: on Windows a reader holding the old file open makes the replace fail
    for a moment; after a few tries the platform serves unshared rather than not at all.
    """
    temporary = folder / f"{PORT_FILE}.{os.getpid()}.tmp"
    temporary.write_text(json.dumps(asdict(address)), encoding="utf-8")
    for attempt in range(20):
        try:
            os.replace(temporary, folder / PORT_FILE)
            return
        except PermissionError:
            time.sleep(_POLL_S * (attempt + 1) / 4)
    log.warning("could not publish the platform's address in %s; serving unshared", folder)
    with contextlib.suppress(OSError):
        temporary.unlink()


def remove_address(folder: Path, address: Address) -> None:
    """Remove ``platform.json`` if it still names *address* (not a successor's)."""
    if read_address(folder) == address:
        with contextlib.suppress(OSError):
            (folder / PORT_FILE).unlink()


def attach(address: Address) -> socket.socket | None:
    """Open a lease on the platform at *address*; None if it is gone or stopping."""
    try:
        lease = socket.create_connection(("127.0.0.1", address.lease_port), _ACK_TIMEOUT_S)
    except OSError:
        return None
    try:
        answer = b""
        while not answer.endswith(b"\n") and len(answer) < 256:
            chunk = lease.recv(256)
            if not chunk:
                break
            answer += chunk
    except OSError:
        answer = b""
    if answer.decode("ascii", "replace").strip() != f"ok {address.token}":
        lease.close()
        return None
    lease.settimeout(None)
    return lease


def claim(
    folder: Path, timeout_s: float = CLAIM_TIMEOUT_S
) -> FolderLock | tuple[Address, socket.socket]:
    """Serve *folder* (its lock, returned) or attach to the platform serving it (its
    address and a lease).  Waits while the holder of the lock is not serving yet (it
    migrates or seeds) or is stopping; raises ``TimeoutError`` after *timeout_s*."""
    folder.mkdir(parents=True, exist_ok=True)
    lock = FolderLock(folder)
    deadline = time.monotonic() + timeout_s
    while True:
        if lock.try_acquire():
            return lock
        address = read_address(folder)
        lease = attach(address) if address is not None else None
        if address is not None and lease is not None:
            return address, lease
        if time.monotonic() > deadline:
            raise TimeoutError(f"{folder} is locked by a platform that does not answer")
        time.sleep(_POLL_S)


class Lifetime:
    """Who keeps the platform alive; *stop* runs once, when the last of them is gone."""

    def __init__(self, holders: int) -> None:
        self._lock = threading.Lock()
        self._holders = holders
        self._stopping = False
        self._on_stop: list[Callable[[], None]] = []
        self.stopped = threading.Event()

    def on_stop(self, callback: Callable[[], None]) -> None:
        """Run *callback* when the platform is to stop (at once if it is already)."""
        with self._lock:
            if not self._stopping:
                self._on_stop.append(callback)
                return
        callback()

    def hold(self) -> bool:
        """One more holder; False when the platform is stopping already."""
        with self._lock:
            if self._stopping:
                return False
            self._holders += 1
            return True

    def release(self) -> int:
        """One holder less; returns how many remain (stopping at none)."""
        with self._lock:
            self._holders -= 1
            remaining = self._holders
            stop = remaining <= 0 and not self._stopping
            if stop:
                self._stopping = True
                callbacks, self._on_stop = self._on_stop, []
        if stop:
            self.stopped.set()
            for callback in callbacks:
                callback()
        return remaining


class LeaseServer:
    """Takes leases on a loopback port: each connection holds the platform until it closes."""

    def __init__(self, lifetime: Lifetime, host: str = "127.0.0.1") -> None:
        self._lifetime = lifetime
        self._listener = socket.create_server((host, 0))
        self._listener.settimeout(0.2)  # so that close() is noticed without a wake-up trick
        self._closed = threading.Event()
        self.port: int = self._listener.getsockname()[1]
        self.token = secrets.token_hex(16)

    def start(self) -> None:
        threading.Thread(target=self._accept, name="leases", daemon=True).start()

    def close(self) -> None:
        self._closed.set()
        self._listener.close()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if self._closed.is_set() or not self._lifetime.hold():
                connection.close()  # stopping: the newcomer starts a platform of its own
                continue
            try:
                connection.settimeout(None)
                connection.sendall(f"ok {self.token}\n".encode("ascii"))
            except OSError:
                connection.close()
                self._lifetime.release()
                continue
            threading.Thread(
                target=self._watch, args=(connection,), name="lease", daemon=True
            ).start()

    def _watch(self, connection: socket.socket) -> None:
        with connection, contextlib.suppress(OSError):  # a reset is a close too
            while connection.recv(1024):
                pass
        log.info("an app using this platform left (%d remain)", self._lifetime.release())


def wait_for_eof(fd: int) -> None:
    """Block until the pipe *fd* (our stdin) reaches end-of-file.

    ``os.read`` on the descriptor rather than ``sys.stdin``: a daemon thread blocked in the
    buffered reader would hold its lock while the interpreter shuts down, which aborts it.
    """
    with contextlib.suppress(OSError):
        while os.read(fd, 4096):
            pass


def watch_stdin(lifetime: Lifetime, stdout: IO[str]) -> None:
    """Release the starting app's hold when our standard input closes (it quit or died).

    The app keeps the write end of our stdin open for as long as it lives, and the OS
    closes it however it ends — on every OS, without polling a parent process id.
    """

    def watch() -> None:
        wait_for_eof(sys.stdin.fileno())
        remaining = lifetime.release()
        if remaining <= 0:
            log.info("stdin closed: the embedding app is gone; stopping")
            return
        log.info("stdin closed: the embedding app is gone; %d other apps remain", remaining)
        with contextlib.suppress(OSError, ValueError):
            stdout.write(KEPT_LINE + "\n")
            stdout.flush()

    threading.Thread(target=watch, name="stdin-eof", daemon=True).start()


def hold_lease(lease: socket.socket, on_lost: Callable[[], None]) -> None:
    """Run *on_lost* if the platform behind *lease* goes away (it crashed or was killed)."""

    def watch() -> None:
        with contextlib.suppress(OSError):
            while lease.recv(1024):
                pass
        on_lost()

    threading.Thread(target=watch, name="lease", daemon=True).start()
