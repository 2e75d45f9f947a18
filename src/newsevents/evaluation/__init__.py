"""Scorers against the public gold sets in ``../shared/evaldata`` (see its README for each protocol).

Each module exposes ``score(evaldata_dir: pathlib.Path, **options) -> dict`` returning a flat mapping of
measure name to value (plus counts); ``newsevents eval`` prints them as tables and writes JSON.
"""
