"""The officer's daily writes on the Lào Cai example, against another source tree of bmnn.

`submit`, `amend`, `retract`, `waive` and `unwaive` are each run `--runs`
times (after one untimed warm-up) on a fresh copy of a database made
beforehand (the example imported; for `amend` and `retract` a submission
recorded, for `unwaive` a waiver), the copy made before the clock starts.
With `--before SRC` (a `src` folder of another checkout, such as
`git archive <commit> | tar -x -C /tmp/before`) the same commands are run
with that source on `PYTHONPATH`, alternating run by run with this tree's,
so both are measured under the same load. `python -c pass` is timed in the
same run as the baseline, and `overdue` (a question, read over sqlite3 on
both trees) as the cost of a command that loads no database library.

Each run is `python -m bmnn_cli` (the same interpreter for every tree);
CPU is user + system of the child (what `/usr/bin/time` reports), given
beside the wall time because the machine may be shared.

    python benchmarks/writes.py [--runs 5] [--before /tmp/before/src]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from commands import medians, run

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "examples" / "lao-cai" / "bmnn-2026.toml"
AS_OF = ["--as-of", "2026-03-02"]
TASK = ["-t", "IV.1.a", "-a", "so tu phap"]
WALL_TARGET_MS = 500.0

# (command, the database state it starts from, arguments)
COMMANDS: list[tuple[str, str, list[str]]] = [
    ("submit", "imported", ["submit", *TASK, "-d", "2026-02-20", *AS_OF]),
    ("amend", "submitted", ["amend", *TASK, "-d", "2026-02-21", "--reason", "sửa ngày", *AS_OF]),
    ("retract", "submitted", ["retract", *TASK, "--reason", "nhầm"]),
    ("waive", "imported", ["waive", *TASK, "--reason", "thử", *AS_OF]),
    ("unwaive", "waived", ["unwaive", *TASK, "--reason", "nhầm"]),
    ("overdue", "imported", ["overdue", *AS_OF]),  # a question (sqlite3 reader), for scale
]


def _env(folder: Path, source: Path) -> dict[str, str]:
    """The child's environment: `source` first on the path, bytecode cached privately."""
    env = {**os.environ, "BMNN_LANG": "en", "PYTHONPATH": str(source)}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    for name in ("BMNN_DEBUG", "PYTHONDONTWRITEBYTECODE", "BMNN_DB"):
        env.pop(name, None)
    return env


def _states(folder: Path, env: dict[str, str]) -> dict[str, Path]:
    """The databases the commands start from, made once with this tree."""
    bmnn = [sys.executable, "-m", "bmnn_cli"]
    made = {name: folder / f"{name}.db" for name in ("imported", "submitted", "waived")}
    steps = [("imported", ["import", str(PLAN)])]
    steps += [("submitted", COMMANDS[0][2]), ("waived", COMMANDS[3][2])]
    for state, args in steps:
        if state != "imported":
            shutil.copyfile(made["imported"], made[state])
        argv = [*bmnn, "--db", str(made[state]), *args]
        subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    return made


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", type=Path, help="another tree's src folder to compare with")
    options = parser.parse_args()
    trees = {"after": ROOT / "src"}
    if options.before is not None:
        trees = {"before": options.before.resolve(), **trees}
    load_before = os.getloadavg()
    times: dict[tuple[str, str], list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="bmnn-writes-") as name:
        folder = Path(name)
        envs = {tree: _env(folder / tree, source) for tree, source in trees.items()}
        states = _states(folder, envs["after"])
        base = [run([sys.executable, "-c", "pass"], envs["after"]) for _ in range(options.runs)]
        for round_ in range(options.runs + 1):
            for command, state, args in COMMANDS:
                for tree, env in envs.items():
                    db = folder / "run.db"
                    shutil.copyfile(states[state], db)
                    sample = run([sys.executable, "-m", "bmnn_cli", "--db", str(db), *args], env)
                    if round_:  # the first run of each warms up (bytecode, disk cache)
                        times.setdefault((command, tree), []).append(sample)
        base += [run([sys.executable, "-c", "pass"], envs["after"]) for _ in range(options.runs)]
    python = medians(base)
    load = (
        ", ".join(f"{x:.1f}" for x in load_before),
        ", ".join(f"{x:.1f}" for x in os.getloadavg()),
    )
    print(f"runs per command and tree: {options.runs} (+1 warm-up); trees: {trees}")
    print(
        f"load average (1, 5, 15 min) on {os.cpu_count()} CPUs: {load[0]} before; {load[1]} after"
    )
    print(f"python -c pass: wall {python[0] * 1000:.0f} ms, CPU {python[1] * 1000:.0f} ms\n")
    heads = " | ".join(f"{tree} wall ms | {tree} CPU ms" for tree in trees)
    print(f"| command | {heads} | CPU after/before | CPU x python | wall x python | 0.5 s |")
    print("|---|" + "---:|" * (2 * len(trees) + 3) + "---|")
    for command, _state, _args in COMMANDS:
        got = {tree: medians(times[(command, tree)]) for tree in trees}
        wall, cpu = got["after"]
        cells = " | ".join(f"{w * 1000:.0f} | {c * 1000:.0f}" for w, c in got.values())
        ratio = f"{cpu / got['before'][1]:.2f}" if "before" in got else "—"
        verdict = "PASS" if wall * 1000 <= WALL_TARGET_MS else "MISS"
        print(
            f"| `bmnn {command}` | {cells} | {ratio} | {cpu / python[1]:.1f}x "
            f"| {wall / python[0]:.1f}x | {verdict} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
