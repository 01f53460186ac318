"""Actor mentions in one parsed article, and in-article coreference.

Reads: a spaCy ``Doc`` whose entities carry gazetteer ids (``ent_id_``) from
the entity ruler, the gazetteer (curated names over the imported lexicons),
the lexicon (titles, group nouns, pronouns), the publication date and the
dateline.
Writes: an :class:`ActorIndex` mapping tokens to the actors they refer to.

Every person, organisation and group spaCy finds is an actor: one the
gazetteer knows ("Kremlin", "Abdel Fattah al-Sisi" of the imported lexicons,
with the role in force on the story's day), else one of its own, with the
country and sector its title words give ("Kremlin spokesman Dmitry Peskov").
One actor per identity inside an article: "Gen. Mark Milley", "Milley" and
"he" are one actor; "Daesh", "IS" and "Islamic State" are one actor; "the
Rapid Support Forces (RSF)" and "RSF" are one actor, and so are "Houthi" and
"Houthis"; "Erdogan" alone is the gazetteer's Recep Tayyip Erdogan, the one
person of that surname holding a role that day. "American warplanes" is the
U.S. military; "Taliban commanders" is the Taliban. Cities and regions are
places of their country ("Omdurman"). A sector noun with no country of its
own that is a party ("protesters", "army positions") is the sector of the
story's country (:meth:`ActorIndex.refs`). An acronym of words in lower case
("LNG") names no actor.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Optional

from ..gazetteer import ARTICLE, Gazetteer
from ..model import Actor, ActorType, Dateline, Mention, Sector, slug
from .lexicon import Lexicon
from .syntax import subject_tokens

#: spaCy entity types of words that are never an actor (times, sums, counts).
NOT_ACTORS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"})

# How sure we are that a token refers to an actor, by how it was found.
CONFIDENCE = {"gazetteer": 1.0, "surname": 0.95, "sector": 0.9, "acronym": 0.9, "ner": 0.75, "pronoun": 0.7,
              "capital": 0.7, "owner": 0.65, "context": 0.6}


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
    context_country: Optional[str] = None  # the story's country (:func:`story_country`)
    sentence_countries: dict[int, Optional[str]] = field(default_factory=dict)  # sentence start -> its country

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
        """The actors a token refers to, resolving lazily, for the argument slots the
        extractors ask about: pronouns and "the group" (the actor they point back to),
        a capital ("Kabul said": its government), a sector noun no name owns
        ("protesters": the civilians of the country in context)."""
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
        sector = self._bare_sector(token)
        if sector is not None:
            # "protesters", "the army": a sector with no country of its own is that of the country
            # the sentence is set in ("in Khartoum"), else of the story's country
            sent = token.sent
            if sent.start not in self.sentence_countries:
                self.sentence_countries[sent.start] = self._sentence_country(sent) or self._story_country_fits(sent)
            country = self.sentence_countries[sent.start]
            if country:
                actor = self.gazetteer.sector_actor(country, sector, self.published)
                self.add_mention(actor, [token], "context", token.text, token.idx, token.idx + len(token.text))
                return self.by_token[token.i]
        return []

    def _story_country_fits(self, sent) -> Optional[str]:
        """The story's country, unless the sentence names another country (an actor,
        a demonym or a place of another country makes the default a guess)."""
        if self.context_country is None:
            return None
        for i in range(sent.start, sent.end):
            countries = {self.actors[r.actor].country for r in self.by_token.get(i, ()) if r.actor in self.actors}
            if i in self.places:
                countries.add(self.places[i][1])
            if i in self.adjectives:
                countries.add(self.adjectives[i].country)
            if countries - {None, self.context_country}:
                return None
        return self.context_country

    def _sentence_country(self, sent) -> Optional[str]:
        """The one country of the places a sentence names after a preposition of place
        ("in southern Lebanon", "near Mosul"); None when it names none or several."""
        found = set()
        for i in range(sent.start, sent.end):
            if i in self.places and self.places[i][1]:
                t = sent.doc[i]
                for _ in range(3):  # "in the eastern town of Soroti", "in Western Cambodia"
                    if t.dep_ == "pobj" and t.head.lower_ in self.lexicon.place_prepositions:
                        found.add(self.places[i][1])
                        break
                    if t.head.i == t.i:
                        break
                    t = t.head
        return found.pop() if len(found) == 1 else None

    def _bare_sector(self, token) -> Optional[Sector]:
        """The sector a noun names when nothing in its phrase says whose it is: no
        possessor ("their fighters"), no name or demonym before it ("Hamas fighters",
        "an Indian proposal")."""
        if token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ in NOT_ACTORS:
            return None
        sector = _noun_sector(self.gazetteer, token)
        if sector is None or token.lower_ in self.lexicon.abroad_nouns:
            return None
        for c in token.children:
            if c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod")
                                   and (c.i in self.by_token or c.i in self.adjectives or c.i in self.places)):
                return None
        return sector

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
        plural = "Plur" in token.morph.get("Number")
        candidates: list[tuple[list[Ref], object]] = []
        for i in range(token.i - 1, max(-1, token.i - 80), -1):
            if i in own:
                continue
            t = token.doc[i]
            group = self._coordinated(t) if plural else []
            if group:  # "Xi and Putin pledged to deepen their partnership": both
                candidates.append((group, t))
                continue
            for ref in self.by_token.get(i, ()):
                if self.actors[ref.actor].type in types and ref.how != "pronoun":
                    candidates.append(([ref], t))
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
        refs = [Ref(b.actor, "pronoun", CONFIDENCE["pronoun"], token.text) for b in best]
        for ref in refs:
            self.mentions.append(Mention(actor=ref.actor, text=token.text, start=token.idx,
                                         end=token.idx + len(token.text), how="pronoun"))
        self.by_token[token.i] = refs
        return refs

    def _coordinated(self, token) -> list[Ref]:
        """The actors of a coordinated subject ("Xi and Putin"), each named, if ``token``
        is one; else nothing."""
        if token.dep_ not in ("nsubj", "nsubjpass") or not token.conjuncts:
            return []
        group = []
        for t in (token, *token.conjuncts):
            named = [r for r in self.by_token.get(t.i, ()) if r.how != "pronoun"]
            if not named:
                return []
            group.append(named[0])
        return group if len({r.actor for r in group}) > 1 else []


def _noun_sector(gazetteer: Gazetteer, token) -> Optional[Sector]:
    """The sector a noun names, with the word before it ("security forces", "service
    members") or alone, as written or as its lemma ("mediators": "mediator")."""
    nouns, lower = gazetteer.sector_nouns, token.lower_
    if lower in gazetteer.sector_noun_heads and token.i > token.sent.start:
        sector = nouns.get(f"{token.doc[token.i - 1].lower_} {lower}")
        if sector:
            return sector
    return nouns.get(lower) or nouns.get(token.lemma_.lower())


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


def _head_outside(span, owner_participles: frozenset[str] = frozenset()):
    """The token a span modifies, when the span is a modifier inside a noun phrase
    ("Saudi-led coalition": a participle of ``owner_participles`` in between)."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].text in ("-", "‐") and not doc[span.start - 1].whitespace_:
        return None  # "pro-EU protesters", "anti-Taliban fighters" are not the EU's or the Taliban's
    root = span.root
    while root.dep_ == "conj" and root.head.i in range(span.start - 8, span.end + 8):
        root = root.head  # "Hungarian and Romanian officials": follow to the first conjunct
    if (root.dep_ == "npadvmod" and root.head.lower_ in owner_participles and root.head.dep_ == "amod"
            and root.head.head.pos_ in ("NOUN", "PROPN")):
        return root.head.head
    if root.dep_ in ("compound", "amod", "nmod", "poss") and root.head.pos_ in ("NOUN", "PROPN"):
        head = root.head
        if not (span.start <= head.i < span.end):
            return head
    return None


#: Words left out of the initials an acronym is made of ("Islamic State of Iraq and Syria": ISIS).
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "in", "on", "de", "du", "des", "la", "le", "al", "el", "&"})


def _is_acronym(text: str) -> bool:
    """"RSF", "U.N.", "HTS": a short name in capitals.

    >>> _is_acronym("RSF"), _is_acronym("U.N."), _is_acronym("Hamas"), _is_acronym("A")
    (True, True, False, False)
    """
    letters = text.replace(".", "").replace("-", "")
    return 2 <= len(letters) <= 6 and letters.isalnum() and letters.isupper()


def initials(words) -> str:
    """The acronym a name makes ("Rapid Support Forces": RSF; "liquefied natural gas": LNG).

    >>> initials("Islamic State of Iraq and Syria".split()), initials(["liquefied", "natural", "gas"])
    ('ISIS', 'LNG')
    """
    return "".join(w[0] for w in words if w.lower() not in _ACRONYM_SKIP and w[:1].isalnum()).upper()


def _number_key(text: str) -> str:
    """A name compared across its grammatical number: "Houthi", "Houthis", "the Houthis'" alike."""
    name = ARTICLE.sub("", " ".join(text.split())).rstrip("'’").lower()
    return name[:-1] if len(name) > 3 and name.endswith("s") and not name.endswith("ss") else name


def _title_of_person(head) -> bool:
    """Whether a noun is a title before a person's name ("President" in "Chinese President Xi")."""
    t = head
    while t.dep_ == "compound" and t.head.i > t.i:
        t = t.head
        if t.ent_type_ == "PERSON":
            return True
    return False


def index_actors(doc, gazetteer: Gazetteer, lexicon: Lexicon, published: Optional[date],
                 dateline: Optional[Dateline] = None) -> ActorIndex:
    """Find every actor mention in ``doc`` (``dateline``: where the story was filed, the
    tie-breaker of the story's country)."""
    index = ActorIndex(gazetteer=gazetteer, lexicon=lexicon, published=published)
    titles = lexicon.person_titles
    ents = [e for e in doc.ents if e.label_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")]

    # Pass 1: full person names, so a surname (or the family name first of "Xi Jinping") can be
    # linked wherever it occurs.
    surnames: dict[str, str] = {}
    given: dict[str, str] = {}
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        name = titles.sub("", ent.text).strip()
        if len(name.split()) < 2:
            continue
        found = ent.ent_id_ or gazetteer.lookup(name, published)
        key = found if found in gazetteer.entries else f"person-{slug(name)}"
        surnames.setdefault(name.split()[-1], key)
        given.setdefault(name.split()[0], key)

    unknown: dict[str, str] = {}  # unknown names by _number_key -> actor key: "Houthi" and "Houthis" are one
    acronyms: list = []  # unknown acronyms ("RSF"), resolved once every other name is known
    for ent in ents:
        tokens = list(ent)
        gid = ent.ent_id_
        if gid.startswith("capital:"):
            country = gazetteer.entries[gid.split(":", 1)[1]].country
            found = gazetteer.find_place(ent.text)
            for t in tokens:
                index.places[t.i] = (ent.text, country)
                if found and found.country == country and found.latitude is not None:
                    index.place_coords[t.i] = (found.latitude, found.longitude)
            continue
        text = titles.sub("", ent.text).strip()
        if not text or text.endswith(("-", "‐")):
            continue  # no name, or the prefix of one ("pro-" of "pro-EU")
        if not gid and ent.label_ == "PERSON" and len(text.split()) == 1:
            if _link_surname(index, ent, text, surnames, given):
                continue
        if not gid and ent.label_ == "ORG" and _is_acronym(text) and not gazetteer.lookup(text, published):
            acronyms.append(ent)
            continue
        if not gid:
            gid = gazetteer.lookup(text, published) or ""
        if gid in gazetteer.entries:
            _known(index, ent, tokens, gazetteer.entries[gid])
            continue
        if (ent.label_ != "PERSON" and len(text.split()) == 1 and gazetteer.find_place(text) is None
                and _link_surname(index, ent, text, surnames, given)):
            continue  # a surname the statistical NER took for an organisation or a place ("Stoltenberg told")
        if ent.label_ == "PERSON":
            _unknown_person(index, ent, text, tokens)
        elif ent.label_ in ("ORG", "NORP"):
            _unknown_group(index, ent, text, tokens, unknown)
        else:  # GPE, LOC, FAC the gazetteer does not know as actors: places
            _place(index, ent, tokens)
    for ent in acronyms:
        _acronym(index, ent, unknown)
    _sector_nouns_of_places(index, doc)
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
    index.context_country = story_country(index, dateline)
    return index


def _link_surname(index: ActorIndex, ent, text: str, surnames: dict[str, str], given: dict[str, str]) -> bool:
    """A one-word name: a person named in full in the article ("Milley", "Xi" of "Xi Jinping"),
    else the one gazetteer person of that surname who holds a role on the story's day
    ("Erdogan"). Returns whether it linked."""
    gazetteer, published = index.gazetteer, index.published
    key = surnames.get(text) or given.get(text)
    if key is not None:
        actor = gazetteer.actor(key, published) if key in gazetteer.entries else index.actors.get(key)
        if actor is not None:
            index.add_mention(actor, list(ent), "surname", ent.text, ent.start_char, ent.end_char)
            return True
    doc = ent.doc
    title = ent.text.split()[0] if len(ent.text.split()) > 1 else (
        doc[ent.start - 1].text if ent.start > 0 and doc[ent.start - 1].is_title else None)
    found = gazetteer.person_by_surname(text, published, title=title)
    if found:
        index.add_mention(gazetteer.actor(found, published), list(ent), "surname", ent.text, ent.start_char,
                          ent.end_char)
        return True
    return False


def _known(index: ActorIndex, ent, tokens, entry) -> None:
    """A name the gazetteer knows: a country (as a place, with a sector noun after it, or as a
    demonym), a person (an imported one takes the article's title words over the lexicon's
    stale role), an organisation or a group (with the member noun after it)."""
    gazetteer, published, doc = index.gazetteer, index.published, ent.doc
    head = _head_outside(ent, index.lexicon.owner_participles)
    if entry.type == ActorType.COUNTRY:
        if head is not None and _title_of_person(head):
            for t in tokens:  # "Chinese President Xi Jinping": the title says the person's country
                index.adjectives[t.i] = gazetteer.actor(entry.id, published)
            return
        sector = _noun_sector(gazetteer, head) if head is not None else None
        led = head is not None and any(t.lower_ in index.lexicon.owner_participles for t in doc[ent.end:head.i])
        if sector or led:
            # "American troops": a sector of the country; "a Saudi-led coalition": the country's
            actor = gazetteer.sector_actor(entry.country, sector, published) if sector else \
                gazetteer.actor(entry.id, published)
            index.add_mention(actor, [*tokens, head], "sector" if sector else "gazetteer",
                              doc[ent.start:head.i + 1].text, ent.start_char, head.idx + len(head.text))
            return
        if ent.label_ == "NORP":
            if ent.root.tag_ in ("NNS", "NNPS") or ent.text.endswith("s"):
                # "Afghans": the people of the country.
                actor = gazetteer.sector_actor(entry.country, Sector.CVL, published)
                index.add_mention(actor, tokens, "sector", ent.text, ent.start_char, ent.end_char)
            else:
                # an adjective ("American history") names no actor, but may own
                # the object of a relation ("rejected an Indian proposal")
                for t in tokens:
                    index.adjectives[t.i] = gazetteer.actor(entry.id, published)
            return
        for t in tokens:
            index.places[t.i] = (entry.label, entry.country)
    actor = gazetteer.actor(entry.id, published)
    if entry.imported and entry.type == ActorType.PERSON:
        # "NATO Secretary General Jens Stoltenberg": the story is newer than the lexicon's roles
        country, sector, _ = _title_context(ent, index)
        if country:
            actor = replace(actor, country=country, sector=sector)
        elif sector:
            actor = replace(actor, country=None if gazetteer.transnational(sector) else actor.country, sector=sector)
    if head is not None and (head.lower_ in index.lexicon.group_nouns or head.lower_ in gazetteer.sector_nouns):
        _add_with_member_noun(index, actor, ent, head, "gazetteer")
    else:
        index.add_mention(actor, tokens, "gazetteer", ent.text, ent.start_char, ent.end_char)


def _add_with_member_noun(index: ActorIndex, actor: Actor, ent, head, how: str) -> None:
    """"Taliban commanders", "NATO service members": the noun after a group's name means
    the group; the mention is the whole phrase."""
    doc = ent.doc
    if head.i > ent.end:
        text, end = doc[ent.start:head.i + 1].text, head.idx + len(head.text)
    else:
        text, end = ent.text, ent.end_char
    index.add_mention(actor, [*ent, head], how, text, ent.start_char, end)


def _unknown_person(index: ActorIndex, ent, text: str, tokens) -> None:
    """A person the gazetteer does not know, with the country and sector of the title
    words before the name ("Kremlin spokesman Dmitry Peskov")."""
    doc = ent.doc
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


def _unknown_group(index: ActorIndex, ent, text: str, tokens, unknown: dict[str, str]) -> None:
    """An organisation or a group the gazetteer does not know: one actor per name in the
    article, whatever its number ("Houthi", "Houthis"). A sector noun named as an
    organisation ("the Army", "Interior Ministry") is left to the country in context
    (:meth:`ActorIndex.refs`); a city taken for a group ("Omdurman") is a place."""
    gazetteer = index.gazetteer
    bare = ARTICLE.sub("", text)
    if bare.lower() in gazetteer.sector_nouns:
        return
    if gazetteer.find_place(text) is not None or ent[-1].lower_ in gazetteer.facility_words:
        _place(index, ent, tokens)  # "Omdurman" taken for a group, "Oxford Street" for an organisation
        return
    if ent.label_ == "NORP" and ent.root.dep_ in ("amod", "compound") and not text.endswith("s"):
        return  # an adjective ("European ports") names no group
    key = unknown.get(_number_key(text))
    actor = index.actors.get(key) if key else None
    if actor is None:
        prefix, type_ = ("org", ActorType.ORGANIZATION) if ent.label_ == "ORG" else ("group", ActorType.GROUP)
        country, sector, _ = _title_context(ent, index, nouns=True)
        actor = Actor(key=f"{prefix}-{slug(bare)}", label=bare, type=type_, country=country, sector=sector,
                      known=False)
        unknown[_number_key(text)] = actor.key
    head = _head_outside(ent)
    if head is not None and head.lower_ in index.lexicon.group_nouns:
        _add_with_member_noun(index, actor, ent, head, "ner")
    else:
        index.add_mention(actor, tokens, "ner", ent.text, ent.start_char, ent.end_char)


def _place(index: ActorIndex, ent, tokens) -> None:
    found = index.gazetteer.find_place(ent.text)
    for t in tokens:
        index.places[t.i] = (ent.text, found.country if found else None)
        if found and found.latitude is not None:
            index.place_coords[t.i] = (found.latitude, found.longitude)


def _acronym(index: ActorIndex, ent, unknown: dict[str, str]) -> None:
    """An acronym the gazetteer does not know: the actor it follows in parentheses
    ("the Rapid Support Forces (RSF)"), else the actor whose name it spells, else an
    organisation of its own; an acronym of words in lower case ("liquefied natural gas
    (LNG)") names a thing, not an actor."""
    doc = ent.doc
    text = ent.text.replace(".", "")
    key = unknown.get(_number_key(ent.text))
    if key is None and ent.start >= 2 and doc[ent.start - 1].text == "(":
        key = next((r.actor for r in index.by_token.get(ent.start - 2, ())), None)
    if key is None:
        key = next((m.actor for m in index.mentions if m.how != "pronoun" and len(m.text.split()) > 1
                    and initials(index.lexicon.person_titles.sub("", m.text).split()) == text), None)
    if key is None and _spelt_in_lower_case(doc, text):
        return
    actor = index.actors.get(key) if key else None
    how = "acronym"
    if actor is None:  # an acronym on its own: kept as an actor only if something uses it (story_actors)
        country, sector, _ = _title_context(ent, index)
        actor = Actor(key=f"org-{slug(ent.text)}", label=ent.text, type=ActorType.ORGANIZATION, country=country,
                      sector=sector, known=False)
        how = "ner"
    unknown[_number_key(ent.text)] = actor.key
    index.add_mention(actor, list(ent), how, ent.text, ent.start_char, ent.end_char)


def _spelt_in_lower_case(doc, acronym: str) -> bool:
    """Whether words in lower case in ``doc`` spell ``acronym`` ("liquefied natural gas")."""
    n = len(acronym)
    for i, t in enumerate(doc):
        if t.text[:1].lower() != acronym[0].lower() or not t.is_lower:
            continue
        words = [w.text for w in doc[i:i + n + 2] if w.is_alpha]
        for size in range(n, min(len(words), n + 2) + 1):
            if initials(words[:size]) == acronym and all(w.islower() for w in words[:size]):
                return True
    return False


def _sector_nouns_of_places(index: ActorIndex, doc) -> None:
    """"<sector noun> in|of|from <country or place>": "security forces in Guinea",
    "opposition groups in Zimbabwe", "the government of Sindh province"."""
    gazetteer, published = index.gazetteer, index.published
    for t in doc:
        if t.i in index.by_token or t.pos_ not in ("NOUN", "PROPN"):
            continue
        sector = _noun_sector(gazetteer, t)
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


def _title_context(ent, index: "ActorIndex", nouns: bool = False):
    """Country and sector of an unknown person from the words before the name:
    "Zimbabwean Prime Minister Robert Mugabe", "Taiwan's Vice Foreign Minister",
    "Gen. X"; with ``nouns``, sector nouns count too (an organisation's
    "Sudan's paramilitary Rapid Support Forces"). Returns (country, sector, title tokens)."""
    doc = ent.doc
    title_sectors = index.gazetteer.title_sectors
    sector_nouns = index.gazetteer.sector_nouns if nouns else {}
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
        sector = sector or title_sectors.get(t.lower_) or sector_nouns.get(t.lower_)
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


def story_country(index: ActorIndex, dateline: Optional[Dateline] = None) -> Optional[str]:
    """The country an article is about: the ISO code with the most mentions
    (actors with a country, demonyms, places), if one leads; on a tie, the
    country of the dateline's place if it is one of them; else None.

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
    ranked = counts.most_common()
    if not ranked:
        return None
    leaders = [c for c, n in ranked if n == ranked[0][1]]
    if len(leaders) == 1:
        return leaders[0]
    place = index.gazetteer.find_place(dateline.place) if dateline is not None else None
    return place.country if place is not None and place.country in leaders else None


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


def story_actors(index: ActorIndex, used: set[str]) -> dict[str, Actor]:
    """The actors worth writing: every actor the gazetteer knows, every person named
    in full and every organisation or group named in the article, and the actors
    that take part in a claim or an event. A one-word name the statistical NER alone
    found and nothing uses ("Rustaveli") is left out: NER mislabels such words too
    often for a bare mention to become a node."""
    named: set[str] = set()
    for m in index.mentions:
        if m.how in ("gazetteer", "surname", "acronym", "sector", "capital") or len(m.text.split()) > 1:
            named.add(m.actor)
    return {k: a for k, a in index.actors.items() if a.known or k in named or k in used}
