"""Bytes to text: the decoding every reader of whole files shares.

:func:`decode` reads the bytes of a text file in whatever encoding it was
written (UTF-8, UTF-16/32 with a BOM, a legacy 8-bit encoding) and returns
text with ``\\n`` line ends; binary data raises ``UnicodeError``.
:func:`no_surrogates` makes the lone surrogates JSON escapes can give safe to
encode.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Optional


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
    if control_ratio(text) > 0.01 or _no_text_shape(text):
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
    if control_ratio(text) > 0:
        return None
    letters = [c for c in text if c.isalpha()]
    non_ascii = [c for c in letters if ord(c) > 127]
    if not letters or len(non_ascii) > 0.3 * len(letters):
        return None  # e.g. Cyrillic cp1251 would be all "Latin" letters here
    return text


def control_ratio(text: str) -> float:
    """The share of control characters (other than tab and line breaks) in
    ``text``: above a few in a hundred, it is binary data.

    >>> control_ratio("Kabul\\n"), control_ratio("\\x00\\x01ab")
    (0.0, 0.5)
    """
    if not text:
        return 0.0
    bad = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f")
    return bad / len(text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def no_surrogates(s: str) -> str:
    """JSON's ``"\\ud800"`` escapes give lone surrogates, which no encoder
    accepts; they become U+FFFD like any other undecodable character.

    >>> no_surrogates("Kabul\\ud800")
    'Kabul\\ufffd'
    """
    return _SURROGATE.sub("\ufffd", s)
