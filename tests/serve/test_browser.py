"""`kg serve` in a real browser (Debian's Chromium, headless, 1280x800), every
request outside the server aborted and recorded: the explorer, and the actor
and article pages."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from kg.model import Actor, Article, Claim, Extraction
from kg.rdf import article_graph
from kg.store import open_store

from .conftest import EVIL_NAME, EVIL_TEXT, wait_until

pytestmark = pytest.mark.browser

NODE_AT = """label => { const net = window.kgNetwork, n = window.kgAllNodes.get({filter: x => x.label === label})[0];
    if (!n || !net.body.nodes[n.id]) return null;
    net.focus(n.id, {scale: 1.3, animation: false});
    const d = net.canvasToDOM(net.getPosition(n.id)), r = document.getElementById('graph').getBoundingClientRect();
    return {id: n.id, x: d.x + r.left, y: d.y + r.top}; }"""


def click_node(page, label: str) -> str:
    """A real mouse click on the node's place on the canvas; its id."""
    at = wait_until(page, f"({NODE_AT})({label!r})")
    page.mouse.click(at["x"], at["y"])
    return at["id"]


def show_edge(page, fact: str) -> None:
    """Show the evidence of the edge ``fact`` (a fact IRI) once the explorer has drawn it."""
    wait_until(page, f"window.kgAllEdges.get({fact!r}) !== null")
    page.evaluate("id => window.kgShowEdge(id)", fact)


def edge_count(page) -> int:
    return page.evaluate("window.kgAllEdges.length")


def test_searching_daesh_opens_islamic_state(served_page, seed_server):
    p = served_page(seed_server)
    page = p.open("/")
    assert page.evaluate("window.kgAllNodes.length") == 0
    page.fill("#search", "Daesh")
    wait_until(page, "document.querySelector('#evidence .head') && "
                     "document.querySelector('#evidence .head').textContent === 'Islamic State'")
    assert "Islamic State" in page.inner_text("#hits")
    selected = page.evaluate("window.kgNetwork.getSelectedNodes()")
    assert selected == ["https://w3id.org/kg/id/actor/islamic-state"]
    assert edge_count(page) >= 4  # its neighbours came with it
    wait_until(page, "document.querySelectorAll('#evidence .sentence').length > 0")
    assert "Taliban" in page.inner_text("#evidence")
    assert p.requests == [] and p.errors == [] and p.dialogs == []


def test_clicking_taliban_shows_its_evidence_sentences_in_the_viewport(served_page, seed_server, tmp_path):
    p = served_page(seed_server)
    page = p.open("/?actor=taliban")
    wait_until(page, "window.kgAllNodes.length > 5")
    page.evaluate("() => document.getElementById('evidence-close').click()")
    click_node(page, "Taliban")
    wait_until(page, "document.querySelectorAll('#evidence .sentence').length >= 3")
    assert page.inner_text("#evidence .head") == "Taliban"
    panel = page.inner_text("#evidence")
    assert "coordinatesWith" in panel and "opposes" in panel and "2021-09-02" in panel
    boxes = page.eval_on_selector_all("#evidence .sentence", "els => els.map(e => e.getBoundingClientRect().toJSON())")
    first = boxes[0]
    assert 0 <= first["left"] and first["right"] <= 1280 and 0 <= first["top"] and first["bottom"] <= 800
    page.screenshot(path=str(tmp_path / "explorer.png"))
    assert p.requests == [] and p.errors == [] and p.dialogs == []


def test_expanding_a_neighbour_adds_its_edges(served_page, seed_server):
    p = served_page(seed_server)
    page = p.open("/?actor=taliban")
    wait_until(page, "window.kgAllNodes.length > 5")
    before = set(page.evaluate("window.kgAllEdges.getIds()"))
    click_node(page, "Islamic State")
    wait_until(page, f"window.kgAllEdges.length > {len(before)}")
    added = set(page.evaluate("window.kgAllEdges.getIds()")) - before
    assert "https://w3id.org/kg/id/fact/islamic-state/attacks/afg-cvl/asserted" in added
    assert all("taliban" not in e.split("/fact/")[1].split("/")[::2] for e in added)  # Taliban's own were there
    assert page.evaluate("window.kgNetwork.body.edgeIndices.length") == edge_count(page)  # drawn too
    assert p.requests == [] and p.errors == []


def test_clicking_an_edge_shows_the_hedged_coordination_attributed_to_milley(served_page, seed_server):
    p = served_page(seed_server)
    page = p.open("/?actor=usa")
    show_edge(page, "https://w3id.org/kg/id/fact/usa/coordinatesWith/taliban/hypothetical")
    wait_until(page, "document.querySelectorAll('#evidence .sentence').length === 1")
    panel = page.inner_text("#evidence")
    assert "hypothetical" in panel and "according to Mark Milley" in panel and "possible" in panel
    assert "US Gen. Milley says coordination with Taliban against Daesh likely" in panel
    assert page.locator("#evidence button.more").count() == 0  # one sentence: nothing more to page


@pytest.fixture(scope="module")
def dated_server(start_server, tmp_path_factory):
    """A store of 25 articles, one a week, each stating that the Taliban oppose Islamic State."""
    path = tmp_path_factory.mktemp("serve-dated") / "store"
    actors = {"taliban": Actor("taliban", "Taliban", "ArmedGroup"), "islamic-state": Actor("islamic-state", "Islamic State", "ArmedGroup")}
    with open_store(str(path)) as st:
        for i in range(25):
            sentence = f"On week {i} the Taliban fought Islamic State."
            ex = Extraction(article=Article(id=f"w{i}", text=sentence, title=f"Week {i}",
                                            published=date(2021, 1, 4) + timedelta(weeks=i)), actors=dict(actors))
            ex.claims.append(Claim(source="taliban", relation="opposes", target="islamic-state", modality="asserted",
                                   sentence=sentence, sentence_start=0, sentence_end=len(sentence), start=0, end=10,
                                   confidence=0.8))
            st.put_article(*article_graph(ex))
    return start_server(path)


def test_an_edges_evidence_comes_twenty_at_a_time(served_page, dated_server):
    p = served_page(dated_server)
    page = p.open("/?actor=taliban")
    show_edge(page, "https://w3id.org/kg/id/fact/taliban/opposes/islamic-state/asserted")
    wait_until(page, "document.querySelectorAll('#evidence .sentence').length === 20")
    assert page.inner_text("#evidence button.more") == "more (5 left)"
    sentences = page.eval_on_selector_all("#evidence .sentence", "els => els.map(e => e.textContent)")
    assert sentences[0] == "On week 0 the Taliban fought Islamic State." and len(set(sentences)) == 20
    page.click("#evidence button.more")
    wait_until(page, "document.querySelectorAll('#evidence .sentence').length === 25")
    assert page.locator("#evidence button.more").count() == 0
    assert p.requests == [] and p.errors == []


def test_the_time_slider_narrows_the_window(served_page, dated_server):
    p = served_page(dated_server)
    page = p.open("/?actor=taliban")
    wait_until(page, "window.kgAllEdges.length === 1")
    assert page.inner_text("#date-span") == "2021-01-04 \u2013 2021-06-21"
    assert page.evaluate("window.kgEdges.length") == 1
    # slide the start past the last date: the edge (first and last stated in that span) leaves the view
    page.evaluate("""() => { const s = document.getElementById('slide-from'); s.value = s.max;
        s.dispatchEvent(new Event('input')); }""")
    assert page.input_value("#from") == "2021-06-21" and page.evaluate("window.kgEdges.length") == 1
    page.evaluate("""() => { const s = document.getElementById('slide-to'), f = document.getElementById('slide-from');
        f.value = f.min; f.dispatchEvent(new Event('input')); s.value = +s.min + 10; s.dispatchEvent(new Event('input')); }""")
    assert page.input_value("#to") == "2021-01-14" and page.input_value("#from") == ""
    assert page.evaluate("window.kgEdges.length") == 1  # stated from the first week on
    page.fill("#from", "2021-07-01")
    page.dispatch_event("#from", "change")
    assert page.evaluate("window.kgEdges.length") == 0
    assert p.requests == [] and p.errors == []


def test_hostile_text_in_the_explorer_is_text(served_page, evil_server):
    p = served_page(evil_server)
    page = p.open("/")
    page.fill("#search", "<img")
    wait_until(page, f"document.querySelector('#evidence .head') && document.querySelector('#evidence .head').textContent === {EVIL_NAME!r}")
    wait_until(page, "document.querySelectorAll('#evidence .sentence').length > 0")
    assert EVIL_TEXT in page.inner_text("#evidence")
    assert EVIL_NAME in page.inner_text("#hits")
    assert page.evaluate("window.kgPwned") is None
    assert page.locator("#side img, #evidence img, #graph img").count() == 0
    assert p.dialogs == [] and p.requests == [] and p.errors == []


def test_the_actor_page_in_a_browser(served_page, seed_server):
    p = served_page(seed_server)
    page = p.open("/actor/usa", drawn=False)
    text = page.inner_text("main")
    assert re.search(r"coordinatesWith …\s+1 article\s+Taliban\s+Hypothetical", text)
    hedged = page.locator("li.fact", has_text="Hypothetical").first
    assert "attributed to Mark Milley" in hedged.inner_text()
    page.click("text=Taliban >> nth=0")
    page.wait_for_url("**/actor/taliban")
    assert page.inner_text("h1") == "Taliban"
    assert p.requests == [] and p.errors == [] and p.dialogs == []


def test_the_article_page_highlights_the_coordinated_daily_sentence(served_page, seed_server):
    p = served_page(seed_server)
    key = seed_server.json("/api/evidence?fact=https%3A%2F%2Fw3id.org%2Fkg%2Fid%2Ffact%2Fus-military%2FcoordinatesWith%2Ftaliban%2Fasserted")["items"][0]["article_key"]
    page = p.open(f"/article/{key}", drawn=False)
    mark = page.locator("mark", has_text="coordinated daily")
    assert mark.count() == 1
    assert "United States Armed Forces coordinatesWith Taliban" in mark.get_attribute("title")
    background = mark.evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    stated = page.locator(".text .stated", has_text="U.S. military")
    assert stated.count() >= 1  # the rest of the sentence shaded
    assert p.requests == [] and p.errors == [] and p.dialogs == []


def test_hostile_text_on_the_pages_runs_nothing(served_page, evil_server):
    p = served_page(evil_server)
    for path in ("/actor/evil-commander", "/article/evil-article", "/actor/taliban", "/queries/opposes"):
        page = p.open(path, drawn=False)
        assert page.evaluate("window.kgPwned") is None, path
        assert page.locator("main img").count() == 0, path
    assert EVIL_NAME in page.inner_text("main") or path == "/queries/opposes"
    assert p.dialogs == [] and p.requests == [] and p.errors == []
