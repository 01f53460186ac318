"""What every command shares (kg/cli/group.py): a closed pipe ends quietly, errors are one line."""
from __future__ import annotations

import subprocess
import sys

import pytest


def _kg(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg", *args]


def test_kg_stats_into_head_exits_0_without_error_text(built_seed_store):
    done = subprocess.run(["bash", "-c", 'set -o pipefail; "$@" | head -1', "kg", *_kg("stats", "--store",
                                                                                        str(built_seed_store))],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["articles", "1"]
    assert done.stderr == ""


@pytest.mark.parametrize("args", [["stats"], ["query", "coordinates-with"], ["export", "--format", "turtle"],
                                  ["query", "--list"]])
def test_a_pipe_closed_before_anything_is_written_ends_the_command_quietly(built_seed_store, args):
    """The reader is gone before kg writes a byte: every write fails, and kg still exits 0 with nothing on stderr."""
    proc = subprocess.Popen(_kg(*args, "--store", str(built_seed_store)), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 0, err
    assert err == ""
