"""`kg serve`'s pages and JSON, read over HTTP from the running server: actor
and article pages of the seed, the named queries, the explorer's data, and
hostile text from an article shown as text everywhere."""
from __future__ import annotations

import html
import json
import re
import urllib.parse

import pytest

from .conftest import EVIL_NAME, EVIL_TEXT

FACT = "https://w3id.org/kg/id/fact/usa/coordinatesWith/taliban/hypothetical"


def visible(page: str) -> str:
    """The text of an HTML page, tags out and entities read, spaces folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_search_by_alias_finds_the_actor(seed_server):
    found = seed_server.json("/api/search?q=Daesh")
    assert [a["label"] for a in found][:1] == ["Islamic State"]
    assert "Daesh" in found[0]["aliases"] and found[0]["type"] == "ArmedGroup" and found[0]["articles"] == 1
    assert seed_server.json("/api/search?q=" + urllib.parse.quote("no such actor")) == []


def test_neighbours_are_the_actors_strongest_facts_with_stable_ids(seed_server):
    data = seed_server.json("/api/neighbours?actor=taliban")
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels["https://w3id.org/kg/id/actor/taliban"] == "Taliban"
    edges = {(labels[e["from"]], e["relation"], labels[e["to"]], e["modality"]) for e in data["edges"]}
    assert ("United States", "coordinatesWith", "Taliban", "hypothetical") in edges
    assert ("Taliban", "opposes", "Islamic State", "asserted") in edges
    assert FACT in {e["id"] for e in data["edges"]}
    dates = {(e["relation"], e["firstDate"]) for e in data["edges"]}
    assert ("coordinatesWith", "2021-09-02") in dates and ("meetsWith", "2020-12-01") in dates  # events' own time
    again = seed_server.json("/api/neighbours?actor=taliban")
    assert [e["id"] for e in again["edges"]] == [e["id"] for e in data["edges"]]
    assert len(seed_server.json("/api/neighbours?actor=taliban&limit=3")["edges"]) == 3
    status, _, body = seed_server.request("/api/neighbours?actor=nobody-at-all")
    assert status == 404 and b"nobody-at-all" in body


def test_evidence_of_the_hedged_coordination(seed_server):
    ev = seed_server.json("/api/evidence?fact=" + urllib.parse.quote(FACT))
    assert ev["total"] == 1 and ev["relation"] == "coordinatesWith" and ev["modality"] == "hypothetical"
    item = ev["items"][0]
    assert "possible" in item["sentence"] and item["attributed_to"] == "Mark Milley"
    assert item["title"] == "US Gen. Milley says coordination with Taliban against Daesh likely"
    assert item["date"] == "2021-09-02" and 0 < item["confidence"] < 1
    status, _, _ = seed_server.request("/api/evidence?fact=urn:not-a-fact")
    assert status == 404


def test_the_actor_page_lists_the_hedged_us_taliban_coordination_as_hypothetical_attributed_to_milley(seed_server):
    page = visible(seed_server.text("/actor/taliban"))
    assert "Taliban" in page and "ArmedGroup" in page and "Taleban" in page
    assert "de facto government of Afghanistan" in page and "2021-08-15" in page  # a dated role, from the gazetteer
    group = page[page.index("… coordinatesWith Taliban"):page.index("Timeline")]
    group = group[:group.index("…", 1)] if "…" in group[1:] else group
    assert group.startswith("… coordinatesWith Taliban 1 article") and "United States Hypothetical 1 article" in group
    timeline = page[page.index("Timeline"):]
    assert "United States coordinatesWith Taliban Hypothetical" in timeline
    hedged = timeline[timeline.index("United States coordinatesWith Taliban Hypothetical"):][:600]
    assert "possible" in hedged and "attributed to Mark Milley" in hedged and "Hypothetical" in hedged
    raw = seed_server.text("/actor/taliban")
    assert 'href="/actor/usa"' in raw and 'href="/actor/islamic-state"' in raw
    status, _, body = seed_server.request("/actor/nobody-at-all", headers={"Accept": "text/html"})
    assert status == 404 and b"nobody-at-all" in body


def test_the_actor_timeline_pages(seed_server):
    first = visible(seed_server.text("/actor/taliban"))
    total = int(re.search(r"Timeline (\d+) days? of claims and events", first).group(1))
    assert total == 3  # the article's date, and the 2001 war and the 2020 meeting it tells of
    assert re.search(r"Timeline .* 2001-01-01 US Gen. Milley .* fought against them .* 2020-12-01 US Gen. Milley "
                     r".* Meeting \(participant\).* 2021-09-02 US Gen. Milley", first)
    assert "later" not in first.split("Timeline")[1]  # twenty a page
    second = visible(seed_server.text("/actor/taliban?offset=1"))
    assert "earlier" in second and "2001-01-01" not in second.split("Timeline")[1] and "2020-12-01" in second


def article_key(server) -> str:
    rows = server.json("/api/status")
    assert rows["articles"] >= 1
    found = json.loads(server.get("/sparql?query=" + urllib.parse.quote(
        "SELECT ?a WHERE { GRAPH ?g { ?a a <https://w3id.org/kg/ontology#Article> } } ORDER BY ?a LIMIT 1")))
    return found["results"]["bindings"][0]["a"]["value"].rsplit("/", 1)[-1]


def test_the_article_page_marks_the_coordinated_daily_claim_with_its_coding(seed_server):
    raw = seed_server.text(f"/article/{article_key(seed_server)}")
    marks = re.findall(r'<mark title="([^"]*)">(.*?)</mark>', raw, re.S)
    daily = [(t, m) for t, m in marks if "coordinated daily" in m]
    assert daily, [m for _, m in marks]
    coding = html.unescape(daily[0][0])
    assert "United States Armed Forces coordinatesWith Taliban" in coding and "Asserted" in coding
    assert "COOPERATE" in coding and "CAMEO 062" in coding
    text = visible(raw)
    assert "US Gen. Milley says coordination with Taliban against Daesh likely" in text
    # what kg remove would take out: its graph, and the facts and actors no other article has
    assert re.search(r"The article's graph: \d+ triples, its \d+ claims and \d+ events", text)
    assert "Facts no other article states, which would be gone:" in text
    assert "United States coordinatesWith Taliban Hypothetical" in text
    status, _, _ = seed_server.request("/article/no-such-article", headers={"Accept": "text/html"})
    assert status == 404


def test_named_queries_as_pages_and_json(seed_server):
    listing = visible(seed_server.text("/queries"))
    assert "coordinates-with" in listing and "Who coordinates or cooperates with whom" in listing
    table = visible(seed_server.text("/queries/coordinates-with"))
    assert "United States Armed Forces coordinatesWith Taliban Asserted" in table
    data = seed_server.json("/queries/coordinates-with?format=json")
    rows = {(r["source"], r["target"], r["modality"]) for r in data["rows"]}
    assert ("United States", "Taliban", "Hypothetical") in rows and data["truncated"] is False
    status, _, _ = seed_server.request("/queries/no-such-query", headers={"Accept": "text/html"})
    assert status == 404


def test_pages_forbid_requests_outside_the_server_and_framing(seed_server):
    for path in ("/actor/taliban", f"/article/{article_key(seed_server)}", "/queries", "/api/search?q=tal", "/"):
        _, headers, _ = seed_server.request(path)
        policy = headers["content-security-policy"]
        assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy, path
        assert "http" not in policy.replace("https://", "")  # no other origin named
        assert headers["x-content-type-options"] == "nosniff"


EVIL_PAGES = ["/actor/evil-commander", "/actor/taliban", "/queries/opposes", "/queries/coordinates-with"]


def test_hostile_text_is_text_on_every_page(evil_server):
    key = article_key(evil_server)
    keys = [b["a"]["value"].rsplit("/", 1)[-1] for b in json.loads(evil_server.get("/sparql?query=" + urllib.parse.quote(
        "SELECT ?a WHERE { GRAPH ?g { ?a a <https://w3id.org/kg/ontology#Article> } }")))["results"]["bindings"]]
    assert key in keys and "evil-article" in keys
    pages = EVIL_PAGES + [f"/article/{k}" for k in keys]
    for path in pages:
        raw = evil_server.text(path)
        assert "<img src=x" not in raw and "<script>window.kgPwned" not in raw and "<b onmouseover" not in raw, path
    # and the hostile text is there, as text
    shown = visible(evil_server.text("/actor/evil-commander"))
    assert EVIL_NAME in shown
    article = visible(evil_server.text("/article/evil-article"))
    assert EVIL_TEXT in article and EVIL_NAME in article
    # JSON carries it as data, with a type no browser renders as a page
    status, headers, body = evil_server.request("/api/search?q=" + urllib.parse.quote("<img"))
    assert status == 200 and headers["content-type"] == "application/json"
    assert json.loads(body)[0]["label"] == EVIL_NAME


@pytest.mark.parametrize("path", ["/actor/%3Cimg%20src%3Dx%3E", "/article/%3C%2Fscript%3E", "/queries/%3Cb%3E"])
def test_hostile_names_in_the_address_are_text_too(evil_server, path):
    status, _, body = evil_server.request(path, headers={"Accept": "text/html"})
    assert status == 404 and b"<img" not in body and b"</script>" not in body and b"<b>" not in body
