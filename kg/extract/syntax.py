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


def with_conjuncts(token) -> list:
    """The token and the conjuncts after it ("Iran and Iraq" from "Iran")."""
    out = [token]
    for c in token.conjuncts:
        if c.i > token.i:
            out.append(c)
    return out


def subject_tokens(verb, depth: int = 0) -> list:
    """The subject of a verb, inherited through coordination and control."""
    if depth > 4:
        return []
    for c in verb.children:
        if c.dep_ in SUBJECT_DEPS:
            return with_conjuncts(c)
        if c.dep_ == "agent":
            return [t for p in c.children if p.dep_ == "pobj" for t in with_conjuncts(p)]
    if verb.dep_ in ("conj", "xcomp", "acomp") and verb.head.i != verb.i:
        return subject_tokens(verb.head, depth + 1)
    if verb.dep_ == "advcl" and (verb.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)):
        return subject_tokens(verb.head, depth + 1)  # "..., saying they helped", "... to facilitate the evacuation"
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ == "dobj":
        return subject_tokens(verb.head.head, depth + 1)  # "X issued a statement demanding that ..."
    return []


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


def complement_objects(verb, depth: int = 0) -> list:
    """Objects of the verb a control verb governs: "threatened to ban X", "refused to deploy in X"."""
    out = []
    for c in verb.children:
        if c.dep_ == "xcomp" or (c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)):
            dobjs = [t for d in c.children if d.dep_ in ("dobj", "dative") for t in with_conjuncts(d)]
            out += dobjs
            for prep in REACH_PREPS:
                out += prep_objects(c, prep)
                for d in dobjs:  # "to break relations with X"
                    out += prep_objects(d, prep)
            for d in c.children:  # "to hand over to X": the particle's verb keeps the preposition
                if d.dep_ == "prt":
                    for prep in REACH_PREPS:
                        out += prep_objects(d, prep)
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
