"""Excel workbooks: one sheet per listing, laid out for officers who work in Excel.

Each `Listing` of a `Document` becomes a sheet with the report's heading on
top, Vietnamese column headers (frozen, repeated on every printed page, with
a filter), real dates and numbers (so sorting and sums work), and conditional
formatting that makes bad numbers stand out: on-time rates on a red-to-green
scale, overdue counts in red. A "weeks" chart becomes a sheet of its numbers
with a native Excel chart. Imported only for `--format xlsx` (openpyxl is slow
to import).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.formatting.rule import CellIsRule, ColorScaleRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bmnn_cli.i18n import t
from bmnn_cli.render.base import ALARM_KEYS, ROLLUP_LEVELS, Column, Document, Listing, display

DATE_FORMAT = "DD/MM/YYYY"
RATE_FORMAT = "0.0%"
MAX_WIDTH = 60
FONT = "Calibri"  # Excel's default; a font without a name falls back to a serif elsewhere
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
ROLLUP_FILL = PatternFill("solid", fgColor="F2F2F2")
THIN = Side(style="thin", color="A6A6A6")
BAD_FONT = Font(color="9C0006")  # a conditional format: changes the colour only
BAD_FILL = PatternFill(bgColor="FFC7CE")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def workbook(doc: Document) -> bytes:
    """The document as .xlsx bytes."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    book.properties.creator = "bmnn"
    book.properties.title = doc.heading or ""
    names: set[str] = set()
    for listing in doc.listings:
        _sheet(book, listing, doc.heading, names)
    for chart in doc.charts:
        if chart.kind == "weeks" and chart.drawable():
            sheet, header = _sheet(book, chart.listing, doc.heading, names)
            _week_chart(sheet, header, chart.listing)
    if not book.worksheets:
        _sheet(book, Listing([], [], title=doc.heading), None, names)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheet_name(text: str, taken: set[str]) -> str:
    """A legal, unique tab name: at most 31 characters, none of []:*?/\\."""
    base = _SHEET_UNSAFE.sub("-", text).strip("' ")[:31] or "bmnn"
    name, number = base, 2
    while name.lower() in taken:
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name.lower())
    return name


def _sheet(
    book: Workbook, listing: Listing, heading: str | None, names: set[str]
) -> tuple[Worksheet, int]:
    """A sheet for one listing; returns it with the row number of its column headers."""
    sheet = book.create_sheet(sheet_name(listing.name or listing.title or "bmnn", names))
    row = _titles(sheet, heading, listing.title)
    if not listing.columns:
        sheet.cell(row, 1, listing.nothing())
        return sheet, row
    _header(sheet, row, listing.columns)
    for offset, item in enumerate(listing.rows, start=1):
        _body_row(sheet, row + offset, listing.columns, item)
    last = row + max(len(listing.rows), 1)
    if not listing.rows:
        sheet.cell(row + 1, 1, listing.nothing())
    _conditional(sheet, listing.columns, row + 1, last)
    _widths(sheet, listing)
    _page_setup(sheet, row, last, len(listing.columns))
    return sheet, row


def _titles(sheet: Worksheet, heading: str | None, title: str | None) -> int:
    """Write the heading lines; return the header row (one blank line below them)."""
    row = 1
    for text, size in ((heading, 14), (title, 12)):
        if text:
            sheet.cell(row, 1, _clean(text)).font = Font(name=FONT, bold=True, size=size)
            sheet.row_dimensions[row].height = size * 1.6
            row += 1
    return row + 1 if row > 1 else row


def _header(sheet: Worksheet, row: int, columns: Sequence[Column]) -> None:
    sheet.row_dimensions[row].height = 32  # two lines of a wrapped header
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row, index, t(column.header))
        cell.font = Font(name=FONT, bold=True)
        cell.fill = HEADER_FILL
        cell.border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _body_row(
    sheet: Worksheet, row: int, columns: Sequence[Column], item: Mapping[str, Any]
) -> None:
    rollup = item.get("level") in ROLLUP_LEVELS
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row, index)
        value = _value(item.get(column.key))
        cell.value = value
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # text from a plan file is never a formula
        if column.kind == "date":
            cell.number_format = DATE_FORMAT
        elif column.kind == "rate":
            cell.number_format = RATE_FORMAT
        elif column.kind == "text":
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        if rollup:
            cell.font = Font(name=FONT, bold=True)
            cell.fill = ROLLUP_FILL


def _value(value: object) -> Any:
    """A cell value Excel understands: dates stay dates, lists become text."""
    if value is None or isinstance(value, bool | int | float | dt.date):
        return value
    if isinstance(value, list | tuple):
        return _clean(", ".join(str(v) for v in value))
    return _clean(str(value))


def _clean(text: str) -> str:
    return _ILLEGAL.sub("", text)


def _conditional(sheet: Worksheet, columns: Sequence[Column], first: int, last: int) -> None:
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        cells = f"{letter}{first}:{letter}{last}"
        if column.kind == "rate":
            sheet.conditional_formatting.add(
                cells,
                ColorScaleRule(  # type: ignore[no-untyped-call]
                    start_type="num",
                    start_value=0,
                    start_color="F8696B",
                    mid_type="num",
                    mid_value=0.5,
                    mid_color="FFEB84",
                    end_type="num",
                    end_value=1,
                    end_color="63BE7B",
                ),
            )
        elif column.key in ALARM_KEYS:
            sheet.conditional_formatting.add(
                cells,
                CellIsRule(  # type: ignore[no-untyped-call]
                    operator="greaterThan", formula=["0"], font=BAD_FONT, fill=BAD_FILL
                ),
            )


def _widths(sheet: Worksheet, listing: Listing) -> None:
    """Fit each column to its content, within reason; long text wraps instead."""
    for index, column in enumerate(listing.columns, start=1):
        longest = max(
            (len(display(row.get(column.key), column.kind)) for row in listing.rows), default=0
        )
        header = min(len(t(column.header)), 18)
        width = min(max(longest, header, 6) + 2, MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(index)].width = width


def _page_setup(sheet: Worksheet, header: int, last: int, width: int) -> None:
    """Frozen header and first column; a filter; printed landscape, one page wide."""
    sheet.freeze_panes = f"B{header + 1}"
    sheet.auto_filter.ref = f"A{header}:{get_column_letter(width)}{last}"
    sheet.print_title_rows = f"{header}:{header}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]


def _week_chart(sheet: Worksheet, header: int, listing: Listing) -> None:
    """A native chart beside the weekly numbers: bars per week, lines of running totals."""
    keys = [c.key for c in listing.columns]
    last = header + len(listing.rows)
    weeks = Reference(sheet, min_col=1, min_row=header + 1, max_row=last)
    bars, lines = BarChart(), LineChart()
    for chart, series in (
        (bars, ("due", "submitted")),
        (lines, ("cumulative_due", "cumulative_submitted")),
    ):
        for key in series:
            data = Reference(sheet, min_col=keys.index(key) + 1, min_row=header, max_row=last)
            chart.add_data(data, titles_from_data=True)
    for line in lines.series:
        line.smooth = False  # running totals step up; a smoothed curve would invent values
    bars.set_categories(weeks)
    bars.title = listing.title
    bars.y_axis.title = t("col.count")
    bars.height, bars.width = 10, 24
    bars += lines
    sheet.add_chart(bars, f"{get_column_letter(len(keys) + 2)}{header}")
