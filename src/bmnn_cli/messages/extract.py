"""What `bmnn extract` writes for the person who reviews a draft plan file.

The header of the draft, the items read as not tasks and why, the
"# review:" comments (what must be checked by hand) and the notes the
extractor writes into a task's `note`. Comments are not data: the draft
loads, imports and compares (`bmnn extract --check`) the same in either
language.
"""

from __future__ import annotations

from typing import Final

# key: (Vietnamese, English)
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # the header of the draft, one "# " comment per line
    "extract.preamble": (
        "Bản nháp tệp kế hoạch do `bmnn extract` lập từ {name}.\n"
        "Đối chiếu bản nháp với văn bản, trước hết là những chỗ có chú thích soát\n"
        "lại (# review:), rồi nhập bằng `bmnn import`. Tiêu đề (title) là câu đầu\n"
        "tiên của từng mục, có thể rút gọn tùy ý. `source_line` là dòng của văn\n"
        "bản nơi nhiệm vụ bắt đầu.",
        "Draft plan file written by `bmnn extract` from {name}.\n"
        "Check it against the document, the review comments first, then import it\n"
        "with `bmnn import`. Titles are the items' first sentences: shorten them at\n"
        "will. `source_line` is the line of the document where a task starts.",
    ),
    # items read as not tasks, listed under the header
    "extract.skipped_heading": (
        "Các mục được coi là không phải nhiệm vụ (kiểm tra lại để không bỏ sót):",
        "Read as not tasks (check that none of them is one):",
    ),
    "extract.skipped_item": (
        "{code} (dòng {line}): {reason}",
        "{code} (line {line}): {reason}",
    ),
    "extract.skipped.purposes": (
        "mục đích, yêu cầu, không phải nhiệm vụ",
        "purposes and requirements, not tasks",
    ),
    "extract.skipped.no_agency": (
        "không nêu cơ quan chịu trách nhiệm thực hiện",
        "names no answerable agency",
    ),
    "extract.skipped.no_agency_deadline": (
        "không nêu cơ quan chịu trách nhiệm thực hiện (thời hạn {phrase!r})",
        "names no answerable agency (deadline {phrase!r})",
    ),
    "extract.skipped.no_lead_field": (
        "các trường thông tin của mục không nêu cơ quan chủ trì",
        "its fields name no lead agency",
    ),
    # notes written into a task's `note` (shown by `bmnn show` under "Ghi chú")
    "extract.note.vague_support": (
        "Cơ quan phối hợp chỉ được nêu chung chung (các cơ quan, đơn vị …): "
        "không liệt kê cơ quan nào.",
        "Coordinating agencies named only vaguely (các cơ quan, đơn vị …): none listed.",
    ),
    "extract.note.locality": (
        '"địa phương" được hiểu là các xã, phường ({agency}).',
        '"địa phương" read as the communes and wards ({agency}).',
    ),
    "extract.note.no_deadline": (
        "Văn bản không nêu thời hạn; coi là nhiệm vụ thường xuyên.",
        "No deadline in the document; treated as a continuous duty.",
    ),
    # "# review:" comments on the plan
    "review.no_year": (
        "văn bản không ghi năm; tạm lấy year = {year}",
        "the document gives no year; year = {year} assumed",
    ),
    "review.year_from_deadlines": (
        "năm {year} được xác định từ các thời hạn (văn bản không có dòng ngày tháng)",
        "year {year} read from the deadlines (no date line)",
    ),
    "review.no_registry": (
        "chưa có danh mục cơ quan: tên cơ quan được giữ nguyên văn; hãy dùng "
        "--registry hoặc nhập danh mục cơ quan của tỉnh, rồi trích xuất lại",
        "no agency registry: every agency is kept as written; give --registry or "
        "import the province's registry, then extract again",
    ),
    "review.no_province": (
        "phần đầu văn bản không ghi tên tỉnh; hãy điền province trong [plan]",
        "the province is not named in the header; set [plan] province",
    ),
    "review.other_province": (
        "văn bản ghi tỉnh {named!r}, còn danh mục cơ quan là của tỉnh {registry!r}",
        "the document names the province {named!r}, the registry is {registry!r}",
    ),
    "review.no_number": (
        'không có dòng "Số: …": để trống number',
        'no "Số: …" line: number left empty',
    ),
    "review.blank_number": (
        "văn bản để trống số hiệu (bản dự thảo)",
        "the number is left blank in the document (a draft)",
    ),
    "review.no_issued": (
        'không có đủ ngày ban hành ("ngày … tháng … năm …"): bỏ trống issued',
        'no full date of issue ("ngày … tháng … năm …"): issued left out',
    ),
    "review.no_title": (
        'không tìm thấy tên kế hoạch sau dòng "KẾ HOẠCH": hãy ghi title',
        'no title found after "KẾ HOẠCH": write the title',
    ),
    "review.plan_exists": (
        "kế hoạch {code!r} ({title}) đã được nhập: nhập tệp này sẽ thay thế kế "
        "hoạch đó; hãy đặt mã khác (--id)",
        "a plan {code!r} ({title}) is already imported: importing "
        "this file would replace it; give another id (--id)",
    ),
    # "# review:" comments on a task
    "review.same_number": (
        "văn bản đánh cùng số {code} cho hai mục; mục này đã được đổi mã",
        "the document numbers two items {code}; renamed",
    ),
    "review.unmatched_no_registry": (
        "{name!r}: chưa đối chiếu được (chưa có danh mục cơ quan)",
        "{name!r}: not matched (no registry)",
    ),
    "review.not_in_registry": (
        "{name!r} không có trong danh mục cơ quan của {province}: hãy bổ sung "
        "vào danh mục (hoặc sửa lại tên) trước khi nhập",
        "{name!r} is not in the registry of {province}: add "
        "it there (or correct the name) before importing",
    ),
    "review.split": (
        "{code} có {count} thời hạn; đã tách thành {codes} (chữ cái do bmnn extract thêm vào)",
        "{code} holds {count} deadlines; split into {codes} (letters added by bmnn extract)",
    ),
    "review.locality": (
        '"địa phương" được hiểu là {agency}',
        '"địa phương" read as {agency}',
    ),
    "review.no_deadline": (
        "không tìm thấy thời hạn; ghi là nhiệm vụ thường xuyên",
        "no deadline found; written as a continuous duty",
    ),
    "review.deadlines_together": (
        "nhiều thời hạn trong cùng một vế câu, được hiểu chung: {phrases}",
        "several deadlines in one clause, read together: {phrases}",
    ),
    "review.also_says": (
        "văn bản còn ghi {phrases}",
        "the text also says {phrases}",
    ),
    "review.deadline_unread": (
        "không đọc hết được cụm từ thời hạn {phrase!r} (phần không hiểu được: "
        "{unread!r}); hãy tự ghi [[tasks.schedule]]",
        "cannot fully read the deadline {phrase!r} (not understood: "
        "{unread!r}); write [[tasks.schedule]] by hand",
    ),
    "review.no_period": (
        '"định kỳ" không nêu kỳ; được hiểu là hằng năm, hạn theo yearly_due',
        '"định kỳ" gives no period; read as yearly, due on yearly_due',
    ),
}
