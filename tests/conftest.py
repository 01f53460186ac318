"""Fixtures shared by every test folder: paths, the seed article built once per session,
and the one headless Chromium of the session (Playwright's synchronous API allows one per
process: tests/views and tests/serve share it).

When the session ends, every kg store the tests built (under the session's pytest base
temp) must pass ``kg validate`` (:mod:`store_check`): the session fails with each
store's path and violations otherwise. A test that breaks its store on purpose (damages
it, loads data that must not validate) says so with ``@pytest.mark.invalid_store("why")``,
which leaves out the stores under its ``tmp_path`` (a fixture calls ``store_check.leave_out``);
the session lists what it left out.
"""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# The suite keeps what kg caches (the gazetteer) in a folder of its own, never in the user's
# ~/.cache/kg, removed when the suite ends; commands the tests run inherit it.
os.environ["KG_CACHE_DIR"] = tempfile.mkdtemp(prefix="kg-test-cache-")
atexit.register(shutil.rmtree, os.environ["KG_CACHE_DIR"], ignore_errors=True)

from store_check import LEFT_OUT, invalid_stores, leave_out

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "2021-09-02-milley-taliban-daesh.txt"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_extraction():
    """The seed article through read -> clean -> spaCy -> extract (no store)."""
    from kg.extract import extract_articles
    from kg.readers import read_articles

    return next(extract_articles(read_articles([str(SEED)])))


@pytest.fixture(scope="session")
def built_seed_store(tmp_path_factory):
    """Path of an on-disk store holding the seed, built through the public API."""
    import kg

    path = tmp_path_factory.mktemp("seed") / "store"
    summary = kg.build([str(SEED)], store=str(path))
    assert summary.articles == 1
    return path


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline with kg's components (tests/extract, tests/eval)."""
    from kg.nlp import build_pipeline

    return build_pipeline()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run",
                 "--disable-gpu"]


def _browser_unavailable() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} not found (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed"
    return None


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (Debian's, driven by Playwright); skipped where there
    is none, except in CI (CI=true), where that fails."""
    reason = _browser_unavailable()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(f"browser tests skipped: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


# -- kg validate on every store the session built ---------------------------------------
_basetemp: list[Path] = []


@pytest.fixture(scope="session", autouse=True)
def _session_basetemp(tmp_path_factory):
    _basetemp.append(tmp_path_factory.getbasetemp())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item):
    marker = item.get_closest_marker("invalid_store")
    if marker is not None:
        tmp_path = getattr(item, "funcargs", {}).get("tmp_path")
        assert tmp_path is not None, f"{item.nodeid}: @pytest.mark.invalid_store applies to the test's tmp_path"
        leave_out(tmp_path, f"{item.nodeid}: {marker.args[0] if marker.args else 'no reason given'}")
    yield


def pytest_sessionfinish(session, exitstatus):
    if not _basetemp or exitstatus == pytest.ExitCode.INTERRUPTED or os.environ.get("PYTEST_XDIST_WORKER"):
        return
    problems = invalid_stores(_basetemp[0], LEFT_OUT)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and (problems or LEFT_OUT):
        reporter.section("kg validate on the stores the tests built", sep="=", red=bool(problems))
        for why in sorted(LEFT_OUT.values()):
            reporter.write_line(f"left out: {why}")
        for line in problems:
            reporter.write_line(line, red=True)
    if problems:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
