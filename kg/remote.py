"""A SPARQL 1.1 server as kg's store (``--store http://host:port``).

Only the SPARQL 1.1 query and update protocols are used, so any server that
speaks them works (Oxigraph's ``oxigraph serve``, Fuseki, GraphDB, Virtuoso,
...). Where the endpoints are:

- ``http://host:port`` (a base URL): ``/query`` and ``/update`` under it
  (Oxigraph's layout);
- ``http://host/ds/query`` or ``.../sparql``: that URL for queries; updates go
  to the sibling ``update`` (for ``/query``) or to the same URL (``/sparql``).

Writes: an article's graph is replaced by one update request
(``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }``), so readers
never see half an article. Nothing with a blank node is sent (kg mints an IRI
for everything; a blank node is refused with :class:`~kg.store.StoreError`).

>>> endpoints("http://127.0.0.1:7878")
('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update')
>>> endpoints("http://example.org/ds/sparql")
('http://example.org/ds/sparql', 'http://example.org/ds/sparql')
"""
from __future__ import annotations

import io
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from typing import Iterable, Optional

from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.query import Result

from .rdf.namespace import PREFIXES
from .store import Store, StoreError

#: seconds to wait for one HTTP request (override with $KG_REMOTE_TIMEOUT)
TIMEOUT = float(os.environ.get("KG_REMOTE_TIMEOUT", "120"))
#: triples per INSERT DATA block (servers limit request sizes)
BATCH = 20_000


def endpoints(url: str) -> tuple[str, str]:
    """The query and update endpoint URLs for a ``--store`` URL."""
    base = url.rstrip("/")
    if base.endswith("/query"):
        return base, base[: -len("query")] + "update"
    if base.endswith("/sparql"):
        return base, base
    return base + "/query", base + "/update"


def _term(t) -> str:
    if isinstance(t, BNode):
        raise StoreError("blank nodes are not sent to a SPARQL server; mint an IRI for this node")
    if isinstance(t, (URIRef, Literal)):
        return t.n3()
    raise StoreError(f"cannot send {t!r} to a SPARQL server")


def _values_clause(bindings: dict) -> str:
    names = list(bindings)
    vars_ = " ".join(f"?{Variable(n)}" for n in names)
    row = " ".join(_term(bindings[n]) for n in names)
    return f"\nVALUES ({vars_}) {{ ({row}) }}"


class _EmptyDataset:
    """Stands in for ``Store.dataset`` where kg calls it on every store."""

    def bind(self, *args, **kwargs):
        pass


class RemoteStore(Store):
    """A :class:`~kg.store.Store` on a SPARQL 1.1 server."""

    def __init__(self, url: str, *, timeout: float = TIMEOUT):
        self.query_url, self.update_url = endpoints(url)
        self.timeout = timeout
        super().__init__(_EmptyDataset(), url)

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

    def update(self, sparql: str) -> None:
        self._post(self.update_url, sparql.encode("utf-8"), "application/sparql-update; charset=utf-8")

    # -- writing --------------------------------------------------------------
    def put_article(self, graph: URIRef, triples: Iterable[tuple]) -> int:
        lines = [f"{_term(s)} {_term(p)} {_term(o)} ." for s, p, o in triples]
        g = _term(graph)
        parts = [f"DROP SILENT GRAPH {g}"]
        for i in range(0, len(lines), BATCH):
            parts.append(f"INSERT DATA {{ GRAPH {g} {{\n" + "\n".join(lines[i:i + BATCH]) + "\n} }")
        self.update(" ;\n".join(parts))
        return len(lines)

    def remove_article(self, article_id: str) -> int:
        from .rdf.namespace import graph_iri

        g = graph_iri(article_id)
        n = self.graph_size(g)
        self.update(f"DROP SILENT GRAPH {_term(g)}")
        return n

    def commit(self) -> None:
        pass

    # -- reading --------------------------------------------------------------
    def query(self, sparql: str, initBindings: Optional[dict] = None, **kwargs):
        """Run SPARQL on the server; returns an rdflib ``Result`` like a local store.
        ``initBindings`` become a trailing VALUES clause."""
        if initBindings:
            sparql = sparql.rstrip() + _values_clause({str(k): v for k, v in initBindings.items()})
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

    def _quads(self):
        rows = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        for s, p, o, g in rows:
            yield s, p, o, g

    def union_graph(self) -> Graph:
        g = Graph()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        for s, p, o, _ in self._quads():
            g.add((s, p, o))
        return g

    @property
    def dataset(self) -> Dataset:
        """An in-memory copy of the server's named graphs (for exports)."""
        ds = Dataset()
        for prefix, ns in PREFIXES.items():
            ds.bind(prefix, ns)
        for s, p, o, g in self._quads():
            ds.add((s, p, o, g))
        return ds

    @dataset.setter
    def dataset(self, value) -> None:  # Store.__init__ assigns it
        pass

    def close(self) -> None:
        pass


def open_remote(url: str) -> RemoteStore:
    """A store on the SPARQL 1.1 server at ``url``; checks that it answers."""
    store = RemoteStore(url)
    store.query("ASK { ?s ?p ?o }")
    return store
