"""SPARQL: named queries from ``ontology/queries/*.rq``, safety checks, and result formatting.

A query is a SPARQL string, a path to a ``.rq`` file, or the name of a file in
``ontology/queries`` (``kg query --list`` shows them). Parameters are bound
with a ``VALUES`` clause of escaped literals, never pasted into the query text.

Queries are read-only: before anything runs, the text is parsed with rdflib's
SPARQL grammar. SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD,
MOVE, COPY) is refused unless ``allow_update`` is given, and ``SERVICE``
(which makes the engine fetch a remote endpoint) unless ``allow_service`` is.
Parsing, not searching for words, decides: ``"DROP ALL"`` inside a literal or
an IRI is just data. A syntax error says where (line, column) and why.

>>> "opposes" in named_queries()
True
>>> check_sparql("SELECT ?s WHERE { ?s ?p 'DROP ALL' }")
('query', ['SELECT'])
>>> check_sparql("DROP ALL")
Traceback (most recent call last):
...
kg.sparql.QueryRefused: kg query is read-only and this is a SPARQL update (DROP); pass --allow-update to change the store
"""
from __future__ import annotations

import csv
import io
import json
import re
import threading
from pathlib import Path
from typing import Callable, Optional

from rdflib import Literal, URIRef, Variable

from .datafiles import data_files
from .errors import QueryError


class QuerySyntaxError(QueryError):
    """The text is not SPARQL; ``line`` and ``column`` count from 1."""

    def __init__(self, reason: str, line: int, column: int, context: str = ""):
        self.reason, self.line, self.column, self.context = reason, line, column, context
        message = f"SPARQL syntax error at line {line}, column {column}: {reason}"
        if context:
            message += "\n" + context
        super().__init__(message)


class QueryRefused(QueryError):
    """A query that would change the store or reach the network, without the flag that allows it."""


class QueryTimeout(QueryError):
    """A query that ran longer than its time limit."""


#: rdflib's names for the operations of SPARQL Update, and how a user writes them.
UPDATE_OPERATIONS = {
    "Load": "LOAD", "Clear": "CLEAR", "Drop": "DROP", "Create": "CREATE", "Add": "ADD", "Move": "MOVE",
    "Copy": "COPY", "InsertData": "INSERT DATA", "DeleteData": "DELETE DATA", "DeleteWhere": "DELETE WHERE",
    "Modify": "DELETE/INSERT",
}
QUERY_FORMS = {"SelectQuery": "SELECT", "ConstructQuery": "CONSTRUCT", "AskQuery": "ASK", "DescribeQuery": "DESCRIBE"}


def _syntax_error(exc, sparql: str) -> QuerySyntaxError:
    line = getattr(exc, "lineno", 1) or 1
    column = getattr(exc, "col", 1) or 1
    reason = getattr(exc, "msg", None) or str(exc)
    found = getattr(exc, "found", None)  # pyparsing >= 3.1
    loc = getattr(exc, "loc", None)
    if found is None and loc is not None and loc < len(sparql):
        found = sparql[loc:].split(None, 1)[0][:30] if sparql[loc:].strip() else None
    if found:
        reason += f", found {found!r}" if not str(found).startswith("'") else f", found {found}"
    elif loc is not None and loc >= len(sparql.rstrip()):
        reason += ", found the end of the query"
    lines = sparql.splitlines() or [""]
    text_line = lines[line - 1] if 0 < line <= len(lines) else ""
    context = ""
    if text_line.strip() and len(text_line) <= 200:
        context = f"  {text_line}\n  {' ' * (column - 1)}^"
    return QuerySyntaxError(reason, line, column, context)


def _walk_names(node) -> set[str]:
    """Names of every rdflib ``CompValue`` in a parse tree."""
    from pyparsing import ParseResults

    names: set[str] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        name = getattr(n, "name", None)
        if isinstance(name, str):
            names.add(name)
        if isinstance(n, dict):
            stack.extend(n.values())
        elif isinstance(n, (list, tuple, ParseResults)):
            stack.extend(n)
    return names


def check_sparql(sparql: str, *, allow_update: bool = False, allow_service: bool = False) -> tuple[str, list[str]]:
    """Parse ``sparql``; return ``("query", [form])`` or ``("update", [operations])``.

    Raises :class:`QuerySyntaxError` (with line and column) if it is neither
    a query nor an update, :class:`QueryRefused` for an update without
    ``allow_update`` or a ``SERVICE`` call without ``allow_service``.

    >>> check_sparql("INSERT DATA { <urn:a> <urn:b> <urn:c> }", allow_update=True)
    ('update', ['INSERT DATA'])
    >>> try:
    ...     check_sparql("SELECT ?x WHERE {\\n  ?x ?p")
    ... except QuerySyntaxError as e:
    ...     (e.line, e.column)
    (2, 3)
    """
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        tree = parseQuery(sparql)
        kind = "query"
        ops = [QUERY_FORMS.get(getattr(part, "name", ""), "") for part in tree[1:]] if len(tree) > 1 else []
        ops = [o for o in ops if o] or ["SELECT"]
    except ParseBaseException as query_exc:
        try:
            tree = parseUpdate(sparql)
        except ParseBaseException as update_exc:
            # pyparsing reports a failed list of update operations at its start;
            # one operation alone says where inside it things went wrong.
            candidates = [query_exc, update_exc]
            try:
                from rdflib.plugins.sparql.parser import Prologue, Update1

                (Prologue + Update1).parse_string(sparql, parse_all=True)
            except ParseBaseException as one_exc:
                candidates.append(one_exc)
            except Exception:
                pass
            # Report the reading that got furthest into the text (the query's on a tie).
            best = max(candidates, key=lambda e: e.loc or 0)
            raise _syntax_error(best, sparql) from None
        except Exception as exc:  # rdflib raises a few other types on odd input
            raise QueryError(f"cannot parse the query: {exc}") from None
        kind = "update"
        ops = list(dict.fromkeys(UPDATE_OPERATIONS.get(getattr(r, "name", ""), "UPDATE")
                                 for r in tree.get("request", []) or []))
        if not ops:  # an update with only a prologue: harmless, but not a query either
            ops = ["UPDATE"]
    except Exception as exc:
        raise QueryError(f"cannot parse the query: {exc}") from None
    if kind == "update" and not allow_update:
        raise QueryRefused(f"kg query is read-only and this is a SPARQL update ({', '.join(ops)}); "
                           "pass --allow-update to change the store")
    if not allow_service and "ServiceGraphPattern" in _walk_names(tree):
        raise QueryRefused("the query calls a remote endpoint (SERVICE); pass --allow-service to let it")
    return kind, ops


def run_with_timeout(fn: Callable, timeout: Optional[float], what: str = "query"):
    """``fn()`` in a worker thread; :class:`QueryTimeout` if it takes longer than ``timeout`` seconds.

    The SPARQL engine cannot be interrupted, so a timed-out worker is left
    to finish on its own (a daemon thread: it never keeps the process alive).
    """
    if timeout is None:
        return fn()
    if timeout <= 0:
        raise QueryError(f"--timeout must be more than 0 seconds, not {timeout:g}")
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
        raise QueryTimeout(f"the {what} ran longer than {timeout:g} s and was stopped; "
                           "narrow it (LIMIT, more specific patterns) or raise --timeout")
    if "error" in box:
        raise box["error"]
    return box.get("value")


def named_queries() -> dict[str, Path]:
    return {p.stem: p for p in data_files("queries/*.rq").values()}


def describe(path: Path) -> str:
    """The first comment line of a query file."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            return line.lstrip("# ").strip()
    return ""


def resolve_query(text_or_name: str) -> str:
    """The SPARQL text of a named query, a ``.rq`` file, or the text itself."""
    queries = named_queries()
    if text_or_name in queries:
        return queries[text_or_name].read_text(encoding="utf-8")
    looks_like_path = len(text_or_name) < 255 and "\n" not in text_or_name
    if text_or_name.endswith(".rq") or (looks_like_path and _is_file(text_or_name)):
        try:
            return Path(text_or_name).read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"{text_or_name}: cannot read query file: {exc.strerror}") from None
        except UnicodeDecodeError:
            raise QueryError(f"{text_or_name}: the query file is not UTF-8 text") from None
    if not text_or_name.strip() or (len(text_or_name.split()) == 1 and not any(c in text_or_name for c in "{}?")):
        # One bare word: a mistyped query name, not SPARQL.
        raise QueryError(f"{text_or_name!r} is neither SPARQL, a .rq file, nor a named query "
                         f"({', '.join(queries)})")
    return text_or_name


def _is_file(path: str) -> bool:
    try:
        return Path(path).is_file()
    except (OSError, ValueError):  # names too long, NUL bytes
        return False


def bind_params(sparql: str, params: Optional[dict[str, str]]) -> str:
    r"""Bind variables to literals with a ``VALUES`` block. Values are
    serialised as escaped RDF literals, so they can never change the query.

    The block opens the query's ``WHERE`` group, which means the same as a
    trailing ``VALUES`` clause (both join before grouping and projection) but
    lets Oxigraph start from the bound values instead of joining them last
    (``supporting-articles`` for one fact on a million triples: 1.0 s
    trailing, 0.15 s leading). A query without a ``WHERE`` keyword, or in
    the short ``CONSTRUCT WHERE`` form, gets the trailing clause.

    >>> bind_params("SELECT ?x WHERE { ?x ?p ?name }", {"name": 'a" } DROP ALL #'})
    'SELECT ?x WHERE { VALUES (?name) { ("a\\" } DROP ALL #") } ?x ?p ?name }'
    >>> bind_params("SELECT * { ?x ?p ?name }", {"name": "b"})
    'SELECT * { ?x ?p ?name }\nVALUES (?name) { ("b") }'
    >>> bind_params("CONSTRUCT WHERE { ?x ?p ?name }", {"name": "b"})
    'CONSTRUCT WHERE { ?x ?p ?name }\nVALUES (?name) { ("b") }'
    """
    if not params:
        return sparql
    names = []
    for k in params:
        if not k.isidentifier():
            raise QueryError(f"parameter name {k!r} is not a SPARQL variable name")
        names.append(Variable(k).n3())
    values = " ".join(Literal(v).n3() for v in params.values())
    block = f"VALUES ({' '.join(names)}) {{ ({values}) }}"
    at = _where_group_start(sparql)
    if at is None or _CONSTRUCT_WHERE.search(sparql[:at]):
        return f"{sparql.rstrip()}\n{block}"
    return f"{sparql[:at]} {block}{sparql[at:]}"


_SKIP = re.compile(r"""
    "{3}[\s\S]*?"{3} | '{3}[\s\S]*?'{3}          # long strings
  | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*'  # strings
  | <[^<>"{}|^`\\\s]*>                          # IRIs (no spaces; a less-than sign is followed by one)
  | \#[^\n]*                                   # comments
""", re.X)
_WHERE = re.compile(r"\bWHERE\s*\{", re.I)
_CONSTRUCT_WHERE = re.compile(r"\bCONSTRUCT\s+WHERE\s*\{\Z", re.I)


def _where_group_start(sparql: str) -> Optional[int]:
    """The offset just after the ``{`` opening the first ``WHERE`` group,
    outside strings, IRIs and comments; None if there is none."""
    pos = 0
    while pos < len(sparql):
        where = _WHERE.search(sparql, pos)
        skip = _SKIP.search(sparql, pos)
        if where is None:
            return None
        if skip is None or where.start() < skip.start():
            return where.end()
        pos = skip.end()
    return None


class UpdateResult:
    """What ``--allow-update`` ran: the operations, and the store size before and after."""

    type = "UPDATE"

    def __init__(self, operations: list[str], before: Optional[int], after: Optional[int]):
        self.operations, self.before, self.after = operations, before, after

    def __str__(self) -> str:
        done = f"update done ({', '.join(self.operations)})"
        if self.before is not None and self.after is not None:
            done += f": {self.before} triples before, {self.after} after"
        return done


def _size(store) -> Optional[int]:
    try:
        return len(store)
    except Exception:
        return None


def run_query(store, text_or_name: str, params: Optional[dict[str, str]] = None, *,
              allow_update: bool = False, allow_service: bool = False, timeout: Optional[float] = None):
    """Check and run SPARQL on ``store``; read-only unless ``allow_update``.

    The result is fully computed (inside the ``timeout``, in seconds) before
    it is returned. An update returns an :class:`UpdateResult`.
    """
    return run_sparql(store, bind_params(resolve_query(text_or_name), params), allow_update=allow_update,
                      allow_service=allow_service, timeout=timeout)


def run_sparql(store, sparql: str, *, allow_update: bool = False, allow_service: bool = False,
               timeout: Optional[float] = None):
    """Check and run the SPARQL text ``sparql`` as it is (never a file or a
    query name: what ``kg serve`` runs for its clients), as :func:`run_query` does."""
    kind, operations = check_sparql(sparql, allow_update=allow_update, allow_service=allow_service)

    if kind == "update":
        def work():
            before = _size(store)
            store.update(sparql)  # any store backend (kg.store.Store.update)
            store.rebuild_summary()  # the update may have changed what the summary copies
            return UpdateResult(operations, before, _size(store))
    else:
        def work():
            result = store.query(sparql)
            if result.type == "SELECT":
                result.bindings  # noqa: B018  (computes every row now, inside the time limit)
            return result

    try:
        return run_with_timeout(work, timeout, "update" if kind == "update" else "query")
    except QueryError:
        raise
    except Exception as exc:  # engine errors come as many types
        raise QueryError(f"{'update' if kind == 'update' else 'query'} failed: {exc}") from None


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, URIRef):
        return str(value)
    return str(value)


def result_rows(result) -> tuple[list[str], list[list[str]]]:
    if result.type == "UPDATE":
        return ["update"], [[str(result)]]
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
