"""Writing output files so that a crash never leaves a half-written file in place.

:func:`atomic_output` opens what the user named for writing, according to
what it is:

- a regular file, or a path where nothing is yet: the data goes to a
  temporary file beside it, is flushed to disk, and is renamed over the
  target only when writing succeeded. A crash, a kill or an exception leaves
  either the old file or the new one, complete, and no temporary file
  behind (except after SIGKILL or power loss, when a hidden ``.NAME.*.tmp``
  may remain; it is never the target). A file that existed keeps its
  permission bits; a new one gets ``0666`` less the umask.
- a symbolic link: followed (through any chain of links) to the file it
  points at, which is then replaced as above; the link stays a link.
- a device, a FIFO, or ``-`` (standard output): written in place, since
  renaming over it would replace ``/dev/null`` with a regular file, or
  leave a pipe's reader waiting for data that went elsewhere.

Nothing else is created or changed but the target, the folders leading to
it, and the temporary file. What cannot be written (a folder, no
permission, a full disk, a symlink loop) raises :class:`~kg.errors.OutputError`
with one line naming the path and the reason.

>>> import tempfile
>>> folder = tempfile.mkdtemp()
>>> with atomic_output(folder) as fh:  # doctest: +ELLIPSIS
...     pass
Traceback (most recent call last):
...
kg.errors.OutputError: /...: is a folder; name a file to write
"""
from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator, Union

from .errors import OutputError


@contextmanager
def atomic_output(path: Union[str, Path], mode: str = "w") -> Iterator[IO]:
    """Open ``path`` for writing (``"w"``: UTF-8 text, ``"wb"``: bytes): through
    a temporary file renamed into place for a regular file or a new path, in
    place for a device or a FIFO; ``-`` writes to standard output."""
    if str(path) == "-":
        yield sys.stdout.buffer if "b" in mode else sys.stdout
        return
    named = str(path)
    target = _target(named)
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _output_error(named, exc) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{named}: is a folder; name a file to write")
    if info is not None and not stat.S_ISREG(info.st_mode):
        with _in_place(named, target, mode) as fh:
            yield fh
        return
    with _replacing(named, target, mode, None if info is None else stat.S_IMODE(info.st_mode)) as fh:
        yield fh


def _target(named: str) -> Path:
    """The path to write for ``named``: itself, or the file its symbolic links lead to
    (which need not exist yet; a loop of links is reported when it is opened)."""
    path = Path(named)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


@contextmanager
def _in_place(named: str, target: Path, mode: str) -> Iterator[IO]:
    """A device or a FIFO, opened and written as it is (a FIFO waits for its reader)."""
    try:
        fh = open(target, mode, **_text(mode))
    except OSError as exc:
        raise _output_error(named, exc) from None
    with _reported(named, {str(target)}):
        with fh:
            yield fh


@contextmanager
def _replacing(named: str, target: Path, mode: str, keep_mode) -> Iterator[IO]:
    """A temporary file beside ``target``, renamed over it when the body finished."""
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _output_error(named, exc) from None
    try:
        with _reported(named, {tmp, str(target)}):
            with os.fdopen(fd, mode, **_text(mode)) as fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())  # the data is on disk before the name points at it
            if keep_mode is None:
                umask = os.umask(0)
                os.umask(umask)
                keep_mode = 0o666 & ~umask  # mkstemp creates 0600; outputs are ordinary files
            os.chmod(tmp, keep_mode)
            os.replace(tmp, target)
        _fsync_dir(folder)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


@contextmanager
def _reported(named: str, own: set) -> Iterator[None]:
    """System errors of writing the output (no space, a closed pipe) as an :class:`OutputError`.
    An ``OSError`` naming a file other than the ``own`` ones comes from the caller's
    work (reading an input) and passes through; so does a closed pipe (a FIFO's
    reader gone), which the command line ends quietly, as for standard output."""
    try:
        yield
    except OSError as exc:
        if exc.errno == errno.EPIPE or (exc.filename is not None and str(exc.filename) not in own):
            raise
        raise _output_error(named, exc) from None


def _output_error(named: str, exc: OSError) -> OutputError:
    """One line: the path the user named, the system's reason, and where it failed when that is elsewhere."""
    reason = exc.strerror or str(exc)
    failed = str(exc.filename) if exc.filename is not None else None
    where = ""
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):  # a file where a folder on the way should be
        blocking = next((p for p in Path(named).parents if p.exists() and not p.is_dir()), None)
        if blocking is not None:
            return OutputError(f"{named}: cannot write: {blocking} is a file, not a folder")
    if failed and os.path.abspath(failed) != os.path.abspath(named):
        # mkstemp names the temporary file it tried: what the user can act on is its folder
        where = f" (the folder {os.path.dirname(failed)})" if os.path.basename(failed).startswith(".") \
            and failed.endswith(".tmp") else f" ({failed})"
    return OutputError(f"{named}: cannot write: {reason}{where}")


def _text(mode: str) -> dict:
    return {} if "b" in mode else {"encoding": "utf-8"}


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
