"""Store tests: every test runs on SQLite (a temp file) and, when ``NEWSEVENTS_TEST_PG`` holds a server URL,
on PostgreSQL in a fresh database of its own (``scripts/pg_test_server.sh start`` prints such a URL)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from concurrent.futures import ThreadPoolExecutor

import pytest

from newsevents import migrations
from newsevents.model import (
    Article,
    ArticleRef,
    Entity,
    EventRecord,
    InputError,
    Location,
    TextSpan,
    event_from_json,
)
from newsevents.store import date_bounds, fold, open_store, participant_key, source_of

# --------------------------------------------------------------------------- fixtures


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    yield s
    s.close()


# --------------------------------------------------------------------------- hand-built records


def make_article(text: str, *, id: str | None = None, url=None, path=None, published=None) -> Article:
    h = hashlib.sha256(text.encode()).hexdigest()
    return Article(
        id=id or h[:16],
        text=text,
        content_hash=h,
        title="A title",
        url=url,
        path=path,
        published=dt.date.fromisoformat(published) if published else None,
        published_source="metadata" if published else "none",
        published_confidence=0.9 if published else 0.0,
        captions=["Photo: someone, somewhere"],
        removed=["Share this article"],
    )


def ent(
    text, name=None, country=None, sector=None, kind=None, office=None, start=None, end=None, former=False
):
    return Entity(
        text=text,
        name=name,
        kind=kind,
        country=country,
        sector=sector,
        office=office,
        former=former,
        start=start,
        end=end,
    )


def make_record(
    article: Article,
    event_id: str,
    *,
    event="CONSULT",
    trigger=("met", 10, 13),
    actor=(),
    recipient=(),
    date=None,
    precision="none",
    date_text=None,
    location=None,
    modality="asserted",
    mode="meet",
) -> EventRecord:
    t_text, t_start, t_end = trigger
    return EventRecord(
        id=hashlib.sha256(f"{article.id}:{t_start}:{t_end}:{event}".encode()).hexdigest()[:16],
        event_id=event_id,
        article_id=article.id,
        event=event,
        mode=mode,
        cameo="040",
        intensity=1.5,
        modality=modality,
        date=date,
        date_precision=precision,
        date_text=date_text,
        date_source="text" if date_text else ("publication" if date else "none"),
        actor=list(actor),
        recipient=list(recipient),
        location=location,
        trigger=TextSpan(t_text, t_start, t_end),
        sentence=TextSpan("The sentence.", 0, 40),
        article=ArticleRef.of(article),
        confidence=0.75,
    )


GUTERRES = ent(
    "the UN chief",
    "António Guterres",
    "IGO",
    "IGO",
    "person",
    "Secretary-General of the United Nations",
    start=0,
    end=12,
)
PUTIN = ent("Putin", "Vladimir Putin", "RUS", "GOV", "person", "President of Russia", start=20, end=25)
ZELENSKY = ent("Zelensky", "Volodymyr Zelensky", "UKR", "GOV", "person", "President of Ukraine")
POLICE = ent("police", None, "UKR", "COP", "agent")
KYIV = Location(
    text="Kiev",
    name="Kyiv",
    country="UKR",
    lat=50.45466,
    lon=30.5238,
    gazetteer_id="703448",
    start=30,
    end=34,
)
MOSCOW = Location(
    text="Moscow", name="Moscow", country="RUS", lat=55.75222, lon=37.61556, gazetteer_id="524901"
)


# --------------------------------------------------------------------------- pure helpers


def test_date_bounds_cover_every_precision():
    assert date_bounds("2022-04-05") == ("2022-04-05", "2022-04-05")
    assert date_bounds("2022-04") == ("2022-04-01", "2022-04-30")
    assert date_bounds("2022-12") == ("2022-12-01", "2022-12-31")
    assert date_bounds("2024-02") == ("2024-02-01", "2024-02-29")
    assert date_bounds("2022") == ("2022-01-01", "2022-12-31")
    assert date_bounds("2022-W14") == ("2022-04-04", "2022-04-10")
    assert date_bounds("2022-04-05T10:00:00+00:00") == ("2022-04-05", "2022-04-05")
    assert date_bounds(None) == (None, None)
    assert date_bounds("yesterday") == (None, None)
    assert date_bounds("2022-13") == (None, None)


def test_keys_and_sources():
    assert fold("  António   GUTERRES ") == "antonio guterres"
    assert participant_key(GUTERRES) == "P:antonio guterres"
    assert participant_key(POLICE) == "A:UKR:COP"
    assert source_of("https://www.BBC.co.uk/news/1", "x.txt", "a") == "bbc.co.uk"
    assert source_of(None, "corpus/a.txt", "a") == "corpus/a.txt"
    assert source_of(None, None, "abc") == "article:abc"


def test_migrations_render_for_both_dialects():
    steps = migrations.all_migrations()
    assert [m.version for m in steps] == list(range(1, len(steps) + 1))
    for dialect in ("sqlite", "postgresql"):
        sql = " ".join(s for m in steps for s in m.statements(dialect))
        assert "{" not in sql and "%" not in sql
        assert ("JSONB" in sql) == (dialect == "postgresql")


# --------------------------------------------------------------------------- store, on every backend


def test_open_applies_pragmas_and_schema(store):
    assert store.backend in ("sqlite", "postgresql")
    assert store.schema_version() == migrations.latest_version()
    if store.backend == "sqlite":
        assert store.conn.execute("PRAGMA journal_mode").fetchone()["journal_mode"] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()["foreign_keys"] == 1
        assert store.conn.execute("PRAGMA busy_timeout").fetchone()["timeout"] > 0


def test_round_trip_is_lossless(store):
    a = make_article(
        "Guterres met Putin in Moscow. Police détained 3 people in Kiev.", url="https://ex.org/1"
    )
    r1 = make_record(
        a,
        "ev1",
        actor=[GUTERRES],
        recipient=[PUTIN],
        date="2022-04-26",
        precision="day",
        date_text="on Tuesday",
        location=MOSCOW,
    )
    r2 = make_record(
        a,
        "ev2",
        event="ARREST",
        trigger=("détained", 37, 45),
        actor=[POLICE],
        recipient=[],
        date="2022-04",
        precision="month",
        location=KYIV,
        modality="negated",
        mode=None,
    )
    r2.intensity = None
    r2.cameo = None
    assert store.ingest(a, [r1, r2]) == "stored"

    stored = sorted(store.mentions(), key=lambda r: r.id)
    assert stored == sorted([r1, r2], key=lambda r: r.id)
    for rec in (r1, r2):
        detail = store.event(rec.event_id)
        assert detail is not None
        assert detail["mentions"] == [rec.to_json()]
        assert event_from_json(detail["mentions"][0]) == rec

    art = store.article(a.id)
    assert art["text"] == a.text
    assert art["captions"] == a.captions and art["removed"] == a.removed
    assert art["source"] == "ex.org"
    assert store.event("nope") is None


def test_reingest_identical_content_is_a_noop(store):
    a = make_article("Identical text.", path="in/a.txt", published="2022-04-01")
    rec = make_record(a, "ev1", actor=[PUTIN], date="2022-04-01", precision="day")
    assert not store.has_content(a.content_hash)
    assert store.ingest(a, [rec]) == "stored"
    assert store.has_content(a.content_hash)
    before = (store.articles(), store.events(), store.counts())

    assert store.ingest(a, [rec]) == "unchanged"
    # same content under another id (e.g. found again at another path) is still the same article
    other = dataclasses.replace(a, id="another-id", path="in/copy.txt")
    assert store.ingest(other, [dataclasses.replace(rec, article_id="another-id", id="m2")]) == "unchanged"
    assert (store.articles(), store.events(), store.counts()) == before  # ingested_at untouched too


def test_changed_content_replaces_old_mentions(store):
    a = make_article("First version.", id="art1", url="https://ex.org/1")
    old1 = make_record(a, "ev-old", actor=[PUTIN], trigger=("met", 1, 4))
    old2 = make_record(a, "ev-shared", actor=[ZELENSKY], trigger=("met", 5, 8))
    b = make_article("Another article.", url="https://other.org/2")
    keep = make_record(b, "ev-shared", actor=[ZELENSKY])
    store.ingest(a, [old1, old2])
    store.ingest(b, [keep])
    assert store.event("ev-shared")["n_articles"] == 2

    a2 = make_article("Second, corrected version.", id="art1", url="https://ex.org/1")
    new = make_record(a2, "ev-new", event="ASSAULT", actor=[POLICE], trigger=("hit", 9, 12))
    assert store.ingest(a2, [new]) == "replaced"

    assert store.article("art1")["text"] == a2.text
    assert store.article("art1")["content_hash"] == a2.content_hash
    assert store.event("ev-old") is None  # no mention left: the event row goes too
    shared = store.event("ev-shared")
    assert (shared["n_mentions"], shared["n_articles"]) == (1, 1)
    assert [m["article_id"] for m in shared["mentions"]] == [b.id]
    assert {r.id for r in store.mentions()} == {new.id, keep.id}
    assert store.counts() == {"articles": 2, "events": 2, "mentions": 2, "errors": 0}
    # the old content is no longer known; the new one is
    assert not store.has_content(a.content_hash) and store.has_content(a2.content_hash)


def test_filters(store):
    a = make_article("Article one.", url="https://ex.org/1", published="2022-04-26")
    b = make_article("Article two.", url="https://ex.org/2", published="2022-05-03")
    store.ingest(
        a,
        [
            make_record(a, "meet", actor=[GUTERRES], recipient=[PUTIN], date="2022-04-26", precision="day"),
            make_record(
                a,
                "arrest",
                event="ARREST",
                trigger=("arrested", 20, 28),
                actor=[POLICE],
                date="2022-04",
                precision="month",
            ),
        ],
    )
    store.ingest(
        b,
        [
            make_record(
                b, "talks", actor=[ZELENSKY], recipient=[GUTERRES], date="2022-05-03", precision="day"
            ),
            make_record(
                b, "undated", event="PROTEST", trigger=("rallied", 30, 37), actor=[ent("protesters")]
            ),
        ],
    )

    def ids(**kw):
        return {e["event_id"] for e in store.events(**kw)}

    assert ids() == {"meet", "arrest", "talks", "undated"}
    # canonical name, written form, any case/accents, either role
    assert ids(actor="antonio guterres") == {"meet", "talks"}
    assert ids(actor="THE UN CHIEF") == {"meet", "talks"}
    assert ids(actor="Putin") == {"meet"}
    assert ids(actor="Guterres") == set()  # exact names, not substrings
    assert ids(country="rus") == {"meet"}
    assert ids(country="UKR") == {"arrest", "talks"}
    assert ids(type="arrest") == {"arrest"}
    assert ids(since="2022-05-01") == {"talks"}
    assert ids(until="2022-04-10") == {"arrest"}  # April (month precision) overlaps up to the 10th
    assert ids(since="2022-04-27", until="2022-04-30") == {"arrest"}
    assert ids(since="2022-04") == {"meet", "arrest", "talks"}  # undated events drop out once dates filter
    assert ids(since="2022-04", until="2022-04") == {"meet", "arrest"}
    assert ids(actor="Antonio Guterres", country="UKR", type="CONSULT") == {"talks"}
    assert store.count_events(country="UKR") == 2

    # dated first, oldest first; limit/offset page through that order
    assert [e["event_id"] for e in store.events()] == ["arrest", "meet", "talks", "undated"]
    assert [e["event_id"] for e in store.events(limit=2, offset=1)] == ["meet", "talks"]

    assert {r.event_id for r in store.mentions(country="UKR")} == {"arrest", "talks"}
    assert len(list(store.mentions(limit=3))) == 3
    with pytest.raises(ValueError):
        store.events(since="last week")

    row = next(e for e in store.events() if e["event_id"] == "meet")
    assert [p["name"] for p in row["actors"]] == ["António Guterres"]
    assert row["recipients"][0]["country"] == "RUS"
    assert row["date"] == "2022-04-26" and row["date_precision"] == "day"


def test_coverage_counts(store):
    arts = [
        make_article("Text one.", url="https://www.ex.org/a", published="2022-04-26"),
        make_article("Text two.", url="http://ex.org/b", published="2022-04-28"),
        make_article("Text three.", path="corpus/c.txt", published="2022-04-27"),
    ]
    # two mentions of the same event in the first article
    store.ingest(
        arts[0],
        [
            make_record(arts[0], "E", trigger=("met", 1, 4)),
            make_record(arts[0], "E", trigger=("talks", 20, 25)),
        ],
    )
    for a in arts[1:]:
        store.ingest(a, [make_record(a, "E")])
    e = store.event("E")
    assert (e["n_mentions"], e["n_articles"], e["n_sources"]) == (4, 3, 2)  # ex.org (www. or not) + a path
    assert (e["first_seen"], e["last_seen"]) == ("2022-04-26", "2022-04-28")
    assert [r["n_mentions"] for r in store.articles()] == [2, 1, 1]  # ordered by publication date
    assert store.candidate_events("CONSULT", None, None)[0]["n_sources"] == 2


def test_event_aggregate_prefers_explicit_finest_dates_and_common_places(store):
    arts = [make_article(f"Report {i}.", url=f"https://s{i}.org/") for i in range(4)]
    recs = [
        make_record(arts[0], "E", date="2022-04-20", precision="day", location=KYIV),  # publication fallback
        make_record(arts[1], "E", date="2022-04", precision="month", date_text="in April", location=MOSCOW),
        make_record(arts[2], "E", date="2022-04-18", precision="day", date_text="on Monday", location=MOSCOW),
        make_record(arts[3], "E", event="ASSAULT", date="2022-04-19", precision="day", date_text="Tuesday"),
    ]
    for a, r in zip(arts, recs, strict=True):
        store.ingest(a, [r])
    e = store.event("E")
    assert e["event"] == "CONSULT"  # 3 of 4 mentions
    assert (e["date"], e["date_precision"]) == ("2022-04-18", "day")
    assert e["location"]["name"] == "Moscow" and e["location"]["lat"] == pytest.approx(55.75222)


def test_candidate_events(store):
    a = make_article("Some text.")
    store.ingest(
        a,
        [
            make_record(
                a,
                "day",
                actor=[PUTIN],
                recipient=[GUTERRES],
                date="2022-04-26",
                precision="day",
                location=MOSCOW,
            ),
            make_record(a, "month", trigger=("x", 2, 3), actor=[ZELENSKY], date="2022-03", precision="month"),
            make_record(a, "none", trigger=("y", 4, 5), actor=[PUTIN]),
            make_record(a, "other", event="PROTEST", trigger=("z", 6, 7), date="2022-04-26", precision="day"),
        ],
    )

    def ids(*args):
        return {c["event_id"] for c in store.candidate_events("CONSULT", *args)}

    assert ids("2022-04-20", "2022-04-30") == {"day"}
    assert ids("2022-03-15", "2022-03-15") == {"month"}
    assert ids("2022-03", "2022-04") == {"day", "month"}
    assert ids(None, "2022-03-31") == {"month"}  # open lower bound
    assert ids(None, None) == {"none"}
    assert ids("2023", "2023") == set()
    (c,) = store.candidate_events("CONSULT", "2022-04-26", "2022-04-26")
    assert c["actor_keys"] == ["P:vladimir putin"] and c["recipient_keys"] == ["P:antonio guterres"]
    assert c["participants"] == ["P:antonio guterres", "P:vladimir putin"]
    assert c["location"]["country"] == "RUS"
    assert (c["date"], c["date_precision"]) == ("2022-04-26", "day")
    assert len(store.candidate_events("CONSULT", "2022", "2022", limit=1)) == 1


def test_errors_and_merges(store):
    store.record_error(InputError(path="bad.html", reason="not UTF-8 and no charset found", stage="read"))
    store.record_error(InputError(path="empty.txt", reason="no text left after cleaning", stage="clean"))
    errs = store.errors()
    assert [(e["path"], e["stage"], e["reason"]) for e in errs] == [
        ("bad.html", "read", "not UTF-8 and no charset found"),
        ("empty.txt", "clean", "no text left after cleaning"),
    ]
    assert dt.datetime.fromisoformat(errs[0]["time"]).tzinfo is not None
    store.log_merge("ev1", "ev2", "same participants, same day")
    assert [(m["kept"], m["merged"], m["reason"]) for m in store.merges()] == [
        ("ev1", "ev2", "same participants, same day")
    ]


def test_failing_article_rolls_back_alone(store):
    a = make_article("First article.", url="https://ex.org/a")
    store.ingest(a, [make_record(a, "E", actor=[PUTIN])])

    # the second article fails halfway (duplicate mention id): nothing of it may remain
    b = make_article("Second article.", url="https://ex.org/b")
    dup = make_record(b, "F", actor=[ZELENSKY])
    with pytest.raises(Exception):  # noqa: B017 - the backend's IntegrityError
        store.ingest(b, [make_record(b, "E"), dup, dup])
    assert not store.has_content(b.content_hash)
    assert store.event("F") is None
    assert store.event("E")["n_articles"] == 1

    # a failing replacement leaves the previous version in place
    a2 = make_article("First article, edited.", id=a.id, url="https://ex.org/a")
    bad = make_record(a2, "G")
    with pytest.raises(Exception):  # noqa: B017
        store.ingest(a2, [bad, bad])
    assert store.article(a.id)["content_hash"] == a.content_hash
    assert [r.event_id for r in store.mentions()] == ["E"]

    # the store is still usable afterwards
    c = make_article("Third article.", url="https://ex.org/c")
    assert store.ingest(c, [make_record(c, "E")]) == "stored"
    assert store.event("E")["n_articles"] == 2
    assert store.counts() == {"articles": 2, "events": 1, "mentions": 2, "errors": 0}

    with pytest.raises(ValueError):  # a record of another article is refused before anything is written
        store.ingest(make_article("Fourth."), [make_record(a, "E")])
    assert store.counts()["articles"] == 2


def test_migrations_are_idempotent(store_url):
    with open_store(store_url) as s:
        a = make_article("Kept across reopenings.")
        s.ingest(a, [make_record(a, "E")])
        s.migrate()
        s.migrate()
        assert s.schema_version() == migrations.latest_version()
    with open_store(store_url) as s:
        assert s.schema_version() == migrations.latest_version()
        assert s.counts()["mentions"] == 1
        rows = s._all("SELECT version FROM schema_version ORDER BY version")
        assert [r["version"] for r in rows] == list(range(1, migrations.latest_version() + 1))


def test_newer_schema_is_refused(store_url):
    with open_store(store_url) as s:
        with s._tx():
            s._execute("INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'future', 'now')")
    with pytest.raises(RuntimeError, match="newer"):
        open_store(store_url)


# --------------------------------------------------------------------------- SQLite URLs


def test_sqlite_urls(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSEVENTS_DB", raising=False)
    with open_store() as s:
        assert s.backend == "sqlite"
    assert (tmp_path / "newsevents.db").exists()
    monkeypatch.setenv("NEWSEVENTS_DB", str(tmp_path / "env.db"))
    with open_store():
        pass
    assert (tmp_path / "env.db").exists()
    with open_store("sqlite:///sub/rel.db"):
        pass
    assert (tmp_path / "sub" / "rel.db").exists()
    with open_store(f"sqlite:///{tmp_path}/abs.db"):
        pass
    assert (tmp_path / "abs.db").exists()
    with open_store(":memory:") as s:
        assert s.counts()["articles"] == 0


def test_unchanged_writes_nothing_on_sqlite(tmp_path):
    with open_store(str(tmp_path / "e.db")) as s:
        a = make_article("Some text.")
        s.ingest(a, [make_record(a, "E", actor=[PUTIN])])
        before = s.conn.total_changes
        assert s.ingest(a, [make_record(a, "E", actor=[PUTIN])]) == "unchanged"
        assert s.conn.total_changes == before


def test_concurrent_writers_keep_counts_exact(store_url):
    """Writers in parallel (one connection each) all adding mentions of one event: no lost count update."""
    n_threads, per_thread = 4, 8

    def work(t: int) -> list[str]:
        out = []
        with open_store(store_url) as s:
            for i in range(per_thread):
                a = make_article(f"Writer {t}, article {i}.", url=f"https://site{t}.org/{i}")
                out.append(
                    s.ingest(
                        a,
                        [
                            make_record(a, "E", actor=[PUTIN]),
                            make_record(a, f"own-{t}-{i}", trigger=("x", 1, 2)),
                        ],
                    )
                )
            # the same article again from every writer: stored once, "unchanged" afterwards
            shared = make_article("Shared article.", url="https://shared.org/x")
            out.append(s.ingest(shared, [make_record(shared, "E")]))
        return out

    open_store(store_url).close()  # migrate once up front
    with ThreadPoolExecutor(n_threads) as pool:
        results = [r for rs in pool.map(work, range(n_threads)) for r in rs]
    assert results.count("stored") == n_threads * per_thread + 1
    assert results.count("unchanged") == n_threads - 1
    with open_store(store_url) as s:
        e = s.event("E")
        assert (e["n_mentions"], e["n_articles"], e["n_sources"]) == (33, 33, 5)
        assert s.counts()["events"] == 1 + n_threads * per_thread
