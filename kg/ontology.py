"""Where the data files that drive `kg` live, and how they are loaded.

Everything an analyst may want to change (actors, aliases, relation verbs,
event triggers, modality cues, colours, named queries) is a file under
``ontology/``. Set ``KG_ONTOLOGY`` to use another folder.

>>> ontology_dir().name
'ontology'
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import yaml


class OntologyError(Exception):
    """A data file under ontology/ is missing or malformed."""


def ontology_dir() -> Path:
    override = os.environ.get("KG_ONTOLOGY")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "ontology"


@lru_cache(maxsize=None)
def _load_yaml(path: Path):
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except FileNotFoundError:
        raise OntologyError(f"{path}: missing (set KG_ONTOLOGY to the folder holding kg's data files)") from None
    except yaml.YAMLError as exc:
        raise OntologyError(f"{path}: not valid YAML: {exc}") from None


def load_data(name: str):
    """Load ``ontology/NAME`` (YAML), cached per process."""
    return _load_yaml(ontology_dir() / name)


def word_set(name: str) -> frozenset[str]:
    """A word list from ``ontology/words.yaml``, lower-cased.

    >>> "airport" in word_set("facility_words")
    True
    """
    words = (load_data("words.yaml") or {}).get(name)
    if words is None:
        raise OntologyError(f"{ontology_dir() / 'words.yaml'}: no list named {name!r}")
    return frozenset(str(w).lower() for w in words)
