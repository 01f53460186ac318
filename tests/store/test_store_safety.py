"""Opening a store never creates or changes anything unless the command writes: a folder that
is not a store, and a damaged store, are refused by name with their files untouched; readers
open a read-only view and answer while a build writes (kg.store.oxigraph, kg.store.snapshots)."""
from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.errors import StoreError
from kg.store import open_store
from kg.store.snapshots import FOLDER, reader_folder, writer_at_work

REPO = Path(__file__).resolve().parents[2]
KG_NS = "https://w3id.org/kg/ontology#"
COUNT_ARTICLES = f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH ?g {{ ?a a <{KG_NS}Article> }} }}"


def files(folder: Path) -> dict:
    """Every file under ``folder`` (relative path -> sha256 of its bytes), folders too (-> None)."""
    out = {}
    for root, dirs, names in os.walk(folder):
        for name in dirs:
            out[os.path.relpath(os.path.join(root, name), folder)] = None
        for name in names:
            path = os.path.join(root, name)
            with open(path, "rb") as fh:
                out[os.path.relpath(path, folder)] = hashlib.sha256(fh.read()).hexdigest()
    return out


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def store(tmp_path, seed_graph):
    """The seed article in an on-disk store, written and closed."""
    path = tmp_path / "store"
    with open_store(path) as st:
        st.put_article(*seed_graph)
    return path


def every_command(store: Path, tmp_path: Path) -> dict:
    """The commands that open a store, each as a user runs it."""
    export = tmp_path / "graph.trig"
    export.write_text("<urn:g> { <urn:s> <urn:p> <urn:o> . }\n", encoding="utf-8")
    return {
        "stats": ["stats", "--store", store],
        "query": ["query", "opposes", "--store", store],
        "render": ["render", "--store", store, "-o", tmp_path / "out.html"],
        "export": ["export", "--store", store, "-o", tmp_path / "out.gexf"],
        "validate": ["validate", "--store", store],
        "remove": ["remove", "anything", "--store", store],
        "load": ["load", export, "--store", store],
        "update": ["query", "--allow-update", "INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> 1 } }", "--store", store],
        "build": ["build", REPO / "seeds", "--store", store, "--workers", "1"],
    }


def damage(kind: str, store: Path) -> str:
    """Damage ``store`` as a disk or a careless hand would; the words the refusal must contain."""
    if kind == "CURRENT missing":
        (store / "CURRENT").unlink()
        return "its CURRENT file is missing"
    if kind == "a table cut in half":
        table = max(store.glob("*.sst"), key=lambda p: p.stat().st_size)
        os.truncate(table, table.stat().st_size // 2)
        return "Corruption"
    if kind == "a table missing":
        max(store.glob("*.sst"), key=lambda p: p.stat().st_size).unlink()
        return "No such file"
    if kind == "tables overwritten":
        rnd = random.Random(3)
        for table in store.glob("*.sst"):
            data = bytearray(table.read_bytes())
            for i in range(0, len(data) - 64, 97):
                data[i] ^= rnd.randrange(1, 256)
            table.write_bytes(bytes(data))
        return "Corruption"
    raise ValueError(kind)


@pytest.mark.invalid_store("the store is damaged on purpose")
@pytest.mark.parametrize("kind", ["CURRENT missing", "a table cut in half", "a table missing", "tables overwritten"])
def test_a_damaged_store_is_refused_by_every_command_and_left_untouched(store, tmp_path, kind):
    shutil.rmtree(store / FOLDER)  # no snapshot to fall back on: the damage is in the store itself
    reason = damage(kind, store)
    before = files(store)
    for name, args in every_command(store, tmp_path).items():
        r = cli(*args)
        assert r.exit_code == 1, (name, r.output)
        lines = r.output.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in r.output, (name, r.output)
        assert lines[0].startswith(f"Error: {store}: the store is damaged ("), (name, lines[0])
        assert reason in lines[0] and "kg left its files as they are" in lines[0], (name, lines[0])
        assert "(kg build SOURCES --store NEW)" in lines[0] and "(kg load graph.trig --store NEW)" in lines[0]
        assert files(store) == before, f"`kg {name}` changed the damaged store"
    assert not (tmp_path / "out.html").exists() and not (tmp_path / "out.gexf").exists()


def test_a_folder_that_is_not_a_store_is_refused_by_name_and_left_alone(tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("my notes", encoding="utf-8")
    (folder / "report.pdf").write_bytes(b"%PDF-1.4")
    before = files(folder)
    for name, args in every_command(folder, tmp_path).items():
        r = cli(*args)
        assert r.exit_code == 1, (name, r.output)
        assert r.output.strip() == (f"Error: {folder}: not a kg store (it holds 'notes.txt' and 1 more); "
                                    "--store names a folder kg build made, or a new or empty one"), (name, r.output)
        assert files(folder) == before, f"`kg {name}` wrote into a folder that is not a store"


def test_a_missing_store_is_not_created_by_a_reader(tmp_path):
    for name in ("stats", "query", "render", "export", "validate"):
        missing = tmp_path / f"nothing-{name}"
        args = every_command(missing, tmp_path)[name]
        r = cli(*args)
        assert r.exit_code == 1
        assert r.output.strip() == f"Error: {missing}: no store here (run `kg build` first, or pass --store)"
        assert not missing.exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli("stats", "--store", empty).exit_code == 1 and os.listdir(empty) == []
    with pytest.raises(StoreError, match="no store here"):
        kg.query("opposes", store=str(tmp_path / "nothing-api"))  # the API reads read-only too
    assert not (tmp_path / "nothing-api").exists()


def test_reading_changes_no_byte_of_a_store(store, tmp_path):
    before = files(store)
    for name in ("stats", "query", "render", "export", "validate"):
        r = cli(*every_command(store, tmp_path)[name])
        assert r.exit_code == 0, (name, r.output)
        assert files(store) == before, f"`kg {name}` changed the store"
    kg.stats(store=str(store)), kg.graph(store=str(store)), kg.query("opposes", store=str(store))
    assert files(store) == before


def test_a_read_only_store_refuses_writes(store):
    with open_store(store, read_only=True) as st:
        assert st.read_only
        with pytest.raises(StoreError, match="opened read-only"):
            st.update("DROP ALL")
        with pytest.raises(StoreError, match="opened read-only"):
            st.remove_article("x")


# -- readers while a writer writes --------------------------------------------------------------------------


def test_a_reader_opens_the_writers_snapshot_and_keeps_it_while_it_reads(tmp_path, make_article):
    from kg.rdf import article_graph

    path = tmp_path / "store"
    writer = open_store(path)
    assert writer_at_work(path)
    writer.put_article(*article_graph(make_article("a1", [("taliban", "opposes", "islamic-state", "asserted",
                                                           "The Taliban oppose IS.")])))
    early = open_store(path, read_only=True)  # what the writer published when it opened: an empty store
    assert early.folder.parent == path / FOLDER and len(early) == 0
    assert kg.query(COUNT_ARTICLES, store=writer) == [{"n": 1}]  # the writer's own query sees its write
    late = open_store(path, read_only=True)  # ... which that query published
    assert len(late) > 0 and late.folder != early.folder
    for _ in range(3):
        writer._publisher.publish()  # newer snapshots; the ones readers hold stay
    assert early.folder.exists() and late.folder.exists()
    early.close()
    writer._publisher.publish()
    assert not early.folder.exists() and late.folder.exists()  # deleted once no reader held it
    late.close()
    writer.close()
    latest = json.loads((path / FOLDER / "LATEST").read_text(encoding="utf-8"))
    assert latest["closed"] and set(os.listdir(path / FOLDER)) == {"LATEST", str(latest["snapshot"]), "writer"}
    folder, pin = reader_folder(path)  # the writer is gone and the store is as it left it: the snapshot
    assert folder == path / FOLDER / str(latest["snapshot"]) and pin is not None
    pin.release()


def test_after_a_killed_writer_readers_read_the_store_itself(tmp_path, seed_graph):
    path = tmp_path / "store"
    script = (f"import os, sys; sys.path.insert(0, {str(REPO)!r})\n"
              "from kg.store import open_store\n"
              "from rdflib import URIRef, Literal\n"
              f"st = open_store({str(path)!r})\n"
              "st.put_article(URIRef('urn:g'), [(URIRef('urn:s'), URIRef('urn:p'), Literal('after the snapshot'))])\n"
              "os._exit(0)  # no close: as a kill would leave it\n")
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)
    assert not writer_at_work(path)
    folder, pin = reader_folder(path)
    assert folder == path and pin is None  # the last snapshot predates the write: read the store
    with open_store(path, read_only=True) as st:
        assert [str(r[0]) for r in st.query("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }")] == ["after the snapshot"]


def test_stats_and_query_answer_while_a_build_writes(tmp_path):
    """A real build of a few hundred articles in a subprocess; `kg stats` and `kg query` during it.
    The build publishes a snapshot every half second here (PUBLISH_EVERY, 5 s by default), so
    that a short build shows several."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rnd = random.Random(5)
    actors = ["Qatar", "Pakistan", "Iran", "The Taliban", "The United States", "Russia", "China", "Turkey"]
    for i in range(400):
        a, b = rnd.sample(actors, 2)
        (corpus / f"brief-{i:03d}.txt").write_text(
            f"Brief number {i} from Kabul\n\n{a} criticized {b.lower() if b.startswith('The') else b} on Monday, "
            f"officials said.\n", encoding="utf-8")
    store = tmp_path / "store"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("KG_STORE", None)
    build = subprocess.Popen(
        [sys.executable, "-c", "import kg.store.snapshots as s; s.PUBLISH_EVERY = 0.5\n"
                               "from kg.cli import main; main()", "build", str(corpus), "--store", str(store),
         "--workers", "1", "--chunk-size", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO, env=env, start_new_session=True)
    seen = []  # (articles from kg stats, articles from kg query), read while the build was still running
    try:
        deadline = time.monotonic() + 600
        while build.poll() is None and time.monotonic() < deadline:
            stats = subprocess.run([sys.executable, "-m", "kg", "stats", "--store", str(store), "--format", "json"],
                                   capture_output=True, text=True, cwd=REPO, env=env, timeout=120)
            query = subprocess.run([sys.executable, "-m", "kg", "query", COUNT_ARTICLES, "--store", str(store),
                                    "--format", "csv"], capture_output=True, text=True, cwd=REPO, env=env, timeout=120)
            running = build.poll() is None
            if not seen and stats.returncode:  # the build has not created the store yet
                assert stats.stderr.strip() in (
                    f"Error: {store}: no store here (run `kg build` first, or pass --store)",
                    f"Error: {store}: a kg process is opening the store for writing and has no snapshot for readers "
                    "yet; try again in a moment"), stats.stderr
                continue
            assert stats.returncode == 0, stats.stderr
            assert query.returncode == 0, query.stderr
            if running:
                seen.append((json.loads(stats.stdout)["articles"], int(query.stdout.split()[1])))
    finally:
        if build.poll() is None:
            os.killpg(build.pid, 9)  # the build this test started, and its workers
        out, err = build.communicate(timeout=60)
    assert build.returncode == 0, err
    assert "400 article(s) built" in err
    print("articles seen by stats and query during the build:", seen)
    assert any(0 < s < 400 for s, _ in seen) and any(0 < q < 400 for _, q in seen)
    assert [s for s, _ in seen] == sorted(s for s, _ in seen)  # never backwards
    with open_store(store, read_only=True) as st:
        assert kg.query(COUNT_ARTICLES, store=st) == [{"n": 400}]


@pytest.mark.invalid_store("a file of the store is removed on purpose (its snapshot is what validates)")
@pytest.mark.parametrize("kind", ["CURRENT missing", "a table missing"])
def test_a_file_lost_from_the_store_is_still_in_its_last_snapshot(store, tmp_path, kind):
    damage(kind, store)
    r = cli("stats", "--store", store)
    assert r.exit_code == 1
    snapshot = next(p for p in (store / FOLDER).iterdir() if p.name.isdigit())
    assert f"or by copying its last snapshot, which may have kept the lost file (cp -a {snapshot} NEW)" in r.output
    rescued = tmp_path / "rescued"
    shutil.copytree(snapshot, rescued)  # what `cp -a` does
    assert cli("validate", "--store", rescued).exit_code == 0
    assert kg.stats(store=str(rescued))["articles"] == 1


def test_a_store_whose_files_are_all_gone_but_its_snapshot_is_damaged_not_new(store, tmp_path):
    for f in store.iterdir():
        if f.is_file():
            f.unlink()
    r = cli("build", REPO / "seeds", "--store", store, "--workers", "1")
    assert r.exit_code == 1 and "the store is damaged (its CURRENT file is missing)" in r.output
    assert "cp -a" in r.output and os.listdir(store) == [FOLDER]


def test_a_long_running_reader_moves_to_what_the_writer_published(tmp_path, make_article):
    from kg.rdf import article_graph

    path = tmp_path / "store"
    writer = open_store(path)
    reader = open_store(path, read_only=True)
    assert reader.refresh() is False and len(reader) == 0  # nothing new yet
    writer.put_article(*article_graph(make_article("a1", [("taliban", "opposes", "islamic-state", "asserted",
                                                           "The Taliban oppose IS.")])))
    writer._publisher.publish()
    old = reader.folder
    assert reader.refresh() is True and reader.folder != old
    assert kg.query(COUNT_ARTICLES, store=reader) == [{"n": 1}]
    writer._publisher.publish()  # the snapshot the reader left is deleted now that no one holds it
    assert not old.exists()
    writer.close()
    assert reader.refresh() is True  # the writer's final snapshot
    assert kg.stats(store=reader)["articles"] == 1
    reader.close()
