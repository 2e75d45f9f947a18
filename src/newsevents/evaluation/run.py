"""``newsevents eval``: run every scorer against ``../shared/evaldata`` and print one table per set."""

from __future__ import annotations

import importlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

# name -> (module, function, description)
SETS: dict[str, tuple[str, str, str]] = {
    "plover-gsr": ("events", "score_gsr", "PLOVER gold-standard records (event type, actors)"),
    "plv": ("events", "score_plv", "PLV (sentence, source, target) root types"),
    "actors": ("actors", "score", "NGEC actor-resolution cases"),
    "temporal": ("temporal", "score", "TimeBank / AQUAINT / MEANTIME time-expression values"),
    "geoparsing": ("geoparsing", "score", "GeoWebNews / LGL toponym resolution"),
    "boilerplate": ("boilerplate", "score", "trafilatura English HTML extraction snippets"),
    "ecbplus": (
        "ecbplus",
        "score",
        "ECB+ same event vs look-alike: document clustering, pairs, mention coreference",
    ),
    "meantime-coref": ("meantime_coref", "score", "MEANTIME cross-document event instance linking"),
    "modality": ("modality", "score", "modality of marked triggers (package set data/eval/modality.tsv)"),
    "no-event": (
        "modality",
        "score_no_event",
        "sentences without an event yield no record (data/eval/no_event.tsv)",
    ),
    "roles": (
        "roles",
        "score",
        "role-to-holder resolution on the date (package set data/eval/role_holder.tsv)",
    ),
}
# sets written for this project and shipped in the package: they run without ../shared/evaldata
PACKAGED = frozenset({"modality", "no-event", "roles"})


def default_dir() -> Path:
    env = os.environ.get("NEWSEVENTS_EVALDATA")
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parents[3]
    for cand in (repo.parent / "shared" / "evaldata", Path.cwd().parent / "shared" / "evaldata"):
        if cand.is_dir():
            return cand
    return repo.parent / "shared" / "evaldata"


def json_main(score: Any) -> None:  # pragma: no cover - manual runs of one scorer
    """``python -m newsevents.evaluation.<set> [DATA_DIR]``: run one scorer and print its result as JSON."""
    d = Path(sys.argv[1]) if len(sys.argv) > 1 else default_dir()
    print(json.dumps(score(d), indent=1, default=lambda v: round(v, 4) if isinstance(v, float) else str(v)))


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.3f}"
    if v is None:
        return "n/a"
    return str(v)


def _flatten(d: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for k, v in d.items():
        if isinstance(v, dict):
            out.extend(_flatten(v, f"{prefix}{k}."))
        elif isinstance(v, list):
            continue
        else:
            out.append((prefix + k, v))
    return out


def print_table(name: str, desc: str, result: dict[str, Any], seconds: float) -> None:
    rows = _flatten(result)
    w = max([len(k) for k, _ in rows] + [10])
    print(f"\n## {name}: {desc}  ({seconds:.1f} s)")
    print(f"{'measure'.ljust(w)}  value")
    print(f"{'-' * w}  {'-' * 10}")
    for k, v in rows:
        print(f"{k.ljust(w)}  {_fmt(v)}")


def evaluate(
    data_dir: Path | None, only: tuple[str, ...] = (), json_out: Path | None = None, limit: int | None = None
) -> int:
    data_dir = data_dir or default_dir()
    unknown = [s for s in only if s not in SETS]
    if unknown:
        print(
            f"newsevents eval: unknown set(s) {', '.join(unknown)}; known: {', '.join(SETS)}", file=sys.stderr
        )
        return 2
    if not data_dir.is_dir():
        skipped = [s for s in (only or SETS) if s not in PACKAGED]
        if skipped:
            print(
                f"newsevents eval: evaluation data not found at {data_dir}; not scored: {', '.join(skipped)} "
                "(pass --data DIR or set NEWSEVENTS_EVALDATA); the sets shipped in the package still run",
                file=sys.stderr,
            )
        only = tuple(s for s in (only or SETS) if s in PACKAGED)
        if not only:
            return 0
    results: dict[str, Any] = {"data": str(data_dir), "sets": {}}
    failed = 0
    for name, (mod, fn, desc) in SETS.items():
        if only and name not in only:
            continue
        t0 = time.perf_counter()
        try:
            module = importlib.import_module(f"newsevents.evaluation.{mod}")
            func = getattr(module, fn)
            kwargs = {"limit": limit} if limit is not None and "limit" in func.__code__.co_varnames else {}
            res = func(data_dir, **kwargs)
        except Exception as exc:  # one broken scorer must not hide the others
            failed += 1
            res = {"error": f"{type(exc).__name__}: {exc}"}
        secs = time.perf_counter() - t0
        res = {**res, "seconds": round(secs, 1)}
        results["sets"][name] = res
        print_table(name, desc, res, secs)
        sys.stdout.flush()
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
        print(f"\nwrote {json_out}")
    return 1 if failed else 0
