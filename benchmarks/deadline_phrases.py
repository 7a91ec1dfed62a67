"""Share of real plans' deadline phrases read confidently and right.

Reads tests/data/phrases.toml: every deadline phrase of the two seed plans
and of the eleven corpus plans (each with its document and line), plus the
variants of their wording the plan format must read, and the traps that are
no deadline at all. A phrase counts as right when the reader is confident
(every word accounted for) and gives the expected schedule parts; a trap
(or a deadline the format cannot say, "unread") counts as right when the
reader is not confident: it never guesses. The target is 100 %.

    python benchmarks/deadline_phrases.py [--show-misses]
"""

from __future__ import annotations

import argparse
import time
import tomllib
from collections import defaultdict
from pathlib import Path
from typing import Any

from bmnn_cli.domain.phrases import parse_phrase

TABLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "phrases.toml"


def _group(row: dict[str, Any]) -> str:
    source = str(row["source"])
    return "variants" if source == "variant" else source.split("/")[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    table = tomllib.loads(TABLE.read_text("utf-8"))
    right: dict[str, list[bool]] = defaultdict(list)
    misses = []
    started = time.perf_counter()
    for row in table["phrase"]:
        reading = parse_phrase(row["text"], year=row["year"])
        ok = reading.confident and reading.parts == row["parts"]
        right[_group(row)].append(ok)
        if not ok:
            misses.append(
                f"{row['source']}: {row['text']!r} -> {reading.parts} / {reading.unread!r}"
            )
    for group in ("trap", "unread"):  # never deadlines / never guessed: never confident
        for row in table.get(group, []):
            ok = not parse_phrase(row["text"], year=row["year"]).confident
            right[f"{group}s" if group == "trap" else group].append(ok)
            if not ok:
                misses.append(f"{group} read confidently: {row['text']!r}")
    elapsed = time.perf_counter() - started
    print("phrases read confidently and right")
    for group in ("seeds", "corpus", "variants", "traps", "unread"):
        results = right[group]
        share = 100 * sum(results) / len(results) if results else 0.0
        print(f"  {group:9} {sum(results):4d} / {len(results):4d}  {share:6.1f} %")
    every = [ok for results in right.values() for ok in results]
    print(f"  {'all':9} {sum(every):4d} / {len(every):4d}  {100 * sum(every) / len(every):6.1f} %")
    print(f"  read in {elapsed * 1000:.0f} ms ({elapsed / len(every) * 1e6:.0f} µs a phrase)")
    if args.show_misses:
        print("\n".join(misses) or "no misses")


if __name__ == "__main__":
    main()
