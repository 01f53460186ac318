"""JSON documents (kg.readers.jsondoc): a list, one object, JSON Lines saved as .json."""
from __future__ import annotations

import json

from .inputs import collect


def test_json_list_and_object(tmp_path):
    (tmp_path / "list.json").write_text(
        json.dumps([{"id": "j1", "text": "One.", "title": "T1"}, {"id": "j2", "text": "Two.", "title": "T2"}]),
        encoding="utf-8",
    )
    (tmp_path / "one.json").write_text(json.dumps({"id": "j3", "text": "Three.", "title": "T3"}), encoding="utf-8")
    (tmp_path / "bad.json").write_text("{nope", encoding="utf-8")
    arts, errors = collect([tmp_path])
    assert [a.title for a in arts] == ["T1", "T2", "T3"]
    assert len(errors) == 1 and errors[0].path.endswith("bad.json") and "invalid JSON" in errors[0].reason


def test_jsonl_saved_as_json_is_read(tmp_path):
    f = tmp_path / "lines.json"
    f.write_text('{"id": "l1", "text": "One."}\n{"id": "l2", "text": "Two."}\n', encoding="utf-8")
    arts, errors = collect([f])
    assert errors == [] and [a.id for a in arts] == ["l1", "l2"]
