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
from kg.errors import OutputError
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
    with pytest.raises(OutputError, match=f"^{tmp_path}: is a folder; name a file to write$"):
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


# -- what the output is: a device, a FIFO, a symbolic link, a folder, a place kg may not write ----------------


@pytest.fixture
def seed_store(built_seed_store):
    return built_seed_store


def _kg(*args):
    from .conftest import run_kg

    return run_kg(*args, timeout=300)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_is_written_in_place_and_stays_a_device(tmp_path, seed_store):
    null = tmp_path / "n"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # the null device, in the test's own folder
    r = _kg("render", "--store", seed_store, "-o", null)
    assert r.returncode == 0, r.stderr
    assert stat.S_ISCHR(null.stat().st_mode) and null.stat().st_rdev == os.makedev(1, 3)
    assert os.listdir(tmp_path) == ["n"]  # no temporary file beside it


def test_a_fifo_reader_gets_the_whole_export(tmp_path, seed_store):
    fifo = tmp_path / "f"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)  # the consumer, started by this test
    r = _kg("export", "--store", seed_store, "-o", fifo, "--format", "nquads")
    received = reader.communicate(timeout=60)[0]
    assert r.returncode == 0, r.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode) and os.listdir(tmp_path) == ["f"]
    r = _kg("export", "--store", seed_store, "-o", tmp_path / "g.nq")
    assert received == (tmp_path / "g.nq").read_bytes()  # what a file gets, whole
    assert len(received.splitlines()) > 500 and b'"Taliban"' in received


def test_a_symlink_is_followed_and_its_target_replaced(tmp_path, seed_store):
    target, link = tmp_path / "target.txt", tmp_path / "l"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    link.symlink_to("target.txt")
    r = _kg("query", "actor", "-p", "name=Taliban", "--store", seed_store, "-o", link, "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert link.is_symlink() and os.readlink(link) == "target.txt"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("source,relation,target") and "Taliban" in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the file it replaced keeps its permissions
    assert sorted(os.listdir(tmp_path)) == ["l", "target.txt"]


def test_a_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "l"
    link.symlink_to(tmp_path / "sub" / "new.html")
    with atomic_output(link) as fh:
        fh.write("<p>new</p>")
    assert link.is_symlink() and (tmp_path / "sub" / "new.html").read_text(encoding="utf-8") == "<p>new</p>"


def test_a_symlink_loop_is_one_line(tmp_path):
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(OutputError, match=r"a: cannot write: Too many levels of symbolic links"):
        with atomic_output(tmp_path / "a") as fh:
            fh.write("x")


@pytest.mark.parametrize("command", [["render"], ["export", "--format", "gexf"], ["query", "opposes"]])
def test_a_folder_as_output_is_one_line(tmp_path, seed_store, command):
    r = _kg(*command, "--store", seed_store, "-o", tmp_path)
    assert r.returncode == 1
    assert r.stderr.strip() == f"Error: {tmp_path}: is a folder; name a file to write"
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_folder_kg_may_not_write_in_is_one_line(tmp_path, seed_store):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "graph.html").write_text("old", encoding="utf-8")
    locked.chmod(0o555)
    try:
        r = _kg("render", "--store", seed_store, "-o", locked / "graph.html")
    finally:
        locked.chmod(0o755)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.strip() == f"Error: {locked / 'graph.html'}: cannot write: Permission denied (the folder {locked})"
    assert (locked / "graph.html").read_text(encoding="utf-8") == "old"


def test_a_full_device_is_one_line(tmp_path):
    """/dev/full takes no byte: the write error names the output (a device, written in place)."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with pytest.raises(OutputError, match=r"^/dev/full: cannot write: No space left on device$"):
        with atomic_output("/dev/full") as fh:
            fh.write("x" * 100_000)


def test_an_error_reading_an_input_while_writing_is_not_an_output_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        with atomic_output(tmp_path / "out.txt") as fh:
            fh.write(open(tmp_path / "missing.txt").read())
    assert os.listdir(tmp_path) == []
