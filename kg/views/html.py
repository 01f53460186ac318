"""Interactive HTML graph in one self-contained file.

pyvis builds the node and edge lists; the page comes from kg's own template
(``templates/graph.html``), which inlines vis-network's script and style from
the installed pyvis package, so the file opens from disk with no network.
Article text reaches the page only as JSON inside a ``<script
type="application/json">`` block (with ``<`` escaped) and is put on screen with
``textContent``: a name such as ``<img src=x onerror=alert(1)>`` shows as text;
tooltips are plain strings, which vis-network 9 shows as text. The page's
Content-Security-Policy (``default-src 'none'``) forbids any request as well.

Styles come from ``ontology/style.yaml`` through :mod:`kg.views.style` (as the
GEXF file's do): node colour and shape by actor type, edge colour by relation
family (kept when an edge is selected), dashes and opacity by modality, edge
labels naming the modality of what is not asserted. Positions come from
:func:`kg.views.layout.layout`, the GEXF file's layout: each connected
component apart, nodes without edges in a block of their own; the page adds no
physics, so it shows exactly that drawing. Edges between the same two nodes
curve apart. Above :data:`LARGE` nodes, edges are faded rather than dashed and
unlabelled except for the selection (dashes and 20,000 labels cost the browser
seconds per frame).

The page itself (``templates/graph.html``) reads its data in one function
(``loadGraph``), fits the view to what the filters leave, hides nodes without
a relation (by default above :data:`HIDE_ISOLATED` nodes), sizes labels to be
read at the first zoom, finds actors by name or alias, and shows the evidence
of a clicked node or edge in a panel beside the graph.

:func:`render_html` returns an :class:`HtmlPage` path that a notebook shows
inline; :func:`notebook_view` does the same without writing a file.
"""
from __future__ import annotations

import html as html_lib
import json
from importlib import resources
from pathlib import Path
from typing import Optional, Union

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network

from ..files import atomic_output
from .style import Style, edge_label, edge_width, node_size, rgba

LARGE = 1000  # above this many nodes edges are faded, not dashed, and unlabelled
HIDE_ISOLATED = 50  # above this many nodes the page starts with the nodes without a relation hidden
CURVE = 0.25  # how far apart the edges between two nodes curve (vis-network's roundness)


def _vis_assets() -> tuple[str, str]:
    base = resources.files("pyvis") / "lib" / "vis-9.1.2"
    return (base / "vis-network.min.js").read_text(encoding="utf-8"), (base / "vis-network.css").read_text(encoding="utf-8")


def _evidence(g: nx.MultiDiGraph, items: list) -> list:
    """Evidence for the page: the speaker of a reported claim by name."""
    out = []
    for ev in items or []:
        ev = dict(ev)
        who = ev.get("attributed_to")
        if who:
            ev["attributed_to"] = str(g.nodes[who].get("label", who)) if who in g else who.rsplit("/", 1)[-1]
        out.append(ev)
    return out


def _page_data(nodes: list[dict], edges: list[dict]) -> dict:
    """The node and edge lists made compact for the page: integer ids (the IRI
    kept as ``iri``), no empty fields, article title and date once in an
    ``articles`` table referenced by index. Tooltips are built by the page."""
    ids = {n["id"]: i for i, n in enumerate(nodes)}
    articles: dict[tuple, int] = {}
    table: list[dict] = []

    def compact(item: dict) -> dict:
        return {k: v for k, v in item.items() if v is not None and v != "" and v != []}

    def evidence(items: list) -> list:
        out = []
        for ev in items:
            key = (ev.get("article", ""), ev.get("title", ""))
            if key not in articles:
                articles[key] = len(table)
                table.append(compact({"iri": key[0], "title": key[1], "date": ev.get("date", "")}))
            a = articles[key]
            ev = {k: v for k, v in ev.items() if k not in ("article", "title")}
            if ev.get("date", "") == table[a].get("date", ""):
                ev.pop("date", None)
            ev["a"] = a
            out.append(compact(ev))
        return out

    out_nodes, out_edges = [], []
    for n in nodes:
        n = compact(n)
        n["iri"], n["id"] = n["id"], ids[n["id"]]
        if "evidence" in n:
            n["evidence"] = evidence(n["evidence"])
        out_nodes.append(n)
    for e in edges:
        e = compact(e)
        e.pop("arrows", None)
        e["from"], e["to"] = ids[e["from"]], ids[e["to"]]
        if "evidence" in e:
            e["evidence"] = evidence(e["evidence"])
        out_edges.append(e)
    return {"nodes": out_nodes, "edges": out_edges, "articles": table}


class _Ids(list):
    """pyvis keeps node ids in a list and tests membership on every add_node
    and add_edge (quadratic for large graphs); this list answers from a set."""

    def __init__(self):
        super().__init__()
        self._set = set()

    def append(self, item):
        self._set.add(item)
        super().append(item)

    def __contains__(self, item):
        return item in self._set


def _is_large(g: nx.MultiDiGraph, large: Optional[int]) -> bool:
    return g.number_of_nodes() > (LARGE if large is None else large)


def to_vis(g: nx.MultiDiGraph, *, large: Optional[int] = None) -> tuple[list[dict], list[dict]]:
    """Node and edge dicts for vis-network, built with pyvis, every node
    positioned by :func:`kg.views.layout.layout`. Above ``large`` nodes
    (default :data:`LARGE`) edges are faded rather than dashed, and unlabelled."""
    from .graph import date_bounds
    from .layout import layout

    style = Style()
    net = Network(directed=True)
    net.node_ids = _Ids()
    big = _is_large(g, large)
    positions = layout(g)
    degree = dict(g.degree())
    for node, d in g.nodes(data=True):
        st = style.node(d)
        extra = {}
        if d.get("kind") == "event" and d.get("modality", "asserted") != "asserted":
            extra["opacity"] = style.opacity(d["modality"])  # an event the text does not assert: faded, dashed border
            extra["shapeProperties"] = {"borderDashes": [3, 3]}
        x, y = positions[node]
        net.add_node(node, label=str(d.get("label", node)), color=st["color"], shape=st["shape"],
                     size=node_size(degree.get(node, 0), d.get("mentions"), compact=big), x=x, y=y, **extra,
                     kgType=d.get("type", "Actor"), eventType=d.get("event_type", ""), country=d.get("country", ""),
                     sector=d.get("sector", ""), mentions=d.get("mentions", 0), degree=degree.get(node, 0),
                     kind=d.get("kind", "actor"), date=d.get("date", ""), modality=d.get("modality", ""),
                     aliases=[a for a in d.get("aliases") or [] if a != d.get("label")],
                     start=date_bounds(d.get("date", ""), d.get("date", ""))[0],
                     end=date_bounds(d.get("date", ""), d.get("date", ""))[1],
                     evidence=_evidence(g, d.get("evidence", [])))
    curves = {} if big else _curves(g)
    for i, (s, o, k, d) in enumerate(g.edges(keys=True, data=True)):
        modality = d.get("modality", "asserted")
        opacity, dashes = style.opacity(modality), style.dashes(modality)
        if big:
            # Dashed lines cost the browser more than everything else together
            # (0.4 s a frame at 20,000 edges): large graphs fade instead.
            color, dashes = "rgba({},{},{},{:g})".format(*rgba(style.edge_color(d), opacity)), False
        else:
            # The relation's colour when selected or hovered too (vis-network's default turns them grey).
            c = style.edge_color(d)
            color = {"color": c, "highlight": c, "hover": c, "opacity": opacity}
        start, end = date_bounds(d.get("first_date", ""), d.get("last_date", ""))
        # Large graphs: no edge labels (they cannot be read zoomed out and cost
        # the first drawing dearly); the page labels the edges of a selection.
        extra = {} if big else {"label": edge_label(d)}
        if i in curves:
            extra["smooth"] = curves[i]
        net.add_edge(s, o, id=f"e{i}", **extra,
                     color=color, dashes=dashes,
                     width=edge_width(d.get("weight")), arrows="to", relation=d.get("relation", ""),
                     modality=modality, family=d.get("family", ""), weight=int(d.get("weight") or 1),
                     confidence=d.get("confidence", 1.0), evidence=_evidence(g, d.get("evidence", [])),
                     firstDate=d.get("first_date", ""), lastDate=d.get("last_date", ""), start=start, end=end,
                     plover=d.get("plover", ""))
    for n in net.nodes:
        n.pop("font", None)
    return net.nodes, net.edges


def _curves(g: nx.MultiDiGraph) -> dict[int, dict]:
    """vis-network ``smooth`` options keeping apart the edges between the same
    two nodes (either way), by edge index: the first straight, the others
    curving to either side in turn, further each time.

    >>> g = nx.MultiDiGraph([("a", "b"), ("a", "b"), ("a", "c"), ("b", "a")])
    >>> _curves(g)  # 1 and 3 on either side of a -> b: clockwise along b -> a is anticlockwise along a -> b
    {1: {'enabled': True, 'type': 'curvedCW', 'roundness': 0.25}, 3: {'enabled': True, 'type': 'curvedCW', 'roundness': 0.25}}
    """
    seen: dict[tuple, int] = {}
    out = {}
    for i, (s, o) in enumerate(g.edges()):
        if s == o:
            continue
        pair = (s, o) if str(s) <= str(o) else (o, s)
        j = seen[pair] = seen.get(pair, -1) + 1
        if j:
            clockwise = (j % 2 == 1) == (pair == (s, o))  # "clockwise" is relative to the edge's direction
            out[i] = {"enabled": True, "type": "curvedCW" if clockwise else "curvedCCW",
                      "roundness": CURVE * ((j + 1) // 2)}
    return out


def _json_for_script(value) -> str:
    """JSON safe to embed in a <script> element: nothing can close the element."""
    return (json.dumps(value, ensure_ascii=False)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


class HtmlPage(type(Path())):
    """The path of a written page; in a notebook it displays the page inline."""

    height = 650

    def _repr_html_(self) -> str:
        return inline_html(self.read_text(encoding="utf-8"), height=self.height)


def inline_html(page: str, *, height: int = 650) -> str:
    """An iframe holding ``page`` (as ``srcdoc``), for notebooks."""
    return (f'<iframe srcdoc="{html_lib.escape(page, quote=True)}" '
            f'style="width:100%;height:{int(height)}px;border:1px solid #ddd" sandbox="allow-scripts"></iframe>')


def page_html(g: nx.MultiDiGraph, *, title: str = "kg graph", subtitle: Optional[str] = None,
              large: Optional[int] = None, live: Optional[dict] = None) -> str:
    """The whole page as a string. ``live``: the addresses of a server
    (``kg serve``) the page asks for search, neighbours and evidence
    (``{"search": ..., "neighbours": ..., "evidence": ...}``), which then
    answer what is not in ``g``; the page may then connect to its own server
    and nowhere else."""
    nodes, edges = to_vis(g, large=large)
    js, css = _vis_assets()
    env = Environment(loader=FileSystemLoader(str(Path(__file__).parent / "templates")),
                      autoescape=select_autoescape(["html"]))
    data = {**_page_data(nodes, edges), "large": _is_large(g, large),
            "hideIsolated": g.number_of_nodes() > HIDE_ISOLATED, "legend": Style().legend()}
    if live:
        data["live"] = live
    return env.get_template("graph.html").render(title=title, subtitle=subtitle or "", vis_js=js, vis_css=css,
                                                 data_json=_json_for_script(data), live=bool(live))


def render_html(g: nx.MultiDiGraph, output: Union[str, Path], *, title: str = "kg graph",
                subtitle: Optional[str] = None, large: Optional[int] = None) -> HtmlPage:
    """Write ``g`` as an interactive, offline HTML page; returns its path
    (which a notebook displays as the page itself)."""
    page = page_html(g, title=title, subtitle=subtitle, large=large)
    with atomic_output(output) as fh:
        fh.write(page)
    return HtmlPage(output)


class InlineView:
    """A graph view for notebooks: ``display(notebook_view(g))`` or as a cell's last value."""

    def __init__(self, page: str, height: int = 650):
        self.page, self.height = page, height

    def _repr_html_(self) -> str:
        return inline_html(self.page, height=self.height)


def notebook_view(g: nx.MultiDiGraph, *, height: int = 650, title: str = "kg graph",
                  subtitle: Optional[str] = None) -> InlineView:
    """The same page inline in a Jupyter notebook (an iframe with the page as srcdoc)."""
    return InlineView(page_html(g, title=title, subtitle=subtitle), height=height)
