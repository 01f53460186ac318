"""kg.lookup: one actor lookup for every command, query parameter and view."""
from __future__ import annotations

import pytest

from kg.lookup import ActorName, AmbiguousActor, UnknownActor, actor_names, find_actor, find_actors, match_actors
from kg.rdf import article_graph
from kg.store import open_store


@pytest.fixture(scope="module")
def store(seed_extraction):
    st = open_store(":memory:")
    st.put_article(*article_graph(seed_extraction))
    yield st
    st.close()


@pytest.mark.parametrize("name", ["Islamic State", "islamic state", "Daesh", "DAESH", "ISIL", "Da'esh",
                                  "islamic-state", "kgr:actor/islamic-state",
                                  "https://w3id.org/kg/id/actor/islamic-state"])
def test_a_label_alias_id_or_iri_in_any_case_finds_the_actor(store, name):
    assert find_actor(store, name).iri == "https://w3id.org/kg/id/actor/islamic-state"


def test_dots_spaces_and_a_leading_the_do_not_matter(store):
    assert find_actor(store, "the U.S.  military").label == "United States Armed Forces"
    assert find_actor(store, "us military").label == "United States Armed Forces"
    assert find_actor(store, "Taliban").id == "taliban"


def test_a_word_of_the_name_finds_an_actor_when_it_is_the_only_one(store):
    assert find_actor(store, "milley").label == "Mark Milley"


def test_an_ambiguous_name_lists_the_candidates_with_their_ids(store):
    with pytest.raises(AmbiguousActor) as caught:
        find_actor(store, "Islamic")
    message = str(caught.value)
    assert "Islamic State (id islamic-state)" in message and "Islamic State Khorasan Province (id isis-k)" in message
    assert {a.id for a in caught.value.candidates} >= {"islamic-state", "isis-k"}
    # each candidate's id then finds it alone
    assert find_actor(store, "isis-k").label == "Islamic State Khorasan Province"


def test_an_unknown_name_suggests_close_names(store):
    with pytest.raises(UnknownActor, match=r"no actor named 'Talibn' in the store; did you mean Taliban"):
        find_actor(store, "Talibn")
    assert find_actors(store, "Nobody at all") == []


def test_the_store_gives_every_actor_with_its_aliases(store):
    by_id = {a.id: a for a in actor_names(store)}
    assert "Daesh" in by_id["islamic-state"].aliases and by_id["islamic-state"].label == "Islamic State"
    assert len(by_id) == len(store.query("SELECT DISTINCT ?a WHERE { GRAPH ?g { ?a a ?t ; "
                                         "<https://w3id.org/kg/ontology#inGazetteer> ?k } }"))


def test_an_exact_name_wins_over_word_matches():
    taliban = ActorName("urn:taliban", "Taliban")
    civilians = ActorName("urn:taliban-cvl", "Taliban (civilians)")
    assert match_actors("taliban", [taliban, civilians]) == [taliban]
    assert match_actors("civilians", [taliban, civilians]) == [civilians]
