"""kg.petrarch: files from $KG_ONTOLOGY, reloaded when they change; malformed files named."""
from __future__ import annotations

import fnmatch
import os
import tomllib

import pytest

from kg import petrarch
from kg.errors import DataFileError

from .conftest import REPO

HEAD = "# a test lexicon\n"


def write(path, text: str) -> None:
    """Writes ``text`` and moves the modification time on, so the change is seen even
    on file systems with coarse time stamps."""
    path.parent.mkdir(parents=True, exist_ok=True)
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))


@pytest.fixture
def ontology(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_ONTOLOGY", str(tmp_path))
    return tmp_path


def test_an_edited_lexicon_is_read_again(ontology):
    agents = ontology / "lexicons" / "petrarch" / "agents.tsv"
    write(agents, HEAD + "noun\tcode\tplurals\nwarden\t~COP\twardens\n")
    assert [a.sectors for a in petrarch.agent_nouns("wardens")] == [("COP",)]
    assert petrarch.agent_nouns("wardens") is petrarch.agent_nouns("wardens")   # cached while unchanged
    write(agents, HEAD + "noun\tcode\tplurals\nwarden\t~GOV.JUD\twardens\n")
    assert [a.sectors for a in petrarch.agent_nouns("wardens")] == [("GOV", "JUD")]
    assert petrarch.agent_nouns("police") == ()             # this file replaces kg's own
    assert petrarch.actor_names("Kabul")                     # the others still come from kg


def test_an_edited_crosswalk_is_read_again(ontology):
    crosswalk = ontology / "crosswalk.yaml"
    text = ("roots: {'04': {plover: CONSULT, quad_class: 1}}\n"
            "codes: {'042': {mode: %s}}\n"
            "types: {CONSULT: {quad: VC, intensity: 2.5, modes: {visit: 4, phone: 1.5}}}\n")
    write(crosswalk, text % "visit")
    assert petrarch.crosswalk("042") == ("CONSULT", "visit", 1, 4.0)
    write(crosswalk, text % "phone")
    assert petrarch.crosswalk("042") == ("CONSULT", "phone", 1, 1.5)
    with pytest.raises(ValueError, match="not a CAMEO event code"):
        petrarch.crosswalk("18")


def test_a_mode_outside_its_type_is_refused(ontology):
    write(ontology / "crosswalk.yaml", "roots: {'04': {plover: CONSULT, quad_class: 1}}\n"
                                       "codes: {'042': {mode: riot}}\ntypes: {CONSULT: {quad: VC}}\n")
    with pytest.raises(DataFileError, match=r"crosswalk.yaml: 042: mode 'riot' is not a mode of CONSULT"):
        petrarch.crosswalk("042")


def test_malformed_lexicons_are_named_with_their_line(ontology):
    actors = ontology / "lexicons" / "petrarch" / "actors.tsv"
    write(actors, HEAD + "kind\tcodes\tnames\nperson\tTUR.GOV@2003-03-14..\terdogan\nperson\tTUR.GOV\n")
    with pytest.raises(DataFileError, match=r"actors.tsv:4: expected 3 tab-separated values, found 2"):
        petrarch.actors()
    write(actors, HEAD + "kind\tcodes\tnames\nperson\tTUR.GOV@2003-14-03..\terdogan\n")
    with pytest.raises(DataFileError, match=r"actors.tsv:3: not a code with dates"):
        petrarch.actors()
    write(actors, HEAD + "name\tcodes\n")
    with pytest.raises(DataFileError, match=r"expected a line naming the columns kind codes names"):
        petrarch.actors()
    patterns = ontology / "lexicons" / "petrarch" / "verb_patterns.tsv"
    write(patterns, HEAD + "verb\tcode\tbefore\tafter\tfound_with\ncancel\t162\t\t&NOSUCH\thalt\n")
    with pytest.raises(DataFileError, match=r"verb_patterns.tsv:3: word class &NOSUCH is not in word_classes.tsv"):
        petrarch.verb_patterns("halt")


def test_the_wheel_ships_every_lexicon_file():
    """The package-data patterns of pyproject.toml cover the lexicons and the crosswalk
    (building the wheel itself is checked by hand: see ontology/lexicons/README.md)."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["kg.data"]
    ontology = REPO / "ontology"
    files = [p.relative_to(ontology).as_posix() for p in (ontology / "lexicons").rglob("*") if p.is_file()]
    files.append("crosswalk.yaml")
    for file in files:
        assert any(fnmatch.fnmatch(file, pattern) and file.count("/") == pattern.count("/") for pattern in patterns), file
