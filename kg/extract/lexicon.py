"""Typed views of the data files that drive extraction.

:meth:`Lexicon.load` reads ``relations.yaml``, ``events.yaml``,
``modality.yaml``, ``coding.yaml`` and ``words.yaml`` (kg's, or those of
``$KG_ONTOLOGY``) when first asked, and again after one of them has changed;
the extractors take every word list from the lexicon they are given, so no
file is read while a document is processed.

>>> lex = Lexicon.load()
>>> lex.relations["opposes"].plover
'REJECT'
>>> [f.relation for f in lex.verb_frames["fight"]][:1]
['fightsAgainst']
>>> sorted(lex.pronouns["they"]), lex.number_words["dozen"]
(['ArmedGroup', 'Group', 'Organization'], 12)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..datafiles import data_path, load_yaml, rebuilt_on_change, word_set
from ..errors import DataFileError
from ..model import ActorType
from ..petrarch import CROSSWALK_FILE, VERB_FILES
from .imported import ImportedVerbs, compile_imported

#: The data files a lexicon is built from: kg's curated files, and the imported verb lexicon under them.
FILES = ("relations.yaml", "events.yaml", "modality.yaml", "coding.yaml", "words.yaml", "imported.yaml",
         CROSSWALK_FILE, *VERB_FILES)


#: Base confidence of a noun frame derived from a verb frame ("the expulsion of X by Y").
NOMINAL_CONFIDENCE = 0.65


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

    @property
    def conditional(self) -> bool:
        """Whether the frame holds only with a condition on its object ("called X ruthless",
        "said X must"): without an object, its word states nothing."""
        return bool(self.complement or self.clause_aux)


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
    violent: bool = False  # the subject uses armed force against the object
    event: Optional[str] = None  # event type of a statement naming the subject but no object


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
    verb_needs_subject: bool = False  # as a verb, only with a subject of its own ("they met")
    relation_to_participants: bool = False  # the agents have the relation to the participants too
    against_own_government: bool = False  # with no target or place named, aimed at the agent's own country
    violent: bool = False  # its relation is violent: victims, passive subjects as targets


@dataclass(frozen=True)
class ModalityCues:
    negation: frozenset[str]
    negating_verbs: frozenset[str]
    negation_softeners: frozenset[str]  # "not necessarily" hedges
    hedges: frozenset[str]
    hedge_phrases: tuple[str, ...]
    reported_future: frozenset[str]  # "said they would": the future of the past
    future_aux: frozenset[str]
    future_verbs: frozenset[str]
    reporting: frozenset[str]
    climb: frozenset[str]
    conditional_marks: frozenset[str]


@dataclass(frozen=True)
class Codes:
    """CAMEO root, QuadClass and intensity of a PLOVER type statements are recoded to."""

    cameo: Optional[str]
    quad_class: Optional[int]
    intensity: Optional[float]


@dataclass(frozen=True)
class CodingRules:
    """How PLOVER codes refusals, offers, threats and shows of force, in claims and
    events alike (``coding.yaml``); a rule left out (None, no cues) does not apply."""

    codes: dict[str, Codes]  # PLOVER type -> its codes, for every type below
    refusal: Optional[str] = None
    offer: Optional[str] = None
    threat: Optional[str] = None
    posture: Optional[str] = None
    intent_cues: frozenset[str] = frozenset()
    posture_cues: frozenset[str] = frozenset()
    threat_marks: frozenset[str] = frozenset()


@dataclass
class Lexicon:
    relations: dict[str, RelationType] = field(default_factory=dict)
    verb_frames: dict[str, list[Frame]] = field(default_factory=dict)
    noun_frames: dict[str, list[Frame]] = field(default_factory=dict)
    events: dict[str, EventType] = field(default_factory=dict)
    light_verbs: frozenset[str] = frozenset()
    agentive_verbs: frozenset[str] = frozenset()  # verbs whose subject is the agent of their object noun
    cues: Optional[ModalityCues] = None
    coding: Optional[CodingRules] = None  # how intentions and refusals are coded, in claims and events
    imported: ImportedVerbs = field(default_factory=ImportedVerbs)  # the PETRARCH-2 verb patterns, compiled
    # word lists of words.yaml
    person_titles: re.Pattern = re.compile("(?!)")  # titles before a name ("Gen.", "former Defense Secretary")
    group_nouns: frozenset[str] = frozenset()
    anaphoric_group_nouns: frozenset[str] = frozenset()
    pronouns: dict[str, frozenset[str]] = field(default_factory=dict)  # pronoun -> ActorTypes it may stand for
    possessive_pronouns: frozenset[str] = frozenset()
    expletive_pronouns: frozenset[str] = frozenset()
    impersonal_adjectives: frozenset[str] = frozenset()
    harm_verbs: frozenset[str] = frozenset()
    unaccusative_verbs: frozenset[str] = frozenset()  # "it exploded": its subject did nothing
    object_control_verbs: frozenset[str] = frozenset()  # "urged Iran to stop": Iran stops
    number_words: dict[str, int] = field(default_factory=dict)
    quantity_nouns: frozenset[str] = frozenset()
    instrument_nouns: frozenset[str] = frozenset()
    abroad_nouns: frozenset[str] = frozenset()  # sector nouns that never default to the story's country
    owner_participles: frozenset[str] = frozenset()  # "Saudi-led coalition": the coalition is Saudi Arabia's
    place_prepositions: frozenset[str] = frozenset()  # "in", "near": a place after them is where things happen
    time_bound_prepositions: frozenset[str] = frozenset()  # "set for May 1": a deadline, not when it happened

    @classmethod
    def load(cls) -> "Lexicon":
        """The lexicon of the current data files (built again when one of them changes)."""
        return _load_lexicon()

    def violent_relations(self) -> frozenset[str]:
        return frozenset(name for name, rel in self.relations.items() if rel.violent)

    def violent_events(self) -> frozenset[str]:
        return frozenset(name for name, et in self.events.items() if et.violent)


@rebuilt_on_change(*FILES)
def _load_lexicon() -> Lexicon:
    lex = Lexicon()
    _load_relations(lex)
    _load_events(lex)
    for rel in lex.relations.values():
        if rel.event is not None and rel.event not in lex.events:
            raise DataFileError(f"{data_path('relations.yaml')}: {rel.name}: no event type {rel.event!r} in events.yaml")
    lex.cues = _modality_cues()
    lex.coding = _coding_rules()
    lex.imported = compile_imported(load_yaml("imported.yaml") or {}, lex.relations)
    lex.agentive_verbs = lex.light_verbs | lex.cues.future_verbs
    _load_words(lex)
    return lex


def _load_relations(lex: Lexicon) -> None:
    for name, spec in (load_yaml("relations.yaml") or {}).items():
        try:
            lex.relations[name] = RelationType(
                name=name, label=spec.get("label", name), family=spec.get("family", "cooperation"),
                plover=spec.get("plover"), plover_mode=spec.get("plover_mode"), cameo=spec.get("cameo"),
                quad_class=spec.get("quad_class"), intensity=spec.get("intensity"),
                symmetric=bool(spec.get("symmetric", False)), violent=bool(spec.get("violent", False)),
                event=spec.get("event"),
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
            raise DataFileError(f"{data_path('relations.yaml')}: bad entry {name!r}: {exc}") from None


def _load_events(lex: Lexicon) -> None:
    raw_events = dict(load_yaml("events.yaml") or {})
    lex.light_verbs = frozenset(raw_events.pop("light_verbs", ()))
    for name, spec in raw_events.items():
        try:
            relation = spec.get("relation")
            if relation is not None and relation not in lex.relations:
                raise ValueError(f"no relation {relation!r} in relations.yaml")
            lex.events[name] = EventType(
                name=name, label=spec.get("label", name), triggers=tuple(spec["triggers"]),
                plover=spec.get("plover"), plover_mode=spec.get("plover_mode"), cameo=spec.get("cameo"),
                quad_class=spec.get("quad_class"), intensity=spec.get("intensity"), relation=relation,
                participants_from_clause=bool(spec.get("participants_from_clause", False)),
                verbs_only=bool(spec.get("verbs_only", False)),
                verb_needs_subject=bool(spec.get("verb_needs_subject", False)),
                relation_to_participants=bool(spec.get("relation_to_participants", False)),
                against_own_government=bool(spec.get("against_own_government", False)),
                violent=relation is not None and lex.relations[relation].violent,
            )
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise DataFileError(f"{data_path('events.yaml')}: bad entry {name!r}: {exc}") from None


def _modality_cues() -> ModalityCues:
    m = load_yaml("modality.yaml") or {}
    try:
        return ModalityCues(
            negation=frozenset(m["negation"]["words"]),
            negating_verbs=frozenset(m["negation"].get("verbs", ())),
            negation_softeners=frozenset(m["negation"].get("softeners", ())),
            hedges=frozenset(w for w in m["hedges"]["words"] if " " not in w),
            hedge_phrases=tuple(m["hedges"].get("phrases", ())) + tuple(w for w in m["hedges"]["words"] if " " in w),
            reported_future=frozenset(m["hedges"].get("reported_future", ())),
            future_aux=frozenset(m["future"]["auxiliaries"]),
            future_verbs=frozenset(m["future"]["verbs"]),
            reporting=frozenset(m["reporting"]["verbs"]),
            climb=frozenset(m.get("climb", ())),
            conditional_marks=frozenset(m.get("conditional_marks", ())),
        )
    except (AttributeError, KeyError, TypeError) as exc:
        raise DataFileError(f"{data_path('modality.yaml')}: missing or malformed entry: {exc}") from None


def _coding_rules() -> CodingRules:
    """The rules of ``coding.yaml``."""
    c = load_yaml("coding.yaml") or {}
    try:
        spec = c["rules"]
        rules = CodingRules(
            codes={str(t): Codes(cameo=v.get("cameo"), quad_class=v.get("quad_class"), intensity=v.get("intensity"))
                   for t, v in c["codes"].items()},
            refusal=spec.get("refusal"), offer=spec.get("offer"), threat=spec.get("threat"),
            posture=spec.get("posture"),
            intent_cues=frozenset(str(w).lower() for w in spec.get("intent_cues") or ()),
            posture_cues=frozenset(str(w).lower() for w in spec.get("posture_cues") or ()),
            threat_marks=frozenset(str(w).lower() for w in spec.get("threat_marks") or ()),
        )
    except (AttributeError, KeyError, TypeError) as exc:
        raise DataFileError(f"{data_path('coding.yaml')}: missing or malformed entry: {exc}") from None
    missing = {rules.refusal, rules.offer, rules.threat, rules.posture} - {None} - set(rules.codes)
    if missing:
        raise DataFileError(f"{data_path('coding.yaml')}: no codes for {', '.join(sorted(missing))}")
    if (rules.posture_cues and not rules.posture) or (rules.threat_marks and not rules.threat):
        raise DataFileError(f"{data_path('coding.yaml')}: posture_cues need a posture type, "
                            "threat_marks a threat type")
    return rules


def _nominal_frames(lex: Lexicon, endings: list, irregular: dict) -> None:
    """Noun frames derived from verb frames: "expulsion of X" from "expel X", "withdrawal
    from X" from "withdraw from X". A noun with frames of its own keeps only those, an
    event trigger ("evacuation", "killing") is read as its event; frames with a condition
    or a clause stay with their verb."""
    nouns = {str(n).lower(): str(v).lower() for n, v in irregular.items()}
    for verb in lex.verb_frames:
        for noun_end, verb_end in endings:
            if verb.endswith(verb_end) and noun_end:
                nouns.setdefault(verb[:len(verb) - len(verb_end)] + noun_end, verb)
    triggers = {t.lower() for et in lex.events.values() for t in et.triggers}
    for noun, verb in nouns.items():
        frames = [f for f in lex.verb_frames.get(verb, ())
                  if not (f.complement or f.clause_aux or f.clausal or f.xcomp)]
        if noun in lex.noun_frames or noun in triggers or not frames:
            continue
        lex.noun_frames[noun] = [Frame(relation=f.relation, lemma=noun, kind="noun", prep=f.prep or "of",
                                       confidence=NOMINAL_CONFIDENCE) for f in frames]


def _load_words(lex: Lexicon) -> None:
    for name in ("group_nouns", "anaphoric_group_nouns", "possessive_pronouns", "expletive_pronouns",
                 "impersonal_adjectives", "harm_verbs", "unaccusative_verbs", "quantity_nouns", "instrument_nouns", "abroad_nouns",
                 "owner_participles", "place_prepositions", "time_bound_prepositions", "object_control_verbs"):
        setattr(lex, name, word_set(name))
    # Longest first, so "vice president" is taken whole before "president".
    titles = sorted(word_set("person_titles"), key=len, reverse=True)
    lex.person_titles = re.compile(r"^(?:(?:%s)\s+)+" % "|".join(map(re.escape, titles)), re.IGNORECASE)
    words = load_yaml("words.yaml") or {}
    try:
        _nominal_frames(lex, [(str(n), str(v)) for n, v in words.get("nominal_endings") or ()],
                        words.get("irregular_nominals") or {})
        for group in words["pronouns"]:
            types = frozenset(ActorType(t) for t in group["refer_to"])
            for w in group["words"]:
                lex.pronouns[str(w).lower()] = types
        lex.number_words = {str(w).lower(): int(n) for w, n in words["number_words"].items()}
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"{data_path('words.yaml')}: missing or malformed pronouns or number_words: {exc}") \
            from None
