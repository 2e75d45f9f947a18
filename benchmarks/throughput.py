"""Throughput benchmark: spaCy parsing alone against the full newsevents pipeline, in one run.

Owns measuring articles/s and words/s for (a) parse only (``nlp.load()`` + ``nlp.pipe``) and (b) the full
pipeline (``pipeline.run`` over ``sources.iter_raw``: read, clean, parse, date, extract, resolve, link; no
database) with each requested worker count, the full/parse ratio, peak memory, and a cProfile of the full
pipeline listing where time goes outside spaCy. Prints a table and writes JSON (default
``benchmarks/results/throughput.json``).

    python benchmarks/throughput.py [--corpus PATH] [--limit N] [--workers 1,2] [--batch-size 32]
                                    [--repeat 1] [--profile-docs 200] [--json PATH]

Both measurements see the same documents: parse-only parses the cleaned article texts (cleaned before timing),
which are exactly the texts the pipeline parses, and words/s counts whitespace words of those texts for both.
Worker pools fork from this process after every resource has been warmed, so model loading is never timed.
"""

from __future__ import annotations

import os

# One worker must mean one core: without this a BLAS thread pool could spread a "1 worker" run over every core.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import cProfile  # noqa: E402
import datetime as dt  # noqa: E402
import faulthandler  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import pstats  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Iterable, Iterator  # noqa: E402
from concurrent.futures import ProcessPoolExecutor  # noqa: E402
from dataclasses import asdict, dataclass, field  # noqa: E402
from functools import partial  # noqa: E402
from itertools import islice  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "evaldata" / "corpus" / "news.jsonl"
DEFAULT_JSON = ROOT / "benchmarks" / "results" / "throughput.json"
TARGET_RATIO = 0.8

# Modules whose frames count as "spaCy internals" in the profile: spaCy and the libraries it runs on.
SPACY_INTERNALS = (
    "spacy",
    "thinc",
    "srsly",
    "blis",
    "cymem",
    "preshed",
    "murmurhash",
    "catalogue",
    "confection",
)


# --------------------------------------------------------------------------- memory


def _proc_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (Linux ``/proc``; children are listed per thread)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for tid in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{tid}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return out


def _rss_pss_kb(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


class MemorySampler:
    """Peak memory of this process and its children while one measurement runs.

    ``getrusage`` only knows the peak of each process over the whole run (and of the largest child), so the
    per-measurement peak of the process tree is sampled from ``/proc``: RSS summed over processes (counts pages
    shared by forked workers once per worker) and PSS (shares them out, closer to real use).
    """

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak_rss_kb = 0
        self.peak_pss_kb = 0
        self.available = Path("/proc/self/smaps_rollup").exists()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _sample(self) -> None:
        rss = pss = 0
        for p in _proc_tree(os.getpid()):
            r, s = _rss_pss_kb(p)
            rss, pss = rss + r, pss + s
        self.peak_rss_kb = max(self.peak_rss_kb, rss)
        self.peak_pss_kb = max(self.peak_pss_kb, pss)

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> MemorySampler:
        if self.available:
            self._sample()
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.available:
            self._stop.set()
            self._thread.join()


def _machine_busy_seconds() -> float | None:
    """CPU seconds all processes on the machine have used since boot (``/proc/stat``), or None off Linux."""
    try:
        with open("/proc/stat") as fh:
            f = [int(x) for x in fh.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    # user nice system idle iowait irq softirq steal: everything but idle and iowait is busy
    return (f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] if len(f) > 7 else 0)) / os.sysconf("SC_CLK_TCK")


def _cpu_seconds() -> float:
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


# --------------------------------------------------------------------------- parse only


def _parse_chunk(texts: list[str], batch_size: int) -> int:
    from newsevents import nlp

    return sum(len(doc) for doc in nlp.load().pipe(texts, batch_size=batch_size))


def _chunks(items: list[str], n: int) -> Iterator[list[str]]:
    it = iter(items)
    while chunk := list(islice(it, n)):
        yield chunk


def parse_only(texts: list[str], workers: int, batch_size: int, mode: str) -> int:
    """Parse every text; returns the token count (so nothing is optimised away).

    ``mode="pool"`` mirrors ``pipeline.run``'s pool (chunks of ``batch_size``, two chunks in flight per worker,
    only small results sent back), which makes the ratio compare like with like; ``mode="n_process"`` is
    spaCy's own ``nlp.pipe(n_process=...)``, which also pickles every Doc back to the parent.
    """
    from newsevents import nlp

    model = nlp.load()
    if workers <= 1:
        return sum(len(doc) for doc in model.pipe(texts, batch_size=batch_size))
    if mode == "n_process":
        return sum(len(doc) for doc in model.pipe(texts, batch_size=batch_size, n_process=workers))
    tokens = 0
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending = []
        for chunk in _chunks(texts, batch_size):
            pending.append(pool.submit(_parse_chunk, chunk, batch_size))
            if len(pending) >= workers * 2:
                tokens += pending.pop(0).result()
        tokens += sum(f.result() for f in pending)
    return tokens


# --------------------------------------------------------------------------- full pipeline


def _raws(corpus: Path, limit: int | None) -> Iterator:
    from newsevents import sources

    return islice(sources.iter_raw([str(corpus)]), limit)


# Seconds without a new result after which the run is declared stuck (``--stall-timeout``; 0 waits forever).
STALL_SECONDS = 600.0


def full_pipeline(
    corpus: Path, limit: int | None, workers: int, batch_size: int, type_model: str | None = None
) -> tuple[int, int, int]:
    """Run the whole pipeline (reading included); returns (documents, errors, event records).

    A document that never finishes would hang the benchmark silently, so a watchdog dumps the stack (of this
    process: with ``workers=1`` it names the stuck function) and exits when no result arrives in time.
    """
    from newsevents import pipeline

    docs = errors = records = 0
    if STALL_SECONDS > 0:
        faulthandler.dump_traceback_later(STALL_SECONDS, exit=True)
    try:
        for res in pipeline.run(
            _raws(corpus, limit),
            pipeline.Options(batch_size=batch_size, type_model=type_model),
            workers=workers,
        ):
            docs += 1
            errors += res.error is not None
            records += len(res.records)
            if STALL_SECONDS > 0:
                faulthandler.dump_traceback_later(STALL_SECONDS, exit=True)
    finally:
        faulthandler.cancel_dump_traceback_later()
    return docs, errors, records


# --------------------------------------------------------------------------- measurement


@dataclass
class Measurement:
    kind: str  # "parse" or "full"
    workers: int
    round: int
    seconds: float
    cpu_seconds: float
    documents: int
    words: int
    peak_rss_mb: float | None
    peak_pss_mb: float | None
    other_cpu_share: (
        float | None
    )  # CPU used by other processes on the machine during the run, share of all CPUs
    extra: dict = field(default_factory=dict)

    @property
    def articles_per_s(self) -> float:
        return self.documents / self.seconds

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds

    @property
    def words_per_cpu_s(self) -> float:
        return self.words / self.cpu_seconds


def measure(
    kind: str, workers: int, rnd: int, documents: int, words: int, fn: Callable[[], object]
) -> Measurement:
    busy0, cpu0, t0 = _machine_busy_seconds(), _cpu_seconds(), time.perf_counter()
    with MemorySampler() as mem:
        out: Any = fn()
    seconds, cpu, busy1 = time.perf_counter() - t0, _cpu_seconds() - cpu0, _machine_busy_seconds()
    other = None
    if busy0 is not None and busy1 is not None:
        other = round(max(0.0, (busy1 - busy0 - cpu) / (seconds * (os.cpu_count() or 1))), 3)
    extra: dict[str, int] = {}
    if kind == "full":
        n, errors, records = out
        if n != documents:
            raise SystemExit(f"pipeline returned {n} results for {documents} documents")
        extra = {"errors": errors, "records": records}
    else:
        extra = {"tokens": out}
    m = Measurement(
        kind,
        workers,
        rnd,
        seconds,
        cpu,
        documents,
        words,
        round(mem.peak_rss_kb / 1024, 1) if mem.available else None,
        round(mem.peak_pss_kb / 1024, 1) if mem.available else None,
        other,
        extra,
    )
    print(
        f"  round {rnd} {kind:5s} workers={workers}: {seconds:7.1f} s  {m.articles_per_s:6.2f} art/s  "
        f"{m.words_per_s:7.0f} words/s  cpu {cpu:6.1f} s  peak PSS {m.peak_pss_mb} MB  "
        f"other processes {other if other is None else f'{other:.0%}'} of the CPUs",
        flush=True,
    )
    return m


def summarise(runs: list[Measurement], workers: list[int]) -> list[dict]:
    """One row per worker count: median seconds of each kind over the rounds, their ratio, paired ratios."""
    rows = []
    for w in workers:
        by = {k: [m for m in runs if m.kind == k and m.workers == w] for k in ("parse", "full")}
        med = {k: statistics.median(m.seconds for m in v) for k, v in by.items()}
        cpu = {k: statistics.median(m.cpu_seconds for m in v) for k, v in by.items()}
        paired = [p.seconds / f.seconds for p, f in zip(by["parse"], by["full"], strict=True)]
        docs, words = by["parse"][0].documents, by["parse"][0].words
        rows.append(
            {
                "workers": w,
                "parse_seconds": round(med["parse"], 2),
                "parse_articles_per_s": round(docs / med["parse"], 2),
                "parse_words_per_s": round(words / med["parse"]),
                "full_seconds": round(med["full"], 2),
                "full_articles_per_s": round(docs / med["full"], 2),
                "full_words_per_s": round(words / med["full"]),
                "ratio_full_over_parse": round(med["parse"] / med["full"], 3),
                "ratio_per_round": [round(r, 3) for r in paired],
                # CPU time is less sensitive than wall time to other load on a shared machine
                "parse_words_per_cpu_s": round(words / cpu["parse"]),
                "full_words_per_cpu_s": round(words / cpu["full"]),
                "ratio_cpu_full_over_parse": round(cpu["parse"] / cpu["full"], 3),
                "max_other_cpu_share": max((m.other_cpu_share or 0.0) for v in by.values() for m in v),
                "meets_target": med["parse"] / med["full"] >= TARGET_RATIO,
                "parse_peak_pss_mb": max((m.peak_pss_mb or 0) for m in by["parse"]) or None,
                "full_peak_pss_mb": max((m.peak_pss_mb or 0) for m in by["full"]) or None,
                "parse_peak_rss_sum_mb": max((m.peak_rss_mb or 0) for m in by["parse"]) or None,
                "full_peak_rss_sum_mb": max((m.peak_rss_mb or 0) for m in by["full"]) or None,
                "full_cpu_seconds": round(cpu["full"], 1),
                "parse_cpu_seconds": round(cpu["parse"], 1),
            }
        )
    return rows


# --------------------------------------------------------------------------- profile


def _is_spacy_internal(key: tuple[str, int, str]) -> bool:
    filename, _, func = key
    if filename == "~":  # a compiled function: its name says whose it is ("<method 'to_dict' of 'spacy....")
        return any(f"'{m}." in func or func.startswith(f"{m}.") for m in SPACY_INTERNALS)
    return any(p in SPACY_INTERNALS for p in Path(filename).parts)


def _label(key: tuple[str, int, str]) -> str:
    filename, line, func = key
    if filename == "~":
        return func
    p = Path(filename)
    parts = p.parts
    if "site-packages" in parts:
        rel = "/".join(parts[parts.index("site-packages") + 1 :])
    elif "src" in parts:
        rel = "/".join(parts[parts.index("src") + 1 :])
    else:
        rel = p.name
    return f"{rel}:{line}({func})"


def profile_pipeline(corpus: Path, n_docs: int, batch_size: int, top: int = 15) -> dict:
    """cProfile the in-process pipeline on the first ``n_docs`` documents.

    Lists the top functions by cumulative time that are not spaCy internals (nor interpreter builtins such as
    ``next`` or ``exec``, whose cumulative time only repeats their callers'); ``newsevents/nlp.py(parse)`` is
    the parse itself, everything else in the pipeline's total is time beyond the parse. Profiling slows pure
    Python code far more than spaCy's compiled code, so the shares overstate the non-spaCy part somewhat.
    """
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    full_pipeline(corpus, n_docs, 1, batch_size)
    prof.disable()
    wall = time.perf_counter() - t0
    st = pstats.Stats(prof, stream=io.StringIO())
    raw = st.stats  # type: ignore[attr-defined]
    total = max(ct for (_, _, _, ct, _) in raw.values())

    def rows(sort_index: int, keep: Callable[[tuple[str, int, str]], bool]) -> list[dict]:
        keys = sorted((k for k in raw if keep(k)), key=lambda k: raw[k][sort_index], reverse=True)[:top]
        return [
            {
                "function": _label(k),
                "calls": raw[k][1],
                "tottime_s": round(raw[k][2], 3),
                "cumtime_s": round(raw[k][3], 3),
                "cum_share": round(raw[k][3] / total, 3),
            }
            for k in keys
        ]

    this_file = str(Path(__file__).resolve())

    def not_spacy(k: tuple[str, int, str]) -> bool:
        return k[0] != "~" and not _is_spacy_internal(k) and k[0] != this_file and "cProfile" not in k[0]

    def stage(func: str, module: str) -> float:
        return sum(v[3] for k, v in raw.items() if k[2] == func and k[0].endswith(module))

    parse_s = stage("parse", "newsevents/nlp.py")
    return {
        "documents": n_docs,
        "wall_seconds_profiled": round(wall, 2),
        "total_seconds": round(total, 2),
        "stages_cumulative_s": {
            "read (sources.iter_raw)": round(stage("iter_raw", "newsevents/sources.py"), 2),
            "clean": round(stage("clean", "newsevents/clean.py"), 2),
            "parse (nlp.parse)": round(parse_s, 2),
            "analyse (date, extract, resolve, link)": round(stage("analyse", "newsevents/pipeline.py"), 2),
        },
        "beyond_parse_share": round(1 - parse_s / total, 3),
        "top_cumulative_not_spacy": rows(3, not_spacy),
        "top_self_time_not_spacy": rows(2, lambda k: not _is_spacy_internal(k) and "cProfile" not in k[0]),
    }


# --------------------------------------------------------------------------- machine


def machine_info() -> dict:
    import numpy
    import spacy
    import thinc

    from newsevents import nlp

    model = nlp.load()
    cpu_model = None
    try:
        with open("/proc/cpuinfo") as fh:
            cpu_model = next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), None)
    except OSError:
        pass
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = bool(
            subprocess.run(
                ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        )
    except (OSError, subprocess.CalledProcessError):
        commit, dirty = None, None
    return {
        "cpu_count": os.cpu_count(),
        "cpus_available": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu_model": cpu_model,
        "memory_total_mb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**20),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "thinc": thinc.__version__,
        "numpy": numpy.__version__,
        "model_package": nlp.model_name(),
        "model": f"{model.meta.get('lang')}_{model.meta.get('name')}",
        "model_version": model.meta.get("version"),
        "model_pipeline": list(model.pipe_names),
        "omp_num_threads": os.environ.get("OMP_NUM_THREADS"),
        "git_commit": commit,
        "git_dirty": dirty,
    }


# --------------------------------------------------------------------------- main


def _table(rows: list[dict]) -> str:
    head = (
        f"{'workers':>7} | {'parse art/s':>11} {'parse words/s':>13} | {'full art/s':>10} {'full words/s':>12} | "
        f"{'full/parse':>10} | {'peak PSS parse/full MB':>22}"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        mem = f"{r['parse_peak_pss_mb']}/{r['full_peak_pss_mb']}"
        lines.append(
            f"{r['workers']:>7} | {r['parse_articles_per_s']:>11.2f} {r['parse_words_per_s']:>13,} | "
            f"{r['full_articles_per_s']:>10.2f} {r['full_words_per_s']:>12,} | "
            f"{r['ratio_full_over_parse']:>9.2f}{'*' if not r['meets_target'] else ' '} | {mem:>22}"
        )
    lines.append(f"(* below the target of {TARGET_RATIO}x the parse-only rate)")
    lines.append("per CPU second (less sensitive to other load on the machine):")
    for r in rows:
        lines.append(
            f"{r['workers']:>7} | parse {r['parse_words_per_cpu_s']:>6,} words/cpu-s | full "
            f"{r['full_words_per_cpu_s']:>6,} words/cpu-s | ratio {r['ratio_cpu_full_over_parse']:.2f} | "
            f"other processes used up to {r['max_other_cpu_share']:.0%} of the CPUs"
        )
    return "\n".join(lines)


def _prepare(corpus: Path, limit: int | None) -> tuple[list[str], int, int]:
    """Clean every document once (untimed) for parse-only; returns (texts, documents, words)."""
    from newsevents.clean import clean
    from newsevents.model import InputError

    texts, docs = [], 0
    for raw in _raws(corpus, limit):
        docs += 1
        if isinstance(raw, InputError):
            continue
        art = clean(raw)
        if not isinstance(art, InputError):
            texts.append(art.text)
    return texts, docs, sum(len(t.split()) for t in texts)


def _warm_up(corpus: Path, batch_size: int, type_model: str | None = None) -> None:
    """Load every lazily loaded resource in this process so forked workers inherit them and nothing is timed."""
    from newsevents import lexicon, nlp, pipeline

    nlp.load()
    lexicon.load()
    pipeline.process_batch(
        list(_raws(corpus, 8)), pipeline.Options(batch_size=batch_size, type_model=type_model)
    )


def _parse_workers(text: str) -> list[int]:
    try:
        ws = [int(x) for x in text.split(",") if x.strip()]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"--workers wants numbers like 1,2: {text!r}") from exc
    if not ws or any(w < 1 for w in ws):
        raise argparse.ArgumentTypeError("--workers wants positive numbers")
    return ws


def main(argv: Iterable[str] | None = None) -> int:
    global STALL_SECONDS
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    ap.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="JSON Lines corpus (default: %(default)s)"
    )
    ap.add_argument("--limit", type=int, default=None, help="first N documents (default: all)")
    ap.add_argument("--workers", type=_parse_workers, default=[1, 2], help="worker counts, e.g. 1,2")
    ap.add_argument("--batch-size", type=int, default=32, help="nlp.pipe / pipeline batch size (default 32)")
    ap.add_argument("--repeat", type=int, default=1, help="rounds of every measurement; medians are reported")
    ap.add_argument(
        "--parse-pool",
        choices=("pool", "n_process"),
        default="pool",
        help="parse-only with >1 worker: a process pool like pipeline.run's (default) or nlp.pipe(n_process=N)",
    )
    ap.add_argument(
        "--profile-docs", type=int, default=200, help="documents to profile (0 skips the profile)"
    )
    ap.add_argument(
        "--stall-timeout",
        type=float,
        default=STALL_SECONDS,
        help="seconds without a pipeline result before the run dumps its stack and exits (0: wait forever)",
    )
    ap.add_argument(
        "--type-model",
        default=None,
        help="run the full pipeline with this type model (newsevents train-types) retyping records",
    )
    ap.add_argument("--json", type=Path, default=DEFAULT_JSON, help="JSON output (default: %(default)s)")
    args = ap.parse_args(list(argv) if argv is not None else None)
    STALL_SECONDS = args.stall_timeout

    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus} (pass --corpus PATH); nothing to measure", file=sys.stderr)
        return 0

    started = dt.datetime.now(dt.UTC)
    print(
        f"corpus {args.corpus}, limit {args.limit or 'all'}, workers {args.workers}, batch {args.batch_size}"
    )
    t = time.perf_counter()
    _warm_up(args.corpus, args.batch_size, args.type_model)
    print(f"warm-up (models and resources loaded): {time.perf_counter() - t:.1f} s", flush=True)
    machine = machine_info()  # before timing: the tree may change while a long run goes on
    texts, documents, words = _prepare(args.corpus, args.limit)
    print(f"{documents} documents, {len(texts)} cleaned, {words:,} words", flush=True)
    if not texts:
        print("no document could be cleaned; nothing to measure", file=sys.stderr)
        return 0

    runs: list[Measurement] = []
    for rnd in range(args.repeat):
        # Parse and full alternate, and their order flips each round, so drift (thermal, caches, neighbours)
        # falls on both sides of the ratio.
        kinds = ("parse", "full") if rnd % 2 == 0 else ("full", "parse")
        for w in args.workers:
            for kind in kinds:
                fn: Callable[[], object]
                if kind == "parse":
                    fn = partial(parse_only, texts, w, args.batch_size, args.parse_pool)
                else:
                    fn = partial(full_pipeline, args.corpus, args.limit, w, args.batch_size, args.type_model)
                runs.append(measure(kind, w, rnd, documents, words, fn))

    rows = summarise(runs, args.workers)
    self_ru, child_ru = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = {
        # Linux reports ru_maxrss in KiB; the children figure is the largest single child, not a sum.
        "max_rss_self_mb": round(self_ru.ru_maxrss / 1024, 1),
        "max_rss_largest_child_mb": round(child_ru.ru_maxrss / 1024, 1),
    }

    profile = None
    if args.profile_docs > 0:
        print(f"profiling the full pipeline on {args.profile_docs} documents ...", flush=True)
        profile = profile_pipeline(args.corpus, args.profile_docs, args.batch_size)

    print()
    print(_table(rows))
    print(
        f"peak RSS over the run: this process {peak['max_rss_self_mb']} MB, "
        f"largest child {peak['max_rss_largest_child_mb']} MB"
    )
    if profile:
        print()
        print(
            f"profile of the full pipeline, {profile['documents']} documents, "
            f"{profile['total_seconds']} s under cProfile; beyond the parse: {profile['beyond_parse_share']:.0%}"
        )
        for name, s in profile["stages_cumulative_s"].items():
            print(f"  {name:40s} {s:8.2f} s")
        print(f"top {len(profile['top_cumulative_not_spacy'])} by cumulative time, spaCy internals excluded:")
        print(f"  {'cumtime':>8} {'share':>6} {'tottime':>8} {'calls':>9}  function")
        for r in profile["top_cumulative_not_spacy"]:
            print(
                f"  {r['cumtime_s']:8.2f} {r['cum_share']:6.1%} {r['tottime_s']:8.2f} {r['calls']:>9}  {r['function']}"
            )

    out = {
        "started": started.isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
        "corpus": str(args.corpus),
        "limit": args.limit,
        "documents": documents,
        "cleaned_documents": len(texts),
        "words": words,
        "batch_size": args.batch_size,
        "type_model": args.type_model,
        "workers": args.workers,
        "repeat": args.repeat,
        "parse_pool": args.parse_pool,
        "target_ratio": TARGET_RATIO,
        "machine": machine,
        "summary": rows,
        "peak_memory": peak,
        "runs": [
            asdict(m) | {"articles_per_s": m.articles_per_s, "words_per_s": m.words_per_s} for m in runs
        ],
        "profile": profile,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(out, indent=2) + "\n")
    print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
