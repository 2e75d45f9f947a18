"""Options and callbacks shared by the command modules (``cli`` and ``spark``), so each option reads the same way."""

from __future__ import annotations

import datetime as dt
import os

import click


def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """Click callback: an ISO date (YYYY-MM-DD) or None; anything else is a usage error naming the value."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None


PUBLISHED_OPTION = click.option(
    "--published",
    callback=iso_date,
    default=None,
    metavar="DATE",
    help="Publication date for every input (overrides metadata and inference).",
)


def type_model_path(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Click callback: the path of a readable type model (loaded once here, so a bad file is a usage error)."""
    if value is None:
        return None
    from .typemodel import load_cached

    path = os.path.abspath(value)  # Spark executors and worker processes open it by this name
    try:
        load_cached(path)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    return path


TYPE_MODEL_OPTION = click.option(
    "--type-model",
    callback=type_model_path,
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    metavar="PATH",
    help="A type model from `newsevents train-types`: retypes the records it codes differently "
    '(type_source "model"). With spark-extract the path must be readable on every executor.',
)
