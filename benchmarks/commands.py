"""Every `bmnn` command on the Lào Cai example: wall time and its ratio to bare Python.

Imports examples/lao-cai/bmnn-2026.toml once into a template database, then
times each command `--runs` times (default 10) after one untimed warm-up run,
with BMNN_DB naming a fresh copy of the template for every run of a command
that writes (the copy is made before the clock starts), so each write does
the same work each time. `python -c pass` is timed in the same run as the
baseline. The installed entry point is timed (see startup.py).

Targets (printed PASS or MISS for each command): every command within 0.5 s
wall (median); a question (a command that writes nothing) within 10x
`python -c pass`. CPU time (user + system of the child) is given beside the
wall time, with the load average, because the machine may be shared: on a
busy machine the wall time grows with the load, the CPU time much less.

    python benchmarks/commands.py [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scale import child_env
from startup import find_bmnn, interpreter_of

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "examples" / "lao-cai" / "bmnn-2026.toml"
AS_OF = ["--as-of", "2026-03-02"]
WALL_TARGET_MS = 500.0
QUESTION_RATIO = 10.0
TASK = ["-t", "IV.1.a", "-a", "so tu phap"]

# (label, arguments, writes): arguments use {tmp} for the run's folder.
COMMANDS: list[tuple[str, list[str], bool]] = [
    ("--version", ["--version"], False),
    ("--help", ["--help"], False),
    ("info", ["info"], False),
    ("plans", ["plans"], False),
    ("agencies", ["agencies"], False),
    ("tasks", ["tasks"], False),
    ("tasks --format json", ["tasks", "--format", "json"], False),
    ("show IV.1.a", ["show", "IV.1.a", *AS_OF], False),
    ("overdue", ["overdue", *AS_OF], False),
    ("overdue --format json", ["overdue", "--format", "json", *AS_OF], False),
    ("due --within 30d", ["due", "--within", "30d", *AS_OF], False),
    ("status", ["status", *AS_OF], False),
    ("report --quarter 1", ["report", "--quarter", "1", "--year", "2026", *AS_OF], False),
    ("submissions", ["submissions"], False),
    ("agency", ["agency", "so tu phap", *AS_OF], False),
    ("today", ["today", *AS_OF], False),
    ("calendar 2026", ["calendar", "2026"], False),
    ("explain", ["explain", "trước ngày 30/10 hằng năm", "--year", "2026"], False),
    ("log", ["log"], False),
    ("check", ["check"], False),
    ("ical -o -", ["ical", *AS_OF, "-o", "-"], False),
    ("export -o", ["export", "lao-cai-bmnn-2026", "-o", "{tmp}/export.toml", "--force"], False),
    ("remind --dry-run", ["remind", "--dry-run", "--include-overdue", *AS_OF], False),
    ("remind (preview)", ["remind", "--include-overdue", *AS_OF], False),
    ("import (first)", ["import", str(PLAN)], True),
    ("import (again, unchanged)", ["import", str(PLAN)], True),
    ("submit", ["submit", *TASK, "-d", "2026-02-20", *AS_OF], True),
    ("waive", ["waive", *TASK, "--reason", "thử", *AS_OF], True),
    ("request", ["request", "-t", "IV.1.b", "--due", "2026-04-30", "-d", "2026-03-02"], True),
    ("remind --eml", ["remind", "--include-overdue", *AS_OF, "--eml", "{tmp}/eml"], True),
    ("backup", ["backup", "{tmp}/backup.db", "--force"], False),
]
# Run after a submission is recorded (set up untimed, with the same copy).
AFTER_SUBMIT: list[tuple[str, list[str]]] = [
    ("amend", ["amend", *TASK, "-d", "2026-02-21", "--reason", "sửa ngày"]),
    ("retract", ["retract", *TASK, "--reason", "nhầm"]),
]


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):  # 1: overdue found, check's damage report
        sys.exit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()[-400:]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def medians(samples: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(w for w, _ in samples), statistics.median(c for _, c in samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=10)
    options = parser.parse_args()
    bmnn, _ = find_bmnn()
    python = interpreter_of(bmnn)
    load_before = os.getloadavg()
    rows: list[tuple[str, tuple[float, float], bool]] = []
    with tempfile.TemporaryDirectory(prefix="bmnn-commands-") as folder:
        tmp = Path(folder)
        env = child_env(tmp)
        env["BMNN_SMTP_FROM"] = "cong-an-tinh@example.invalid"  # remind --eml needs a sender
        template = tmp / "template.db"
        subprocess.run(
            [bmnn, "--db", str(template), "import", str(PLAN)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        submitted = tmp / "submitted.db"
        shutil.copyfile(template, submitted)
        subprocess.run(
            [bmnn, "--db", str(submitted), "submit", *TASK, "-d", "2026-02-20", *AS_OF],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        base = medians([run([python, "-c", "pass"], env) for _ in range(options.runs)])

        def timed(args: list[str], source: Path | None, writes: bool) -> tuple[float, float]:
            times = []
            for _ in range(options.runs + 1):
                db = tmp / "run.db"
                if writes or not db.exists():
                    db.unlink(missing_ok=True)
                    if source is not None:
                        shutil.copyfile(source, db)
                argv = [bmnn, "--db", str(db), *(a.replace("{tmp}", folder) for a in args)]
                times.append(run(argv, env))
            return medians(times[1:])  # the first run warms up

        for label, args, writes in COMMANDS:
            source = None if label == "import (first)" else template
            (tmp / "run.db").unlink(missing_ok=True)
            rows.append((label, timed(args, source, writes), writes))
        for label, args in AFTER_SUBMIT:
            (tmp / "run.db").unlink(missing_ok=True)
            rows.append((label, timed(args, submitted, True), True))
        base_after = medians([run([python, "-c", "pass"], env) for _ in range(options.runs)])

    print(f"bmnn: {bmnn}; runs per command: {options.runs} (+1 warm-up)")
    load = (
        ", ".join(f"{x:.1f}" for x in load_before),
        ", ".join(f"{x:.1f}" for x in os.getloadavg()),
    )
    print(
        f"load average (1, 5, 15 min) on {os.cpu_count()} CPUs: {load[0]} before; {load[1]} after"
    )
    print(
        f"python -c pass: wall {base[0] * 1000:.0f} ms, CPU {base[1] * 1000:.0f} ms before; "
        f"wall {base_after[0] * 1000:.0f} ms, CPU {base_after[1] * 1000:.0f} ms after\n"
    )
    print("| command | kind | wall ms | CPU ms | wall x python | CPU x python | 0.5 s | 10x |")
    print("|---|---|---:|---:|---:|---:|---|---|")
    for label, (wall, cpu), writes in rows:
        ms, ratio, cpu_ratio = wall * 1000, wall / base[0], cpu / base[1]
        verdict = "PASS" if ms <= WALL_TARGET_MS else "MISS"
        times = "—" if writes else ("PASS" if ratio <= QUESTION_RATIO else "MISS")
        kind = "write" if writes else "question"
        print(
            f"| `bmnn {label}` | {kind} | {ms:.0f} | {cpu * 1000:.0f} | {ratio:.1f}x "
            f"| {cpu_ratio:.1f}x | {verdict} | {times} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
