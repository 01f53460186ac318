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
    # measured 2026-11-24 (kg eval ../shared/eval/seed-gold.json): 0.952, 0.764, 1.0
    ("seed-gold.json", "all", "actors", "f1"): 0.93,
    ("seed-gold.json", "all", "relations (with modality)", "f1"): 0.74,
    ("seed-gold.json", "all", "event dates", "f1"): 0.95,
    # measured 2026-11-24 (kg eval ../shared/eval/plover-gsr-dev.json --part tune|held-out), with
    # issue 11's actors (imported lexicons, sector nouns in context, unknown names kept):
    # (type, source, target) 0.657 / 0.585, event type only 0.739 / 0.748
    ("plover-gsr-dev.json", "tune", "(type, source, target)", "f1"): 0.64,
    ("plover-gsr-dev.json", "held-out", "(type, source, target)", "f1"): 0.57,
    ("plover-gsr-dev.json", "tune", "event type only", "f1"): 0.72,
    ("plover-gsr-dev.json", "held-out", "event type only", "f1"): 0.73,
    # measured 2026-11-24 (texts rebuilt from token offsets), with issue 11's actors:
    # pairs 0.308 / 0.231, attacker heads 0.477 / 0.348, target heads 0.464 / 0.549
    ("wikievents-dev.jsonl", "tune", "(attacker, target) pairs", "f1"): 0.28,
    ("wikievents-dev.jsonl", "held-out", "(attacker, target) pairs", "f1"): 0.21,
    ("wikievents-dev.jsonl", "tune", "attacker heads", "f1"): 0.45,
    ("wikievents-dev.jsonl", "held-out", "attacker heads", "f1"): 0.32,
    # target heads: 0.473 / 0.560 before; one actor for the story's civilians now stands
    # for several gold victims ("men", "women", "children"), which score as one
    ("wikievents-dev.jsonl", "tune", "target heads", "f1"): 0.45,
    ("wikievents-dev.jsonl", "held-out", "target heads", "f1"): 0.53,
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
