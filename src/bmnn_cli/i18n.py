"""One message catalogue: Vietnamese by default, English on request.

The language comes from `--lang`, then `BMNN_LANG`, then Vietnamese.
"""

from __future__ import annotations

import os
from typing import Final

LANGUAGES: Final = ("vi", "en")

# key: (Vietnamese, English)
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # statuses, in the government's words
    "status.pending": ("đang thực hiện, trong hạn", "pending"),
    "status.overdue": ("quá hạn", "overdue"),
    "status.done_on_time": ("hoàn thành đúng hạn", "done on time"),
    "status.done_late": ("hoàn thành quá hạn", "done late"),
    "status.waived": ("miễn", "waived"),
    "status.ongoing": ("không xác định hạn", "ongoing"),
    # column headers
    "col.plan": ("Kế hoạch", "Plan"),
    "col.number": ("Số hiệu", "Number"),
    "col.title": ("Nội dung", "Title"),
    "col.province": ("Tỉnh", "Province"),
    "col.year": ("Năm", "Year"),
    "col.tasks": ("Nhiệm vụ", "Tasks"),
    "col.task": ("Nhiệm vụ", "Task"),
    "col.agency": ("Cơ quan", "Agency"),
    "col.agencies": ("Cơ quan", "Agencies"),
    "col.id": ("Mã", "Id"),
    "col.name": ("Tên", "Name"),
    "col.kind": ("Loại", "Kind"),
    "col.groups": ("Nhóm", "Groups"),
    "col.aliases": ("Tên viết tắt", "Short names"),
    "col.successor": ("Sáp nhập vào", "Merged into"),
    "col.lead": ("Chủ trì / thực hiện", "Lead"),
    "col.support": ("Phối hợp", "Support"),
    "col.deliverable": ("Sản phẩm", "Deliverable"),
    "col.deadline": ("Thời hạn (văn bản)", "Deadline (as written)"),
    "col.schedule": ("Cách hiểu", "Schedule"),
    "col.period": ("Kỳ", "Period"),
    "col.due": ("Hạn", "Due"),
    "col.scheduled_due": ("Hạn theo văn bản", "Written due"),
    "col.effective_due": ("Hạn áp dụng", "Effective due"),
    "col.days_late": ("Số ngày quá hạn", "Days late"),
    "col.days_left": ("Còn (ngày)", "Days left"),
    "col.status": ("Tình trạng", "Status"),
    "col.submitted_on": ("Ngày gửi", "Submitted"),
    "col.ref": ("Số/ký hiệu", "Reference"),
    "col.fallen_due": ("Đến hạn", "Due so far"),
    "col.on_time": ("Đúng hạn", "On time"),
    "col.late": ("Quá hạn (đã gửi)", "Late"),
    "col.overdue": ("Quá hạn (chưa gửi)", "Overdue"),
    "col.pending": ("Trong hạn", "Pending"),
    "col.waived": ("Miễn", "Waived"),
    "col.ongoing": ("Không xác định hạn", "Ongoing"),
    "col.rate": ("Tỷ lệ đúng hạn", "On-time rate"),
    "col.last_submission": ("Lần gửi gần nhất", "Last submission"),
    "col.obligations": ("Nghĩa vụ", "Obligations"),
    "col.level": ("Cấp", "Level"),
    "col.key": ("Mục", "Item"),
    "col.value": ("Giá trị", "Value"),
    "col.change": ("Thay đổi", "Change"),
    "col.note": ("Ghi chú", "Note"),
    "col.line": ("Dòng", "Line"),
    "col.count": ("Số lượng", "Count"),
    "col.members": ("Thành viên", "Members"),
    "level.agency": ("cơ quan", "agency"),
    "level.group": ("nhóm", "group"),
    "level.total": ("tổng", "total"),
    "total": ("Tổng cộng", "Total"),
    # deliverables
    "deliverable.plan": ("kế hoạch", "plan"),
    "deliverable.report": ("báo cáo", "report"),
    "deliverable.training": ("tập huấn", "training"),
    "deliverable.inspection": ("kiểm tra", "inspection"),
    "deliverable.other": ("khác", "other"),
    # roles
    "role.lead": ("chủ trì/thực hiện", "lead"),
    "role.support": ("phối hợp", "support"),
    # info
    "info.database": ("Cơ sở dữ liệu", "Database"),
    "info.source": ("Chọn theo", "Chosen by"),
    "info.schema": ("Phiên bản lược đồ", "Schema version"),
    "info.exists": ("Đã tạo", "Exists"),
    "info.version": ("Phiên bản bmnn", "bmnn version"),
    "info.plans": ("Số kế hoạch", "Plans"),
    "info.language": ("Ngôn ngữ", "Language"),
    "source.option": ("tùy chọn --db", "the --db option"),
    "source.env": ("biến môi trường BMNN_DB", "the BMNN_DB variable"),
    "source.default": ("mặc định", "the default"),
    "yes": ("có", "yes"),
    "no": ("không", "no"),
    # messages
    "msg.init": (
        "Đã sẵn sàng cơ sở dữ liệu {path} (lược đồ phiên bản {version}).",
        "Database {path} is ready (schema version {version}).",
    ),
    "msg.dry_run": (
        "Chạy thử: chưa ghi gì vào cơ sở dữ liệu.",
        "Dry run: nothing was written to the database.",
    ),
    "msg.imported": (
        "Đã nhập kế hoạch {plan}: {tasks} nhiệm vụ, {agencies} cơ quan chịu trách nhiệm.",
        "Imported plan {plan}: {tasks} tasks, {agencies} answerable agencies.",
    ),
    "msg.registry_imported": (
        "Đã nhập danh mục cơ quan tỉnh {province}: {agencies} cơ quan, {groups} nhóm.",
        "Imported the agency registry of {province}: {agencies} agencies, {groups} groups.",
    ),
    "msg.unchanged": (
        "Không có thay đổi so với lần nhập trước.",
        "No changes since the last import.",
    ),
    "msg.obligations_per_year": ("Nghĩa vụ theo năm", "Obligations per year"),
    "msg.ongoing_obligations": ("không xác định hạn", "ongoing"),
    "msg.exported": ("Đã ghi kế hoạch {plan} ra {path}.", "Wrote plan {plan} to {path}."),
    "msg.no_rows": ("(không có dòng nào)", "(no rows)"),
    "msg.submitted": (
        "Đã ghi nhận: {agency} gửi {task} ({period}) ngày {date} — {status}.",
        "Recorded: {agency} sent {task} ({period}) on {date} — {status}.",
    ),
    "msg.already_submitted": (
        "Đã có sẵn: {agency} gửi {task} ({period}) ngày {date}; không ghi thêm.",
        "Already recorded: {agency} sent {task} ({period}) on {date}; nothing added.",
    ),
    "msg.amended": (
        "Đã sửa lần gửi của {agency} cho {task} ({period}): {old} → {new}.",
        "Amended {agency}'s submission for {task} ({period}): {old} → {new}.",
    ),
    "msg.retracted": (
        "Đã hủy lần gửi của {agency} cho {task} ({period}).",
        "Retracted {agency}'s submission for {task} ({period}).",
    ),
    "msg.waived": (
        "Đã miễn {agency} cho {task} ({period}): {reason}.",
        "Waived {agency} for {task} ({period}): {reason}.",
    ),
    "msg.requested": (
        "Đã ghi nhận yêu cầu cho {task}, hạn {due}: {count} nghĩa vụ mới.",
        "Recorded a request for {task}, due {due}: {count} new obligations.",
    ),
    "msg.event": (
        "Đã ghi nhận sự kiện cho {task} ngày {date}, hạn {due}: {count} nghĩa vụ mới.",
        "Recorded the event for {task} on {date}, due {due}: {count} new obligations.",
    ),
    "msg.csv_imported": (
        "Đã nhập {count} dòng từ {path} ({new} mới, {dup} đã có).",
        "Imported {count} rows from {path} ({new} new, {dup} already recorded).",
    ),
    "msg.future_warning": (
        "Cảnh báo: ngày gửi {date} sau ngày tính ({as_of}).",
        "Warning: submission date {date} is after the as-of date ({as_of}).",
    ),
    "report.heading": (
        "Báo cáo kết quả thực hiện Quý {quarter}/{year} (tính đến ngày {as_of})",
        "Results for quarter {quarter}/{year} (as of {as_of})",
    ),
    "report.year_heading": (
        "Báo cáo kết quả thực hiện năm {year} (tính đến ngày {as_of})",
        "Results for {year} (as of {as_of})",
    ),
    "report.by_agency": ("Theo cơ quan", "By agency"),
    "report.totals": ("Tổng hợp", "Totals"),
    "report.worst": ("Cơ quan chậm nhiều nhất", "Most overdue agencies"),
    "report.overdue": ("Danh sách quá hạn", "Overdue obligations"),
    "change.added": ("thêm", "added"),
    "change.removed": ("bỏ", "removed"),
    "change.changed": ("sửa", "changed"),
}

_language = "vi"


def set_language(language: str | None) -> str:
    """Choose the language for this run; unknown values fall back to Vietnamese."""
    global _language
    chosen = (language or os.environ.get("BMNN_LANG") or "vi").strip().lower()[:2]
    _language = chosen if chosen in LANGUAGES else "vi"
    return _language


def language() -> str:
    return _language


def t(key: str, **values: object) -> str:
    """The message for `key` in the current language, with `values` filled in."""
    vi, en = MESSAGES[key]
    text = en if _language == "en" else vi
    return text.format(**values) if values else text
