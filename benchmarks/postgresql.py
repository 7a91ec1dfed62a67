"""The scale benchmark's questions on PostgreSQL, beside the same on SQLite.

Generates (or, with --keep, reuses) the synthetic SQLite databases of
scale.py, copies each into a throwaway PostgreSQL server with `bmnn migrate`
(timed once), then times `overdue`, `status` and `report` on both engines in
the same run. The server is the test suite's (tests/pgserver.py): Debian's
`postgresql` package must be installed.

    python benchmarks/postgresql.py [--scale province|country|both] [--runs 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

import scale as bench  # noqa: E402  (the sibling script)

from pgserver import create_database, server  # noqa: E402  (the test suite's server)


def migrate(bmnn: str, source: Path, url: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [bmnn, "migrate", "--from", str(source), "--to", url], env=env, capture_output=True
    )
    if done.returncode != 0:
        sys.exit(f"bmnn migrate failed: {done.stderr.decode()[-2000:]}")
    return time.perf_counter() - started


def questions() -> list[tuple[str, list[str], object]]:
    as_of = ["--as-of", bench.AS_OF.isoformat()]
    year, quarter = bench.REPORT_QUARTER
    report = ["report", "--quarter", str(quarter), "--year", str(year), "--format", "json"]
    return [
        ("overdue", ["overdue", "--format", "json", *as_of], bench._count_list),
        ("status", ["status", "--format", "json", *as_of], bench._count_status),
        ("report", [*report, *as_of], bench._count_report),
    ]


def compare(name: str, sqlite_db: Path, url: str, runs: int, bmnn: str, tmp: Path) -> list[str]:
    lines = []
    for query, args, count in questions():
        timed = {}
        for engine, target in (("sqlite", str(sqlite_db)), ("postgresql", url)):
            env = bench.child_env(tmp)
            env["BMNN_DB"] = target
            timed[engine] = bench.run(engine, query, [bmnn, *args], env, runs, count, tmp)
        lite, pg = timed["sqlite"], timed["postgresql"]
        if lite.rows != pg.rows:
            lines.append(f"ROW MISMATCH {name} {query}: sqlite {lite.rows}, postgresql {pg.rows}")
        lines.append(
            f"| {name} | {query} | {lite.rows:,} | {lite.median * 1000:,.0f} | "
            f"{pg.median * 1000:,.0f} | {pg.median / lite.median:.2f}x | "
            f"{lite.peak_mb:.0f} | {pg.peak_mb:.0f} |"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scale", choices=["province", "country", "both"], default="both")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="reuse generated SQLite databases here")
    options = parser.parse_args()
    names = ["province", "country"] if options.scale == "both" else [options.scale]
    bmnn = bench.find_bmnn()
    table = [
        "| scale | query | rows | SQLite ms | PostgreSQL ms | PG / SQLite | SQLite MB | PG MB |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    copies = []
    with tempfile.TemporaryDirectory(prefix="bmnn-pg-bench-") as scratch, server() as base:
        tmp = Path(scratch)
        folder = options.keep or tmp
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            made = bench.database(bench.SCALES[name], folder, options.keep is not None)
            url = create_database(base, f"bench_{name}")
            seconds = migrate(bmnn, made.path, url, bench.child_env(tmp))
            copies.append(f"{name}: `bmnn migrate` copied {made.counts} in {seconds:.1f} s")
            print(f"\n[{name}] copied to PostgreSQL in {seconds:.1f} s", file=sys.stderr)
            table += compare(name, made.path, url, options.runs, bmnn, tmp)
    print(f"as of {bench.AS_OF}; median of {options.runs} runs after a warm-up\n")
    print("\n".join(copies), "\n")
    print("\n".join(table))
    return 0


if __name__ == "__main__":
    sys.exit(main())
