"""Periods as people name them: the key an obligation stores, said in words.

An obligation's period is stored as a stable key ("once", "ongoing",
"once-2", "request-3", "2026", "2026-Q3"). Listings, messages and the audit
log show it, and the store matches `--period` against it, so the name lives
in the domain rather than in a listing's columns: the store must not depend
on presentation.
"""

from __future__ import annotations

import re

from bmnn_cli.errors import UsageError
from bmnn_cli.i18n import LANGUAGES, t, t_in
from bmnn_cli.text import fold

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


_NUMBERED = (("once", "period.once_n"), ("request", "period.request"))


def period_key(text: str) -> str | None:
    """The key of a period written as its label in either language ("một lần", "request 3").

    A script keeps working whatever language the run speaks (`--lang`, BMNN_LANG).
    """
    wanted = fold(text)
    for language in LANGUAGES:
        for key in ("once", "ongoing"):
            if fold(t_in(language, f"period.{key}")) == wanted:
                return key
        for kind, message in _NUMBERED:
            before, _, after = fold(t_in(language, message)).partition("{n}")
            found = re.fullmatch(f"{re.escape(before)}(\\d+){re.escape(after)}", wanted)
            if found:
                return f"{kind}-{int(found[1])}"
    return None
