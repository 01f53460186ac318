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

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result

from .errors import StoreError
from .rdf.iri import mint_iri
from .rdf.namespace import KG, PREFIXES, SPARQL_PREFIXES, graph_iri

DEFAULT_STORE = Path("output") / "store"
#: After writing at least this many triples at once (a build, a load), compact the store.
COMPACT_AFTER = 100_000


def default_location() -> str:
    return os.environ.get("KG_STORE", str(DEFAULT_STORE))


class Store:
    """A dataset of article graphs. Use as a context manager to close it.

    ``oxigraph`` is the ``pyoxigraph.Store`` under ``dataset``: articles are
    written and queries run on it directly (see :meth:`put_article`,
    :meth:`query`). It is None only for a SPARQL server
    (:class:`kg.remote.RemoteStore`, which overrides both).
    """

    def __init__(self, dataset: Dataset, location: str, oxigraph=None):
        self.dataset = dataset
        self.location = location
        self.oxigraph = oxigraph
        for prefix, ns in PREFIXES.items():
            dataset.bind(prefix, ns)

    # -- writing -----------------------------------------------------------
    def article_hash(self, article_id: str) -> Optional[str]:
        """The content hash stored for an article, if it is in the store."""
        a, g = mint_iri("article", article_id), graph_iri(article_id)
        rows = list(self.query(f"SELECT ?h WHERE {{ GRAPH <{g}> {{ <{a}> <{KG.contentHash}> ?h }} }} LIMIT 1"))
        return str(rows[0][0]) if rows else None

    def put_article(self, graph: URIRef, triples: Iterable[tuple]) -> int:
        """Replace an article's named graph with ``triples`` (the new graph is
        written in one transaction). Returns the triple count."""
        # pyoxigraph directly: oxrdflib converts every term and fires rdflib's
        # per-triple events, most of a build's time in the main process.
        term, g = _cached(_to_oxigraph), ox.NamedNode(str(graph))
        quads = [ox.Quad(term(s), term(p), term(o), g) for s, p, o in triples]
        self.oxigraph.remove_graph(g)
        if quads:
            self.oxigraph.extend(quads)
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
        ds = Dataset()
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
        n = self.put_graphs(graphs)
        self.flush()
        if n >= COMPACT_AFTER:
            self.optimize()
        return n

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

    def flush(self) -> None:
        """Write buffered changes to disk and free their memory (a long build
        calls this every so often; without it Oxigraph keeps every write in memory)."""
        if self.oxigraph is not None and self.location != ":memory:":
            self.oxigraph.flush()

    def optimize(self) -> None:
        """Compact the on-disk store (after a build or a load): lookups get
        faster, by about a quarter on a million triples written in batches."""
        if self.oxigraph is not None and self.location != ":memory:":
            self.oxigraph.optimize()

    # -- reading -----------------------------------------------------------
    def query(self, sparql: str, **kwargs):
        """Run SPARQL; an ``rdflib.query.Result``.

        On Oxigraph, queries run on ``pyoxigraph`` directly and each distinct
        term is converted to rdflib once: oxrdflib converts every cell, and
        rdflib's ``Literal`` costs several microseconds, which on a 20,000-row
        answer took longer than the engine. Queries with rdflib keyword
        arguments (``initBindings``) go through rdflib's ``Dataset``."""
        if self.oxigraph is None or kwargs:
            return self.dataset.query(sparql, **kwargs)
        return oxigraph_result(self.oxigraph.query(sparql, prefixes=_PREFIX_MAP))

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
        self.oxigraph = None  # the last reference: dropping it releases the store's lock

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


_PREFIX_MAP = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def oxigraph_result(answer):
    """A pyoxigraph query answer as an ``rdflib.query.Result``."""

    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
        return result
    term = _cached(_from_oxigraph)
    if isinstance(answer, ox.QueryTriples):
        result = Result("CONSTRUCT")
        result.graph = Graph()
        for t in answer:
            result.graph.add((term(t.subject), term(t.predicate), term(t.object)))
        return result
    result = Result("SELECT")
    result.vars = names = [Variable(v.value) for v in answer.variables]
    result.bindings = [{name: term(value) for name, value in zip(names, row) if value is not None}
                       for row in answer]
    return result


def _cached(convert):
    """``convert`` with a memory: each distinct term is converted once (query
    answers and article graphs repeat the same IRIs and labels many times)."""
    cache: dict = {}

    def term(t):
        try:
            return cache[t]
        except KeyError:
            value = cache[t] = convert(t)
            return value

    return term


def _from_oxigraph(t):
    """A pyoxigraph term as an rdflib term; RDF 1.1 simple literals
    (``xsd:string``) as rdflib's plain ``Literal``, as rdflib's engine returns them."""
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        if t.datatype.value == _XSD_STRING:
            return Literal(t.value)
        return Literal(t.value, datatype=URIRef(t.datatype.value))
    raise StoreError(f"unexpected term from Oxigraph: {t!r}")


def _to_oxigraph(t):
    """An rdflib term as a pyoxigraph term."""
    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, Literal):
        if t.language:
            return ox.Literal(str(t), language=t.language)
        return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)) if t.datatype else None)
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    raise StoreError(f"not an RDF term: {t!r}")


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
        memory = ox.Store()
        return Store(Dataset(store=OxigraphStore(store=memory)), location, memory)
    path = Path(location)
    exists = path.exists()
    if not exists:
        if not create:
            raise StoreError(f"{path}: no store here (run `kg build` first, or pass --store)")
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.is_dir():
        raise StoreError(f"{path}: not a folder; --store names a folder or a SPARQL endpoint URL")
    try:
        on_disk = ox.Store(str(path))
    except OSError as exc:
        if "lock" in str(exc).lower():
            raise StoreError(f"{path}: the store is in use by another kg process (a build or query holds its "
                             "lock); wait for it to finish, or use a SPARQL server (--store http://...) for "
                             "concurrent writers") from None
        raise StoreError(f"{path}: cannot open the store: {exc}") from None
    return Store(Dataset(store=OxigraphStore(store=on_disk)), location, on_disk)

