"""Event linking: the pairwise "same event" decision, blocking completeness, components, order independence."""

from __future__ import annotations

import random

from newsevents import link
from newsevents.model import ArticleRef, Entity, EventRecord, Location, TextSpan

MOSCOW = Location(text="Moscow", name="Moscow", country="RUS")
KYIV = Location(text="Kyiv", name="Kyiv", country="UKR")


def rec(
    event,
    actors,
    recipients,
    date=None,
    source="text",
    article="a1",
    start=0,
    precision=None,
    date_text=None,
    location=None,
    mode=None,
    trigger="met",
    sentence="",
    published="2014-03-21",
):
    ref = ArticleRef(article, None, published, "metadata", None, None)
    if precision is None:
        precision = "day" if date else "none"
    return EventRecord(
        id=f"{article}:m{start}",
        event_id="",
        article_id=article,
        event=event,
        mode=mode,
        cameo=None,
        intensity=None,
        modality="asserted",
        date=date,
        date_precision=precision,
        date_text=(date_text if date_text is not None else date) if source != "publication" else None,
        date_source=source if date else "none",
        actor=[Entity(text=a, name=a, kind="person") for a in actors],
        recipient=[Entity(text=r, name=r, kind="person") for r in recipients],
        location=location,
        trigger=TextSpan(trigger, start, start + len(trigger)),
        sentence=TextSpan(sentence or trigger, 0, len(sentence or trigger)),
        article=ref,
    )


def same(a, b):
    ka, kb = link.mention_key(a), link.mention_key(b)
    assert link.same_event(ka, kb) == link.same_event(kb, ka)  # symmetric by contract
    return link.same_event(ka, kb)


# --------------------------------------------------------------------------- the pairwise decision


def test_same_day_same_participants_link_across_articles_either_direction_for_symmetric_types():
    a = rec("CONSULT", ["Ban Ki-moon"], ["Vladimir Putin"], "2014-03-20", article="a1")
    b = rec("CONSULT", ["Vladimir Putin"], ["Ban Ki-moon"], "2014-03-20", article="a2")
    assert same(a, b)


def test_look_alikes_do_not_link():
    ban_2014 = rec(
        "CONSULT", ["Ban Ki-moon"], ["Vladimir Putin"], "2014-03-20", location=MOSCOW, article="a1"
    )
    guterres_2022 = rec(
        "CONSULT", ["António Guterres"], ["Vladimir Putin"], "2022-04-26", location=MOSCOW, article="a2"
    )
    ban_2015 = rec(
        "CONSULT", ["Ban Ki-moon"], ["Vladimir Putin"], "2015-03-20", location=MOSCOW, article="a3"
    )
    guterres_same_day = rec(
        "CONSULT", ["António Guterres"], ["Vladimir Putin"], "2014-03-20", location=MOSCOW, article="a4"
    )
    assert not same(ban_2014, guterres_2022)
    assert not same(ban_2014, ban_2015)  # same people a year apart
    assert not same(ban_2014, guterres_same_day)  # same day and place, another visitor
    # month and year precision do not bridge years either
    ban_month_2015 = rec(
        "CONSULT", ["Ban Ki-moon"], ["Vladimir Putin"], "2015-03", precision="month", article="a5"
    )
    assert not same(ban_2014, ban_month_2015)


def test_direction_matters_for_directed_types():
    a = rec("ACCUSE", ["Turkey"], ["Sweden"], "2023-01-10", article="a1")
    b = rec("ACCUSE", ["Sweden"], ["Turkey"], "2023-01-10", article="a2")
    assert not same(a, b)


def test_symmetric_types_need_two_shared_participants_when_both_name_two():
    a = rec("CONSULT", ["Vladimir Putin"], ["Ban Ki-moon"], "2014-03-20", article="a1")
    b = rec("CONSULT", ["Vladimir Putin"], ["Sergey Lavrov"], "2014-03-20", article="a2")
    c = rec("CONSULT", ["Vladimir Putin", "Sergey Lavrov"], ["Ban Ki-moon"], "2014-03-20", article="a3")
    assert not same(a, b)
    assert same(a, c)


def test_two_explicit_days_never_link_but_relative_dates_may_straddle_midnight():
    a = rec("ASSAULT", ["Russia"], ["Ukraine"], "2022-03-01", article="a1", mode="shell", location=KYIV)
    b = rec("ASSAULT", ["Russia"], ["Ukraine"], "2022-03-02", article="a2", mode="shell", location=KYIV)
    assert not same(a, b)
    yesterday = rec(
        "ASSAULT", ["Russia"], ["Ukraine"], "2022-03-02", date_text="yesterday", article="a3", mode="shell"
    )
    assert same(a, yesterday)
    # a day off needs everything else to match: not with other participants, nor with another place
    partial = rec(
        "ASSAULT",
        ["Russia", "Belarus"],
        ["Ukraine"],
        "2022-03-02",
        date_text="yesterday",
        article="a4",
        mode="shell",
    )
    assert not same(a, partial)
    elsewhere = rec(
        "ASSAULT",
        ["Russia"],
        ["Ukraine"],
        "2022-03-02",
        date_text="yesterday",
        article="a5",
        mode="shell",
        location=MOSCOW,
    )
    assert not same(a, elsewhere)
    two_days = rec(
        "ASSAULT", ["Russia"], ["Ukraine"], "2022-03-03", date_text="on Thursday", article="a6", mode="shell"
    )
    assert not same(a, two_days)


def test_a_day_links_to_its_week_or_month_only_with_identical_participants_and_wording():
    day = rec("SANCTION", ["United States"], ["Russia"], "2022-04-06", article="a1", trigger="sanctioned")
    month = rec(
        "SANCTION",
        ["United States"],
        ["Russia"],
        "2022-04",
        precision="month",
        article="a2",
        trigger="sanctions",
        date_text="in April",
    )
    week = rec(
        "SANCTION",
        ["United States"],
        ["Russia"],
        "2022-W14",
        precision="week",
        article="a3",
        trigger="sanctions",
        date_text="this week",
    )
    other_month = rec(
        "SANCTION",
        ["United States"],
        ["Russia"],
        "2022-05",
        precision="month",
        article="a4",
        trigger="sanctions",
    )
    bigger = rec(
        "SANCTION",
        ["United States", "Japan"],
        ["Russia"],
        "2022-04",
        precision="month",
        article="a5",
        trigger="sanctions",
    )
    assert same(day, month) and same(day, week)
    assert not same(day, other_month)
    assert not same(day, bigger)
    reworded = rec(
        "SANCTION",
        ["United States"],
        ["Russia"],
        "2022-04",
        precision="month",
        article="a6",
        trigger="penalised",
        sentence="Washington penalised banks",
    )
    assert not same(day, reworded)


def test_places_must_be_compatible():
    a = rec("PROTEST", ["Students"], [], "2022-04-06", article="a1", location=KYIV)
    b = rec("PROTEST", ["Students"], [], "2022-04-06", article="a2", location=MOSCOW)
    c = rec("PROTEST", ["Students"], [], "2022-04-06", article="a3")
    assert not same(a, b)
    assert same(a, c) and same(b, c)  # a missing place is compatible with both (components may bridge them)


def test_undated_mentions_join_a_dated_twin_only_within_their_article():
    dated = rec("REJECT", ["Russia"], [], "2014-03-15", start=1)
    nominal = rec("REJECT", ["Russia"], [], None, start=2)
    other = rec("REJECT", ["China"], [], None, start=3)
    link.assign_event_ids([dated, nominal, other])
    assert nominal.event_id == dated.event_id
    assert other.event_id != dated.event_id
    elsewhere = rec("REJECT", ["Russia"], [], None, article="a2", start=1)
    assert not same(dated, elsewhere)


# --------------------------------------------------------------------------- ids, blocking and components


def test_event_id_is_the_earliest_reports():
    early = rec("CONSULT", ["A"], ["B"], "2020-01-01", article="z", published="2020-01-01")
    late = rec("CONSULT", ["A"], ["B"], "2020-01-01", article="a", published="2020-01-02")
    keys = [link.mention_key(late), link.mention_key(early)]
    (part,) = link.partition(keys)
    assert part[0].id == early.id
    assert link.event_id_for(part[0].anchor) == link.event_id_for(link.mention_key(early).anchor)
    assert link.anchor_article(part[0].anchor) == "z"


def _random_records(n: int, seed: int) -> list[EventRecord]:
    rng = random.Random(seed)
    people = ["A", "B", "C", "D"]
    out = []
    for i in range(n):
        day = 1 + rng.randrange(20)
        kind = rng.random()
        if kind < 0.6:
            date, precision, text = f"2021-03-{day:02d}", "day", rng.choice([None, "yesterday"])
        elif kind < 0.8:
            date, precision, text = f"2021-W{9 + day // 7:02d}", "week", "this week"
        elif kind < 0.9:
            date, precision, text = "2021-03", "month", "in March"
        else:
            date, precision, text = None, "none", None
        out.append(
            rec(
                rng.choice(["CONSULT", "ACCUSE"]),
                rng.sample(people, rng.randint(1, 2)),
                rng.sample(people, rng.randint(0, 1)),
                date,
                precision=precision,
                date_text=text,
                article=f"a{rng.randrange(n // 3)}",
                start=i,
                location=rng.choice([None, None, KYIV, MOSCOW]),
                mode=rng.choice([None, "meet", "visit"]),
                published=f"2021-03-{1 + rng.randrange(25):02d}",
            )
        )
    return out


def _brute_force(keys):
    parent = {k.id: k.id for k in keys}

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if link.same_event(a, b):
                parent[find(a.id)] = find(b.id)
    groups = {}
    for k in keys:
        groups.setdefault(find(k.id), set()).add(k.id)
    return {frozenset(g) for g in groups.values()}


def test_blocking_finds_every_pair_the_decision_accepts():
    keys = [link.mention_key(r) for r in _random_records(400, seed=7)]
    blocked = {frozenset(k.id for k in part) for part in link.partition(keys)}
    truth = _brute_force(keys)
    assert blocked == truth
    assert len(truth) < len(keys)  # the sample does contain links


def _articles(records):
    by_article = {}
    for r in records:
        by_article.setdefault(r.article_id, []).append(r)
    return list(by_article.values())


def test_memory_linker_is_order_independent_and_matches_the_global_partition():
    records = _random_records(300, seed=3)
    keys = {r.id: link.mention_key(r) for r in records}
    expected = {
        frozenset(k.id for k in part): link.event_id_for(part[0].anchor)
        for part in link.partition(list(keys.values()))
    }
    results = []
    for seed in (1, 2, 3):
        articles = _articles(records)
        random.Random(seed).shuffle(articles)
        linker = link.MemoryLinker()
        for art in articles:
            linker.add([keys[r.id] for r in art])
        groups = {}
        for mid, eid in linker.event_of.items():
            groups.setdefault(eid, set()).add(mid)
        results.append({frozenset(g): eid for eid, g in groups.items()})
    assert results[0] == results[1] == results[2] == expected


def test_a_bridging_report_merges_two_events_and_keeps_the_earliest_id():
    first = rec(
        "ASSAULT", ["Russia"], ["Ukraine"], "2022-03-01", article="p1", mode="shell", published="2022-03-01"
    )
    second = rec(
        "ASSAULT", ["Russia"], ["Ukraine"], "2022-03-03", article="p2", mode="shell", published="2022-03-03"
    )
    bridge = rec(
        "ASSAULT",
        ["Russia"],
        ["Ukraine"],
        "2022-03-02",
        date_text="overnight",
        article="p3",
        mode="shell",
        published="2022-03-02",
    )
    linker = link.MemoryLinker()
    p1 = linker.add_records([first])
    linker.add_records([second])
    assert first.event_id != second.event_id
    plan = linker.add_records([bridge])
    assert first.event_id == p1.assign[first.id]  # the earlier event keeps its id
    assert linker.event_of[second.id] == linker.event_of[first.id] == bridge.event_id
    assert [(old, kept) for old, kept, _ in plan.moves] == [(second.event_id, first.event_id)]
    assert plan.moves[0][2].startswith("merged")
    assert linker.log and linker.log[0][:2] == (first.event_id, second.event_id)


def test_later_coverage_keeps_the_event_id_and_an_earlier_report_renames_it():
    base = rec("CONSULT", ["A"], ["B"], "2020-05-05", article="b", published="2020-05-06")
    later = rec("CONSULT", ["A"], ["B"], "2020-05-05", article="c", published="2020-05-07")
    earlier = rec("CONSULT", ["A"], ["B"], "2020-05-05", article="d", published="2020-05-05")
    linker = link.MemoryLinker()
    linker.add_records([base])
    first_id = base.event_id
    assert not linker.add_records([later]).moves and later.event_id == first_id
    plan = linker.add_records([earlier])
    assert plan.moves and plan.moves[0][2].startswith("renamed")
    assert set(linker.event_of.values()) == {earlier.event_id} and earlier.event_id != first_id


def test_unresolved_participants_do_not_link_reports():
    import dataclasses

    # "they attacked ..." in two unrelated reports of the same day: a pronoun says nothing about who took part
    a = rec("ASSAULT", ["they"], [], date="2014-03-21", article="a1", trigger="attacked")
    b = rec("ASSAULT", ["they"], [], date="2014-03-21", article="a2", trigger="attacked")
    a = dataclasses.replace(a, actor=[Entity(text="they")])
    b = dataclasses.replace(b, actor=[Entity(text="they")])
    assert link.participant_keys(a) == (frozenset(), frozenset())
    assert not same(a, b)
    # the same pair with a resolved actor does link
    c = rec("ASSAULT", ["Vladimir Putin"], [], date="2014-03-21", article="a3", trigger="attacked")
    d = rec("ASSAULT", ["Vladimir Putin"], [], date="2014-03-21", article="a4", trigger="attacked")
    assert same(c, d)
