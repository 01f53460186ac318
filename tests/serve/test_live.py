"""`kg serve` keeps answering while `kg build` adds 20 articles to the store it
serves, and shows them afterwards without a restart: a store folder (the
server reads the snapshots the build publishes) and a SPARQL server."""
from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.parse

import pytest

from store.servers import start

from .conftest import REPO

COUNT_CLAIMS = "SELECT (COUNT(?c) AS ?n) WHERE { GRAPH ?g { ?c a <https://w3id.org/kg/ontology#Claim> } }"


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    """The URL of an `oxigraph serve` of its own, stopped after the module."""
    url, stop = start("oxigraph", tmp_path_factory.mktemp("live-oxigraph"))
    yield url
    stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """20 articles made from the seed story (benchmarks/corpus.py), as text files."""
    folder = tmp_path_factory.mktemp("live") / "corpus"
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "corpus.py"), "-n", "20", "-o", str(folder),
                    "--format", "txt", "--seed", "5"], check=True, cwd=REPO, capture_output=True)
    assert len(list(folder.glob("*.txt"))) == 20
    return folder


def serve_while_building(server, store: str, corpus) -> list[dict]:
    """Run `kg build corpus` into ``store`` while asking ``server`` questions; what it answered, in order."""
    build = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "--store", store, "--workers", "1"],
                             cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    seen = []
    try:
        while build.poll() is None:
            status = server.json("/api/status")
            claims = json.loads(server.get("/sparql?query=" + urllib.parse.quote(COUNT_CLAIMS)))
            search = server.json("/api/search?q=taliban")
            seen.append({"articles": status["articles"], "claims": int(claims["results"]["bindings"][0]["n"]["value"]),
                         "taliban": search[0]["articles"] if search else 0})
            time.sleep(0.3)
        output = build.stdout.read().decode()
        assert build.returncode == 0, output
        assert "20 article(s) built" in output
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()
    return seen


def assert_grew(server, seen: list[dict]):
    assert len(seen) >= 3, "the build ended before the server was asked anything"
    articles = [s["articles"] for s in seen]
    assert articles == sorted(articles) and articles[0] >= 1  # answers all along, never going back
    deadline = time.monotonic() + 15
    while server.json("/api/status")["articles"] != 21 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert server.json("/api/status")["articles"] == 21  # the seed and the 20 new ones, no restart
    assert server.json("/api/search?q=taliban")[0]["articles"] > seen[0]["taliban"]


def test_serving_a_sparql_server_store_while_a_build_writes_to_it(start_server, oxigraph_server, seed_path, corpus):
    subprocess.run([sys.executable, "-m", "kg", "build", str(seed_path), "--store", oxigraph_server], check=True,
                   cwd=REPO, capture_output=True)
    server = start_server(oxigraph_server)
    assert server.json("/api/status")["articles"] == 1
    assert_grew(server, serve_while_building(server, oxigraph_server, corpus))


def test_serving_a_store_folder_while_a_build_writes_to_it(start_server, seed_path, corpus, tmp_path):
    store = tmp_path / "store"
    subprocess.run([sys.executable, "-m", "kg", "build", str(seed_path), "--store", str(store)], check=True,
                   cwd=REPO, capture_output=True)
    server = start_server(store)
    assert server.json("/api/status")["articles"] == 1
    seen = serve_while_building(server, str(store), corpus)
    assert_grew(server, seen)
    assert (store / "kg-snapshots").is_dir()  # what the server read while the build held the store
