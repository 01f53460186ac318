"""The named queries as pages: their list, and one query's answer for the parameters given.

Reads the query files (:func:`kg.sparql.named_query`: the description and
the parameters each declares) and runs them on the store as ``kg query NAME
--param ...`` does (:func:`kg.sparql.run_query`: parameters checked against
the declaration, actors found by :mod:`kg.lookup`, values bound, never pasted
in), inside the server's time limit and row limit. Writes nothing: an :class:`Answer` the page or the JSON shows.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..errors import NotFoundError, QueryError
from ..sparql import NamedQuery, QueryTimeout, named_queries, named_query, result_rows, run_query


@dataclass
class Answer:
    """A named query's answer, or why there is none (``error``, with an HTTP ``status``)."""

    name: str
    description: str
    parameters: list[dict]
    header: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    truncated: bool = False
    error: str = ""
    status: int = 200


def parameters(query: NamedQuery) -> list[dict]:
    """The parameters a named query declares (``#+ params:``): name, what it means, whether required, type."""
    return [{"name": p.name, "about": p.about, "required": p.required, "type": p.type}
            for p in query.parameters.values()]


def named_query_list() -> list[dict]:
    queries = [named_query(name) for name in sorted(named_queries())]
    return [{"name": q.name, "description": q.description, "parameters": parameters(q)} for q in queries]


def run_named(store, name: str, params: dict[str, str], *, timeout: Optional[float], max_rows: int) -> Answer:
    if name not in named_queries():
        raise NotFoundError(f"no named query {name!r}; see /queries")
    query = named_query(name)
    answer = Answer(name, query.description, parameters(query))
    try:
        header, rows = result_rows(run_query(store, name, params or None, timeout=timeout))
    except QueryTimeout as exc:
        answer.error, answer.status = str(exc), 503
        return answer
    except (QueryError, NotFoundError) as exc:  # a parameter the query does not take, an actor no article names
        answer.error, answer.status = str(exc), 400
        return answer
    answer.header, answer.rows, answer.truncated = header, rows[:max_rows], len(rows) > max_rows
    return answer
