"""Finding agencies and groups by what people call them.

A reference may be the id, the full name or any short name, typed with or
without diacritics and in any case: "cong an tinh", "CA tỉnh" and
"cong-an-tinh" all find Công an tỉnh.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from bmnn_cli.domain.specs import AgencySpec, GroupSpec, RegistrySpec
from bmnn_cli.errors import NotFound
from bmnn_cli.i18n import t
from bmnn_cli.text import did_you_mean, fold


@dataclass(frozen=True)
class Ref:
    kind: str  # "agency" | "group"
    code: str


class Directory:
    def __init__(self, registry: RegistrySpec) -> None:
        self.registry = registry
        self.agencies = {a.code: a for a in registry.agencies}
        self.groups = {g.code: g for g in registry.groups}
        self._keys: dict[str, Ref] = {}
        self._names: dict[str, str] = {}
        for group in registry.groups:
            self._index(Ref("group", group.code), group.code, group.name, group.aliases)
        for agency in registry.agencies:
            self._index(Ref("agency", agency.code), agency.code, agency.name, agency.aliases)
        # Documents name an agency with its province: "Sở Tư pháp tỉnh Lào Cai".
        place = fold(registry.name)
        place = place.removeprefix("tinh ").removeprefix("thanh pho ")
        self._places = [f" {w} {place}" for w in ("tinh", "thanh pho", "tp")] + [f" {place}"]

    def _index(self, ref: Ref, code: str, name: str, aliases: list[str]) -> None:
        for label in (code, name, *aliases):
            self._keys.setdefault(fold(label), ref)
            self._names.setdefault(fold(label), label)

    def find(self, text: str, *, kinds: tuple[str, ...] = ("agency", "group")) -> Ref:
        ref = self._keys.get(self._without_place(fold(text)))
        if ref is None or ref.kind not in kinds:
            words = [
                t("err.input.ref_agency" if k == "agency" else "err.input.ref_group") for k in kinds
            ]
            what = words[0]
            if len(words) == 2:
                what = t("err.input.ref_or", first=words[0], second=words[1])
            raise NotFound(
                t(
                    "err.input.unknown_ref",
                    what=what,
                    text=text,
                    hint=self.did_you_mean(text, kinds),
                ),
                value=text,
                suggestions=self.suggest(text, kinds),
            )
        return ref

    def _without_place(self, key: str) -> str:
        """`key`, or what is left of it once the province's name is taken off its end."""
        if key in self._keys:
            return key
        for place in self._places:
            if key.endswith(place) and key[: -len(place)].strip() in self._keys:
                return key[: -len(place)].strip()
        return key

    def suggest(self, text: str, kinds: tuple[str, ...] = ("agency", "group")) -> list[str]:
        keys = [k for k, ref in self._keys.items() if ref.kind in kinds]
        close = difflib.get_close_matches(fold(text), keys, n=3, cutoff=0.55)
        seen: list[str] = []
        for key in close:
            label = self.label(self._keys[key])
            if label not in seen:
                seen.append(label)
        return seen

    def did_you_mean(self, text: str, kinds: tuple[str, ...] = ("agency", "group")) -> str:
        return did_you_mean(self.suggest(text, kinds))

    def label(self, ref: Ref) -> str:
        item: AgencySpec | GroupSpec = (
            self.agencies[ref.code] if ref.kind == "agency" else self.groups[ref.code]
        )
        return item.name

    def members(self, group: str) -> list[tuple[AgencySpec, object]]:
        """Agencies in a group with the date they joined (None: from the start)."""
        out: list[tuple[AgencySpec, object]] = []
        for agency in self.registry.agencies:
            for membership in agency.groups:
                if membership.group == group:
                    out.append((agency, membership.since))
        return out

    def final_successor(self, code: str) -> str | None:
        """Where a merged agency's duties went, following chains of mergers."""
        agency = self.agencies.get(code)
        seen = {code}
        while agency and agency.successor and agency.successor not in seen:
            seen.add(agency.successor)
            code = agency.successor
            agency = self.agencies.get(code)
        return code if len(seen) > 1 else None
