"""The fact index each article graph holds (kg.rdf.mapping, read by
kg.serve.explore.fact_counts): the counts and dates it gives are those of the
articles in the store, whatever was added, rebuilt or removed before, and
with two writers on one SPARQL server at once."""
from __future__ import annotations

import threading
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.model import Actor, Article, Claim, Extraction
from kg.rdf import article_graph
from kg.serve.explore import fact_counts
from kg.store import open_store

ACTORS = {k: Actor(k, label, kind, country=country, aliases=aliases) for k, label, kind, country, aliases in [
    ("taliban", "Taliban", "ArmedGroup", "AFG", ("Taleban",)),
    ("islamic-state", "Islamic State", "ArmedGroup", None, ("Daesh", "IS")),
    ("usa", "United States", "Country", "USA", ()),
]}
RELATIONS = ["opposes", "coordinatesWith", "attacks"]
MODALITIES = ["asserted", "negated", "hypothetical"]


def extraction(article_id: str, day: int, claims: list[tuple]) -> Extraction:
    """An article of ``claims`` (subject, relation, object, modality), published on day ``day`` of 2021."""
    text = " ".join(f"{s} {r} {o}." for s, r, o, _ in claims) or "Nothing."
    ex = Extraction(article=Article(id=article_id, text=text, published=date(2021, 1, 1) + timedelta(days=day)))
    pos = 0
    for s, r, o, m in claims:
        ex.actors[s], ex.actors[o] = ACTORS[s], ACTORS[o]
        sentence = f"{s} {r} {o}."
        ex.claims.append(Claim(source=s, relation=r, target=o, modality=m, sentence=sentence, sentence_start=pos,
                               sentence_end=pos + len(sentence), start=pos, end=pos + len(sentence), confidence=0.8))
        pos += len(sentence) + 1
    return ex


def expected_facts(articles: dict[str, tuple[int, list]]) -> list[tuple]:
    """What fact_counts should say of these articles ({id: (day, claims)}), computed here from the claims."""
    facts: dict[tuple, tuple[set, set]] = {}
    for article_id, (day, claims) in articles.items():
        for s, r, o, m in claims:
            ids, days = facts.setdefault((s, r, o, m), (set(), set()))
            ids.add(article_id)
            days.add((date(2021, 1, 1) + timedelta(days=day)).isoformat())
    return sorted((*key, len(ids), min(days), max(days)) for key, (ids, days) in facts.items())


pairs = st.sampled_from([(s, o) for s in ACTORS for o in ACTORS if s != o])
claim = st.tuples(pairs, st.sampled_from(RELATIONS), st.sampled_from(MODALITIES)).map(
    lambda t: (t[0][0], t[1], t[0][1], t[2]))
operation = st.one_of(
    st.tuples(st.just("put"), st.integers(0, 4), st.integers(0, 60), st.lists(claim, max_size=4)),
    st.tuples(st.just("remove"), st.integers(0, 4)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operation, min_size=1, max_size=12))
def test_counts_and_dates_are_those_of_the_articles_in_the_store_after_any_adds_rebuilds_and_removals(operations):
    articles: dict[str, tuple[int, list]] = {}
    with open_store(":memory:") as store:
        for op in operations:
            if op[0] == "put":
                _, i, day, claims = op
                store.put_article(*article_graph(extraction(f"a{i}", day, claims)))
                articles[f"a{i}"] = (day, claims)
            else:
                store.remove_article(f"a{op[1]}")
                articles.pop(f"a{op[1]}", None)
        assert fact_counts(store) == expected_facts(articles)


def test_a_rebuilt_article_moves_its_fact_and_a_removed_one_takes_its_dates_along():
    with open_store(":memory:") as store:
        for i, day in enumerate((10, 3, 30)):
            store.put_article(*article_graph(extraction(f"a{i}", day, [("taliban", "opposes", "islamic-state", "asserted")] * 2)))
        assert fact_counts(store) == [("taliban", "opposes", "islamic-state", "asserted", 3, "2021-01-04", "2021-01-31")]
        store.put_article(*article_graph(extraction("a2", 30, [("taliban", "opposes", "islamic-state", "negated")])))
        store.remove_article("a1")
        assert fact_counts(store) == [("taliban", "opposes", "islamic-state", "asserted", 1, "2021-01-11", "2021-01-11"),
                                      ("taliban", "opposes", "islamic-state", "negated", 1, "2021-01-31", "2021-01-31")]




def test_the_seeds_hedged_coordination_is_a_fact_of_its_own(seed_graph):
    with open_store(":memory:") as store:
        store.put_article(*seed_graph)
        facts = fact_counts(store)
        assert ("usa", "coordinatesWith", "taliban", "hypothetical", 1, "2021-09-02", "2021-09-02") in facts
        assert ("us-military", "coordinatesWith", "taliban", "asserted", 1, "2021-09-02", "2021-09-02") in facts
        # the 2020 meeting the article tells of is dated by its own time
        assert ("mark-milley", "meetsWith", "taliban", "asserted", 1, "2020-12-01", "2020-12-01") in facts


def test_two_writers_at_once_on_one_server_lose_no_count(server):
    """Two threads, each with its own connection, write articles stating the
    same facts into one SPARQL server at once: every article is counted."""
    claims = [("taliban", "opposes", "islamic-state", "asserted"), ("usa", "attacks", "taliban", "asserted")]

    def write(first: int):
        with open_store(server) as store:
            for i in range(first, first + 12):
                store.put_article(*article_graph(extraction(f"w{i}", i, claims)))

    writers = [threading.Thread(target=write, args=(n,)) for n in (0, 100)]
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    written = {f"w{i}": (i, claims) for i in [*range(12), *range(100, 112)]}
    with open_store(server) as store:
        assert fact_counts(store) == expected_facts(written)
        assert fact_counts(store)[0][4] == 24
        for i in range(100, 112):
            store.remove_article(f"w{i}")
        assert fact_counts(store) == expected_facts({k: v for k, v in written.items() if v[0] < 100})
