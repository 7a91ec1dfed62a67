"""Errors of the store.

The database, lookups of plans, tasks and agencies, submissions, backups
and migrations.
"""

from __future__ import annotations

from typing import Final

# key: (Vietnamese, English)
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # database: opening, connecting, schema
    "err.store.postgresql_no_file": (
        "{where}: cơ sở dữ liệu PostgreSQL không lưu trong tệp",
        "{where}: a PostgreSQL database has no file",
    ),
    "err.store.unsupported_kind": (
        "{kind}: loại cơ sở dữ liệu không được hỗ trợ",
        "{kind}: unsupported database kind",
    ),
    "err.store.bad_url": (
        "không đọc được địa chỉ URL của cơ sở dữ liệu: {error}",
        "cannot read the database URL: {error}",
    ),
    "err.store.driver_missing": (
        "chưa cài trình điều khiển {name!r}; hãy cài: pip install 'bmnn[postgresql]'",
        "the driver {name!r} is not installed: pip install 'bmnn[postgresql]'",
    ),
    "err.store.unsupported_engine": (
        "{name}: chỉ hỗ trợ SQLite và PostgreSQL",
        "{name}: only SQLite and PostgreSQL are supported",
    ),
    "err.store.is_folder": (
        "{path}: đây là thư mục, không phải tệp cơ sở dữ liệu",
        "{path}: is a folder, not a database file",
    ),
    "err.store.no_database": (
        "{path}: chưa có cơ sở dữ liệu; hãy nhập một kế hoạch trước (bmnn import PLAN.toml)",
        "{path}: no database here yet; import a plan first (bmnn import PLAN.toml)",
    ),
    "err.store.no_folder": (
        "{path}: không có thư mục {folder}; hãy tạo thư mục đó trước, hoặc xem lại --db / BMNN_DB",
        "{path}: there is no folder {folder}; make it first, or check --db / BMNN_DB",
    ),
    "err.store.cannot_create": (
        "{path}: không tạo được cơ sở dữ liệu: {error}",
        "{path}: cannot create the database: {error}",
    ),
    "err.store.newer_schema": (
        "{where}: cơ sở dữ liệu do phiên bản bmnn mới hơn tạo ra (phiên bản lược đồ {version}, "
        "bmnn đang dùng chỉ hỗ trợ đến {known}); hãy nâng cấp bmnn",
        "{where}: made by a newer bmnn (schema {version}, this one knows {known}); upgrade bmnn",
    ),
    "err.store.not_sqlite": (
        "{where}: không phải cơ sở dữ liệu bmnn (tệp không phải SQLite)",
        "{where}: not a bmnn database (the file is not SQLite)",
    ),
    "err.store.read_only": (
        "{where}: cơ sở dữ liệu chỉ đọc; chưa thay đổi gì",
        "{where}: the database is read-only; nothing was changed",
    ),
    "err.store.busy": (
        "{where}: cơ sở dữ liệu đang bận (một lượt bmnn khác đang ghi); hãy thử lại",
        "{where}: the database is busy (another bmnn is writing); try again",
    ),
    "err.store.cannot_open": (
        "{where}: không mở được tệp cơ sở dữ liệu (thư mục chứa tệp có tồn tại không?)",
        "{where}: cannot open the database file (does its folder exist?)",
    ),
    "err.store.cannot_connect": (
        "{where}: không kết nối được máy chủ cơ sở dữ liệu: {error}",
        "{where}: cannot connect to the database server: {error}",
    ),
    "err.store.database_error": (
        "{where}: lỗi cơ sở dữ liệu: {error}",
        "{where}: database error: {error}",
    ),
    # lookups: plans, agencies, groups, tasks
    "err.store.unknown_plan": (
        "không tìm thấy kế hoạch {text!r}{hint}",
        "unknown plan {text!r}{hint}",
    ),
    "err.store.unknown_plan_listed": (
        "không tìm thấy kế hoạch {text!r} (các kế hoạch: {plans})",
        "unknown plan {text!r} (plans: {plans})",
    ),
    "err.store.no_plans_yet": ("chưa nhập kế hoạch nào", "none imported yet"),
    "err.store.unknown_agency": (
        "không tìm thấy cơ quan {text!r}{hint}",
        "unknown agency {text!r}{hint}",
    ),
    "err.store.unknown_agency_or_group": (
        "không tìm thấy cơ quan hoặc nhóm {text!r}{hint}",
        "unknown agency or group {text!r}{hint}",
    ),
    "err.store.unknown_group": (
        "không tìm thấy nhóm {text!r} (các nhóm: {groups})",
        "unknown group {text!r} (groups: {groups})",
    ),
    "err.store.task_in_several_plans": (
        "nhiệm vụ {text!r} có trong nhiều kế hoạch ({plans}); hãy thêm --plan",
        "task {text!r} is in several plans ({plans}); add --plan",
    ),
    "err.store.unknown_task": (
        "không tìm thấy nhiệm vụ {text!r}{hint}",
        "unknown task {text!r}{hint}",
    ),
    # tracking: submissions, amendments, waivers, requests and events
    "err.store.not_answerable": (
        "{agency} ({code}) không được giao thực hiện nhiệm vụ {task!r}",
        "{agency} ({code}) is not answerable for task {task!r}",
    ),
    "err.store.merged_into": (
        "; cơ quan này đã sáp nhập vào {successor}: hãy ghi nhận cho {successor}",
        "; it was merged into {successor}: record it for {successor}",
    ),
    "err.store.merged_into_on": (
        "; cơ quan này đã sáp nhập vào {successor} từ ngày {day}: hãy ghi nhận cho {successor}",
        "; it was merged into {successor} on {day}: record it for {successor}",
    ),
    "err.store.code_not_answerable": (
        "{code} không được giao thực hiện nhiệm vụ {task!r}",
        "{code} is not answerable for task {task!r}",
    ),
    "err.store.no_such_period": (
        "nhiệm vụ {task!r} không có kỳ {period!r} (các kỳ: {periods})",
        "task {task!r} has no period {period!r} (periods: {periods})",
    ),
    "err.store.date_after_as_of": (
        "ngày {day:%d/%m/%Y} muộn hơn ngày tính {as_of:%d/%m/%Y}; không thể ghi nhận văn bản "
        "gửi đến trong tương lai (dùng --as-of để đặt ngày tính muộn hơn)",
        "date {day:%d/%m/%Y} is after the as-of date {as_of:%d/%m/%Y}; "
        "a document cannot arrive in the future (pass --as-of to record it later)",
    ),
    "err.store.date_before_start": (
        "ngày {day:%d/%m/%Y} sớm hơn ngày bắt đầu của kế hoạch {plan!r} "
        "hoặc của yêu cầu này ({earliest:%d/%m/%Y})",
        "date {day:%d/%m/%Y} is before {earliest:%d/%m/%Y}, when plan {plan!r} "
        "or this request began",
    ),
    "err.store.already_submitted": (
        "đã ghi nhận {agency} gửi {task} ({period}) ngày {day:%d/%m/%Y}; để sửa, dùng `bmnn amend`",
        "{agency} already has a submission for {task} ({period}) "
        "dated {day:%d/%m/%Y}; use `bmnn amend` to correct it",
    ),
    "err.store.nothing_open_done": (
        "{agency} không còn kỳ nào cần gửi đối với nhiệm vụ {task!r} ({done}); "
        "để sửa một lần gửi, dùng `bmnn amend` với --period",
        "{agency} has nothing open for task {task!r} ({done}); "
        "use --period with `bmnn amend` to correct a submission",
    ),
    "err.store.nothing_open": (
        "{agency} không còn kỳ nào cần gửi đối với nhiệm vụ {task!r}; hãy chỉ rõ kỳ (--period)",
        "{agency} has nothing open for task {task!r}; give --period",
    ),
    "err.store.only_undated_open": (
        "{agency} không còn kỳ nào có thời hạn cần gửi đối với nhiệm vụ {task!r}; "
        "nhiệm vụ không xác định hạn chỉ được miễn khi chỉ rõ kỳ: --period {periods}",
        "{agency} has no dated period open for task {task!r}; a duty without a due date "
        "is waived only when --period names it: --period {periods}",
    ),
    "err.store.amend_nothing": (
        "không có nội dung nào để sửa; hãy cho biết ngày gửi (--date), "
        "số/ký hiệu (--ref) hoặc ghi chú (--note) cần sửa",
        "nothing to change: give --date, --ref or --note",
    ),
    "err.store.no_submission_for_period": (
        "chưa ghi nhận văn bản đã gửi nào cho kỳ {period!r}",
        "no submission recorded for period {period!r}",
    ),
    "err.store.no_submission_for_task": (
        "chưa ghi nhận văn bản nào {agency} đã gửi cho nhiệm vụ {task!r}",
        "no submission of {agency} recorded for task {task!r}",
    ),
    "err.store.waive_submitted": (
        "{agency} đã gửi kỳ {period} của nhiệm vụ {task!r} ngày {day:%d/%m/%Y}; không miễn "
        "được kỳ đã gửi. Nếu văn bản đó ghi nhầm, hãy hủy trước bằng bmnn retract",
        "{agency} already sent period {period} of task {task!r} on {day:%d/%m/%Y}; a sent "
        "period is not waived. If that record is a mistake, retract it first (bmnn retract)",
    ),
    "err.store.waiver_needs_reason": (
        "cần nêu lý do miễn (--reason)",
        "a waiver needs a reason (--reason)",
    ),
    "err.store.no_request_schedule": (
        "nhiệm vụ {task!r} không có hạn theo yêu cầu đột xuất "
        "(thời hạn theo văn bản: {deadline!r}); không có gì để ghi nhận",
        "task {task!r} has no an ad-hoc (đột xuất) schedule (its deadline: {deadline!r}); "
        "nothing to record",
    ),
    "err.store.no_event_schedule": (
        "nhiệm vụ {task!r} không có hạn tính từ sự kiện “sau khi …” "
        "(thời hạn theo văn bản: {deadline!r}); không có gì để ghi nhận",
        "task {task!r} has no an event-triggered (sau khi …) schedule "
        "(its deadline: {deadline!r}); nothing to record",
    ),
    "err.store.due_before_request": (
        "hạn {due:%d/%m/%Y} sớm hơn ngày yêu cầu {day:%d/%m/%Y}",
        "due date {due:%d/%m/%Y} is before the request date {day:%d/%m/%Y}",
    ),
    "err.store.due_or_days": (
        "hãy cho biết hạn (--due D) hoặc số ngày được giao để thực hiện (--days N)",
        "give the due date (--due D) or the time allowed (--days N)",
    ),
    "err.store.due_and_days": (
        "hãy cho biết hạn (--due) hoặc số ngày được giao (--days), không dùng đồng thời cả hai",
        "give --due or --days, not both",
    ),
    # import of plans and registries
    "err.store.no_registry": (
        "[plan]: tỉnh {province!r} chưa có danh mục cơ quan; "
        'hãy nhập danh mục cơ quan trước hoặc thêm registry = "agencies.toml"',
        "[plan]: province {province!r} has no agency registry yet; "
        'import its registry first or add registry = "agencies.toml"',
    ),
    "err.store.bad_reference": (
        "nhiệm vụ {task!r}, cơ quan {role}: {error}",
        "task {task!r} {role}: {error}",
    ),
    "err.store.plan_of_other_province": (
        "kế hoạch {plan!r} thuộc tỉnh khác; hãy đặt mã khác cho kế hoạch",
        "plan {plan!r} belongs to another province; give it another id",
    ),
    "err.store.task_has_records": (
        "nhiệm vụ {task!r} không còn trong kế hoạch nhưng đã có {recorded} lần gửi hoặc miễn "
        "và {requests} yêu cầu được ghi nhận; hãy giữ nhiệm vụ này trong tệp, hoặc nhập với "
        "--force để lưu trữ nhiệm vụ (hồ sơ đã ghi nhận được giữ lại)",
        "task {task!r} is no longer in the plan but has {recorded} recorded "
        "submissions or waivers and {requests} requests; keep it in the file, or "
        "import with --force to archive it (its records are kept)",
    ),
    # backup, restore and check
    "err.store.backup_exists": (
        "{path}: tệp đã tồn tại; dùng --force để ghi đè",
        "{path}: already exists; pass --force to replace it",
    ),
    "err.store.backup_is_database": (
        "{path}: đây chính là tệp cơ sở dữ liệu; hãy chọn tệp khác",
        "{path}: is the database itself; choose another file",
    ),
    "err.store.backup_failed": (
        "{path}: sao lưu không thành công: {error}",
        "{path}: backup failed: {error}",
    ),
    "err.store.backup_not_sqlite": (
        "không phải cơ sở dữ liệu bmnn (tệp không phải SQLite)",
        "not a bmnn database (the file is not SQLite)",
    ),
    "err.store.backup_damaged": (
        "bản sao lưu bị hỏng: {status}",
        "the backup is damaged: {status}",
    ),
    "err.store.backup_not_bmnn": (
        "tệp SQLite nhưng không phải cơ sở dữ liệu bmnn",
        "an SQLite file, but not a bmnn database",
    ),
    "err.store.backup_newer": (
        "bản sao lưu do phiên bản bmnn mới hơn tạo ra (phiên bản lược đồ {version}); "
        "hãy nâng cấp bmnn",
        "made by a newer bmnn (schema {version}); upgrade bmnn",
    ),
    "err.store.restore_has_records": (
        "{path}: đang chứa hồ sơ đã ghi nhận; dùng --force để thay bằng bản sao lưu {source}",
        "{path}: holds records; pass --force to replace them by {source}",
    ),
    "err.store.restore_failed": (
        "{path}: khôi phục không thành công: {error}",
        "{path}: restore failed: {error}",
    ),
    "err.store.check_missing_row": (
        "bảng {table}, dòng {rowid}: thiếu dòng tương ứng trong bảng {parent}",
        "{table} row {rowid}: missing {parent} row",
    ),
    "err.store.check_unreadable": (
        "không đọc được cơ sở dữ liệu ({error}); hãy khôi phục từ bản sao lưu gần nhất: "
        "bmnn restore TỆP --force",
        "cannot read the database: {error}; restore the latest backup: bmnn restore FILE --force",
    ),
    # migrate (bmnn migrate)
    "err.store.migrate_not_empty": (
        "{where}: đã có kế hoạch; chỉ chuyển dữ liệu sang cơ sở dữ liệu trống",
        "{where}: already holds plans; migrate into an empty database",
    ),
    "err.store.migrate_incomplete": (
        "{table}: nguồn có {want} dòng, đã sao chép {got} dòng; không giữ lại dữ liệu nào",
        "{table}: {want} rows in the source, {got} copied; nothing kept",
    ),
    # reminders (bmnn remind)
    "err.store.remind_busy": (
        "một lượt `bmnn remind` khác đang gửi thư cho {database} (khóa {path}); "
        "lượt này chưa gửi gì, hãy thử lại sau",
        "another `bmnn remind` is sending for {database} (lock {path}); "
        "nothing was sent by this run, try again later",
    ),
}
