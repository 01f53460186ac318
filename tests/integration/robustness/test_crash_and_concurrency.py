"""SIGKILL at random moments of `kg build`, and two builds on one on-disk store.

- Kill loop: after each kill the store opens (and passes `kg validate`); a
  final rerun holds exactly what an uninterrupted build holds.
- Parent kill loop: with two worker processes, SIGKILL, SIGTERM or SIGINT of
  the `kg build` process alone leaves no process of the build alive, the
  `--records` file is the old one or the complete new one, and a final rerun
  gives a clean build's store and records.
- Concurrency: two `kg build` on the same store either both succeed with the
  union, or the second fails at once with a clear one-line message; the store
  is never corrupt, and building the second set afterwards gives the union.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import REPO, snapshot
from .corpus import SEED

SMALL = [
    ("2021-08-29-drone.txt", "Pentagon confirms drone strike in Kabul\n\nThe U.S. military said a drone strike "
     "hit a vehicle in Kabul on Sunday. The Taliban condemned the strike.\n"),
    ("2021-09-01-doha.txt", "Qatar hosts talks with Taliban\n\nOfficials from Qatar met Taliban envoys in Doha on "
     "Wednesday. Pakistan supported the talks.\n"),
    ("2021-09-03-evac.txt", "Evacuation flights resume\n\nQatar Airways flew 200 people out of Kabul on Thursday, "
     "officials said. The United States thanked Qatar.\n"),
]


ACTORS = ["Qatar", "Pakistan", "Iran", "the Taliban", "the United States", "Russia", "China", "Turkey"]


def _many(n: int) -> list[tuple[str, str]]:
    """``n`` short articles, so that store writes are spread over the build and kills land between them."""
    rnd = random.Random(5)
    out = []
    for i in range(n):
        a, b = rnd.sample(ACTORS, 2)
        out.append((f"2021-09-{i % 28 + 1:02d}-brief-{i}.txt",
                    f"Brief number {i} from Kabul\n\n{a[0].upper() + a[1:]} criticized {b} on Monday, officials "
                    f"said. {b[0].upper() + b[1:]} met {a} in Doha on day {i}.\n"))
    return out


def _corpus(folder: Path, with_seed: bool = True, small=SMALL) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if with_seed:
        shutil.copy(SEED, folder / SEED.name)
    for name, text in small:
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _env() -> dict:
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("KG_STORE", None)
    return env


def _start_build(folder, store, *extra) -> subprocess.Popen:
    # Its own session, so a kill reaches the build's worker processes too.
    return subprocess.Popen([sys.executable, "-m", "kg", "build", str(folder), "--store", str(store), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO, env=_env(),
                            start_new_session=True)


def _kill_group(proc: subprocess.Popen) -> str:
    """SIGKILL the build and its workers; its standard error so far."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # the group of the process this test started
    except ProcessLookupError:
        pass
    return proc.communicate(timeout=60)[1]


def _wal_size(store: Path) -> int:
    """Bytes in the store's write-ahead logs (RocksDB's NNNNNN.log files): they grow as articles are written.
    The other files change at open too (a killed build's log is turned into a table then)."""
    total = 0
    for f in store.glob("*.log"):
        try:
            total += f.stat().st_size
        except OSError:
            pass
    return total


def _wait_for_writes(proc: subprocess.Popen, store: Path, timeout: float) -> str:
    """Wait until the build has opened the store and its write-ahead log grows (articles are being written)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None and not (store / "LOCK").exists():
        time.sleep(0.01)
    time.sleep(0.5)  # recovery of the last killed build's log, at open
    base = _wal_size(store)
    while time.monotonic() < deadline and proc.poll() is None:
        if _wal_size(store) > base + 20_000:  # an article graph or two
            return "the first writes"
        time.sleep(0.005)
    return "the end of the build" if proc.poll() is not None else "the time limit"


def _session(sid: int) -> list[str]:
    """The live processes of session ``sid`` (a build started in a session of its own, and every
    process it started), read from /proc: "pid state command" for each."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # gone meanwhile
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (comm) ": state, ppid, pgrp, session, ...
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append(f"{entry.name} {fields[0]} {cmd[:120]}")
    return found


def _validate(store) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", "validate", "--store", str(store)], capture_output=True,
                          text=True, cwd=REPO, env=_env(), timeout=300)


def _has_validate() -> bool:
    from kg.cli import main

    return "validate" in main.commands


def test_sigkill_at_random_moments_then_rerun_equals_an_uninterrupted_build(tmp_path):
    folder = _corpus(tmp_path / "corpus", small=SMALL + _many(40))
    reference = tmp_path / "reference"
    started = time.monotonic()
    r = _start_build(folder, reference, "--workers", "1", "--chunk-size", "1")
    out, err = r.communicate(timeout=600)
    full = time.monotonic() - started
    assert r.returncode == 0, err
    expected = snapshot(reference)
    assert len(expected) > 500

    store = tmp_path / "store"
    rnd = random.Random(int(os.environ.get("KG_KILL_SEED", "11")))
    validate = _has_validate()
    kills = int(os.environ.get("KG_KILLS", "3"))
    for i in range(kills):
        proc = _start_build(folder, store, "--workers", "1", "--chunk-size", "1")
        # Kill while it writes: once the store's files start to change, after a random pause.
        moment = _wait_for_writes(proc, store, timeout=full * 3)
        pause = rnd.uniform(0, 0.3)
        time.sleep(pause)
        finished = proc.poll() is not None
        err = _kill_group(proc)
        assert "Traceback" not in err
        if not store.exists():
            continue  # killed before the store was created
        held = snapshot(store)  # the store opens after every kill
        graphs = {q.rsplit(" ", 1)[-1] for q in held}
        print(f"kill {i}: {pause:.2f} s after {moment}, {len(graphs)} graph(s), {len(held)} of {len(expected)} quads")
        if validate and i == kills - 1:
            v = _validate(store)
            assert v.returncode == 0, v.stdout + v.stderr
        if finished:
            break

    r = _start_build(folder, store, "--workers", "1")
    out, err = r.communicate(timeout=600)
    assert r.returncode == 0, err
    assert snapshot(store) == expected


def test_two_builds_on_one_store(tmp_path):
    a = _corpus(tmp_path / "a", with_seed=True, small=SMALL[:1])
    b = _corpus(tmp_path / "b", with_seed=False, small=SMALL[1:])
    store = tmp_path / "store"
    first = _start_build(a, store, "--workers", "1")
    # wait until the first build holds the store
    deadline = time.monotonic() + 60
    while not (store / "LOCK").exists() and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.05)
    second = _start_build(b, store, "--workers", "1")
    out2, err2 = second.communicate(timeout=600)
    out1, err1 = first.communicate(timeout=600)
    assert first.returncode == 0, err1
    assert "Traceback" not in err1 + err2

    def titles() -> set:
        from kg.store import open_store

        with open_store(str(store), create=False) as st:
            return {str(r[0]) for r in st.query("PREFIX dcterms: <http://purl.org/dc/terms/> "
                                                "SELECT ?t WHERE { GRAPH ?g { ?a dcterms:title ?t } }")}

    print("second build:", second.returncode, err2.strip().splitlines()[-1:] if err2.strip() else "")
    if second.returncode != 0:
        # it failed: at once, in one line that names the store and says it is in use
        lines = [ln for ln in err2.splitlines() if ln.strip()]
        assert len(lines) == 1 and str(store) in lines[0], err2
        assert "lock" in lines[0].lower() or "in use" in lines[0].lower(), err2
        # nothing of b is in the store, and the store is sound; building b now gives the union
        assert "Qatar hosts talks with Taliban" not in titles()
        r = _start_build(b, store, "--workers", "1")
        _, err = r.communicate(timeout=600)
        assert r.returncode == 0, err
    t = titles()
    assert {"Pentagon confirms drone strike in Kabul", "Qatar hosts talks with Taliban",
            "Evacuation flights resume"} <= t
    assert any("Milley" in x for x in t)
    if _has_validate():
        v = _validate(store)
        assert v.returncode == 0, v.stdout + v.stderr


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")
def test_killing_the_parent_stops_its_workers_and_keeps_records_whole(tmp_path):
    """SIGKILL, SIGTERM or SIGINT of the `kg build` process alone (not its group), at random
    moments, with two worker processes and --records: no process of the build outlives it, the
    records file is the old one or the complete new one, and a final rerun is a clean build."""
    folder = _corpus(tmp_path / "corpus", small=SMALL + _many(10))
    reference, records = tmp_path / "reference", tmp_path / "reference.jsonl"
    build = ("--workers", "2", "--chunk-size", "1", "--records")
    started = time.monotonic()
    r = _start_build(folder, reference, *build, records)
    _, err = r.communicate(timeout=600)
    full = time.monotonic() - started
    assert r.returncode == 0, err
    expected, expected_records = snapshot(reference), records.read_bytes()
    assert len(expected) > 500 and expected_records.count(b"\n") > 20

    store, out = tmp_path / "store", tmp_path / "claims.jsonl"
    rnd = random.Random(int(os.environ.get("KG_KILL_SEED", "12")))
    signals = [signal.SIGKILL, signal.SIGTERM, signal.SIGINT]
    for i in range(int(os.environ.get("KG_PARENT_KILLS", "10"))):
        proc = _start_build(folder, store, *build, out)
        sig, moment = rnd.choice(signals), rnd.uniform(0.2, 0.8 * full)  # a rerun takes about as long
        try:
            proc.wait(timeout=moment)
        except subprocess.TimeoutExpired:
            pass
        ran = _session(proc.pid)  # the build and whatever it started by now
        try:
            os.kill(proc.pid, sig)  # the parent alone: its workers must follow by themselves
        except ProcessLookupError:
            pass
        _, err = proc.communicate(timeout=120)
        deadline = time.monotonic() + 15
        while (left := _session(proc.pid)) and time.monotonic() < deadline:
            time.sleep(0.1)
        print(f"round {i}: {sig.name} after {moment:.1f} s, exit {proc.returncode}, {len(ran)} process(es) ran")
        assert not left, f"alive after {sig.name} of the build: {left}"
        assert "Traceback" not in err, err
        if proc.returncode == 1:  # SIGTERM/SIGINT caught: one line says so
            assert err.strip().splitlines()[-1].startswith("Error: interrupted (SIG"), err
            assert err.strip().splitlines()[-1].endswith("rerun the build to go on"), err
        assert not out.exists() or out.read_bytes() == expected_records
        if store.exists():
            assert snapshot(store) <= expected  # it opens, and holds whole articles of the build only

    r = _start_build(folder, store, *build, out)
    _, err = r.communicate(timeout=600)
    assert r.returncode == 0, err
    assert snapshot(store) == expected
    assert out.read_bytes() == expected_records
