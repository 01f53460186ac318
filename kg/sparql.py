"""SPARQL: named queries from ``ontology/queries/*.rq``, and result formatting.

A query is a SPARQL string, a path to a ``.rq`` file, or the name of a file in
``ontology/queries`` (``kg query --list`` shows them). Parameters are bound
with ``initBindings`` as literals, never pasted into the query text.

>>> sorted(named_queries())[:2]
['actor', 'claims-by-modality']
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Optional

from rdflib import Literal, URIRef, Variable

from .ontology import ontology_dir


class QueryError(Exception):
    pass


def named_queries() -> dict[str, Path]:
    return {p.stem: p for p in sorted((ontology_dir() / "queries").glob("*.rq"))}


def describe(path: Path) -> str:
    """The first comment line of a query file."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            return line.lstrip("# ").strip()
    return ""


def resolve_query(text_or_name: str) -> str:
    queries = named_queries()
    if text_or_name in queries:
        return queries[text_or_name].read_text(encoding="utf-8")
    if text_or_name.endswith(".rq") or (len(text_or_name) < 255 and "\n" not in text_or_name and Path(text_or_name).is_file()):
        try:
            return Path(text_or_name).read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"{text_or_name}: cannot read query file: {exc.strerror}") from None
    if not any(k in text_or_name.upper() for k in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")):
        raise QueryError(f"{text_or_name!r} is neither SPARQL, a .rq file, nor a named query "
                         f"({', '.join(queries)})")
    return text_or_name


def bind_params(sparql: str, params: Optional[dict[str, str]]) -> str:
    """Bind variables to literals with a trailing VALUES clause. Values are
    serialised as escaped RDF literals, so they can never change the query.

    >>> bind_params("SELECT ?x WHERE { ?x ?p ?name }", {"name": 'a" } DROP ALL #'})
    'SELECT ?x WHERE { ?x ?p ?name }\nVALUES (?name) { ("a\\" } DROP ALL #") }'
    """
    if not params:
        return sparql
    names = []
    for k in params:
        if not k.isidentifier():
            raise QueryError(f"parameter name {k!r} is not a SPARQL variable name")
        names.append(Variable(k).n3())
    values = " ".join(Literal(v).n3() for v in params.values())
    return f"{sparql.rstrip()}\nVALUES ({' '.join(names)}) {{ ({values}) }}"


def run_query(store, text_or_name: str, params: Optional[dict[str, str]] = None):
    sparql = bind_params(resolve_query(text_or_name), params)
    try:
        return store.query(sparql)
    except Exception as exc:  # parser and engine errors come as many types
        raise QueryError(f"query failed: {exc}") from None


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, URIRef):
        return str(value)
    return str(value)


def result_rows(result) -> tuple[list[str], list[list[str]]]:
    if result.type == "ASK":
        return ["ask"], [[str(bool(result.askAnswer)).lower()]]
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return ["subject", "predicate", "object"], [[_cell(t) for t in triple] for triple in result.graph]
    header = [str(v) for v in result.vars]
    return header, [[_cell(row[i]) for i in range(len(header))] for row in result]


def format_result(result, fmt: str = "table", *, width: int = 60) -> str:
    header, rows = result_rows(result)
    if fmt == "json":
        return json.dumps([dict(zip(header, r)) for r in rows], ensure_ascii=False, indent=1)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(header)
        w.writerows(rows)
        return buf.getvalue()
    if fmt != "table":
        raise QueryError(f"unknown format {fmt!r}; choose table, csv or json")
    clipped = [[c if len(c) <= width else c[: width - 1] + "…" for c in r] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in clipped]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(widths[i]) for i, h in enumerate(header)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(widths[i]) for i, c in enumerate(r)) for r in clipped]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
