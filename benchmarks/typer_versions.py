"""Start-up cost of released Typer versions, to choose the one bmnn requires.

For each version given (default: a spread from the oldest bmnn accepts to
the newest), makes a throwaway virtualenv under a temporary folder, installs
`typer==VERSION` into it with pip (and nothing else), and times, `--runs`
times each after one warm-up run, in that virtualenv's interpreter:

- `python -c pass` (the baseline),
- `python -c "import typer"`,
- a minimal Typer app with one command and one option, run with `--help`,
  and with that command (`hello --name x`).

The runs are interleaved (each round runs every command of every version
once), so load from elsewhere falls on all versions alike. It prints the
median wall and CPU (user + system) time in ms, the CPU ratio to the
baseline of the same virtualenv, and which of click, rich, pydantic and
shellingham `import typer` loaded.

    python benchmarks/typer_versions.py [--runs 20] [VERSION ...]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_VERSIONS = ["0.12.5", "0.15.4", "0.20.1", "0.24.2", "0.26.8", "0.29.2"]

APP = """
import typer
app = typer.Typer(add_completion=False)

@app.command()
def hello(name: str = typer.Option("world", help="Who to greet.")) -> None:
    print(f"hello {name}")

@app.command()
def bye() -> None:
    print("bye")

app()
"""

LOADED = (
    "import sys, typer; "
    "print(sorted({m.split('.')[0] for m in sys.modules} & "
    "{'click', 'rich', 'pydantic', 'shellingham'}))"
)


@dataclass
class Version:
    version: str
    python: str
    app: Path
    loads: str = ""
    note: str = ""
    wall: dict[str, list[float]] = field(default_factory=dict)  # seconds per run
    cpu: dict[str, list[float]] = field(default_factory=dict)  # user + system seconds

    def commands(self) -> dict[str, list[str]]:
        py, app = self.python, str(self.app)
        return {
            "pass": [py, "-c", "pass"],
            "import": [py, "-c", "import typer"],
            "help": [py, app, "--help"],
            "command": [py, app, "hello", "--name", "x"],
        }


def run_once(command: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def install(version: str, folder: Path) -> Version:
    venv = folder / f"typer-{version}"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    pip = [python, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, f"typer=={version}"], check=True, capture_output=True)
    app = folder / f"app-{version}.py"
    app.write_text(APP, encoding="utf-8")
    made = Version(version, python, app)
    trial = subprocess.run([python, str(app), "--help"], capture_output=True, text=True)
    if trial.returncode != 0:  # Typer before 0.15 breaks with click 8.2 (pip's choice today)
        last = (trial.stderr.strip().splitlines() or ["?"])[-1][:60]
        made.note = f"fails with the click pip installs ({last}); timed with click<8.2"
        subprocess.run([*pip, "click<8.2"], check=True, capture_output=True)
    loaded = subprocess.run([python, "-c", LOADED], check=True, capture_output=True, text=True)
    made.loads = loaded.stdout.strip()
    return made


def measure(versions: list[Version], runs: int) -> None:
    """Round-robin: each round runs every command of every version once.

    A burst of load from elsewhere on the machine then falls on all versions
    alike rather than on whichever was being timed; round 0 only warms up.
    """
    for round_ in range(runs + 1):
        for version in versions:
            for label, command in version.commands().items():
                wall, cpu = run_once(command)
                if round_:
                    version.wall.setdefault(label, []).append(wall)
                    version.cpu.setdefault(label, []).append(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("versions", nargs="*", default=DEFAULT_VERSIONS)
    parser.add_argument("--runs", type=int, default=20)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bmnn-typer-") as folder:
        versions = [install(v, Path(folder)) for v in options.versions]
        measure(versions, options.runs)
    print(f"median of {options.runs} interleaved runs; wall ms / CPU ms (CPU ratio to python)\n")
    print(
        "| typer | python -c pass | import typer | app --help | app command | import loads | note |"
    )
    print("|---|---:|---:|---:|---:|---|---|")
    for v in versions:
        base = statistics.median(v.cpu["pass"])
        cells = []
        for label in ("pass", "import", "help", "command"):
            wall, cpu = statistics.median(v.wall[label]), statistics.median(v.cpu[label])
            ratio = "" if label == "pass" else f" ({cpu / base:.1f}x)"
            cells.append(f"{wall * 1000:.0f} / {cpu * 1000:.0f}{ratio}")
        print(f"| {v.version} | " + " | ".join(cells) + f" | {v.loads} | {v.note} |")


if __name__ == "__main__":
    main()
