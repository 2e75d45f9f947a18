"""Shared fixtures: where the optional shared data lives (skipping when it is absent), the spaCy pipeline, the
knowledge base and an actor resolver, and the databases."""

from __future__ import annotations

import os
import pathlib
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest

REPO = pathlib.Path(__file__).resolve().parents[1]
SHARED = pathlib.Path(os.environ.get("NEWSEVENTS_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "seeds"
EVALDATA = SHARED / "evaldata"


@pytest.fixture
def seeds_dir() -> pathlib.Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed pages not found at {SEEDS}")
    return SEEDS


@pytest.fixture
def evaldata_dir() -> pathlib.Path:
    if not EVALDATA.is_dir():
        pytest.skip(f"evaluation data not found at {EVALDATA}")
    return EVALDATA


@pytest.fixture(scope="session")
def nlp():
    from newsevents import nlp as nlp_mod

    return nlp_mod.load()


# --------------------------------------------------------------------------- knowledge base


@pytest.fixture(scope="module")
def kb():
    """The shipped knowledge base (loaded once per process)."""
    from newsevents.kb import KnowledgeBase

    return KnowledgeBase.default()


@pytest.fixture(scope="module")
def resolver():
    """An actor resolver over the shipped knowledge base, one per test module."""
    from newsevents.actors import ActorResolver

    return ActorResolver()


# --------------------------------------------------------------------------- databases


@pytest.fixture
def pg_url():
    base = os.environ.get("NEWSEVENTS_TEST_PG")
    if not base:
        pytest.skip(
            "NEWSEVENTS_TEST_PG is not set (export NEWSEVENTS_TEST_PG=$(scripts/pg_test_server.sh start))"
        )
    import psycopg

    name = f"newsevents_t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield urlunsplit(urlsplit(base)._replace(path="/" + name))
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "events.db")
    return request.getfixturevalue("pg_url")
