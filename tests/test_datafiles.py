"""kg.datafiles: objects built from the data files are kept in the user's cache folder,
reused by the next process, and built again when a file they come from changes."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from kg.datafiles import package_dir, rebuilt_on_change, word_set

REPO = Path(__file__).resolve().parent.parent


def _counted(builds: list):
    """A fresh in-memory cache each call, as a new process has."""
    @rebuilt_on_change("words.yaml", stored="facilities")
    def facilities():
        builds.append(1)
        return sorted(word_set("facility_words"))

    return facilities


def test_a_stored_object_is_reused_and_rebuilt_when_its_file_changes(tmp_path, monkeypatch):
    cache, ontology = tmp_path / "cache", tmp_path / "ontology"
    ontology.mkdir()
    monkeypatch.setenv("KG_CACHE_DIR", str(cache))
    monkeypatch.setenv("KG_ONTOLOGY", str(ontology))
    builds: list = []
    first = _counted(builds)()
    assert builds == [1] and "airport" in first
    (stored,) = cache.glob("facilities-*.pickle")
    assert _counted(builds)() == first and builds == [1]  # read back, not built

    words = (REPO / "ontology" / "words.yaml").read_text(encoding="utf-8")
    (ontology / "words.yaml").write_text(words.replace("facility_words: [", "facility_words: [souk, "),
                                         encoding="utf-8")
    again = _counted(builds)()
    assert builds == [1, 1] and "souk" in again
    assert len(list(cache.glob("facilities-*.pickle"))) == 2  # the other copy stays for the other files
    assert not list(package_dir().glob("**/*.pickle"))  # never written inside the package


def test_an_unreadable_copy_is_built_again(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    builds: list = []
    value = _counted(builds)()
    (stored,) = tmp_path.glob("facilities-*.pickle")
    stored.write_bytes(b"not a pickle")
    assert _counted(builds)() == value and builds == [1, 1]
    assert "cannot read the cached facilities" in caplog.text
    assert _counted(builds)() == value and builds == [1, 1]  # rewritten


def test_a_cache_folder_that_cannot_be_written_costs_only_the_build(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("a file, not a folder")
    monkeypatch.setenv("KG_CACHE_DIR", str(blocked / "kg"))
    builds: list = []
    assert "airport" in _counted(builds)() and builds == [1]


LOAD_WITHOUT_BUILDING = textwrap.dedent("""
    import kg.gazetteer as g
    def no_build():
        raise SystemExit("built again")
    g._geonames_places = no_build   # a build would call it first
    gaz = g.Gazetteer.load()
    print(gaz.lookup("Kremlin"), gaz.find_place("Omdurman").country)
""")


def test_a_new_process_loads_the_gazetteer_from_the_cache(tmp_path):
    env = {**os.environ, "KG_CACHE_DIR": str(tmp_path)}
    env.pop("KG_ONTOLOGY", None)
    build = subprocess.run([sys.executable, "-c", "import kg.gazetteer as g; g.Gazetteer.load()"], env=env,
                           capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    assert list(tmp_path.glob("gazetteer-*.pickle"))
    load = subprocess.run([sys.executable, "-c", LOAD_WITHOUT_BUILDING], env=env, capture_output=True, text=True,
                          timeout=300)
    assert load.returncode == 0, load.stderr + load.stdout
    assert load.stdout.split() == ["russian-government", "SDN"]
