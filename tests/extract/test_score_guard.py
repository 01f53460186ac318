"""CI guard: extraction quality on the development data must not drop, on
either part of it.

The PLOVER records and WikiEvents documents are split in two
(``kg eval --part tune|held-out``, :func:`kg.eval.scoring.select_part`):
rules are tuned on the ``tune`` part only; the ``held-out`` part says how they
do on sentences they were not written for. The seed article is one story
and is scored whole. Thresholds sit a little below the scores measured when
they were set (see the commit that changed them); raise them when extraction
improves. Skipped when ../shared/eval is absent.
"""
from __future__ import annotations

import pytest

from .conftest import SHARED_EVAL

#: (gold file, part of the data, scored part, metric) -> minimum
THRESHOLDS = {
    # measured 2026-11-24 on i11-relations (kg eval ../shared/eval/seed-gold.json --strict): 0.930, 0.764, 1.0
    ("seed-gold.json", "all", "actors", "f1"): 0.92,
    ("seed-gold.json", "all", "relations (with modality)", "f1"): 0.74,
    ("seed-gold.json", "all", "event dates", "f1"): 0.95,
    # measured 2026-11-24 on i11-relations (kg eval ../shared/eval/plover-gsr-dev.json --part tune|held-out):
    # (type, source, target) 0.705 / 0.577, event type only 0.764 / 0.781. The held-out tuples are under
    # main's 0.585 where the gold codes a sentence otherwise than the issue asks (README, Evaluation)
    ("plover-gsr-dev.json", "tune", "(type, source, target)", "f1"): 0.69,
    ("plover-gsr-dev.json", "held-out", "(type, source, target)", "f1"): 0.56,
    ("plover-gsr-dev.json", "tune", "event type only", "f1"): 0.75,
    ("plover-gsr-dev.json", "held-out", "event type only", "f1"): 0.76,
    # measured 2026-11-24 on i11-relations (kg eval ../shared/eval/wikievents-dev.jsonl --part tune|held-out):
    # pairs 0.316 / 0.334, attacker heads 0.421 / 0.334, target heads 0.490 / 0.520. Tune attacker heads
    # fell from 0.477: a bomb's "it" no longer stands as an attacker that matched a gold "it" (the IRA)
    ("wikievents-dev.jsonl", "tune", "(attacker, target) pairs", "f1"): 0.28,
    ("wikievents-dev.jsonl", "held-out", "(attacker, target) pairs", "f1"): 0.30,
    ("wikievents-dev.jsonl", "tune", "attacker heads", "f1"): 0.40,
    ("wikievents-dev.jsonl", "held-out", "attacker heads", "f1"): 0.32,
    ("wikievents-dev.jsonl", "tune", "target heads", "f1"): 0.47,
    ("wikievents-dev.jsonl", "held-out", "target heads", "f1"): 0.50,
}


@pytest.fixture(scope="module")
def reports(nlp):
    from kg.eval import evaluate

    out = {}
    for name, part in {k[:2] for k in THRESHOLDS}:
        path = SHARED_EVAL / name
        if path.is_file():
            out[name, part] = evaluate(path, nlp=nlp, part=part)
    return out


@pytest.mark.parametrize("key", sorted(THRESHOLDS), ids=lambda k: ":".join(k))
def test_score_does_not_drop(reports, key):
    name, part, scored, metric = key
    if (name, part) not in reports:
        pytest.skip(f"../shared/eval/{name} not available")
    score = getattr(reports[name, part].parts[scored], metric)
    assert score >= THRESHOLDS[key], f"{name} [{part}] {scored} {metric} = {score} < {THRESHOLDS[key]}"


def test_the_two_parts_split_the_records():
    from kg.eval.scoring import select_part

    records = list(range(11))
    tune, held_out = select_part(records, "tune"), select_part(records, "held-out")
    assert sorted(tune + held_out) == records and not set(tune) & set(held_out)
