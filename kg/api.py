"""The Python API; each function mirrors a ``kg`` command.

>>> import kg  # doctest: +SKIP
>>> summary = kg.build(["seeds/"], store="output/store")  # doctest: +SKIP
>>> kg.query("opposes", store="output/store", fmt="table")  # doctest: +SKIP
>>> kg.render("output/graph.html", store="output/store", actor="Taliban", depth=2)  # doctest: +SKIP
>>> kg.export("output/graph.gexf", store="output/store")  # doctest: +SKIP
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

from .builder import BuildSummary  # the build runner's summary (a light import)
from .store import Store, open_store

StoreLike = Union[Store, str, Path, None]

log = logging.getLogger("kg")


@contextmanager
def _opened(store: StoreLike, *, read_only: bool = True) -> Iterator[Store]:
    """The store itself if one is given (left open), else the one at a path or URL
    (closed after), opened ``read_only`` unless the caller writes to it."""
    if isinstance(store, Store):
        yield store
        return
    st = open_store(store, read_only=read_only)
    try:
        yield st
    finally:
        st.close()


def extract(paths: Iterable[str], *, on_error: Optional[Callable] = None, stdin_date: Optional[date] = None,
            stdin_title: Optional[str] = None):
    """Extractions (plain Python objects) for the articles under ``paths``; no store.
    ``stdin_date`` and ``stdin_title``: the publication date and title of what standard input (``-``) holds."""
    from .extract import extract_articles
    from .readers import read_articles

    yield from extract_articles(read_articles(list(paths), on_error=on_error, stdin_date=stdin_date,
                                              stdin_title=stdin_title))


def build(paths: Iterable[str], store: StoreLike = None, *, records: Optional[Union[str, Path]] = None,
          on_error: Optional[Callable] = None, force: bool = False, workers: Optional[int] = None,
          dask=None, progress: Optional[bool] = None, chunk_size: Optional[int] = None,
          stdin_date: Optional[date] = None, stdin_title: Optional[str] = None) -> BuildSummary:
    """Read, extract and store the articles under ``paths``. Building the same
    article again changes nothing; a changed article replaces its graph.

    ``workers``: extraction processes (default: all cores). ``dask``: a Dask
    scheduler address (``"tcp://HOST:8786"``) or a ``dask.distributed.Client``;
    extraction then runs on the cluster and this process writes the store.
    ``progress``: a progress bar on standard error (default: when it is a
    terminal). ``chunk_size``: articles sent to a worker at a time.
    ``records``: a JSON Lines file of the claims of every article read (those
    the store holds unchanged are extracted again for it, not stored again),
    written whole or not at all.
    ``stdin_date``, ``stdin_title``: the publication date and title of what
    standard input (``-`` among ``paths``) holds. See :mod:`kg.builder`.
    """
    from .builder import CHUNK_SIZE, run_build

    with _opened(store, read_only=False) as st:
        return run_build(paths, st, workers=workers, dask=dask, records=records, on_error=on_error,
                         force=force, progress=progress, chunk_size=chunk_size or CHUNK_SIZE,
                         stdin_date=stdin_date, stdin_title=stdin_title)


def query(sparql: str, store: StoreLike = None, *, params: Optional[dict] = None, fmt: Optional[str] = None,
          timeout: Optional[float] = None, allow_update: bool = False, allow_service: bool = False,
          union_default_graph: bool = True):
    """Run SPARQL (a string, a .rq file or a named query); read-only unless
    ``allow_update``. ``params`` are checked against the parameters the query
    declares (an actor parameter takes a label, an alias, an IRI or an id).
    The query's default graph is the union of every article's graph, unless
    ``union_default_graph=False`` (then it is the store's own, empty, default
    graph). With ``fmt`` ("table", "csv", "json") returns text, else a list
    of row dicts whose numbers are ``int``/``float`` and booleans ``bool``.
    ``timeout`` (seconds) stops a query that runs too long
    (:class:`kg.errors.QueryTimeout`); so does Ctrl-C (``KeyboardInterrupt``).
    On a store folder the query runs in a child process, which is killed then."""
    from .sparql import format_result, result_rows, run_query

    with _opened(store, read_only=not allow_update) as st:
        result = run_query(st, sparql, params, allow_update=allow_update, allow_service=allow_service,
                           timeout=timeout, union_default_graph=union_default_graph)
        if fmt:
            return format_result(result, fmt)
        header, rows = result_rows(result)
        return [dict(zip(header, r)) for r in rows]


def graph(store: StoreLike = None, *, events: bool = False, actor: Optional[str] = None, depth: int = 1,
          start: Optional[str] = None, end: Optional[str] = None, sparql: Optional[str] = None):
    """The store (or a selection of it, see :class:`kg.views.selection.Selection`) as a networkx
    MultiDiGraph: the ego network of ``actor`` (a label, an alias, an IRI or an id, see
    :mod:`kg.lookup`) to ``depth`` hops, what is dated from ``start`` to ``end`` (ISO dates; the
    date of the event a sentence states when it gives one, else of the article), or the result
    of the SPARQL query ``sparql``."""
    from .views.selection import Selection

    selection = Selection(actor=actor, depth=depth, start=start, end=end, sparql=sparql, events=events)
    with _opened(store) as st:
        return selection.graph(st)


def render(output: Union[str, Path] = "output/graph.html", store: StoreLike = None, *, events: bool = True,
           actor: Optional[str] = None, depth: int = 1, start: Optional[str] = None, end: Optional[str] = None,
           sparql: Optional[str] = None, title: Optional[str] = None) -> Path:
    """Write the interactive HTML view of the store or of a selection of it
    (the same as :func:`graph` and :func:`export` take)."""
    from .views.html import render_html
    from .views.selection import Selection

    selection = Selection(actor=actor, depth=depth, start=start, end=end, sparql=sparql, events=events)
    with _opened(store) as st:
        g = selection.graph(st)
    return render_html(g, output, title=title or "kg: knowledge graph", subtitle=selection.describe())


def export(output: Union[str, Path], store: StoreLike = None, *, fmt: Optional[str] = None, events: bool = False,
           actor: Optional[str] = None, depth: int = 1, start: Optional[str] = None, end: Optional[str] = None,
           sparql: Optional[str] = None) -> Path:
    """Write the store in the format named ``fmt``, or else told by ``output``'s
    extension: any exporter of :data:`kg.exporters.EXPORTERS` (kg's own: gexf,
    graphml, nodelink, turtle, trig, nquads, jsonld). A graph format writes the
    selection :func:`render` draws (``events``, ``actor``, ``depth``, ``start``,
    ``end``, ``sparql``); an RDF format writes the whole store and refuses a
    selection that leaves anything out (:class:`~kg.errors.FormatError`)."""
    from .exporters import find_exporter
    from .views.selection import Selection

    selection = Selection(actor=actor, depth=depth, start=start, end=end, sparql=sparql, events=events)
    exporter = find_exporter(output, fmt)  # before the store is opened: a wrong name creates no store
    exporter.check_selection(output, selection)
    with _opened(store) as st:
        if not exporter.selects and not len(st):  # a graph format's selection says so itself
            log.warning("the store is empty: the %s export holds nothing", exporter.name)
        exporter.write_selection(st, selection, output)
    return Path(str(output))


def stats(store: StoreLike = None) -> dict:
    """Counts of articles, actors, claims (by modality), events and triples."""
    from .rdf.namespace import SPARQL_PREFIXES
    from .sparql import result_rows

    q = SPARQL_PREFIXES + """
    SELECT (COUNT(DISTINCT ?a) AS ?articles) (COUNT(DISTINCT ?actor) AS ?actors)
           (COUNT(DISTINCT ?c) AS ?claims) (COUNT(DISTINCT ?e) AS ?events) WHERE {
      GRAPH ?g { { ?a a kg:Article } UNION { ?actor kg:inGazetteer ?k } UNION { ?c a kg:Claim } UNION { ?e a kg:Event } } }"""
    qm = SPARQL_PREFIXES + """
    SELECT ?m (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH ?g { ?c a kg:Claim ; kg:modality ?m } } GROUP BY ?m"""
    with _opened(store) as st:
        header, rows = result_rows(st.query(q))
        out = {h: int(v or 0) for h, v in zip(header, rows[0])} if rows else {}
        out["claims_by_modality"] = {str(r[0]).rsplit("#", 1)[-1].lower(): int(r[1]) for r in st.query(qm)}
        out["triples"] = len(st)
        return out
