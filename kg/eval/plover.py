"""Score the extraction against PLOVER gold-standard records.

**PLOVER gold-standard records** (a JSON list of records with ``id``,
``event``, ``text``, ``source`` and ``target`` lists of ``{"actorText",
"code", "sector"}``): each record's ``text`` is extracted with publication date
2000-01-01 and the set of (PLOVER type, source country, target country)
tuples is compared with the gold tuples (the cross product of the source and
target lists; a missing target is ``None``). The 2016 categories are mapped to
today's: DEMAND→REQUEST, DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE, FIGHT→ASSAULT.
The extractor's own countries are scored (a person or organisation the
gazetteer does not know takes the story's country:
``kg.extract.actors.place_unknown_people``).
CAMEO codes that differ from ISO are mapped (JAP→JPN, ITL→ITA, VTN→VNM);
actors without a country count as their sector when it stands for no country
(``IGO``, ``NGO``: ``transnational`` in ``ontology/sectors.yaml``) or as ``IMG``
(armed groups without a country), as CAMEO codes them. The PLOVER types are
those the extractor coded (:mod:`kg.extract.coding`). ``DOCUMENT`` records are
skipped.

>>> plover_type("disapprove")
'ACCUSE'
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Iterable, Optional

from ..extract.coding import counts_in_plover
from ..extract.lexicon import Lexicon
from ..gazetteer import Gazetteer
from ..model import Actor, ActorType, Article, Extraction
from .scoring import Report, Score, extract, select_part

#: 2016 PLOVER categories in the gold-standard records and what they are today.
PLOVER_2016 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
#: CAMEO country codes that are not ISO 3166 alpha-3.
CAMEO_COUNTRY = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
#: The CAMEO code of an armed group with no country (international militarised group).
ARMED_GROUP_CODE = "IMG"
#: The publication date given to PLOVER records (their own dates are placeholders).
PLOVER_DATE = date(2000, 1, 1)


def plover_type(t: Optional[str]) -> Optional[str]:
    if not t:
        return None
    t = t.upper()
    return PLOVER_2016.get(t, t)


def actor_code(actor: Optional[Actor], gazetteer: Gazetteer) -> Optional[str]:
    """The country code CAMEO/PLOVER would give an actor: its country, else its
    sector when that stands for no country (IGO, NGO), else IMG for an armed group.

    >>> gaz = Gazetteer.load()
    >>> actor_code(Actor("un", "United Nations", sector="IGO"), gaz), actor_code(Actor("x", "X", "ArmedGroup"), gaz)
    ('IGO', 'IMG')
    """
    if actor is None:
        return None
    if actor.country:
        return actor.country
    if gazetteer.transnational(actor.sector):
        return actor.sector
    if actor.type == ActorType.ARMED_GROUP:
        return ARMED_GROUP_CODE
    return None


def _gold_code(a: dict) -> Optional[str]:
    code = (a.get("code") or "").strip().upper()
    return CAMEO_COUNTRY.get(code, code) or None


def plover_gold_tuples(record: dict) -> set[tuple]:
    kind = plover_type(record.get("event"))
    sources = [_gold_code(a) for a in record.get("source") or () if isinstance(a, dict)] or [None]
    targets = [_gold_code(a) for a in record.get("target") or () if isinstance(a, dict)] or [None]
    return {(kind, s, t) for s in sources for t in targets}


def plover_predicted_tuples(ex: Extraction, lexicon: Lexicon, gazetteer: Gazetteer) -> set[tuple]:
    """Claims give (type, source, target); events with an agent and no other
    party ("Hungarian and Romanian officials agreed", :meth:`kg.model.Extraction.one_actor_events`)
    give (type, agent, the country where it happened or None). Both as the extractor coded them
    (:mod:`kg.extract.coding`): a negated or hedged statement counts only when
    it was coded as an intention or a refusal (AGREE, THREATEN, REJECT)."""
    out = set()
    for c in ex.claims:
        if counts_in_plover(c.modality, c.plover, c.recoded):
            sa, ta = ex.actors.get(c.source), ex.actors.get(c.target)
            out.add((plover_type(c.plover), actor_code(sa, gazetteer), actor_code(ta, gazetteer)))
    for e, a in ex.one_actor_events():
        if not counts_in_plover(e.modality, e.plover, e.recoded):
            continue
        # with no party named, PLOVER codes the country where it happened as the target;
        # some events with no place named (protests) are aimed at the agent's own government
        code = actor_code(ex.actors.get(a), gazetteer)
        target = e.place_country or (code if lexicon.events[e.type].against_own_government else None)
        out.add((plover_type(e.plover), code, target))
    return out


def evaluate(path: Path, *, articles: Iterable[str] = (), nlp=None, limit: Optional[int] = None,
             part: str = "all") -> Report:
    """Score the extraction of the records of ``part`` (see :func:`~kg.eval.scoring.select_part`: by
    position in the file), the first ``limit`` of them (``articles`` does not apply)."""
    records = select_part([r for r in json.loads(path.read_text(encoding="utf-8"))
                           if isinstance(r, dict) and r.get("text") and r.get("event") != "DOCUMENT"], part)
    if limit:
        records = records[:limit]
    arts = [Article(id=str(r.get("id")), text=r["text"], published=PLOVER_DATE, doc_id=str(r.get("id")))
            for r in records]
    exs = extract(arts, nlp)
    lexicon, gazetteer = Lexicon.load(), Gazetteer.load()
    report = Report(gold=str(path), format="plover", part=part)
    full, typed, pair = Score(), Score(), Score()
    per_type: dict[str, Score] = {}
    rows = []
    for r, ex in zip(records, exs):
        gold, pred = plover_gold_tuples(r), plover_predicted_tuples(ex, lexicon, gazetteer)
        s = Score(tp=len(gold & pred), fp=len(pred - gold), fn=len(gold - pred))
        full.add(s)
        per_type.setdefault(plover_type(r["event"]), Score()).add(s)
        g_types, p_types = {g[0] for g in gold}, {p[0] for p in pred}
        typed.add(Score(tp=len(g_types & p_types), fp=len(p_types - g_types), fn=len(g_types - p_types)))
        g_pairs, p_pairs = {g[1:] for g in gold}, {p[1:] for p in pred}
        pair.add(Score(tp=len(g_pairs & p_pairs), fp=len(p_pairs - g_pairs), fn=len(g_pairs - p_pairs)))
        rows.append({"id": r.get("id"), "gold": sorted(map(list, gold), key=str),
                     "predicted": sorted(map(list, pred), key=str), "tp": s.tp})
    report.parts["(type, source, target)"] = full
    report.parts["event type only"] = typed
    report.parts["(source, target) only"] = pair
    for t in sorted(per_type):
        report.parts[f"  {t}"] = per_type[t]
    report.details["records"] = rows
    return report
