"""Modality and no-event precision on the two sets that ship with the package (``data/eval``).

``modality.tsv``: sentences with one scored trigger and its modality (asserted / planned / negated /
hypothetical); the record whose trigger span overlaps the marked trigger is scored, and a trigger that yields no
record counts as an error. Labelling conventions are in the file's header.

``no_event.tsv``: news sentences that report no political event (background, statistics, weather, sports,
markets, captions, site chrome, trigger words in other senses); precision is the share that yields no record.

Both sets are read from the package, so ``data_dir`` (the shared evaluation folder) is not used.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

from ..model import EventRecord

MODALITIES = ("asserted", "planned", "negated", "hypothetical")
NO_RECORD = "(none)"


def load_set(name: str) -> list[dict[str, str]]:
    """Rows of ``data/eval/<name>`` (TSV with a header line; ``#`` lines are comments)."""
    raw = resources.files("newsevents.data").joinpath("eval", name).read_text("utf-8")
    lines = [ln for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _analyse(rows: list[dict[str, str]]) -> list[list[EventRecord]]:
    from .. import nlp
    from ..pipeline import analyse, article_from_text

    out = []
    texts = [r["text"] for r in rows]
    for row, doc in zip(rows, nlp.parse(texts, None, 64), strict=True):
        pub = dt.date.fromisoformat(row["published"]) if row.get("published") else None
        out.append(analyse(article_from_text(row["text"], published=pub), doc, pub))
    return out


def matched(records: list[EventRecord], text: str, trigger: str, event: str) -> EventRecord | None:
    """The record whose trigger overlaps the marked trigger words (the expected event type first)."""
    a = text.find(trigger)
    b = a + len(trigger)
    hits = [r for r in records if r.trigger.start < b and a < r.trigger.end]
    if not hits:
        return None
    return max(hits, key=lambda r: (r.event == event, r.confidence))


def _prf(gold: list[str], pred: list[str]) -> dict[str, dict[str, float | int]]:
    out: dict[str, dict[str, float | int]] = {}
    for c in MODALITIES:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == c)
        npred = sum(1 for p in pred if p == c)
        ngold = sum(1 for g in gold if g == c)
        prec = tp / npred if npred else 0.0
        rec = tp / ngold if ngold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[c] = {"gold": ngold, "precision": round(prec, 3), "recall": round(rec, 3), "f1": round(f1, 3)}
    return out


def score(data_dir: Path | None = None, limit: int | None = None) -> dict[str, Any]:
    """Modality accuracy over the marked triggers (no record = error), per-value P/R/F1 and a confusion table."""
    rows = load_set("modality.tsv")[:limit]
    gold: list[str] = []
    pred: list[str] = []
    errors: list[dict[str, str]] = []
    type_ok = 0
    for row, recs in zip(rows, _analyse(rows), strict=True):
        r = matched(recs, row["text"], row["trigger"], row["expected_event"])
        p = r.modality if r is not None else NO_RECORD
        type_ok += int(r is not None and r.event == row["expected_event"])
        gold.append(row["modality"])
        pred.append(p)
        if p != row["modality"]:
            errors.append({"id": row["id"], "gold": row["modality"], "pred": p, "text": row["text"]})
    n = len(rows)
    confusion = {
        g: {p: c for (gg, p), c in sorted(Counter(zip(gold, pred, strict=True)).items()) if gg == g}
        for g in MODALITIES
    }
    return {
        "sentences": n,
        "accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / n, 3) if n else 0.0,
        "no_record": pred.count(NO_RECORD),
        "event_type_agreement": round(type_ok / n, 3) if n else 0.0,
        "per_value": _prf(gold, pred),
        "confusion (gold -> predicted)": confusion,
        "errors": errors,
    }


def score_no_event(data_dir: Path | None = None, limit: int | None = None) -> dict[str, Any]:
    """Share of no-event sentences that yield no record; the offenders are listed."""
    rows = load_set("no_event.tsv")[:limit]
    offenders = []
    for row, recs in zip(rows, _analyse(rows), strict=True):
        if recs:
            offenders.append(
                {
                    "id": row["id"],
                    "text": row["text"],
                    "records": [f"{r.event} {r.trigger.text!r} {r.modality}" for r in recs],
                }
            )
    n = len(rows)
    return {
        "sentences": n,
        "precision": round((n - len(offenders)) / n, 3) if n else 0.0,
        "with_record": len(offenders),
        "offenders": offenders,
    }
