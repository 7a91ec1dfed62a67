"""A draft agency registry for a plan whose issuer has none in the database yet.

Every agency and group the draft names, under the id the draft uses for it
(its name), with a kind guessed from the state-structure data or from the
name's head word ("Sở …" is a department, "Công an …" the police). Each is
marked for review, so that `bmnn import REGISTRY && bmnn import DRAFT` works
without an edit and a person then corrects what the guess got wrong.
"""

from __future__ import annotations

from bmnn_cli.domain.extract import Extraction
from bmnn_cli.domain.extract.drafts import AgencyRef
from bmnn_cli.domain.extract.emit import REVIEW, value
from bmnn_cli.domain.extract.lexicon import canon
from bmnn_cli.domain.extract.names import kind_of
from bmnn_cli.i18n import t
from bmnn_cli.text import slug


def named(extraction: Extraction) -> list[AgencyRef]:
    """The agencies and groups the tasks name and the registry lacks, once each, in order."""
    out: dict[tuple[str, ...], AgencyRef] = {}
    for task in extraction.tasks:
        for ref in task.lead + task.support:
            if ref.code is None:
                out.setdefault(canon(ref.text), ref)
    return list(out.values())


def _spellings(extraction: Extraction) -> dict[tuple[str, ...], list[str]]:
    """Every way the tasks write each name ("Báo TN&MT", "Báo Tài nguyên và Môi trường")."""
    out: dict[tuple[str, ...], list[str]] = {}
    for task in extraction.tasks:
        for ref in task.lead + task.support:
            if ref.code is None and ref.text not in out.setdefault(canon(ref.text), []):
                out[canon(ref.text)].append(ref.text)
    return out


def to_toml(extraction: Extraction) -> str:
    """The draft registry's text, each entry with a "# review:" comment."""
    refs = named(extraction)
    spellings = _spellings(extraction)
    lines = ["# " + line for line in t("extract.registry_preamble").splitlines()]
    lines += [
        "",
        "[province]",
        f"id = {value(extraction.province)}",
        f"name = {value(extraction.province_name or extraction.province)}",
    ]
    ids: set[str] = set()
    for ref in [r for r in refs if r.group]:
        code = _unique(slug(ref.text) or "nhom", ids)
        lines += ["", "[[groups]]", REVIEW + t("review.registry_group", name=ref.text)]
        lines += [f"id = {value(code)}", f"name = {value(ref.text)}"]
        lines += _aliases(ref, spellings)
    for ref in [r for r in refs if not r.group]:
        code = _unique(slug(ref.text) or "co-quan", ids)
        kind = kind_of(ref.text)
        lines += [
            "",
            "[[agencies]]",
            REVIEW + t("review.registry_agency", name=ref.text, kind=kind),
        ]
        lines += [f"id = {value(code)}", f"name = {value(ref.text)}", f"kind = {value(kind)}"]
        lines += _aliases(ref, spellings)
    return "\n".join(lines) + "\n"


def _aliases(ref: AgencyRef, spellings: dict[tuple[str, ...], list[str]]) -> list[str]:
    others = [s for s in spellings.get(canon(ref.text), []) if s != ref.text]
    return [f"aliases = {value(others)}"] if others else []


def _unique(code: str, taken: set[str]) -> str:
    base, count = code, 1
    while code in taken:
        count += 1
        code = f"{base}-{count}"
    taken.add(code)
    return code
