"""Periods as people name them: the key an obligation stores, said in words.

An obligation's period is stored as a stable key ("once", "ongoing",
"once-2", "request-3", "2026", "2026-Q3"). Listings, messages and the audit
log show it, and the store matches `--period` against it, so the name lives
in the domain rather than in a listing's columns: the store must not depend
on presentation.
"""

from __future__ import annotations

from bmnn_cli.errors import UsageError
from bmnn_cli.i18n import t

# How far past the newest plan's year a question or a recording may look: further
# is a mistyped --as-of or --year, said in one line rather than stored as periods.
YEARS_AHEAD = 25


def check_year(year: int, newest: int | None) -> None:
    """Refuse `year` when it lies more than YEARS_AHEAD past `newest`, the newest plan's year."""
    if newest is not None and year > newest + YEARS_AHEAD:
        raise UsageError(
            t("err.date.too_far", year=year, newest=newest, limit=newest + YEARS_AHEAD)
        )


def period_label(period: str) -> str:
    """A period key ("once", "request-3", "2026-Q3") as a person reads it."""
    if period in ("once", "ongoing"):
        return t(f"period.{period}")
    kind, _, number = period.partition("-")
    if kind == "once" and number.isdigit():
        return t("period.once_n", n=number)
    if kind == "request" and number.isdigit():
        return t("period.request", n=number)
    return period
