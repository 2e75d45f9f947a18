"""The curated knowledge base: countries, organisations, offices, people, terms and agent sector words.

Owns loading ``newsevents/data/kb/*.tsv`` (see ``kb_meta.json`` there for conventions and known gaps) and the
lookups over it. It knows nothing about spaCy: :mod:`newsevents.actors` turns text spans into these lookups.

Names are matched on a normal form (accents folded, case folded, hyphens and curly quotes unified), except short
all-capital aliases ("US", "UK", "IS", "PA"), which only match as written so that "us" or "is" never resolve.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

INTERNATIONAL_CODES = frozenset({"UNO", "EUR", "NAT", "IGO"})


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    capital_metonym: bool


@dataclass(frozen=True)
class Organization:
    """An international organisation, or a national body / armed group / party (``international`` False)."""

    org_id: str
    name: str
    aliases: tuple[str, ...]
    country: str  # ISO3 for national bodies; UNO/EUR/NAT/IGO for intergovernmental ones; "" for NGOs
    sector: str
    sector2: str = ""
    cameo: str = ""
    international: bool = True


@dataclass(frozen=True)
class Office:
    office_id: str
    title: str
    country: str  # ISO3 or international code
    sector: str
    kinds: tuple[str, ...]
    roles: tuple[str, ...]  # bare role words that need a country from context ("president")
    single: bool  # one holder at a time (False for seats such as senator): only then a title names a person
    phrases: tuple[str, ...]  # phrases naming the office on their own ("UN chief")


@dataclass(frozen=True)
class TitleModifier:
    """A word that makes a different office out of a title: "deputy" (rank) or "adviser to" (relation).

    A rank modifier names the office's deputy, a relation modifier someone serving the office holder; names
    written after a relation phrase belong to that principal ("adviser to President Putin"), not to the actor.
    """

    phrase: str  # normal form
    template: str  # "Deputy {title}"
    relation: bool
    sector: str  # replaces the office's sector when set ("shadow" -> OPP)
    capital_only: bool  # counts only written capitalised or hyphen-joined ("Under-Secretary", not "under")
    written: re.Pattern[str] | None = None

    def apply(self, title: str) -> str:
        return self.template.format(title=title)


@dataclass(frozen=True)
class Person:
    person_id: str
    name: str
    aliases: tuple[str, ...]
    country: str
    surname: str
    sector: str = ""
    note: str = ""


@dataclass(frozen=True)
class Term:
    person_id: str
    office_id: str
    start: dt.date
    end: dt.date | None
    acting: bool
    note: str = ""

    def covers(self, date: dt.date) -> bool:
        return self.start <= date and (self.end is None or date <= self.end)


_DASHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-", "‐": "-"})
_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d"})
# precompiled character classes: str.translate with a dict table costs several microseconds a call, and a cold
# load normalises some 12,000 names and generated phrases
_SEPARATORS = re.compile(r"[-_/]")
_INNER_DOT = re.compile(r"(?<=\w)\.(?=\w)")
_PUNCT = re.compile(r'[.,;:!?"()\[\]]')
_PLAIN = re.compile(r"[A-Za-z0-9' -]*")


@functools.lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Case- and accent-folded key: 'Ban ki-moon' == 'Ban Ki Moon' == 'BAN KI-MOON'."""
    if _PLAIN.fullmatch(text):  # the common case: nothing to fold but case, hyphens and spaces
        text = " ".join(text.lower().replace("-", " ").split())
        return text[4:] if text.startswith("the ") else text
    return _fold(text)


def _fold(text: str) -> str:
    """:func:`norm` for any text (the fast path of ``norm`` must give the same key)."""
    if text.isascii():
        text = text.replace("`", "'")
    else:
        text = unicodedata.normalize("NFKD", text.translate(_DASHES))
        text = "".join(c for c in text if not unicodedata.combining(c)).lower().translate(_FOLD)
    text = _SEPARATORS.sub(" ", text.lower())
    if "." in text:
        text = _INNER_DOT.sub("", text)  # "U.S." -> "us." before the trailing dot goes
    text = " ".join(_PUNCT.sub(" ", text).split())
    return text[4:] if text.startswith("the ") else text


_LEADING_THE = re.compile(r"^the ", re.I)


@functools.lru_cache(maxsize=65536)
def _exact_key(name: str) -> str:
    """Key of the case-sensitive side of an index (resolution asks for the same n-grams many times)."""
    return _LEADING_THE.sub("", name.strip().translate(_DASHES)).replace(".", "")


def _strict(alias: str) -> bool:
    """Aliases that must match case-sensitively: short acronyms that are also common words."""
    letters = alias.replace(".", "")
    return letters.isupper() and len(letters) <= 3


def _one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by exactly one inserted, deleted or replaced character."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def _date(s: str) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


def _split(s: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in s.split("|") if x.strip())


def _dated(items: tuple[str, ...]) -> tuple[tuple[str, ...], list[dt.date | None]]:
    """Phrases or roles written ``text@YYYY-MM-DD`` name the office only from that date on ("secretary of
    war@2025-09-05"): the bare texts, and each one's start date (None: undated)."""
    bare, since = [], []
    for item in items:
        text, _, start = item.partition("@")
        bare.append(text.strip())
        since.append(dt.date.fromisoformat(start.strip()) if start.strip() else None)
    return tuple(bare), since


def _merge_since(claims: dict, key: tuple, since: dt.date | None) -> None:
    """Record one claim on ``key``: an undated claim makes it valid at any date, else the earliest date wins."""
    if key not in claims:
        claims[key] = since
    elif claims[key] is not None:
        claims[key] = None if since is None else min(claims[key], since)


def _valid_on(since: dt.date | None, when: dt.date) -> bool:
    return since is None or since <= when


class _Index:
    """name -> values, with a case-sensitive side for short acronyms."""

    def __init__(self) -> None:
        self.folded: dict[str, list] = defaultdict(list)
        self.exact: dict[str, list] = defaultdict(list)

    def add(self, name: str, value) -> None:
        name = re.sub(r"^the ", "", name.strip())
        if _strict(name):
            bucket = self.exact[name.replace(".", "")]
        else:
            bucket = self.folded[norm(name)]
        if value not in bucket:
            bucket.append(value)

    def get(self, name: str) -> list:
        exact = self.exact.get(_exact_key(name)) if self.exact else None
        if exact:
            return exact
        return self.folded.get(norm(name.strip().translate(_DASHES)), [])


class KnowledgeBase:
    """All curated facts, loaded from a directory of TSV files."""

    def __init__(self, directory: Path | None = None, extra_dirs: Iterable[Path | str] = ()) -> None:
        """Load ``directory`` (default: the packaged KB), then the offices, people and terms of each of
        ``extra_dirs`` on top (e.g. the output of ``newsevents kb import``); an id defined twice, in the
        same or in different directories, is an error."""
        d = Path(directory) if directory else Path(str(resources.files("newsevents") / "data" / "kb"))
        self.meta = json.loads((d / "kb_meta.json").read_text(encoding="utf-8"))
        self.verified_through = dt.date.fromisoformat(self.meta["verified_through"])
        self.countries: dict[str, Country] = {}
        self.organizations: dict[str, Organization] = {}
        self.offices: dict[str, Office] = {}
        self.people: dict[str, Person] = {}
        self.terms: list[Term] = []
        self.agents: dict[str, tuple[str, str]] = {}
        self.modifiers: dict[str, str] = {}
        self.title_modifiers: dict[str, TitleModifier] = {}
        self.portfolio_words: frozenset[str] = frozenset()
        self._modifier_first: frozenset[str] = frozenset()
        self._modifier_len = 0
        self._title_parts: dict[str, tuple[str, str]] = {}
        self._title_vocab: frozenset[str] | None = None
        self._country_names = _Index()
        self._demonyms = _Index()
        self._capitals = _Index()
        self._orgs = _Index()
        self._people = _Index()
        self._surnames: dict[str, list[Person]] = defaultdict(list)
        # all words of a full name but the last -> (full name, person): for names misspelt in their last word
        self._by_first_words: dict[str, list[tuple[str, Person]]] = defaultdict(list)
        self._office_phrases: dict[str, Office] = {}
        # phrases that several offices of one country with a common role name (Cuba's "president": the
        # Council of State's until 2019-10-10, then the new presidency's): the one held on the date wins
        self._phrase_rivals: dict[str, list[Office]] = {}
        # (phrase key, office_id) / (role key, office_id) -> first date the phrase names the office (None: always)
        self._phrase_since: dict[tuple[str, str], dt.date | None] = {}
        self._role_since: dict[tuple[str, str], dt.date | None] = {}
        self._roles: dict[tuple[str, str], list[Office]] = defaultdict(list)
        self._terms_by_office: dict[str, list[Term]] = defaultdict(list)
        self._terms_by_person: dict[str, list[Term]] = defaultdict(list)
        self._load(d, [Path(x) for x in extra_dirs])

    # ------------------------------------------------------------------ loading

    @staticmethod
    def _rows(path: Path) -> list[dict[str, str]]:
        with path.open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))

    def _parts(self, d: Path, stem: str) -> list[dict[str, str]]:
        """Rows of ``stem.tsv`` and of its parts ``stem.<part>.tsv`` (one per region or source, kept apart so
        that each can be curated and reviewed on its own), in file-name order."""
        rows = []
        for path in [d / f"{stem}.tsv", *sorted(d.glob(f"{stem}.*.tsv"))]:
            if path.exists():
                rows.extend(self._rows(path))
        return rows

    def _load(self, d: Path, extra_dirs: list[Path]) -> None:
        for r in self._rows(d / "countries.tsv"):
            c = Country(
                r["iso3"],
                r["name"],
                _split(r["aliases"]),
                _split(r["demonyms"]),
                _split(r["capital"]),
                r["capital_metonym"] == "yes",
            )
            self.countries[c.iso3] = c
            for n in (c.name, *c.aliases):
                self._country_names.add(n, c)
            for n in c.demonyms:
                self._demonyms.add(n, c)
            for n in c.capitals:
                self._capitals.add(n, c)
        for r in self._rows(d / "organizations.tsv"):
            org = Organization(
                r["org_id"], r["name"], _split(r["aliases"]), r["country"], r["sector"], "", r["cameo"]
            )
            self._add_org(org)
        for r in self._rows(d / "national_bodies.tsv"):
            body = Organization(
                r["body_id"],
                r["name"],
                _split(r["aliases"]),
                r["country"],
                r["sector"],
                r["sector2"],
                "",
                False,
            )
            self._add_org(body)
        for x in extra_dirs:
            if not x.is_dir():
                raise ValueError(f"knowledge base: extra directory {x} does not exist")
        where = " + ".join(str(k) for k in (d, *extra_dirs))
        for r in (row for k in (d, *extra_dirs) for row in self._parts(k, "offices")):
            roles, role_since = _dated(_split(r["roles"]))
            phrases, phrase_since = _dated(_split(r["phrases"]))
            o = Office(
                r["office_id"],
                r["title"],
                r["country"],
                r["sector"],
                _split(r["kind"].replace(",", "|")),
                roles,
                r["single"] == "yes",
                phrases,
            )
            if o.office_id in self.offices:
                raise ValueError(f"knowledge base {where}: office {o.office_id} defined twice")
            self.offices[o.office_id] = o
            self._name_office(norm(o.title), o)
            for p, since in zip(o.phrases, phrase_since, strict=True):
                self._name_office(norm(p), o, since)
            for role, since in zip(o.roles, role_since, strict=True):
                _merge_since(self._role_since, (norm(role), o.office_id), since)
                rivals = self._roles[(norm(role), o.country)]
                if o not in rivals:  # "vice president|vice-president" is one role
                    rivals.append(o)
        for r in (row for k in (d, *extra_dirs) for row in self._parts(k, "people")):
            pe = Person(
                r["person_id"],
                r["name"],
                _split(r["aliases"]),
                r["country"],
                r["surname"],
                r["sector"],
                r["note"],
            )
            if pe.person_id in self.people:
                raise ValueError(f"knowledge base {where}: person {pe.person_id} defined twice")
            self.people[pe.person_id] = pe
            for n in (pe.name, *pe.aliases):
                self._people.add(n, pe)
                key = norm(n).split()
                if len(key) >= 2:
                    self._by_first_words[" ".join(key[:-1])].append((" ".join(key), pe))
            if pe.surname:
                self._surnames[norm(pe.surname)].append(pe)
        for r in (row for k in (d, *extra_dirs) for row in self._parts(k, "terms")):
            t = Term(
                r["person_id"],
                r["office_id"],
                dt.date.fromisoformat(r["start"]),
                _date(r["end"]),
                r["acting"] == "yes",
                r["note"],
            )
            self.terms.append(t)
            self._terms_by_office[t.office_id].append(t)
            self._terms_by_person[t.person_id].append(t)
        for r in self._rows(d / "agents.tsv"):
            self.agents[norm(r["phrase"])] = (r["sector"], r["sector2"])
        for r in self._rows(d / "agent_modifiers.tsv"):
            self.modifiers[norm(r["word"])] = r["effect"]
        for r in self._rows(d / "title_modifiers.tsv"):
            phrase = norm(r["phrase"])
            capital_only = r["written"] == "capital"
            written = None
            if capital_only:
                w = re.escape(r["phrase"])
                written = re.compile(rf"\b(?:{w[:1].upper()}{w[1:]}\b|{w}\s*-)")
            self.title_modifiers[phrase] = TitleModifier(
                phrase, r["template"], r["kind"] == "relation", r["sector"], capital_only, written
            )
        self._modifier_first = frozenset(p.split()[0] for p in self.title_modifiers)
        self._modifier_len = max((len(p.split()) for p in self.title_modifiers), default=0)
        self.portfolio_words = frozenset(norm(r["word"]) for r in self._rows(d / "portfolio_words.tsv"))
        self._add_generated_phrases()

    def _add_org(self, o: Organization) -> None:
        self.organizations[o.org_id] = o
        for n in (o.name, *o.aliases):
            self._orgs.add(n, o)

    def _add_generated_phrases(self) -> None:
        """'Russian president', "Russia's president", 'president of Russia' for every office with roles."""
        for o in self.offices.values():
            c = self.countries.get(o.country)
            if c is None or not o.single:
                continue
            names = [c.name, *[a for a in c.aliases if not _strict(a)]]
            for role in o.roles:
                since = self._role_since[(norm(role), o.office_id)]
                forms = [f"{d} {role}" for d in c.demonyms if not _strict(d)]
                forms += [f"{n} {role}" for n in names] + [f"{n}'s {role}" for n in names]
                forms += [f"{role} of {n}" for n in names]
                for f in forms:
                    self._name_office(norm(f), o, since)

    def _name_office(self, key: str, o: Office, since: dt.date | None = None) -> None:
        """The first office to claim a phrase keeps it, except against an office of the same country sharing a
        role with it: those become rivals, picked by date (:meth:`office_by_phrase`). ``since``: the phrase
        names the office only from that date on."""
        _merge_since(self._phrase_since, (key, o.office_id), since)
        first = self._office_phrases.setdefault(key, o)
        if first is o or first.country != o.country:
            return
        if not {norm(r) for r in first.roles} & {norm(r) for r in o.roles}:
            return
        rivals = self._phrase_rivals.setdefault(key, [first])
        if o not in rivals:
            rivals.append(o)

    # ------------------------------------------------------------------ lookups

    def country(self, name: str) -> Country | None:
        """Country by name or alias ('Russia', 'Russian Federation', 'U.S.', 'Britain')."""
        found = self._country_names.get(name)
        return found[0] if found else None

    def country_by_demonym(self, word: str) -> Country | None:
        """Country by demonym, singular or plural ('Russian', 'Ukrainians', 'British')."""
        found = self._demonyms.get(word)
        return found[0] if found else None

    def country_by_capital(self, name: str, metonym_only: bool = True) -> Country | None:
        """Country whose capital is ``name`` ('Kiev', 'Kyiv', 'Washington'); ambiguous capitals need
        ``metonym_only=False``."""
        for c in self._capitals.get(name):
            if c.capital_metonym or not metonym_only:
                return c
        return None

    def organization(self, name: str) -> Organization | None:
        """International organisation or national body by name or alias ('UN Security Council', 'NATO')."""
        found = self._orgs.get(name)
        return found[0] if found else None

    def person(self, name: str) -> Person | None:
        """Person by full name or alias, accent- and case-insensitive ('Ban ki-moon', 'Sergei Lavrov')."""
        found = self._people.get(name)
        return found[0] if found else None

    def person_misspelt(self, name: str) -> Person | None:
        """The one person whose full name or alias is ``name`` but for one letter added, dropped or changed in
        its last word ("Francois Mitterand", "Laurent Gbago"): the other words must agree exactly, the last
        word must be at least five letters long in both, and no second person may be that close."""
        words = norm(name).split()
        if len(words) < 2 or len(words[-1]) < 5:
            return None
        found = {
            pe.person_id: pe
            for full, pe in self._by_first_words.get(" ".join(words[:-1]), [])
            if len(full.split()[-1]) >= 5 and _one_edit(full.split()[-1], words[-1])
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def people_by_surname(self, surname: str) -> list[Person]:
        return list(self._surnames.get(norm(surname), []))

    def terms_of(self, person_id: str) -> list[Term]:
        return sorted(self._terms_by_person.get(person_id, []), key=lambda t: t.start)

    def terms_for(self, office_id: str) -> list[Term]:
        return sorted(self._terms_by_office.get(office_id, []), key=lambda t: t.start)

    def _when(self, date: dt.date | None) -> dt.date:
        return date or self.verified_through

    def term(self, office_id: str, date: dt.date | None = None) -> Term | None:
        """The term covering ``date`` (default: the KB's verified_through); the later start wins on overlaps.

        Open terms (empty end) are assumed to go on after verified_through: a best guess, flagged by the meta.
        """
        when = self._when(date)
        found = [t for t in self._terms_by_office.get(office_id, []) if t.covers(when)]
        return max(found, key=lambda t: t.start) if found else None

    def holder(self, office_id: str, date: dt.date | None = None) -> Person | None:
        """Who held ``office_id`` on ``date``; None when the KB does not know."""
        t = self.term(office_id, date)
        return self.people[t.person_id] if t else None

    def offices_of(self, person_id: str, date: dt.date | None = None) -> list[Office]:
        """Offices the person held on ``date``, most recently started first."""
        when = self._when(date)
        terms = sorted(
            (t for t in self._terms_by_person.get(person_id, []) if t.covers(when)),
            key=lambda t: t.start,
            reverse=True,
        )
        seen: list[Office] = []
        for t in terms:
            o = self.offices[t.office_id]
            if o not in seen:
                seen.append(o)
        return seen

    def held_before(self, person_id: str, date: dt.date | None = None) -> list[Office]:
        """Offices the person had left by ``date``."""
        when = self._when(date)
        out: list[Office] = []
        for t in self._terms_by_person.get(person_id, []):
            if t.end is not None and t.end < when and self.offices[t.office_id] not in out:
                out.append(self.offices[t.office_id])
        return out

    def office_by_phrase(self, phrase: str, date: dt.date | None = None) -> Office | None:
        """An office named by a phrase on its own: 'UN chief', 'Russian president', "Ukraine's foreign minister".

        Where offices of one country share the phrase's role, the one with a holder on ``date`` (default: the
        KB's verified_through) wins: 'Cuban president' is the Council of State's president in 2010."""
        key = norm(phrase)
        rivals = self._phrase_rivals.get(key)
        if rivals is None:
            first = self._office_phrases.get(key)
            rivals = [first] if first is not None else []
        when = self._when(date)
        valid = [o for o in rivals if _valid_on(self._phrase_since.get((key, o.office_id)), when)]
        return self._on_date(valid, date) if valid else None

    def office_for_role(
        self, phrase: str, country_code: str | None, date: dt.date | None = None
    ) -> Office | None:
        """The office a bare role word names in a country: ('foreign minister', 'UKR') -> UKR_FM; among offices
        of the country sharing the role, the one with a holder on ``date`` (see :meth:`office_by_phrase`)."""
        key = norm(phrase)
        if country_code:
            found = self._roles.get((key, country_code))
            when = self._when(date)
            valid = [o for o in found or () if _valid_on(self._role_since.get((key, o.office_id)), when)]
            if valid:
                return self._on_date(valid, date)
            if found:  # a role not yet in use on the date ("war secretary" before 2025-09-05)
                return None
        return self.office_by_phrase(key, date)

    def _on_date(self, offices: list[Office], date: dt.date | None) -> Office:
        """The office held on the date; failing that, the one whose terms come nearest to it; failing that (no
        terms known), the first listed."""
        if len(offices) == 1:
            return offices[0]
        when = self._when(date)

        def distance(o: Office) -> int:
            days = []
            for t in self._terms_by_office.get(o.office_id, []):
                if t.covers(when):
                    return 0
                days.append((t.start - when).days if when < t.start else (when - (t.end or when)).days)
            return min(days, default=10**6)

        return min(offices, key=distance)

    # ------------------------------------------------------------------ modified titles

    def has_modifier_word(self, key: str) -> bool:
        """Cheap pre-check: does the normal-form ``key`` contain the first word of any title modifier?"""
        return any(w in self._modifier_first for w in key.split())

    def modified_office(
        self, phrase: str, date: dt.date | None = None
    ) -> tuple[Office, tuple[TitleModifier, ...]] | None:
        """A title built from a known office and modifiers: 'Deputy Prime Minister of Ukraine' -> (UKR_PM,
        (deputy,)); 'Russian Deputy Foreign Minister' -> (RUS_FM, (deputy,)); 'spokesman for the UN chief'."""
        words = norm(phrase).split()
        if not self._modifier_first.intersection(words):
            return None
        return self._strip_modifiers(phrase, words, (), 0, date)

    def _strip_modifiers(
        self, phrase: str, words: list[str], mods: tuple[TitleModifier, ...], depth: int, date: dt.date | None
    ) -> tuple[Office, tuple[TitleModifier, ...]] | None:
        for p, w in enumerate(words):
            if w not in self._modifier_first:
                continue
            for n in range(min(self._modifier_len, len(words) - p), 0, -1):
                m = self.title_modifiers.get(" ".join(words[p : p + n]))
                if m is None or (m.written is not None and not m.written.search(phrase)):
                    continue
                after = p + n + (1 if m.relation and words[p + n : p + n + 1] == ["the"] else 0)
                rest = words[:p] + words[after:]
                if not rest:
                    continue
                found = self.office_by_phrase(" ".join(rest), date)
                if found is not None:
                    return found, (*mods, m)
                if depth < 2:
                    deeper = self._strip_modifiers(phrase, rest, (*mods, m), depth + 1, date)
                    if deeper is not None:
                        return deeper
        return None

    def modifier_ending(self, words: list[str]) -> TitleModifier | None:
        """The title modifier that ends a list of normal-form words ('russian', 'deputy') -> deputy; a relation
        phrase may be followed by 'the' ('adviser to the')."""
        if words and words[-1] == "the":
            m = self.modifier_ending(words[:-1])
            return m if m is not None and m.relation else None
        for n in range(min(self._modifier_len, len(words)), 0, -1):
            m = self.title_modifiers.get(" ".join(words[-n:]))
            if m is not None and m.written is None:
                return m
        return None

    def derived_title(self, office: Office, mods: tuple[TitleModifier, ...], complement: str = "") -> str:
        """The title of a modified office: (UKR_PM, deputy) -> 'Deputy Prime Minister of Ukraine'; a rank
        goes after a leading country name ('United States Deputy Secretary of State'), a relation wraps the
        whole title ('Spokesperson for the Secretary-General of the United Nations')."""
        prefix, title = self._split_title(office)
        title = f"{title} {complement}".strip()
        for m in reversed(mods):  # the modifier written nearest the office applies first
            if m.relation:
                title, prefix = m.apply(f"{prefix} {title}".strip()), ""
            else:
                title = m.apply(title)
        return f"{prefix} {title}".strip()

    def _split_title(self, office: Office) -> tuple[str, str]:
        """'United States Secretary of State' -> ('United States', 'Secretary of State')."""
        parts = self._title_parts.get(office.office_id)
        if parts is None:
            words = office.title.split()
            parts = ("", office.title)
            for k in (3, 2, 1):
                if k < len(words) and self.country(" ".join(words[:k])):
                    parts = (" ".join(words[:k]), " ".join(words[k:]))
                    break
            self._title_parts[office.office_id] = parts
        return parts

    def title_vocabulary(self) -> frozenset[str]:
        """Every word of role words, office titles and phrases, agent words, title modifiers and portfolio
        words (normal form): words that belong to a title rather than to a personal name."""
        if self._title_vocab is None:
            phrases = [*self._roles_words(), *self.agents, *self.title_modifiers, *self.portfolio_words]
            for o in self.offices.values():
                phrases += [norm(o.title), *(norm(p) for p in o.phrases)]
            self._title_vocab = frozenset(w for p in phrases for w in p.split())
        return self._title_vocab

    def _roles_words(self) -> list[str]:
        return [k[0] for k in self._roles]

    def role_words(self) -> set[str]:
        """Every bare role word known from offices.tsv (normal form)."""
        return {k[0] for k in self._roles}

    def agent_sector(self, word: str) -> tuple[str, str] | None:
        """Sector (and secondary sector) of an unnamed agent word or lemma ('police' -> ('COP', ''))."""
        key = norm(word)
        hit = self.agents.get(key)
        if hit is None and key.endswith("s"):
            for cand in (
                key[:-1],
                key[:-2] if key.endswith("es") else None,
                key[:-3] + "y" if key.endswith("ies") else None,
            ):
                if cand and cand in self.agents:
                    return self.agents[cand]
        if hit is None and key.endswith("men"):
            return self.agents.get(key[:-3] + "man")
        return hit


EXTRA_ENV = "NEWSEVENTS_KB_EXTRA"


@dataclass(frozen=True)
class SectorRoles:
    domestic: frozenset[str]
    state_body: frozenset[str]


@functools.lru_cache(maxsize=1)
def sector_roles() -> SectorRoles:
    """Which sectors act inside their own country and which name a country's institutions (``sectors.tsv``)."""
    text = resources.files("newsevents.data.kb").joinpath("sectors.tsv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    return SectorRoles(
        frozenset(r["sector"] for r in rows if r["domestic"] == "yes"),
        frozenset(r["sector"] for r in rows if r["state_body"] == "yes"),
    )


def extra_dirs_from_env() -> list[Path]:
    """Directories named in ``$NEWSEVENTS_KB_EXTRA`` (``os.pathsep``-separated), loaded on top of the
    packaged knowledge base by :func:`default`."""
    return [Path(p) for p in os.environ.get(EXTRA_ENV, "").split(os.pathsep) if p.strip()]


@functools.lru_cache(maxsize=1)
def _default() -> KnowledgeBase:
    return KnowledgeBase(extra_dirs=extra_dirs_from_env())


def default() -> KnowledgeBase:
    """The packaged knowledge base plus the directories of ``$NEWSEVENTS_KB_EXTRA``, loaded once per
    process."""
    return _default()


KnowledgeBase.default = staticmethod(default)  # type: ignore[attr-defined]
