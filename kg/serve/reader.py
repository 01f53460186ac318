"""The store ``kg serve`` reads, kept current while builds add articles.

A store folder is opened read-only (``open_store(..., read_only=True)``): a
build may write it meanwhile, and the server reads the snapshots the build
publishes (:mod:`kg.store.snapshots`). Between requests, at most every
``refresh`` seconds, the server moves to the newest one
(``OxigraphStore.refresh``: milliseconds, nothing copied). "Between": only
when no request is reading the store, since moving lets go of the snapshot
the requests under way read; requests that arrive meanwhile wait the
milliseconds it takes. A SPARQL server (``--store http://...``) is read over
HTTP, so every query sees what builds have written already.

The actor names the explorer searches (:class:`~kg.serve.names.ActorNames`)
are then read again, in a thread of their own so that no request waits for
them, and only from the articles added since.
"""
from __future__ import annotations

import contextlib
import logging
import threading
import time
from typing import Iterator, Union

from ..errors import KgError
from ..rdf.namespace import SPARQL_PREFIXES
from ..store import Store, open_store
from .explore import Explorer

log = logging.getLogger("kg.serve")


class StoreReader:
    """Hands out the store to read and its :class:`~kg.serve.explore.Explorer`
    (for a location, or a store already open: tests and benchmarks) to
    requests inside :meth:`reading`; ``close`` releases what it opened."""

    def __init__(self, location: Union[str, Store], *, refresh: float = 2.0):
        self.refresh = refresh
        self._owned = not isinstance(location, Store)
        self._store: Store = open_store(str(location), read_only=True) if self._owned else location
        self.location = str(location) if self._owned else location.location
        self._explorer = Explorer(self._store)
        self._checked = time.monotonic()
        self._readers = 0  # requests (and the names' refresh) reading the store now
        self._state = threading.Lock()
        self._refreshing_names = threading.Lock()

    @contextlib.contextmanager
    def reading(self) -> Iterator[Explorer]:
        """The explorer (and its ``store``) for one request. When ``refresh``
        seconds have passed and nothing reads the store, it first moves to
        what builds have written since, and the actor names follow in the
        background."""
        with self._state:
            if self._readers == 0 and time.monotonic() - self._checked >= self.refresh:
                self._checked = time.monotonic()
                self._move_to_newest()
                if self._refreshing_names.acquire(blocking=False):
                    threading.Thread(target=self._refresh_names, name="kg-serve-names", daemon=True).start()
            self._readers += 1
        try:
            yield self._explorer
        finally:
            with self._state:
                self._readers -= 1

    def _move_to_newest(self) -> None:
        refresh = getattr(self._store, "refresh", None)  # a store folder's; a server's store is always current
        if refresh is None:
            return
        try:
            if refresh():
                log.info("%s: now reading the newest snapshot", self.location)
        except KgError as exc:  # the snapshot could not be opened: keep serving the one held
            log.warning("%s: %s", self.location, exc)

    def _refresh_names(self) -> None:
        try:
            with self.reading():
                self._explorer.names.refresh()
        finally:
            self._refreshing_names.release()

    def store(self) -> Store:
        return self._store

    def explorer(self) -> Explorer:
        return self._explorer

    def status(self) -> dict:
        """Where the store is, and how many articles and triples it holds."""
        store = self.store()
        rows = list(store.query(SPARQL_PREFIXES + "SELECT (COUNT(?a) AS ?n) WHERE { GRAPH ?g { ?a a kg:Article } }"))
        return {"store": self.location, "articles": int(rows[0][0]) if rows else 0, "triples": len(store)}

    def close(self) -> None:
        if self._owned:
            self._store.close()
