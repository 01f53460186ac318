"""Writing output files so that a crash never leaves a half-written file in place.

:func:`atomic_output` writes to a temporary file next to the target, flushes
it to disk, and renames it over the target only when writing succeeded: a
crash, a kill or an exception leaves either the old file or the new one,
complete, and no temporary file behind (except after SIGKILL or power loss,
when a hidden ``.NAME.*.tmp`` may remain; it is never the target).
"""
from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Union


@contextmanager
def atomic_output(path: Union[str, Path], mode: str = "w") -> Iterator:
    """Open ``path`` for writing through a temporary file renamed into place on success.
    ``-`` writes to standard output."""
    if str(path) == "-":
        yield sys.stdout.buffer if "b" in mode else sys.stdout
        return
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(f"{path}: is a folder; name a file to write")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())  # the data is on disk before the name points at it
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; outputs are ordinary files
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
