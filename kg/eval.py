"""Score the extraction against gold annotations: ``kg eval GOLD...``.

Three gold formats are read, recognised from their content:

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
actors without a country count as ``IGO`` (international organisations),
``NGO`` or ``IMG`` (armed groups without a country), as CAMEO codes them.
``DOCUMENT`` records are skipped.

**WikiEvents** (JSON Lines, one document per line with ``doc_id``, ``text``,
``event_mentions`` and ``entity_mentions``; an optional ``*-coref.jsonlines``
next to it with coreference clusters): the attack and killing events
(``Conflict.Attack.*``, ``Life.Die.*``) give (attacker head, target head)
pairs (roles Attacker/Killer and Target/Victim). Predicted pairs come from
attack, bombing, airstrike and killing events (their actors, and the heads of
argument phrases that name no actor: "gunmen", "soldiers") and from attack claims. A
predicted head matches a gold argument when it equals the head word of the
argument or of any mention coreferent with it, or when both resolve to the
same gazetteer actor. Argument-level scores (attacker heads, target heads)
are reported too.

>>> Score(tp=3, fp=1, fn=2).f1
0.667
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Optional

#: 2016 PLOVER categories in the gold-standard records and what they are today.
PLOVER_2016 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
#: CAMEO country codes that are not ISO 3166 alpha-3.
CAMEO_COUNTRY = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
#: The publication date given to PLOVER records (their own dates are placeholders).
PLOVER_DATE = date(2000, 1, 1)



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
    parts: dict[str, Score] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    details: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"gold": self.gold, "format": self.format,
                "parts": {k: v.as_dict() for k, v in self.parts.items()},
                "failures": self.failures, "details": self.details}

    def table(self) -> str:
        lines = [f"{self.gold} ({self.format})",
                 f"  {'part':<28} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
        for name, s in self.parts.items():
            lines.append(f"  {name:<28} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} {s.tp:>5} {s.fp:>5} {s.fn:>5}")
        if self.failures:
            lines.append(f"  failures ({len(self.failures)}):")
            lines.extend(f"    - {f}" for f in self.failures)
        return "\n".join(lines)


# ---------------------------------------------------------------------------
# format detection
# ---------------------------------------------------------------------------

def detect_format(path: Path) -> str:
    """``kg-gold``, ``plover`` or ``wikievents``."""
    with open(path, encoding="utf-8") as fh:
        head = fh.read(4096)
    stripped = head.lstrip()
    if stripped.startswith("["):
        return "plover"
    if stripped.startswith("{"):
        with open(path, encoding="utf-8") as fh:
            first_line = fh.readline()
        try:
            obj = json.loads(first_line)
        except ValueError:
            obj = None
        if isinstance(obj, dict) and "doc_id" in obj and "event_mentions" in obj:
            return "wikievents"
        if '"kg-gold/' in head or '"actors"' in head:
            return "kg-gold"
    raise ValueError(f"{path}: not a gold file kg knows (kg-gold JSON, PLOVER records JSON, WikiEvents JSON Lines)")


def evaluate(path, *, articles: Iterable[str] = (), nlp=None, limit: Optional[int] = None) -> Report:
    """Score the extraction against one gold file."""
    path = Path(path)
    fmt = detect_format(path)
    if fmt == "kg-gold":
        return eval_kg_gold(path, articles=articles, nlp=nlp)
    if fmt == "plover":
        return eval_plover(path, nlp=nlp, limit=limit)
    return eval_wikievents(path, nlp=nlp, limit=limit)


def _extract(articles, nlp=None):
    from .extract import extract_articles

    return list(extract_articles(articles, nlp))


def _fold(s: str) -> str:
    s = s.replace("’", "'").replace("‘", "'")
    s = re.sub(r"^(?:the|a|an)\s+", "", " ".join(s.split()), flags=re.I)
    return s.casefold()


# ---------------------------------------------------------------------------
# kg gold
# ---------------------------------------------------------------------------

def _find_article(name: str, gold_path: Path, articles: Iterable[str]) -> Path:
    folders = [Path(a) for a in articles] + [Path.cwd() / "seeds", gold_path.parent / "seeds",
                                             gold_path.parent.parent / "seeds"]
    for folder in folders:
        candidate = folder / name if folder.is_dir() else folder
        if candidate.is_file() and candidate.name == name:
            return candidate
    raise FileNotFoundError(f"{gold_path}: article {name!r} not found in " + ", ".join(str(f) for f in folders))


def _predicted_names(ex) -> dict[str, set[str]]:
    """Every name a predicted actor goes by in this article (folded)."""
    names: dict[str, set[str]] = {k: {_fold(a.label), *(_fold(x) for x in a.aliases)} for k, a in ex.actors.items()}
    for m in ex.mentions:
        if m.how != "pronoun" and m.actor in names:
            names[m.actor].add(_fold(m.text))
    return names


def _gold_equivalents(gold_actors: dict[str, dict]) -> dict[str, set[str]]:
    """Gold ids that may stand for each other: an armed group's affiliate and its parent."""
    eq = {k: {k} for k in gold_actors}
    for k, a in gold_actors.items():
        parent = a.get("partOf")
        if parent in gold_actors and a.get("type") == "ArmedGroup" and gold_actors[parent].get("type") == "ArmedGroup":
            eq[k].add(parent)
            eq[parent].add(k)
    return eq


def eval_kg_gold(path: Path, *, articles: Iterable[str] = (), nlp=None) -> Report:
    from .read import read_articles

    gold = json.loads(path.read_text(encoding="utf-8"))
    art_path = _find_article(gold["article"]["file"], path, articles)
    arts = list(read_articles([str(art_path)]))
    if not arts:
        raise ValueError(f"{art_path}: no article read")
    ex = _extract(arts, nlp)[0]
    report = Report(gold=str(path), format="kg-gold")

    gold_actors = {a["id"]: a for a in gold.get("actors", ())}
    equivalent = _gold_equivalents(gold_actors)
    pred_names = _predicted_names(ex)
    # gold id -> predicted keys that match it directly
    direct: dict[str, set[str]] = {}
    for gid, a in gold_actors.items():
        wanted = {_fold(x) for x in (a.get("label", ""), *a.get("mentions", ()))}
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
    from .extract.lexicon import Lexicon

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
            if c.modality == "asserted" and same(c, {**g, "modality": "asserted"}, True):
                report.failures.append(f"never_asserted written as asserted: {g['source']} {g['relation']} "
                                       f"{g['target']}: {c.sentence[:90]!r}")
    # absent names
    written = {_fold(a.label) for a in ex.actors.values()} | {_fold(m.text) for m in ex.mentions}
    for name in gold.get("absent", ()):
        if _fold(name) in written or any(_fold(name) in w.split() for w in written if " " in w and len(name) > 3):
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


# ---------------------------------------------------------------------------
# PLOVER gold-standard records
# ---------------------------------------------------------------------------

def plover_type(t: Optional[str]) -> Optional[str]:
    if not t:
        return None
    t = t.upper()
    return PLOVER_2016.get(t, t)


def actor_code(actor) -> Optional[str]:
    """The country code CAMEO/PLOVER would give an actor: its country, else IGO/NGO/IMG."""
    if actor is None:
        return None
    if actor.country:
        return actor.country
    if actor.sector in ("IGO", "NGO"):
        return actor.sector
    if actor.type == "ArmedGroup":
        return "IMG"
    return None


def _gold_code(a: dict) -> Optional[str]:
    code = (a.get("code") or "").strip().upper()
    return CAMEO_COUNTRY.get(code, code) or None


def plover_gold_tuples(record: dict) -> set[tuple]:
    kind = plover_type(record.get("event"))
    sources = [_gold_code(a) for a in record.get("source") or () if isinstance(a, dict)] or [None]
    targets = [_gold_code(a) for a in record.get("target") or () if isinstance(a, dict)] or [None]
    return {(kind, s, t) for s in sources for t in targets}


def plover_predicted_tuples(ex) -> set[tuple]:
    """Claims give (type, source, target); events with an agent and no other
    party ("Hungarian and Romanian officials agreed") give (type, agent, the
    country where it happened or None). Both as the extractor coded them
    (kg.extract.coding): a negated or hedged statement counts only when it was
    coded as an intention or a refusal (AGREE, THREATEN, REJECT)."""
    from .extract.coding import counts_in_plover
    from .extract.lexicon import Lexicon

    lex = Lexicon.load()
    out = set()
    for c in ex.claims:
        if counts_in_plover(c.modality, c.plover, c.recoded):
            sa, ta = ex.actors.get(c.source), ex.actors.get(c.target)
            out.add((plover_type(c.plover), actor_code(sa), actor_code(ta)))
    for e in ex.events:
        et = lex.events.get(e.type)
        if e.targets or e.participants or not counts_in_plover(e.modality, e.plover, e.recoded):
            continue
        kind = e.plover
        for a in e.agents:
            # with no party named, PLOVER codes the country where it happened as the target;
            # some events with no place named (protests) are aimed at the agent's own government
            code = actor_code(ex.actors.get(a))
            target = e.place_country or (code if et.against_own_government else None)
            out.add((plover_type(kind), code, target))
    return out


def eval_plover(path: Path, *, nlp=None, limit: Optional[int] = None) -> Report:
    from .model import Article

    records = [r for r in json.loads(path.read_text(encoding="utf-8"))
               if isinstance(r, dict) and r.get("text") and r.get("event") != "DOCUMENT"]
    if limit:
        records = records[:limit]
    arts = [Article(id=str(r.get("id")), text=r["text"], published=PLOVER_DATE, doc_id=str(r.get("id")))
            for r in records]
    exs = _extract(arts, nlp)
    report = Report(gold=str(path), format="plover")
    full, typed, pair = Score(), Score(), Score()
    per_type: dict[str, Score] = {}
    rows = []
    for r, ex in zip(records, exs):
        gold, pred = plover_gold_tuples(r), plover_predicted_tuples(ex)
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


# ---------------------------------------------------------------------------
# WikiEvents
# ---------------------------------------------------------------------------

def _head(text: str) -> str:
    words = re.findall(r"[\w'-]+", text.replace("’", "'"))
    words = [w for w in words if w.lower() not in ("'s", "s")]
    return words[-1].casefold() if words else ""


def _load_coref(path: Path) -> dict[str, dict[str, int]]:
    """doc id -> entity mention id -> cluster number."""
    candidates = [path.with_name(path.stem + "-coref.jsonlines"), path.with_suffix(".coref.jsonlines")]
    out: dict[str, dict[str, int]] = {}
    for c in candidates:
        if c.is_file():
            for line in c.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                obj = json.loads(line)
                clusters = {}
                for n, cluster in enumerate(obj.get("clusters", ())):
                    for mid in cluster:
                        clusters[mid] = n
                out[obj.get("doc_key")] = clusters
            break
    return out


def eval_wikievents(path: Path, *, nlp=None, limit: Optional[int] = None) -> Report:
    from .gazetteer import Gazetteer
    from .model import Article

    from .extract.lexicon import Lexicon

    gaz = Gazetteer.load()
    lex = Lexicon.load()
    violent_events, violent_relations = lex.violent_events(), lex.violent_relations()
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit:
        docs = docs[:limit]
    coref = _load_coref(path)
    arts = [Article(id=str(d["doc_id"]), text=d["text"], doc_id=str(d["doc_id"])) for d in docs]
    exs = _extract(arts, nlp)
    report = Report(gold=str(path), format="wikievents")
    pairs, attackers, targets = Score(), Score(), Score()
    rows = []
    for d, ex in zip(docs, exs):
        ents = {e["id"]: e for e in d.get("entity_mentions", ())}
        clusters = coref.get(d["doc_id"], {})
        by_cluster: dict[int, list[str]] = {}
        for mid, n in clusters.items():
            by_cluster.setdefault(n, []).append(mid)

        def heads_of(entity_id: str, text: str) -> frozenset:
            ids = [entity_id]
            if entity_id in clusters:
                ids = by_cluster[clusters[entity_id]]
            texts = [ents[i]["text"] for i in ids if i in ents] or [text]
            hs = {_head(t) for t in texts} | {_head(text)}
            ids_g = {gaz.lookup(t) for t in texts + [text]} - {None}
            return frozenset(hs | {f"gaz:{g}" for g in ids_g}) - {""}

        gold_pairs, gold_att, gold_tgt = [], [], []
        for ev in d.get("event_mentions", ()):
            if not ev["event_type"].startswith(("Conflict.Attack", "Life.Die")):
                continue
            att = [heads_of(a["entity_id"], a["text"]) for a in ev["arguments"] if a["role"] in ("Attacker", "Killer")]
            tgt = [heads_of(a["entity_id"], a["text"]) for a in ev["arguments"] if a["role"] in ("Target", "Victim")]
            gold_att += att
            gold_tgt += tgt
            gold_pairs += [(a, t) for a in att for t in tgt]
        names = _predicted_names(ex)

        def pred_heads(key: str) -> frozenset:
            if key.startswith("text:"):
                return frozenset({_head(key[5:])} - {""})
            hs = {_head(n) for n in names.get(key, ())}
            if key in gaz.entries:
                hs.add(f"gaz:{key}")
            return frozenset(hs - {""})

        pred_pairs = set()
        pred_att, pred_tgt = set(), set()
        for e in ex.events:
            if e.type in violent_events:
                ev_agents = list(e.agents) + [f"text:{x}" for x in e.agent_texts]
                ev_targets = list(e.targets) + [f"text:{x}" for x in e.target_texts]
                pred_pairs |= {(a, t) for a in ev_agents for t in ev_targets}
                pred_att |= set(ev_agents)
                pred_tgt |= set(ev_targets)
        for c in ex.claims:
            if c.relation in violent_relations:
                pred_pairs.add((c.source, c.target))
                pred_att.add(c.source)
                pred_tgt.add(c.target)

        def match(gold_items, pred_items, ok) -> Score:
            gold_items = list(dict.fromkeys(gold_items))  # the same argument twice counts once
            left = list(pred_items)
            s = Score()
            for g in gold_items:
                hit = next((p for p in left if ok(g, p)), None)
                if hit is None:
                    s.fn += 1
                else:
                    s.tp += 1
                    left.remove(hit)
            s.fp = len(left)
            return s

        ps = match(gold_pairs, sorted(pred_pairs),
                   lambda g, p: bool(g[0] & pred_heads(p[0])) and bool(g[1] & pred_heads(p[1])))
        pairs.add(ps)
        attackers.add(match(gold_att, sorted(pred_att), lambda g, p: bool(g & pred_heads(p))))
        targets.add(match(gold_tgt, sorted(pred_tgt), lambda g, p: bool(g & pred_heads(p))))
        rows.append({"doc_id": d["doc_id"], "gold_pairs": len(set(gold_pairs)),
                     "predicted_pairs": [[ex.actors[a].label if a in ex.actors else a,
                                          ex.actors[t].label if t in ex.actors else t] for a, t in sorted(pred_pairs)],
                     "tp": ps.tp})
    report.parts["(attacker, target) pairs"] = pairs
    report.parts["attacker heads"] = attackers
    report.parts["target heads"] = targets
    report.details["documents"] = rows
    return report
