"""Every test gets its own database file and a clean environment."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bmnn_cli import i18n
from bmnn_cli.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
LAO_CAI = EXAMPLES / "lao-cai" / "bmnn-2026.toml"
CAO_BANG = EXAMPLES / "cao-bang" / "law-implementation-2026.toml"
TIMESTAMPS = {"imported_at", "recorded_at", "applied_at"}


@pytest.fixture(autouse=True)
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    db = tmp_path / "bmnn.db"
    monkeypatch.setenv("BMNN_DB", str(db))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    for name in ("BMNN_LANG", "NO_COLOR", "BMNN_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    yield db
    i18n.set_language("vi")


@pytest.fixture
def db(env: Path) -> Path:
    return env


class Cli:
    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, code: int = 0) -> str:
        result = self.runner.invoke(app, list(args), catch_exceptions=False)
        assert result.exit_code == code, (result.exit_code, result.output, result.stderr)
        return result.stdout

    def fail(self, *args: str, code: int) -> str:
        """Run a command that must fail; return its stderr."""
        result = self.runner.invoke(app, list(args), catch_exceptions=False)
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


def dump(path: Path, *, exclude: tuple[str, ...] = ()) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, without timestamps, to compare databases."""
    if not path.exists():
        return {}
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        out = {}
        for table in sorted(set(tables) - set(exclude)):
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            keep = [c for c in columns if c not in TIMESTAMPS]
            rows = conn.execute(f"SELECT {', '.join(keep)} FROM {table}").fetchall()
            out[table] = sorted(rows, key=repr)
    return out


REGISTRY = EXAMPLES / "lao-cai" / "agencies.toml"


def plan_text_with_registry(extra: str = "", tasks: str = "") -> str:
    """A small plan over the Lào Cai registry; `extra` goes inside [plan]."""
    tasks = (
        tasks
        or """
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
    )
    return f"""registry = "{REGISTRY}"

[plan]
id = "test-plan"
title = "Kế hoạch thử"
province = "lao-cai"
year = 2026
{extra}
{tasks}"""
