"""Who the actors are (kg.extract.actors over the gazetteer and the imported lexicons),
on sentences written for these tests: each mechanism, and one thing it must not do."""
from __future__ import annotations

import shutil
from datetime import date

import pytest

from .conftest import REPO


def by_label(ex, *words) -> dict:
    """{key: Actor} of the actors whose label or mentions contain one of ``words``."""
    out = {}
    for key, a in ex.actors.items():
        names = [a.label, *a.aliases, *(m.text for m in ex.mentions if m.actor == key)]
        if any(w.lower() in n.lower() for w in words for n in names):
            out[key] = a
    return out


def mentions(ex, key) -> set[str]:
    return {m.text for m in ex.mentions if m.actor == key}


def test_an_acronym_joins_the_name_it_follows_in_parentheses(extract_text):
    ex = extract_text("The National Resistance Front (NRF) said its fighters ambushed a Taliban convoy in Panjshir. "
                      "Later the NRF said two of its commanders were killed.")
    (key, nrf), = by_label(ex, "NRF", "National Resistance Front").items()
    assert {"NRF", "The National Resistance Front"} <= mentions(ex, key)
    assert nrf.type == "Organization" and nrf.country == "AFG"  # the story's country
    assert ("org-national-resistance-front", "attacks", "taliban") in {(c.source, c.relation, c.target)
                                                                       for c in ex.claims}


def test_an_acronym_joins_the_name_whose_initials_it_spells(extract_text):
    ex = extract_text("Fighters of the Democratic Alliance of Kivu attacked a village near Beni. "
                      "A spokesman said the DAK had lost four men.")
    assert len(by_label(ex, "DAK", "Democratic Alliance of Kivu")) == 1, ex.actors


def test_an_acronym_of_words_in_lower_case_names_no_actor(extract_text):
    ex = extract_text("The government banned exports of compressed natural gas (CNG) to Armenia. "
                      "Azerbaijan said the CNG ban would hurt Yerevan.")
    assert not by_label(ex, "CNG", "natural gas")


def test_a_name_and_its_plural_are_one_actor(extract_text):
    ex = extract_text("Houthi gunmen seized a cargo ship in the Red Sea on Sunday. The Houthis said the ship "
                      "belonged to an Israeli businessman.")
    assert set(by_label(ex, "Houthi")) == {"houthis"}
    assert {"Houthi", "Houthis"} <= {m.text.split()[0] for m in ex.mentions if m.actor == "houthis"}


def test_the_gazetteer_looks_up_the_other_number():
    from kg.gazetteer import Gazetteer

    gaz = Gazetteer.load()
    assert gaz.lookup("Houthi") == gaz.lookup("Houthis") == "houthis"
    assert gaz.lookup("Talibans") == "taliban"


@pytest.mark.parametrize("published,expected", [("2010-03-01", "jens-stoltenberg"), ("1970-03-01", None)])
def test_a_surname_alone_is_the_person_of_that_name_holding_a_role_that_day(extract_text, published, expected):
    ex = extract_text("Stoltenberg told reporters in Oslo that the budget would be balanced.", published)
    found = by_label(ex, "Stoltenberg")
    if expected is None:  # no Stoltenberg held a role in 1970: no guess
        assert all(not a.known for a in found.values())
    else:
        assert set(found) == {expected} and found[expected].country == "NOR"


def test_a_surname_joins_the_full_name_earlier_in_the_article_family_name_first(extract_text):
    ex = extract_text("Chinese Premier Li Qiang met Brazilian President Luiz Inacio Lula da Silva in Beijing. "
                      "Li said trade would grow.", "2024-04-10")
    (key, li), = by_label(ex, "Li Qiang").items()
    assert "Li" in mentions(ex, key) and li.type == "Person" and li.country == "CHN"


def test_a_dated_role_gives_the_country_and_sector_of_the_story_s_day():
    from kg.gazetteer import Gazetteer

    gaz = Gazetteer.load()
    key = gaz.lookup("Abdel Fattah al-Sisi", date(2015, 1, 1))
    sisi = gaz.actor(key, date(2015, 1, 1))
    assert (sisi.type, sisi.country, sisi.sector) == ("Person", "EGY", "GOV")
    assert gaz.entries[key].imported


def test_a_title_in_the_story_beats_an_imported_role(extract_text):
    ex = extract_text("NATO Secretary General Jens Stoltenberg said the alliance would send more troops.",
                      "2023-02-01")
    stoltenberg = ex.actors["jens-stoltenberg"]
    assert (stoltenberg.country, stoltenberg.sector) == (None, "IGO")  # not Norway's government (2005-)


def test_people_and_organisations_the_gazetteer_does_not_know_are_actors_without_a_relation(extract_text):
    ex = extract_text("Armenian Defence Minister Grigor Vardanyan spoke to reporters on Monday. "
                      "The Caucasus Institute for Peace Studies published a report.", "2023-05-02")
    vardanyan, = by_label(ex, "Vardanyan").values()
    assert (vardanyan.type, vardanyan.country, vardanyan.sector, vardanyan.known) == ("Person", "ARM", "GOV", False)
    institute, = by_label(ex, "Institute for Peace Studies").values()
    assert institute.type == "Organization"
    assert not ex.claims


def test_a_title_before_a_person_names_no_actor(extract_text):
    ex = extract_text("Egyptian President Abdel Fattah al-Sisi called for a ceasefire.", "2023-04-16")
    assert "egy-gov" not in ex.actors  # "Egyptian President" is al-Sisi, not Egypt's government
    sisi, = by_label(ex, "Sisi").values()
    assert sisi.type == "Person" and sisi.country == "EGY"


def test_cities_and_regions_are_places_of_their_country(extract_text):
    ex = extract_text("Gunmen killed five soldiers and two policemen near Maiduguri on Tuesday.")
    killing, = [e for e in ex.events if e.type == "Killing"]
    assert set(killing.targets) == {"nga-mil", "nga-cop"}  # the victims, of the country Maiduguri is in
    ex = extract_text("Militants attacked a checkpoint in Darfur.")  # a region, from the imported lexicons
    assert "sdn-reb" in ex.actors


def test_sector_nouns_are_the_story_s_country_unless_the_sentence_names_another(extract_text):
    ex = extract_text("Anti-government protesters marched through Caracas on Saturday. "
                      "Police fired tear gas at the protesters.")
    assert ("ven-cop", "attacks", "ven-cvl") in {(c.source, c.relation, c.target) for c in ex.claims}
    ex = extract_text("Venezuelan officials met Colombian diplomats in Bogota. Soldiers later closed the border.")
    assert not any(m.how == "context" and m.text == "Soldiers" for m in ex.mentions)  # two countries: no guess


def test_a_thing_owned_by_a_country_is_no_actor_its_owner_is_the_party(extract_text):
    ex = extract_text("The EU imposed sanctions on Belarus's potash exports on Friday.", "2021-06-25")
    assert ("european-union", "sanctions", "blr") in {(c.source, c.relation, c.target) for c in ex.claims}
    assert not by_label(ex, "potash")


def test_pro_and_anti_names_own_no_noun(extract_text):
    ex = extract_text("Police in Tbilisi dispersed pro-EU protesters on Sunday.", "2024-12-01")
    protesters = {m.actor for m in ex.mentions if m.text.endswith("protesters")}
    assert "european-union" not in protesters and protesters <= {"geo-cvl"}


def test_a_saudi_led_coalition_is_saudi_arabia(extract_text):
    ex = extract_text("A Saudi-led coalition bombed a market in Saada, killing 12 civilians.", "2018-08-09")
    assert ("sau", "attacks", "yem-cvl") in {(c.source, c.relation, c.target) for c in ex.claims}


def test_an_unknown_name_ending_with_a_facility_word_is_a_place(extract_text):
    ex = extract_text("A bomb exploded on Cavehill Street, killing two people, police said.")
    assert not by_label(ex, "Cavehill")


def test_an_imported_entry_never_overrides_a_curated_one(tmp_path, monkeypatch):
    """A lexicon row naming the curated Taliban as a US government body, and an agent noun
    putting "protesters" under the opposition: the curated actor and sector stand; the row's
    other names become the Taliban's; a new imported person is there with its dated role."""
    from kg.gazetteer import Gazetteer

    folder = tmp_path / "lexicons" / "petrarch"
    folder.mkdir(parents=True)
    source = REPO / "ontology" / "lexicons" / "petrarch"
    header = (source / "actors.tsv").read_text(encoding="utf-8").split("kind\tcodes\tnames\n")[0]
    (folder / "actors.tsv").write_text(
        header + "kind\tcodes\tnames\n"
        "organisation\tUSA.GOV\ttaliban|islamic emirate of the students\n"
        "person\tKGZ.GOV@2020-01-01..2022-12-31\tbakyt asanbekov|asanbekov\n", encoding="utf-8")
    agents = (source / "agents.tsv").read_text(encoding="utf-8")
    (folder / "agents.tsv").write_text(agents + "protesters\t~OPP\t\nzealots\t~REB\t\n", encoding="utf-8")
    monkeypatch.setenv("KG_ONTOLOGY", str(tmp_path))
    gaz = Gazetteer.load()
    taliban = gaz.actor(gaz.lookup("Taliban"), date(2010, 1, 1))
    assert (taliban.key, taliban.country, taliban.type) == ("taliban", "AFG", "ArmedGroup")
    assert gaz.lookup("Islamic Emirate of the Students") == "taliban"
    assert gaz.sector_nouns["protesters"] == "CVL" and gaz.sector_nouns["zealots"] == "REB"
    assert gaz.lookup("Bakyt Asanbekov") == gaz.person_by_surname("Asanbekov", date(2021, 5, 1)) == "bakyt-asanbekov"
    asanbekov = gaz.actor("bakyt-asanbekov", date(2021, 5, 1))
    assert (asanbekov.label, asanbekov.country, asanbekov.sector) == ("Bakyt Asanbekov", "KGZ", "GOV")
    assert gaz.person_by_surname("Asanbekov", date(2024, 5, 1)) is None  # no role that day


def test_the_dateline_is_where_and_when_never_an_actor(tmp_path, nlp):
    from kg.extract import extract_articles
    from kg.readers import read_articles

    story = tmp_path / "wire.txt"
    story.write_text("Clashes in the capital\n\nMOGADISHU, June 3 (Reuters) - Al Shabaab fighters attacked an army "
                     "base in Mogadishu on Monday, officials said.\n", encoding="utf-8")
    shutil.copy(story, tmp_path / "2019-06-05-wire.txt")
    ex = next(extract_articles(read_articles([str(tmp_path / "2019-06-05-wire.txt")]), nlp))
    assert ex.article.published == date(2019, 6, 3) and ex.article.dateline.place == "Mogadishu"
    assert not by_label(ex, "Reuters")
    assert all(m.start >= ex.article.dateline.end for m in ex.mentions)


def test_a_people_of_one_country_is_of_that_country(extract_text):
    ex = extract_text("Tigrayan forces shelled a town held by federal troops. Uighurs protested in Istanbul.",
                      "2021-07-01")
    assert "eth-mil" in ex.actors and ex.actors["eth-mil"].country == "ETH"
    assert any(m.actor == "chn-cvl" and m.text == "Uighurs" for m in ex.mentions)


def test_an_acronym_alone_that_nothing_uses_is_no_actor(extract_text):
    ex = extract_text("Exports of LNG rose by a tenth in May, the ministry said.")
    assert not by_label(ex, "LNG")
