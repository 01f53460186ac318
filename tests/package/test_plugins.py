"""A package written here, installed beside kg's wheel, adds a reader and an
exporter through entry points alone: kg reads its files and writes its format
with no change to kg."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

PLUGIN = Path(__file__).parent / "example_plugin"

TRANSCRIPT = """DATE: 2021-09-01
TITLE: Pentagon briefing on Afghanistan

U.S. military commanders coordinated daily with Taliban commanders at Kabul airport.

The Taliban oppose the Islamic State.
"""


@pytest.fixture(scope="module")
def with_plugin(fresh_install, tmp_path_factory):
    # Built from a copy: building writes egg-info and build/ folders next to the sources.
    copy = tmp_path_factory.mktemp("plugin") / "example_plugin"
    shutil.copytree(PLUGIN, copy)
    fresh_install.pip("install", "--no-deps", "--no-build-isolation", copy)
    return fresh_install


def test_a_plugin_reader_and_exporter_work_with_no_change_to_kg(with_plugin, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    (work / "briefing.transcript").write_text(TRANSCRIPT, encoding="utf-8")
    built = with_plugin.kg("build", "briefing.transcript", "--store", "s", cwd=work)
    assert "1 article(s) built" in built.stderr, built.stderr

    with_plugin.kg("export", "--store", "s", "--format", "edgelist", "-o", "facts.tsv", cwd=work)
    rows = {tuple(line.split("\t")) for line in (work / "facts.tsv").read_text(encoding="utf-8").splitlines()}
    assert ("Taliban", "opposes", "Islamic State") in rows, rows
    assert any(r[1] == "coordinatesWith" and "Taliban" in r for r in rows), rows

    # the output's extension finds the plugin's format too
    with_plugin.kg("export", "--store", "s", "-o", "facts.edges", cwd=work)
    assert (work / "facts.edges").read_text(encoding="utf-8") == (work / "facts.tsv").read_text(encoding="utf-8")

    # the plugin's date header reached the graph
    dates = with_plugin.kg("query", "SELECT ?d WHERE { GRAPH ?g { ?a a <https://w3id.org/kg/ontology#Article> ; "
                           "<http://purl.org/dc/terms/date> ?d } }", "--store", "s", "--format", "csv", cwd=work)
    assert "2021-09-01" in dates.stdout


def test_kg_alone_does_not_know_the_format(fresh_install, tmp_path):
    (tmp_path / "b.transcript").write_text(TRANSCRIPT, encoding="utf-8")
    import subprocess
    import sys

    kg = Path(sys.executable).parent / "kg"  # the repository's install, without the plugin
    proc = subprocess.run([str(kg), "build", "b.transcript", "--store", "s"], cwd=tmp_path, capture_output=True,
                          text=True)
    assert proc.returncode == 1 and "unsupported file type '.transcript'" in proc.stderr, proc.stderr
