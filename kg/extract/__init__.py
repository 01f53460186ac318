"""Extraction: a parsed article in, plain Python objects out.

The extractors know nothing of RDF. Each step reads the spaCy ``Doc`` and the
results of the steps before it:

1. :func:`~kg.extract.actors.index_actors` — actor mentions and coreference (and the
   story's country, :func:`~kg.extract.actors.story_country`, the dateline breaking ties);
2. :func:`~kg.extract.events.extract_events` — events from their triggers, and the claims they imply;
3. :func:`~kg.extract.relations.extract_relations` — claims from relation frames, and under
   them from the imported verb patterns (:mod:`kg.extract.imported`); an object that names
   an event of 2 stands for its agents; statements with a subject and no object become
   events (:func:`~kg.extract.events.one_actor_events`);
4. modality, coding and dates are computed inside 2 and 3
   (:mod:`kg.extract.modality`, :mod:`kg.extract.coding`, :mod:`kg.extract.dates`);
5. :func:`~kg.extract.timing.time_claims` — the event time of claims (from
   their event, or a date attached to their trigger);
6. :func:`~kg.extract.actors.story_actors` — the actors written: those the gazetteer
   knows, those named in the article, those a claim or an event uses;
   :func:`~kg.extract.actors.place_unknown_people` — people and organisations
   the gazetteer does not know take the story's country.

Claims that state one fact twice in a sentence (two triggers, or a frame and
an event) are merged into one (:func:`~kg.extract.claims.merge_claims`).

Shared by 2 and 3: :mod:`kg.extract.syntax` (walks of the parse tree) and
:mod:`kg.extract.arguments` (the actors argument tokens stand for). The data
files come in through the :class:`~kg.extract.lexicon.Lexicon` and the
:class:`~kg.gazetteer.Gazetteer`, loaded once per call of
:func:`extract_articles` (and built again when a file has changed).

>>> from kg.readers import read_articles  # doctest: +SKIP
>>> ex = extract_article(next(read_articles(["seeds/"])))  # doctest: +SKIP
>>> sorted({c.relation for c in ex.claims})[:2]  # doctest: +SKIP
['attacks', 'coordinatesWith']
"""
from __future__ import annotations

from typing import Iterable, Iterator, Optional

from ..clean import clean
from ..gazetteer import Gazetteer
from ..model import Article, Extraction
from ..nlp import build_pipeline, use_gazetteer
from .actors import index_actors, place_unknown_people, story_actors
from .claims import merge_claims
from .events import events_by_head, extract_events, one_actor_events
from .lexicon import Lexicon
from .relations import extract_relations
from .timing import time_claims

__all__ = ["extract_doc", "extract_article", "extract_articles"]


def extract_doc(doc, article: Article, gazetteer: Optional[Gazetteer] = None,
                lexicon: Optional[Lexicon] = None) -> Extraction:
    """Everything ``kg`` extracts from one parsed article."""
    gazetteer = gazetteer or Gazetteer.load()
    lexicon = lexicon or Lexicon.load()
    index = index_actors(doc, gazetteer, lexicon, article.published, article.dateline)
    events, event_claims = extract_events(doc, article.id, index, lexicon, article.published)
    named = events_by_head(doc, events)
    claims, one_actor = [], []
    for sent in doc.sents:
        found, alone = extract_relations(sent, index, lexicon, named)
        claims += found
        one_actor += alone
    events += one_actor_events(one_actor, article.id, index, lexicon, article.published, events)
    # A relation stated by two frames, or by a frame and an event, is one claim: the frame's.
    claims = merge_claims(claims + event_claims, lexicon.relations)
    time_claims(doc, claims, events, article.published, lexicon.time_bound_prepositions)
    used = {c.source for c in claims} | {c.target for c in claims} | {c.attributed_to for c in claims if c.attributed_to}
    for e in events:
        used.update(e.agents, e.targets, e.participants)
    actors = place_unknown_people(story_actors(index, used), index.context_country)
    # Parents of the actors used ("ISIS-K" is part of Islamic State) come along, so part_of links resolve.
    for actor in list(actors.values()):
        parent = actor.part_of
        while parent and parent not in actors and parent in gazetteer.entries:
            actors[parent] = gazetteer.actor(parent, article.published)
            parent = actors[parent].part_of
    mentions = [m for m in index.mentions if m.actor in actors]
    return Extraction(article=article, actors=actors, mentions=mentions, events=events, claims=claims)


def extract_articles(articles: Iterable[Article], nlp=None, *, batch_size: int = 16) -> Iterator[Extraction]:
    """Clean, parse and extract a stream of articles (spaCy's ``nlp.pipe`` in batches)."""
    nlp = nlp or build_pipeline()
    gazetteer, lexicon = Gazetteer.load(), Lexicon.load()
    use_gazetteer(nlp, gazetteer)  # the entity ruler names this gazetteer's actors
    cleaned = (clean(a) for a in articles)
    for doc, article in nlp.pipe(((a.clean_text, a) for a in cleaned), as_tuples=True, batch_size=batch_size):
        yield extract_doc(doc, article, gazetteer, lexicon)


def extract_article(article: Article, nlp=None) -> Extraction:
    return next(extract_articles([article], nlp))
