"""A SPARQL 1.1 server as kg's store (``--store http://host:port``).

Only the SPARQL 1.1 query and update protocols are used, so any server that
speaks them works (Oxigraph's ``oxigraph serve``, Fuseki, GraphDB, Virtuoso,
...). Where the endpoints are:

- ``http://host:port`` (a base URL): ``/query`` and ``/update`` under it
  (Oxigraph's layout);
- ``http://host/ds/query`` or ``.../sparql``: that URL for queries; updates go
  to the sibling ``update`` (for ``/query``) or to the same URL (``/sparql``).

Writes: an article's graph and the summary's share of it are replaced by one
update request (``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } } ;
...``, :meth:`kg.store.Store.replace_graph`), so readers never see half an
article. Nothing with a blank node is sent (kg mints an IRI for everything; a
blank node is refused with :class:`~kg.errors.StoreError`).
Each request waits at most ``$KG_REMOTE_TIMEOUT`` seconds (see :mod:`kg.settings`).

>>> endpoints("http://127.0.0.1:7878")
('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update')
>>> endpoints("http://example.org/ds/sparql")
('http://example.org/ds/sparql', 'http://example.org/ds/sparql')
>>> SparqlServerBackend().accepts("https://example.org/ds/sparql"), SparqlServerBackend().accepts("output/store")
(True, False)
"""
from __future__ import annotations

import io
import urllib.error
import urllib.parse
import urllib.request
from typing import Mapping, Optional

from rdflib import Graph, Variable
from rdflib.query import Result
from rdflib.term import Node

from ..errors import StoreError
from ..settings import settings
from . import Store, StoreBackend, _n3

def endpoints(url: str) -> tuple[str, str]:
    """The query and update endpoint URLs for a ``--store`` URL."""
    base = url.rstrip("/")
    if base.endswith("/query"):
        return base, base[: -len("query")] + "update"
    if base.endswith("/sparql"):
        return base, base
    return base + "/query", base + "/update"


class SparqlServerStore(Store):
    """A :class:`~kg.store.Store` on a SPARQL 1.1 server. ``timeout``: seconds
    to wait for one HTTP request (default: ``$KG_REMOTE_TIMEOUT``, else 120)."""

    def __init__(self, url: str, *, timeout: Optional[float] = None):
        super().__init__(url)
        self.query_url, self.update_url = endpoints(url)
        self.timeout = timeout if timeout is not None else settings().remote_timeout

    # -- HTTP ---------------------------------------------------------------
    def _post(self, url: str, body: bytes, content_type: str, accept: Optional[str] = None):
        headers = {"Content-Type": content_type, "User-Agent": "kg"}
        if accept:
            headers["Accept"] = accept
        req = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.headers.get("Content-Type", ""), resp.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip()[:500]
            raise StoreError(f"{url}: the SPARQL server answered {exc.code} {exc.reason}: {detail}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"{url}: cannot reach the SPARQL server ({reason})") from None

    def _values_clause(self, bindings: Mapping[str, Node]) -> str:
        names = list(bindings)
        vars_ = " ".join(f"?{Variable(n)}" for n in names)
        row = " ".join(_n3(bindings[n], self.location) for n in names)
        return f"\nVALUES ({vars_}) {{ ({row}) }}"

    # -- the Store operations -------------------------------------------------
    def query(self, sparql: str, initBindings: Optional[Mapping[str, Node]] = None) -> Result:
        """Run SPARQL on the server; an rdflib ``Result`` like a local store's.
        ``initBindings`` become a trailing VALUES clause."""
        if initBindings:
            sparql = sparql.rstrip() + self._values_clause({str(k): v for k, v in initBindings.items()})
        body = urllib.parse.urlencode({"query": sparql}).encode("utf-8")
        ctype, data = self._post(
            self.query_url, body, "application/x-www-form-urlencoded",
            accept="application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8")
        ctype = ctype.split(";")[0].strip().lower()
        if ctype in ("application/sparql-results+json", "application/json"):
            return Result.parse(io.BytesIO(data), format="json")
        fmt = {"application/n-triples": "nt", "text/turtle": "turtle"}.get(ctype)
        if fmt is None:
            raise StoreError(f"{self.query_url}: unexpected answer of type {ctype!r}")
        result = Result("CONSTRUCT")
        result.graph = Graph().parse(data=data.decode("utf-8"), format=fmt)
        return result

    def update(self, sparql: str) -> None:
        self._post(self.update_url, sparql.encode("utf-8"), "application/sparql-update; charset=utf-8")


class SparqlServerBackend(StoreBackend):
    """``http://`` and ``https://`` URLs: a SPARQL 1.1 server (it must be running; ``create`` changes nothing)."""

    name = "sparql-server"

    def accepts(self, location: str) -> bool:
        return location.startswith(("http://", "https://"))

    def open(self, location: str, *, create: bool = True) -> SparqlServerStore:
        store = SparqlServerStore(location)
        store.query("ASK { ?s ?p ?o }")  # an unreachable server fails here, not in the middle of a build
        return store
