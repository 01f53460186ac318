"""Fixtures shared by every test folder: paths, and the seed article built once per session."""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# The suite keeps what kg caches (the gazetteer) in a folder of its own, never in the user's
# ~/.cache/kg, removed when the suite ends; commands the tests run inherit it.
os.environ["KG_CACHE_DIR"] = tempfile.mkdtemp(prefix="kg-test-cache-")
atexit.register(shutil.rmtree, os.environ["KG_CACHE_DIR"], ignore_errors=True)

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "2021-09-02-milley-taliban-daesh.txt"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_extraction():
    """The seed article through read -> clean -> spaCy -> extract (no store)."""
    from kg.extract import extract_articles
    from kg.readers import read_articles

    return next(extract_articles(read_articles([str(SEED)])))


@pytest.fixture(scope="session")
def built_seed_store(tmp_path_factory):
    """Path of an on-disk store holding the seed, built through the public API."""
    import kg

    path = tmp_path_factory.mktemp("seed") / "store"
    summary = kg.build([str(SEED)], store=str(path))
    assert summary.articles == 1
    return path


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline with kg's components (tests/extract, tests/eval)."""
    from kg.nlp import build_pipeline

    return build_pipeline()
