"""Messages about the shapes of deadlines: new schedule kinds, spans and plan size."""

from __future__ import annotations

from typing import Final

# key: (Vietnamese, English)
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # the status of a span or duty before its first day
    "status.not_begun": ("chưa bắt đầu", "not yet begun"),
    "col.not_begun": ("Chưa bắt đầu", "Not yet begun"),
    # kinds of schedule part (the English is the value written in the file)
    "schedule_kind.span": ("một khoảng thời gian", "span"),
    "schedule_kind.before_event": ("trước một sự kiện", "before_event"),
    "schedule_kind.until_event": ("đến khi có một sự kiện", "until_event"),
    "schedule_kind.per_schedule": ("theo lịch khác", "per_schedule"),
    "schedule_kind.urgent": ("khẩn trương, không ghi hạn", "urgent"),
    # notes of `bmnn explain` on a due row
    "explain.per_schedule": (
        "theo lịch khác (xem cách hiểu), không bao giờ quá hạn",
        "by another schedule (see the reading), never overdue",
    ),
    "explain.urgent": ("khẩn trương, không có ngày để tính hạn", "urgent, no day to count from"),
    "explain.until_event": (
        "kéo dài đến khi có sự kiện, không bao giờ quá hạn",
        "goes on until the event, never overdue",
    ),
    "explain.before_event": (
        "tính lùi từ ngày của sự kiện, khi biết ngày (--event)",
        "counted back from the event's day, once known (--event)",
    ),
    "col.begins": ("Bắt đầu", "Begins"),
    "col.expected": ("Dự kiến", "Expected"),
    "err.deadlines.latest_before_expected": (
        "{where}: hạn chậm nhất date = {latest} sớm hơn ngày dự kiến expected = {expected}",
        "{where}: the latest day date = {latest} is before the expected day expected = {expected}",
    ),
    # what one plan may make: bounds checked before anything is written
    "err.deadlines.year_outside_plan": (
        "{where}: năm {year} cách năm của kế hoạch ({plan_year}) quá xa; một kế hoạch"
        " chỉ được ghi hạn từ năm {first} đến năm {last}",
        "{where}: year {year} is too far from the plan's year ({plan_year}); a plan may"
        " only schedule from {first} to {last}",
    ),
    "err.deadlines.too_many_periods": (
        "{where}: đến nhiệm vụ này, các lịch của kế hoạch đã sinh {count} kỳ hạn đến năm"
        " {through}, quá giới hạn {limit} kỳ của một kế hoạch; hãy kiểm tra lại from/until",
        "{where}: up to this task the plan's schedules make {count} periods up to {through},"
        " over the limit of {limit} for one plan; check its from/until",
    ),
    "err.deadlines.too_many_obligations": (
        "kế hoạch {plan!r} sinh hơn {limit} nghĩa vụ (nhiệm vụ {task!r}: {count} nghĩa vụ"
        " cho {agencies} cơ quan); hãy chia kế hoạch hoặc thu hẹp lịch của nhiệm vụ",
        "plan {plan!r} makes over {limit} obligations (task {task!r}: {count} obligations"
        " for {agencies} agencies); split the plan or narrow the task's schedule",
    ),
}
