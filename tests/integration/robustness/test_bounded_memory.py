"""Hostile sizes: standard input without end, a document over the limit, a huge JSON line, a huge
JSON list. Each is read in memory bounded by the limits (``KG_MAX_FILE_BYTES``,
``KG_MAX_ARTICLE_CHARS``), reported in one line, and the build goes on.

Each build runs in a fresh process whose peak resident memory is read from ``wait4``; the
process may use at most 3 GB of address space, so a reader that is not bounded fails (as
the readers before issue 12 did: 300 MB of text on standard input took 4.4 GB) instead of
taking the machine down. ``benchmarks/bench_input_memory.py`` measures the full-size repros.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .corpus import REPO

MB = 1024 * 1024
LIMIT = 40 * MB  # KG_MAX_FILE_BYTES for these tests: big enough to matter, small enough to be quick
#: `kg build` before it reads anything (Python, click, rdflib, pyoxigraph): about 125 MB; spaCy adds 160 MB.
BASE = 300 * MB
SENTENCE = "The Taliban said on Monday that talks with Qatar would resume in Doha next week. "


#: Runs a command and prints its peak resident memory. The figure (wait4's ru_maxrss) counts the
#: memory of the process the command was forked from, so the command is forked from this small
#: process, not from the test process (hundreds of megabytes late in a test run).
PEAK = """\
import os, resource, sys
pid = os.fork()
if pid == 0:
    cap = 3 << 30  # 3 GB of address space: an unbounded reader fails instead of taking the machine down
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(f"peak={usage.ru_maxrss * 1024}", file=sys.stderr)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run(command: list, stdin=None, **env) -> tuple[int, str, int]:
    """``command`` in a fresh process: exit status, standard error, peak resident memory in bytes."""
    environ = {**os.environ, "PYTHONPATH": str(REPO), "KG_MAX_FILE_BYTES": str(LIMIT), **env}
    environ.pop("KG_STORE", None)
    with open(stdin or os.devnull, "rb") as fin:
        r = subprocess.run([sys.executable, "-c", PEAK, *map(str, command)], stdin=fin, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, cwd=REPO, env=environ, timeout=600)
    err, _, peak = r.stderr.decode(errors="replace").rstrip().rpartition("\n")
    assert peak.startswith("peak="), r.stderr[-2000:]
    return r.returncode, err, int(peak[len("peak="):])


def build(args, store: Path, stdin=None, **env) -> tuple[int, str, int]:
    """`kg build ARGS` (one process, a new store at ``store``, which the session validates when it
    ends): exit status, standard error, peak memory."""
    return run([sys.executable, "-m", "kg", "build", *args, "--store", str(store), "--workers", "1"], stdin, **env)


def _text(path: Path, size: int) -> Path:
    block = (SENTENCE * 100 + "\n\n").encode()
    path.write_bytes((block * (size // len(block) + 1))[:size])
    return path


def test_standard_input_without_end_stops_at_the_limit(tmp_path):
    code, err, peak = build(["-"], tmp_path / "store", stdin="/dev/zero")
    assert code == 1 and "Traceback" not in err, err
    assert f"<stdin>: input too large (over {LIMIT:,} bytes; see $KG_MAX_FILE_BYTES)" in err
    assert peak < BASE + 2 * LIMIT, f"{peak / MB:.0f} MB"


def test_a_document_over_the_limit_on_standard_input(tmp_path):
    code, err, peak = build(["-"], tmp_path / "store", stdin=_text(tmp_path / "big.txt", 3 * LIMIT // 2))
    assert code == 1 and "<stdin>: input too large" in err and "Traceback" not in err, err
    assert peak < BASE + 2 * LIMIT, f"{peak / MB:.0f} MB"
    # under the file limit but over the article limit: read, then reported as too long
    code, err, peak = build(["-"], tmp_path / "store2", stdin=_text(tmp_path / "long.txt", LIMIT // 2))
    assert code == 1 and f"<stdin>: article too long ({LIMIT // 2:,} characters" in err, err
    assert peak < BASE + 3 * LIMIT, f"{peak / MB:.0f} MB"


@pytest.mark.parametrize("where", ["file", "stdin"])
def test_a_huge_json_line_between_good_ones(tmp_path, where):
    huge = json.dumps({"id": "huge", "text": SENTENCE * (LIMIT // 2 // len(SENTENCE))})
    over = '{"id": "over", "text": "' + "x" * LIMIT + '"}'
    f = tmp_path / "news.jsonl"
    f.write_text("\n".join([huge, json.dumps({"id": "ok", "text": "Qatar met Taliban envoys in Doha."}), over,
                            json.dumps({"id": "ok2", "text": "Pakistan criticized Iran on Monday."})]) + "\n")
    code, err, peak = build(["-"] if where == "stdin" else [f], tmp_path / "store",
                            stdin=f if where == "stdin" else None)
    name = "<stdin>" if where == "stdin" else str(f)
    assert code == 0 and "Traceback" not in err, err
    assert f"{name}#L1: article too long" in err and f"{name}:3: line too long (over {LIMIT:,} bytes)" in err, err
    assert "2 article(s) built" in err
    assert peak < BASE + 3 * LIMIT, f"{peak / MB:.0f} MB"


def test_a_json_document_is_decoded_one_article_at_a_time(tmp_path):
    """600,000 small articles in one JSON list (27 MB): as Python objects all at once they took
    about 200 MB more than the text (issue 12: a 200 MB list, 1 GB); decoded one by one, the
    text and one object. The list is cut short at the end: the articles before the cut are read."""
    f = tmp_path / "news.json"
    with open(f, "w") as out:
        out.write("[" + ",\n".join(json.dumps({"id": f"a{i}", "text": "Qatar met Iran."}) for i in range(600_000))
                  + ',\n{"id": "cut", "te')
    count = ("import sys\nfrom kg.readers import read_articles\n"
             "n = sum(1 for a in read_articles(sys.argv[1:], on_error=lambda e: print(e, file=sys.stderr)))\n"
             "print(n, 'article(s)', file=sys.stderr)")
    code, err, peak = run([sys.executable, "-c", count, str(f)], KG_MAX_FILE_BYTES="0")
    assert code == 0 and "600000 article(s)" in err, err
    assert f"{f}: invalid JSON (Unterminated string starting at" in err and "after 600000 item(s)" in err, err
    # Python, kg's readers and the ids seen (600,000 of them, for duplicates) take about 150 MB of it.
    assert peak < 250 * MB, f"{peak / MB:.0f} MB for {f.stat().st_size / MB:.0f} MB of JSON"
