"""PLOVER and CAMEO coding of claims and events, in one place for both.

Reads: the coding of a relation or an event type (``plover``, ``plover_mode``,
``cameo``, ``quad_class``, ``intensity`` in ``ontology/relations.yaml`` and
``ontology/events.yaml``, or a :class:`Coding` from an imported verb pattern),
the modality reading of the statement, whether its clause carries a threat
condition, and the rules of ``ontology/coding.yaml`` (one set for claims and
events, so a claim and the event it is about are coded alike).
Writes: a :class:`Coding`, which the relation and event extractors copy onto
the :class:`~kg.model.Claim` or :class:`~kg.model.Event`.

PLOVER codes what happened, and also intentions and refusals: a promise or an
offer of cooperation is AGREE (CAMEO 03), a promise of material conflict is
THREATEN (CAMEO 13) or, stated as a readiness, MOBILIZE (CAMEO 15), and a
refusal of cooperation is REJECT (CAMEO 12). Cooperation and conflict are told
by the type's QuadClass (1, 2 cooperation; 3, 4 conflict; 4 material).

>>> from kg.extract.lexicon import Lexicon
>>> from kg.extract.modality import ModalityReading
>>> lex = Lexicon.load()
>>> sanction, protest = lex.relations["sanctions"], lex.events["Protest"]
>>> code(sanction, ModalityReading(Modality.ASSERTED), lex.coding).plover
'SANCTION'
>>> c = code(sanction, ModalityReading(Modality.FUTURE, cue="will"), lex.coding)
>>> c.plover, c.cameo, c.recoded, counts_in_plover(Modality.FUTURE, c.plover, c.recoded)
('THREATEN', '13', True, True)
>>> c = code(sanction, ModalityReading(Modality.HYPOTHETICAL, cue="may"), lex.coding)
>>> c.plover, counts_in_plover(Modality.HYPOTHETICAL, c.plover, c.recoded)
('SANCTION', False)
>>> code(protest, ModalityReading(Modality.FUTURE, cue="plan"), lex.coding).plover
'THREATEN'
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Union

from ..model import Modality
from .lexicon import CodingRules, EventType, RelationType
from .modality import ModalityReading

#: QuadClasses of cooperation (verbal, material) and of material conflict.
COOPERATION = (1, 2)
MATERIAL_CONFLICT = 4


@dataclass(frozen=True)
class Coding:
    """How an event coder codes one statement of a relation or an event."""

    plover: Optional[str] = None
    plover_mode: Optional[str] = None
    cameo: Optional[str] = None
    quad_class: Optional[int] = None
    intensity: Optional[float] = None
    recoded: bool = False  # an intention or a refusal, coded apart from the type's own coding


def code(kind: Union[RelationType, EventType], reading: ModalityReading, rules: CodingRules, *,
         threat_condition: bool = False) -> Coding:
    """The coding of one statement of ``kind`` (a relation or an event type) read with
    ``reading``; ``threat_condition``: its clause has an "unless" clause (see
    :attr:`~kg.extract.lexicon.CodingRules.threat_marks`)."""
    plover = _plover_type(kind, reading, rules, threat_condition)
    if plover == kind.plover:
        return Coding(kind.plover, kind.plover_mode, kind.cameo, kind.quad_class, kind.intensity)
    codes = rules.codes[plover]
    return Coding(plover, None, codes.cameo, codes.quad_class, codes.intensity, recoded=True)


def _plover_type(kind, reading: ModalityReading, rules: CodingRules, threat_condition: bool) -> Optional[str]:
    """The PLOVER type of the statement: the kind's own, or that of a rule that applies."""
    if not kind.plover:
        return None
    cooperation = kind.quad_class in COOPERATION
    if reading.value == Modality.NEGATED and cooperation:
        return rules.refusal or kind.plover  # "refused to recognize", "will not cooperate with"
    cue = reading.cue.lower()
    intent = reading.value == Modality.FUTURE or (reading.value == Modality.HYPOTHETICAL and cue in rules.intent_cues)
    if not intent:
        return kind.plover
    if reading.value == Modality.FUTURE and threat_condition:
        return rules.threat or kind.plover  # "will withdraw its force unless ...": a threat
    if cooperation:
        return rules.offer or kind.plover
    if kind.quad_class == MATERIAL_CONFLICT:
        if cue in rules.posture_cues:
            return rules.posture  # "prepared to resume shelling": a show of force
        return rules.threat or kind.plover
    return kind.plover


def counts_in_plover(modality: str, plover: Optional[str], recoded: bool) -> bool:
    """Whether PLOVER codes a statement at all: it codes what happened, intentions and
    refusals; not doubts or denials (a negated or hedged statement that was not recoded)."""
    return bool(plover) and (recoded or modality not in (Modality.NEGATED, Modality.HYPOTHETICAL))
