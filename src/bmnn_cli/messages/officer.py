"""Texts of the officer's everyday views: fitted tables, submissions, one agency, today.

Short headers (`col.X.short`) stand in for a number column's header when a
table must fit a narrow terminal; the legend under the table gives the full one.
"""

from __future__ import annotations

from typing import Final

# key: (Vietnamese, English)
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    "msg.written": ("Đã ghi ra {path}.", "Wrote {path}."),
    # what was recorded
    "msg.no_submissions": ("Không có văn bản nào đã ghi nhận.", "No submissions recorded."),
    "col.given": ("Kết quả", "Gave"),
    "col.state": ("Hiệu lực", "Standing"),
    "col.recorded_at": ("Ghi lúc", "Recorded"),
    "state.active": ("hiện hành", "in force"),
    "state.superseded": ("đã được sửa: {reason}", "superseded: {reason}"),
    "state.amended": ("hiện hành, bản sửa: {reason}", "in force, amended: {reason}"),
    "state.retracted": ("đã hủy: {reason}", "retracted: {reason}"),
    # one agency's picture
    "agency.obligations": (
        "Nghĩa vụ (tình trạng ngày {date})",
        "Obligations (status as of {date})",
    ),
    "agency.submissions": ("Văn bản đã gửi", "Submissions"),
    "agency.waivers": ("Miễn", "Waivers"),
    "agency.requests": ("Yêu cầu đột xuất, sự kiện", "Requests and events"),
    "agency.reminders": ("Thư nhắc đã gửi", "Reminders sent"),
    "agency.no_waivers": ("Không có quyết định miễn nào.", "No waivers."),
    "agency.no_requests": ("Không có yêu cầu hay sự kiện nào.", "No requests or events."),
    "agency.no_reminders": ("Chưa gửi thư nhắc nào.", "No reminders sent."),
    "agency.no_email": ("chưa có địa chỉ thư điện tử", "no e-mail address"),
    "col.email": ("Thư điện tử", "E-mail"),
    "col.waived_on": ("Ngày miễn", "Waived on"),
    "col.reason": ("Lý do", "Reason"),
    "col.happened_on": ("Ngày văn bản", "Dated"),
    "col.stage": ("Đợt nhắc", "Stage"),
    "col.sent_on": ("Ngày gửi thư", "Sent on"),
    "col.recipients": ("Gửi tới", "To"),
    "waiver_state.active": ("hiện hành", "in force"),
    "waiver_state.revoked": ("đã bỏ miễn", "revoked"),
    "stage.before": ("trước hạn {days} ngày", "{days} days before"),
    "stage.on_the_day": ("đúng ngày đến hạn", "on the due day"),
    "stage.after": ("quá hạn {days} ngày", "{days} days late"),
    # overdue --by, --limit
    "col.most_days_late": ("Nhiều nhất (ngày)", "Most days"),
    "col.most_days_late.short": ("Ngày", "Days"),
    "col.fewest_days_left": ("Ít nhất còn (ngày)", "Fewest days left"),
    "col.fewest_days_left.short": ("Còn", "Left"),
    "col.first_due": ("Hạn sớm nhất", "First due"),
    "col.tasks_owed": ("Các nhiệm vụ", "Tasks"),
    "col.count.short": ("SL", "N"),
    "msg.limited": (
        "Đã hiện {shown} trong số {total} dòng (bỏ --limit để xem hết).",
        "Showed {shown} of {total} rows (leave out --limit to see all).",
    ),
    # find
    "err.find.several_tasks": (
        "{text!r} có trong {count} nhiệm vụ: {tasks}; hãy ghi mã nhiệm vụ",
        "{text!r} is in {count} tasks: {tasks}; give the task's id",
    ),
    # the morning view
    "today.heading": ("Tình hình ngày {date}", "The state of things on {date}"),
    "today.totals": ("Tổng hợp", "Totals"),
    "today.most_overdue": ("Cơ quan quá hạn nhiều nhất", "Agencies most overdue"),
    "today.due_soon": (
        "Đến hạn trong {days} ngày tới ({shown}/{count})",
        "Falling due within {days} days ({shown} of {count})",
    ),
    "today.nothing_due": (
        "Không có nghĩa vụ nào đến hạn trong {days} ngày tới.",
        "Nothing falls due within {days} days.",
    ),
    "today.arrived": ("Văn bản nhận trong {days} ngày qua", "Arrived in the last {days} days"),
    "today.nothing_arrived": (
        "Không có văn bản nào trong {days} ngày qua.",
        "Nothing arrived in the last {days} days.",
    ),
    "today.next_run": (
        "Lần nhắc hạn tiếp theo, bmnn remind --send ({shown}/{count} thư)",
        "The next reminder run, bmnn remind --send ({shown} of {count} messages)",
    ),
    "today.no_reminders": ("Hôm nay không có thư nhắc nào cần gửi.", "No reminders due today."),
    "today.warnings": ("Cần lưu ý", "Warnings"),
    "today.no_warnings": ("Không có gì cần lưu ý.", "Nothing to warn about."),
    "today.no_email": (
        "{count} cơ quan đang nợ văn bản nhưng chưa có địa chỉ thư điện tử: {names}",
        "{count} agencies owing something have no e-mail address: {names}",
    ),
    "today.projected": (
        "Lịch nghỉ năm {year} chưa được công bố chính thức: các hạn trong năm đó là dự kiến"
        " và có thể dời khi có thông báo (bmnn calendar {year})",
        "The days off of {year} are not announced yet: due dates in that year are projected"
        " and may move when they are (bmnn calendar {year})",
    ),
    "today.and_more": (" và {count} cơ quan khác", " and {count} more"),
    "col.warning": ("Nội dung", "Warning"),
    # stored records in words (wording.py)
    "item.province": ("tỉnh", "province"),
    "item.group": ("nhóm", "group"),
    "item.agency": ("cơ quan", "agency"),
    "item.plan": ("kế hoạch", "plan"),
    "item.task": ("nhiệm vụ", "task"),
    "field.name": ("tên", "name"),
    "field.title": ("nội dung", "title"),
    "field.number": ("số hiệu", "number"),
    "field.issuer": ("cơ quan ban hành", "issuer"),
    "field.issued": ("ngày ban hành", "issued"),
    "field.year": ("năm", "year"),
    "field.source": ("văn bản nguồn", "source"),
    "field.kind": ("loại", "kind"),
    "field.aliases": ("tên viết tắt", "short names"),
    "field.emails": ("thư điện tử", "e-mail"),
    "field.position": ("thứ tự", "position"),
    "field.deliverable": ("sản phẩm", "deliverable"),
    "field.deadline": ("thời hạn", "deadline"),
    "field.schedule": ("cách hiểu thời hạn", "schedule"),
    "field.note": ("ghi chú", "note"),
    "field.source_line": ("dòng", "line"),
    "field.days_off": ("ngày nghỉ", "days off"),
    "field.working_days": ("ngày làm bù", "working days"),
    "field.before_rule": ("cách hiểu “trước ngày”", "reading of “before”"),
    "field.roll_to_working_day": ("dời sang ngày làm việc", "roll to a working day"),
    "field.yearly_due": ("hạn hằng năm", "yearly due"),
    "field.merged_on": ("ngày sáp nhập", "merged on"),
    "change.merged_into": ("sáp nhập vào {successor}", "merged into {successor}"),
    "change.groups": ("nhóm", "groups"),
    "change.agencies": ("cơ quan thực hiện", "answerable agencies"),
    "channel.smtp": ("thư điện tử", "e-mail"),
    "channel.eml": ("tệp .eml", ".eml file"),
    "log.submit": ("{period}: văn bản {ref} ngày {date}", "{period}: {ref} dated {date}"),
    "log.amend": ("{period}: {changes}; lý do: {reason}", "{period}: {changes}; reason: {reason}"),
    "log.retract": (
        "{period}: hủy lần gửi ngày {date}; lý do: {reason}",
        "{period}: withdrew the submission of {date}; reason: {reason}",
    ),
    "log.waive": ("{period}: {reason}", "{period}: {reason}"),
    "log.request": ("văn bản {ref} ngày {date}, hạn {due}", "{ref} dated {date}, due {due}"),
    "log.remind": (
        "{channel}, {stage} (hạn {due}, {period}); gửi tới {to}",
        "{channel}, {stage} (due {due}, {period}); to {to}",
    ),
    "log.counted": ("{change} {count} {item}", "{change} {count} × {item}"),
    "log.registry": (
        "danh mục cơ quan tỉnh {province}: {count} thay đổi",
        "registry of {province}: {count} changes",
    ),
    "log.migrate": ("chuyển từ {where}: {tables}", "from {where}: {tables}"),
    "log.unwaive": (
        "{period}: bỏ miễn “{waiver}” (ngày {date}); lý do: {reason}",
        "{period}: revoked the waiver “{waiver}” of {date}; reason: {reason}",
    ),
    "log.cancel": (
        "{period}: văn bản {ref} ngày {date}, hạn {due}; {count} nghĩa vụ; lý do: {reason}",
        "{period}: {ref} dated {date}, due {due}; {count} obligations; reason: {reason}",
    ),
    "param.date": ("ngày", "date"),
    "param.year": ("năm", "year"),
    "param.quarter": ("quý", "quarter"),
    "param.month": ("tháng", "month"),
    "param.day": ("ngày", "day"),
    "param.start": ("từ năm", "start"),
    "param.until": ("đến năm", "until"),
    "param.days": ("số ngày", "days"),
    "param.working_days": ("tính ngày làm việc", "working_days"),
    "param.event": ("sự kiện", "event"),
    "param.yes": ("có", "true"),
    "param.no": ("không", "false"),
    # Click's frame (frame.py)
    "click.usage": ("Cách dùng:", "Usage:"),
    "click.try": (
        "Xem '{command} {option}' để biết cách dùng.",
        "Try '{command} {option}' for help.",
    ),
    "click.error": ("Lỗi: {message}", "Error: {message}"),
    "click.aborted": ("Đã dừng.", "Aborted!"),
    "click.invalid_for": (
        "Giá trị không hợp lệ cho {hint}: {rest}",
        "Invalid value for {hint}: {rest}",
    ),
    "click.invalid": ("Giá trị không hợp lệ: {rest}", "Invalid value: {rest}"),
    "click.no_option": ("Không có tùy chọn {name} {rest}", "No such option: {name} {rest}"),
    "click.no_command": ("Không có lệnh {name}. {rest}", "No such command {name}. {rest}"),
    "click.missing_option": ("Thiếu tùy chọn {name}. {rest}", "Missing option {name}. {rest}"),
    "click.missing_arg": ("Thiếu tham số {name}. {rest}", "Missing argument {name}. {rest}"),
    "click.missing_param": ("Thiếu tham số: {name}", "Missing parameter: {name}"),
    "click.extra": ("Thừa tham số ({name})", "Got unexpected extra arguments ({name})"),
    "click.needs_value": ("Tùy chọn {name} cần {rest}", "Option {name} requires {rest}"),
    "click.no_value": (
        "Tùy chọn {name} không nhận giá trị.",
        "Option {name} does not take a value.",
    ),
    "click.not_one_of": ("{value} không phải một trong {rest}.", "{value} is not one of {rest}."),
    "click.not_valid": ("{value} không phải {rest} hợp lệ.", "{value} is not a valid {rest}."),
    "click.as_is": ("{rest}", "{rest}"),
    "click.not_integer": ("phải là một số nguyên", "must be a whole number"),
    "click.not_number": ("phải là một số", "must be a number"),
    "click.an_argument": ("một giá trị", "a value"),
    "click.n_arguments": ("{name} giá trị", "{name} values"),
    "click.possible": ("(các tùy chọn có: {rest})", "(Possible options: {rest})"),
    "click.did_you_mean": ("Có phải là {rest}?", "Did you mean {rest}?"),
    # progress of long work
    "progress.remind": ("Gửi thư nhắc", "Sending reminders"),
    "progress.migrate": ("Chép dữ liệu", "Copying"),
    # network failures (delivery.mail.describe)
    "net.refused": ("máy chủ từ chối kết nối", "the server refused the connection"),
    "net.timeout": ("máy chủ không trả lời kịp", "the server did not answer in time"),
    "net.unreachable": ("không tới được máy chủ qua mạng", "the server cannot be reached"),
    "net.reset": ("máy chủ ngắt kết nối giữa chừng", "the server dropped the connection"),
    "net.unknown_host": ("không tìm thấy tên máy chủ", "no such server name"),
    "net.tls": ("kết nối mã hóa (TLS) không thành", "the encrypted (TLS) connection failed"),
    # undo
    "msg.unwaived": (
        "Đã bỏ miễn cho {agency}, nhiệm vụ {task} ({period}, miễn từ {date}): {reason}.",
        "Revoked {agency}'s waiver for {task} ({period}, waived {date}): {reason}.",
    ),
    "msg.cancelled_request": (
        "Đã hủy yêu cầu {ref} của nhiệm vụ {task} ({period}) và {count} nghĩa vụ theo yêu cầu.",
        "Cancelled request {ref} for {task} ({period}) and its {count} obligations.",
    ),
    "msg.cancelled_event": (
        "Đã hủy sự kiện {ref} của nhiệm vụ {task} ({period}) và {count} nghĩa vụ theo sự kiện.",
        "Cancelled event {ref} for {task} ({period}) and its {count} obligations.",
    ),
    "err.undo.no_waiver": (
        "{agency} không có quyết định miễn nào đang hiệu lực đối với nhiệm vụ {task!r}",
        "{agency} has no waiver in force for task {task!r}",
    ),
    "err.undo.no_request": (
        "nhiệm vụ {task!r} chưa có yêu cầu hay sự kiện nào được ghi nhận",
        "task {task!r} has no request or event on record",
    ),
    "err.undo.which_request": (
        "nhiệm vụ {task!r} có nhiều yêu cầu/sự kiện; hãy chọn bằng --ref hoặc --period: {requests}",
        "task {task!r} has several requests or events; choose with --ref or --period: {requests}",
    ),
    "err.undo.no_such_request": (
        "không thấy yêu cầu/sự kiện này của nhiệm vụ {task!r}; đã ghi nhận: {requests}",
        "no such request or event for task {task!r}; on record: {requests}",
    ),
    "err.undo.answered_submission": (
        "không hủy được {period} của nhiệm vụ {task!r}: đã có {count} văn bản gửi theo yêu cầu "
        "này (hủy chúng trước bằng bmnn retract)",
        "cannot cancel {period} of task {task!r}: {count} submissions answer it "
        "(retract them first with bmnn retract)",
    ),
    "err.undo.answered_waiver": (
        "không hủy được {period} của nhiệm vụ {task!r}: đã có {count} quyết định miễn theo "
        "yêu cầu này (bỏ miễn trước bằng bmnn unwaive)",
        "cannot cancel {period} of task {task!r}: {count} waivers were given on it "
        "(revoke them first with bmnn unwaive)",
    ),
    "err.undo.answered_reminder": (
        "không hủy được {period} của nhiệm vụ {task!r}: đã gửi {count} thư nhắc theo yêu cầu "
        "này; thư đã gửi là chứng cứ, không xóa được",
        "cannot cancel {period} of task {task!r}: {count} reminders were sent for it; "
        "mail sent is evidence and is not deleted",
    ),
    "action.unwaive": ("bỏ miễn", "unwaive"),
    "action.cancel_request": ("hủy yêu cầu đột xuất", "cancel request"),
    "action.cancel_event": ("hủy sự kiện", "cancel event"),
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
