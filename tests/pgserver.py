"""A throwaway PostgreSQL server for the test suite, on localhost.

`initdb` refuses to run as root, and CI runs as root: the cluster is then
made and started as the `postgres` user (Debian's package creates it).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise RuntimeError("PostgreSQL is not installed: scripts/test.sh installs it (Debian package)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@contextmanager
def server() -> Iterator[str]:
    """Start a server; yield its URL (superuser `postgres`, trust auth on 127.0.0.1)."""
    bindir = _bindir()
    folder = Path(tempfile.mkdtemp(prefix="bmnn-pg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    port = _free_port()
    _run(
        _as_postgres(
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        ),  # fmt: skip
    )
    # A throwaway cluster: nothing in it must outlive a crash, so nothing is flushed.
    durability = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    options = (
        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 {durability} -c max_connections=200"
    )
    _run(
        _as_postgres(
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(folder / "log"),
                "-w",
                "start",
            ]
        ),  # fmt: skip
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            _as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
            timeout=120,
        )
        shutil.rmtree(folder, ignore_errors=True)


def _run(command: list[str]) -> None:
    subprocess.run(command, check=True, capture_output=True, timeout=120)


def create_database(
    base: str, name: str, *, template: str | None = None, replace: bool = False
) -> str:
    """Make database `name`, empty or as a copy of `template` (which nobody may be using).

    `replace` drops a database of that name first, over the same connection.
    """
    import psycopg

    # FILE_COPY copies the files instead of logging every block (PostgreSQL 15's default):
    # about a third of the time here, with nothing flushed (see `server`).
    copy = f' TEMPLATE "{template}"' if template else ""
    with psycopg.connect(_libpq(base) + "/postgres", autocommit=True) as conn:
        copy += " STRATEGY FILE_COPY" if conn.info.server_version >= 150000 else ""
        if replace:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"{copy}')
    return f"{base}/{name}"


def drop_database(base: str, name: str) -> None:
    import psycopg

    with psycopg.connect(_libpq(base) + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")
