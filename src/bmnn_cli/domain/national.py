"""Vietnam's Labor Code holidays of a year, as the `holidays` package computes them, kept.

Importing `holidays` loads all of its ~250 country modules (about 0.3 s of
CPU), which would be most of a `bmnn import` or `bmnn request` on a
province's plan. What it computes for Vietnam depends only on the year and
on the package's version, so each year is worked out once and kept in a
small JSON file in the user's cache folder (`$BMNN_CACHE_DIR`, else the
platform's, e.g. ~/.cache/bmnn), one file per `holidays` version. The file
is only a copy: when it cannot be read or written, the package is asked.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from bmnn_cli.domain.calendar_data import holidays_version

CACHE_ENV = "BMNN_CACHE_DIR"


class NationalYear(dict[dt.date, str]):
    """One year's holidays (day → name) and the weekend days worked in their place."""

    weekend_workdays: frozenset[dt.date]

    def __init__(self, days: dict[dt.date, str], weekend_workdays: frozenset[dt.date]) -> None:
        super().__init__(days)
        self.weekend_workdays = weekend_workdays


def cache_file() -> Path:
    folder = os.environ.get(CACHE_ENV)
    if folder:
        base = Path(folder)
    else:
        import platformdirs

        base = platformdirs.user_cache_path("bmnn")
    return base / f"holidays-vn-{holidays_version()}.json"


def computed(year: int) -> NationalYear:
    """The year as the `holidays` package gives it (names in Vietnamese)."""
    import holidays

    found = holidays.country_holidays("VN", years=year, language="vi")
    weekend = frozenset(getattr(found, "weekend_workdays", ()))
    return NationalYear({day: str(name) for day, name in found.items()}, weekend)


def national(year: int) -> NationalYear:
    """The year from the cache file, else computed and added to it."""
    path = cache_file()
    kept = _read(path)
    entry = kept.get(str(year))
    if entry is not None:
        try:
            return _decode(entry)
        except (TypeError, ValueError, AttributeError):
            pass  # a damaged entry: computed again below
    answer = computed(year)
    kept[str(year)] = _encode(answer)
    _write(path, kept)
    return answer


def _encode(year: NationalYear) -> dict[str, Any]:
    return {
        "days": {day.isoformat(): name for day, name in sorted(year.items())},
        "weekend_workdays": sorted(day.isoformat() for day in year.weekend_workdays),
    }


def _decode(entry: Any) -> NationalYear:
    days = {dt.date.fromisoformat(day): str(name) for day, name in entry["days"].items()}
    weekend = frozenset(dt.date.fromisoformat(day) for day in entry["weekend_workdays"])
    return NationalYear(days, weekend)


def _read(path: Path) -> dict[str, Any]:
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return kept if isinstance(kept, dict) else {}


def _write(path: Path, kept: dict[str, Any]) -> None:
    """Replace the file whole (another run reading it sees the old or the new one)."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(kept, ensure_ascii=False, sort_keys=True), "utf-8")
        os.replace(temporary, path)
    except OSError:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass
