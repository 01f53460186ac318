"""The store ``kg serve`` reads, kept current while builds add articles.

A SPARQL server (``--store http://...``) is read over HTTP, so every query
sees what builds have written. An on-disk store is opened for reading only
and opened again when it has changed, at most every ``refresh`` seconds, so
new articles appear without a restart.
"""
from __future__ import annotations

import threading
import time
from typing import Union

from ..rdf.namespace import SPARQL_PREFIXES
from ..store import Store, open_store


class StoreReader:
    """Hands out the store to read (a location, or a store already open:
    tests and benchmarks); ``close`` releases what it opened."""

    def __init__(self, location: Union[str, Store], *, refresh: float = 2.0):
        self.refresh = refresh
        self._lock = threading.Lock()
        self._owned = not isinstance(location, Store)
        self._store: Store = open_store(str(location), create=False) if self._owned else location
        self.location = str(location) if self._owned else location.location
        self._opened = time.monotonic()

    def store(self) -> Store:
        return self._store

    def status(self) -> dict:
        """Where the store is, and how many articles and triples it holds."""
        store = self.store()
        rows = list(store.query(SPARQL_PREFIXES + "SELECT (COUNT(?a) AS ?n) WHERE { GRAPH ?g { ?a a kg:Article } }"))
        return {"store": self.location, "articles": int(rows[0][0]) if rows else 0, "triples": len(store)}

    def close(self) -> None:
        with self._lock:
            if self._owned:
                self._store.close()
