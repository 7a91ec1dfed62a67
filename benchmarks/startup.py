"""Start-up cost of the `bmnn` command against bare Python.

Measures, in one run, the wall and CPU time (user + system of the child) of

- `python -c pass` (the baseline: the interpreter the `bmnn` script runs on),
- `bmnn --version` (answered before Typer, Rich or SQLAlchemy are imported),
- `bmnn --help`, `bmnn info`,
- `bmnn tasks --format json`,
- `bmnn overdue --as-of 2026-11-27`, as a table and `--format json`,

the questions on a database made by importing examples/lao-cai/bmnn-2026.toml
into a temporary file (passed as BMNN_DB). Each command runs `--runs` times
(default 20) after one untimed warm-up run, interleaved (each round runs every
command once, so load from elsewhere falls on all alike); the median and the
minimum wall time and the median CPU time are reported in milliseconds, with
their ratio to the baseline.

`--imports N` adds what `python -X importtime` says of `--version`, `--help`,
`info` and `overdue` (median of N runs): how many modules, and the sum of
their own import times for bmnn's modules, Typer's, and the rest.

`--compare SRC` times each bmnn command a second time from another source
tree (`PYTHONPATH=SRC python -m bmnn_cli`, e.g. a `git archive` of an earlier
commit), against this one run the same way, in the same rounds.

Target: `bmnn --version` within 2x of bare Python (median).

The installed entry point is used (found with shutil.which, looking first
next to the running interpreter so that a pyenv/asdf shim is not what gets
timed); when the `bmnn` first on PATH is a different file, such as a shim,
it is timed too, for information.

    python benchmarks/startup.py [--runs 20] [--imports 5] [--compare SRC]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from scale import child_env  # the sibling script: one definition of the timed environment

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "examples" / "lao-cai" / "bmnn-2026.toml"
AS_OF = "2026-11-27"
VERSION_TARGET = 2.0


@dataclass(frozen=True)
class Timing:
    label: str
    runs: list[float]  # seconds
    cpu: list[float]  # user + system seconds

    @property
    def median_ms(self) -> float:
        return statistics.median(self.runs) * 1000

    @property
    def min_ms(self) -> float:
        return min(self.runs) * 1000

    @property
    def cpu_ms(self) -> float:
        return statistics.median(self.cpu) * 1000


def find_bmnn() -> tuple[str, str | None]:
    """The entry point next to this interpreter (else on PATH), and PATH's if different."""
    scripts = sysconfig.get_path("scripts")
    on_path = shutil.which("bmnn")
    chosen = shutil.which("bmnn", path=scripts) or on_path
    if chosen is None:
        sys.exit("benchmarks/startup.py: no `bmnn` command found; run `pip install -e .` first")
    other = on_path if on_path and Path(on_path).resolve() != Path(chosen).resolve() else None
    return chosen, other


def interpreter_of(script: str) -> str:
    """The Python the script's shebang names, so the baseline starts the same interpreter."""
    try:
        with open(script, "rb") as handle:
            first = handle.readline().decode("utf-8", "replace").strip()
    except OSError:
        return sys.executable
    if first.startswith("#!"):
        words = first[2:].split()
        if words and "python" in Path(words[0]).name and Path(words[0]).exists():
            return words[0]
    return sys.executable


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(commands: list[tuple[str, list[str], dict[str, str]]], runs: int) -> list[Timing]:
    """Every command `runs` times, round by round, after one warm-up round."""
    walls: dict[str, list[float]] = {label: [] for label, _, _ in commands}
    cpus: dict[str, list[float]] = {label: [] for label, _, _ in commands}
    for round_ in range(runs + 1):  # round 0 warms up: page cache, .pyc files
        for label, argv, env in commands:
            wall, cpu = run_once(argv, env)
            if round_:
                walls[label].append(wall)
                cpus[label].append(cpu)
    return [Timing(label, walls[label], cpus[label]) for label, _, _ in commands]


def import_times(argv: list[str], env: dict[str, str]) -> dict[str, tuple[int, float]]:
    """`python -X importtime` of one run: per group, (modules, sum of own times in ms)."""
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    groups: dict[str, tuple[int, float]] = {}
    for line in done.stderr.decode("utf-8", "replace").splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, _, name = line.removeprefix("import time:").split("|")
        top = name.strip().split(".")[0]
        group = top if top in ("bmnn_cli", "typer") else "other"
        for key in (group, "all"):
            count, total = groups.get(key, (0, 0.0))
            groups[key] = (count + 1, total + int(own) / 1000)
    return groups


def print_imports(python: str, bmnn: str, env: dict[str, str], runs: int) -> None:
    lines = {
        "--version": ["--version"],
        "--help": ["--help"],
        "info": ["info"],
        "overdue": ["overdue", "--as-of", AS_OF],
    }
    seen: dict[str, list[dict[str, tuple[int, float]]]] = {label: [] for label in lines}
    for _ in range(runs):
        for label, words in lines.items():
            seen[label].append(import_times([python, "-X", "importtime", bmnn, *words], env))
    print(f"\npython -X importtime, median of {runs} runs: modules / sum of own times (ms)\n")
    print("| command | all | bmnn_cli | typer | other |")
    print("|---|---:|---:|---:|---:|")
    for label, runs_seen in seen.items():
        cells = []
        for group in ("all", "bmnn_cli", "typer", "other"):
            counts = [run.get(group, (0, 0.0)) for run in runs_seen]
            modules = statistics.median(c for c, _ in counts)
            own = statistics.median(t for _, t in counts)
            cells.append(f"{modules:.0f} / {own:.0f}")
        print(f"| `bmnn {label}` | " + " | ".join(cells) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=20, help="timed runs per command (20)")
    parser.add_argument("--imports", type=int, default=0, metavar="N", help="importtime runs")
    parser.add_argument("--compare", type=Path, metavar="SRC", help="another source tree")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    bmnn, path_bmnn = find_bmnn()
    python = interpreter_of(bmnn)
    questions = [
        ("--version", ["--version"]),
        ("--help", ["--help"]),
        ("info", ["info"]),
        ("tasks --format json", ["tasks", "--format", "json"]),
        (f"overdue --as-of {AS_OF}", ["overdue", "--as-of", AS_OF]),
        (
            f"overdue --format json --as-of {AS_OF}",
            ["overdue", "--format", "json", "--as-of", AS_OF],
        ),
    ]
    with tempfile.TemporaryDirectory(prefix="bmnn-startup-") as tmp:
        env = child_env(Path(tmp))
        env["BMNN_DB"] = str(Path(tmp) / "bench.db")
        subprocess.run([bmnn, "import", str(PLAN)], env=env, check=True, stdout=subprocess.DEVNULL)
        commands = [("python -c pass", [python, "-c", "pass"], env)]
        if args.compare:
            trees = [("before", args.compare.resolve()), ("now", ROOT / "src")]
            for label, words in questions:
                for name, tree in trees:
                    moved = {**env, "PYTHONPATH": str(tree)}
                    commands.append(
                        (f"{name}: bmnn {label}", [python, "-m", "bmnn_cli", *words], moved)
                    )
        else:
            commands += [(f"bmnn {label}", [bmnn, *words], env) for label, words in questions]
        if path_bmnn:
            commands.append(("bmnn --version (PATH: shim)", [path_bmnn, "--version"], env))
        load = os.getloadavg()
        timings = measure(commands, args.runs)
        load_after = os.getloadavg()
        if args.imports:
            print_imports(python, bmnn, env, args.imports)

    base = timings[0]
    print(f"\nbmnn:    {bmnn}")
    if path_bmnn:
        print(f"on PATH: {path_bmnn} (a different file, e.g. a version-manager shim)")
    print(f"python:  {python}")
    print(f"plan:    {PLAN.relative_to(ROOT)}; runs per command: {args.runs} (+1 warm-up round)")
    print("bytecode: cached in a private PYTHONPYCACHEPREFIX, filled by the warm-up runs")
    cpus = os.cpu_count()
    print(f"load average (1 min) on {cpus} CPUs: {load[0]:.1f} before, {load_after[0]:.1f} after\n")
    print("| command | median wall ms | min wall ms | wall x python | CPU ms | CPU x python |")
    print("|---|---:|---:|---:|---:|---:|")
    for timing in timings:
        ratio = timing.median_ms / base.median_ms
        cpu_ratio = timing.cpu_ms / base.cpu_ms
        print(
            f"| `{timing.label}` | {timing.median_ms:.0f} | {timing.min_ms:.0f} | {ratio:.2f} "
            f"| {timing.cpu_ms:.0f} | {cpu_ratio:.2f} |"
        )
    version = [t for t in timings if t.label.endswith("bmnn --version")][-1]  # now's
    ratio = version.median_ms / base.median_ms
    verdict = "PASS" if ratio <= VERSION_TARGET else "MISS"
    print(
        f"\ntarget: bmnn --version within {VERSION_TARGET:g}x of bare Python (median wall): "
        f"{ratio:.2f}x -> {verdict}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
