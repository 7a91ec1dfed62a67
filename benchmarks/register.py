"""How fast `bmnn submit --from-csv` records a large register, against raw sqlite3.

A synthetic province (1 000 agencies, 15 yearly tasks, 2026-2035: 150 000
obligations) is imported with `bmnn import`; a register of one document per
obligation (150 000 rows, in random order) is then recorded with the
installed entry point, `bmnn submit --from-csv`, all in one transaction and
by the rule `bmnn submit` follows (the same submission twice is one; each
document answers the earliest open dated period).

Baseline, in the same run: the same rows written into a copy of the same
database with the standard `sqlite3` module and `executemany` (one insert
into `submission` and `audit_log` and one update of `obligation` per row,
keyed by obligation ids looked up beforehand, in one transaction), which is
about the least work any recorder of these rows can do.

Then the register is recorded a second time: every row is a repeat, so
nothing changes and the command reports them all as already recorded.

    python benchmarks/register.py [--agencies 1000] [--tasks 15] [--years 10] [--keep DIR]

Target: 150 000 rows in seconds (under 30 s on a busy 2-core machine), all
or nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from synthetic import write_plan  # noqa: E402

AS_OF = "2035-12-31"


def _bmnn() -> str:
    found = shutil.which("bmnn", path=str(Path(sys.executable).parent))
    if found is None:
        raise SystemExit("the bmnn entry point is not installed next to this Python")
    return found


def _register(path: Path, agencies: int, tasks: int, years: int) -> int:
    rows = [
        (f"T.{t}", f"co-quan-{a}", f"15/10/{2026 + y}", f"{a}-{t}-{y}/BC")
        for a in range(agencies)
        for t in range(tasks)
        for y in range(years)
    ]
    random.Random(12).shuffle(rows)
    with path.open("w", encoding="utf-8") as out:
        out.write("task,agency,date,ref\n")
        out.writelines(",".join(row) + "\n" for row in rows)
    return len(rows)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(*args: str, env: dict[str, str]) -> tuple[float, float, str]:
    """Wall-clock and CPU seconds of one run of a command (CPU: steadier on a busy machine)."""
    cpu, start = _children_cpu(), time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return elapsed, _children_cpu() - cpu, done.stdout.strip()


def _baseline(db: Path, register: Path) -> tuple[float, float]:
    """The same rows with sqlite3 executemany, ids looked up before the clock starts."""
    connection = sqlite3.connect(db, isolation_level=None)
    ids = {
        (task, agency, period): oid
        for oid, task, agency, period in connection.execute(
            "SELECT o.id, t.code, a.code, o.period FROM obligation o"
            " JOIN task t ON t.id = o.task_id JOIN agency a ON a.id = o.agency_id"
        )
    }
    lines = register.read_text(encoding="utf-8").splitlines()[1:]
    rows = []
    for line in lines:
        task, agency, day, ref = line.split(",")
        d, m, y = day.split("/")
        rows.append((ids[(task, agency, y)], f"{y}-{m}-{d}", ref))
    cpu, start = time.process_time(), time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(
        "INSERT INTO submission (obligation_id, submitted_on, ref, note, state, reason,"
        " recorded_at, recorded_by) VALUES (?, ?, ?, '', 'active', '', '2026-12-01', 'bench')",
        rows,
    )
    connection.executemany(
        "UPDATE obligation SET submitted_on = ? WHERE id = ?", [(d, i) for i, d, _ in rows]
    )
    connection.executemany(
        "INSERT INTO audit_log (at, os_user, command, action, detail)"
        " VALUES ('2026-12-01', 'bench', 'bench', 'submit', ?)",
        [(f"{d} {r}",) for _, d, r in rows],
    )
    connection.execute("COMMIT")
    elapsed, used = time.perf_counter() - start, time.process_time() - cpu
    connection.close()
    return elapsed, used


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=1000)
    parser.add_argument("--tasks", type=int, default=15)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--keep", type=Path, help="keep the files in this folder")
    options = parser.parse_args()
    folder = options.keep or Path(tempfile.mkdtemp(prefix="bmnn-register-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "bmnn.db"
    for stale in folder.glob("*.db*"):
        stale.unlink()
    env = {**os.environ, "BMNN_DB": str(db)}
    bmnn = _bmnn()
    plan = write_plan(
        folder / "plan", agencies=options.agencies, tasks=options.tasks, years=options.years
    )
    imported, _, _ = _timed(bmnn, "import", str(plan), env=env)
    register = folder / "register.csv"
    count = _register(register, options.agencies, options.tasks, options.years)
    copy = folder / "baseline.db"
    shutil.copyfile(db, copy)
    args = ("submit", "--from-csv", str(register), "--as-of", AS_OF)
    first = _timed(bmnn, *args, env=env)
    again = _timed(bmnn, *args, env=env)
    base = (*_baseline(copy, register), "")
    stored = sqlite3.connect(db).execute("SELECT COUNT(*) FROM submission").fetchone()[0]
    print(f"obligations imported: {count} in {imported:.1f} s (bmnn import)")
    print(f"register: {count} rows; stored submissions after two runs: {stored}")
    print(f"{'':36} {'wall s':>7} {'rows/s':>8} {'CPU s':>7} {'rows/CPU s':>10}")
    for label, (wall, cpu, note) in (
        ("bmnn submit --from-csv, first run", first),
        ("bmnn submit --from-csv, repeated", again),
        ("baseline sqlite3 executemany", base),
    ):
        print(f"{label:36} {wall:7.2f} {count / wall:8.0f} {cpu:7.2f} {count / cpu:10.0f}  {note}")
    print(
        f"ratio bmnn / baseline, first run: wall {first[0] / base[0]:.1f}x, CPU "
        f"{first[1] / base[1]:.1f}x (bmnn's CPU includes starting Python and reading the CSV)"
    )
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    if options.keep is None:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
