"""What the shipped lexicons say, read through kg.petrarch: the facts a fallback coder relies on."""
from __future__ import annotations

from datetime import date

from kg import petrarch
from kg.petrarch import actor_names, agent_nouns, crosswalk, verb_patterns

from .conftest import SHIPPED


def object_codes(verb: str, noun: str) -> set[str]:
    """CAMEO codes of the verb's patterns whose object phrase has ``noun`` as its head."""
    return {p.code for p in verb_patterns(verb) if any(noun in o.head for o in p.objects) and not p.preps}


def test_verb_object_patterns_keep_cameo_codes_and_cross_to_plover():
    assert "162" in object_codes("halt", "aid")
    assert crosswalk("162")[:2] == ("SANCTION", "discontinue")
    assert object_codes("close", "embassy") == {"161"}
    assert crosswalk("161")[:2] == ("SANCTION", "withdraw")
    assert object_codes("block", "road") == {"144"}
    assert crosswalk("144")[:2] == ("PROTEST", "obstruct")
    assert object_codes("cancel", "visit") == {"160", "161"}   # lemma "cancel" is in the synset "revoke"
    assert crosswalk("160").plover_type == "SANCTION"


def test_patterns_with_a_word_class_and_a_paired_code():
    [halt_weapons] = [p for p in verb_patterns("stop") if p.after_text == "&WEAPON"]
    assert "rifle" in halt_weapons.objects[0].head and halt_weapons.code == "087"
    [visit] = [p for p in verb_patterns("end") if p.after_text == "visit"]
    assert (visit.code, visit.reverse_code) == ("042", "043")


def test_crosswalk_of_the_listed_leaves():
    assert crosswalk("057").plover_type == "AGREE"
    assert crosswalk("087").plover_type == "RETREAT" and crosswalk("0871").plover_mode == "ceasefire"
    assert crosswalk("080").plover_type == "CONCEDE"
    assert crosswalk("042") == ("CONSULT", "visit", 1, 4.0)
    assert crosswalk("1831") == ("ASSAULT", "suicide-attack", 4, -9.5)
    assert crosswalk("195")[:2] == ("ASSAULT", "aerial") and crosswalk("145")[:2] == ("PROTEST", "riot")
    assert crosswalk("173")[:2] == ("COERCE", "arrest") and crosswalk("1721")[:2] == ("COERCE", "censor")
    assert crosswalk("010").plover_type is None and crosswalk("010").quad_class == 1
    assert [crosswalk(root).quad_class for root in ("05", "06", "08", "09", "13", "14", "20")] == [1, 2, 2, 3, 3, 4, 4]


def test_every_code_of_the_lexicons_crosses_to_plover():
    codes = {c for v in petrarch.verb_lexicon().patterns.values() for p in v for c in (p.code, p.reverse_code) if c}
    assert len(codes) > 200
    for code in codes:
        assert crosswalk(code).quad_class in (1, 2, 3, 4), code


def test_erdogan_is_one_turkish_person_with_roles_over_time():
    [erdogan] = actor_names("Erdogan")
    assert erdogan.kind == "person" and "recep tayyip erdoğan" in erdogan.names
    assert actor_names("Recep Tayyip Erdogan") == (erdogan,)
    assert [c.code for c in erdogan.codes_on(date(2010, 6, 1))] == ["TURGOV"]
    assert [c.code for c in erdogan.codes_on(date(1990, 6, 1))] == ["TURELI"]
    assert erdogan.countries() == ("TUR",)


def test_international_organisations_and_armed_groups():
    [un] = actor_names("United Nations")
    assert un.kind == "organisation" and un.countries() == ("IGO",)
    [taliban] = actor_names("Taliban")
    assert taliban.kind == "armed_group" and taliban.countries() == ("AFG",)
    assert {a.kind for a in actor_names("ISIS")} == {"armed_group"}


def test_cities_are_places_of_their_country_not_actors():
    [kabul] = actor_names("Kabul")
    assert kabul.kind == "place" and kabul.countries() == ("AFG",)
    [afghanistan] = actor_names("Afghanistan")
    assert afghanistan.kind == "country" and "afghan" in afghanistan.names and "kabul" not in afghanistan.names
    assert {a.kind for a in actor_names("London")} == {"place"}
    assert {a.kind for a in actor_names("British")} == {"country"}


def test_agent_nouns_and_discards():
    assert [a.sectors for a in agent_nouns("police")] == [("COP",)]
    assert [a.sectors for a in agent_nouns("policemen")] == [("COP",)]
    assert [a.prefix for a in agent_nouns("peacekeeping troops")] == ["IGO"]
    assert ("manchester united", "story") in petrarch.discards()


def test_counts_sizes_and_headers():
    assert len(petrarch.verb_lexicon().by_word) > 1500
    kinds = {kind: sum(a.kind == kind for a in petrarch.actors()) for kind in petrarch.ACTOR_KINDS}
    assert kinds["country"] > 200 and kinds["person"] > 15000 and kinds["place"] > 3000
    assert sum(len(a.names) for a in petrarch.actors()) > 30000
    assert len(petrarch.agents()) > 3000
    assert sum(p.stat().st_size for p in SHIPPED.iterdir()) < 8_000_000
    for path in SHIPPED.glob("*.tsv"):
        head = path.read_text(encoding="utf-8")[:1000]
        assert "openeventdata/petrarch2, commit 676801c" in head and "MIT licence" in head, path.name
        assert "python scripts/import_petrarch.py ../shared/lexicons/petrarch2 -o ontology/lexicons/petrarch" in head
