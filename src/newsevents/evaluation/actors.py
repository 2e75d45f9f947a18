"""Scores the actor resolver on the NGEC actor-resolution cases (evaldata README §4a).

Only ``agent_to_code`` cases are scored (the other methods test NGEC internals or Wikipedia linking). Each case
gives a phrase and maybe a ``query_date`` ("today" -> 2023-10-18, the test file's commit date); the resolver gets
the phrase as plain text with an empty article context. Fields compared:

- country: predicted ISO3 / IO code == ``expect.country`` ("" must be empty; "IGO" matches any international
  code: UNO, EUR, NAT, IGO);
- sector: predicted sector == ``expect.code_1`` ("" must be empty, "UNK" matches an empty sector);
- office: predicted office title == ``expect.actor_wiki_job``;
- no match: ``expect_no_match`` cases pass when the resolver returns None.

Cases with ``status == "run"`` are reported apart from ``xfail``/``skip``, and the dated subset (explicit
``query_date`` other than "today") apart as "office held on date D". Run: ``python -m newsevents.evaluation.actors``.

The cases are bare phrases, not articles, so they go to :class:`~newsevents.actors.ActorResolver` (the resolver
the pipeline and ``newsevents annotate`` use) directly. Read through :func:`newsevents.annotate.annotate` instead
(each phrase parsed as a one-line article, its longest actor mention judged), the run-case accuracy falls from
0.880 to 0.689: a phrase has no event to take its participants from, the parse splits it into several noun
phrases, bare countries and demonyms are places there, and noise phrases ("no match" cases) yield some mention.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from newsevents.actors import ActorResolver
from newsevents.kb import INTERNATIONAL_CODES

TODAY = dt.date(2023, 10, 18)


def _date(q: str | None) -> tuple[dt.date, bool]:
    if not q or q.lower() == "today":
        return TODAY, False
    return dt.date.fromisoformat(q), True


def _country_ok(pred: str | None, gold: str) -> bool:
    if gold == "IGO":
        return (pred or "") in INTERNATIONAL_CODES
    return (pred or "") == gold


def _sector_ok(pred: str | None, gold: str) -> bool:
    if gold == "UNK":
        return not pred or pred == "UNK"
    return (pred or "") == gold


def _judge(case: dict[str, Any], ent: Any) -> dict[str, bool | None]:
    exp, not_, no_match = case["expect"], case["expect_not"], case["expect_no_match"]
    res: dict[str, bool | None] = {"country": None, "sector": None, "office": None, "no_match": None}
    if no_match:
        res["no_match"] = ent is None
    if "country" in exp:
        res["country"] = _country_ok(ent.country if ent else None, exp["country"])
    if "country" in not_:
        res["country"] = (ent.country if ent else "") != not_["country"]
    if "code_1" in exp:
        res["sector"] = _sector_ok(ent.sector if ent else None, exp["code_1"])
    if "actor_wiki_job" in exp:
        res["office"] = bool(ent and ent.office == exp["actor_wiki_job"])
    return res


def score(evaldata_dir: Path) -> dict[str, Any]:
    """Per-field accuracy and case pass rate, split by status and by the dated subset."""
    path = Path(evaldata_dir) / "ngec" / "ngec_actor_resolution_dev.jsonl"
    resolver = ActorResolver()
    groups: dict[str, dict[str, list[bool]]] = {}
    failures: list[dict[str, Any]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        if case["method"] != "agent_to_code":
            continue
        date, dated = _date(case["kwargs"].get("query_date"))
        ent = resolver.resolve(None, case["input"], date)
        res = _judge(case, ent)
        checked = {k: v for k, v in res.items() if v is not None}
        passed = all(checked.values())
        names = ["run" if case["status"] == "run" else "xfail_skip"]
        if dated and case["status"] == "run":
            names.append("dated")
        for g in names:
            bucket = groups.setdefault(g, {})
            bucket.setdefault("case", []).append(passed)
            for k, v in checked.items():
                bucket.setdefault(k, []).append(bool(v))
        if not passed and case["status"] == "run":
            failures.append(
                {
                    "case": case["case_id"],
                    "input": case["input"],
                    "expect": case["expect"],
                    "got": None
                    if ent is None
                    else {"country": ent.country, "sector": ent.sector, "office": ent.office},
                }
            )
    out: dict[str, Any] = {}
    for g, fields in groups.items():
        out[g] = {k: {"n": len(v), "accuracy": round(sum(v) / len(v), 3)} for k, v in fields.items()}
    out["failures"] = failures
    return out


def main(argv: list[str] | None = None) -> int:
    argv = argv if argv is not None else sys.argv[1:]
    root = Path(argv[0]) if argv else Path(__file__).resolve().parents[3].parent / "shared" / "evaldata"
    result = score(root)
    print(f"{'set':<11}{'field':<10}{'n':>5}{'accuracy':>10}")
    for g in ("run", "dated", "xfail_skip"):
        for k, v in result.get(g, {}).items():
            print(f"{g:<11}{k:<10}{v['n']:>5}{v['accuracy']:>10.3f}")
    if "-v" in argv:
        for f in result["failures"]:
            print(json.dumps(f, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
