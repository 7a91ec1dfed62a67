"""Names of the state structure after the 2025 reorganisation (package data).

`data/state_structure.toml` lists, with its legal sources, the ministries
and ministry-level agencies, the 34 provinces, the standard agencies of a
province and the usual groups. The matcher knows them all, so that a list
splits at the right commas; a draft registry takes their kinds; and the
issuer's name tells a plan's scope (national, a province, a commune).
"""

from __future__ import annotations

import functools
import re
import tomllib
from importlib import resources
from typing import Any

from bmnn_cli.domain.extract.lexicon import STANDARD_AGENCIES, STANDARD_GROUPS, canon, fold_text

_PROVINCE_WORDS = ("tỉnh", "thành phố")


@functools.cache
def _data() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("data/state_structure.toml").read_text("utf-8")
    return tomllib.loads(text)


def _expand(template: str) -> list[str]:
    if "{province}" not in template:
        return [template]
    return [template.replace("{province}", word) for word in _PROVINCE_WORDS]


@functools.cache
def agencies() -> tuple[tuple[str, str], ...]:
    """(name, registry kind) of every agency name the extractor knows, without repeats."""
    data = _data()
    found: list[tuple[str, str]] = list(STANDARD_AGENCIES)
    for key in ("ministries", "former_ministries", "central"):
        found += [(name, "other") for name in data[key]]
    for key in ("provincial", "former_provincial"):
        for template, kind in data[key].items():
            found += [(name, kind) for name in _expand(template)]
    seen: set[tuple[str, ...]] = set()
    out: list[tuple[str, str]] = []
    for name, kind in found:
        if canon(name) not in seen:
            seen.add(canon(name))
            out.append((name, kind))
    return tuple(out)


@functools.cache
def provincial_names(province: str) -> tuple[tuple[str, str], ...]:
    """The provincial agencies named with the province's own name ("Công an tỉnh Lai
    Châu", "Báo và Phát thanh, Truyền hình Lai Châu")."""
    out: list[tuple[str, str]] = []
    for template, kind in [*_data()["provincial"].items(), *_data()["former_provincial"].items()]:
        if "{province}" in template:
            for word in ("", "tỉnh ", "thành phố "):
                out.append((template.replace("{province}", word + province), kind))
    return tuple(out)


@functools.cache
def groups() -> tuple[tuple[str, str], ...]:
    """(name, scope) of the usual groups: ministries, provinces, departments, local, unions."""
    found = [(name, "local" if local else "departments") for name, local in STANDARD_GROUPS]
    found += list(_data()["groups"].items())
    seen: set[tuple[str, ...]] = set()
    out: list[tuple[str, str]] = []
    for name, scope in found:
        if canon(name) not in seen:
            seen.add(canon(name))
            out.append((name, scope))
    return tuple(out)


@functools.cache
def provinces() -> tuple[str, ...]:
    """The 34 provinces and centrally-run cities, by name."""
    data = _data()
    return tuple(data["cities"]) + tuple(data["provinces"])


@functools.cache
def _ministries() -> tuple[tuple[str, ...], ...]:
    data = _data()
    return tuple(canon(n) for n in [*data["ministries"], *data["former_ministries"]])


_KIND_BY_HEAD: tuple[tuple[str, str], ...] = (
    (r"cong an\b", "police"),
    (r"bo (?:chi huy|tu lenh)\b", "army"),
    (r"van phong\b", "office"),
    (r"so\b", "department"),
    (r"ban quan ly\b", "department"),
    (r"(?:uy ban nhan dan|ubnd) (?:cac )?xa\b", "commune"),
    (r"(?:uy ban nhan dan|ubnd) (?:cac )?phuong\b", "ward"),
    (r"(?:uy ban nhan dan|ubnd|hoi dong nhan dan)\b", "committee"),
    (r"(?:uy ban )?mat tran\b|hoi\b|doan\b|tinh doan|thanh doan|lien doan", "union"),
    (r"bao\b|dai\b|cong thong tin", "media"),
)


def kind_of(name: str) -> str:
    """The registry kind of an agency: as the data says, else guessed from its head word."""
    key = canon(name)
    for known, kind in agencies():
        if canon(known) == key:
            return kind
    folded = " ".join(key)
    for pattern, kind in _KIND_BY_HEAD:
        if re.match(pattern, folded):
            return kind
    return "other"


def issuer_scope(issuer: str) -> str:
    """ "national" for a ministry, the Government or the Prime Minister; "commune" for a
    commune or ward body; else "province"."""
    words = canon(issuer)
    folded = " ".join(words)
    if re.search(r"\b(?:xa|phuong|dac khu)\b", folded) and not re.search(r"\btinh\b", folded):
        return "commune"
    if re.match(r"(?:thu tuong|chinh phu|bo truong|bo\b)", folded) or words in _ministries():
        return "national"
    return "province"


def province_in(text: str) -> str:
    """The first of the 34 provinces named in ``text`` (diacritics and case ignored)."""
    folded = " " + " ".join(canon(text)) + " "
    best: tuple[int, str] | None = None
    for name in provinces():
        at = folded.find(" " + " ".join(canon(name)) + " ")
        if at >= 0 and (best is None or at < best[0]):
            best = (at, name)
    return best[1] if best else ""


__all__ = ["agencies", "fold_text", "groups", "issuer_scope", "kind_of", "province_in", "provinces"]
