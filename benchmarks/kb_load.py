"""Knowledge-base load benchmark: how long ``KnowledgeBase()`` takes, cold and warm, in one process.

A cold load starts with an empty :func:`newsevents.kb.norm` cache (what the first load of a process pays:
normalising every name, alias and generated office phrase); a warm load finds the cache filled by the previous
load (later loads in the same process, e.g. tests that build their own KnowledgeBase). Each round times both;
wall and CPU seconds are reported (on a shared machine CPU seconds move much less with other load), as min and
median over the rounds, with the sizes of the indexes. Writes ``benchmarks/results/kb_load.json``.

    python benchmarks/kb_load.py              # 7 rounds
    python benchmarks/kb_load.py --rounds 3 --json /tmp/kb_load.json
"""

from __future__ import annotations

import argparse
import json
import pathlib
import platform
import statistics
import time

from newsevents import kb

RESULTS = pathlib.Path(__file__).resolve().parent / "results" / "kb_load.json"


def timed(cold: bool) -> tuple[float, float, kb.KnowledgeBase]:
    if cold:
        kb.norm.cache_clear()
    w, c = time.perf_counter(), time.process_time()
    k = kb.KnowledgeBase()
    return time.perf_counter() - w, time.process_time() - c, k


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--json", type=pathlib.Path, default=RESULTS)
    args = ap.parse_args()
    runs: dict[str, dict[str, list[float]]] = {
        "cold": {"wall": [], "cpu": []},
        "warm": {"wall": [], "cpu": []},
    }
    k = None
    for _ in range(args.rounds):
        for mode in ("cold", "warm"):
            wall, cpu, k = timed(mode == "cold")
            runs[mode]["wall"].append(wall)
            runs[mode]["cpu"].append(cpu)
    assert k is not None
    out = {
        "python": platform.python_version(),
        "rounds": args.rounds,
        "sizes": {
            "offices": len(k.offices),
            "people": len(k.people),
            "terms": len(k.terms),
            "office_phrases": len(k._office_phrases),
        },
    }
    for mode, r in runs.items():
        out[mode] = {
            f"{what}_{stat}": round(f(vals), 4)
            for what, vals in r.items()
            for stat, f in (("min", min), ("median", statistics.median))
        }
        print(
            f"{mode}: wall min {out[mode]['wall_min']:.3f} s, median {out[mode]['wall_median']:.3f} s; "
            f"cpu min {out[mode]['cpu_min']:.3f} s, median {out[mode]['cpu_median']:.3f} s"
        )
    print("sizes:", out["sizes"])
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print("wrote", args.json)


if __name__ == "__main__":
    main()
