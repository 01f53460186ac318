"""Score the extraction against gold annotations: ``kg eval GOLD...``.

Three gold formats are read, one module each, recognised from their content
(:func:`detect_format`):

- **kg gold** (:mod:`kg.eval.kg_gold`): the project's own, one JSON object
  with ``"format": "kg-gold/1"`` annotating one article: actors, relations
  with modality, events with dates, and ``must``/``absent``/``never_asserted``
  checks;
- **PLOVER gold-standard records** (:mod:`kg.eval.plover`): a JSON list of
  coded sentences, scored as (PLOVER type, source country, target country);
- **WikiEvents** (:mod:`kg.eval.wikievents`): JSON Lines documents with
  event and entity mentions, scored as (attacker, target) pairs.

Each format module has ``evaluate(path, *, articles, nlp, limit) -> Report``;
:mod:`kg.eval.scoring` holds what they share (:class:`Score`,
:class:`Report`, the extraction they score). A gold file kg cannot use
raises :class:`~kg.errors.EvalError`.

>>> Score(tp=3, fp=1, fn=2).f1
0.667
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Optional

from ..errors import EvalError
from . import kg_gold, plover, wikievents
from .scoring import PARTS, Report, Score

__all__ = ["FORMATS", "PARTS", "Report", "Score", "detect_format", "evaluate"]

#: Gold format name -> the module that scores it.
FORMATS = {"kg-gold": kg_gold, "plover": plover, "wikievents": wikievents}


def detect_format(path: Path) -> str:
    """``kg-gold``, ``plover`` or ``wikievents``, from the file's first characters."""
    try:
        with open(path, encoding="utf-8") as fh:
            head = fh.read(4096)
            fh.seek(0)
            first_line = fh.readline()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"{path}: cannot read: {exc}") from None
    stripped = head.lstrip()
    if stripped.startswith("["):
        return "plover"
    if stripped.startswith("{"):
        try:
            obj = json.loads(first_line)
        except ValueError:
            obj = None
        if isinstance(obj, dict) and "doc_id" in obj and "event_mentions" in obj:
            return "wikievents"
        if '"kg-gold/' in head or '"actors"' in head:
            return "kg-gold"
    raise EvalError(f"{path}: not a gold file kg knows (kg-gold JSON, PLOVER records JSON, WikiEvents JSON Lines)")


def evaluate(path, *, articles: Iterable[str] = (), nlp=None, limit: Optional[int] = None,
             part: str = "all") -> Report:
    """Score the extraction against one gold file; ``part`` picks the tuning or the held-out
    half of a file of many records (:func:`~kg.eval.scoring.select_part`; one article has no parts)."""
    path = Path(path)
    return FORMATS[detect_format(path)].evaluate(path, articles=articles, nlp=nlp, limit=limit, part=part)
