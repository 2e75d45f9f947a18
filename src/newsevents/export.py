"""Output formats for event records: JSON Lines, CSV, a terminal table, PLOVER JSONL, GDELT-style CSV, Parquet."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import IO, Any

from .model import Entity, EventRecord

FLAT_COLUMNS = [
    "id",
    "event_id",
    "article_id",
    "event",
    "mode",
    "cameo",
    "modality",
    "date",
    "date_precision",
    "date_source",
    "actor",
    "actor_country",
    "recipient",
    "recipient_country",
    "location",
    "trigger",
    "sentence",
    "published",
]


def _names(es: list[Entity]) -> str:
    return "; ".join(e.name or e.text for e in es)


def _countries(es: list[Entity]) -> str:
    return ";".join(e.country or "" for e in es)


def flat(r: EventRecord) -> dict[str, Any]:
    return {
        "id": r.id,
        "event_id": r.event_id,
        "article_id": r.article_id,
        "event": r.event,
        "mode": r.mode or "",
        "cameo": r.cameo or "",
        "modality": r.modality,
        "date": r.date or "",
        "date_precision": r.date_precision,
        "date_source": r.date_source,
        "actor": _names(r.actor),
        "actor_country": _countries(r.actor),
        "recipient": _names(r.recipient),
        "recipient_country": _countries(r.recipient),
        "location": r.location.name if r.location else "",
        "trigger": r.trigger.text,
        "sentence": r.sentence.text,
        "published": r.article.published or "",
    }


def write_jsonl(records: Iterable[EventRecord], out: IO[str]) -> int:
    n = 0
    for r in records:
        out.write(json.dumps(r.to_json(), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(records: Iterable[EventRecord], out: IO[str]) -> int:
    w = csv.DictWriter(out, fieldnames=FLAT_COLUMNS)
    w.writeheader()
    n = 0
    for r in records:
        w.writerow(flat(r))
        n += 1
    return n


def table(
    rows: list[dict[str, Any]],
    columns: list[str],
    widths: dict[str, int] | None = None,
    keep_end: frozenset[str] = frozenset({"path"}),
) -> str:
    """A plain-text table; long cells are cut, from the left for columns in ``keep_end`` (file paths)."""
    widths = widths or {}
    cells = [[str(row.get(c, "") or "") for c in columns] for row in rows]
    w = []
    for i, c in enumerate(columns):
        natural = max([len(c)] + [len(r[i]) for r in cells]) if cells else len(c)
        w.append(min(natural, widths.get(c, 40)))

    def cut(i: int, v: str) -> str:
        if len(v) <= w[i]:
            return v
        return "…" + v[-(w[i] - 1) :] if columns[i] in keep_end else v[: w[i] - 1] + "…"

    def fmt(vals: list[str]) -> str:
        return "  ".join(cut(i, v).ljust(w[i]) for i, v in enumerate(vals))

    buf = io.StringIO()
    buf.write(fmt(columns) + "\n")
    buf.write("  ".join("-" * x for x in w) + "\n")
    for r in cells:
        buf.write(fmt(r) + "\n")
    return buf.getvalue()


def write_table(records: Iterable[EventRecord], out: IO[str]) -> int:
    rows = [flat(r) for r in records]
    cols = ["date", "event", "mode", "modality", "actor", "recipient", "location", "trigger"]
    out.write(table(rows, cols, {"actor": 32, "recipient": 36, "trigger": 24}))
    return len(rows)


# --------------------------------------------------------------------------- exports


def _plover_actor(e: Entity) -> dict[str, Any]:
    return {"actorText": e.text, "name": e.name, "code": e.country, "sector": e.sector, "office": e.office}


def plover(r: EventRecord, strict: bool = False) -> dict[str, Any]:
    """A PLOVER-style record. ``strict`` applies the manual's coding of intentions and refusals
    (:func:`newsevents.lexicon.plover_event`): a planned meeting is AGREE, a threatened sanction THREATEN, a refused
    meeting REJECT; the mode then no longer applies."""
    event, mode = r.event, r.mode
    if strict:
        from .lexicon import plover_event

        event = plover_event(r.event, r.modality)
        if event != r.event:
            mode = None
    return {
        "id": r.id,
        "event_id": r.event_id,
        "date": r.date,
        "event": event,
        "mode": mode,
        "context": None,
        "actor": [_plover_actor(e) for e in r.actor],
        "recipient": [_plover_actor(e) for e in r.recipient],
        "eventText": r.trigger.text,
        "text": r.sentence.text,
        "eventLoc": (
            {
                "name": r.location.name,
                "country": r.location.country,
                "lat": r.location.lat,
                "lon": r.location.lon,
            }
            if r.location
            else None
        ),
        "modality": r.modality,
        "cameo": r.cameo,
        "citation": {
            "article": r.article_id,
            "url": r.article.url,
            "start": r.sentence.start,
            "end": r.sentence.end,
        },
        "language": "en",
    }


GDELT_COLUMNS = [
    "GlobalEventID",
    "MentionID",
    "Day",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1Type1Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2Type1Code",
    "IsRootEvent",
    "EventCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "PLOVEREvent",
    "Modality",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "SOURCEURL",
]

_PENTA_TO_QUAD = {1: 1, 2: 2, 3: 3, 4: 4}


def gdelt_row(r: EventRecord, penta: int) -> dict[str, Any]:
    """GDELT 2.0-style columns; GDELT is dyadic, so the first actor and recipient fill Actor1/Actor2 and the
    full lists stay in our own formats."""
    a = r.actor[0] if r.actor else None
    b = r.recipient[0] if r.recipient else None
    day = (r.date or "").replace("-", "") if r.date_precision == "day" else ""
    return {
        "GlobalEventID": r.event_id,
        "MentionID": r.id,
        "Day": day,
        "Actor1Name": (a.name or a.text) if a else "",
        "Actor1CountryCode": (a.country or "") if a else "",
        "Actor1Type1Code": (a.sector or "") if a else "",
        "Actor2Name": (b.name or b.text) if b else "",
        "Actor2CountryCode": (b.country or "") if b else "",
        "Actor2Type1Code": (b.sector or "") if b else "",
        "IsRootEvent": 1,
        "EventCode": r.cameo or "",
        "EventRootCode": (r.cameo or "")[:2],
        "QuadClass": _PENTA_TO_QUAD.get(penta, ""),
        "GoldsteinScale": r.intensity if r.intensity is not None else "",
        "PLOVEREvent": r.event,
        "Modality": r.modality,
        "ActionGeo_FullName": r.location.name if r.location else "",
        "ActionGeo_CountryCode": (r.location.country or "") if r.location else "",
        "ActionGeo_Lat": r.location.lat if r.location and r.location.lat is not None else "",
        "ActionGeo_Long": r.location.lon if r.location and r.location.lon is not None else "",
        "SOURCEURL": r.article.url or r.article.path or "",
    }


def write_plover_jsonl(records: Iterable[EventRecord], out: IO[str], strict: bool = False) -> int:
    n = 0
    for r in records:
        out.write(json.dumps(plover(r, strict), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_gdelt_csv(records: Iterable[EventRecord], out: IO[str]) -> int:
    from .lexicon import load

    types = load().types
    w = csv.DictWriter(out, fieldnames=GDELT_COLUMNS, delimiter="\t")
    w.writeheader()
    n = 0
    for r in records:
        w.writerow(gdelt_row(r, types[r.event].penta if r.event in types else 0))
        n += 1
    return n


PARQUET_COLUMNS = FLAT_COLUMNS + ["actors_json", "recipients_json", "location_json"]


def parquet_row(r: EventRecord) -> dict[str, Any]:
    """One record as the Parquet export's columns: the flat columns plus the full actor/recipient/location
    structures as JSON strings (also what the Spark job writes)."""
    row = flat(r)
    row["actors_json"] = json.dumps([a.__dict__ for a in r.actor], ensure_ascii=False)
    row["recipients_json"] = json.dumps([a.__dict__ for a in r.recipient], ensure_ascii=False)
    row["location_json"] = json.dumps(r.location.__dict__ if r.location else None, ensure_ascii=False)
    return row


def write_parquet(records: Iterable[EventRecord], path: str) -> int:
    """Flat columns plus the full actor/recipient/location structures as JSON strings (:func:`parquet_row`)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [parquet_row(r) for r in records]
    cols = PARQUET_COLUMNS
    table_ = pa.table(
        {c: [row[c] for row in rows] for c in cols}, schema=pa.schema([(c, pa.string()) for c in cols])
    )
    pq.write_table(table_, path)
    return len(rows)
