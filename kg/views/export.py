"""Exports: graph files for Gephi and other tools, and RDF serialisations of the store.

Graph formats (from :func:`~kg.views.graph.graph_from_store`):
``gexf`` (Gephi; GEXF 1.2draft, since networkx's 1.3 header is malformed),
``graphml``, ``nodelink`` (JSON). RDF formats (the store itself): ``turtle``,
``trig`` (lossless, with named graphs), ``nquads``, ``jsonld``.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Union

import networkx as nx

from ..files import atomic_output
from ..ontology import load_data

GRAPH_FORMATS = ("gexf", "graphml", "nodelink")
RDF_FORMATS = {"turtle": "turtle", "ttl": "turtle", "trig": "trig", "nquads": "nquads", "nq": "nquads",
               "jsonld": "json-ld", "json-ld": "json-ld"}
FORMATS = GRAPH_FORMATS + tuple(RDF_FORMATS)
EXTENSIONS = {"gexf": ".gexf", "graphml": ".graphml", "nodelink": ".json", "turtle": ".ttl", "trig": ".trig",
              "nquads": ".nq", "jsonld": ".jsonld"}


def _hex_to_rgb(color: str) -> dict:
    c = color.lstrip("#")
    return {"r": int(c[0:2], 16), "g": int(c[2:4], 16), "b": int(c[4:6], 16), "a": 1.0}


def scalar_graph(g: nx.MultiDiGraph, *, viz: bool = False) -> nx.MultiDiGraph:
    """A copy with only scalar attributes: lists and dicts become JSON strings
    (networkx writes list attributes to GEXF as dynamic values)."""
    style = load_data("style.yaml") or {}
    node_style, families = style.get("node_types", {}), style.get("families", {})
    h = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        attrs = {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v) for k, v in d.items()}
        if viz:
            attrs["viz"] = {"color": _hex_to_rgb(node_style.get(d.get("type", "Actor"), {}).get("color", "#9c9c9c"))}
        h.add_node(n, **attrs)
    for s, o, k, d in g.edges(keys=True, data=True):
        attrs = {k2: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v) for k2, v in d.items()}
        attrs["sentences"] = " | ".join(ev.get("sentence", "") for ev in d.get("evidence", []))
        if viz:
            attrs["viz"] = {"color": _hex_to_rgb(families.get(d.get("family", "other"), "#888888"))}
            if d.get("first_date"):
                attrs["start"] = d["first_date"]
            if d.get("last_date"):
                attrs["end"] = d["last_date"]
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
        data = store.dataset.serialize(format=rdf_format)
    else:
        data = store.union_graph().serialize(format=rdf_format)
    with atomic_output(output) as fh:
        fh.write(data)
