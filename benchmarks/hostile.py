"""How long bmnn takes to deal with hostile input, against a baseline of the same run.

Each figure is the wall time of one `bmnn` process (best of --runs), beside
a baseline measured in the same run, so that the ratio says whether the work
grows with the input as it should:

- `extract` on a 2.6 MB .txt that is one single line, against the same
  words cut into lines of about 80 characters (extract once took over 60 s
  on the single line: the structure reader folded it dozens of times);
- `import` of a 15 KB plan of 100 monthly tasks running 1900–2200 (once
  133 s and 1.8 M obligations; now refused before anything is written),
  against the import of the Lào Cai example;
- `extract` of a 200 MB zip bomb in a small .docx (once 3.1 GB and 28 s),
  against `extract` of the 2.6 MB text;
- `extract` of a PDF bomb (a 300 MB Flate content stream in a few hundred
  KB; over 5 minutes before pypdf's limits were tightened), time and peak
  memory of the process, against `extract` of a small PDF of the same kind
  (one page of about 60 KB of text operations).

    python benchmarks/hostile.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAO_CAI = ROOT / "examples" / "lao-cai" / "bmnn-2026.toml"
WORDS = (
    "Sở Tư pháp chủ trì phối hợp với Công an tỉnh xây dựng kế hoạch trước ngày "
    "27/02/2026 báo cáo kết quả thực hiện các sở ban ngành UBND các xã phường"
).split()


def bmnn(env: dict[str, str], *args: str) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "bmnn_cli", *args], env=env, capture_output=True, check=False
    )
    return time.perf_counter() - start, done.returncode


def peak(env: dict[str, str], *args: str) -> tuple[float, int, float]:
    """Wall time, exit code and peak resident memory (MB) of one `bmnn` process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "bmnn_cli", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, process.returncode, usage.ru_maxrss / 1024


def best(runs: int, env: dict[str, str], *args: str) -> tuple[float, int]:
    times = [bmnn(env, *args) for _ in range(runs)]
    return min(t for t, _ in times), times[-1][1]


def documents(folder: Path) -> tuple[Path, Path]:
    rng = random.Random(1)
    text = " ".join(rng.choice(WORDS) for _ in range(420_000))[:2_600_000]
    one_line = folder / "one-line.txt"
    one_line.write_text("KẾ HOẠCH\n" + text + "\n", encoding="utf-8")
    lines, line = [], []
    for word in text.split(" "):
        line.append(word)
        if sum(len(w) + 1 for w in line) > 80:
            lines.append(" ".join(line))
            line = []
    lines.append(" ".join(line))
    many = folder / "many-lines.txt"
    many.write_text("KẾ HOẠCH\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return one_line, many


def centuries_plan(folder: Path) -> Path:
    lines = [
        f'registry = "{LAO_CAI.parent / "agencies.toml"}"',
        "[plan]",
        'id = "rong"',
        'title = "Kế hoạch"',
        'province = "lao-cai"',
        "year = 1900",
    ]
    for number in range(1, 101):
        lines += [
            "[[tasks]]",
            f'id = "I.{number}"',
            f'title = "Báo cáo tháng số {number}"',
            'lead = ["so-ban-nganh"]',
            'deliverable = "report"',
            'deadline = "hằng tháng"',
            "[[tasks.schedule]]",
            'kind = "monthly"',
            "from = 1900",
            "until = 2200",
        ]
    path = folder / "centuries.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def bomb(folder: Path) -> Path:
    path = folder / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(200):
                member.write(b"0" * (1 << 20))
    return path


def pdfs(folder: Path) -> tuple[Path, Path]:
    """The PDF bomb and the small PDF, built in another process.

    A child's peak memory counts the memory of the process it was forked
    from, so this one never holds the 300 MB of drawing itself.
    """
    bomb, small = folder / "bomb.pdf", folder / "small.pdf"
    build = (
        "import sys; from pathlib import Path; from pdf_files import pdf_with_text; "
        f"pdf_with_text(Path({str(bomb)!r}), 300 << 20); "
        f"pdf_with_text(Path({str(small)!r}), 60_000)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "tests")}
    subprocess.run([sys.executable, "-c", build], env=env, check=True)
    return bomb, small


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="bmnn-hostile-") as tmp:
        folder = Path(tmp)
        env = {**os.environ, "BMNN_DB": str(folder / "bmnn.db"), "BMNN_LANG": "en"}
        one_line, many = documents(folder)
        plan, archive = centuries_plan(folder), bomb(folder)
        rows = []
        base, _ = best(runs, env, "extract", str(many), "-o", "-")
        took, code = best(runs, env, "extract", str(one_line), "-o", "-")
        rows.append(("extract 2.6 MB, one line", took, code, "same text in lines", base))
        base, _ = best(1, env, "import", str(LAO_CAI))
        took, code = best(runs, env, "import", str(plan))
        rows.append(("import 1900–2200 plan", took, code, "import Lào Cai example", base))
        text_time = rows[0][1]
        took, code = best(runs, env, "extract", str(archive))
        rows.append(("extract zip bomb", took, code, "extract 2.6 MB one line", text_time))
        pdf_bomb, small = pdfs(folder)
        pdf_rows = [
            (
                f"extract PDF bomb ({pdf_bomb.stat().st_size // 1024} KB)",
                peak(env, "extract", str(pdf_bomb), "-o", "-"),
            ),
            ("extract small PDF (60 KB ops)", peak(env, "extract", str(small), "-o", "-")),
        ]
    print(f"{'case':28} {'s':>7} {'exit':>5}  {'baseline':28} {'s':>7} {'ratio':>6}")
    for case, took, code, baseline, base in rows:
        print(f"{case:28} {took:7.2f} {code:5d}  {baseline:28} {base:7.2f} {took / base:6.2f}")
    print(f"{'PDF case':28} {'s':>7} {'exit':>5} {'peak MB':>8}")
    for case, (took, code, mb) in pdf_rows:
        print(f"{case:28} {took:7.2f} {code:5d} {mb:8.1f}")
    (bomb_s, _, bomb_mb), (small_s, _, small_mb) = pdf_rows[0][1], pdf_rows[1][1]
    print(
        f"ratio PDF bomb / small PDF: time {bomb_s / small_s:.2f}, "
        f"peak memory {bomb_mb / small_mb:.2f}"
    )
    print(f"({os.uname().sysname}, {os.cpu_count()} CPUs; best of {runs} runs)")


if __name__ == "__main__":
    main()
