"""Oxigraph stores: a folder on disk (kg's default store) or ``:memory:``.

Articles are written and queries answered on ``pyoxigraph`` directly, each
distinct term converted between rdflib and pyoxigraph once. rdflib's own
``Dataset`` over the same store (``oxrdflib``) serves what needs rdflib's
objects: updates, and the quads that exports serialise, so exports keep the
terms rdflib has always written.

One process at a time may hold an on-disk store (Oxigraph locks it); a
second one gets a :class:`~kg.errors.StoreError` naming the lock.

>>> store = OxigraphMemoryBackend().open(":memory:")
>>> store.put_article(URIRef("urn:ex:g"), [(URIRef("urn:ex:s"), URIRef("urn:ex:p"), Literal("o"))])
1
>>> [str(row.o) for row in store.query("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }")]
['o']
>>> OxigraphBackend().accepts("output/store"), OxigraphBackend().accepts("http://localhost:7878")
(True, False)
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Mapping, Optional

import oxrdflib
import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Node

from ..errors import StoreError
from ..rdf.namespace import PREFIXES
from . import Store, StoreBackend, _with_prefixes

MEMORY = ":memory:"


class OxigraphStore(Store):
    """A :class:`~kg.store.Store` on a ``pyoxigraph.Store`` (``oxigraph``), in memory or on disk."""

    def __init__(self, oxigraph: ox.Store, location: str):
        super().__init__(location)
        self.oxigraph = oxigraph
        self._dataset = _with_prefixes(Dataset(store=oxrdflib.OxigraphStore(store=oxigraph)))

    def query(self, sparql: str, initBindings: Optional[Mapping[str, Node]] = None, *,
              union_default_graph: Optional[bool] = None) -> Result:
        """Run SPARQL; an ``rdflib.query.Result``.

        Queries run on ``pyoxigraph`` directly and each distinct term is
        converted to rdflib once: oxrdflib converts every cell, and rdflib's
        ``Literal`` costs several microseconds, which on a 20,000-row answer
        took longer than the engine. ``initBindings`` become Oxigraph's
        substitutions; ``union_default_graph`` its ``use_default_graph_as_union``."""
        term = _cached(_to_oxigraph)
        substitutions = {ox.Variable(str(k)): term(v) for k, v in initBindings.items()} if initBindings else None
        return oxigraph_result(self.oxigraph.query(sparql, prefixes=_PREFIX_MAP, substitutions=substitutions,
                                                   use_default_graph_as_union=bool(union_default_graph)))

    def update(self, sparql: str) -> None:
        # through rdflib: an update may use, undeclared, every prefix rdflib binds (schema:, dcat:, ...), not only kg's
        self._dataset.update(sparql)

    def put_article(self, graph: URIRef, triples: Iterable[tuple]) -> int:
        # pyoxigraph directly: oxrdflib converts every term and fires rdflib's
        # per-triple events, most of a build's time in the main process.
        term, g = _cached(_to_oxigraph), ox.NamedNode(str(graph))
        quads = [ox.Quad(term(s), term(p), term(o), g) for s, p, o in triples]
        self.oxigraph.remove_graph(g)
        if quads:
            self.oxigraph.extend(quads)
        return len(quads)

    def quads(self):
        # rdflib's terms ("x"^^xsd:string where the fast path gives "x"): what exports have always written
        for s, p, o, g in self._dataset.quads((None, None, None, None)):
            yield s, p, o, g

    def rdf_dataset(self) -> Dataset:
        """rdflib's ``Dataset`` over this store: a view, not a copy (read it, do not change it)."""
        return self._dataset

    def flush(self) -> None:
        # Without it Oxigraph's on-disk store (RocksDB) keeps every write in memory tables; in memory it does nothing.
        self.oxigraph.flush()

    def optimize(self) -> None:
        # Lookups get faster, by about a quarter on a million triples written in batches.
        self.oxigraph.optimize()

    def close(self) -> None:
        if self.oxigraph is None:
            return
        self._dataset.close()
        self.oxigraph = None  # the last reference: dropping it releases the store's lock


class OxigraphMemoryBackend(StoreBackend):
    """``:memory:``: a new, empty Oxigraph store in memory each time (tests, notebooks)."""

    name = "oxigraph-memory"

    def accepts(self, location: str) -> bool:
        return location == MEMORY

    def open(self, location: str, *, create: bool = True) -> OxigraphStore:
        return OxigraphStore(ox.Store(), location)


class OxigraphBackend(StoreBackend):
    """A folder: an Oxigraph store on disk. Takes any location without a URL
    scheme (``name://``), so it is asked after the other kg backends."""

    name = "oxigraph"

    def accepts(self, location: str) -> bool:
        return "://" not in location

    def open(self, location: str, *, create: bool = True) -> OxigraphStore:
        path = Path(location)
        if not path.exists():
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
        return OxigraphStore(on_disk, location)


_PREFIX_MAP = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def oxigraph_result(answer) -> Result:
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
