"""CI guard: extraction quality on the development data must not drop.

Thresholds sit a little below the scores measured when they were set (see the
commit that changed them); raise them when extraction improves. Skipped when
../shared/eval is absent.
"""
from __future__ import annotations

import pytest

from .conftest import SHARED_EVAL

#: (gold file, part, metric) -> minimum
THRESHOLDS = {
    # measured 2026-11-23 (kg eval ../shared/eval/*): 0.952, 0.764, 1.0
    ("seed-gold.json", "actors", "f1"): 0.93,
    ("seed-gold.json", "relations (with modality)", "f1"): 0.74,
    ("seed-gold.json", "event dates", "f1"): 0.95,
    # measured: 0.608, 0.710; the first is held at issue 3's target (extraction is deterministic)
    ("plover-gsr-dev.json", "(type, source, target)", "f1"): 0.60,
    ("plover-gsr-dev.json", "event type only", "f1"): 0.68,
    # measured: 0.160, 0.293, 0.468
    ("wikievents-dev.jsonl", "(attacker, target) pairs", "f1"): 0.14,
    ("wikievents-dev.jsonl", "attacker heads", "f1"): 0.27,
    ("wikievents-dev.jsonl", "target heads", "f1"): 0.44,
}


@pytest.fixture(scope="module")
def reports(nlp):
    from kg.eval import evaluate

    out = {}
    for name in {k[0] for k in THRESHOLDS}:
        path = SHARED_EVAL / name
        if path.is_file():
            out[name] = evaluate(path, nlp=nlp)
    return out


@pytest.mark.parametrize("key", sorted(THRESHOLDS), ids=lambda k: f"{k[0]}:{k[1]}:{k[2]}")
def test_score_does_not_drop(reports, key):
    name, part, metric = key
    if name not in reports:
        pytest.skip(f"../shared/eval/{name} not available")
    score = getattr(reports[name].parts[part], metric)
    assert score >= THRESHOLDS[key], f"{name} {part} {metric} = {score} < {THRESHOLDS[key]}"
