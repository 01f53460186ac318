"""Interactive HTML graph in one self-contained file.

pyvis builds the node and edge lists; the page comes from kg's own template
(``templates/graph.html``), which inlines vis-network's script and style from
the installed pyvis package, so the file opens from disk with no network.
Article text reaches the page only as JSON inside a ``<script
type="application/json">`` block (with ``<`` escaped) and is put on screen with
``textContent``: a name such as ``<img src=x onerror=alert(1)>`` shows as text.
"""
from __future__ import annotations

import json
import math
from importlib import resources
from pathlib import Path
from typing import Optional, Union

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network

from ..files import atomic_output
from ..ontology import load_data

LARGE = 1000  # above this many nodes the layout is computed in Python and physics is off


def _vis_assets() -> tuple[str, str]:
    base = resources.files("pyvis") / "lib" / "vis-9.1.2"
    return (base / "vis-network.min.js").read_text(encoding="utf-8"), (base / "vis-network.css").read_text(encoding="utf-8")


def _tooltip(data: dict, kind: str) -> str:
    if kind == "node":
        parts = [data.get("label", ""), data.get("type", "")]
        if data.get("country"):
            parts.append(f"country {data['country']}")
        if data.get("sector"):
            parts.append(f"sector {data['sector']}")
        return "\n".join(p for p in parts if p)
    ev = data.get("evidence") or []
    head = f"{data.get('relation', '')} ({data.get('modality', '')}), {data.get('weight', 1)} source(s)"
    return head + ("\n" + ev[0]["sentence"][:300] if ev else "")


def to_vis(g: nx.MultiDiGraph) -> tuple[list[dict], list[dict], bool]:
    """Node and edge dicts for vis-network, built with pyvis, plus whether physics is on."""
    style = load_data("style.yaml") or {}
    node_style, families, modality_style = style.get("node_types", {}), style.get("families", {}), style.get("modality", {})
    net = Network(directed=True)
    large = g.number_of_nodes() > LARGE
    positions = {}
    if large:
        # A force layout for thousands of nodes is too slow in the browser; compute it here.
        k = 1.0 / math.sqrt(max(1, g.number_of_nodes()))
        positions = nx.spring_layout(nx.Graph(g), k=k, iterations=30, seed=7, scale=3000)
    degree = dict(g.degree())
    for node, d in g.nodes(data=True):
        st = node_style.get(d.get("type", "Actor"), node_style.get("Actor", {}))
        size = 10 + 4 * math.sqrt(degree.get(node, 0) + d.get("mentions", 0))
        extra = {}
        if node in positions:
            extra = {"x": float(positions[node][0]), "y": float(positions[node][1])}
        net.add_node(node, label=str(d.get("label", node)), title=_tooltip(d, "node"), color=st.get("color", "#999"),
                     shape=st.get("shape", "dot"), size=round(size, 1), **extra,
                     kgType=d.get("type", "Actor"), country=d.get("country", ""), sector=d.get("sector", ""),
                     mentions=d.get("mentions", 0), kind=d.get("kind", "actor"), date=d.get("date", ""),
                     evidence=d.get("evidence", []))
    for i, (s, o, k, d) in enumerate(g.edges(keys=True, data=True)):
        mod = modality_style.get(d.get("modality", "asserted"), {})
        color = families.get(d.get("family", "other"), families.get("other", "#888"))
        net.add_edge(s, o, id=f"e{i}", label=d.get("relation", ""), title=_tooltip(d, "edge"),
                     color={"color": color, "opacity": mod.get("opacity", 1.0)}, dashes=mod.get("dashes", False),
                     width=1 + min(6, d.get("weight", 1)), arrows="to", relation=d.get("relation", ""),
                     modality=d.get("modality", "asserted"), family=d.get("family", ""), weight=d.get("weight", 1),
                     confidence=d.get("confidence", 1.0), evidence=d.get("evidence", []),
                     firstDate=d.get("first_date", ""), lastDate=d.get("last_date", ""), plover=d.get("plover", ""))
    for n in net.nodes:
        n.pop("font", None)
    return net.nodes, net.edges, not large


def _json_for_script(value) -> str:
    """JSON safe to embed in a <script> element: nothing can close the element."""
    return (json.dumps(value, ensure_ascii=False)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render_html(g: nx.MultiDiGraph, output: Union[str, Path], *, title: str = "kg graph",
                subtitle: Optional[str] = None) -> Path:
    """Write ``g`` as an interactive, offline HTML page."""
    nodes, edges, physics = to_vis(g)
    style = load_data("style.yaml") or {}
    js, css = _vis_assets()
    env = Environment(loader=FileSystemLoader(str(Path(__file__).parent / "templates")),
                      autoescape=select_autoescape(["html"]))
    page = env.get_template("graph.html").render(
        title=title, subtitle=subtitle or "", vis_js=js, vis_css=css, physics=physics,
        data_json=_json_for_script({"nodes": nodes, "edges": edges, "physics": physics,
                                    "legend": {"node_types": style.get("node_types", {}),
                                               "families": style.get("families", {}),
                                               "modality": list((style.get("modality") or {}).keys())}}),
    )
    with atomic_output(output) as fh:
        fh.write(page)
    return Path(output)


def notebook_view(g: nx.MultiDiGraph, *, height: int = 650):
    """The same page inline in a Jupyter notebook (an iframe with the page as srcdoc)."""
    import html as html_lib
    import tempfile

    from IPython.display import HTML

    with tempfile.TemporaryDirectory() as tmp:
        path = render_html(g, Path(tmp) / "graph.html")
        page = path.read_text(encoding="utf-8")
    return HTML(f'<iframe srcdoc="{html_lib.escape(page, quote=True)}" style="width:100%;height:{height}px;border:0"></iframe>')
