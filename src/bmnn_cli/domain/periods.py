"""Periods as people name them: the key an obligation stores, said in words.

An obligation's period is stored as a stable key ("once", "ongoing",
"once-2", "request-3", "2026", "2026-Q3"). Listings, messages and the audit
log show it, and the store matches `--period` against it, so the name lives
in the domain rather than in a listing's columns: the store must not depend
on presentation.
"""

from __future__ import annotations

from bmnn_cli.i18n import t


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
