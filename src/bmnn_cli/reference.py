"""docs/cli.md and docs/cli.en.md, the command reference, made from the commands' own --help.

Run `python -m bmnn_cli.reference docs/cli.md` after changing a command's
help: it writes the Vietnamese reference there and the English one beside it
(docs/cli.en.md). tests/test_officer_reference.py fails while either file
and the help disagree, so the reference in the repository never drifts from
the tool.
"""

from __future__ import annotations

import sys
from pathlib import Path

WIDTH = 88  # help is wrapped to this width, whatever the terminal


def markdown(language: str = "vi") -> str:
    """The whole reference in `language`: the tool's help, then each command's, as `--help`."""
    import typer.main

    from bmnn_cli import i18n
    from bmnn_cli.cli.app import app
    from bmnn_cli.frame import translate_help

    was = i18n.language()
    i18n.set_language(language)
    try:
        group = typer.main.get_command(app)
        translate_help(group)
        root = group.make_context("bmnn", [], resilient_parsing=True, max_content_width=WIDTH)
        root.terminal_width = WIDTH
        parts = [i18n.t("help.reference.head"), "\n\n## bmnn\n\n", _block(group.get_help(root))]
        for name in group.list_commands(root):  # type: ignore[attr-defined]
            command = group.get_command(root, name)  # type: ignore[attr-defined]
            ctx = command.make_context(name, [], parent=root, resilient_parsing=True)
            ctx.terminal_width, ctx.max_content_width = WIDTH, WIDTH
            parts += [f"## bmnn {name}\n\n", _block(command.get_help(ctx))]
    finally:
        i18n.set_language(was)
    return "".join(parts)


def english_path(path: Path) -> Path:
    """Where the English reference goes beside the Vietnamese one: cli.md → cli.en.md."""
    return path.with_name(f"{path.stem}.en{path.suffix}")


def _block(text: str) -> str:
    return "```text\n" + "\n".join(line.rstrip() for line in text.splitlines()) + "\n```\n\n"


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        sys.stdout.write(markdown().rstrip("\n") + "\n")
        return
    path = Path(args[0])
    path.write_text(markdown("vi").rstrip("\n") + "\n", encoding="utf-8")
    english_path(path).write_text(markdown("en").rstrip("\n") + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
