"""The graph store: an RDF dataset with one named graph per article.

``open_store(location)`` picks the backend from the location:

- a folder path: an on-disk Oxigraph store through rdflib's ``Dataset`` API
  (``oxrdflib``); SPARQL runs on Oxigraph's engine;
- ``":memory:"``: the same engine in memory (tests, notebooks);
- an ``http(s)://`` URL: a SPARQL 1.1 server (query and update endpoints).

>>> from kg.store import open_store
>>> store = open_store(":memory:")
>>> len(store)
0
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Optional, Union

from rdflib import Dataset, Graph, URIRef

from .rdf.iri import mint_iri
from .rdf.namespace import KG, PREFIXES, graph_iri

DEFAULT_STORE = Path("output") / "store"


class StoreError(Exception):
    """The store cannot be opened or written."""


def default_location() -> str:
    return os.environ.get("KG_STORE", str(DEFAULT_STORE))


class Store:
    """A dataset of article graphs. Use as a context manager to close it."""

    def __init__(self, dataset: Dataset, location: str):
        self.dataset = dataset
        self.location = location
        for prefix, ns in PREFIXES.items():
            dataset.bind(prefix, ns)

    # -- writing -----------------------------------------------------------
    def article_hash(self, article_id: str) -> Optional[str]:
        """The content hash stored for an article, if it is in the store."""
        g = self.dataset.graph(graph_iri(article_id))
        value = g.value(mint_iri("article", article_id), KG.contentHash)
        return str(value) if value is not None else None

    def put_article(self, graph: URIRef, triples: Iterable[tuple]) -> int:
        """Replace an article's named graph with ``triples``. Returns the triple count."""
        quads = [(s, p, o, graph) for s, p, o in triples]
        self.dataset.remove_graph(graph)
        if quads:
            self.dataset.addN(quads)
        self.commit()
        return len(quads)

    def remove_article(self, article_id: str) -> int:
        """Take one article's graph out. Facts other articles state remain in theirs."""
        g = graph_iri(article_id)
        n = len(self.dataset.graph(g))
        self.dataset.remove_graph(g)
        self.commit()
        return n

    def commit(self) -> None:
        try:
            self.dataset.commit()
        except Exception:  # stores without transactions
            pass

    # -- reading -----------------------------------------------------------
    def query(self, sparql: str, **kwargs):
        return self.dataset.query(sparql, **kwargs)

    def articles(self) -> list[tuple[str, Optional[str]]]:
        rows = self.query(
            "PREFIX kg: <https://w3id.org/kg/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>\n"
            "SELECT ?a ?title WHERE { GRAPH ?g { ?a a kg:Article OPTIONAL { ?a dcterms:title ?title } } } ORDER BY ?a"
        )
        return [(str(r[0]), str(r[1]) if r[1] is not None else None) for r in rows]

    def __len__(self) -> int:
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        return int(rows[0][0]) if rows else 0

    def union_graph(self) -> Graph:
        """All facts of all articles as one graph (a copy, for exports and views)."""
        g = Graph()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        for s, p, o, _ in self.dataset.quads((None, None, None, None)):
            g.add((s, p, o))
        return g

    def close(self) -> None:
        try:
            self.dataset.close()
        except Exception:
            pass

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _is_url(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def open_store(location: Union[str, Path, None] = None, *, create: bool = True) -> Store:
    """Open (or create) the store at ``location``; see the module docstring."""
    location = str(location) if location is not None else default_location()
    if _is_url(location):
        from .remote import open_remote

        return Store(open_remote(location), location)
    if location == ":memory:":
        ds = Dataset(store="Oxigraph")
        return Store(ds, location)
    path = Path(location)
    exists = path.exists()
    if not exists:
        if not create:
            raise StoreError(f"{path}: no store here (run `kg build` first, or pass --store)")
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.is_dir():
        raise StoreError(f"{path}: not a folder; --store names a folder or a SPARQL endpoint URL")
    ds = Dataset(store="Oxigraph")
    try:
        ds.open(str(path), create=not exists)
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the store: {exc}") from None
    return Store(ds, location)

