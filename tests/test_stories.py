"""Stories: grouping, order independence, titles and dates; clustering metrics; the ECB+ scorer on two topics."""

from __future__ import annotations

import random

import pytest

from newsevents import stories
from newsevents.docsim import Signature, Space
from newsevents.evaluation import ecbplus


def _s(id: str, title: str | None = None, published: str | None = None, **fam: dict[str, float]) -> Signature:
    return Signature(
        id=id, title=title, published=published, published_source="metadata" if published else None, **fam
    )


def _collection() -> list[Signature]:
    quake = {
        "names": {"e:sutopo": 1},
        "places": {"g:aceh": 2, "g:pidie jaya": 1},
        "numbers": {"n:97": 1, "n:6.5": 1},
        "dates": {"y:2016": 1, "d:2016-12-07": 1},
        "terms": {"earthquake": 2, "rescuer": 1},
    }
    other = {
        "names": {"e:sushil koirala": 1},
        "places": {"g:nepal": 2, "g:kathmandu": 1},
        "numbers": {"n:8000": 1, "n:7.8": 1},
        "dates": {"y:2015": 1, "d:2015-04-25": 1},
        "terms": {"earthquake": 2, "rescuer": 1},
    }
    return [
        _s("q1", "Quake kills 97 in Aceh", "2016-12-07", **quake),
        _s("q2", "Aceh quake toll rises", "2016-12-08", **{**quake, "terms": {"earthquake": 1, "toll": 1}}),
        _s("q3", "Aceh rescuers search rubble", "2016-12-09", **quake),
        _s("n1", "Nepal earthquake", "2015-04-25", **other),
        _s("n2", "Kathmandu in ruins", "2015-04-26", **other),
    ]


def test_build_stories_groups_the_same_happening():
    out = stories.build_stories(_collection())
    groups = sorted(s.article_ids for s in out)
    assert groups == [["n1", "n2"], ["q1", "q2", "q3"]]
    aceh = next(s for s in out if "q1" in s.article_ids)
    assert (aceh.first_date, aceh.last_date) == ("2016-12-07", "2016-12-09")
    assert aceh.title in {"Quake kills 97 in Aceh", "Aceh quake toll rises", "Aceh rescuers search rubble"}
    # sorted by first date
    assert [s.first_date for s in out] == ["2015-04-25", "2016-12-07"]


def test_stories_do_not_depend_on_input_order():
    base = stories.build_stories(_collection())
    for seed in range(5):
        shuffled = _collection()
        random.Random(seed).shuffle(shuffled)
        assert stories.build_stories(shuffled) == base


def test_story_id_comes_from_members():
    out = stories.build_stories(_collection())
    again = stories.build_stories(_collection()[:3])
    assert {s.id for s in again} <= {s.id for s in out}
    smaller = stories.build_stories(_collection()[:2])  # q1, q2 only: another member set, another id
    assert smaller[0].id not in {s.id for s in out}


def test_update_matches_build():
    sigs = _collection()
    assert stories.update_stories(sigs[:2], sigs[2:]) == stories.build_stories(sigs)


def test_blocking_path_gives_the_same_clusters(monkeypatch):
    from newsevents import docsim

    expected = stories.cluster(_collection())
    cfg = dict(docsim.config())
    cfg["blocking_min_n"] = 1
    monkeypatch.setattr(docsim, "config", lambda: cfg)
    assert stories.cluster(_collection()) == expected


def test_untitled_story_is_named_from_participants():
    a = _s("a", names={"e:ban ki-moon": 2}, events={"E:CONSULT": 1})
    title = stories.build_stories([a])[0].title
    assert title is not None and "ban ki-moon" in title and "CONSULT" in title


# --------------------------------------------------------------------------- metrics


def test_metrics_on_a_known_case():
    gold = {"a": 1, "b": 1, "c": 2, "d": 2}
    perfect = ecbplus.clustering_scores(gold, gold, conll=True)
    assert perfect["b3"]["f1"] == 1.0 and perfect["ari"] == 1.0 and perfect["conll_f1"] == pytest.approx(1.0)
    one = {"a": 0, "b": 0, "c": 0, "d": 0}
    s = ecbplus.clustering_scores(one, gold, conll=True)
    assert s["b3"]["p"] == pytest.approx(0.5) and s["b3"]["r"] == 1.0
    assert s["pairwise"]["p"] == pytest.approx(2 / 6)
    assert s["ari"] == pytest.approx(0.0)
    assert s["muc"]["r"] == 1.0 and s["muc"]["p"] == pytest.approx(2 / 3)
    singles = {k: k for k in gold}
    assert ecbplus.b_cubed(singles, gold)["r"] == pytest.approx(0.5)


# --------------------------------------------------------------------------- ECB+ on two topics


@pytest.mark.slow
def test_ecbplus_scorer_on_two_topics(evaldata_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSEVENTS_CACHE", str(tmp_path))
    out = ecbplus.score(evaldata_dir, with_mentions=False, topics=[2, 3])
    assert out["documents"] > 30
    dev = out["dev"]
    assert set(dev["per_topic_b3_f1"]) == {"2"}
    assert dev["per_topic_mean"]["b3"]["f1"] >= 0.8
    assert dev["pairs_within_topic"]["by_story"]["accuracy"] >= 0.8
    assert 0.0 < dev["pairs_within_topic"]["by_pair_model"]["accuracy"] <= 1.0
    assert "tuned_on_train_params" in out  # topic 3 is a training topic


def test_relative_cut_splits_where_the_collection_separates():
    import numpy as np

    # two tight groups whose cross scores (0.35) sit between the bounds: the silhouette cut keeps them apart,
    # while a merge scoring above ``high`` always happens
    m = np.full((4, 4), 0.35)
    m[0, 1] = m[1, 0] = 0.9
    m[2, 3] = m[3, 2] = 0.8
    np.fill_diagonal(m, 0.0)
    assert stories.relative_cut(m, 0.1, 0.5) == [[0, 1], [2, 3]]
    assert stories.relative_cut(m, 0.1, 0.3) == [[0, 1, 2, 3]]


def test_attach_small_folds_a_stray_report_into_its_happening_only_when_likely_the_same():
    import numpy as np

    # 0-2 one happening, 3 a report of it that shares less (0.55 on average), 4 unrelated (0.1)
    m = np.full((5, 5), 0.1)
    m[np.ix_([0, 1, 2], [0, 1, 2])] = 0.9
    m[3, [0, 1, 2]] = m[[0, 1, 2], 3] = 0.55
    np.fill_diagonal(m, 0.0)
    groups = [[0, 1, 2], [3], [4]]
    assert stories.attach_small(m, groups, 1, 0.5) == [[0, 1, 2, 3], [4]]
    assert stories.attach_small(m, groups, 1, 0.6) == [[0, 1, 2], [3], [4]]
    assert stories.attach_small(m, groups, 0, 0.5) == [[0, 1, 2], [3], [4]]


def test_silhouette_matches_its_definition():
    import numpy as np

    rng = np.random.default_rng(3)
    m = rng.random((7, 7))
    m = (m + m.T) / 2
    np.fill_diagonal(m, 0.0)
    groups = [[0, 1, 2], [3, 4], [5], [6]]
    d = 1.0 - m
    total = 0.0
    for g in groups:
        for i in g:
            if len(g) == 1:
                continue
            a = sum(d[i, j] for j in g if j != i) / (len(g) - 1)
            b = min(sum(d[i, j] for j in h) / len(h) for h in groups if h is not g)
            total += (b - a) / max(a, b)
    assert stories.silhouette(m, groups) == pytest.approx(total / 7)
    assert stories.silhouette(m, [list(range(7))]) == -1.0


def test_a_mixed_collection_is_cut_kind_by_kind():
    # two kinds of happening (earthquakes, elections), two happenings of each; a report shares the generic words of
    # its kind and the particulars of its happening
    def report(
        id: str, kind: dict[str, float], own: dict[str, float], **particulars: dict[str, float]
    ) -> Signature:
        return _s(id, terms={**kind, **own}, **particulars)

    quake = {"earthquake": 2, "magnitude": 1, "rubble": 1}
    vote = {"election": 2, "ballot": 1, "turnout": 1}
    aceh = {"tsunami": 1, "mosque": 1}
    nepal = {"himalaya": 1, "temple": 1}
    brazil = {"runoff": 1, "amazon": 1}
    argentina = {"peso": 1, "chainsaw": 1}
    quakes = [
        report("q1", quake, aceh, places={"g:aceh": 2}, numbers={"n:97": 1}),
        report("q2", quake, aceh, places={"g:aceh": 1}, numbers={"n:97": 1}),
        report("q3", quake, nepal, places={"g:nepal": 2}, numbers={"n:8000": 1}),
        report("q4", quake, nepal, places={"g:nepal": 1}, numbers={"n:8000": 1}),
    ]
    votes = [
        report("v1", vote, brazil, names={"e:lula": 2}, dates={"y:2022": 1}),
        report("v2", vote, brazil, names={"e:lula": 1}, dates={"y:2022": 1}),
        report("v3", vote, argentina, names={"e:milei": 2}, dates={"y:2023": 1}),
        report("v4", vote, argentina, names={"e:milei": 1}, dates={"y:2023": 1}),
    ]
    cut = {"kinds": 0.02}
    mixed = stories.cluster([*quakes, *votes], cut=cut)
    assert mixed == sorted(stories.cluster(quakes, cut=cut) + stories.cluster(votes, cut=cut))
    assert mixed == [["q1", "q2"], ["q3", "q4"], ["v1", "v2"], ["v3", "v4"]]
    kinds = stories.kind_matrix([*quakes, *votes], Space([*quakes, *votes]))
    assert kinds[0, 2] > 0.02 and kinds[0, 4] == 0.0
