"""Relations between actors, from the frames in ``ontology/relations.yaml``.

Reads: a parsed sentence, the actor index, the lexicon.
Writes: :class:`~kg.model.Claim` objects (one per subject/object pair, so
"Hungarian and Romanian officials agreed" gives a claim for each).

Frames handled: active and passive verbs ("X attacked Y", "Y was attacked by X"),
prepositional verbs ("coordinate with", "fought against"), nouns with a
possessor, a modifier or a copular subject ("X's opposition to Y", "the IS
bombing", "the Taliban are avowed enemies of IS"), and subjects inherited
through coordination and control ("ousted the Taliban and fought against them",
"will seek to coordinate").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional, Sequence

from ..model import Claim, Event
from .actors import ActorIndex
from .arguments import actor_refs, argument_refs, event_agent_refs
from .coding import Coding, code
from .imported import VerbMatch
from .lexicon import Frame, Lexicon
from .modality import ModalityReading, modality_of
from .syntax import (clause_subjects, complement_objects, has_marked_clause, is_passive, misread_participle,
                     nested_prep_objects, prep_objects, reached_objects, subject_tokens, unaccusative,
                     with_conjuncts)

#: Complements that make a verb's meaning (a verb's default code does not apply with them).
COMPLEMENT_DEPS = ("oprd", "ccomp", "xcomp", "acomp")
#: How much less sure a statement with a subject and no object is than a claim.
ONE_ACTOR = 0.75


def verb_arguments(verb, frame: Frame, controllers: frozenset[str] = frozenset()) -> tuple[list, list]:
    """(subjects, objects) of a verb frame; ``controllers``: verbs of object control."""
    if is_passive(verb):
        subjects = [t for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                    for t in with_conjuncts(p)]
        patients = [t for c in verb.children if c.dep_ == "nsubjpass" for t in with_conjuncts(c)]
        objects = prep_objects(verb, frame.prep) if frame.prep else patients
        return subjects, objects
    subjects = subject_tokens(verb, controllers=controllers)
    if frame.prep:
        objects = prep_objects(verb, frame.prep)
        # "work with the U.S. military or the CIA" may attach to the object noun
        for c in verb.children:
            if c.dep_ == "dobj":
                for d in with_conjuncts(c):  # "providing photographs and intelligence to X", "part of a program for X"
                    objects += nested_prep_objects(d, frame.prep) if not objects else []
        if not objects and frame.prep == "against":  # "mobilized reservists for a war against X"
            for c in verb.children:
                if c.dep_ == "prep":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            objects += prep_objects(p, "against")
    else:
        objects = [t for c in verb.children if c.dep_ in ("dobj", "dative") for t in with_conjuncts(c)]
        objects += [t for c in verb.children if c.dep_ == "dative" for p in c.children if p.dep_ == "pobj"
                    for t in with_conjuncts(p)]
    if frame.complement:
        if not any(t.lower_ in frame.complement for o in objects
                   for t in verb.doc[o.i + 1:min(o.i + 6, o.sent.end)]):
            return subjects, []
    if frame.clause_aux:  # "said X must ...": only the clause states the demand
        objects = clause_subjects(verb, frame.clause_aux)
    elif frame.clausal and not objects:
        objects = clause_subjects(verb, frame.clause_aux)
    if frame.xcomp and not objects:
        objects = complement_objects(verb)
    return subjects, objects


def noun_arguments(noun, frame: Frame, index: ActorIndex, lexicon: Lexicon) -> tuple[list, list]:
    """(subjects, objects) of a noun frame."""
    objects = prep_objects(noun, frame.prep) if frame.prep else []
    if frame.prep and not objects:  # "a suspension of air links with X": the phrase hangs on the of-complement
        for of in prep_objects(noun, "of"):
            objects += prep_objects(of, frame.prep)
    if frame.clausal and not objects:  # "its demand that Israel ease ...": the clause's subject
        clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")]
        if noun.dep_ == "dobj":  # the parser often hangs the that-clause on the verb instead
            clauses += [c for c in noun.head.children if c.dep_ == "ccomp" and c.i > noun.i]
        for c in clauses:
            if any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children):
                objects += [t for d in c.children if d.dep_ in ("nsubj", "nsubjpass") for t in with_conjuncts(d)]
    subjects = [c for c in noun.children if c.dep_ == "poss"]
    subjects += [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")
                 and (index.refs(c) or c.i in index.adjectives)]
    subjects = subjects or prep_objects(noun, "by")  # "the expulsion of X by Y"
    if not subjects and noun.tag_ == "VBG":
        subjects = subject_tokens(noun)  # a gerund: "promised further targeting of"
    if not subjects and noun.dep_ in ("attr", "dobj", "oprd", "nsubj", "pobj", "appos", "xcomp"):
        head = noun.head
        if noun.dep_ == "pobj":
            head = head.head  # "a war against X" in "led a war against X"
        if noun.dep_ in ("attr", "oprd") or head.lemma_ in ("be", "become", "remain", "avow", "swear", "call", "consider", "see"):
            subjects = [t for c in head.children if c.dep_ in ("nsubj", "nsubjpass") for t in with_conjuncts(c)]
        elif noun.dep_ != "nsubj" and head.lemma_.lower() in lexicon.agentive_verbs:
            # "promised targeting of", "launched an offensive against": the verb's subject acts
            subjects = subject_tokens(head)
    return subjects, objects


def adjacent_object(verb, index: ActorIndex) -> list:
    """A known actor right after a verb whose object the parser missed.

    Acronyms that look like words mislead the tagger ("the Taliban oppose IS"
    parses IS as a verb); a gazetteer name within two tokens after a transitive
    frame verb is taken as its object.
    """
    doc = verb.doc
    for t in doc[verb.i + 1:min(verb.i + 3, verb.sent.end)]:
        if t.is_punct:
            break
        refs = index.refs(t)
        if refs and refs[0].how == "gazetteer" and t.dep_ not in ("nsubj", "nsubjpass"):
            return [t]
    return []


def _span(tokens) -> tuple[int, int]:
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end


def imported_subjects(verb, controllers: frozenset[str] = frozenset()) -> list:
    """The subject tokens of a verb read through the imported lexicon: its own (the
    by-agent in the passive) or one it inherits through coordination or control, not
    the noun a participle describes ("lines leading into Kabul")."""
    if verb.dep_ in ("acl", "relcl") and not misread_participle(verb):
        return []
    if is_passive(verb):
        return [t for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                for t in with_conjuncts(p)]
    return subject_tokens(verb, controllers=controllers)


def _may_name_actors(tokens, index: ActorIndex) -> bool:
    """A cheap test, with no side effect, that argument tokens may refer to an actor."""
    return any(t.i in index.by_token or t.i in index.adjectives or t.pos_ == "PRON"
               for tok in tokens for t in tok.subtree)


def imported_arguments(verb, subjects: list, match: VerbMatch, index: ActorIndex) -> tuple[list, list]:
    """(subjects, objects) of a verb read through the imported lexicon, its subject tokens
    ``subjects`` (:func:`imported_subjects`) given. The object is the target the pattern
    names; else, when a pattern matched, the first tier of
    :func:`~kg.extract.syntax.reached_objects` that names an actor (or its owner);
    else (the verb's default code) only its direct object or passive subject naming an
    actor (:func:`imported_object_refs`), and none when a complement makes the verb's
    meaning ("calling them a violation")."""
    if not subjects:
        return [], []
    where: list = []
    if is_passive(verb):
        tiers = [[t for c in verb.children if c.dep_ == "nsubjpass" for t in with_conjuncts(c)]]
    else:
        if match.pattern:
            tiers = reached_objects(verb)
            where = tiers[-1]
        elif any(c.dep_ in COMPLEMENT_DEPS for c in verb.children):
            tiers = []  # "calling them a violation": the complement, not the verb, says what was done
        else:
            tiers = reached_objects(verb)[:1]
    if match.target_tokens:
        tiers = [list(match.target_tokens)]
    for tier in tiers:
        found = imported_object_refs(tier, match, index)
        if tier is where and any(r.how == "owner" for r, _ in found):
            continue  # "flew to Belfast in an RAF plane": where it happened names a place or a country itself
        if found:
            return subjects, tier
    return subjects, tiers[0] if tiers else []  # what it acts on, naming no actor ("carried out air strikes")


def imported_object_refs(tokens, match: VerbMatch, index: ActorIndex) -> list:
    """The actors of the object tokens of an imported verb: with a pattern, also the owner
    of a thing ("halted aid to X", "closed X's embassy"); with the verb's default code
    only an actor named as such ("facilitated the evacuation of Afghans" is no act on Afghans)."""
    return argument_refs(tokens, index) if match.pattern else actor_refs(tokens, index)


@dataclass
class OneActor:
    """A statement of a relation that names its subject but no object ("Iran condemned
    the strikes" where the strikes' agents are not named): an event with an agent and
    no target, made by :func:`kg.extract.events.one_actor_events`."""
    token: object  # the trigger
    subjects: list  # (Ref, token) pairs
    relation: str
    coding: Coding
    modality: ModalityReading
    confidence: float
    object_tokens: list


def extract_relations(sent, index: ActorIndex, lexicon: Lexicon,
                      named_events: Mapping[str, Sequence[Event]] = {}) -> tuple[list[Claim], list[OneActor]]:
    """The claims of a sentence, and the statements in it that name a subject and no
    object. ``named_events``: the article's events by the lemma of their trigger's head,
    so that an object naming one stands for its agents ("condemned the strikes")."""
    claims: list[Claim] = []
    one_actor: list[OneActor] = []
    seen: set[tuple] = set()
    for token in sent:
        lemma = token.lemma_.lower()
        if token.tag_ == "VBG" and any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
            frames = lexicon.noun_frames.get(token.lower_, ())  # "further targeting of the IS group"
        elif token.pos_ in ("VERB", "AUX"):
            frames = lexicon.verb_frames.get(lemma, ())
        elif token.pos_ in ("NOUN", "PROPN"):
            frames = lexicon.noun_frames.get(lemma, ()) or lexicon.noun_frames.get(token.lower_, ())
        else:
            continue
        if frames and token.pos_ == "VERB" and lexicon.imported.no_event(token):
            continue  # "seized heroin", "fight racism": the imported lexicon knows the phrase is no event
        stated = False
        alone: Optional[tuple] = None  # (subjects, objects tokens, relation, kind, base) of a subject with no object
        for frame in frames:
            if frame.kind == "verb":
                subj_toks, obj_toks = verb_arguments(token, frame, lexicon.object_control_verbs)
                if subj_toks and not obj_toks and not (frame.prep or frame.clausal or frame.xcomp or frame.complement):
                    obj_toks = adjacent_object(token, index)
            else:
                subj_toks, obj_toks = noun_arguments(token, frame, index, lexicon)
            holds = frame.kind == "verb" and _frame_holds(token, frame)
            if not subj_toks or not (obj_toks or holds or lexicon.relations[frame.relation].symmetric):
                continue  # nothing to state: the actors of the arguments are not even looked up
            subjects = argument_refs(subj_toks, index, preps=False)
            objects = (argument_refs(obj_toks, index) or event_agent_refs(obj_toks, named_events)
                       or _each_other(token, subjects, frame.relation, lexicon, frame.kind))
            if subjects and not objects and alone is None and holds:
                alone = (subjects, obj_toks, frame.relation, lexicon.relations[frame.relation], frame.confidence)
            if not subjects or not objects:
                continue
            claims += _claims(token, subjects, objects, frame.relation, lexicon.relations[frame.relation],
                              frame.confidence, index, lexicon, seen)
            stated = True
            break  # the first frame of a word that finds both arguments wins
        if stated or token.pos_ != "VERB":
            continue
        # the imported lexicon, under the curated frames (for a subject that may be an actor)
        match = None
        subj_toks = imported_subjects(token, lexicon.object_control_verbs)
        if _may_name_actors(subj_toks, index):
            match = lexicon.imported.match(token)
        if match is not None:
            subj_toks, obj_toks = imported_arguments(token, subj_toks, match, index)
            subjects = argument_refs(subj_toks, index, preps=False)
            objects = (imported_object_refs(obj_toks, match, index) or event_agent_refs(obj_toks, named_events)
                       or _each_other(token, subjects, match.relation, lexicon, "verb"))
            if subjects and objects:
                claims += _claims(token, subjects, objects, match.relation, match, lexicon.imported.confidence,
                                  index, lexicon, seen)
                continue
            if subjects and alone is None and match.pattern:  # a verb's default code alone says too little
                alone = (subjects, obj_toks, match.relation, match, lexicon.imported.confidence)
        if alone is not None and unaccusative(token, lexicon.unaccusative_verbs):
            alone = None  # "they exploded": the bombs did, no one is the agent
        if alone is not None and not _second_actor(sent, alone[0], index, lexicon.cues.reporting):
            subjects, obj_toks, relation, kind, base = alone
            mod = modality_of(token, lexicon.cues, index)
            coding = code(kind, mod, lexicon.coding,
                          threat_condition=has_marked_clause(token, lexicon.coding.threat_marks))
            confidence = base * max(r.confidence for r, _ in subjects) * ONE_ACTOR
            one_actor.append(OneActor(token, subjects, relation, coding, mod, round(confidence, 3), list(obj_toks)))
    return claims, one_actor


def _frame_holds(verb, frame: Frame) -> bool:
    """Whether a verb frame's wording is there, whoever its object: its preposition
    ("opened fire" is no "open to"), its that-clause, no condition on its object, no
    complement verb that states the act instead."""
    if frame.conditional:
        return False
    if frame.prep and not any(c.lower_ == frame.prep and c.dep_ in ("prep", "prt", "agent", "dative")
                              for t in [verb, *verb.children] for c in t.children):
        return False
    if frame.xcomp:
        return False  # "refused to meet X": the complement states the act (its own event, if any)
    return not frame.clausal or any(c.dep_ == "ccomp" for c in verb.children)


def _second_actor(sent, subjects: list, index: ActorIndex, reporting: frozenset[str]) -> bool:
    """Whether the sentence names an actor besides the subjects (a party the statement
    may be about though no frame reached it), other than one who only reports it."""
    own = {r.actor for r, _ in subjects}
    for t in sent:
        if t.i in index.adjectives and index.adjectives[t.i].key not in own:
            return True
        for ref in index.by_token.get(t.i, ()):
            if ref.actor not in own and not _speaker(t, reporting):
                return True
    return False


def _speaker(token, reporting: frozenset[str]) -> bool:
    """Whether the token is (in) the subject of a reporting verb ("..., Benin police said")
    or the object of "according to"."""
    head = token
    while head.dep_ in ("compound", "amod", "poss", "nmod", "conj", "appos", "pobj", "prep") and head.head.i != head.i:
        head = head.head
    return (head.dep_ == "nsubj" and head.head.lemma_.lower() in reporting) or head.lower_ == "according"


def _each_other(verb, subjects: list, relation: str, lexicon: Lexicon, kind: str) -> list:
    """A verb of a symmetric relation with no object and several subjects relates the
    subjects to each other: "Xi and Putin met", "Hungary and Romania agreed" (not
    "Austin and Milley commanded troops")."""
    if (kind != "verb" or not lexicon.relations[relation].symmetric or len({r.actor for r, _ in subjects}) < 2
            or len({t.i for _, t in subjects}) < 2 or any(c.dep_ == "dobj" for c in verb.children)):
        return []
    return subjects


def _claims(token, subjects, objects, relation: str, kind, base: float, index: ActorIndex, lexicon: Lexicon,
            seen: set) -> list[Claim]:
    """One claim per (subject, object) pair of a trigger, coded as ``kind`` (a relation
    type or an imported verb match) in the trigger's modality."""
    sent = token.sent
    mod = modality_of(token, lexicon.cues, index)
    rules = lexicon.coding
    coding = code(kind, mod, rules, threat_condition=has_marked_clause(token, rules.threat_marks))
    out = []
    for s_ref, s_tok in subjects:
        for o_ref, o_tok in objects:
            if s_ref.actor == o_ref.actor or (objects is subjects and o_tok.i <= s_tok.i):
                continue  # "X and Y met" once, X with Y
            key = (s_ref.actor, relation, o_ref.actor, token.i)
            if key in seen:
                continue
            seen.add(key)
            start, end = _span([token, s_tok, o_tok])
            distance = abs(s_tok.i - token.i) + abs(o_tok.i - token.i)
            confidence = base * (s_ref.confidence + o_ref.confidence) / 2
            confidence *= max(0.6, 1.0 - 0.015 * max(0, distance - 4))
            out.append(Claim(
                source=s_ref.actor, relation=relation, target=o_ref.actor,
                modality=mod.value, attributed_to=mod.attributed_to,
                sentence=sent.text.strip(), sentence_start=sent.start_char,
                sentence_end=sent.start_char + len(sent.text.rstrip()),
                start=start, end=end, confidence=round(min(0.99, max(0.05, confidence)), 3),
                trigger=token.text, plover=coding.plover, plover_mode=coding.plover_mode,
                cameo=coding.cameo, quad_class=coding.quad_class, intensity=coding.intensity,
                recoded=coding.recoded, source_text=s_ref.text, target_text=o_ref.text,
            ))
    return out
