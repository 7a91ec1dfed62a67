"""HTML pages: one self-contained file with tables and charts, for reading and printing.

The page refers to no URL at all — the CSS is inline, the charts are SVG
drawn here, there is no script — so it opens the same from an e-mail, a USB
stick or a machine with no network, and leaks nothing when opened. It prints
on A4 landscape with its colours, table headers repeat on every page, and
long charts are cut into parts that each stay on one page. Every piece of
text is escaped.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Mapping, Sequence
from html import escape
from typing import Any

from bmnn_cli import __version__
from bmnn_cli.i18n import language, t
from bmnn_cli.render.base import (
    ALARM_KEYS,
    ROLLUP_LEVELS,
    Chart,
    Column,
    Document,
    Listing,
    display,
)

WIDTH = 1000  # the weekly chart's viewBox width; CSS scales it to the page
ROWS_PER_PART = 26  # agency bars per SVG, so that a part fits on a printed page
NAME_CHARS = 40
SHORT_TEXT = 40  # a text column whose values are all this short never wraps

CSS = """
:root { --ok: #2e7d32; --late: #f9a825; --bad: #c62828; --due: #9e9e9e;
  --sent: #1565c0; --ink: #1f2933; --rule: #d0d7de; --head: #ddebf7; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 "Segoe UI", "DejaVu Sans", Arial, sans-serif;
  color: var(--ink); background: #f3f5f8; }
main { max-width: 1240px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 16px; }
h2 { font-size: 17px; margin: 0 0 10px; }
section { background: #fff; border: 1px solid var(--rule); border-radius: 6px;
  padding: 16px; margin-bottom: 18px; }
.figures { display: flex; flex-wrap: wrap; gap: 12px; }
.figure { flex: 1 1 140px; border-left: 5px solid var(--sent); padding: 8px 12px;
  background: #f8fafc; }
.figure .value { display: block; font-size: 28px; font-weight: 600; }
.figure.good { border-color: var(--ok); } .figure.mid { border-color: var(--late); }
.figure.bad { border-color: var(--bad); }
.legend { display: flex; flex-wrap: wrap; gap: 16px; margin: 0 0 8px; font-size: 13px; }
.swatch { display: inline-block; width: 12px; height: 12px; margin-right: 5px;
  vertical-align: -1px; }
.note { color: #57606a; font-size: 12px; margin: 6px 0 0; }
svg { display: block; width: 100%; height: auto; }
.parts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr));
  gap: 8px 24px; align-items: start; }
svg text { font-size: 12px; fill: var(--ink); }
svg .axis { fill: #57606a; font-size: 11px; }
svg .grid { stroke: #e5e9ef; stroke-width: 1; }
svg .track { fill: #f0f2f5; }
svg .bar { fill: var(--ok); } svg .bar-late { fill: var(--late); }
svg .bar-overdue { fill: var(--bad); }
svg .week-due { fill: var(--due); } svg .week-sent { fill: var(--sent); }
svg .line-due { fill: none; stroke: #616161; stroke-width: 2; stroke-dasharray: 6 4; }
svg .line-sent { fill: none; stroke: var(--sent); stroke-width: 2.5; }
svg .marker { stroke: var(--bad); stroke-width: 1.5; stroke-dasharray: 3 3; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid var(--rule); padding: 4px 6px; vertical-align: top; }
th { background: var(--head); text-align: center; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.date, td.nowrap { white-space: nowrap; }
tr.rollup td { font-weight: 600; background: #f2f2f2; }
td.alarm { color: #9c0006; background: #ffc7ce; }
td.good { background: #c6efce; } td.mid { background: #ffeb9c; } td.bad { background: #ffc7ce; }
footer { color: #57606a; font-size: 12px; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { background: #fff; font-size: 10pt; }
  main { max-width: none; padding: 0; }
  section { border: 0; padding: 0; margin: 0 0 8mm; }
  h2 { break-after: avoid; }
  svg, .figures, tr { break-inside: avoid; }
  .parts { grid-template-columns: 1fr 1fr; }
  section.rates { break-before: page; }
  thead { display: table-header-group; }
  table { font-size: 8.5pt; }
}
"""


def page(doc: Document) -> str:
    """The whole document as one HTML page."""
    title = doc.heading or next((x.title for x in doc.listings if x.title), None) or "bmnn"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{language()}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{CSS}</style></head>",
        "<body><main>",
        f"<h1>{escape(title)}</h1>" if doc.heading else "",
        *(_chart(chart) for chart in doc.charts),
        *(_table_section(listing) for listing in doc.listings),
        f"<footer>{escape(t('report.made_by', version=__version__))}</footer>",
        "</main></body></html>\n",
    ]
    return "\n".join(part for part in parts if part)


def _chart(chart: Chart) -> str:
    if not chart.drawable():
        return ""
    if chart.kind == "figures":
        return _figures(chart.listing)
    if chart.kind == "rates":
        return _rates(chart.listing)
    if chart.kind == "weeks":
        return _weeks(chart.listing, chart.marker)
    raise ValueError(f"unknown chart kind {chart.kind!r}")


def _section(title: str | None, body: str, css: str = "") -> str:
    heading = f"<h2>{escape(title)}</h2>" if title else ""
    return f'<section class="{css}">{heading}{body}</section>'


def _band(rate: object) -> str:
    """good (80% and up), mid (50% and up) or bad, to colour an on-time rate."""
    if not isinstance(rate, int | float):
        return ""
    return "good" if rate >= 0.8 else "mid" if rate >= 0.5 else "bad"


# -- tables ----------------------------------------------------------------------


def _table_section(listing: Listing) -> str:
    if not listing.rows:
        return _section(listing.title, f'<p class="note">{escape(listing.nothing())}</p>')
    head = "".join(f"<th>{escape(t(c.header))}</th>" for c in listing.columns)
    short = {c.key for c in listing.columns if _short_column(c, listing.rows)}
    body = "".join(_table_row(listing.columns, row, short) for row in listing.rows)
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return _section(listing.title, table)


def _short_column(column: Column, rows: Sequence[Mapping[str, Any]]) -> bool:
    """Names and codes stay on one line; only long text (titles) wraps."""
    return column.kind == "text" and all(
        len(display(row.get(column.key))) <= SHORT_TEXT for row in rows
    )


def _table_row(columns: Sequence[Column], row: Mapping[str, Any], short: set[str]) -> str:
    css = ' class="rollup"' if row.get("level") in ROLLUP_LEVELS else ""
    cells = "".join(_cell(c, row.get(c.key), c.key in short) for c in columns)
    return f"<tr{css}>{cells}</tr>"


def _cell(column: Column, value: object, nowrap: bool = False) -> str:
    classes = ["nowrap"] if nowrap else []
    if column.kind in ("int", "rate"):
        classes.append("num")
    if column.kind == "date":
        classes.append("date")
    if column.kind == "rate":
        classes.append(_band(value))
    if column.key in ALARM_KEYS and isinstance(value, int) and value > 0:
        classes.append("alarm")
    css = " ".join(c for c in classes if c)
    attribute = f' class="{css}"' if css else ""
    return f"<td{attribute}>{escape(display(value, column.kind))}</td>"


# -- charts ----------------------------------------------------------------------


def _figures(listing: Listing) -> str:
    """The totals as big numbers, the first thing the Chairman reads."""
    row = listing.rows[0]
    cards = []
    for column in listing.columns:
        value = row.get(column.key)
        band = _band(value) if column.kind == "rate" else ""
        if column.key in ALARM_KEYS and isinstance(value, int) and value > 0:
            band = "bad"
        cards.append(
            f'<div class="figure {band}">{escape(t(column.header))}'
            f'<span class="value">{escape(display(value, column.kind))}</span></div>'
        )
    return _section(t("report.figures"), f'<div class="figures">{"".join(cards)}</div>')


def _legend(items: Sequence[tuple[str, str]]) -> str:
    spans = (
        f'<span><span class="swatch" style="background:{colour}"></span>{escape(label)}</span>'
        for colour, label in items
    )
    return f'<div class="legend">{"".join(spans)}</div>'


def _rates(listing: Listing) -> str:
    """One stacked bar per agency: on time, late, overdue, as parts of what fell due."""
    charted = [row for row in listing.rows if row.get("fallen_due")]
    legend = _legend(
        [
            ("var(--ok)", t("status.done_on_time")),
            ("var(--late)", t("status.done_late")),
            ("var(--bad)", t("status.overdue")),
        ]
    )
    parts = "".join(_rate_part(part) for part in _chunks(charted, ROWS_PER_PART))
    parts = f'<div class="parts">{parts}</div>'
    skipped = len(listing.rows) - len(charted)
    note = (
        f'<p class="note">{escape(t("report.not_due_yet", count=skipped))}</p>' if skipped else ""
    )
    return _section(listing.title, legend + parts + note, "chart rates")


def _chunks(rows: Sequence[Mapping[str, Any]], size: int) -> Iterator[Sequence[Mapping[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


RATE_LABEL, RATE_X, RATE_W, ROW_H, AXIS_H, PART_W = 262, 270, 290, 20, 20, 620


def _rate_part(rows: Sequence[Mapping[str, Any]]) -> str:
    height = AXIS_H + ROW_H * len(rows) + 4
    grid = []
    for percent in (0, 25, 50, 75, 100):
        x = RATE_X + RATE_W * percent / 100
        grid.append(
            f'<line class="grid" x1="{x:.1f}" y1="{AXIS_H - 4}" x2="{x:.1f}" y2="{height}"/>'
            f'<text class="axis" x="{x:.1f}" y="{AXIS_H - 8}" text-anchor="middle">'
            f"{percent}%</text>"
        )
    bars = (_rate_row(AXIS_H + ROW_H * i, row) for i, row in enumerate(rows))
    return f'<svg viewBox="0 0 {PART_W} {height}" role="img">{"".join(grid)}{"".join(bars)}</svg>'


def _rate_row(y: int, row: Mapping[str, Any]) -> str:
    name = str(row.get("agency", ""))
    short = name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1].rstrip() + "…"
    due = int(row["fallen_due"])
    widths = [RATE_W * int(row.get(key) or 0) / due for key in ("on_time", "late", "overdue")]
    tip = (
        f"{name}: {row.get('on_time', 0)}/{due} {t('status.done_on_time')}, "
        f"{row.get('late', 0)} {t('status.done_late')}, {row.get('overdue', 0)} "
        f"{t('status.overdue')}"
    )
    segments, x = [], float(RATE_X)
    for css, width in zip(("bar", "bar-late", "bar-overdue"), widths, strict=True):
        segments.append(
            f'<rect class="{css}" x="{x:.1f}" y="{y + 3}" width="{width:.1f}" '
            f'height="{ROW_H - 6}"/>'
        )
        x += width
    middle = y + ROW_H / 2 + 4
    return (
        f"<g><title>{escape(tip)}</title>"
        f'<text x="{RATE_LABEL}" y="{middle:.1f}" text-anchor="end">{escape(short)}</text>'
        f'<rect class="track" x="{RATE_X}" y="{y + 3}" width="{RATE_W}" height="{ROW_H - 6}"/>'
        f"{''.join(segments)}"
        f'<text x="{RATE_X + RATE_W + 8}" y="{middle:.1f}">'
        f"{escape(display(row.get('rate'), 'rate'))}</text></g>"
    )


LEFT, RIGHT, TOP, BOTTOM, WEEKS_H = 56, 16, 16, 44, 340


def _weeks(listing: Listing, marker: dt.date | None) -> str:
    """Bars per week (due, submitted) and running totals as lines, on one count axis."""
    rows = listing.rows
    ticks = _ticks(max(max(r["cumulative_due"], r["cumulative_submitted"]) for r in rows))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, WEEKS_H - TOP - BOTTOM
    slot = plot_w / len(rows)

    def y_of(count: float) -> float:
        return TOP + plot_h - plot_h * count / ticks[-1]

    parts = [_y_axis(ticks, y_of), _x_axis(rows, slot)]
    for i, row in enumerate(rows):
        parts.append(_week_bars(LEFT + slot * i, slot, row, y_of))
    for css, key in (("line-due", "cumulative_due"), ("line-sent", "cumulative_submitted")):
        points = " ".join(
            f"{LEFT + slot * (i + 0.5):.1f},{y_of(r[key]):.1f}" for i, r in enumerate(rows)
        )
        parts.append(f'<polyline class="{css}" points="{points}"/>')
    if marker is not None:
        parts.append(_marker(marker, rows[0]["week"], slot, len(rows)))
    svg = f'<svg viewBox="0 0 {WIDTH} {WEEKS_H}" role="img">{"".join(parts)}</svg>'
    legend = _legend(
        [
            ("var(--due)", t("col.due_count")),
            ("var(--sent)", t("col.submitted_count")),
            ("#616161", t("col.cumulative_due")),
            ("var(--sent)", t("col.cumulative_submitted")),
        ]
    )
    return _section(listing.title, legend + svg, "chart")


def _ticks(top: float) -> list[int]:
    """0 and round steps (1, 2, 5 × 10ⁿ) up to at least `top`, at most six of them."""
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if math.ceil(max(top, 1) / step) <= 5:
                return list(range(0, step * math.ceil(max(top, 1) / step) + 1, step))
        magnitude *= 10


def _y_axis(ticks: list[int], y_of: Any) -> str:
    lines = []
    for tick in ticks:
        y = y_of(tick)
        lines.append(
            f'<line class="grid" x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}"/>'
            f'<text class="axis" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>'
        )
    return "".join(lines)


def _x_axis(rows: Sequence[Mapping[str, Any]], slot: float) -> str:
    every = max(1, math.ceil(len(rows) / 13))
    labels = []
    for i in range(0, len(rows), every):
        x = LEFT + slot * (i + 0.5)
        labels.append(
            f'<text class="axis" x="{x:.1f}" y="{WEEKS_H - BOTTOM + 16}" text-anchor="middle">'
            f"{rows[i]['week']:%d/%m}</text>"
        )
    return "".join(labels)


def _week_bars(x: float, slot: float, row: Mapping[str, Any], y_of: Any) -> str:
    week = f"{row['week']:%d/%m/%Y}"
    tip = (
        f"{t('col.week')} {week}: {row['due']} {t('col.due_count').lower()}, "
        f"{row['submitted']} {t('col.submitted_count').lower()}"
    )
    width = slot * 0.38
    bars = []
    for css, key, left in (
        ("week-due", "due", x + slot * 0.1),
        ("week-sent", "submitted", x + slot * 0.5),
    ):
        top = y_of(row[key])
        bars.append(
            f'<rect class="{css}" x="{left:.1f}" y="{top:.1f}" width="{width:.1f}" '
            f'height="{y_of(0) - top:.1f}"/>'
        )
    return f"<g><title>{escape(tip)}</title>{''.join(bars)}</g>"


def _marker(day: dt.date, first: dt.date, slot: float, weeks: int) -> str:
    """A dashed line at the as-of day, so what is still to come is plain to see."""
    position = (day - first).days / 7
    if not 0 <= position <= weeks:
        return ""
    x = LEFT + slot * position
    label = escape(t("report.as_of", date=f"{day:%d/%m/%Y}"))
    anchor = "end" if position > weeks / 2 else "start"
    shift = -4 if anchor == "end" else 4
    return (
        f'<line class="marker" x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{WEEKS_H - BOTTOM}"/>'
        f'<text class="axis" x="{x + shift:.1f}" y="{TOP + 10}" text-anchor="{anchor}">'
        f"{label}</text>"
    )
