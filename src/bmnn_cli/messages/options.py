"""Errors about options on the command line, output files and reminder delivery."""

from __future__ import annotations

from typing import Final

# key: (Vietnamese, English)
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # the command line itself
    "err.cli.lang": (
        # shown in both languages at once (see cli/app.py), so no value in it
        "hãy chọn vi (tiếng Việt) hoặc en (tiếng Anh)",
        "choose vi or en",
    ),
    "err.cli.internal": (
        "lỗi nội bộ ({kind}: {error}); đề nghị báo lại lỗi này kèm theo lệnh đã chạy"
        " (đặt BMNN_DEBUG=1 để xem chi tiết)",
        "internal error ({kind}: {error}); please report it with the command you ran"
        " (BMNN_DEBUG=1 shows details)",
    ),
    "err.cli.span": (
        "{value!r} không phải là khoảng thời gian; hãy viết 14d, 2w hoặc 14",
        "{value!r} is not a span; write 14d, 2w or 14",
    ),
    # recording submissions, amendments, retractions and waivers
    "err.cli.csv_or_task": (
        "chỉ dùng --from-csv hoặc --task/--agency, không dùng cả hai",
        "give either --from-csv or --task/--agency, not both",
    ),
    "err.cli.task_agency_required": (
        "cần có --task và --agency (hoặc --from-csv FILE)",
        "--task and --agency are required (or --from-csv FILE)",
    ),
    "err.cli.reason_required": ("hãy nêu lý do (--reason)", "say why (--reason)"),
    # output files
    "err.cli.needs_output": (
        "--format {fmt} ghi kết quả ra tệp: hãy thêm -o FILE.{fmt}",
        "--format {fmt} writes a file: add -o FILE.{fmt}",
    ),
    "err.cli.binary_output": (
        "--format xlsx tạo ra tệp nhị phân: hãy chuyển kết quả vào tệp (> report.xlsx)"
        " hoặc dùng lệnh có -o FILE",
        "--format xlsx makes a binary file: redirect the output (> report.xlsx)"
        " or use a command with -o FILE",
    ),
    "err.cli.target_is_folder": (
        "không ghi được {path}: đây là thư mục; hãy ghi rõ tên tệp",
        "cannot write {path}: it is a folder; give a file name",
    ),
    "err.cli.no_folder": (
        "không ghi được {path}: thư mục {folder} không tồn tại",
        "cannot write {path}: the folder {folder} does not exist",
    ),
    "err.cli.cannot_write": ("không ghi được {path}: {error}", "cannot write {path}: {error}"),
    # backup and restore
    "err.cli.pg_backups": (
        "{where}: hãy sao lưu và khôi phục cơ sở dữ liệu PostgreSQL bằng pg_dump và"
        " pg_restore (xem README, mục 'A shared database for a team')",
        "{where}: back up and restore a PostgreSQL database with pg_dump and pg_restore"
        " (see the README, 'A shared database for a team')",
    ),
    # reminders: options and settings
    "err.cli.send_or_eml": (
        "chỉ dùng --send hoặc --eml DIR, không dùng cả hai",
        "give --send or --eml DIR, not both",
    ),
    "err.cli.no_sender": (
        "chưa có địa chỉ người gửi: hãy khai báo `from` trong mục [smtp] của {path},"
        " hoặc đặt biến BMNN_SMTP_FROM",
        "no sender address: set `from` [smtp] in {path}, or BMNN_SMTP_FROM",
    ),
    "err.cli.no_smtp_host": (
        "chưa có máy chủ SMTP: hãy khai báo `host` trong mục [smtp] của {path},"
        " hoặc đặt biến BMNN_SMTP_HOST",
        "no SMTP server: set `host` [smtp] in {path}, or BMNN_SMTP_HOST",
    ),
    # reminders: the SMTP server
    "err.cli.smtp_ascii": (
        "tên đăng nhập hoặc mật khẩu SMTP có ký tự ngoài bảng mã ASCII (như chữ có dấu)"
        " nên không gửi được tới máy chủ; hãy dùng mật khẩu chỉ gồm ký tự ASCII",
        "the SMTP user name or password has non-ASCII characters, which the SMTP "
        "client cannot send; use an ASCII password",
    ),
    "err.cli.smtp_login": (
        "máy chủ SMTP từ chối đăng nhập bằng tài khoản {user!r}: {reply}",
        "the server refused the login for {user!r}: {reply}",
    ),
    "err.cli.smtp_unusable": (
        "không sử dụng được máy chủ SMTP {host}:{port} ({security}): {error}",
        "cannot use the SMTP server {host}:{port} ({security}): {error}",
    ),
    # reminders: what a run could not do
    "err.cli.not_delivered": (
        "{failed}/{total} thư nhắc hạn chưa gửi được: {names}{more}; các thư này chưa được"
        " ghi nhận và sẽ được gửi lại ở lần chạy sau",
        "{failed} of {total} reminder messages were not delivered: {names}{more}; they were"
        " not recorded and will be retried on the next run",
    ),
    "err.cli.and_more": (" và {count} cơ quan khác", " and {count} more"),
    "err.cli.no_addresses": (
        "không gửi được thư nhắc hạn nào: {count} thư đã đến lượt gửi nhưng không cơ quan"
        " nào trong phạm vi lần chạy này có địa chỉ thư điện tử trong danh mục cơ quan"
        " (xem cảnh báo ở trên)",
        "no reminder could be sent: {count} message(s) are due, but no agency within this"
        " run's scope has an e-mail address in the agency registry (see the warning above)",
    ),
    "err.cli.addresses_refused": (
        "máy chủ từ chối một số địa chỉ (các địa chỉ còn lại đã nhận thư): {names}",
        "the server refused some addresses (the other ones got it): {names}",
    ),
    "err.cli.not_recorded": (
        "{error}; thư nhắc hạn tới {agency} đã được gửi nhưng không ghi nhận được vào"
        " cơ sở dữ liệu, nên có thể bị gửi lại ở lần chạy sau",
        "{error}; the reminder to {agency} went out but could not be recorded,"
        " so it may go out again next run",
    ),
}
