"""Errors about hostile or clumsy input and faults of the machine.

Files that are not regular files, archives that inflate too far, output
files that must not be overwritten, a full disk, control characters and
e-mail addresses that cannot be addresses, runs that must not overlap.
"""

from __future__ import annotations

from typing import Final

# key: (Vietnamese, English)
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # reading an input file
    "err.hostile.too_big": (
        "tệp lớn hơn {limit}, mức tối đa bmnn đọc",
        "the file is larger than {limit}, the most bmnn reads",
    ),
    "err.hostile.symlink_loop": (
        "liên kết tượng trưng trỏ vòng (hoặc quá nhiều tầng liên kết)",
        "a loop of symbolic links (or too many levels of links)",
    ),
    "err.hostile.folder": ("đây là thư mục, không phải tệp", "is a folder, not a file"),
    "err.hostile.fifo": (
        "đây là đường ống (FIFO), không phải tệp thường; hãy lưu nội dung vào một tệp",
        "is a pipe (FIFO), not a regular file; save the content to a file",
    ),
    "err.hostile.device": (
        "đây là tệp thiết bị, không phải tệp thường",
        "is a device, not a regular file",
    ),
    "err.hostile.not_regular": ("không phải tệp thường", "is not a regular file"),
    "err.hostile.binary_csv": (
        "tệp chứa dữ liệu nhị phân, không phải tệp văn bản CSV",
        "binary data, not a CSV text file",
    ),
    "err.hostile.unreadable": ("không đọc được tệp: {error}", "cannot read the file: {error}"),
    "err.hostile.bad_archive": (
        "không đọc được tệp nén (.docx): {error}",
        "cannot read the archive (.docx): {error}",
    ),
    "err.hostile.zip_member": (
        "phần {member} của tệp nén giải nén ra {size} byte, vượt mức {limit} byte "
        "(tệp có thể là bom nén)",
        "part {member} of the archive unpacks to {size} bytes, beyond the limit of "
        "{limit} (the file may be a zip bomb)",
    ),
    # writing an output file
    "err.hostile.output_symlink": (
        "{path} là liên kết tượng trưng; bmnn không ghi qua liên kết (để không sửa một tệp "
        "ở nơi khác); hãy chọn tên tệp khác",
        "{path} is a symbolic link; bmnn does not write through links (that would change "
        "a file elsewhere); choose another name",
    ),
    "err.hostile.output_not_regular": (
        "{path} không phải tệp thường; bmnn không ghi vào đó",
        "{path} is not a regular file; bmnn does not write to it",
    ),
    "err.hostile.output_exists": (
        "{path} đã có; thêm --force để ghi đè",
        "{path} exists already; add --force to overwrite it",
    ),
    "err.hostile.disk_full": (
        "không ghi được {path}: ổ đĩa đầy; tệp cũ (nếu có) vẫn nguyên vẹn",
        "cannot write {path}: the disk is full; the file that was there (if any) is intact",
    ),
    "err.hostile.stdout": ("đầu ra chuẩn", "standard output"),
    "err.hostile.disk_full_stdout": (
        "không ghi được đầu ra chuẩn: ổ đĩa đầy; tệp nhận kết quả (nếu có) chưa đủ nội dung",
        "cannot write standard output: the disk is full; the file receiving it (if any) "
        "is incomplete",
    ),
    # what one plan may generate
    "err.hostile.plan_too_long": (
        "kế hoạch {plan} (năm {year}) sẽ phải tính nghĩa vụ đến năm {through}, quá {limit} "
        "năm; hãy kiểm tra năm của kế hoạch",
        "plan {plan} (of {year}) would owe obligations through {through}, more than {limit} "
        "years; check the plan's year",
    ),
    "err.hostile.plan_too_big": (
        "kế hoạch {plan} sẽ tạo hơn {limit} nghĩa vụ (đến năm {through}); không ghi gì; "
        "hãy kiểm tra các năm from/until trong lịch của các nhiệm vụ",
        "plan {plan} would make more than {limit} obligations (through {through}); nothing "
        "was written; check the from/until years of its schedules",
    ),
    # the secrecy stamp
    "err.hostile.classified_part": (
        "{path}: văn bản có dấu độ mật {mark!r} (trong {part}: đầu trang, chân trang, hộp "
        "văn bản hoặc bảng); bmnn chỉ lưu thông tin về nghĩa vụ, không lưu nội dung tài "
        "liệu mật. Nếu văn bản không phải tài liệu mật, hãy dùng --allow-classified",
        "{path}: the document bears the classification mark {mark!r} (in {part}: a header, "
        "footer, text box or table); bmnn keeps metadata about obligations, never the "
        "content of secret documents. If it is not secret, pass --allow-classified",
    ),
    "err.hostile.folder_read_only": (
        "{where}: thư mục chứa cơ sở dữ liệu chỉ đọc; SQLite cần tạo các tệp -wal và -shm "
        "bên cạnh ngay cả khi chỉ đọc: hãy cho phép ghi vào thư mục (hoặc chép cơ sở dữ "
        "liệu sang nơi khác)",
        "{where}: the database's folder is read-only; SQLite must create the -wal and -shm "
        "files beside it even to read: make the folder writable (or copy the database "
        "elsewhere)",
    ),
    # backups
    "err.hostile.backup_of_damaged": (
        "{path}: cơ sở dữ liệu bị hỏng ({status}); không tạo bản sao lưu (bản sao sẽ hỏng "
        "như vậy); hãy chạy bmnn check và khôi phục từ một bản sao lưu tốt",
        "{path}: the database is damaged ({status}); no backup written (it would be as "
        "damaged); run bmnn check and restore a good backup",
    ),
    # control characters and e-mail headers
    "err.hostile.control_char": (
        "{where}: trường {field!r} chứa ký tự điều khiển U+{char:04X} (không phải chữ; "
        "trên màn hình nó có thể xóa màn hình hay giả liên kết); hãy xóa ký tự đó",
        "{where}: field {field!r} holds the control character U+{char:04X} (not text; "
        "a terminal would act on it); remove it",
    ),
    "err.hostile.csv_column": ("cột {column}", "column {column}"),
    "err.hostile.control_arg": (
        "giá trị '{value}' trên dòng lệnh chứa ký tự điều khiển U+{char:04X}; hãy gõ lại "
        "giá trị đó",
        "the command-line value '{value}' holds the control character U+{char:04X}; type it again",
    ),
    "err.hostile.bad_name": (
        "cơ quan {agency!r}: tên {name!r} không dùng được làm tên người nhận thư "
        "(chứa mã hóa kiểu =?…?= hoặc ký tự xuống dòng)",
        "agency {agency!r}: the name {name!r} cannot be a mail recipient's name "
        "(it holds an =?…?= encoded word or a line break)",
    ),
    "err.hostile.bad_email": (
        "cơ quan {agency!r}: {address!r} không phải một địa chỉ thư điện tử; mỗi địa chỉ "
        'là một mục riêng trong emails = ["a@x.vn", "b@x.vn"]',
        "agency {agency!r}: {address!r} is not one e-mail address; give each address as "
        'its own item: emails = ["a@x.vn", "b@x.vn"]',
    ),
    "err.hostile.bad_sender": (
        "người gửi {sender!r} ({origin}) không phải một địa chỉ thư điện tử "
        "(dạng pa@congan.example hoặc Tên <pa@congan.example>)",
        "the sender {sender!r} ({origin}) is not an e-mail address "
        "(pa@police.example or Name <pa@police.example>)",
    ),
    "err.hostile.bad_recipient": (
        "{address!r} không phải một địa chỉ thư điện tử",
        "{address!r} is not an e-mail address",
    ),
    "remind.taken": (
        "{agency}: {count} nhắc hạn đã được một lượt gửi khác nhận gửi; lượt này bỏ qua",
        "{agency}: {count} reminder(s) taken by another sending run; left to it",
    ),
    "err.hostile.unsafe_header": (
        "thư tạo ra có tiêu đề không an toàn ({header}); không gửi",
        "the message built has an unsafe header ({header}); not sent",
    ),
}
