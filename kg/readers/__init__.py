"""Read news articles from files, folders, glob patterns or standard input.

Every input becomes an :class:`~kg.model.Article`. Problems (a missing file,
an undecodable file, a bad JSON line, a symlink loop) never stop the run:
each one is passed to ``on_error`` as a :class:`ReadError`, or logged on the
``kg.readers`` logger, and reading goes on with the next input.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "2021-09-02-kabul.txt").write_text(
...     "Taliban take Kabul airport\\n\\nFighters took the airport on Monday.\\n")
>>> [(a.title, a.published.isoformat()) for a in read_articles([folder])]
[('Taliban take Kabul airport', '2021-09-02')]

Each format has a :class:`Reader`, in a module of its own, registered in
:data:`READERS` under its name. A file is read by the reader of its
extension; a file without one, and standard input, by the reader that sniffs
its content as its own (see :mod:`kg.readers.registry`):

>>> for name, reader in READERS.items():
...     print(f"{name:6}", *reader.extensions)
feed   .xml .rss .atom
html   .html .htm .xhtml
jsonl  .jsonl .ndjson
json   .json
text   .txt .text

* ``feed`` (:mod:`kg.readers.feed`): RSS/Atom feeds parsed by feedparser
  from the bytes of the file (never from the network), an article per entry;
* ``html`` (:mod:`kg.readers.html`): main text and metadata by trafilatura;
* ``jsonl`` (:mod:`kg.readers.jsonlines`): one JSON object per line, read
  line by line;
* ``json`` (:mod:`kg.readers.jsondoc`): a list of objects, or one object;
* ``text`` (:mod:`kg.readers.text`): plain text; a leading date line or
  dateline gives ``published``, the first headline-like line ``title``.

Files, folders and globs become files in :mod:`kg.readers.paths`; bytes
become text in :mod:`kg.readers.decode`; standard input is read by
:mod:`kg.readers.stdin`. Files read whole, standard input read as one
document, and each JSON line are held to ``$KG_MAX_FILE_BYTES`` (reading
stops there); longer articles than ``$KG_MAX_ARTICLE_CHARS`` are reported
and skipped (see :mod:`kg.settings`). Memory is bounded by those limits,
not by the size of the input: a JSON list is decoded one object at a time,
JSON Lines are streamed, and no text is split whole.

Another package adds a format, with no change to kg, by subclassing
:class:`Reader` and declaring it in the ``kg.readers`` entry-point group of
its ``pyproject.toml``::

    [project.entry-points."kg.readers"]
    speech = "my_package.readers:SpeechReader"
"""
from __future__ import annotations

import logging
import os
from datetime import date
from typing import Callable, Iterable, Iterator, Optional, Union

from ..model import Article
from ..settings import settings
from .base import PathLike, Reader, ReadError, Report, file_bytes
from .decode import decode
from .paths import expand
from .registry import READERS, extension, extensions, reader_for, sniffed

__all__ = ["READERS", "ReadError", "Reader", "count_articles", "read_articles", "reader_for"]

log = logging.getLogger("kg.readers")

OnError = Optional[Callable[[ReadError], None]]

_DEFAULT = object()


def read_articles(
    paths: Union[PathLike, Iterable[PathLike]], *, on_error: OnError = None, max_chars=_DEFAULT,
    stdin_date: Optional[date] = None, stdin_title: Optional[str] = None,
) -> Iterator[Article]:
    """Yield the articles found in ``paths``, one at a time.

    ``paths`` may mix files, folders (walked recursively in sorted order),
    glob patterns and ``"-"`` for standard input. An article whose id was
    already yielded in this call is skipped. An article longer than
    ``max_chars`` (default: ``$KG_MAX_ARTICLE_CHARS``, a million; ``None``:
    no limit) is reported and skipped. ``stdin_date`` and ``stdin_title`` are
    the publication date and title of what standard input holds.

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "a.jsonl"
    >>> _ = f.write_text('{"id": "a1", "text": "One."}\\nnot json\\n{"id": "a1", "text": "One."}\\n')
    >>> errors = []
    >>> [a.id for a in read_articles([f], on_error=errors.append)]
    ['a1']
    >>> errors[0].line, errors[0].reason.startswith("invalid JSON")
    (2, True)
    """
    report = _reporter(on_error)
    if max_chars is _DEFAULT:
        max_chars = settings().max_article_chars
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    seen_ids: set[str] = set()
    seen_files: set[str] = set()
    for source in expand(paths, report):
        if source == "-":
            from .stdin import read_stdin

            articles = read_stdin(report, published=stdin_date, title=stdin_title)
        else:
            # The same file reached twice (a folder and a glob) is read once.
            real = os.path.realpath(source)
            if real in seen_files:
                continue
            seen_files.add(real)
            articles = _read_file(source, report)
        for article in articles:
            if article.id in seen_ids:
                continue
            seen_ids.add(article.id)
            if max_chars and len(article.text) > max_chars:
                report(ReadError(article.path or source, f"article too long ({len(article.text):,} characters; "
                                 f"the limit is {max_chars:,}, see $KG_MAX_ARTICLE_CHARS)"))
                continue
            yield article


def count_articles(paths: Union[PathLike, Iterable[PathLike]]) -> int:
    """About how many articles ``paths`` hold, found without parsing them:
    each file's reader estimates (:meth:`Reader.count`: a line per JSON Lines
    record, an entry per feed item); any other file counts one. Problems are
    left for reading to report. ``kg build`` shows it as its progress bar's total.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.jsonl").write_text('{"text": "One."}\\n\\n{"text": "Two."}\\n')
    >>> _ = (folder / "b.txt").write_text("Three.")
    >>> count_articles([folder])
    3
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    n = 0
    for path in expand(paths, lambda error: None):
        reader = reader_for(path)
        n += reader.count(path) if reader is not None else 1
    return n


def _reporter(on_error: OnError) -> Report:
    def report(error: ReadError) -> None:
        if on_error is not None:
            on_error(error)
        else:
            log.warning("%s", error)

    return report


def _read_file(path: str, report: Report) -> Iterator[Article]:
    """The articles of one file, by the reader of its extension, or of its content."""
    reader = reader_for(path)
    if reader is not None:
        yield from reader.read_file(path, report)
        return
    if extension(path):
        report(ReadError(path, f"unsupported file type {extension(path)!r} (kg reads {', '.join(extensions())})"))
        return
    data = file_bytes(path, report)
    if data is None:
        return
    try:
        text = decode(data)
    except UnicodeError as e:
        report(ReadError(path, str(e)))
        return
    # The reader gets the bytes, as for a file with its extension: a feed
    # then reads them in the encoding it declares.
    yield from sniffed(text).read_bytes(data, path, report)
