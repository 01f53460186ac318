"""What every gold format shares: scores, reports, and the extraction they score.

>>> s = Score(tp=3, fp=1, fn=2)
>>> s.precision, s.recall, s.f1
(0.75, 0.6, 0.667)
>>> fold("The  Taliban’s"), fold("an  Army")
("taliban's", 'army')
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence, TypeVar

from ..errors import EvalError
from ..extract import extract_articles
from ..model import Article, Extraction

T = TypeVar("T")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return round(self.tp / (self.tp + self.fp), 3) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return round(self.tp / (self.tp + self.fn), 3) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return round(2 * p * r / (p + r), 3) if p + r else 0.0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Report:
    """Scores of one gold file: named parts, failures (for ``must`` checks) and details."""

    gold: str
    format: str
    part: str = "all"  # which part of the records was scored (:data:`PARTS`)
    parts: dict[str, Score] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    details: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"gold": self.gold, "format": self.format, "part": self.part,
                "parts": {k: v.as_dict() for k, v in self.parts.items()},
                "failures": self.failures, "details": self.details}

    def table(self) -> str:
        where = "" if self.part == "all" else f", {self.part} part"
        lines = [f"{self.gold} ({self.format}{where})",
                 f"  {'part':<28} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
        for name, s in self.parts.items():
            lines.append(f"  {name:<28} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} {s.tp:>5} {s.fp:>5} {s.fn:>5}")
        if self.failures:
            lines.append(f"  failures ({len(self.failures)}):")
            lines.extend(f"    - {f}" for f in self.failures)
        return "\n".join(lines)


#: The parts of the development data. Rules are tuned on ``tune`` and reported on
#: ``held-out`` too, which no rule was written for; ``all`` is both.
PARTS = ("all", "tune", "held-out")


def select_part(items: Sequence[T], part: str = "all") -> list[T]:
    """The items of one part: ``tune`` the even positions (0, 2, ...), ``held-out``
    the odd ones, ``all`` every item. Neighbouring records (of one event type)
    fall into both parts, so each part covers every type.

    >>> select_part("abcde", "tune"), select_part("abcde", "held-out")
    (['a', 'c', 'e'], ['b', 'd'])
    """
    if part not in PARTS:
        raise EvalError(f"unknown part {part!r}; choose one of {', '.join(PARTS)}")
    if part == "all":
        return list(items)
    return list(items[0 if part == "tune" else 1::2])


def extract(articles: Iterable[Article], nlp=None) -> list[Extraction]:
    """The extractions of the articles, in order."""
    return list(extract_articles(articles, nlp))


def fold(s: str) -> str:
    """A name as compared: straight quotes, single spaces, no leading article, case folded."""
    s = s.replace("’", "'").replace("‘", "'")
    s = re.sub(r"^(?:the|a|an)\s+", "", " ".join(s.split()), flags=re.I)
    return s.casefold()


def predicted_names(ex: Extraction) -> dict[str, set[str]]:
    """Every name a predicted actor goes by in this article (folded)."""
    names: dict[str, set[str]] = {k: {fold(a.label), *(fold(x) for x in a.aliases)} for k, a in ex.actors.items()}
    for m in ex.mentions:
        if m.how != "pronoun" and m.actor in names:
            names[m.actor].add(fold(m.text))
    return names
