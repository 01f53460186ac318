"""Actor mentions in one parsed article, and in-article coreference.

Reads: a spaCy ``Doc`` whose entities carry gazetteer ids (``ent_id_``) from
the entity ruler, the gazetteer, the lexicon (titles, group nouns, pronouns),
the publication date.
Writes: an :class:`ActorIndex` mapping tokens to the actors they refer to.

One actor per identity inside an article: "Gen. Mark Milley", "Milley" and
"he" are one actor; "Daesh", "IS" and "Islamic State" are one actor;
"American warplanes" is the U.S. military; "Taliban commanders" is the Taliban.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Optional

from ..gazetteer import Gazetteer
from ..model import Actor, ActorType, Mention, Sector
from .lexicon import Lexicon
from .syntax import subject_tokens

# How sure we are that a token refers to an actor, by how it was found.
CONFIDENCE = {"gazetteer": 1.0, "surname": 0.95, "sector": 0.9, "ner": 0.75, "pronoun": 0.7, "capital": 0.7,
              "owner": 0.65}


def slug(text: str) -> str:
    """A lower-case ASCII slug for minting keys of actors the gazetteer does not know.

    >>> slug("Shafqat Ali Khan")
    'shafqat-ali-khan'
    """
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    if not s:  # non-Latin names keep a stable key from their code points
        s = "u" + "-".join(f"{ord(c):x}" for c in text.strip()[:24])
    return s[:80]


@dataclass
class Ref:
    actor: str
    how: str
    confidence: float
    text: str


@dataclass
class ActorIndex:
    """Which tokens of a document refer to which actors."""

    gazetteer: Gazetteer
    lexicon: Lexicon
    published: Optional[date]
    actors: dict[str, Actor] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    by_token: dict[int, list[Ref]] = field(default_factory=dict)
    places: dict[int, tuple[str, Optional[str]]] = field(default_factory=dict)  # token -> (label, country ISO3)
    # Demonym adjectives that name no actor on their own ("an Indian proposal"): token -> country actor.
    # Used only when a relation's object is a thing owned by an actor (see arguments.owner_refs).
    adjectives: dict[int, Actor] = field(default_factory=dict)
    place_coords: dict[int, tuple[float, float]] = field(default_factory=dict)  # token -> (lat, lon)

    def add_mention(self, actor: Actor, tokens, how: str, text: str, start: int, end: int) -> None:
        """Record that ``tokens`` (the text ``text`` at ``start:end``) refer to ``actor``."""
        self.actors.setdefault(actor.key, actor)
        self.mentions.append(Mention(actor=actor.key, text=text, start=start, end=end, how=how))
        ref = Ref(actor.key, how, CONFIDENCE[how], text)
        for t in tokens:
            refs = self.by_token.setdefault(t.i, [])
            if all(r.actor != ref.actor for r in refs):
                refs.append(ref)

    # -- lookup used by the relation and event extractors ------------------
    def refs(self, token) -> list[Ref]:
        """The actors a token refers to, resolving pronouns and "the group" lazily."""
        if token.i in self.by_token:
            return self.by_token[token.i]
        lower = token.lower_
        words = self.lexicon
        if token.pos_ == "PRON" or lower in words.possessive_pronouns:
            return self._antecedent(token, words.pronouns.get(lower, frozenset()))
        if lower in words.anaphoric_group_nouns and any(c.lower_ == "the" for c in token.children):
            return self._antecedent(token, frozenset({ActorType.ARMED_GROUP}))  # "the group said"
        if token.i in self.places:
            label, country = self.places[token.i]
            if country and token.ent_id_.startswith("capital:"):
                # A capital in an argument slot stands for its government ("Kabul said").
                actor = self.gazetteer.sector_actor(country, Sector.GOV, self.published)
                self.add_mention(actor, [token], "capital", token.text, token.idx, token.idx + len(token.text))
                return self.by_token[token.i]
        return []

    def _antecedent(self, token, types: frozenset[str]) -> list[Ref]:
        """The nearest actor of one of ``types`` before ``token``, which refers to it."""
        if not types:
            return []
        if (token.lower_ in self.lexicon.expletive_pronouns
                and (token.head.lemma_ == "be" or token.head.lower_ in ("’s", "'s"))
                and _impersonal(token.head, self.lexicon.impersonal_adjectives)):
            return []  # "it's possible that", "it was inevitable": no referent
        # The antecedent is not an argument of the pronoun's own predicate ("he met him",
        # "the U.S. military ousted the Taliban ... and fought against them").
        predicate = token.head.head if token.dep_ == "pobj" else token.head
        own: set[int] = set()
        if token.dep_ != "nsubj":
            own = {c.i for c in token.head.children}
            own |= {t.i for s in subject_tokens(predicate) for t in s.subtree}
        candidates: list[tuple[Ref, object]] = []
        for i in range(token.i - 1, max(-1, token.i - 80), -1):
            if i in own:
                continue
            for ref in self.by_token.get(i, ()):
                if self.actors[ref.actor].type in types and ref.how != "pronoun":
                    candidates.append((ref, token.doc[i]))
                    break
        if not candidates:
            return []
        # The nearest sentence with a candidate wins; inside it, a subject (the
        # centre of attention) beats a nearer object.
        nearest_sent = candidates[0][1].sent.start
        same = [(r, t) for r, t in candidates if t.sent.start == nearest_sent]
        best = next((r for r, t in same if t.dep_ in ("nsubj", "nsubjpass")
                     or (t.head.dep_ in ("nsubj", "nsubjpass") and t.dep_ in ("compound", "amod", "nmod"))),
                    same[0][0])
        ref = Ref(best.actor, "pronoun", CONFIDENCE["pronoun"], token.text)
        self.mentions.append(Mention(actor=best.actor, text=token.text, start=token.idx,
                                     end=token.idx + len(token.text), how="pronoun"))
        self.by_token[token.i] = [ref]
        return [ref]


def _impersonal(be, adjectives: frozenset[str]) -> bool:
    """Whether "it" before this form of "be" is expletive: an impersonal adjective
    ("it is possible that") or a clause as the real subject ("it is willing to
    withdraw" has a referent)."""
    for c in be.children:
        if c.dep_ in ("acomp", "attr") and c.lower_ in adjectives:
            return True
        if c.dep_ in ("ccomp", "csubj") and c.i > be.i and c.pos_ in ("VERB", "AUX"):
            return True
    if not any(c.dep_ in ("acomp", "attr", "xcomp") for c in be.children):
        return True
    return False


def _head_outside(span):
    """The token a span modifies, when the span is a modifier inside a noun phrase."""
    root = span.root
    while root.dep_ == "conj" and root.head.i in range(span.start - 8, span.end + 8):
        root = root.head  # "Hungarian and Romanian officials": follow to the first conjunct
    if root.dep_ in ("compound", "amod", "nmod", "poss") and root.head.pos_ in ("NOUN", "PROPN"):
        head = root.head
        if not (span.start <= head.i < span.end):
            return head
    return None


def index_actors(doc, gazetteer: Gazetteer, lexicon: Lexicon, published: Optional[date]) -> ActorIndex:
    """Find every actor mention in ``doc``."""
    index = ActorIndex(gazetteer=gazetteer, lexicon=lexicon, published=published)
    titles = lexicon.person_titles
    ents = [e for e in doc.ents if e.label_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")]

    # Pass 1: full person names, so surnames can be linked wherever they occur.
    surnames: dict[str, str] = {}
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        name = titles.sub("", ent.text).strip()
        if len(name.split()) < 2:
            continue
        found = ent.ent_id_ or gazetteer.lookup(name)
        key = found if found in gazetteer.entries else f"person-{slug(name)}"
        surnames.setdefault(name.split()[-1], key)

    for ent in ents:
        tokens = list(ent)
        gid = ent.ent_id_
        if gid.startswith("capital:"):
            country = gazetteer.entries[gid.split(":", 1)[1]].country
            found = gazetteer.find_place(ent.text)
            for t in tokens:
                index.places[t.i] = (ent.text, country)
                if found and found.country == country:
                    index.place_coords[t.i] = (found.latitude, found.longitude)
            continue
        if gid in gazetteer.entries:
            entry = gazetteer.entries[gid]
            head = _head_outside(ent)
            if entry.type == ActorType.COUNTRY:
                sector = None
                if head is not None and head.i > 0 and doc[head.i - 1].dep_ == "compound":
                    sector = gazetteer.sector_nouns.get(f"{doc[head.i - 1].lower_} {head.lower_}")  # "service members"
                if sector is None and head is not None:
                    sector = gazetteer.sector_nouns.get(head.lower_)
                if sector:
                    actor = gazetteer.sector_actor(entry.country, sector, published)
                    index.add_mention(actor, [*tokens, head], "sector", doc[ent.start:head.i + 1].text, ent.start_char,
                               head.idx + len(head.text))
                    continue
                if ent.label_ == "NORP":
                    if ent.root.tag_ in ("NNS", "NNPS") or ent.text.endswith("s"):
                        # "Afghans": the people of the country.
                        actor = gazetteer.sector_actor(entry.country, Sector.CVL, published)
                        index.add_mention(actor, tokens, "sector", ent.text, ent.start_char, ent.end_char)
                    else:
                        # an adjective ("American history") names no actor, but may own
                        # the object of a relation ("rejected an Indian proposal")
                        for t in tokens:
                            index.adjectives[t.i] = gazetteer.actor(gid, published)
                    continue
                for t in tokens:
                    index.places[t.i] = (entry.label, entry.country)
            actor = gazetteer.actor(gid, published)
            extra = [head] if head is not None and (head.lower_ in lexicon.group_nouns
                                                    or head.lower_ in gazetteer.sector_nouns) else []
            index.add_mention(actor, tokens + extra, "gazetteer", ent.text, ent.start_char, ent.end_char)
            continue
        text = titles.sub("", ent.text).strip()
        if not text:
            continue
        if ent.label_ in ("PERSON", "ORG") and len(text.split()) == 1 and text in surnames:
            key = surnames[text]
            actor = gazetteer.actor(key, published) if key in gazetteer.entries else index.actors.get(key)
            if actor is not None:
                index.add_mention(actor, tokens, "surname", ent.text, ent.start_char, ent.end_char)
                continue
        if ent.label_ == "PERSON":
            if len(text.split()) == 1:
                title = ent.text.split()[0] if len(ent.text.split()) > 1 else (
                    doc[ent.start - 1].text if ent.start > 0 and doc[ent.start - 1].is_title else None)
                found = gazetteer.person_by_surname(text, published, title=title)
                if found:
                    index.add_mention(gazetteer.actor(found, published), tokens, "surname", ent.text, ent.start_char,
                                      ent.end_char)
                    continue
            found = gazetteer.lookup(text)
            if found:
                index.add_mention(gazetteer.actor(found, published), tokens, "gazetteer", ent.text, ent.start_char,
                                  ent.end_char)
                continue
            country, sector, title_tokens = _title_context(ent, index)
            actor = Actor(key=f"person-{slug(text)}", label=text, type=ActorType.PERSON, country=country,
                          sector=sector, known=False)
            if title_tokens:
                # "Serbian President Vojislav Kostunica": the title is part of the person's mention
                for t in title_tokens:
                    index.by_token.pop(t.i, None)
                first = title_tokens[0]
                index.mentions = [m for m in index.mentions if not (first.idx <= m.start < ent.start_char)]
                index.add_mention(actor, title_tokens + tokens, "ner", doc[first.i:ent.end].text, first.idx,
                                  ent.end_char)
            else:
                index.add_mention(actor, tokens, "ner", ent.text, ent.start_char, ent.end_char)
        elif ent.label_ == "ORG":
            found = gazetteer.resolve(text, published)
            if found:
                index.add_mention(found, tokens, "gazetteer", ent.text, ent.start_char, ent.end_char)
                continue
            actor = Actor(key=f"org-{slug(text)}", label=text, type=ActorType.ORGANIZATION, known=False)
            index.add_mention(actor, tokens, "ner", ent.text, ent.start_char, ent.end_char)
        elif ent.label_ in ("GPE", "LOC", "FAC"):
            found = gazetteer.find_place(ent.text)
            for t in tokens:
                index.places[t.i] = (ent.text, found.country if found else None)
                if found:
                    index.place_coords[t.i] = (found.latitude, found.longitude)
    # "<sector noun> in|of|from <country or place>": "security forces in Guinea",
    # "opposition groups in Zimbabwe", "the government of Sindh province".
    for t in doc:
        if t.i in index.by_token or t.pos_ not in ("NOUN", "PROPN"):
            continue
        sector = gazetteer.sector_nouns.get(f"{doc[t.i - 1].lower_} {t.lower_}") if t.i > 0 else None
        sector = sector or gazetteer.sector_nouns.get(t.lower_)  # "security forces" before "forces"
        if sector is None:
            continue
        country = None
        preps = [c for c in t.children if c.dep_ == "prep" and c.lower_ in ("in", "of", "from", "throughout")]
        preps += [p for c in t.children if c.dep_ == "acl" and c.lower_ == "based" for p in c.children
                  if p.dep_ == "prep" and p.lower_ == "in"]
        # "refugees fleeing the war in Liberia": a place in the participle's object
        preps += [p for c in t.children if c.dep_ == "acl" and c.tag_ == "VBG" for d in c.children
                  if d.dep_ in ("dobj", "prep") for p in ([d] if d.dep_ == "prep" else d.children)
                  if p.dep_ == "prep" and p.lower_ in ("in", "from")]
        for prep in preps:
            for pobj in (p for p in prep.children if p.dep_ == "pobj"):
                place_tokens = [x for x in pobj.subtree if x.i in index.places]
                if place_tokens:
                    country = index.places[place_tokens[0].i][1]
                    break
            if country:
                break
        if country:
            actor = gazetteer.sector_actor(country, sector, published)
            index.add_mention(actor, [t], "sector", t.text, t.idx, t.idx + len(t.text))
    # Surnames the statistical NER missed ("Ardern later criticized China").
    for t in doc:
        if t.i in index.by_token or t.i in index.places or t.pos_ != "PROPN" or t.text not in surnames:
            continue
        if (t.i > 0 and doc[t.i - 1].pos_ == "PROPN") or (t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN"):
            continue  # part of a longer name
        key = surnames[t.text]
        actor = gazetteer.actor(key, published) if key in gazetteer.entries else index.actors.get(key)
        if actor is not None:
            index.add_mention(actor, [t], "surname", t.text, t.idx, t.idx + len(t.text))
    mentioned = {m.actor for m in index.mentions}
    index.actors = {k: a for k, a in index.actors.items() if k in mentioned}
    return index


def _title_context(ent, index: "ActorIndex"):
    """Country and sector of an unknown person from the words before the name:
    "Zimbabwean Prime Minister Robert Mugabe", "Taiwan's Vice Foreign Minister",
    "Gen. X". Returns (country, sector, title tokens)."""
    doc = ent.doc
    title_sectors = index.gazetteer.title_sectors
    country = sector = None
    tokens = []
    for word in ent.text.split()[:-1]:  # titles inside the entity ("President Abdelaziz Bouteflika")
        sector = sector or title_sectors.get(word.lower())
    i = ent.start - 1
    while i >= max(ent.sent.start, ent.start - 6):
        t = doc[i]
        if t.is_punct and t.text not in ("-",) or t.pos_ in ("VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "NUM"):
            if t.lower_ not in ("'s", "’s"):
                break
        tokens.insert(0, t)
        sector = sector or title_sectors.get(t.lower_)
        for ref in index.by_token.get(t.i, ()):
            a = index.actors.get(ref.actor)
            transnational = index.gazetteer.transnational(a.sector) if a is not None else False
            if a is not None and a.type != ActorType.PERSON and (a.country or transnational):
                country = country or a.country
                sector = sector or (a.sector if a.type != ActorType.COUNTRY else None)
                if transnational and not a.country:
                    sector = a.sector  # "U.N. mediator X", "Arab League Secretary-General X"
        if t.i in index.adjectives:
            country = country or index.adjectives[t.i].country
        i -= 1
    if country is None and sector is None:
        return None, None, []
    # keep only a title phrase that ends right before the name
    return country, sector, [t for t in tokens if t.i < ent.start]


#: Actor types that take the story's country when the gazetteer gives them none.
DOMESTIC_TYPES = (ActorType.PERSON, ActorType.ORGANIZATION)


def story_country(index: ActorIndex) -> Optional[str]:
    """The country an article is about: the ISO code with the most mentions
    (actors with a country, demonyms, places), if one leads; None on a tie.

    >>> from kg.gazetteer import Gazetteer
    >>> index = ActorIndex(Gazetteer.load(), Lexicon.load(), None)
    >>> index.places = {0: ("Algiers", "DZA"), 5: ("Oran", "DZA"), 9: ("Paris", "FRA")}
    >>> story_country(index)
    'DZA'
    """
    counts: Counter = Counter()
    for m in index.mentions:
        actor = index.actors.get(m.actor)
        if actor is not None and actor.country:
            counts[actor.country] += 1
    counts.update(country for _, country in index.places.values() if country)
    counts.update(actor.country for actor in index.adjectives.values() if actor.country)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def place_unknown_people(actors: dict[str, Actor], country: Optional[str]) -> dict[str, Actor]:
    """People and organisations the gazetteer does not know ("President Yoweri
    Museveni", "the Umma party") are taken to be of the story's country: the
    event coders' domestic default. Only this article's graph says so; an actor
    the gazetteer knows keeps the gazetteer's country.

    On the PLOVER development records this moved (type, source, target) F1
    from 0.558 to 0.608 (``kg eval ../shared/eval/plover-gsr-dev.json``)."""
    if not country:
        return actors
    return {k: replace(a, country=country) if a.type in DOMESTIC_TYPES and not a.known and not a.country else a
            for k, a in actors.items()}


def known_or_used(index: ActorIndex, used: set[str]) -> dict[str, Actor]:
    """The actors worth writing: every gazetteer actor mentioned, and the
    actors found only by NER that take part in a claim or an event (NER alone
    mislabels too much for a bare mention to become a node)."""
    return {k: a for k, a in index.actors.items() if a.known or k in used}
