"""Paths to files (kg.readers.paths): folders, globs, missing files, symlink loops, permissions."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from .inputs import HTML, collect
from kg.readers import read_articles


def test_folder_order_is_sorted_and_deterministic(tmp_path):
    for name in ["b.txt", "a.txt", "c/a.txt", "c/0.txt"]:
        p = tmp_path / name
        p.parent.mkdir(exist_ok=True)
        p.write_text(f"Headline of {name}\n\nBody of {name}.", encoding="utf-8")
    names = [os.path.relpath(a.path, tmp_path) for a in read_articles([tmp_path])]
    assert names == ["a.txt", "b.txt", os.path.join("c", "0.txt"), os.path.join("c", "a.txt")]
    assert names == [os.path.relpath(a.path, tmp_path) for a in read_articles([tmp_path])]


def test_glob_pattern(tmp_path):
    (tmp_path / "x.txt").write_text("Headline x\n\nBody x.", encoding="utf-8")
    (tmp_path / "y.txt").write_text("Headline y\n\nBody y.", encoding="utf-8")
    (tmp_path / "z.html").write_text(HTML, encoding="utf-8")
    arts, errors = collect([str(tmp_path / "*.txt")])
    assert [a.title for a in arts] == ["Headline x", "Headline y"]
    arts, errors = collect([str(tmp_path / "*.nothing")])
    assert arts == [] and "no files match" in errors[0].reason


def test_single_path_string_and_missing_path(tmp_path):
    f = tmp_path / "one.txt"
    f.write_text("A headline here\n\nText.", encoding="utf-8")
    assert [a.title for a in read_articles(str(f))] == ["A headline here"]
    arts, errors = collect([tmp_path / "missing.txt"])
    assert arts == [] and errors[0].path.endswith("missing.txt")
    assert "no such file" in str(errors[0])


def test_symlink_loop_reported(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "story.txt").write_text("A headline here\n\nText.", encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "a" / "back")  # a/back -> root: a cycle
    os.symlink("self", tmp_path / "self")  # points at itself
    arts, errors = collect([tmp_path])
    assert [a.title for a in arts] == ["A headline here"]
    reasons = {Path(e.path).name: e.reason for e in errors}
    assert "loop" in reasons["back"]
    assert "loop" in reasons["self"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file_reported(tmp_path):
    f = tmp_path / "secret.txt"
    f.write_text("A headline here\n\nText.", encoding="utf-8")
    f.chmod(0)
    try:
        arts, errors = collect([tmp_path])
    finally:
        f.chmod(0o644)
    assert arts == [] and errors[0].reason == "permission denied"


def test_permission_error_reported_even_as_root(tmp_path, monkeypatch):
    import kg.readers.base as base

    (tmp_path / "a.txt").write_text("Readable headline\n\nText.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Locked headline\n\nText.", encoding="utf-8")
    real_open = open

    def fake_open(path, *a, **k):
        if str(path).endswith("b.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *a, **k)

    monkeypatch.setattr(base, "open", fake_open, raising=False)
    arts, errors = collect([tmp_path])
    assert [a.title for a in arts] == ["Readable headline"]
    assert str(errors[0]) == f"{tmp_path / 'b.txt'}: permission denied"


def test_fifos_and_devices_are_reported_not_skipped(tmp_path):
    """In a folder or given by name: a FIFO (reading it would wait for a writer for ever), a device
    (/dev/zero has no end) and a socket are each reported by name and reason; the files are read."""
    import socket

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Talks in Doha\n\nQatar hosted talks.", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(folder / "sock"))
        arts, errors = collect([folder, "/dev/null"])
    assert [a.title for a in arts] == ["Talks in Doha"]
    assert sorted(str(e) for e in errors) == [
        "/dev/null: a character device, not a regular file",
        f"{folder / 'pipe.txt'}: a named pipe (FIFO), not a regular file",
        f"{folder / 'sock'}: a socket, not a regular file",
        f"{folder / 'zero.txt'}: a character device, not a regular file",
    ]
