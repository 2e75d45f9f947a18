"""Shared fixtures: where the optional shared data lives, and skipping when it is absent."""

from __future__ import annotations

import os
import pathlib

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
