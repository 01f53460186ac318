"""Fixtures for the view tests: the seed store built once per session, a store
holding an article with script injected in every text field, the pages rendered
from both, and a headless Chromium (Debian's, driven by Playwright) that may
make no network request."""
from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from store_check import leave_out

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "2021-09-02-milley-taliban-daesh.txt"
OUTPUT = REPO / "output"

#: The injected name, and text that would run script if it reached the page as HTML.
EVIL_NAME = "<img src=x onerror=alert(1)>"
EVIL_TEXT = "</script><script>window.kgPwned = 1</script><b onmouseover=alert(2)>"

EVIL_ARTICLE = f"""Militia leader {EVIL_NAME} meets Taliban {EVIL_TEXT}

KABUL, Sept. 3, 2021 (Reuters) - Militia commander {EVIL_NAME} met with the Taliban in Kabul on Friday, officials said.

The Taliban are avowed enemies of the Islamic State group in Afghanistan {EVIL_TEXT}.
"""


@pytest.fixture(scope="session")
def seed_store(request, tmp_path_factory) -> Path:
    """The seed article built into an on-disk store, once per session (shared
    with the other test folders when the top-level fixture exists)."""
    try:
        return request.getfixturevalue("built_seed_store")
    except pytest.FixtureLookupError:
        import kg

        path = tmp_path_factory.mktemp("views-seed") / "store"
        assert kg.build([str(SEED)], store=str(path)).articles == 1
        return path


@pytest.fixture(scope="session")
def seed_graph(seed_store):
    import kg.api

    return kg.api.graph(str(seed_store), events=True)


@pytest.fixture(scope="session")
def seed_html(seed_store, tmp_path_factory) -> Path:
    import kg

    return kg.render(tmp_path_factory.mktemp("views-html") / "seed.html", store=str(seed_store))


def _evil_extraction():
    """An extraction whose actor is named ``<img src=x onerror=alert(1)>``, with
    injected text in the title, the sentence and an event label."""
    from kg.model import Actor, Article, Claim, Event, Extraction

    sentence = f"Militia commander {EVIL_NAME} attacked the Taliban near Kabul {EVIL_TEXT}."
    text = f"{sentence}\n"
    art = Article(id="evil-article", text=text, title=f"{EVIL_NAME} strikes {EVIL_TEXT}", published=date(2021, 9, 3),
                  source=EVIL_TEXT)
    actors = {
        "evil-commander": Actor("evil-commander", EVIL_NAME, "Person", country="AFG", sector=EVIL_TEXT),
        "taliban": Actor("taliban", "Taliban", "ArmedGroup", country="AFG", sector="REB"),
    }
    claim = Claim(source="evil-commander", relation="attacks", target="taliban", modality="asserted",
                  sentence=sentence, sentence_start=0, sentence_end=len(sentence), start=0, end=len(sentence),
                  confidence=0.9, trigger="attacked", plover="ASSAULT", quad_class=4)
    event = Event(key="evil-attack", type="Attack", trigger=f"attack {EVIL_NAME}", sentence=sentence, start=0,
                  end=len(sentence), agents=["evil-commander"], targets=["taliban"], date="2021-09-03")
    return Extraction(article=art, actors=actors, claims=[claim], events=[event])


@pytest.fixture(scope="session")
def evil_store(tmp_path_factory) -> Path:
    """A store with a text article carrying the injection (through the whole
    pipeline) and an extraction whose actor name is the injection (mapped to RDF directly)."""
    import kg
    from kg.rdf import article_graph
    from kg.store import open_store

    folder = tmp_path_factory.mktemp("views-evil")
    # its actor's sector is the injected text (no PLOVER code): the view must show what any store holds
    leave_out(folder, "tests/views/conftest.py evil_store: an actor's sector is injected text, on purpose")
    (folder / "articles").mkdir()
    (folder / "articles" / "evil.txt").write_text(EVIL_ARTICLE, encoding="utf-8")
    path = folder / "store"
    kg.build([str(folder / "articles")], store=str(path))
    with open_store(str(path)) as st:
        st.put_article(*article_graph(_evil_extraction()))
    return path


@pytest.fixture(scope="session")
def evil_html(evil_store, tmp_path_factory) -> Path:
    import kg

    return kg.render(tmp_path_factory.mktemp("views-evil-html") / "evil.html", store=str(evil_store),
                     title=f"{EVIL_NAME} graph")


# --- the browser ---------------------------------------------------------------------------------


def wait_until(page, expression: str, *, timeout: float = 10.0):
    """Poll a JavaScript expression until it is truthy. (Playwright's
    wait_for_function compiles its predicate with eval, which the page's
    Content-Security-Policy forbids; evaluate goes through the debugger.)"""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {expression}")
        time.sleep(0.05)


class Page:
    """A page that aborts every request that is not file:, about: or data:
    (recording it), and records dialogs, console errors and page errors."""

    def __init__(self, browser):
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file:", "about:", "data:")):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: Path, *, timeout: float = 30.0):
        self.page.goto(Path(path).resolve().as_uri())
        wait_until(self.page, "document.body.dataset.drawn === '1' && document.body.dataset.stabilized === '1'",
                   timeout=timeout)
        return self.page

    def close(self):
        self.context.close()


@pytest.fixture
def open_page(browser):
    pages = []

    def make() -> Page:
        pages.append(Page(browser))
        return pages[-1]

    yield make
    for p in pages:
        p.close()


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT
