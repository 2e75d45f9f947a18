"""Geoparsing scorer: GeoWebNews and LGL (``evaldata/geoparsing``, README §6).

Geocoding given the gold spans: accuracy@161 km, median/mean error (an unresolved toponym counts 20,038 km),
AUC of the log-error curve, and GeoNames-id exact match where the gold has an id. Toponym recognition: exact
span P/R/F1 of spaCy's GPE/LOC/FAC entities (and NORP ones naming a country or region) kept by
:func:`newsevents.places.recognise_entities` (the recognition the pipeline uses), and geocoding accuracy over
the correctly recognised spans.
The same measures with the ``pipeline_`` prefix score the places the pipeline itself resolves, read through
:func:`newsevents.annotate.annotate` on the same parse (what ``newsevents annotate`` shows and events are located
with). Geocoding given the gold spans cannot go through ``annotate`` (it finds its own spans); it calls
:func:`newsevents.places.resolve_toponyms`, the function the pipeline resolves its spans with.

    python -m newsevents.evaluation.geoparsing ../shared/evaldata [--no-recognition]
"""

from __future__ import annotations

import json
import math
import pathlib
import statistics
import sys
from collections import defaultdict
from typing import Any

from newsevents.places import haversine_km, recognise_entities, resolve_toponyms

MISS_KM = 20038.0
ACC_KM = 161.0


def _load(path: pathlib.Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _gold(evaldata_dir: pathlib.Path, corpus: str) -> tuple[dict[str, str], dict[str, list[dict[str, Any]]]]:
    """Documents and their gold toponyms with usable offsets (``s``, ``e``) and, when geocodable, coordinates."""
    d = evaldata_dir / "geoparsing"
    docs = {str(r["doc_id"]): r["text"] for r in _load(d / f"{corpus}_docs.jsonl")}
    gold: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in _load(d / f"{corpus}_toponyms.jsonl"):
        if corpus == "geowebnews":
            if r.get("start_fixed") is None:
                continue
            s, e = r["start_fixed"], r["end_fixed"]
        else:
            s, e = r["start"], r["end"]
        gold[str(r["doc_id"])].append({**r, "s": s, "e": e})
    return docs, gold


def _auc(errors: list[float]) -> float:
    """Area under the curve of log(1 + error) scaled to [0, 1] by log(1 + 20038) (lower is better)."""
    if not errors:
        return float("nan")
    top = math.log(1 + MISS_KM)
    return sum(math.log(1 + min(e, MISS_KM)) / top for e in errors) / len(errors)


def _geocode_stats(pairs: list[tuple[dict[str, Any], Any]]) -> dict[str, float]:
    errors: list[float] = []
    id_hits = id_n = 0
    for g, loc in pairs:
        if loc is None or loc.lat is None:
            errors.append(MISS_KM)
        else:
            errors.append(haversine_km(g["lat"], g["lon"], loc.lat, loc.lon))
        if g.get("geonameid"):
            id_n += 1
            id_hits += int(loc is not None and loc.gazetteer_id == str(g["geonameid"]))
    n = len(errors)
    return {
        "n": n,
        "acc161": sum(e <= ACC_KM for e in errors) / n if n else float("nan"),
        "median_km": statistics.median(errors) if errors else float("nan"),
        "mean_km": statistics.fmean(errors) if errors else float("nan"),
        "auc": _auc(errors),
        "geonameid_n": id_n,
        "geonameid_acc": id_hits / id_n if id_n else float("nan"),
        "unresolved": sum(loc is None for _, loc in pairs),
    }


def _first(docs: dict[str, str], limit: int | None) -> dict[str, str]:
    """The first ``limit`` documents by id (all without a limit)."""
    return docs if limit is None else {k: docs[k] for k in sorted(docs)[:limit]}


def geocode_gold(
    evaldata_dir: pathlib.Path, corpus: str, limit: int | None = None
) -> list[tuple[dict[str, Any], Any]]:
    """(gold row, predicted Location | None) for every gold toponym with coordinates, given the gold spans."""
    docs, gold = _gold(evaldata_dir, corpus)
    docs = _first(docs, limit)
    out: list[tuple[dict[str, Any], Any]] = []
    for doc_id, rows in gold.items():
        rows = [r for r in rows if r.get("lat") is not None]
        if not rows or doc_id not in docs:
            continue
        locs = resolve_toponyms(docs[doc_id], [(r["s"], r["e"]) for r in rows], anchor_unknown=True)
        out.extend(zip(rows, locs, strict=True))
    return out


_Key = tuple[int | None, int | None]  # a span's (start, end)


class _Counts:
    """Exact-span matches of one system's toponyms against the gold, and the matched pairs for geocoding."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0
        self.pairs: list[tuple[dict[str, Any], Any]] = []

    def add(self, sys_spans: dict[_Key, Any], gold_spans: dict[_Key, dict[str, Any]]) -> None:
        self.tp += len(sys_spans.keys() & gold_spans.keys())
        self.fp += len(sys_spans.keys() - gold_spans.keys())
        self.fn += len(gold_spans.keys() - sys_spans.keys())
        self.pairs.extend(
            (gold_spans[k], sys_spans[k])
            for k in sys_spans.keys() & gold_spans.keys()
            if gold_spans[k].get("lat") is not None
        )


def _recognition(
    evaldata_dir: pathlib.Path, corpus: str, nlp: Any, limit: int | None = None
) -> dict[str, float]:
    from newsevents.annotate import annotate
    from newsevents.pipeline import article_from_text

    docs, gold = _gold(evaldata_dir, corpus)
    docs = _first(docs, limit)
    ids = sorted(docs)
    scorer, pipeline = _Counts(), _Counts()
    for doc_id, doc in zip(ids, nlp.pipe((docs[i] for i in ids), batch_size=16), strict=True):
        found = [loc for _, loc in recognise_entities(doc.text, doc.ents)]
        gold_rows = [r for r in gold.get(doc_id, []) if corpus != "geowebnews" or r.get("lat") is not None]
        gold_spans: dict[_Key, dict[str, Any]] = {(r["s"], r["e"]): r for r in gold_rows}
        scorer.add({(loc.start, loc.end): loc for loc in found}, gold_spans)
        # no publication date: the article is dated as the pipeline dates an undated input
        ann = annotate(article_from_text(doc.text, id=doc_id), doc)
        pipeline.add({(p.start, p.end): p for p in ann.places}, gold_spans)
    out = _prf(scorer)
    out.update({f"pipeline_{k}": v for k, v in _prf(pipeline).items()})
    return out


def _prf(c: _Counts) -> dict[str, float]:
    tp, fp, fn = c.tp, c.fp, c.fn
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    geo = _geocode_stats(c.pairs)
    return {
        "ner_precision": p,
        "ner_recall": r,
        "ner_f1": 2 * p * r / (p + r) if p + r else 0.0,
        "ner_tp": tp,
        "ner_fp": fp,
        "ner_fn": fn,
        "e2e_acc161": geo["acc161"],
        "e2e_n": geo["n"],
    }


def score(
    evaldata_dir: pathlib.Path, nlp: Any = None, recognition: bool = True, limit: int | None = None
) -> dict[str, float]:
    """Flat mapping ``<corpus>_<measure>`` for GeoWebNews (``gwn``) and LGL (``lgl``); ``limit``: the first N
    documents (by id) of each corpus."""
    evaldata_dir = pathlib.Path(evaldata_dir)
    out: dict[str, float] = {}
    for corpus, tag in (("geowebnews", "gwn"), ("lgl", "lgl")):
        for k, v in _geocode_stats(geocode_gold(evaldata_dir, corpus, limit)).items():
            out[f"{tag}_{k}"] = v
    if recognition:
        if nlp is None:
            from newsevents import nlp as nlp_mod

            nlp = nlp_mod.load()
        for corpus, tag in (("geowebnews", "gwn"), ("lgl", "lgl")):
            for k, v in _recognition(evaldata_dir, corpus, nlp, limit).items():
                out[f"{tag}_{k}"] = v
    return out


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    path = (
        pathlib.Path(argv[0]) if argv and not argv[0].startswith("-") else pathlib.Path("../shared/evaldata")
    )
    res = score(path, recognition="--no-recognition" not in argv)
    for k, v in res.items():
        print(f"{k:24s} {v:.4f}" if isinstance(v, float) else f"{k:24s} {v}")


if __name__ == "__main__":
    main()
