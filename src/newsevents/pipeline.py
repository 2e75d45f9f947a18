"""The whole path from raw documents to event records, as batch functions.

``run(raws)`` cleans, parses (``nlp.pipe``), dates, extracts, resolves and links, yielding one
:class:`Result` per input document (an article with its records, or an :class:`InputError`). The same
``process_batch`` function runs in this process, in each worker of a process pool, or in a Spark partition.
Loaded resources (spaCy pipeline, knowledge base, gazetteer, lexicon) are loaded once per process.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import hashlib
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from spacy.tokens import Doc, Span, Token

from . import extract as ex
from . import link, nlp, pubdate, timex, typemodel
from .clean import clean
from .kb import sector_roles as kb_sector_roles
from .lexicon import load as load_lexicon
from .model import (
    Article,
    ArticleRef,
    Entity,
    EventRecord,
    InputError,
    Location,
    RawDocument,
    TextSpan,
)
from .typemodel import TypeModel

SUBJECT_PRONOUNS = {"he", "she"}
OBJECT_PRONOUNS = {"him", "her"}
PLURAL_PRONOUNS = {"they", "them"}
NEUTER_PRONOUNS = {"it"}
# an unnamed agent ("the army", "protesters") takes the article's focus country when that country has at least
# this share of the article's place mentions
FOCUS_SHARE = 0.4


@dataclass
class Result:
    """One input document's outcome."""

    path: str
    article: Article | None = None
    records: list[EventRecord] = field(default_factory=list)
    error: InputError | None = None


@dataclass
class Options:
    published: dt.date | None = None  # user override of the publication date
    model: str | None = None
    batch_size: int = 32
    # path of a trained type model (newsevents train-types) that retypes records
    type_model: str | None = None


# --------------------------------------------------------------------------- resources


@lru_cache(maxsize=1)
def _resolver():
    from .actors import ActorResolver

    return ActorResolver()


@lru_cache(maxsize=1)
def _places():
    from . import places

    return places


# --------------------------------------------------------------------------- per-document stages


def _token_span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


_PREMODIFIER = frozenset({"compound", "amod", "nmod", "poss", "nummod", "npadvmod"})
_ARGUMENT = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "appos", "conj", "dative"})


def _attach(tok: Token, triggers: set[int]) -> Token:
    """The trigger or verb a time/place phrase hangs on (walks up through nouns and prepositions).

    A phrase that premodifies a subject or object ("violated the 1991 agreement", "has a June 1 deadline")
    belongs to that noun: it dates the noun, not the clause. Not a noun under a preposition: "in a Wednesday
    media event, Apple released..." sets the clause in that event.
    """
    cur = tok
    head = tok.head
    if (
        tok.dep_ in _PREMODIFIER
        and head.pos_ in ("NOUN", "PROPN")
        and head.i > tok.i
        and head.dep_ in _ARGUMENT
    ):
        return head
    for _ in range(6):
        if cur.i in triggers or cur.pos_ in ("VERB", "AUX"):
            return cur
        if cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


VERBAL_PENTA = (1, 3)  # PLOVER pentaclasses of verbal cooperation and verbal conflict
VENUE_PREPS = ("in", "at", "near")  # prepositions that say where something happened
# number words of a group description ("the two leaders", "both men", "the three ministers")
_GROUP_COUNTS = {"two": 2, "both": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4}


def _climb(t: Token) -> list[Token]:
    """Clauses whose time and place an event inherits: control verbs, relative clauses' hosts, participles.

    Not through reporting verbs: "X said on Monday that Y attacked" does not date the attack.
    """
    out = []
    cur = t
    for _ in range(5):
        dep = cur.dep_
        if dep in ("xcomp", "acl", "advcl", "pcomp", "prep", "pobj", "dobj", "nsubjpass", "appos", "conj"):
            cur = cur.head
        elif dep == "relcl":
            cur = cur.head  # the antecedent noun; its own governor next
        else:
            break
        out.append(cur)
    return out


def _event_timex(
    m: ex.Mention, by_attach: dict[int, list[timex.Timex]], at_token: dict[int, timex.Timex] | None = None
) -> timex.Timex | None:
    t = m.trigger
    if t.i in by_attach:
        return by_attach[t.i][0]
    if at_token and t.dep_ == "relcl" and t.head.i in at_token:
        # "an improvement from 2008, when the company posted a loss": the clause describes that time
        return at_token[t.head.i]
    if m.nominal and t.dep_ != "dobj":
        # "after the invasion of Ukraine, X will visit next week": the clause's date is not the noun's
        return None
    for g in _climb(t):
        if g.i in by_attach:
            return by_attach[g.i][0]
    return None


def _iso_for(tx: timex.Timex) -> str | None:
    if tx.date is None:
        return None
    if tx.precision == "day":
        return tx.date.isoformat()
    if tx.precision == "week":
        y, w, _ = tx.date.isocalendar()
        return f"{y}-W{w:02d}"
    if tx.precision == "month":
        return tx.date.strftime("%Y-%m")
    if tx.precision == "year":
        return f"{tx.date.year:04d}"
    return None


@dataclass(frozen=True)
class EventDate:
    """How one event trigger is dated. ``source``: "text" (a time expression it attaches to), "context" (the
    day of the narrative it continues), "publication" or "none"; ``day`` is the day its participants are
    resolved on; ``timex`` the expression used, if any."""

    date: str | None
    precision: str
    text: str | None
    source: str
    day: dt.date | None
    timex: timex.Timex | None = None


def _is_stamp(text: str, tx: timex.Timex) -> bool:
    """A time expression that is its line's only wording (a dateline or time stamp under the headline): it
    says when the text was written, not when anything in the sentence the parser glues it to happened."""
    line_start = text.rfind("\n", 0, tx.start) + 1
    line_end = text.find("\n", tx.end)
    line_end = len(text) if line_end < 0 else line_end
    rest = text[line_start : tx.start] + text[tx.end : line_end]
    return not any(c.isalpha() for c in rest)


def _main_clause(t: Token) -> bool:
    """Not a clause that modifies a noun: "Jobs, born on February 24, 1955, has built..." dates the birth only;
    the story does not go on on that day."""
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    # a verbless parse ("military seized power on Monday, detaining..." read as a noun phrase) hangs the
    # sentence's own verbs on the root noun: those still tell the story
    return t.dep_ not in ("acl", "relcl", "appos") or t.head.dep_ == "ROOT"


def _continues_narrative(m: ex.Mention, narrative_para: int, para: int) -> bool:
    """An undated event told in the simple past right after a dated one happened on that day.

    Not for earlier background ("had called", "has called") or for plans and nouns, and not across more
    than one paragraph break.
    """
    t = m.trigger
    if m.nominal or m.modality != "asserted" or para - narrative_para > 1:
        return False
    if any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" for c in t.children):
        return False
    if t.tag_ == "VBD":
        return True
    return t.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in t.children)


def paragraph_offsets(text: str) -> list[int]:
    """Character offsets where the paragraphs of a clean text start (a blank line separates them)."""
    return [0] + [m.end() for m in re.finditer(r"\n\n", text)]


def date_events(
    doc: Doc,
    timexes: list[timex.Timex],
    mentions: list[ex.Mention],
    published: dt.date | None,
    paragraph_starts: list[int],
) -> list[EventDate]:
    """Date each event trigger (mentions in reading order): the time expression it attaches to, else the day of
    the narrative it continues, else the publication day for an asserted verb, else nothing.

    ``timexes`` are the document's resolved expressions; ``mentions`` need ``trigger``, ``nominal`` and
    ``modality`` only (the evaluation dates gold triggers with this same function).
    """
    text = nlp.text_of(doc)
    trig_idx = {m.trigger.i for m in mentions}
    by_attach: dict[int, list[timex.Timex]] = {}
    at_token: dict[
        int, timex.Timex
    ] = {}  # every token of an expression, for clauses that modify the time itself
    for found in timexes:
        if found.boundary is not None:
            # "since March", "until Friday", "by June": an edge of an interval, not the event's own time
            continue
        if _is_stamp(text, found):
            continue
        sp = _token_span(doc, found.start, found.end)
        if sp is None:
            continue
        by_attach.setdefault(_attach(sp.root, trig_idx).i, []).append(found)
        for tok in sp:
            at_token[tok.i] = found
    out: list[EventDate] = []
    narrative: tuple[timex.Timex, int] | None = (
        None  # the day the story is on, and the paragraph it was set in
    )
    for m in mentions:
        tx = _event_timex(m, by_attach, at_token)
        para = bisect.bisect_right(paragraph_starts, m.trigger.idx) - 1
        if tx is not None:
            out.append(EventDate(_iso_for(tx), tx.precision, tx.text, "text", tx.date, tx))
            if (
                tx.precision == "day"
                and m.modality == "asserted"
                and not m.nominal
                and _main_clause(m.trigger)
            ):
                narrative = (tx, para)
        elif narrative is not None and _continues_narrative(m, narrative[1], para):
            ntx = narrative[0]
            out.append(EventDate(_iso_for(ntx), "day", ntx.text, "context", ntx.date, ntx))
        elif published and not m.nominal and m.modality == "asserted":
            out.append(EventDate(published.isoformat(), "day", None, "publication", published))
        else:
            out.append(EventDate(None, "none", None, "none", published))
    return out


def _sid(*parts: object) -> str:
    return hashlib.sha1("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


class _DocState:
    """Per-article working state: resolved places, time expressions and salient people."""

    def __init__(self, article: Article, doc: Doc) -> None:
        self.article = article
        self.doc = doc
        self.date = article.published
        self.resolver = _resolver()
        self.ctx = self.resolver.article_context(doc, self.date)
        self.text = nlp.text_of(doc)
        places = _places()
        # every place the article names, with the span trimmed as the location's offsets say ("the Kremlin's"
        # -> "Kremlin"); recognised exactly as the geoparsing scorer does
        self.places: list[tuple[Span, Location]] = []
        # the subset that can be an event's site or a participant: not demonyms ("Russian forces" is no place
        # where anything happened)
        self.site_places: list[tuple[Span, Location]] = []
        for e, loc in places.recognise_entities(self.text, doc.ents):
            span = doc.char_span(loc.start, loc.end, alignment_mode="expand") or e
            self.places.append((span, loc))
            if not places.is_adjectival(e.label_):
                self.site_places.append((span, loc))
        self.place_at: dict[int, Location] = {}
        for e, loc in self.site_places:
            for tok in e:
                self.place_at[tok.i] = loc
        # every expression found, resolved or not (inspection shows them all); events use the dated ones
        self.all_timexes = timex.resolve_document(doc, self.date) if self.date else []
        self.timexes = [tx for tx in self.all_timexes if tx.date is not None and tx.precision != "none"]
        # (entity, the day it was resolved on) for every event participant, in the order records() met them
        self.resolved_actors: list[tuple[Entity, dt.date | None]] = []
        # (sentence offset, actors then recipients) of every record made so far, for "the two leaders"
        self.participant_groups: list[tuple[int, list[Entity]]] = []
        self._person_cache: dict[int, Entity | None] = {}
        self.paragraph_starts = paragraph_offsets(self.text)
        counts = Counter(loc.country for _, loc in self.site_places if loc.country)
        total = sum(counts.values())
        top = counts.most_common(1)
        self.focus_country = (
            top[0][0] if top and top[0][1] >= 2 and top[0][1] / total >= FOCUS_SHARE else None
        )

    # ----------------------------------------------------------- actors

    def entity(self, span: Span, date: dt.date | None) -> Entity | None:
        low = span.text.lower()
        if low in SUBJECT_PRONOUNS or low in OBJECT_PRONOUNS:
            ant = self.antecedent(span, subject=low in SUBJECT_PRONOUNS)
            if ant is None:
                return None
            ent = Entity(**{**ant.__dict__})
            ent.text, ent.start, ent.end = span.text, span.start_char, span.end_char
            return ent
        if low in PLURAL_PRONOUNS or low in NEUTER_PRONOUNS:
            ant = self.plural_antecedent(span) if low in PLURAL_PRONOUNS else self.neuter_antecedent(span)
            if ant is None:
                return None
            ent = Entity(**{**ant.__dict__})
            ent.text, ent.start, ent.end = span.text, span.start_char, span.end_char
            return ent
        ent = self.resolver.resolve(self.ctx, span, date)
        if (ent is None or (ent.kind in ("agent", "office") and not ent.name)) and self._is_definite(span):
            ant = self.definite_antecedent(span)
            if ant is not None:
                ent = Entity(**{**ant.__dict__})
                ent.text = span.text
        if ent is None:
            loc = self.place_in(span)
            if loc is not None:
                ent = Entity(text=span.text, name=loc.name, kind="location", country=loc.country)
        if ent is not None:
            ent.start, ent.end = span.start_char, span.end_char
            if ent.kind in ("agent", "group") and not ent.country:
                # "the government of Sindh province" (a place the NER took for a nationality), "refugees fleeing
                # the war in Liberia", else the article's focus
                kb = self.resolver.kb
                inside = next(
                    (
                        loc
                        for sp, loc in self.places
                        if span.start <= sp.start
                        and sp.end <= span.end
                        and not kb.country_by_demonym(sp.text)
                    ),
                    None,
                )
                below = inside or self.place_below(span.root)
                ent.country = below.country if below is not None else self.focus_country
        return ent

    def actor_entity(self, span: Span, date: dt.date | None) -> Entity | None:
        """:meth:`entity`, or an unresolved actor (its text, no name or country) when the phrase is a pronoun or
        a name the knowledge base does not know ("they will not end the strike", "DHS said"): the event is
        kept without a resolved participant rather than lost."""
        ent = self.entity(span, date)
        if ent is None and ex.may_be_unresolved_actor(span):
            ent = Entity(text=span.text, start=span.start_char, end=span.end_char)
        return ent

    def participants(
        self,
        spans: list[Span],
        date: dt.date | None,
        resolve: Callable[[Span, dt.date | None], Entity | None],
    ) -> list[Entity]:
        """Resolve each participant phrase; a group named by number ("the two leaders") stands for its members."""
        out: list[Entity] = []
        for span in spans:
            members = self.group_members(span)
            if members:
                out.extend(members)
                continue
            ent = resolve(span, date)
            if ent is not None:
                out.append(ent)
        return out

    def group_members(self, span: Span) -> list[Entity]:
        """ "the two leaders", "both men", "the two countries": the people (or countries) of that number who took
        part in the last event before the phrase that had as many (actors first), else the last persons the
        article named. Empty when the phrase is no such group or the article has not named enough of them."""
        words = [t.lower_ for t in span if t.pos_ != "DET" or t.lower_ == "both"]
        if len(words) != 2 or words[0] not in _GROUP_COUNTS:
            return []
        n = _GROUP_COUNTS[words[0]]
        lex = load_lexicon()
        forms = {span.root.lemma_.lower(), span.root.lower_}
        people = bool(forms & lex.wordlist("group_people"))
        if not people and not forms & lex.wordlist("group_parties"):
            return []

        def key(e: Entity) -> str | None:
            if people:
                return e.name if e.kind in ("person", "office") and e.name else None
            return e.country if e.country and not e.affected else None

        def first_n(entities: list[Entity]) -> list[Entity]:
            found: dict[str, Entity] = {}
            for e in entities:
                k = key(e)
                if k is not None and k not in found:
                    found[k] = e
            return list(found.values())[:n] if len(found) >= n else []

        chosen: list[Entity] = []
        for start, group in reversed(self.participant_groups):
            if start < span.start_char and (chosen := first_n(group)):
                break
        if not chosen and people:
            chosen = first_n([e for start, _, e in reversed(self.named_people) if start < span.start_char])[
                ::-1
            ]
        out = []
        for e in chosen:
            if people:
                member = Entity(**{**e.__dict__})
            else:
                country = self.resolver.kb.countries.get(e.country or "")
                member = Entity(
                    text="", name=country.name if country else None, kind="country", country=e.country
                )
            member.text, member.start, member.end, member.affected = (
                span.text,
                span.start_char,
                span.end_char,
                False,
            )
            out.append(member)
        return out

    @staticmethod
    def _is_definite(span: Span) -> bool:
        """ "the soldier", "the president": a definite description with a common-noun head and no name."""
        root = span.root
        return (
            root.pos_ == "NOUN"
            and root.tag_ == "NN"
            and len(span) <= 3
            and span[0].lower_ in ("the", "this", "that")
            and not any(t.pos_ == "PROPN" for t in span)
        )

    def definite_antecedent(self, span: Span) -> Entity | None:
        """The most recent named person before ``span`` described with the same noun ("Israeli soldier Gilad
        Shalit" ... "the soldier"), or holding an office named by it ("the president")."""
        noun = span.root.lemma_.lower()
        for start, phrase, ent in reversed(self.named_people):
            if start >= span.start_char:
                continue
            if noun in phrase or (ent.office and noun in ent.office.lower()):
                return ent
        return None

    @functools.cached_property
    def named_people(self) -> list[tuple[int, str, Entity]]:
        """(offset, lower-cased phrase, entity) for every named person mention, in text order."""
        out = []
        for e in self.doc.ents:
            if e.label_ != "PERSON":
                continue
            phrase = ex.participant_span(e.root)
            ent = self._person_at(e.root)
            if ent is not None and ent.name:
                out.append((phrase.start_char, phrase.text.lower(), ent))
        return out

    def place_in(self, span: Span) -> Location | None:
        for tok in (span.root, *span):
            if tok.i in self.place_at:
                return self.place_at[tok.i]
        return None

    def _person_at(self, tok: Token) -> Entity | None:
        if tok.i not in self._person_cache:
            ent = None
            if tok.pos_ == "PROPN" or tok.ent_type_ == "PERSON" or tok.pos_ == "NOUN":
                ent = self.resolver.resolve(self.ctx, ex.participant_span(tok), self.date)
                if ent is not None and ent.kind not in ("person", "office"):
                    ent = None
            self._person_cache[tok.i] = ent
        return self._person_cache[tok.i]

    def antecedent(self, span: Span, subject: bool) -> Entity | None:
        """The person a he/she/him/her refers to: the nearest preceding subject that is a person.

        For object pronouns a person earlier in the same sentence (not the clause's subject) comes first.
        """
        sent = span.sent
        if not subject:
            for tok in reversed(list(self.doc[sent.start : span.start])):
                if tok.dep_ not in ("nsubj", "nsubjpass") and tok.dep_ != "compound":
                    ent = self._person_at(tok)
                    if ent is not None and tok.ent_type_ == "PERSON":
                        return ent
        pos = span.start
        sents = list(self.doc.sents)
        idx = next(i for i, s in enumerate(sents) if s.start <= pos < s.end)
        for s in reversed(sents[max(0, idx - 4) : idx + 1]):
            toks = [t for t in s if t.i < pos and t.dep_ in ("nsubj", "nsubjpass")]
            for tok in reversed(toks):
                if tok.lower_ in SUBJECT_PRONOUNS:
                    continue
                ent = self._person_at(tok)
                if ent is not None:
                    return ent
        return None

    def neuter_antecedent(self, span: Span) -> Entity | None:
        """ "it": the nearest preceding subject naming a country, organisation or agency ("the ministry said it").
        The speaker of the clause "it" is the subject of ("the party has said it will boycott") is its
        antecedent even when its country is unknown, except a government of no country named when an earlier
        subject names one ("Pakistan downgraded ties ... the government said it would expel")."""
        sents = list(self.doc.sents)
        idx = next(i for i, s in enumerate(sents) if s.start <= span.start < s.end)
        speaker = _speaker_of(span.root)
        said_by: Entity | None = None
        for s in reversed(sents[max(0, idx - 2) : idx + 1]):
            subs = [t for t in s if t.i < span.start and t.dep_ in ("nsubj", "nsubjpass")]
            for tok in reversed(subs):
                if tok.lower_ in NEUTER_PRONOUNS or tok.tag_ in ("NNS", "NNPS", "PRP"):
                    continue
                ent = self.resolver.resolve(self.ctx, ex.participant_span(tok), self.date)
                if ent is None or ent.kind not in ("country", "organization", "agent"):
                    continue
                if tok.i == speaker and (ent.country or ent.sector):
                    if ent.country or ent.sector != "GOV":
                        return ent
                    said_by = ent
                elif ent.country:
                    return ent
        return said_by

    def plural_antecedent(self, span: Span) -> Entity | None:
        """ "they"/"them": the nearest preceding plural subject (or coordinated subjects) that names an actor."""
        sents = list(self.doc.sents)
        idx = next(i for i, s in enumerate(sents) if s.start <= span.start < s.end)
        for s in reversed(sents[max(0, idx - 2) : idx + 1]):
            subs = [t for t in s if t.i < span.start and t.dep_ in ("nsubj", "nsubjpass")]
            for tok in reversed(subs):
                if tok.lower_ in PLURAL_PRONOUNS or tok.tag_ not in ("NNS", "NNPS"):
                    continue
                ent = self.resolver.resolve(self.ctx, ex.participant_span(tok), self.date)
                if ent is not None:
                    return ent
        return None

    def unnamed_actor(self, m: ex.Mention, location: Location | None) -> list[Entity]:
        """The unnamed perpetrator of an agentless attack or arrest, of the country of its location in the same
        sentence (``unnamed_actors.tsv``); none for other events or without such a location."""
        sent = m.sentence
        if location is None or not location.country or location.start is None:
            return []
        if not sent.start_char <= location.start < sent.end_char:
            return []
        u = load_lexicon().unnamed_actor(m.entry.event, m.entry.mode)
        if u is None:
            return []
        return [Entity(text=u.text, kind="agent", country=location.country, sector=u.sector, implicit=True)]

    def affected(self, m: ex.Mention, date: dt.date | None) -> Entity | None:
        """The party or place an event with no named recipient is done to, as PLOVER codes its target: the
        nearest noun below the trigger (:func:`extract.affected_heads`) that is a place ("the curfew imposed in
        Sudan", kind ``location``) or a party with a country ("expelled two Russian diplomats")."""
        taken = {t.i for s in m.actors for t in s}
        verbal = load_lexicon().types[m.entry.event].penta in VERBAL_PENTA
        # for verbal acts (statements, meetings, agreements) a place on the trigger or its object is the venue,
        # not the target
        if verbal:
            hosts = (m.trigger, *(c for c in m.trigger.children if c.dep_ == "dobj"))
            taken |= {x.i for pobj in self._venue_places(hosts) for x in pobj.subtree}
        for tok in ex.affected_heads(m.trigger, taken, verbal):
            if tok.i in self.place_at:
                span, loc = next((sp, lc) for sp, lc in self.site_places if sp.start <= tok.i < sp.end)
                return Entity(
                    text=span.text,
                    name=loc.name,
                    kind="location",
                    country=loc.country,
                    start=span.start_char,
                    end=span.end_char,
                    affected=True,
                )
            if ex.names_a_party(tok, nationals=True):
                ent = self.entity(ex.participant_span(tok), date)
                if ent is not None and ent.country:
                    ent.affected = True
                    return ent
        return None

    def home_country(self, m: ex.Mention, actors: list[Entity], date: dt.date | None) -> Entity | None:
        """For acts aimed at the actor's own country when no target is named (``EventType.domestic_target``:
        "Algerian landowners began a hunger strike"), the word of the actor's phrase that names that country."""
        lex = load_lexicon()
        if not lex.types[m.entry.event].domestic_target or not actors or not actors[0].country:
            return None
        taken = lex.wordlist("places_taken")
        if any(x.lemma_.lower() in taken for c in m.trigger.children if c.dep_ == "dobj" for x in c.subtree):
            return None  # "annexing the four regions": territory taken is not the actor's own country
        home = actors[0].country
        for span in m.actors:
            for found in span.ents:
                # the NER may call a country in a possessive an organisation ("The Ivory Coast's")
                if found.label_ not in ("GPE", "NORP", "ORG"):
                    continue
                lo, hi = found.start, found.end
                while lo < hi and self.doc[lo].pos_ == "DET":
                    lo += 1
                while hi > lo and self.doc[hi - 1].tag_ == "POS":
                    hi -= 1
                word = self.doc[lo:hi]
                if not len(word):
                    continue
                ent = self.resolver.resolve(self.ctx, word, date)
                if ent is not None and ent.country == home and ent.kind in ("country", "group"):
                    return Entity(
                        text=word.text,
                        name=ent.name,
                        kind="country",
                        country=home,
                        start=word.start_char,
                        end=word.end_char,
                        affected=True,
                    )
        return None

    def _venue_places(self, hosts: Iterable[Token]) -> Iterator[Token]:
        """The place tokens of "in"/"at"/"near" phrases on ``hosts`` (where something happened)."""
        for host in hosts:
            for c in host.children:
                if c.dep_ == "prep" and c.lower_ in VENUE_PREPS:
                    yield from (pobj for pobj in c.children if pobj.i in self.place_at)

    def _object_places(self, t: Token) -> Iterator[Location]:
        """Places in an "in"/"at"/"near" phrase on the trigger's direct object."""
        for pobj in self._venue_places(c for c in t.children if c.dep_ == "dobj"):
            yield self.place_at[pobj.i]

    def place_below(self, head: Token) -> Location | None:
        """The first place named inside a phrase's own clauses and complements ("refugees fleeing the war in
        Liberia", "workers of the bus company of Tehran")."""
        for tok in head.subtree:
            if tok.i != head.i and tok.i in self.place_at:
                return self.place_at[tok.i]
        return None

    def paragraph_of(self, char: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, char) - 1

    # ----------------------------------------------------------- places

    def location(self, m: ex.Mention, recipients: list[Entity]) -> Location | None:
        t = m.trigger
        sent = t.sent
        # a place in a prepositional phrase of the trigger or of the clauses it inherits from
        for host in (t, *_climb(t)):
            for c in host.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "to", "at", "into", "for", "inside", "near"):
                    for pobj in c.children:
                        if pobj.i in self.place_at:
                            return self.place_at[pobj.i]
                if c.dep_ == "advmod" and c.lower_ == "there":
                    before = [
                        (e, loc) for e, loc in self.site_places if e.end <= c.i and e.start >= sent.start - 60
                    ]
                    if before:
                        return before[-1][1]
            if host.dep_ == "relcl" or host.pos_ in ("NOUN", "PROPN"):
                if host.i in self.place_at:  # "Kiev, ..., where he is to meet"
                    return self.place_at[host.i]
        # where the object is: "reached an agreement in Vienna", "shelled positions near Donetsk"
        for on_object in self._object_places(t):
            return on_object
        # statements (accusations, demands, praise...) happen where they are said: only an explicit place counts
        if not load_lexicon().types[m.entry.event].located:
            return None
        # a visited place among the recipients
        if m.entry.mode == "visit":
            for r in m.recipients:
                loc = self.place_in(r)
                if loc is not None:
                    return loc
        # otherwise the places API decides from the sentence and the article
        toponyms = [loc for _, loc in self.site_places]
        countries = [e.country for e in recipients if e.country]
        return _places().event_location(
            self.text,
            (sent.start_char, sent.end_char),
            (t.idx, t.idx + len(t.text)),
            toponyms,
            countries,
            meeting=m.entry.event == "CONSULT",
        )

    # ----------------------------------------------------------- records

    def records(self, mentions: list[ex.Mention], type_model: TypeModel | None = None) -> list[EventRecord]:
        lex = load_lexicon()
        art = self.article
        ref = ArticleRef.of(art)
        out: list[EventRecord] = []
        dates = date_events(self.doc, self.timexes, mentions, art.published, self.paragraph_starts)
        for m, ed in zip(mentions, dates, strict=True):
            tx = ed.timex if ed.source == "text" else None
            date, precision, date_text, date_source = ed.date, ed.precision, ed.text, ed.source
            event_day = ed.day
            actors = self.participants(m.actors, event_day, self.actor_entity)
            recipients = self.participants(m.recipients, event_day, self.entity)
            if not actors and not recipients:
                continue
            named_recipients = recipients
            if actors and not recipients:
                affected = self.affected(m, event_day) or self.home_country(m, actors, event_day)
                recipients = [affected] if affected is not None else []
            location = self.location(m, recipients)
            if not actors and recipients:
                actors = self.unnamed_actor(m, location)
            actors = _home_from_target(actors, recipients, m.entry.event)
            # an implicit actor is in no phrase: not an annotation, and no member of a later "both sides"
            named = [e for e in actors + recipients if not e.implicit]
            self.resolved_actors.extend((e, event_day) for e in named)
            self.participant_groups.append((m.sentence.start_char, named))
            modality = m.modality
            if (
                modality == "asserted"
                and tx is not None
                and art.published
                and tx.date
                and tx.date > art.published
            ):
                modality = "planned"  # a dated event after publication has not happened yet
            tspan = m.trigger_span()
            sent = m.sentence
            etype = lex.types[m.entry.event]
            out.append(
                EventRecord(
                    id=_sid(art.id, tspan.start_char, tspan.end_char, m.entry.event),
                    event_id="",
                    article_id=art.id,
                    event=m.entry.event,
                    mode=m.entry.mode,
                    cameo=m.entry.cameo,
                    intensity=etype.intensity,
                    modality=modality,  # type: ignore[arg-type]
                    date=date,
                    date_precision=precision,  # type: ignore[arg-type]
                    date_text=date_text,
                    date_source=date_source,  # type: ignore[arg-type]
                    actor=actors,
                    recipient=recipients,
                    location=location,
                    trigger=TextSpan(tspan.text, tspan.start_char, tspan.end_char),
                    sentence=TextSpan(sent.text, sent.start_char, sent.end_char),
                    article=ref,
                    confidence=_confidence(m, actors, named_recipients, date_source),
                )
            )
        if type_model is not None:
            for r in typemodel.refine(out, self.doc, type_model):
                r.id = _sid(art.id, r.trigger.start, r.trigger.end, r.event)
        link.assign_event_ids(out)
        return out


def _speaker_of(pronoun: Token) -> int | None:
    """The subject of the verb whose content clause ``pronoun`` is the subject of ("X said it will"), if any."""
    clause = pronoun.head
    if pronoun.dep_ != "nsubj" or clause.dep_ != "ccomp":
        return None
    subj = [c for c in clause.head.children if c.dep_ == "nsubj"]
    return subj[0].i if subj else None


def _home_from_target(actors: list[Entity], recipients: list[Entity], event: str) -> list[Entity]:
    """A domestic actor of no known country (a judge, police, rebels, a party: ``sectors.tsv``) in conflict with
    the institutions of one country is of that country."""
    if load_lexicon().types[event].penta < 3:
        return actors
    roles = kb_sector_roles()
    homes = {e.country for e in recipients if e.country and e.sector in roles.state_body and not e.implicit}
    if len(homes) != 1:
        return actors
    home = homes.pop()
    return [
        dataclasses.replace(a, country=home)
        if a.country is None and a.sector in roles.domestic and a.kind != "country" and not a.implicit
        else a
        for a in actors
    ]


def _confidence(m: ex.Mention, actors: list[Entity], recipients: list[Entity], date_source: str) -> float:
    c = 0.5
    c += 0.15 if m.entry.specificity else 0.0
    c += 0.15 if any(a.name for a in actors) else 0.0
    c += 0.1 if recipients else 0.0
    c += 0.05 if date_source == "text" else 0.0
    c -= 0.15 if m.nominal else 0.0
    c -= 0.3 if m.background else 0.0  # a modifier's or a channel's event is not what the sentence reports
    return round(max(0.05, min(0.99, c)), 2)


def date_article(article: Article, doc: Doc, published: dt.date | None = None) -> None:
    """Set the article's publication date: ``published`` if given, else metadata, else inferred from the text."""
    # captions and stripped chrome (date lines such as "Updated June 19, 2023") bound the date from below
    pub = pubdate.infer_published(
        doc, article.captions + article.removed, article.metadata_published, published
    )
    article.published = pub.date
    article.published_source = pub.source  # type: ignore[assignment]
    article.published_confidence = pub.confidence


def analyse(
    article: Article, doc: Doc, published: dt.date | None = None, type_model: TypeModel | None = None
) -> list[EventRecord]:
    """Date the article (unless it has a date) and extract its resolved event records (retyped by
    ``type_model`` when given)."""
    date_article(article, doc, published)
    mentions = ex.extract(doc)
    if not mentions:  # no trigger: nothing to resolve (saves the place, time and actor passes)
        return []
    return _DocState(article, doc).records(mentions, type_model)


def analyse_state(
    article: Article, doc: Doc, published: dt.date | None = None
) -> tuple[_DocState, list[EventRecord]]:
    """:func:`analyse` that always resolves places, times and actors and also returns that per-document state
    (for inspection: ``newsevents annotate``)."""
    date_article(article, doc, published)
    state = _DocState(article, doc)
    mentions = ex.extract(doc)
    return state, state.records(mentions) if mentions else []


# --------------------------------------------------------------------------- batches and workers


def process_batch(raws: list[RawDocument | InputError], options: Options | None = None) -> list[Result]:
    """Clean, parse and analyse one batch; never raises for one bad document."""
    options = options or Options()
    results: list[Result] = []
    articles: list[tuple[int, Article]] = []
    for raw in raws:
        if isinstance(raw, InputError):
            results.append(Result(path=raw.path, error=raw))
            continue
        try:
            art = clean(raw)
        except Exception as exc:  # a cleaner bug must not stop the corpus
            art = InputError(raw.path, f"cleaning failed: {type(exc).__name__}: {exc}", stage="clean")
        if isinstance(art, InputError):
            results.append(Result(path=raw.path, error=art))
            continue
        results.append(Result(path=raw.path, article=art))
        articles.append((len(results) - 1, art))
    tm = typemodel.load_cached(options.type_model) if options.type_model else None
    docs = nlp.parse((a.text for _, a in articles), options.model, options.batch_size)
    for (ri, art), doc in zip(articles, docs, strict=True):
        try:
            results[ri].records = analyse(art, doc, options.published, tm)
        except Exception as exc:
            results[ri] = Result(
                path=results[ri].path,
                error=InputError(
                    results[ri].path, f"analysis failed: {type(exc).__name__}: {exc}", "analyse"
                ),
            )
    return results


def _chunks(items: Iterable[RawDocument | InputError], n: int) -> Iterator[list[RawDocument | InputError]]:
    it = iter(items)
    while chunk := list(islice(it, n)):
        yield chunk


def _worker_init(model: str | None) -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    nlp.load(model)
    load_lexicon()
    _resolver()


def run(
    raws: Iterable[RawDocument | InputError], options: Options | None = None, workers: int = 1
) -> Iterator[Result]:
    """All results, in input order. ``workers > 1`` runs batches in a process pool."""
    options = options or Options()
    if workers <= 1:
        for chunk in _chunks(raws, options.batch_size):
            yield from process_batch(chunk, options)
        return
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_worker_init, initargs=(options.model,)
    ) as pool:
        pending = []
        for chunk in _chunks(raws, options.batch_size):
            pending.append(pool.submit(process_batch, chunk, options))
            if len(pending) >= workers * 2:
                yield from pending.pop(0).result()
        for fut in pending:
            yield from fut.result()


def article_from_text(
    text: str, id: str | None = None, published: dt.date | None = None, title: str | None = None
) -> Article:
    """An already clean text as an Article (for evaluation and the API); no chrome stripping."""
    h = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(
        id=id or h[:16],
        text=text,
        content_hash=h,
        title=title,
        metadata_published=published,
        published=published,
        published_source="given" if published else "none",
        published_confidence=1.0 if published else 0.0,
    )


def analyse_texts(
    texts: list[str],
    published: dt.date | None = None,
    model: str | None = None,
    batch_size: int = 64,
    type_model: TypeModel | None = None,
) -> list[list[EventRecord]]:
    """Event records for each clean text (sentences or short passages), in order."""
    arts = [article_from_text(t, published=published) for t in texts]
    out = []
    for art, doc in zip(arts, nlp.parse((a.text for a in arts), model, batch_size), strict=True):
        out.append(analyse(art, doc, published, type_model))
    return out
