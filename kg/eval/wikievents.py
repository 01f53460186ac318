"""Score the extraction against WikiEvents documents.

**WikiEvents** (JSON Lines, one document per line with ``doc_id``, ``text``,
``event_mentions`` and ``entity_mentions``; an optional ``*-coref.jsonlines``
next to it with coreference clusters): the attack and killing events
(``Conflict.Attack.*``, ``Life.Die.*``) give (attacker head, target head)
pairs (roles Attacker/Killer and Target/Victim). Predicted pairs come from
violent events (attack, bombing, airstrike and killing: event types whose
relation is ``violent`` in ``ontology/relations.yaml``; their actors, and the
heads of argument phrases that name no actor: "gunmen", "soldiers") and from
claims of violent relations (attacks, fights against). A
predicted head matches a gold argument when it equals the head word of the
argument or of any mention coreferent with it, or when both resolve to the
same gazetteer actor. Argument-level scores (attacker heads, target heads)
are reported too.

>>> _head("the Taliban's fighters"), _head("12 Iraqi Soldiers")
('fighters', 'soldiers')
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterable, Optional

from ..extract.lexicon import Lexicon
from ..gazetteer import Gazetteer
from ..model import Article
from .scoring import Report, Score, extract, predicted_names, select_part


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


def document_text(doc: dict) -> str:
    r"""A document's text rebuilt from its tokens' character offsets.

    WikiEvents v1.0's ``text`` field lost the whitespace between sentences
    ("in SyriaThe desert"); the offsets keep it. A gap between sentences is a
    line break after a sentence with no final punctuation (a headline), else a space.

    >>> document_text({"sentences": [[[["Blast", 0, 5], ["kills", 6, 11]], ""], [[["Two", 12, 15], [".", 15, 16]], ""]]})
    'Blast kills\nTwo.'
    """
    tokens = [tok for sentence in doc.get("sentences") or () for tok in sentence[0]]
    if not tokens:
        return doc.get("text", "")
    chars = [" "] * max(end for _, _, end in tokens)
    for text, start, end in tokens:
        chars[start:end] = text[:end - start].ljust(end - start)
    for sentence in (doc.get("sentences") or ())[:-1]:
        last_text, _, last_end = sentence[0][-1]
        if last_end < len(chars) and not last_text.endswith((".", "!", "?", '"', "”", "’", "'")):
            chars[last_end] = "\n"
    return "".join(chars)


def evaluate(path: Path, *, articles: Iterable[str] = (), nlp=None, limit: Optional[int] = None,
             part: str = "all") -> Report:
    """Score the extraction of the documents of ``part`` (see :func:`~kg.eval.scoring.select_part`:
    by position in the order of their ids), the first ``limit`` of them (``articles`` does not apply).
    Each text is rebuilt from its tokens (:func:`document_text`)."""
    gaz = Gazetteer.load()
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = select_part(sorted(docs, key=lambda d: str(d["doc_id"])), part)
    if limit:
        docs = docs[:limit]
    coref = _load_coref(path)
    arts = [Article(id=str(d["doc_id"]), text=document_text(d), doc_id=str(d["doc_id"])) for d in docs]
    exs = extract(arts, nlp)
    lexicon = Lexicon.load()
    violent_events, violent_relations = lexicon.violent_events(), lexicon.violent_relations()
    report = Report(gold=str(path), format="wikievents", part=part)
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
        names = predicted_names(ex)

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
