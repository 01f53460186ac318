"""Score the extraction against the project's own gold files.

**kg gold** (``"format": "kg-gold/1"``, one JSON object; the project's own)::

    {
      "format": "kg-gold/1",
      "article": {"file": "2021-09-02-....txt", "published": "YYYY-MM-DD", "title": ..., "source": ...},
      "actors": [{"id": "local-id", "label": ..., "type": "Person|Country|Organization|ArmedGroup|Group",
                  "country": "ISO3", "sector": "GOV|MIL|REB|...", "partOf": "other-local-id",
                  "mentions": ["surface", "forms", ...], "must": true}],
      "places": [{"id": ..., "label": ..., "type": "City|Facility|...", "country": "ISO3", "mentions": [...]}],
      "relations": [{"id": ..., "source": "actor-id", "relation": "coordinatesWith", "target": "actor-id",
                     "modality": "asserted|negated|hypothetical|future|reported",
                     "attributed_to": "actor-id", "plover": ..., "evidence": "substring of the article",
                     "must": true}],
      "never_asserted": [{"source": ..., "relation": ..., "target": ..., "why": ...}],
      "events": [{"id": ..., "type": "Bombing|Airstrike|Meeting|...", "trigger": ..., "agent": [...],
                  "target": [...], "victims": [...], "participants": [...], "place": "place-id",
                  "date": "YYYY[-MM[-DD]]", "date_text": ..., "date_precision": "day|week|month|year"}],
      "absent": ["names that must not become actors (page furniture)"]
    }

The article is the file named by ``article.file``, looked up in ``--articles``
folders (default: ``seeds/`` of the current folder, and ``seeds/`` next to
the gold file and in its parent folder). Actors match when a predicted actor's
label, alias or one of its mentions in the article equals one of the gold
actor's mentions or its label (case-insensitively); an affiliate of an armed
group (``partOf`` between two ``ArmedGroup`` actors, e.g. ISIS-K and Islamic
State) also matches its parent and the other way round. Relations match on
(source, relation, target, modality), in either direction for symmetric
relations. Events match on type (one gold event per predicted event), dates
on the exact normalised value. ``must`` items that are missed, ``absent``
names that appear, and ``never_asserted`` relations written as asserted are
listed as failures.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Optional

from ..errors import EvalError
from ..extract.lexicon import Lexicon
from ..model import ActorType, Modality
from ..readers import read_articles
from .scoring import Report, Score, extract, fold, predicted_names


def _find_article(name: str, gold_path: Path, articles: Iterable[str]) -> Path:
    folders = [Path(a) for a in articles] + [Path.cwd() / "seeds", gold_path.parent / "seeds",
                                             gold_path.parent.parent / "seeds"]
    for folder in folders:
        candidate = folder / name if folder.is_dir() else folder
        if candidate.is_file() and candidate.name == name:
            return candidate
    raise EvalError(f"{gold_path}: article {name!r} not found in " + ", ".join(str(f) for f in folders))


def _gold_equivalents(gold_actors: dict[str, dict]) -> dict[str, set[str]]:
    """Gold ids that may stand for each other: an armed group's affiliate and its parent."""
    eq = {k: {k} for k in gold_actors}
    for k, a in gold_actors.items():
        parent = a.get("partOf")
        if (parent in gold_actors and a.get("type") == ActorType.ARMED_GROUP
                and gold_actors[parent].get("type") == ActorType.ARMED_GROUP):
            eq[k].add(parent)
            eq[parent].add(k)
    return eq


def evaluate(path: Path, *, articles: Iterable[str] = (), nlp=None, limit: Optional[int] = None,
             part: str = "all") -> Report:
    """Score the extraction of the article a kg-gold file annotates (``limit`` does not apply)."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    art_path = _find_article(gold["article"]["file"], path, articles)
    arts = list(read_articles([str(art_path)]))
    if not arts:
        raise EvalError(f"{art_path}: no article read")
    ex = extract(arts, nlp)[0]
    report = Report(gold=str(path), format="kg-gold")

    gold_actors = {a["id"]: a for a in gold.get("actors", ())}
    equivalent = _gold_equivalents(gold_actors)
    pred_names = predicted_names(ex)
    # gold id -> predicted keys that match it directly
    direct: dict[str, set[str]] = {}
    for gid, a in gold_actors.items():
        wanted = {fold(x) for x in (a.get("label", ""), *a.get("mentions", ()))}
        direct[gid] = {k for k, names in pred_names.items() if names & wanted}
    matches = {gid: set().union(*(direct[e] for e in equivalent[gid])) for gid in gold_actors}
    pred_to_gold: dict[str, set[str]] = {}
    for gid, keys in matches.items():
        for k in keys:
            pred_to_gold.setdefault(k, set()).add(gid)

    # actors
    s = Score()
    for gid, a in gold_actors.items():
        if matches[gid]:
            s.tp += 1
        else:
            s.fn += 1
            if a.get("must"):
                report.failures.append(f"must actor not found: {gid} ({a.get('label')})")
    s.fp = sum(1 for k in ex.actors if k not in pred_to_gold)
    report.parts["actors"] = s
    report.details["unmatched_predicted_actors"] = sorted(ex.actors[k].label for k in ex.actors if k not in pred_to_gold)
    # actor attributes: country and sector of matched actors
    attr = Score()
    for gid, a in gold_actors.items():
        for k in direct[gid]:
            p = ex.actors[k]
            ok = (not a.get("country") or a["country"] == p.country) and (not a.get("sector") or a["sector"] == p.sector)
            if ok:
                attr.tp += 1
            else:
                attr.fp += 1
                attr.fn += 1
            break
    report.parts["actor country+sector"] = attr

    # relations
    lex = Lexicon.load()

    def same(c, g: dict, with_modality: bool) -> bool:
        if c.relation != g["relation"]:
            return False
        if with_modality and c.modality != g["modality"]:
            return False
        s_ids, o_ids = pred_to_gold.get(c.source, set()), pred_to_gold.get(c.target, set())
        if g["source"] in s_ids and g["target"] in o_ids:
            return True
        rel = lex.relations.get(c.relation)
        return bool(rel and rel.symmetric and g["source"] in o_ids and g["target"] in s_ids)

    gold_rels = gold.get("relations", ())
    for part, with_mod in (("relations (with modality)", True), ("relations (ignoring modality)", False)):
        s = Score()
        for g in gold_rels:
            hit = any(same(c, g, with_mod) for c in ex.claims)
            if hit:
                s.tp += 1
            else:
                s.fn += 1
                if with_mod and g.get("must"):
                    near = [c.modality for c in ex.claims if same(c, g, False)]
                    report.failures.append(
                        f"must relation not found: {g['id']} {g['source']} {g['relation']} {g['target']} "
                        f"[{g['modality']}]" + (f" (found as {', '.join(sorted(set(near)))})" if near else ""))
        s.fp = sum(1 for c in ex.claims if not any(same(c, g, with_mod) for g in gold_rels))
        report.parts[part] = s
    for g in gold.get("never_asserted", ()):
        for c in ex.claims:
            if c.modality == Modality.ASSERTED and same(c, {**g, "modality": Modality.ASSERTED}, True):
                report.failures.append(f"never_asserted written as asserted: {g['source']} {g['relation']} "
                                       f"{g['target']}: {c.sentence[:90]!r}")
    # absent names
    written = {fold(a.label) for a in ex.actors.values()} | {fold(m.text) for m in ex.mentions}
    for name in gold.get("absent", ()):
        if fold(name) in written or any(fold(name) in w.split() for w in written if " " in w and len(name) > 3):
            report.failures.append(f"absent name appears: {name}")

    # events and dates
    gold_events = list(gold.get("events", ()))
    pred_events = list(ex.events)
    used: set[int] = set()
    ev, dates = Score(), Score()
    for g in gold_events:
        best = None
        for i, p in enumerate(pred_events):
            if i in used or p.type != g["type"]:
                continue
            if best is None or (g.get("trigger", "").lower() in p.trigger.lower() and p.date == g.get("date")):
                best = i
        if best is None:
            ev.fn += 1
            if g.get("date"):
                dates.fn += 1
            continue
        used.add(best)
        ev.tp += 1
        p = pred_events[best]
        if g.get("date"):
            if p.date == g["date"]:
                dates.tp += 1
            else:
                dates.fn += 1
                if p.date:
                    dates.fp += 1
        elif p.date:
            dates.fp += 1
    ev.fp = len(pred_events) - len(used)
    dates.fp += sum(1 for i, p in enumerate(pred_events) if i not in used and p.date)
    report.parts["events (type)"] = ev
    report.parts["event dates"] = dates
    return report
