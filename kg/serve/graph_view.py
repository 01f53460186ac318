"""The explorer: the graph view of :mod:`kg.views.html`, fed by the server.

:func:`graph_data` turns a graph from :mod:`kg.serve.explore` into the
node and edge lists the view draws, styled as ``kg render`` styles them
(:func:`kg.views.html.to_vis`), with ids that stay the same from one request
to the next (an actor's IRI, a fact's IRI), so the page can add an actor's
neighbours to what it shows.
"""
from __future__ import annotations

import networkx as nx

from ..views.html import page_html, to_vis


def graph_data(g: nx.MultiDiGraph, actor: str = "") -> dict:
    """The nodes and edges of ``g`` as the view draws them (``actor``: the one they are about)."""
    nodes, edges = to_vis(g)
    for e, (_, _, d) in zip(edges, g.edges(data=True)):
        e["id"] = d["fact"]
        e.pop("evidence", None)
    for n in nodes:
        n.pop("evidence", None)
    return {"actor": actor, "nodes": nodes, "edges": edges}


#: Where the explorer asks the server (see kg.serve.app).
LIVE = {"search": "/api/search", "neighbours": "/api/neighbours", "evidence": "/api/evidence"}


def explorer_page() -> str:
    """The graph view with nothing drawn yet, asking the server for what to draw."""
    return page_html(nx.MultiDiGraph(), title="kg explorer",
                     subtitle="Search an actor; click a node to add its neighbours, an edge for its evidence.", live=LIVE)
