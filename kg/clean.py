"""Separate a news story from the page furniture around it.

:func:`clean` blanks (replaces by spaces) everything that is not the story:
the teasers, navigation and "ALSO READ" links after its end, lines such
as "5 mins read" or a bare date anywhere, and the dateline the reader found
(``Article.dateline``: "DOHA, Nov 22 (Reuters) -"). The cleaned ``body`` has exactly
the length of ``text`` and keeps its newlines, so every character offset
found in the body is valid in the original text.

The rules are data, in ``ontology/cleaning.yaml`` (see :mod:`kg.datafiles`).

>>> from kg.model import Article
>>> text = "5 mins read\\nTaliban take Kabul\\nThe Taliban took the city on Sunday, witnesses told reporters there.\\nALSO READ: Other news\\nTeaser"
>>> a = clean(Article(id="x", text=text))
>>> len(a.body) == len(text), "Teaser" in a.body, "Taliban take Kabul" in a.body
(True, False, True)
>>> story_text(a)
'Taliban take Kabul\\nThe Taliban took the city on Sunday, witnesses told reporters there.'
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Optional

from .datafiles import data_path, load_yaml_file
from .model import Article

log = logging.getLogger("kg.clean")

# A story_end line only counts once some story has been read: a sentence
# of a few words, or any long line, shows the story has started. Without
# this guard a "Subscribe" or "Share this" box above the headline would
# blank the whole article. Headlines have no final stop, so they don't count.
STORY_SENTENCE_WORDS = 8
STORY_LINE_WORDS = 25
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


@dataclass(frozen=True)
class Rules:
    """Compiled cleaning rules."""

    story_end: tuple[re.Pattern, ...] = ()
    drop_lines: tuple[re.Pattern, ...] = ()


def load_rules(folder: Optional[Path] = None) -> Rules:
    """Rules from ``cleaning.yaml``: in ``folder`` if given, else the data file
    (``$KG_ONTOLOGY``'s if it has one, else kg's own; see :mod:`kg.datafiles`).

    >>> rules = load_rules()
    >>> any(p.match("also read: x") for p in rules.story_end)
    True
    """
    path = Path(folder) / "cleaning.yaml" if folder else data_path("cleaning.yaml")
    if not path.is_file():
        log.warning("%s: no cleaning rules, text left as is", path)
        return Rules()
    return _load(str(path.resolve()), path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _load(path: str, mtime: int) -> Rules:  # mtime in the key: edits are seen
    data = load_yaml_file(Path(path)) or {}
    return Rules(
        story_end=_compile(data.get("story_end"), path, "story_end"),
        drop_lines=_compile(data.get("drop_lines"), path, "drop_lines"),
    )


def _compile(patterns, path: str, key: str) -> tuple[re.Pattern, ...]:
    out = []
    for p in patterns or []:
        try:
            out.append(re.compile(str(p), re.IGNORECASE))
        except re.error as e:
            # One bad rule should not disable cleaning altogether.
            log.warning("%s: %s: bad pattern %r: %s", path, key, p, e)
    return tuple(out)


def clean(article: Article, rules: Optional[Rules] = None) -> Article:
    """A copy of ``article`` whose ``body`` is the story with furniture blanked.

    >>> from kg.model import Article
    >>> a = clean(Article(id="x", text="September 2, 2021\\nHeadline here\\nAdvertisement\\nStory."))
    >>> a.body
    '                 \\nHeadline here\\n             \\nStory.'
    """
    rules = rules or load_rules()
    body = clean_text(article.text, rules)
    if article.dateline is not None:  # "DOHA, Nov 22 (Reuters) -": where and when, not the story
        start, end = article.dateline.start, article.dateline.end
        body = body[:start] + _blank(body[start:end]) + body[end:]
    return replace(article, body=body)


def clean_text(text: str, rules: Optional[Rules] = None) -> str:
    """``text`` with furniture replaced by spaces; same length, same newlines.

    Works on line spans, never on a list of characters, so a 50 MB article
    costs a few copies of its text, not fifty million list slots.
    """
    rules = rules or load_rules()
    blanks: list[tuple[int, int]] = []  # spans to blank, in order
    started = False
    pos = 0
    for line in text.splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        content = line.strip()
        if not content:
            continue
        if started and _matches(rules.story_end, content):
            blanks.append((start, len(text)))
            break
        if _matches(rules.drop_lines, content) or (
            not started and _matches(rules.story_end, content)
        ):
            blanks.append((start, pos))
            continue
        if not started:
            started = _is_story_line(content)
    if not blanks:
        return text
    out: list[str] = []
    kept = 0
    for start, end in blanks:
        out.append(text[kept:start])
        out.append(_blank(text[start:end]))
        kept = end
    out.append(text[kept:])
    return "".join(out)


def _is_story_line(line: str) -> bool:
    words = len(line.split())
    return words >= STORY_LINE_WORDS or (
        words >= STORY_SENTENCE_WORDS and bool(_SENTENCE_END.search(line))
    )


def _matches(patterns, line: str) -> bool:
    return any(p.match(line) for p in patterns)


_NOT_LINE_BREAK = re.compile(r"[^\n\r]")


def _blank(chunk: str) -> str:
    # Keep line breaks so line numbers and paragraph shapes survive.
    return _NOT_LINE_BREAK.sub(" ", chunk)


def story_text(article: Article) -> str:
    """The story as readable text: kept lines, blank runs folded, trimmed.

    Offsets into this string do not match ``article.text``; use
    ``article.body`` when offsets matter.
    """
    body = article.body if article.body is not None else clean(article).body
    lines = [ln.strip() for ln in body.splitlines()]
    out: list[str] = []
    for ln in lines:
        if ln or (out and out[-1]):
            out.append(ln)
    return "\n".join(out).strip()
