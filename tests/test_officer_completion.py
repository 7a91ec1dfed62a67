"""Shell completion: the shells' scripts, and plan ids, task ids and agencies from the database."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import Cli, Db


def complete(env: dict[str, str]) -> list[str]:
    """What a shell gets back when it asks `bmnn` (a real process) to complete a line."""
    done = subprocess.run(
        [sys.executable, "-m", "bmnn_cli"],
        env={**os.environ, **env}, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return [line for line in done.stdout.splitlines() if line]


def bash(line: str) -> list[str]:
    words = line.split(" ")
    return complete(
        {"_BMNN_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    )


@pytest.mark.no_database
@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_each_shells_script(cli: Cli, shell: str) -> None:
    script = cli("completion", shell)
    assert "_BMNN_COMPLETE=complete_" in script and "bmnn" in script


@pytest.mark.slow  # a completion run per word completed
def test_completion_of_commands_tasks_plans_and_agencies(cli: Cli, lao_cai: Db) -> None:
    assert "overdue" in bash("bmnn over")
    assert bash("bmnn show IV.1") == ["IV.1.a", "IV.1.b"]
    assert bash("bmnn submit --task III.8") == ["III.8.1", "III.8.2", "III.8.3", "III.8.4"]
    assert bash("bmnn status --plan lao") == ["lao-cai-bmnn-2026"]
    assert sorted(bash("bmnn overdue -a so-t")) == ["so-tai-chinh", "so-tttt", "so-tu-phap"]
    names = complete(
        {"_BMNN_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "bmnn agency Sở\\ T"}
    )
    assert "Sở Tài chính" in "\n".join(names) and "Sở Tư pháp" in "\n".join(names)
    fish = complete({
        "_BMNN_COMPLETE": "complete_fish", "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        "_TYPER_COMPLETE_ARGS": "bmnn waive -t IV.1",
    })  # fmt: skip
    assert fish == ["IV.1.a", "IV.1.b"]


def test_completion_without_a_database_offers_nothing_and_says_nothing(cli: Cli) -> None:
    assert bash("bmnn show IV") == []
