"""Linker scale benchmark: link 10k, 100k and 1M synthetic mentions with the store's linking code.

Each size runs in a fresh process (so peak memory is its own): generate the corpus (``synth_mentions``), then
feed it article by article through :class:`newsevents.link.MemoryLinker` (the store's ``plan_links``,
``same_event``, ``mention_key`` and blocking; only the candidate lookup is a dict instead of SQL). Prints link
time, peak RSS, the growth ratio between sizes, B-cubed and pairwise precision/recall/F1 against the
generator's truth, and for the smallest size checks that a shuffled ingest order yields the same events and
ids. Writes ``benchmarks/results/link_scale.json``.

    python benchmarks/link_scale.py                 # 10k, 100k, 1M
    python benchmarks/link_scale.py --sizes 10000   # one size
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import pathlib
import platform
import random
import resource
import subprocess
import sys
import time
from collections import Counter

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import synth_mentions  # noqa: E402

from newsevents import link  # noqa: E402

RESULTS = pathlib.Path(__file__).resolve().parent / "results" / "link_scale.json"


def scores(pred: dict[str, str], truth: dict[str, int]) -> dict[str, float]:
    """B-cubed and pairwise precision/recall/F1 of a predicted clustering against the truth (linear time)."""
    cells = Counter((pred[m], truth[m]) for m in truth)
    psize = Counter(pred[m] for m in truth)
    tsize = Counter(truth.values())
    n = len(truth)
    b3p = sum(c * c / psize[p] for (p, _), c in cells.items()) / n
    b3r = sum(c * c / tsize[t] for (_, t), c in cells.items()) / n

    def pairs(x: int) -> int:
        return x * (x - 1) // 2

    tp = sum(pairs(c) for c in cells.values())
    pp = sum(pairs(c) for c in psize.values())
    tp_all = sum(pairs(c) for c in tsize.values())
    pw_p = tp / pp if pp else 1.0
    pw_r = tp / tp_all if tp_all else 1.0

    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    return {
        "b3_precision": round(b3p, 4),
        "b3_recall": round(b3r, 4),
        "b3_f1": round(f1(b3p, b3r), 4),
        "pairwise_precision": round(pw_p, 4),
        "pairwise_recall": round(pw_r, 4),
        "pairwise_f1": round(f1(pw_p, pw_r), 4),
        "true_events": len(tsize),
        "predicted_events": len(psize),
    }


def _link(world, articles) -> tuple[link.MemoryLinker, float, float]:
    linker = link.MemoryLinker()
    t_records = t_link = 0.0
    for art in articles:
        t0 = time.perf_counter()
        recs = synth_mentions.records(world, art)
        t1 = time.perf_counter()
        linker.add([link.mention_key(r) for r in recs])
        t_link += time.perf_counter() - t1
        t_records += t1 - t0
    return linker, t_link, t_records


def run_size(n: int, seed: int, check_order: bool, out: mp.Queue) -> None:
    t0 = time.perf_counter()
    world, articles, truth = synth_mentions.generate(n, seed)
    t_gen = time.perf_counter() - t0
    linker, t_link, t_records = _link(world, articles)
    result = {
        "mentions": len(truth),
        "articles": len(articles),
        "generate_s": round(t_gen + t_records, 2),
        "link_s": round(t_link, 2),
        "link_us_per_mention": round(1e6 * t_link / len(truth), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "events": len(linker.members),
        "merges_and_renames": len(linker.log),
        **scores(linker.event_of, truth),
    }
    if check_order:
        shuffled = list(articles)
        random.Random(seed + 1).shuffle(shuffled)
        other, _, _ = _link(world, shuffled)
        result["order_independent"] = other.event_of == linker.event_of
    out.put(result)


def _git() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=pathlib.Path, default=RESULTS)
    args = parser.parse_args()
    ctx = mp.get_context("fork")
    rows = []
    for i, n in enumerate(args.sizes):
        q = ctx.Queue()
        p = ctx.Process(target=run_size, args=(n, args.seed, i == 0, q))
        p.start()
        row = q.get()
        p.join()
        row["size"] = n
        if rows:
            prev = rows[-1]
            row["growth_time_ratio"] = round(row["link_s"] / prev["link_s"], 2) if prev["link_s"] else None
            row["growth_size_ratio"] = round(row["mentions"] / prev["mentions"], 2)
        rows.append(row)
        print(
            f"{row['mentions']:>9,} mentions  {row['articles']:>8,} articles  link {row['link_s']:8.1f} s "
            f"({row['link_us_per_mention']:.0f} us/mention)  peak RSS {row['peak_rss_mb']:8.0f} MB  "
            f"B3 F1 {row['b3_f1']:.3f} (P {row['b3_precision']:.3f} R {row['b3_recall']:.3f})  "
            f"pairwise F1 {row['pairwise_f1']:.3f}"
            + (
                f"  growth x{row['growth_time_ratio']} for x{row['growth_size_ratio']}"
                if "growth_time_ratio" in row
                else ""
            )
            + (f"  order-independent: {row['order_independent']}" if "order_independent" in row else ""),
            flush=True,
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "benchmark": "link_scale",
                "command": "python benchmarks/link_scale.py " + " ".join(sys.argv[1:]),
                "git": _git(),
                "machine": {
                    "cpus": os.cpu_count(),
                    "python": platform.python_version(),
                    "platform": platform.platform(),
                },
                "seed": args.seed,
                "results": rows,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
