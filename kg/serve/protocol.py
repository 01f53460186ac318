"""The SPARQL 1.1 Protocol of ``/sparql``: a query out of a request, its
answer in the format the client asks for.

What it reads: a request as the protocol allows it, ``GET ?query=...``, a
``POST`` of a form (``query=...``) or of ``application/sparql-query``, with
the ``Accept`` header (or ``format`` parameters, which SPARQLWrapper sends
and a browser's address bar can). What it writes: the answer, or a one-line error with its
HTTP status:

- 400: no query, a query that does not parse, a parameter kg does not take
  (``default-graph-uri``, ``named-graph-uri``: the default graph is the
  union of the article graphs, as ``kg query`` reads it);
- 403: anything that would change the store or reach the network, however it
  comes: an ``update`` parameter, ``application/sparql-update``, update text
  sent as a query (``INSERT DATA``, ``DELETE``, ``LOAD``, ``DROP``, ...) or a
  query calling ``SERVICE`` (:func:`kg.sparql.check_sparql` decides by
  parsing the text, not by looking for words);
- 406: no format the client accepts for this kind of answer;
- 503: the query ran longer than the server's time limit and was stopped.

Formats (:data:`RESULT_FORMATS`, :data:`GRAPH_FORMATS`): SELECT and ASK as
SPARQL JSON (the default), XML, CSV or TSV (SELECT only); CONSTRUCT and
DESCRIBE as Turtle (the default), N-Triples, JSON-LD or RDF/XML. At most
``max_rows`` rows (or triples) are sent; a longer answer is cut there and
the response says so in its ``KG-Truncated`` header.

>>> negotiate("SELECT", "text/csv;q=0.5, application/sparql-results+xml").media_type
'application/sparql-results+xml'
>>> negotiate("CONSTRUCT", "*/*").media_type, negotiate("SELECT", "", ["tsv"]).media_type
('text/turtle', 'text/tab-separated-values')
>>> tsv_term(Literal('say "no"\\tnow', lang="en"))
'"say \\\\"no\\\\"\\\\tnow"@en'
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Iterable, Mapping, Optional
from urllib.parse import parse_qsl

from rdflib import BNode, Literal, URIRef
from rdflib.query import Result

__all__ = ["GRAPH_FORMATS", "RESULT_FORMATS", "Format", "ProtocolError", "negotiate", "query_from_request",
           "serialize", "tsv_term"]


class ProtocolError(Exception):
    """A request the endpoint answers with an error status and a one-line message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


@dataclass(frozen=True)
class Format:
    """One answer format: its media type, the names a ``format`` parameter
    may give it, and how rdflib writes it (None: :func:`serialize` does)."""

    media_type: str
    names: tuple[str, ...]
    rdflib: Optional[str]
    also: tuple[str, ...] = ()  # other media types that ask for it


#: Formats of SELECT and ASK answers, the default first.
RESULT_FORMATS = (
    Format("application/sparql-results+json", ("json", "srj"), "json", ("application/json", "text/javascript")),
    Format("application/sparql-results+xml", ("xml", "srx"), "xml", ("application/xml", "text/xml")),
    Format("text/csv", ("csv",), "csv"),
    Format("text/tab-separated-values", ("tsv",), None),
)
#: Formats of CONSTRUCT and DESCRIBE answers, the default first.
GRAPH_FORMATS = (
    Format("text/turtle", ("turtle", "ttl"), "turtle", ("application/x-turtle",)),
    Format("application/n-triples", ("ntriples", "nt", "n-triples"), "nt", ("text/plain",)),
    Format("application/ld+json", ("jsonld", "json-ld", "json"), "json-ld", ("application/json",)),
    Format("application/rdf+xml", ("rdfxml", "xml"), "xml", ("application/xml", "text/xml")),
)
#: Parameters of the protocol that kg does not take (see the module docstring).
_DATASET_PARAMETERS = ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri")


def query_from_request(method: str, params: Mapping[str, str], content_type: str, body: bytes) -> str:
    """The query text of a protocol request; :class:`ProtocolError` if there
    is none, or if the request is an update (403) or names graphs (400)."""
    content_type = content_type.split(";")[0].strip().lower()
    fields = dict(params)
    if method == "POST":
        if content_type == "application/sparql-update":
            raise ProtocolError(403, "this endpoint is read-only: SPARQL Update is refused")
        if content_type == "application/sparql-query":
            fields["query"] = _text(body)
        elif content_type in ("application/x-www-form-urlencoded", ""):
            fields.update(parse_qsl(_text(body), keep_blank_values=True))
        else:
            raise ProtocolError(400, f"a POST to /sparql carries application/sparql-query or a form, not {content_type!r}")
    elif method != "GET":
        raise ProtocolError(405, f"/sparql takes GET and POST, not {method}")
    if "update" in fields:
        raise ProtocolError(403, "this endpoint is read-only: SPARQL Update is refused")
    named = [p for p in _DATASET_PARAMETERS if fields.get(p)]
    if named:
        raise ProtocolError(400, f"{named[0]} is not taken: the default graph is the union of the article graphs; "
                                 "name graphs with GRAPH in the query")
    query = fields.get("query", "")
    if not query.strip():
        raise ProtocolError(400, "no query: send one as ?query=..., as a form field, or as application/sparql-query")
    return query


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(400, "the request body is not UTF-8 text") from None


def negotiate(kind: str, accept: str, names: Iterable[str] = ()) -> Format:
    """The format to answer a ``kind`` query (SELECT, ASK, CONSTRUCT,
    DESCRIBE) in: the first a ``format`` parameter names (by name or media
    type; SPARQLWrapper sends several, comma-separated), else the client's
    most preferred (``Accept``, with q-values), else the default."""
    formats = GRAPH_FORMATS if kind in ("CONSTRUCT", "DESCRIBE") else RESULT_FORMATS
    if kind == "ASK":
        formats = formats[:2]  # CSV and TSV are defined for SELECT only
    for name in (n.strip().lower() for value in names for n in value.split(",")):
        for f in formats:
            if name in f.names or name in (f.media_type, *f.also):
                return f
    ranked = _accepted(accept)
    if not ranked:
        return formats[0]
    best, best_q = None, 0.0
    for media, q in ranked:
        for f in formats:
            matches = media in (f.media_type, *f.also) or media == "*/*" or (
                media.endswith("/*") and f.media_type.startswith(media[:-1]))
            # the first format the client lists wins a tie; a wildcard gives the default
            if matches and q > best_q:
                best, best_q = f, q
                break
    if best is None:
        raise ProtocolError(406, f"none of the formats accepted ({accept}) is one of "
                                 f"{', '.join(f.media_type for f in formats)} for a {kind} query")
    return best


def _accepted(accept: str) -> list[tuple[str, float]]:
    """Media types of an ``Accept`` header with their q-values, most wanted
    first (the order given among equals)."""
    out = []
    for i, part in enumerate(accept.split(",")):
        media, *options = [p.strip() for p in part.split(";")]
        if not media:
            continue
        q = 1.0
        for o in options:
            if o.lower().startswith("q="):
                try:
                    q = float(o[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            out.append((media.lower(), q, i))
    return [(m, q) for m, q, _ in sorted(out, key=lambda x: (-x[1], x[2]))]


def serialize(result: Result, fmt: Format, max_rows: int) -> tuple[bytes, Optional[int]]:
    """The answer in ``fmt``, and how many rows (or triples) it was cut to
    (None if it was sent whole)."""
    cut = None
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        graph = result.graph
        if len(graph) > max_rows:
            from rdflib import Graph

            kept = Graph()
            for prefix, ns in graph.namespaces():
                kept.bind(prefix, ns)
            for i, triple in enumerate(graph):
                if i == max_rows:
                    break
                kept.add(triple)
            graph, cut = kept, max_rows
        return graph.serialize(format=fmt.rdflib, encoding="utf-8"), cut
    if result.type == "SELECT" and len(result.bindings) > max_rows:
        kept = Result("SELECT")
        kept.vars = result.vars
        kept.bindings = result.bindings[:max_rows]
        result, cut = kept, max_rows
    if fmt.rdflib is None:
        return _tsv(result).encode("utf-8"), cut
    buf = io.BytesIO()
    result.serialize(buf, format=fmt.rdflib, encoding="utf-8")
    return buf.getvalue(), cut


def _tsv(result: Result) -> str:
    """SPARQL 1.1 TSV: a header of variables, then one line per row of terms in Turtle syntax."""
    names = [str(v) for v in result.vars]
    lines = ["\t".join(f"?{n}" for n in names)]
    for row in result.bindings:
        lines.append("\t".join(tsv_term(row.get(v)) for v in result.vars))
    return "\n".join(lines) + "\n"


def tsv_term(term) -> str:
    """A term as the TSV format writes it (empty for unbound)."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        text = (str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                .replace("\r", "\\r").replace("\t", "\\t"))
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype is not None:
            return f'"{text}"^^<{term.datatype}>'
        return f'"{text}"'
    return str(term)
