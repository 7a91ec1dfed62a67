"""Where the time of `bmnn overdue` / `status` / `report` goes, on one database.

Captures the SQL that bmnn's listing functions (bmnn_cli.store.queries, bmnn_cli.store.counts) send,
prints SQLite's EXPLAIN QUERY PLAN for each statement and its time when run
alone through the stdlib sqlite3 module (best of --repeat), then times the
phases of one in-process run: importing the CLI and store modules, each
query function (SQL plus building the row dicts; for `overdue --format json`
the lines the database writes) and JSON encoding of what it returns
(indent=2, so the pure-Python encoder).

It calls bmnn's internal query functions, so it follows them as they change;
when their signatures change it says so and stops.

    python benchmarks/explain.py DB [--as-of 2030-11-27] [--repeat 3]
    python benchmarks/scale.py --keep /tmp/bmnn-bench   # makes DB files to point it at
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

IMPORTS = "import bmnn_cli.cli.app, bmnn_cli.cli.tracking, bmnn_cli.store.queries"


def import_seconds(repeat: int) -> tuple[float, float]:
    """Best wall time of a bare interpreter and of one importing what a listing needs."""
    with tempfile.TemporaryDirectory(prefix="bmnn-explain-") as tmp:
        # bytecode cached as in a normal install, in a private folder (never in src/)
        env = {**os.environ, "PYTHONPYCACHEPREFIX": tmp}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        return best("pass", env, repeat), best(IMPORTS, env, repeat)


def best(code: str, env: dict[str, str], repeat: int) -> float:
    """Best wall time of `python -c code`, after one warm-up run."""
    times = []
    for _ in range(repeat + 1):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        times.append(time.perf_counter() - start)
    return min(times[1:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("db", type=Path)
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2030, 11, 27))
    parser.add_argument("--quarter", type=int, default=3, help="report quarter (3)")
    parser.add_argument("--year", type=int, default=2030, help="report year (2030)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.db.is_file():
        parser.error(f"{args.db}: no such database")

    bare, imported = import_seconds(args.repeat)
    print(f"start-up: python -c pass {bare * 1000:.0f} ms; importing the CLI and store")
    print(f"modules ({IMPORTS.removeprefix('import ')}) {imported * 1000:.0f} ms\n")

    from sqlalchemy import event

    from bmnn_cli.domain.schedule import quarter_bounds
    from bmnn_cli.store import counts, json_lines, queries
    from bmnn_cli.store.db import open_store
    from bmnn_cli.store.lookup import Scope

    store = open_store(args.db, create=False)
    captured: list[tuple[str, Any]] = []

    @event.listens_for(store.engine, "before_cursor_execute")
    def _capture(
        _conn: Any, _cursor: Any, statement: str, parameters: Any, _ctx: Any, _many: bool
    ) -> None:
        captured.append((statement, parameters))

    day = args.as_of
    start, end = quarter_bounds(args.year, args.quarter)
    window = queries.Window(start, end)  # the whole quarter, as `bmnn report` counts
    calls: list[tuple[str, Any]] = [
        ("overdue", lambda s: queries.overdue(s, Scope(), day)),
        # what `overdue --format json` reads: each row's JSON written by the database
        ("overdue as JSON lines", lambda s: list(json_lines.overdue(s, Scope(), day))),
        ("status", lambda s: counts.status(s, Scope(), day)),
        ("report: status in the quarter", lambda s: counts.status(s, Scope(), day, window)),
    ]
    phases: list[tuple[str, float, int, float]] = []
    statements: list[tuple[str, str, Any]] = []
    try:
        with store.read() as session:
            for name, call in calls:
                captured.clear()
                begun = time.perf_counter()
                rows = call(session)
                took = time.perf_counter() - begun
                begun = time.perf_counter()
                json.dumps(rows, ensure_ascii=False, indent=2, default=str)
                encoded = time.perf_counter() - begun
                phases.append((name, took, len(rows), encoded))
                statements += [
                    (name, sql, params)
                    for sql, params in captured
                    if sql.lstrip().upper().startswith(("SELECT", "WITH"))
                ]
    except TypeError as error:
        sys.exit(f"benchmarks/explain.py: bmnn's query functions changed ({error}); update me")
    store.engine.dispose()

    con = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    for name, sql, params in statements:
        first = " ".join(sql.split())[:90]
        print(f"[{name}] {first} ...")
        for row in con.execute("EXPLAIN QUERY PLAN " + sql, params):
            print(f"    {row[3]}")
        times = []
        for _ in range(args.repeat):
            begun = time.perf_counter()
            count = len(con.execute(sql, params).fetchall())
            times.append(time.perf_counter() - begun)
        print(f"    -> {count} rows, best of {args.repeat}: {min(times) * 1000:.0f} ms\n")
    con.close()

    print(f"{'in-process phase':<32} {'rows':>8} {'query ms':>9} {'json ms':>8}")
    for name, took, count, encoded in phases:
        print(f"{name:<32} {count:>8} {took * 1000:>9.0f} {encoded * 1000:>8.0f}")
    print("(query = SQL plus the row dicts bmnn builds; json = json.dumps(indent=2) of them)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
