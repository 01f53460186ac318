"""The bad-input corpus, generated into a folder so nothing large is kept under git.

``make_corpus(folder)`` writes one good article (a copy of the seed) and one
file per kind of bad input. :data:`EXPECT` says what should happen to each:
``"reported"`` (an error naming the file and the reason) or ``"read"``
(an article comes out; maybe with no facts).
"""
from __future__ import annotations

import codecs
import json
import os
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
SEED = REPO / "seeds" / "2021-09-02-milley-taliban-daesh.txt"
GOOD = SEED.name

LATIN1_TEXT = ("Accord signé à Genève\n\nLe ministre a déclaré à la presse que l'accord était signé, "
               "après des négociations à Zürich et à São Paulo.\n")
RUSSIAN_TEXT = ("Талибан заявил о новом правительстве\n\nПредставители движения Талибан заявили в "
                "Кабуле, что новое правительство будет объявлено в ближайшие дни.\n")
CHINESE_TEXT = "塔利班宣布新政府\n\n塔利班发言人周二在喀布尔表示，新政府将在未来几天内宣布。美国军方表示将继续撤离行动。\n"
ARABIC_TEXT = "طالبان تعلن حكومة جديدة\n\nقال متحدث باسم طالبان في كابول إن الحكومة الجديدة ستعلن خلال أيام.\n"

# What each file of the corpus must give: reported by name, or read.
EXPECT = {
    "empty.txt": ("reported", "empty file"),
    "whitespace.txt": ("reported", "empty file"),
    "binary.txt": ("reported", "binary"),
    "photo.jpg": ("reported", "unsupported file type"),
    "invalid-utf8.txt": ("reported", "binary or undecodable"),
    "long-line.txt": ("reported", "article too long"),
    "not-xml.rss": ("reported", "not a readable feed"),
    "unreadable.txt": ("reported", "permission denied"),
    "loop": ("reported", "symlink loop"),
    "self-link.txt": ("reported", "symlink loop"),
    "mixed.jsonl": ("reported", "invalid JSON"),  # and its good lines are read
    "truncated.jsonl": ("reported", "invalid JSON"),  # the last record is cut off
    "latin1.txt": ("read", "Genève"),
    "utf16.txt": ("read", "Talks in Doha"),
    "corrupt-utf8.txt": ("read", "Kabul airport reopens"),
    "malformed.html": ("read", "Kabul"),
    "russian.txt": ("read", "Талибан"),
    "chinese.txt": ("read", "塔利班"),
    "arabic.txt": ("read", "طالبان"),
    "no-sentences.txt": ("read", "kabul"),
}


def make_corpus(folder: Path, *, long_line_bytes: int = 1024 * 1024) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(7)
    shutil.copy(SEED, folder / GOOD)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "whitespace.txt").write_bytes(b"  \n\t\n \r\n   \n")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rnd.randbytes(8192))
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + rnd.randbytes(1024))
    # High bytes only, no NUL: neither UTF-8 nor any sensible single-byte text.
    (folder / "invalid-utf8.txt").write_bytes(bytes(rnd.choice([0x81, 0x8d, 0x8f, 0x90, 0x9d]) for _ in range(4096)))
    (folder / "corrupt-utf8.txt").write_bytes(
        "Kabul airport reopens\n\nFlights resumed on Thursday, officials said – a first since the évacuation.".encode()
        + b"\xff\xfe\xfa" + " The Qatari team helped.\n".encode())
    (folder / "latin1.txt").write_bytes(LATIN1_TEXT.encode("latin-1"))
    (folder / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + "Talks in Doha\n\nOfficials from Qatar and the "
                                       "Taliban met in Doha on Tuesday.\n".encode("utf-16-le"))
    words = ("kabul", "airport", "taliban", "milley", "the", "and", "of", "strike")
    line = []
    size = 0
    while size < long_line_bytes:
        w = rnd.choice(words)
        line.append(w)
        size += len(w) + 1
    (folder / "long-line.txt").write_text("A very long line\n\n" + " ".join(line) + "\n", encoding="utf-8")
    (folder / "malformed.html").write_text(
        "<html><head><title>Kabul <b>airport</title><body><div class=<<>><p>Taliban fighters guarded Kabul "
        "airport on Monday, officials said, <i>as evacuation flights <p>continued</div></div></span>"
        "<script>var x = '</p>';</script><p>The United States said it coordinated with the Taliban &amp "
        "&bogus; &#xFFFFFFF; on security.<table><tr><td>cell</p></body></html></html><<<", encoding="utf-8")
    good_record = {"id": "jsonl-good-1", "title": "Qatar hosts talks",
                   "text": "Qatar hosts talks\n\nOfficials from Qatar met Taliban envoys in Doha on Tuesday."}
    (folder / "mixed.jsonl").write_text("\n".join([
        json.dumps(good_record),
        '{"id": "jsonl-bad-1", "text": "unterminated',
        "[1, 2, 3]",
        '{"id": "jsonl-notext"}',
        "\x00\x01 garbage",
        json.dumps({"id": "jsonl-good-2", "text": "Evacuation ends\n\nThe last U.S. flight left Kabul."}),
    ]) + "\n", encoding="utf-8")
    (folder / "truncated.jsonl").write_text(
        json.dumps({"id": "jsonl-good-3", "text": "Pakistan reopens border\n\nThe border crossing reopened."})
        + "\n" + '{"id": "jsonl-cut", "text": "The message was cut of', encoding="utf-8")
    (folder / "not-xml.rss").write_text("this is not XML <<< & >>> <rss version=2.0 <item>>\x0c", encoding="utf-8")
    (folder / "unreadable.txt").write_text("Secret headline\n\nSecret text.\n", encoding="utf-8")
    os.chmod(folder / "unreadable.txt", 0)
    os.symlink(".", folder / "loop")  # a folder containing itself
    os.symlink("self-link.txt", folder / "self-link.txt")  # a link to itself
    (folder / "russian.txt").write_text(RUSSIAN_TEXT, encoding="utf-8")
    (folder / "chinese.txt").write_text(CHINESE_TEXT, encoding="utf-8")
    (folder / "arabic.txt").write_text(ARABIC_TEXT, encoding="utf-8")
    (folder / "no-sentences.txt").write_text(
        "\n".join(" ".join(rnd.choice(words) for _ in range(rnd.randint(1, 6))) for _ in range(200))
        + "\n---\n***\n1234 5678\n", encoding="utf-8")
    return folder


# Run as root, chmod 0 does not stop reading: tests load this before kg, and it
# makes open() of a file named "unreadable.txt" fail as it would for a user.
SIMULATE_UNREADABLE = '''
import builtins, errno, os
_open = builtins.open
def _guarded(file, *a, **k):
    if isinstance(file, (str, bytes, os.PathLike)) and os.path.basename(os.fsdecode(file)) == "unreadable.txt":
        raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(file))
    return _open(file, *a, **k)
builtins.open = _guarded
'''


FIRST = ("Ahmad", "Sara", "John", "Maria", "Wei", "Fatima", "Igor", "Amina", "Carlos", "Yuki", "Omar", "Elena",
         "David", "Leila", "Hassan", "Anna", "Mohammed", "Olga", "Pierre", "Nadia")
LAST = ("Karimi", "Lind", "Smith", "Garcia", "Zhang", "Haddad", "Petrov", "Okafor", "Silva", "Tanaka", "Rahimi",
        "Novak", "Miller", "Nasser", "Kowalski", "Dubois", "Ivanova", "Mensah", "Rossi", "Jensen")
KNOWN = ("the Taliban", "Qatar", "Pakistan", "the United States", "Islamic State", "Iran", "China", "Russia",
         "the Pentagon", "NATO")


def many_entities_text(n: int = 10_000, seed: int = 3) -> str:
    """A roll-call naming ``n`` entities (people, states, groups), ten to a sentence, without verbs.

    Each sentence reads like a casualty or attendance list: "Those named
    included A, B, ... and J." Most people are distinct (400 name pairs).
    """
    rnd = random.Random(seed)
    people = [f"{f} {l}" for f in FIRST for l in LAST]
    sentences = []
    for i in range(n // 10):
        names = rnd.sample(people, 8) + rnd.sample(KNOWN, 2)
        rnd.shuffle(names)
        sentences.append(f"List {i} included {', '.join(names[:-1])} and {names[-1]}.")
    return "Ten thousand names\n\n" + "\n".join(sentences) + "\n"
