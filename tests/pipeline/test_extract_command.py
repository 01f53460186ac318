"""``kg extract``: the build's options that make sense without a store, and records for
every article read."""
from __future__ import annotations

import json
import subprocess
import sys


def run(*args, input=None):
    return subprocess.run([sys.executable, "-m", "kg", "extract", *args], input=input, capture_output=True,
                          text=True)


def test_same_text_under_two_ids_gets_records_for_both_with_workers(tmp_path):
    lines = [{"id": "wire-1", "text": "Egypt condemned Israel on Monday."},
             {"id": "wire-2", "text": "Egypt condemned Israel on Monday."},
             {"id": "wire-3", "text": "Jordan met Iraq in Amman."}]
    corpus = tmp_path / "wire.jsonl"
    corpus.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    one = run(str(corpus), "--records", str(tmp_path / "one.jsonl"), "--workers", "1")
    two = run(str(corpus), "-o", str(tmp_path / "two.jsonl"), "--workers", "2", "--chunk-size", "1", "--no-progress")
    assert one.returncode == two.returncode == 0, one.stderr + two.stderr
    assert "2 worker(s)" in two.stderr and "from 3 article(s)" in two.stderr
    recs = [json.loads(line) for line in (tmp_path / "one.jsonl").read_text().splitlines()]
    assert [(r["doc_id"], r["source"]["id"], r["relation"], r["target"]["id"]) for r in recs if r["target"]] == [
        ("wire-1", "egy", "criticizes", "isr"), ("wire-2", "egy", "criticizes", "isr"),
        ("wire-3", "jor", "meetsWith", "irq")]
    # the same records, in the same order, whatever the workers
    assert (tmp_path / "two.jsonl").read_text() == (tmp_path / "one.jsonl").read_text()


def test_standard_output_and_a_clear_error(tmp_path):
    out = run("-", input="Iran condemned Israel.\n")
    assert out.returncode == 0
    assert json.loads(out.stdout.splitlines()[0])["relation"] == "criticizes"
    missing = run(str(tmp_path / "nothing.txt"))
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert "nothing.txt" in missing.stderr
    both = run("-", "--workers", "2", "--dask", "tcp://127.0.0.1:1", input="x\n")
    assert both.returncode == 2 and "exclude each other" in both.stderr
