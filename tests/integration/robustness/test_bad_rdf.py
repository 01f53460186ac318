"""Bad data in RDF files and stores: ill-typed literals and JSON-LD contexts to fetch are one line
naming the file; and no command opens a socket unless the user named a server."""
from __future__ import annotations

import json
import textwrap

import pytest

from .conftest import REPO, run_kg, snapshot

XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture
def store(tmp_path, built_seed_store):
    """A copy of the seed store, to change."""
    import shutil

    path = tmp_path / "store"
    shutil.copytree(built_seed_store, path)
    return path


ILL_TYPED = {
    "integer": ('"x"^^xsd:integer', "'x' is not a valid xsd:integer"),
    "date": ('"2021-13-45"^^xsd:date', "'2021-13-45' is not a valid xsd:date"),
    "decimal": ('"about 3"^^xsd:decimal', "'about 3' is not a valid xsd:decimal"),
}


@pytest.mark.parametrize("kind", list(ILL_TYPED))
def test_load_refuses_a_file_with_an_ill_typed_literal_in_one_line(store, tmp_path, kind):
    literal, reason = ILL_TYPED[kind]
    bad = tmp_path / "bad.trig"
    bad.write_text(f"@prefix xsd: <{XSD}> .\n"
                   f"<urn:kg-test:g> {{ <urn:kg-test:s> <urn:kg-test:p> 'fine', {literal} . }}\n", encoding="utf-8")
    before = snapshot(store)
    r = run_kg("load", bad, "--store", store)
    assert r.returncode == 1
    assert r.stderr.strip() == (f"Error: {bad}: the literal {reason} (subject <urn:kg-test:s>, property "
                                "<urn:kg-test:p>); nothing was loaded from this file")
    assert snapshot(store) == before


@pytest.mark.invalid_store("an ill-typed literal is loaded for kg validate to list")
def test_validate_lists_an_ill_typed_literal_already_in_the_store(store):
    r = run_kg("query", "--allow-update", "--store", store,
               f"INSERT DATA {{ GRAPH <urn:kg-test:g> {{ <urn:kg-test:s> <urn:kg-test:p> '12 km'^^<{XSD}integer> }} }}")
    assert r.returncode == 0, r.stderr
    r = run_kg("validate", "--store", store)
    assert r.returncode == 1 and r.stderr == ""
    assert "Violation: <urn:kg-test:s> <urn:kg-test:p>: '12 km' is not a valid xsd:integer" in r.stdout
    assert r.stdout.startswith("1 violation(s) in ")
    for command in (["stats"], ["export", "-o", "-", "--format", "nquads"], ["query", "opposes"]):
        r = run_kg(*command, "--store", store)
        assert r.returncode == 0 and "Traceback" not in r.stderr and r.stderr.strip() == "", (command, r.stderr)


CONTEXTS = {
    "a URL": "http://127.0.0.1:9/context.jsonld",
    "a file beside it": "context.jsonld",
    "a URL in a list": ["https://schema.org/", {"p": "urn:kg-test:p"}],
    "an @import": {"@import": "http://127.0.0.1:9/base.jsonld", "p": "urn:kg-test:p"},
    "a scoped context": {"p": {"@id": "urn:kg-test:p", "@context": "http://127.0.0.1:9/scoped.jsonld"}},
}


@pytest.mark.parametrize("kind", list(CONTEXTS))
def test_a_json_ld_context_to_fetch_is_refused_and_never_fetched(store, tmp_path, kind):
    (tmp_path / "context.jsonld").write_text(json.dumps({"@context": {"p": "urn:kg-test:p"}}), encoding="utf-8")
    doc = tmp_path / "doc.jsonld"
    doc.write_text(json.dumps({"@context": CONTEXTS[kind], "@id": "urn:kg-test:g",
                               "@graph": [{"@id": "urn:kg-test:s", "p": "x"}]}), encoding="utf-8")
    before = snapshot(store)
    r = run_no_network("load", doc, "--store", store, tmp=tmp_path)
    assert r.returncode == 1
    assert r.stderr.startswith(f"Error: {doc}: the JSON-LD names a context to fetch (")
    assert r.stderr.strip().endswith("kg does not fetch contexts: put the context itself in the file, as kg export does")
    assert network_attempts(tmp_path) == []
    assert snapshot(store) == before


def test_a_json_ld_export_with_its_context_inline_loads(store, tmp_path):
    out = tmp_path / "graph.jsonld"
    assert run_kg("export", "--store", store, "-o", out).returncode == 0
    fresh = tmp_path / "fresh"
    r = run_no_network("load", out, "--store", fresh, tmp=tmp_path)
    assert r.returncode == 0, r.stderr
    assert network_attempts(tmp_path) == []
    assert snapshot(fresh) and len(snapshot(fresh)) == len(snapshot(store))


# -- no socket unless the user named a server ----------------------------------------------------------------

SITECUSTOMIZE = '''
import os, socket, sys

_LOG = os.environ["KG_TEST_NETWORK_LOG"]
_EVENTS = {"socket.connect", "socket.connect_ex", "socket.getaddrinfo", "socket.gethostbyname",
           "socket.gethostbyname_ex", "socket.gethostbyaddr", "socket.sendto", "socket.sendmsg", "urllib.Request"}


def _refuse(event, args):
    if event not in _EVENTS:
        return
    if event.startswith("socket.connect") and getattr(args[0], "family", None) == socket.AF_UNIX:
        return  # a local pipe (multiprocessing), not the network
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()} {event} {args[1:]!r}\\n")
    raise OSError(f"the test forbids the network ({event})")


sys.addaudithook(_refuse)
'''


def run_no_network(*args, tmp):
    """`kg ARGS` in a fresh process (and its worker processes) whose every network call is logged and refused."""
    hook = tmp / "no-network"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    import os
    import subprocess
    import sys

    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(hook), str(REPO)]),
               KG_TEST_NETWORK_LOG=str(tmp / "network.log"))
    env.pop("KG_STORE", None)
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True,
                          timeout=600, cwd=REPO, env=env)


def network_attempts(tmp) -> list:
    log = tmp / "network.log"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def test_the_hook_sees_a_network_call(tmp_path):
    """The hook works: a command that does open a socket (a SPARQL server the user named) is seen."""
    r = run_no_network("stats", "--store", "http://127.0.0.1:9/sparql", tmp=tmp_path)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert any("socket.connect" in line or "urllib.Request" in line for line in network_attempts(tmp_path))


def test_no_command_opens_a_socket(tmp_path):
    """Every command, on input that names remote things (links in HTML, feeds, JSON-LD, a SERVICE call),
    with worker processes: not one network call."""
    news = tmp_path / "news"
    news.mkdir()
    (news / "page.html").write_text(textwrap.dedent("""\
        <html><head><title>Talks in Doha</title><link rel="stylesheet" href="http://127.0.0.1:9/s.css">
        <script src="http://127.0.0.1:9/a.js"></script><meta property="og:image" content="http://127.0.0.1:9/i.png">
        </head><body><article><h1>Talks in Doha</h1><p>Qatar hosted talks with the Taliban in Doha on Monday,
        officials said. <img src="http://127.0.0.1:9/p.jpg"><a href="http://127.0.0.1:9/more">More</a></p>
        </article></body></html>"""), encoding="utf-8")
    (news / "feed.rss").write_text(textwrap.dedent("""\
        <?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://127.0.0.1:9/rss.dtd">
        <rss version="2.0"><channel><title>News</title><link>http://127.0.0.1:9/</link>
        <item><title>Pakistan meets Iran</title><link>http://127.0.0.1:9/a</link>
        <description>Pakistan met Iran in Islamabad on Tuesday, officials said.</description></item>
        </channel></rss>"""), encoding="utf-8")
    (news / "items.jsonl").write_text(json.dumps({"id": "n1", "url": "http://127.0.0.1:9/n1", "text":
                                                  "Russia criticized Turkey on Monday, officials said."}) + "\n",
                                      encoding="utf-8")
    store, out = tmp_path / "store", tmp_path / "out"
    out.mkdir()
    commands = [
        ["build", news, REPO / "seeds", "--store", store, "--workers", "2", "--records", out / "claims.jsonl"],
        ["extract", news / "page.html", "-o", out / "page.jsonl"],
        ["stats", "--store", store],
        ["query", "opposes", "--store", store],
        ["query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "--store", store],
        ["render", "--store", store, "-o", out / "graph.html"],
        ["render", "--store", store, "--query", "coordinates-with", "-o", out / "q.html"],
        *(["export", "--store", store, "-o", out / f"graph.{ext}"] for ext in ("gexf", "graphml", "json", "ttl",
                                                                               "trig", "nq", "jsonld")),
        ["validate", "--store", store],
        ["load", out / "graph.jsonld", "--store", tmp_path / "loaded"],
        ["resolve", "American warplanes"],
        ["ontology"],
        ["remove", news / "feed.rss", "--store", store],
    ]
    for args in commands:
        r = run_no_network(*args, tmp=tmp_path)
        assert "Traceback" not in r.stderr, (args, r.stderr)
        assert network_attempts(tmp_path) == [], (args, network_attempts(tmp_path))
        expect_failure = "SERVICE" in str(args)
        assert (r.returncode == 1) == expect_failure, (args, r.stderr)
    exported = (out / "graph.trig").read_text(encoding="utf-8")  # before the feed was removed
    assert '"Talks in Doha"' in exported and "Pakistan meets Iran" in exported and "Milley" in exported
