"""Linker support: blocking index, earliest-report anchors and the earliest report of each event.

- ``mention_blocks``: one row per (block key, mention) from :func:`newsevents.link.block_keys` (type x
  participant x date bucket): the linker's candidate lookup, so linking cost follows block sizes, not the store.
- ``mentions.anchor``: :func:`newsevents.link.anchor` of the mention (publication date | article | mention id).
- ``events.anchor`` (the smallest anchor of its mentions, which determines the event id) and
  ``events.first_article`` (the article of that earliest report, GDELT's first-report idea).

Stores written before this step have no blocks or anchors: ``Store.relink()`` fills them and re-links.
"""

SQL = """
ALTER TABLE mentions ADD COLUMN anchor TEXT;
ALTER TABLE events ADD COLUMN anchor TEXT;
ALTER TABLE events ADD COLUMN first_article TEXT;
CREATE TABLE mention_blocks (
    block TEXT NOT NULL,
    mention_id TEXT NOT NULL REFERENCES mentions (id) ON DELETE CASCADE,
    PRIMARY KEY (block, mention_id)
);
CREATE INDEX mention_blocks_mention ON mention_blocks (mention_id);
"""
