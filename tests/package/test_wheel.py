"""kg installed from its wheel works from any folder: data files ship inside the package."""
from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import SEED, clean_env, run

pytestmark = pytest.mark.slow


def test_the_wheel_holds_the_data_files(fresh_install):
    names = set(zipfile.ZipFile(fresh_install.wheel).namelist())
    for data_file in ("kg/data/actors.yaml", "kg/data/relations.yaml", "kg/data/kg.ttl", "kg/data/shapes.ttl",
                      "kg/data/queries/coordinates-with.rq", "kg/views/templates/graph.html"):
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
