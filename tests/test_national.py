"""Vietnam's holidays of a year, kept in the user's cache folder: the same answer as `holidays`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bmnn_cli.domain import national
from conftest import LAO_CAI, REGISTRY, Cli, loaded_by

YEARS = range(2024, 2031)


@pytest.mark.no_database
def test_kept_years_are_what_the_package_computes(tmp_path: Path) -> None:
    first = {year: national.national(year) for year in YEARS}
    kept = json.loads(national.cache_file().read_text(encoding="utf-8"))
    assert sorted(kept) == [str(year) for year in YEARS]
    for year in YEARS:
        again, fresh = national.national(year), national.computed(year)
        assert dict(first[year]) == dict(again) == dict(fresh) and len(fresh) >= 5, year
        assert first[year].weekend_workdays == again.weekend_workdays == fresh.weekend_workdays
        assert all(day.year == year for day in fresh)


@pytest.mark.no_database
def test_a_kept_year_is_read_without_asking_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = national.national(2026)

    def refuse(year: int) -> national.NationalYear:
        raise AssertionError(f"{year} was computed again")

    monkeypatch.setattr(national, "computed", refuse)
    assert dict(national.national(2026)) == dict(expected)


@pytest.mark.no_database
@pytest.mark.parametrize("damage", ["{not json", '["a list"]', '{"2026": {"days": 3}}'])
def test_a_damaged_cache_file_is_computed_again_and_mended(damage: str) -> None:
    path = national.cache_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(damage, encoding="utf-8")
    assert dict(national.national(2026)) == dict(national.computed(2026))
    assert "2026" in json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.no_database
def test_a_cache_folder_that_cannot_be_written_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv(national.CACHE_ENV, str(blocked / "cache"))  # under a file: no folder
    assert dict(national.national(2027)) == dict(national.computed(2027))
    assert not (blocked.parent / "cache").exists()


@pytest.mark.sqlite_only
def test_an_import_with_the_years_kept_loads_no_holidays_package(
    cli: Cli, db: Path, tmp_path: Path
) -> None:
    """The second import of a plan, in a fresh interpreter, reads the kept years only."""
    cli("import", str(REGISTRY))
    runs = [loaded_by(db, ["import", str(LAO_CAI)], watch=("holidays",)) for _ in range(2)]
    assert runs[0][1].startswith("LOADED 0 ['holidays'"), runs[0][0].stderr
    assert runs[1][1] == "LOADED 0 []", runs[1][0].stderr
    assert "lao-cai" in runs[0][0].stdout + runs[1][0].stdout
