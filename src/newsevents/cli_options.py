"""Options and callbacks shared by the command modules (``cli`` and ``spark``), so each option reads the same way."""

from __future__ import annotations

import datetime as dt

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
