"""What a reader is: the :class:`Reader` base class, and :class:`ReadError`.

A reader turns one input format into :class:`~kg.model.Article` objects. It
reads a file (:meth:`Reader.read_file`), the bytes of a whole file
(:meth:`Reader.read_bytes`) or a decoded text (:meth:`Reader.read_text`, also
used for standard input). It never raises for bad input: every problem goes
to ``report`` (a callable taking a :class:`ReadError`), and reading goes on.

A new format needs a name, its extensions and :meth:`Reader.read_text`; the
defaults read the file whole, within ``$KG_MAX_FILE_BYTES``, and decode it:

>>> class Shouting(Reader):
...     name, extensions = "shouting", (".shout",)
...     def read_text(self, text, where, report):
...         yield Article(id="s1", text=text.upper(), path=where)
>>> [a.text for a in Shouting().read_bytes(b"kabul", "a.shout", print)]
['KABUL']
"""
from __future__ import annotations

import errno
import os
from typing import Callable, Iterator, Optional, Union

from ..errors import InputError
from ..model import Article
from ..settings import settings
from .decode import decode

PathLike = Union[str, os.PathLike]

#: How standard input is named in errors and in ``Article.path``.
STDIN = "<stdin>"


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


Report = Callable[[ReadError], None]


class Reader:
    """One input format. A subclass sets :attr:`name` and :attr:`extensions`
    and defines :meth:`read_text`; the other methods have defaults that fit a
    format read whole. It is instantiated without arguments (as the registry
    does with a class named by an entry point)."""

    #: The name it is registered under.
    name: str = ""
    #: The file extensions it reads, lower case with the dot: ``(".jsonl", ".ndjson")``.
    extensions: tuple[str, ...] = ()

    def sniff(self, head: str) -> bool:
        """Whether a text that starts with ``head`` is in this format, for a file
        without extension and for standard input. ``head`` is the whole text of
        such a file, or all of standard input. Default: never (the reader is
        chosen by extension only)."""
        return False

    def read_file(self, path: str, report: Report) -> Iterator[Article]:
        """The articles in the file ``path``. Default: its bytes (within the size
        limit; an empty file is reported) read by :meth:`read_bytes`."""
        data = file_bytes(path, report)
        if data is not None:
            yield from self.read_bytes(data, path, report)

    def read_bytes(self, data: bytes, where: str, report: Report) -> Iterator[Article]:
        """The articles in ``data``, the bytes of a whole file named ``where``.
        Default: decoded (see :func:`~kg.readers.decode.decode`) and read by
        :meth:`read_text`."""
        try:
            text = decode(data)
        except UnicodeError as e:
            report(ReadError(where, str(e)))
            return
        yield from self.read_text(text, where, report)

    def read_text(self, text: str, where: str, report: Report) -> Iterator[Article]:
        """The articles in ``text``, read from ``where`` (a path, or ``<stdin>``),
        which names them in errors and in ``Article.path``."""
        raise NotImplementedError(f"{type(self).__name__} does not define read_text")

    def count(self, path: str) -> int:
        """About how many articles the file ``path`` holds, found without parsing
        it (the total of ``kg build``'s progress bar). Default: one."""
        return 1


def file_bytes(path: str, report: Report) -> Optional[bytes]:
    """The bytes of the file ``path``; None, reported, if it cannot be read, is
    larger than ``$KG_MAX_FILE_BYTES`` or holds only white space."""
    max_bytes = settings().max_file_bytes
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if max_bytes and size > max_bytes:
                report(ReadError(path, f"file too large ({size:,} bytes; the limit is {max_bytes:,}, "
                                       "see $KG_MAX_FILE_BYTES)"))
                return None
            data = f.read(max_bytes + 1) if max_bytes else f.read()
    except OSError as e:
        report(ReadError(path, os_reason(e)))
        return None
    if max_bytes and len(data) > max_bytes:  # grew while we read it, or not a plain file
        report(ReadError(path, f"file too large (over {max_bytes:,} bytes)"))
        return None
    if not data.strip():
        report(ReadError(path, "empty file"))
        return None
    return data


def os_reason(e: OSError) -> str:
    """Why a file or folder cannot be read, in words.

    >>> os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory"))
    'broken symlink or missing file'
    """
    if e.errno == errno.ELOOP:
        return "symlink loop"
    if e.errno == errno.ENOENT:
        return "broken symlink or missing file"
    if e.errno == errno.EACCES:
        return "permission denied"
    return e.strerror or str(e)
