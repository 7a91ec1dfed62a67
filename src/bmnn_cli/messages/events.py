"""Messages of `bmnn event` for a duty the event dates or ends.

"N ngày trước …" (before_event) is counted back from the event's day;
"đến khi …" (until_event) ends on it.
"""

from __future__ import annotations

from typing import Final

# key: (Vietnamese, English)
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    "msg.event.counted_back": (
        "Đã ghi nhận sự kiện cho {task} ngày {date}: hạn {due}, {days} ngày trước sự kiện.",
        "Recorded the event for {task} on {date}: due {due}, {days} days before the event.",
    ),
    "msg.event.ended": (
        "Đã ghi nhận sự kiện cho {task} ngày {date}: {count} nghĩa vụ thường xuyên "
        "kết thúc ngày {date}.",
        "Recorded the event for {task} on {date}: {count} continuous obligations ended on {date}.",
    ),
    "msg.event.ended#one": (
        "Đã ghi nhận sự kiện cho {task} ngày {date}: {count} nghĩa vụ thường xuyên "
        "kết thúc ngày {date}.",
        "Recorded the event for {task} on {date}: {count} continuous obligation ended on {date}.",
    ),
    "msg.event.ended_reason": (
        "kết thúc khi có sự kiện ngày {date} {ref}",
        "ended by the event of {date} {ref}",
    ),
    "err.event.before_duty": (
        "ngày sự kiện {day:%d/%m/%Y} sớm hơn ngày bắt đầu nhiệm vụ {task!r} ({begins:%d/%m/%Y})",
        "event date {day:%d/%m/%Y} is before task {task!r} began ({begins:%d/%m/%Y})",
    ),
    "err.event.no_due_or_days": (
        "--due và --days không dùng cho nhiệm vụ {task!r}: hạn do kế hoạch định "
        "(thời hạn theo văn bản: {deadline!r}); chỉ cần --date là ngày sự kiện",
        "--due and --days do not apply to task {task!r}: the plan sets its deadline "
        "(its deadline: {deadline!r}); give only --date, the event's day",
    ),
    "err.event.dated_by_plan": (
        "kế hoạch đã cho ngày sự kiện của nhiệm vụ {task!r} ({event_date:%d/%m/%Y}); "
        "sửa event_date trong tệp kế hoạch rồi nhập lại",
        "the plan gives the event's day for task {task!r} ({event_date:%d/%m/%Y}); "
        "change event_date in the plan file and import it again",
    ),
}
