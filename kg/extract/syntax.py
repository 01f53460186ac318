"""Walks of the dependency parse that several extractors share.

Reads: tokens of a parsed spaCy ``Doc`` (their ``dep_``, ``head``,
``children``, ``tag_``, ``lower_``). Writes: nothing; each function returns
tokens. Nothing here knows of actors, frames or data files.

>>> from spacy.lang.en import English
>>> from spacy.tokens import Doc
>>> doc = Doc(English().vocab, words=["Iran", "and", "Iraq", "will", "seek", "to", "cooperate", "with", "Oman"],
...           heads=[4, 0, 0, 4, 4, 6, 4, 6, 7],
...           deps=["nsubj", "cc", "conj", "aux", "ROOT", "aux", "xcomp", "prep", "pobj"])
>>> [t.text for t in subject_tokens(doc[6])]  # "cooperate" takes the subject of "seek"
['Iran', 'Iraq']
>>> [t.text for t in prep_objects(doc[6], "with")]
['Oman']
"""
from __future__ import annotations

#: Dependency labels of an active subject.
SUBJECT_DEPS = ("nsubj", "csubj")
#: Prepositions whose objects a complement verb's action reaches ("offered to hand over to X").
REACH_PREPS = ("to", "with", "against", "on", "from", "in", "into", "at", "for")
#: Those of them that say where rather than whom.
LOCATIVE_PREPS = ("in",)


def with_conjuncts(token) -> list:
    """The token and the conjuncts after it ("Iran and Iraq" from "Iran")."""
    out = [token]
    for c in token.conjuncts:
        if c.i > token.i:
            out.append(c)
    return out


#: Prepositions that mark the controller of a complement ("called on X to", "appealed to X to").
CONTROLLER_PREPS = ("on", "upon", "to")


def infinitival(verb) -> bool:
    """A "to" clause: "... to facilitate the evacuation"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def subject_tokens(verb, depth: int = 0, controllers: frozenset[str] = frozenset()) -> list:
    """The subject of a verb, inherited through coordination and control. The subject of a
    "to" clause under one of ``controllers`` (verbs of object control: "urged Iran to
    stop", "called on Arabs to unite") is the governing verb's object."""
    if depth > 4:
        return []
    for c in verb.children:
        if c.dep_ in SUBJECT_DEPS:
            return with_conjuncts(c)
        if c.dep_ == "agent":
            return [t for p in c.children if p.dep_ == "pobj" for t in with_conjuncts(p)]
    head = verb.head
    if verb.dep_ == "conj" and head.i != verb.i:
        return subject_tokens(head, depth + 1, controllers)
    to_clause = verb.dep_ in ("xcomp", "advcl") and infinitival(verb)
    if (verb.dep_ == "xcomp" or to_clause) and head.lemma_.lower() in controllers:
        controller = [t for c in head.children if c.dep_ == "dobj" for t in with_conjuncts(c)]
        controller = controller or [t for prep in CONTROLLER_PREPS for t in prep_objects(head, prep) if t.i < verb.i]
        if controller:
            return controller
    if verb.dep_ in ("xcomp", "acomp") and head.i != verb.i:
        return subject_tokens(head, depth + 1, controllers)
    if verb.dep_ == "advcl" and (verb.tag_ == "VBG" or to_clause):
        return subject_tokens(head, depth + 1, controllers)  # "..., saying they helped", "... to facilitate the evacuation"
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.dep_ == "dobj":
        return subject_tokens(head.head, depth + 1, controllers)  # "X issued a statement demanding that ..."
    if misread_participle(verb):
        return with_conjuncts(verb.head)
    return []


def unaccusative(verb, verbs: frozenset[str]) -> bool:
    """Whether ``verb`` is one of ``verbs`` (lemmas) used without an object, so that its
    subject underwent the act rather than did it ("it exploded", "the bombs blew up")."""
    return verb.lemma_.lower() in verbs and not any(c.dep_ in ("dobj", "dative") for c in verb.children)


def misread_participle(verb) -> bool:
    """Whether the parser read a finite verb as a participle of the noun before it:
    "Qatari and Egyptian mediators negotiated with Hamas" parsed as a noun phrase
    ("mediators [who were] negotiated with"). So it is when the noun has no verb of
    its own (it is the root, maybe after a dateline), or when the verb it is said to
    be the subject of has another subject after it ("X negotiated with Y, two
    officials said": "said" would have two subjects)."""
    head = verb.head
    if (verb.dep_ != "acl" or verb.tag_ not in ("VBD", "VBN") or head.i > verb.i
            or head.pos_ not in ("NOUN", "PROPN") or any(c.dep_ == "agent" for c in verb.children)):
        return False
    root = head
    while root.dep_ == "conj" and root.head.pos_ in ("NOUN", "PROPN"):
        root = root.head  # "DOHA, Nov 22 - Qatari and Egyptian mediators negotiated": a dateline before it
    if root.dep_ == "ROOT":
        return True
    return root.dep_ == "nsubj" and any(c.dep_ == "nsubj" and c.i > verb.i for c in root.head.children)


def is_passive(verb) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def prep_objects(token, prep: str) -> list:
    """Objects of the preposition ``prep`` on ``token``, with their conjuncts."""
    out = []
    for c in token.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep:
            for p in c.children:
                if p.dep_ in ("pobj", "pcomp"):
                    out.extend(with_conjuncts(p))
    return out


def nested_prep_objects(noun, prep: str, depth: int = 2) -> list:
    """Objects of ``prep`` on a noun, or on the nouns of its "of" phrases, ``depth`` nouns
    down: "part of a military aid program for Bosnia" -> Bosnia."""
    found = prep_objects(noun, prep)
    if found or depth <= 0:
        return found
    return [t for of in prep_objects(noun, "of") for t in nested_prep_objects(of, prep, depth - 1)]


def reached_objects(verb) -> list[list]:
    """Who a verb's action may reach, in tiers tried in order: its direct objects; the
    objects of its prepositions after it (:data:`REACH_PREPS`; one before it sets the
    scene: "With the U.S. involvement over, Biden is grappling with ..."); those of the
    prepositions on its direct objects, two nouns down ("halted a military aid program
    for Bosnia"); the objects of its purpose clause ("used tear gas to disperse
    protesters"); last, where it happened ("carried out strikes in Yemen")."""
    dobjs = [t for c in verb.children if c.dep_ in ("dobj", "dative") for t in with_conjuncts(c)]
    toward = tuple(p for p in REACH_PREPS if p not in LOCATIVE_PREPS)
    own = [t for prep in toward for t in prep_objects(verb, prep) if t.i > verb.i]
    below = [t for d in dobjs for prep in toward for t in nested_prep_objects(d, prep)]
    where = [t for prep in LOCATIVE_PREPS for t in prep_objects(verb, prep) if t.i > verb.i]
    return [dobjs, own, below, complement_objects(verb, preps=toward), where]


def complement_objects(verb, depth: int = 0, preps: tuple[str, ...] = REACH_PREPS) -> list:
    """Objects of the verb a control verb governs: "threatened to ban X", "refused to deploy in X"
    (through the prepositions ``preps``)."""
    out = []
    for c in verb.children:
        if c.dep_ == "xcomp" or (c.dep_ == "advcl" and infinitival(c)):
            dobjs = [t for d in c.children if d.dep_ in ("dobj", "dative") for t in with_conjuncts(d)]
            out += dobjs
            for prep in preps:
                out += prep_objects(c, prep)
                for d in dobjs:  # "to break relations with X"
                    out += prep_objects(d, prep)
            for d in c.children:  # "to hand over to X": the particle's verb keeps the preposition
                if d.dep_ == "prt":
                    for prep in preps:
                        out += prep_objects(d, prep)
            if not out and depth < 2:
                out += complement_objects(c, depth + 1, preps)
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
        out += [t for d in c.children if d.dep_ in ("nsubj", "nsubjpass") for t in with_conjuncts(d)]
    return out


def has_marked_clause(token, marks: frozenset[str]) -> bool:
    """Whether the clause of ``token``, or a clause it complements, has an adverbial
    clause introduced by one of ``marks`` ("will withdraw ... unless ...")."""
    tok = token
    for _ in range(4):
        for c in tok.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children):
                return True
        if tok.dep_ not in ("xcomp", "ccomp", "conj") or tok.head.i == tok.i:
            break
        tok = tok.head
    return False


def governing_verb(token):
    """The verb a noun hangs from ("carried out a drone strike", "at a news conference ... called"); None if none."""
    t = token
    for _ in range(3):
        if t.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr", "prep") and t.head.i != t.i:
            t = t.head
            if t.pos_ in ("VERB", "AUX"):
                return t
        else:
            break
    return None
