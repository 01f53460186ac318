"""Peak memory of ``kg build`` on hostile inputs: huge standard input, a huge JSON
line, a huge JSON document, millions of bad lines.

    python benchmarks/bench_input_memory.py                          # this checkout
    python benchmarks/bench_input_memory.py --baseline /tmp/kg-old   # and another checkout, side by side

Each input is generated into a temporary folder and built by ``python -m kg
build`` in a fresh process (``--workers 1``, a store in the same folder). The
figure is the peak resident memory of that process (``wait4``'s ``ru_maxrss``,
forked from a small process: the figure includes the memory of the process
it was forked from), with its exit status and the last line it printed. A process gets at most
``--limit`` GB of address space: an unbounded reader fails there (MemoryError)
instead of taking the machine down.

The limits that apply are kg's defaults (``KG_MAX_FILE_BYTES`` 256 MB,
``KG_MAX_ARTICLE_CHARS`` 1,000,000): every input here is over them, so each is
reported and skipped, and what is measured is what it costs to find that out.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MB = 1024 * 1024

SENTENCE = "The Taliban said on Monday that talks with Qatar would resume in Doha next week. "


def _text_file(path: Path, size: int) -> Path:
    block = (SENTENCE * 1000 + "\n\n").encode()
    with open(path, "wb") as f:
        for _ in range(size // len(block) + 1):
            f.write(block)
    return path


def _json_line(path: Path, size: int) -> Path:
    text = (SENTENCE * (size // len(SENTENCE) + 1))[:size]
    path.write_text(json.dumps({"id": "huge", "text": text}) + "\n")
    return path


def _json_document(path: Path, size: int) -> Path:
    """A list of many small articles (each read alone would be fine): Python objects for all of them at
    once cost many times the bytes."""
    item = json.dumps({"title": "Talks in Doha", "text": SENTENCE * 3, "published": "2021-09-02"})
    with open(path, "w") as f:
        f.write("[")
        n = size // (len(item) + 2)
        for i in range(n):
            f.write(item.replace('"title"', f'"id": "a{i}", "title"', 1) + (",\n" if i < n - 1 else ""))
        f.write("]\n")
    return path


def _bad_lines(path: Path, lines: int) -> Path:
    with open(path, "w") as f:
        f.write('{"id": "one", "text": "Qatar met Taliban envoys in Doha on Wednesday."}\n')
        for _ in range(lines // 100_000):
            f.write("not json\n" * 100_000)
    return path


def inputs(folder: Path, scale: float) -> list[tuple[str, list[str], Path | None]]:
    """(name, kg build arguments, file for standard input)."""
    mb = lambda n: int(n * scale * MB)  # noqa: E731
    text = _text_file(folder / "text.txt", mb(300))
    return [
        ("300 MB of text on standard input", ["-"], text),
        ("/dev/zero on standard input", ["-"], Path("/dev/zero")),
        ("a 200 MB JSON line", [str(_json_line(folder / "line.jsonl", mb(200)))], None),
        ("a 200 MB JSON list (one article 676,500 times)", [str(_json_document(folder / "doc.json", mb(200)))], None),
        (f"{int(9_000_000 * scale):,} bad JSON lines", [str(_bad_lines(folder / "bad.jsonl", int(9_000_000 * scale)))],
         None),
    ]


#: Runs a command and prints its peak resident memory. wait4's ru_maxrss counts the memory of the
#: process a command was forked from (this script holds hundreds of megabytes after making the
#: inputs), so the command is forked from this small process instead.
PEAK = """\
import os, resource, sys
cap = int(sys.argv[1])
pid = os.fork()
if pid == 0:
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
print(f"peak={usage.ru_maxrss}", file=sys.stderr)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run(checkout: Path, args: list[str], stdin: Path | None, store: Path, limit_gb: float) -> tuple[float, str]:
    """Peak RSS in MB and how it ended."""
    env = dict(os.environ, PYTHONPATH=str(checkout))
    env.pop("KG_MAX_FILE_BYTES", None)
    env.pop("KG_MAX_ARTICLE_CHARS", None)
    command = [sys.executable, "-c", PEAK, str(int(limit_gb * 1024 ** 3)), sys.executable, "-m", "kg", "-q", "build",
               *args, "--store", str(store), "--workers", "1"]
    with open(stdin or os.devnull, "rb") as fin, tempfile.TemporaryFile() as err:
        proc = subprocess.run(command, stdin=fin, stdout=subprocess.DEVNULL, stderr=err, cwd=checkout, env=env)
        err.seek(0)
        lines = [ln for ln in err.read().decode(errors="replace").splitlines() if ln.strip()]
    peak = int(lines.pop()[len("peak="):]) / 1024
    last = lines[-1][:100] if lines else ""
    if any("MemoryError" in ln for ln in lines):
        last = f"MemoryError at the {limit_gb:g} GB limit"
    return peak, f"exit {proc.returncode}: {last}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--baseline", type=Path, help="another kg checkout to measure side by side")
    ap.add_argument("--scale", type=float, default=1.0, help="input sizes relative to the issue's (default 1)")
    ap.add_argument("--limit", type=float, default=6.0, help="address space of each run, in GB (default 6)")
    opts = ap.parse_args()
    checkouts = [("this", REPO)] + ([("baseline", opts.baseline.resolve())] if opts.baseline else [])
    print(f"load average {os.getloadavg()[0]:.1f}; peak resident memory of `kg build`, MB")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, args, stdin in inputs(folder, opts.scale):
            cells = []
            for label, checkout in checkouts:
                peak, how = run(checkout, args, stdin, folder / f"store-{label}", opts.limit)
                cells.append(f"{label} {peak:7.0f} ({how})")
            print(f"{name:42}", "  |  ".join(cells), flush=True)


if __name__ == "__main__":
    main()
