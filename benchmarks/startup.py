"""Start-up cost of the `bmnn` command against bare Python.

Measures, in one run, the wall time of

- `python -c pass` (the baseline: the interpreter the `bmnn` script runs on),
- `bmnn --version` (answered before Typer, Rich or SQLAlchemy are imported),
- `bmnn tasks --format json`,
- `bmnn overdue --format json --as-of 2026-11-27`,

the last two on a database made by importing examples/lao-cai/bmnn-2026.toml
into a temporary file (passed as BMNN_DB). Each command runs `--runs` times
(default 20) after one untimed warm-up run; the median and the minimum are
reported in milliseconds, with their ratio to the baseline.

Target: `bmnn --version` within 2x of bare Python (median).

The installed entry point is used (found with shutil.which, looking first
next to the running interpreter so that a pyenv/asdf shim is not what gets
timed); when the `bmnn` first on PATH is a different file, such as a shim,
it is timed too, for information.

    python benchmarks/startup.py [--runs 20]
"""

from __future__ import annotations

import argparse
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

    @property
    def median_ms(self) -> float:
        return statistics.median(self.runs) * 1000

    @property
    def min_ms(self) -> float:
        return min(self.runs) * 1000


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


def run_once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed


def measure(label: str, argv: list[str], env: dict[str, str], runs: int) -> Timing:
    run_once(argv, env)  # warm-up: page cache, .pyc files
    return Timing(label, [run_once(argv, env) for _ in range(runs)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=20, help="timed runs per command (20)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    bmnn, path_bmnn = find_bmnn()
    python = interpreter_of(bmnn)
    with tempfile.TemporaryDirectory(prefix="bmnn-startup-") as tmp:
        env = child_env(Path(tmp))
        env["BMNN_DB"] = str(Path(tmp) / "bench.db")
        subprocess.run([bmnn, "import", str(PLAN)], env=env, check=True, stdout=subprocess.DEVNULL)
        commands: list[tuple[str, list[str]]] = [
            ("python -c pass", [python, "-c", "pass"]),
            ("bmnn --version", [bmnn, "--version"]),
            ("bmnn tasks --format json", [bmnn, "tasks", "--format", "json"]),
            (
                f"bmnn overdue --format json --as-of {AS_OF}",
                [bmnn, "overdue", "--format", "json", "--as-of", AS_OF],
            ),
        ]
        if path_bmnn:
            commands.append(("bmnn --version (PATH: shim)", [path_bmnn, "--version"]))
        timings = [measure(label, cmd, env, args.runs) for label, cmd in commands]

    base = timings[0]
    print(f"bmnn:    {bmnn}")
    if path_bmnn:
        print(f"on PATH: {path_bmnn} (a different file, e.g. a version-manager shim)")
    print(f"python:  {python}")
    print(f"plan:    {PLAN.relative_to(ROOT)}; runs per command: {args.runs} (+1 warm-up)")
    print("bytecode: cached in a private PYTHONPYCACHEPREFIX, filled by the warm-up runs\n")
    width = max(len(t.label) for t in timings)
    print(f"{'command':<{width}}  {'median ms':>9}  {'min ms':>7}  {'x python':>8}")
    print(f"{'-' * width}  {'-' * 9}  {'-' * 7}  {'-' * 8}")
    for timing in timings:
        ratio = timing.median_ms / base.median_ms
        figures = f"{timing.median_ms:9.1f}  {timing.min_ms:7.1f}  {ratio:8.2f}"
        print(f"{timing.label:<{width}}  {figures}")
    version = timings[1].median_ms / base.median_ms
    verdict = "PASS" if version <= VERSION_TARGET else "MISS"
    print(
        f"\ntarget: bmnn --version within {VERSION_TARGET:g}x of bare Python (median): "
        f"{version:.2f}x -> {verdict}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
