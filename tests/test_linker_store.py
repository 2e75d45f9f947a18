"""The linker inside the store: order independence, merges, splits, coverage counts, relink. Every test runs on
SQLite and, when ``NEWSEVENTS_TEST_PG`` is set, on PostgreSQL (``store_url`` fixture)."""

from __future__ import annotations

import datetime as dt
import hashlib
import random

import pytest

from newsevents import link
from newsevents.model import Article, ArticleRef, Entity, EventRecord, Location, TextSpan
from newsevents.store import open_store

BAN = Entity("Ban Ki-moon", "Ban Ki-moon", "person", "IGO", "IGO")
GUTERRES = Entity("Guterres", "António Guterres", "person", "IGO", "IGO")
PUTIN = Entity("Putin", "Vladimir Putin", "person", "RUS", "GOV")
LAVROV = Entity("Lavrov", "Sergey Lavrov", "person", "RUS", "GOV")
RUSSIA = Entity("Russia", "Russia", "country", "RUS")
UKRAINE = Entity("Ukraine", "Ukraine", "country", "UKR")
MOSCOW = Location("Moscow", "Moscow", "RUS")


def article(name: str, published: str, text: str, url: str) -> Article:
    h = hashlib.sha256(text.encode()).hexdigest()
    return Article(
        id=name,
        text=text,
        content_hash=h,
        url=url,
        published=dt.date.fromisoformat(published),
        published_source="metadata",
        published_confidence=0.9,
    )


def mention(
    art, start, event, actors, recipients, date, precision="day", date_text=None, mode=None, place=None
):
    trig = art.text[start : start + 6]
    return EventRecord(
        id=hashlib.sha256(f"{art.id}:{start}:{event}".encode()).hexdigest()[:16],
        event_id="",
        article_id=art.id,
        event=event,
        mode=mode,
        cameo=None,
        intensity=None,
        modality="asserted",
        date=date,
        date_precision=precision if date else "none",
        date_text=date_text if date_text is not None else date,
        date_source="text" if date else "none",
        actor=list(actors),
        recipient=list(recipients),
        location=place,
        trigger=TextSpan(trig, start, start + 6),
        sentence=TextSpan(art.text, 0, len(art.text)),
        article=ArticleRef(art.id, None, art.published.isoformat(), "metadata", art.url, None),
    )


def corpus() -> list[tuple[Article, list[EventRecord]]]:
    """Six articles: the 2014 Ban-Putin meeting in three reports (one a day late, one in its month), the 2022
    Guterres-Putin meeting, a Ban-Putin meeting a year later, and a shelling reported on two days plus a
    report of the night between them that bridges them."""
    out = []
    a = article(
        "ria-1",
        "2014-03-20",
        "Ban Ki-moon met Vladimir Putin in Moscow on 20 March.",
        "https://ria.example/1",
    )
    out.append((a, [mention(a, 12, "CONSULT", [BAN], [PUTIN], "2014-03-20", mode="meet", place=MOSCOW)]))
    b = article(
        "tass-1",
        "2014-03-21",
        "Putin held talks with Ban yesterday. Lavrov joined.",
        "https://tass.example/1",
    )
    out.append(
        (
            b,
            [
                mention(b, 6, "CONSULT", [PUTIN], [BAN], "2014-03-20", date_text="yesterday", mode="meet"),
                mention(b, 38, "CONSULT", [LAVROV], [], None),  # undated, its own event
            ],
        )
    )
    c = article("un-1", "2014-04-02", "In March the Secretary-General met Putin.", "https://un.example/1")
    out.append((c, [mention(c, 30, "CONSULT", [BAN], [PUTIN], "2014-03", "month", "In March", mode="meet")]))
    d = article("un-2", "2022-04-26", "Guterres met Putin in Moscow on 26 April.", "https://un.example/2")
    out.append((d, [mention(d, 9, "CONSULT", [GUTERRES], [PUTIN], "2022-04-26", mode="meet", place=MOSCOW)]))
    e = article(
        "ria-2", "2015-03-20", "Ban Ki-moon met Putin again on 20 March 2015.", "https://ria.example/2"
    )
    out.append((e, [mention(e, 12, "CONSULT", [BAN], [PUTIN], "2015-03-20", mode="meet", place=MOSCOW)]))
    f = article(
        "kyiv-1",
        "2022-03-03",
        "Russia shelled Ukraine on 1 March. Russia shelled Ukraine on 3 March. It shelled it overnight too.",
        "https://kyiv.example/1",
    )
    out.append(
        (
            f,
            [
                mention(f, 7, "ASSAULT", [RUSSIA], [UKRAINE], "2022-03-01", mode="shell"),
                mention(f, 42, "ASSAULT", [RUSSIA], [UKRAINE], "2022-03-03", mode="shell"),
            ],
        )
    )
    g = article("kyiv-2", "2022-03-02", "Russia shelled Ukraine overnight.", "https://kyiv.example/2")
    out.append(
        (
            g,
            [
                mention(
                    g, 7, "ASSAULT", [RUSSIA], [UKRAINE], "2022-03-02", date_text="overnight", mode="shell"
                )
            ],
        )
    )
    return out


def snapshot(store):
    events = store.events()
    groups = {}
    for rec in store.mentions():
        groups.setdefault(rec.event_id, set()).add(rec.id)
    return {
        e["event_id"]: (
            frozenset(groups[e["event_id"]]),
            e["n_mentions"],
            e["n_articles"],
            e["n_sources"],
            e["first_seen"],
            e["last_seen"],
            e["first_article"],
        )
        for e in events
    }


def ingest_all(url, items):
    with open_store(url) as store:
        for art, recs in items:
            assert store.ingest(art, recs, link=True) == "stored"
        return snapshot(store), store.merges()


def fresh_url(store_url, i, tmp_path):
    if store_url.startswith("postgresql"):
        return store_url  # one database per test: emptied between runs below
    return str(tmp_path / f"order{i}.db")


def _empty(url):
    with open_store(url) as store:
        for table in ("mention_blocks", "mention_actors", "mentions", "merges", "events", "articles"):
            store._execute(f"DELETE FROM {table}")


def test_three_ingest_orders_give_the_same_events_and_ids(store_url, tmp_path):
    items = corpus()
    orders = [list(items), list(reversed(items))]
    shuffled = list(items)
    random.Random(5).shuffle(shuffled)
    orders.append(shuffled)
    snaps = []
    for i, order in enumerate(orders):
        url = fresh_url(store_url, i, tmp_path)
        if i and url == store_url:
            _empty(url)
        snap, _ = ingest_all(url, order)
        snaps.append(snap)
    assert snaps[0] == snaps[1] == snaps[2]
    partition = sorted(sorted(v[0]) for v in snaps[0].values())
    assert len(partition) == 5  # 2014 meeting, its undated Lavrov aside, 2022, 2015, the shelling
    # the 2014 meeting: three reports (explicit day, "yesterday", "In March"), three articles, two sources
    meeting = next(v for v in snaps[0].values() if v[1] == 3)
    assert meeting[2:] == (3, 3, "2014-03-20", "2014-04-02", "ria-1")
    shelling = next(v for v in snaps[0].values() if v[6] == "kyiv-2")  # earliest published report
    assert (shelling[1], shelling[2], shelling[3]) == (3, 2, 1)


def test_look_alikes_stay_apart_in_the_store(store_url):
    items = corpus()
    with open_store(store_url) as store:
        for art, recs in items:
            store.ingest(art, recs, link=True)
        by_article = {}
        for rec in store.mentions():
            by_article.setdefault(rec.article_id, set()).add(rec.event_id)
        assert by_article["ria-1"] & by_article["un-2"] == set()  # Ban 2014 vs Guterres 2022
        assert by_article["ria-1"] & by_article["ria-2"] == set()  # Ban 2014 vs Ban 2015


def test_ids_stay_stable_with_later_coverage_and_bridges_are_merged_and_logged(store_url):
    items = dict((a.id, (a, recs)) for a, recs in corpus())
    with open_store(store_url) as store:
        art, recs = items["ria-1"]
        store.ingest(art, recs, link=True)
        first_id = recs[0].event_id
        art, recs = items["tass-1"]
        store.ingest(art, recs, link=True)
        assert recs[0].event_id == first_id  # later coverage joins under the same id
        assert store.merges() == []
        art, recs = items["kyiv-1"]
        store.ingest(art, recs, link=True)
        day1, day3 = recs[0].event_id, recs[1].event_id
        assert day1 != day3  # two explicit days
        art, recs = items["kyiv-2"]  # published 2022-03-02, before kyiv-1: its id wins
        store.ingest(art, recs, link=True)
        kept = recs[0].event_id
        merges = store.merges()
        assert {m["merged"] for m in merges} == {day1, day3}
        assert {m["kept"] for m in merges} == {kept}
        assert store.event(day1) is None and store.event(kept)["n_mentions"] == 3
        assert store.resolve_event_id(day3) == kept
        assert store.resolve_event_id("ev_unknown") is None


def test_a_replaced_article_that_bridged_two_events_splits_them_and_logs_it(store_url):
    items = dict((a.id, (a, recs)) for a, recs in corpus())
    with open_store(store_url) as store:
        for name in ("kyiv-1", "kyiv-2"):
            art, recs = items[name]
            store.ingest(art, recs, link=True)
        assert store.counts()["events"] == 1
        (bridged,) = {r.event_id for r in store.mentions()}
        old = items["kyiv-2"][0]
        text = "Russia denied it."
        new = Article(
            old.id, text, hashlib.sha256(text.encode()).hexdigest(), url=old.url, published=old.published
        )
        assert store.ingest(new, [], link=True) == "replaced"
        assert store.counts()["events"] == 2
        splits = [m for m in store.merges() if m["reason"].startswith("split")]
        # the bridge was also the earliest report, so neither part keeps the old id: both are logged
        assert len(splits) == 2 and {m["merged"] for m in splits} == {bridged}
        assert {m["kept"] for m in splits} == {r.event_id for r in store.mentions()}
        ids = {r.event_id for r in store.mentions()}
        expected = {link.event_id_for(link.mention_key(r).anchor) for r in items["kyiv-1"][1]}
        assert ids == expected  # each part carries the id of its own earliest report


def test_relink_reproduces_the_linked_state_and_upgrades_unlinked_stores(store_url):
    items = corpus()
    with open_store(store_url) as store:
        for art, recs in items:
            store.ingest(art, recs, link=True)
        before = snapshot(store)
        assert store.relink() == 0
        assert snapshot(store) == before
    # a store filled without linking (as before the linker existed) is linked by relink()
    with open_store(store_url) as store:
        for table in ("mention_blocks", "mention_actors", "mentions", "merges", "events", "articles"):
            store._execute(f"DELETE FROM {table}")
        for n, (art, recs) in enumerate(items):
            for i, r in enumerate(recs):
                r.event_id = f"legacy{n}_{i}"
            store.ingest(art, recs)
        assert len(store.events()) == sum(len(r) for _, r in items)
        store._execute("UPDATE mentions SET anchor = NULL")
    with open_store(store_url) as store:  # migrate() sees mentions without anchors and relinks
        assert snapshot(store) == before
        assert any(m["reason"].startswith("relinked") for m in store.merges())


def test_merge_events_moves_mentions_and_logs(store_url):
    items = corpus()
    with open_store(store_url) as store:
        for art, recs in items[:2]:
            store.ingest(art, recs, link=True)
        meeting = items[0][1][0].event_id
        lavrov = items[1][1][1].event_id
        store.merge_events(meeting, lavrov, "editor: Lavrov took part in the same meeting")
        assert store.event(lavrov) is None
        assert store.event(meeting)["n_mentions"] == 3
        assert store.merges()[-1]["reason"].startswith("editor")
        with pytest.raises(KeyError):
            store.merge_events(meeting, "ev_missing", "x")


def test_order_independence_on_random_articles(store_url, tmp_path):
    rng = random.Random(11)
    people = [BAN, PUTIN, LAVROV, GUTERRES, RUSSIA, UKRAINE]
    items = []
    for i in range(12):
        day = rng.randint(1, 4)
        published = f"2020-01-{day + rng.randint(0, 1):02d}"
        a = article(
            f"r{i}", published, f"Report number {i} about the talks.", f"https://s{i % 3}.example/{i}"
        )
        recs = []
        for j in range(rng.randint(1, 3)):
            precision = rng.choice(["day", "day", "month"])
            date = f"2020-01-{day:02d}" if precision == "day" else "2020-01"
            text = rng.choice([None, "yesterday"]) if precision == "day" else "in January"
            event = rng.choice(["CONSULT", "ACCUSE"])
            actor, recipient = rng.sample(people, 1), rng.sample(people, 1)
            recs.append(mention(a, j * 7, event, actor, recipient, date, precision, text, mode="meet"))
        items.append((a, recs))
    snaps = []
    for i in range(3):
        order = list(items)
        random.Random(i).shuffle(order)
        url = fresh_url(store_url, i, tmp_path)
        if i and url == store_url:
            _empty(url)
        snaps.append(ingest_all(url, order)[0])
    assert snaps[0] == snaps[1] == snaps[2]
    assert len(snaps[0]) < sum(len(r) for _, r in items)  # some mentions did link
