"""`bmnn import` timed on the example files: this source against a baseline commit's.

Each case copies a prepared database (made once per source, untimed) and
times one `bmnn import` on the copy, `--runs` times (default 5) after one
untimed warm-up: the median wall time and the median CPU time (user + system
of the child, from `getrusage`), with `python -c pass` timed in the same run
as the baseline of the ratios. The baseline source is `git archive REF src`
unpacked into a temporary folder; both sources run in the same interpreter,
started the way the installed entry point starts (`bmnn_cli.entry.main`),
with PYTHONPATH naming the source, so only the code differs.

Cases: the Lào Cai registry into an empty (migrated) file; the Lào Cai plan
into a file holding its registry; the same plan re-imported unchanged; the
Cao Bằng plan (its registry with it) into an empty file, and re-imported;
and the first-ever import, of the Lào Cai plan into a file not yet there
(the store makes and migrates it).

    python benchmarks/imports.py [--runs 5] [--baseline 803052b]
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

ROOT = Path(__file__).resolve().parent.parent
LAO_CAI = ROOT / "examples" / "lao-cai"
CAO_BANG = ROOT / "examples" / "cao-bang" / "law-implementation-2026.toml"
REGISTRY = LAO_CAI / "agencies.toml"
PLAN = LAO_CAI / "bmnn-2026.toml"
START = "import sys; from bmnn_cli.entry import main; sys.argv[0] = 'bmnn'; sys.exit(main())"

# (label, the prepared database: files imported into it first, or None for no file, the file timed)
CASES: list[tuple[str, tuple[Path, ...] | None, Path]] = [
    ("lao-cai agencies.toml, new", (), REGISTRY),
    ("lao-cai bmnn-2026.toml, new", (REGISTRY,), PLAN),
    ("lao-cai bmnn-2026.toml, unchanged", (PLAN,), PLAN),
    ("cao-bang plan + registry, new", (), CAO_BANG),
    ("cao-bang plan + registry, unchanged", (CAO_BANG,), CAO_BANG),
    ("lao-cai bmnn-2026.toml, first-ever (no file)", None, PLAN),
]


def environment(source: Path, tmp: Path) -> dict[str, str]:
    """Bytecode cached in a private folder per source, as an install would cache it."""
    env = {**os.environ, "BMNN_LANG": "en", "PYTHONPATH": str(source)}
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache" / source.parent.name)
    for name in ("BMNN_DEBUG", "PYTHONDONTWRITEBYTECODE", "BMNN_DB"):
        env.pop(name, None)
    return env


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU milliseconds of one run (the child's CPU, from getrusage)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"benchmarks/imports.py: {argv[3:]} failed: {done.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu


def bmnn(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-c", START, "--db", str(db), *args]


def prepared(source: Path, tmp: Path, files: tuple[Path, ...]) -> Path:
    """A migrated database holding `files`, made once per source and case."""
    db = tmp / f"prepared-{source.parent.name}-{len(list(tmp.iterdir()))}.db"
    env = environment(source, tmp)
    subprocess.run(bmnn(db, "init"), env=env, check=True, capture_output=True)
    for file in files:
        subprocess.run(bmnn(db, "import", str(file)), env=env, check=True, capture_output=True)
    return db


def measure(source: Path, tmp: Path, runs: int) -> list[tuple[float, float]]:
    """The median (wall, CPU) of each case, for one source."""
    env = environment(source, tmp)
    medians = []
    for _label, files, file in CASES:
        template = None if files is None else prepared(source, tmp, files)
        samples = []
        for run in range(runs + 1):
            db = tmp / "run.db"
            for leftover in tmp.glob("run.db*"):
                leftover.unlink()
            if template is not None:
                shutil.copyfile(template, db)
            sample = timed(bmnn(db, "import", str(file)), env)
            if run:  # the first run warms the caches
                samples.append(sample)
        medians.append(
            (statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples))
        )
    return medians


def python_pass(runs: int) -> tuple[float, float]:
    samples = [timed([sys.executable, "-c", "pass"], dict(os.environ)) for _ in range(runs)]
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", default="803052b", help="the commit to compare with")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        (tmp / "baseline").mkdir()
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", options.baseline, "src"],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(tmp / "baseline")], input=archive, check=True)
        print(f"load average at start: {os.getloadavg()[0]:.1f}")
        bare = python_pass(options.runs)
        before = measure(tmp / "baseline" / "src", tmp, options.runs)
        after = measure(ROOT / "src", tmp, options.runs)
        bare_after = python_pass(options.runs)
        print(f"load average at end: {os.getloadavg()[0]:.1f}")
        print(
            f"python -c pass: {bare[0]:.0f} ms wall / {bare[1]:.0f} ms CPU before,"
            f" {bare_after[0]:.0f} / {bare_after[1]:.0f} after; ratios to the first"
        )
        print(
            f"| case | {options.baseline} wall ms | CPU ms | this wall ms | CPU ms"
            " | CPU after/before | CPU x python | 0.5 s wall |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---|")
        for (label, _files, _file), (old_wall, old_cpu), (wall, cpu) in zip(
            CASES, before, after, strict=True
        ):
            verdict = "PASS" if wall <= 500 else "MISS"
            print(
                f"| {label} | {old_wall:.0f} | {old_cpu:.0f} | {wall:.0f} | {cpu:.0f}"
                f" | {cpu / old_cpu:.2f} | {cpu / bare[1]:.1f}x | {verdict} |"
            )


if __name__ == "__main__":
    main()
