"""The HTML view in a real browser: Debian's Chromium, headless, every network
request aborted (and recorded). Skipped only where there is no Chromium, and
never in CI (see ``conftest.browser``)."""
from __future__ import annotations

import json

import pytest

from .conftest import EVIL_NAME

pytestmark = pytest.mark.browser


def node_id(page, label: str) -> str:
    return page.evaluate("label => window.kgData.nodes.find(n => n.label === label).id", label)


def click_node(page, label: str) -> None:
    """A real mouse click on the node's position on the canvas."""
    nid = node_id(page, label)
    page.evaluate("id => window.kgNetwork.focus(id, {scale: 1.3, animation: false})", nid)
    point = page.evaluate("""id => { const net = window.kgNetwork, d = net.canvasToDOM(net.getPosition(id));
        const r = document.getElementById('graph').getBoundingClientRect(); return {x: d.x + r.left, y: d.y + r.top}; }""", nid)
    page.mouse.click(point["x"], point["y"])


def test_seed_graph_loads_with_its_nodes_drawn(open_page, seed_html, seed_graph, output_dir):
    p = open_page()
    page = p.open(seed_html)
    drawn = page.evaluate("""() => ({ nodes: window.kgNodes.length, edges: window.kgEdges.length,
        positioned: Object.keys(window.kgNetwork.getPositions()).length,
        canvas: (() => { const c = document.querySelector('#graph canvas'); return c ? [c.width, c.height] : null; })() })""")
    assert drawn["nodes"] == seed_graph.number_of_nodes()
    assert drawn["edges"] == seed_graph.number_of_edges()
    assert drawn["positioned"] == drawn["nodes"]
    assert drawn["canvas"] and min(drawn["canvas"]) > 300
    # Something was painted: the canvas is not blank.
    painted = page.evaluate("""() => { const c = document.querySelector('#graph canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }""")
    assert painted > 2000
    labels = set(page.evaluate("window.kgNodes.get().map(n => n.label)"))
    assert {"Taliban", "Mark Milley", "Lloyd Austin", "Islamic State"} <= labels
    assert "Jaishankar" not in " ".join(labels)
    legend = page.inner_text("#legend")
    for text in ("Person", "ArmedGroup", "Country", "cooperation-material", "conflict-verbal", "hypothetical"):
        assert text in legend
    page.screenshot(path=str(output_dir / "seed-graph.png"))
    assert p.requests == [] and p.errors == [] and p.dialogs == []


def test_clicking_a_node_shows_its_evidence(open_page, seed_html):
    p = open_page()
    page = p.open(seed_html)
    click_node(page, "Taliban")
    page.wait_for_selector("#evidence .head")
    assert page.inner_text("#evidence .head") == "Taliban"
    panel = page.inner_text("#evidence")
    assert "coordinatesWith" in panel and "opposes" in panel
    assert "Islamic State" in panel
    # The evidence sentence of the asserted coordination, the article title, date, modality and confidence.
    assert "US Gen. Milley says coordination with Taliban against Daesh likely" in panel
    assert "2021-09-02" in panel and "asserted" in panel and "confidence 0." in panel
    sentences = page.eval_on_selector_all("#evidence .sentence", "els => els.map(e => e.textContent)")
    assert any("Taliban" in s for s in sentences) and all(len(s) > 20 for s in sentences)


def test_clicking_an_edge_shows_sentence_title_date_modality_confidence(open_page, seed_html):
    p = open_page()
    page = p.open(seed_html)
    edge = page.evaluate("""() => window.kgEdges.get().find(e => e.relation === 'coordinatesWith' && e.modality === 'hypothetical')""")
    page.evaluate("id => window.kgShowEdge(id)", edge["id"])
    panel = page.inner_text("#evidence")
    assert "coordinatesWith" in panel and "hypothetical" in panel
    assert edge["evidence"][0]["sentence"] in panel
    assert "confidence" in panel and "2021-09-02" in panel
    # Non-asserted claims are never drawn like asserted ones.
    assert edge["dashes"] and edge["color"]["opacity"] < 1


def test_relation_filter_hides_edges(open_page, seed_html):
    p = open_page()
    page = p.open(seed_html)
    before = page.evaluate("window.kgEdges.get().filter(e => e.relation === 'coordinatesWith').length")
    total = page.evaluate("window.kgEdges.length")
    assert before >= 2
    page.locator("#f-relation input[value=coordinatesWith]").uncheck()
    after = page.evaluate("window.kgEdges.get().filter(e => e.relation === 'coordinatesWith').length")
    assert after == 0
    assert page.evaluate("window.kgEdges.length") == total - before
    # ... and the network itself draws that many edges, none of them a coordination.
    assert page.evaluate("window.kgNetwork.body.edgeIndices.length") == total - before
    assert not page.evaluate("window.kgNetwork.body.edgeIndices.some(id => "
                             "window.kgNetwork.body.data.edges.get(id).relation === 'coordinatesWith')")
    assert f"{total - before} edges shown" in page.inner_text("#counts")
    # Modality filter, events toggle and date range.
    page.locator("#f-modality input[value=hypothetical]").uncheck()
    assert page.evaluate("window.kgEdges.get().filter(e => e.modality === 'hypothetical').length") == 0
    events = page.evaluate("window.kgNodes.get().filter(n => n.kind === 'event').length")
    assert events > 0
    page.locator("#show-events").uncheck()
    assert page.evaluate("window.kgNodes.get().filter(n => n.kind === 'event').length") == 0
    assert page.evaluate("window.kgEdges.get().filter(e => e.family === 'event').length") == 0
    page.locator("#show-events").check()
    page.fill("#from", "2021-09-03")
    page.dispatch_event("#from", "change")
    assert page.evaluate("window.kgEdges.length") == 0
    page.fill("#from", "")
    page.dispatch_event("#from", "change")
    page.locator("#f-relation input[value=coordinatesWith]").check()
    page.locator("#f-modality input[value=hypothetical]").check()
    assert page.evaluate("window.kgEdges.length") == total


def test_search_finds_and_selects_an_actor(open_page, seed_html):
    p = open_page()
    page = p.open(seed_html)
    page.fill("#search", "milley")
    assert page.inner_text("#evidence .head") == "Mark Milley"
    assert page.evaluate("window.kgNetwork.getSelectedNodes()") == [node_id(page, "Mark Milley")]


def test_injected_script_runs_nothing_and_shows_as_text(open_page, evil_html):
    p = open_page()
    page = p.open(evil_html)
    assert page.evaluate("window.kgPwned") is None
    assert page.locator("#graph img, #side img").count() == 0
    assert page.title() == f"{EVIL_NAME} graph"
    labels = page.evaluate("window.kgNodes.get().map(n => n.label)")
    assert EVIL_NAME in labels
    click_node(page, EVIL_NAME)
    page.wait_for_selector("#evidence .head")
    assert page.inner_text("#evidence .head") == EVIL_NAME
    panel = page.inner_text("#evidence")
    assert "</script><script>window.kgPwned = 1</script>" in panel
    assert "attacked the Taliban" in panel
    # The tooltip (vis-network's title) is text too.
    nid = node_id(page, EVIL_NAME)
    point = page.evaluate("""id => { const net = window.kgNetwork, d = net.canvasToDOM(net.getPosition(id));
        const r = document.getElementById('graph').getBoundingClientRect(); return {x: d.x + r.left, y: d.y + r.top}; }""", nid)
    page.mouse.move(point["x"] + 1, point["y"] + 1)
    page.mouse.move(point["x"], point["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    assert EVIL_NAME in page.inner_text("div.vis-tooltip")
    # (innerText turns the line breaks into <br>; nothing else may become an element)
    assert page.evaluate("[...document.querySelectorAll('div.vis-tooltip *')].every(e => e.tagName === 'BR')")
    assert page.locator("div.vis-tooltip img").count() == 0
    # The text article built through the pipeline: its injected title and sentences stay text too.
    page.evaluate("window.kgShowEdge(window.kgEdges.get().find(e => (e.evidence[0] || {}).title && "
                  "e.evidence[0].title.indexOf('Militia leader') === 0).id)")
    assert "Militia leader <img src=x onerror=alert(1)> meets Taliban" in page.inner_text("#evidence")
    page.wait_for_timeout(300)
    assert p.dialogs == [] and page.evaluate("window.kgPwned") is None
    assert page.locator("img").count() == 0
    assert p.requests == [] and p.errors == []


def test_page_makes_no_network_request(open_page, seed_html, evil_html):
    for html in (seed_html, evil_html):
        p = open_page()
        page = p.open(html)
        click_node(page, "Taliban")
        page.fill("#search", "tal")
        page.wait_for_timeout(200)
        assert p.requests == [], p.requests
    # The page also forbids it: a Content-Security-Policy with default-src 'none'.
    csp = page.get_attribute("meta[http-equiv=Content-Security-Policy]", "content")
    assert "default-src 'none'" in csp and "connect-src" not in csp


def test_large_graph_is_laid_out_in_python_and_usable(open_page, tmp_path):
    """Above the threshold the page gets positions and physics is off; a click still answers."""
    import networkx as nx

    from kg.views.html import render_html

    g = nx.MultiDiGraph()
    base = nx.barabasi_albert_graph(1200, 2, seed=3)
    for n in base:
        g.add_node(f"n{n}", label=f"Actor {n}", type="Person", mentions=1, kind="actor")
    for i, (u, v) in enumerate(base.edges()):
        g.add_edge(f"n{u}", f"n{v}", key=f"opposes/{i}", relation="opposes",
                   modality="asserted" if i % 3 else "reported", family="conflict-verbal", weight=1,
                   evidence=[{"sentence": f"Actor {u} opposes Actor {v}.", "title": "t", "date": "2021-09-02",
                              "modality": "asserted", "confidence": 0.9}], first_date="2021-09-02",
                   last_date="2021-09-02")
    path = render_html(g, tmp_path / "large.html")
    data = json.loads(path.read_text(encoding="utf-8").split('id="graph-data">', 1)[1].split("</script>", 1)[0])
    assert data["physics"] is False and all("x" in n and "y" in n for n in data["nodes"])
    assert not any(e.get("dashes") for e in data["edges"])
    assert {e["color"] for e in data["edges"] if e["modality"] == "reported"} == {"rgba(241,163,64,0.8)"}
    p = open_page()
    page = p.open(path)
    assert page.evaluate("window.kgNodes.length") == 1200
    click_node(page, "Actor 0")
    page.wait_for_selector("#evidence .head")
    assert page.inner_text("#evidence .head") == "Actor 0"
    assert "Actor 0 opposes" in page.inner_text("#evidence")
    # Filters work on large graphs too (the page switches to filtered views).
    scale = page.evaluate("window.kgNetwork.getScale()")
    page.locator("#f-modality input[value=reported]").uncheck()
    shown = page.evaluate("window.kgNetwork.body.edgeIndices.length")
    assert shown == page.evaluate("window.kgEdges.length") == sum(1 for e in data["edges"] if e["modality"] != "reported")
    assert abs(page.evaluate("window.kgNetwork.getScale()") - scale) < 1e-6
    page.locator("#f-modality input[value=reported]").check()
    assert page.evaluate("window.kgNetwork.body.edgeIndices.length") == len(data["edges"])
    assert p.requests == [] and p.errors == []


def test_event_node_shows_its_sentence_and_date(open_page, seed_html):
    p = open_page()
    page = p.open(seed_html)
    bombing = page.evaluate("window.kgData.nodes.find(n => n.eventType === 'Bombing')")
    page.evaluate("id => window.kgShowNode(id)", bombing["id"])
    assert page.inner_text("#evidence .meta") == "Bombing \u00b7 2021-08-26"
    assert "suicide bombing" in page.inner_text("#evidence .sentence")
    span = page.inner_text("#date-span")
    assert span.endswith("\u2013 2021-09-02") and "2021-08-26" >= span[:10]
    assert page.get_attribute("#from", "min") == span[:10] and page.get_attribute("#to", "max") == "2021-09-02"


def test_empty_graph_page_opens(open_page, tmp_path):
    import networkx as nx

    from kg.views.html import render_html

    p = open_page()
    page = p.open(render_html(nx.MultiDiGraph(), tmp_path / "empty.html"))
    assert page.inner_text("#counts") == "0 nodes, 0 edges shown"
    assert page.inner_text("#date-span") == "no dates"
    assert p.errors == [] and p.requests == []
