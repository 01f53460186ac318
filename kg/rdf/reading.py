"""Reading an RDF file the user names (``kg load``): nothing fetched, bad data named.

:func:`read_dataset` parses a file into an rdflib ``Dataset`` and reports,
in one line naming the file, what kg will not take:

- a JSON-LD document that would fetch a context (``"@context": "http://..."``,
  a context file named by a relative path, or ``@import``): kg never opens
  the network or another file on a document's say; inline the context, as
  ``kg export`` does;
- a literal whose text does not fit its datatype (``"x"^^xsd:integer``),
  which rdflib keeps with a logged traceback and SPARQL cannot compare;
- text rdflib cannot parse, with its reason.

:func:`ill_typed` finds such literals in a graph (``kg validate`` lists those
already in a store). rdflib logs a traceback for each one it meets; kg
reports them itself, so that log record is dropped (:class:`IllTypedFilter`).

>>> bad = Dataset().parse(data='<urn:g> { <urn:s> <urn:p> "x"^^<http://www.w3.org/2001/XMLSchema#integer> }',
...                       format="trig")
>>> [(str(s), str(o), short_datatype(o)) for s, p, o in ill_typed(bad)]
[('urn:s', 'x', 'xsd:integer')]
"""
from __future__ import annotations

import json
import logging
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional, Union

from rdflib import Dataset, Literal
from rdflib.namespace import XSD
from rdflib.util import guess_format

from ..errors import InputError


class IllTypedFilter(logging.Filter):
    """Drops rdflib's log record (with its traceback) for a literal that does not fit its datatype."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Failed to convert Literal lexical form")


logging.getLogger("rdflib.term").addFilter(IllTypedFilter())


@contextmanager
def quiet_literals() -> Iterator[None]:
    """rdflib's warnings about odd literals (``Parsing weird boolean``): kg reports them itself."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module=r"rdflib\.term")
        yield


def read_dataset(source: Union[str, Path], fmt: Optional[str] = None) -> Dataset:
    """The RDF in the file ``source`` (format: rdflib's name, else from the extension).
    :class:`~kg.errors.InputError` naming the file for a remote JSON-LD context,
    an ill-typed literal, or a parse error."""
    path = Path(source)
    fmt = fmt or guess_format(str(path)) or "turtle"
    ds = Dataset()
    try:
        with quiet_literals():
            if fmt == "json-ld":
                ds.parse(data=_local_json_ld(path), format=fmt, publicID=path.resolve().as_uri())
            else:
                ds.parse(str(path), format=fmt)
    except InputError:
        raise
    except Exception as exc:  # rdflib's parsers raise many types
        raise InputError(f"{source}: cannot read RDF: {' '.join(str(exc).split())}") from None
    for s, p, o in ill_typed(ds):
        raise InputError(f"{source}: the literal {str(o)!r} is not a valid {short_datatype(o)} "
                         f"(subject {s.n3()}, property {p.n3()}); nothing was loaded from this file")
    return ds


def ill_typed(graph) -> Iterator[tuple]:
    """(subject, predicate, literal) for every literal of ``graph`` (a ``Graph``, or
    every graph of a ``Dataset``) whose text does not fit its datatype."""
    triples = (q[:3] for q in graph.quads((None, None, None, None))) if isinstance(graph, Dataset) \
        else graph.triples((None, None, None))
    with quiet_literals():
        for s, p, o in triples:
            if isinstance(o, Literal) and o.ill_typed:
                yield s, p, o


def short_datatype(literal: Literal) -> str:
    datatype = str(literal.datatype or "")
    return "xsd:" + datatype[len(str(XSD)):] if datatype.startswith(str(XSD)) else f"<{datatype}>"


def _local_json_ld(path: Path) -> str:
    """The JSON-LD text of ``path``, refused if it names a context to fetch."""
    text = path.read_text(encoding="utf-8")
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise InputError(f"{path}: cannot read RDF: not JSON ({exc})") from None
    remote = _fetched_context(document)
    if remote is not None:
        raise InputError(f"{path}: the JSON-LD names a context to fetch ({remote!r}); kg does not fetch "
                         "contexts: put the context itself in the file, as kg export does")
    return text


def _fetched_context(node) -> Optional[str]:
    """The first context a JSON-LD processor would fetch: a string where a context
    goes (``@context``, in a list or alone), or an ``@import``."""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, dict):
            for key, value in n.items():
                if key == "@context":
                    for context in value if isinstance(value, list) else [value]:
                        if isinstance(context, str):
                            return context
                elif key == "@import" and isinstance(value, str):
                    return value
                stack.append(value)
        elif isinstance(n, list):
            stack.extend(n)
    return None
