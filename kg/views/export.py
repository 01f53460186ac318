"""Exports: graph files for Gephi and other tools, and RDF serialisations of the store.

Graph formats (from :func:`~kg.views.graph.graph_from_store`):
``gexf`` (Gephi; GEXF 1.2draft, since networkx's 1.3 header is malformed),
``graphml``, ``nodelink`` (JSON). RDF formats (the store itself): ``turtle``,
``trig`` (lossless, with named graphs), ``nquads``, ``jsonld``.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Union

import networkx as nx

from ..files import atomic_output
from ..datafiles import load_yaml

GRAPH_FORMATS = ("gexf", "graphml", "nodelink")
RDF_FORMATS = {"turtle": "turtle", "ttl": "turtle", "trig": "trig", "nquads": "nquads", "nq": "nquads",
               "jsonld": "json-ld", "json-ld": "json-ld"}
FORMATS = GRAPH_FORMATS + tuple(RDF_FORMATS)
EXTENSIONS = {"gexf": ".gexf", "graphml": ".graphml", "nodelink": ".json", "turtle": ".ttl", "trig": ".trig",
              "nquads": ".nq", "jsonld": ".jsonld"}


def _hex_to_rgb(color: str, alpha: float = 1.0) -> dict:
    c = color.lstrip("#")
    if len(c) == 3:
        c = "".join(ch * 2 for ch in c)
    return {"r": int(c[0:2], 16), "g": int(c[2:4], 16), "b": int(c[4:6], 16), "a": float(alpha)}


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


#: GEXF viz shapes for the HTML (vis-network) shapes; edges: solid when asserted.
_GEXF_NODE_SHAPES = {"dot": "disc", "square": "square", "triangle": "triangle", "diamond": "diamond"}
_GEXF_EDGE_SHAPES = {"asserted": "solid", "negated": "dotted"}


def scalar_graph(g: nx.MultiDiGraph, *, viz: bool = False) -> nx.MultiDiGraph:
    """A copy with only scalar attributes (see :func:`_scalar`), an extra
    ``sentences`` string on edges, and with ``viz=True`` the GEXF drawing
    attributes and time intervals: node colour, shape and size as in the HTML
    view, edge colour (faded when not asserted), thickness and line shape, and
    ``start``/``end`` from the first and last dates of the evidence."""
    from .graph import date_bounds
    from .html import edge_color, node_style

    style = load_yaml("style.yaml") or {}
    modality_style = style.get("modality", {})
    degree = dict(g.degree())
    h = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        attrs = {k: _scalar(v) for k, v in d.items()}
        if viz:
            st = node_style(style, d)
            size = 10 + 3 * math.sqrt(degree.get(n, 0) + (d.get("mentions") or 0))
            attrs["viz"] = {"color": _hex_to_rgb(st.get("color", "#9c9c9c")), "size": round(min(size, 60), 1),
                            "shape": _GEXF_NODE_SHAPES.get(st.get("shape", "dot"), "disc")}
            start, end = date_bounds(d.get("date") or "", d.get("date") or "")
            if start:
                attrs["start"], attrs["end"] = start, end
        h.add_node(n, **attrs)
    for s, o, k, d in g.edges(keys=True, data=True):
        attrs = {k2: _scalar(v) for k2, v in d.items()}
        attrs["sentences"] = " | ".join(ev.get("sentence", "") for ev in d.get("evidence") or [])
        if viz:
            modality = d.get("modality", "asserted")
            opacity = float(modality_style.get(modality, {}).get("opacity", 1.0 if modality == "asserted" else 0.6))
            attrs["viz"] = {"color": _hex_to_rgb(edge_color(style, d), opacity),
                            "thickness": 1 + min(6, int(d.get("weight") or 1)),
                            "shape": _GEXF_EDGE_SHAPES.get(modality, "dashed")}
            start, end = date_bounds(d.get("first_date") or "", d.get("last_date") or "")
            if start:
                attrs["start"], attrs["end"] = start, end
        h.add_edge(s, o, key=k, **attrs)
    return h


def export_graph(g: nx.MultiDiGraph, output: Union[str, Path], fmt: str) -> None:
    if fmt == "gexf":
        h = scalar_graph(g, viz=True)
        with atomic_output(output, "wb") as fh:
            nx.write_gexf(h, fh, version="1.2draft")
    elif fmt == "graphml":
        with atomic_output(output, "wb") as fh:
            nx.write_graphml(scalar_graph(g), fh)
    elif fmt == "nodelink":
        data = nx.node_link_data(g, edges="edges")
        with atomic_output(output) as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
    else:
        raise ValueError(f"unknown graph format {fmt!r}; choose one of {', '.join(GRAPH_FORMATS)}")


def export_rdf(store, output: Union[str, Path], fmt: str) -> None:
    rdf_format = RDF_FORMATS[fmt]
    if rdf_format in ("trig", "nquads", "json-ld"):
        data = store.rdf_dataset().serialize(format=rdf_format)
    else:
        data = store.union_graph().serialize(format=rdf_format)
    with atomic_output(output) as fh:
        fh.write(data)
