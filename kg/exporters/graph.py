"""Graph formats: the store as a network of actors, for Gephi and other graph tools.

Each exporter here writes the networkx graph of a
:class:`kg.views.selection.Selection` (the whole store by default; the
selection ``kg render`` draws with ``kg export --actor/--depth/--from/--to/--query/--events``):
actors (and, with ``--events``, events) as nodes, one edge per subject,
relation, object and modality, with its evidence. :meth:`GraphExporter.write_graph`
writes any such graph.

- ``gexf``: GEXF 1.2draft for Gephi (networkx's 1.3 header is malformed),
  drawn as the HTML page is: positions from :func:`kg.views.layout.layout`
  (``viz:position``, y pointing up as Gephi's does), colours, shapes and sizes
  from :mod:`kg.views.style`, edge labels (the relation, and its modality
  unless asserted); ``start``/``end`` on edges and events from their dates,
  and on actors the spells when their dated edges hold (an actor with an
  undated edge is always there);
- ``graphml``: GraphML, attributes made scalar (see :func:`scalar_graph`);
- ``nodelink``: networkx's node-link JSON, attributes as they are.

An attribute a node or an edge does not have (no country, no PLOVER code) is
absent from its element, never an empty string.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_edge("a", "b", key="opposes/asserted", relation="opposes", plover="", evidence=[{"sentence": "A opposes B."}])
'opposes/asserted'
>>> scalar_graph(g).edges["a", "b", "opposes/asserted"]
{'relation': 'opposes', 'evidence': '[{"sentence": "A opposes B."}]', 'label': 'opposes', 'sentences': 'A opposes B.'}
"""
from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Union

import networkx as nx

from ..views.graph import date_bounds
from ..views.layout import layout
from ..views.selection import Selection
from ..views.style import Style, edge_label, edge_width, node_size, rgba
from . import Exporter

#: GEXF viz shapes for the page's (vis-network) node shapes; edges are solid only when asserted.
_GEXF_NODE_SHAPES = {"dot": "disc", "square": "square", "triangle": "triangle", "diamond": "diamond"}
_GEXF_EDGE_SHAPES = {"asserted": "solid", "negated": "dotted"}


class GraphExporter(Exporter):
    """A format written from the store's networkx graph, or a selection of it."""

    selects = True

    def write(self, store, output: Union[str, Path]) -> None:
        self.write_selection(store, Selection(), output)

    def write_selection(self, store, selection: Selection, output: Union[str, Path]) -> None:
        self.write_graph(selection.graph(store), output)

    def write_graph(self, g: nx.MultiDiGraph, output: Union[str, Path]) -> None:
        """Write the graph ``g`` (of :mod:`kg.views.graph`) to ``output``."""
        raise NotImplementedError


class GexfExporter(GraphExporter):
    names = ("gexf",)
    extensions = (".gexf",)

    def write_graph(self, g: nx.MultiDiGraph, output: Union[str, Path]) -> None:
        h = scalar_graph(g, viz=True)
        with self.open(output, "wb") as fh:
            nx.write_gexf(h, fh, version="1.2draft")


class GraphmlExporter(GraphExporter):
    names = ("graphml",)
    extensions = (".graphml",)

    def write_graph(self, g: nx.MultiDiGraph, output: Union[str, Path]) -> None:
        with self.open(output, "wb") as fh:
            nx.write_graphml(scalar_graph(g), fh)


class NodeLinkExporter(GraphExporter):
    names = ("nodelink",)
    extensions = (".json",)

    def write_graph(self, g: nx.MultiDiGraph, output: Union[str, Path]) -> None:
        data = nx.node_link_data(g, edges="edges")
        with self.open(output) as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)


def _absent(value) -> bool:
    """Nothing to say: None, an empty string, list, set or dict."""
    return value is None or (isinstance(value, (str, list, tuple, set, frozenset, dict)) and not value)


def _scalar(value):
    """A value GEXF and GraphML can hold: lists, sets and dicts become JSON
    strings (networkx writes list attributes to GEXF as dynamic values)."""
    if isinstance(value, (set, frozenset, tuple)):
        value = sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=isinstance(value, dict))
    return value


def _spells(intervals: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The days covered by the intervals (ISO dates), overlapping or adjacent ones merged.

    >>> _spells([("2021-09-01", "2021-09-02"), ("2021-08-01", "2021-08-31"), ("2021-09-10", "2021-09-10")])
    [('2021-08-01', '2021-09-02'), ('2021-09-10', '2021-09-10')]
    """
    out: list[list[str]] = []
    for start, end in sorted(intervals):
        if out and date.fromisoformat(start) <= date.fromisoformat(out[-1][1]) + timedelta(days=1):
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(a, b) for a, b in out]


def _edge_intervals(g: nx.MultiDiGraph) -> dict:
    """The dated spans of each node's edges; None for a node with an undated edge."""
    intervals: dict = {n: [] for n in g}
    for s, o, d in g.edges(data=True):
        span = date_bounds(d.get("first_date") or "", d.get("last_date") or "")
        for n in (s, o):
            if intervals[n] is not None:
                if span[0]:
                    intervals[n].append(span)
                else:
                    intervals[n] = None
    return intervals


def scalar_graph(g: nx.MultiDiGraph, *, viz: bool = False) -> nx.MultiDiGraph:
    """A copy with only scalar attributes (see :func:`_scalar`) and none that
    is empty, edges labelled (:func:`kg.views.style.edge_label`) with an extra
    ``sentences`` string; with ``viz=True`` the GEXF drawing and time: node
    position, colour, shape and size as in the HTML view, edge colour (faded
    when not asserted), thickness and line shape, ``start``/``end`` from the
    dates of edges and events, and an actor's ``spells`` from its edges'
    when every one of them is dated."""
    style = Style()
    degree = dict(g.degree())
    positions = layout(g) if viz else {}
    intervals = _edge_intervals(g) if viz else {}
    h = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        attrs = {k: _scalar(v) for k, v in d.items() if not _absent(v)}
        if viz:
            st = style.node(d)
            x, y = positions[n]
            attrs["viz"] = {"color": dict(zip("rgba", rgba(st["color"]))),
                            "size": node_size(degree.get(n, 0), d.get("mentions")),
                            "shape": _GEXF_NODE_SHAPES.get(st["shape"], "disc"),
                            "position": {"x": x, "y": -y, "z": 0.0}}
            start, end = date_bounds(d.get("date") or "", d.get("date") or "")
            if start:
                attrs["start"], attrs["end"] = start, end
            elif intervals[n]:
                attrs["spells"] = _spells(intervals[n])
        h.add_node(n, **attrs)
    for s, o, k, d in g.edges(keys=True, data=True):
        attrs = {k2: _scalar(v) for k2, v in d.items() if not _absent(v)}
        attrs["label"] = edge_label(d)
        sentences = " | ".join(ev.get("sentence", "") for ev in d.get("evidence") or [])
        if sentences:
            attrs["sentences"] = sentences
        if viz:
            modality = d.get("modality", "asserted")
            attrs["viz"] = {"color": dict(zip("rgba", rgba(style.edge_color(d), style.opacity(modality)))),
                            "thickness": edge_width(d.get("weight")),
                            "shape": _GEXF_EDGE_SHAPES.get(modality, "dashed")}
            start, end = date_bounds(d.get("first_date") or "", d.get("last_date") or "")
            if start:
                attrs["start"], attrs["end"] = start, end
        h.add_edge(s, o, key=k, **attrs)
    return h
