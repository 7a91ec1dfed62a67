"""Precision and recall of `bmnn extract` against the hand-checked example plans.

For each seed document in examples/documents/, extracts a draft with the
province's registry and compares it with the hand-checked plan file, as
sets of facts (bmnn_cli.domain.extract.compare.items):

- tasks:        task ids (the document's numbering, and the letters a split adds);
- roles:        (task, lead|support, agency or group id);
- deadlines:    (task, deadline phrase as written);
- schedules:    (task, schedule parts);
- deliverables: (task, plan|report|training|inspection|other).

Precision = share of extracted facts that the hand-checked file has; recall =
share of the hand-checked facts that were extracted. Titles and notes are
a person's summaries and are not scored.

    python benchmarks/extract_quality.py [--show-misses]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bmnn_cli.domain.directory import Directory
from bmnn_cli.domain.extract import extract, read_document
from bmnn_cli.domain.extract.compare import CATEGORIES, items, precision_recall, to_spec
from bmnn_cli.domain.planfile import load

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = (
    ("lao-cai", "lao-cai-2026-bmnn-plan.txt", "bmnn-2026.toml"),
    ("cao-bang", "cao-bang-law-implementation-plan-2026.txt", "law-implementation-2026.toml"),
)


Scores = dict[str, tuple[float, float]]


def score(province: str, document: str, plan: str) -> tuple[Scores, list[str]]:
    """Precision and recall per category for one seed, and the facts that differ."""
    truth_file = load(EXAMPLES / province / plan)
    assert truth_file.plan is not None and truth_file.registry is not None
    registry = truth_file.registry
    result = extract(read_document(EXAMPLES / "documents" / document), registry=registry)
    directory = Directory(registry)
    found = items(to_spec(result, truth_file.plan.code), directory)
    truth = items(truth_file.plan, directory)
    scores = {name: precision_recall(found[name], truth[name]) for name in CATEGORIES}
    misses = [
        f"  {name}: missed {sorted(truth[name] - found[name])}"
        for name in CATEGORIES
        if truth[name] - found[name]
    ]
    misses += [
        f"  {name}: invented {sorted(found[name] - truth[name])}"
        for name in CATEGORIES
        if found[name] - truth[name]
    ]
    return scores, misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--show-misses", action="store_true", help="list what differs")
    args = parser.parse_args(argv)
    header = f"{'seed':<10} " + " ".join(f"{c:>14}" for c in CATEGORIES)
    print("precision / recall per category\n")
    print(header)
    print("-" * len(header))
    perfect = True
    for province, document, plan in SEEDS:
        scores, misses = score(province, document, plan)
        cells = " ".join(f"{p * 100:6.1f}/{r * 100:5.1f}%" for p, r in scores.values())
        print(f"{province:<10} {cells}")
        perfect = perfect and not misses
        if args.show_misses and misses:
            print("\n".join(misses))
    print("\ntarget: 100/100 in every category for both seeds:", "PASS" if perfect else "MISS")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
