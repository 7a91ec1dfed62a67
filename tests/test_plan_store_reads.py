"""The store's answers to what `extract` and `log` ask about stored plans and agencies.

The commands used to run their own queries; these are the store functions
they call now, on a real database with the Lào Cai example imported.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlmodel import Session

from bmnn_cli.store.catalog import plan_title
from bmnn_cli.store.db import open_store
from bmnn_cli.store.reader import Reader, reader_of
from bmnn_cli.store.registry import agency_names, find_registry
from conftest import EXAMPLES, LAO_CAI, Cli, Db, read_toml

DOCUMENT = EXAMPLES / "documents" / "lao-cai-2026-bmnn-plan.txt"
PLAN = read_toml(LAO_CAI)["plan"]
PROVINCE = read_toml(EXAMPLES / "lao-cai" / "agencies.toml")["province"]


@contextmanager
def reading(db: Db) -> Iterator[tuple[Session, Reader]]:
    store = open_store(db, create=False)
    try:
        with store.read() as session:
            yield session, reader_of(session)
    finally:
        store.engine.dispose()


def test_the_registry_is_found_by_id_or_by_name_typed_any_way(lao_cai: Db) -> None:
    with reading(lao_cai) as (_, reader):
        for typed in (PROVINCE["id"], PROVINCE["name"], "LAO CAI", "lào cai"):
            found = find_registry(reader, typed)
            assert found is not None and found.province == PROVINCE["id"], typed
        assert find_registry(reader, "Cao Bằng") is None


def test_agency_names_by_plan_and_without_one(lao_cai: Db) -> None:
    with reading(lao_cai) as (_, reader):
        names = agency_names(reader)
    assert names[(PLAN["id"], "cong-an-tinh")] == names[("", "cong-an-tinh")] == "Công an tỉnh"


def test_the_title_of_a_stored_plan(lao_cai: Db) -> None:
    with reading(lao_cai) as (_, reader):
        assert plan_title(reader, PLAN["id"]) == PLAN["title"]
        assert plan_title(reader, "no-such-plan") is None


def test_log_of_a_group_lists_the_entries_of_its_members(cli: Cli, lao_cai: Db) -> None:
    for agency in ("so tu phap", "Sở Nội vụ"):
        cli("waive", "-t", "IV.1.a", "-a", agency, "--reason", "sáp nhập", "--as-of", "2026-03-01")
    entries = json.loads(cli("log", "--agency", "so-ban-nganh", "-f", "json"))
    assert sorted(e["agency"] for e in entries) == ["so-noi-vu", "so-tu-phap"]


def test_a_draft_with_the_id_of_a_plan_imported_under_another_title_says_so(
    cli: Cli, plan_copy: Path, tmp_path: Path
) -> None:
    """Importing the draft would replace that plan: the draft warns, in the run's language."""
    text = plan_copy.read_text(encoding="utf-8")
    plan_copy.write_text(text.replace(PLAN["title"], "Kế hoạch khác", 1), encoding="utf-8")
    cli("import", str(plan_copy))
    draft = tmp_path / "draft.toml"
    cli("--lang", "en", "extract", str(DOCUMENT), "--id", PLAN["id"], "-o", str(draft))
    assert f"a plan '{PLAN['id']}' (Kế hoạch khác) is already imported" in draft.read_text()
