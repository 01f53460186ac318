"""Events, from the triggers in ``ontology/events.yaml``.

Reads: a parsed document, the actor index, the lexicon, the publication date.
Writes: :class:`~kg.model.Event` objects with their PLOVER/CAMEO coding
(:mod:`kg.extract.coding`; two mentions of the same event in one article are
merged into one) and the claims an event implies ("the IS suicide bombing ...
killed ... 13 American service members" gives Islamic State *attacks* U.S.
military, linked to the event; "Xi and Putin met" gives Xi *meets with* Putin,
as the relation of a meeting is symmetric and no one else took part).

Events of a violent type (its relation is ``violent`` in ``relations.yaml``)
also have victims: the objects of the clauses saying who was harmed ("that
killed 13 service members") and the passive subject of the trigger verb.
"""
from __future__ import annotations

from datetime import date
from itertools import combinations
from typing import Optional

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..model import Claim, Event, Modality, stable_key
from .actors import ActorIndex
from .arguments import DEFINITE, actor_refs, argument_refs
from .coding import code
from .lexicon import Lexicon
from .modality import modality_of
from .syntax import (governing_verb, has_marked_clause, prep_objects, subject_tokens, unaccusative,
                     with_conjuncts)
from .timing import date_entities, date_near

#: spaCy entity types that are never a party to an event (times, sums).
NOT_PARTIES = {"DATE", "TIME", "MONEY", "PERCENT"}
TARGET_PREPS = ("on", "against", "at")
PLACE_PREPS = ("in", "at", "outside", "near", "inside", "to", "from")

#: vocab id -> (the lexicon the matchers were built from, matcher by lower case, matcher by lemma)
_matchers: dict[int, tuple] = {}


def _matchers_for(vocab, lexicon: Lexicon) -> tuple:
    """Trigger matchers: phrases by their lower-case words, and by lemmas (so
    "drone strikes" and "killed" match "drone strike" and "kill"). Phrase
    matchers look tokens up in a table; a token-pattern ``Matcher`` with
    ~140 triggers spent a quarter of extraction's time trying each one.
    Built again for a new lexicon (``events.yaml`` changed)."""
    built = _matchers.get(id(vocab))
    if built is None or built[0] is not lexicon:
        by_lower, by_lemma = PhraseMatcher(vocab, attr="LOWER"), PhraseMatcher(vocab, attr="LEMMA")
        for name, et in lexicon.events.items():
            words = [trig.lower().split() for trig in et.triggers]
            by_lower.add(name, [Doc(vocab, words=w) for w in words])
            by_lemma.add(name, [Doc(vocab, words=w, lemmas=w) for w in words])
        built = _matchers[id(vocab)] = (lexicon, by_lower, by_lemma)
    return built[1:]


def _trigger_matches(doc, lexicon: Lexicon) -> set[tuple[int, int, int]]:
    """(match id, start, end) of every event trigger in ``doc``."""
    by_lower, by_lemma = _matchers_for(doc.vocab, lexicon)
    return set(by_lower(doc)) | set(by_lemma(doc))


def _nummod_total(tokens, number_words: dict[str, int]) -> Optional[int]:
    """The sum of the numbers counting ``tokens`` ("killed 12 soldiers and two police")."""
    total = 0
    for t in tokens:
        for c in t.children:
            if c.dep_ == "nummod":
                try:
                    total += int(c.text.replace(",", ""))
                except ValueError:
                    total += number_words.get(c.lower_, 0)
    return total or None


def _place(token_list, index: ActorIndex, trigger_end: int):
    """Where: a place in an "in/at/near X" phrase on the trigger or its verb, or
    right after the trigger (the parser often attaches such phrases higher up)."""
    doc = token_list[0].doc
    sent = token_list[0].sent
    following = [t for t in doc[trigger_end:min(trigger_end + 2, sent.end)] if t.dep_ == "prep"]
    for tok in list(token_list) + following:
        for prep in ([tok] if tok.dep_ == "prep" and tok in following else tok.children):
            if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                sub = list(pobj.subtree)
                places = [t for t in sub if t.i in index.places]
                if places:
                    first = places[0]
                    label, country = index.places[first.i]
                    # "a Kabul airport gate" -> "Kabul airport"
                    tail = [t for t in sub if t.i > first.i and t.i <= pobj.i and t.pos_ in ("NOUN", "PROPN")]
                    if tail and tail[0].dep_ == "compound":
                        label = f"{label} {tail[0].text}"
                    return label, country, index.place_coords.get(first.i)
    return None, None, None


def _harm_clauses(root, span_end: int, harm_verbs: frozenset[str]):
    """Clauses saying who was harmed: "that killed 13 service members", "that it said killed ..."."""
    doc = root.doc
    for tok in doc[root.i:min(span_end + 14, root.sent.end)]:
        if tok.dep_ in ("relcl", "acl") and root.i <= tok.head.i <= span_end + 8:
            if tok.lemma_.lower() in harm_verbs:
                yield tok
            else:
                for d in tok.children:
                    if d.dep_ in ("ccomp", "xcomp") and d.lemma_.lower() in harm_verbs:
                        yield d


def extract_events(doc, article_id: str, index: ActorIndex, lexicon: Lexicon,
                   published: Optional[date]) -> tuple[list[Event], list[Claim]]:
    spans = {}
    for match_id, start, end in sorted(_trigger_matches(doc, lexicon), key=lambda m: (m[1], m[2])):
        name = doc.vocab.strings[match_id]
        key = (start, end)
        # keep the longest trigger at a position ("suicide bombing" over "bombing")
        if any(s <= start and end <= e and (e - s) > (end - start) for (s, e) in spans):
            continue
        for (s, e) in list(spans):
            if start <= s and e <= end and (end - start) > (e - s):
                del spans[(s, e)]
        spans[key] = name
    events: list[Event] = []
    claims: list[Claim] = []
    date_ents = date_entities(doc)
    violent_tokens = {i for (s, e), n in spans.items() if lexicon.events[n].violent for i in range(s, e)}
    for (start, end), name in sorted(spans.items()):
        et = lexicon.events[name]
        span = doc[start:end]
        root = span.root
        if et.verbs_only and root.pos_ not in ("VERB", "AUX"):
            continue  # "a sign that ..." is no signing
        if root.pos_ == "VERB" and et.violent:
            # "the bombing killed 12", "a blast at the gate that killed 12": one event, the noun's
            others = violent_tokens - set(range(start, end))
            if root.dep_ in ("relcl", "acl", "ccomp", "xcomp") and (
                    any(i in others for i in range(max(span.sent.start, start - 10), start))
                    or any(a.i in others for a in list(root.ancestors)[:4])):
                continue  # "a bombing at the gate that killed 13", "a drone strike that it said killed two"
            if any(t.i in others for t in subject_tokens(root)):
                continue
        if (et.verb_needs_subject and root.pos_ in ("VERB", "AUX")
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children)):
            continue
        if root.dep_ == "compound" and root.head.pos_ in ("NOUN", "PROPN") and root.head.i >= end:
            continue  # "riot police", "attack helicopters": a kind of thing, no event
        sent = span.sent
        # "the IS bombing", "Russia's offensive"; a place before it says where ("a Beijing summit")
        agents_t: list = [c for c in root.children if c.dep_ in ("compound", "amod", "poss", "nmod")
                          and (c.dep_ == "poss" or c.i not in index.places) and index.refs(c)]
        targets_t: list = []
        victims_t: list = []
        participants_t: list = []
        gov = governing_verb(root)
        if root.pos_ in ("VERB", "AUX"):
            # "it exploded, killing two soldiers": what exploded is no agent
            agents_t += [t for t in subject_tokens(root, controllers=lexicon.object_control_verbs)
                         if not unaccusative(t.head, lexicon.unaccusative_verbs)]
            targets_t += [t for c in root.children if c.dep_ == "dobj" for t in with_conjuncts(c)]
            if et.violent:  # "12 soldiers were killed"
                targets_t += [t for c in root.children if c.dep_ == "nsubjpass" for t in with_conjuncts(c)]
            participants_t += prep_objects(root, "with")
        elif gov is not None:
            if gov.lemma_.lower() in lexicon.light_verbs and root.dep_ == "dobj":
                agents_t += subject_tokens(gov)
            elif root.dep_ == "pobj" and et.participants_from_clause:
                participants_t += subject_tokens(gov)  # "At a news conference ..., Milley called"
        for prep in TARGET_PREPS:
            targets_t += prep_objects(root, prep)
        participants_t += prep_objects(root, "with")
        agents_t += prep_objects(root, "by")
        harm_clause = None
        if et.violent:
            clauses = list(_harm_clauses(root, end - 1, lexicon.harm_verbs))
            if root.dep_ == "nsubj" and root.head.lemma_.lower() in lexicon.harm_verbs:
                clauses.insert(0, root.head)  # "a suicide bombing ... killed 12 soldiers"
            for clause in clauses:
                for d in clause.children:
                    if d.dep_ == "dobj":
                        victims_t += [q for t in with_conjuncts(d) for q in _of_quantity(t, lexicon.quantity_nouns)]
                harm_clause = harm_clause or clause
        anchors = [root] + ([gov] if gov is not None else [])
        place, place_country, coords = _place(anchors, index, end)
        nd = date_near(anchors + ([harm_clause] if harm_clause is not None else []), sent,
                       date_ents.get(sent.start, ()), published, end)
        mod = modality_of(root, lexicon.cues, index, nominal=root.pos_ in ("NOUN", "PROPN"))
        threat_condition = has_marked_clause(root, lexicon.coding.threat_marks)
        coding = code(et, mod, lexicon.coding, threat_condition=threat_condition)
        # "thousands of students demonstrated"
        agents_t = [q for t in agents_t for q in _of_quantity(t, lexicon.quantity_nouns)]
        agent_refs = argument_refs(agents_t, index, preps=False)
        target_refs = argument_refs(targets_t + victims_t, index)
        agents = list(dict.fromkeys(r.actor for r, _ in agent_refs))
        targets = list(dict.fromkeys(r.actor for r, _ in target_refs))
        participants = list(dict.fromkeys(r.actor for r, _ in actor_refs(participants_t, index)))
        targets = [t for t in targets if t not in agents]
        # an argument that named its actors ("members of the U.S. forces") is not kept as text too
        named = {t.i for _, t in agent_refs + target_refs}
        agent_texts = _bare_heads([t for t in agents_t if t.i not in named], index, agents=True)
        target_texts = _bare_heads([t for t in targets_t + victims_t if t.i not in named], index)
        event = Event(
            key="", type=et.name, trigger=span.text, sentence=sent.text.strip(),
            start=span.start_char, end=span.end_char, agents=agents, targets=targets,
            participants=[p for p in participants if p not in agents],
            place=place, place_country=place_country,
            latitude=coords[0] if coords else None, longitude=coords[1] if coords else None,
            date=nd.value if nd else None, date_text=nd.text if nd else None,
            casualties=_nummod_total(victims_t, lexicon.number_words), modality=mod.value,
            agent_texts=agent_texts, target_texts=target_texts,
            plover=coding.plover, plover_mode=coding.plover_mode, cameo=coding.cameo, quad_class=coding.quad_class,
            intensity=coding.intensity, recoded=coding.recoded,
        )
        points_back = root.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in root.children)
        merged = _merge_into(events, event, points_back)
        if merged is None:
            event.key = _event_key(article_id, et.name, event.start)
            events.append(event)
            merged = event
        # An event with a relation implies a claim between its agents and targets.
        if et.relation:
            pairs = [(a, t) for a in agents for t in targets]
            if et.relation_to_participants:
                pairs += [(a, p) for a in agents for p in event.participants]
            if lexicon.relations[et.relation].symmetric and not pairs:
                pairs = list(combinations(agents, 2))  # "Xi and Putin met": with each other
            claim_mod, claim_coding = mod, coding
            if harm_clause is not None:
                hm = modality_of(harm_clause, lexicon.cues, index, nominal=True)
                if hm.value != Modality.ASSERTED:
                    claim_mod = hm
                    claim_coding = code(et, hm, lexicon.coding, threat_condition=threat_condition)
            for a, t in pairs:
                if a == t:
                    continue
                claims.append(Claim(
                    source=a, relation=et.relation, target=t, modality=claim_mod.value,
                    attributed_to=claim_mod.attributed_to, sentence=sent.text.strip(),
                    sentence_start=sent.start_char, sentence_end=sent.start_char + len(sent.text.rstrip()),
                    start=span.start_char, end=span.end_char, confidence=0.7, trigger=span.text,
                    plover=claim_coding.plover, plover_mode=claim_coding.plover_mode, cameo=claim_coding.cameo,
                    quad_class=claim_coding.quad_class, intensity=claim_coding.intensity,
                    recoded=claim_coding.recoded, event=merged.key,
                ))
    return events, claims


def events_by_head(doc, events: list[Event]) -> dict[str, list[Event]]:
    """The events by the lemma of their trigger's head ("air strikes" -> "strike"), in order."""
    out: dict[str, list[Event]] = {}
    for e in sorted(events, key=lambda e: e.start):
        span = doc.char_span(e.start, e.end)
        if span is not None:
            out.setdefault(span.root.lemma_.lower(), []).append(e)
    return out


def one_actor_events(statements, article_id: str, index: ActorIndex, lexicon: Lexicon,
                     published: Optional[date], events: list[Event]) -> list[Event]:
    """Events of the statements that name a subject and no object
    (:class:`kg.extract.relations.OneActor`): "Iran condemned the strikes" is an
    Accusation by Iran, coded as the statement was, with the statement's lower
    confidence. A statement whose word or object already triggered an event adds
    nothing; a second mention of an event is merged into the first. Returns the new
    events."""
    new: list[Event] = []
    date_ents = date_entities(statements[0].token.doc) if statements else {}
    for st in statements:
        token, rel = st.token, lexicon.relations[st.relation]
        said = [token.idx] + [t.idx for t in st.object_tokens]
        if rel.event is None or any(e.start <= at < e.end for e in events + new for at in said):
            continue  # its word, or its object ("carried out air strikes"), is an event already
        sent = token.sent
        agents = list(dict.fromkeys(r.actor for r, _ in st.subjects))
        place, place_country, coords = _place([token], index, token.i + 1)
        nd = date_near([token], sent, date_ents.get(sent.start, ()), published, token.i + 1)
        event = Event(
            key="", type=rel.event, trigger=token.text, sentence=sent.text.strip(), start=token.idx,
            end=token.idx + len(token.text), agents=agents, place=place, place_country=place_country,
            latitude=coords[0] if coords else None, longitude=coords[1] if coords else None,
            date=nd.value if nd else None, date_text=nd.text if nd else None,
            target_texts=_bare_heads(st.object_tokens, index), modality=st.modality.value,
            confidence=st.confidence, plover=st.coding.plover, plover_mode=st.coding.plover_mode,
            cameo=st.coding.cameo, quad_class=st.coding.quad_class, intensity=st.coding.intensity,
            recoded=st.coding.recoded,
        )
        if _merge_into(events + new, event) is None:
            event.key = _event_key(article_id, event.type, event.start)
            new.append(event)
    return new


def _of_quantity(token, quantity_nouns: frozenset[str]) -> list:
    """"scores of Afghans" -> Afghans; any other noun stands for itself."""
    if token.lower_ in quantity_nouns:
        inner = [t for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                 for p in c.children if p.dep_ == "pobj" for t in with_conjuncts(p)]
        if inner:
            return inner
    return [token]


def _bare_heads(tokens, index: ActorIndex, *, agents: bool = False) -> list[str]:
    """Heads of argument phrases that name no actor ("gunmen", "soldiers"):
    kept as text, not dropped. A relative pronoun stands for the noun its
    clause describes ("the militants who attacked"); times and demonstratives
    ("that", "this") are no one, and
    the instrument of an attack ("the device exploded") is not its agent
    (though a car or a drone may be what was hit)."""
    out = []
    for t in tokens:
        if t.tag_ in ("WP", "WDT") and t.head.dep_ == "relcl":
            t = t.head.head
        if (index.refs(t) or t.pos_ not in ("NOUN", "PROPN", "NUM", "PRON") or t.ent_type_ in NOT_PARTIES
                or t.tag_ in ("DT", "WDT")  # "that allows ... to attack the virus": a demonstrative is no party
                or (agents and t.lemma_.lower() in index.lexicon.instrument_nouns)):
            continue
        out.append(t.text)
    return list(dict.fromkeys(out))


def _event_key(article_id: str, type_: str, start: int) -> str:
    return stable_key(article_id, type_, start)


def _merge_into(events: list[Event], new: Event, points_back: bool = False) -> Optional[Event]:
    """Fold a second mention of an event into the first: same type, compatible
    date and place, and no conflicting agents; and the mention points back at an
    event ("the attack", "this attack", "today's attack": ``points_back``) or shares
    its date, place or an actor. A verb or an indefinite noun with nothing shared
    ("killed", "an attack") is an event of its own."""
    for old in events:
        if old.type != new.type:
            continue
        if old.date and new.date and old.date != new.date:
            continue
        same_place = bool(old.place and new.place) and old.place.split()[0] == new.place.split()[0]
        if old.place and new.place and not same_place:
            continue
        if old.agents and new.agents and not set(old.agents) & set(new.agents):
            continue
        old_people, new_people = set(old.agents + old.participants), set(new.agents + new.participants)
        shared = same_place or bool(old.date and old.date == new.date) or bool(old_people & new_people)
        if not (points_back or shared):
            continue
        if not (old.date or old.place) and not (new.date or new.place):
            if old_people and new_people and not old_people & new_people:
                continue
        for attr in ("agents", "targets", "participants", "agent_texts", "target_texts"):
            merged = getattr(old, attr) + [x for x in getattr(new, attr) if x not in getattr(old, attr)]
            setattr(old, attr, merged)
        old.date = old.date or new.date
        old.date_text = old.date_text or new.date_text
        old.place = old.place or new.place
        old.place_country = old.place_country or new.place_country
        if old.latitude is None:
            old.latitude, old.longitude = new.latitude, new.longitude
        old.casualties = old.casualties or new.casualties
        return old
    return None
