"""Stored records told in the officer's language: audit log details, import changes.

The store writes details in a fixed, machine-like shape ("once: 2026-02-20
15/KH-STC", "added agency ×113", "title: 'a' → 'b'") that scripts reading
`bmnn log -f json` rely on. Here they are read back and said again through
the catalogue, with dates day-first, periods as people name them and agency
ids replaced by names; a detail of an unknown shape is shown as stored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping

from bmnn_cli.domain.periods import period_label
from bmnn_cli.i18n import MESSAGES, t

_ISO = r"\d{4}-\d\d-\d\d"


def day(text: str) -> str:
    """An ISO date as written in Vietnam (27/02/2026); other text unchanged."""
    try:
        return f"{dt.date.fromisoformat(text.strip()):%d/%m/%Y}"
    except ValueError:
        return text


def item_text(item: str) -> str:
    """ "task III.1.1" as "nhiệm vụ III.1.1": the kind of thing in words, then its id."""
    kind, _, code = item.partition(" ")
    key = f"item.{kind}"
    return f"{t(key)} {code}".strip() if key in MESSAGES else item


def change_text(detail: str) -> str:
    """What an import changed: "title: 'a' → 'b'" as "nội dung: 'a' → 'b'"."""
    if detail.startswith("merged into "):
        return t("change.merged_into", successor=detail.removeprefix("merged into "))
    if f"change.{detail}" in MESSAGES and detail in ("groups", "agencies"):
        return t(f"change.{detail}")
    name, colon, rest = detail.partition(": ")
    key = f"field.{name}"
    return f"{t(key)}: {rest}" if colon and key in MESSAGES else detail


def _period(text: str) -> str:
    return period_label(text.strip())


def _submit(match: re.Match[str]) -> str:
    ref = match["ref"] or t("amend.blank")
    return t("log.submit", period=_period(match["period"]), date=day(match["date"]), ref=ref)


def _amend(match: re.Match[str]) -> str:
    parts = []
    for change in match["changes"].split("; "):
        found = re.fullmatch(r"(date|ref|note) (.*) -> (.*)", change)
        if found is None:
            return match.string
        old, new = (day(v) if v != "-" else t("amend.blank") for v in found.group(2, 3))
        parts.append(t(f"amend.{found[1]}", old=old, new=new))
    return t(
        "log.amend",
        period=_period(match["period"]),
        changes="; ".join(parts),
        reason=match["reason"],
    )


def _retract(match: re.Match[str]) -> str:
    return t(
        "log.retract", period=_period(match["period"]), date=day(match["date"]),
        reason=match["reason"],
    )  # fmt: skip


def _waive(match: re.Match[str]) -> str:
    return t("log.waive", period=_period(match["period"]), reason=match["reason"])


def _request(match: re.Match[str]) -> str:
    ref = match["ref"] or t("amend.blank")
    return t("log.request", date=day(match["date"]), due=day(match["due"]), ref=ref)


def stage_text(days: int) -> str:
    """A reminder's stage as a person says it: 7 days before, on the day, 14 days after."""
    if days < 0:
        return t("stage.before", days=-days)
    if days == 0:
        return t("stage.on_the_day")
    return t("stage.after", days=days)


def _remind(match: re.Match[str]) -> str:
    return t(
        "log.remind",
        channel=t(f"channel.{match['channel']}"),
        stage=stage_text(int(match["stage"])),
        due=day(match["due"]),
        period=_period(match["period"]),
        to=match["to"],
    ) + (f"; {match['rest']}" if match["rest"] else "")


def _import(match: re.Match[str]) -> str:
    parts = [match["path"] + ":"]
    for piece in match["rest"].split("; "):
        counted = [
            re.fullmatch(r"(added|removed|changed|archived) (\w+) ×(\d+)", p)
            for p in piece.split(", ")
        ]
        if all(counted):
            parts.append(
                ", ".join(
                    t("log.counted", change=t(f"change.{c[1]}"), item=t(f"item.{c[2]}"), count=c[3])
                    for c in counted
                    if c and f"item.{c[2]}" in MESSAGES
                )
                + ";"
            )
            continue
        one = re.fullmatch(r"(added|removed|changed|archived) (\w+ \S+) ?(.*)", piece)
        if one is None:
            parts.append(piece + ";")
            continue
        change = t(f"change.{one[1]}")
        parts.append(f"{change} {item_text(one[2])} {change_text(one[3])}".rstrip() + ";")
    return " ".join(parts).rstrip(";")


def _registry(match: re.Match[str]) -> str:
    return t("log.registry", province=match["province"], count=match["count"])


def _migrate(match: re.Match[str]) -> str:
    return t("log.migrate", where=match["where"], tables=match["tables"])


def _unwaive(match: re.Match[str]) -> str:
    return t(
        "log.unwaive", period=_period(match["period"]), waiver=match["waiver"],
        date=day(match["date"]), reason=match["reason"],
    )  # fmt: skip


def _cancel(match: re.Match[str]) -> str:
    return t(
        "log.cancel", period=match["period"], date=day(match["date"]), due=day(match["due"]),
        ref=match["ref"] or t("amend.blank"), count=match["count"], reason=match["reason"],
    )  # fmt: skip


_REQUEST = re.compile(rf"(?P<date>{_ISO}) due (?P<due>{_ISO}) ?(?P<ref>.*)")
_CANCEL = re.compile(
    rf"(?P<period>[^:]+): (?P<date>{_ISO}) → (?P<due>{_ISO}) ?(?P<ref>[^;]*); "
    r"(?P<count>\d+); (?P<reason>.*)"
)
_SHAPES: Mapping[str, list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]]] = {
    "submit": [(re.compile(rf"(?P<period>[^:]+): (?P<date>{_ISO}) ?(?P<ref>.*)"), _submit)],
    "amend": [(re.compile(r"(?P<period>[^:]+): (?P<changes>.*); (?P<reason>[^;]*)"), _amend)],
    "retract": [(re.compile(rf"(?P<period>[^:]+): (?P<date>{_ISO}); (?P<reason>.*)"), _retract)],
    "waive": [(re.compile(r"(?P<period>[^:]+): (?P<reason>.*)"), _waive)],
    "request": [(_REQUEST, _request)],
    "event": [(_REQUEST, _request)],
    "remind": [
        (
            re.compile(
                rf"(?P<channel>smtp|eml): stage (?P<stage>[+-]\d+)d of due (?P<due>{_ISO}) "
                r"\((?P<period>[^)]*)\); to (?P<to>[^;]*)(?:; (?P<rest>.*))?"
            ),
            _remind,
        )
    ],
    "import": [
        (re.compile(r"registry (?P<province>\S+): (?P<count>\d+) changes"), _registry),
        (re.compile(r"(?P<path>.+?): (?P<rest>(?:added|removed|changed|archived) .*)"), _import),
    ],
    "migrate": [(re.compile(r"from (?P<where>.+): (?P<tables>.*)"), _migrate)],
    "unwaive": [
        (
            re.compile(rf"(?P<period>[^:]+): (?P<waiver>.*) \((?P<date>{_ISO})\); (?P<reason>.*)"),
            _unwaive,
        )
    ],
    "cancel_request": [(_CANCEL, _cancel)],
    "cancel_event": [(_CANCEL, _cancel)],
}


def audit_text(action: str, detail: str) -> str:
    """An audit log detail in the language of the run, or as stored if of another shape."""
    for pattern, say in _SHAPES.get(action, []):
        match = pattern.fullmatch(detail)
        if match is not None:
            return say(match)
    return detail


def parameters_text(keys: Mapping[str, object]) -> str:
    """A schedule part's keys in words, each with the key a plan file spells it with.

    "month = 10, day = 30" reads "tháng (month) = 10, ngày (day) = 30" in
    Vietnamese: the officer sees what each number is and what to write.
    """
    shown = []
    for name, value in keys.items():
        if name == "kind":
            continue
        key = f"param.{name}"
        label = f"{t(key)} ({name})" if key in MESSAGES and t(key) != name else name
        if isinstance(value, bool):
            value = t("param.yes") if value else t("param.no")
        elif isinstance(value, dt.date):
            value = f"{value:%d/%m/%Y}"
        shown.append(f"{label} = {value}")
    return ", ".join(shown)
