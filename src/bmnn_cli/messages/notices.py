"""The sentences commands print: what was done, reports, reminders, feeds.

Also the date and format errors many commands share, and the hints
appended to error messages.
"""

from __future__ import annotations

from typing import Final

# key: (Vietnamese, English)
MESSAGES: Final[dict[str, tuple[str, str]]] = {
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
    "msg.would_import": (
        "Chạy thử: sẽ nhập kế hoạch {plan}: {tasks} nhiệm vụ, {agencies} cơ quan chịu trách nhiệm.",
        "Dry run: would import plan {plan}: {tasks} tasks, {agencies} answerable agencies.",
    ),
    "msg.would_import_registry": (
        "Chạy thử: sẽ nhập danh mục cơ quan tỉnh {province}: {agencies} cơ quan, {groups} nhóm.",
        "Dry run: would import the agency registry of {province}: {agencies} agencies, "
        "{groups} groups.",
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
    "msg.none_overdue": (
        "Không có nghĩa vụ nào quá hạn tính đến ngày {date}.",
        "Nothing is overdue as of {date}.",
    ),
    "msg.none_overdue_in_period": (
        "Không có nghĩa vụ nào đến hạn trong {period} bị quá hạn tính đến ngày {date}.",
        "No obligation falling due in {period} is overdue as of {date}.",
    ),
    "report.period_quarter": ("quý {quarter}/{year}", "quarter {quarter}/{year}"),
    "report.period_year": ("năm {year}", "{year}"),
    "msg.none_due": (
        "Không có nghĩa vụ nào đến hạn từ ngày {start} đến ngày {end}.",
        "Nothing falls due from {start} to {end}.",
    ),
    "msg.none_owed": (
        "Chưa có nghĩa vụ nào tính đến ngày {date}; đã nhập kế hoạch chưa (bmnn plans)?",
        "No obligations as of {date}; has a plan been imported (bmnn plans)?",
    ),
    "msg.none_in_period": (
        "Không có nghĩa vụ nào đến hạn trong kỳ báo cáo.",
        "Nothing fell due in the period reported.",
    ),
    "msg.submitted": (
        "Đã ghi nhận: {agency} gửi {task} ({period}) ngày {date} — {status}.",
        "Recorded: {agency} sent {task} ({period}) on {date} — {status}.",
    ),
    "msg.already_submitted": (
        "Đã có sẵn: {agency} gửi {task} ({period}) ngày {date}; không ghi thêm.",
        "Already recorded: {agency} sent {task} ({period}) on {date}; nothing added.",
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
    "report.worst_tied": (
        " (và {count} cơ quan khác cũng có {overdue} nghĩa vụ quá hạn)",
        " (and {count} more agencies with {overdue} overdue each)",
    ),
    "report.worst_tied#one": (
        " (và {count} cơ quan khác cũng có {overdue} nghĩa vụ quá hạn)",
        " (and {count} more agency with {overdue} overdue)",
    ),
    "report.overdue": ("Danh sách quá hạn", "Overdue obligations"),
    # report files (xlsx, html)
    "report.summary": ("Tổng hợp theo cơ quan", "Summary by agency"),
    "report.plan": ("Kế hoạch {plan}: {title}", "Plan {plan}: {title}"),
    "report.figures": ("Số liệu chung", "Key figures"),
    "report.chart_rates": (
        "Tỷ lệ hoàn thành đúng hạn theo cơ quan (trên số nghĩa vụ đã đến hạn)",
        "On-time rate by agency (of obligations fallen due)",
    ),
    "report.chart_weeks": (
        "Văn bản gửi về theo tuần so với nghĩa vụ đến hạn",
        "Submissions per week against obligations falling due",
    ),
    "report.weeks_sheet": ("Theo tuần", "By week"),
    "report.not_due_yet": (
        "{count} cơ quan chưa có nghĩa vụ đến hạn trong kỳ, không có trong biểu đồ.",
        "{count} agencies have nothing fallen due in the period and are not charted.",
    ),
    "report.as_of": ("Ngày tính: {date}", "As of {date}"),
    "report.made_by": ("Lập bằng bmnn {version}.", "Made with bmnn {version}."),
    "col.week": ("Tuần (từ thứ Hai)", "Week (from Monday)"),
    "col.due_count": ("Nghĩa vụ đến hạn", "Falling due"),
    "col.submitted_count": ("Văn bản đã gửi", "Submitted"),
    "col.cumulative_due": ("Lũy kế đến hạn", "Due, running total"),
    "col.cumulative_submitted": ("Lũy kế đã gửi", "Submitted, running total"),
    "msg.report_written": ("Đã ghi báo cáo ra {path}.", "Wrote the report to {path}."),
    "col.at": ("Thời điểm (giờ Việt Nam)", "Time (Vietnam)"),
    "col.user": ("Người dùng", "User"),
    "col.action": ("Thao tác", "Action"),
    "col.problem": ("Vấn đề", "Problem"),
    "msg.backup": ("Đã sao lưu vào {path} ({size} byte).", "Backed up to {path} ({size} bytes)."),
    "msg.restored": ("Đã khôi phục {path} từ {source}.", "Restored {path} from {source}."),
    "msg.check_ok": ("{path}: không phát hiện lỗi.", "{path}: no problems found."),
    # reminders (bmnn remind) and calendar feeds (bmnn ical)
    "remind.office": (
        "Công an tỉnh {province} (Cơ quan thường trực Ban Chỉ đạo công tác bảo vệ bí mật nhà nước tỉnh)",
        "Công an tỉnh {province} (the provincial police, standing office of the steering committee on protecting state secrets)",
    ),
    "remind.subject": (
        "[BMNN] Nhắc hạn: {counts} – {agency}",
        "[BMNN] Reminder: {counts} – {agency}",
    ),
    "remind.count_overdue": ("{n} nhiệm vụ quá hạn", "{n} overdue"),
    "remind.count_due": ("{n} nhiệm vụ sắp đến hạn", "{n} due soon"),
    "remind.greeting": ("Kính gửi: {agency}", "To: {agency}"),
    "remind.intro": (
        "Thực hiện kế hoạch của Ủy ban nhân dân tỉnh về công tác bảo vệ bí mật nhà nước, {office} trân trọng đề nghị {agency} quan tâm, chỉ đạo thực hiện và gửi kết quả đúng thời hạn đối với các nhiệm vụ sau:",
        "Under the provincial People's Committee's plans on protecting state secrets, {office} respectfully asks {agency} to carry out the following tasks and to send their results on time:",
    ),
    "remind.section_late": ("NHIỆM VỤ ĐÃ QUÁ HẠN", "OVERDUE TASKS"),
    "remind.section_soon": ("NHIỆM VỤ SẮP ĐẾN HẠN", "TASKS FALLING DUE SOON"),
    "remind.task": ("Nhiệm vụ {task}: {title}", "Task {task}: {title}"),
    "remind.plan": ("Kế hoạch: {plan}", "Plan: {plan}"),
    "remind.plan_numbered": ("số {number} – {title}", "no. {number} – {title}"),
    "remind.plan_unnumbered": (
        "{title} (mã {code}, văn bản chưa ghi số)",
        "{title} (id {code}, the document has no number yet)",
    ),
    "remind.deadline": ("Thời hạn theo văn bản: “{phrase}”", "Deadline as written: “{phrase}”"),
    "remind.period": (" (kỳ {period})", " (period {period})"),
    "remind.due_left": (
        "Hạn áp dụng{period}: {date}, còn {days} ngày",
        "Effective due date{period}: {date}, {days} days left",
    ),
    "remind.due_today": (
        "Hạn áp dụng{period}: {date}, là hôm nay",
        "Effective due date{period}: {date}, today",
    ),
    "remind.due_late": (
        "Hạn áp dụng{period}: {date}, đã quá hạn {days} ngày",
        "Effective due date{period}: {date}, {days} days overdue",
    ),
    "remind.moved": (
        " (hạn theo văn bản {date} là ngày nghỉ)",
        " (the written date {date} is a day off)",
    ),
    "remind.results_to": (
        "Kết quả thực hiện đề nghị gửi về {recipient}. Trường hợp đã gửi, đề nghị thông báo số, ký hiệu văn bản để Cơ quan thường trực cập nhật.",
        "Please send the results to {recipient}. If they have already been sent, please tell us the number and symbol of the document so that our records can be updated.",
    ),
    "remind.caution": (
        "Lưu ý: không gửi tài liệu, văn bản có nội dung bí mật nhà nước qua thư điện tử. Thư này chỉ nêu tên nhiệm vụ và thời hạn, không chứa bí mật nhà nước.",
        "Note: never send documents containing state secrets by e-mail. This message names tasks and dates only and contains no state secrets.",
    ),
    "remind.closing": ("Trân trọng./.", "Yours faithfully,"),
    "remind.footer": (
        "(Thư nhắc hạn tự động do bmnn lập, tính đến ngày {as_of}.)",
        "(An automatic reminder prepared by bmnn, as of {as_of}.)",
    ),
    "remind.header_from": ("Người gửi", "From"),
    "remind.header_to": ("Người nhận", "To"),
    "remind.header_subject": ("Tiêu đề", "Subject"),
    "remind.no_address": (
        "chưa có địa chỉ thư điện tử trong danh mục cơ quan",
        "no e-mail address in the agency registry",
    ),
    "remind.none": (
        "Không có thư nhắc hạn nào đến lượt gửi (tính đến ngày {as_of}).",
        "No reminders are due (as of {as_of}).",
    ),
    "remind.preview": (
        "{messages} thư nhắc hạn ({reminders} nghĩa vụ) đến lượt gửi; --send để gửi, --eml DIR để ghi tệp .eml.",
        "Due to go out: {messages} reminder message(s) covering {reminders} obligation(s); --send sends them, --eml DIR writes .eml files.",
    ),
    "remind.dry_run": (
        "Chạy thử: {messages} thư nhắc hạn ({reminders} nghĩa vụ) sẽ được gửi; không ghi gì vào cơ sở dữ liệu.",
        "Dry run: {messages} reminder message(s) covering {reminders} obligation(s) would go out; nothing was recorded.",
    ),
    "remind.sent": (
        "Đã gửi tới {agency} <{to}>: {count} nghĩa vụ.",
        "Sent to {agency} <{to}>: {count} obligation(s).",
    ),
    "remind.written": (
        "Đã ghi {path} ({agency}, {count} nghĩa vụ).",
        "Wrote {path} ({agency}, {count} obligation(s)).",
    ),
    "remind.failed": (
        "Không gửi được tới {agency}: {error}; sẽ gửi lại ở lần chạy sau.",
        "Not delivered to {agency}: {error}; it will be retried on the next run.",
    ),
    "remind.refused": (
        "Cảnh báo: máy chủ từ chối địa chỉ {addresses} của {agency}; các địa chỉ còn lại đã nhận.",
        "Warning: the server refused {addresses} of {agency}; the other addresses received it.",
    ),
    "remind.summary_sent": (
        "Đã gửi {done}/{total} thư nhắc hạn ({reminders} nghĩa vụ).",
        "Sent {done} of {total} reminder message(s) covering {reminders} obligation(s).",
    ),
    "remind.summary_written": (
        "Đã ghi {done}/{total} thư nhắc hạn ({reminders} nghĩa vụ) vào {folder}.",
        "Wrote {done} of {total} reminder message(s) covering {reminders} obligation(s) to {folder}.",
    ),
    "ical.calname": (
        "Hạn thực hiện kế hoạch bảo vệ BMNN",
        "State-secret protection plan deadlines",
    ),
    "ical.summary": ("Hạn {task} – {agency} ({status})", "Due {task} – {agency} ({status})"),
    "ical.status": ("Tình trạng ngày {as_of}: {status}", "Status on {as_of}: {status}"),
    "ical.results_to": ("Gửi kết quả về: {recipient}", "Results go to: {recipient}"),
    "ical.written": ("Đã ghi {count} sự kiện vào {path}.", "Wrote {count} events to {path}."),
    # extract, explain
    "col.field": ("Trường", "Field"),
    "col.in_file": ("Trong tệp", "In the file"),
    "col.extracted": ("Trích xuất lại", "Fresh extraction"),
    "col.part": ("Phần", "Part"),
    "col.keys": ("Tham số", "Keys"),
    "col.weekday": ("Thứ", "Weekday"),
    "msg.extracted": (
        "{tasks} nhiệm vụ, {reviews} chỗ cần xem lại (# review:), {skipped} mục không phải nhiệm vụ. Xem lại rồi chạy bmnn import.",
        "{tasks} tasks, {reviews} points to review (# review:), {skipped} items read as not tasks. Review, then bmnn import.",
    ),
    "msg.extract_unmatched": (
        "Chưa có danh mục cơ quan của tỉnh {province} (--registry hoặc trong cơ sở dữ liệu): tên cơ quan được giữ nguyên văn và đánh dấu cần xem lại.",
        "No agency registry for {province} (--registry or in the database): agency names are kept as written and flagged for review.",
    ),
    "msg.check_same": (
        "{path} khớp với bản trích xuất lại từ văn bản.",
        "{path} matches a fresh extraction of the document.",
    ),
    "msg.check_differs": (
        "{count} điểm khác giữa {path} và bản trích xuất lại.",
        "{count} differences between {path} and a fresh extraction.",
    ),
    "explain.reading": ("Cách hiểu: {phrase}", "Reading of: {phrase}"),
    "explain.due": ("Hạn từ năm {first} đến năm {last}", "Due dates, {first} to {last}"),
    "explain.unread": ("Không hiểu được: {text}", "Not understood: {text}"),
    "explain.moved": (
        "dời sang ngày làm việc tiếp theo (BLDS 2015, Điều 148)",
        "moved to the next working day (Civil Code 2015, Art. 148)",
    ),
    "explain.strict": (
        "hạn là ngày trước ngày ghi trong văn bản",
        "due the day before the written date",
    ),
    "explain.ongoing": (
        "chưa có hạn: tính từ khi ghi nhận yêu cầu hoặc sự kiện (--event)",
        "no due date until a request or event is recorded (--event)",
    ),
    "weekday.0": ("thứ Hai", "Monday"),
    "weekday.1": ("thứ Ba", "Tuesday"),
    "weekday.2": ("thứ Tư", "Wednesday"),
    "weekday.3": ("thứ Năm", "Thursday"),
    "weekday.4": ("thứ Sáu", "Friday"),
    "weekday.5": ("thứ Bảy", "Saturday"),
    "weekday.6": ("Chủ nhật", "Sunday"),
    "msg.migrated": ("Đã sao chép {source} sang {target}.", "Copied {source} to {target}."),
    "period.once": ("một lần", "one-off"),
    "period.once_n": ("lần {n}", "one-off {n}"),
    "period.request": ("yêu cầu số {n}", "request {n}"),
    "period.ongoing": ("thường xuyên", "ongoing"),
    # bmnn remind: agencies without an e-mail address in the registry
    "remind.warning": ("Cảnh báo: {text}", "Warning: {text}"),
    "remind.no_address_list": (
        '{n} cơ quan chưa có địa chỉ thư điện tử, chưa gửi: {names}{more}. Bổ sung emails = ["…"] cho các cơ quan này trong danh mục cơ quan rồi chạy lại bmnn import; thư nhắc hạn sẽ được gửi ở lần chạy sau đó.',
        '{n} agency(ies) without an e-mail address, not sent: {names}{more}. Add emails = ["…"] for them in the agency registry, then run bmnn import again; their reminders go out on the next run after that.',
    ),
    "remind.eml_no_address": (
        '{n} tệp .eml không có người nhận vì cơ quan chưa có địa chỉ thư điện tử: {names}{more}. Điền người nhận trước khi gửi các tệp này; bổ sung emails = ["…"] cho các cơ quan này trong danh mục cơ quan rồi chạy lại bmnn import để các lần nhắc sau có địa chỉ.',
        '{n} .eml file(s) have no recipient, as the agency has no e-mail address: {names}{more}. Fill in the recipient before sending them; add emails = ["…"] for these agencies in the agency registry, then run bmnn import again so that later reminders carry it.',
    ),
    "remind.written_no_address": (
        "Đã ghi {path} ({agency}, {count} nghĩa vụ; chưa có người nhận).",
        "Wrote {path} ({agency}, {count} obligation(s); no recipient).",
    ),
    "change.added": ("thêm", "added"),
    "change.removed": ("bỏ", "removed"),
    "change.archived": ("lưu trữ (có hồ sơ đã ghi nhận)", "archived (records kept)"),
    "change.changed": ("sửa", "changed"),
    # tracking: what an amendment changed, repeated recordings
    "msg.amended_fields": (
        "Đã sửa lần gửi của {agency} cho {task} ({period}): {changes}.",
        "Amended {agency}'s submission for {task} ({period}): {changes}.",
    ),
    "amend.date": ("ngày gửi {old} → {new}", "date {old} → {new}"),
    "amend.ref": ("số/ký hiệu {old} → {new}", "reference {old} → {new}"),
    "amend.note": ("ghi chú {old} → {new}", "note {old} → {new}"),
    "amend.blank": ("(trống)", "(none)"),
    "msg.amend_unchanged": (
        "Lần gửi của {agency} cho {task} ({period}) đã được ghi nhận đúng như vậy; không sửa gì.",
        "{agency}'s submission for {task} ({period}) is already recorded so; nothing changed.",
    ),
    "msg.already_waived": (
        "Đã có sẵn: {agency} được miễn {task} ({period}) từ ngày {date}: {reason}; không ghi thêm.",
        "Already recorded: {agency} is waived for {task} ({period}) since {date}: {reason}; "
        "nothing added.",
    ),
    "msg.already_requested": (
        "Đã có sẵn: văn bản số {ref} cho {task} ngày {date} ({period}), hạn {due}; không ghi thêm.",
        "Already recorded: document {ref} for {task} on {date} ({period}), due {due}; "
        "nothing added.",
    ),
    # shared parts of error messages
    "hint.see_agencies": ("; xem danh sách: bmnn agencies", "; see the list: bmnn agencies"),
    "hint.did_you_mean": ("; có phải là {names}?", "; did you mean {names}?"),
    "err.date.month": (
        "{text!r} không phải là ngày: tháng phải từ 1 đến 12",
        "{text!r} is not a date: the month must be 1 to 12",
    ),
    "err.date.day": (
        "{text!r} không phải là ngày có thật: tháng {month:02d}/{year} có {days} ngày",
        "{text!r} is not a real date: {month:02d}/{year} has {days} days",
    ),
    "err.date.range": (
        "{text!r}: năm phải từ {first} đến {last}",
        "{text!r}: the year must be {first} to {last}",
    ),
    "err.date.too_far": (
        "năm {year} quá xa so với các kế hoạch (kế hoạch mới nhất là năm {newest}, tính được "
        "đến năm {limit}); kiểm tra lại --as-of hoặc --year",
        "the year {year} is too far beyond the plans (the newest is for {newest}; bmnn looks ahead "
        "to {limit}); check --as-of or --year",
    ),
    "err.quarter": (
        "{value!r} không phải là quý; viết 1 đến 4 hoặc I đến IV",
        "{value!r} is not a quarter; write 1 to 4 or I to IV",
    ),
    "err.format.unknown": (
        "định dạng {value!r} không được hỗ trợ; chọn một trong: {names}",
        "format {value!r} is not supported; choose one of: {names}",
    ),
    "err.date.format": (
        "{text!r} không phải là ngày; hãy viết 27/02/2026 hoặc 2026-02-27",
        "{text!r} is not a date; write 27/02/2026 or 2026-02-27",
    ),
}
