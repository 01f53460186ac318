"""Graph formats: the store as a network of actors, for Gephi and other graph tools.

Each exporter here writes the networkx graph of
:func:`kg.views.graph.graph_from_store` (actors as nodes, one edge per
subject, relation, object and modality, with its evidence); :meth:`GraphExporter.write_graph`
writes any such graph, a view cut from it included (an ego network, a time window).

- ``gexf``: GEXF 1.2draft for Gephi (networkx's 1.3 header is malformed), with
  the drawing of the HTML page (:mod:`kg.views.style`) and ``start``/``end``
  dates for Gephi's timeline;
- ``graphml``: GraphML, attributes made scalar (see :func:`scalar_graph`);
- ``nodelink``: networkx's node-link JSON, attributes as they are.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_edge("a", "b", key="opposes/asserted", evidence=[{"sentence": "A opposes B."}])
'opposes/asserted'
>>> scalar_graph(g).edges["a", "b", "opposes/asserted"]
{'evidence': '[{"sentence": "A opposes B."}]', 'sentences': 'A opposes B.'}
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Union

import networkx as nx

from ..views.graph import date_bounds, graph_from_store
from ..views.style import Style, edge_width, node_size, rgba
from . import Exporter

#: GEXF viz shapes for the page's (vis-network) node shapes; edges are solid only when asserted.
_GEXF_NODE_SHAPES = {"dot": "disc", "square": "square", "triangle": "triangle", "diamond": "diamond"}
_GEXF_EDGE_SHAPES = {"asserted": "solid", "negated": "dotted"}


class GraphExporter(Exporter):
    """A format written from the store's networkx graph."""

    def write(self, store, output: Union[str, Path]) -> None:
        self.write_graph(graph_from_store(store), output)

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


def _scalar(value):
    """A value GEXF and GraphML can hold: lists, sets and dicts become JSON
    strings (networkx writes list attributes to GEXF as dynamic values), None
    becomes the empty string."""
    if value is None:
        return ""
    if isinstance(value, (set, frozenset, tuple)):
        value = sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=isinstance(value, dict))
    return value


def scalar_graph(g: nx.MultiDiGraph, *, viz: bool = False) -> nx.MultiDiGraph:
    """A copy with only scalar attributes (see :func:`_scalar`), an extra
    ``sentences`` string on edges, and with ``viz=True`` the GEXF drawing
    attributes and time intervals: node colour, shape and size as in the HTML
    view, edge colour (faded when not asserted), thickness and line shape, and
    ``start``/``end`` from the first and last dates of the evidence."""
    style = Style()
    degree = dict(g.degree())
    h = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        attrs = {k: _scalar(v) for k, v in d.items()}
        if viz:
            st = style.node(d)
            attrs["viz"] = {"color": dict(zip("rgba", rgba(st["color"]))),
                            "size": node_size(degree.get(n, 0), d.get("mentions")),
                            "shape": _GEXF_NODE_SHAPES.get(st["shape"], "disc")}
            start, end = date_bounds(d.get("date") or "", d.get("date") or "")
            if start:
                attrs["start"], attrs["end"] = start, end
        h.add_node(n, **attrs)
    for s, o, k, d in g.edges(keys=True, data=True):
        attrs = {k2: _scalar(v) for k2, v in d.items()}
        attrs["sentences"] = " | ".join(ev.get("sentence", "") for ev in d.get("evidence") or [])
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
