"""Fixtures for the extraction tests: a helper that extracts hand-written text as an
article published on a given date (with the session's spaCy pipeline, ``nlp``)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED_EVAL = REPO / ".." / "shared" / "eval"


@pytest.fixture(scope="session")
def extract_text(nlp):
    """extract_text(text, published="2021-09-02") -> Extraction (memoised)."""
    from kg.extract import extract_articles
    from kg.model import Article

    cache = {}

    def run(text: str, published: str = "2021-09-02"):
        key = (text, published)
        if key not in cache:
            art = Article(id=f"t{len(cache)}", text=text, published=date.fromisoformat(published))
            cache[key] = next(extract_articles([art], nlp))
        return cache[key]

    return run


def triples(ex, modality: str | None = None) -> set[tuple[str, str, str]]:
    """(source key, relation, target key) of the claims, optionally of one modality."""
    return {(c.source, c.relation, c.target) for c in ex.claims if modality is None or c.modality == modality}


def claim(ex, source: str, relation: str, target: str):
    found = [c for c in ex.claims if (c.source, c.relation, c.target) == (source, relation, target)]
    assert found, f"no claim {source} {relation} {target}; claims: {sorted(triples(ex))}"
    return found[0]
