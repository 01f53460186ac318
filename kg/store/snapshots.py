"""Read-only snapshots of an on-disk store, so that readers never wait for a writer.

RocksDB, under Oxigraph, lets one process write a store. A second process
opening it read-only while the first writes is "undefined behaviour"
(pyoxigraph's words; in practice the reader fails once a compaction removes
a file it needs), and pyoxigraph 0.5 no longer offers RocksDB's secondary
instances. So the writer publishes snapshots, and readers open those::

    STORE/                       the store itself (RocksDB: CURRENT, MANIFEST-*, *.sst, *.log, ...)
    STORE/kg-snapshots/writer    locked (flock) by the process writing the store, while it does
    STORE/kg-snapshots/N/        a checkpoint (``pyoxigraph.Store.backup``): hard links to the
                                 store's immutable files, so it costs no copy and little time
    STORE/kg-snapshots/LATEST    JSON: the newest complete checkpoint; once the writer has
                                 closed, also the signature of the store files it matches

The writer (:class:`Publisher`) publishes a checkpoint when it opens the store,
every :data:`PUBLISH_EVERY` seconds while it writes (between two writes), and
when it closes; then it deletes every older checkpoint that no reader holds.

A reader (:func:`reader_folder`) opens checkpoint N if a writer is at work, or
if the store's files are still those the last writer left (so a writer that
starts later cannot pull files from under it); otherwise (no writer ever
published, or the last one was killed) it opens the store itself. It holds a
shared lock on the checkpoint's folder, so no writer deletes it while it reads.

A long-running reader (a server) sees new articles without starting over:
``OxigraphStore.refresh()`` reads ``LATEST`` (one small file) and, when it
names a newer checkpoint, opens that one and lets go of the old. A checkpoint
shares its files with the store, so the new one opens in milliseconds, warm
from the page cache; nothing is copied. (RocksDB's own answer, a secondary
instance that catches up with the writer in place, is not offered by
pyoxigraph 0.5.)
"""
from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
import shutil
import time
from pathlib import Path
from typing import Callable, Optional

log = logging.getLogger("kg.store")

#: The folder inside a store that holds its snapshots.
FOLDER = "kg-snapshots"
#: While a writer writes, it publishes a checkpoint at most this often (seconds).
PUBLISH_EVERY = 5.0

_LATEST = "LATEST"
_WRITER = "writer"


class Publisher:
    """The writer's side. Created before the store is opened for writing, it takes
    the writer's lock (:class:`BlockingIOError` if another process writes the
    store); :meth:`start` then publishes checkpoints of the opened store."""

    def __init__(self, folder: Path):
        self.folder, self.store = Path(folder), None
        self.snapshots = self.folder / FOLDER
        self.snapshots.mkdir(exist_ok=True)
        self._lock = os.open(self.snapshots / _WRITER, os.O_RDWR | os.O_CREAT, 0o644)
        for attempt in range(50):  # a reader checking for a writer holds it for a moment
            try:
                fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if attempt == 49:
                    os.close(self._lock)
                    raise
                time.sleep(0.01)

    def start(self, store) -> None:
        """Publish checkpoints of ``store`` (a read-write ``pyoxigraph.Store`` on the
        folder), the first one now: readers see the store as it was before any write."""
        self.store = store
        self._number = max(_numbers(self.snapshots), default=0)
        self._published, self._dirty = 0.0, True
        self.publish()

    def release(self) -> None:
        """Let go of the writer's lock without publishing (the store could not be opened)."""
        os.close(self._lock)

    def wrote(self) -> None:
        """Note a write; publish if the last checkpoint is older than :data:`PUBLISH_EVERY`.
        In the writer's own thread, between two writes: a checkpoint made in a thread
        beside the writer once left the writer's next flush waiting forever (seen in
        a test under load, one build in seven)."""
        self._dirty = True
        if time.monotonic() - self._published >= PUBLISH_EVERY:
            try:
                self.publish()
            except OSError as exc:  # a full disk, say: the writer goes on, readers see the last checkpoint
                log.warning("%s: could not publish a snapshot for readers (%s)", self.folder, exc)
                self._published = time.monotonic()  # try again later, not at every write

    def current(self) -> Path:
        """The folder of a checkpoint holding every write so far (published now if needed)."""
        if self._dirty:
            self.publish()
        return self.snapshots / str(self._number)

    def close(self, close_store: Callable[[], None]) -> None:
        """Publish the final checkpoint, close the store with ``close_store``, then
        record what the store's files are now: readers use the checkpoint as long
        as they stay so (if it could not be made, readers read the store itself).
        Releases the writer's lock."""
        final = False
        try:
            if self._dirty:
                self.publish()
            final = True
        except Exception as exc:  # noqa: BLE001  (the store is closed whatever happened)
            log.warning("%s: no final snapshot for readers (%s); they will read the store itself", self.folder, exc)
        finally:
            self.store = None  # close_store drops the last references, which closes it
            try:
                close_store()
                if final:
                    _write_latest(self.snapshots, {"snapshot": self._number, "closed": signature(self.folder)})
                    self._delete_unused()
            finally:
                self.release()

    def publish(self) -> None:
        """A checkpoint of the store now, named in ``LATEST``; older unheld ones are deleted."""
        number = self._number + 1
        target = self.snapshots / str(number)
        shutil.rmtree(f"{target}.tmp", ignore_errors=True)  # a checkpoint a killed writer left half made
        self.store.backup(str(target))
        self._number, self._dirty = number, False
        _write_latest(self.snapshots, {"snapshot": number})
        self._published = time.monotonic()
        self._delete_unused()

    def _delete_unused(self) -> None:
        """Delete the checkpoints no reader holds, but the newest; and those a killed writer left half made."""
        for entry in os.scandir(self.snapshots):
            if not entry.is_dir(follow_symlinks=False) or entry.name == str(self._number):
                continue
            held = None if entry.name.endswith(".tmp") else _try_lock(entry.path, fcntl.LOCK_EX)
            if held is None and not entry.name.endswith(".tmp"):
                continue  # a reader holds it; a later publish deletes it
            try:
                shutil.rmtree(entry.path, ignore_errors=True)
            finally:
                if held is not None:
                    os.close(held)


class Pin:
    """A reader's shared lock on a checkpoint folder: no writer deletes it until :meth:`release`."""

    def __init__(self, fd: int, folder: Path):
        self.fd, self.folder = fd, folder

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def reader_folder(folder: Path) -> tuple[Optional[Path], Optional[Pin]]:
    """The folder a reader of the store at ``folder`` should open read-only:
    a checkpoint (with the :class:`Pin` that keeps it) or the store itself (no
    pin); None if a writer is at work and has published nothing yet (it is
    creating the store, or opening it: there is nothing a reader may open)."""
    snapshots = Path(folder) / FOLDER
    for _ in range(20):  # a writer publishing at the same moment: read LATEST again
        latest = _read_latest(snapshots)
        if latest is None:
            return (None, None) if writer_at_work(folder) else (Path(folder), None)
        if not (writer_at_work(folder) or latest.get("closed") == signature(folder)):
            return Path(folder), None  # no writer, and the store changed since (a killed build): read it
        checkpoint = snapshots / str(latest["snapshot"])
        try:
            fd = os.open(checkpoint, os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:
            continue
        fcntl.flock(fd, fcntl.LOCK_SH)  # waits only while a writer deletes it
        if (checkpoint / "CURRENT").exists():
            return checkpoint, Pin(fd, checkpoint)
        os.close(fd)
    return Path(folder), None


def latest_snapshot(folder: Path) -> Optional[Path]:
    """The newest complete checkpoint of the store at ``folder``, if there is one."""
    latest = _read_latest(Path(folder) / FOLDER)
    checkpoint = Path(folder) / FOLDER / str(latest["snapshot"]) if latest else None
    return checkpoint if checkpoint is not None and (checkpoint / "CURRENT").exists() else None


def signature(folder: Path) -> list:
    """Name, size and modification time of every file of the store itself (not its
    log, lock or snapshots): they change whenever anything writes to it."""
    out = []
    for entry in os.scandir(folder):
        if entry.name == "LOCK" or entry.name.startswith("LOG") or not entry.is_file(follow_symlinks=False):
            continue
        info = entry.stat(follow_symlinks=False)
        out.append([entry.name, info.st_size, info.st_mtime_ns])
    return sorted(out)


def writer_at_work(folder: Path) -> bool:
    """Whether a process writes the store at ``folder`` (briefly taking a shared lock on the writer's to see)."""
    snapshots = Path(folder) / FOLDER
    if not (snapshots / _WRITER).exists():
        return False
    held = _try_lock(snapshots / _WRITER, fcntl.LOCK_SH)
    if held is None:
        return True
    os.close(held)
    return False


def _try_lock(path, kind: int) -> Optional[int]:
    """An open descriptor of ``path`` locked with ``kind`` (``fcntl.LOCK_SH`` or ``LOCK_EX``),
    or None if another process holds a conflicting lock or ``path`` is gone."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        fcntl.flock(fd, kind | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
            return None
        raise
    return fd


def _numbers(snapshots: Path):
    for name in os.listdir(snapshots):
        stem = name[:-4] if name.endswith(".tmp") else name
        if stem.isdigit():
            yield int(stem)


def _read_latest(snapshots: Path) -> Optional[dict]:
    try:
        latest = json.loads((snapshots / _LATEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return latest if isinstance(latest, dict) and isinstance(latest.get("snapshot"), int) else None


def _write_latest(snapshots: Path, latest: dict) -> None:
    tmp = snapshots / f"{_LATEST}.tmp"
    tmp.write_text(json.dumps(latest), encoding="utf-8")
    os.replace(tmp, snapshots / _LATEST)
