"""Scorer for time-expression values: TimeBank/AQUAINT (evaldata README §5a) and MEANTIME (§5b).

Each gold TIMEX3 span is handed to :func:`newsevents.timex.resolve_spans` in its document (parsed once, for
tense), anchored to the date part of the document creation time.

Matching (``value_acc.*``): the predicted value must equal the gold ``value`` after both are put in one
notation by :func:`canonical`; nothing coarser or finer than the gold is accepted. The only equivalences are
TimeML spellings of the same value that the gold files use interchangeably:

- ISO week numbers are two digits (``2000-W7`` is ``2000-W07``);
- trailing unspecified fields are dropped: ``1948-XX`` is ``1948``, ``1994-XX-XX`` is ``1994``,
  ``1998-10-XX`` is ``1998-10``; an unspecified last year digit is the decade (``199X`` is ``199``,
  ``19XX`` the century ``19``);
- an unspecified week or quarter of a specified year (``1989-WXX``, ``1988-QX``: the annotator named the
  granularity and the year but did not compute which one) matches any week or quarter of that year.

- a part of a day (``TMO``, ``TAF``, ``TEV``, ``TNI``, ``TMI``) on the gold's calendar day matches that bare day:
  the annotators typed many "Friday night" spans DATE with the day alone (TimeML writes parts of day as
  ``1998-08-07TNI``); a clock time, another day or another part of day (``TEV`` against ``TNI``) does not.

A document whose text repeats an earlier one is scored once, as the first copy: AQUAINT holds one article twice
(``APW20000107.0088`` and ``APW20000115.0209``) with the same gold values, resolved against the first copy's
DCT (2000-01-07), while the second carries DCT 2000-01-15, against which no reading of "Wednesday" gives the
gold 2000-01-05.

A gold value with no specified digit at all (``XXXX-XX-XX``) matches only itself. The strict string
comparison is reported too, as ``value_exact.*``.
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


def _anchor(dct: str | None, dateline: str | None = None) -> dt.date | None:
    """The date part of a DCT. MEANTIME writes one DCT day-first (``03-02-2009``, dateline "February 03, 2009")
    and leaves two empty; those documents are anchored to their dateline (sentence 1, "September 01, 2007")."""
    if dct:
        try:
            return dt.date.fromisoformat(dct[:10])
        except ValueError:
            pass
        try:
            return dt.datetime.strptime(dct[:10], "%d-%m-%Y").date()
        except ValueError:
            pass
    if dateline:
        try:
            return dt.datetime.strptime(dateline.strip(), "%B %d, %Y").date()
        except ValueError:
            return None
    return None


def _predict(docs: dict[str, tuple[str, dt.date | None]], rows_by_doc: dict[str, list[dict[str, Any]]]):
    """Yield (row, predicted Timex) for every gold row, resolving each document's spans in reading order."""
    names = [n for n in rows_by_doc if n in docs]
    parsed = nlp_mod.parse(docs[n][0] for n in names)
    for name, doc in zip(names, parsed, strict=True):
        rows = sorted(rows_by_doc[name], key=lambda r: (r["start"], r["end"]))
        preds = timex.resolve_spans(doc, [(r["start"], r["end"]) for r in rows], docs[name][1])
        yield from zip(rows, preds, strict=True)


_UNSPEC_IN_YEAR = re.compile(r"^(\d{4})-(WXX|QX)$")


def canonical(value: str | None) -> str | None:
    """One spelling of a TimeML value (see the module docstring); None stays None."""
    if not value:
        return value
    v = re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)
    while True:
        w = re.sub(r"-X+$", "", v)
        if w == v:
            break
        v = w
    if re.match(r"^\d{1,3}X+$", v):
        v = v.rstrip("X")
    return v


def value_match(gold: str | None, pred: str | None) -> bool:
    """Whether a predicted value matches the gold value under the rules of the module docstring."""
    if gold is None or pred is None:
        return gold == pred
    if re.match(r"^\d{4}-\d\d-\d\d$", gold) and re.match(rf"^{gold}T(?:MO|AF|EV|NI|MI)$", pred):
        return True
    if m := _UNSPEC_IN_YEAR.match(gold):
        return bool(re.match(rf"^{m.group(1)}-{m.group(2)[0]}\d+$", pred))
    return canonical(gold) == canonical(pred)


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
        ok = sum(1 for r, p in sel if value_match(r["value"], p.value))
        exact = sum(1 for r, p in sel if p.value == r["value"])
        out[f"{prefix}.value_acc.{name}"] = round(ok / len(sel), 4) if sel else 0.0
        out[f"{prefix}.value_exact.{name}"] = round(exact / len(sel), 4) if sel else 0.0
        out[f"{prefix}.n.{name}"] = len(sel)
    return out


def _tbaq(evaldata_dir: pathlib.Path, corpus: str) -> list[tuple[dict[str, Any], timex.Timex]]:
    base = evaldata_dir / "temporal"
    docs: dict[str, tuple[str, dt.date | None]] = {}
    seen: set[str] = set()
    for d in _read(base / f"tbaq_{corpus}_docs.jsonl"):
        if d["text"] in seen:
            continue  # a verbatim copy under a later DCT carries the first copy's values (module docstring)
        seen.add(d["text"])
        docs[d["doc"]] = (d["text"], _anchor(d["dct"]))
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
        dateline = d["sentences"][1] if len(d["sentences"]) > 1 else None
        docs[d["doc_id"]] = ("\n".join(d["sentences"]), _anchor(d.get("dct"), dateline))
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
        if (kind and r["type"] != kind) or value_match(r["value"], p.value):
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
