"""A SPARQL 1.1 server as kg's store (``--store http://host:port``).

Only the SPARQL 1.1 query and update protocols are used, so any server that
speaks them can hold kg's graph. The tests run the same functions against
Oxigraph (``oxigraph serve``) and Virtuoso 7 (``tests/store/servers.py``).
Where the endpoints are:

- ``http://host:port`` (a base URL): ``/query`` and ``/update`` under it
  (Oxigraph's layout);
- ``http://host/ds/query``: that URL for queries, its sibling ``update`` for updates (Fuseki);
- ``http://host/ds/sparql``, ``http://host:8890/sparql-auth`` (any last part
  starting with ``sparql``): that URL for both (Fuseki, Virtuoso).

Credentials go in the URL, ``http://USER:PASSWORD@host:8890/sparql-auth``;
they are sent as the server asks (HTTP Digest or Basic) and never shown: the
store's :attr:`location` masks the password. Virtuoso takes updates only from
an authenticated user at ``/sparql-auth``. Put such a URL in ``$KG_STORE`` to
keep the password off the command line.

What servers do differently, handled here so that every server gives the
same answers:

- Long answers: Virtuoso cuts a SELECT's answer at ``ResultSetMaxRows``
  (10,000 rows by default) and says so in its ``X-SPARQL-MaxRows`` header.
  The query is then asked again page by page, as a subquery with
  ``OFFSET``/``LIMIT``; one that cannot be (``FROM``) is an error naming the
  limit, never a silently short answer. (A cut CONSTRUCT carries no such
  header: raise the limit on the server to CONSTRUCT more triples than it.)
- Literals: Virtuoso returns ``"x"^^xsd:string`` as written; it is ``"x"``
  here, as RDF 1.1 says they are the same literal, and as Oxigraph returns it.
  Virtuoso with its default ``CaseMode`` answers ASK with a one-row SELECT
  (``__ASK_RETVAL``); it is the ASK answer here.
- Other graphs: a server may hold graphs that are not kg's (Virtuoso's own
  system graphs); the store's size and its quads (exports, validation) are
  those of kg's graphs only, the graphs under :func:`~kg.rdf.iri.graph_iri`'s namespace.
- Update size: Virtuoso's SPARQL parser runs out of memory near 5,000 triples
  in one ``INSERT DATA``; an article is sent in blocks of :data:`BATCH`.
- Garbage: an answer that is not what the protocol says (an HTML page,
  broken JSON, malformed Turtle, an error page) is one
  :class:`~kg.errors.StoreError` naming the server and what was wrong.

Writes: an article's graph is replaced by one update request (``DROP SILENT
GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } } ; ...``), so that a server that
runs a request as one transaction (Oxigraph does) never shows half an article,
and two builds writing the same article at once leave one whole copy of it.
Nothing with a blank node is sent (kg mints an IRI for everything; a blank node
is refused with :class:`~kg.errors.StoreError`). Each request waits at most
``$KG_REMOTE_TIMEOUT`` seconds (see :mod:`kg.settings`).

>>> endpoints("http://127.0.0.1:7878")
('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update')
>>> endpoints("http://example.org/ds/sparql")
('http://example.org/ds/sparql', 'http://example.org/ds/sparql')
>>> endpoints("http://localhost:8890/sparql-auth")
('http://localhost:8890/sparql-auth', 'http://localhost:8890/sparql-auth')
>>> split_credentials("http://dba:secret@localhost:8890/sparql-auth")
('http://localhost:8890/sparql-auth', 'dba', 'secret', 'http://dba:***@localhost:8890/sparql-auth')
>>> SparqlServerBackend().accepts("https://example.org/ds/sparql"), SparqlServerBackend().accepts("output/store")
(True, False)
"""
from __future__ import annotations

import html
import io
import re
import urllib.error
import urllib.parse
import urllib.request
from typing import Iterable, Mapping, Optional, Sequence

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Node

from ..errors import StoreError
from ..rdf.iri import graph_iri
from ..rdf.namespace import KG
from ..settings import settings
from . import Store, StoreBackend

#: Triples per INSERT DATA block: Virtuoso's SPARQL parser fails near 5,000.
BATCH = 1_000
#: A graph no store holds (no article graph is outside kgr:graph/): the default graph of a
#: query that asks for an empty one.
EMPTY_GRAPH = "urn:x-kg:empty-graph"
#: Kinds of answer kg reads, and how rdflib parses each.
RESULT_FORMATS = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
}
GRAPH_FORMATS = {"application/n-triples": "nt", "text/plain": "nt", "text/turtle": "turtle"}
#: What to ask for, by query form (Virtuoso sends a CONSTRUCT as a table if asked for results).
ACCEPT = {"results": "application/sparql-results+json, application/sparql-results+xml;q=0.9",
          "graph": "application/n-triples, text/turtle;q=0.9"}


def endpoints(url: str) -> tuple[str, str]:
    """The query and update endpoint URLs for a ``--store`` URL (without credentials)."""
    base = url.rstrip("/")
    last = base.rsplit("/", 1)[-1] if "/" in base.split("://", 1)[-1] else ""
    if last == "query":
        return base, base[: -len("query")] + "update"
    if last.startswith("sparql"):
        return base, base
    return base + "/query", base + "/update"


def split_credentials(url: str) -> tuple[str, Optional[str], Optional[str], str]:
    """(URL without credentials, user, password, URL to show: the password masked)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None:
        return url, None, None, url
    host = parts.hostname or ""
    if ":" in host:  # IPv6
        host = f"[{host}]"
    netloc = host + (f":{parts.port}" if parts.port else "")
    bare = urllib.parse.urlunsplit(parts._replace(netloc=netloc))
    user = urllib.parse.unquote(parts.username)
    password = urllib.parse.unquote(parts.password) if parts.password is not None else ""
    shown = urllib.parse.urlunsplit(parts._replace(netloc=f"{parts.username}:***@{netloc}"))
    return bare, user, password, shown


class SparqlServerStore(Store):
    """A :class:`~kg.store.Store` on a SPARQL 1.1 server. ``timeout``: seconds
    to wait for one HTTP request (default: ``$KG_REMOTE_TIMEOUT``, else 120)."""

    def __init__(self, url: str, *, timeout: Optional[float] = None):
        bare, user, password, shown = split_credentials(url)
        super().__init__(shown)
        self.query_url, self.update_url = endpoints(bare)
        self._names = dict(zip((self.query_url, self.update_url), endpoints(shown)))  # for messages
        self.timeout = timeout if timeout is not None else settings().remote_timeout
        handlers = []
        if user is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, bare, user, password)
            handlers = [urllib.request.HTTPDigestAuthHandler(passwords),
                        urllib.request.HTTPBasicAuthHandler(passwords)]
        self._opener = urllib.request.build_opener(*handlers)
        self._graphs = str(graph_iri("x"))[:-1]  # kg's graphs are under this

    # -- HTTP ---------------------------------------------------------------
    def _post(self, url: str, body: bytes, content_type: str, accept: Optional[str] = None):
        """POST ``body``; (content type, headers, bytes) of the answer."""
        headers = {"Content-Type": content_type, "User-Agent": "kg"}
        if accept:
            headers["Accept"] = accept
        req = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with self._opener.open(req, timeout=self.timeout) as resp:
                ctype = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
                return ctype, resp.headers, resp.read()
        except urllib.error.HTTPError as exc:
            detail = _first_line(exc.read(), exc.headers.get("Content-Type", ""))
            hint = ""
            if exc.code in (401, 403) or "permission" in detail.lower():
                hint = ("; the server refused kg: give a user that may write in the --store URL, "
                        "http://USER:PASSWORD@HOST/... (Virtuoso: .../sparql-auth)")
            raise StoreError(f"{self._shown(url)}: the SPARQL server answered {exc.code} {exc.reason}"
                             f"{': ' + detail if detail else ''}{hint}") from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"{self._shown(url)}: cannot reach the SPARQL server ({reason})") from None

    def _shown(self, url: str) -> str:
        """An endpoint as messages show it: its password masked."""
        return self._names.get(url, url)

    def _n3(self, t) -> str:
        """A term as SPARQL text."""
        if isinstance(t, BNode):
            raise StoreError(f"{self.location}: blank nodes are not sent to a SPARQL server; "
                             "mint an IRI for this node")
        if isinstance(t, (URIRef, Literal)):
            return t.n3()
        raise StoreError(f"{self.location}: cannot send {t!r} to a SPARQL server")

    def _values_clause(self, bindings: Mapping[str, Node]) -> str:
        names = list(bindings)
        vars_ = " ".join(f"?{Variable(n)}" for n in names)
        row = " ".join(self._n3(bindings[n]) for n in names)
        return f"\nVALUES ({vars_}) {{ ({row}) }}"

    def _ask(self, sparql: str, dataset: Sequence[tuple[str, str]] = ()) -> tuple[Result, Optional[int]]:
        """One query request (with the protocol's dataset parameters, if any): its result, and the
        row limit the server says it cut it at, if it did."""
        body = urllib.parse.urlencode([("query", sparql), *dataset]).encode("utf-8")
        form = re.match(r"\w*", sparql[_PROLOGUE.match(sparql).end():]).group(0).upper()
        accept = ACCEPT["graph" if form in ("CONSTRUCT", "DESCRIBE") else "results"]
        ctype, headers, data = self._post(self.query_url, body, "application/x-www-form-urlencoded", accept=accept)
        where = self._shown(self.query_url)
        try:
            if ctype in RESULT_FORMATS:
                result = Result.parse(io.BytesIO(data), format=RESULT_FORMATS[ctype])
                if result.type == "SELECT" and [str(v) for v in result.vars] == [_VIRTUOSO_ASK]:
                    result = _ask_result(result)
                elif result.type == "SELECT":
                    result.bindings = [{k: _as_written(v) for k, v in row.items()} for row in result.bindings]
            elif ctype in GRAPH_FORMATS:
                result = Result("CONSTRUCT")
                result.graph = Graph()
                for s, p, o in Graph().parse(data=data.decode("utf-8"), format=GRAPH_FORMATS[ctype]):
                    result.graph.add((s, p, _as_written(o)))
            else:
                raise StoreError(f"{where}: the SPARQL server's answer is not a query result "
                                 f"({ctype or 'no content type'}: {_first_line(data, ctype) or 'empty'})")
        except StoreError:
            raise
        except Exception as exc:  # rdflib's parsers fail in many ways on garbage (AssertionError on bad Turtle)
            what = {"json": "SPARQL JSON results", "xml": "SPARQL XML results", "nt": "N-Triples",
                    "turtle": "Turtle"}[RESULT_FORMATS.get(ctype) or GRAPH_FORMATS[ctype]]
            reason = " ".join(str(exc).split())[:200] or type(exc).__name__
            raise StoreError(f"{where}: the SPARQL server's answer is not valid {what} ({reason})") from None
        cut = headers.get("X-SPARQL-MaxRows")
        return result, int(cut) if cut and cut.strip().isdigit() else None

    # -- the Store operations -------------------------------------------------
    def query(self, sparql: str, initBindings: Optional[Mapping[str, Node]] = None, *,
              union_default_graph: Optional[bool] = None) -> Result:
        """Run SPARQL on the server; an rdflib ``Result`` like a local store's.
        ``initBindings`` become a trailing VALUES clause; an answer the server
        cut is completed page by page. ``union_default_graph`` names the dataset
        with the protocol's own parameters, which every SPARQL 1.1 server takes:
        each of kg's article graphs is both a ``default-graph-uri`` (their merge
        is the default graph) and a ``named-graph-uri`` (``GRAPH ?g`` still sees
        each); False names a graph that does not exist as the default graph (a
        server's own default may be all its graphs, as Virtuoso's is)."""
        if initBindings:
            sparql = sparql.rstrip() + self._values_clause({str(k): v for k, v in initBindings.items()})
        dataset: list[tuple[str, str]] = []
        if union_default_graph is not None:
            graphs = self.article_graphs()
            defaults = graphs if union_default_graph else [EMPTY_GRAPH]
            dataset = [("default-graph-uri", g) for g in defaults] + [("named-graph-uri", g) for g in graphs]
        result, cut = self._ask(sparql, dataset)
        if cut is None or result.type != "SELECT" or len(result.bindings) < cut:
            return result
        rows, names = list(result.bindings), [str(v) for v in result.vars]
        while True:
            page = paged(sparql, names, len(rows), cut)
            if page is None:
                raise StoreError(f"{self._shown(self.query_url)}: the SPARQL server cut the answer at {cut:,} rows "
                                 "(its result limit, ResultSetMaxRows on Virtuoso) and the query cannot be asked "
                                 "page by page (it has FROM); raise the limit or add LIMIT/OFFSET")
            more, _ = self._ask(page, dataset)
            rows.extend(more.bindings)
            if len(more.bindings) < cut:
                break
        result.bindings = rows
        return result

    def update(self, sparql: str) -> None:
        self._post(self.update_url, sparql.encode("utf-8"), "application/sparql-update; charset=utf-8")

    def put_article(self, graph: URIRef, triples: Iterable[tuple]) -> int:
        lines = [f"{self._n3(s)} {self._n3(p)} {self._n3(o)} ." for s, p, o in triples]
        g = self._n3(graph)
        parts = [f"DROP SILENT GRAPH {g}"]
        for i in range(0, len(lines), BATCH):
            parts.append(f"INSERT DATA {{ GRAPH {g} {{\n" + "\n".join(lines[i:i + BATCH]) + "\n} }")
        self.update(" ;\n".join(parts))
        return len(lines)

    # -- kg's graphs only ---------------------------------------------------------
    def _ours(self) -> str:
        return f'FILTER(STRSTARTS(STR(?g), "{self._graphs}"))'

    def article_graphs(self) -> list[str]:
        """The IRIs of kg's article graphs on the server (a shared server may hold other graphs too).
        Each holds its one ``kg:Article`` (Virtuoso matches no empty ``GRAPH ?g {}`` pattern)."""
        rows = self.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?a a <{KG.Article}> }} {self._ours()} }}")
        return [str(r[0]) for r in rows]

    def __len__(self) -> int:
        rows = list(self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._ours()} }}"))
        return int(rows[0][0]) if rows else 0

    def quads(self):
        for s, p, o, g in self.query(f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._ours()} }}"):
            yield s, p, o, g


_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)*", re.I)


def paged(sparql: str, names: list[str], offset: int, limit: int) -> Optional[str]:
    """The SELECT query ``sparql`` as a subquery, rows ``offset`` to ``offset + limit``
    of its answer (with the variables ``names``); None if SPARQL does not allow it
    as a subquery (FROM, or not a SELECT).

    >>> print(paged("PREFIX kg: <https://w3id.org/kg/ontology#>\\nSELECT ?a WHERE { ?a a kg:Article } # all",
    ...             ["a"], 10000, 10000))
    PREFIX kg: <https://w3id.org/kg/ontology#>
    SELECT ?a WHERE { SELECT ?a WHERE { ?a a kg:Article } # all
    } OFFSET 10000 LIMIT 10000
    >>> paged("SELECT * FROM <urn:g> WHERE { ?s ?p ?o }", ["s", "p", "o"], 10, 10) is None
    True
    """
    start = _PROLOGUE.match(sparql).end()
    body = sparql[start:]
    brace = body.find("{")
    if not re.match(r"SELECT\b", body, re.I) or brace < 0 or re.search(r"\bFROM\b", body[:brace], re.I):
        return None
    projection = " ".join(f"?{n}" for n in names) or "*"
    return f"{sparql[:start]}SELECT {projection} WHERE {{ {body}\n}} OFFSET {offset} LIMIT {limit}"


#: Virtuoso (with CaseMode 1, its default) answers ASK with one row of this variable.
_VIRTUOSO_ASK = "__ASK_RETVAL"


def _ask_result(select: Result) -> Result:
    """Virtuoso's one-row SELECT answer to an ASK query as the ASK result it is."""
    rows = select.bindings
    value = rows[0].get(Variable(_VIRTUOSO_ASK)) if rows else None
    result = Result("ASK")
    result.askAnswer = value is not None and str(value) not in ("0", "false")
    return result


def _as_written(term):
    """``"x"^^xsd:string`` as ``"x"``: RDF 1.1's one literal, as kg wrote it."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def _first_line(data: bytes, content_type: str) -> str:
    """The first line of text of an answer (tags dropped from an HTML page), for a one-line message."""
    text = data[:4000].decode("utf-8", "replace")
    if "html" in content_type.lower() or text.lstrip().startswith("<"):
        text = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", " ", text)
        text = html.unescape(re.sub(r"<[^>]*>", "\n", text))
    for line in text.splitlines():
        if line.strip():
            return " ".join(line.split())[:300]
    return ""


class SparqlServerBackend(StoreBackend):
    """``http://`` and ``https://`` URLs: a SPARQL 1.1 server (it must be running; ``create`` changes nothing)."""

    name = "sparql-server"

    def accepts(self, location: str) -> bool:
        return location.startswith(("http://", "https://"))

    def open(self, location: str, *, create: bool = True) -> SparqlServerStore:
        store = SparqlServerStore(location)
        answer = store.query("ASK { ?s ?p ?o }")  # an unreachable server fails here, not in the middle of a build
        if answer.type != "ASK":
            raise StoreError(f"{store._shown(store.query_url)}: the SPARQL server did not answer an ASK query "
                             f"with yes or no (it sent a {answer.type} result)")
        return store
