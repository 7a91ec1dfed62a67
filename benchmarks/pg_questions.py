"""Questions on a PostgreSQL database of the Lào Cai example, against another source tree.

Starts the test suite's throwaway server (tests/pgserver.py: Debian's
`postgresql` package), imports `examples/lao-cai/bmnn-2026.toml` into a
database on it (one per tree, each tree importing its own: the schemas may
differ), then runs each question `--runs` times (after one untimed warm-up)
in a fresh interpreter; with `--before SRC` (the `src` folder of
another checkout, `git archive <commit> | tar -x -C /tmp/before`) the same
commands run with that source on `PYTHONPATH`, alternating run by run with
this tree's, so both are measured under the same load. `python -c pass` is
timed in the same run. The server's own CPU is in neither figure.

    python benchmarks/pg_questions.py [--runs 5] [--before /tmp/before/src]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from commands import medians, run  # noqa: E402  (sibling scripts)
from writes import PLAN, WALL_TARGET_MS, _env  # noqa: E402

from pgserver import create_database, server  # noqa: E402  (the test suite's server)

AS_OF = ["--as-of", "2026-03-02"]
QUESTIONS: list[tuple[str, list[str]]] = [
    ("overdue", ["overdue", *AS_OF]),
    ("overdue --format json", ["overdue", *AS_OF, "--format", "json"]),
    ("status", ["status", *AS_OF]),
    ("due --within 30d", ["due", "--within", "30d", *AS_OF]),
    ("tasks", ["tasks"]),
    ("report --quarter 1", ["report", "--quarter", "1", *AS_OF]),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", type=Path, help="another tree's src folder to compare with")
    options = parser.parse_args()
    trees = {"after": HERE.parent / "src"}
    if options.before is not None:
        trees = {"before": options.before.resolve(), **trees}
    load_before = os.getloadavg()
    times: dict[tuple[str, str], list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="bmnn-pg-questions-") as name, server() as base:
        folder = Path(name)
        envs = {tree: _env(folder / tree, source) for tree, source in trees.items()}
        bmnn = {}  # each tree imports into a database of its own: the schemas may differ
        for tree, env in envs.items():
            bmnn[tree] = [sys.executable, "-m", "bmnn_cli", "--db", create_database(base, tree)]
            subprocess.run([*bmnn[tree], "import", str(PLAN)], env=env, check=True,
                           stdout=subprocess.DEVNULL)  # fmt: skip
        python = [run([sys.executable, "-c", "pass"], envs["after"]) for _ in range(options.runs)]
        for round_ in range(options.runs + 1):
            for label, args in QUESTIONS:
                for tree, env in envs.items():
                    sample = run([*bmnn[tree], *args], env)
                    if round_:  # the first run of each warms up (bytecode, server caches)
                        times.setdefault((label, tree), []).append(sample)
    baseline = medians(python)
    load = ", ".join(f"{x:.1f}" for x in (*load_before, *os.getloadavg()))
    print(f"runs per command and tree: {options.runs} (+1 warm-up); trees: {trees}")
    print(f"load average (1, 5, 15 min) before, then after: {load}")
    print(f"python -c pass: wall {baseline[0] * 1000:.0f} ms, CPU {baseline[1] * 1000:.0f} ms\n")
    heads = " | ".join(f"{tree} wall ms | {tree} CPU ms" for tree in trees)
    print(f"| command | {heads} | CPU after/before | CPU x python | 0.5 s |")
    print("|---|" + "---:|" * (2 * len(trees) + 2) + "---|")
    for label, _args in QUESTIONS:
        got = {tree: medians(times[(label, tree)]) for tree in trees}
        wall, cpu = got["after"]
        cells = " | ".join(f"{w * 1000:.0f} | {c * 1000:.0f}" for w, c in got.values())
        ratio = f"{cpu / got['before'][1]:.2f}" if "before" in got else "—"
        verdict = "PASS" if wall * 1000 <= WALL_TARGET_MS else "MISS"
        print(f"| `bmnn {label}` | {cells} | {ratio} | {cpu / baseline[1]:.1f}x | {verdict} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
