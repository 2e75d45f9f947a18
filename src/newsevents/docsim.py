"""Document signatures and same-event similarity between articles.

Owns :class:`Signature` (a compact, JSON-serialisable summary of one analysed article), :func:`signature` (built
from what the pipeline already produced: the spaCy Doc, the event records and the publication date),
:class:`Space` (IDF weights over a collection and cached weighted vectors), :func:`similarity` and
:func:`same_event`.

Two reports of the same *type* of event (an earthquake, a bank robbery) share generic words; what tells the same
happening from a look-alike is its particulars: names, places, numbers (death tolls, magnitudes) and dates. So a
signature keeps these apart in feature families, each compared by an IDF-weighted cosine (IDF over the collection
being compared, which makes words shared by every article of a topic cheap), and a logistic model combines the
family similarities with date conflicts. Vocabularies and the model's weights live in ``data/docsim.json``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .model import Article, EventRecord

FAMILIES = ("terms", "names", "places", "numbers", "dates", "events", "lead")


@lru_cache(maxsize=1)
def config() -> dict[str, Any]:
    """The contents of ``data/docsim.json``."""
    with resources.files("newsevents.data").joinpath("docsim.json").open(encoding="utf-8") as f:
        return json.load(f)


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"['’]s\b", "", s)
    s = re.sub(r"[^\w\s.-]", " ", s)
    s = " ".join(s.split())
    return s[4:] if s.startswith("the ") else s


@dataclass
class Signature:
    """What one article says, reduced to weighted features in families (see :data:`FAMILIES`).

    Every family is a bag ``key -> count``. ``published`` is an ISO date or None; ``published_source`` says where
    it came from (``metadata``/``given``: stated; ``inferred``: guessed from the text, see
    :mod:`newsevents.pubdate`; ``none``).
    """

    id: str
    title: str | None = None
    published: str | None = None
    published_source: str | None = None
    terms: dict[str, float] = field(default_factory=dict)
    names: dict[str, float] = field(default_factory=dict)
    places: dict[str, float] = field(default_factory=dict)
    numbers: dict[str, float] = field(default_factory=dict)
    dates: dict[str, float] = field(default_factory=dict)
    events: dict[str, float] = field(default_factory=dict)
    lead: dict[str, float] = field(default_factory=dict)

    def family(self, name: str) -> dict[str, float]:
        return getattr(self, name)

    def years(self) -> set[int]:
        """The most mentioned year(s): the article's own time, as far as the text says."""
        ys = {k: v for k, v in self.dates.items() if k.startswith("y:")}
        if not ys:
            return {int(self.published[:4])} if self.published else set()
        top = max(ys.values())
        return {int(k[2:]) for k, v in ys.items() if v == top}

    def event_dates(self) -> list[str]:
        """Day-precision dates (``YYYY-MM-DD``) named in the text or carried by the event records."""
        return sorted(k[2:] for k in self.dates if k.startswith("d:"))

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Signature:
        return cls(**d)


# --------------------------------------------------------------------------- building signatures


def _number_value(text: str) -> float | None:
    cfg = config()
    words, scales = cfg["number_words"], cfg["scale_words"]
    t = text.lower().replace(",", "")
    m = re.search(r"\d+(?:\.\d+)?", t)
    value: float | None = float(m.group()) if m else None
    if value is None:
        for w in re.findall(r"[a-z]+", t):
            if w in words:
                value = float(words[w]) + (value or 0.0)
    if value is None:
        return None
    for w in re.findall(r"[a-z]+", t):
        if w in scales:
            value *= scales[w]
            break
    return value


def _fmt_number(v: float) -> str:
    return f"{v:.6g}"


def _date_keys(value_date: dt.date, precision: str) -> list[str]:
    keys = [f"y:{value_date.year}"]
    if precision in ("month", "day", "week"):
        keys.append(f"m:{value_date.year}-{value_date.month:02d}")
    if precision == "day":
        keys.append(f"d:{value_date.isoformat()}")
    return keys


def _absolute_dates(doc: Doc, anchor: dt.date | None) -> list[tuple[dt.date, str, int]]:
    """Dates the text names. Without an anchor only those that read the same from any anchor (absolute ones)."""
    from . import timex

    out = []
    anchors = [dt.date.fromisoformat(a) for a in config()["absolute_date_anchors"]]
    for tx in timex.find_timexes(doc):
        if anchor is not None:
            # relative expressions resolve against the publication date; the clause's tense is not consulted
            # (a weekday may land a week off, which a shared month still tolerates)
            _, prec, day = timex.normalize(tx.text, anchor)
            if day is not None and prec in ("day", "month", "year"):
                out.append((day, prec, tx.start))
            continue
        results = [timex.normalize(tx.text, a, None, None) for a in anchors]
        values = {r[0] for r in results}
        if len(values) == 1 and results[0][2] is not None and results[0][1] in ("day", "month", "year"):
            out.append((results[0][2], results[0][1], tx.start))
    return out


def signature(article: Article, doc: Doc, records: Sequence[EventRecord] = ()) -> Signature:
    """The signature of an analysed article (``records`` from :func:`newsevents.pipeline.analyse`)."""
    from .link import entity_key

    cfg = config()
    y0, y1 = cfg["year_range"]
    name_labels, place_labels = set(cfg["name_labels"]), set(cfg["place_labels"])
    number_labels, date_labels = set(cfg["number_labels"]), set(cfg["date_labels"])
    content_pos = set(cfg["content_pos"])
    fam: dict[str, dict[str, float]] = {f: defaultdict(float) for f in FAMILIES}
    # the lead (headline and first sentences) says who, what, where and when; later text adds background
    sents = list(doc.sents)
    lead_end = sents[min(cfg["lead_sentences"], len(sents)) - 1].end_char if sents else 0
    boost = float(cfg["lead_weight"])

    def w(char: int) -> float:
        return boost if char < lead_end else 1.0

    for tok in doc:
        if (
            tok.pos_ in content_pos
            and tok.is_alpha
            and not tok.is_stop
            and len(tok.text) > 2
            and not tok.like_url
        ):
            fam["terms"][tok.lemma_.lower()] += w(tok.idx)
    # the lead's own words (names, numbers, rare words alike): within one kind of event, two reports of the same
    # happening open with nearly the same particulars, while a look-alike opens with others
    for tok in doc[: sents[min(cfg["lead_sentences"], len(sents)) - 1].end if sents else 0]:
        if (tok.is_alpha and len(tok.text) > 2 and not tok.is_stop) or tok.like_num:
            fam["lead"][tok.lower_] += 1.0
    for ent in doc.ents:
        key = _fold(ent.text)
        if not key:
            continue
        weight = w(ent.start_char)
        if ent.label_ in name_labels:
            fam["names"]["e:" + key] += weight
            if ent.label_ == "PERSON" and len(ent) > 1:
                fam["names"]["p:" + _fold(ent[-1].text)] += weight  # "Hugh Jackman" ... "Jackman"
        elif ent.label_ in place_labels:
            fam["places"]["g:" + key] += weight
        elif ent.label_ in number_labels or ent.label_ in date_labels:
            for m in re.finditer(r"\b\d{4}\b", ent.text):
                if y0 <= int(m.group()) < y1:
                    fam["dates"][f"y:{m.group()}"] += weight
            if ent.label_ in number_labels:
                v = _number_value(ent.text)
                if v is not None and not (
                    v.is_integer() and y0 <= v < y1 and re.fullmatch(r"\d{4}", ent.text)
                ):
                    fam["numbers"]["n:" + _fmt_number(v)] += weight
    for day, prec, start in _absolute_dates(doc, article.published):
        for k in _date_keys(day, prec):
            if k.startswith("y:"):
                continue  # years were counted from the entities above
            fam["dates"][k] += w(start)
    for r in records:
        weight = w(r.trigger.start)
        fam["events"]["E:" + r.event] += weight
        span = doc.char_span(r.trigger.start, r.trigger.end, alignment_mode="expand")
        lemma = span.root.lemma_.lower() if span is not None and len(span) else r.trigger.text.lower()
        fam["events"]["t:" + lemma] += weight
        for e in (*r.actor, *r.recipient):
            fam["names"]["r:" + entity_key(e)] += weight
        if r.location is not None:
            fam["places"]["g:" + _fold(r.location.name)] += weight
            if r.location.country:
                fam["places"]["c:" + r.location.country] += weight
        if r.date and r.date_precision in ("day", "month") and r.date_source == "text":
            d = dt.date.fromisoformat(r.date if r.date_precision == "day" else r.date + "-01")
            for k in _date_keys(d, r.date_precision)[1:]:
                fam["dates"][k] += weight
    return Signature(
        id=article.id,
        title=article.title or _first_line(doc.text),
        published=article.published.isoformat() if article.published else None,
        published_source=article.published_source,
        **{f: dict(sorted(c.items())) for f, c in fam.items()},
    )


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip()
        if line and not re.match(r"(?i)^https?:", line):
            return line[:200]
    return None


# --------------------------------------------------------------------------- comparing


class Space:
    """IDF weights over a collection of signatures and their weighted, unit-length family vectors.

    IDF is ``log(1 + N / df)``: a feature every article shares keeps a small weight, a feature of one article
    weighs ``log(1 + N)``. Signatures not in the collection are weighed as if their features were seen once.
    """

    def __init__(self, signatures: Iterable[Signature]) -> None:
        self.signatures = {s.id: s for s in signatures}
        self.n = len(self.signatures)
        self.df: dict[str, Counter[str]] = {f: Counter() for f in FAMILIES}
        for s in self.signatures.values():
            for f in FAMILIES:
                self.df[f].update(s.family(f).keys())
        self._vec: dict[str, dict[str, dict[str, float]]] = {}
        self.smooth = float(config()["idf_smoothing"])

    def idf(self, family: str, key: str) -> float:
        n = max(self.n, 1)
        return math.log(self.smooth + n / max(self.df[family].get(key, 0), 1))

    def vector(self, s: Signature) -> dict[str, dict[str, float]]:
        cached = self._vec.get(s.id)
        if cached is not None and self.signatures.get(s.id) is s:
            return cached
        out = {}
        for f in FAMILIES:
            v = {k: (1.0 + math.log(c)) * self.idf(f, k) for k, c in s.family(f).items() if c > 0}
            norm = math.sqrt(sum(x * x for x in v.values()))
            out[f] = {k: x / norm for k, x in v.items()} if norm else {}
        if self.signatures.get(s.id) is s:
            self._vec[s.id] = out
        return out

    def features(self, a: Signature, b: Signature) -> dict[str, float]:
        """Per-family cosines and the date evidence the pair model weighs."""
        va, vb = self.vector(a), self.vector(b)
        out: dict[str, float] = {}
        for f in FAMILIES:
            x, y = va[f], vb[f]
            if len(x) > len(y):
                x, y = y, x
            out[f] = sum(w * y.get(k, 0.0) for k, w in x.items())
        ya, yb = a.years(), b.years()
        out["year_conflict"] = 1.0 if ya and yb and not (ya & yb) else 0.0
        pub = config()["publication"]
        gap = _pub_gap(a, b)
        stated = a.published_source in _STATED and b.published_source in _STATED
        out["pub_near"] = 1.0 if stated and gap is not None and gap <= pub["near_days"] else 0.0
        out["pub_far"] = 1.0 if stated and gap is not None and gap > pub["far_days"] else 0.0
        out["guessed_far"] = 1.0 if not stated and gap is not None and gap > pub["guessed_far_days"] else 0.0
        return out

    def similarity(self, a: Signature, b: Signature, model: dict[str, Any] | None = None) -> float:
        return score(self.features(a, b), model)


# publication dates that were stated (file metadata, or given by the user); an inferred one is a guess from the
# text, often off by weeks, and two reports of one happening may get guesses far apart
_STATED = frozenset(("metadata", "given"))


def _pub_gap(a: Signature, b: Signature) -> int | None:
    """Days between the two publication dates (None when either is unknown)."""
    if not a.published or not b.published:
        return None
    return abs((dt.date.fromisoformat(a.published) - dt.date.fromisoformat(b.published)).days)


def score(features: dict[str, float], model: dict[str, Any] | None = None) -> float:
    """The pair model: probability that two articles report the same happening."""
    model = model or config()["model"]
    z = model["bias"] + sum(w * features.get(k, 0.0) for k, w in model["weights"].items())
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def similarity(a: Signature, b: Signature, space: Space | None = None) -> float:
    """Same-event probability in [0, 1]. ``space`` gives collection IDF; without it the pair is its own collection."""
    return (space or Space([a, b])).similarity(a, b)


def same_event(a: Signature, b: Signature, space: Space | None = None) -> tuple[bool, float]:
    """Whether ``a`` and ``b`` report the same real-world happening, and the score that decided it."""
    s = similarity(a, b, space)
    return s >= config()["model"]["threshold"], s
