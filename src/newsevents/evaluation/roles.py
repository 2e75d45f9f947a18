"""Scores role-to-holder resolution on the packaged set ``newsevents/data/eval/role_holder.tsv``.

Each case is one or two invented news sentences with a publication date and a ``mention`` (its last occurrence
in the text is scored): a title alone ("the UN chief"), a surname after a first mention, a title with a name, a
former holder, or a phrase that names nobody ("Russia's deputy foreign minister"). The text runs through the
same code path as real articles (:func:`newsevents.pipeline.analyse_state`: dating, event extraction, actor
resolution on the event's day); the entity scored is the resolved participant whose span covers the mention
(the shortest one). A case passes when

- a person is expected: the entity is that person (KB name), its office is the expected office's title (none
  when no office is expected) and its ``former`` flag is as expected;
- no person is expected: no participant covering the mention names a person.

The set ships in the package, so ``data_dir`` is not read. Run: ``python -m newsevents.evaluation.roles``.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

CATEGORIES = ("title", "surname", "name", "former", "acting", "negative", "handover")


@dataclass(frozen=True)
class Case:
    id: str
    published: dt.date
    text: str
    mention: str
    person_id: str
    office_id: str
    former: bool
    note: str
    categories: tuple[str, ...]

    @property
    def span(self) -> tuple[int, int]:
        start = self.text.rindex(self.mention)
        return start, start + len(self.mention)


def set_path() -> Path:
    return Path(str(resources.files("newsevents") / "data" / "eval" / "role_holder.tsv"))


def load_cases(path: Path | None = None) -> list[Case]:
    with (path or set_path()).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        Case(
            r["id"],
            dt.date.fromisoformat(r["published"]),
            r["text"],
            r["mention"],
            r["expected_person_id"],
            r["expected_office_id"],
            r["former"] == "yes",
            r["note"],
            tuple(c.strip() for c in r["category"].split(",") if c.strip()),
        )
        for r in rows
    ]


def _covering(entities: list[Any], span: tuple[int, int]) -> Any | None:
    found = [
        e
        for e in entities
        if e.start is not None and e.end is not None and e.start <= span[0] and span[1] <= e.end
    ]
    return min(found, key=lambda e: e.end - e.start) if found else None


def _judge(case: Case, ent: Any, kb: Any) -> tuple[bool, str]:
    if not case.person_id:
        named = ent is not None and ent.kind == "person" and bool(ent.name)
        return (not named, f"named {ent.name!r}" if named else "")
    if ent is None:
        return False, "no participant covers the mention"
    want_name = kb.people[case.person_id].name
    want_office = kb.offices[case.office_id].title if case.office_id else None
    problems = []
    if ent.kind != "person" or ent.name != want_name:
        problems.append(f"person {ent.name!r} ({ent.kind}) != {want_name!r}")
    if (ent.office or None) != want_office:
        problems.append(f"office {ent.office!r} != {want_office!r}")
    if bool(ent.former) != case.former:
        problems.append(f"former {ent.former} != {case.former}")
    return not problems, "; ".join(problems)


def score(data_dir: Path | None = None, limit: int | None = None) -> dict[str, Any]:
    """Accuracy overall and per category, with the failures listed (``data_dir`` is unused)."""
    from newsevents import nlp
    from newsevents.kb import KnowledgeBase
    from newsevents.pipeline import analyse_state, article_from_text

    cases = load_cases()
    if limit is not None:
        cases = cases[:limit]
    kb = KnowledgeBase.default()  # type: ignore[attr-defined]
    docs = nlp.parse([c.text for c in cases])
    passed: dict[str, list[bool]] = {c: [] for c in CATEGORIES}
    ok_all: list[bool] = []
    failures: list[dict[str, Any]] = []
    not_found = 0
    for case, doc in zip(cases, docs, strict=True):
        art = article_from_text(case.text, id=case.id, published=case.published)
        state, _records = analyse_state(art, doc, case.published)
        ent = _covering([e for e, _day in state.resolved_actors], case.span)
        not_found += ent is None
        ok, why = _judge(case, ent, kb)
        ok_all.append(ok)
        for c in case.categories:
            passed.setdefault(c, []).append(ok)
        if not ok:
            failures.append(
                {
                    "id": case.id,
                    "published": case.published.isoformat(),
                    "mention": case.mention,
                    "expected": case.person_id or "(no person)",
                    "why": why,
                }
            )
    return {
        "cases": len(cases),
        "accuracy": sum(ok_all) / len(ok_all) if ok_all else None,
        "by_category": {
            c: {"n": len(v), "accuracy": sum(v) / len(v) if v else None} for c, v in passed.items() if v
        },
        "mention_not_a_participant": not_found,
        "failed_ids": " ".join(f["id"] for f in failures) or "-",  # the table prints scalars only
        "failures": failures,
    }


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    limit = int(args[0]) if args else None
    res = score(None, limit)
    print(f"cases {res['cases']}  accuracy {res['accuracy']:.3f}")
    for c, v in res["by_category"].items():
        print(f"  {c:<10} n={v['n']:<4} accuracy {v['accuracy']:.3f}")
    print(f"mention not a participant: {res['mention_not_a_participant']}")
    for f in res["failures"]:
        print(f"FAIL {f['id']} {f['published']} {f['mention']!r} -> expected {f['expected']}: {f['why']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
