"""The installed `bmnn` entry point, run as a cron job would run it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import LAO_CAI, ROOT, answerable

BMNN = shutil.which("bmnn")


def run(*args: str, db: Path, **env: str) -> subprocess.CompletedProcess[str]:
    assert BMNN, "the bmnn entry point is not installed (pip install -e .)"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("BMNN_")}
    environment.update(BMNN_DB=str(db), **env)
    return subprocess.run(
        [BMNN, *args], capture_output=True, text=True, env=environment, timeout=120
    )


def test_version(tmp_path: Path) -> None:
    from bmnn_cli import __version__

    result = run("--version", db=tmp_path / "x.db")
    assert result.returncode == 0 and result.stdout.strip() == f"bmnn {__version__}"


@pytest.mark.slow  # two runs of the installed command
def test_import_then_overdue_json(tmp_path: Path) -> None:
    db = tmp_path / "cron.db"
    assert run("import", str(LAO_CAI), db=db).returncode == 0
    result = run("overdue", "--as-of", "2026-03-02", "--format", "json", "--fail-on-overdue", db=db)
    assert result.returncode == 1
    rows = json.loads(result.stdout)
    # every commune, ward and department owes its plan for IV.1.a by 27/02
    assert len(rows) == len(answerable("IV.1.a")) and {r["task"] for r in rows} == {"IV.1.a"}


def test_errors_have_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[plan\n", encoding="utf-8")
    result = run("import", str(bad), db=tmp_path / "x.db")
    assert result.returncode == 3
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_an_unknown_language_is_refused_in_both(tmp_path: Path) -> None:
    """--lang chooses the language, so its own error cannot wait for the choice."""
    result = run("--lang", "fr", "status", db=tmp_path / "x.db")
    assert result.returncode == 2
    assert "'fr': hãy chọn vi (tiếng Việt) hoặc en (tiếng Anh) / choose vi or en" in result.stderr


@pytest.mark.no_database
def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    section = readme.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)```", section, re.S)
    assert len(commands) == 2
    ci_lines = [line.strip() for line in ci.splitlines() if line.strip() and line[0] != "#"]
    assert commands[1].strip() in ci_lines
    script = (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8")
    assert "pip install -q -e '.[test,dev]'" in script
    checks = [
        line.split("#")[0].split() for line in script.splitlines() if line.startswith("stage ")
    ]
    assert checks == [
        ["stage", "ruff", "check", "src", "tests", "benchmarks"],
        ["stage", "ruff", "format", "--check", "src", "tests", "benchmarks"],
        ["stage", "mypy"],
        ["stage", "bash", "scripts/check-wheel.sh"],
    ]
    # both engines side by side, then the `alone` tests one engine after the other
    assert (
        'pytest_run "$logs/$backend" -n auto -m "not alone" --backend "$backend" "$@" &' in script
    )
    alone = (
        'pytest_run "$logs/$backend-alone" -m alone --backend "$backend" "${alone_files[@]}" "$@"'
    )
    assert alone in script
    # which files hold `alone` tests is found in the files themselves, as pytest reads them
    listed = "grep -l 'pytest\\.mark\\.alone' tests/test_*.py"
    assert listed in script


@pytest.mark.no_database
def test_readme_documents_every_command() -> None:
    from bmnn_cli.cli.app import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        assert f"bmnn {name}" in readme, name
