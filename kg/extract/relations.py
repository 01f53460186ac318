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

from typing import Iterable, Optional

from ..model import Claim
from ..datafiles import word_set
from .actors import ActorIndex, Ref
from .lexicon import Frame, Lexicon
from .modality import modality_of

SUBJECT_DEPS = ("nsubj", "csubj")


def _with_conjuncts(token) -> list:
    out = [token]
    for c in token.conjuncts:
        if c.i > token.i:
            out.append(c)
    return out


def _refs(tokens: Iterable, index: ActorIndex) -> list[tuple[Ref, object]]:
    out = []
    for t in tokens:
        for r in index.refs(t):
            out.append((r, t))
    return out


#: Modifier links through which a thing points at the actor that owns it.
OWNER_DEPS = ("poss", "compound", "nmod", "amod")
#: Prepositions through which it does ("the removal of X", "an appeal from X", "calls by X").
OWNER_PREPS = ("of", "from", "by", "with")  # "boycott contact with X", "links with X"


def owner_refs(token, index: ActorIndex, *, preps: bool = True) -> list[Ref]:
    """The actor a non-actor argument belongs to: "bombed Hezbollah positions" -> Hezbollah,
    "rejected an Indian proposal" -> India, "demanded the removal of President X" -> X."""
    if token.pos_ not in ("NOUN", "PROPN", "NUM"):
        return []
    out: list[Ref] = []
    for c in token.children:
        if c.dep_ not in OWNER_DEPS:
            continue
        refs = index.refs(c)
        if not refs and c.i in index.adjectives:
            actor = index.adjectives[c.i]
            index._add(actor, [c], "owner", c.text, c.idx, c.idx + len(c.text))
            refs = index.refs(c)
        out += [Ref(r.actor, "owner", min(r.confidence, CONFIDENCE_OWNER), r.text) for r in refs]
    if out or not preps:
        return out
    for c in token.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in OWNER_PREPS:
            for p in c.children:
                if p.dep_ == "pobj":
                    for q in _with_conjuncts(p):
                        refs = index.refs(q) or owner_refs(q, index, preps=False)
                        out += [Ref(r.actor, "owner", min(r.confidence, CONFIDENCE_OWNER), r.text) for r in refs]
    return out


CONFIDENCE_OWNER = 0.65


def _arg_refs(tokens: Iterable, index: ActorIndex, *, preps: bool = True) -> list[tuple[Ref, object]]:
    """Actors of argument tokens, falling back to the owner of a non-actor argument."""
    out = []
    for t in tokens:
        refs = index.refs(t) or adjective_refs(t, index) or owner_refs(t, index, preps=preps)
        for r in refs:
            out.append((r, t))
    return out


def adjective_refs(token, index: ActorIndex) -> list[Ref]:
    """A demonym standing as a modifier argument ("Palestinian riots against ...")."""
    if token.i not in index.adjectives:
        return []
    actor = index.adjectives[token.i]
    index._add(actor, [token], "owner", token.text, token.idx, token.idx + len(token.text))
    return index.refs(token)


def subject_tokens(verb, depth: int = 0) -> list:
    """The subject of a verb, inherited through coordination and control."""
    if depth > 4:
        return []
    for c in verb.children:
        if c.dep_ in SUBJECT_DEPS:
            return _with_conjuncts(c)
        if c.dep_ == "agent":
            return [t for p in c.children if p.dep_ == "pobj" for t in _with_conjuncts(p)]
    if verb.dep_ in ("conj", "xcomp", "acomp") and verb.head.i != verb.i:
        return subject_tokens(verb.head, depth + 1)
    if verb.dep_ == "advcl" and (verb.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)):
        return subject_tokens(verb.head, depth + 1)  # "..., saying they helped", "... to facilitate the evacuation"
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ == "dobj":
        return subject_tokens(verb.head.head, depth + 1)  # "X issued a statement demanding that ..."
    return []


def _passive(verb) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _pobjs(token, prep: str) -> list:
    out = []
    for c in token.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep:
            for p in c.children:
                if p.dep_ in ("pobj", "pcomp"):
                    out.extend(_with_conjuncts(p))
    return out


def verb_arguments(verb, frame: Frame) -> tuple[list, list]:
    """(subjects, objects) of a verb frame."""
    if _passive(verb):
        subjects = [t for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                    for t in _with_conjuncts(p)]
        patients = [t for c in verb.children if c.dep_ == "nsubjpass" for t in _with_conjuncts(c)]
        objects = _pobjs(verb, frame.prep) if frame.prep else patients
        if frame.prep and not objects:
            objects = []
        return subjects, objects
    subjects = subject_tokens(verb)
    if frame.prep:
        objects = _pobjs(verb, frame.prep)
        # "work with the U.S. military or the CIA" may attach to the object noun
        for c in verb.children:
            if c.dep_ == "dobj":
                for d in _with_conjuncts(c):  # "providing photographs and intelligence to X"
                    objects += _pobjs(d, frame.prep) if not objects else []
        if not objects and frame.prep == "against":  # "mobilized reservists for a war against X"
            for c in verb.children:
                if c.dep_ == "prep":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            objects += _pobjs(p, "against")
    else:
        objects = [t for c in verb.children if c.dep_ in ("dobj", "dative") for t in _with_conjuncts(c)]
        objects += [t for c in verb.children if c.dep_ == "dative" for p in c.children if p.dep_ == "pobj"
                    for t in _with_conjuncts(p)]
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


#: Prepositions whose objects a complement verb's action reaches ("offered to hand over to X").
REACH_PREPS = ("to", "with", "against", "on", "from", "in", "into", "at", "for")


def complement_objects(verb, depth: int = 0) -> list:
    """Objects of the verb a control verb governs: "threatened to ban X", "refused to deploy in X"."""
    out = []
    for c in verb.children:
        if c.dep_ == "xcomp" or (c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)):
            dobjs = [t for d in c.children if d.dep_ in ("dobj", "dative") for t in _with_conjuncts(d)]
            out += dobjs
            for prep in REACH_PREPS:
                out += _pobjs(c, prep)
                for d in dobjs:  # "to break relations with X"
                    out += _pobjs(d, prep)
            for d in c.children:  # "to hand over to X": the particle's verb keeps the preposition
                if d.dep_ == "prt":
                    for prep in REACH_PREPS:
                        out += _pobjs(d, prep)
            if not out and depth < 2:
                out += complement_objects(c, depth + 1)
    return out


def clause_subjects(verb, aux: frozenset = frozenset()) -> list:
    """The subject of a that-clause: "demanded that the US cancel ..." -> US.
    With ``aux``, only clauses with one of those auxiliaries ("said Sudan must return")."""
    out = []
    for c in verb.children:
        if c.dep_ != "ccomp":
            continue
        if aux and not any(a.dep_ == "aux" and a.lower_ in aux for a in c.children):
            continue
        out += [t for d in c.children if d.dep_ in ("nsubj", "nsubjpass") for t in _with_conjuncts(d)]
    return out


def noun_arguments(noun, frame: Frame, index: ActorIndex, lexicon: Lexicon) -> tuple[list, list]:
    """(subjects, objects) of a noun frame."""
    objects = _pobjs(noun, frame.prep) if frame.prep else []
    if frame.prep and not objects:  # "a suspension of air links with X": the phrase hangs on the of-complement
        for of in _pobjs(noun, "of"):
            objects += _pobjs(of, frame.prep)
    if frame.clausal and not objects:  # "its demand that Israel ease ...": the clause's subject
        clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")]
        if noun.dep_ == "dobj":  # the parser often hangs the that-clause on the verb instead
            clauses += [c for c in noun.head.children if c.dep_ == "ccomp" and c.i > noun.i]
        for c in clauses:
            if any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children):
                objects += [t for d in c.children if d.dep_ in ("nsubj", "nsubjpass") for t in _with_conjuncts(d)]
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
            subjects = [t for c in head.children if c.dep_ in ("nsubj", "nsubjpass") for t in _with_conjuncts(c)]
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


#: Cues that state an intention rather than a doubt ("is willing to withdraw", "offered to negotiate").
INTENT_CUES = word_set("intent_cues")


def _conditional(token) -> bool:
    """True when the clause of ``token`` carries an "unless" condition ("will withdraw ... unless");
    "would meet ... if" is a conditional offer, not a threat."""
    tok = token
    for _ in range(4):
        for c in tok.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children):
                return True
        if tok.dep_ not in ("xcomp", "ccomp", "conj") or tok.head.i == tok.i:
            break
        tok = tok.head
    return False


#: CAMEO root, QuadClass and intensity of the PLOVER types a claim is recoded to by plover_of.
RECODED = {
    "AGREE": ("03", 1, 4.0),  # express intent to cooperate
    "THREATEN": ("13", 3, -3.5),
    "REJECT": ("12", 3, -4.0),
    "MOBILIZE": ("15", 4, -7.0),  # exhibit force posture
}


def plover_of(rel, mod, token=None) -> Optional[str]:
    """The PLOVER type of a claim: the relation's own, except that a promise or an
    offer of cooperation is AGREE (CAMEO 03, intent to cooperate) and a promise of
    material conflict is THREATEN (CAMEO 13), as PLOVER codes intentions; a refusal
    of cooperation is REJECT (CAMEO 12)."""
    if not rel.plover:
        return None
    if mod.value == "negated" and rel.family == "cooperation":
        return "REJECT"  # "refused to recognize", "will not cooperate with": CAMEO 12
    intent = mod.value == "future" or (mod.value == "hypothetical" and mod.cue.lower() in INTENT_CUES)
    if not intent:
        return rel.plover
    if token is not None and mod.value == "future" and _conditional(token):
        return "THREATEN"  # "will withdraw its force unless ...": a threat (CAMEO 13)
    if rel.family == "cooperation" and rel.plover not in ("AGREE",):
        return "AGREE"
    if rel.family == "conflict" and rel.quad_class == 4:
        if mod.cue.lower().startswith("prepar"):
            return "MOBILIZE"  # "prepared to resume shelling": a force posture (CAMEO 15)
        return "THREATEN"
    return rel.plover


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
            subjects = _arg_refs(subj_toks, index, preps=False)
            objects = _arg_refs(obj_toks, index)
            if not subjects or not objects:
                continue
            mod = modality_of(token, lexicon.cues, index)
            rel = lexicon.relations[frame.relation]
            plover = plover_of(rel, mod, token)
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
                        trigger=token.text, plover=plover, plover_mode=rel.plover_mode if plover == rel.plover else None,
                        cameo=rel.cameo if plover == rel.plover else RECODED[plover][0],
                        quad_class=rel.quad_class if plover == rel.plover else RECODED[plover][1],
                        intensity=rel.intensity if plover == rel.plover else RECODED[plover][2],
                        source_text=s_ref.text, target_text=o_ref.text,
                    ))
            break  # the first frame of a word that finds both arguments wins
    return claims

