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

from ..model import Claim
from .actors import ActorIndex
from .arguments import argument_refs
from .coding import code
from .lexicon import Frame, Lexicon
from .modality import modality_of
from .syntax import (clause_subjects, complement_objects, has_marked_clause, is_passive, prep_objects,
                     subject_tokens, with_conjuncts)


def verb_arguments(verb, frame: Frame) -> tuple[list, list]:
    """(subjects, objects) of a verb frame."""
    if is_passive(verb):
        subjects = [t for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                    for t in with_conjuncts(p)]
        patients = [t for c in verb.children if c.dep_ == "nsubjpass" for t in with_conjuncts(c)]
        objects = prep_objects(verb, frame.prep) if frame.prep else patients
        return subjects, objects
    subjects = subject_tokens(verb)
    if frame.prep:
        objects = prep_objects(verb, frame.prep)
        # "work with the U.S. military or the CIA" may attach to the object noun
        for c in verb.children:
            if c.dep_ == "dobj":
                for d in with_conjuncts(c):  # "providing photographs and intelligence to X"
                    objects += prep_objects(d, frame.prep) if not objects else []
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


def extract_relations(sent, index: ActorIndex, lexicon: Lexicon) -> list[Claim]:
    claims: list[Claim] = []
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
        for frame in frames:
            if frame.kind == "verb":
                subj_toks, obj_toks = verb_arguments(token, frame)
                if subj_toks and not obj_toks and not (frame.prep or frame.clausal or frame.xcomp):
                    obj_toks = adjacent_object(token, index)
            else:
                subj_toks, obj_toks = noun_arguments(token, frame, index, lexicon)
            if not subj_toks or not obj_toks:
                continue
            subjects = argument_refs(subj_toks, index, preps=False)
            objects = argument_refs(obj_toks, index)
            if not subjects or not objects:
                continue
            mod = modality_of(token, lexicon.cues, index)
            rules = lexicon.claim_coding
            coding = code(lexicon.relations[frame.relation], mod, rules,
                          threat_condition=has_marked_clause(token, rules.threat_marks))
            for s_ref, s_tok in subjects:
                for o_ref, o_tok in objects:
                    if s_ref.actor == o_ref.actor:
                        continue
                    key = (s_ref.actor, frame.relation, o_ref.actor, token.i)
                    if key in seen:
                        continue
                    seen.add(key)
                    start, end = _span([token, s_tok, o_tok])
                    distance = abs(s_tok.i - token.i) + abs(o_tok.i - token.i)
                    confidence = frame.confidence * (s_ref.confidence + o_ref.confidence) / 2
                    confidence *= max(0.6, 1.0 - 0.015 * max(0, distance - 4))
                    claims.append(Claim(
                        source=s_ref.actor, relation=frame.relation, target=o_ref.actor,
                        modality=mod.value, attributed_to=mod.attributed_to,
                        sentence=sent.text.strip(), sentence_start=sent.start_char,
                        sentence_end=sent.start_char + len(sent.text.rstrip()),
                        start=start, end=end, confidence=round(min(0.99, max(0.05, confidence)), 3),
                        trigger=token.text, plover=coding.plover, plover_mode=coding.plover_mode,
                        cameo=coding.cameo, quad_class=coding.quad_class, intensity=coding.intensity,
                        recoded=coding.recoded, source_text=s_ref.text, target_text=o_ref.text,
                    ))
            break  # the first frame of a word that finds both arguments wins
    return claims

