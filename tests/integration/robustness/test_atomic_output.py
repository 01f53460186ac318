"""Output files are written to a temporary file and renamed: never half-written in place."""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time

import pytest

from .conftest import REPO
from kg.files import atomic_output


def test_an_error_while_writing_leaves_the_old_file(tmp_path):
    out = tmp_path / "graph.html"
    out.write_text("old and complete", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_output(out) as fh:
            fh.write("new but " * 1000)
            raise RuntimeError("the renderer failed")
    assert out.read_text(encoding="utf-8") == "old and complete"
    assert os.listdir(tmp_path) == ["graph.html"]  # no temporary file left


def test_a_finished_write_replaces_the_file_with_ordinary_permissions(tmp_path):
    out = tmp_path / "sub" / "graph.gexf"
    with atomic_output(out, "wb") as fh:
        fh.write(b"<gexf/>")
    assert out.read_bytes() == b"<gexf/>"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    assert os.listdir(out.parent) == ["graph.gexf"]


def test_a_folder_is_not_a_file(tmp_path):
    with pytest.raises(IsADirectoryError, match="is a folder"):
        with atomic_output(tmp_path) as fh:
            fh.write("x")


def test_sigkill_while_writing_never_leaves_a_partial_file(tmp_path):
    """A writer killed at random moments: the target is always the old or the whole new content."""
    out = tmp_path / "export.nq"
    old = "old line .\n" * 1000
    new = "new line .\n" * 200_000
    out.write_text(old, encoding="utf-8")
    script = (
        "import importlib.util, sys, time\n"  # kg/files.py alone: no rdflib to import
        f"spec = importlib.util.spec_from_file_location('files', {str(REPO / 'kg' / 'files.py')!r})\n"
        "files = importlib.util.module_from_spec(spec); spec.loader.exec_module(files)\n"
        "atomic_output = files.atomic_output\n"
        "with atomic_output(sys.argv[1]) as fh:\n"
        "    print('writing', flush=True, file=sys.stderr)\n"
        "    for i in range(200):\n"
        f"        fh.write({new[: len(new) // 200]!r})\n"
        "        time.sleep(0.002)\n"
    )
    for delay in (0.0, 0.05, 0.15, 0.3, 0.5):
        proc = subprocess.Popen([sys.executable, "-c", script, str(out)], stderr=subprocess.PIPE)
        proc.stderr.readline()  # it has started writing
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)  # the process this test started
        proc.wait(timeout=60)
        proc.stderr.close()
        content = out.read_text(encoding="utf-8")
        assert content in (old, new), f"partial file after a kill at {delay} s: {len(content)} characters"
        for leftover in tmp_path.glob(".export.nq.*.tmp"):
            leftover.unlink()  # a kill may leave the hidden temporary file; never the target
