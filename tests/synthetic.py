"""Synthetic plans of any size, written as real plan files."""

from __future__ import annotations

from pathlib import Path


def write_plan(
    folder: Path,
    *,
    agencies: int,
    tasks: int,
    years: int = 1,
    title: str = "Báo cáo",
    plan_id: str = "synthetic",
) -> Path:
    """A registry of `agencies` members of one group and a plan of yearly tasks."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ['[province]\nid = "tinh-thu"\nname = "Tỉnh Thử"\n',
             '[[groups]]\nid = "tat-ca"\nname = "Tất cả cơ quan"\n']  # fmt: skip
    for i in range(agencies):
        lines.append(
            f'[[agencies]]\nid = "co-quan-{i}"\nname = "Cơ quan số {i}"\n'
            f'kind = "department"\ngroups = ["tat-ca"]\n'
        )
    (folder / "agencies.toml").write_text("\n".join(lines), encoding="utf-8")
    plan = [
        f'registry = "agencies.toml"\n\n[plan]\nid = "{plan_id}"\ntitle = "Kế hoạch thử"\n'
        f'province = "tinh-thu"\nyear = 2026\n'
    ]
    for t in range(tasks):
        plan.append(
            f'[[tasks]]\nid = "T.{t}"\ntitle = "{title} {t}"\nlead = ["tat-ca"]\n'
            f'deliverable = "report"\ndeadline = "trước ngày 30/10 hằng năm"\n'
            f'[[tasks.schedule]]\nkind = "yearly"\nmonth = 10\nday = 30\nuntil = {2025 + years}\n'
        )
    path = folder / "plan.toml"
    path.write_text("\n".join(plan), encoding="utf-8")
    return path
