"""Precision and recall of `bmnn extract` against hand-checked plan files.

Two sets of documents:

- the seeds (examples/documents/), extracted with their province's registry
  and compared with examples/lao-cai/ and examples/cao-bang/;
- the corpus (examples/corpus/: real plans of other provinces, ministries,
  the Prime Minister and a commune), extracted as a new user would, with no
  registry, and compared with the hand-checked files in
  examples/corpus/expected/ (each links the registry it names agencies by).

Facts compared, as sets (bmnn_cli.domain.extract.compare.items):

- tasks:      task ids (the document's numbering, and the letters a split adds);
- leads:      (task, agency or group) answerable for it;
- supports:   (task, agency or group) coordinating;
- deadlines:  (task, deadline phrase as written) — the phrase found;
- schedules:  (task, schedule parts) — the phrase as the current parser reads it.

Precision = share of extracted facts that the hand-checked file has; recall =
share of the hand-checked facts that were extracted. Titles and notes are a
person's summaries and are not scored. "imports" says whether the draft and
its draft registry import into a fresh database with no edit
(`bmnn import DRAFT-agencies.toml && bmnn import DRAFT`). `--timing` times
the extraction of a 30-page plan (the corpus, concatenated) against reading
its lines, in the same run.

    python benchmarks/extract_quality.py [--show-misses] [--timing] [--no-import]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bmnn_cli.domain.directory import Directory
from bmnn_cli.domain.extract import extract, read_document
from bmnn_cli.domain.extract.compare import items, precision_recall, to_spec
from bmnn_cli.domain.planfile import load
from bmnn_cli.domain.specs import RegistrySpec

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CORPUS = EXAMPLES / "corpus"
CATEGORIES = ("tasks", "leads", "supports", "deadlines", "schedules")
TARGET = 0.95

# (name, document, hand-checked plan, registry given to the extractor?)
SEEDS = (
    ("lao-cai", EXAMPLES / "documents" / "lao-cai-2026-bmnn-plan.txt",
     EXAMPLES / "lao-cai" / "bmnn-2026.toml", True),
    ("cao-bang", EXAMPLES / "documents" / "cao-bang-law-implementation-plan-2026.txt",
     EXAMPLES / "cao-bang" / "law-implementation-2026.toml", True),
)  # fmt: skip


def corpus() -> list[tuple[str, Path, Path, bool]]:
    """Every corpus document that has a hand-checked plan file."""
    out = []
    for document in sorted(CORPUS.glob("*.txt")):
        expected = CORPUS / "expected" / f"{document.stem}.toml"
        if expected.exists():
            out.append((document.stem[:2], document, expected, False))
    return out


Scores = dict[str, tuple[float, float]]
Facts = dict[str, set[tuple[str, ...]]]


def facts(plan: object, directory: Directory) -> Facts:
    found = items(plan, directory)  # type: ignore[arg-type]
    roles = found.pop("roles")
    found["leads"] = {(t, a) for t, r, a in roles if r == "lead"}
    found["supports"] = {(t, a) for t, r, a in roles if r == "support"}
    return {k: found[k] for k in CATEGORIES}


def score(document: Path, expected: Path, with_registry: bool) -> tuple[Facts, Facts]:
    """The extracted and the hand-checked facts of one document."""
    truth_file = load(expected)
    assert truth_file.plan is not None and truth_file.registry is not None
    registry: RegistrySpec = truth_file.registry
    result = extract(
        read_document(document),
        registry=registry if with_registry else None,
        default_year=truth_file.plan.year,  # as the CLI passes this year when the text has none
    )
    directory = Directory(registry)
    return facts(to_spec(result, truth_file.plan.code), directory), facts(
        truth_file.plan, directory
    )


def imports(document: Path) -> bool:
    """Whether the draft and its draft registry import into a fresh database as written."""
    bmnn = [sys.executable, "-m", "bmnn_cli"]
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "BMNN_DB": str(Path(folder) / "bmnn.db")}
        draft = Path(folder) / "draft.toml"
        steps = [
            [*bmnn, "extract", str(document), "-o", str(draft)],
            [*bmnn, "import", str(Path(folder) / "draft-agencies.toml")],
            [*bmnn, "import", str(draft)],
        ]
        for step in steps:
            if subprocess.run(step, env=env, capture_output=True).returncode != 0:
                return False
    return True


def timing() -> None:
    """Seconds to extract a 30-page plan, against the time to read it from disk (baseline)."""
    lines: list[str] = []
    for document in sorted(CORPUS.glob("*.txt")):
        lines += read_document(document).lines
    while sum(map(len, lines)) > 30 * 3000:  # a page of a plan: about 3,000 characters
        lines.pop()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "30-pages.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        start = time.perf_counter()
        for _ in range(3):
            big = read_document(path)
        baseline = (time.perf_counter() - start) / 3
        start = time.perf_counter()
        for _ in range(3):
            extract(big, default_year=2026)
        took = (time.perf_counter() - start) / 3
    chars = sum(map(len, lines))
    print(
        f"\n30-page plan ({len(lines)} lines, {chars} characters): extract {took:.2f} s, "
        f"reading it {baseline * 1000:.1f} ms (x{took / baseline:.0f}); target under 2 s:",
        "PASS" if took < 2 else "MISS",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--show-misses", action="store_true", help="list what differs")
    parser.add_argument("--timing", action="store_true", help="time a 30-page plan")
    parser.add_argument("--no-import", action="store_true", help="skip the import check")
    args = parser.parse_args(argv)
    header = f"{'document':<9} " + " ".join(f"{c:>13}" for c in CATEGORIES) + "  imports"
    print("precision / recall per category\n")
    print(header)
    print("-" * len(header))
    totals: Facts = {c: set() for c in CATEGORIES}
    truths: Facts = {c: set() for c in CATEGORIES}
    below: list[str] = []
    for name, document, expected, with_registry in [*SEEDS, *corpus()]:
        found, truth = score(document, expected, with_registry)
        scores = {c: precision_recall(found[c], truth[c]) for c in CATEGORIES}
        ok = "-" if args.no_import or with_registry else ("yes" if imports(document) else "NO")
        cells = " ".join(f"{p * 100:5.1f}/{r * 100:5.1f}%" for p, r in scores.values())
        print(f"{name:<9} {cells}  {ok}")
        for c in CATEGORIES:
            totals[c] |= {(name, *f) for f in found[c]}
            truths[c] |= {(name, *f) for f in truth[c]}
        if any(min(pr) < TARGET for pr in scores.values()) or ok == "NO":
            below.append(name)
        if args.show_misses:
            for c in CATEGORIES:
                for fact in sorted(truth[c] - found[c]):
                    print(f"    {c} missed:   {fact}")
                for fact in sorted(found[c] - truth[c]):
                    print(f"    {c} invented: {fact}")
    total = {c: precision_recall(totals[c], truths[c]) for c in CATEGORIES}
    print("-" * len(header))
    print(f"{'total':<9} " + " ".join(f"{p * 100:5.1f}/{r * 100:5.1f}%" for p, r in total.values()))
    print(
        f"\ntarget: {TARGET * 100:.0f}% in every category of every document:",
        "PASS" if not below else "MISS (" + ", ".join(below) + ")",
    )
    if args.timing:
        timing()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
