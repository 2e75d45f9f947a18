"""Loads the event knowledge files: PLOVER ontology, trigger lexicon and closed word lists.

The files live in ``newsevents/data/events/``; this module only parses, validates and indexes them. Word-list
references (``@name``) in the trigger columns are expanded here, so matching code sees plain word sets.
"""

from __future__ import annotations

import csv
import json
import re
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
    located: bool = False  # place from sentence/article context when no preposition names it
    symmetric: bool = False  # participants interchangeable when linking mentions
    clause_recipient: bool = False  # addressed to the subject of its that-clause
    intent: str | None = (
        None  # the PLOVER type of a planned or hypothetical mention ("will provide aid": AGREE)
    )
    refusal: str | None = None  # the PLOVER type of a negated mention ("will not accept refugees": REJECT)
    domestic_target: bool = False  # no target named or affected: the actor's own country is the target


POS = ("VERB", "NOUN")
VOICES = ("active", "passive")
# spaCy entity labels usable as ``ent:LABEL`` in the object/subject columns
ENT_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"})
# complement cell for "any finite content clause" ("..., a rights group protested"), not a word list
ANY_CLAUSE = "*"
# a row with this event blocks its lemma in that context ("refused to comment") instead of giving an event
BLOCK = "NONE"
_RECIPIENT = re.compile(r"^(dobj|dative|xobj|poss|clause|prep:[a-z]+)$")


@dataclass(frozen=True)
class TriggerEntry:
    lemma: str
    pos: str  # VERB | NOUN
    prep: str | None
    objects: frozenset[str]
    complement: str | None  # the complement cell as written ("@negative_evaluation", "meet|talk")
    event: str
    mode: str | None
    cameo: str
    recipient: tuple[str, ...]
    not_objects: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()
    not_subjects: frozenset[str] = frozenset()
    voice: str | None = None  # active | passive
    complement_words: frozenset[str] = frozenset()  # the complement cell, lists expanded

    @property
    def rank(self) -> int:
        """Order among a lemma's rows: positive conditions only (exclusions do not outrank them; ties: file order)."""
        return (
            (2 if self.prep else 0)
            + (2 if self.objects else 0)
            + (3 if self.complement else 0)
            + (2 if self.subjects else 0)
        )

    @property
    def specificity(self) -> int:
        """How constrained the row is: its rank, plus one for exclusions (not_object, not_subject, voice)."""
        return self.rank + (1 if self.not_objects or self.not_subjects or self.voice else 0)


@dataclass(frozen=True)
class UnnamedActor:
    event: str
    modes: frozenset[str]  # empty: any
    text: str
    sector: str


@dataclass
class Lexicon:
    types: dict[str, EventType]
    triggers: dict[tuple[str, str], list[TriggerEntry]]
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    # labels of other PLOVER versions and data sets -> the current types they cover (label_aliases.tsv)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # event -> the unnamed actors of agentless reports (unnamed_actors.tsv)
    unnamed_actors: dict[str, list[UnnamedActor]] = field(default_factory=dict)

    def entries(self, lemma: str, pos: str) -> list[TriggerEntry]:
        return self.triggers.get((lemma.lower(), pos), [])

    def wordlist(self, name: str) -> frozenset[str]:
        return self.words.get(name, frozenset())

    def unnamed_actor(self, event: str, mode: str | None) -> UnnamedActor | None:
        """The unnamed actor an agentless report of ``event`` in ``mode`` gets (unnamed_actors.tsv), if any."""
        return next((u for u in self.unnamed_actors.get(event, []) if not u.modes or mode in u.modes), None)


def plover_event(event: str, modality: str, lex: Lexicon | None = None) -> str:
    """How a record of ``event`` with ``modality`` codes as a PLOVER event: a planned or hypothetical material act
    is a statement of intent, a negated act of cooperation a refusal (ontology.tsv ``intent``/``refusal``)."""
    t = (lex or load()).types.get(event)
    if t is None:
        return event
    if modality in ("planned", "hypothetical") and t.intent:
        return t.intent
    if modality == "negated" and t.refusal:
        return t.refusal
    return event


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
            located=r["located"] == "yes",
            symmetric=r["symmetric"] == "yes",
            clause_recipient=r["clause_recipient"] == "yes",
            intent=r.get("intent") or None,
            refusal=r.get("refusal") or None,
            domestic_target=r.get("domestic_target") == "yes",
        )
        for r in _rows("ontology.tsv")
    }
    for t in types.values():
        for target in (t.intent, t.refusal):
            if target is not None and target not in types:
                raise ValueError(f"ontology.tsv: unknown intent/refusal type {target!r} for {t.event}")
    raw = json.loads(resources.files("newsevents.data.events").joinpath("words.json").read_text("utf-8"))
    words = {k: frozenset(v) for k, v in raw.items() if not k.startswith("_")}
    triggers: dict[tuple[str, str], list[TriggerEntry]] = {}
    for r in _rows("triggers.tsv"):
        entry = _entry(r, types, words)
        triggers.setdefault((entry.lemma, entry.pos), []).append(entry)
    for entries in triggers.values():
        entries.sort(key=lambda e: -e.rank)  # stable: among equals, file order decides
    aliases = {r["label"]: tuple(r["types"].split("|")) for r in _rows("label_aliases.tsv")}
    for label, covered in aliases.items():
        if label in types or not covered or any(t not in types for t in covered):
            raise ValueError(f"label_aliases.tsv: {label!r} must be a new label covering known types")
    unnamed: dict[str, list[UnnamedActor]] = {}
    for r in _rows("unnamed_actors.tsv"):
        modes = frozenset(m for m in r["modes"].split("|") if m)
        known = types.get(r["event"])
        if known is None or not modes <= set(known.modes) or not r["text"] or not r["sector"]:
            raise ValueError(f"unnamed_actors.tsv: bad row for {r['event']!r}")
        unnamed.setdefault(known.event, []).append(UnnamedActor(known.event, modes, r["text"], r["sector"]))
    return Lexicon(types=types, triggers=triggers, words=words, aliases=aliases, unnamed_actors=unnamed)


def _words(cell: str, words: dict[str, frozenset[str]], where: str) -> frozenset[str]:
    """A | separated cell of lemmas, ``@list`` references and ``ent:LABEL`` items, lists expanded."""
    out: set[str] = set()
    for item in (x.strip() for x in cell.split("|")):
        if not item:
            continue
        if item.startswith("@"):
            if item[1:] not in words:
                raise ValueError(f"triggers.tsv: unknown word list {item!r} ({where})")
            out.update(words[item[1:]])
        elif item.startswith("ent:"):
            if item[4:] not in ENT_LABELS:
                raise ValueError(f"triggers.tsv: unknown entity label {item!r} ({where})")
            out.add(item)
        else:
            out.add(item.lower())
    return frozenset(out)


def _entry(r: dict[str, str], types: dict[str, EventType], words: dict[str, frozenset[str]]) -> TriggerEntry:
    where = f"{r.get('lemma')!r} {r.get('pos')} {r.get('object') or ''}".strip()
    if r["event"] not in types and r["event"] != BLOCK:
        raise ValueError(f"triggers.tsv: unknown event type {r['event']!r} for {where}")
    if r["event"] == BLOCK and r["mode"]:
        raise ValueError(f"triggers.tsv: a {BLOCK} row has no mode ({where})")
    if r["mode"] and r["event"] != BLOCK and r["mode"] not in types[r["event"]].modes:
        raise ValueError(f"triggers.tsv: mode {r['mode']!r} is not a mode of {r['event']} ({where})")
    if r["pos"] not in POS:
        raise ValueError(f"triggers.tsv: pos must be one of {POS} ({where})")
    if not (r["cameo"].isdigit() and 2 <= len(r["cameo"]) <= 4):
        raise ValueError(f"triggers.tsv: bad CAMEO code {r['cameo']!r} ({where})")
    complement = r["complement"] or None
    voice = r.get("voice") or None
    if voice and voice not in VOICES:
        raise ValueError(f"triggers.tsv: voice must be one of {VOICES} ({where})")
    recipient = tuple(x for x in r["recipient"].split("|") if x)
    bad = [x for x in recipient if not _RECIPIENT.match(x)]
    if bad:
        raise ValueError(f"triggers.tsv: unknown recipient source {bad} ({where})")
    return TriggerEntry(
        lemma=r["lemma"].lower(),
        pos=r["pos"],
        prep=r["prep"] or None,
        objects=_words(r["object"], words, where),
        complement=complement,
        event=r["event"],
        mode=r["mode"] or None,
        cameo=r["cameo"],
        recipient=recipient,
        not_objects=_words(r.get("not_object", ""), words, where),
        subjects=_words(r.get("subject", ""), words, where),
        not_subjects=_words(r.get("not_subject", ""), words, where),
        voice=voice,
        complement_words=frozenset() if complement == ANY_CLAUSE else _words(r["complement"], words, where),
    )
