"""Loads the event knowledge files: PLOVER ontology, trigger lexicon and closed word lists.

The files live in ``newsevents/data/events/``; this module only parses and indexes them.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class EventType:
    event: str
    penta: int
    intensity: float
    cameo_root: str
    modes: tuple[str, ...]
    definition: str


@dataclass(frozen=True)
class TriggerEntry:
    lemma: str
    pos: str  # VERB | NOUN
    prep: str | None
    objects: frozenset[str]
    complement: str | None  # name of a word list in words.json
    event: str
    mode: str | None
    cameo: str
    recipient: tuple[str, ...]

    @property
    def specificity(self) -> int:
        return (2 if self.prep else 0) + (2 if self.objects else 0) + (3 if self.complement else 0)


@dataclass
class Lexicon:
    types: dict[str, EventType]
    triggers: dict[tuple[str, str], list[TriggerEntry]]
    words: dict[str, frozenset[str]] = field(default_factory=dict)

    def entries(self, lemma: str, pos: str) -> list[TriggerEntry]:
        return self.triggers.get((lemma.lower(), pos), [])

    def wordlist(self, name: str) -> frozenset[str]:
        return self.words.get(name, frozenset())


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("newsevents.data.events").joinpath(name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines, delimiter="\t")]


@lru_cache(maxsize=1)
def load() -> Lexicon:
    types = {
        r["event"]: EventType(
            event=r["event"],
            penta=int(r["penta"]),
            intensity=float(r["intensity"]),
            cameo_root=r["cameo_root"],
            modes=tuple(m for m in r["modes"].split("|") if m),
            definition=r["definition"],
        )
        for r in _rows("ontology.tsv")
    }
    triggers: dict[tuple[str, str], list[TriggerEntry]] = {}
    for r in _rows("triggers.tsv"):
        if r["event"] not in types:
            raise ValueError(f"triggers.tsv: unknown event type {r['event']!r} for {r['lemma']!r}")
        if r["mode"] and r["mode"] not in types[r["event"]].modes:
            raise ValueError(f"triggers.tsv: mode {r['mode']!r} is not a mode of {r['event']}")
        entry = TriggerEntry(
            lemma=r["lemma"].lower(),
            pos=r["pos"],
            prep=r["prep"] or None,
            objects=frozenset(o for o in r["object"].split("|") if o),
            complement=r["complement"].lstrip("@") or None,
            event=r["event"],
            mode=r["mode"] or None,
            cameo=r["cameo"],
            recipient=tuple(x for x in r["recipient"].split("|") if x),
        )
        triggers.setdefault((entry.lemma, entry.pos), []).append(entry)
    for entries in triggers.values():
        entries.sort(key=lambda e: -e.specificity)
    raw = json.loads(resources.files("newsevents.data.events").joinpath("words.json").read_text("utf-8"))
    words = {k: frozenset(v) for k, v in raw.items() if not k.startswith("_")}
    return Lexicon(types=types, triggers=triggers, words=words)
