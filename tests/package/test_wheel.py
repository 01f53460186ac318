"""kg installed from its wheel works from any folder: data files ship inside the package."""
from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
from store.servers import _die_with_us as die_with_us
from store.servers import free_port

from .conftest import SEED, clean_env, run

pytestmark = pytest.mark.slow


def test_the_wheel_holds_the_data_files(fresh_install):
    names = set(zipfile.ZipFile(fresh_install.wheel).namelist())
    for data_file in ("kg/data/actors.yaml", "kg/data/relations.yaml", "kg/data/kg.ttl", "kg/data/shapes.ttl",
                      "kg/data/queries/coordinates-with.rq", "kg/views/templates/graph.html",
                      "kg/serve/templates/actor.html", "kg/serve/templates/base.html", "kg/serve/static/kg.css"):
        assert data_file in names


def test_build_and_query_from_an_empty_folder_match_the_repository_install(fresh_install, tmp_path):
    work = tmp_path / "empty"
    work.mkdir()
    fresh_install.kg("build", SEED, "--store", "s", cwd=work)
    installed = fresh_install.kg("query", "coordinates-with", "--store", "s", "--format", "csv", cwd=work).stdout
    # kg itself, not the repository, answers: its module lives in the fresh environment
    where = run([fresh_install.bin / "python", "-c", "import kg, kg.datafiles as d; print(kg.__file__); "
                 "print(d.package_dir())"], cwd=work, env=clean_env()).stdout.split()
    assert all(str(fresh_install.venv) in w for w in where), where

    repo_work = tmp_path / "repo"
    repo_work.mkdir()
    kg = Path(sys.executable).parent / "kg"
    run([kg, "build", SEED, "--store", "s"], cwd=repo_work)
    repository = run([kg, "query", "coordinates-with", "--store", "s", "--format", "csv"], cwd=repo_work).stdout
    assert installed == repository
    assert "Taliban" in installed and "coordinatesWith" in installed


def test_kg_serve_from_the_wheel_serves_its_pages_and_stylesheet(fresh_install, tmp_path):
    fresh_install.kg("build", SEED, "--store", "s", cwd=tmp_path)
    port = free_port()
    log = open(tmp_path / "serve.log", "wb")
    proc = subprocess.Popen([fresh_install.bin / "kg", "serve", "--store", "s", "--port", str(port)], cwd=tmp_path,
                            env=clean_env(), stdout=log, stderr=subprocess.STDOUT, preexec_fn=die_with_us)

    def get(path: str) -> bytes:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as r:
            return r.read()

    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                status = json.loads(get("/api/status"))
                break
            except OSError:
                assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
                time.sleep(0.3)
        assert status["articles"] == 1
        assert "<h1>Taliban</h1>" in get("/actor/taliban").decode()  # the templates came with the wheel
        assert b"font-family" in get("/static/kg.css")
        assert b"kgNetwork" in get("/")  # the explorer: kg render's page
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        log.close()
