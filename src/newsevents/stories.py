"""Stories: articles grouped by the real-world happening (and its aftermath) they report.

Owns :class:`Story`, :func:`cluster` (average-link agglomerative clustering of signatures, cut where the
collection's silhouette is best between two bounds, or at a fixed threshold),
:func:`build_stories` and :func:`stories_from_store`. The result depends only on the set of signatures, never on
their order: pairs are scored symmetrically, ties break on article ids, and a story's id is a hash of its
members' ids. Adding articles and building again is the incremental path (:func:`update_stories` keeps the work
to the stories the new articles can reach).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import docsim
from .docsim import Signature, Space

if TYPE_CHECKING:
    from .model import EventRecord

# families whose shared keys propose candidate pairs on large collections (shared generic words do not)
_BLOCKING_FAMILIES = ("names", "places", "numbers", "dates")
# a key shared by more articles than this proposes no pairs (it is generic in this collection)
_BLOCKING_MAX_DF = 200


@dataclass
class Story:
    """One happening: its member articles, a title, and the span of dates they cover."""

    id: str
    title: str | None
    first_date: str | None
    last_date: str | None
    article_ids: list[str]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "first_date": self.first_date,
            "last_date": self.last_date,
            "article_ids": list(self.article_ids),
        }


def _candidate_pairs(sigs: Sequence[Signature]) -> Iterable[tuple[int, int]]:
    n = len(sigs)
    if n < docsim.config()["blocking_min_n"]:
        for i in range(n):
            for j in range(i + 1, n):
                yield i, j
        return
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, s in enumerate(sigs):
        for f in _BLOCKING_FAMILIES:
            for k in s.family(f):
                index[(f, k)].append(i)
    seen: set[tuple[int, int]] = set()
    for members in index.values():
        if len(members) > _BLOCKING_MAX_DF:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                p = (members[x], members[y])
                if p not in seen:
                    seen.add(p)
                    yield p


def similarity_matrix(
    sigs: Sequence[Signature], model: dict[str, Any] | None = None, space: Space | None = None
) -> Any:
    """Dense symmetric matrix of pair scores (numpy), zero on the diagonal."""
    import numpy as np

    space = space or Space(sigs)
    m = np.zeros((len(sigs), len(sigs)))
    for i, j in itertools.combinations(range(len(sigs)), 2):
        m[i, j] = m[j, i] = space.similarity(sigs[i], sigs[j], model)
    return m


def _merge_heights(matrix: Any) -> list[tuple[float, list[list[int]]]]:
    """The average-link dendrogram: ``(score of the merge, groups after it)`` for every merge, highest first.
    Each step merges the pair of groups with the highest mean pair score; ties go to the lowest indices
    (row-major ``argmax``)."""
    import numpy as np

    n = len(matrix)
    sums = np.array(matrix, dtype=float)
    np.fill_diagonal(sums, 0.0)
    size = np.ones(n)
    active = np.ones(n, dtype=bool)
    members = {i: [i] for i in range(n)}
    out = []
    while len(members) > 1:
        avg = np.where(np.triu(np.outer(active, active), 1), sums / np.outer(size, size), -np.inf)
        i, j = divmod(int(np.argmax(avg)), n)
        height = float(avg[i, j])
        sums[i, :] += sums[j, :]
        sums[:, i] += sums[:, j]
        sums[i, i] = 0.0
        sums[j, :] = 0.0
        sums[:, j] = 0.0
        size[i] += size[j]
        active[j] = False
        members[i].extend(members.pop(j))
        out.append((height, [sorted(m) for m in members.values()]))
    return out


def average_link(matrix: Any, threshold: float) -> list[list[int]]:
    """Average-link agglomeration over a dense score matrix: merge the pair of groups with the highest mean
    score while it is >= ``threshold``."""
    groups = [[i] for i in range(len(matrix))]
    for height, after in _merge_heights(matrix):
        if height < threshold:
            break
        groups = after
    return [sorted(g) for g in groups]


def silhouette(matrix: Any, groups: Sequence[Sequence[int]]) -> float:
    """Mean silhouette of a partition under the distance ``1 - score`` (a singleton counts 0; one group -1)."""
    import numpy as np

    n = len(matrix)
    if len(groups) < 2:
        return -1.0
    label = np.zeros(n, dtype=int)
    for k, g in enumerate(groups):
        label[list(g)] = k
    dist = 1.0 - np.array(matrix, dtype=float)
    np.fill_diagonal(dist, 0.0)
    onehot = np.zeros((n, len(groups)))
    onehot[np.arange(n), label] = 1.0
    sizes = onehot.sum(axis=0)
    totals = dist @ onehot  # item x group: summed distance to the group's members
    own_size = sizes[label]
    a = np.where(own_size > 1, totals[np.arange(n), label] / np.maximum(own_size - 1, 1), 0.0)
    other = totals / sizes
    other[np.arange(n), label] = np.inf
    b = other.min(axis=1)
    top = np.maximum(a, b)
    s = np.where((own_size > 1) & (top > 0), (b - a) / np.where(top > 0, top, 1.0), 0.0)
    return float(s.sum() / n)


def attach_small(
    matrix: Any, groups: Sequence[Sequence[int]], max_size: int, min_score: float
) -> list[list[int]]:
    """Fold groups of at most ``max_size`` articles into the larger group they score highest with on average,
    when that mean is >= ``min_score`` (best pair first, repeated until nothing moves).

    A report that tells a happening from an unusual angle (a follow-up, a profile of one victim) shares fewer
    particulars with its siblings than they share with each other, and the silhouette cut leaves it alone; its
    closest larger group is still its own happening far more often than not."""
    import numpy as np

    m = np.array(matrix, dtype=float)
    out = [list(g) for g in groups]
    while True:
        best: tuple[float, int, int] | None = None
        for k, g in enumerate(out):
            if len(g) > max_size:
                continue
            for j, h in enumerate(out):
                if j == k or len(h) <= len(g):
                    continue
                score = float(m[np.ix_(g, h)].mean())
                if score >= min_score and (best is None or score > best[0]):
                    best = (score, k, j)
        if best is None:
            return [sorted(g) for g in out]
        _, k, j = best
        out[j].extend(out[k])
        del out[k]


def relative_cut(
    matrix: Any, low: float, high: float, attach_size: int = 0, attach_min: float = 1.0
) -> list[list[int]]:
    """Average-link clusters with a cut chosen per collection: merges scoring >= ``high`` always happen, merges
    below ``low`` never do, and between the two the dendrogram is cut where the partition's silhouette is best;
    then groups of at most ``attach_size`` articles join their closest larger group (:func:`attach_small`).

    Pair scores drift from one collection to another (a topic whose reports share many particulars scores every
    pair higher), so a cut relative to the collection separates same-event groups better than one threshold."""
    n = len(matrix)
    if n < 2:
        return [[i] for i in range(n)]
    best_groups = [[i] for i in range(n)]
    best = silhouette(matrix, best_groups)
    for height, groups in _merge_heights(matrix):
        if height < low:
            break
        score = silhouette(matrix, groups)
        if height >= high or score > best + 1e-12:
            best, best_groups = score, groups
    if attach_size > 0:
        best_groups = attach_small(matrix, best_groups, attach_size, attach_min)
    return [sorted(g) for g in best_groups]


def _sparse_average_link(
    sigs: Sequence[Signature], threshold: float, model: Any, space: Space
) -> list[list[int]]:
    members: dict[int, list[int]] = {i: [i] for i in range(len(sigs))}
    sums: dict[tuple[int, int], float] = {}
    for i, j in _candidate_pairs(sigs):
        s = space.similarity(sigs[i], sigs[j], model)
        if s > 0.0:
            sums[(i, j)] = s
    while True:
        best: tuple[float, int, int] | None = None
        for (a, b), total in sums.items():
            avg = total / (len(members[a]) * len(members[b]))
            if avg >= threshold and (best is None or avg > best[0] or (avg == best[0] and (a, b) < best[1:])):
                best = (avg, a, b)
        if best is None:
            break
        _, a, b = best
        members[a].extend(members.pop(b))
        merged: dict[tuple[int, int], float] = {}
        for (x, y), total in sums.items():
            x2, y2 = (a if x == b else x), (a if y == b else y)
            if x2 == y2:
                continue
            key = (min(x2, y2), max(x2, y2))
            merged[key] = merged.get(key, 0.0) + total
        sums = merged
    return list(members.values())


def kind_matrix(sigs: Sequence[Signature], space: Space) -> Any:
    """Dense symmetric matrix of the IDF-weighted cosine of the articles' content words (family ``terms``): how
    much two articles are about the same kind of happening, whichever happening it is."""
    import numpy as np

    vec = [space.vector(s)["terms"] for s in sigs]
    m = np.zeros((len(sigs), len(sigs)))
    for i, j in itertools.combinations(range(len(sigs)), 2):
        x, y = vec[i], vec[j]
        if len(x) > len(y):
            x, y = y, x
        m[i, j] = m[j, i] = sum(w * y.get(k, 0.0) for k, w in x.items())
    return m


def cluster(
    signatures: Iterable[Signature],
    threshold: float | None = None,
    model: dict[str, Any] | None = None,
    space: Space | None = None,
    cut: dict[str, Any] | None = None,
) -> list[list[str]]:
    """Average-link clusters of article ids. With ``threshold``, two groups merge while their mean pair score is
    >= ``threshold``; without it the cut is :func:`relative_cut` with the parameters in ``cut`` (keys ``low``,
    ``high``, ``attach_size``, ``attach_min``, ``kinds``; missing keys from ``cluster_cut`` in
    ``data/docsim.json``).

    With ``kinds`` (a threshold on :func:`kind_matrix`), the collection is first split into kinds of happening
    (average-link on content words), and each kind is cut on its own, with IDF weights over that kind only: what
    tells a happening from its look-alike are the particulars that are rare *among reports of the same kind*,
    which IDF over a mixed collection does not see (an earthquake's generic words are rare in a mixed collection,
    so two different earthquakes look alike there).

    Signatures are taken in id order, so the result does not depend on the input order. Large collections
    (``blocking_min_n`` in ``data/docsim.json``) only compare pairs that share a name, place, number or date;
    pairs never compared count as score 0.
    """
    sigs = sorted(signatures, key=lambda s: s.id)
    cfg = docsim.config()
    space = space or Space(sigs)
    if len(sigs) >= cfg["blocking_min_n"]:
        threshold = cfg["cluster_threshold"] if threshold is None else threshold
        groups = _sparse_average_link(sigs, threshold, model, space)
    elif threshold is not None:
        groups = average_link(similarity_matrix(sigs, model, space), threshold)
    else:
        c = {**cfg["cluster_cut"], **(cut or {})}
        kinds = [list(range(len(sigs)))]
        if c.get("kinds") is not None and len(sigs) > 1:
            kinds = average_link(kind_matrix(sigs, space), float(c["kinds"]))
        groups = []
        for kind in kinds:
            members = [sigs[i] for i in kind]
            local = space if len(kinds) == 1 else Space(members)
            m = similarity_matrix(members, model, local)
            for g in relative_cut(m, c["low"], c["high"], c.get("attach_size", 0), c.get("attach_min", 1.0)):
                groups.append([kind[i] for i in g])
    return sorted(sorted(sigs[i].id for i in m) for m in groups)


def _story_id(ids: Sequence[str]) -> str:
    return "s" + hashlib.sha1("\n".join(sorted(ids)).encode("utf-8")).hexdigest()[:15]


def _dates(s: Signature) -> list[str]:
    if s.published:
        return [s.published]
    return s.event_dates()


def _title(group: Sequence[Signature], space: Space) -> str | None:
    """The headline of the most central member (highest mean similarity to the others; ties by id)."""
    if len(group) == 1:
        central = group[0]
    else:

        def centrality(s: Signature) -> float:
            return sum(space.similarity(s, o) for o in group if o is not s) / (len(group) - 1)

        central = max(sorted(group, key=lambda s: s.id), key=centrality)
    if central.title:
        return central.title
    names = Counter[str]()
    for s in group:
        names.update({k.split(":", 1)[1]: v for k, v in s.names.items() if k.startswith("e:")})
    events = Counter[str]()
    for s in group:
        events.update({k[2:]: v for k, v in s.events.items() if k.startswith("E:")})
    parts = [n for n, _ in sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]
    if events:
        parts.append(sorted(events.items(), key=lambda kv: (-kv[1], kv[0]))[0][0])
    return " / ".join(parts) or None


def build_stories(
    signatures: Iterable[Signature], threshold: float | None = None, model: dict[str, Any] | None = None
) -> list[Story]:
    """Stories over all given signatures, sorted by first date then id (undated last)."""
    sigs = {s.id: s for s in signatures}
    space = Space(sigs.values())
    out = []
    for ids in cluster(sigs.values(), threshold, model, space):
        group = [sigs[i] for i in ids]
        dates = sorted(d for s in group for d in _dates(s))
        out.append(
            Story(
                id=_story_id(ids),
                title=_title(group, space),
                first_date=dates[0] if dates else None,
                last_date=dates[-1] if dates else None,
                article_ids=ids,
            )
        )
    out.sort(key=lambda s: (s.first_date is None, s.first_date or "", s.id))
    return out


def update_stories(old: Sequence[Signature], new: Sequence[Signature]) -> list[Story]:
    """Stories after adding ``new`` articles to ``old``; the same result as :func:`build_stories` on both."""
    return build_stories([*old, *new])


def stories_from_store(store: Any, model_name: str | None = None, batch_size: int = 32) -> list[Story]:
    """Stories over every stored article: re-parses each article's text (signatures need the spaCy Doc) and
    takes its event records from ``store.mentions()``. For ``newsevents stories``."""
    from . import nlp
    from .model import Article

    by_article: dict[str, list[EventRecord]] = defaultdict(list)
    for r in store.mentions():
        by_article[r.article_id].append(r)
    rows = [store.article(a["id"]) for a in store.articles()]
    rows = [r for r in rows if r is not None]
    arts = [
        Article(
            id=r["id"],
            text=r["text"],
            content_hash=r["content_hash"],
            title=r.get("title"),
            published=_as_date(r.get("published")),
            published_source=r.get("published_source") or "none",
        )
        for r in rows
    ]
    sigs = [
        docsim.signature(a, doc, by_article.get(a.id, []))
        for a, doc in zip(arts, nlp.parse((a.text for a in arts), model_name, batch_size), strict=True)
    ]
    return build_stories(sigs)


def _as_date(v: Any) -> dt.date | None:
    if v is None or v == "":
        return None
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v)[:10])
    except ValueError:
        return None
