"""A fresh virtual environment with kg installed from its wheel, as a user installs it.

Built once per test session: the wheel is built from this checkout, a new
virtual environment gets the hash-pinned dependencies of ``requirements.lock``
(from pip's cache when CI has just installed them) and then the wheel, with no
``-e`` and nothing of the repository on the path. Commands run from an empty
temporary folder.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# The example plugin is a package to install, not tests: its module must not be
# imported by doctest collection (its entry points would then leak into this process).
collect_ignore = ["example_plugin"]
SEED = REPO / "seeds" / "2021-09-02-milley-taliban-daesh.txt"


def run(cmd, cwd, env=None, check=True, timeout=600) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, cmd))} exited {proc.returncode}\n"
                             f"stdout:\n{proc.stdout[-3000:]}\nstderr:\n{proc.stderr[-3000:]}")
    return proc


def clean_env() -> dict:
    """The environment without anything that would put the repository or this venv on the path."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "KG_ONTOLOGY", "KG_STORE")}
    return env


class FreshInstall:
    def __init__(self, root: Path):
        self.root = root
        self.venv = root / "venv"
        self.bin = self.venv / "bin"

    def pip(self, *args):
        return run([self.bin / "python", "-m", "pip", "--disable-pip-version-check", "-q", *args], cwd=self.root,
                   env=clean_env())

    def kg(self, *args, cwd: Path, check=True):
        return run([self.bin / "kg", *args], cwd=cwd, env=clean_env(), check=check)


@pytest.fixture(scope="session")
def fresh_install(tmp_path_factory) -> FreshInstall:
    root = tmp_path_factory.mktemp("fresh-install")
    dist = root / "dist"
    run([sys.executable, "-m", "pip", "wheel", "--disable-pip-version-check", "-q", "--no-deps",
         "--no-build-isolation", "-w", dist, REPO], cwd=root, env=clean_env())
    wheels = sorted(dist.glob("kg-*.whl"))
    assert len(wheels) == 1, wheels
    inst = FreshInstall(root)
    run([sys.executable, "-m", "venv", inst.venv], cwd=root, env=clean_env())
    inst.pip("install", "--require-hashes", "-r", REPO / "requirements.lock")
    inst.pip("install", "--no-deps", wheels[0])
    inst.wheel = wheels[0]
    return inst
