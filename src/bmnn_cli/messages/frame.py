"""Click's frame said again (bmnn_cli.frame): the sentences of Typer's Click not in `officer`."""

from __future__ import annotations

from typing import Final

# key: (Vietnamese, English); English as Click says it.
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    "click.not_in_range": (
        "{value} nằm ngoài khoảng cho phép: {rest}.",
        "{value} is not in the range {rest}.",
    ),
    "click.range.from": ("từ {low} trở lên", "x>={low}"),
    "click.range.above": ("lớn hơn {low}", "x>{low}"),
    "click.range.to": ("không quá {high}", "x<={high}"),
    "click.range.below": ("nhỏ hơn {high}", "x<{high}"),
    "click.range.between": ("từ {low} đến {high}", "{low}<=x<={high}"),
    "click.not_boolean": (
        "{value} không phải giá trị có/không; các giá trị nhận được: {rest}",
        "{value} is not a valid boolean. Recognized values: {rest}",
    ),
    "click.not_date_format": (
        "{value} không khớp các dạng {rest}.",
        "{value} does not match the formats {rest}.",
    ),
    "click.missing_command": ("Thiếu lệnh.", "Missing command."),
    "click.choose_from": ("Chọn một trong:{rest}", "Choose from:{rest}"),
    "click.arg_takes": (
        "Tham số {name} nhận {count} giá trị.",
        "Argument {name} takes {count} values.",
    ),
    "click.takes": (
        "Cần {count} giá trị nhưng có {value}.",
        "{count} values are required, but {value} given.",
    ),
    "click.not_iterable": ("Giá trị phải là một dãy.", "Value must be an iterable."),
    "click.file_open": ("Không mở được tệp {name}: {rest}", "Could not open file {name}: {rest}"),
    "click.unknown_error": ("lỗi không rõ", "unknown error"),
    "click.path_missing": ("{kind} {name} không tồn tại.", "{kind} {name} does not exist."),
    "click.path_is_file": ("{kind} {name} là một tệp.", "{kind} {name} is a file."),
    "click.path_is_folder": ("{kind} {name} là một thư mục.", "{kind} {name} is a directory."),
    "click.path_cannot": ("{kind} {name}: không {what} được.", "{kind} {name} is not {what}."),
    "click.kind.file": ("Tệp", "File"),
    "click.kind.directory": ("Thư mục", "Directory"),
    "click.kind.path": ("Đường dẫn", "Path"),
    "click.can.readable": ("đọc", "readable"),
    "click.can.writable": ("ghi", "writable"),
    "click.can.executable": ("chạy", "executable"),
}
