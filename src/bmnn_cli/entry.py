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
        try:
            app(prog_name="bmnn")
        finally:
            sys.stdout.flush()  # here, not at exit: a full disk behind `>` is an error
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 - the last line of defence
        from bmnn_cli.i18n import t  # loaded already, with the language of this run

        if isinstance(error, OSError) and _disk_full(error):
            print(f"bmnn: {t('err.hostile.disk_full_stdout')}", file=sys.stderr)
            _drop_stdout()
            sys.exit(ExitCode.USAGE)
        if os.environ.get("BMNN_DEBUG", "") not in ("", "0"):
            raise

        report = t("err.cli.internal", kind=type(error).__name__, error=error)
        print(f"bmnn: {report}", file=sys.stderr)
        sys.exit(ExitCode.INTERNAL)


def _disk_full(error: OSError) -> bool:
    import errno

    return error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def _drop_stdout() -> None:
    """Standard output cannot take more; let the interpreter's final flush find nothing."""
    try:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until exit
    except OSError:
        pass
