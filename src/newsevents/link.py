"""Linking event mentions to real-world events (first version).

An event is identified by its type, its participants as resolved entities (not strings), and its date at the
precision the text gives. Mentions with the same identity share one ``event_id`` whichever article they come
from, so ids are stable and independent of ingest order. Within an article, an undated mention ("Russia's veto")
joins a dated mention of the same type whose participants it shares. Against a store, a dated mention joins a
stored event of the same type within a day whose participants overlap strongly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections.abc import Iterable

from .lexicon import load as load_lexicon
from .model import Entity, EventRecord

JOIN_THRESHOLD = 0.5


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).lower().split())


def entity_key(e: Entity | dict) -> str:
    """The participant identity the linker compares: a resolved person, country, organisation, agent type."""
    if isinstance(e, dict):
        e = Entity(
            text=e.get("text") or "",
            name=e.get("name"),
            kind=e.get("kind"),
            country=e.get("country"),
            sector=e.get("sector"),
        )
    if e.kind in ("person", "office") and e.name:
        return "P:" + _fold(e.name)
    if e.kind == "country" and e.country:
        return "C:" + e.country
    if e.kind == "organization":
        return "O:" + _fold(e.country or e.name or e.text or "")
    if e.kind == "agent":
        return f"A:{e.country or ''}:{e.sector or ''}"
    if e.kind == "location" and e.name:
        return "L:" + _fold(e.name)
    return "T:" + _fold(e.name or e.text or "")


def participant_keys(r: EventRecord) -> tuple[frozenset[str], frozenset[str]]:
    a = frozenset(entity_key(e) for e in r.actor)
    b = frozenset(entity_key(e) for e in r.recipient)
    et = load_lexicon().types.get(r.event)
    if et is not None and et.symmetric:
        return a | b, frozenset()
    return a, b


def _day_key(r: EventRecord) -> str:
    if r.date_source in ("text", "context") and r.date:
        return r.date
    return ""


def identity(r: EventRecord) -> str:
    a, b = participant_keys(r)
    parts = [r.event, _day_key(r), ",".join(sorted(a)), ",".join(sorted(b))]
    return "ev_" + hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]


def _overlap(x: frozenset[str], y: frozenset[str]) -> float:
    if not x or not y:
        return 0.0
    return len(x & y) / len(x | y)


def assign_event_ids(records: list[EventRecord]) -> None:
    """Give every record of one article its event id (in place)."""
    for r in records:
        r.event_id = identity(r)
    dated = [r for r in records if _day_key(r)]
    for r in records:
        if _day_key(r):
            continue
        ra, rb = participant_keys(r)
        best, best_score = None, 0.0
        for d in dated:
            if d.event != r.event:
                continue
            da, db = participant_keys(d)
            if not (ra & da):
                continue
            score = _overlap(ra, da) + (_overlap(rb, db) if rb and db else 0.0)
            if score > best_score:
                best, best_score = d, score
        if best is not None:
            r.event_id = best.event_id


def _parse_day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def link_to_stored(records: Iterable[EventRecord], candidates_for) -> list[tuple[str, str]]:
    """Join dated records to stored events; returns (old id, stored id) pairs that were re-pointed.

    ``candidates_for(event, date_from, date_to)`` returns stored event rows with ``event_id`` and
    ``participants`` (a list of participant keys).
    """
    changes = []
    for r in records:
        day = _parse_day(_day_key(r))
        if day is None:
            continue
        keys = frozenset().union(*participant_keys(r))
        rows = candidates_for(
            r.event, (day - dt.timedelta(days=1)).isoformat(), (day + dt.timedelta(days=1)).isoformat()
        )
        best, best_score = None, JOIN_THRESHOLD
        for row in rows:
            if row["event_id"] == r.event_id:
                best = None
                break
            score = _overlap(keys, frozenset(row.get("participants") or []))
            if score >= best_score:
                best, best_score = row["event_id"], score
        if best is not None and best != r.event_id:
            changes.append((r.event_id, best))
            old = r.event_id
            for other in records:
                if other.event_id == old:
                    other.event_id = best
    return changes
