"""Why a TOML file does not parse, in the words of Python's `tomllib`, translated.

The English texts are exactly tomllib's (Python 3.11), so that English output
reads as before; `domain.toml_errors` matches an error against them.
"""

from __future__ import annotations

from typing import Final

# key: (Vietnamese, English)
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    "toml.overwrite": ("không thể ghi đè một giá trị đã có", "Cannot overwrite a value"),
    "toml.escape_scalar": (
        "ký tự thoát không phải là ký tự Unicode hợp lệ",
        "Escaped character is not a Unicode scalar value",
    ),
    "toml.expected_equals": (
        "thiếu dấu '=' sau tên khóa",
        "Expected '=' after a key in a key/value pair",
    ),
    "toml.expected_bracket": (
        "thiếu dấu ']' ở cuối tên bảng",
        "Expected ']' at the end of a table declaration",
    ),
    "toml.expected_brackets": (
        "thiếu ']]' ở cuối tên mảng bảng",
        "Expected ']]' at the end of an array declaration",
    ),
    "toml.expected_newline": (
        "sau mỗi khai báo phải xuống dòng",
        "Expected newline or end of document after a statement",
    ),
    "toml.invalid_date": ("ngày hoặc thời điểm không hợp lệ", "Invalid date or datetime"),
    "toml.invalid_hex": ("mã thập lục phân không hợp lệ", "Invalid hex value"),
    "toml.invalid_key_start": (
        "tên khóa bắt đầu bằng ký tự không hợp lệ",
        "Invalid initial character for a key part",
    ),
    "toml.invalid_statement": ("câu khai báo không hợp lệ", "Invalid statement"),
    "toml.invalid_value": (
        "giá trị không hợp lệ (văn bản phải đặt trong dấu ngoặc kép)",
        "Invalid value",
    ),
    "toml.unclosed_array": ("mảng chưa đóng bằng dấu ']'", "Unclosed array"),
    "toml.unclosed_inline": ("bảng viết trên một dòng chưa được đóng", "Unclosed inline table"),
    "toml.unescaped_backslash": (
        "dấu '\\' trong chuỗi phải viết là '\\\\'",
        "Unescaped '\\' in a string",
    ),
    "toml.unterminated": ("chuỗi chưa đóng dấu ngoặc kép", "Unterminated string"),
    "toml.declared_twice": ("{name} được khai báo hai lần", "Cannot declare {name} twice"),
    "toml.immutable": (
        "không thể bổ sung vào {name} đã khai báo trọn trên một dòng",
        "Cannot mutate immutable namespace {name}",
    ),
    "toml.redefine": ("không thể khai báo lại {name}", "Cannot redefine namespace {name}"),
    "toml.duplicate_inline": (
        "khóa {name} bị lặp trong bảng trên một dòng",
        "Duplicate inline table key {name}",
    ),
    "toml.found_invalid": ("gặp ký tự không hợp lệ {name}", "Found invalid character {name}"),
    "toml.illegal": (
        "ký tự không hợp lệ {name} (chuỗi chưa đóng dấu ngoặc kép?)",
        "Illegal character {name}",
    ),
}
