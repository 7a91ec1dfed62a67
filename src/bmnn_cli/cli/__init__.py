"""The command line: the Typer application (`cli.app`) and one module per area of commands."""

# The command this run was asked for, when the `bmnn` executable knows it before it
# imports `cli.app`: only the module defining that command is imported then
# (`cli.app.register`). None, as for tests and tools that import `cli.app`: every one.
asked: str | None = None
