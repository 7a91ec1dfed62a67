"""`request`, `event`, `cancel`, `remind --eml`, `check` and `backup`: CPU and wall time.

These commands used to import SQLAlchemy and SQLModel (about 0.6 s of CPU)
before touching a row; on a SQLite file at the current schema they now run
over the standard `sqlite3` module. Each is timed `--runs` times (default 5)
after one untimed warm-up, on a fresh copy of a template database (the
Lào Cai and Cao Bằng examples imported; copied before the clock starts), with
`python -c pass` timed in the same run as the baseline. Figures are medians;
CPU is user + system of the child.

    python benchmarks/other_writes.py [--runs 5] [--against SRC]

`--against SRC` times a second source tree too, in the same run, each
command's runs alternating between the two: SRC is a `src` folder put first
on PYTHONPATH, e.g. the commit before the change:
`git archive 803052b src | tar -x -C /tmp/base` then `--against /tmp/base/src`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from commands import medians, run
from scale import child_env
from startup import find_bmnn, interpreter_of

ROOT = Path(__file__).resolve().parent.parent
LAO_CAI = ROOT / "examples" / "lao-cai" / "bmnn-2026.toml"
CAO_BANG = ROOT / "examples" / "cao-bang"
PLANS = [LAO_CAI, CAO_BANG / "agencies.toml", CAO_BANG / "law-implementation-2026.toml"]
AS_OF = ["--as-of", "2026-03-02"]
REQUEST = ["request", "-t", "IV.1.b", "--due", "2026-04-30", "-d", "2026-03-02", *AS_OF]

# (label, arguments, set-up run untimed on the copy first): {tmp} is the run's folder.
COMMANDS: list[tuple[str, list[str], list[str] | None]] = [
    ("request", REQUEST, None),
    ("event", ["event", "-t", "II.4", "--due", "2026-04-30", "-d", "2026-03-02", *AS_OF], None),
    ("cancel", ["cancel", "-t", "IV.1.b", "--reason", "nhầm"], REQUEST),
    ("remind --eml", ["remind", "--include-overdue", *AS_OF, "--eml", "{tmp}/eml"], None),
    ("check", ["check"], None),
    ("backup", ["backup", "{tmp}/backup.db", "--force"], None),
]


def quietly(argv: list[str], env: dict[str, str]) -> None:
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--against", type=Path, help="a src folder to time beside this one")
    options = parser.parse_args()
    bmnn, _ = find_bmnn()
    python = interpreter_of(bmnn)
    load_before = os.getloadavg()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bmnn-other-writes-") as folder:
        tmp = Path(folder)
        env = child_env(tmp)
        env["BMNN_SMTP_FROM"] = "cong-an-tinh@example.invalid"  # remind --eml needs a sender
        envs = {"this": env}
        if options.against is not None:
            other = {**env, "PYTHONPATH": str(options.against.resolve())}
            other["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache-against")
            envs["against"] = other
        template = tmp / "template.db"
        for plan in PLANS:
            quietly([bmnn, "--db", str(template), "import", str(plan)], env)
        base = medians([run([python, "-c", "pass"], env) for _ in range(options.runs)])
        for label, args, setup in COMMANDS:
            times: dict[str, list[tuple[float, float]]] = {name: [] for name in envs}
            for _ in range(options.runs + 1):
                for name, run_env in envs.items():
                    db = tmp / "run.db"
                    shutil.copyfile(template, db)
                    shutil.rmtree(tmp / "eml", ignore_errors=True)
                    if setup is not None:
                        quietly([bmnn, "--db", str(db), *setup], run_env)
                    argv = [bmnn, "--db", str(db), *(a.replace("{tmp}", folder) for a in args)]
                    times[name].append(run(argv, run_env))
            # the first run of each warms up
            rows.append((label, {name: medians(got[1:]) for name, got in times.items()}))
        base_after = medians([run([python, "-c", "pass"], env) for _ in range(options.runs)])
    load = [", ".join(f"{x:.1f}" for x in avg) for avg in (load_before, os.getloadavg())]
    print(f"bmnn: {bmnn}; runs per command: {options.runs} (+1 warm-up), medians")
    if options.against is not None:
        print(f"against: {options.against} (first on PYTHONPATH), runs alternating")
    print(
        f"load average (1, 5, 15 min) on {os.cpu_count()} CPUs: {load[0]} before; {load[1]} after"
    )
    print(
        f"python -c pass: wall {base[0] * 1000:.0f} ms, CPU {base[1] * 1000:.0f} ms before; "
        f"wall {base_after[0] * 1000:.0f} ms, CPU {base_after[1] * 1000:.0f} ms after\n"
    )
    _table(rows, base, options.against is not None)
    return 0


def _table(
    rows: list[tuple[str, dict[str, tuple[float, float]]]],
    base: tuple[float, float],
    against: bool,
) -> None:
    head = "| command | wall ms | CPU ms | wall x python | CPU x python |"
    rule = "|---|---:|---:|---:|---:|"
    if against:
        head += " against: wall ms | CPU ms | CPU x python | CPU this/against |"
        rule += "---:|---:|---:|---:|"
    print(head)
    print(rule)
    for label, by in rows:
        wall, cpu = by["this"]
        line = (
            f"| `bmnn {label}` | {wall * 1000:.0f} | {cpu * 1000:.0f} | {wall / base[0]:.1f}x "
            f"| {cpu / base[1]:.1f}x |"
        )
        if against:
            old_wall, old_cpu = by["against"]
            line += (
                f" {old_wall * 1000:.0f} | {old_cpu * 1000:.0f} | {old_cpu / base[1]:.1f}x "
                f"| {cpu / old_cpu:.2f} |"
            )
        print(line)


if __name__ == "__main__":
    raise SystemExit(main())
