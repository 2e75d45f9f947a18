"""Initial schema: articles, real-world events, their mentions (one row per EventRecord), participants for
filters, input errors and the linker's merge log.

``mentions.record`` holds the whole ``EventRecord.to_json()``: the lossless source the record is read back
from, so a field added to the model needs no new column. The other mention columns are copies of the fields
that filters, counts and the event aggregates query.
"""

SQL = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    title TEXT,
    url TEXT,
    path TEXT,
    source TEXT NOT NULL,
    published TEXT,
    published_source TEXT NOT NULL,
    published_confidence {real} NOT NULL,
    metadata_published TEXT,
    text TEXT NOT NULL,
    captions {json} NOT NULL,
    removed {json} NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_source ON articles (source);
CREATE INDEX articles_published ON articles (published);

CREATE TABLE events (
    event_id TEXT PRIMARY KEY,
    event TEXT NOT NULL,
    mode TEXT,
    modality TEXT,
    date TEXT,
    date_precision TEXT,
    date_start TEXT,
    date_end TEXT,
    location_name TEXT,
    location_country TEXT,
    lat {real},
    lon {real},
    actors {json},
    recipients {json},
    actor_keys {json},
    recipient_keys {json},
    n_mentions INTEGER NOT NULL DEFAULT 0,
    n_articles INTEGER NOT NULL DEFAULT 0,
    n_sources INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT,
    last_seen TEXT
);
CREATE INDEX events_type_date ON events (event, date_start, date_end);
CREATE INDEX events_date ON events (date_start, date_end);

CREATE TABLE mentions (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events (event_id),
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    event TEXT NOT NULL,
    mode TEXT,
    cameo TEXT,
    intensity {real},
    modality TEXT NOT NULL,
    date TEXT,
    date_precision TEXT NOT NULL,
    date_text TEXT,
    date_source TEXT,
    date_start TEXT,
    date_end TEXT,
    actors {json} NOT NULL,
    recipients {json} NOT NULL,
    location_name TEXT,
    location_country TEXT,
    lat {real},
    lon {real},
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    confidence {real},
    record {json} NOT NULL
);
CREATE INDEX mentions_event ON mentions (event_id);
CREATE INDEX mentions_article ON mentions (article_id);
CREATE INDEX mentions_type_date ON mentions (event, date_start);

CREATE TABLE mention_actors (
    mention_id TEXT NOT NULL REFERENCES mentions (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    position INTEGER NOT NULL,
    name TEXT,
    text TEXT NOT NULL,
    name_key TEXT,
    text_key TEXT NOT NULL,
    kind TEXT,
    country TEXT,
    sector TEXT,
    PRIMARY KEY (mention_id, role, position)
);
CREATE INDEX mention_actors_name ON mention_actors (name_key);
CREATE INDEX mention_actors_text ON mention_actors (text_key);
CREATE INDEX mention_actors_country ON mention_actors (country);

CREATE TABLE errors (
    id {serial_pk},
    path TEXT NOT NULL,
    stage TEXT NOT NULL,
    reason TEXT NOT NULL,
    time TEXT NOT NULL
);

CREATE TABLE merges (
    id {serial_pk},
    kept TEXT NOT NULL,
    merged TEXT NOT NULL,
    reason TEXT NOT NULL,
    time TEXT NOT NULL
);
CREATE INDEX merges_kept ON merges (kept);
CREATE INDEX merges_merged ON merges (merged);
"""
