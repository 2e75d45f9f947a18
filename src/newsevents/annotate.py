"""Inspection: every actor mention, time expression and place the pipeline resolved in one article.

Owns :class:`Annotations` (and its actor / time / place rows), :func:`annotate` (one parsed article),
:func:`annotate_raw` (raw documents through cleaning and parsing, errors kept as data) and :func:`render_html`
(one self-contained page). Nothing is resolved here: the rows are read off the pipeline's own per-document state
(:func:`newsevents.pipeline.analyse_state`), so what the page shows is what the events were built from.

Actor rows come from three places, first one wins for a given span:

1. ``event``: a participant of an extracted event, resolved on the event's day (as in the event record);
2. ``name``: a PERSON entity of the article context (surname chains, resolved on the publication date);
3. ``phrase``: an ORG/NORP entity or noun phrase that the actor resolver reads as a person, office, organisation
   or agent (on the publication date), when it overlaps none of the above.

HTML: marks open in reading order, longest first, and nest when one span lies inside another (an actor "Moscow"
holding the place "Moscow"). A span that starts inside an open mark but ends after it would cross that mark's
boundary: it is left unmarked (it is still in the JSON) and counted in the article header, so the markup stays
well formed.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .model import Article, Entity, InputError, RawDocument, to_jsonable

if TYPE_CHECKING:
    from spacy.tokens import Doc

# actor kinds a bare noun phrase may be shown as (countries, demonyms and towns are places or groups)
PHRASE_KINDS = frozenset({"person", "office", "organization", "agent"})
PHRASE_LABELS = frozenset({"ORG", "NORP"})


@dataclass
class ActorAnnotation:
    """An actor mention and what it resolved to (``resolved`` is False when only country/sector are known)."""

    text: str
    start: int
    end: int
    source: str  # "event" | "name" | "phrase" (see the module docstring)
    resolved: bool
    name: str | None = None
    kind: str | None = None
    person_id: str | None = None
    office_id: str | None = None
    office: str | None = None  # title held on ``date``
    country: str | None = None
    sector: str | None = None
    former: bool = False
    date: str | None = None  # the day the mention was resolved on (event day or publication date)


@dataclass
class TimeAnnotation:
    """A time expression with its TimeML value and the calendar value the events use."""

    text: str
    start: int
    end: int
    value: str | None  # TimeML value ("2014-03-06", "2014-W10", "P3D", ...)
    iso: str | None  # calendar value at ``precision`` (as in EventRecord.date), None when not a calendar date
    precision: str
    date: str | None  # representative day: the day, or the first day of the week/month/year
    kind: str  # DATE | TIME | DURATION | SET
    tense: str | None
    anchor: str | None  # the publication date the expression was resolved against


@dataclass
class PlaceAnnotation:
    text: str
    start: int
    end: int
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    gazetteer_id: str | None
    feature: str | None  # city | admin1 | admin2 | region | water | country | continent | landmark | seat


@dataclass
class Annotations:
    """One article's resolved mentions; offsets index ``text`` (the clean text)."""

    article_id: str
    published: dt.date | None
    published_source: str
    text: str
    actors: list[ActorAnnotation] = field(default_factory=list)
    times: list[TimeAnnotation] = field(default_factory=list)
    places: list[PlaceAnnotation] = field(default_factory=list)
    path: str | None = None

    def to_json(self) -> dict[str, Any]:
        return to_jsonable(self)


# --------------------------------------------------------------------------- building


@functools.lru_cache(maxsize=1)
def _office_ids() -> dict[str, str]:
    from .kb import KnowledgeBase

    return {o.title: o.office_id for o in KnowledgeBase.default().offices.values()}  # type: ignore[attr-defined]


def _actor(ent: Entity, source: str, day: dt.date | None, person_id: str | None = None) -> ActorAnnotation:
    from .kb import KnowledgeBase

    if person_id is None and ent.kind == "person" and ent.name:
        person = KnowledgeBase.default().person(ent.name)  # type: ignore[attr-defined]
        person_id = person.person_id if person else None
    assert ent.start is not None and ent.end is not None
    return ActorAnnotation(
        text=ent.text,
        start=ent.start,
        end=ent.end,
        source=source,
        resolved=bool(ent.name or ent.office),
        name=ent.name,
        kind=ent.kind,
        person_id=person_id,
        office_id=_office_ids().get(ent.office) if ent.office else None,
        office=ent.office,
        country=ent.country,
        sector=ent.sector,
        former=ent.former,
        date=day.isoformat() if day else None,
    )


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in taken)


def _actors(state: Any) -> list[ActorAnnotation]:
    out: list[ActorAnnotation] = []
    seen: set[tuple[int, int]] = set()
    for ent, day in state.resolved_actors:
        if (ent.start, ent.end) not in seen:
            seen.add((ent.start, ent.end))
            out.append(_actor(ent, "event", day))
    taken = sorted(seen)
    pub = state.date
    for m in state.ctx.mentions:
        if not _overlaps(m.start, m.end, taken):
            ent = Entity(**{**m.entity.__dict__})
            ent.start, ent.end = m.start, m.end
            ent.text = state.text[m.start : m.end]
            out.append(_actor(ent, "name", pub, m.person.person_id if m.person else None))
    taken = sorted((a.start, a.end) for a in out)
    doc = state.doc
    phrases = [e for e in doc.ents if e.label_ in PHRASE_LABELS]
    phrases += [c for c in doc.noun_chunks if c.root.pos_ in ("NOUN", "PROPN")]
    for span in sorted(phrases, key=lambda s: (s.start_char, -s.end_char)):
        if _overlaps(span.start_char, span.end_char, taken):
            continue
        ent = state.resolver.resolve(state.ctx, span, pub)
        if ent is None or ent.kind not in PHRASE_KINDS:
            continue
        taken.append((span.start_char, span.end_char))
        out.append(_actor(ent, "phrase", pub))
    out.sort(key=lambda a: (a.start, -a.end))
    return out


def _times(state: Any) -> list[TimeAnnotation]:
    from .pipeline import _iso_for

    anchor = state.date.isoformat() if state.date else None
    return [
        TimeAnnotation(
            text=tx.text,
            start=tx.start,
            end=tx.end,
            value=tx.value,
            iso=_iso_for(tx),
            precision=tx.precision,
            date=tx.date.isoformat() if tx.date else None,
            kind=tx.kind,
            tense=tx.tense,
            anchor=anchor,
        )
        for tx in state.all_timexes
    ]


def _feature(loc: Any) -> str | None:
    from .places import Gazetteer

    if loc.gazetteer_id is None:
        return None
    for p in Gazetteer.default().candidates(loc.text):
        if p.gazetteer_id == loc.gazetteer_id:
            return p.feature
    return None


def _places(state: Any) -> list[PlaceAnnotation]:
    return [
        PlaceAnnotation(
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            name=loc.name,
            country=loc.country,
            lat=loc.lat,
            lon=loc.lon,
            gazetteer_id=loc.gazetteer_id,
            feature=_feature(loc),
        )
        for span, loc in state.places
    ]


def annotate(article: Article, doc: Doc, published: dt.date | None = None) -> Annotations:
    """Date the article as the pipeline does and list what the pipeline resolved in it.

    ``doc`` is the parse of ``article.text``; ``published`` overrides the publication date (as ``--published``).
    """
    from .pipeline import analyse_state

    state, _records = analyse_state(article, doc, published)
    return Annotations(
        article_id=article.id,
        published=article.published,
        published_source=article.published_source,
        text=article.text,
        actors=_actors(state),
        times=_times(state),
        places=_places(state),
        path=article.path,
    )


def annotate_raw(
    raws: Iterable[RawDocument | InputError],
    published: dt.date | None = None,
    model: str | None = None,
    batch_size: int = 32,
) -> Iterator[Annotations | InputError]:
    """Clean, parse and annotate raw documents in input order; a bad document yields an :class:`InputError`."""
    from itertools import islice

    from . import nlp
    from .clean import clean

    it = iter(raws)
    while chunk := list(islice(it, batch_size)):
        cleaned: list[Article | InputError] = []
        for raw in chunk:
            if isinstance(raw, InputError):
                cleaned.append(raw)
                continue
            try:
                cleaned.append(clean(raw))
            except Exception as exc:  # a cleaner bug must not stop the batch
                cleaned.append(InputError(raw.path, f"cleaning failed: {type(exc).__name__}: {exc}", "clean"))
        arts = [a for a in cleaned if isinstance(a, Article)]
        docs = iter(nlp.parse((a.text for a in arts), model, batch_size))
        for item in cleaned:
            if isinstance(item, InputError):
                yield item
                continue
            doc = next(docs)
            try:
                yield annotate(item, doc, published)
            except Exception as exc:
                path = item.path or item.id
                yield InputError(path, f"analysis failed: {type(exc).__name__}: {exc}", "analyse")


# --------------------------------------------------------------------------- HTML

_CSS = """
body{font:15px/1.55 system-ui,sans-serif;margin:2em auto;max-width:60em;color:#222}
article{border-top:1px solid #ccc;margin-top:2em;padding-top:1em}
.meta{color:#555;font-size:13px}
.text{white-space:pre-wrap}
mark{border-radius:3px;padding:0 1px;color:inherit}
mark.actor{background:#ffe08a}
mark.time{background:#a8e6b0}
mark.place{background:#a9d3ff}
mark mark{outline:1px solid #777}
.legend mark{margin-right:.6em}
"""


def _attrs(d: dict[str, Any]) -> str:
    parts = []
    for k, v in d.items():
        if v is None or v == "":
            continue
        if isinstance(v, bool):
            v = "true" if v else "false"
        parts.append(f' {k}="{html.escape(str(v), quote=True)}"')
    return "".join(parts)


def _actor_mark(a: ActorAnnotation) -> tuple[str, dict[str, Any]]:
    who = a.name or "unresolved"
    if a.office:
        who += f", {'former ' if a.former else ''}{a.office}"
    ctx = "/".join(x for x in (a.country, a.sector) if x)
    title = f"actor: {who}" + (f" [{ctx}]" if ctx else "") + (f" on {a.date}" if a.date else "")
    return "actor", {
        "data-name": a.name,
        "data-kind": a.kind,
        "data-person-id": a.person_id,
        "data-office-id": a.office_id,
        "data-office": a.office,
        "data-country": a.country,
        "data-sector": a.sector,
        "data-former": a.former,
        "data-resolved": a.resolved,
        "data-date": a.date,
        "data-source": a.source,
        "title": title,
    }


def _time_mark(t: TimeAnnotation) -> tuple[str, dict[str, Any]]:
    title = f"time: {t.iso or t.value or 'unresolved'} ({t.precision})" + (
        f", anchor {t.anchor}" if t.anchor else ""
    )
    return "time", {
        "data-value": t.value,
        "data-iso": t.iso,
        "data-precision": t.precision,
        "data-date": t.date,
        "data-anchor": t.anchor,
        "title": title,
    }


def _place_mark(p: PlaceAnnotation) -> tuple[str, dict[str, Any]]:
    where = f"{p.name} ({p.country or '?'})"
    if p.lat is not None and p.lon is not None:
        where += f" {p.lat:.4f}, {p.lon:.4f}"
    return "place", {
        "data-name": p.name,
        "data-country": p.country,
        "data-lat": p.lat,
        "data-lon": p.lon,
        "data-gazetteer-id": p.gazetteer_id,
        "data-feature": p.feature,
        "title": f"place: {where}",
    }


def _nest(spans: list[tuple[int, int, str, dict[str, Any]]]) -> tuple[list[Any], int]:
    """Spans as a forest ``[start, end, cls, attrs, children]``; crossing spans are dropped (and counted)."""
    roots: list[Any] = []
    stack: list[Any] = []
    skipped = 0
    for s, e, cls, attrs in sorted(spans, key=lambda x: (x[0], -x[1])):
        if e <= s:
            skipped += 1
            continue
        while stack and stack[-1][1] <= s:
            stack.pop()
        if stack and e > stack[-1][1]:
            skipped += 1  # starts inside the open span but ends after it
            continue
        node = [s, e, cls, attrs, []]
        (stack[-1][4] if stack else roots).append(node)
        stack.append(node)
    return roots, skipped


def _emit(text: str, nodes: list[Any], start: int, end: int, out: list[str]) -> None:
    pos = start
    for s, e, cls, attrs, children in nodes:
        out.append(html.escape(text[pos:s], quote=False))
        out.append(f'<mark class="{cls}"{_attrs(attrs)}>')
        _emit(text, children, s, e, out)
        out.append("</mark>")
        pos = e
    out.append(html.escape(text[pos:end], quote=False))


def _article_html(a: Annotations) -> str:
    spans = [(x.start, x.end, *_actor_mark(x)) for x in a.actors]
    spans += [(x.start, x.end, *_time_mark(x)) for x in a.times]
    spans += [(x.start, x.end, *_place_mark(x)) for x in a.places]
    roots, skipped = _nest(spans)
    body: list[str] = []
    _emit(a.text, roots, 0, len(a.text), body)
    pub = a.published.isoformat() if a.published else "unknown"
    meta = (
        f"published {html.escape(pub)} ({html.escape(a.published_source)}) · {len(a.actors)} actors, "
        f"{len(a.times)} times, {len(a.places)} places"
        + (f" · {skipped} crossing spans not marked" if skipped else "")
    )
    head = html.escape(a.path or a.article_id)
    return (
        f"<article{_attrs({'id': 'a-' + a.article_id, 'data-article-id': a.article_id, 'data-published': pub})}>"
        f'<h2>{head}</h2><p class="meta">{meta}</p><div class="text">{"".join(body)}</div></article>'
    )


def render_html(items: list[Annotations], title: str = "newsevents annotate") -> str:
    """One self-contained page (inline CSS, no scripts or external resources) showing every article's marks."""
    legend = (
        '<p class="legend"><mark class="actor">actor</mark><mark class="time">time</mark>'
        '<mark class="place">place</mark> hover a mark for its resolved value; nested marks are outlined</p>'
    )
    body = "\n".join(_article_html(a) for a in items)
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{_CSS}</style></head><body><h1>{html.escape(title)}</h1>{legend}\n{body}\n</body></html>\n"
    )


def json_line(a: Annotations) -> str:
    return json.dumps(a.to_json(), ensure_ascii=False)
