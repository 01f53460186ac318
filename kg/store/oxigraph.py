"""Oxigraph stores: a folder on disk (kg's default store) or ``:memory:``.

Articles are written and queries answered on ``pyoxigraph`` directly, each
distinct term converted between rdflib and pyoxigraph once. rdflib's own
``Dataset`` over the same store (``oxrdflib``) serves what needs rdflib's
objects: updates, and the quads that exports serialise, so exports keep the
terms rdflib has always written.

Opening a folder (:class:`OxigraphBackend`) never creates or changes anything
unless the store is opened for writing:

- a folder that is not a store (it holds other files) is refused by name,
  for reading and for writing; a missing or empty folder is "no store here"
  for a reader, and becomes a new store for a writer;
- a damaged store (its ``CURRENT`` file missing, a file cut short or
  corrupt) is refused with a message that says how to recover, and its
  files are left exactly as they were: a writer opens it read-only first;
- one process at a time may write a store (Oxigraph locks it); a second
  writer gets a :class:`~kg.errors.StoreError` naming the lock. Readers
  (``read_only=True``) never wait for it: they open a snapshot the writer
  publishes (:mod:`kg.store.snapshots`), or the store itself when no writer
  is at work.

A user's query (:meth:`OxigraphStore.query_stoppable`) on a folder runs in a
child process that can be killed at its time limit or by Ctrl-C
(:mod:`kg.store.query_process`).

>>> store = OxigraphMemoryBackend().open(":memory:")
>>> store.put_article(URIRef("urn:ex:g"), [(URIRef("urn:ex:s"), URIRef("urn:ex:p"), Literal("o"))])
1
>>> [str(row.o) for row in store.query("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }")]
['o']
>>> OxigraphBackend().accepts("output/store"), OxigraphBackend().accepts("http://localhost:7878")
(True, False)
"""
from __future__ import annotations

import os
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Optional

import oxrdflib
import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Node

from ..errors import QueryError, QueryTimeout, StoreError
from ..rdf.namespace import PREFIXES
from . import Store, StoreBackend, _with_prefixes
from .query_process import ChildFailed, Stopped, run_in_child
from .snapshots import FOLDER as SNAPSHOTS, Pin, Publisher, latest_snapshot, reader_folder, writer_at_work

MEMORY = ":memory:"


class OxigraphStore(Store):
    """A :class:`~kg.store.Store` on a ``pyoxigraph.Store`` (``oxigraph``), in memory or on disk.

    ``folder`` is the directory ``oxigraph`` was opened on (None in memory): the
    store, or a snapshot of it for a reader. A writer on disk has a
    ``publisher`` (it publishes snapshots for readers); a reader of a snapshot
    has the ``pin`` that keeps it."""

    def __init__(self, oxigraph: ox.Store, location: str, *, folder: Optional[Path] = None,
                 read_only: bool = False, publisher: Optional[Publisher] = None, pin: Optional[Pin] = None):
        super().__init__(location)
        self.oxigraph = oxigraph
        self.folder, self.read_only = folder, read_only
        self._publisher, self._pin = publisher, pin
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
        with self._engine_errors():
            return oxigraph_result(self.oxigraph.query(sparql, substitutions=substitutions,
                                                       **query_options(union_default_graph)))

    def query_stoppable(self, sparql: str, *, timeout: Optional[float] = None,
                        union_default_graph: Optional[bool] = None) -> Result:
        """On disk, the query runs in a child process on a read-only view of the
        store (a writer first publishes its writes), killed at ``timeout`` or
        by Ctrl-C; in memory, as :meth:`Store.query_stoppable` does."""
        if self.folder is None:
            return super().query_stoppable(sparql, timeout=timeout, union_default_graph=union_default_graph)
        with self._engine_errors():
            folder = self._publisher.current() if self._publisher else self.folder
        try:
            return oxigraph_result(run_in_child(str(folder), sparql, query_options(union_default_graph), timeout))
        except Stopped:
            raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped; "
                               "narrow it (LIMIT, more specific patterns) or raise --timeout") from None
        except ChildFailed as exc:
            if _is_damage(exc.message):
                raise _damaged(self.location, exc.message) from None
            raise QueryError(f"query failed: {exc.message}") from None

    def refresh(self) -> bool:
        """A reader on disk moves to what a writer published since it opened (the newest
        snapshot), and says whether it moved. Cheap: one small file read when nothing
        changed; else opening the new snapshot, whose files are the store's own (hard
        links, warm in the page cache), and letting go of the old one. A long-running
        reader (a server) calls it between requests."""
        if not self.read_only or self.folder is None:
            return False
        folder, pin = reader_folder(Path(self.location))
        if folder is None or folder == self.folder:
            if pin is not None:
                pin.release()
            return False
        fresh = _pinned(folder, pin, self.location)
        old_pin, self._pin = self._pin, pin
        self.oxigraph, self.folder = fresh, folder
        self._dataset = _with_prefixes(Dataset(store=oxrdflib.OxigraphStore(store=fresh)))
        if old_pin is not None:
            old_pin.release()
        return True

    def update(self, sparql: str) -> None:
        self._writable()
        # through rdflib: an update may use, undeclared, every prefix rdflib binds (schema:, dcat:, ...), not only kg's
        with self._engine_errors():
            self._dataset.update(sparql)
        self._wrote()

    def put_article(self, graph: URIRef, triples: Iterable[tuple]) -> int:
        # pyoxigraph directly: oxrdflib converts every term and fires rdflib's
        # per-triple events, most of a build's time in the main process.
        self._writable()
        term, g = _cached(_to_oxigraph), ox.NamedNode(str(graph))
        quads = [ox.Quad(term(s), term(p), term(o), g) for s, p, o in triples]
        self.oxigraph.remove_graph(g)
        if quads:
            self.oxigraph.extend(quads)
        self._wrote()
        return len(quads)

    def quads(self):
        # rdflib's terms ("x"^^xsd:string where the fast path gives "x"): what exports have always written
        with self._engine_errors():
            for s, p, o, g in self._dataset.quads((None, None, None, None)):
                yield s, p, o, g

    def rdf_dataset(self) -> Dataset:
        """rdflib's ``Dataset`` over this store: a view, not a copy (read it, do not change it)."""
        return self._dataset

    def flush(self) -> None:
        # Without it Oxigraph's on-disk store (RocksDB) keeps every write in memory tables; in memory it does nothing.
        if not self.read_only:
            self.oxigraph.flush()

    def optimize(self) -> None:
        # Lookups get faster, by about a quarter on a million triples written in batches.
        if not self.read_only:
            self.oxigraph.optimize()

    def close(self) -> None:
        if self.oxigraph is None:
            return

        def release():
            self._dataset.close()
            self.oxigraph = self._dataset = None  # the last references: dropping them closes the store, and its lock

        if self._publisher is not None:
            self._publisher.close(release)  # a last snapshot for readers, then the store closes
        else:
            release()
        if self._pin is not None:
            self._pin.release()

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.location}: the store was opened read-only; open it for writing to change it")

    def _wrote(self) -> None:
        if self._publisher is not None:
            self._publisher.wrote()

    @contextmanager
    def _engine_errors(self) -> Iterator[None]:
        """A damaged store found while reading it: a :class:`StoreError` saying how to recover."""
        try:
            yield
        except (OSError, RuntimeError) as exc:
            if _is_damage(str(exc)):
                raise _damaged(self.location, str(exc)) from None
            raise


class OxigraphMemoryBackend(StoreBackend):
    """``:memory:``: a new, empty Oxigraph store in memory each time (tests, notebooks)."""

    name = "oxigraph-memory"

    def accepts(self, location: str) -> bool:
        return location == MEMORY

    def open(self, location: str, *, create: bool = True, read_only: bool = False) -> OxigraphStore:
        return OxigraphStore(ox.Store(), location)


class OxigraphBackend(StoreBackend):
    """A folder: an Oxigraph store on disk. Takes any location without a URL
    scheme (``name://``), so it is asked after the other kg backends."""

    name = "oxigraph"

    def accepts(self, location: str) -> bool:
        return "://" not in location

    def open(self, location: str, *, create: bool = True, read_only: bool = False) -> OxigraphStore:
        path = Path(location)
        state = _folder_state(path)
        if state == "being created":
            raise _not_yet(path) if read_only else _in_use(path)
        if state != "store" and (read_only or not create):
            raise StoreError(f"{path}: no store here (run `kg build` first, or pass --store)")
        if read_only:
            return _open_reader(path, location)
        if state == "store":
            if writer_at_work(path):
                raise _in_use(path)
            _read_only(path, location)  # a damaged store is refused before anything writes to it (dropped: closed)
        path.mkdir(parents=True, exist_ok=True)
        try:
            publisher = Publisher(path)  # before the store opens: readers know a writer is at work
        except BlockingIOError:
            raise _in_use(path) from None
        try:
            on_disk = ox.Store(str(path))
            publisher.start(on_disk)
        except BaseException as exc:
            publisher.release()
            if isinstance(exc, (OSError, RuntimeError)):
                if "lock" in str(exc).lower():
                    raise _in_use(path) from None
                raise StoreError(f"{path}: cannot open the store: {_first_line(str(exc))}") from None
            raise
        return OxigraphStore(on_disk, location, folder=path, publisher=publisher)


def _open_reader(path: Path, location: str) -> OxigraphStore:
    folder, pin = reader_folder(path)
    if folder is None:
        raise _not_yet(path)
    return OxigraphStore(_pinned(folder, pin, location), location, folder=folder, read_only=True, pin=pin)


def _pinned(folder: Path, pin: Optional[Pin], location: str) -> ox.Store:
    """A reader's ``folder`` opened read-only (:func:`_read_only`); its ``pin`` let go if it cannot be."""
    try:
        return _read_only(folder, location)
    except StoreError:
        if pin is not None:
            pin.release()
        raise


def _read_only(folder: Path, location: str) -> ox.Store:
    """``folder`` opened read-only; a damaged store is a :class:`StoreError` naming ``location``."""
    try:
        return ox.Store.read_only(str(folder))
    except (OSError, RuntimeError) as exc:
        if _is_damage(str(exc)) or isinstance(exc, FileNotFoundError):
            raise _damaged(location, str(exc)) from None
        raise StoreError(f"{location}: cannot open the store: {_first_line(str(exc))}") from None


#: The names RocksDB gives the files of a database (and Oxigraph's column family its OPTIONS file lists).
_ROCKSDB_FILE = re.compile(r"(CURRENT|IDENTITY|LOCK|LOG(\.old\.\d+)?|MANIFEST-\d+|OPTIONS-\d+|\d+(\.(sst|log|blob))?)"
                           r"(\.dbtmp)?\Z")
_OXIGRAPH_OPTIONS = '[CFOptions "id2str"]'


def _folder_state(path: Path) -> str:
    """``"store"``, ``"new"`` (no folder, an empty one, or one where nothing was stored yet),
    ``"being created"`` (a writer is creating the store), or a :class:`StoreError`: not a
    folder, not a store, a damaged store. Reads names only (and the OPTIONS file)."""
    if not path.exists():
        return "new"
    if not path.is_dir():
        raise StoreError(f"{path}: not a folder; --store names a store folder or a SPARQL endpoint URL")
    try:
        names = os.listdir(path)
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the folder: {exc.strerror}") from None
    if "CURRENT" in names:
        options = sorted((n for n in names if re.fullmatch(r"OPTIONS-\d+", n)), key=lambda n: int(n[8:]))
        try:
            foreign = options and _OXIGRAPH_OPTIONS not in (path / options[-1]).read_text("utf-8", "replace")
        except OSError:
            foreign = False  # opening it tells
        if foreign:
            raise StoreError(f"{path}: not a kg store (a RocksDB database of another program); "
                             "--store names a folder kg build made, or a new or empty one")
        return "store"
    if writer_at_work(path):  # kg took this folder for a store and is creating it
        return "being created"
    others = sorted(n for n in names if not _ROCKSDB_FILE.match(n) and n != SNAPSHOTS)
    if others:
        more = f" and {len(others) - 1} more" if len(others) > 1 else ""
        raise StoreError(f"{path}: not a kg store (it holds {others[0]!r}{more}); "
                         "--store names a folder kg build made, or a new or empty one")
    if latest_snapshot(path) is not None or \
            any(n.endswith((".sst", ".log", ".blob")) and (path / n).stat().st_size for n in names):
        raise _damaged(str(path), "its CURRENT file is missing")
    return "new"  # empty, or a creation stopped before anything was stored


def _is_damage(message: str) -> bool:
    return "Corruption" in message or "No such file or directory" in message


def _damaged(location: str, reason: str) -> StoreError:
    """The refusal of a damaged store: what is wrong, and how to recover. A file gone
    from the store is often still in its last snapshot (a hard link of its own)."""
    snapshot = latest_snapshot(Path(location)) if "missing" in reason or "No such file" in reason else None
    rescue = f", or by copying its last snapshot, which may have kept the lost file (cp -a {snapshot} NEW)" \
        if snapshot is not None else ""
    return StoreError(f"{location}: the store is damaged ({_first_line(reason)}); kg left its files as they are. "
                      "Recover by building again from the articles into a new folder (kg build SOURCES --store NEW), "
                      f"by loading a previous export into one (kg load graph.trig --store NEW){rescue}")


def _in_use(path: Path) -> StoreError:
    return StoreError(f"{path}: the store is in use by another kg process (a build holds its lock); wait for it "
                      "to finish, or use a SPARQL server (--store http://...) for concurrent writers")


def _not_yet(path: Path) -> StoreError:
    return StoreError(f"{path}: a kg process is opening the store for writing and has no snapshot for readers "
                      "yet; try again in a moment")


def _first_line(message: str, width: int = 160) -> str:
    line = " ".join(message.split())
    return line if len(line) <= width else line[: width - 1] + "…"


_PREFIX_MAP = {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def query_options(union_default_graph: Optional[bool] = None) -> dict:
    """What a query gets from the engine, in this process and in a query's child
    process (so, plain JSON): kg's prefixes, and the union of the named graphs
    as the default graph if asked."""
    return {"prefixes": _PREFIX_MAP, "use_default_graph_as_union": bool(union_default_graph)}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def oxigraph_result(answer) -> Result:
    """A pyoxigraph query answer as an ``rdflib.query.Result``: ``QueryBoolean`` (or a
    ``bool``), ``QueryTriples`` (or a list of triples), ``QuerySolutions``."""
    if isinstance(answer, (ox.QueryBoolean, bool)):
        result = Result("ASK")
        result.askAnswer = bool(answer)
        return result
    term = _cached(_from_oxigraph)
    if isinstance(answer, (ox.QueryTriples, list)):
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
