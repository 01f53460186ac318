"""The data files that drive kg, and how they are found and loaded.

Everything an analyst may want to change (actors, aliases, relation verbs,
event triggers, modality cues, colours, named queries) is a file in the
repository's ``ontology/`` folder. The wheel ships that folder as the
``kg.data`` package, found with :mod:`importlib.resources`, so an installed
kg works from any folder.

``$KG_ONTOLOGY`` names a folder of your own: a file found there is used
instead of kg's file of the same name; the others still come from kg (a
folder holding only your ``actors.yaml`` is enough).

Files are read when first needed, never when a module is imported, and read
again when they change: each load compares the file's modification time and
size with those of the copy in memory. Code that needs a file in a loop loads
it once before the loop, or through an object built from the files and
rebuilt when they change (:func:`rebuilt_on_change`, as the lexicon and the
gazetteer are). An object that is slow to build (the gazetteer, with the
34,000 names of the imported lexicons) is also kept on disk, pickled, in the
user's cache folder (``$KG_CACHE_DIR``, default ``~/.cache/kg``; never inside
the installed package), under a key made of the files' :func:`signature`,
kg's and Python's versions and those of the packages it is built from; a new
process loads it from there, and builds it again when the key changes.

>>> "airport" in word_set("facility_words")
True
>>> data_path("relations.yaml").name
'relations.yaml'
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
import threading
from functools import lru_cache, wraps
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

import yaml

from ._version import __version__
from .errors import DataFileError
from .settings import settings

log = logging.getLogger("kg.datafiles")

#: PyYAML's safe loader, in C (libyaml) where the wheel has it: 5 times faster at start.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: The package the wheel installs the data files as.
PACKAGE = "kg.data"


@lru_cache(maxsize=1)
def package_dir() -> Path:
    """kg's own data folder (``ontology/`` of the repository, ``kg/data`` in the wheel)."""
    return Path(str(resources.files(PACKAGE)))


def data_path(name: str) -> Path:
    """The file ``name`` (e.g. ``"actors.yaml"``, ``"queries/opposes.rq"``): from
    ``$KG_ONTOLOGY`` if that folder has it, else kg's own."""
    override = settings().data_dir
    if override is not None:
        candidate = override / name
        if candidate.exists():
            return candidate
    return package_dir() / name


def data_files(pattern: str) -> dict[str, Path]:
    """Files matching a glob pattern (``"queries/*.rq"``), by file name; a file of
    ``$KG_ONTOLOGY`` replaces kg's file of the same name, and adds to the others."""
    found = {p.name: p for p in sorted(package_dir().glob(pattern))}
    override = settings().data_dir
    if override is not None and override.is_dir():
        found.update({p.name: p for p in sorted(override.glob(pattern))})
    return dict(sorted(found.items()))


def _stat(path: Path) -> tuple:
    try:
        st = os.stat(path)
    except OSError:
        return (str(path), None, None)
    return (str(path), st.st_mtime_ns, st.st_size)


def signature(*names: str) -> tuple:
    """Where the files ``names`` are and when they last changed: a key for caches
    of objects built from them (equal while none of them changed)."""
    return tuple(_stat(data_path(n)) for n in names)


def rebuilt_on_change(*names: str, stored: Optional[str] = None, packages: tuple[str, ...] = ()):
    """Decorate a function without arguments that builds an object from the data files
    ``names``: the object is built when first asked for, kept, and built again once
    one of the files has changed (its :func:`signature`). Threads of a process share
    one object per state of the files.

    With ``stored``, the object is also kept on disk as ``<stored>-<key>.pickle`` in
    the cache folder (:func:`cache_key`: the files' signature, kg's and Python's
    versions and those of ``packages``, the installed packages it is also built from),
    so the next process loads it instead of building it.

    >>> @rebuilt_on_change("words.yaml")
    ... def facility_count():
    ...     return len(word_set("facility_words"))
    >>> facility_count() == facility_count() > 0
    True
    """
    def decorate(build: Callable[[], Any]) -> Callable[[], Any]:
        built: dict[str, Any] = {}
        lock = threading.Lock()

        @wraps(build)
        def load():
            sig = signature(*names)
            with lock:
                if built.get("signature") != sig:
                    value = _MISSING
                    if stored:
                        key = cache_key(sig, packages)
                        value = _read_cached(stored, key)
                    if value is _MISSING:
                        value = build()
                        if stored:
                            _write_cached(stored, key, value)
                    built["value"], built["signature"] = value, sig
                return built["value"]

        return load

    return decorate


_MISSING = object()


def cache_key(sig: tuple, packages: Iterable[str] = ()) -> str:
    """A short hex key for an object built from files of signature ``sig`` (and from the
    installed ``packages``) by this kg (its version and its modules) on this Python:
    another key means another object.

    >>> cache_key(signature("words.yaml")) == cache_key(signature("words.yaml")) != cache_key(())
    True
    """
    from importlib.metadata import PackageNotFoundError, version

    def installed(package: str) -> Optional[str]:
        try:
            return version(package)
        except PackageNotFoundError:
            return None

    parts = (sig, __version__, _code_signature(), sys.version_info[:2], tuple((p, installed(p)) for p in packages))
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()[:20]


@lru_cache(maxsize=1)
def _code_signature() -> tuple:
    """When kg's own modules last changed: an object pickled by other code (a development
    checkout between two commits of the same version) is not read back."""
    return tuple(_stat(p) for p in sorted(Path(__file__).parent.rglob("*.py")))


def cached_file(name: str, key: str) -> Optional[Path]:
    """Where the object ``name`` of key ``key`` is kept (None: no cache folder)."""
    folder = settings().cache_dir
    return folder / f"{name}-{key}.pickle" if folder is not None else None


def _read_cached(name: str, key: str):
    path = cached_file(name, key)
    if path is None:
        return _MISSING
    try:
        with open(path, "rb") as fh:
            value = pickle.load(fh)
        os.utime(path)  # used now: the last to be dropped (_write_cached)
        return value
    except FileNotFoundError:
        return _MISSING
    except Exception as exc:  # a truncated or foreign file: build again, and overwrite it
        log.warning("%s: cannot read the cached %s (%s); building it again", path, name, exc)
        return _MISSING


#: How many copies of one object (for other data folders, versions, installs) the cache keeps.
KEEP_CACHED = 6


def _write_cached(name: str, key: str, value) -> None:
    """Write atomically (a temporary file renamed), and drop the copies of this object
    beyond the :data:`KEEP_CACHED` used last. A folder that cannot be written only
    costs the next start the build."""
    path = cached_file(name, key)
    if path is None:
        return
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{name}-", suffix=".tmp", delete=False) as fh:
            tmp = fh.name
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
        copies = sorted(path.parent.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in copies[KEEP_CACHED:]:
            old.unlink(missing_ok=True)
    except OSError as exc:
        log.info("cannot keep %s in %s: %s", name, path.parent, exc)
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


_cache: dict[tuple[str, str], tuple[tuple, Any]] = {}


def _cached(path: Path, kind: str, parse: Callable[[Path], Any]):
    sig = _stat(path)
    hit = _cache.get((str(path), kind))
    if hit is not None and hit[0] == sig:
        return hit[1]
    if sig[1] is None:
        raise DataFileError(f"{path}: missing (kg's data files: set $KG_ONTOLOGY to a folder holding your own, "
                            "or reinstall kg)")
    value = parse(path)
    _cache[(str(path), kind)] = (sig, value)
    return value


def _parse_yaml(path: Path):
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        raise DataFileError(f"{path}: not valid YAML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path}: cannot read: {exc}") from None


def load_yaml_file(path: Path):
    """A YAML file by path (one of :func:`data_path`'s, or a rules file given by the user)."""
    return _cached(path, "yaml", _parse_yaml)


def load_yaml(name: str):
    """The YAML file ``name``, parsed (cached while the file is unchanged; do not modify it)."""
    return load_yaml_file(data_path(name))


def read_text(name: str) -> str:
    """The text of the data file ``name`` (cached while the file is unchanged)."""
    def parse(path: Path) -> str:
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DataFileError(f"{path}: cannot read: {exc}") from None

    return _cached(data_path(name), "text", parse)


def word_set(name: str, file: str = "words.yaml") -> frozenset[str]:
    """A word list of ``words.yaml`` (or ``file``), lower-cased.

    >>> "airport" in word_set("facility_words")
    True
    """
    def parse(path: Path) -> dict[str, frozenset[str]]:
        data = _parse_yaml(path) or {}
        if not isinstance(data, dict):
            raise DataFileError(f"{path}: expected named word lists")
        return {k: frozenset(str(w).lower() for w in (v or ())) for k, v in data.items()
                if isinstance(v, (list, tuple))}

    lists = _cached(data_path(file), "words", parse)
    if name not in lists:
        raise DataFileError(f"{data_path(file)}: no list named {name!r}")
    return lists[name]
