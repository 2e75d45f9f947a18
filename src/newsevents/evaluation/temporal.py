"""Scorer for time-expression values: TimeBank/AQUAINT (evaldata README §5a) and MEANTIME (§5b).

Each gold TIMEX3 span is handed to :func:`newsevents.timex.resolve_spans` in its document (parsed once, for
tense), anchored to the date part of the document creation time; the predicted value string must equal the
gold ``value`` exactly.
"""

from __future__ import annotations

import datetime as dt
import json
import pathlib
import re
from collections import Counter, defaultdict
from typing import Any

from newsevents import nlp as nlp_mod
from newsevents import timex


def _read(path: pathlib.Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _anchor(dct: str | None) -> dt.date | None:
    if not dct:
        return None
    try:
        return dt.date.fromisoformat(dct[:10])
    except ValueError:
        return None


def _predict(docs: dict[str, tuple[str, dt.date | None]], rows_by_doc: dict[str, list[dict[str, Any]]]):
    """Yield (row, predicted Timex) for every gold row, resolving each document's spans in reading order."""
    names = [n for n in rows_by_doc if n in docs]
    parsed = nlp_mod.parse(docs[n][0] for n in names)
    for name, doc in zip(names, parsed, strict=True):
        rows = sorted(rows_by_doc[name], key=lambda r: (r["start"], r["end"]))
        preds = timex.resolve_spans(doc, [(r["start"], r["end"]) for r in rows], docs[name][1])
        yield from zip(rows, preds, strict=True)


def _tally(pairs: list[tuple[dict[str, Any], timex.Timex]], prefix: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    subsets = {
        "all": lambda r: True,
        "date": lambda r: r["type"] == "DATE",
        "relative": lambda r: str(r.get("temporalFunction")).lower() == "true",
    }
    for name, keep in subsets.items():
        sel = [(r, p) for r, p in pairs if keep(r)]
        if not sel and name == "relative":
            continue
        ok = sum(1 for r, p in sel if p.value == r["value"])
        out[f"{prefix}.value_acc.{name}"] = round(ok / len(sel), 4) if sel else 0.0
        out[f"{prefix}.n.{name}"] = len(sel)
    return out


def _tbaq(evaldata_dir: pathlib.Path, corpus: str) -> list[tuple[dict[str, Any], timex.Timex]]:
    base = evaldata_dir / "temporal"
    docs = {d["doc"]: (d["text"], _anchor(d["dct"])) for d in _read(base / f"tbaq_{corpus}_docs.jsonl")}
    rows_by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in _read(base / f"tbaq_{corpus}_timex.jsonl"):
        rows_by_doc[r["doc"]].append(r)
    return list(_predict(docs, rows_by_doc))


def _meantime(evaldata_dir: pathlib.Path) -> list[tuple[dict[str, Any], timex.Timex]]:
    """MEANTIME gives sentence indices and token text, not offsets: locate each span in its sentence."""
    base = evaldata_dir / "meantime"
    docs: dict[str, tuple[str, dt.date | None]] = {}
    sent_starts: dict[str, list[int]] = {}
    for d in _read(base / "meantime_documents.jsonl"):
        starts, pos = [], 0
        for s in d["sentences"]:
            starts.append(pos)
            pos += len(s) + 1
        docs[d["doc_id"]] = ("\n".join(d["sentences"]), _anchor(d.get("dct")))
        sent_starts[d["doc_id"]] = starts
    rows_by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in _read(base / "meantime_timex.jsonl"):
        if r.get("functionInDocument") == "CREATION_TIME" or r["doc_id"] not in docs:
            continue
        text = docs[r["doc_id"]][0]
        starts = sent_starts[r["doc_id"]]
        i = int(r["sentence"])
        s0 = starts[i]
        s1 = starts[i + 1] - 1 if i + 1 < len(starts) else len(text)
        pattern = r"\s*".join(re.escape(tok) for tok in r["text"].split())
        m = re.search(pattern, text[s0:s1])
        if not m:
            continue
        row = dict(r, start=s0 + m.start(), end=s0 + m.end(), temporalFunction=None)
        rows_by_doc[r["doc_id"]].append(row)
    return list(_predict(docs, rows_by_doc))


def confusion(
    pairs: list[tuple[dict[str, Any], timex.Timex]], n: int = 40, kind: str | None = "DATE"
) -> list[str]:
    """A sample of wrong predictions, most frequent (text, gold shape, predicted shape) first."""
    c: Counter[tuple[str, str, str]] = Counter()
    examples: dict[tuple[str, str, str], str] = {}
    for r, p in pairs:
        if (kind and r["type"] != kind) or p.value == r["value"]:
            continue
        key = (r["text"].lower(), r["value"], str(p.value))
        c[key] += 1
        examples[key] = f"{r.get('dct', '')[:10]} tense={p.tense}"
    return [f"{k} x{v} [{examples[k]}]" for k, v in c.most_common(n)]


def score(evaldata_dir: pathlib.Path, verbose: bool = False) -> dict[str, Any]:
    """TIMEX value exact-match accuracy given the gold span (README §5a and §5b)."""
    evaldata_dir = pathlib.Path(evaldata_dir)
    out: dict[str, Any] = {}
    for corpus in ("timebank", "aquaint"):
        pairs = _tbaq(evaldata_dir, corpus)
        out.update(_tally(pairs, corpus))
        if verbose:
            print(f"--- {corpus}: wrong DATE values (text, gold, predicted)")
            print("\n".join(confusion(pairs)))
    pairs = _meantime(evaldata_dir)
    out.update(_tally(pairs, "meantime"))
    if verbose:
        print("--- meantime")
        print("\n".join(confusion(pairs)))
    return out


if __name__ == "__main__":  # pragma: no cover
    import sys

    root = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path("../shared/evaldata")
    for k, v in score(root, verbose="-v" in sys.argv).items():
        print(f"{k}\t{v}")
