"""Every test gets its own database file and a clean environment."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeAlias

import pytest
from typer.testing import CliRunner

from bmnn_cli import i18n
from bmnn_cli.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
LAO_CAI = EXAMPLES / "lao-cai" / "bmnn-2026.toml"
CAO_BANG = EXAMPLES / "cao-bang" / "law-implementation-2026.toml"
TIMESTAMPS = {"imported_at", "recorded_at", "applied_at", "at", "sent_at", "archived_at"}
Db: TypeAlias = Path | str  # a SQLite file, or a PostgreSQL URL


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--backend",
        choices=("sqlite", "postgresql"),
        default="sqlite",
        help="Database engine the suite runs against (scripts/test.sh runs both).",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL, leave out the tests about the SQLite file itself."""
    if config.getoption("--backend") != "postgresql":
        return
    kept = [item for item in items if "sqlite_only" not in item.keywords]
    left_out = [item for item in items if "sqlite_only" in item.keywords]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


@pytest.fixture(scope="session")
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.config.getoption("--backend"))


@pytest.fixture(scope="session")
def pg_base(backend: str) -> Iterator[str | None]:
    if backend != "postgresql":
        yield None
        return
    from pgserver import server

    with server() as base:
        yield base


_counter = iter(range(1_000_000))


@pytest.fixture
def new_db(pg_base: str | None, tmp_path: Path) -> Iterator[Callable[[str], Db]]:
    """Make another empty database of the backend under test."""
    made: list[str] = []

    def make(name: str) -> Db:
        if pg_base is None:
            return tmp_path / f"{name}.db"
        from pgserver import create_database

        database = f"t{os.getpid()}_{next(_counter)}_{name}".replace("-", "_")[:60]
        made.append(database)
        return create_database(pg_base, database)

    yield make
    if pg_base is not None:
        from pgserver import drop_database

        for database in made:
            drop_database(pg_base, database)


@pytest.fixture(autouse=True)
def env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new_db: Callable[[str], Db]
) -> Iterator[Db]:
    db = new_db("bmnn")
    monkeypatch.setenv("BMNN_DB", str(db))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    for name in ("BMNN_LANG", "NO_COLOR", "BMNN_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    yield db
    i18n.set_language("vi")


@pytest.fixture
def db(env: Db) -> Db:
    return env


class Cli:
    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, code: int = 0) -> str:
        result = self.runner.invoke(app, list(args), catch_exceptions=False)
        assert result.exit_code == code, (result.exit_code, result.output, result.stderr)
        return result.stdout

    def fail(self, *args: str, code: int, lang: str = "en") -> str:
        """Run a command that must fail; return its stderr.

        Errors are checked in English by default, whose wording the tests pin
        down; tests/test_i18n.py checks that the same errors read in Vietnamese.
        """
        result = self.runner.invoke(app, ["--lang", lang, *args], catch_exceptions=False)
        assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
        return result.stderr


@pytest.fixture
def cli() -> Cli:
    return Cli()


@pytest.fixture
def lao_cai(cli: Cli, db: Path) -> Path:
    cli("import", str(LAO_CAI))
    return db


@pytest.fixture
def both(cli: Cli, db: Path) -> Path:
    cli("import", str(LAO_CAI))
    cli("import", str(CAO_BANG))
    return db


@pytest.fixture
def plan_copy(tmp_path: Path) -> Path:
    """A writable copy of the Lào Cai example, registry beside it."""
    folder = tmp_path / "plan"
    shutil.copytree(EXAMPLES / "lao-cai", folder)
    return folder / "bmnn-2026.toml"


def engine_for(db: Db) -> Any:
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    url = db if isinstance(db, str) and "://" in db else f"sqlite:///{db}"
    return create_engine(url, poolclass=NullPool)


def exists(db: Db) -> bool:
    """Whether bmnn has made its schema there (a file, or tables on the server)."""
    if isinstance(db, Path) or "://" not in db:
        return Path(db).exists()
    from sqlalchemy import inspect

    engine = engine_for(db)
    try:
        return bool(inspect(engine).has_table("_bmnn_migrations"))
    finally:
        engine.dispose()


def query(db: Db, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """Rows of a query, with dates as ISO text so that both engines read alike."""
    from sqlalchemy import text

    engine = engine_for(db)
    try:
        with engine.connect() as conn:
            return [tuple(_plain(v) for v in row) for row in conn.execute(text(sql), params)]
    finally:
        engine.dispose()


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def dump(db: Db, *, exclude: tuple[str, ...] = ()) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, without timestamps, to compare databases."""
    if not exists(db):
        return {}
    from sqlalchemy import inspect

    engine = engine_for(db)
    try:
        inspector = inspect(engine)
        tables = set(inspector.get_table_names()) - set(exclude)
        columns = {t: [c["name"] for c in inspector.get_columns(t)] for t in tables}
    finally:
        engine.dispose()
    out = {}
    for table in sorted(tables):
        keep = [c for c in columns[table] if c not in TIMESTAMPS]
        out[table] = sorted(query(db, f"SELECT {', '.join(keep)} FROM {table}"), key=repr)
    return out


REGISTRY = EXAMPLES / "lao-cai" / "agencies.toml"

GOOD_TASK = """
[[tasks]]
id = "IV.1.a"
title = "Gửi kế hoạch"
lead = ["so-ban-nganh"]
deliverable = "plan"
deadline = "trước ngày 27/02/2026"
[[tasks.schedule]]
kind = "fixed"
date = 2026-02-27
"""


def plan_text(tasks: str = GOOD_TASK, header: str = "") -> str:
    """A small plan over the Lào Cai registry; `header` goes inside [plan]."""
    return f"""registry = "{REGISTRY}"

[plan]
id = "test-plan"
title = "Kế hoạch thử"
province = "lao-cai"
year = 2026
{header}
{tasks}"""
