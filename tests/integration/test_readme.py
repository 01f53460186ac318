"""The README's examples run, so they cannot drift: every `kg ...` line of its ```sh and ```console
blocks and its Python API block, in order, in a folder holding the seeds and a store built from
them (a fresh copy of the store for each example). Where the README shows output (```console
blocks: `$ command` and what it prints), the output holds every line shown, cell by cell (a cell
clipped with "…" is a prefix). Examples that read ../shared are skipped when it is absent."""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
SHARED = REPO.parent / "shared"
SHELL_OPERATORS = {"|", "||", "&", "&&", ";", "<", ">", ">>", "2>"}


@dataclass
class Example:
    line: int  # in README.md
    code: str
    language: str  # "sh" (a command line) or "python"
    expected: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"README:{self.line}"


def readme_examples(text: str) -> list[Example]:
    examples: list[Example] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        fence = re.match(r"^```(\w*)\s*$", lines[i])
        if not fence:
            i += 1
            continue
        language, start = fence.group(1), i + 1
        end = next(j for j in range(start, len(lines)) if lines[j].startswith("```"))
        block = lines[start:end]
        if language == "python":
            examples.append(Example(start + 1, "\n".join(block), "python"))
        elif language == "sh":
            examples += [Example(start + 1 + k, ln.strip(), "sh") for k, ln in enumerate(block)
                         if re.match(r"^(kg|python -m kg) ", ln.strip())]
        elif language == "console":
            for k, ln in enumerate(block):
                if ln.startswith("$ "):
                    examples.append(Example(start + 1 + k, ln[2:].strip(), "sh"))
                elif examples and ln.strip() and not re.fullmatch(r"[-\s]+", ln):
                    examples[-1].expected.append(ln)
        i = end + 1
    return examples


EXAMPLES = readme_examples(README.read_text(encoding="utf-8"))


def test_the_readme_has_examples_of_every_command():
    commands = {shlex.split(e.code, comments=True)[1] for e in EXAMPLES if e.language == "sh"}
    assert {"build", "extract", "query", "stats", "render", "export", "load", "resolve", "eval", "validate",
            "remove", "ontology"} <= commands
    assert any(e.expected for e in EXAMPLES) and any(e.language == "python" for e in EXAMPLES)


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    """A folder laid out as the repository is for a newcomer: seeds/, ontology/queries/, ../shared, and
    output/store built from seeds/ (kept aside as the pristine copy each example starts from)."""
    import kg

    root = tmp_path_factory.mktemp("readme")
    folder = root / "kg"
    shutil.copytree(REPO / "seeds", folder / "seeds")
    shutil.copytree(REPO / "ontology" / "queries", folder / "ontology" / "queries")
    if SHARED.exists():
        (root / "shared").symlink_to(SHARED, target_is_directory=True)
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        assert kg.build(["seeds/"], store="output/store").articles == 1
    finally:
        os.chdir(cwd)
    shutil.copytree(folder / "output" / "store", root / "pristine-store")
    return folder


def shows(expected: str, output: str) -> bool:
    """Whether some line of ``output`` has the cells of ``expected`` in order."""
    cells = [c[:-1] if c.endswith("…") else c for c in re.split(r"\s{2,}", expected.strip())]
    for line in output.splitlines():
        at = 0
        for cell in cells:
            found = line.find(cell, at)
            if found < 0:
                break
            at = found + len(cell)
        else:
            return True
    return False


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.id for e in EXAMPLES])
def test_readme_example_runs(example, work, monkeypatch):
    if "../shared" in example.code and not SHARED.exists():
        pytest.skip("../shared (the development data) is absent")
    store = work / "output" / "store"
    shutil.rmtree(store, ignore_errors=True)
    shutil.copytree(work.parent / "pristine-store", store)
    monkeypatch.chdir(work)
    monkeypatch.delenv("KG_STORE", raising=False)
    if example.language == "python":
        exec(compile(example.code, f"README.md:{example.line}", "exec"), {})
        return
    lexer = shlex.shlex(example.code, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    tokens = list(lexer)
    if tokens[1:2] == ["serve"]:
        serve_briefly(tokens, work, example)
        return
    if SHELL_OPERATORS & set(tokens):
        env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
        env.pop("KG_STORE", None)
        done = subprocess.run(["bash", "-o", "pipefail", "-c", example.code], cwd=work, env=env,
                              capture_output=True, text=True, timeout=300)
        code, output, errors = done.returncode, done.stdout, done.stderr
    else:
        from kg.cli import main

        args = tokens[1:] if tokens[0] == "kg" else tokens[3:]  # "kg ..." or "python -m kg ..."
        result = CliRunner().invoke(main, args, catch_exceptions=False)
        code, output, errors = result.exit_code, result.stdout, result.stderr
    assert code == 0, f"README.md:{example.line}: {example.code}\n{output}\n{errors}"
    for line in example.expected:
        assert shows(line, output), f"README.md:{example.line}: {example.code} does not show\n{line}\n---\n{output}"


def serve_briefly(tokens: list[str], work: Path, example: Example) -> None:
    """`kg serve` runs until it is stopped: started on a free port, it must
    answer for the store the README built, and is then stopped."""
    import json
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "KG_STORE"}
    proc = subprocess.Popen([sys.executable, "-m", "kg", *tokens[1:], "--port", str(port)], cwd=work, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, f"README.md:{example.line}: {example.code}\n{proc.stdout.read().decode()}"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=5) as r:
                    assert json.loads(r.read())["articles"] == 1, f"README.md:{example.line}"
                    return
            except OSError:
                assert time.monotonic() < deadline, f"README.md:{example.line}: {example.code} did not answer"
                time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait(timeout=15)
