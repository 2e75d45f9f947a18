"""Event-type and actor scoring on the PLOVER gold-standard records and the PLV (sentence, source, target) set.

Protocols follow ``evaldata/README.md`` sections 1 and 2: the system's primary event for each sentence is the
record with the highest confidence (for PLV, the one whose participants overlap the marked source or target
first); "no event" is a valid prediction and counts as wrong.

Our records keep the act's own type and put intent in ``modality``; PLOVER codes "will provide aid" as AGREE and
"will not accept refugees" as REJECT. The scores use :func:`newsevents.lexicon.plover_event` for that coding; the
``*_raw`` figures compare the record's own type.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..lexicon import plover_event
from ..typemodel import current_type, primary, written_as

if TYPE_CHECKING:
    from ..typemodel import PairCase, TypeModel

__all__ = ["accuracy", "primary", "score_gsr", "score_plv", "country_match", "macro_f1"]

PENTA = {
    **dict.fromkeys(["AGREE", "CONSULT", "SUPPORT"], 1),
    **dict.fromkeys(["YIELD", "AID", "COOPERATE"], 2),
    **dict.fromkeys(["ACCUSE", "REQUEST", "REJECT", "THREATEN"], 3),
    **dict.fromkeys(["PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"], 4),
}
DUMMY_DATE = dt.date(2000, 1, 1)


def country_match(ours: str | None, gold: set[str | None], sector: str | None = None) -> bool:
    """Our code is among the gold codes; the GSR writes IGO for every intergovernmental body, where we name it
    (UNO, EUR, NAT; ``kb.INTERNATIONAL_CODES``), and NGO in the code field for a non-governmental organisation of
    no country, where we give no country and the sector NGO."""
    from ..kb import INTERNATIONAL_CODES

    if ours is None:
        return sector == "NGO" and "NGO" in gold
    return ours in gold or (ours in INTERNATIONAL_CODES and "IGO" in gold)


def macro_f1(gold: Sequence[str], pred: Sequence[str | None]) -> float:
    classes = sorted(set(gold))
    tp = Counter(g for g, p in zip(gold, pred, strict=True) if g == p)
    npred = Counter(p for p in pred if p)
    ngold = Counter(gold)
    f1s = []
    for c in classes:
        p = tp[c] / npred[c] if npred[c] else 0.0
        r = tp[c] / ngold[c] if ngold[c] else 0.0
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


def score_gsr(evaldata_dir: Path, limit: int | None = None) -> dict:
    """The figures of the lexicon and rules; when the PLV pairs are present, also those with a type model
    trained on all of them (how far a model learnt from one data set's labels carries to another's)."""
    out = _score_gsr(evaldata_dir, limit)
    if (evaldata_dir / PLV_FILE).exists():
        from ..typemodel import fit

        cases = _plv_cases(evaldata_dir, None)
        model = fit([c.example for c in cases], [c.pair.label or "" for c in cases])
        out["with_plv_type_model"] = _score_gsr(evaldata_dir, limit, model)
    return out


def _score_gsr(evaldata_dir: Path, limit: int | None = None, type_model: TypeModel | None = None) -> dict:
    from ..pipeline import analyse_texts

    rows = [
        r
        for r in json.loads((evaldata_dir / "plover" / "plover_gsr_dev.json").read_text("utf-8"))
        if r.get("event") != "DOCUMENT"
    ][:limit]
    results = analyse_texts([r["text"] for r in rows], published=DUMMY_DATE, type_model=type_model)
    gold, pred, raw = [], [], []
    src_hits = src_n = tgt_hits = tgt_n = mode_hits = mode_n = 0
    for r, recs in zip(rows, results, strict=True):
        g = current_type(r["event"])  # the GSR's DEMAND, DISAPPROVE, ... (data/events/label_aliases.tsv)
        p = primary(recs)
        gold.append(g)
        pred.append(plover_event(p.event, p.modality) if p else None)
        raw.append(p.event if p else None)
        if r.get("mode"):
            mode_n += 1
            mode_hits += int(p is not None and p.mode == r["mode"])
        srcs = {a.get("code") for a in r.get("source") or [] if isinstance(a, dict)}
        tgts = {a.get("code") for a in r.get("target") or [] if isinstance(a, dict)}
        if srcs:
            src_n += 1
            src_hits += int(
                p is not None and bool(p.actor) and country_match(p.actor[0].country, srcs, p.actor[0].sector)
            )
        if tgts:
            tgt_n += 1
            tgt_hits += int(
                p is not None
                and bool(p.recipient)
                and country_match(p.recipient[0].country, tgts, p.recipient[0].sector)
            )
    n = len(rows)
    return {
        "records": n,
        "event_type_accuracy": accuracy(gold, pred),
        "macro_f1": macro_f1(gold, pred),
        "event_type_accuracy_raw": accuracy(gold, raw),
        "no_event_rate": sum(p is None for p in pred) / n,
        "mode_accuracy": mode_hits / mode_n if mode_n else None,
        "actor_country_match": src_hits / src_n if src_n else None,
        "recipient_country_match": tgt_hits / tgt_n if tgt_n else None,
    }


PLV_FILE = Path("plover") / "PLV_train.tsv"


@lru_cache(maxsize=2)
def _plv_cases(evaldata_dir: Path, limit: int | None) -> list[PairCase]:
    from ..typemodel import pair_cases, read_pairs

    return pair_cases(read_pairs(evaldata_dir / PLV_FILE, label_column="gold_root")[:limit])


def score_plv(evaldata_dir: Path, limit: int | None = None, folds: int = 5) -> dict:
    """The lexicon and rules alone (nothing learnt), then the type model by ``folds``-fold cross-validation
    (row i in fold i mod 5; the model decides every row, also those where the extractor finds no record)."""
    from ..typemodel import cross_validate, lexicon_label

    # no publication date: PLV sentences span decades, and a dummy date would make every later year they name
    # look like a future (planned) event
    cases = _plv_cases(evaldata_dir, limit)
    gold = [c.pair.label or "" for c in cases]
    labels = set(gold)
    pred = [lexicon_label(c, labels) for c in cases]
    raw = [written_as(c.record.event, labels) if c.record else None for c in cases]
    out = {"rows": len(cases), **_root_scores(gold, pred, [c.pair.row.get("gold_penta") for c in cases])}
    out["root_accuracy_raw"] = accuracy(gold, raw)
    out["no_event_rate"] = sum(p is None for p in pred) / len(cases) if cases else 0.0
    learned = cross_validate([c.example for c in cases], gold, folds) if len(cases) >= folds else []
    if learned:
        out["type_model_cv"] = {
            "folds": folds,
            **_root_scores(gold, list(learned), [c.pair.row.get("gold_penta") for c in cases]),
            **{
                f"fold_{k}_accuracy": accuracy(
                    [g for i, g in enumerate(gold) if i % folds == k],
                    [p for i, p in enumerate(learned) if i % folds == k],
                )
                for k in range(folds)
            },
        }
    return out


def accuracy(gold: Sequence[str], pred: Sequence[str | None]) -> float:
    """Share of positions where the prediction is the gold label (0 for no gold)."""
    return sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold) if gold else 0.0


def _root_scores(gold: list[str], pred: list[str | None], penta: list[str | None]) -> dict:
    pairs = [(int(g), PENTA.get(p) if p else None) for g, p in zip(penta, pred, strict=True) if g]
    return {
        "root_accuracy": accuracy(gold, pred),
        "macro_f1": macro_f1(gold, pred),
        "penta_accuracy": sum(g == p for g, p in pairs) / len(pairs) if pairs else None,
    }
