"""MEANTIME (README §5b): cross-document event instance linking, a weak test (35 cross-document instances).

Owns :func:`score`. Items are the linked gold mentions ``(doc_id, m_id)``, gold clusters their ``instance_id``.
Method: documents (publication date = ``dct``) are grouped into stories with :func:`newsevents.stories.cluster`,
then mentions whose main word has the same lemma are one instance within a story (and within a document when
the document stands alone). Scored with B³, pairwise F1 and ARI (plus MUC, CEAF-e and CoNLL F1), next to two
reference points: every mention its own instance, and same lemma within the same document only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsevents import stories
from newsevents.evaluation.ecbplus import clustering_scores, mention_lemmas, signatures


def _read(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def score(evaldata_dir: Path, model: str | None = None) -> dict[str, Any]:
    base = Path(evaldata_dir) / "meantime"
    docs = _read(base / "meantime_documents.jsonl")
    mentions = [m for m in _read(base / "meantime_event_mentions.jsonl") if m.get("instance_id")]
    sigs = signatures(docs, model, cache="meantime", date_field="dct")
    doc_cluster = {}
    clusters = stories.cluster(sigs.values())
    for n, ids in enumerate(clusters):
        for i in ids:
            doc_cluster[i] = n
    lemma = mention_lemmas(m["text"] for m in mentions)
    gold = {(m["doc_id"], m["m_id"]): m["instance_id"] for m in mentions}
    systems: dict[str, dict[Any, Any]] = {
        "stories_lemma": {
            (m["doc_id"], m["m_id"]): ("s", doc_cluster[m["doc_id"]], lemma[m["text"]]) for m in mentions
        },
        "document_lemma": {(m["doc_id"], m["m_id"]): ("d", m["doc_id"], lemma[m["text"]]) for m in mentions},
        "singletons": {k: k for k in gold},
    }
    gold_docs: dict[str, set[str]] = {m["instance_id"]: set() for m in mentions}
    for m in mentions:
        gold_docs[m["instance_id"]].add(m["doc_id"])
    out: dict[str, Any] = {
        "mentions": len(mentions),
        "instances": len(gold_docs),
        "cross_document_instances": sum(1 for v in gold_docs.values() if len(v) > 1),
        "documents": len(docs),
        "document_stories": len(clusters),
        "multi_document_stories": sum(1 for c in clusters if len(c) > 1),
    }
    for name, sys in systems.items():
        out[name] = clustering_scores(sys, gold, conll=True)
    return out


def main() -> None:  # pragma: no cover - manual run
    from newsevents.evaluation.run import json_main

    json_main(score)


if __name__ == "__main__":  # pragma: no cover
    main()
