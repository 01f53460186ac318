"""The conventions every command shares, command by command: --format and -o, export and load
with the same format names, empty results said on standard error, dates and titles for standard
input, actors by any of their names, time windows by the date of what happened."""
from __future__ import annotations

import json
import re
import subprocess
import sys

from click.testing import CliRunner

import kg
from kg.cli import main
from kg.store import open_store

def run(*args, **kw):
    return CliRunner().invoke(main, [str(a) for a in args], **kw)


def kg_process(*args, **kw):
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True,
                          timeout=300, **kw)


def page_data(path) -> dict:
    html = path.read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)[1])


def test_render_a_december_2020_window_draws_the_december_meeting(built_seed_store, tmp_path):
    out = tmp_path / "december.html"
    r = run("render", "--store", built_seed_store, "-o", out, "--from", "2020-12-01", "--to", "2020-12-31",
            "--no-events")
    assert r.exit_code == 0, r.output
    data = page_data(out)
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert [(labels[e["from"]], e["relation"], labels[e["to"]]) for e in data["edges"]] == [
        ("Mark Milley", "meetsWith", "Taliban")]


def test_an_empty_view_says_so_and_still_succeeds(built_seed_store, tmp_path):
    r = kg_process("render", "--store", built_seed_store, "-o", tmp_path / "empty.html", "--from", "2030-01-01")
    assert r.returncode == 0
    data = page_data(tmp_path / "empty.html")
    assert data["nodes"] == [] and data["edges"] == []  # a page that draws nothing, not a stale one
    assert "the graph is empty (whole graph, from 2030-01-01 to …)" in r.stderr


def test_render_finds_the_actor_by_an_alias(built_seed_store, tmp_path):
    out = tmp_path / "daesh.html"
    r = run("render", "--store", built_seed_store, "-o", out, "--actor", "Daesh", "--no-events")
    assert r.exit_code == 0, r.output
    assert "Islamic State" in {n["label"] for n in page_data(out)["nodes"]}
    r = run("render", "--store", built_seed_store, "-o", out, "--actor", "islamic")
    assert r.exit_code == 1 and "'islamic' names" in r.output and "(id islamic-state)" in r.output


def test_export_jsonld_round_trips_through_load_jsonld(built_seed_store, tmp_path):
    r = run("export", "--store", built_seed_store, "--format", "jsonld")  # -o defaults to standard output
    assert r.exit_code == 0
    dump = tmp_path / "graph.json"  # not a .jsonld extension: --format names it
    dump.write_text(r.stdout, encoding="utf-8")
    assert json.loads(r.stdout)
    r = run("load", dump, "--store", tmp_path / "copy", "--format", "jsonld")
    assert r.exit_code == 0, r.output
    with open_store(built_seed_store) as a, open_store(tmp_path / "copy") as b:
        assert len(b) == len(a) > 500
        assert kg.query("coordinates-with", store=a) == kg.query("coordinates-with", store=b)
    r = run("load", dump, "--store", tmp_path / "copy2", "--format", "json-ld")
    assert r.exit_code == 0, r.output


def test_export_takes_format_names_as_extensions_and_needs_a_format_for_standard_output(built_seed_store, tmp_path):
    for name, check in (("g.turtle", lambda t: "@prefix kg:" in t), ("g.nodelink", lambda t: json.loads(t)["nodes"])):
        r = run("export", "--store", built_seed_store, "-o", tmp_path / name)
        assert r.exit_code == 0, r.output
        assert check((tmp_path / name).read_text(encoding="utf-8"))
    r = run("export", "--store", built_seed_store)
    assert r.exit_code == 1
    assert "standard output has no file extension to tell the format by; name one with --format (gexf" in r.output


def test_json_output_gives_counts_as_integers(built_seed_store):
    r = run("stats", "--store", built_seed_store, "--format", "json")
    stats = json.loads(r.stdout)
    assert stats["articles"] == 1 and isinstance(stats["triples"], int) and stats["claims_by_modality"]["asserted"] > 0
    r = run("query", "conflict", "--store", built_seed_store, "--format", "json")
    assert all(isinstance(row["articles"], int) for row in json.loads(r.stdout))
    r = run("query", "SELECT (COUNT(*) AS ?n) (1.5 AS ?x) (true AS ?b) WHERE { ?s ?p ?o }", "--store",
            built_seed_store, "--format", "json")
    row = json.loads(r.stdout)[0]
    assert isinstance(row["n"], int) and row["x"] == 1.5 and row["b"] is True
    r = run("stats", "--store", built_seed_store, "--format", "csv")
    assert r.stdout.splitlines()[:2] == ["count,n", "articles,1"]


def test_every_output_takes_format_and_output(built_seed_store, tmp_path):
    for args in (["stats"], ["validate"], ["ontology"], ["query", "opposes"], ["resolve", "Taliban"]):
        out = tmp_path / f"{args[0]}.json"
        store = ["--store", built_seed_store] if args[0] in ("stats", "validate", "query") else []
        r = run(*args, *store, "--format", "json", "-o", out)
        assert r.exit_code == 0, (args, r.output)
        assert json.loads(out.read_text(encoding="utf-8")), args
    assert json.loads((tmp_path / "validate.json").read_text())["conforms"] is True
    assert json.loads((tmp_path / "resolve.json").read_text())["label"] == "Taliban"


STORY = ("Doha talks resume\n\nThe Taliban met with Qatari officials in Doha on Saturday. "
         "The Taliban attacked the Afghan government.\n")


def test_standard_input_takes_a_date_and_a_title(tmp_path):
    store = tmp_path / "store"
    r = kg_process("build", "-", "--date", "2024-03-06", "--title", "Talks in Doha", "--store", store, input=STORY)
    assert r.returncode == 0, r.stderr
    rows = kg.query("PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?title ?date WHERE { ?a dcterms:title ?title ; "
                    "dcterms:date ?date }", store=store)
    assert rows == [{"title": "Talks in Doha", "date": "2024-03-06"}]
    # "on Saturday" is resolved against the date given: the Saturday before Wednesday 2024-03-06
    meets = kg.query("actor", store=store, params={"name": "Taliban"})
    assert ("meetsWith", "2024-03-02") in {(r["relation"], r["date"]) for r in meets}
    r = kg_process("extract", "-", "--date", "2024-03-06", input=STORY)
    records = [json.loads(line) for line in r.stdout.splitlines()]
    assert records and {rec["published"] for rec in records} == {"2024-03-06"}
    r = run("build", "seeds/", "--date", "2024-03-06", "--store", tmp_path / "s")
    assert r.exit_code == 2 and "--date and --title describe standard input" in r.output


def test_every_command_has_format_where_it_writes(built_seed_store):
    for command in ("query", "stats", "export", "load", "validate", "ontology", "resolve", "eval", "extract"):
        r = run(command, "--help")
        assert "--format" in r.output, command
    for command in ("query", "stats", "export", "validate", "ontology", "resolve", "eval", "extract", "render"):
        assert "-o, --output" in run(command, "--help").output, command
