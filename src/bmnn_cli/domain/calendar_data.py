"""Which calendar data this bmnn carries: its text and fingerprint, cheaply.

Kept apart from `domain.official` so that a question on the fast path can
check the fingerprint recorded in the database without parsing the data or
importing `holidays`.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

DATA = "calendar-vn.toml"


def text() -> str:
    """The calendar data shipped with bmnn (package data).

    Read beside this module where bmnn is installed as files, as it nearly
    always is; `importlib.resources` (about 10 ms to import, paid by every
    question) only for an install that is not (a zip).
    """
    beside = Path(__file__).resolve().parent.parent / "data" / DATA
    if beside.is_file():
        return beside.read_text(encoding="utf-8")
    from importlib import resources

    return resources.files("bmnn_cli.data").joinpath(DATA).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """ "calendar-vn vN <digest>; holidays X": changes with the data file and with `holidays`."""
    data = text()
    match = re.search(r"^version\s*=\s*(\d+)", data, re.M)
    version = int(match[1]) if match else 0
    digest = hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]
    return f"calendar-vn v{version} {digest}; holidays {holidays_version()}"


@lru_cache(maxsize=1)
def holidays_version() -> str:
    """The installed `holidays` version, from its dist-info folder (importlib.metadata is slow)."""
    import importlib.util
    import os

    spec = importlib.util.find_spec("holidays")
    if spec is not None and spec.origin:
        folder = os.path.dirname(os.path.dirname(spec.origin))
        for name in os.listdir(folder):
            if name.startswith("holidays-") and name.endswith(".dist-info"):
                return name.removeprefix("holidays-").removesuffix(".dist-info")
    from importlib.metadata import version  # only here: importing it costs ~20 ms of CPU

    return version("holidays")
