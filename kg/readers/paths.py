"""From the paths a user gives to the files to read.

:func:`expand` turns files, folders, glob patterns and ``"-"`` (standard
input) into a stream of file paths: folders are walked recursively in sorted
order, hidden entries skipped, symlinks followed but never round a loop.
Paths that name nothing readable are reported as :class:`ReadError`, FIFOs,
devices and sockets (given, or met in a folder) among them: they are not read.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> for name in ("b.txt", "a/c.txt", ".hidden"):
...     (folder / name).parent.mkdir(exist_ok=True)
...     _ = (folder / name).write_text("x")
>>> [pathlib.Path(p).name for p in expand([folder, "-"], print)]  # a/c.txt, b.txt; no .hidden
['c.txt', 'b.txt', '-']
"""
from __future__ import annotations

import glob
import os
import stat
from typing import Iterable, Iterator

from .base import PathLike, ReadError, Report, os_reason


def expand(paths: Iterable[PathLike], report: Report) -> Iterator[str]:
    """Files (and "-") named by ``paths``, folders walked, globs expanded."""
    for p in paths:
        p = os.fspath(p)
        if p == "-":
            yield "-"
        elif os.path.lexists(p):
            yield from _expand_existing(p, report)
        elif glob.has_magic(p):
            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                report(ReadError(p, "no files match this pattern"))
            for m in matches:
                yield from _expand_existing(m, report)
        else:
            report(ReadError(p, "no such file or directory"))


def _expand_existing(p: str, report: Report) -> Iterator[str]:
    try:
        st = os.stat(p)
    except OSError as e:
        report(ReadError(p, os_reason(e)))
        return
    if stat.S_ISDIR(st.st_mode):
        yield from _walk(p, {(st.st_dev, st.st_ino)}, report)
    elif stat.S_ISREG(st.st_mode):
        yield p
    else:
        report(ReadError(p, not_a_file(st.st_mode)))


def _walk(folder: str, ancestors: set, report: Report) -> Iterator[str]:
    """Files under ``folder`` in sorted order, following symlinks safely.

    ``ancestors`` holds the (device, inode) of every folder on the current
    path: meeting one again means a symlink loop, which is reported and not
    followed. Hidden entries (``.git``, ``.DS_Store``) are skipped.
    """
    try:
        with os.scandir(folder) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as e:
        report(ReadError(folder, os_reason(e)))
        return
    for entry in entries:
        try:
            st = os.stat(entry.path)  # follows symlinks
        except OSError as e:
            report(ReadError(entry.path, os_reason(e)))
            continue
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in ancestors:
                report(ReadError(entry.path, "symlink loop, not followed"))
                continue
            yield from _walk(entry.path, ancestors | {key}, report)
        elif stat.S_ISREG(st.st_mode):
            yield entry.path
        else:
            report(ReadError(entry.path, not_a_file(st.st_mode)))


def not_a_file(mode: int) -> str:
    """Why a path that is neither a file nor a folder is not read.

    >>> not_a_file(stat.S_IFIFO), not_a_file(stat.S_IFCHR)
    ('a named pipe (FIFO), not a regular file', 'a character device, not a regular file')
    """
    kinds = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))
    kind = next((name for test, name in kinds if test(mode)), "a special file")
    return f"{kind}, not a regular file"
