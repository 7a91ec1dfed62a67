"""The help of every command, option and argument, and Click's frame around it.

`help.COMMAND` is a command's help, `help.COMMAND.PARAM` one of its options or
arguments, `help.opt.NAME` an option shared by several commands (cli.common and
the modules' `…Opt` types), `help.frame.*` the words Click writes around them.
The commands carry only these keys; `frame.translate_help` puts the texts in.
"""

from __future__ import annotations

from typing import Final

# key: (Vietnamese, English)
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # the command reference, docs/cli.md and docs/cli.en.md (bmnn_cli.reference)
    "help.reference.head": (
        "# Tra cứu lệnh bmnn\n"
        "\n"
        "Lập từ `--help` của từng lệnh bằng `python -m bmnn_cli.reference docs/cli.md`;\n"
        "một kiểm thử báo lỗi khi tệp này và phần hướng dẫn không khớp nhau. Thông báo,\n"
        "bảng và hướng dẫn mặc định bằng tiếng Việt; bản tiếng Anh (`--lang en`): cli.en.md.",
        "# bmnn command reference\n"
        "\n"
        "Made from each command's `--help` by `python -m bmnn_cli.reference docs/cli.md`;\n"
        "a test fails when this file and the help disagree. Messages, tables and help\n"
        "speak Vietnamese by default (cli.md); this is the English (`--lang en`).",
    ),
    # Click's frame
    "help.frame.options": ("Tùy chọn", "Options"),
    "help.frame.arguments": ("Tham số", "Arguments"),
    "help.frame.commands": ("Lệnh", "Commands"),
    "help.frame.help_option": ("Xem hướng dẫn này rồi thoát.", "Show this message and exit."),
    "help.frame.default": ("mặc định: {default}", "default: {default}"),
    "help.frame.required": ("bắt buộc", "required"),
    "help.frame.env_var": ("biến môi trường: {var}", "env var: {var}"),
    "help.frame.kind.str": ("giá trị", "str"),
    "help.frame.kind.path": ("đường dẫn", "path"),
    "help.frame.kind.file": ("tệp", "file"),
    "help.frame.kind.int": ("số", "int"),
    "help.frame.kind.float": ("số", "float"),
    "help.frame.kind.int_range": ("số", "int range"),
    "help.frame.kind.float_range": ("số", "float range"),
    # the placeholders of our own options' values
    "help.meta.date": ("NGÀY", "DATE"),
    "help.meta.format": ("ĐỊNH_DẠNG", "FORMAT"),
    "help.meta.dir": ("THƯ_MỤC", "DIR"),
    "help.meta.ics": ("TỆP.ics", "FILE.ics"),
    "help.meta.quarter": ("QUÝ", "Q"),
    "help.meta.file": ("TỆP", "FILE"),
    "help.meta.db": ("TỆP|URL", "FILE|URL"),
    "help.meta.lang": ("NGÔN_NGỮ", "LANG"),
    "help.meta.document": ("VĂN_BẢN", "DOCUMENT"),
    "help.meta.plan": ("KẾ_HOẠCH", "PLAN"),
    "help.meta.task": ("NHIỆM_VỤ", "TASK"),
    "help.meta.agency": ("CƠ_QUAN", "AGENCY"),
    "help.meta.year": ("NĂM", "YEAR"),
    "help.meta.phrase": ("CỤM_TỪ", "PHRASE"),
    "help.meta.shell": ("LOẠI_SHELL", "SHELL"),
    "help.frame.options_metavar": ("[TÙY CHỌN]", "[OPTIONS]"),
    "help.frame.subcommand_metavar": ("LỆNH [THAM SỐ]...", "COMMAND [ARGS]..."),
    "help.bmnn": (
        (
            "Theo dõi cơ quan nào còn nợ việc gì theo các kế hoạch bảo vệ bí mật nhà nước "
            "của tỉnh.\n"
            "\n"
            "Nhập kế hoạch (bmnn import plan.toml), ghi nhận văn bản các cơ quan gửi về "
            "(bmnn submit), rồi hỏi: bmnn overdue, bmnn due --within 7d, bmnn status, bmnn "
            "report --quarter 3."
        ),
        (
            "Track who owes what under a province's plans on protecting state secrets (bảo "
            "vệ bí mật nhà nước).\n"
            "\n"
            "Import a plan (bmnn import plan.toml), record what agencies send (bmnn submit), "
            "and ask: bmnn overdue, bmnn due --within 7d, bmnn status, bmnn report --quarter "
            "3."
        ),
    ),
    "help.agencies": (
        (
            "Liệt kê các cơ quan trong danh mục, kèm tên viết tắt và nhóm.\n"
            "\n"
            'Ví dụ: bmnn agencies --group "UBND các xã, phường"'
        ),
        (
            "List the agencies of the registry, with their short names and groups.\n"
            "\n"
            'Example: bmnn agencies --group "UBND các xã, phường"'
        ),
    ),
    "help.agency": (
        (
            "Toàn cảnh một cơ quan, qua mọi kế hoạch: việc phải làm, đã gửi, được miễn.\n"
            "\n"
            "Mọi nghĩa vụ với tình trạng tính đến --as-of; các văn bản đã gửi kèm số/ký\n"
            "hiệu; các lần miễn; yêu cầu đột xuất và sự kiện gửi tới cơ quan; thư nhắc đã\n"
            "gửi (đợt, ngày, địa chỉ); thông tin liên hệ.\n"
            "\n"
            'Ví dụ: bmnn agency "Sở Tài chính" --as-of 31/10/2026'
        ),
        (
            "One agency's whole picture, across plans: what it owes, sent, was excused from.\n"
            "\n"
            "Every obligation with its status as of --as-of; its submissions with\n"
            "their references; waivers; requests and events addressed to it;\n"
            "reminders sent (stage, date, addresses); its contacts.\n"
            "\n"
            'Example: bmnn agency "Sở Tài chính" --as-of 31/10/2026'
        ),
    ),
    "help.agency.name": (
        "Cơ quan: mã, tên hoặc tên viết tắt.",
        "The agency: id, name or short name.",
    ),
    "help.amend": (
        (
            "Sửa một văn bản đã ghi nhận; bản ghi cũ vẫn được giữ, đánh dấu đã được sửa.\n"
            "\n"
            "Chỉ thay đổi những gì được nêu: --date, --ref, --note (ít nhất một); phần\n"
            "còn lại của bản ghi giữ nguyên.\n"
            "\n"
            'Ví dụ: bmnn amend -t IV.1.a -a "Sở Tài chính" --ref 13/KH-STC --reason "sửa số '
            'ký hiệu"'
        ),
        (
            "Correct a recorded submission; the earlier record is kept, marked superseded.\n"
            "\n"
            "Only what is given changes: --date, --ref, --note (at least one); the\n"
            "rest of the record stays as it was.\n"
            "\n"
            'Example: bmnn amend -t IV.1.a -a "Sở Tài chính" --ref 13/KH-STC --reason "sửa '
            'số ký hiệu"'
        ),
    ),
    "help.amend.note": (
        "Ghi chú đã sửa; mặc định: giữ nguyên.",
        "Corrected note; default: unchanged.",
    ),
    "help.amend.reason": (
        "Lý do sửa.",
        "Why the record is corrected.",
    ),
    "help.amend.ref": (
        "Số/ký hiệu đã sửa; mặc định: giữ nguyên.",
        "Corrected number/symbol; default: unchanged.",
    ),
    "help.backup": (
        (
            "Ghi một bản sao lưu nhất quán của cơ sở dữ liệu, an toàn cả khi người khác đang "
            "ghi.\n"
            "\n"
            "Dùng cơ chế sao lưu trực tuyến của SQLite vào một tệp tạm, rồi đổi tên tệp."
        ),
        (
            "Write a consistent copy of the database, safe while others are writing.\n"
            "\n"
            "Uses SQLite's online backup API into a temporary file, then renames it."
        ),
    ),
    "help.backup.file": (
        "Nơi ghi bản sao lưu.",
        "Where to write the backup.",
    ),
    "help.bmnn.db": (
        "Tệp cơ sở dữ liệu (nếu không có: $BMNN_DB, rồi tệp mặc định của người dùng).",
        "Database file (else $BMNN_DB, else the per-user default).",
    ),
    "help.bmnn.lang": (
        "Ngôn ngữ giao diện: vi (mặc định) hoặc en; hoặc đặt $BMNN_LANG.",
        "Interface language: vi (default) or en; also $BMNN_LANG.",
    ),
    "help.bmnn.version": (
        "In số phiên bản.",
        "Print the version.",
    ),
    "help.calendar": (
        (
            "Lịch làm việc đang áp dụng: ngày nghỉ, ngày làm bù, nguồn của từng ngày.\n"
            "\n"
            "Các ngày nghỉ do Chính phủ công bố (kèm thông báo) có sẵn trong bmnn, bổ sung\n"
            "cho các ngày lễ theo Bộ luật Lao động; năm chưa công bố được ghi là dự kiến.\n"
            "Các ngày nghỉ và ngày làm việc tỉnh bổ sung trong danh mục cơ quan được liệt\n"
            "kê kèm tên tỉnh.\n"
            "\n"
            "Ví dụ: bmnn calendar 2026"
        ),
        (
            "The working calendar in force: days off, make-up working days, the source of "
            "each.\n"
            "\n"
            "The Government's announced days (with their notice) come with bmnn as\n"
            "data, over the Labor Code's holidays; a year not yet announced is shown\n"
            "as projected (dự kiến). The days off and working days a province adds in\n"
            "its registry are listed with the province.\n"
            "\n"
            "Example: bmnn calendar 2026"
        ),
    ),
    "help.calendar.year": (
        "Năm; mặc định năm hiện tại.",
        "Year; default the current one.",
    ),
    "help.cancel": (
        (
            "Hủy một yêu cầu đột xuất hoặc sự kiện ghi nhầm, cùng các nghĩa vụ nó đã tạo ra.\n"
            "\n"
            "Không hủy được khi đã có việc ghi nhận cho các nghĩa vụ đó (văn bản đã gửi,\n"
            "miễn, thư nhắc đã gửi): hãy hủy văn bản (retract) hoặc thu hồi miễn\n"
            "(unwaive) trước. Không có --ref lẫn --period: yêu cầu hoặc sự kiện duy nhất\n"
            "của nhiệm vụ.\n"
            "\n"
            'Ví dụ: bmnn cancel -t IV.1.b --ref 123/CAT-PA03 --reason "ghi nhầm nhiệm vụ"'
        ),
        (
            "Cancel a request or an event recorded in error, with the obligations it "
            "created.\n"
            "\n"
            "Refused while anything was recorded against those obligations (a\n"
            "submission, a waiver, a reminder sent): retract or unwaive first. With\n"
            "neither --ref nor --period, the task's only request or event.\n"
            "\n"
            'Example: bmnn cancel -t IV.1.b --ref 123/CAT-PA03 --reason "ghi nhầm nhiệm vụ"'
        ),
    ),
    "help.cancel.period": (
        'Hoặc kỳ của nó ("request-3", "yêu cầu số 3").',
        'Or its period ("request-3", "yêu cầu số 3").',
    ),
    "help.cancel.ref": (
        "Số/ký hiệu của văn bản yêu cầu hoặc văn bản về sự kiện.",
        "Number/symbol of the request or event document.",
    ),
    "help.cancel.task": (
        'Mã nhiệm vụ ("IV.1.b") hoặc KẾ_HOẠCH:NHIỆM_VỤ.',
        'Task id ("IV.1.b") or PLAN:TASK.',
    ),
    "help.check": (
        (
            "Kiểm tra tính toàn vẹn và khóa ngoại của cơ sở dữ liệu; mã thoát 1 nếu có lỗi.\n"
            "\n"
            "Dùng cho cron: im lặng khi không có lỗi, liệt kê các lỗi nếu có."
        ),
        (
            "Check the database's integrity and foreign keys; exit 1 if anything is wrong.\n"
            "\n"
            "Meant for cron: silent success, a list of problems otherwise."
        ),
    ),
    "help.completion": (
        (
            "In đoạn mã giúp shell tự điền lệnh, tùy chọn, kế hoạch, nhiệm vụ, cơ quan của "
            "bmnn.\n"
            "\n"
            'bash: thêm  eval "$(bmnn completion bash)"  vào ~/.bashrc;\n'
            'zsh: thêm  eval "$(bmnn completion zsh)"  vào ~/.zshrc (sau compinit);\n'
            "fish: bmnn completion fish > ~/.config/fish/completions/bmnn.fish"
        ),
        (
            "Print the shell code that completes bmnn's commands, options, plans, tasks, "
            "agencies.\n"
            "\n"
            'bash: add  eval "$(bmnn completion bash)"  to ~/.bashrc;\n'
            'zsh: add  eval "$(bmnn completion zsh)"  to ~/.zshrc (after compinit);\n'
            "fish: bmnn completion fish > ~/.config/fish/completions/bmnn.fish"
        ),
    ),
    "help.completion.shell": (
        "Trình shell: bash, zsh hoặc fish.",
        "The shell: bash, zsh or fish.",
    ),
    "help.due": (
        (
            "Liệt kê các nghĩa vụ còn mở sắp đến hạn (tính từ ngày tính, kể cả ngày đó).\n"
            "\n"
            "--by agency (hoặc task) cho mỗi cơ quan (hoặc nhiệm vụ) một dòng với số\n"
            "nghĩa vụ đến hạn; --limit N chỉ hiện N nghĩa vụ đến hạn sớm nhất."
        ),
        (
            "List open obligations falling due soon (from the as-of day, inclusive).\n"
            "\n"
            "--by agency (or task) gives one row each with how many fall due;\n"
            "--limit N shows the N falling due first."
        ),
    ),
    "help.due.within": (
        "Xem trước bao xa: 7d, 14d, 2w.",
        "How far ahead: 7d, 14d, 2w.",
    ),
    "help.event": (
        (
            "Ghi nhận sự kiện làm bắt đầu, định ngày hoặc kết thúc một nhiệm vụ.\n"
            "\n"
            '"Sau khi có văn bản đề nghị …": các nghĩa vụ mới, tính từ ngày liền sau sự\n'
            "kiện (Điều 147 Bộ luật Dân sự): sự kiện ngày 03/03 với --days 10 có hạn\n"
            '13/03. "95 ngày trước bầu cử": nhiệm vụ đến hạn 95 ngày trước --date (sự\n'
            'kiện có thể chưa diễn ra). "… đến khi kết thúc đợt rà soát": nhiệm vụ kết\n'
            "thúc vào --date, đóng lại là không áp dụng (không bao giờ quá hạn).\n"
            "`bmnn cancel` hủy một sự kiện."
        ),
        (
            "Record the event that starts, dates or ends a task's duty.\n"
            "\n"
            '"Sau khi có văn bản đề nghị …": new obligations, counted from the day after\n'
            "the event (Civil Code Art. 147): an event on 03/03 with --days 10 is due\n"
            '13/03. "95 ngày trước bầu cử": the duty falls due 95 days before --date\n'
            '(the event may lie ahead). "… đến khi kết thúc đợt rà soát": the duty ends\n'
            "on --date, closed as not applicable (never overdue). `bmnn cancel` takes\n"
            "an event back."
        ),
    ),
    "help.event.days": (
        "Số ngày được phép kể từ sự kiện.",
        "Days allowed after the event.",
    ),
    "help.event.due": (
        "Hoặc: chính ngày hạn.",
        "Or: the due date itself.",
    ),
    "help.event.ref": (
        "Số/ký hiệu của văn bản khởi đầu sự kiện.",
        "Number/symbol of the document that started it.",
    ),
    "help.explain": (
        (
            "Cho biết một câu chữ về thời hạn được hiểu thế nào: cách tính hạn và các hạn.\n"
            "\n"
            "Hạn được nêu theo văn bản (câu chữ nói gì) và hạn áp dụng (lùi khỏi ngày\n"
            "nghỉ cuối tuần và ngày lễ theo lịch quốc gia, Điều 148 Bộ luật Dân sự).\n"
            'Ví dụ: bmnn explain "trước ngày 30/10 hàng năm" --year 2027'
        ),
        (
            "Show how a deadline phrase is read: its schedule and its due dates.\n"
            "\n"
            "Due dates are given as scheduled (what the phrase says) and effective\n"
            "(moved off weekends and public holidays of the national calendar, Civil\n"
            'Code Art. 148). Example: bmnn explain "trước ngày 30/10 hàng năm" --year 2027'
        ),
    ),
    "help.explain.event": (
        "Ngày của sự kiện hoặc yêu cầu, với các thời hạn tính từ đó.",
        "Day of the event or request, for phrases counted from one.",
    ),
    "help.explain.phrase": (
        'Câu chữ về thời hạn, ví dụ "trước ngày 30/10 hằng năm".',
        'A deadline phrase, e.g. "trước ngày 30/10 hằng năm".',
    ),
    "help.explain.strict": (
        'Hiểu "trước ngày D" là hạn vào ngày liền trước ngày D.',
        'Read "trước ngày D" as due the day before D.',
    ),
    "help.explain.year": (
        "Năm của kế hoạch (mặc định: năm nay).",
        "Plan year (default: this year).",
    ),
    "help.explain.years": (
        "Hiện hạn của bao nhiêu năm.",
        "How many years of due dates to show.",
    ),
    "help.export": (
        (
            "Ghi lại một kế hoạch thành tệp kế hoạch TOML, kèm danh mục cơ quan.\n"
            "\n"
            "Nhập lại tệp đã xuất cho đúng nội dung cơ sở dữ liệu như cũ. Tệp đã có (có\n"
            "thể là một kế hoạch đã rà soát) được giữ nguyên, trừ khi có --force."
        ),
        (
            "Write a plan back as a TOML plan file, with its agency registry inline.\n"
            "\n"
            "Importing the exported file gives the same database content. An existing\n"
            "file (a reviewed plan, perhaps) is kept unless --force."
        ),
    ),
    "help.export.force": (
        "Ghi đè tệp kết quả nếu đã có.",
        "Overwrite the output file if it exists.",
    ),
    "help.export.output": (
        "Tệp cần ghi (- hoặc bỏ trống: in ra màn hình).",
        "File to write (- or none: standard output).",
    ),
    "help.export.plan": (
        "Mã hoặc số văn bản của kế hoạch.",
        "The plan's id or document number.",
    ),
    "help.extract": (
        (
            "Đọc văn bản kế hoạch thành tệp kế hoạch nháp, để rà soát rồi `bmnn import`.\n"
            "\n"
            "Nhiệm vụ giữ đúng số thứ tự trong văn bản và dòng nguồn của nó; cơ quan được\n"
            "đối chiếu với danh mục (cơ quan chưa biết được giữ nguyên văn); thời hạn giữ\n"
            "nguyên câu chữ. Chỗ nào chưa chắc chắn được đánh dấu bằng chú thích\n"
            '"# review:". Với --check, so sánh tệp kế hoạch đã rà soát với một bản trích\n'
            "mới (mã thoát 1 nếu có khác biệt).\n"
            "\n"
            "Ví dụ: bmnn extract plan.txt --registry agencies.toml -o plan.toml"
        ),
        (
            "Read a plan document into a draft plan file, for review and `bmnn import`.\n"
            "\n"
            "Tasks follow the document's numbering and carry their source line;\n"
            "agencies are matched against the registry (unknown ones are kept as\n"
            "written); deadlines keep their phrase as written. Anything uncertain is\n"
            'marked with a "# review:" comment. With --check, compare a reviewed plan\n'
            "file against a fresh extraction instead (exit 1 when they differ).\n"
            "\n"
            "Example: bmnn extract plan.txt --registry agencies.toml -o plan.toml"
        ),
    ),
    "help.extract.allow_classified": (
        "Vẫn đọc văn bản dù có dòng giống dấu độ mật (MẬT …).",
        "Read the document even if a line looks like a secrecy stamp (MẬT …).",
    ),
    "help.extract.check": (
        (
            "Một tệp kế hoạch đã rà soát: liệt kê chỗ khác với bản trích mới; mã thoát 1 nếu "
            "có khác biệt."
        ),
        "A reviewed plan file: list how a fresh extraction differs; exit 1 if it does.",
    ),
    "help.extract.file": (
        "Văn bản kế hoạch: .txt, .docx hoặc .pdf.",
        "The plan document: .txt, .docx or .pdf.",
    ),
    "help.extract.force": (
        "Ghi đè tệp kết quả nếu đã có.",
        "Overwrite the output file if it exists.",
    ),
    "help.extract.output": (
        "Tệp kế hoạch cần ghi; mặc định in ra màn hình.",
        "Plan file to write; default standard output.",
    ),
    "help.extract.plan_id": (
        "Mã kế hoạch cần ghi (mặc định TỈNH-bmnn-NĂM).",
        "Plan id to write (default PROVINCE-bmnn-YEAR).",
    ),
    "help.extract.registry": (
        (
            "Danh mục cơ quan để đối chiếu tên (nếu không có: danh mục trong cơ sở dữ liệu, "
            "của tỉnh ban hành)."
        ),
        (
            "Agency registry to match names against (else the database's, for the province "
            "the document names)."
        ),
    ),
    "help.extract.registry_out": (
        (
            "Nơi ghi bản nháp danh mục cơ quan khi tỉnh ban hành chưa có danh mục (mặc định "
            "cạnh tệp kế hoạch)."
        ),
        (
            "Where to write the draft agency registry when the issuer has none (default: "
            "beside the output, OUTPUT-agencies.toml)."
        ),
    ),
    "help.extract.year": (
        "Năm của kế hoạch, nếu văn bản không nói rõ.",
        "The plan's year, if the text is unclear.",
    ),
    "help.ical": (
        (
            "Xuất các nghĩa vụ thành lịch iCalendar (.ics) cho phần mềm lịch.\n"
            "\n"
            "Mỗi nghĩa vụ một sự kiện cả ngày vào ngày hạn áp dụng, với mã UID giữ nguyên\n"
            "giữa các lần xuất: xuất định kỳ (cron) ra một tệp mà phần mềm lịch đăng ký\n"
            "theo dõi, các sự kiện sẽ được cập nhật tại chỗ. Nghĩa vụ không có ngày\n"
            "(nhiệm vụ thường xuyên) không được đưa vào.\n"
            "\n"
            'Ví dụ: bmnn ical --agency "Sở Tư pháp" -o so-tu-phap.ics'
        ),
        (
            "Export obligations as an iCalendar feed (.ics) for a calendar program.\n"
            "\n"
            "One all-day event per obligation on its effective due date, with a UID\n"
            "that stays the same from one export to the next: export on a schedule\n"
            "(cron) to a file your calendar subscribes to, and events update in place.\n"
            "Obligations without a date (continuous duties) are left out.\n"
            "\n"
            'Example: bmnn ical --agency "Sở Tư pháp" -o so-tu-phap.ics'
        ),
    ),
    "help.ical.open_only": (
        "Chỉ những nghĩa vụ chưa hoàn thành (trong hạn, quá hạn).",
        "Only obligations not yet done (pending, overdue).",
    ),
    "help.ical.output": (
        "Nơi ghi; - để in ra màn hình.",
        "Where to write; - for stdout.",
    ),
    "help.import": (
        (
            "Kiểm tra một kế hoạch (và danh mục cơ quan của nó) rồi lưu lại.\n"
            "\n"
            "Nhập lại cùng kế hoạch thì cập nhật tại chỗ: nhiệm vụ được khớp theo số thứ\n"
            "tự trong văn bản, các văn bản đã ghi nhận cho chúng được giữ nguyên. Những gì\n"
            "thay đổi được liệt kê. Nếu có bất kỳ lỗi nào thì không ghi gì.\n"
            "\n"
            "Ví dụ: bmnn import examples/lao-cai/bmnn-2026.toml"
        ),
        (
            "Validate a plan (and its agency registry) and store it.\n"
            "\n"
            "Importing the same plan again updates it in place: tasks are matched by\n"
            "their number in the document, and submissions recorded against them are\n"
            "kept. What changed is listed. Nothing is written if anything is wrong.\n"
            "\n"
            "Example: bmnn import examples/lao-cai/bmnn-2026.toml"
        ),
    ),
    "help.import.allow_classified": (
        "Vẫn nhập dù có dòng giống dấu độ mật (MẬT, TỐI MẬT, TUYỆT MẬT).",
        "Import even if a line looks like a secrecy stamp (MẬT, TỐI MẬT, TUYỆT MẬT).",
    ),
    "help.import.dry_run": (
        "Kiểm tra và tóm tắt; không ghi gì.",
        "Check and summarise; write nothing.",
    ),
    "help.import.file": (
        "Tệp kế hoạch hoặc danh mục cơ quan (TOML).",
        "A plan file or an agency registry (TOML).",
    ),
    "help.import.force": (
        "Lưu trữ các nhiệm vụ đã bỏ khỏi kế hoạch dù đã có việc được ghi nhận cho chúng.",
        "Archive tasks dropped from the plan even if work was recorded against them.",
    ),
    "help.info": (
        (
            "Cho biết cơ sở dữ liệu đang dùng, do đâu mà chọn, và phiên bản lược đồ.\n"
            "\n"
            "Địa chỉ PostgreSQL được hiện mà không kèm mật khẩu."
        ),
        (
            "Show which database is in use, what chose it, and its schema version.\n"
            "\n"
            "A PostgreSQL URL is shown without its password."
        ),
    ),
    "help.init": (
        (
            "Tạo cơ sở dữ liệu, hoặc cập nhật cơ sở dữ liệu đã có (chạy lại nhiều lần vẫn an "
            "toàn).\n"
            "\n"
            "Cập nhật gồm cả các hạn: sau khi nâng cấp có dữ liệu lịch mới, các hạn được\n"
            "chuyển theo lịch mới ở bước này (có ghi nhật ký), như ở mọi lần ghi."
        ),
        (
            "Create the database, or bring an existing one up to date (safe to repeat).\n"
            "\n"
            "Up to date includes the due dates: after an upgrade that brings new\n"
            "calendar data, they move to it here (with an audit entry), as on any write."
        ),
    ),
    "help.log": (
        (
            "Xem nhật ký thay đổi: mọi thay đổi, lúc nào, do người dùng máy nào và bằng lệnh "
            "gì.\n"
            "\n"
            "Việc nhập kế hoạch, ghi nhận văn bản, sửa, hủy, miễn, yêu cầu đột xuất,\n"
            "sự kiện, khôi phục và thư nhắc đã gửi đều được ghi lại, mới nhất trước."
        ),
        (
            "Show the audit log: every change, when, by which OS user and command.\n"
            "\n"
            "Imports, submissions, amendments, retractions, waivers, requests, events,\n"
            "restores and reminders sent are all recorded, newest first."
        ),
    ),
    "help.log.limit": (
        "Hiện nhiều nhất chừng này mục.",
        "At most this many entries.",
    ),
    "help.log.since": (
        "Chỉ những thay đổi từ ngày này trở đi.",
        "Only changes from this day on.",
    ),
    "help.migrate": (
        (
            "Chép toàn bộ một cơ sở dữ liệu sang nơi khác, ví dụ tệp SQLite của tỉnh sang "
            "PostgreSQL.\n"
            "\n"
            "Hoặc chép hết, hoặc không chép gì: nơi nhận được ghi trong một giao dịch và\n"
            "số dòng của từng bảng được so khớp trước khi xác nhận. Mật khẩu lấy từ biến\n"
            "môi trường (PGPASSWORD) hoặc ~/.pgpass, không bao giờ từ dòng lệnh."
        ),
        (
            "Copy a whole database to another one, such as a province's SQLite file to "
            "PostgreSQL.\n"
            "\n"
            "All or nothing: the destination is filled in one transaction and the row\n"
            "counts of every table are compared before it is committed. The password\n"
            "comes from the environment (PGPASSWORD) or ~/.pgpass, never the command line."
        ),
    ),
    "help.migrate.destination": (
        "Chép sang: postgresql+psycopg://user@host/dbname (còn trống).",
        "Where to: postgresql+psycopg://user@host/dbname (empty).",
    ),
    "help.migrate.source": (
        "Cơ sở dữ liệu cần chép: một tệp SQLite hoặc sqlite:///đường/dẫn.",
        "The database to copy: a SQLite file or sqlite:///path.",
    ),
    "help.opt.agencies": (
        (
            "Cơ quan hoặc nhóm được yêu cầu (có thể nêu nhiều lần); mặc định mọi cơ quan "
            "phải thực hiện."
        ),
        "Addressed agency or group (repeat); default every answerable one.",
    ),
    "help.opt.agency": (
        "Chỉ cơ quan hoặc nhóm này (mã, tên hoặc tên viết tắt).",
        "Only this agency or group (id, name or short name).",
    ),
    "help.opt.agency_req": (
        "Cơ quan (mã, tên hoặc tên viết tắt).",
        "The agency (id, name or short name).",
    ),
    "help.opt.amend_date": (
        "Ngày của văn bản đã sửa; mặc định: giữ nguyên.",
        "Corrected date of the document; default: unchanged.",
    ),
    "help.opt.as_of": (
        ("Tính đến ngày này (27/02/2026 hoặc 2026-02-27); mặc định hôm nay theo giờ Việt Nam."),
        "Answer as of this day (27/02/2026 or 2026-02-27); default today in Vietnam.",
    ),
    "help.opt.by": (
        "Mỗi cơ quan hoặc mỗi nhiệm vụ một dòng, kèm số lượng.",
        "One row per agency or per task, with counts.",
    ),
    "help.opt.config": (
        "Tệp cấu hình (nếu không có: $BMNN_CONFIG, rồi ~/.config/bmnn/config.toml).",
        "Settings file (else $BMNN_CONFIG, else ~/.config/bmnn/config.toml).",
    ),
    "help.opt.date": (
        "Ngày của văn bản; mặc định ngày tính.",
        "Date of the document; default the as-of day.",
    ),
    "help.opt.db": (
        (
            "Tệp cơ sở dữ liệu (nếu không có: $BMNN_DB, rồi tệp mặc định của người dùng; xem "
            "`bmnn info`)."
        ),
        "Database file (else $BMNN_DB, else the per-user default; see `bmnn info`).",
    ),
    "help.opt.force": (
        "Thay cả những gì đã có ở đó.",
        "Replace what is already there.",
    ),
    "help.opt.format": (
        "Định dạng kết quả: table, json, csv, md, html hoặc xlsx.",
        "Output format: table, json, csv, md, html or xlsx.",
    ),
    "help.opt.group": (
        "Chỉ các cơ quan thuộc nhóm này.",
        "Only members of this group of agencies.",
    ),
    "help.opt.headers": (
        (
            "CSV: keys (cho các script, mặc định) hoặc vi: các cột như trong bảng, tiêu đề "
            "tiếng Việt, giá trị như hiển thị, để mở bằng Excel."
        ),
        (
            "CSV: keys (for scripts, the default) or vi: the table's columns under "
            "Vietnamese headings, values as shown, for Excel."
        ),
    ),
    "help.opt.limit": (
        "Nhiều nhất chừng này dòng (gấp nhất trước).",
        "At most this many rows (most urgent).",
    ),
    "help.opt.output": (
        "Ghi ra tệp này thay vì màn hình (bắt buộc với xlsx và html).",
        "Write to this file instead of the screen (needed for xlsx and html).",
    ),
    "help.opt.period": (
        (
            'Kỳ nào ("2026", "2026-Q3", "once", "request-3", hoặc như được liệt kê: "một '
            'lần", "yêu cầu số 3"); mặc định: kỳ còn mở (amend, retract: văn bản ghi nhận '
            "gần nhất)."
        ),
        (
            'Which period ("2026", "2026-Q3", "once", "request-3", or as listed: "một lần", '
            '"yêu cầu số 3"); default: the open one (amend, retract: the latest submission).'
        ),
    ),
    "help.opt.plan": (
        "Chỉ kế hoạch này (mã hoặc số văn bản).",
        "Only this plan (its id or document number).",
    ),
    "help.opt.reason": (
        "Lý do thu hồi (ghi vào nhật ký).",
        "Why it is taken back (audit log).",
    ),
    "help.opt.search": (
        "Chỉ những mục có từ bắt đầu bằng các chữ này (không phân biệt hoa thường, dấu).",
        "Only those whose words start with these (case, accents aside).",
    ),
    "help.opt.task": (
        'Mã nhiệm vụ trong kế hoạch ("IV.1.a"), hoặc KẾ_HOẠCH:NHIỆM_VỤ.',
        'Task id in the plan ("IV.1.a"), or PLAN:TASK.',
    ),
    "help.opt.wide": (
        "Trên màn hình, hiện đủ mọi cột, dù bảng rộng đến đâu.",
        "On a terminal, show every column whole, however wide the table.",
    ),
    "help.overdue": (
        (
            "Liệt kê các nghĩa vụ chưa thực hiện đã quá hạn, quá hạn lâu nhất trước.\n"
            "\n"
            "--by agency (hoặc task) cho mỗi cơ quan (hoặc nhiệm vụ) một dòng với số\n"
            "nghĩa vụ quá hạn; --limit N chỉ hiện N nghĩa vụ quá hạn lâu nhất."
        ),
        (
            "List unmet obligations past their due date, most days late first (quá hạn).\n"
            "\n"
            "--by agency (or task) gives one row each with how many are overdue;\n"
            "--limit N shows the N most days late."
        ),
    ),
    "help.overdue.fail_on_overdue": (
        "Thoát với mã 1 khi có nghĩa vụ quá hạn (dùng cho script).",
        "Exit with code 1 when anything is overdue (for scripts).",
    ),
    "help.plans": (
        "Liệt kê các kế hoạch đã nhập.",
        "List the imported plans.",
    ),
    "help.remind": (
        (
            "Nhắc các cơ quan về nghĩa vụ sắp đến hạn (và nghĩa vụ đã quá hạn).\n"
            "\n"
            "Mỗi cơ quan một thư, bằng tiếng Việt trang trọng (tiếng Anh với --lang en).\n"
            "Không có --send hay --eml thì thư chỉ được hiện ra và không ghi nhận gì.\n"
            "Mỗi đợt nhắc (mặc định 7 ngày trước hạn, 1 ngày trước hạn, đúng ngày đến\n"
            "hạn, rồi hằng tuần khi quá hạn; xem docs/reminders.md) chỉ gửi một lần: cơ\n"
            "sở dữ liệu ghi lại những gì đã gửi, và lần chạy sau một lần bị lỡ sẽ gửi\n"
            "đợt gần nhất đã đến trong lúc đó.\n"
            "\n"
            "Thiết lập SMTP lấy từ tệp cấu hình hoặc các biến BMNN_SMTP_*; mật khẩu chỉ\n"
            "lấy từ BMNN_SMTP_PASSWORD hoặc từ một tệp. Cơ quan chưa có địa chỉ thư điện\n"
            "tử trong danh mục được nêu trong một cảnh báo và không nhận được gì (không\n"
            "ghi nhận gì cho họ) cho đến khi nhập địa chỉ; với --eml, tệp của họ được ghi\n"
            "mà không có người nhận. Mã thoát 7: có thư không gửi được (sẽ gửi lại ở lần\n"
            "chạy sau); 3: có thư đến lượt gửi nhưng không cơ quan nào trong phạm vi có\n"
            "địa chỉ, nên không gửi được gì; 75: đang có một lần chạy khác gửi thư.\n"
            "\n"
            "Ví dụ: bmnn remind --include-overdue --send"
        ),
        (
            "Remind agencies of obligations falling due soon (and overdue ones).\n"
            "\n"
            "One message per agency, in formal Vietnamese (English with --lang en).\n"
            "Without --send or --eml the messages are shown and nothing is recorded.\n"
            "Each reminder stage (by default 7 days before, 1 day before, the due\n"
            "day, then weekly while overdue; see docs/reminders.md) goes out once: a\n"
            "log in the database records what was sent, and a run after a missed one\n"
            "sends the latest stage that fell due meanwhile.\n"
            "\n"
            "SMTP settings come from the config file or BMNN_SMTP_* variables; the\n"
            "password only from BMNN_SMTP_PASSWORD or a file. Agencies without an\n"
            "e-mail address in the registry are listed in a warning and get nothing\n"
            "(nothing is recorded for them) until an address is imported; with --eml\n"
            "their files are written without a recipient. Exit code 7: some messages\n"
            "could not be delivered (they are retried next run); 3: messages were due\n"
            "but no agency in scope has an address, so nothing could be sent; 75:\n"
            "another run is sending.\n"
            "\n"
            "Example: bmnn remind --include-overdue --send"
        ),
    ),
    "help.remind.dry_run": (
        "Cho xem những gì sẽ gửi; không ghi nhận gì.",
        "Show what would go out; record nothing.",
    ),
    "help.remind.eml": (
        "Ghi mỗi cơ quan một tệp .eml vào THƯ_MỤC.",
        "Write one .eml file per agency into DIR.",
    ),
    "help.remind.fmt": (
        "Kết quả: text hoặc json.",
        "Output: text or json.",
    ),
    "help.remind.include_overdue": (
        "Nhắc cả các nghĩa vụ đã quá hạn.",
        "Remind of overdue obligations too.",
    ),
    "help.remind.send": (
        "Gửi thư qua SMTP.",
        "Send the messages by SMTP.",
    ),
    "help.remind.within": (
        ("Chỉ những nghĩa vụ sắp đến hạn trong khoảng này (7d, 2w); mặc định: đợt nhắc sớm nhất."),
        "Only obligations due this soon (7d, 2w); default: the earliest stage.",
    ),
    "help.report": (
        (
            "Báo cáo một quý (hoặc một năm): kết quả từng cơ quan, tổng số, cơ quan chậm "
            "nhất, việc quá hạn.\n"
            "\n"
            "Đếm các nghĩa vụ có hạn rơi vào kỳ báo cáo, với tình trạng tính đến --as-of.\n"
            "--format md cho văn bản Markdown để dán vào báo cáo; --format csv cho bảng\n"
            "theo cơ quan. --format xlsx -o TỆP cho sổ tính Excel (tổng hợp, danh sách\n"
            "quá hạn, mỗi kế hoạch một trang, theo tuần); --format html -o TỆP cho một\n"
            "trang có biểu đồ, mở được khi không có mạng.\n"
            "\n"
            "Ví dụ: bmnn report --quarter 3 --year 2026 --format xlsx -o bao-cao-q3.xlsx"
        ),
        (
            "Report a quarter (or a year): outcome per agency, totals, worst, overdue.\n"
            "\n"
            "Counts the obligations whose due date falls in the period, with their\n"
            "status as of --as-of. --format md gives Markdown to paste into a written\n"
            "report; --format csv gives the per-agency table. --format xlsx -o FILE\n"
            "gives an Excel workbook (summary, overdue list, a sheet per plan, weeks);\n"
            "--format html -o FILE a page with charts that opens without a network.\n"
            "\n"
            "Example: bmnn report --quarter 3 --year 2026 --format xlsx -o bao-cao-q3.xlsx"
        ),
    ),
    "help.report.quarter": (
        "Quý: 1–4 hoặc I–IV.",
        "Quarter: 1–4 or I–IV.",
    ),
    "help.report.year": (
        "Năm; mặc định năm của ngày tính.",
        "Year; default the as-of year.",
    ),
    "help.request": (
        (
            "Ghi nhận một yêu cầu đột xuất (báo cáo đột xuất); yêu cầu tạo ra các nghĩa vụ.\n"
            "\n"
            "Nêu --due hoặc --days, không nêu cả hai. Văn bản đã ghi nhận cho nhiệm vụ\n"
            "(cùng --ref) không được ghi nhận lại.\n"
            "\n"
            "Ví dụ: bmnn request --task IV.1.b --due 15/12/2026 --ref 123/CAT-PA03"
        ),
        (
            "Record an ad-hoc request (báo cáo đột xuất); it creates obligations.\n"
            "\n"
            "Give --due or --days, not both. A document already recorded for the task\n"
            "(same --ref) is not recorded again.\n"
            "\n"
            "Example: bmnn request --task IV.1.b --due 15/12/2026 --ref 123/CAT-PA03"
        ),
    ),
    "help.request.days": (
        "Hoặc: số ngày được phép kể từ ngày yêu cầu.",
        "Or: days allowed after the request.",
    ),
    "help.request.due": (
        "Hạn mà yêu cầu đặt ra.",
        "Due date the request sets.",
    ),
    "help.request.ref": (
        "Số/ký hiệu của văn bản yêu cầu.",
        "Number/symbol of the request document.",
    ),
    "help.restore": (
        (
            "Thay nội dung cơ sở dữ liệu bằng một bản sao lưu (không ghi đè nếu thiếu "
            "--force).\n"
            "\n"
            "Bản sao lưu được kiểm tra trước; bản sao lưu cũ được nâng cấp sau khi khôi phục."
        ),
        (
            "Replace the database's content by a backup (refuses to overwrite without "
            "--force).\n"
            "\n"
            "The backup is checked first; an older backup is upgraded after restoring."
        ),
    ),
    "help.restore.file": (
        "Bản sao lưu do `bmnn backup` tạo ra.",
        "A backup made by `bmnn backup`.",
    ),
    "help.retract": (
        "Hủy một văn bản ghi nhận nhầm; bản ghi vẫn còn trong lịch sử.",
        "Withdraw a submission recorded in error; it stays in the history.",
    ),
    "help.retract.reason": (
        "Lý do hủy.",
        "Why it is withdrawn.",
    ),
    "help.show": (
        (
            "Xem đầy đủ một nhiệm vụ, với nghĩa vụ của từng cơ quan và tình trạng của chúng.\n"
            "\n"
            'NHIỆM_VỤ là mã nhiệm vụ, hoặc các từ trong nội dung ("tập huấn", "tap huan"):\n'
            "nếu chỉ tìm thấy một nhiệm vụ thì hiện nhiệm vụ đó; nếu nhiều thì liệt kê\n"
            "để chọn. Nghĩa vụ đã hoàn thành hiện số/ký hiệu văn bản đã gửi; --agency chỉ\n"
            "giữ nghĩa vụ của một cơ quan (hoặc một nhóm)."
        ),
        (
            "Show one task in full, with each agency's obligations and their status.\n"
            "\n"
            'TASK is its id, or words of its title ("tập huấn", "tap huan"): the one\n'
            "task they find is shown; several are named so that one can be chosen.\n"
            "Each obligation met shows the number/symbol it was met with; --agency\n"
            "keeps one agency's (or one group's) obligations."
        ),
    ),
    "help.show.task": (
        ('Mã nhiệm vụ theo số thứ tự trong kế hoạch ("III.1.2"), hoặc các từ trong nội dung.'),
        'Task id as numbered in the plan ("III.1.2"), or words of its title.',
    ),
    "help.status": (
        (
            "Theo từng cơ quan: nghĩa vụ đã đến hạn, hoàn thành đúng hạn, hoàn thành quá "
            "hạn, quá hạn chưa gửi, trong hạn.\n"
            "\n"
            "Tỷ lệ đúng hạn là số hoàn thành đúng hạn trên số nghĩa vụ đã đến hạn; nhiệm\n"
            "vụ thường xuyên được tính là không xác định hạn, không bao giờ quá hạn.\n"
            'Dòng của nhóm ("UBND các xã, phường") cộng dồn các thành viên; dòng cuối là\n'
            "tổng cộng."
        ),
        (
            "Per agency: obligations fallen due, done on time, late, overdue, pending.\n"
            "\n"
            "The on-time rate is done-on-time over obligations fallen due (đến hạn);\n"
            "continuous duties count as ongoing and never as overdue. Rows for groups\n"
            '("UBND các xã, phường") add up their members; the last row is the total.'
        ),
    ),
    "help.submissions": (
        (
            "Liệt kê những gì đã ghi nhận: từng văn bản, số/ký hiệu và nghĩa vụ nó đáp ứng.\n"
            "\n"
            "Hiện số/ký hiệu, ngày của văn bản, kỳ mà văn bản đáp ứng, kết quả (đúng hạn\n"
            "hay quá hạn), ai ghi nhận và lúc nào; văn bản đã sửa và đã hủy vẫn được liệt\n"
            "kê, có đánh dấu.\n"
            "\n"
            'Ví dụ: bmnn submissions --agency "Sở Tài chính" --since 01/01/2026'
        ),
        (
            "List what was recorded: each submission, its reference and what it answered.\n"
            "\n"
            "Shows the number/symbol (số/ký hiệu), the date of the document, the\n"
            "period it answered, the status it gave (on time or late), who recorded it\n"
            "and when; amendments and retractions stay listed, marked.\n"
            "\n"
            'Example: bmnn submissions --agency "Sở Tài chính" --since 01/01/2026'
        ),
    ),
    "help.submissions.ref": (
        "Số/ký hiệu, hoặc một phần của nó (không phân biệt hoa thường, dấu).",
        "Number/symbol, or part of it (case and accents aside).",
    ),
    "help.submissions.since": (
        "Văn bản đề ngày này hoặc muộn hơn.",
        "Documents dated this day or later.",
    ),
    "help.submissions.task": (
        'Chỉ nhiệm vụ này ("IV.1.b" hoặc KẾ_HOẠCH:NHIỆM_VỤ).',
        'Only this task ("IV.1.b" or PLAN:TASK).',
    ),
    "help.submissions.until": (
        "Văn bản đề ngày này hoặc sớm hơn.",
        "Documents dated this day or earlier.",
    ),
    "help.submit": (
        (
            "Ghi nhận một cơ quan đã gửi kế hoạch hoặc báo cáo (gửi về Công an tỉnh).\n"
            "\n"
            "Văn bản được tính cho nghĩa vụ còn mở lâu nhất của cơ quan với nhiệm vụ đó\n"
            "(hoặc cho --period). Ghi nhận cùng một văn bản hai lần không thay đổi gì.\n"
            "\n"
            "--from-csv TỆP đọc các cột task, agency, date và có thể có ref, note, plan,\n"
            "period (bắt buộc có dòng tiêu đề; ngày dạng 27/02/2026 hoặc 2026-02-27).\n"
            "Một dòng sai thì cả tệp bị từ chối, kèm số dòng sai.\n"
            "\n"
            'Ví dụ: bmnn submit --task IV.1.a --agency "Sở Tư pháp" --date 25/02/2026 --ref '
            "45/KH-STP"
        ),
        (
            "Record that an agency sent its plan or report (gửi về Công an tỉnh).\n"
            "\n"
            "The submission answers the agency's oldest open obligation for the task\n"
            "(or --period). Recording the same submission twice changes nothing.\n"
            "\n"
            "--from-csv FILE reads columns task, agency, date and optionally ref,\n"
            "note, plan, period (header row required; dates 27/02/2026 or 2026-02-27).\n"
            "A bad row rejects the whole file and names its line.\n"
            "\n"
            'Example: bmnn submit --task IV.1.a --agency "Sở Tư pháp" --date 25/02/2026 '
            "--ref 45/KH-STP"
        ),
    ),
    "help.submit.agency": (
        "Cơ quan đã gửi văn bản.",
        "The agency that sent it.",
    ),
    "help.submit.from_csv": (
        "Ghi nhận mọi dòng của một sổ theo dõi văn bản đến.",
        "Record every row of a register of incoming documents.",
    ),
    "help.submit.note": (
        "Ghi chú (không bao giờ ghi nội dung tài liệu mật).",
        "A note (never the content of a secret document).",
    ),
    "help.submit.ref": (
        "Số/ký hiệu của văn bản, ví dụ 12/BC-STP.",
        'Its number/symbol ("số/ký hiệu"), e.g. 12/BC-STP.',
    ),
    "help.submit.task": (
        'Mã nhiệm vụ ("IV.1.a") hoặc KẾ_HOẠCH:NHIỆM_VỤ.',
        'Task id ("IV.1.a") or PLAN:TASK.',
    ),
    "help.tasks": (
        (
            "Liệt kê các nhiệm vụ của kế hoạch: ai chủ trì, ai phối hợp, thời hạn theo văn "
            "bản.\n"
            "\n"
            "Với --agency, chỉ những nhiệm vụ có tên cơ quan đó, trực tiếp hoặc qua một\n"
            'nhóm của nó ("UBND các xã, phường"). Với --search TỪ, chỉ những nhiệm vụ\n'
            'có mã, nội dung, thời hạn hoặc ghi chú chứa các từ đó ("tap huan").'
        ),
        (
            "List a plan's tasks: who leads, who supports, and the deadline as written.\n"
            "\n"
            "With --agency, only the tasks naming that agency, directly or through one\n"
            'of its groups ("UBND các xã, phường"). With --search WORDS, only the tasks\n'
            'whose id, title, deadline or note holds those words ("tap huan").'
        ),
    ),
    "help.today": (
        (
            "Tình hình đầu ngày: tổng số, cơ quan quá hạn nhiều nhất, việc sắp đến hạn, văn "
            "bản mới nhận.\n"
            "\n"
            "Kèm những gì lần nhắc tới (bmnn remind) sẽ gửi, và các cảnh báo: cơ quan còn\n"
            "nợ việc mà chưa có địa chỉ thư điện tử, năm mà lịch chính thức mới chỉ là\n"
            "dự kiến. Khi đã có cơ sở dữ liệu, gõ `bmnn` không kèm gì sẽ hiện màn hình này."
        ),
        (
            "The morning view: totals, who is most overdue, what falls due and what arrived.\n"
            "\n"
            "Also what the next reminder run (bmnn remind) would send, and warnings:\n"
            "agencies owing something that have no e-mail address, and a year whose\n"
            "official calendar is only projected. A bare `bmnn`\n"
            "shows this view once a database exists."
        ),
    ),
    "help.unwaive": (
        (
            "Thu hồi một lần miễn cho nhầm; cơ quan lại phải thực hiện kỳ đó.\n"
            "\n"
            "Lần miễn vẫn còn trong lịch sử, được đánh dấu đã thu hồi, kèm lý do.\n"
            "\n"
            'Ví dụ: bmnn unwaive -t IV.1.a -a "Sở Nội vụ" --reason "miễn nhầm"'
        ),
        (
            "Revoke a waiver given in error; the agency owes that period again.\n"
            "\n"
            "The waiver stays in the history, marked revoked, with the reason.\n"
            "\n"
            'Example: bmnn unwaive -t IV.1.a -a "Sở Nội vụ" --reason "miễn nhầm"'
        ),
    ),
    "help.unwaive.agency": (
        "Cơ quan đã được miễn.",
        "The agency that was excused.",
    ),
    "help.unwaive.period": (
        "Miễn của kỳ nào; mặc định lần miễn gần nhất còn hiệu lực.",
        "Which period's waiver; default the latest in force.",
    ),
    "help.unwaive.task": (
        'Mã nhiệm vụ ("IV.1.a") hoặc KẾ_HOẠCH:NHIỆM_VỤ.',
        'Task id ("IV.1.a") or PLAN:TASK.',
    ),
    "help.waive": (
        (
            "Miễn cho một cơ quan một kỳ của nhiệm vụ (miễn / không áp dụng).\n"
            "\n"
            "Không có --period: kỳ còn mở lâu nhất có hạn; nhiệm vụ không có hạn (thường\n"
            "xuyên) chỉ được miễn khi --period nêu rõ kỳ. Miễn lại đúng như cũ (cùng lý\n"
            "do, cùng ngày) không thay đổi gì."
        ),
        (
            "Excuse an agency from one period of a task (miễn / không áp dụng).\n"
            "\n"
            "Without --period: the oldest open period with a due date; a duty without\n"
            "one (thường xuyên) only when --period names it. Giving the same waiver\n"
            "again (same reason, same day) changes nothing."
        ),
    ),
    "help.waive.reason": (
        "Lý do cơ quan được miễn.",
        "Why the agency is excused (miễn).",
    ),
}
