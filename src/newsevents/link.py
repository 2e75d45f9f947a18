"""Linking event mentions to real-world events: the "same event" decision, blocking, and incremental plans.

Owns the rules that decide which mentions describe one real-world event and which ``event_id`` that event
carries. The store (:meth:`newsevents.store.Store.ingest` with ``link=True``) and the in-memory
:class:`MemoryLinker` (used by ``benchmarks/link_scale.py``) both run the same functions here; only the
candidate lookup differs (SQL over the ``mention_blocks`` table vs. a dict).

Design, chosen so that the result does not depend on ingest order:

- :func:`same_event` is a pairwise decision that looks at the two mentions only: event type, participants as
  resolved entities (:func:`entity_key`), date with its precision, place, and the wording as a tie-breaker.
- Events are the connected components of the "same event" graph over all stored mentions. Adding mentions can
  only join components (a new mention that matches two stored events merges them); removing mentions (a
  replaced article) can only split them, and only inside the events that lost mentions.
- :func:`block_keys` / :func:`probe_keys` find every candidate ``same_event`` can accept (same type, a shared
  participant on the same side, overlapping date buckets), so the graph is complete and cost grows with the
  size of the blocks, not of the store.
- An event's id is a function of its members: the id of its earliest report (:func:`anchor`: publication date,
  then article id, then mention id). Later coverage therefore keeps the id; a new report published earlier
  than all stored ones renames the event, and the rename is logged like a merge.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import load as load_lexicon
from .model import Entity, EventRecord

BUCKET_DAYS = (
    8  # width of a date bucket in block keys: a day, its neighbours and a week span at most 2 buckets
)
WORD_OVERLAP = 0.25  # sentence content-word Jaccard that counts as "same wording"
_UNDATED = -1
_LATEST = "~"  # sorts after any ISO date: reports without a publication date come last in anchors

__all__ = [
    "BUCKET_DAYS",
    "LinkPlan",
    "MemoryLinker",
    "MentionKey",
    "anchor",
    "assign_event_ids",
    "block_keys",
    "entity_key",
    "event_id_for",
    "identity",
    "mention_key",
    "partition",
    "participant_keys",
    "plan_links",
    "probe_keys",
    "same_event",
]


@lru_cache(maxsize=1 << 16)
def _fold(s: str) -> str:
    # cached: participant names and places repeat across mentions
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


@lru_cache(maxsize=64)
def _symmetric(event: str) -> bool:
    et = load_lexicon().types.get(event)
    return bool(et is not None and et.symmetric)


def _identifies(e: Entity) -> bool:
    """Whether a participant says who took part: an unresolved one (a pronoun, a name nobody could place: no name,
    kind or country) does not, and two reports whose actor is "they" must not link through it. Nor does a party
    inferred from what the event was done to (``Entity.affected``): one report's words name it, another's not; nor
    an unnamed perpetrator added by convention (``Entity.implicit``)."""
    return bool(e.name or e.kind or e.country) and not e.affected and not e.implicit


def participant_keys(r: EventRecord) -> tuple[frozenset[str], frozenset[str]]:
    """(actor keys, recipient keys); for symmetric types ("A met B" is "B met A") all keys are actors."""
    a = frozenset(entity_key(e) for e in r.actor if _identifies(e))
    b = frozenset(entity_key(e) for e in r.recipient if _identifies(e))
    if _symmetric(r.event):
        return a | b, frozenset()
    return a, b


def _day_key(r: EventRecord) -> str:
    if r.date_source in ("text", "context") and r.date:
        return r.date
    return ""


def identity(r: EventRecord) -> str:
    """Hash of (type, day read from the text, participants): equal for mentions with the same identity."""
    a, b = participant_keys(r)
    parts = [r.event, _day_key(r), ",".join(sorted(a)), ",".join(sorted(b))]
    return "ev_" + hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------- mention features


@dataclass(frozen=True, slots=True)
class MentionKey:
    """What :func:`same_event` compares: the linking-relevant features of one mention, nothing else."""

    id: str
    article_id: str
    event: str
    actors: frozenset[str]
    recipients: frozenset[str]
    symmetric: bool
    lo: int  # first day (proleptic ordinal) the date covers; -1 when undated for linking
    hi: int
    precision: str  # day | week | month (coarser dates are undated for cross-article linking)
    loose: bool  # a relative or fallback date: the report may sit a day off the event (midnight, time zones)
    place: str | None
    country: str | None
    mode: str | None
    trigger: str  # folded stem of the trigger's head word
    words: frozenset[str]  # content words of the sentence
    anchor: str  # sort key of the report: see :func:`anchor`

    @property
    def dated(self) -> bool:
        return self.lo != _UNDATED


_WORD = re.compile(r"[^\W\d_]{4,}")
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _content_words(text: str) -> frozenset[str]:
    stop = _stop_words()
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in stop)


def _stem(trigger: str) -> str:
    # the head of a multi-word trigger is its first word ("held talks" -> "held"); 4 letters catch
    # meet/meeting, attack/attacked, sanction/sanctions without a lemmatiser
    words = _fold(trigger).split()
    return words[0][:4] if words else ""


def anchor(published: str | None, article_id: str, mention_id: str) -> str:
    """Sort key of a report: earliest publication date first, then article id, then mention id."""
    return f"{(published or _LATEST)[:10]}|{article_id}|{mention_id}"


def anchor_article(value: str | None) -> str | None:
    """The article id inside an :func:`anchor` (the event's earliest report)."""
    if not value:
        return None
    parts = value.split("|")
    return parts[1] if len(parts) == 3 else None


def event_id_for(anchor_value: str) -> str:
    """The event id of a component whose earliest report is ``anchor_value``: a hash of that mention's id."""
    mention_id = anchor_value.rsplit("|", 1)[-1]
    return "ev_" + hashlib.sha1(("event:" + mention_id).encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=1 << 16)
def _span(date: str) -> tuple[int, int] | None:
    from .store import date_bounds  # store imports this module at load time

    lo, hi = date_bounds(date)
    if lo is None or hi is None:
        return None
    return dt.date.fromisoformat(lo).toordinal(), dt.date.fromisoformat(hi).toordinal()


def mention_key(r: EventRecord) -> MentionKey:
    """The linking features of one record."""
    actors, recipients = participant_keys(r)
    lo = hi = _UNDATED
    loose = False
    precision = r.date_precision
    if r.date and r.date_source != "none" and precision in ("day", "week", "month"):
        span = _span(r.date)
        if span is not None:
            lo, hi = span
            # explicit calendar dates carry digits; "yesterday", "on Tuesday" and publication fallbacks are
            # relative to a report whose clock may differ from the event's by a day
            loose = r.date_source == "publication" or not _DIGIT.search(r.date_text or "")
    loc = r.location
    return MentionKey(
        id=r.id,
        article_id=r.article_id,
        event=r.event,
        actors=actors,
        recipients=recipients,
        symmetric=_symmetric(r.event),
        lo=lo,
        hi=hi,
        precision=precision if lo != _UNDATED else "none",
        loose=loose,
        place=_fold(loc.name) if loc and loc.name else None,
        country=loc.country if loc else None,
        mode=r.mode,
        trigger=_stem(r.trigger.text),
        words=_content_words(r.sentence.text),
        anchor=anchor(r.article.published if r.article else None, r.article_id, r.id),
    )


# --------------------------------------------------------------------------- the pairwise decision


def _places_compatible(a: MentionKey, b: MentionKey) -> bool:
    if a.country and b.country:
        return a.country == b.country
    if a.place and b.place:
        return a.place == b.place
    return True


def _participants(a: MentionKey, b: MentionKey) -> tuple[bool, bool]:
    """(compatible, identical) participant sets."""
    if a.symmetric:
        shared = len(a.actors & b.actors)
        need = min(2, len(a.actors), len(b.actors))
        return shared >= max(1, need), a.actors == b.actors
    shared = 0
    for x, y in ((a.actors, b.actors), (a.recipients, b.recipients)):
        if x and y:
            common = len(x & y)
            if not common:
                return False, False
            shared += common
    return shared > 0, a.actors == b.actors and a.recipients == b.recipients


def _same_wording(a: MentionKey, b: MentionKey) -> bool:
    if a.mode and a.mode == b.mode:
        return True
    if a.trigger and a.trigger == b.trigger:
        return True
    if a.words and b.words:
        return len(a.words & b.words) / len(a.words | b.words) >= WORD_OVERLAP
    return False


def same_event(a: MentionKey, b: MentionKey) -> bool:
    """Whether two mentions describe one real-world event. Symmetric, and a function of the two mentions only.

    - Same event type, compatible participants (a shared resolved entity on the same side; for directed
      types no side whose entities are all different; for symmetric types two shared when both name two),
      compatible places (either missing, same country, else same name).
    - Dates: the same day; or a day inside the other mention's week/month (a coarse date, so participants
      must be identical and the wording must agree); or adjacent days when one date is relative or a
      fallback (midnight, time zones), again only with identical participants and agreeing wording. Two
      explicit different days never link; neither do dates a year apart.
    - Within one article an undated mention joins a dated one with identical participants ("the veto" and
      "Russia vetoed the resolution on Saturday"); mere overlap would let one vague mention bridge events. Across articles undated and year-precision mentions never link:
      nothing ties them to one occurrence.
    """
    if a.event != b.event or a.id == b.id:
        return False
    compatible, identical = _participants(a, b)
    if not compatible or not _places_compatible(a, b):
        return False
    if not (a.dated and b.dated):
        # identical participants only: an undated "dialogue" with Ban alone must not bridge Ban's Moscow and
        # Kyiv meetings into one event
        return a.article_id == b.article_id and identical
    if a.lo == b.lo and a.hi == b.hi and a.precision == "day":
        return True
    if a.lo <= b.hi and b.lo <= a.hi:
        return identical and _same_wording(a, b)
    if a.precision == "day" and b.precision == "day" and abs(a.lo - b.lo) == 1 and (a.loose or b.loose):
        return identical and _same_wording(a, b)
    return False


# --------------------------------------------------------------------------- blocking


def _side_keys(k: MentionKey) -> list[str]:
    if k.symmetric:
        return ["s" + p for p in k.actors]
    return ["a" + p for p in k.actors] + ["r" + p for p in k.recipients]


def _buckets(lo: int, hi: int) -> range:
    return range(lo // BUCKET_DAYS, hi // BUCKET_DAYS + 1)


def block_keys(k: MentionKey) -> list[str]:
    """The blocks a stored mention is filed under: type x participant (with its side) x date bucket."""
    if not k.dated:
        return []
    return [f"{k.event}|{s}|{b}" for s in _side_keys(k) for b in _buckets(k.lo, k.hi)]


def probe_keys(k: MentionKey) -> list[str]:
    """The blocks to search for a new mention's candidates: its own, with the date widened by a day.

    Complete by construction: :func:`same_event` needs a shared participant on the same side and date spans
    within a day of each other, so any accepted pair shares a probe key of one and a block key of the other.
    """
    if not k.dated:
        return []
    return [f"{k.event}|{s}|{b}" for s in _side_keys(k) for b in _buckets(k.lo - 1, k.hi + 1)]


# --------------------------------------------------------------------------- components


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        root = parent.setdefault(x, x)
        while root != parent[root]:
            root = parent[root]
        while x != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, x: str, y: str) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)


def partition(keys: Sequence[MentionKey]) -> list[list[MentionKey]]:
    """Connected components of the "same event" graph over ``keys`` (blocked: near-linear), each sorted by
    anchor, components ordered by their earliest anchor."""
    uf = _UnionFind()
    by_block: dict[str, list[MentionKey]] = {}
    by_article: dict[str, list[MentionKey]] = {}
    for k in keys:
        uf.find(k.id)
        for b in block_keys(k):
            by_block.setdefault(b, []).append(k)
        by_article.setdefault(k.article_id, []).append(k)
    for k in keys:
        seen: set[str] = set()
        for b in probe_keys(k):
            for c in by_block.get(b, ()):
                if c.id not in seen:
                    seen.add(c.id)
                    if c.id < k.id and same_event(k, c):
                        uf.union(k.id, c.id)
        for c in by_article[k.article_id]:
            if c.id < k.id and c.id not in seen and same_event(k, c):
                uf.union(k.id, c.id)
    groups: dict[str, list[MentionKey]] = {}
    for k in keys:
        groups.setdefault(uf.find(k.id), []).append(k)
    out = [sorted(g, key=lambda m: m.anchor) for g in groups.values()]
    out.sort(key=lambda g: g[0].anchor)
    return out


@dataclass
class LinkPlan:
    """What linking a batch of new mentions changes.

    ``assign``: new mention id -> event id. ``moves``: (old event id, new event id, reason) for stored events
    whose mentions must be re-pointed (merged into another event, or renamed after an earlier report).
    ``anchors``: event id -> earliest report anchor, for every event the batch creates or changes.
    """

    assign: dict[str, str] = field(default_factory=dict)
    moves: list[tuple[str, str, str]] = field(default_factory=list)
    anchors: dict[str, str] = field(default_factory=dict)


def plan_links(
    new: Sequence[MentionKey],
    candidates: Iterable[tuple[MentionKey, str]],
    event_anchors: dict[str, str],
) -> LinkPlan:
    """Link a batch of new mentions (usually one article's) to stored events.

    ``candidates``: (stored mention, its event id) pairs, at least every stored mention in the blocks of
    ``probe_keys(m)`` for each new ``m`` (extra ones are harmless). ``event_anchors``: stored event id ->
    its anchor, for the candidates' events. Stored events are connected components already, so one edge to
    any member joins the whole event.
    """
    uf = _UnionFind()
    for m in new:
        uf.find("m" + m.id)
    cands = list(candidates)
    for i, m in enumerate(new):
        for other in new[i + 1 :]:
            if same_event(m, other):
                uf.union("m" + m.id, "m" + other.id)
        for c, event_id in cands:
            if c.event == m.event and same_event(m, c):
                uf.union("m" + m.id, "e" + event_id)
    members: dict[str, list[str]] = {}
    for node in list(uf.parent):
        members.setdefault(uf.find(node), []).append(node)
    plan = LinkPlan()
    anchors_of_new = {m.id: m.anchor for m in new}
    for nodes in members.values():
        events = sorted(n[1:] for n in nodes if n[0] == "e")
        mentions = [n[1:] for n in nodes if n[0] == "m"]
        first = min([anchors_of_new[x] for x in mentions] + [event_anchors[e] for e in events])
        kept = event_id_for(first)
        for x in mentions:
            plan.assign[x] = kept
        plan.anchors[kept] = first
        for e in events:
            if e == kept:
                continue
            if len(events) > 1:
                reason = f"merged: a new report links {' and '.join(events)}"
            else:
                reason = f"renamed: earlier report {anchor_article(first)}"
            plan.moves.append((e, kept, reason))
    return plan


def assign_event_ids(records: list[EventRecord]) -> None:
    """Give every record of one article its event id (in place): the ids a store holding only this article
    would give (its components under :func:`same_event`)."""
    keys = [mention_key(r) for r in records]
    plan = plan_links(keys, (), {})
    for r in records:
        r.event_id = plan.assign[r.id]


# --------------------------------------------------------------------------- in-memory linker


class MemoryLinker:
    """The store's linking, with candidates from a dict instead of SQL: for benchmarks and tests.

    ``add(keys)`` links one article's mentions exactly as ``Store.ingest(..., link=True)`` does (the same
    :func:`plan_links`); ``event_of`` maps every mention id to its event id.
    """

    def __init__(self) -> None:
        self.blocks: dict[str, list[MentionKey]] = {}
        self.event_of: dict[str, str] = {}
        self.members: dict[str, list[str]] = {}
        self.anchors: dict[str, str] = {}
        self.log: list[tuple[str, str, str]] = []

    def candidates(self, keys: Sequence[MentionKey]) -> list[tuple[MentionKey, str]]:
        seen: set[str] = set()
        out = []
        for k in keys:
            for b in probe_keys(k):
                for c in self.blocks.get(b, ()):
                    if c.id not in seen:
                        seen.add(c.id)
                        out.append((c, self.event_of[c.id]))
        return out

    def add(self, keys: Sequence[MentionKey]) -> LinkPlan:
        cands = self.candidates(keys)
        plan = plan_links(keys, cands, {e: self.anchors[e] for _, e in cands})
        for old, kept, reason in plan.moves:
            moved = self.members.pop(old)
            for mid in moved:
                self.event_of[mid] = kept
            self.members.setdefault(kept, []).extend(moved)
            del self.anchors[old]
            self.log.append((kept, old, reason))
        for k in keys:
            event_id = plan.assign[k.id]
            self.event_of[k.id] = event_id
            self.members.setdefault(event_id, []).append(k.id)
            for b in block_keys(k):
                self.blocks.setdefault(b, []).append(k)
        self.anchors.update(plan.anchors)
        return plan

    def add_records(self, records: Sequence[EventRecord]) -> LinkPlan:
        plan = self.add([mention_key(r) for r in records])
        for r in records:
            r.event_id = plan.assign[r.id]
        return plan
