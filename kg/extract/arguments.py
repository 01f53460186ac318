"""Which actors the argument tokens of a relation frame or an event stand for.

Reads: argument tokens (found with :mod:`kg.extract.syntax`), the actor index.
Writes: ``(Ref, token)`` pairs; an argument that names no actor may stand for
its owner ("bombed Hezbollah positions" -> Hezbollah, "rejected an Indian
proposal" -> India), and such owners are added to the index as ``owner``
mentions.
"""
from __future__ import annotations

from typing import Iterable

from .actors import CONFIDENCE, ActorIndex, Ref
from .syntax import with_conjuncts

#: Modifier links through which a thing points at the actor that owns it.
OWNER_DEPS = ("poss", "compound", "nmod", "amod")
#: Prepositions through which it does ("the removal of X", "an appeal from X", "calls by X").
OWNER_PREPS = ("of", "from", "by", "with")  # "boycott contact with X", "links with X"


def actor_refs(tokens: Iterable, index: ActorIndex) -> list[tuple[Ref, object]]:
    """The actors the tokens refer to."""
    out = []
    for t in tokens:
        for r in index.refs(t):
            out.append((r, t))
    return out


def argument_refs(tokens: Iterable, index: ActorIndex, *, preps: bool = True) -> list[tuple[Ref, object]]:
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
    index.add_mention(index.adjectives[token.i], [token], "owner", token.text, token.idx,
                      token.idx + len(token.text))
    return index.refs(token)


def owner_refs(token, index: ActorIndex, *, preps: bool = True) -> list[Ref]:
    """The actor a non-actor argument belongs to: "bombed Hezbollah positions" -> Hezbollah,
    "rejected an Indian proposal" -> India, "demanded the removal of President X" -> X."""
    if token.pos_ not in ("NOUN", "PROPN", "NUM"):
        return []
    out: list[Ref] = []
    for c in token.children:
        if c.dep_ not in OWNER_DEPS:
            continue
        refs = index.refs(c) or adjective_refs(c, index)
        out += [_owner(r) for r in refs]
    if out or not preps:
        return out
    for c in token.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in OWNER_PREPS:
            for p in c.children:
                if p.dep_ == "pobj":
                    for q in with_conjuncts(p):
                        refs = index.refs(q) or owner_refs(q, index, preps=False)
                        out += [_owner(r) for r in refs]
    return out


def _owner(ref: Ref) -> Ref:
    return Ref(ref.actor, "owner", min(ref.confidence, CONFIDENCE["owner"]), ref.text)
