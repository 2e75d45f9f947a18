"""The event store: owns ALL SQL. SQLite (embedded, the default) or PostgreSQL (server, via psycopg 3).

Tables (schema in :mod:`newsevents.migrations`, identical on both backends except JSON = TEXT/JSONB):

- ``articles``: one row per cleaned :class:`~newsevents.model.Article` (``content_hash`` UNIQUE), with its
  ``source`` (URL host, else path) for coverage counts.
- ``mentions``: one row per :class:`~newsevents.model.EventRecord`: the whole ``to_json()`` in ``record``
  (read back losslessly with ``event_from_json``), plus copies of the queried fields as columns (type, mode,
  modality, date and its span, actors/recipients JSON, location name/country/lat/lon, trigger offsets).
- ``mention_actors``: one row per actor/recipient of a mention (folded name and text, country, sector).
- ``events``: one row per real-world event (``event_id``), aggregated from its mentions: representative type,
  date and location, participants and their keys (for the linker), coverage counts, first/last seen, the
  earliest report (``first_article``, and its ``anchor`` from which the linker derives the event id).
- ``mention_blocks``: the linker's blocking index (block key -> mention), see :mod:`newsevents.link`.
- ``errors`` (inputs that failed), ``merges`` (linker decisions: merges, splits, renames),
  ``schema_version`` (applied migrations).

Writes are one transaction per article: a failing article rolls back alone and never touches what is already
stored; re-ingesting identical content (same ``content_hash``) is a no-op that writes nothing.

Queries are written once with ``?`` placeholders and rewritten to ``%s`` for psycopg (a literal ``%`` is
escaped); literal ``?`` therefore never appears in SQL text: values, patterns included, go in as parameters.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pathlib
import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Literal
from urllib.parse import urlsplit

from newsevents import migrations
from newsevents.link import anchor_article
from newsevents.model import Article, Entity, EventRecord, InputError, event_from_json

__all__ = [
    "DEFAULT_DB",
    "IngestStatus",
    "Store",
    "date_bounds",
    "fold",
    "open_store",
    "participant_key",
    "source_of",
]

DEFAULT_DB = "newsevents.db"
IngestStatus = Literal["stored", "unchanged", "replaced"]

_CHUNK = 500  # ids per IN (...) list: far below SQLite's and PostgreSQL's parameter limits
_PAGE = 1000  # mentions fetched per round trip by Store.mentions()
_SQLITE_BUSY_MS = 30_000
_PG_MIGRATION_LOCK = 0x6E657773  # advisory lock key ("news") serialising concurrent migrate() calls
_PG_LINK_LOCK = 0x6C696E6B  # advisory lock key ("link") serialising linking writers
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "none": 4}


# --------------------------------------------------------------------------- opening


def open_store(url: str | None = None) -> Store:
    """Open (creating and migrating if needed) the store at ``url``.

    ``url`` is ``None`` (then ``$NEWSEVENTS_DB``, else ``./newsevents.db``), a file path (``events.db``),
    ``sqlite:///relative.db`` / ``sqlite:////absolute.db`` / ``:memory:``, or
    ``postgresql://user@host:port/db`` (also ``postgres://``; needs psycopg 3: ``pip install newsevents[postgres]``).
    """
    if url is None:
        url = os.environ.get("NEWSEVENTS_DB") or DEFAULT_DB
    if url.startswith(("postgresql://", "postgres://")):
        store: Store = PostgresStore(url)
    else:
        path = url[len("sqlite:///") :] if url.startswith("sqlite:///") else url
        if path.startswith("sqlite:"):
            raise ValueError(
                f"unsupported SQLite URL {url!r}: use sqlite:///relative.db or sqlite:////abs.db"
            )
        store = SQLiteStore(path)
    try:
        store.migrate()
    except BaseException:
        store.close()
        raise
    return store


# --------------------------------------------------------------------------- pure helpers


def fold(s: str | None) -> str | None:
    """Case- and accent-insensitive key of a name: ``"António  Guterres"`` -> ``"antonio guterres"``."""
    if s is None:
        return None
    decomposed = unicodedata.normalize("NFKD", s)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def participant_key(entity: Entity | dict[str, Any]) -> str:
    """The key the linker compares participants by (one definition, in :mod:`newsevents.link`)."""
    from .link import entity_key

    return entity_key(entity)


def source_of(url: str | None, path: str | None, article_id: str) -> str:
    """What counts as one source for ``n_sources``: the URL host (without ``www.``), else the input path.

    Articles with neither count as a source each (keyed by article id), so coverage is never overstated by
    merging unknown origins.
    """
    if url:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
        if host.startswith("www."):
            host = host[4:]
        if host:
            return host
    if path:
        return path
    return f"article:{article_id}"


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


def date_bounds(date: str | None) -> tuple[str | None, str | None]:
    """First and last calendar day (ISO) covered by a date of any precision.

    ``2022-04-05`` -> same day twice; ``2022-W14`` -> its Monday and Sunday; ``2022-04`` -> 1st and last of
    April; ``2022`` -> Jan 1 and Dec 31. Unparseable or ``None`` -> ``(None, None)``.
    """
    if not date:
        return None, None
    try:
        if m := _DAY.match(date):
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return d.isoformat(), d.isoformat()
        if m := _WEEK.match(date):
            start = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return start.isoformat(), (start + dt.timedelta(days=6)).isoformat()
        if m := _MONTH.match(date):
            year, month = int(m[1]), int(m[2])
            start = dt.date(year, month, 1)
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            return start.isoformat(), (nxt - dt.timedelta(days=1)).isoformat()
        if m := _YEAR.match(date):
            return f"{m[1]}-01-01", f"{m[1]}-12-31"
    except ValueError:
        pass
    return None, None


def _bound(value: str | None, side: int, what: str) -> str | None:
    if value is None:
        return None
    b = date_bounds(value)[side]
    if b is None:
        raise ValueError(f"{what}: not a date (YYYY, YYYY-MM, YYYY-Www or YYYY-MM-DD): {value!r}")
    return b


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _chunks(items: Sequence[str], size: int = _CHUNK) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _most_common(values: Iterable[Any]) -> Any:
    """Most frequent value; ties go to the one seen first (Counter keeps insertion order among equals)."""
    counts = Counter(v for v in values if v is not None)
    return counts.most_common(1)[0][0] if counts else None


_ENTITY_SUMMARY = ("name", "text", "kind", "country", "sector", "office")


def _merge_participants(lists: Iterable[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Distinct participants across mentions, by :func:`participant_key`, first-seen order; a later mention
    fills fields an earlier one left empty."""
    merged: dict[str, dict[str, Any]] = {}
    for entities in lists:
        for ent in entities:
            key = participant_key(ent)
            summary = merged.setdefault(key, {"key": key, **{f: None for f in _ENTITY_SUMMARY}})
            for f in _ENTITY_SUMMARY:
                if summary[f] is None and ent.get(f) is not None:
                    summary[f] = ent[f]
    return list(merged.values())


def _aggregate(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The representative values of one real-world event from its mention rows (JSON columns decoded).

    Type: the most frequent. Mode and modality: the most frequent among mentions of that type. Date: among
    dated mentions of that type, prefer a date read from the text (``date_source == "text"``) over a
    publication-date fallback, then the finest precision, then the most frequent value. Location: the most
    frequent (name, country).
    """
    rows = sorted(rows, key=lambda r: (r["article_id"], r["trigger_start"], r["id"]))
    event = _most_common(r["event"] for r in rows)
    same = [r for r in rows if r["event"] == event]
    date, precision = None, "none"
    dated = [r for r in same if r["date"]]
    if dated:

        def rank(r: dict[str, Any]) -> tuple[int, int]:
            explicit = r["date_source"] == "text" or (r["date_source"] is None and r["date_text"])
            return (0 if explicit else 1, _PRECISION_RANK.get(r["date_precision"], 9))

        best = min(rank(r) for r in dated)
        top = [r for r in dated if rank(r) == best]
        date = _most_common(r["date"] for r in top)
        precision = next(r["date_precision"] for r in top if r["date"] == date)
    located = [r for r in rows if r["location_name"] is not None]
    loc_key = _most_common((r["location_name"], r["location_country"]) for r in located)
    location = next((r for r in located if (r["location_name"], r["location_country"]) == loc_key), None)
    actors = _merge_participants(r["actors"] for r in rows)
    recipients = _merge_participants(r["recipients"] for r in rows)
    start, end = date_bounds(date)
    return {
        "event": event,
        "mode": _most_common(r["mode"] for r in same),
        "modality": _most_common(r["modality"] for r in same),
        "date": date,
        "date_precision": precision,
        "date_start": start,
        "date_end": end,
        "location_name": location["location_name"] if location else None,
        "location_country": location["location_country"] if location else None,
        "lat": location["lat"] if location else None,
        "lon": location["lon"] if location else None,
        "actors": actors,
        "recipients": recipients,
        "actor_keys": sorted({a["key"] for a in actors}),
        "recipient_keys": sorted({a["key"] for a in recipients}),
    }


# --------------------------------------------------------------------------- the store


_EVENT_COLUMNS = (
    "event_id, event, mode, modality, date, date_precision, date_start, date_end, location_name, "
    "location_country, lat, lon, actors, recipients, actor_keys, recipient_keys, n_mentions, n_articles, "
    "n_sources, first_seen, last_seen, first_article"
)
_MENTION_COLUMNS = (
    "id, event_id, article_id, event, mode, cameo, intensity, modality, date, date_precision, date_text, "
    "date_source, date_start, date_end, actors, recipients, location_name, location_country, lat, lon, "
    "trigger_start, trigger_end, confidence, record, anchor"
)
_ARTICLE_COLUMNS = (
    "id, content_hash, title, url, path, source, published, published_source, published_confidence, "
    "metadata_published, ingested_at"
)


class Store:
    """A connection to the event store. Use :func:`open_store` rather than constructing one.

    Not thread-safe: one ``Store`` per thread or process (each worker opens its own). Usable as a context
    manager (closes on exit).
    """

    backend: str = ""
    _json_columns: frozenset[str] = frozenset(
        {
            "captions",
            "removed",
            "actors",
            "recipients",
            "actor_keys",
            "recipient_keys",
            "record",
        }
    )

    # ---- backend hooks (implemented by SQLiteStore / PostgresStore)

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    @contextmanager
    def _tx(self) -> Iterator[None]:
        raise NotImplementedError
        yield

    def _dump(self, value: Any) -> Any:
        """A Python value for a JSON column (``None`` stays SQL NULL)."""
        raise NotImplementedError

    def _load(self, value: Any) -> Any:
        raise NotImplementedError

    def _lock_for_migration(self) -> None:
        """Serialise concurrent migrate() calls (inside the migration transaction)."""

    def _lock_events(self, event_ids: Sequence[str]) -> None:
        """Serialise concurrent writers recomputing the same events (inside the article transaction)."""

    def _lock_linker(self) -> None:
        """Serialise linking writers (inside the article transaction): a linker must see every mention
        committed before it, or two concurrent articles of one event could miss each other."""

    def close(self) -> None:
        """Close the connection. Idempotent."""
        raise NotImplementedError

    # ---- small query helpers

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        rows = self._execute(sql, params).fetchall()
        for row in rows:
            for k in self._json_columns.intersection(row):
                row[k] = self._load(row[k])
        return rows

    def _one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self._all(sql, params)
        return rows[0] if rows else None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- schema

    def schema_version(self) -> int:
        """The highest migration applied to this database (0 for an empty one)."""
        row = self._one("SELECT MAX(version) AS v FROM schema_version")
        return int(row["v"]) if row and row["v"] is not None else 0

    def migrate(self) -> None:
        """Apply pending migrations (run by :func:`open_store`). Idempotent and safe to run concurrently.

        Raises ``RuntimeError`` when the database is newer than this code.
        """
        steps = migrations.all_migrations()
        with self._tx():
            self._lock_for_migration()
            self._execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            current = self.schema_version()
            if current > len(steps):
                raise RuntimeError(
                    f"database schema version {current} is newer than this newsevents ({len(steps)}): upgrade"
                )
            for step in steps[current:]:
                for statement in step.statements(self.backend):
                    self._execute(statement)
                self._execute(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                    (step.version, step.name, _now()),
                )
        if self._one("SELECT 1 AS x FROM mentions WHERE anchor IS NULL LIMIT 1") is not None:
            self.relink()  # mentions stored before the linker's index existed

    # ---- writes

    def has_content(self, content_hash: str) -> bool:
        """Whether an article with this content hash is stored (lets callers skip parsing it)."""
        return self._one("SELECT 1 AS x FROM articles WHERE content_hash = ?", (content_hash,)) is not None

    def ingest(self, article: Article, events: list[EventRecord], *, link: bool = False) -> IngestStatus:
        """Store one article and its event records in one transaction.

        Returns ``"unchanged"`` when an article with the same ``content_hash`` is already stored (nothing is
        written), ``"replaced"`` when the article id exists with other content (its row is updated and its old
        mentions are replaced), else ``"stored"``. Then the ``events`` rows of every event id touched (new
        mentions' and replaced mentions') are upserted and their aggregates and coverage counts recomputed;
        an event left without mentions is deleted. On any error the whole article is rolled back and the
        exception propagates; earlier articles stay stored.

        ``link=False`` stores each record under the ``event_id`` it carries. ``link=True`` runs the linker
        (:mod:`newsevents.link`) in the same transaction and overwrites ``rec.event_id`` in place: events that
        lost the replaced mentions are re-partitioned (splits logged), the new mentions join every stored
        event :func:`~newsevents.link.same_event` connects them to (stored events they bridge are merged, the
        merge logged), and every event id is that of its earliest report. The resulting events and ids do
        not depend on the order articles are ingested in.
        """
        for rec in events:
            if rec.article_id != article.id:
                raise ValueError(f"record {rec.id} belongs to article {rec.article_id}, not {article.id}")
        with self._tx():
            if self.has_content(article.content_hash):
                return "unchanged"
            if link:
                self._lock_linker()
            row = self._one("SELECT content_hash FROM articles WHERE id = ?", (article.id,))
            if row is not None and row["content_hash"] == article.content_hash:
                # another writer committed this very article after our check above (PostgreSQL's READ
                # COMMITTED lets each statement see new commits): it is stored, not to be replaced
                return "unchanged"
            exists = row is not None
            old = self._all("SELECT DISTINCT event_id FROM mentions WHERE article_id = ?", (article.id,))
            old_ids = {r["event_id"] for r in old}
            if exists:
                self._execute(
                    "DELETE FROM mention_actors WHERE mention_id IN (SELECT id FROM mentions WHERE article_id = ?)",
                    (article.id,),
                )
                self._execute(
                    "DELETE FROM mention_blocks WHERE mention_id IN (SELECT id FROM mentions WHERE article_id = ?)",
                    (article.id,),
                )
                self._execute("DELETE FROM mentions WHERE article_id = ?", (article.id,))
                self._execute(
                    "UPDATE articles SET content_hash = ?, title = ?, url = ?, path = ?, source = ?, "
                    "published = ?, published_source = ?, published_confidence = ?, metadata_published = ?, "
                    "text = ?, captions = ?, removed = ?, ingested_at = ? WHERE id = ?",
                    (*self._article_values(article)[1:], article.id),
                )
            else:
                cur = self._execute(
                    "INSERT INTO articles (id, content_hash, title, url, path, source, published, "
                    "published_source, published_confidence, metadata_published, text, captions, removed, "
                    f"ingested_at) VALUES ({_marks(14)}) ON CONFLICT DO NOTHING",
                    self._article_values(article),
                )
                if cur.rowcount == 0:
                    # another writer stored this article between our check and our insert (PostgreSQL runs
                    # writers concurrently; SQLite's BEGIN IMMEDIATE already serialises them)
                    if self.has_content(article.content_hash):
                        return "unchanged"
                    raise RuntimeError(f"article {article.id} was stored concurrently with other content")
            touched = set(old_ids)
            if link:
                touched |= self._resplit(sorted(old_ids), article.id)
                touched |= self._link_new(events)
            touched |= {rec.event_id for rec in events}
            self._ensure_events(events)
            self._lock_events(sorted(touched))
            self._insert_mentions(events)
            self._refresh_events(sorted(touched))
        return "replaced" if exists else "stored"

    def _article_values(self, a: Article) -> tuple[Any, ...]:
        return (
            a.id,
            a.content_hash,
            a.title,
            a.url,
            a.path,
            source_of(a.url, a.path, a.id),
            _iso(a.published),
            a.published_source,
            float(a.published_confidence),
            _iso(a.metadata_published),
            a.text,
            self._dump(list(a.captions)),
            self._dump(list(a.removed)),
            _now(),
        )

    def _ensure_events(self, records: list[EventRecord]) -> None:
        """Placeholder ``events`` rows, so mentions can reference them; _refresh_events fills them in."""
        first_type: dict[str, str] = {}
        for rec in records:
            first_type.setdefault(rec.event_id, rec.event)
        self._ensure_event_ids(first_type)

    def _ensure_event_ids(self, first_type: dict[str, str]) -> None:
        if first_type:
            self._executemany(
                "INSERT INTO events (event_id, event) VALUES (?, ?) ON CONFLICT (event_id) DO NOTHING",
                sorted(first_type.items()),
            )

    def _insert_mentions(self, records: list[EventRecord]) -> None:
        if not records:
            return
        from .link import block_keys, mention_key

        mention_rows = []
        actor_rows = []
        block_rows: list[tuple[str, str]] = []
        for rec in records:
            key = mention_key(rec)
            block_rows.extend((b, rec.id) for b in block_keys(key))
            j = rec.to_json()
            start, end = date_bounds(rec.date)
            loc = rec.location
            mention_rows.append(
                (
                    rec.id,
                    rec.event_id,
                    rec.article_id,
                    rec.event,
                    rec.mode,
                    rec.cameo,
                    rec.intensity,
                    rec.modality,
                    rec.date,
                    rec.date_precision,
                    rec.date_text,
                    rec.date_source,
                    start,
                    end,
                    self._dump(j["actor"]),
                    self._dump(j["recipient"]),
                    loc.name if loc else None,
                    loc.country if loc else None,
                    loc.lat if loc else None,
                    loc.lon if loc else None,
                    rec.trigger.start,
                    rec.trigger.end,
                    rec.confidence,
                    self._dump(j),
                    key.anchor,
                )
            )
            for role, entities in (("actor", rec.actor), ("recipient", rec.recipient)):
                for pos, ent in enumerate(entities):
                    actor_rows.append(
                        (
                            rec.id,
                            role,
                            pos,
                            ent.name,
                            ent.text,
                            fold(ent.name),
                            fold(ent.text),
                            ent.kind,
                            ent.country.upper() if ent.country else None,
                            ent.sector,
                        )
                    )
        self._executemany(f"INSERT INTO mentions ({_MENTION_COLUMNS}) VALUES ({_marks(25)})", mention_rows)
        if block_rows:
            self._executemany("INSERT INTO mention_blocks (block, mention_id) VALUES (?, ?)", block_rows)
        if actor_rows:
            self._executemany(
                "INSERT INTO mention_actors (mention_id, role, position, name, text, name_key, text_key, kind, "
                f"country, sector) VALUES ({_marks(10)})",
                actor_rows,
            )

    def _refresh_events(self, event_ids: Sequence[str]) -> None:
        """Recompute the aggregate row of each event from its mentions; delete events left without any."""
        seen_expr = "COALESCE(a.published, SUBSTR(a.ingested_at, 1, 10))"
        for chunk in _chunks(event_ids):
            counts = {
                r["event_id"]: r
                for r in self._all(
                    "SELECT m.event_id, COUNT(*) AS n_mentions, COUNT(DISTINCT m.article_id) AS n_articles, "
                    f"COUNT(DISTINCT a.source) AS n_sources, MIN({seen_expr}) AS first_seen, "
                    f"MAX({seen_expr}) AS last_seen, MIN(m.anchor) AS anchor "
                    "FROM mentions m JOIN articles a ON a.id = m.article_id "
                    f"WHERE m.event_id IN ({_marks(len(chunk))}) GROUP BY m.event_id",
                    chunk,
                )
            }
            grouped: dict[str, list[dict[str, Any]]] = {}
            for r in self._all(
                "SELECT id, event_id, article_id, trigger_start, event, mode, modality, date, date_precision, "
                "date_text, date_source, actors, recipients, location_name, location_country, lat, lon "
                f"FROM mentions WHERE event_id IN ({_marks(len(chunk))})",
                chunk,
            ):
                grouped.setdefault(r["event_id"], []).append(r)
            updates = []
            for event_id in chunk:
                if event_id not in counts:
                    continue
                agg = _aggregate(grouped[event_id])
                c = counts[event_id]
                updates.append(
                    (
                        agg["event"],
                        agg["mode"],
                        agg["modality"],
                        agg["date"],
                        agg["date_precision"],
                        agg["date_start"],
                        agg["date_end"],
                        agg["location_name"],
                        agg["location_country"],
                        agg["lat"],
                        agg["lon"],
                        self._dump(agg["actors"]),
                        self._dump(agg["recipients"]),
                        self._dump(agg["actor_keys"]),
                        self._dump(agg["recipient_keys"]),
                        int(c["n_mentions"]),
                        int(c["n_articles"]),
                        int(c["n_sources"]),
                        c["first_seen"],
                        c["last_seen"],
                        c["anchor"],
                        anchor_article(c["anchor"]),
                        event_id,
                    )
                )
            if updates:
                self._executemany(
                    "UPDATE events SET event = ?, mode = ?, modality = ?, date = ?, date_precision = ?, "
                    "date_start = ?, date_end = ?, location_name = ?, location_country = ?, lat = ?, lon = ?, "
                    "actors = ?, recipients = ?, actor_keys = ?, recipient_keys = ?, n_mentions = ?, "
                    "n_articles = ?, n_sources = ?, first_seen = ?, last_seen = ?, anchor = ?, first_article = ? "
                    "WHERE event_id = ?",
                    updates,
                )
            orphans = [(e,) for e in chunk if e not in counts]
            if orphans:
                self._executemany("DELETE FROM events WHERE event_id = ?", orphans)

    def record_error(self, error: InputError) -> None:
        """Add a row to the errors table (path, stage, reason, time), in its own transaction."""
        with self._tx():
            self._execute(
                "INSERT INTO errors (path, stage, reason, time) VALUES (?, ?, ?, ?)",
                (error.path, error.stage, error.reason, _now()),
            )

    def log_merge(self, kept: str, merged: str, reason: str) -> None:
        """Record that the linker merged event ``merged`` into ``kept`` and why (a log only: it moves no
        mentions; the linker assigns the kept event id to the records it ingests)."""
        with self._tx():
            self._execute(
                "INSERT INTO merges (kept, merged, reason, time) VALUES (?, ?, ?, ?)",
                (kept, merged, reason, _now()),
            )

    # ---- linking (the decisions live in newsevents.link; these methods fetch candidates and apply plans)

    def _keys_of(self, rows: Iterable[dict[str, Any]]) -> list[Any]:
        from .link import mention_key

        return [mention_key(self._record(r)) for r in rows]

    def _log(self, kept: str, merged: str, reason: str) -> None:
        self._execute(
            "INSERT INTO merges (kept, merged, reason, time) VALUES (?, ?, ?, ?)",
            (kept, merged, reason, _now()),
        )

    def _move_event(self, old: str, new: str, event_type: str, reason: str) -> None:
        """Re-point every mention of ``old`` to ``new`` and log it (inside a transaction)."""
        self._ensure_event_ids({new: event_type})
        self._execute("UPDATE mentions SET event_id = ? WHERE event_id = ?", (new, old))
        self._log(new, old, reason)

    def _resplit(self, event_ids: Sequence[str], article_id: str) -> set[str]:
        """Re-partition events that lost mentions (a replaced article): parts that no longer link get the id
        of their own earliest report, and the split is logged. Returns the event ids touched."""
        from .link import event_id_for, partition

        touched: set[str] = set()
        for event_id in event_ids:
            rows = self._all("SELECT id, record FROM mentions WHERE event_id = ?", (event_id,))
            if not rows:
                continue
            parts = partition(self._keys_of(rows))
            for part in parts:
                new_id = event_id_for(part[0].anchor)
                if new_id == event_id:
                    continue
                if len(parts) > 1:
                    reason = (
                        f"split: {len(part)} of {len(rows)} mentions no longer link to the rest after "
                        f"article {article_id} was replaced"
                    )
                else:
                    reason = f"renamed: its earliest report changed when article {article_id} was replaced"
                self._ensure_event_ids({new_id: part[0].event})
                for chunk in _chunks([k.id for k in part]):
                    self._execute(
                        f"UPDATE mentions SET event_id = ? WHERE id IN ({_marks(len(chunk))})",
                        (new_id, *chunk),
                    )
                self._log(new_id, event_id, reason)
                touched.add(new_id)
            touched.add(event_id)
        return touched

    def _link_new(self, records: list[EventRecord]) -> set[str]:
        """Link one article's records to the stored events (sets ``rec.event_id``); returns touched ids."""
        from .link import mention_key, plan_links, probe_keys

        keys = [mention_key(r) for r in records]
        probes = sorted({p for k in keys for p in probe_keys(k)})
        rows: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(probes):
            for r in self._all(
                "SELECT m.id, m.event_id, m.record FROM mention_blocks b JOIN mentions m ON m.id = b.mention_id "
                f"WHERE b.block IN ({_marks(len(chunk))})",
                chunk,
            ):
                rows.setdefault(r["id"], r)
        ordered = [rows[k] for k in sorted(rows)]
        candidates = list(zip(self._keys_of(ordered), [r["event_id"] for r in ordered], strict=True))
        anchors: dict[str, str] = {}
        for chunk in _chunks(sorted({r["event_id"] for r in ordered})):
            for r in self._all(
                f"SELECT event_id, anchor FROM events WHERE event_id IN ({_marks(len(chunk))})", chunk
            ):
                anchors[r["event_id"]] = r["anchor"]
        plan = plan_links(keys, candidates, anchors)
        touched: set[str] = set()
        types = {e: c.event for c, e in candidates}
        for old, new, reason in plan.moves:
            self._move_event(old, new, types[old], reason)
            touched |= {old, new}
        for rec in records:
            rec.event_id = plan.assign[rec.id]
        return touched

    def relink(self) -> int:
        """Rebuild the blocking index and anchors of every mention and re-partition the whole store with the
        current linking rules (one transaction). Needed after an upgrade or a change of the rules; changes
        are logged in ``merges``. Returns the number of mentions whose event id changed."""
        from .link import block_keys, event_id_for, partition

        with self._tx():
            self._lock_linker()
            rows = self._all("SELECT id, event_id, record FROM mentions ORDER BY id")
            keys = self._keys_of(rows)
            current = {r["id"]: r["event_id"] for r in rows}
            self._execute("DELETE FROM mention_blocks")
            self._executemany(
                "INSERT INTO mention_blocks (block, mention_id) VALUES (?, ?)",
                [(b, k.id) for k in keys for b in block_keys(k)],
            )
            self._executemany("UPDATE mentions SET anchor = ? WHERE id = ?", [(k.anchor, k.id) for k in keys])
            changed = 0
            touched = set(current.values())
            for part in partition(keys):
                new_id = event_id_for(part[0].anchor)
                moved = [k.id for k in part if current[k.id] != new_id]
                if not moved:
                    continue
                changed += len(moved)
                touched.add(new_id)
                self._ensure_event_ids({new_id: part[0].event})
                for chunk in _chunks(moved):
                    self._execute(
                        f"UPDATE mentions SET event_id = ? WHERE id IN ({_marks(len(chunk))})",
                        (new_id, *chunk),
                    )
                for old in sorted({current[m] for m in moved}):
                    self._log(new_id, old, "relinked: the linking rules put these mentions in another event")
            self._refresh_events(sorted(touched))
        return changed

    def merge_events(self, kept: str, merged: str, reason: str) -> None:
        """Move every mention of event ``merged`` into ``kept``, log it, and recompute both rows (one
        transaction). A manual correction: ``relink()`` recomputes events from the linking rules again."""
        with self._tx():
            row = self._one("SELECT event FROM events WHERE event_id = ?", (merged,))
            if row is None:
                raise KeyError(f"unknown event {merged!r}")
            self._lock_events(sorted({kept, merged}))
            self._move_event(merged, kept, row["event"], reason)
            self._refresh_events(sorted({kept, merged}))

    def resolve_event_id(self, event_id: str) -> str | None:
        """The current id of an event known under ``event_id``, following the merge log through merges and
        renames; ``None`` when it is neither stored nor logged. (An event that was split resolves to the part
        that kept the most recent log entry.)"""
        seen: set[str] = set()
        while event_id not in seen:
            seen.add(event_id)
            if self._one("SELECT 1 AS x FROM events WHERE event_id = ?", (event_id,)) is not None:
                return event_id
            row = self._one("SELECT kept FROM merges WHERE merged = ? ORDER BY id DESC LIMIT 1", (event_id,))
            if row is None:
                return None
            event_id = row["kept"]
        return None

    # ---- reads

    def candidate_events(
        self, event: str, date_from: str | None, date_to: str | None, limit: int = 500
    ) -> list[dict[str, Any]]:
        """Stored real-world events of type ``event`` that the linker may attach a new mention to.

        With both bounds ``None``: the undated events of that type. Otherwise the events whose date span
        (see :func:`date_bounds`) overlaps ``[date_from, date_to]``; a ``None`` bound is open. Bounds may have
        any precision (``2022``, ``2022-04``, ``2022-W14``, ``2022-04-05``). Most-covered first. Each dict:
        ``event_id, event, mode, modality, date, date_precision, date_start, date_end, location`` (dict or
        None), ``actors, recipients`` (participant summaries), ``actor_keys, recipient_keys, participants``
        (sorted :func:`participant_key` values), ``n_mentions, n_articles, n_sources``.
        """
        where = ["e.event = ?"]
        params: list[Any] = [event]
        if date_from is None and date_to is None:
            where.append("e.date_start IS NULL")
        else:
            lo, hi = _bound(date_from, 0, "date_from"), _bound(date_to, 1, "date_to")
            if lo is not None:
                where.append("e.date_end >= ?")
                params.append(lo)
            if hi is not None:
                where.append("e.date_start <= ?")
                params.append(hi)
        rows = self._all(
            f"SELECT {_EVENT_COLUMNS} FROM events e WHERE {' AND '.join(where)} "
            "ORDER BY e.n_mentions DESC, e.event_id LIMIT ?",
            (*params, int(limit)),
        )
        out = []
        for r in rows:
            d = self._event_dict(r)
            d["participants"] = sorted(set(d["actor_keys"]) | set(d["recipient_keys"]))
            out.append(d)
        return out

    def _event_dict(self, r: dict[str, Any]) -> dict[str, Any]:
        location = None
        if r["location_name"] is not None:
            location = {
                "name": r["location_name"],
                "country": r["location_country"],
                "lat": r["lat"],
                "lon": r["lon"],
            }
        return {
            "event_id": r["event_id"],
            "event": r["event"],
            "mode": r["mode"],
            "modality": r["modality"],
            "date": r["date"],
            "date_precision": r["date_precision"],
            "date_start": r["date_start"],
            "date_end": r["date_end"],
            "actors": r["actors"] or [],
            "recipients": r["recipients"] or [],
            "actor_keys": r["actor_keys"] or [],
            "recipient_keys": r["recipient_keys"] or [],
            "location": location,
            "n_mentions": r["n_mentions"],
            "n_articles": r["n_articles"],
            "n_sources": r["n_sources"],
            "first_seen": r["first_seen"],
            "last_seen": r["last_seen"],
            "first_article": r["first_article"],
        }

    def _event_filters(
        self,
        actor: str | None,
        country: str | None,
        type: str | None,
        since: str | None,
        until: str | None,
    ) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        participants = (
            "SELECT m.event_id FROM mentions m JOIN mention_actors ma ON ma.mention_id = m.id WHERE "
        )
        if type:
            where.append("e.event = ?")
            params.append(type.strip().upper())
        if actor:
            key = fold(actor)
            where.append(f"e.event_id IN ({participants}ma.name_key = ? OR ma.text_key = ?)")
            params += [key, key]
        if country:
            where.append(f"e.event_id IN ({participants}ma.country = ?)")
            params.append(country.strip().upper())
        if since:
            where.append("e.date_end >= ?")
            params.append(_bound(since, 0, "since"))
        if until:
            where.append("e.date_start <= ?")
            params.append(_bound(until, 1, "until"))
        return where, params

    def events(
        self,
        actor: str | None = None,
        country: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Real-world events, one dict each, oldest first (undated last).

        Keys: ``event_id, event, mode, modality, date, date_precision, date_start, date_end, actors,
        recipients`` (participant summaries: key, name, text, kind, country, sector, office), ``actor_keys,
        recipient_keys, location`` (name, country, lat, lon, or None), ``n_mentions, n_articles, n_sources,
        first_seen, last_seen``.

        Filters (combined with AND): ``actor`` equals a participant's canonical or written name in either role,
        case- and accent-insensitively; ``country`` equals an actor's or recipient's country code; ``type`` is
        the PLOVER type (upper-cased); ``since``/``until`` keep events whose date span overlaps the range (any
        precision; undated events are then excluded).
        """
        where, params = self._event_filters(actor, country, type, since, until)
        sql = f"SELECT {_EVENT_COLUMNS} FROM events e"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY (e.date_start IS NULL), e.date_start, e.event_id"
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params += [int(limit) if limit is not None else 2**62, int(offset)]
        return [self._event_dict(r) for r in self._all(sql, params)]

    def count_events(
        self,
        actor: str | None = None,
        country: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> int:
        """How many events :meth:`events` would return with these filters and no limit."""
        where, params = self._event_filters(actor, country, type, since, until)
        sql = "SELECT COUNT(*) AS n FROM events e" + (" WHERE " + " AND ".join(where) if where else "")
        row = self._one(sql, params)
        return int(row["n"]) if row else 0

    def _record(self, r: dict[str, Any]) -> EventRecord:
        rec = event_from_json(r["record"])
        if r.get("event_id"):
            # the column is authoritative: the linker re-points mentions (merges, splits) without rewriting
            # the stored JSON
            rec.event_id = r["event_id"]
        return rec

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event (as in :meth:`events`) plus ``mentions``: the full EventRecord JSON of each, ordered by
        article and position in it. ``None`` when unknown."""
        row = self._one(f"SELECT {_EVENT_COLUMNS} FROM events WHERE event_id = ?", (event_id,))
        if row is None:
            return None
        d = self._event_dict(row)
        rows = self._all(
            "SELECT id, article_id, trigger_start, record FROM mentions WHERE event_id = ?", (event_id,)
        )
        rows.sort(key=lambda r: (r["article_id"], r["trigger_start"], r["id"]))
        d["mentions"] = [{**r["record"], "event_id": event_id} for r in rows]
        return d

    def mentions(
        self,
        actor: str | None = None,
        country: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> Iterator[EventRecord]:
        """The stored EventRecords of the events :meth:`events` would return with the same filters, by mention
        id, fetched in pages (memory stays flat on large stores). ``limit`` caps the number of records."""
        where, params = self._event_filters(actor, country, type, since, until)
        base = "SELECT m.id, m.event_id, m.record FROM mentions m JOIN events e ON e.event_id = m.event_id WHERE m.id > ?"
        if where:
            base += " AND " + " AND ".join(where)
        base += " ORDER BY m.id LIMIT ?"
        last, left = "", limit
        while left is None or left > 0:
            page = _PAGE if left is None else min(_PAGE, left)
            rows = self._all(base, [last, *params, page])
            for r in rows:
                yield self._record(r)
            if len(rows) < page:
                return
            last = rows[-1]["id"]
            if left is not None:
                left -= len(rows)

    def articles(self) -> list[dict[str, Any]]:
        """Stored articles without their text: ``id, content_hash, title, url, path, source, published,
        published_source, published_confidence, metadata_published, ingested_at, n_mentions``."""
        return self._all(
            f"SELECT {', '.join('a.' + c.strip() for c in _ARTICLE_COLUMNS.split(','))}, "
            "(SELECT COUNT(*) FROM mentions m WHERE m.article_id = a.id) AS n_mentions "
            "FROM articles a ORDER BY (a.published IS NULL), a.published, a.id"
        )

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article with everything stored: the columns of :meth:`articles` plus ``text, captions,
        removed`` (the text the mentions' offsets point into)."""
        return self._one(
            f"SELECT {_ARTICLE_COLUMNS}, text, captions, removed FROM articles WHERE id = ?", (article_id,)
        )

    def errors(self) -> list[dict[str, Any]]:
        """Recorded input errors, oldest first: ``id, path, stage, reason, time``."""
        return self._all("SELECT id, path, stage, reason, time FROM errors ORDER BY id")

    def merges(self) -> list[dict[str, Any]]:
        """The linker's merge log, oldest first: ``id, kept, merged, reason, time``."""
        return self._all("SELECT id, kept, merged, reason, time FROM merges ORDER BY id")

    def counts(self) -> dict[str, int]:
        """Row counts: ``articles, events, mentions, errors``."""
        out = {}
        for table in ("articles", "events", "mentions", "errors"):
            row = self._one(f"SELECT COUNT(*) AS n FROM {table}")
            out[table] = int(row["n"]) if row else 0
        return out


# --------------------------------------------------------------------------- backends


def _dict_row(cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> dict[str, Any]:
    return {d[0]: v for d, v in zip(cursor.description, row, strict=True)}


class SQLiteStore(Store):
    """SQLite file (or ``:memory:``): WAL journal, foreign keys enforced, writers wait up to 30 s for a lock."""

    backend = "sqlite"

    def __init__(self, path: str) -> None:
        self.path = path
        if path != ":memory:" and not path.startswith("file:"):
            pathlib.Path(path).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: we issue BEGIN IMMEDIATE/COMMIT ourselves, so a writer takes the lock up
        # front instead of failing to upgrade a read lock halfway through an article
        self._conn: sqlite3.Connection | None = sqlite3.connect(
            path, isolation_level=None, timeout=_SQLITE_BUSY_MS / 1000, uri=path.startswith("file:")
        )
        self._conn.row_factory = _dict_row
        self._conn.execute(f"PRAGMA busy_timeout = {_SQLITE_BUSY_MS}")
        self._conn.execute("PRAGMA foreign_keys = ON")
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute("PRAGMA synchronous = NORMAL")  # durable with WAL except on power loss

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise RuntimeError("store is closed")
        return self._conn

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(sql, tuple(params))

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    @contextmanager
    def _tx(self) -> Iterator[None]:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _dump(self, value: Any) -> Any:
        return None if value is None else json.dumps(value, ensure_ascii=False)

    def _load(self, value: Any) -> Any:
        return None if value is None else json.loads(value)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class PostgresStore(Store):
    """PostgreSQL through psycopg 3: autocommit outside explicit per-article transactions; JSON as JSONB."""

    backend = "postgresql"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
            from psycopg.rows import dict_row
            from psycopg.types.json import Jsonb
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise RuntimeError("PostgreSQL needs psycopg 3: pip install 'newsevents[postgres]'") from exc
        self._Jsonb = Jsonb
        self._conn: Any = psycopg.connect(url, autocommit=True, row_factory=dict_row)

    @property
    def conn(self) -> Any:
        if self._conn is None:
            raise RuntimeError("store is closed")
        return self._conn

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(self._sql(sql), tuple(params))

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(self._sql(sql), rows)

    @contextmanager
    def _tx(self) -> Iterator[None]:
        with self.conn.transaction():
            yield

    def _dump(self, value: Any) -> Any:
        return None if value is None else self._Jsonb(value)

    def _load(self, value: Any) -> Any:
        return value  # psycopg decodes JSONB already

    def _lock_for_migration(self) -> None:
        self._execute("SELECT pg_advisory_xact_lock(?::bigint)", (_PG_MIGRATION_LOCK,))

    def _lock_linker(self) -> None:
        self._execute("SELECT pg_advisory_xact_lock(?::bigint)", (_PG_LINK_LOCK,))

    def _lock_events(self, event_ids: Sequence[str]) -> None:
        # READ COMMITTED: without row locks two articles of the same event could both recompute its counts
        # from snapshots that miss each other's mentions. Sorted ids keep lock order stable (no deadlocks).
        for chunk in _chunks(event_ids):
            self._execute(
                f"SELECT event_id FROM events WHERE event_id IN ({_marks(len(chunk))}) ORDER BY event_id FOR UPDATE",
                chunk,
            )

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
