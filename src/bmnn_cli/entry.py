"""The `bmnn` executable.

`bmnn --version` answers before Typer, Rich or SQLAlchemy are imported:
cron runs this often and start-up time is most of a short run. Any error
that is not a `BmnnError` is a bug; it is reported in one line (the
traceback only with BMNN_DEBUG=1) rather than shown to an officer.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    args = sys.argv[1:]
    if args in (["--version"], ["-V"]):
        from bmnn_cli import __version__

        print(f"bmnn {__version__}")
        return
    from bmnn_cli.cli.app import app
    from bmnn_cli.errors import ExitCode

    try:
        app(prog_name="bmnn")
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # the last line of defence
        if os.environ.get("BMNN_DEBUG", "") not in ("", "0"):
            raise
        from bmnn_cli.i18n import t  # loaded already, with the language of this run

        report = t("err.cli.internal", kind=type(error).__name__, error=error)
        print(f"bmnn: {report}", file=sys.stderr)
        sys.exit(ExitCode.INTERNAL)
