"""Hostile input and faults: no injected mail, no hang, no half-written file, one clear error.

Each test is a way an attacker or a clumsy user tried to break bmnn: a
name made to inject mail headers, addresses that are not addresses, two
spellings of one database, files that are not files, zip bombs, terminal
escapes, a full disk. Each input gets one line on stderr naming it, a
documented exit code, and leaves the database and every file unchanged.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import test_remind
from conftest import LAO_CAI, Cli, Db, dump, query
from test_remind import SENDER, Inbox, day, log_rows, send, start_smtp, use_smtp

# the reminder tests' fixtures: a real SMTP server, the plan, no user configuration
inbox = test_remind.inbox
plan = test_remind.plan
no_user_config = test_remind.no_user_config

INJECTED = "=?utf-8?q?Phong=0D=0ABcc:_spy@evil.test=0D=0AX-Y:?="
BMNN = [sys.executable, "-m", "bmnn_cli"]
EXPECTED_HEADERS = {
    "from",
    "to",
    "subject",
    "date",
    "message-id",
    "auto-submitted",
    "x-mailer",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
}


def header_names(data: bytes) -> list[str]:
    """The field names of a raw message's header block, as the wire has them."""
    head = data.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
    return [
        line.split(b":", 1)[0].decode().lower()
        for line in head.split(b"\n")
        if line and line[:1] not in (b" ", b"\t")
    ]


def set_agency(db: Db, code: str, **values: str) -> None:
    """Change an agency behind bmnn's back, as a database from an older version could hold."""
    from conftest import engine_for

    engine = engine_for(db)
    try:
        with engine.begin() as conn:
            from sqlalchemy import text

            for column, value in values.items():
                conn.execute(
                    text(f"UPDATE agency SET {column} = :v WHERE code = :c"),
                    {"v": value, "c": code},
                )
    finally:
        engine.dispose()


# -- 1. header injection ----------------------------------------------------------


def test_an_injecting_name_never_becomes_header_lines(
    cli: Cli, plan: Db, inbox: Inbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the Python patch level, the name stays inside one To: field."""
    set_agency(plan, "so-tu-phap", name=INJECTED)
    outbox = tmp_path / "outbox"
    cli("remind", "--eml", str(outbox), "--as-of", day(-7), "--plan", "nhac-han")
    (written,) = outbox.glob("*-so-tu-phap-*.eml")
    names = header_names(written.read_bytes())
    assert set(names) == EXPECTED_HEADERS and len(names) == len(set(names))
    send(cli, -7)
    (received,) = inbox.to("so-tu-phap")
    names = header_names(received.data)
    assert "bcc" not in names and "x-y" not in names
    assert set(names) <= EXPECTED_HEADERS | {"x-peer", "x-mailfrom", "x-rcptto"}
    assert received.recipients == ["so-tu-phap@test.example"]
    assert b"spy@evil.test" not in received.data.split(b"\r\n\r\n")[0].replace(b"\r\n ", b"")
    assert "=?utf-8?q?Phong" in str(received.parsed()["To"])  # kept as the literal name


@pytest.mark.no_database
def test_build_refuses_a_message_whose_headers_were_tampered_with() -> None:
    """The last check before sending: only the fields bmnn set, each once."""
    from email.message import EmailMessage

    from bmnn_cli.delivery import mail

    email = EmailMessage(policy=mail.POLICY)
    email.set_raw("From", "pa@test.example")
    email.set_raw("To", "a@test.example\r\nBcc: spy@evil.test")
    email.set_content("x")
    with pytest.raises(mail.UnsafeMessage):
        mail.as_bytes(email)


# -- 2. addresses ---------------------------------------------------------------------


def test_one_bad_address_is_one_failed_delivery(cli: Cli, plan: Db, inbox: Inbox) -> None:
    """The agencies after it still get their reminder; the run ends with exit 7."""
    set_agency(plan, "so-noi-vu", emails='["vanthu@snv.example; pa@snv.example"]')
    err = send(cli, -7, code=7)
    assert "Sở Nội vụ" in err and "vanthu@snv.example; pa@snv.example" in err
    assert "Traceback" not in err
    assert len(inbox.messages) == 4
    assert {code for code, *_ in log_rows(plan)} == {
        "so-tu-phap",
        "so-khcn",
        "so-tai-chinh",
        "vp-ubnd-tinh",
    }


@pytest.mark.parametrize("sender", ["not an address", "pa@test.example\r\nBcc: spy@evil.test"])
def test_a_sender_that_is_not_an_address_is_a_configuration_error(
    cli: Cli, plan: Db, inbox: Inbox, monkeypatch: pytest.MonkeyPatch, sender: str
) -> None:
    monkeypatch.setenv("BMNN_SMTP_FROM", sender)
    err = send(cli, -7, code=3)
    assert "is not an e-mail address" in err and "BMNN_SMTP_FROM" in err
    assert err.count("\n") == 1 and inbox.messages == [] and log_rows(plan) == []


# -- 3. one run lock per database, however it is spelled ------------------------------


def _bmnn(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*BMNN, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_two_runs_through_two_spellings_send_each_message_once(
    cli: Cli, plan: Db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two processes at once, on one database named two ways (SQLite) or on one server."""
    handler = Inbox(delay=0.3)  # slow enough that the runs overlap
    controller = start_smtp(handler)
    try:
        use_smtp(monkeypatch, controller.port)
        env = dict(os.environ)
        if isinstance(plan, Path):
            alias = tmp_path / "alias.db"
            alias.symlink_to(plan)
            spellings = [str(plan), str(alias)]
        else:
            spellings = [str(plan), str(plan)]
        args = ("remind", "--send", "--as-of", day(-7), "--plan", "nhac-han")
        runs = [_bmnn(env, "--db", where, *args) for where in spellings]
        outcomes = [(run.wait(120), run.communicate()) for run in runs]
    finally:
        controller.stop()
    codes = sorted(code for code, _ in outcomes)
    assert codes in ([0, 0], [0, 75]), outcomes
    assert len(handler.messages) == 5, outcomes
    assert len(log_rows(plan)) == 5


@pytest.mark.sqlite_only  # a server database is locked on the server
def test_the_lock_is_shared_by_every_spelling_of_a_sqlite_path(
    cli: Cli, plan: Db, tmp_path: Path, inbox: Inbox
) -> None:
    assert isinstance(plan, Path)
    from bmnn_cli.store.db import open_store
    from bmnn_cli.store.reminders import run_lock

    alias = tmp_path / "alias.db"
    alias.symlink_to(plan)
    with run_lock(open_store(alias, create=False)):
        err = cli.fail("--db", f"{plan.parent}/./{plan.name}", *_send_args(), code=75)
    assert "another `bmnn remind` is sending" in err and inbox.messages == []


def _send_args() -> tuple[str, ...]:
    return ("remind", "--send", "--as-of", day(-7), "--plan", "nhac-han")


def test_a_claimed_stage_is_not_sent_and_a_dead_runs_claim_is_sent_again(
    cli: Cli, plan: Db, inbox: Inbox
) -> None:
    """A claim made by a run that died is cleared: the message goes out, once."""
    send(cli, -7)
    assert len(inbox.take()) == 5
    from sqlalchemy import text

    from conftest import engine_for

    engine = engine_for(plan)
    with engine.begin() as conn:  # the run that sent to so-tu-phap died before recording
        conn.execute(
            text(
                "UPDATE reminder_log SET sent_at = '' WHERE obligation_id IN (SELECT o.id FROM "
                "obligation o JOIN agency a ON a.id = o.agency_id WHERE a.code = 'so-tu-phap')"
            )
        )
    engine.dispose()
    send(cli, -7)
    assert [m.recipients for m in inbox.take()] == [["so-tu-phap@test.example"]]
    send(cli, -7)
    assert inbox.messages == []


def test_claim_refuses_a_stage_taken_by_another_sender(cli: Cli, plan: Db) -> None:
    import datetime as dt

    from bmnn_cli.delivery.config import load
    from bmnn_cli.delivery.run import Query, due_messages
    from bmnn_cli.store import reminders as log
    from bmnn_cli.store.db import open_store

    store = open_store(plan, create=False)
    settings = load(None, {"BMNN_SMTP_FROM": SENDER})
    query_ = Query(as_of=dt.date.fromisoformat(day(-7)), days=30, include_overdue=True)
    first, *_ = due_messages(store, query_, settings)
    with store.write() as session:
        assert log.claim(session, first, channel="smtp", message_id="<a@b>")
    with store.write() as session:
        assert not log.claim(session, first, channel="smtp", message_id="<a@b>")
    with store.write() as session:
        log.release(session, first, channel="smtp")
    with store.write() as session:
        assert log.claim(session, first, channel="smtp", message_id="<a@b>")


# -- 4. output files ---------------------------------------------------------------------


def test_export_keeps_an_existing_file_and_never_writes_through_a_link(
    cli: Cli, lao_cai: Db, tmp_path: Path
) -> None:
    reviewed = tmp_path / "reviewed.toml"
    reviewed.write_text("# reviewed by hand\n", encoding="utf-8")
    err = cli.fail("export", "lao-cai-bmnn-2026", "-o", str(reviewed), code=6)
    assert str(reviewed) in err and "--force" in err and err.count("\n") == 1
    assert reviewed.read_text(encoding="utf-8") == "# reviewed by hand\n"
    link = tmp_path / "link.toml"
    link.symlink_to(reviewed)
    for extra in ((), ("--force",)):
        err = cli.fail("export", "lao-cai-bmnn-2026", "-o", str(link), *extra, code=6)
        assert "symbolic link" in err
    assert reviewed.read_text(encoding="utf-8") == "# reviewed by hand\n" and link.is_symlink()
    cli("export", "lao-cai-bmnn-2026", "-o", str(reviewed), "--force")
    assert "[plan]" in reviewed.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_dash_means_standard_output(cli: Cli, lao_cai: Db, tmp_path: Path) -> None:
    document = tmp_path / "plan.txt"
    document.write_text(
        "ỦY BAN NHÂN DÂN TỈNH LÀO CAI\nKẾ HOẠCH\nBảo vệ bí mật nhà nước năm 2026\n"
        "I. NHIỆM VỤ\n1. Sở Tư pháp xây dựng kế hoạch, gửi về Công an tỉnh trước ngày "
        "27/02/2026.\n",
        encoding="utf-8",
    )
    os.chdir(tmp_path)
    out = cli("extract", str(document), "-o", "-")
    assert "[plan]" in out and not (tmp_path / "-").exists()
    assert "[plan]" in cli("export", "lao-cai-bmnn-2026", "-o", "-")
    assert not (tmp_path / "-").exists()


@pytest.mark.no_database
def test_extract_force_never_writes_through_a_link(cli: Cli, tmp_path: Path) -> None:
    document = tmp_path / "plan.txt"
    document.write_text("KẾ HOẠCH\nI. NHIỆM VỤ\n1. Gửi báo cáo.\n", encoding="utf-8")
    target = tmp_path / "elsewhere.toml"
    target.write_text("keep\n", encoding="utf-8")
    link = tmp_path / "draft.toml"
    link.symlink_to(target)
    err = cli.fail("extract", str(document), "-o", str(link), "--force", code=6)
    assert "symbolic link" in err and target.read_text(encoding="utf-8") == "keep\n"


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """Mount a tmpfs of a given size on a new folder (needs root, as CI has).

    A file system of its own lets a test fill it (a real ENOSPC) or remount it read-only.
    """
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a tmpfs of its own needs root to mount it")
    mounted: list[Path] = []

    def mount(size: str) -> Path:
        folder = tmp_path / f"tmpfs{len(mounted)}"
        folder.mkdir()
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], check=True
        )
        mounted.append(folder)
        return folder

    yield mount
    for folder in mounted:
        subprocess.run(["umount", str(folder)], check=False)


@pytest.fixture
def full_disk(tmpfs: Callable[[str], Path]) -> Path:
    """A 1 MB file system, to be filled to a real ENOSPC."""
    return tmpfs("1m")


def fill(folder: Path, leave: int = 0) -> None:
    """Fill the file system of `folder` to the last block (but `leave` bytes)."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    if leave:
        os.truncate(filler, max(0, filler.stat().st_size - leave))


def test_a_full_disk_is_one_clear_error_and_the_old_file_stays(
    cli: Cli, lao_cai: Db, full_disk: Path
) -> None:
    old = full_disk / "plan.toml"
    old.write_text("# the reviewed plan\n", encoding="utf-8")
    fill(full_disk)
    err = cli.fail("export", "lao-cai-bmnn-2026", "-o", str(old), "--force", code=2)
    assert "disk is full" in err and str(old) in err and err.count("\n") == 1
    assert old.read_text(encoding="utf-8") == "# the reviewed plan\n"
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler", "plan.toml"]


@pytest.mark.engine_free  # how bmnn ends on a full standard output
def test_a_full_disk_behind_standard_output(lao_cai: Db, full_disk: Path) -> None:
    fill(full_disk, leave=8192)
    with open(full_disk / "s.csv", "w") as out:
        done = subprocess.run(
            [*BMNN, "--lang", "en", "status", "-f", "csv", "--as-of", "2026-12-31"],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(os.environ),
        )
    assert done.returncode == 2, done.stderr
    assert "disk is full" in done.stderr and "Traceback" not in done.stderr


# -- 5. inputs that are not regular files --------------------------------------------


def _fifo(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    os.mkfifo(path)
    return path


def _loop(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    (tmp_path / "other").symlink_to(path)
    path.symlink_to(tmp_path / "other")
    return path


@pytest.mark.slow  # a real process per command and kind of file (twelve)
@pytest.mark.parametrize(
    "kind,expected",
    [("fifo", "is a pipe (FIFO)"), ("zero", "is a device"), ("loop", "loop of symbolic links")],
)
@pytest.mark.parametrize(
    "command",
    [
        ["import", "{path}"],
        ["extract", "{path}"],
        ["submit", "--from-csv", "{path}"],
        ["remind", "--config", "{path}", "--dry-run", "--as-of", "2026-03-03"],
    ],
    ids=["import", "extract", "submit-csv", "remind-config"],
)
def test_inputs_that_are_not_regular_files(
    lao_cai: Db, tmp_path: Path, kind: str, expected: str, command: list[str]
) -> None:
    """Refused at once (a subprocess with a timeout: a hang would fail, not block)."""
    if kind == "fifo":
        path = _fifo(tmp_path, "plan.toml")
    elif kind == "zero":
        path = Path("/dev/zero")
    else:
        path = _loop(tmp_path, "plan.toml")
    before = dump(lao_cai)
    args = [word.format(path=path) for word in command]
    done = subprocess.run(
        [*BMNN, "--lang", "en", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ),
    )
    assert done.returncode == 3, (done.returncode, done.stderr)
    assert expected in done.stderr and str(path) in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert dump(lao_cai) == before


def test_a_password_file_that_is_a_device_or_not_utf8(
    cli: Cli, plan: Db, inbox: Inbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BMNN_SMTP_USER", "pa03")
    monkeypatch.setenv("BMNN_SMTP_PASSWORD_FILE", "/dev/zero")
    err = send(cli, -7, code=3)
    assert "is a device" in err and "BMNN_SMTP_PASSWORD_FILE" in err
    latin1 = tmp_path / "password"
    latin1.write_bytes(b"m\xe9t kh\xe2u\n")
    monkeypatch.setenv("BMNN_SMTP_PASSWORD_FILE", str(latin1))
    err = send(cli, -7, code=3)
    assert "not UTF-8" in err and str(latin1) in err and inbox.messages == []


# -- 6. zip bombs and long lines ----------------------------------------------------------


def _docx_bomb(path: Path, size: int) -> Path:
    """A .docx whose document.xml inflates to `size` bytes of zeros (a few KB on disk)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            block = b"0" * (1 << 20)
            for _ in range(size >> 20):
                member.write(block)
    return path


@pytest.mark.no_database
def test_a_zip_bomb_is_refused_before_it_inflates(cli: Cli, tmp_path: Path) -> None:
    bomb = _docx_bomb(tmp_path / "bomb.docx", 200 << 20)
    assert bomb.stat().st_size < 2 << 20
    err = cli.fail("extract", str(bomb), code=3)
    assert "word/document.xml" in err and "zip bomb" in err and str(bomb) in err


# -- 9. control characters -----------------------------------------------------------


def test_a_csv_register_with_terminal_escapes_is_refused(
    cli: Cli, lao_cai: Db, tmp_path: Path
) -> None:
    register = tmp_path / "register.csv"
    register.write_text(
        "task,agency,date,ref\nIV.1.b,Sở Tài chính,28/10/2026,88/BC\x1b]8;;http://evil\x07\n",
        encoding="utf-8",
    )
    before = dump(lao_cai)
    err = cli.fail("submit", "--from-csv", str(register), code=3)
    assert f"{register}:2" in err and "U+001B" in err and err.count("\n") == 1
    assert dump(lao_cai) == before


def test_a_register_over_its_limit_is_refused_before_it_is_read(
    cli: Cli, lao_cai: Db, tmp_path: Path
) -> None:
    """A register larger than a writer's lock wait allows is refused, naming the limit."""
    from bmnn_cli.domain.register import MAX_BYTES

    register = tmp_path / "register.csv"
    row = "IV.1.b,so-tai-chinh,28/10/2026,88/BC\n"
    with register.open("w", encoding="utf-8") as out:
        out.write("task,agency,date,ref\n")
        out.write(row * (MAX_BYTES // len(row) + 1))
    before = dump(lao_cai)
    err = cli.fail("submit", "--from-csv", str(register), code=3)
    assert str(register) in err and f"at most {MAX_BYTES} bytes" in err
    assert err.count("\n") == 1
    assert dump(lao_cai) == before
    assert MAX_BYTES <= 20 * 1024 * 1024  # recorded within the 10-minute wait of writers


def test_a_command_line_value_with_terminal_escapes_is_refused(cli: Cli, lao_cai: Db) -> None:
    before = dump(lao_cai)
    args = ("submit", "IV.1.b", "--agency", "Sở Tài chính", "--date", "28/10/2026")
    err = cli.fail(*args, "--ref", "88/BC\x1b[2J", code=2)
    assert "\\x1b[2J" in err and "\x1b" not in err
    assert dump(lao_cai) == before


def test_extracted_documents_lose_their_control_characters(cli: Cli, tmp_path: Path) -> None:
    document = tmp_path / "plan.txt"
    document.write_text(
        "KẾ HOẠCH\nI. NHIỆM VỤ\n1. Sở Tư pháp gửi báo cáo\x1b[2J về Công an tỉnh.\n",
        encoding="utf-8",
    )
    out = cli("extract", str(document))
    assert "\x1b" not in out and "báo cáo[2J về" in out or "báo cáo về" in out


# -- 10. backups of damaged databases ---------------------------------------------------


def _damage(path: Path) -> None:
    """Overwrite the middle of the file's pages, as a failing disk would."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(2 * page, len(data) - page, 3 * page):
        data[start + 100 : start + 600] = b"\xff" * 500
    path.write_bytes(bytes(data))


@pytest.mark.sqlite_only  # backup and restore are for SQLite files
def test_backup_of_a_damaged_database_is_refused(cli: Cli, lao_cai: Db, tmp_path: Path) -> None:
    assert isinstance(lao_cai, Path)
    _damage(lao_cai)
    copy = tmp_path / "copy.db"
    err = cli.fail("backup", str(copy), code=5)
    assert "damaged" in err and str(lao_cai) in err and not copy.exists()


@pytest.mark.sqlite_only  # backup and restore are for SQLite files
def test_restore_says_what_is_wrong_with_the_file(cli: Cli, lao_cai: Db, tmp_path: Path) -> None:
    assert isinstance(lao_cai, Path)
    good = tmp_path / "good.db"
    cli("backup", str(good))
    damaged = tmp_path / "damaged.db"
    shutil.copy(good, damaged)
    _damage(damaged)
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n", encoding="utf-8")
    cases = {
        str(tmp_path): "is a folder",
        "/dev/zero": "is a device",
        str(text): "the file is not SQLite",
        str(damaged): "the backup is damaged",
        str(tmp_path / "missing.db"): "no such file",
    }
    before = dump(lao_cai)
    for path, expected in cases.items():
        err = cli.fail("restore", path, "--force", code=3)
        assert expected in err and path in err and err.count("\n") == 1, err
    assert dump(lao_cai) == before


@pytest.mark.sqlite_only  # backup and restore are for SQLite files
def test_backup_never_writes_through_a_link(cli: Cli, lao_cai: Db, tmp_path: Path) -> None:
    assert isinstance(lao_cai, Path)
    target = tmp_path / "precious"
    target.write_text("keep\n", encoding="utf-8")
    link = tmp_path / "backup.db"
    link.symlink_to(target)
    err = cli.fail("backup", str(link), "--force", code=6)
    assert "symbolic link" in err and target.read_text(encoding="utf-8") == "keep\n"


def test_the_registry_example_still_imports(cli: Cli, db: Db) -> None:
    """The checks refuse what cannot be a name or an address, never a real registry."""
    cli("import", str(LAO_CAI))
    assert query(db, "SELECT COUNT(*) FROM agency")[0][0] > 100


# -- 7. what one plan may generate ----------------------------------------------------


def _monthly_plan(
    path: Path, *, year: int, until: int | None, tasks: int = 100, lead: str = "so-ban-nganh"
) -> Path:
    lines = [
        f'registry = "{LAO_CAI.parent / "agencies.toml"}"',
        "",
        "[plan]",
        'id = "rong"',
        f'title = "Kế hoạch năm {year}"',
        'province = "lao-cai"',
        f"year = {year}",
    ]
    for number in range(1, tasks + 1):
        lines += [
            "",
            "[[tasks]]",
            f'id = "I.{number}"',
            f'title = "Báo cáo tháng số {number}"',
            f'lead = ["{lead}"]',
            'deliverable = "report"',
            'deadline = "hằng tháng"',
            "[[tasks.schedule]]",
            'kind = "monthly"',
            f"from = {year}",
        ]
        if until is not None:
            lines.append(f"until = {until}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_plan_spanning_centuries_is_refused_before_anything_is_written(
    cli: Cli, lao_cai: Db, tmp_path: Path
) -> None:
    before = dump(lao_cai)
    plan_file = _monthly_plan(tmp_path / "plan.toml", year=1900, until=2200)
    err = cli.fail("import", str(plan_file), code=3)
    assert f"{plan_file}:" in err and "I.1" in err and "2200" in err
    assert err.count("\n") == 1 and dump(lao_cai) == before


def test_a_plan_that_would_owe_too_many_obligations_is_refused(
    cli: Cli, lao_cai: Db, tmp_path: Path
) -> None:
    before = dump(lao_cai)
    # 30 monthly tasks over six years for every commune and ward: 213 840 obligations
    plan_file = _monthly_plan(
        tmp_path / "plan.toml", year=2026, until=2031, tasks=30, lead="ubnd-xa-phuong"
    )
    err = cli.fail("import", str(plan_file), code=3)
    assert "makes over 200000 obligations" in err and err.count("\n") == 1
    assert dump(lao_cai) == before


def test_an_old_open_ended_plan_is_refused_when_asked_about_far_later(
    cli: Cli, lao_cai: Db, tmp_path: Path
) -> None:
    """A plan of 1900 imports (it owes one year); growing it to 2026 would owe 127."""
    cli("import", str(_monthly_plan(tmp_path / "plan.toml", year=1900, until=None, tasks=3)))
    before = dump(lao_cai)
    err = cli.fail("overdue", "--as-of", "2026-03-01", code=3)
    assert "plan rong (of 1900) would owe obligations through 2026" in err
    assert dump(lao_cai) == before


# -- 8. the secrecy stamp where it usually stands ---------------------------------------

_TEXT_BOX = (
    '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:pict><v:shape><v:textbox>'
    "<w:txbxContent><w:p><w:r><w:t>TUYỆT MẬT</w:t></w:r></w:p></w:txbxContent>"
    "</v:textbox></v:shape></w:pict></w:r><w:r><w:t>Số: 12/KH-UBND</w:t></w:r></w:p>"
)


def _docx(path: Path, where: str) -> Path:
    """A plan document whose stamp stands `where`: header, footer, table, text box, nowhere."""
    import docx
    from lxml import etree  # type: ignore[import-untyped]  # python-docx brings it

    document = docx.Document()
    section = document.sections[0]
    if where == "header":
        section.header.paragraphs[0].text = "MẬT"
    elif where == "footer":
        section.footer.paragraphs[0].text = "Độ mật: MẬT"
    elif where == "table":
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "UBND TỈNH LÀO CAI\nMẬT"
        table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    elif where == "text box":
        document.element.body.insert(0, etree.fromstring(_TEXT_BOX))
    else:
        section.header.paragraphs[0].text = "Bảo vệ bí mật nhà nước"
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Bảo vệ bí mật nhà nước năm 2026")
    document.add_paragraph("I. NHIỆM VỤ")
    document.add_paragraph("1. Sở Tư pháp gửi báo cáo về Công an tỉnh trước ngày 27/02/2026.")
    document.save(str(path))
    return path


@pytest.mark.parametrize(
    "where,part",
    [
        ("header", "word/header"),
        ("footer", "word/footer"),
        ("table", ""),
        ("text box", "word/document.xml"),
    ],
)
def test_the_stamp_is_found_where_it_usually_stands(
    cli: Cli, tmp_path: Path, where: str, part: str
) -> None:
    document = _docx(tmp_path / "plan.docx", where)
    out = tmp_path / "plan.toml"
    err = cli.fail("extract", str(document), "-o", str(out), code=6)
    assert "MẬT" in err and str(document) in err and part in err and err.count("\n") == 1
    assert not out.exists()
    cli("extract", str(document), "-o", str(out), "--allow-classified")
    assert out.exists()


def test_prose_about_secrets_in_a_header_is_no_stamp(cli: Cli, tmp_path: Path) -> None:
    document = _docx(tmp_path / "plan.docx", "nowhere")
    assert "[plan]" in cli("extract", str(document))


@pytest.mark.no_database
def test_a_letterhead_table_in_a_text_file_bears_the_stamp(cli: Cli, tmp_path: Path) -> None:
    document = tmp_path / "plan.txt"
    document.write_text(
        "UBND TỈNH LÀO CAI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "MẬT | Độc lập - Tự do - Hạnh phúc\nKẾ HOẠCH\n",
        encoding="utf-8",
    )
    err = cli.fail("extract", str(document), code=6)
    assert f"{document}:2:" in err and "'MẬT'" in err


# -- 11. one clear error, and output safe for what reads it -------------------------------


def test_markdown_output_escapes_html(cli: Cli, lao_cai: Db, tmp_path: Path) -> None:
    """Markdown viewers render inline HTML: a title must not become a script."""
    plan_file = _monthly_plan(tmp_path / "plan.toml", year=2026, until=2026, tasks=1)
    text = plan_file.read_text(encoding="utf-8")
    hostile = "Báo cáo <script>alert(1)</script> <img src=x onerror=alert(2)> & xong"
    plan_file.write_text(text.replace("Báo cáo tháng số 1", hostile), encoding="utf-8")
    cli("import", str(plan_file))
    out = cli("tasks", "--plan", "rong", "-f", "md")
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out and "&amp; xong" in out


@pytest.mark.no_database
def test_csv_cells_starting_with_tab_or_cr_are_neutralised() -> None:
    from bmnn_cli.render.csv import cell as _csv_cell

    assert _csv_cell("\t=1+1") == "'\t=1+1" and _csv_cell("\r=1+1") == "'\r=1+1"
    assert _csv_cell("=1+1") == "'=1+1" and _csv_cell("-3") == "-3"


def test_a_bad_pdf_gives_one_line(tmp_path: Path) -> None:
    """pypdf's own warnings never print before bmnn's message."""
    bad = tmp_path / "plan.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 2)
    done = subprocess.run(
        [*BMNN, "--lang", "en", "extract", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ),
    )
    assert done.returncode == 3 and done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith(f"bmnn: {bad}: not a readable PDF")


def test_a_binary_csv_register_is_called_a_csv_file(cli: Cli, lao_cai: Db, tmp_path: Path) -> None:
    register = tmp_path / "register.csv"
    register.write_bytes(b"task,agency,date\n\x00\x01\x02\n")
    err = cli.fail("submit", "--from-csv", str(register), code=3)
    assert "not a CSV text file" in err and "TOML" not in err


@pytest.mark.no_database
def test_a_database_in_a_read_only_folder_says_so(cli: Cli, tmpfs: Callable[[str], Path]) -> None:
    read_only_folder = tmpfs("20m")  # a database made there, then remounted read-only
    database = read_only_folder / "k.db"
    cli("--db", str(database), "import", str(LAO_CAI))
    subprocess.run(["mount", "-o", "remount,ro", str(read_only_folder)], check=True)
    err = cli.fail("--db", str(database), "status", "--as-of", "2026-12-01", code=5)
    assert "folder is read-only" in err and str(database) in err and err.count("\n") == 1


def test_remind_sends_nothing_it_could_not_record_while_a_long_write_holds_the_lock(
    cli: Cli, plan: Db, inbox: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each message is claimed in the database before it goes out: no lock, no mail."""
    from bmnn_cli.store import db as store_db
    from bmnn_cli.store.db import open_store

    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 300)
    with open_store(plan, create=False).write() as session:  # a long import holds the lock
        session.connection()  # BEGIN IMMEDIATE (SQLite) or the advisory lock (PostgreSQL)
        err = send(cli, -7, code=5)
    assert "busy" in err or "locked" in err, err
    assert inbox.messages == [] and log_rows(plan) == []
    send(cli, -7)
    assert len(inbox.messages) == 5 and len(log_rows(plan)) == 5


@pytest.mark.no_database
def test_the_byte_limit_does_not_trust_st_size() -> None:
    """/proc files say they are empty (st_size 0) and are not: the limit still holds."""
    from bmnn_cli.errors import InputError
    from bmnn_cli.files import read_input

    maps = Path("/proc/self/maps")
    assert maps.stat().st_size == 0
    with pytest.raises(InputError, match="64 B"):
        read_input(maps, 64)
    assert len(read_input(maps, 1 << 20)) > 64


def test_a_ca_file_that_is_a_fifo_is_refused(
    cli: Cli, plan: Db, inbox: Inbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The TLS library would wait on a FIFO for ever: refused when the settings are read."""
    monkeypatch.setenv("BMNN_SMTP_CAFILE", str(_fifo(tmp_path, "ca.pem")))
    err = send(cli, -7, code=3)
    assert "is a pipe (FIFO)" in err and "ca.pem" in err and inbox.messages == []
