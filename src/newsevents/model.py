"""The data contract: every object that flows between stages, defined once.

Stages pass these dataclasses; the JSON schema (``newsevents schema``), the database columns and the README
are derived from them. Text is owned by :class:`Article`; everything downstream refers to it by character
offsets (``start``/``end``, Python ``str`` indices, end-exclusive) into ``Article.text``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal

PublishedSource = Literal["metadata", "inferred", "given", "none"]
Modality = Literal["asserted", "planned", "negated", "hypothetical"]
Precision = Literal["day", "week", "month", "year", "none"]
ActorKind = Literal["person", "office", "country", "organization", "agent", "group", "location"]
DateSource = Literal["text", "context", "publication", "none"]
TypeSource = Literal["lexicon", "model"]


@dataclass
class RawDocument:
    """One input document as read from a source, before cleaning.

    Exactly one of ``text`` / ``html`` is set. ``path`` names where it came from (file path, ``file.jsonl:12``
    for a JSON Lines record, ``<stdin>``).
    """

    path: str
    text: str | None = None
    html: str | None = None
    id: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None  # as found in metadata (ISO date or datetime string)


@dataclass
class InputError:
    """A document that could not be read or cleaned: kept as data, reported, stored in the errors table."""

    path: str
    reason: str
    stage: str = "read"

    def line(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class TextSpan:
    """A view into an article's clean text."""

    text: str
    start: int
    end: int


@dataclass
class Article:
    """A cleaned article. Owns ``text``: the body with site chrome, headline and captions removed."""

    id: str  # stable id: sha256 of the clean text (first 16 hex digits) unless the source gave one
    text: str
    content_hash: str  # sha256 hex of the clean text: identical content => identical hash => no-op re-ingest
    title: str | None = None
    url: str | None = None
    path: str | None = None
    published: dt.date | None = None
    published_source: PublishedSource = "none"
    published_confidence: float = 0.0
    metadata_published: dt.date | None = None  # date found in metadata (JSONL field, HTML meta), if any
    captions: list[str] = field(default_factory=list)  # photo captions and credits, kept apart from the body
    removed: list[str] = field(default_factory=list)  # boilerplate lines that were stripped (for inspection)


@dataclass
class Entity:
    """An actor or recipient as it appears in one event record."""

    text: str  # as written in the sentence
    name: str | None = None  # canonical name: person, country or organisation
    kind: ActorKind | None = None
    country: str | None = None  # ISO 3166-1 alpha-3, or a CAMEO/PLOVER code for international organisations
    sector: str | None = None  # CAMEO/PLOVER agent code: GOV, MIL, REB, CVL, OPP, IGO, MED, JUD, ...
    office: str | None = None  # office held on the event date, e.g. "President of Russia"
    former: bool = False  # the person no longer held ``office`` on the event date
    # not a named participant of the event's words but the party or place it is done to, as PLOVER codes a
    # target ("lifted the curfew in Darfur" -> Darfur, SDN); does not identify the event when linking
    affected: bool = False
    # not in the text: the unnamed perpetrator of an agentless attack or arrest, of the country where it happened,
    # as PLOVER's gold standard and ICEWS ("Unidentified Gunmen (Iraq)") code it (data/events/unnamed_actors.tsv);
    # does not identify the event when linking
    implicit: bool = False
    start: int | None = None
    end: int | None = None


@dataclass
class Location:
    text: str  # as written
    name: str  # canonical gazetteer name
    country: str | None = None  # ISO3
    lat: float | None = None
    lon: float | None = None
    gazetteer_id: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class ArticleRef:
    id: str
    title: str | None
    published: str | None
    published_source: PublishedSource
    url: str | None
    path: str | None

    @classmethod
    def of(cls, a: Article) -> ArticleRef:
        """The citation of an article carried by each of its event records."""
        published = a.published.isoformat() if a.published else None
        return cls(a.id, a.title, published, a.published_source, a.url, a.path)


@dataclass
class EventRecord:
    """One event mention: PLOVER-compatible, plus modality, date precision, provenance and the linked event."""

    id: str  # mention id: stable hash of (article id, trigger offsets, event type)
    event_id: str  # the real-world event this mention belongs to (shared across mentions and articles)
    article_id: str
    event: str  # PLOVER root type
    mode: str | None
    cameo: str | None
    intensity: float | None
    modality: Modality
    date: str | None  # ISO date (YYYY-MM-DD, or YYYY-MM / YYYY / YYYY-Www per precision)
    date_precision: Precision
    date_text: str | None  # the expression the date came from, or None when it fell back to publication
    # "text": from date_text in the event's own clause; "context": the day the narrative is on (date_text says
    # which expression); "publication": fell back to the article's date; "none": no date
    date_source: DateSource
    actor: list[Entity]
    recipient: list[Entity]
    location: Location | None
    trigger: TextSpan
    sentence: TextSpan
    article: ArticleRef
    confidence: float = 0.5
    # "lexicon": typed by the trigger lexicon and rules; "model": retyped by a trained type model (--type-model)
    type_source: TypeSource = "lexicon"

    def to_json(self) -> dict[str, Any]:
        return to_jsonable(self)


def to_jsonable(obj: Any) -> Any:
    """Dataclasses, dates and containers to plain JSON values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    return obj


def event_from_json(d: dict[str, Any]) -> EventRecord:
    """Inverse of :meth:`EventRecord.to_json`."""
    d = dict(d)
    d["actor"] = [Entity(**a) for a in d.get("actor") or []]
    d["recipient"] = [Entity(**a) for a in d.get("recipient") or []]
    d["location"] = Location(**d["location"]) if d.get("location") else None
    d["trigger"] = TextSpan(**d["trigger"])
    d["sentence"] = TextSpan(**d["sentence"])
    d["article"] = ArticleRef(**d["article"])
    return EventRecord(**d)


# --------------------------------------------------------------------------- JSON schema, derived from the types


def _schema_for(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_schema_for(a, defs) for a in args]}
    if origin is Literal:
        return {"enum": list(args)}
    if origin in (list, tuple):
        return {"type": "array", "items": _schema_for(args[0], defs) if args else {}}
    if tp is type(None):
        return {"type": "null"}
    if tp is str:
        return {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if tp in (dt.date,):
        return {"type": "string", "format": "date"}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # reserve against recursion
            hints = typing.get_type_hints(tp)
            props = {f.name: _schema_for(hints[f.name], defs) for f in dataclasses.fields(tp)}
            required = [
                f.name
                for f in dataclasses.fields(tp)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            ]
            defs[name] = {
                "type": "object",
                "description": " ".join((tp.__doc__ or "").split()),
                "properties": props,
                "required": required,
            }
        return {"$ref": f"#/$defs/{name}"}
    return {}


def event_json_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of one event record, generated from :class:`EventRecord`."""
    defs: dict[str, Any] = {}
    _schema_for(EventRecord, defs)
    root = defs.pop("EventRecord")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://newsevents.invalid/schema/event-record.json",
        "title": "newsevents event record",
        **root,
        "$defs": defs,
    }
