"""How a relation is stated: asserted, negated, hypothetical, future or reported.

Reads: the token that states the relation, the modality cues from
``ontology/modality.yaml``, the actor index (to name who a report is attributed to).
Writes: a :class:`ModalityReading` (the :class:`~kg.model.Modality`, the
speaker, the cue that decided it).

The walk starts at the trigger and climbs the clauses that govern it. Cues on
the trigger's own clause count; cues on a coordinated clause do not ("Milley
did not elaborate, and ... did not appear" negates each clause on its own).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..model import Modality
from .lexicon import ModalityCues
from .syntax import infinitival


@dataclass
class ModalityReading:
    """The modality of one trigger, who it is attributed to, and the cue that decided it."""

    value: Modality = Modality.ASSERTED
    attributed_to: Optional[str] = None  # actor key of the speaker
    cue: str = ""  # the word that decided it, for explanations

    def stronger(self, value: Modality, cue: str) -> None:
        if value.stronger_than(self.value):
            self.value, self.cue = value, cue


def _clause_cues(tok, cues: ModalityCues, result: ModalityReading, index, own: bool) -> None:
    """Apply the cues found on one governing token and its function-word children."""
    lemma = tok.lemma_.lower()
    for child in tok.children:
        cl = child.lower_
        if child.dep_ == "neg" or (cl in cues.negation and child.dep_ in ("advmod", "det", "neg", "preconj")):
            softener = next((g for g in child.head.children
                             if g.dep_ == "advmod" and g.lower_ in cues.negation_softeners), None)
            if softener is not None:  # "not necessarily" hedges rather than negates
                result.stronger(Modality.HYPOTHETICAL, f"not {softener.lower_}")
            else:
                result.stronger(Modality.NEGATED, child.text)
        elif child.dep_ in ("aux", "advmod", "acomp") and (cl in cues.hedges or child.lemma_.lower() in cues.hedges):
            result.stronger(Modality.HYPOTHETICAL, child.text)
        elif child.dep_ == "aux" and (cl in cues.future_aux or child.lemma_.lower() in cues.future_aux):
            result.stronger(Modality.FUTURE, child.text)
        elif child.dep_ == "mark" and cl in cues.conditional_marks:
            result.stronger(Modality.HYPOTHETICAL, child.text)
    if own:
        return
    if lemma in cues.negating_verbs:
        result.stronger(Modality.NEGATED, tok.text)
    if lemma in cues.hedges:
        result.stronger(Modality.HYPOTHETICAL, tok.text)
    if lemma in cues.future_verbs:
        result.stronger(Modality.FUTURE, tok.text)
    if lemma in cues.reporting and result.attributed_to is None:
        speakers = [c for c in tok.children if c.dep_ == "nsubj"]
        speakers += [p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        for speaker in speakers if index is not None else ():
            refs = index.refs(speaker)  # "that it said": skip the relative pronoun, take "it"
            if refs:
                result.attributed_to = refs[0].actor
                break
        result.stronger(Modality.REPORTED, tok.text)


def modality_of(trigger, cues: ModalityCues, index=None, *, nominal: bool = False) -> ModalityReading:
    """The modality of the relation or event stated by ``trigger``.

    With ``nominal`` (an event named by a noun), the walk does not leave the
    noun's prepositional phrase: "in response to the bombing" presupposes the
    bombing, whatever the main clause says.
    """
    result = ModalityReading()
    sent_text = trigger.sent.text.lower()
    _clause_cues(trigger, cues, result, index, own=True)
    tok, steps = trigger, 0
    while tok.head.i != tok.i and steps < 12:
        dep = tok.dep_
        if dep == "advcl" and infinitival(tok):
            pass  # "called on Arabs to unite": a "to" clause states an aim, climbed as a complement
        elif dep == "advcl":
            marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
            if not marks & cues.conditional_marks:
                break  # "Although the Taliban oppose IS, ..." stands on its own
            result.stronger(Modality.HYPOTHETICAL, next(iter(marks)))
        elif dep not in cues.climb or (nominal and dep in ("pobj", "prep")):
            break
        head = tok.head
        if dep != "conj":
            _clause_cues(head, cues, result, index, own=False)
        if dep == "ccomp":  # "reiterated its demand that X ...": the clause belongs to the object noun
            for c in head.children:
                if c.dep_ == "dobj" and c.i < tok.i and c.lemma_.lower() in cues.hedges:
                    result.stronger(Modality.HYPOTHETICAL, c.text)
        tok, steps = head, steps + 1
    # "said they would boycott": "would" under a reporting verb is the future of the past, not a doubt.
    if (result.value == Modality.HYPOTHETICAL and result.cue.lower() in cues.reported_future
            and result.attributed_to is not None):
        result.value = Modality.FUTURE
    # Multi-word hedges governing the clause ("far from clear", "remains to be seen").
    for phrase in cues.hedge_phrases:
        pos = sent_text.find(phrase)
        if pos != -1 and pos + trigger.sent.start_char < trigger.idx and _governs(trigger, pos + trigger.sent.start_char):
            result.stronger(Modality.HYPOTHETICAL, phrase)
    return result


def _governs(trigger, char_pos: int) -> bool:
    """True when the token at ``char_pos`` is on the path from the trigger to the root."""
    tok = trigger
    seen = 0
    while seen < 15:
        for c in tok.children:
            if c.idx <= char_pos < c.idx + len(c.text) + 12 and c.i < trigger.i and c.dep_ != "advcl":
                return True
        if tok.idx <= char_pos < tok.idx + len(tok.text):
            return True
        if tok.head.i == tok.i or tok.dep_ == "advcl":
            return False
        tok, seen = tok.head, seen + 1
    return False
