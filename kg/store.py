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
from urllib.parse import unquote

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from .rdf.iri import mint_iri
from .rdf.namespace import KG, PREFIXES, SPARQL_PREFIXES, graph_iri

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
        a, g = mint_iri("article", article_id), graph_iri(article_id)
        rows = list(self.query(f"SELECT ?h WHERE {{ GRAPH <{g}> {{ <{a}> <{KG.contentHash}> ?h }} }} LIMIT 1"))
        return str(rows[0][0]) if rows else None

    def put_article(self, graph: URIRef, triples: Iterable[tuple]) -> int:
        """Replace an article's named graph with ``triples``. Returns the triple count."""
        quads = [(s, p, o, graph) for s, p, o in triples]
        self.dataset.remove_graph(graph)
        if quads:
            self.dataset.addN(quads)
        self.commit()
        return len(quads)

    def remove_article(self, article_id: str) -> int:
        """Take one article's graph (its claims, events, direct triples) out.
        Facts other articles state remain: each article holds its own copy of
        every triple it supports, in its own named graph. Returns the number
        of triples removed."""
        g = graph_iri(article_id)
        n = self.graph_size(g)
        self.dataset.remove_graph(g)
        self.commit()
        return n

    def graph_size(self, graph: URIRef) -> int:
        rows = list(self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"))
        return int(rows[0][0]) if rows else 0

    def put_graphs(self, graphs: dict) -> int:
        """Replace several named graphs at once (``{graph IRI: triples}``); used to load exports."""
        return sum(self.put_article(g, triples) for g, triples in graphs.items())

    def load(self, source: Union[str, Path], fmt: Optional[str] = None) -> int:
        """Load an RDF file with named graphs (TriG, N-Quads, JSON-LD; e.g. a
        ``kg export``) into the store, replacing the graphs it names. Returns
        the number of triples loaded."""
        from rdflib import Dataset as _Dataset

        ds = _Dataset()
        try:
            ds.parse(str(source), format=fmt)
        except Exception as exc:
            raise StoreError(f"{source}: cannot read RDF: {exc}") from None
        graphs, loose = {}, 0
        for s, p, o, g in ds.quads((None, None, None, None)):
            gid = getattr(g, "identifier", g)
            if gid is None or gid == DATASET_DEFAULT_GRAPH_ID:
                loose += 1
                continue
            graphs.setdefault(gid, []).append((s, p, o))
        if loose:
            raise StoreError(f"{source}: {loose} triple(s) outside any named graph; kg keeps every triple "
                             f"in its article's graph (load a TriG or N-Quads export)")
        return self.put_graphs(graphs)

    def find_articles(self, ref: str) -> list[str]:
        """Article ids for ``ref``: an article id, an article or graph IRI
        (full, or ``kgr:article/ID``), or the path of a source file or folder
        (every article read from it). Empty when nothing matches."""
        ref = str(ref).strip()
        if not ref:
            return []
        for prefix in (str(mint_iri("article", "x"))[:-1], str(graph_iri("x"))[:-1], "kgr:article/", "kgr:graph/"):
            if ref.startswith(prefix) and len(ref) > len(prefix):
                ref = unquote(ref[len(prefix):])
                break
        found = []
        for article_id, source in self.article_sources():
            if article_id == ref:
                return [article_id]
            if source and _same_or_inside(source, ref):
                found.append(article_id)
        return sorted(set(found))

    def article_sources(self) -> list[tuple[str, Optional[str]]]:
        """(article id, source file) of every article in the store."""
        prefix = str(mint_iri("article", "x"))[:-1]
        rows = self.query(
            SPARQL_PREFIXES +
            "SELECT ?a ?f WHERE { GRAPH ?g { ?a a kg:Article OPTIONAL { ?a kg:sourceFile ?f } } }")
        out = []
        for a, f in rows:
            a = str(a)
            if a.startswith(prefix):
                out.append((unquote(a[len(prefix):]), str(f) if f is not None else None))
        return out

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update on the store and commit it."""
        self.dataset.update(sparql)
        self.commit()

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
            SPARQL_PREFIXES +
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


def _same_or_inside(source: str, ref: str) -> bool:
    """Whether the source file an article was read from is ``ref`` or lies under it.
    ``source`` may carry a record suffix (``file.jsonl#3``)."""
    file_part = source.split("#", 1)[0] if not Path(source).exists() else source
    if source == ref or file_part == ref:
        return True
    try:
        src, target = Path(file_part).resolve(), Path(ref).resolve()
    except (OSError, RuntimeError):
        return False
    return src == target or target in src.parents


def _is_url(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def open_store(location: Union[str, Path, None] = None, *, create: bool = True) -> Store:
    """Open (or create) the store at ``location``; see the module docstring."""
    location = str(location) if location is not None else default_location()
    if _is_url(location):
        from .remote import open_remote

        return open_remote(location)
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
        if "lock" in str(exc).lower():
            raise StoreError(f"{path}: the store is in use by another kg process (a build or query holds its "
                             "lock); wait for it to finish, or use a SPARQL server (--store http://...) for "
                             "concurrent writers") from None
        raise StoreError(f"{path}: cannot open the store: {exc}") from None
    return Store(ds, location)

