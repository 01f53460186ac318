"""kg.serve.explore on a store of hand-made articles: what each explorer
question answers, its order and its paging."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from kg.errors import NotFoundError
from kg.model import Actor, Article, Claim, Event, Extraction
from kg.rdf import article_graph
from kg.rdf.iri import fact_iri
from kg.serve import explore
from kg.store import open_store

ACTORS = {
    "taliban": Actor("taliban", "Taliban", "ArmedGroup", country="AFG", sector="REB", aliases=("Taleban",)),
    "islamic-state": Actor("islamic-state", "Islamic State", "ArmedGroup", aliases=("Daesh", "IS")),
    "usa": Actor("usa", "United States", "Country", country="USA", aliases=("U.S.",)),
    "talib-jan": Actor("talib-jan", "Talib Jan", "Person", country="AFG"),
    "qatar": Actor("qatar", "Qatar", "Country", country="QAT"),
}


def article(i: int, claims: list[tuple], *, day: int = 0, events: list[tuple] = ()) -> Extraction:
    """Article ``a{i}`` published on day ``day`` of September 2021 stating ``claims`` (s, relation, o, modality)."""
    sentences = [f"{ACTORS[s].label} {r} {ACTORS[o].label} ({m})." for s, r, o, m in claims]
    text = " ".join(sentences) or "Nothing happened."
    ex = Extraction(article=Article(id=f"a{i}", text=text, title=f"Article {i}",
                                    published=date(2021, 9, 1) + timedelta(days=day)))
    pos = 0
    for (s, r, o, m), sentence in zip(claims, sentences):
        ex.actors[s], ex.actors[o] = ACTORS[s], ACTORS[o]
        ex.claims.append(Claim(source=s, relation=r, target=o, modality=m, sentence=sentence, sentence_start=pos,
                               sentence_end=pos + len(sentence), start=pos, end=pos + len(ACTORS[s].label),
                               confidence=0.7, trigger=r, attributed_to="usa" if m == "reported" else None))
        pos += len(sentence) + 1
    for j, (kind, agent, when) in enumerate(events):
        ex.actors[agent] = ACTORS[agent]
        ex.events.append(Event(key=f"a{i}-e{j}", type=kind, trigger=kind.lower(), sentence=text[:40], start=0, end=5,
                               agents=[agent], date=when))
    return ex


@pytest.fixture(scope="module")
def store():
    st = open_store(":memory:")
    opposes = ("taliban", "opposes", "islamic-state", "asserted")
    for i in range(30):  # the strongest fact: 30 articles, one a day
        st.put_article(*article_graph(article(i, [opposes], day=i)))
    for i in range(30, 35):
        st.put_article(*article_graph(article(i, [("usa", "coordinatesWith", "taliban", "hypothetical"),
                                    ("usa", "coordinatesWith", "taliban", "hypothetical")], day=40 + i)))
    st.put_article(*article_graph(article(35, [("talib-jan", "meetsWith", "taliban", "asserted"),
                                 ("qatar", "supports", "taliban", "reported")], day=3,
                            events=[("Meeting", "taliban", "2021-08-30")])))
    yield st
    st.close()


def test_search_puts_exact_names_first_then_prefixes_then_the_rest(store):
    assert [a["label"] for a in explore.Explorer(store).search("taliban")] == ["Taliban"]
    assert [a["label"] for a in explore.Explorer(store).search("tali")] == ["Taliban", "Talib Jan"]
    assert [a["label"] for a in explore.Explorer(store).search("daesh")] == ["Islamic State"]  # by alias
    found = explore.Explorer(store).search("a")
    assert {a["label"] for a in found} == {a.label for a in ACTORS.values()}
    assert found[0]["articles"] >= found[-1]["articles"]


def test_an_actor_no_article_names_any_more_is_not_found():
    with open_store(":memory:") as st:
        st.put_article(*article_graph(article(1, [("qatar", "supports", "taliban", "asserted")])))
        st.remove_article("a1")
        assert explore.Explorer(st).search("qatar") == []


def test_the_neighbourhood_is_the_strongest_facts_first(store):
    g = explore.Explorer(store).neighbourhood("taliban")
    weights = [(d["relation"], d["modality"], d["weight"], d["first_date"], d["last_date"])
               for _, _, d in g.edges(data=True)]
    assert weights[0] == ("opposes", "asserted", 30, "2021-09-01", "2021-09-30")
    assert ("coordinatesWith", "hypothetical", 5, "2021-11-10", "2021-11-14") in weights
    assert g.nodes["https://w3id.org/kg/id/actor/taliban"]["articles"] == 36
    assert [d["relation"] for _, _, d in explore.Explorer(store).neighbourhood("taliban", limit=1).edges(data=True)] == ["opposes"]


def test_evidence_pages_the_claims_of_a_fact_oldest_first(store):
    fact = str(fact_iri("taliban", "opposes", "islamic-state", "asserted"))
    first = explore.Explorer(store).evidence(fact, limit=20)
    assert first["total"] == 30 and len(first["items"]) == 20
    rest = explore.Explorer(store).evidence(fact, offset=20, limit=20)
    assert len(rest["items"]) == 10
    dates = [i["date"] for i in first["items"] + rest["items"]]
    assert dates == sorted(dates) and len(set(i["claim"] for i in first["items"] + rest["items"])) == 30
    assert first["items"][0]["title"] == "Article 0" and first["items"][0]["modality"] == "asserted"
    twice = explore.Explorer(store).evidence(str(fact_iri("usa", "coordinatesWith", "taliban", "hypothetical")))
    assert twice["total"] == 10  # two claims in each of five articles
    with pytest.raises(NotFoundError):
        explore.Explorer(store).evidence("https://w3id.org/kg/id/actor/taliban")


def test_the_actor_page_groups_facts_by_relation_and_direction(store):
    page = explore.Explorer(store).actor_page("taliban")
    assert page["label"] == "Taliban" and page["articles"] == 36 and "Taleban" in page["aliases"]
    groups = {(g["relation"], g["outgoing"]): g for g in page["relations"]}
    assert groups[("opposes", True)]["articles"] == 30
    assert groups[("coordinatesWith", False)]["facts"][0]["other"]["label"] == "United States"
    assert groups[("coordinatesWith", False)]["facts"][0]["modality"] == "hypothetical"
    assert groups[("supports", False)]["facts"][0]["articles"] == 1
    assert page["relations"][0]["relation"] == "opposes"  # the group of most articles first
    with pytest.raises(NotFoundError):
        explore.Explorer(store).actor_page("nobody")


def test_the_timeline_holds_days_of_facts_and_events_by_date_and_pages(store):
    first = explore.Explorer(store).actor_timeline("taliban", limit=5)
    assert first["total"] == 30 + 5 + 2  # a day in each article, two in a35: its claims' and the meeting's
    assert [e["date"] for e in first["entries"]][:2] == ["2021-08-30", "2021-09-01"]
    meeting = first["entries"][0]
    assert meeting["title"] == "Article 35" and meeting["facts"] == []
    assert [(ev["type"], ev["role"]) for ev in meeting["events"]] == [("Meeting", "agent")]
    everything = explore.Explorer(store).actor_timeline("taliban", limit=100)["entries"]
    assert len(everything) == first["total"]
    assert [e["date"] for e in everything] == sorted(e["date"] for e in everything)
    a35 = next(e for e in everything if e["title"] == "Article 35" and e["facts"])
    reported = next(f for f in a35["facts"] if f["modality"] == "reported")
    assert reported["source"]["label"] == "Qatar" and reported["claims"][0]["attributed_to"] == "United States"
    assert a35["events"] == []  # the meeting is on its own day
    twice = next(e for e in everything if e["title"] == "Article 30")
    assert [len(f["claims"]) for f in twice["facts"]] == [2]
    page2 = explore.Explorer(store).actor_timeline("taliban", offset=5, limit=5)["entries"]
    assert page2 == everything[5:10]


def test_the_article_page_says_what_removing_it_takes_out(store):
    page = explore.Explorer(store).article_page("a35")
    assert page["title"] == "Article 35" and len(page["claims"]) == 2 and len(page["events"]) == 1
    assert "".join(s["text"] for s in page["segments"]) == page["text"]
    marked = [s["text"] for s in page["segments"] if s["in_span"]]
    assert marked == ["Talib Jan", "Qatar"]
    gone = {(f["source"]["label"], f["relation"], f["articles"]) for f in page["removal"]["facts"]}
    assert gone == {("Talib Jan", "meetsWith", 1), ("Qatar", "supports", 1)}
    alone = {a["label"] for a in page["removal"]["actors"] if a["articles"] == 1}
    assert alone == {"Talib Jan", "Qatar"}
    kept = explore.Explorer(store).article_page("a3")["removal"]["facts"]
    assert [(f["relation"], f["articles"]) for f in kept] == [("opposes", 30)]
    with pytest.raises(NotFoundError):
        explore.Explorer(store).article_page("no-such-article")
