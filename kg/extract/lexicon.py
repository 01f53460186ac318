"""Typed views of the data files that drive extraction.

>>> lex = Lexicon.load()
>>> lex.relations["opposes"].plover
'REJECT'
>>> [f.relation for f in lex.verb_frames["fight"]][:1]
['fightsAgainst']
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from ..datafiles import load_yaml
from ..errors import DataFileError


@dataclass(frozen=True)
class Frame:
    relation: str
    lemma: str
    kind: str  # "verb" or "noun"
    prep: Optional[str] = None
    complement: frozenset[str] = frozenset()
    confidence: float = 0.8
    xcomp: bool = False  # the object may be an argument of a complement verb ("threatened to ban X")
    clausal: bool = False  # the object may be the subject of a that-clause ("demanded that X leave")
    clause_aux: frozenset[str] = frozenset()  # ... only when that clause has one of these auxiliaries


@dataclass(frozen=True)
class RelationType:
    name: str
    label: str
    family: str
    plover: Optional[str] = None
    plover_mode: Optional[str] = None
    cameo: Optional[str] = None
    quad_class: Optional[int] = None
    intensity: Optional[float] = None
    symmetric: bool = False


@dataclass(frozen=True)
class EventType:
    name: str
    label: str
    triggers: tuple[str, ...]
    plover: Optional[str] = None
    plover_mode: Optional[str] = None
    cameo: Optional[str] = None
    quad_class: Optional[int] = None
    intensity: Optional[float] = None
    relation: Optional[str] = None
    participants_from_clause: bool = False
    verbs_only: bool = False  # triggers count only as verbs ("agreed", "signed"; not "a sign")
    against_own_government: bool = False  # with no target or place named, aimed at the agent's own country


@dataclass(frozen=True)
class ModalityCues:
    negation: frozenset[str]
    negating_verbs: frozenset[str]
    hedges: frozenset[str]
    hedge_phrases: tuple[str, ...]
    future_aux: frozenset[str]
    future_verbs: frozenset[str]
    reporting: frozenset[str]
    climb: frozenset[str]
    conditional_marks: frozenset[str]


@dataclass
class Lexicon:
    relations: dict[str, RelationType] = field(default_factory=dict)
    verb_frames: dict[str, list[Frame]] = field(default_factory=dict)
    noun_frames: dict[str, list[Frame]] = field(default_factory=dict)
    events: dict[str, EventType] = field(default_factory=dict)
    light_verbs: frozenset[str] = frozenset()
    agentive_verbs: frozenset[str] = frozenset()  # verbs whose subject is the agent of their object noun
    cues: Optional[ModalityCues] = None

    @classmethod
    def load(cls) -> "Lexicon":
        return _load_lexicon()


@lru_cache(maxsize=None)
def _load_lexicon() -> Lexicon:
    lex = Lexicon()
    for name, spec in (load_yaml("relations.yaml") or {}).items():
        try:
            lex.relations[name] = RelationType(
                name=name, label=spec.get("label", name), family=spec.get("family", "cooperation"),
                plover=spec.get("plover"), plover_mode=spec.get("plover_mode"), cameo=spec.get("cameo"),
                quad_class=spec.get("quad_class"), intensity=spec.get("intensity"),
                symmetric=bool(spec.get("symmetric", False)),
            )
            for f in spec.get("frames") or ():
                kind = "verb" if "verb" in f else "noun"
                prep = f.get("prep")
                if isinstance(prep, bool):  # YAML 1.1 reads a bare `on` / `off` as a boolean
                    prep = "on" if prep else "off"
                frame = Frame(
                    relation=name, lemma=str(f[kind]).lower(), kind=kind, prep=prep,
                    complement=frozenset(c.lower() for c in f.get("complement", ())),
                    confidence=float(f.get("confidence", 0.8 if kind == "verb" else 0.7)),
                    xcomp=bool(f.get("xcomp", False)), clausal=bool(f.get("clausal", False)),
                    clause_aux=frozenset(a.lower() for a in f.get("clause_aux", ())),
                )
                target = lex.verb_frames if kind == "verb" else lex.noun_frames
                target.setdefault(frame.lemma, []).append(frame)
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise DataFileError(f"ontology/relations.yaml: bad entry {name!r}: {exc}") from None
    raw_events = dict(load_yaml("events.yaml") or {})
    lex.light_verbs = frozenset(raw_events.pop("light_verbs", ()))
    for name, spec in raw_events.items():
        try:
            lex.events[name] = EventType(
                name=name, label=spec.get("label", name), triggers=tuple(spec["triggers"]),
                plover=spec.get("plover"), plover_mode=spec.get("plover_mode"), cameo=spec.get("cameo"),
                quad_class=spec.get("quad_class"), intensity=spec.get("intensity"), relation=spec.get("relation"),
                participants_from_clause=bool(spec.get("participants_from_clause", False)),
                verbs_only=bool(spec.get("verbs_only", False)),
                against_own_government=bool(spec.get("against_own_government", False)),
            )
        except (KeyError, TypeError) as exc:
            raise DataFileError(f"ontology/events.yaml: bad entry {name!r}: {exc}") from None
    m = load_yaml("modality.yaml") or {}
    lex.cues = ModalityCues(
        negation=frozenset(m["negation"]["words"]),
        negating_verbs=frozenset(m["negation"].get("verbs", ())),
        hedges=frozenset(w for w in m["hedges"]["words"] if " " not in w),
        hedge_phrases=tuple(m["hedges"].get("phrases", ())) + tuple(w for w in m["hedges"]["words"] if " " in w),
        future_aux=frozenset(m["future"]["auxiliaries"]),
        future_verbs=frozenset(m["future"]["verbs"]),
        reporting=frozenset(m["reporting"]["verbs"]),
        climb=frozenset(m.get("climb", ())),
        conditional_marks=frozenset(m.get("conditional_marks", ())),
    )
    lex.agentive_verbs = lex.light_verbs | lex.cues.future_verbs
    return lex
