"""Shell completion: `bmnn completion bash|zsh|fish` prints the shell's part.

The shells call `bmnn` back with `_BMNN_COMPLETE` set (Typer's protocol);
plan ids, task ids and agency names come from the database in use
(`cli.common`, where the options are declared).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from bmnn_cli.cli.app import app

COMPLETE_VAR = "_BMNN_COMPLETE"


class Shell(StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


@app.command(help="help.completion")
def completion(
    shell: Annotated[
        Shell, typer.Argument(help="help.completion.shell", metavar="help.meta.shell")
    ],
) -> None:
    """Print the shell code that completes bmnn's commands, options, plans, tasks, agencies."""
    from typer._completion_shared import get_completion_script

    typer.echo(get_completion_script(prog_name="bmnn", complete_var=COMPLETE_VAR, shell=shell))
