"""scripts/import_petrarch.py: reproducible output, and how it reads the TABARI syntax."""
from __future__ import annotations

import doctest

import pytest

from .conftest import SHIPPED


def lines(importer, file: str, text: str):
    return [importer.Line(file, n, raw) for n, raw in enumerate(text.splitlines(), 1)]


def test_rerunning_the_importer_gives_the_shipped_files_byte_for_byte(importer, sources, tmp_path, capsys):
    assert importer.main([str(sources), "-o", str(tmp_path)]) == 0
    made = sorted(p.name for p in tmp_path.iterdir())
    assert made == sorted(p.name for p in SHIPPED.iterdir())
    for name in made:
        assert (tmp_path / name).read_bytes() == (SHIPPED / name).read_bytes(), name
    assert "CAMEO.2.0.txt:5787: skipped: [080!] is not a CAMEO code" in capsys.readouterr().err


def test_the_importer_examples_run(importer):
    assert doctest.testmod(importer).failed == 0


def test_a_pattern_in_kg_syntax(importer):
    classes = {"FOOD": ["food"], "MILITARY": ["army"]}
    [pattern] = importer.parse_patterns(importer.Line("v", 1, "- &MILITARY * {ARMS SHIPMENT} (TO +)  [072:073] # SEND , SENT"), classes)
    assert (pattern.code, pattern.before, pattern.after) == ("072:073", "&MILITARY", "{arms shipment} (to +)")
    assert pattern.found_with == {"send", "sent"}
    two = importer.parse_patterns(importer.Line("v", 2, "- * CEASE_FIRE (BY/WITH &FOOD) [0871]"), classes)
    assert [p.after for p in two] == ["{cease fire} (by &FOOD)", "{cease fire} (with &FOOD)"]


def test_patterns_that_cannot_be_converted_are_skipped_and_noted(importer):
    text = ("--- HALT [---] ---\nHALT\n- * &WEATHER [---]\n- * AID [162!]\n- * AID [162]\n"
            "- * VENTURE (WITH VISIT) VISIT)[042]\n")
    notes = importer.Notes()
    [synset] = importer.parse_verb_blocks(lines(importer, "CAMEO.2.0.txt", text), {}, notes)
    assert [p.after for p in synset.patterns.values()] == ["aid"]
    assert [n.split(": ")[0] for n in notes.lines()] == ["CAMEO.2.0.txt:3", "CAMEO.2.0.txt:4", "CAMEO.2.0.txt:6"]


def test_a_line_of_unknown_kind_stops_the_import_with_its_file_and_line(importer):
    with pytest.raises(importer.SourceError, match=r"^CAMEO.2.0.txt:1: a verb line before the first"):
        importer.parse_verb_blocks(lines(importer, "CAMEO.2.0.txt", "HALT\n--- HALT [---] ---\n"), {}, importer.Notes())
    with pytest.raises(importer.SourceError, match=r"^CAMEO.2.0.txt:2: expected 'LEMMA \{FORMS\} \[CODE\]'"):
        importer.parse_verb_blocks(lines(importer, "CAMEO.2.0.txt", "--- HALT [---] ---\nHALT {HALTS\n"), {},
                                   importer.Notes())
    with pytest.raises(importer.SourceError, match=r"^actors.txt:1: an alias before the first name"):
        importer.parse_actor_file(lines(importer, "actors.txt", "+ERDOGAN\n"), importer.Notes())


def test_dated_codes_and_two_digit_years(importer):
    code = importer.actor_code("TURGOV 030314-140828", None, importer.Notes())
    assert code.render() == "TUR.GOV@2003-03-14..2014-08-28"
    assert importer.actor_code("USAGOV >20090120", None, importer.Notes()).render() == "USA.GOV@2009-01-20.."
    assert importer.actor_code("ELI", None, importer.Notes()).render() == ".ELI"
    notes = importer.Notes()
    line = importer.Line("actors.txt", 7, "[ARMUNR 9008223-911221]")
    assert importer.actor_code("ARMUNR 9008223-911221", line, notes) is None
    assert notes.lines()[0].startswith("actors.txt:7: code [ARMUNR 9008223-911221] skipped")


ACTORS = """\
AFGHANISTAN_  [AFG]
+AFGHAN_
+AFGANISTAN_
+KABUL_
+HELMAND # a province
LEONID_BREZHNEV_  # CountryInfo.txt
SECRETARY_BREZHNEV
\t[RUSELI 19240101-641014]
\t[RUSGOV 641014-821110]
MUHAJIRIN_WA-ANSAR_ALLIANCE
JUND_AL_AQSA
\t[SYRREBMUS]
AHMED_DARWISH_  # the soccer player's more famous
\t[---]
"""


def test_actor_entries_kinds_and_places(importer):
    notes = importer.Notes()
    entries = importer.read_actors({importer.COUNTRY_FILE: lines(importer, importer.COUNTRY_FILE, ACTORS),
                                    importer.INTERNATIONAL_FILE: [], importer.NON_STATE_FILE: []}, notes)
    rows = importer.actor_rows(entries)
    assert ("country", "AFG", "afghanistan|afganistan|afghan") in rows
    assert ("place", "AFG", "kabul") in rows and ("place", "AFG", "helmand") in rows
    # names sharing dated codes are one person; sharing an undated code, separate groups
    assert ("person", "RUS.ELI@1924-01-01..1964-10-14 RUS.GOV@1964-10-14..1982-11-10",
            "leonid brezhnev|secretary brezhnev") in rows
    assert ("armed_group", "SYR.REB.MUS", "jund al aqsa") in rows
    assert ("armed_group", "SYR.REB.MUS", "muhajirin wa-ansar alliance") in rows
    assert ("uncoded", "---", "ahmed darwish") in rows
    assert not notes.items


def test_agents_expand_macros_and_keep_listed_plurals(importer):
    text = ("!PERSON! = MAN, MEN\nPOLICE!PERSON! [~COP]\nTHIEF {THIEVES} [~CRM]\n"
            "PEACEKEEPING_TROOPS {} [IGO~]\nDEPARMENT_OF_ENVIRONMENT [~ENV}\n")
    notes = importer.Notes()
    rows = importer.agent_rows(importer.parse_agents(lines(importer, "agents.txt", text), notes))
    assert rows == [("peacekeeping troops", "IGO~", ""), ("policeman", "~COP", ""), ("policemen", "~COP", ""),
                    ("thief", "~CRM", "thieves")]
    assert notes.lines()[0].startswith("agents.txt:5: agent skipped")


def test_discards_by_scope(importer):
    text = "# comment\n+Manchester United   # pas\nWORLD WAR II\n"
    assert importer.parse_discards(lines(importer, "discards.txt", text)) == [
        ("manchester united", "story"), ("world war ii", "sentence")]
