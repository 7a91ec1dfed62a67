"""Agencies that join a group late, and agencies merged into a successor."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import EXAMPLES, Cli, Db

PLAN = """registry = "agencies.toml"

[plan]
id = "test-plan"
title = "Kế hoạch thử"
province = "lao-cai"
year = 2026

[[tasks]]
id = "R"
title = "Báo cáo"
lead = ["so-ban-nganh"]
deliverable = "report"
deadline = "trước ngày 30/10 hàng năm"
[[tasks.schedule]]
kind = "yearly"
month = 10
day = 30
"""

EXTRA = """
[[agencies]]
id = "so-moi"
name = "Sở Mới"
kind = "department"
groups = [{ group = "so-ban-nganh", since = 2027-01-15 }]

[[agencies]]
id = "so-cu"
name = "Sở Cũ"
kind = "department"
groups = ["so-ban-nganh"]
successor = "cong-an-tinh"
merged_on = 2027-06-01
"""


def setup(tmp_path: Path, cli: Cli) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    registry = (EXAMPLES / "lao-cai" / "agencies.toml").read_text(encoding="utf-8")
    (folder / "agencies.toml").write_text(registry + EXTRA, encoding="utf-8")
    (folder / "plan.toml").write_text(PLAN, encoding="utf-8")
    cli("import", str(folder / "plan.toml"))
    shutil.rmtree(folder)


def periods(cli: Cli, agency: str, as_of: str) -> dict[str, str]:
    rows = json.loads(cli("show", "R", "--plan", "test-plan", "--as-of", as_of, "-f", "json"))
    return {r["period"]: r["status"] for r in rows["obligations"] if r["agency"] == agency}


def test_agency_joining_later_owes_only_later_periods(cli: Cli, tmp_path: Path) -> None:
    setup(tmp_path, cli)
    assert periods(cli, "Sở Mới", "2027-12-01") == {"2027": "overdue"}


def test_merged_agency_passes_open_obligations_on(cli: Cli, tmp_path: Path) -> None:
    setup(tmp_path, cli)
    # Sở Cũ never reported for 2026; after its merger into Công an tỉnh (which the
    # task does not name) the successor owes both its open 2026 report and 2027's
    assert periods(cli, "Sở Cũ", "2027-12-01") == {}
    assert periods(cli, "Công an tỉnh", "2027-12-01") == {"2026": "overdue", "2027": "overdue"}


def test_agencies_of_two_provinces_are_told_apart_by_their_province(cli: Cli, both: Db) -> None:
    """Both provinces have a "Sở Tư pháp": a status across them names the province."""
    rows = json.loads(
        cli("status", "--agency", "so tu phap", "--as-of", "2026-11-27", "--format", "json")
    )
    names = [row["agency"] for row in rows if row["level"] == "agency"]
    assert names == ["Sở Tư pháp (Lào Cai)", "Sở Tư pháp (Cao Bằng)"]
    one = json.loads(
        cli("status", "--plan", "lao-cai-bmnn-2026", "--as-of", "2026-11-27", "-f", "json")
    )
    assert "Sở Tư pháp" in [row["agency"] for row in one]  # one province: names as they are
