"""Settings: the one place kg reads environment variables.

========================  ==============================================  ====================
variable                  what                                             default
========================  ==============================================  ====================
``KG_ONTOLOGY``           a folder of data files used before kg's own      (kg's own files)
``KG_STORE``              the store commands use without ``--store``       ``output/store``
``KG_MAX_ARTICLE_CHARS``  longer articles are reported and skipped         1,000,000 (0: none)
``KG_MAX_FILE_BYTES``     larger files, lines, stdin documents: skipped    256 MB (0: none)
``KG_REMOTE_TIMEOUT``     seconds to wait for a SPARQL server              120
``KG_CACHE_DIR``          where kg keeps what it builds from its data      ``$XDG_CACHE_HOME/kg``
                          files (the gazetteer), to start faster           or ``~/.cache/kg``
========================  ==============================================  ====================

:func:`settings` reads them each time it is called (a dict lookup each), so a
test or a notebook that changes the environment sees the change.

>>> s = settings({"KG_MAX_FILE_BYTES": "1_000", "KG_MAX_ARTICLE_CHARS": "0"})
>>> s.max_file_bytes, s.max_article_chars, s.store
(1000, None, 'output/store')
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional

log = logging.getLogger("kg.settings")

DEFAULT_STORE = str(Path("output") / "store")
#: A long news story has some 50,000 characters; a million is spaCy's own
#: default limit, and parsing that much takes about a gigabyte of memory.
MAX_ARTICLE_CHARS = 1_000_000
MAX_FILE_BYTES = 256 * 1024 * 1024
REMOTE_TIMEOUT = 120.0


@dataclass(frozen=True)
class Settings:
    data_dir: Optional[Path] = None
    store: str = DEFAULT_STORE
    max_article_chars: Optional[int] = MAX_ARTICLE_CHARS  # None: no limit
    max_file_bytes: Optional[int] = MAX_FILE_BYTES  # None: no limit
    remote_timeout: float = REMOTE_TIMEOUT
    cache_dir: Optional[Path] = None  # None: no cache on disk (no home folder)


def settings(environ: Optional[Mapping[str, str]] = None) -> Settings:
    """The settings from ``environ`` (default: the process environment)."""
    env = os.environ if environ is None else environ
    data_dir = (env.get("KG_ONTOLOGY") or "").strip()
    return Settings(
        data_dir=Path(data_dir) if data_dir else None,
        store=(env.get("KG_STORE") or "").strip() or DEFAULT_STORE,
        max_article_chars=_limit(env, "KG_MAX_ARTICLE_CHARS", MAX_ARTICLE_CHARS),
        max_file_bytes=_limit(env, "KG_MAX_FILE_BYTES", MAX_FILE_BYTES),
        remote_timeout=_seconds(env, "KG_REMOTE_TIMEOUT", REMOTE_TIMEOUT),
        cache_dir=_cache_dir(env),
    )


def _cache_dir(env: Mapping[str, str]) -> Optional[Path]:
    """``$KG_CACHE_DIR``, else ``kg`` in ``$XDG_CACHE_HOME`` or in ``~/.cache``."""
    explicit = (env.get("KG_CACHE_DIR") or "").strip()
    if explicit:
        return Path(explicit)
    xdg = (env.get("XDG_CACHE_HOME") or "").strip()
    if xdg:
        return Path(xdg) / "kg"
    home = (env.get("HOME") or "").strip()
    return Path(home) / ".cache" / "kg" if home else None


def _limit(env: Mapping[str, str], name: str, default: int) -> Optional[int]:
    """A size limit: a whole number (``_`` allowed), 0 or less for none."""
    raw = env.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.replace("_", ""))
    except ValueError:
        log.warning("$%s=%r is not a whole number; using %d", name, raw, default)
        return default
    return value if value > 0 else None


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value > 0:
        log.warning("$%s=%r is not a positive number of seconds; using %g", name, raw, default)
        return default
    return value
