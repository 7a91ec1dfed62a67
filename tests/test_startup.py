"""Start-up: `bmnn CMD` imports the one module defining CMD, and answers as with all of them.

A run of one command used to import every command module and have Typer turn
every command's signature into Click parameters; now the executable names the
command before `cli.app` is imported (`entry.command_asked`) and
`cli.app.register` imports only its module. `--version` answers before Typer.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest

from bmnn_cli.cli.app import COMMAND_MODULES, app
from bmnn_cli.entry import command_asked
from conftest import Db

AS_OF = "2026-03-05"

# A fresh interpreter runs `bmnn ARGS` through the executable's own `main`, then
# reports which command modules and which libraries it imported.
SCRIPT = """
import sys
{before}
from bmnn_cli.entry import main
sys.argv = ["bmnn", *{args!r}]
try:
    main()
except SystemExit:
    pass
sys.stdout.flush()
names = sorted(m for m in sys.modules if m.startswith("bmnn_cli.cli.") and m != "bmnn_cli.cli.app")
libraries = {{"typer", "sqlalchemy", "sqlmodel", "rich"}}
tops = sorted({{m.split(".")[0] for m in sys.modules}} & libraries)
from bmnn_cli.cli.app import app
commands = len(app.registered_commands)
print("LOADED", names, tops, "importlib.metadata" in sys.modules, commands, file=sys.stderr)
"""


def run(args: list[str], *, every_module: bool = False) -> tuple[str, str, str]:
    """stdout, stderr without the report, and the report of what was imported."""
    before = "import bmnn_cli.cli.app" if every_module else ""
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(before=before, args=args)],
        env=dict(os.environ), capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    err, _, report = done.stderr.rpartition("LOADED ")
    return done.stdout, err, report.strip()


def name_of(command: Any) -> str:
    """A command's name as Typer gives it: its own, or its function's with dashes."""
    return str(command.name or command.callback.__name__.lower().replace("_", "-"))


@pytest.mark.no_database
def test_the_table_of_command_modules_is_what_each_module_registers() -> None:
    """`COMMAND_MODULES` names each command where it is defined, in the order of `--help`."""
    registered = [
        (command.callback.__module__.rsplit(".", 1)[1], name_of(command))
        for command in app.registered_commands
        if command.callback is not None
    ]
    table = [(module, name) for module, names in COMMAND_MODULES.items() for name in names]
    assert registered == table


@pytest.mark.no_database
@pytest.mark.parametrize(
    ("args", "asked"),
    [
        (["overdue", "--as-of", AS_OF], "overdue"),
        (["--db", "x.db", "--lang", "en", "due"], "due"),
        (["--lang=en", "--db=x.db", "submit", "-t", "I.1"], "submit"),
        (["status", "--lang", "en"], "status"),
        (["ovrdue"], "ovrdue"),  # unknown: every module, for "Did you mean"
        (["--help"], None),
        (["-h", "overdue"], None),
        (["--bogus", "overdue"], None),
        (["--db"], None),
        ([], None),
    ],
)  # fmt: skip
def test_the_command_asked(args: list[str], asked: str | None) -> None:
    assert command_asked(args) == asked


@pytest.mark.no_database
def test_no_command_module_is_chosen_for_completion(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_BMNN_COMPLETE", "complete_bash")
    assert command_asked(["overdue"]) is None


def test_a_command_imports_its_module_only_and_answers_the_same(lao_cai: Db) -> None:
    args = ["overdue", "--as-of", AS_OF, "--format", "json"]
    out, err, report = run(args)
    assert report.startswith("['bmnn_cli.cli.common', 'bmnn_cli.cli.tracking']"), report
    assert report.endswith(" 1"), report  # Typer builds that one command's parameters
    if "://" not in str(lao_cai):  # a file read with sqlite3 needs no importlib.metadata (~20 ms)
        assert report.endswith(" False 1"), report
    assert (out, err) == run(args, every_module=True)[:2]
    assert out.startswith("[")


@pytest.mark.no_database
def test_a_commands_help_and_error_are_the_same_with_its_module_alone() -> None:
    for args in (["waive", "--help"], ["overdue", "--limit", "0"], ["submit", "I.1", "x"]):
        alone = run(args)
        assert "'bmnn_cli.cli.plans'" not in alone[2], (args, alone[2])
        assert alone[:2] == run(args, every_module=True)[:2], args


@pytest.mark.no_database
def test_group_help_lists_every_command() -> None:
    out, _, report = run(["--help"])
    for names in COMMAND_MODULES.values():
        assert all(f"\n  {name} " in out for name in names), out
    assert all(f"'bmnn_cli.cli.{module}'" in report for module in COMMAND_MODULES), report
    assert report.endswith(f" {sum(map(len, COMMAND_MODULES.values()))}"), report


@pytest.mark.no_database
def test_version_answers_before_typer() -> None:
    out, _, report = run(["--version"])
    assert out.startswith("bmnn ") and report.startswith("[] [] False"), report
