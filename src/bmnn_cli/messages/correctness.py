"""Messages about which period a submission answers, the calendar in force and due dates."""

from __future__ import annotations

from typing import Final

# key: (Vietnamese, English)
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    "err.store.submit_only_undated": (
        "{agency} không còn kỳ nào có thời hạn cần gửi đối với nhiệm vụ {task!r}; không ghi "
        "nhận gì. Một lần gửi chỉ được tính cho nhiệm vụ không xác định hạn khi chỉ rõ kỳ: "
        "--period {periods}",
        "{agency} has no dated period open for task {task!r}; nothing recorded. A submission "
        "counts for a duty without a due date only when --period names it: --period {periods}",
    ),
    # singular forms (see `i18n.t`): English says "1 row", Vietnamese has one form
    "msg.csv_imported#one": (
        "Đã nhập {count} dòng từ {path} ({new} mới, {dup} đã có).",
        "Imported {count} row from {path} ({new} new, {dup} already recorded).",
    ),
    "msg.requested#one": (
        "Đã ghi nhận yêu cầu cho {task}, hạn {due}: {count} nghĩa vụ mới.",
        "Recorded a request for {task}, due {due}: {count} new obligation.",
    ),
    "msg.event#one": (
        "Đã ghi nhận sự kiện cho {task} ngày {date}, hạn {due}: {count} nghĩa vụ mới.",
        "Recorded the event for {task} on {date}, due {due}: {count} new obligation.",
    ),
    "report.not_due_yet#one": (
        "{count} cơ quan chưa có nghĩa vụ đến hạn trong kỳ, không có trong biểu đồ.",
        "{count} agency has nothing fallen due in the period and is not charted.",
    ),
    "ical.written#one": ("Đã ghi {count} sự kiện vào {path}.", "Wrote {count} event to {path}."),
    "msg.check_differs#one": (
        "{count} điểm khác giữa {path} và bản trích xuất lại.",
        "{count} difference between {path} and a fresh extraction.",
    ),
    # why a due date in force differs from the written one
    "remind.moved_strict": (
        ' (văn bản ghi {date}; "trước ngày" được hiểu theo nghĩa chặt, hạn là ngày hôm trước)',
        ' (the written date is {date}; "before" is read strictly, so the day before is due)',
    ),
    "msg.due_moved_day_off": (
        " (ngày {date} là ngày nghỉ, hạn chuyển sang ngày làm việc tiếp theo)",
        " ({date} is a day off, so the next working day is due)",
    ),
    # bmnn calendar
    "col.date": ("Ngày", "Date"),
    "col.day_kind": ("Loại ngày", "Kind of day"),
    "col.day_name": ("Tên", "Name"),
    "col.source": ("Căn cứ", "Source"),
    "col.year_status": ("Lịch năm", "Year's calendar"),
    "calendar.title": (
        "Lịch làm việc năm {year} ({version})",
        "Working calendar {year} ({version})",
    ),
    "calendar.title_projected": (
        "Lịch làm việc năm {year}, dự kiến: Chính phủ chưa công bố lịch nghỉ của năm ({version})",
        "Working calendar {year}, projected: the Government has not announced the year's "
        "days off ({version})",
    ),
    "calendar.kind_day_off": ("ngày nghỉ", "day off"),
    "calendar.kind_working_day": ("ngày làm việc (làm bù)", "working day (made up)"),
    "calendar.kind_not_day_off": (
        "ngày làm việc (luật chưa quy định là ngày nghỉ)",
        "working day (not a day off in the law as enacted)",
    ),
    "calendar.source_notice": ("văn bản số {notice}", "notice {notice}"),
    "calendar.source_unchecked": (
        "thông báo của Chính phủ (số văn bản chưa đối chiếu)",
        "Government notice (number not checked)",
    ),
    "calendar.source_law": (
        "Bộ luật Lao động 2019, Điều 112 (gói holidays)",
        "Labor Code 2019, Art. 112 (holidays package)",
    ),
    "calendar.source_province": ("{province} (danh mục cơ quan)", "{province} (registry)"),
    "calendar.status_announced": ("đã công bố", "announced"),
    "calendar.status_projected": ("dự kiến", "projected"),
    "explain.projected": (
        "lịch nghỉ năm này dự kiến, Chính phủ chưa công bố (bmnn calendar)",
        "this year's days off are projected, not yet announced (bmnn calendar)",
    ),
    # audit log actions
    "action.extend": ("lập nghĩa vụ các năm tiếp theo", "extend"),
    "action.recompute": ("tính lại hạn theo danh mục", "recompute"),
    "action.calendar": ("tính lại hạn theo lịch làm việc", "calendar"),
    "err.input.register_too_big": (
        "tệp có dung lượng {size} byte; sổ công văn đến chỉ được tối đa {limit} byte",
        "the file is {size} bytes; a register may be at most {limit} bytes",
    ),
}
