"""kg eval on small gold files written here, in each of the three formats."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.eval import Score, detect_format, evaluate
from kg.eval.plover import plover_gold_tuples


def test_score_arithmetic():
    s = Score(tp=3, fp=1, fn=2)
    assert (s.precision, s.recall, s.f1) == (0.75, 0.6, 0.667)
    assert Score().f1 == 0.0


def test_plover_gold_tuples_map_2016_categories_and_cameo_codes():
    rec = {"event": "DISAPPROVE", "source": [{"actorText": "Tokyo", "code": "JAP"}],
           "target": [{"actorText": "x", "code": "USA"}, {"actorText": "y", "code": "ITL"}]}
    assert plover_gold_tuples(rec) == {("ACCUSE", "JPN", "USA"), ("ACCUSE", "JPN", "ITA")}
    assert plover_gold_tuples({"event": "FIGHT", "source": [{"code": "ISR"}], "target": ""}) == {("ASSAULT", "ISR", None)}


@pytest.fixture(scope="module")
def plover_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("gold") / "plover.json"
    records = [
        {"id": "DOC", "event": "DOCUMENT"},
        {"id": "r1", "event": "DISAPPROVE", "text": "Egypt condemned Israel on Monday.",
         "source": [{"actorText": "Egypt", "code": "EGY"}], "target": [{"actorText": "Israel", "code": "ISR"}]},
        {"id": "r2", "event": "DEMAND", "text": "Pakistan demanded that India withdraw its troops.",
         "source": [{"actorText": "Pakistan", "code": "PAK"}], "target": [{"actorText": "India", "code": "IND"}]},
        {"id": "r3", "event": "AID", "text": "Norway sent food to Chad.",
         "source": [{"actorText": "Norway", "code": "NOR"}], "target": [{"actorText": "Chad", "code": "TCD"}]},
    ]
    path.write_text(json.dumps(records))
    return path


def test_plover_format(plover_file, nlp):
    assert detect_format(plover_file) == "plover"
    report = evaluate(plover_file, nlp=nlp)
    s = report.parts["(type, source, target)"]
    assert s.tp >= 2 and s.tp + s.fn == 3
    assert [r["id"] for r in report.details["records"]] == ["r1", "r2", "r3"]


def test_wikievents_format(tmp_path, nlp):
    text = "Hamas fighters attacked Israeli troops near Gaza."
    doc = {
        "doc_id": "d1", "text": text, "tokens": text.split(), "sentences": [], "relation_mentions": [],
        "entity_mentions": [{"id": "d1-T1", "text": "fighters", "entity_type": "PER"},
                            {"id": "d1-T2", "text": "troops", "entity_type": "PER"},
                            {"id": "d1-T3", "text": "Hamas", "entity_type": "ORG"}],
        "event_mentions": [{"id": "d1-E1", "event_type": "Conflict.Attack.Unspecified",
                            "trigger": {"text": "attacked"},
                            "arguments": [{"entity_id": "d1-T1", "role": "Attacker", "text": "fighters"},
                                          {"entity_id": "d1-T2", "role": "Target", "text": "troops"}]}],
    }
    path = tmp_path / "we.jsonl"
    path.write_text(json.dumps(doc) + "\n")
    (tmp_path / "we-coref.jsonlines").write_text(json.dumps({"doc_key": "d1", "clusters": [["d1-T1", "d1-T3"]]}) + "\n")
    assert detect_format(path) == "wikievents"
    report = evaluate(path, nlp=nlp)
    assert report.parts["(attacker, target) pairs"].tp == 1


def test_kg_gold_format(tmp_path, nlp):
    art = tmp_path / "2021-05-03-test.txt"
    art.write_text("Egypt condemns Israel\n\nMay 3, 2021\n\nEgypt condemned Israel on Saturday. "
                   "Jordan did not criticize Israel.\n")
    gold = {
        "format": "kg-gold/1", "article": {"file": art.name, "published": "2021-05-03"},
        "actors": [{"id": "egypt", "label": "Egypt", "type": "Country", "country": "EGY", "mentions": ["Egypt"], "must": True},
                   {"id": "israel", "label": "Israel", "type": "Country", "country": "ISR", "mentions": ["Israel"], "must": True},
                   {"id": "jordan", "label": "Jordan", "type": "Country", "country": "JOR", "mentions": ["Jordan"]}],
        "relations": [{"id": "r1", "source": "egypt", "relation": "criticizes", "target": "israel",
                       "modality": "asserted", "must": True}],
        "never_asserted": [{"source": "jordan", "relation": "criticizes", "target": "israel"}],
        "events": [], "absent": ["Mexico"],
    }
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold))
    assert detect_format(path) == "kg-gold"
    report = evaluate(path, articles=[str(tmp_path)], nlp=nlp)
    assert report.failures == []
    assert report.parts["actors"].recall == 1.0
    assert report.parts["relations (with modality)"].tp == 1


def test_cli_eval_and_resolve(plover_file):
    from click.testing import CliRunner

    from kg.cli import main

    r = CliRunner().invoke(main, ["eval", str(plover_file), "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)[0]["format"] == "plover"
    r = CliRunner().invoke(main, ["resolve", "Israeli police", "--format", "json"])
    out = json.loads(r.output)
    assert (out["country"], out["sector"], out["type"]) == ("ISR", "COP", "Organization")
    r = CliRunner().invoke(main, ["resolve", "Taliban", "--date", "2002-01-01"])
    assert "REB" in r.output and "/actor/taliban" in r.output


def test_unusable_gold_files_raise_eval_error(tmp_path):
    from kg.errors import EvalError

    unknown = tmp_path / "notes.json"
    unknown.write_text('{"hello": "world"}')
    with pytest.raises(EvalError, match="not a gold file"):
        detect_format(unknown)
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"format": "kg-gold/1", "article": {"file": "missing.txt"}, "actors": []}))
    with pytest.raises(EvalError, match="'missing.txt' not found"):
        evaluate(gold, articles=[str(tmp_path)])


def test_wikievents_texts_are_rebuilt_from_token_offsets():
    """v1.0's ``text`` field runs sentences together ("in SyriaThe desert"); the offsets do not."""
    import json

    from kg.eval.wikievents import document_text

    path = Path(__file__).resolve().parents[3] / "shared" / "eval" / "wikievents-dev.jsonl"
    if not path.is_file():
        pytest.skip("../shared/eval not available")
    doc = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    text = document_text(doc)
    assert "SyriaThe" in doc["text"] and "Syria\nThe desert" in text
    for sentence in doc["sentences"]:
        for token, start, end in sentence[0]:
            assert text[start:end] == token
