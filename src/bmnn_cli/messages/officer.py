"""Texts of the officer's everyday views: fitted tables, submissions, one agency, today.

Short headers (`col.X.short`) stand in for a number column's header when a
table must fit a narrow terminal; the legend under the table gives the full one.
"""

from __future__ import annotations

from typing import Final

# key: (Vietnamese, English)
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    "msg.written": ("Đã ghi ra {path}.", "Wrote {path}."),
    # fitted tables
    "table.hidden": (
        "Cột ẩn cho vừa màn hình: {columns} (xem đủ: --wide)",
        "Columns left out to fit the screen: {columns} (see all: --wide)",
    ),
    "col.fallen_due.short": ("Đến", "Due"),
    "col.on_time.short": ("Đúng", "OnT"),
    "col.late.short": ("Muộn", "Late"),
    "col.overdue.short": ("Quá", "Ovd"),
    "col.pending.short": ("Trong", "Pend"),
    "col.waived.short": ("Miễn", "Wvd"),
    "col.ongoing.short": ("KXĐ", "Ong"),
    "col.rate.short": ("Tỷ lệ", "Rate"),
    "col.days_late.short": ("Trễ", "Late"),
    "col.days_left.short": ("Còn", "Left"),
    "col.obligations.short": ("NV", "Obl"),
    "col.last_submission.short": ("Gửi cuối", "Last sent"),
    "col.scheduled_due.short": ("Hạn VB", "Written"),
    "col.effective_due.short": ("Hạn", "Due"),
    "col.submitted_on.short": ("Gửi", "Sent"),
    "col.tasks.short": ("NV", "Tasks"),
}
