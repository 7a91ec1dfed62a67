"""A team's shared database: copying a province's SQLite file to PostgreSQL.

These tests need a PostgreSQL server whatever backend the rest of the suite
runs on; they start the same throwaway server (scripts/test.sh installs it).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import CAO_BANG, LAO_CAI, Cli, dump

pytestmark = pytest.mark.slow  # a server of its own when the suite runs on SQLite


@pytest.fixture(scope="module")
def server(pg_base: str | None) -> Iterator[str]:
    """The suite's own server when it runs on PostgreSQL, else one for this module."""
    if pg_base is not None:
        yield pg_base
        return
    from pgserver import server as start

    with start() as base:
        yield base


@pytest.fixture
def empty_pg(server: str, request: pytest.FixtureRequest) -> Iterator[str]:
    from pgserver import create_database, drop_database

    name = f"migrate_{request.node.name}"[:60].replace("[", "_").replace("]", "").replace("-", "_")
    url = create_database(server, name)
    yield url
    drop_database(server, name)


@pytest.fixture
def province_file(cli: Cli, tmp_path: Path) -> Path:
    path = tmp_path / "province.db"
    cli("--db", str(path), "import", str(LAO_CAI))
    cli("--db", str(path), "import", str(CAO_BANG))
    cli("--db", str(path), "submit", "-t", "IV.1.a", "-a", "so tu phap", "-d", "2026-02-20",
        "--as-of", "2026-03-01")  # fmt: skip
    cli("--db", str(path), "amend", "-t", "IV.1.a", "-a", "so tu phap", "-d", "2026-02-21",
        "--reason", "sai ngày", "--as-of", "2026-03-01")  # fmt: skip
    return path


def test_migrate_copies_everything(cli: Cli, province_file: Path, empty_pg: str) -> None:
    out = cli("--lang", "en", "migrate", "--from", str(province_file), "--to", empty_pg)
    assert "Copied" in out and "obligation" in out
    ignore = ("audit_log",)
    assert dump(empty_pg, exclude=ignore) == dump(province_file, exclude=ignore)
    for args in (["status", "--as-of", "2026-11-27"], ["overdue", "--as-of", "2026-11-27"]):
        on_file = json.loads(cli("--db", str(province_file), *args, "--format", "json"))
        on_server = json.loads(cli("--db", empty_pg, *args, "--format", "json"))
        assert on_server == on_file
    # the server numbers new rows after the copied ones
    cli("--db", empty_pg, "submit", "-t", "IV.1.a", "-a", "Sở Nội vụ", "-d", "2026-02-22",
        "--as-of", "2026-03-01")  # fmt: skip
    log = json.loads(cli("--db", empty_pg, "log", "--format", "json"))
    assert [e["action"] for e in log[:2]] == ["submit", "migrate"]


def test_migrate_refuses_a_database_with_plans(
    cli: Cli, province_file: Path, empty_pg: str
) -> None:
    cli("--db", empty_pg, "import", str(LAO_CAI))
    before = dump(empty_pg)
    err = cli.fail("migrate", "--from", str(province_file), "--to", empty_pg, code=6)
    assert "already holds plans" in err
    assert dump(empty_pg) == before


def test_password_never_shown(cli: Cli, server: str) -> None:
    url = server.replace("postgres@", "postgres:s3cret-word@") + "/no_such_database"
    err = cli.fail("--db", url, "plans", code=5)
    assert "s3cret-word" not in err and "***" in err
    err = cli.fail("--db", url, "info", "--format", "json", code=5)
    assert "s3cret-word" not in err and "does not exist" in err
