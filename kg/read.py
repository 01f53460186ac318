"""Read news articles from files, folders, glob patterns or standard input.

Every input becomes an :class:`~kg.model.Article`. Problems (a missing file,
an undecodable file, a bad JSON line, a symlink loop) never stop the run:
each one is passed to ``on_error`` as a :class:`ReadError`, or logged on the
``kg.read`` logger, and reading goes on with the next input.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "2021-09-02-kabul.txt").write_text(
...     "Taliban take Kabul airport\\n\\nFighters took the airport on Monday.\\n")
>>> [(a.title, a.published.isoformat()) for a in read_articles([folder])]
[('Taliban take Kabul airport', '2021-09-02')]

Supported formats, chosen by extension (or by sniffing the content when a
file has no extension, and for standard input):

* ``.txt``, ``.text``, none: plain text; a leading date line or dateline
  gives ``published``, the first headline-like line gives ``title``;
* ``.html``, ``.htm``: main text and metadata by trafilatura;
* ``.jsonl``, ``.ndjson``: one JSON object per line, read line by line;
* ``.json``: a list of objects, or one object;
* ``.xml``, ``.rss``, ``.atom``: RSS/Atom feeds parsed by feedparser from
  the bytes of the file (never from the network).
"""
from __future__ import annotations

import codecs
import errno
import glob
import io
import itertools
import json
import logging
import os
import re
import stat
import sys
import unicodedata
import warnings
from datetime import date, datetime
from typing import Callable, Iterable, Iterator, Optional, Union

from .errors import InputError
from .model import Article, content_id, stable_key

log = logging.getLogger("kg.read")

PathLike = Union[str, os.PathLike]
OnError = Optional[Callable[["ReadError"], None]]

TEXT_EXT = {".txt", ".text", ""}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson"}
JSON_EXT = {".json"}
FEED_EXT = {".xml", ".rss", ".atom"}

STDIN = "<stdin>"

# Plain-text heuristics look only at the head of an article: the date line
# and the headline sit above the story, never deep inside it.
HEAD_LINES = 8
MAX_TITLE_WORDS = 20

#: Articles longer than this many characters are reported and skipped
#: (``$KG_MAX_ARTICLE_CHARS`` changes it; 0 means no limit). A long news story
#: has some 50,000 characters; a million is spaCy's own default limit, and
#: parsing that much text takes about a gigabyte of memory.
MAX_ARTICLE_CHARS = 1_000_000
#: Files read whole (text, HTML, JSON, feeds) larger than this are reported
#: without being read (``$KG_MAX_FILE_BYTES``). JSON Lines files are read line
#: by line and have no size limit, but each line is held to this limit.
MAX_FILE_BYTES = 256 * 1024 * 1024

_DEFAULT = object()


def _limit(name: str, default: int) -> Optional[int]:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.replace("_", ""))
    except ValueError:
        log.warning("$%s=%r is not a whole number; using %d", name, raw, default)
        return default
    return value if value > 0 else None


class ReadError(InputError):
    """A problem with one input; reading carries on with the next one.

    >>> str(ReadError("news/a.jsonl", "invalid JSON", line=3))
    'news/a.jsonl:3: invalid JSON'
    >>> e = ReadError("x.bin", "binary file"); (e.path, e.reason)
    ('x.bin', 'binary file')
    """

    def __init__(self, path: PathLike, reason: str, line: Optional[int] = None):
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


# --------------------------------------------------------------------------
# public entry point


def read_articles(
    paths: Union[PathLike, Iterable[PathLike]], *, on_error: OnError = None, max_chars=_DEFAULT
) -> Iterator[Article]:
    """Yield the articles found in ``paths``, one at a time.

    ``paths`` may mix files, folders (walked recursively in sorted order),
    glob patterns and ``"-"`` for standard input. An article whose id was
    already yielded in this call is skipped. An article longer than
    ``max_chars`` (default :data:`MAX_ARTICLE_CHARS`; ``None``: no limit)
    is reported and skipped.

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
        max_chars = _limit("KG_MAX_ARTICLE_CHARS", MAX_ARTICLE_CHARS)
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    seen_ids: set[str] = set()
    seen_files: set[str] = set()
    for source in _expand(paths, report):
        if source == "-":
            articles = _read_stdin(report)
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


def _reporter(on_error: OnError) -> Callable[[ReadError], None]:
    def report(error: ReadError) -> None:
        if on_error is not None:
            on_error(error)
        else:
            log.warning("%s", error)

    return report


# --------------------------------------------------------------------------
# turning arguments into a stream of files


def _expand(paths: Iterable[PathLike], report) -> Iterator[str]:
    """Files (and "-") named by ``paths``, folders walked, globs expanded."""
    for p in paths:
        p = os.fspath(p)
        if p == "-":
            yield "-"
        elif os.path.lexists(p):
            yield from _expand_existing(p, report)
        elif glob.has_magic(p):
            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                report(ReadError(p, "no files match this pattern"))
            for m in matches:
                yield from _expand_existing(m, report)
        else:
            report(ReadError(p, "no such file or directory"))


def _expand_existing(p: str, report) -> Iterator[str]:
    try:
        st = os.stat(p)
    except OSError as e:
        report(ReadError(p, _os_reason(e)))
        return
    if stat.S_ISDIR(st.st_mode):
        yield from _walk(p, {(st.st_dev, st.st_ino)}, report)
    elif stat.S_ISREG(st.st_mode):
        yield p
    else:
        report(ReadError(p, "not a regular file"))


def _walk(folder: str, ancestors: set, report) -> Iterator[str]:
    """Files under ``folder`` in sorted order, following symlinks safely.

    ``ancestors`` holds the (device, inode) of every folder on the current
    path: meeting one again means a symlink loop, which is reported and not
    followed. Hidden entries (``.git``, ``.DS_Store``) are skipped.
    """
    try:
        with os.scandir(folder) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as e:
        report(ReadError(folder, _os_reason(e)))
        return
    for entry in entries:
        try:
            st = os.stat(entry.path)  # follows symlinks
        except OSError as e:
            report(ReadError(entry.path, _os_reason(e)))
            continue
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in ancestors:
                report(ReadError(entry.path, "symlink loop, not followed"))
                continue
            yield from _walk(entry.path, ancestors | {key}, report)
        elif stat.S_ISREG(st.st_mode):
            yield entry.path
        # sockets, fifos and devices in a folder are silently ignored


def _os_reason(e: OSError) -> str:
    if e.errno == errno.ELOOP:
        return "symlink loop"
    if e.errno == errno.ENOENT:
        return "broken symlink or missing file"
    if e.errno == errno.EACCES:
        return "permission denied"
    return e.strerror or str(e)


# --------------------------------------------------------------------------
# one file


def _read_file(path: str, report) -> Iterator[Article]:
    ext = os.path.splitext(path)[1].lower()
    if ext in JSONL_EXT:
        yield from _read_jsonl_file(path, report)
        return
    if ext not in TEXT_EXT | HTML_EXT | JSON_EXT | FEED_EXT:
        report(ReadError(path, f"unsupported file type {ext!r}"))
        return
    max_bytes = _limit("KG_MAX_FILE_BYTES", MAX_FILE_BYTES)
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if max_bytes and size > max_bytes:
                report(ReadError(path, f"file too large ({size:,} bytes; the limit is {max_bytes:,}, "
                                       "see $KG_MAX_FILE_BYTES)"))
                return
            data = f.read(max_bytes + 1) if max_bytes else f.read()
    except OSError as e:
        report(ReadError(path, _os_reason(e)))
        return
    if max_bytes and len(data) > max_bytes:  # grew while we read it, or not a plain file
        report(ReadError(path, f"file too large (over {max_bytes:,} bytes)"))
        return
    if not data.strip():
        report(ReadError(path, "empty file"))
        return
    if ext in FEED_EXT:
        yield from _read_feed(data, path, report)
        return
    try:
        text = decode(data)
    except UnicodeError as e:
        report(ReadError(path, str(e)))
        return
    if ext == "":
        ext = _sniff(text)
    if ext in HTML_EXT:
        yield from _read_html(text, path, report)
    elif ext in JSON_EXT:
        yield from _read_json(text, path, report)
    elif ext in JSONL_EXT:
        yield from _read_jsonl_lines(io.StringIO(text), path, report)
    elif ext in FEED_EXT:
        yield from _read_feed(data, path, report)
    else:
        article = parse_plain_text(text, path=path)
        if article is None:
            report(ReadError(path, "no text"))
        else:
            yield article


def _sniff(text: str) -> str:
    """Guess a format from content, for files without extension and stdin."""
    head = text.lstrip()[:500].lower()
    if head.startswith("<"):
        if "<rss" in head or "<feed" in head or "<rdf:rdf" in head:
            return ".xml"
        if "<html" in head or "<!doctype html" in head or "<body" in head:
            return ".html"
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if lines and all(_json_object(ln) is not None for ln in lines):
        return ".jsonl"
    if head.startswith(("[", "{")):
        try:
            _loads(text)
            return ".json"
        except ValueError:
            pass
    return ".txt"


def _json_object(line: str) -> Optional[dict]:
    line = line.strip()
    if not line.startswith("{"):
        return None
    try:
        obj = _loads(line)
    except ValueError:
        return None
    return obj if isinstance(obj, dict) else None


def _loads(text: str):
    """``json.loads``, with JSON nested too deeply for Python's stack as a ``ValueError``."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply") from None


# --------------------------------------------------------------------------
# decoding


def decode(data: bytes) -> str:
    """Decode bytes of a text file; raise ``UnicodeError`` for binary data.

    UTF-8 (with or without BOM) and UTF-16/32 with BOM are recognised
    directly; other bytes go through charset detection. Line ends become
    ``\\n`` so offsets are the same whatever system wrote the file.

    >>> decode("Café".encode("latin-1"))
    'Café'
    >>> decode(codecs.BOM_UTF16_LE + "Kabul\\r\\n".encode("utf-16-le"))
    'Kabul\\n'
    """
    text = _decode(data)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes) -> str:
    # UTF-32 BOMs first: the UTF-32-LE BOM begins with the UTF-16-LE one.
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                break  # a lying BOM: fall through to detection
    if b"\x00" not in data:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        # Mostly UTF-8 with a few corrupt bytes (a truncated or spliced file):
        # replacing the bad bytes beats reading the good ones as cp1252.
        lenient = data.decode("utf-8", errors="replace")
        bad = lenient.count("\ufffd")
        good = sum(1 for c in lenient if ord(c) > 127) - bad
        if good > 2 * bad:
            return lenient
    return _detect(data)


def _detect(data: bytes) -> str:
    import charset_normalizer

    if b"\x00" not in data:
        # charset_normalizer often calls short Western text mac_latin2 or
        # cp1250; mostly-ASCII text whose other bytes read as Latin letters
        # in cp1252 is far more likely to be Latin-1/cp1252.
        guess = _try_cp1252(data)
        if guess is not None:
            return guess
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise UnicodeError("binary or undecodable file")
    text = str(best)
    if _control_ratio(text) > 0.01 or _no_text_shape(text):
        raise UnicodeError("binary or undecodable file")
    return text


def _no_text_shape(text: str) -> bool:
    """True for a long run of letters with no space, line break or punctuation
    at all: random high bytes that a multi-byte legacy encoding (cp949, Big5)
    happens to accept. Real text in any script has some of those."""
    return len(text) >= 64 and not any(c.isspace() or unicodedata.category(c)[0] == "P" for c in text)


def _try_cp1252(data: bytes) -> Optional[str]:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if _control_ratio(text) > 0:
        return None
    letters = [c for c in text if c.isalpha()]
    non_ascii = [c for c in letters if ord(c) > 127]
    if not letters or len(non_ascii) > 0.3 * len(letters):
        return None  # e.g. Cyrillic cp1251 would be all "Latin" letters here
    return text


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f")
    return bad / len(text)


# --------------------------------------------------------------------------
# plain text


def parse_plain_text(
    text: str, *, path: Optional[str] = None, filename_date: bool = True, **fields
) -> Optional[Article]:
    """Make an article from plain text, finding its date and headline.

    >>> a = parse_plain_text("September 2, 2021\\n5 mins read\\n\\nMilley says so\\n\\nHe said so.")
    >>> a.published, a.title
    (datetime.date(2021, 9, 2), 'Milley says so')
    """
    text = _no_surrogates(text)
    if not text.strip():
        return None
    head = _head_lines(text)
    file_date = _date_from_filename(path) if filename_date else None
    published = fields.pop("published", None) or _find_date(head, file_date)
    title = fields.pop("title", None) or _find_title(head)
    if published is None:
        published = file_date
    return Article(
        id=fields.pop("id", None) or content_id(text),
        text=text,
        title=title,
        published=published,
        path=path,
        **fields,
    )


def _head_lines(text: str) -> list[str]:
    head = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            head.append(line)
            if len(head) >= HEAD_LINES:
                break
    return head


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_PREFIX = re.compile(
    r"^(?:published|updated|last updated|posted|first published|date)\s*(?:on)?\s*:?\s*", re.I
)
# "KABUL, Sept 2 (Reuters) -", "WASHINGTON, September 2, 2021 (AP) —"
# The place is in capitals (as wires write it), so "However, May 5 -" is no dateline.
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'/-]{1,40},\s+(?P<date>(?i:" + _MONTH + r")\s+\d{1,2}(?:,?\s+\d{4})?)"
    r"\s*(?:\([^)]{1,40}\))?\s*[-–—]"
)
_READ_TIME = re.compile(r"^\d+\s*(?:mins?|minutes?)\s+read$", re.I)
_BYLINE = re.compile(r"^by\s+\S", re.I)


def parse_date_line(line: str, year: Optional[int] = None) -> Optional[date]:
    """The date a line states, if the line is essentially just a date.

    >>> parse_date_line("September 2, 2021"), parse_date_line("2021-09-02")
    (datetime.date(2021, 9, 2), datetime.date(2021, 9, 2))
    >>> parse_date_line("KABUL, Sept 2 (Reuters) - The Taliban said", year=2021)
    datetime.date(2021, 9, 2)
    >>> parse_date_line("Islamic State") is None, parse_date_line("5 mins read") is None
    (True, True)
    """
    line = line.strip()
    m = _DATELINE.match(line)
    if m:
        return _parse_date(m.group("date"), year)
    if len(line) > 60 or not re.search(r"\d", line):
        return None
    line = _DATE_PREFIX.sub("", line)
    for candidate in (line, re.split(r"\s*[|•·]\s*", line)[0]):
        d = _parse_date(candidate, None)
        if d:
            return d
    return None


def _parse_date(s: str, year: Optional[int]) -> Optional[date]:
    """Parse with dateutil, refusing strings that lack a day, month or year."""
    from dateutil import parser as dparser

    s = re.sub(r"\bsept\b", "Sep", s, flags=re.I)  # dateutil knows Sep, not Sept
    results = []
    # Parsing against two different defaults shows which parts were missing.
    for default in (datetime(1904, 1, 1), datetime(1908, 2, 2)):
        if year is not None:
            default = default.replace(year=year)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # unknown time zone names
                results.append(dparser.parse(s, default=default, fuzzy=False))
        except (ValueError, OverflowError, TypeError):
            return None
    a, b = results
    if (a.year, a.month, a.day) != (b.year, b.month, b.day):
        return None
    if not 1900 <= a.year <= 2200:
        return None
    return a.date()


def _find_date(head: list[str], file_date: Optional[date]) -> Optional[date]:
    year = file_date.year if file_date else None
    for line in head[:5]:
        d = parse_date_line(line, year)
        if d:
            return d
    return None


_FILENAME_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def _date_from_filename(path: Optional[str]) -> Optional[date]:
    if not path or path == STDIN:
        return None
    m = _FILENAME_DATE.match(os.path.basename(path))
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _find_title(head: list[str]) -> Optional[str]:
    for line in head:
        if _looks_like_headline(line):
            return line
    return None


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= MAX_TITLE_WORDS:
        return False
    if line.endswith((".", ",", ";", ":")) and not line.endswith("..."):
        return False
    if _READ_TIME.match(line) or _BYLINE.match(line) or parse_date_line(line):
        return False
    return any(c.isalpha() for c in line)


# --------------------------------------------------------------------------
# HTML


def _read_html(html: str, path: str, report) -> Iterator[Article]:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, favor_precision=False
        )
    except Exception as e:  # trafilatura can fail on odd markup; never fatal
        report(ReadError(path, f"cannot parse HTML: {e}"))
        return
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        text = html_to_text(html).strip()
    if not text:
        report(ReadError(path, "no text found in HTML"))
        return
    head = _head_lines(text)
    published = _iso_date(getattr(doc, "date", None)) if doc is not None else None
    file_date = _date_from_filename(path)
    yield Article(
        id=content_id(text),
        text=text,
        title=(getattr(doc, "title", None) if doc is not None else None) or _find_title(head),
        published=published or _find_date(head, file_date) or file_date,
        url=getattr(doc, "url", None) if doc is not None else None,
        source=(getattr(doc, "sitename", None) or getattr(doc, "hostname", None)) if doc is not None else None,
        path=path,
    )


_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "section", "article", "table", "tr", "pre", "figure", "figcaption",
}


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment, one line per block element.

    >>> html_to_text("<p>Kabul <b>airport</b></p><p>Second&nbsp;line</p>")
    'Kabul airport\\nSecond line'
    """
    import lxml.html

    if not fragment or not fragment.strip():
        return ""
    fragment = _no_surrogates(fragment)
    if "<" not in fragment:
        return " ".join(fragment.split())
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:
        return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())
    for bad in root.xpath(".//script|.//style|.//noscript"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(el):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "br":
            parts.append("\n")
        elif tag in _BLOCK_TAGS:
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in _BLOCK_TAGS:
            parts.append("\n")

    walk(root)
    lines = (" ".join(ln.split()) for ln in "".join(parts).split("\n"))
    return "\n".join(ln for ln in lines if ln)


# --------------------------------------------------------------------------
# JSON and JSON Lines


def _read_jsonl_file(path: str, report) -> Iterator[Article]:
    try:
        f = open(path, "rb")
    except OSError as e:
        report(ReadError(path, _os_reason(e)))
        return
    with f:
        start = f.read(4)
        f.seek(0)
        if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            lines = io.TextIOWrapper(f, encoding="utf-16", newline=None)
        else:
            lines = _utf8_lines(f, path, report)
        seen = [False]

        def noting(it):
            for line in it:
                if line is None or line.strip():
                    seen[0] = True
                yield line

        try:
            yield from _read_jsonl_lines(noting(lines), path, report)
        except OSError as e:
            report(ReadError(path, _os_reason(e)))
        except UnicodeError as e:  # UTF-16 that is not
            report(ReadError(path, f"cannot decode: {e}"))
        if not seen[0]:
            report(ReadError(path, "empty file"))


def _utf8_lines(f, path: str, report) -> Iterator[Optional[str]]:
    """Decode a binary file line by line; a bad line yields None, reported.

    No line is held in memory whole if it is longer than the file size limit.
    """
    max_bytes = _limit("KG_MAX_FILE_BYTES", MAX_FILE_BYTES)
    for n in itertools.count(1):
        raw = f.readline(max_bytes + 1) if max_bytes else f.readline()
        if not raw:
            return
        if max_bytes and len(raw) > max_bytes:
            while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                raw = f.readline(1 << 20)
            report(ReadError(path, f"line too long (over {max_bytes:,} bytes)", line=n))
            yield None
            continue
        try:
            yield raw.decode("utf-8-sig" if n == 1 else "utf-8")
        except UnicodeDecodeError:
            report(ReadError(path, "line is not valid UTF-8", line=n))
            yield None


def _read_jsonl_lines(lines: Iterable[Optional[str]], path: str, report) -> Iterator[Article]:
    for n, line in enumerate(lines, 1):
        if line is None or not line.strip():
            continue
        try:
            obj = _loads(line)
        except ValueError as e:
            report(ReadError(path, f"invalid JSON ({e.args[0] if e.args else e})", line=n))
            continue
        if not isinstance(obj, dict):
            report(ReadError(path, "not a JSON object", line=n))
            continue
        article = _from_record(obj, f"{path}#L{n}", path, report, line=n)
        if article is not None:
            yield article


def _read_json(text: str, path: str, report) -> Iterator[Article]:
    try:
        data = _loads(text)
    except ValueError as e:
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if len(lines) > 1 and all(_json_object(ln) is not None for ln in lines):
            # JSON Lines saved as .json: a common slip, and unambiguous.
            yield from _read_jsonl_lines(io.StringIO(text), path, report)
        else:
            report(ReadError(path, f"invalid JSON ({e})"))
        return
    if isinstance(data, dict):
        records = [data]
    elif isinstance(data, list):
        records = data
    else:
        report(ReadError(path, "JSON is neither an object nor a list of objects"))
        return
    for i, obj in enumerate(records, 1):
        where = path if len(records) == 1 and isinstance(data, dict) else f"{path}#{i}"
        if not isinstance(obj, dict):
            report(ReadError(where, "not a JSON object"))
            continue
        article = _from_record(obj, where, where, report)
        if article is not None:
            yield article


def _from_record(obj: dict, where: str, path: str, report, line: Optional[int] = None) -> Optional[Article]:
    """Article from a JSON object with id, text, published, title, url, source."""
    obj = {k: _no_surrogates(v) if isinstance(v, str) else v for k, v in obj.items()}
    text = _first(obj, "text", "body", "content")
    if not isinstance(text, str) or not text.strip():
        report(ReadError(path, "no 'text' field", line=line))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    raw_id = obj.get("id")
    raw_id = None if raw_id is None or raw_id == "" else str(raw_id)
    url = _str_or_none(obj.get("url"))
    published = None
    raw_date = _first(obj, "published", "date")
    if raw_date not in (None, ""):
        published = _iso_date(raw_date)
        if published is None:
            report(ReadError(path, f"cannot read date {raw_date!r}", line=line))
    article = parse_plain_text(
        text,
        path=where,
        filename_date=False,  # one file name says nothing about each record
        id=safe_id(raw_id or url) if (raw_id or url) else None,
        title=_str_or_none(obj.get("title")),
        published=published,
        url=url,
        source=_str_or_none(_first(obj, "source", "publisher")),
        doc_id=raw_id,
    )
    return article


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(s: str) -> str:
    """JSON's ``"\\ud800"`` escapes give lone surrogates, which no encoder
    accepts; they become U+FFFD like any other undecodable character."""
    return _SURROGATE.sub("\ufffd", s)


def _first(obj: dict, *keys):
    for k in keys:
        if obj.get(k) not in (None, ""):
            return obj[k]
    return None


def _str_or_none(v) -> Optional[str]:
    if v is None:
        return None
    v = str(v).strip()
    return v or None


def _iso_date(v) -> Optional[date]:
    """A date from ISO strings, datetimes, or any single full date string."""
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    if not isinstance(v, str):
        return None
    v = v.strip()
    try:
        return date.fromisoformat(v[:10])
    except ValueError:
        return parse_date_line(v)


_SAFE_ID = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}")


def safe_id(raw: str) -> str:
    """``raw`` if it is a safe token (file names, IRIs), else a hash of it.

    >>> safe_id("reuters-2021-09-02.1")
    'reuters-2021-09-02.1'
    >>> len(safe_id("https://example.com/a b")), safe_id("..") != ".."
    (16, True)
    """
    raw = str(raw)
    if _SAFE_ID.fullmatch(raw):
        return raw
    return stable_key(raw)


# --------------------------------------------------------------------------
# feeds


def _read_feed(data: bytes, path: str, report) -> Iterator[Article]:
    import feedparser

    # Bytes, not a path or URL: feedparser fetches URLs it is given.
    try:
        feed = feedparser.parse(io.BytesIO(data))
    except Exception as e:
        report(ReadError(path, f"cannot parse feed: {e}"))
        return
    def has_text(entry) -> bool:
        return any(html_to_text(v).strip() for v in
                   [entry.get("title", ""), entry.get("summary", "")] + [c.get("value", "") for c in entry.get("content") or []])

    if not feed.entries or (feed.get("bozo") and not any(has_text(e) for e in feed.entries)):
        reason = "no feed entries"
        if feed.get("bozo"):
            reason = f"not a readable feed ({feed.get('bozo_exception')})"
        report(ReadError(path, reason))
        return
    publisher = _str_or_none(feed.feed.get("title"))
    for i, entry in enumerate(feed.entries, 1):
        where = f"{path}#{i}"
        body = ""
        if entry.get("content"):
            body = "\n".join(html_to_text(c.get("value", "")) for c in entry.content)
        if not body.strip():
            body = html_to_text(entry.get("summary", ""))
        title = _str_or_none(html_to_text(entry.get("title", "")))
        if not body.strip() and not title:
            report(ReadError(where, "feed entry without text"))
            continue
        # The headline heads the text, as in a page, so offsets cover it too.
        text = f"{title}\n\n{body}".strip() if title else body.strip()
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        published = date(*parsed[:3]) if parsed else None
        raw_id = _str_or_none(entry.get("id"))
        link = _str_or_none(entry.get("link"))
        key = raw_id or link
        yield Article(
            id=safe_id(key) if key else content_id(text),
            text=text,
            title=title,
            published=published,
            url=link,
            source=publisher,
            path=where,
            doc_id=raw_id,
        )


# --------------------------------------------------------------------------
# standard input


def _read_stdin(report) -> Iterator[Article]:
    """Standard input: JSON Lines, streamed, if it starts with a JSON object.

    Otherwise the whole input is one document (text, HTML or a feed).
    """
    stream = sys.stdin
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        lines: Iterator[str] = _stdin_lines(buffer)
    else:  # a StringIO or other text stream
        lines = iter(stream)
    leading: list[str] = []
    for line in lines:
        leading.append(line)
        if line.strip():
            break
    if leading and _json_object(leading[-1]) is not None:
        yield from _read_jsonl_lines(itertools.chain(leading, lines), STDIN, report)
        return
    rest = "".join(leading) + "".join(lines)
    if not rest.strip():
        report(ReadError(STDIN, "empty input"))
        return
    text = rest.replace("\r\n", "\n").replace("\r", "\n")
    if _control_ratio(text) > 0.01 or text.count("\ufffd") > 0.1 * len(text):
        report(ReadError(STDIN, "binary or undecodable input"))
        return
    kind = _sniff(text)
    if kind in HTML_EXT:
        yield from _read_html(text, STDIN, report)
    elif kind in JSON_EXT:
        yield from _read_json(text, STDIN, report)
    elif kind in FEED_EXT:
        yield from _read_feed(text.encode("utf-8"), STDIN, report)
    else:
        article = parse_plain_text(text, path=STDIN)
        if article is not None:
            yield article


def _stdin_lines(buffer) -> Iterator[str]:
    """Decode binary standard input line by line (UTF-8, else cp1252/detected)."""
    first = True
    for raw in buffer:
        if first and raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            # UTF-16 lines cannot be split on b"\n"; decode all of it.
            data = raw + buffer.read()
            try:
                yield decode(data)
            except UnicodeError:
                yield data.decode("utf-8", errors="replace")  # reported as binary by the caller's checks
            return
        try:
            yield raw.decode("utf-8-sig" if first else "utf-8")
        except UnicodeDecodeError:
            try:
                yield decode(raw)
            except UnicodeError:
                yield raw.decode("utf-8", errors="replace")
        first = False
