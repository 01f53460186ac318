"""Which actors the argument tokens of a relation frame or an event stand for.

Reads: argument tokens (found with :mod:`kg.extract.syntax`), the actor index.
Writes: ``(Ref, token)`` pairs; an argument that names no actor may stand for
its owner ("bombed Hezbollah positions" -> Hezbollah, "rejected an Indian
proposal" -> India), and such owners are added to the index as ``owner``
mentions.
"""
from __future__ import annotations

from typing import Iterable, Mapping, Sequence

from ..model import Event
from .actors import CONFIDENCE, ActorIndex, Ref
from .syntax import is_passive, with_conjuncts

#: Determiners of a noun that points back at an event named before ("the strikes").
DEFINITE = ("the", "these", "those", "this", "that")

#: Modifier links through which a thing points at the actor that owns it.
OWNER_DEPS = ("poss", "compound", "nmod", "amod")
#: Prepositions through which it does ("calls by X", "the removal of X", "an appeal from X",
#: "boycott contact with X"), the first that names an actor winning.
OWNER_PREPS = ("by", "of", "from", "with", "for")


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
        for m in with_conjuncts(c):  # "Qatari and Egyptian mediators"
            refs = index.refs(m) or adjective_refs(m, index)
            out += [_owner(r) for r in refs]
    if out or not preps:
        return out
    phrases = list(token.children)
    if token.dep_ == "dobj" and not is_passive(token.head):
        # "condemned the shelling of X by Y": the parser hangs "by Y" on the active verb
        phrases += [c for c in token.head.children if c.lower_ == "by" and c.i > token.i]
    for prep in OWNER_PREPS:  # "the invasion of Iraq by Turkey" is Turkey's
        for c in phrases:
            if c.dep_ in ("prep", "agent") and c.lower_ == prep:
                for p in c.children:
                    if p.dep_ == "pobj":
                        for q in with_conjuncts(p):
                            refs = index.refs(q) or owner_refs(q, index, preps=False)
                            out += [_owner(r) for r in refs]
        if out:
            break
    return out


def _owner(ref: Ref) -> Ref:
    return Ref(ref.actor, "owner", min(ref.confidence, CONFIDENCE["owner"]), ref.text)


def event_agent_refs(tokens: Iterable, named_events: Mapping[str, Sequence[Event]]) -> list[tuple[Ref, object]]:
    """The agents of an event named earlier in the article that a definite noun points
    back at: in "The United States and Britain carried out air strikes ... Iran condemned
    the strikes", the strikes are the United States' and Britain's. ``named_events``:
    events by the lemma of their trigger's head."""
    out = []
    for t in tokens:
        if t.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in t.children):
            continue
        earlier = [e for e in named_events.get(t.lemma_.lower(), ()) if e.end <= t.idx and e.agents]
        if earlier:
            out += [(Ref(a, "owner", CONFIDENCE["owner"], t.text), t) for a in earlier[-1].agents]
    return out
