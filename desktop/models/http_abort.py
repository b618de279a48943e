"""HTTP connections that a cancel can wake: no request outlives its op or the app.

A request blocked on a platform that does not answer (a token refresh held by an
overloaded platform, a slow chapter) would keep its worker thread — and so the process at
quit, since Qt's thread pools wait for their work — until the read timeout.  The urllib3
connections made here note the cancel token of the op sending on them
(``desktop.models.cancel.current_token``): cancelling the op shuts the connection's socket,
and the blocked read ends at once.  ``AbortableAdapter.abort_all`` shuts every connection
the adapter made (quitting, whatever op sent on them).

Imported with ``requests``, on a worker (``ApiClient._http``), never before the login shows.
"""

from __future__ import annotations

import logging
import socket
import threading
import weakref
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from desktop.models.cancel import Cancelled, current_token

log = logging.getLogger(__name__)


class _Connections:
    """The connections of one adapter (weakly held: urllib3 drops them as it likes)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._all: weakref.WeakSet[HTTPConnection] = weakref.WeakSet()
        self.closed = False

    def add(self, connection: HTTPConnection) -> None:
        with self._lock:
            self._all.add(connection)

    def shut_all(self) -> int:
        with self._lock:
            self.closed = True
            connections = list(self._all)
        for connection in connections:
            shut(connection)
        return len(connections)


def shut(connection: HTTPConnection) -> None:
    """Wake a read blocked on *connection* (from any thread): shut its socket both ways."""
    sock = connection.sock
    if sock is None:
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        log.debug("connection already closed")


class _AbortableMixin:
    """Notes the sending op's cancel token at each request; its cancel shuts the socket."""

    _connections: _Connections
    _forget_cancel: Any = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._connections.add(self)  # type: ignore[arg-type]

    def request(self, *args: Any, **kwargs: Any) -> Any:
        forget, self._forget_cancel = self._forget_cancel, None
        if forget is not None:
            forget()  # the op that sent on this connection before is not this one
        if self._connections.closed:
            raise Cancelled  # the app is quitting
        token = current_token()
        if token is not None:
            # Raised through urllib3 and requests untouched: a cancelled op is not retried.
            token.check()
            self._forget_cancel = token.on_cancel(lambda: shut(self))  # type: ignore[arg-type]
        return super().request(*args, **kwargs)  # type: ignore[misc]


def _pool_classes(connections: _Connections) -> dict[str, type[HTTPConnectionPool]]:
    class Connection(_AbortableMixin, HTTPConnection):
        _connections = connections

    class SecureConnection(_AbortableMixin, HTTPSConnection):
        _connections = connections

    class Pool(HTTPConnectionPool):
        ConnectionCls = Connection

    class SecurePool(HTTPSConnectionPool):
        ConnectionCls = SecureConnection

    return {"http": Pool, "https": SecurePool}


class AbortableAdapter(HTTPAdapter):
    """An ``HTTPAdapter`` whose requests end when their op is cancelled or on ``abort_all``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._connections = _Connections()
        super().__init__(*args, **kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _pool_classes(self._connections)

    def abort_all(self) -> int:
        """Shut every connection (requests in flight fail at once, later ones are refused);
        how many there were."""
        count = self._connections.shut_all()
        self.close()
        return count
