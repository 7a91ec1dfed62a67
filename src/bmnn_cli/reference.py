"""docs/cli.md, the command reference, made from the commands' own --help.

Run `python -m bmnn_cli.reference docs/cli.md` after changing a command's
help; tests/test_officer_reference.py fails while the file and the help
disagree, so the reference in the repository never drifts from the tool.
"""

from __future__ import annotations

import sys
from pathlib import Path

WIDTH = 88  # help is wrapped to this width, whatever the terminal

HEAD = """# bmnn command reference

Made from each command's `--help` by `python -m bmnn_cli.reference docs/cli.md`;
a test fails when this file and the help disagree. Messages and tables speak
Vietnamese by default (`--lang en` for English); the help below is the tool's own.

"""


def markdown() -> str:
    """The whole reference: the tool's help, then each command's, in the order of `--help`."""
    import typer.main

    from bmnn_cli.cli.app import app

    group = typer.main.get_command(app)
    root = group.make_context("bmnn", [], resilient_parsing=True, max_content_width=WIDTH)
    root.terminal_width = WIDTH
    parts = [HEAD, "## bmnn\n\n", _block(group.get_help(root))]
    for name in group.list_commands(root):  # type: ignore[attr-defined]
        command = group.get_command(root, name)  # type: ignore[attr-defined]
        ctx = command.make_context(name, [], parent=root, resilient_parsing=True)
        ctx.terminal_width, ctx.max_content_width = WIDTH, WIDTH
        parts += [f"## bmnn {name}\n\n", _block(command.get_help(ctx))]
    return "".join(parts)


def _block(text: str) -> str:
    return "```text\n" + "\n".join(line.rstrip() for line in text.splitlines()) + "\n```\n\n"


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    text = markdown().rstrip("\n") + "\n"
    if args:
        Path(args[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
