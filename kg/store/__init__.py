r"""The graph store: an RDF dataset with one named graph per article.

:class:`Store` is what kg does with a store: build and remove articles,
query, load, export. A backend implements the few operations that need its
engine (:meth:`Store.query`, :meth:`Store.update`, :meth:`Store.put_article`);
everything else is written once here, on top of those.

:func:`open_store` asks the registered :class:`StoreBackend`\ s in turn
whether a location is theirs, and the first that says yes opens it. kg's,
in the order they are asked:

===================  ==================  ==============================================
backend              location            module
===================  ==================  ==============================================
``sparql-server``    ``http(s)://...``   :mod:`kg.store.sparql_server` (any SPARQL 1.1 server)
``oxigraph-memory``  ``:memory:``        :mod:`kg.store.oxigraph` (tests, notebooks)
``oxigraph``         a folder path       :mod:`kg.store.oxigraph` (the default: ``output/store``)
===================  ==================  ==============================================

Commands that only read (query, stats, render, export, validate) open a
store with ``read_only=True``: it must exist, nothing is created or changed,
and another process may write it meanwhile (on disk: see
:mod:`kg.store.oxigraph` and :mod:`kg.store.snapshots`). A user's query runs
through :meth:`Store.query_stoppable`, which a time limit or Ctrl-C stops.

Another package adds a backend, with no change to kg, by naming a
:class:`StoreBackend` class in the ``kg.stores`` entry-point group (see
:mod:`kg.plugins`). It is asked after kg's own, so its locations have a
scheme of their own (``name://...``), which the on-disk backend leaves alone::

    [project.entry-points."kg.stores"]
    hdt = "my_package.hdt:HdtBackend"

>>> store = open_store(":memory:")
>>> len(store), store.articles()
(0, [])
>>> STORES.get("oxigraph").accepts("output/store"), STORES.get("oxigraph").accepts("mem2://x")
(True, False)
>>> open_store("mem2://x")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
kg.errors.StoreError: mem2://x: no store backend takes this location (known: ...); --store names a folder or a SPARQL endpoint URL
"""
from __future__ import annotations

import inspect
import threading
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Optional, Union
from urllib.parse import unquote

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result
from rdflib.term import Node

from ..errors import QueryTimeout, StoreError
from ..plugins import Registry
from ..rdf.iri import graph_iri, mint_iri
from ..rdf.namespace import KG, PREFIXES, SPARQL_PREFIXES
from ..rdf.reading import read_dataset
from ..settings import settings

__all__ = ["COMPACT_AFTER", "STORES", "Store", "StoreBackend", "StoreError", "default_location", "open_store"]

#: After writing at least this many triples at once (a build, a load), compact the store.
COMPACT_AFTER = 100_000


class Store(ABC):
    """A dataset of article graphs, one named graph per article. Use it as a
    context manager to close it.

    A backend implements :meth:`query`, :meth:`update` and :meth:`put_article`,
    and overrides :meth:`flush`, :meth:`optimize` and :meth:`close` when it has
    something to do there; it may override the others where its engine does
    better. ``location`` is what the store was opened from.

    >>> from rdflib import Literal
    >>> store = open_store(":memory:")
    >>> store.put_article(graph_iri("a1"), [(mint_iri("claim", "c1"), KG.sentence, Literal("One."))])
    1
    >>> len(store), store.graph_size(graph_iri("a1"))
    (1, 1)
    >>> store.remove_article("a1"), len(store)
    (1, 0)
    """

    #: Whether the store was opened for reading only (``open_store(..., read_only=True)``).
    read_only: bool = False

    def __init__(self, location: str):
        self.location = location

    # -- what a backend implements ----------------------------------------------
    @abstractmethod
    def query(self, sparql: str, initBindings: Optional[Mapping[str, Node]] = None, *,
              union_default_graph: Optional[bool] = None) -> Result:
        """Run a SPARQL query; an ``rdflib.query.Result``. ``initBindings``
        (variable name to rdflib term) fix variables before it runs.
        ``union_default_graph``: True, the query's default graph is the union
        of kg's article graphs; False, an empty graph (kg writes named graphs
        only); None, the store's own. kg passes it only for queries that read
        the default graph, so a backend without it still runs every query kg
        runs itself."""

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL Update on the store."""

    @abstractmethod
    def put_article(self, graph: URIRef, triples: Iterable[tuple]) -> int:
        """Replace the named graph ``graph`` with ``triples``, so that readers
        never see half of it. Returns the triple count."""

    def query_stoppable(self, sparql: str, *, timeout: Optional[float] = None,
                        union_default_graph: Optional[bool] = None) -> Result:
        """Run a user's read-only query (as :meth:`query` does) so that it can be
        stopped: at ``timeout`` seconds (:class:`~kg.errors.QueryTimeout`) or by
        Ctrl-C (``KeyboardInterrupt``); the result comes back complete. This
        default runs :meth:`query` in a thread, which the engine may keep busy
        after the caller has been told (until the query ends, or the process
        does); a backend that can stop its engine overrides it (Oxigraph on
        disk: a child process)."""
        def work():
            dataset = {} if union_default_graph is None else {"union_default_graph": union_default_graph}
            result = self.query(sparql, **dataset)
            if result.type == "SELECT":
                result.bindings  # noqa: B018  (computes every row now, inside the time limit)
            return result

        return run_with_timeout(work, timeout)

    def flush(self) -> None:
        """Write buffered changes to disk and free their memory (a long build
        calls this every so often). Nothing to do unless the backend buffers writes."""

    def optimize(self) -> None:
        """Compact the store after a bulk write (a build or a load of
        :data:`COMPACT_AFTER` triples or more). Nothing to do unless the backend can."""

    def close(self) -> None:
        """Release what the store holds (a lock, files). Nothing to do unless the backend holds any."""

    # -- reading ----------------------------------------------------------------
    def __len__(self) -> int:
        """The number of triples in all named graphs."""
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        return int(rows[0][0]) if rows else 0

    def graph_size(self, graph: URIRef) -> int:
        """The number of triples in one named graph."""
        rows = list(self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"))
        return int(rows[0][0]) if rows else 0

    def articles(self) -> list[tuple[str, Optional[str]]]:
        """(article IRI, title) of every article, by IRI."""
        rows = self.query(
            SPARQL_PREFIXES +
            "SELECT ?a ?title WHERE { GRAPH ?g { ?a a kg:Article OPTIONAL { ?a dcterms:title ?title } } } ORDER BY ?a"
        )
        return [(str(r[0]), str(r[1]) if r[1] is not None else None) for r in rows]

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

    def article_hash(self, article_id: str) -> Optional[str]:
        """The content hash stored for an article, if it is in the store."""
        a, g = mint_iri("article", article_id), graph_iri(article_id)
        rows = list(self.query(f"SELECT ?h WHERE {{ GRAPH <{g}> {{ <{a}> <{KG.contentHash}> ?h }} }} LIMIT 1"))
        return str(rows[0][0]) if rows else None

    def quads(self) -> Iterator[tuple[Node, Node, Node, Node]]:
        """Every quad of the store as rdflib terms: (subject, predicate, object,
        graph IRI). kg writes only named graphs; a backend that keeps a default
        graph apart from them (Oxigraph) yields its triples too, with rdflib's
        ``DATASET_DEFAULT_GRAPH_ID`` as graph."""
        for s, p, o, g in self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
            yield s, p, o, g

    def union_graph(self) -> Graph:
        """All facts of all articles as one graph (a copy, for exports, views and validation)."""
        g = _with_prefixes(Graph())
        for s, p, o, _ in self.quads():
            g.add((s, p, o))
        return g

    def rdf_dataset(self) -> Dataset:
        """The store as an rdflib ``Dataset`` with kg's prefixes bound, to
        serialise (``kg export``) or read with rdflib. Read it, do not change
        it: it is a copy in memory here, and may be a view of the store on a
        backend rdflib reads in place (Oxigraph)."""
        ds = _with_prefixes(Dataset())
        for s, p, o, g in self.quads():
            ds.add((s, p, o, g))
        return ds

    # -- writing ----------------------------------------------------------------
    def put_graphs(self, graphs: Mapping[URIRef, Iterable[tuple]]) -> int:
        """Replace several named graphs at once (``{graph IRI: triples}``); used to load exports."""
        return sum(self.put_article(g, triples) for g, triples in graphs.items())

    def remove_article(self, article_id: str) -> int:
        """Take one article's graph (its claims, events, direct triples) out.
        Facts other articles state remain: each article holds its own copy of
        every triple it supports, in its own named graph. Returns the number
        of triples removed."""
        g = graph_iri(article_id)
        n = self.graph_size(g)
        self.update(f"DROP SILENT GRAPH <{g}>")
        return n

    def load(self, source: Union[str, Path], fmt: Optional[str] = None) -> int:
        """Load an RDF file with named graphs (TriG, N-Quads, JSON-LD; e.g. a
        ``kg export``) into the store, replacing the graphs it names. Returns
        the number of triples loaded. A file kg will not take (a JSON-LD context
        to fetch, an ill-typed literal, a parse error: see :mod:`kg.rdf.reading`)
        raises :class:`~kg.errors.InputError` naming it, and nothing of it is loaded."""
        ds = read_dataset(source, fmt)
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

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class StoreBackend(ABC):
    """One kind of store: which locations it takes, and how to open one.

    ``accepts`` decides from the location's text alone (no files read, no
    network), so asking every backend is cheap. ``open`` gets its options as
    keywords; an option kg adds later will have a default and be passed only
    when it is not the default, and only to a backend whose ``open`` takes it,
    so a backend written for an earlier version keeps working. ``read_only``
    (commands that only read: query, stats, render, export, validate) asks
    for a store that creates and changes nothing; a backend without it is
    opened as before (kg's read-only checks of queries still hold).

    A backend for ``mem2://NAME`` locations, each an Oxigraph store in memory::

        class Mem2Backend(StoreBackend):
            name = "mem2"

            def accepts(self, location):
                return location.startswith("mem2://")

            def open(self, location, *, create=True, read_only=False):
                return STORES.get("oxigraph-memory").open(":memory:")
    """

    #: how messages and ``kg.stores`` name it
    name: str = ""

    @abstractmethod
    def accepts(self, location: str) -> bool:
        """Whether ``location`` is one of this backend's."""

    @abstractmethod
    def open(self, location: str, *, create: bool = True, read_only: bool = False) -> Store:
        """Open the store at ``location``; create it if it does not exist and
        ``create`` (and not ``read_only``), else raise :class:`~kg.errors.StoreError`
        naming it. ``read_only``: create and change nothing, let other processes write."""


#: The store backends: kg's own (asked first, in this order), then other packages' (``kg.stores``).
STORES = Registry("kg.stores", "store backend")
STORES.register("sparql-server", "kg.store.sparql_server:SparqlServerBackend")
STORES.register("oxigraph-memory", "kg.store.oxigraph:OxigraphMemoryBackend")
STORES.register("oxigraph", "kg.store.oxigraph:OxigraphBackend")


def default_location() -> str:
    """Where commands find the store without ``--store``: ``$KG_STORE``, else ``output/store``."""
    return settings().store


def open_store(location: Union[str, Path, None] = None, *, create: bool = True, read_only: bool = False) -> Store:
    """Open the store at ``location`` (default: :func:`default_location`) with the
    first backend that takes it; ``create``: create it if it does not exist;
    ``read_only``: only read it (it must exist; nothing is created or changed,
    and another process may write it meanwhile)."""
    location = str(location) if location is not None else default_location()
    backend = STORES.find(lambda b: b.accepts(location))
    if backend is None:
        raise StoreError(f"{location}: no store backend takes this location (known: {', '.join(STORES.names())}); "
                         "--store names a folder or a SPARQL endpoint URL")
    options = {"read_only": True} if read_only and "read_only" in inspect.signature(backend.open).parameters else {}
    return backend.open(location, create=create and not read_only, **options)


def run_with_timeout(fn: Callable, timeout: Optional[float], what: str = "query"):
    """``fn()`` in a worker thread; :class:`~kg.errors.QueryTimeout` if it takes
    longer than ``timeout`` seconds. The worker cannot be interrupted: it is
    left to finish on its own (a daemon thread: it never keeps the process alive)."""
    if timeout is None:
        return fn()
    box: dict = {}

    def work():
        try:
            box["value"] = fn()
        except BaseException as exc:  # handed to the caller's thread
            box["error"] = exc

    worker = threading.Thread(target=work, name=f"kg-{what}", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryTimeout(f"the {what} ran longer than {timeout:g} s and was abandoned (this store cannot stop "
                           "it; it ends with this process); narrow it (LIMIT, more specific patterns) or raise "
                           "--timeout")
    if "error" in box:
        raise box["error"]
    return box.get("value")


def _with_prefixes(graph):
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    return graph


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
