"""The imported PETRARCH-2 verb patterns under the curated frames, on sentences written for
these tests: verb-object patterns, prepositional targets, "---" phrases, the crosswalk to
PLOVER and the table to kg relations (ontology/imported.yaml)."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from .conftest import claim, triples

REPO = Path(__file__).resolve().parents[2]


def test_verb_object_pattern_codes_the_phrase(extract_text):
    ex = extract_text("Syria halted aid to Lebanon on Monday.")
    c = claim(ex, "syr", "sanctions", "lbn")  # "halt aid": CAMEO 162, reduce or stop aid
    assert (c.cameo, c.plover, c.plover_mode) == ("162", "SANCTION", "discontinue")
    assert c.trigger == "halted"


def test_pattern_names_where_the_target_stands(extract_text):
    ex = extract_text("Israeli gunboats fired rockets into Lebanon.")
    c = claim(ex, "isr-mil", "attacks", "lbn")  # "fire rocket (into +)": 194, heavy weapons
    assert (c.cameo, c.plover_mode) == ("194", "heavy-weapons")


def test_class_of_words_in_a_prepositional_phrase(extract_text):
    ex = extract_text("Hezbollah pelted Israel with rockets.")
    c = claim(ex, "hezbollah", "attacks", "isr")  # "(with &WEAPON)"
    assert c.cameo == "194"


def test_curated_frames_stay_on_top(extract_text):
    ex = extract_text("Russia fought Ukraine.")
    assert ("rus", "fightsAgainst", "ukr") in triples(ex)  # relations.yaml, not the imported "attacks"
    assert ("rus", "attacks", "ukr") not in triples(ex)
    assert claim(ex, "rus", "fightsAgainst", "ukr").cameo == "190"


def test_a_phrase_coded_no_event_states_nothing(nlp):
    from kg.extract.lexicon import Lexicon

    verbs = Lexicon.load().imported
    ship, poland = nlp("Germany abandoned ship."), nlp("Germany abandoned Poland.")
    assert verbs.match(ship[1]) is None  # "abandon ship" is coded ---
    m = verbs.match(poland[1])  # the verb's own code applies
    assert (m.cameo, m.plover, m.relation, m.pattern) == ("080", "CONCEDE", "concedes", "")


def test_a_pattern_noun_is_the_head_of_the_object(nlp):
    from kg.extract.lexicon import Lexicon

    doc = nlp("The army carried out a drone strike.")
    m = Lexicon.load().imported.match(doc[2])
    assert m is None or "&AIRCRAFT" not in m.pattern  # a strike was carried out, not a drone


def test_a_default_code_needs_the_actor_as_direct_object(extract_text):
    ex = extract_text("Iran condemned the Saudi strikes, calling them a crime against Yemen.")
    assert not [c for c in ex.claims if c.trigger == "calling"]  # "call" (041) with a complement: no meeting


def test_the_relation_table_is_data(tmp_path, monkeypatch, nlp):
    from kg.extract import extract_articles
    from kg.model import Article

    table = tmp_path / "imported.yaml"
    shutil.copy(REPO / "ontology" / "imported.yaml", table)
    monkeypatch.setenv("KG_ONTOLOGY", str(tmp_path))

    def relations():
        art = Article(id="t", text="Syria halted aid to Lebanon.", published=date(2024, 1, 1))
        return {c.relation for c in next(extract_articles([art], nlp)).claims}

    assert relations() == {"sanctions"}
    table.write_text(table.read_text(encoding="utf-8").replace("SANCTION: sanctions", "SANCTION: coerces"),
                     encoding="utf-8")
    assert relations() == {"coerces"}


def test_a_table_naming_an_unknown_relation_fails_with_the_file(tmp_path, monkeypatch):
    from kg.errors import DataFileError
    from kg.extract.lexicon import Lexicon

    (tmp_path / "imported.yaml").write_text("relations:\n  ASSAULT: bombs\n", encoding="utf-8")
    monkeypatch.setenv("KG_ONTOLOGY", str(tmp_path))
    with pytest.raises(DataFileError, match="imported.yaml.*bombs"):
        Lexicon.load()


@pytest.mark.parametrize("word,token,matches", [("restor", "restored", True), ("restor", "restoration", False),
                                                ("afghani", "afghanistan", False), ("aid", "aids", False),
                                                ("aid", "aid", True)])
def test_stems(word, token, matches):
    from kg.extract.imported import _word

    assert _word(word, token, token) is matches


def test_a_phrase_coded_no_event_vetoes_the_curated_frame(extract_text):
    seized = extract_text("Egyptian police seized heroin in Cairo.")  # "seize drug/heroin" is coded ---
    assert not [e for e in seized.events if e.trigger == "seized"] and not seized.claims
    ex = extract_text("Egyptian police seized a Hamas commander in Cairo.")
    assert ("egy-cop", "coerces", "hamas") in triples(ex)


def test_a_bare_preposition_of_a_pattern_holds_the_target(extract_text):
    # "fly (to)": the target is where they flew; the plane they flew in is no party
    ex = extract_text("Egypt's foreign minister flew back to Cairo in a Jordanian plane.")
    assert not [c for c in ex.claims if c.trigger == "flew"]
