"""The extractors' data files: none is read when kg is imported, and an edited file
(in a ``$KG_ONTOLOGY`` folder) changes extraction in the running process."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date

from .conftest import REPO

# Runs in a fresh interpreter: every open() and os.stat() of a file in a data folder
# during the imports is recorded, then kg.datafiles' cache is checked too.
IMPORTS_READ_NOTHING = r"""
import builtins, io, json, os, sys

folders = [os.path.realpath(f) + os.sep for f in sys.argv[1:]]
touched = []

def watching(call):
    def watched(path, *args, **kwargs):
        if isinstance(path, (str, bytes, os.PathLike)):
            name = os.path.abspath(os.fsdecode(path))
            if any(name.startswith(f) for f in folders):
                touched.append(name)
        return call(path, *args, **kwargs)
    return watched

builtins.open = io.open = watching(io.open)
os.stat = watching(os.stat)

import kg.extract, kg.gazetteer, kg.nlp, kg.eval
import kg.datafiles

print(json.dumps({"touched": touched, "cached": [k[0] for k in kg.datafiles._cache]}))
"""


def test_importing_the_extractors_reads_no_data_file(tmp_path):
    shutil.copy(REPO / "ontology" / "words.yaml", tmp_path / "words.yaml")
    env = {**os.environ, "KG_ONTOLOGY": str(tmp_path)}
    run = subprocess.run([sys.executable, "-c", IMPORTS_READ_NOTHING, str(REPO / "ontology"), str(tmp_path)],
                         capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout.splitlines()[-1])
    assert found == {"touched": [], "cached": []}


def _extract(text: str, nlp, published: str = "2021-09-02"):
    from kg.extract import extract_articles
    from kg.model import Article

    return next(extract_articles([Article(id="t", text=text, published=date.fromisoformat(published))], nlp))


def test_an_edited_word_list_changes_extraction_without_a_restart(tmp_path, monkeypatch, nlp):
    text = "A roadside device killed three soldiers near the convoy."
    words = tmp_path / "words.yaml"
    shutil.copy(REPO / "ontology" / "words.yaml", words)
    monkeypatch.setenv("KG_ONTOLOGY", str(tmp_path))
    agents = {t for e in _extract(text, nlp).events for t in e.agent_texts}
    assert "device" not in agents  # an instrument of the attack, not its agent
    # the same file without "device" among the instrument nouns (its size changes, so the edit shows)
    lines = words.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("instrument_nouns:"))
    assert "[device, " in lines[at]
    lines[at] = lines[at].replace("[device, ", "[")
    words.write_text("".join(lines), encoding="utf-8")
    agents = {t for e in _extract(text, nlp).events for t in e.agent_texts}
    assert "device" in agents


def test_an_edited_gazetteer_changes_the_entity_ruler_without_a_restart(tmp_path, monkeypatch, nlp):
    text = "The Ruritanian Liberation Front attacked Israeli police in Haifa."
    actors = tmp_path / "actors.yaml"
    shutil.copy(REPO / "ontology" / "actors.yaml", actors)
    monkeypatch.setenv("KG_ONTOLOGY", str(tmp_path))
    assert "rlf" not in _extract(text, nlp).actors
    with actors.open("a", encoding="utf-8") as fh:
        fh.write("\n- id: rlf\n  label: Ruritanian Liberation Front\n  type: ArmedGroup\n  sector: REB\n")
    ex = _extract(text, nlp)
    assert ex.actors["rlf"].type == "ArmedGroup"
    assert any((c.source, c.relation) == ("rlf", "attacks") for c in ex.claims)
