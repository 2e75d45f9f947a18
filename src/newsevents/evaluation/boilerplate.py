"""Scores HTML main-text extraction on the trafilatura English evaluation set (evaldata README §8).

Each page goes through the same path as production input (:func:`newsevents.clean.clean` on a
:class:`RawDocument` carrying the HTML). The extracted text is whitespace-normalised; each ``with`` snippet
found in it is a true positive (else a false negative), each ``without`` snippet found is a false positive
(else a true negative); figures are micro-averaged. Title and publication date are exact matches over the
entries that carry them.

Run: ``python -m newsevents.evaluation.boilerplate [EVALDATA_DIR]``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from ..clean import clean
from ..model import Article, RawDocument
from ..sources import decode_bytes

SUBDIR = Path("boilerplate") / "trafilatura_en"


def _norm(s: str) -> str:
    return " ".join(s.split())


def score(evaldata_dir: Path, limit: int | None = None) -> dict[str, Any]:
    """Snippet precision/recall/F1/accuracy, title and date exact match over the set in ``evaldata_dir``.

    ``evaldata_dir`` is the ``evaldata`` folder (or the ``trafilatura_en`` folder itself). ``limit`` scores
    only the first N pages (for quick checks).
    """
    root = Path(evaldata_dir)
    if not (root / "evaldata_english_subset.json").exists():
        root = root / SUBDIR
    entries: dict[str, dict[str, Any]] = json.loads(
        (root / "evaldata_english_subset.json").read_text("utf-8")
    )
    tp = fp = fn = tn = 0
    title_n = title_ok = date_n = date_ok = errors = 0
    start = time.perf_counter()
    pages = 0
    for url, entry in list(entries.items())[:limit]:
        pages += 1
        data = (root / "html" / entry["file"]).read_bytes()
        html = decode_bytes(data, html=True) or ""
        result = clean(RawDocument(path=entry["file"], html=html, url=url))
        art = result if isinstance(result, Article) else None
        if art is None:
            errors += 1
        text = _norm(art.text) if art else ""
        for snippet in entry.get("with", []):
            if _norm(snippet) in text:
                tp += 1
            else:
                fn += 1
        for snippet in entry.get("without", []):
            if _norm(snippet) in text:
                fp += 1
            else:
                tn += 1
        if entry.get("title"):
            title_n += 1
            title_ok += bool(art and art.title and _norm(art.title) == _norm(entry["title"]))
        if entry.get("date"):
            date_n += 1
            got = art.metadata_published.isoformat() if art and art.metadata_published else None
            date_ok += got == entry["date"]
    elapsed = time.perf_counter() - start
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    total = tp + fp + fn + tn
    return {
        "pages": pages,
        "no_text": errors,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "accuracy": (tp + tn) / total if total else 0.0,
        "title_exact": title_ok / title_n if title_n else 0.0,
        "title_n": title_n,
        "date_exact": date_ok / date_n if date_n else 0.0,
        "date_n": date_n,
        "seconds": elapsed,
        "pages_per_second": pages / elapsed if elapsed else 0.0,
    }


def format_table(res: dict[str, Any]) -> str:
    rows = [
        ("pages", f"{res['pages']} ({res['no_text']} without text)"),
        ("snippet precision", f"{res['precision']:.3f}"),
        ("snippet recall", f"{res['recall']:.3f}"),
        ("snippet F1", f"{res['f1']:.3f}"),
        ("snippet accuracy", f"{res['accuracy']:.3f}"),
        ("title exact match", f"{res['title_exact']:.3f} (n={res['title_n']})"),
        ("date exact match", f"{res['date_exact']:.3f} (n={res['date_n']})"),
        ("speed", f"{res['pages_per_second']:.1f} pages/s"),
    ]
    return "\n".join(f"{k:<20} {v}" for k, v in rows)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    default = Path(__file__).resolve().parents[3].parent / "shared" / "evaldata"
    print(format_table(score(Path(args[0]) if args else default)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
