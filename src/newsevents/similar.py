"""Look-alike events: the same kind of event at another time or with other people.

"The UN Secretary-General visits Moscow and meets the Russian president" happened in March 2014 (Ban Ki-moon)
and in April 2022 (António Guterres): two events, one kind. Participants are compared by their ROLE (the office
held, else country and sector) rather than by name, so successive holders of an office match; the event type,
mode and place add to the score. Events linked as the same real-world event are never returned here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class LookAlike:
    event_id: str
    score: float
    event: str
    date: str | None
    actors: list[str]
    recipients: list[str]
    location: str | None
    shared: list[str]  # what makes it alike ("actor office: Secretary-General of the United Nations", ...)
    differs: list[str]  # what makes it another event ("date 2014-03-20 vs 2022-04-26", "other people")

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "relation": "look-alike (a different real-world event)"}


def role(p: dict[str, Any]) -> str:
    """A participant's role: the office held, else country + sector, else kind."""
    if p.get("office"):
        return "office:" + str(p["office"]).lower()
    if p.get("country") or p.get("sector"):
        return f"agent:{p.get('country') or ''}:{p.get('sector') or ''}"
    return "kind:" + str(p.get("kind") or "")


def _roles(ps: list[dict[str, Any]] | None) -> set[str]:
    return {role(p) for p in ps or []}


def _countries(ps: list[dict[str, Any]] | None) -> set[str]:
    return {p["country"] for p in ps or [] if p.get("country")}


def _names(ps: list[dict[str, Any]] | None) -> set[str]:
    return {str(p.get("name") or p.get("text")) for p in ps or [] if p.get("name") or p.get("text")}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _loc(e: dict[str, Any]) -> tuple[str | None, str | None]:
    loc = e.get("location")
    if isinstance(loc, dict):
        return loc.get("name"), loc.get("country")
    return (loc if isinstance(loc, str) else None), e.get("location_country")


def score_pair(q: dict[str, Any], c: dict[str, Any]) -> tuple[float, list[str], list[str]]:
    """Similarity of two stored events of the same type (0..1) with its reasons."""
    shared: list[str] = []
    differs: list[str] = []
    s = 0.2  # same event type (candidates are filtered by type)
    if q.get("mode") and q.get("mode") == c.get("mode"):
        s += 0.05
        shared.append(f"mode {q['mode']}")
    qa, ca = _roles(q.get("actors")), _roles(c.get("actors"))
    qr, cr = _roles(q.get("recipients")), _roles(c.get("recipients"))
    ja, jr = _jaccard(qa, ca), _jaccard(qr, cr)
    s += 0.3 * ja + 0.25 * jr
    shared += [f"actor {r.split(':', 1)[1]}" for r in sorted(qa & ca)]
    shared += [f"recipient {r.split(':', 1)[1]}" for r in sorted(qr & cr)]
    qc = _countries(q.get("actors")) | _countries(q.get("recipients"))
    cc = _countries(c.get("actors")) | _countries(c.get("recipients"))
    s += 0.1 * _jaccard(qc, cc)
    qn, qlc = _loc(q)
    cn, clc = _loc(c)
    if qn and cn and qn == cn:
        s += 0.1
        shared.append(f"place {qn}")
    elif qlc and clc and qlc == clc:
        s += 0.05
        shared.append(f"country {qlc}")
    if q.get("date") != c.get("date"):
        differs.append(f"date {q.get('date')} vs {c.get('date')}")
    qp, cp = (
        _names(q.get("actors")) | _names(q.get("recipients")),
        _names(c.get("actors")) | _names(c.get("recipients")),
    )
    if qp != cp:
        only = sorted(cp - qp)[:4]
        if only:
            differs.append("other participants: " + ", ".join(only))
    return round(min(s, 1.0), 3), shared, differs


def find_similar(store, event_id: str, limit: int = 10, min_score: float = 0.35) -> list[LookAlike]:
    """Events of the same type as ``event_id`` ranked by role similarity; the event itself excluded."""
    q = store.event(event_id)
    if q is None:
        raise KeyError(event_id)
    out = []
    for c in store.events(type=q["event"]):
        if c["event_id"] == event_id:
            continue
        score, shared, differs = score_pair(q, c)
        if score < min_score or not shared:
            continue
        name, _ = _loc(c)
        out.append(
            LookAlike(
                event_id=c["event_id"],
                score=score,
                event=c["event"],
                date=c.get("date"),
                actors=sorted(_names(c.get("actors"))),
                recipients=sorted(_names(c.get("recipients"))),
                location=name,
                shared=shared,
                differs=differs,
            )
        )
    out.sort(key=lambda x: (-x.score, x.date or "", x.event_id))
    return out[:limit]
