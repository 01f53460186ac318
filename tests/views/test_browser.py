"""The HTML view in a real browser: Debian's Chromium, headless, at 1280×800,
every network request aborted (and recorded). Skipped only where there is no
Chromium, and never in CI (see ``conftest.browser``)."""
from __future__ import annotations

import json

import networkx as nx
import pytest

from .conftest import EVIL_NAME, wait_until

pytestmark = pytest.mark.browser

#: The nodes and edges the network draws (what the filters left), and each shown node's number of shown edges.
SHOWN = """() => { const net = window.kgNetwork, ids = net.body.nodeIndices, degree = {};
    net.body.edgeIndices.forEach(id => { const e = net.body.edges[id]; if (e.fromId in net.body.nodes && e.toId in net.body.nodes) {
        degree[e.fromId] = (degree[e.fromId] || 0) + 1; degree[e.toId] = (degree[e.toId] || 0) + 1; } });
    return { nodes: ids.length, edges: net.body.edgeIndices.length, alone: ids.filter(id => !degree[id]).length,
             labels: ids.map(id => net.body.nodes[id].options.label) }; }"""

#: Where the shown nodes are drawn, in the page's pixels, and where the graph's frame is.
DRAWN_BOX = """() => { const net = window.kgNetwork, f = document.getElementById('graph').getBoundingClientRect();
    const pts = net.body.nodeIndices.map(id => net.canvasToDOM(net.getPosition(id)));
    const xs = pts.map(p => p.x + f.left), ys = pts.map(p => p.y + f.top);
    return { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys),
             frame: { left: f.left, right: f.right, top: f.top, bottom: f.bottom }, scale: net.getScale() }; }"""


def node_id(page, label: str) -> str:
    return page.evaluate("label => window.kgData.nodes.find(n => n.label === label).id", label)


def click_node(page, label: str, *, focus: bool = True) -> None:
    """A real mouse click on the node's position on the canvas (zoomed in on it first unless not ``focus``)."""
    nid = node_id(page, label)
    if focus:
        page.evaluate("id => window.kgNetwork.focus(id, {scale: 1.3, animation: false})", nid)
    point = page.evaluate("""id => { const net = window.kgNetwork, d = net.canvasToDOM(net.getPosition(id));
        const r = document.getElementById('graph').getBoundingClientRect(); return {x: d.x + r.left, y: d.y + r.top}; }""", nid)
    page.mouse.click(point["x"], point["y"])


def test_seed_graph_loads_with_its_nodes_drawn(open_page, seed_html, seed_graph):
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
    # Drawn where the layout (the GEXF file's) puts them: no physics moves them (getPositions truncates).
    data = page.evaluate("window.kgData.nodes.map(n => [n.id, n.x, n.y])")
    positions = page.evaluate("window.kgNetwork.getPositions()")
    assert all(abs(positions[str(i)]["x"] - x) < 1 and abs(positions[str(i)]["y"] - y) < 1 for i, x, y in data)
    assert p.requests == [] and p.errors == [] and p.dialogs == []


def test_clicking_a_node_shows_its_evidence_in_view(open_page, seed_html, output_dir):
    p = open_page()
    page = p.open(seed_html)
    assert page.viewport_size == {"width": 1280, "height": 800}
    assert page.is_hidden("#evidence")
    click_node(page, "Taliban", focus=False)  # at the first zoom, as the page opens
    page.wait_for_selector("#evidence .head")
    assert page.inner_text("#evidence .head") == "Taliban"
    panel = page.inner_text("#evidence")
    assert "coordinatesWith" in panel and "opposes" in panel
    assert "Islamic State" in panel
    # The evidence sentence of the asserted coordination, the article title, date, modality and confidence.
    assert "US Gen. Milley says coordination with Taliban against Daesh likely" in panel
    assert "2021-09-02" in panel and "asserted" in panel and "confidence 0." in panel
    # The first sentences are on screen, uncovered, without scrolling anything.
    shown = page.evaluate("""() => [...document.querySelectorAll('#evidence .sentence')].slice(0, 3).map(e => {
        const r = e.getBoundingClientRect(), hit = document.elementFromPoint(r.left + r.width / 2, r.top + 6);
        return { text: e.textContent, top: r.top, bottom: r.bottom, left: r.left, right: r.right, uncovered: e.contains(hit) }; })""")
    assert len(shown) == 3
    for s in shown:
        assert "Taliban" in s["text"] or len(s["text"]) > 20
        assert 0 <= s["top"] and s["bottom"] <= 800 and 0 <= s["left"] and s["right"] <= 1280 and s["uncovered"], s
    assert any("Taliban" in s["text"] for s in shown)
    assert page.evaluate("window.scrollY") == 0
    # ... and the clicked node stays in view, beside the panel.
    at = page.evaluate("""id => { const net = window.kgNetwork, d = net.canvasToDOM(net.getPosition(id)),
        f = document.getElementById('graph').getBoundingClientRect(); return { x: d.x + f.left, y: d.y + f.top }; }""",
                       node_id(page, "Taliban"))
    panel_left = page.evaluate("document.getElementById('evidence').getBoundingClientRect().left")
    assert 290 <= at["x"] < panel_left and 0 <= at["y"] <= 800
    page.screenshot(path=str(output_dir / "seed-graph.png"))
    # Closing the panel clears the selection.
    page.click("#evidence-close")
    assert page.is_hidden("#evidence") and page.evaluate("window.kgNetwork.getSelectedNodes()") == []
    assert p.requests == [] and p.errors == []


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


def actors_graph(n_nodes: int, n_edges: int, *, isolated: int = 0, seed: int = 3) -> nx.MultiDiGraph:
    """A graph like graph_from_store's: actors labelled "Actor N" related at random, and ``isolated`` actors
    without relations."""
    import random

    r = random.Random(seed)
    g = nx.MultiDiGraph()
    for i in range(n_nodes + isolated):
        g.add_node(f"a{i}", label=f"Actor {i}", type=r.choice(["Person", "Country", "ArmedGroup"]), mentions=2,
                   kind="actor")
    families = {"opposes": "conflict-verbal", "attacks": "conflict-material", "meetsWith": "cooperation-verbal"}
    for j in range(n_edges):
        s, o = r.sample(range(n_nodes), 2)
        rel = r.choice(sorted(families))
        g.add_edge(f"a{s}", f"a{o}", key=f"{rel}/{j}", relation=rel, modality="asserted", family=families[rel], weight=1,
                   evidence=[{"sentence": f"Actor {s} {rel} Actor {o}.", "title": "t", "date": "2021-09-02"}],
                   first_date="2021-09-02", last_date="2021-09-02")
    return g


def test_hiding_nodes_without_a_relation(open_page, seed_html):
    p = open_page()
    page = p.open(seed_html)
    # 32 nodes: all shown at first, thirteen of them without any relation (Qatar, Asian Lite News, ...,
    # and the shootings other reports described, an event no one is named in).
    assert not page.is_checked("#hide-isolated")
    before = page.evaluate(SHOWN)
    assert before["nodes"] == 32 and before["alone"] == 13 and "Qatar" in before["labels"]
    assert "Asian Lite News" in before["labels"]
    page.check("#hide-isolated")
    after = page.evaluate(SHOWN)
    assert after["alone"] == 0 and after["nodes"] == 19 and "Qatar" not in after["labels"]
    assert page.evaluate("window.kgNodes.length") == 19 and "19 nodes" in page.inner_text("#counts")
    page.fill("#search", "qatar")
    assert page.inner_text("#hits") == "1 hidden by the filters"
    page.fill("#search", "")
    # Nodes a filter leaves without a relation go too: without events, those only in an event.
    assert "Lloyd Austin" in after["labels"]
    page.uncheck("#show-events")
    page.locator("#f-modality input[value=hypothetical]").uncheck()
    fewer = page.evaluate(SHOWN)
    assert fewer["alone"] == 0 and fewer["nodes"] < after["nodes"] and "Lloyd Austin" not in fewer["labels"]
    assert {"Taliban", "Islamic State", "Mark Milley"} <= set(fewer["labels"])
    page.uncheck("#hide-isolated")
    assert page.evaluate(SHOWN)["alone"] > 13
    assert p.requests == [] and p.errors == []


def test_the_view_fits_what_a_filter_leaves(open_page, seed_html):
    p = open_page()
    page = p.open(seed_html)
    first = page.evaluate(DRAWN_BOX)
    page.check("#hide-isolated")
    page.fill("#from", "2021-08-26")
    page.fill("#to", "2021-08-26")
    page.dispatch_event("#to", "change")
    shown = page.evaluate(SHOWN)
    assert 2 <= shown["nodes"] <= 8 and "suicide bombing" in shown["labels"]
    box = page.evaluate(DRAWN_BOX)
    frame = box["frame"]
    # Zoomed in on what is left (up to 100 %, as far as vis-network's fit goes), all of it in the frame, in its middle.
    assert box["scale"] > first["scale"] * 1.3
    assert frame["left"] <= box["x0"] and box["x1"] <= frame["right"] and frame["top"] <= box["y0"] and box["y1"] <= frame["bottom"]
    width, height = frame["right"] - frame["left"], frame["bottom"] - frame["top"]
    assert box["scale"] == pytest.approx(1) or box["x1"] - box["x0"] > 0.4 * width or box["y1"] - box["y0"] > 0.4 * height
    assert abs((box["x0"] + box["x1"]) / 2 - (frame["left"] + width / 2)) < 0.1 * width
    assert abs((box["y0"] + box["y1"]) / 2 - (frame["top"] + height / 2)) < 0.1 * height
    assert p.errors == []


def test_a_selected_edge_keeps_its_relation_colour(open_page, seed_html):
    """Pixels on the canvas along the asserted U.S. military -> Taliban coordination, once clicked."""
    p = open_page()
    page = p.open(seed_html)
    edge = page.evaluate("""() => { const nodes = window.kgData.nodes, iri = id => nodes.find(n => n.id === id).iri;
        return window.kgEdges.get().find(e => e.relation === 'coordinatesWith' && e.modality === 'asserted'
            && iri(e.from).endsWith('/us-military') && iri(e.to).endsWith('/taliban')); }""")
    assert edge["color"]["color"] == "#2f8f5b"  # cooperation-material
    page.evaluate("id => window.kgNetwork.focus(id, {scale: 2, animation: false})", edge["from"])
    # Points along the edge, clear of its two nodes and of its label, and the colour of the canvas there.
    sample = """id => { const net = window.kgNetwork, e = net.body.edges[id], canvas = document.querySelector('#graph canvas');
        const ctx = canvas.getContext('2d'), ratio = canvas.width / canvas.clientWidth, r = canvas.getBoundingClientRect();
        const pad = 6 / net.getScale(), l = e.labelModule.size, boxes = [net.getBoundingBox(e.fromId), net.getBoundingBox(e.toId),
            { left: l.left, right: l.left + l.width, top: l.top, bottom: l.top + l.height }];
        const clear = p => boxes.every(b => p.x < b.left - pad || p.x > b.right + pad || p.y < b.top - pad || p.y > b.bottom + pad);
        const out = [];
        for (let t = 0.02; t < 0.99; t += 0.02) { const p = e.edgeType.getPoint(t); if (!clear(p)) continue;
            const d = net.canvasToDOM(p);
            out.push({ x: d.x + r.left, y: d.y + r.top, rgb: Array.from(ctx.getImageData(Math.round(d.x * ratio), Math.round(d.y * ratio), 1, 1).data).slice(0, 3) }); }
        return out; }"""
    points = page.evaluate(sample, edge["id"])
    assert len(points) >= 3
    page.mouse.click(points[0]["x"], points[0]["y"])  # a real click on the edge
    page.wait_for_selector("#evidence .head")
    assert page.evaluate("window.kgNetwork.getSelectedEdges()") == [edge["id"]]
    assert "coordinatesWith" in page.inner_text("#evidence .head")
    page.wait_for_timeout(100)
    selected = page.evaluate(sample, edge["id"])
    assert len(selected) >= 3
    off = [pt["rgb"] for pt in selected if max(abs(a - b) for a, b in zip(pt["rgb"], (0x2f, 0x8f, 0x5b))) > 24]
    assert not off, selected  # vis-network's default would have drawn it grey (#848484)
    assert page.evaluate("id => window.kgNetwork.body.edges[id].selected", edge["id"])
    assert p.errors == []


def test_labels_are_readable_at_the_first_zoom(open_page, tmp_path):
    """The label size actually drawn on the canvas (font size times the canvas transform) of an 80-node graph."""
    from kg.views.html import render_html

    g = actors_graph(80, 110, isolated=8)
    p = open_page()
    page = p.open(render_html(g, tmp_path / "eighty.html"))
    # Above 50 nodes the nodes without a relation start hidden.
    assert page.is_checked("#hide-isolated") and page.evaluate(SHOWN)["alone"] == 0
    assert page.evaluate(SHOWN)["nodes"] == page.evaluate("window.kgNodes.length") <= 80
    page.evaluate("""() => { window.kgText = []; const fill = CanvasRenderingContext2D.prototype.fillText;
        CanvasRenderingContext2D.prototype.fillText = function (text) { const t = this.getTransform();
            const px = parseFloat(/([0-9.]+)px/.exec(this.font)[1]);
            window.kgText.push({ text: String(text), px: px * Math.hypot(t.a, t.b) / window.devicePixelRatio });
            return fill.apply(this, arguments); };
        window.kgNetwork.redraw(); }""")
    drawn = wait_until(page, "window.kgText.length && window.kgText")
    sizes = sorted(t["px"] for t in drawn if t["text"].startswith("Actor "))
    shown = page.evaluate("window.kgNodes.length")
    assert len(sizes) == shown  # every node's label is drawn
    assert sizes[0] >= 11, sizes[:5]
    edge_sizes = [t["px"] for t in drawn if t["text"] in ("opposes", "attacks", "meetsWith")]
    assert edge_sizes and min(edge_sizes) >= 8
    assert p.errors == []


def test_search_finds_an_actor_by_alias(open_page, tmp_path):
    from kg.views.html import render_html

    g = actors_graph(6, 8)
    g.nodes["a0"].update(label="Islamic State", type="ArmedGroup", aliases=["Islamic State", "ISIS", "Daesh", "IS"])
    g.nodes["a1"].update(label="Israel Defense Forces", type="Organization", aliases=["IDF", "Tsahal"])
    g.nodes["a2"].update(label="Coalition against Daesh", type="Organization")
    p = open_page()
    page = p.open(render_html(g, tmp_path / "aliases.html"))
    page.fill("#search", "daesh")
    # The exact alias before the name that merely contains the text.
    assert page.inner_text("#evidence .head") == "Islamic State"
    assert page.evaluate("window.kgNetwork.getSelectedNodes()") == [node_id(page, "Islamic State")]
    assert page.inner_text("#hits").startswith("2 found: Islamic State (Daesh)")
    assert "also ISIS, Daesh, IS" in page.inner_text("#evidence .meta")
    page.fill("#search", "IDF")
    assert page.inner_text("#evidence .head") == "Israel Defense Forces"
    page.fill("#search", "israel")
    assert page.inner_text("#evidence .head") == "Israel Defense Forces"
    page.fill("#search", "Hezbollah")
    assert page.inner_text("#hits") == "not found"
    assert p.errors == [] and p.requests == []


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


def test_large_graph_is_usable(open_page, tmp_path):
    """Above the threshold edges are faded and unlabelled; a click still answers, filters still work."""
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
    assert data["large"] is True and all("x" in n and "y" in n for n in data["nodes"])
    assert not any(e.get("dashes") for e in data["edges"])
    assert {e["color"] for e in data["edges"] if e["modality"] == "reported"} == {"rgba(241,163,64,0.8)"}
    p = open_page()
    page = p.open(path)
    assert page.evaluate("window.kgNodes.length") == 1200
    click_node(page, "Actor 0")
    page.wait_for_selector("#evidence .head")
    assert page.inner_text("#evidence .head") == "Actor 0"
    assert "Actor 0 opposes" in page.inner_text("#evidence")
    # Filters work on large graphs too (the page switches to filtered views);
    # nodes left without a relation go, and the view fits what is left.
    page.locator("#f-modality input[value=reported]").uncheck()
    shown = page.evaluate(SHOWN)
    assert shown["edges"] == page.evaluate("window.kgEdges.length") == sum(1 for e in data["edges"] if e["modality"] != "reported")
    assert shown["alone"] == 0 and 1000 < shown["nodes"] < 1200
    box = page.evaluate(DRAWN_BOX)
    assert box["frame"]["left"] <= box["x0"] and box["x1"] <= box["frame"]["right"]
    page.locator("#f-modality input[value=reported]").check()
    assert page.evaluate("window.kgNetwork.body.edgeIndices.length") == len(data["edges"])
    assert page.evaluate(SHOWN)["nodes"] == 1200
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
