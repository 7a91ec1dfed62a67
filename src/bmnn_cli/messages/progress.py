"""Descriptions of the progress bars of long work (bmnn_cli.progress)."""

from __future__ import annotations

from typing import Final

# key: (Vietnamese, English)
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    "progress.import": ("Nhập kế hoạch", "Importing"),
    "progress.extract_pages": ("Đọc các trang", "Reading pages"),
    "progress.extract": ("Đọc các nhiệm vụ", "Reading tasks"),
}
