"""Errors about files a person gives bmnn.

Plan and registry files, documents to extract, CSV registers, the reminder
configuration.
"""

from __future__ import annotations

from typing import Final

# key: (Vietnamese, English)
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # reading a file (plan, registry, CSV register)
    "err.input.no_such_file": ("không tìm thấy tệp", "no such file"),
    "err.input.plan_too_big": (
        "tệp có dung lượng {size} byte; tệp kế hoạch chỉ được tối đa {limit} byte",
        "file is {size} bytes; plan files are at most {limit}",
    ),
    "err.input.permission_denied": ("không có quyền đọc tệp", "permission denied"),
    "err.input.file_empty": ("tệp không có nội dung", "the file is empty"),
    "err.input.not_utf8_byte": (
        "tệp không được mã hóa UTF-8 (byte {byte:#04x}); hãy lưu lại tệp với mã UTF-8",
        "not UTF-8 text (byte {byte:#04x}); save the file as UTF-8",
    ),
    "err.input.binary": (
        "tệp chứa dữ liệu nhị phân, không phải tệp văn bản TOML",
        "binary data, not a TOML text file",
    ),
    "err.input.document_not_plan": (
        "đây là văn bản kế hoạch, không phải tệp kế hoạch TOML; hãy chạy "
        "bmnn extract {path} -o ke-hoach.toml, soát lại rồi nhập tệp .toml",
        "this is a plan document, not a TOML plan file; run "
        "bmnn extract {path} -o plan.toml, review it, then import the .toml",
    ),
    "err.input.toml_malformed": ("TOML sai cú pháp: {error}", "malformed TOML: {error}"),
    "err.input.toml_at": (
        "TOML sai cú pháp: {reason} (dòng {line}, cột {column})",
        "malformed TOML: {reason} (at line {line}, column {column})",
    ),
    "err.input.toml_at_end": (
        "TOML sai cú pháp: {reason} (ở cuối tệp)",
        "malformed TOML: {reason} (at end of document)",
    ),
    "err.input.toml_too_deep": (
        "TOML sai cú pháp: các bảng lồng nhau quá sâu",
        "malformed TOML: nested too deeply",
    ),
    # plan and registry files: where in the file
    "err.input.where_file": ("tệp", "file"),
    "err.input.where_agency": ("cơ quan {code!r}", "agency {code!r}"),
    "err.input.where_task": ("nhiệm vụ {code!r}", "task {code!r}"),
    "err.input.where_task_code": ("nhiệm vụ {code}", "task {code}"),
    "err.input.where_task_schedule": (
        "nhiệm vụ {code!r}, lịch thực hiện thứ {index}",
        "task {code!r} schedule #{index}",
    ),
    "err.input.where_deadline": ("{where}, thời hạn", "{where} deadline"),
    "err.input.where_phrase": ("cụm từ thời hạn", "phrase"),
    # plan and registry files: keys and values
    "err.input.unknown_key": (
        "{where}: tham số {field!r} không hợp lệ{hint}",
        "{where}: unknown key {field!r}{hint}",
    ),
    "err.input.missing_field": (
        "{where}: thiếu trường bắt buộc {field!r}",
        "{where}: missing required field {field!r}",
    ),
    "err.input.not_text": (
        "{where}: {field} = {value!r} phải là chuỗi ký tự",
        "{where}: {field} = {value!r} should be text",
    ),
    "err.input.empty_field": ("{where}: {field} đang để trống", "{where}: {field} is empty"),
    "err.input.not_slug": (
        "{where}: {field} = {value!r} chỉ được gồm chữ thường không dấu, chữ số và '-'",
        "{where}: {field} = {value!r} should be lower-case letters, digits and '-'",
    ),
    "err.input.not_integer": (
        "{where}: {field} = {value!r} phải là số nguyên",
        "{where}: {field} = {value!r} should be a whole number",
    ),
    "err.input.not_date": (
        "{where}: {field} = {value!r} phải là ngày theo cách viết của TOML, ví dụ 2026-02-27",
        "{where}: {field} = {value!r} should be a TOML date such as 2026-02-27",
    ),
    "err.input.not_dates": (
        "{where}: {field} phải là danh sách ngày, ví dụ [2026-02-13]",
        "{where}: {field} should be a list of dates such as [2026-02-13]",
    ),
    "err.input.not_texts": (
        "{where}: {field} phải là danh sách chuỗi ký tự",
        "{where}: {field} should be a list of text values",
    ),
    "err.input.not_a_choice": (
        "{where}: {field} = {value!r} không hợp lệ; chọn một trong: {choices}",
        "{where}: {field} = {value!r} is not one of {choices}",
    ),
    "err.input.not_tables": (
        "{where}: {field} phải là mảng bảng ([[{field}]])",
        "{where}: {field} should be an array of tables ([[{field}]])",
    ),
    "err.input.duplicate_id": (
        "{where}: mã {code!r} bị trùng",
        "{where}: duplicate id {code!r}",
    ),
    "err.input.duplicate_task": (
        "mã nhiệm vụ {code!r} bị trùng",
        "duplicate task id {code!r}",
    ),
    # plan and registry files: the tables
    "err.input.tasks_without_plan": (
        "tệp: có [[tasks]] nhưng thiếu bảng [plan]",
        "file: [[tasks]] given without a [plan] table",
    ),
    "err.input.neither_plan_nor_registry": (
        "tệp: không phải kế hoạch ([plan]) cũng không phải danh mục cơ quan ([province])",
        "file: neither a plan ([plan]) nor an agency registry ([province])",
    ),
    "err.input.registry_twice": (
        'tệp: chỉ dùng một trong hai, registry = "…" hoặc bảng [province] ngay trong tệp',
        'file: give registry = "…" or an inline [province], not both',
    ),
    "err.input.linked_not_registry": (
        "registry = {relative!r} không phải là danh mục cơ quan",
        "registry = {relative!r} is not an agency registry",
    ),
    "err.input.province_not_table": (
        "[province] phải là một bảng",
        "[province] should be a table",
    ),
    "err.input.plan_not_table": ("[plan] phải là một bảng", "[plan] should be a table"),
    "err.input.deadlines_not_table": (
        "[plan.deadlines] phải là một bảng",
        "[plan.deadlines] should be a table",
    ),
    # agency registries
    "err.input.successor_without_date": (
        "cơ quan {agency!r}: có successor nhưng thiếu merged_on",
        "agency {agency!r}: successor given without merged_on",
    ),
    "err.input.since_not_date": (
        "{where}: groups since = {since!r} phải là ngày",
        "{where}: groups since = {since!r} should be a date",
    ),
    "err.input.membership_unknown_key": (
        "{where}: tham số {field!r} trong groups không hợp lệ",
        "{where}: unknown key {field!r} in groups",
    ),
    "err.input.membership_form": (
        '{where}: mỗi mục của groups là một mã nhóm hoặc {{ group = "id", since = 2026-07-01 }}',
        '{where}: groups entries are ids or {{ group = "id", since = 2026-07-01 }}',
    ),
    "err.input.unknown_group_of": (
        "cơ quan {agency!r}: nhóm {group!r} không có trong danh mục{hint}",
        "agency {agency!r}: unknown group {group!r}{hint}",
    ),
    "err.input.unknown_successor": (
        "cơ quan {agency!r}: successor {successor!r} không có trong danh mục{hint}",
        "agency {agency!r}: unknown successor {successor!r}{hint}",
    ),
    # plans
    "err.input.year_out_of_range": (
        "[plan]: year = {year} nằm ngoài khoảng cho phép (1900–2200)",
        "[plan]: year = {year} is out of range",
    ),
    "err.input.province_mismatch": (
        "[plan]: province = {province!r} nhưng danh mục cơ quan là của tỉnh {registry!r}",
        "[plan]: province = {province!r} but the registry is {registry!r}",
    ),
    "err.input.roll_not_bool": (
        "[plan.deadlines]: roll_to_working_day = {roll!r} phải là true hoặc false",
        "[plan.deadlines]: roll_to_working_day = {roll!r} should be true or false",
    ),
    "err.input.yearly_due_form": (
        "[plan.deadlines]: yearly_due = {yearly!r} phải có dạng MM-DD, ví dụ 12-31",
        "[plan.deadlines]: yearly_due = {yearly!r} should be MM-DD, e.g. 12-31",
    ),
    "err.input.no_lead": (
        "nhiệm vụ {code!r}: chưa có cơ quan chủ trì (lead = [...])",
        "task {code!r}: no lead agency (lead = [...])",
    ),
    "err.input.no_deadline": (
        "{where}: hãy ghi thời hạn (deadline) hoặc [[tasks.schedule]]",
        "{where}: give a deadline phrase or [[tasks.schedule]]",
    ),
    "err.input.deadline_unread": (
        "{where}: không hiểu được thời hạn {deadline!r}; hãy tự ghi [[tasks.schedule]]",
        "{where}: cannot read the deadline {deadline!r}; add [[tasks.schedule]] by hand",
    ),
    # schedules ([[tasks.schedule]])
    "err.input.schedule_kind": (
        "{where}: loại lịch {kind!r} không hợp lệ (chọn một trong: {kinds})",
        "{where}: unknown schedule kind {kind!r} (expected one of: {kinds})",
    ),
    "err.input.schedule_key": (
        "{where}: tham số {field!r} không dùng cho lịch loại {kind!r}",
        "{where}: key {field!r} does not belong to a {kind!r} schedule",
    ),
    "err.input.schedule_type": (
        "{where}: {field} = {value!r} phải là {expected}",
        "{where}: {field} = {value!r} should be {expected}",
    ),
    "err.input.type_int": ("số nguyên", "a whole number"),
    "err.input.type_text": ("chuỗi ký tự", "text"),
    "err.input.type_bool": ("true hoặc false", "true or false"),
    "err.input.type_date": ("ngày (2026-02-27)", "a date (2026-02-27)"),
    "err.input.schedule_needs": (
        "{where}: lịch loại {kind!r} cần có {field!r}",
        "{where}: a {kind!r} schedule needs {field!r}",
    ),
    "err.input.quarter_range": (
        "{where}: quarter = {quarter} phải từ 1 đến 4",
        "{where}: quarter = {quarter} is not between 1 and 4",
    ),
    "err.input.month_range": (
        "{where}: month = {month} phải từ 1 đến 12",
        "{where}: month = {month} is not between 1 and 12",
    ),
    "err.input.yearly_month_day": (
        "{where}: lịch hằng năm cần có cả month và day, hoặc không có cả hai",
        "{where}: a yearly schedule needs both month and day, or neither",
    ),
    "err.input.day_month_not_date": (
        "{where}: {day:02d}/{month:02d} không phải là ngày có thật",
        "{where}: {day:02d}/{month:02d} is not a date",
    ),
    "err.input.day_range": (
        "{where}: day = {day} phải từ 1 đến 31",
        "{where}: day = {day} is not between 1 and 31",
    ),
    "err.input.schedule_year_range": (
        "{where}: năm {year} nằm ngoài khoảng cho phép (1900–2200)",
        "{where}: year {year} is out of range",
    ),
    "err.input.until_before_from": (
        "{where}: until = {until} sớm hơn from = {start}",
        "{where}: until = {until} is before from = {start}",
    ),
    "err.input.days_range": (
        "{where}: days = {days} phải từ 1 đến 3660",
        "{where}: days = {days} must be between 1 and 3660",
    ),
    # classification marks
    "err.input.classified": (
        "{path}:{line}: tệp có dấu độ mật {mark!r}; bmnn chỉ lưu thông tin về nghĩa vụ, "
        "không lưu nội dung tài liệu mật. Nếu tệp không phải tài liệu mật, hãy dùng "
        "--allow-classified",
        "{path}:{line}: the file bears the classification mark {mark!r}; bmnn keeps "
        "metadata about obligations, never the content of secret documents. If the "
        "file is not secret, pass --allow-classified",
    ),
    # agencies and groups named by a person
    "err.input.unknown_ref": (
        "không tìm thấy {what} {text!r}{hint}",
        "unknown {what} {text!r}{hint}",
    ),
    "err.input.ref_agency": ("cơ quan", "agency"),
    "err.input.ref_group": ("nhóm", "group"),
    "err.input.ref_or": ("{first} hoặc {second}", "{first} or {second}"),
    # CSV registers of documents received
    "err.input.csv_missing_columns": (
        "thiếu cột {columns}; dòng tiêu đề hiện có: {header} (tên cột: task, agency, date "
        "hoặc Nhiệm vụ, Cơ quan, Ngày)",
        "missing column(s) {columns}; header is {header} (columns: task, agency, date, or "
        "Nhiệm vụ, Cơ quan, Ngày)",
    ),
    "err.input.csv_empty_value": ("cột {column} để trống", "empty {column}"),
    "err.input.csv_no_rows": (
        "không có dòng dữ liệu nào dưới dòng tiêu đề",
        "no rows under the header",
    ),
    # documents to extract (.txt, .docx, .pdf)
    "err.input.document_no_text": (
        "văn bản không có nội dung chữ",
        "the document has no text",
    ),
    "err.input.misnamed_binary": (
        "đây là tệp PDF hoặc Office: hãy đổi phần đuôi tên tệp thành .pdf hoặc .docx",
        "a PDF or Office file: name it .pdf or .docx",
    ),
    "err.input.not_utf8": (
        "tệp không được mã hóa UTF-8; hãy lưu lại tệp với mã UTF-8",
        "not UTF-8 text; save the file as UTF-8",
    ),
    "err.input.docx_missing": (
        "cần cài python-docx để đọc tệp .docx: pip install 'bmnn[docx]'",
        "reading .docx needs python-docx: pip install 'bmnn[docx]'",
    ),
    "err.input.docx_unreadable": (
        "không đọc được tệp .docx ({error})",
        "not a readable .docx file ({error})",
    ),
    "err.input.pdf_missing": (
        "cần cài pypdf để đọc tệp .pdf: pip install 'bmnn[pdf]'",
        "reading .pdf needs pypdf: pip install 'bmnn[pdf]'",
    ),
    "err.input.pdf_unreadable": (
        "không đọc được tệp PDF ({error})",
        "not a readable PDF ({error})",
    ),
    "err.input.pdf_no_text": (
        "tệp PDF không có lớp chữ (bản quét?); hãy dùng bản .docx hoặc bản chữ (.txt)",
        "the PDF has no text layer (a scan?); use the .docx or a text copy",
    ),
    "err.input.document_no_year": (
        "văn bản không ghi năm; hãy cho biết năm của kế hoạch",
        "the document gives no year; give the plan's year",
    ),
    # bmnn extract, bmnn explain
    "err.input.not_registry": (
        "không phải danh mục cơ quan (không có [province] hoặc registry = …)",
        "not an agency registry (no [province] or registry = …)",
    ),
    "err.input.not_plan": (
        "không phải tệp kế hoạch (không có bảng [plan])",
        "not a plan file (no [plan] table)",
    ),
    "err.input.phrase_unread": (
        "không hiểu được cụm từ thời hạn {phrase!r}",
        "cannot read {phrase!r} as a deadline phrase",
    ),
    # reminder stages (config [remind] stages)
    "err.input.stage_form": (
        "{text!r} không phải là mốc nhắc hạn; hãy viết -7d, 0d, +1d hoặc +7d/7d",
        "{text!r} is not a stage; write -7d, 0d, +1d or +7d/7d",
    ),
    "err.input.stage_every_zero": (
        "{text!r}: mốc nhắc hạn không thể lặp lại sau mỗi 0 ngày",
        "{text!r}: a stage cannot repeat every 0 days",
    ),
    "err.input.stage_repeat_early": (
        "{text!r}: chỉ các mốc từ ngày đến hạn trở về sau mới được lặp lại",
        "{text!r}: only stages on or after the due day repeat",
    ),
    "err.input.no_stages": (
        "chưa có mốc nhắc hạn nào: hãy ghi ít nhất một mốc, ví dụ stages = ['0d']",
        "no reminder stages: give at least one, e.g. stages = ['0d']",
    ),
    # the configuration file (config.toml) and SMTP settings
    "err.input.config_tables": (
        "bảng không hợp lệ {tables}; chỉ được dùng [smtp], [remind]",
        "unknown table(s) {tables}; expected [smtp], [remind]",
    ),
    "err.input.config_stages": ("[remind] stages: {error}", "[remind] stages: {error}"),
    "err.input.config_missing": ("không tìm thấy tệp cấu hình", "no such config file"),
    "err.input.config_toml": (
        "tệp cấu hình không phải TOML hợp lệ: {error}",
        "not valid TOML: {error}",
    ),
    "err.input.config_unreadable": (
        "không đọc được tệp cấu hình: {error}",
        "cannot read the config file: {error}",
    ),
    "err.input.config_not_table": ("[{name}] phải là một bảng", "[{name}] must be a table"),
    "err.input.config_password": (
        "[{name}] password: mật khẩu không bao giờ được đọc từ tệp cấu hình; hãy ghi mật "
        "khẩu vào một tệp chỉ riêng bạn đọc được rồi khai báo tệp đó bằng password_file, "
        "hoặc đặt biến BMNN_SMTP_PASSWORD",
        "[{name}] password: the password is never read from the config file; put it "
        "in a file readable by you only and name it with password_file, or set "
        "BMNN_SMTP_PASSWORD",
    ),
    "err.input.config_keys": (
        "[{name}]: tham số không hợp lệ {unknown}; các tham số hợp lệ: {known}",
        "[{name}]: unknown key(s) {unknown}; known: {known}",
    ),
    "err.input.smtp_security": (
        "SMTP security {security!r} (lấy từ {origin}) không hợp lệ: chọn một trong {choices}",
        "SMTP security {security!r} (from {origin}): choose {choices}",
    ),
    "err.input.smtp_number": (
        "SMTP {field} {value!r} (lấy từ {origin}) phải là số dương",
        "SMTP {field} {value!r} (from {origin}) is not a positive number",
    ),
    "err.input.config_origin": ("[smtp] {field} trong {path}", "[smtp] {field} in {path}"),
    "err.input.config_default": ("giá trị mặc định", "the default"),
    "err.input.remind_not_strings": (
        "[remind] {field} phải là danh sách chuỗi ký tự",
        "[remind] {field} must be a list of strings",
    ),
    "err.input.remind_not_string": (
        "[remind] {field} phải là chuỗi ký tự",
        "[remind] {field} must be a string",
    ),
    "err.input.smtp_no_password": (
        "tài khoản SMTP {user!r} chưa có mật khẩu: hãy đặt biến BMNN_SMTP_PASSWORD, hoặc "
        "BMNN_SMTP_PASSWORD_FILE / [smtp] password_file trỏ tới tệp chứa mật khẩu",
        "SMTP user {user!r} has no password: set BMNN_SMTP_PASSWORD, or "
        "BMNN_SMTP_PASSWORD_FILE / [smtp] password_file naming a file that holds it",
    ),
    "err.input.password_file_unreadable": (
        "không đọc được tệp mật khẩu SMTP ({origin}): {error}",
        "cannot read the SMTP password file ({origin}): {error}",
    ),
}
