"""What a view shows: the one selection behind ``kg render``, ``kg export``
and :func:`kg.api.graph`, :func:`kg.api.render` and :func:`kg.api.export`.

A :class:`Selection` reads the store's graph (:func:`kg.views.graph.graph_from_store`,
with events as nodes or not) or a SPARQL result (:func:`kg.views.graph.graph_from_query`),
then keeps an actor's neighbourhood (:func:`kg.views.graph.ego_graph`) and
the relations dated in a window (:func:`kg.views.graph.time_window`), in
that order. Dates are ISO dates of day, month or year precision, checked when
the selection is made.

>>> Selection(actor="Taliban", depth=2, start="2021-08").describe()
'ego network of Taliban (depth 2), from 2021-08 to …'
>>> Selection(events=True).narrows, Selection(start="2021").narrows
(False, True)
>>> Selection(end="2021-02-30")
Traceback (most recent call last):
...
kg.errors.InputError: '2021-02-30' is not a date like 2021-09-02 (or 2021-09, 2021)
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from typing import Optional

import networkx as nx

from ..errors import InputError
from .graph import date_bounds, ego_graph, graph_from_query, graph_from_store, time_window

log = logging.getLogger("kg")

_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def check_date(value: str) -> str:
    """``value`` if it is an ISO date of day, month or year precision, else :class:`~kg.errors.InputError`."""
    try:
        if _ISO_DATE.fullmatch(value):
            date.fromisoformat(date_bounds(value, value)[0])
            return value
    except ValueError:
        pass
    raise InputError(f"{value!r} is not a date like 2021-09-02 (or 2021-09, 2021)")


@dataclass(frozen=True)
class Selection:
    """Which part of the store a view draws.

    ``actor`` (a label, alias, IRI or id) and ``depth``: the actors within
    that many hops of it, and their events. ``start``/``end``: only
    relations (and events) dated in the window. ``sparql``: a query (text,
    ``.rq`` file or named query) whose result is the graph instead of the
    store's. ``events``: events as nodes, linked to their actors by role."""

    actor: Optional[str] = None
    depth: int = 1
    start: Optional[str] = None
    end: Optional[str] = None
    sparql: Optional[str] = None
    events: bool = False

    def __post_init__(self):
        for value in (self.start, self.end):
            if value:
                check_date(value)

    @property
    def narrows(self) -> bool:
        """Whether it leaves anything of the store out (events as nodes only add)."""
        return bool(self.actor or self.start or self.end or self.sparql)

    def graph(self, store) -> nx.MultiDiGraph:
        """The selected graph of ``store``: a :class:`~kg.errors.NotFoundError` (from
        :mod:`kg.lookup`) if ``actor`` names no actor or several; a warning of the
        ``kg`` logger (standard error on the command line) if nothing is left."""
        g = graph_from_query(store, self.sparql) if self.sparql else graph_from_store(store, events=self.events)
        if self.actor:
            g = ego_graph(g, self.actor, self.depth)
        if self.start or self.end:
            g = time_window(g, self.start, self.end)
        if not g.number_of_nodes():
            log.warning("the graph is empty (%s)", self.describe())
        return g

    def describe(self) -> str:
        """What it shows, in words (the page's subtitle)."""
        parts = [f"ego network of {self.actor} (depth {self.depth})" if self.actor else
                 "query result" if self.sparql else "whole graph"]
        if self.start or self.end:
            parts.append(f"from {self.start or '…'} to {self.end or '…'}")
        return ", ".join(parts)
