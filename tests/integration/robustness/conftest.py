"""Helpers for the robustness tests: run `kg` as a user would, and snapshot a store."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .corpus import REPO


def run_kg(*args, timeout: float = 300, cwd=None, input=None, module: bool = True) -> subprocess.CompletedProcess:
    """`python -m kg ARGS` in a fresh process; stdout and stderr captured as text.
    With ``module=False`` the first argument is a script to run instead of ``-m kg``."""
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("KG_STORE", None)
    head = [sys.executable, "-m", "kg"] if module else [sys.executable]
    return subprocess.run([*head, *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=cwd or REPO, env=env, input=input)


def snapshot(store_path) -> frozenset:
    """Every quad of an on-disk store, as N-Quads strings (to compare before and after)."""
    from kg.store import open_store

    with open_store(str(store_path), read_only=True) as st:
        return frozenset(" ".join(t.n3() for t in q) for q in st.quads())


@pytest.fixture
def kg_run():
    return run_kg


@pytest.fixture
def store_snapshot():
    return snapshot
