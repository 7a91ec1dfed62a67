"""One message catalogue: Vietnamese by default, English on request.

The language comes from `--lang`, then `BMNN_LANG`, then Vietnamese.
"""

from __future__ import annotations

import os
from typing import Final

from bmnn_cli.messages import (
    correctness,
    deadlines,
    events,
    extract,
    extractor,
    frame,
    help,
    hostile,
    inputs,
    notices,
    officer,
    options,
    pdf,
    progress,
    records,
    toml,
    words,
)

LANGUAGES: Final = ("vi", "en")


def _assemble(*tables: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """One catalogue from its parts; a key defined twice is a mistake caught at start."""
    merged: dict[str, tuple[str, str]] = {}
    for table in tables:
        twice = merged.keys() & table.keys()
        assert not twice, f"message keys defined twice: {sorted(twice)}"
        merged.update(table)
    return merged


MESSAGES: Final = _assemble(
    words.MESSAGES,
    notices.MESSAGES,
    inputs.MESSAGES,
    records.MESSAGES,
    options.MESSAGES,
    extract.MESSAGES,
    toml.MESSAGES,
    deadlines.MESSAGES,
    extractor.MESSAGES,
    correctness.MESSAGES,
    officer.MESSAGES,
    hostile.MESSAGES,
    events.MESSAGES,
    pdf.MESSAGES,
    help.MESSAGES,
    progress.MESSAGES,
    frame.MESSAGES,
)

_language = "vi"


def set_language(language: str | None) -> str:
    """Choose the language for this run; unknown values fall back to Vietnamese."""
    global _language
    chosen = (language or os.environ.get("BMNN_LANG") or "vi").strip().lower()[:2]
    _language = chosen if chosen in LANGUAGES else "vi"
    return _language


def language() -> str:
    return _language


def t(key: str, **values: object) -> str:
    """The message for `key` in the current language, with `values` filled in.

    A message with a `count` may have a singular form under `key#one`
    ("Imported 1 row"); Vietnamese nouns do not change with the number.
    """
    return t_in(_language, key, **values)


def t_in(language: str, key: str, **values: object) -> str:
    """`t` in the given language, whichever this run speaks (to read what either says)."""
    if values.get("count") == 1 and f"{key}#one" in MESSAGES:
        key = f"{key}#one"
    vi, en = MESSAGES[key]
    text = en if language == "en" else vi
    return text.format(**values) if values else text
