"""The store ``kg serve`` reads, kept current while builds add articles.

A SPARQL server (``--store http://...``) is read over HTTP, so every query
sees what builds have written. The actor names the explorer searches
(:class:`~kg.serve.names.ActorNames`) are read again, in a thread of their
own so that no request waits for them, at most every ``refresh`` seconds,
and only from the articles added since.
"""
from __future__ import annotations

import threading
import time
from typing import Union

from ..rdf.namespace import SPARQL_PREFIXES
from ..store import Store, open_store
from .explore import Explorer


class StoreReader:
    """Hands out the store to read and its :class:`~kg.serve.explore.Explorer`
    (for a location, or a store already open: tests and benchmarks);
    ``close`` releases what it opened."""

    def __init__(self, location: Union[str, Store], *, refresh: float = 2.0):
        self.refresh = refresh
        self._owned = not isinstance(location, Store)
        self._store: Store = open_store(str(location), create=False) if self._owned else location
        self.location = str(location) if self._owned else location.location
        self._explorer = Explorer(self._store)
        self._checked = time.monotonic()
        self._refreshing = threading.Lock()

    def store(self) -> Store:
        return self._store

    def explorer(self) -> Explorer:
        """The explorer of the store; its actor names are brought up to date
        in the background when ``refresh`` seconds have passed."""
        now = time.monotonic()
        if now - self._checked >= self.refresh and self._refreshing.acquire(blocking=False):
            self._checked = now
            threading.Thread(target=self._refresh_names, name="kg-serve-names", daemon=True).start()
        return self._explorer

    def _refresh_names(self) -> None:
        try:
            self._explorer.names.refresh()
        finally:
            self._refreshing.release()

    def status(self) -> dict:
        """Where the store is, and how many articles and triples it holds."""
        store = self.store()
        rows = list(store.query(SPARQL_PREFIXES + "SELECT (COUNT(?a) AS ?n) WHERE { GRAPH ?g { ?a a kg:Article } }"))
        return {"store": self.location, "articles": int(rows[0][0]) if rows else 0, "triples": len(store)}

    def close(self) -> None:
        if self._owned:
            self._store.close()
