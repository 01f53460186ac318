"""Extraction benchmark: ``kg build`` against bare spaCy, 1 against N workers, peak memory.

    python benchmarks/bench_extract.py                    # 10,000 articles (about an hour on 2 cores)
    python benchmarks/bench_extract.py --articles 300     # a few minutes
    python benchmarks/bench_extract.py --articles 10000 --measure memory   # only the memory figure

The corpus is generated from repository material by ``benchmarks/corpus.py``
(the seed story re-dated, its actors substituted from the gazetteer), so anyone
can rerun this. Each measurement runs in a fresh Python process, timed from
before the spaCy model is loaded to the end, in one run, side by side:

- bare ``nlp.pipe``: the same pipeline (``kg.nlp.build_pipeline``), the same
  texts (read and cleaned beforehand, untimed), ``n_process`` = workers;
- ``kg build``: files in, store out (read, clean, spaCy, extraction, RDF,
  store writes), ``--workers`` = workers; tokens/s uses the token count of
  the bare run, as the documents are the same;
- ``kg build`` with one worker, for the scaling figure, and bare ``nlp.pipe``
  with one process: spaCy's own scaling on the machine, the ceiling for kg's;
- peak resident memory of the build (the build process and its workers, summed),
  sampled every 0.2 s.

Targets (issue 6): build/bare >= 0.8; N workers / 1 worker >= 1.7x on two
cores; peak RSS < 1.5 GB for 10,000 articles.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


# --------------------------------------------------------------------------
# the measured runs (each in its own process)


def run_bare(corpus: str, workers: int, batch_size: int) -> dict:
    sys.path.insert(0, str(REPO))
    from kg.clean import clean
    from kg.readers import read_articles

    texts = [clean(a).clean_text for a in read_articles([corpus])]  # what kg feeds spaCy; untimed
    started = time.perf_counter()
    cpu0 = os.times()
    from kg.nlp import build_pipeline, model_description

    nlp = build_pipeline()
    tokens = n = 0
    for doc in nlp.pipe(texts, batch_size=batch_size, n_process=workers):
        tokens += len(doc)
        n += 1
    cpu1 = os.times()
    return {"articles": n, "tokens": tokens, "seconds": time.perf_counter() - started,
            "cpu_parent": cpu1.user + cpu1.system - cpu0.user - cpu0.system,
            "cpu_workers": cpu1.children_user + cpu1.children_system - cpu0.children_user - cpu0.children_system,
            "model": model_description(nlp)}


def run_build(corpus: str, workers: int, store: str) -> dict:
    sys.path.insert(0, str(REPO))
    import kg

    started = time.perf_counter()
    cpu0 = os.times()
    s = kg.build([corpus], store=store, workers=workers, progress=False)
    cpu1 = os.times()
    return {"articles": s.articles, "seconds": time.perf_counter() - started, "engine": s.engine,
            "cpu_parent": cpu1.user + cpu1.system - cpu0.user - cpu0.system,
            "cpu_workers": cpu1.children_user + cpu1.children_system - cpu0.children_user - cpu0.children_system,
            "workers": s.workers, "triples": s.triples, "claims": s.claims, "events": s.events,
            "actors": s.actors, "errors": len(s.errors)}


# --------------------------------------------------------------------------
# the driver


def _tree_rss(proc) -> tuple[int, int, int]:
    """RSS of ``proc`` and its descendants summed, of ``proc`` alone, and of the largest descendant."""
    import psutil

    total = main = largest = 0
    try:
        for p in [proc] + proc.children(recursive=True):
            try:
                rss = p.memory_info().rss
            except psutil.Error:
                continue
            total += rss
            if p.pid == proc.pid:
                main = rss
            else:
                largest = max(largest, rss)
    except psutil.Error:
        pass
    return total, main, largest


def measure(args: list[str]) -> dict:
    """Run this script with ``args`` in a child process; its JSON result plus peak RSS of its tree."""
    import psutil

    child = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True)
    peak = {"rss": 0, "main": 0, "worker": 0, "samples": []}
    ps = psutil.Process(child.pid)

    def sample():
        while child.poll() is None:
            rss, main, worker = _tree_rss(ps)
            peak["rss"] = max(peak["rss"], rss)
            peak["main"] = max(peak["main"], main)
            peak["worker"] = max(peak["worker"], worker)
            peak["samples"].append(rss)
            time.sleep(0.2)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    out, _ = child.communicate()
    t.join()
    if child.returncode != 0:
        raise SystemExit(f"benchmark run {' '.join(args)} failed with exit code {child.returncode}")
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_rss"] = peak["rss"]
    result["peak_main"], result["peak_worker"] = peak["main"], peak["worker"]
    samples = peak["samples"]
    # Memory over the second half of the run against the first: a streaming build stays flat.
    half = len(samples) // 2
    result["rss_first_half"] = max(samples[:half], default=0)
    result["rss_second_half"] = max(samples[half:], default=0)
    return result


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        mem = 0
    return (f"{os.cpu_count()} CPU(s), {cpu}, {mem:.1f} GB RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def _spin(seconds: float) -> float:
    started, cpu = time.perf_counter(), time.process_time()
    while time.perf_counter() - started < seconds:
        pass
    return time.process_time() - cpu


def cpu_ceiling(n: int, seconds: float = 3.0) -> float:
    """CPU seconds per wall second that ``n`` busy processes actually get, against one: the best
    scaling this machine allows right now (a shared or throttled machine gives less than ``n``)."""
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(n) as pool:
        pool.map(_spin, [0.1] * n)  # started
        one = pool.apply(_spin, (seconds,))
        many = sum(pool.map(_spin, [seconds] * n))
    return many / one if one else float("nan")


def _cpu(r: dict) -> float:
    return r.get("cpu_parent", 0.0) + r.get("cpu_workers", 0.0)


def gb(n: int) -> str:
    return f"{n / 2**30:.2f} GB"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="kg build vs bare nlp.pipe, 1 vs N workers, peak memory.")
    ap.add_argument("--articles", type=int, default=10000, help="corpus size (default 10000)")
    ap.add_argument("--workers", type=int, default=None, help="worker count (default: all cores)")
    ap.add_argument("--batch-size", type=int, default=8, help="nlp.pipe batch size of the bare run")
    ap.add_argument("--measure", default="ratio,scaling,memory",
                    help="comma-separated: ratio (build vs bare), scaling (1 vs N workers), memory")
    ap.add_argument("--corpus", default=None, help="use this corpus (JSON Lines) instead of generating one")
    args = ap.parse_args(argv)

    sys.path.insert(0, str(REPO))
    from kg.builder import default_workers

    workers = args.workers or default_workers()
    wanted = set(args.measure.split(","))
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        corpus = args.corpus
        if corpus is None:
            sys.path.insert(0, str(HERE))
            from corpus import write

            corpus = str(write(args.articles, Path(tmp) / "corpus.jsonl"))
        print(f"kg extraction benchmark: {args.articles} articles generated from the seed (benchmarks/corpus.py), "
              f"{workers} worker(s)")
        print(f"machine: {machine()}; load average at start {os.getloadavg()[0]:.2f}")
        if workers > 1:
            print(f"CPU check: {workers} busy processes get {cpu_ceiling(workers):.2f}x the CPU time of one "
                  f"(the ceiling for the scaling figure on this machine now)", flush=True)
        rows = {}
        if wanted & {"ratio"}:
            rows["bare"] = measure(["_bare", corpus, str(workers), str(args.batch_size)])
            print(f"  model: {rows['bare']['model']}", flush=True)
        if wanted & {"ratio", "scaling", "memory"}:
            rows["build"] = measure(["_build", corpus, str(workers), str(Path(tmp) / "store-n")])
        if "scaling" in wanted and workers > 1:
            rows["build1"] = measure(["_build", corpus, "1", str(Path(tmp) / "store-1")])
            # spaCy's own scaling on this machine: the ceiling for kg's, whatever the code does
            rows["bare1"] = measure(["_bare", corpus, "1", str(args.batch_size)])
        tokens = rows.get("bare", {}).get("tokens")

        print()
        print(f"{'run':34} {'articles':>8} {'tokens':>10} {'seconds':>8} {'articles/s':>10} {'tokens/s':>9} "
              f"{'peak RSS':>9} {'CPU s':>7}")
        labels = {"bare": f"bare nlp.pipe (n_process={workers})", "build": f"kg build --workers {workers}",
                  "build1": "kg build --workers 1", "bare1": "bare nlp.pipe (n_process=1)"}
        for key, r in rows.items():
            tok = r.get("tokens", tokens)
            tps = f"{tok / r['seconds']:9.0f}" if tok else f"{'-':>9}"
            print(f"{labels[key]:34} {r['articles']:8d} {tok or 0:10d} {r['seconds']:8.1f} "
                  f"{r['articles'] / r['seconds']:10.2f} {tps} {gb(r['peak_rss']):>9} {_cpu(r):7.1f}")
        print()
        b = rows.get("build")
        if "bare" in rows and b:
            ratio = (b["articles"] / b["seconds"]) / (rows["bare"]["articles"] / rows["bare"]["seconds"])
            print(f"throughput kg build / bare nlp.pipe ({workers} workers): {ratio:.2f}  (target >= 0.80)")
            print(f"  the same per CPU second (all processes; insensitive to other load on the machine): "
                  f"{_cpu(rows['bare']) / _cpu(b):.2f}")
        if "build1" in rows and b:
            scale = (b["articles"] / b["seconds"]) / (rows["build1"]["articles"] / rows["build1"]["seconds"])
            print(f"scaling {workers} workers / 1 worker: {scale:.2f}x  (target >= 1.7x on 2 cores)")
            print(f"  CPU seconds per article: {_cpu(rows['build1']) / rows['build1']['articles']:.3f} with 1 worker, "
                  f"{_cpu(b) / b['articles']:.3f} with {workers}")
            if "bare" in rows and "bare1" in rows:
                bare_scale = rows["bare1"]["seconds"] / rows["bare"]["seconds"]
                print(f"  bare nlp.pipe on the same machine: {bare_scale:.2f}x with n_process={workers} against 1 "
                      f"(spaCy's own scaling here; CPU seconds per article {_cpu(rows['bare1']) / rows['bare1']['articles']:.3f} "
                      f"with 1 process, {_cpu(rows['bare']) / rows['bare']['articles']:.3f} with {workers})")
        if b:
            print(f"peak RSS of kg build --workers {workers} (process and workers, summed), {b['articles']} articles: "
                  f"{gb(b['peak_rss'])}  (target < 1.5 GB for 10,000 articles); max in first half of the run "
                  f"{gb(b['rss_first_half'])}, second half {gb(b['rss_second_half'])}; peak of the main process "
                  f"{gb(b['peak_main'])}, of the largest worker {gb(b['peak_worker'])}")
            print(f"CPU time of kg build --workers {workers}: {b['cpu_parent']:.1f} s in the main process (reading, "
                  f"RDF, store), {b['cpu_workers']:.1f} s in the workers")
            print(f"graph: {b['triples']} triples, {b['claims']} claims, {b['events']} events, "
                  f"{b['actors']} distinct actors, {b['errors']} error(s)")
        print(f"load average at end {os.getloadavg()[0]:.2f} (above {workers} means other programs shared the CPUs)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_bare":
        print(json.dumps(run_bare(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))))
    elif len(sys.argv) > 1 and sys.argv[1] == "_build":
        print(json.dumps(run_build(sys.argv[2], int(sys.argv[3]), sys.argv[4])))
    else:
        sys.exit(main())
