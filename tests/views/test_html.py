"""The HTML page as a file: self-contained, styled from ontology/style.yaml,
article text escaped, every node placed by kg.views.layout; the CLI views; notebooks."""
from __future__ import annotations

import json
import re

import networkx as nx
import pytest
import yaml
from click.testing import CliRunner

from kg.views.html import HIDE_ISOLATED, LARGE, HtmlPage, notebook_view, page_html, to_vis
from kg.views.layout import layout

from .conftest import EVIL_NAME, EVIL_TEXT, REPO

STYLE = yaml.safe_load((REPO / "ontology" / "style.yaml").read_text(encoding="utf-8"))


def page_data(html: str) -> dict:
    block = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S).group(1)
    return json.loads(block)


def test_page_is_self_contained(seed_html):
    html = seed_html.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=", html)
    assert not re.search(r"""(src|href)\s*=\s*["']?https?://""", html)
    assert not re.search(r"@import|url\(\s*['\"]?https?:", html)
    assert "vis-network" in html and "new vis.Network" in html
    assert "default-src 'none'" in html


def test_nodes_and_edges_styled_from_style_yaml(seed_html):
    data = page_data(seed_html.read_text(encoding="utf-8"))
    assert data["large"] is False and data["hideIsolated"] is False  # 30 nodes: all shown at first
    nodes = {n["label"]: n for n in data["nodes"]}
    for label, kind in (("Taliban", "ArmedGroup"), ("Mark Milley", "Person"), ("United States", "Country")):
        assert nodes[label]["color"] == STYLE["node_types"][kind]["color"]
        assert nodes[label]["shape"] == STYLE["node_types"][kind]["shape"]
    # Size grows with degree and mentions.
    assert nodes["Taliban"]["size"] > nodes["Antony Blinken"]["size"]
    html = seed_html.read_text(encoding="utf-8")
    assert "arrows: { to: { enabled: true" in html  # every edge directed
    ids = {n["id"] for n in data["nodes"]}
    for e in data["edges"]:
        assert e["from"] in ids and e["to"] in ids
        # The relation's colour, selected and hovered too.
        assert e["color"]["color"] == e["color"]["highlight"] == e["color"]["hover"] == STYLE["families"][e["family"]]
        if e["modality"] == "asserted":
            assert e["dashes"] is False and e["color"]["opacity"] == 1.0 and e["label"] == e["relation"]
        else:
            assert e["dashes"] and e["color"]["opacity"] < 1.0
            assert e["label"] == f"{e['relation']} ({e['modality']})"
    assert {"asserted", "hypothetical"} <= {e["modality"] for e in data["edges"]}
    assert set(data["legend"]["node_types"]) >= {"Person", "Country", "ArmedGroup", "Event"}
    # Article title and date once, evidence pointing at them.
    assert [a["title"] for a in data["articles"]] == ["US Gen. Milley says coordination with Taliban against Daesh likely"]
    assert all(ev["a"] == 0 for e in data["edges"] for ev in e.get("evidence", []))
    assert nodes["Taliban"]["iri"] == "https://w3id.org/kg/id/actor/taliban"


def test_article_text_cannot_break_out_of_the_page(evil_html):
    html = evil_html.read_text(encoding="utf-8")
    assert EVIL_NAME not in html and "<img" not in html
    assert "window.kgPwned = 1</script>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; graph" in html  # the title, escaped by the template
    data = page_data(html)
    assert EVIL_NAME in {n["label"] for n in data["nodes"]}
    assert any(EVIL_TEXT in ev["sentence"] for e in data["edges"] for ev in e.get("evidence", []))
    assert any(a.get("title", "").startswith(EVIL_NAME) for a in data["articles"])


def test_every_node_is_placed_by_the_shared_layout():
    g = nx.MultiDiGraph()
    for i in range(LARGE + 50):
        g.add_node(i, label=f"n{i}", type="Person", kind="actor", mentions=1)
    for i in range(1, LARGE + 50):
        g.add_edge(i, i // 3, relation="opposes", modality="reported" if i % 2 else "asserted",
                   family="conflict-verbal")
    nodes, edges = to_vis(g)
    positions = layout(g)
    assert all((n["x"], n["y"]) == positions[n["id"]] for n in nodes)
    assert not any("label" in e for e in edges)  # large: labels only for the selection, drawn by the page
    assert {e["dashes"] for e in edges} == {False}
    assert {e["color"] for e in edges} == {"rgba(241,163,64,1)", "rgba(241,163,64,0.8)"}
    # Smaller graphs: labelled, dashed, the same positions.
    nodes, edges = to_vis(g, large=10**6)
    assert all((n["x"], n["y"]) == positions[n["id"]] for n in nodes)
    assert {e["label"] for e in edges} == {"opposes", "opposes (reported)"}
    assert all(bool(e["dashes"]) == (e["modality"] == "reported") for e in edges)
    html = page_html(g)
    assert page_data(html)["hideIsolated"] is (g.number_of_nodes() > HIDE_ISOLATED) is True


def test_edges_between_the_same_nodes_curve_apart():
    g = nx.MultiDiGraph()
    g.add_edge("us", "taliban", relation="coordinatesWith", modality="asserted", family="cooperation-material")
    g.add_edge("us", "taliban", relation="coordinatesWith", modality="hypothetical", family="cooperation-material")
    g.add_edge("taliban", "us", relation="opposes", modality="asserted", family="conflict-verbal")
    g.add_edge("us", "is", relation="attacks", modality="asserted", family="conflict-material")
    edges = {(e["from"], e["relation"], e["modality"]): e for e in to_vis(g)[1]}
    assert "smooth" not in edges["us", "coordinatesWith", "asserted"] and "smooth" not in edges["us", "attacks", "asserted"]
    hedged, back = edges["us", "coordinatesWith", "hypothetical"]["smooth"], edges["taliban", "opposes", "asserted"]["smooth"]
    assert hedged["roundness"] == back["roundness"] > 0
    # The two curves on either side of the straight one: clockwise along taliban -> us is anticlockwise along us -> taliban.
    side = {"curvedCW": 1, "curvedCCW": -1}
    assert side[hedged["type"]] == side[back["type"]]


def test_notebook_display(seed_graph, seed_html):
    view = notebook_view(seed_graph, height=500)
    inline = view._repr_html_()
    assert inline.startswith("<iframe srcdoc=") and "height:500px" in inline
    assert "<script" not in inline  # the page is inside the attribute, escaped
    assert 'sandbox="allow-scripts"' in inline
    assert isinstance(seed_html, HtmlPage) and seed_html._repr_html_().startswith("<iframe")


def test_empty_graph_renders(tmp_path):
    html = page_html(nx.MultiDiGraph(), title="empty")
    assert page_data(html)["nodes"] == []


def test_cli_views(seed_store, tmp_path):
    from kg.cli import main

    runner = CliRunner()

    def render(*args):
        out = tmp_path / f"view{len(list(tmp_path.iterdir()))}.html"
        result = runner.invoke(main, ["render", "--store", str(seed_store), "-o", str(out), *args])
        assert result.exit_code == 0, result.output
        return page_data(out.read_text(encoding="utf-8")), out.read_text(encoding="utf-8")

    whole, _ = render()
    ego, html = render("--actor", "Taliban", "--depth", "1", "--no-events")
    labels = {n["label"] for n in ego["nodes"]}
    assert "Taliban" in labels and "Lloyd Austin" not in labels and len(labels) < len(whole["nodes"])
    assert not any(n["kind"] == "event" for n in ego["nodes"])
    assert "ego network of Taliban (depth 1)" in html
    window, _ = render("--from", "2021-08-26", "--to", "2021-08-31")
    assert window["edges"] and all("2021-08-26" <= e["start"] <= "2021-08-31" for e in window["edges"])
    query, _ = render("--query", "coordinates-with")
    assert {e["relation"] for e in query["edges"]} == {"coordinatesWith"}
    bad = runner.invoke(main, ["render", "--store", str(seed_store), "-o", str(tmp_path / "x.html"),
                               "--actor", "Nobody at all"])
    assert bad.exit_code == 1 and "no actor named 'Nobody at all'" in bad.output
    bad = runner.invoke(main, ["render", "--store", str(seed_store), "-o", str(tmp_path / "x.html"),
                               "--from", "2021-02-30"])
    assert bad.exit_code == 2 and "not a date" in bad.output


@pytest.mark.parametrize("name", ["Taliban", "taliban", "https://w3id.org/kg/id/actor/taliban"])
def test_api_ego_view_by_label_or_iri(seed_store, name):
    import kg.api

    g = kg.api.graph(str(seed_store), actor=name, depth=1)
    assert "https://w3id.org/kg/id/actor/taliban" in g


def test_events_not_asserted_are_faded_and_dashed():
    g = nx.MultiDiGraph()
    g.add_node("a", label="A", type="Person", kind="actor")
    g.add_node("e1", label="strike", type="Event", kind="event", modality="future", date="2021-09")
    g.add_node("e2", label="talks", type="Event", kind="event", modality="asserted")
    g.add_edge("a", "e1", relation="agent", modality="future", family="event", weight=None)
    nodes = {n["id"]: n for n in to_vis(g)[0]}
    assert nodes["e1"]["opacity"] < 1 and nodes["e1"]["shapeProperties"]["borderDashes"]
    assert "opacity" not in nodes["e2"] and "shapeProperties" not in nodes["e2"]
    assert (nodes["e1"]["start"], nodes["e1"]["end"]) == ("2021-09-01", "2021-09-30")
    assert nodes["e1"]["color"] == STYLE["node_types"]["Event"]["color"]
