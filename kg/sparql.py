"""SPARQL: named queries from ``ontology/queries/*.rq``, their parameters, safety checks, and results.

A query is a SPARQL string, a path to a ``.rq`` file, or the name of a file in
``ontology/queries`` (``kg query --list`` shows them). Parameters are bound
with a ``VALUES`` clause of escaped terms, never pasted into the query text.

A query declares its parameters in comment lines starting with ``#+``, which
together are YAML (the decorator comments of grlc, a SPARQL-to-API tool)::

    #+ params:
    #+   name: {type: actor, required: true, binds: actor, about: "the actor (label, alias, IRI or id)"}

``type`` is ``text`` (bound as a literal, the default), ``actor`` (looked up
by :mod:`kg.lookup` and bound as the actor's IRI) or ``relation`` (a relation
of ``ontology/relations.yaml``, bound as its property IRI); ``binds`` names
the variable (default: the parameter's name). A parameter the query does not
declare, or a required one left out, is a :class:`QueryError` listing the
parameters the query takes. A query declaring nothing (``SPARQL`` typed on
the command line, a ``.rq`` file of one's own) takes any of its variables as
a text parameter.

Queries are read-only: before anything runs, the text is parsed with rdflib's
SPARQL grammar. SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD,
MOVE, COPY) is refused unless ``allow_update`` is given, and ``SERVICE``
(which makes the engine fetch a remote endpoint) unless ``allow_service`` is.
Parsing, not searching for words, decides: ``"DROP ALL"`` inside a literal or
an IRI is just data. A syntax error says where (line, column) and why.

The check and the engine read the same text: :func:`engine_text` first
writes out what the two parsers would read differently (SPARQL's ``\\u``
escapes, which the grammar expands before anything else and Oxigraph does
not; a lone carriage return, which ends a comment for Oxigraph and not for
rdflib), and that text is both checked and run. A query the check passed
runs through the engine's query entry point, whose grammar has no update
operations at all, so an update cannot run whatever its spelling.

Every triple kg writes is in an article's named graph; the store's default
graph is empty. :func:`run_query` therefore runs queries with the union of
all named graphs as their default graph (as Fuseki's ``unionDefaultGraph``),
so ``SELECT * WHERE { ?s ?p ?o }`` sees the whole graph; ``GRAPH ?g`` still
names the article graphs one by one.

>>> "opposes" in named_queries()
True
>>> named_query("actor").parameters["name"].describe()
'name=ACTOR (required): the actor: its label, an alias, its IRI or its id (e.g. Taliban, Daesh, isis-k)'
>>> check_sparql("SELECT ?s WHERE { ?s ?p 'DROP ALL' }")
('query', ['SELECT'])
>>> check_sparql("DROP ALL")
Traceback (most recent call last):
...
kg.sparql.QueryRefused: kg query is read-only and this is a SPARQL update (DROP); pass --allow-update to change the store
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Optional, Union

import yaml
from rdflib import Literal, URIRef, Variable
from rdflib.namespace import XSD

from .datafiles import data_files, load_yaml
from .errors import DataFileError, KgError, QueryError, QueryTimeout  # noqa: F401  (QueryTimeout: a kind of query error)
from .table import format_rows


class QuerySyntaxError(QueryError):
    """The text is not SPARQL; ``line`` and ``column`` count from 1."""

    def __init__(self, reason: str, line: int, column: int, context: str = ""):
        self.reason, self.line, self.column, self.context = reason, line, column, context
        message = f"SPARQL syntax error at line {line}, column {column}: {reason}"
        if context:
            message += "\n" + context
        super().__init__(message)


class QueryRefused(QueryError):
    """A query that would change the store or reach the network, without the flag that allows it.
    ``refused`` names what it would do ("a SPARQL update (DROP)", "a call of a remote endpoint
    (SERVICE)"), for a caller with no such flags to word the refusal its own way (kg serve)."""

    def __init__(self, message: str, refused: str):
        super().__init__(message)
        self.refused = refused


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


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def engine_text(sparql: str) -> str:
    r"""``sparql`` as both rdflib and Oxigraph read it alike: SPARQL's ``\uXXXX``
    and ``\UXXXXXXXX`` escapes replaced by their characters (SPARQL expands them
    before parsing; Oxigraph only inside strings and IRIs), and every line end
    (``\r\n``, ``\r``) as ``\n`` (a comment runs to the end of its line, and
    rdflib does not end a line at ``\r``). Line ends inside a long string
    literal become ``\n`` too, as when a query file is read as text.

    >>> engine_text("SELECT * WHERE { # c\r ?s ?p '\\u00e9' }")
    "SELECT * WHERE { # c\n ?s ?p 'é' }"
    >>> engine_text("SELECT * WHERE { ?s ?p '\\u005cu0041' }")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: the query's \u escapes spell further escapes (\u0041); write the characters themselves
    """
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes_re

    def character(m: re.Match) -> str:
        code = int(m.group(1) or m.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryError(f"{m.group(0)} in the query is not a character (write the character itself)")
        return chr(code)

    text = _ESCAPE.sub(character, sparql)
    left = expandUnicodeEscapes_re.search(text)
    if left:  # rdflib would expand these again, and read another query than the engine
        raise QueryError(f"the query's \\u escapes spell further escapes ({left.group(0)}); "
                         "write the characters themselves")
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
    """Parse ``sparql`` as the engine will read it (:func:`engine_text`); return
    ``("query", [form])`` or ``("update", [operations])``.

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
    from rdflib.plugins.sparql.parser import parseUpdate

    sparql = engine_text(sparql)
    try:
        tree = _parse_query(sparql)
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
        update = f"a SPARQL update ({', '.join(ops)})"
        raise QueryRefused(f"kg query is read-only and this is {update}; pass --allow-update to change the store",
                           update)
    if not allow_service and "ServiceGraphPattern" in _walk_names(tree):
        raise QueryRefused("the query calls a remote endpoint (SERVICE); pass --allow-service to let it",
                           "a call of a remote endpoint (SERVICE)")
    return kind, ops


@functools.lru_cache(maxsize=64)
def _parse_query(sparql: str):
    """rdflib's parse tree of a query (kept: a query is checked, then run, and parsing takes milliseconds)."""
    from rdflib.plugins.sparql.parser import parseQuery

    return parseQuery(sparql)


def reads_default_graph(sparql: str) -> bool:
    """Whether a query matches triples outside any ``GRAPH`` (reads the default graph).

    >>> reads_default_graph("SELECT * { ?s ?p ?o }"), reads_default_graph("SELECT * { GRAPH ?g { ?s ?p ?o } }")
    (True, False)
    """
    from pyparsing import ParseResults

    try:
        tree = _parse_query(sparql)
    except Exception:
        return True  # not a query kg can read: let the engine decide
    stack = [tree]
    while stack:
        n = stack.pop()
        name = getattr(n, "name", None)
        if name in ("TriplesBlock", "DescribeQuery"):
            return True
        if name == "GraphGraphPattern":
            continue
        if isinstance(n, dict):
            stack.extend(n.values())
        elif isinstance(n, (list, tuple, ParseResults)):
            stack.extend(n)
    return False


PARAMETER_TYPES = ("text", "actor", "relation")


@dataclass(frozen=True)
class Parameter:
    """A parameter a query takes: its name, what it means, whether it is
    required, its type (:data:`PARAMETER_TYPES`) and the variable it binds."""

    name: str
    about: str = ""
    required: bool = False
    type: str = "text"
    binds: str = ""

    @property
    def variable(self) -> str:
        return self.binds or self.name

    def describe(self) -> str:
        """How ``--param`` gives it, and what it means: ``name=ACTOR (required): the actor ...``."""
        usage = f"{self.name}={self.type.upper()} ({'required' if self.required else 'optional'})"
        return usage + (f": {self.about}" if self.about else "")


@dataclass(frozen=True)
class NamedQuery:
    """A query file: its name, description (the first comment line), parameters and text."""

    name: str
    path: Path
    description: str
    parameters: dict[str, Parameter]
    text: str


def named_queries() -> dict[str, Path]:
    """The named queries: file name without ``.rq`` to path (kg's, then ``$KG_ONTOLOGY``'s)."""
    return {p.stem: p for p in data_files("queries/*.rq").values()}


def named_query(name: str) -> NamedQuery:
    """The named query ``name`` with its declared parameters."""
    path = named_queries()[name]
    text = path.read_text(encoding="utf-8")
    return NamedQuery(name, path, _description(text), declared_parameters(text, str(path)) or {}, text)


def describe(path: Path) -> str:
    """The first comment line of a query file (``#+`` declarations aside)."""
    return _description(path.read_text(encoding="utf-8"))


def _description(text: str) -> str:
    for line in text.splitlines():
        if line.startswith("#") and not line.startswith("#+"):
            return line.lstrip("# ").strip()
    return ""


_DECLARATION = re.compile(r"^[ \t]*#\+ ?(.*)$", re.M)
_PARAMETER_KEYS = {"about", "required", "type", "binds"}


def declared_parameters(sparql: str, source: str = "the query") -> Optional[dict[str, Parameter]]:
    """The parameters a query declares in its ``#+ params:`` lines (see the
    module docstring); None when it has no ``#+`` lines. A malformed
    declaration is a :class:`~kg.errors.DataFileError` naming ``source``.

    >>> declared_parameters("#+ params:\\n#+   who: {type: actor, binds: a}\\nSELECT ?a {}")
    {'who': Parameter(name='who', about='', required=False, type='actor', binds='a')}
    >>> declared_parameters("SELECT * { ?s ?p ?o }") is None
    True
    """
    lines = _DECLARATION.findall(sparql)
    if not lines:
        return None
    try:
        data = yaml.safe_load("\n".join(lines)) or {}
    except yaml.YAMLError as exc:
        raise DataFileError(f"{source}: the #+ lines are not YAML: {exc}") from None
    params = data.get("params") if isinstance(data, dict) else None
    if not isinstance(data, dict) or not isinstance(params, (dict, type(None))):
        raise DataFileError(f"{source}: the #+ lines must hold 'params:', a mapping of parameter names")
    out = {}
    for name, spec in (params or {}).items():
        spec = spec if spec is not None else {}
        if not isinstance(spec, dict) or set(spec) - _PARAMETER_KEYS:
            raise DataFileError(f"{source}: parameter {name!r} takes the keys {', '.join(sorted(_PARAMETER_KEYS))}")
        p = Parameter(str(name), about=str(spec.get("about", "")), required=bool(spec.get("required", False)),
                      type=str(spec.get("type", "text")), binds=str(spec.get("binds", "")))
        if p.type not in PARAMETER_TYPES or not p.variable.isidentifier():
            raise DataFileError(f"{source}: parameter {name!r}: type is one of {', '.join(PARAMETER_TYPES)} "
                                "and binds names a variable")
        out[p.name] = p
    return out


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


def query_label(text_or_name: str) -> str:
    """How messages name a query: its name, its file, or "the query"."""
    if text_or_name in named_queries() or (text_or_name.endswith(".rq") and "\n" not in text_or_name):
        return text_or_name
    return "the query"


def check_params(sparql: str, params: Optional[Mapping[str, Any]], label: str = "the query") -> dict[str, Parameter]:
    """The declaration of each parameter in ``params`` (see :func:`declared_parameters`).

    :class:`QueryError` for a parameter the query does not take or a
    required one missing, listing those it takes. A query declaring nothing
    takes any variable it mentions, as text.

    >>> check_params("SELECT ?x WHERE { ?x ?p ?name }", {"nme": "b"})
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: the query has no variable ?nme to bind (its variables: name, p, x)
    """
    params = dict(params or {})
    declared = declared_parameters(sparql, label)
    if declared is None:
        names = _variables(sparql)
        for k in params:
            if not str(k).isidentifier():
                raise QueryError(f"parameter name {k!r} is not a SPARQL variable name")
            if k not in names:
                raise QueryError(f"{label} has no variable ?{k} to bind (its variables: {', '.join(sorted(names))})")
        return {k: Parameter(k) for k in params}
    takes = "; ".join(p.describe() for p in declared.values()) or "none"
    unknown = [k for k in params if k not in declared]
    if unknown:
        raise QueryError(f"{label}: unknown parameter{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; "
                         f"it takes: {takes}")
    missing = [p.name for p in declared.values() if p.required and p.name not in params]
    if missing:
        raise QueryError(f"{label}: missing parameter{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                         f"(--param {missing[0]}=...); it takes: {takes}")
    return {k: declared[k] for k in params}


def _variables(sparql: str) -> set[str]:
    """The variable names a query mentions, outside strings, IRIs and comments."""
    return set(re.findall(r"[?$]([A-Za-z_][\w]*)", _SKIP.sub(" ", sparql)))


def relation_iri(name: str) -> URIRef:
    """The property of a relation of ``ontology/relations.yaml``, named case-insensitively.

    >>> str(relation_iri("coordinateswith"))
    'https://w3id.org/kg/ontology#coordinatesWith'
    """
    from .rdf.namespace import KG

    relations = list(load_yaml("relations.yaml") or {})
    found = next((r for r in relations if r.casefold() == name.strip().casefold()), None)
    if found is None:
        raise QueryError(f"unknown relation {name!r}; the relations are {', '.join(relations)}")
    return KG[found]


def bind_query(store, sparql: str, params: Optional[Mapping[str, Any]], label: str = "the query") -> str:
    """``sparql`` with ``params`` checked (:func:`check_params`) and bound:
    actors through :func:`kg.lookup.find_actor` on ``store``, relations to
    their property, text as literals."""
    specs = check_params(sparql, params, label)
    if not specs:
        return sparql
    from .lookup import actor_names, find_actor

    names = actor_names(store) if any(p.type == "actor" for p in specs.values()) else None
    values: dict[str, Union[URIRef, Literal]] = {}
    for k, value in (params or {}).items():
        p = specs[k]
        if isinstance(value, (URIRef, Literal)):
            values[p.variable] = value
        elif p.type == "actor":
            values[p.variable] = URIRef(find_actor(store, str(value), names).iri)
        elif p.type == "relation":
            values[p.variable] = relation_iri(str(value))
        else:
            values[p.variable] = Literal(value)
    return bind_params(sparql, values)


def _is_file(path: str) -> bool:
    try:
        return Path(path).is_file()
    except (OSError, ValueError):  # names too long, NUL bytes
        return False


def bind_params(sparql: str, params: Optional[Mapping[str, Any]]) -> str:
    r"""Bind variables with a ``VALUES`` block: rdflib terms as they are,
    anything else as a literal. Values are serialised as escaped RDF terms,
    so they can never change the query.

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
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes_re

    terms = [(v if isinstance(v, (URIRef, Literal)) else Literal(v)).n3() for v in params.values()]
    for k, term in zip(params, terms):
        escape = expandUnicodeEscapes_re.search(term)
        if escape:  # SPARQL reads \uXXXX as the character it names, wherever it is
            raise QueryError(f"parameter {k}: the value holds {escape.group(0)!r}, which SPARQL reads as the "
                             "character it names; kg cannot bind it")
    values = " ".join(terms)
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


def run_query(store, text_or_name: str, params: Optional[Mapping[str, Any]] = None, *,
              allow_update: bool = False, allow_service: bool = False, timeout: Optional[float] = None,
              union_default_graph: bool = True):
    """Check and run SPARQL on ``store``; read-only unless ``allow_update``.

    ``params`` are checked against what the query declares and bound
    (:func:`bind_query`). The text checked is the text run (:func:`engine_text`).
    With ``union_default_graph`` (the default) the query's default graph is the
    union of every named graph; without it, the store's own default graph
    (empty: kg writes named graphs only). A query runs through
    :meth:`kg.store.Store.query_stoppable`: stopped at ``timeout`` seconds or by
    Ctrl-C, and fully computed before it is returned. An update returns an
    :class:`UpdateResult`.
    """
    return run_sparql(store, bind_query(store, resolve_query(text_or_name), params, query_label(text_or_name)),
                      allow_update=allow_update, allow_service=allow_service, timeout=timeout,
                      union_default_graph=union_default_graph)


def run_sparql(store, sparql: str, *, allow_update: bool = False, allow_service: bool = False,
               timeout: Optional[float] = None, union_default_graph: bool = True):
    """Check and run the SPARQL text ``sparql`` as it is (never a file or a
    query name: what ``kg serve`` runs for its clients), as :func:`run_query` does."""
    from .store import run_with_timeout

    if timeout is not None and not timeout > 0:
        raise QueryError(f"--timeout must be more than 0 seconds, not {timeout:g}")
    sparql = engine_text(sparql)
    kind, operations = check_sparql(sparql, allow_update=allow_update, allow_service=allow_service)
    try:
        if kind == "query":
            # Only a query that reads the default graph says which default graph it means: the
            # union, or an empty one (a SPARQL server's own default may be neither).
            dataset = {"union_default_graph": union_default_graph} if reads_default_graph(sparql) else {}
            if dataset and not _takes_union(store):
                if union_default_graph:
                    raise QueryError(f"the {type(store).__name__} store cannot run a query over the union of its "
                                     "graphs; name the article graphs with GRAPH ?g, or pass --empty-default-graph")
                dataset = {}
            return store.query_stoppable(sparql, timeout=timeout, **dataset)

        def update():
            before = _size(store)
            store.update(sparql)  # any store backend (kg.store.Store.update)
            return UpdateResult(operations, before, _size(store))

        return run_with_timeout(update, timeout, "update")
    except KgError:
        raise
    except Exception as exc:  # engine errors come as many types
        raise QueryError(f"{kind} failed: {exc}") from None


def _takes_union(store) -> bool:
    """Whether a store's ``query`` takes ``union_default_graph`` (kg's backends do; another package's may not)."""
    import inspect

    try:
        params = inspect.signature(store.query).parameters
    except (TypeError, ValueError):
        return True
    return "union_default_graph" in params or any(p.kind is p.VAR_KEYWORD for p in params.values())


_INTEGERS = {XSD[t] for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                              "negativeInteger", "nonPositiveInteger", "unsignedLong", "unsignedInt", "unsignedShort",
                              "unsignedByte")}
_REALS = {XSD.decimal, XSD.double, XSD.float}
_BOOLEAN = XSD.boolean


def term_value(term) -> Any:
    """A result term as a plain Python value: numbers (``xsd:integer``,
    ``xsd:decimal``, ...) as ``int`` or ``float``, ``xsd:boolean`` as ``bool``,
    anything else (IRIs, strings, dates) as its string; None for unbound.

    >>> term_value(Literal(17)), term_value(Literal("0.788", datatype=XSD.decimal)), term_value(Literal(True))
    (17, 0.788, True)
    >>> term_value(Literal("2021-09-02", datatype=XSD.date)), term_value(URIRef("urn:x"))
    ('2021-09-02', 'urn:x')
    """
    if term is None:
        return None
    if isinstance(term, Literal) and term.datatype is not None:
        text = str(term).strip()
        try:
            if term.datatype in _INTEGERS:
                return int(text)
            if term.datatype in _REALS:
                value = float(text)
                return value if math.isfinite(value) else text  # JSON has no NaN or infinity
        except ValueError:
            return str(term)  # an ill-typed literal stays as written
        if term.datatype == _BOOLEAN and text in ("true", "false", "1", "0"):
            return text in ("true", "1")
    return str(term)


def result_rows(result) -> tuple[list[str], list[list[Any]]]:
    """The header and rows of a query result, cells as :func:`term_value` gives them."""
    if result.type == "UPDATE":
        return ["update"], [[str(result)]]
    if result.type == "ASK":
        return ["ask"], [[bool(result.askAnswer)]]
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return ["subject", "predicate", "object"], [[term_value(t) for t in triple] for triple in result.graph]
    header = [str(v) for v in result.vars]
    return header, [[term_value(row[i]) for i in range(len(header))] for row in result]


def format_result(result, fmt: str = "table", *, width: int = 60) -> str:
    """A query result as text: ``table``, ``csv`` or ``json`` (see :mod:`kg.table`)."""
    header, rows = result_rows(result)
    return format_rows(header, rows, fmt, width=width)
