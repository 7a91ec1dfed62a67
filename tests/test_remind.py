"""Reminders: stages, the log, e-mail to a real SMTP server, .eml files, failures.

The SMTP server is aiosmtpd, started by the tests on 127.0.0.1. The plan
has one task due Tuesday 10/03/2026 for the five provincial departments of
the Lào Cai registry, each given an address in a copy of the registry.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import re
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.header import decode_header, make_header
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from bmnn_cli.domain.reminders import Stage, due_stage, parse_stage, parse_stages
from conftest import EXAMPLES, Cli, Db, Templates, query

DUE = dt.date(2026, 3, 10)  # a Tuesday: the effective due date is the written one
DEPARTMENTS = {
    "so-tu-phap": "Sở Tư pháp",
    "so-noi-vu": "Sở Nội vụ",
    "so-khcn": "Sở Khoa học và Công nghệ",
    "so-tai-chinh": "Sở Tài chính",
    "vp-ubnd-tinh": "Văn phòng Ủy ban nhân dân tỉnh",
}
SENDER = "Công an tỉnh Lào Cai <pa03@test.example>"


def address(agency_id: str) -> str:
    return f"{agency_id}@test.example"


def day(offset: int) -> str:
    """The as-of day `offset` days from the due date, ISO."""
    return (DUE + dt.timedelta(days=offset)).isoformat()


# -- a real SMTP server --------------------------------------------------------


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes

    def parsed(self) -> EmailMessage:
        message = email.message_from_bytes(self.data, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        return message

    def body(self) -> str:
        """The decoded text, with the wire's CRLF line ends as Python's newlines."""
        return str(self.parsed().get_content()).replace("\r\n", "\n")


@dataclass
class Inbox:
    """An aiosmtpd handler that keeps what it receives and refuses some addresses."""

    refuse: set[str] = field(default_factory=set)
    delay: float = 0.0
    messages: list[Received] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)

    async def handle_RCPT(  # aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return f"550 5.1.1 <{address}>: mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.delay:
            import asyncio

            await asyncio.sleep(self.delay)
        self.messages.append(
            Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content)
        )
        return "250 2.0.0 accepted"

    def to(self, agency_id: str) -> list[Received]:
        return [m for m in self.messages if address(agency_id) in m.recipients]

    def take(self) -> list[Received]:
        taken, self.messages[:] = list(self.messages), []
        return taken


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_smtp(inbox: Inbox, **kwargs: Any) -> Controller:
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), **kwargs)
    controller.start()
    return controller


def use_smtp(monkeypatch: pytest.MonkeyPatch, port: int, **extra: str) -> None:
    monkeypatch.setenv("BMNN_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("BMNN_SMTP_PORT", str(port))
    monkeypatch.setenv("BMNN_SMTP_SECURITY", "none")
    monkeypatch.setenv("BMNN_SMTP_FROM", SENDER)
    monkeypatch.setenv("BMNN_SMTP_TIMEOUT", "5")
    for name, value in extra.items():
        monkeypatch.setenv(name, value)


@pytest.fixture(autouse=True)
def no_user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither the developer's config file nor their BMNN_SMTP_* variables leak in."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for name in (
        "BMNN_CONFIG", "BMNN_SMTP_HOST", "BMNN_SMTP_PORT", "BMNN_SMTP_SECURITY",
        "BMNN_SMTP_USER", "BMNN_SMTP_FROM", "BMNN_SMTP_PASSWORD", "BMNN_SMTP_PASSWORD_FILE",
        "BMNN_SMTP_CAFILE", "BMNN_SMTP_TIMEOUT",
    ):  # fmt: skip
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def inbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    handler = Inbox()
    controller = start_smtp(handler)
    use_smtp(monkeypatch, controller.port)
    yield handler
    controller.stop()


# -- the plan and a registry with addresses --------------------------------------


def registry_with_emails(folder: Path) -> Path:
    """A copy of the Lào Cai registry in which every agency has one address."""
    lines, out, table = (EXAMPLES / "lao-cai" / "agencies.toml").read_text().splitlines(), [], ""
    for line in lines:
        if line.startswith("[["):
            table = line.strip()
        if line.startswith("emails ="):
            continue
        out.append(line)
        found = re.match(r'id = "([^"]+)"', line)
        if found and table == "[[agencies]]":
            out.append(f'emails = ["{address(found[1])}"]')
    path = folder / "agencies.toml"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


PLAN = """registry = "{registry}"

[plan]
id = "nhac-han"
number = "12/KH-UBND"
title = "Kế hoạch thử nhắc hạn"
province = "lao-cai"
year = 2026

[[tasks]]
id = "IV.1.a"
title = "Xây dựng Kế hoạch cụ thể, gửi về Công an tỉnh"
lead = ["so-ban-nganh"]
deliverable = "plan"
deadline = "trước ngày 10/3/2026"
[[tasks.schedule]]
kind = "fixed"
date = 2026-03-10
"""


def write_plan(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    registry = registry_with_emails(folder)
    path = folder / "plan.toml"
    path.write_text(PLAN.format(registry=registry), encoding="utf-8")
    return path


_written: dict[str, Path] = {}


def _plan_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plan over a registry with addresses, written once per test process, never changed."""
    if "plan" not in _written:
        _written["plan"] = write_plan(tmp_path_factory.mktemp("remind") / "plan")
    return _written["plan"]


@pytest.fixture
def plan(templates: Templates, tmp_path_factory: pytest.TempPathFactory, db: Path) -> Path:
    """The test's database with the plan imported (a copy of a template)."""
    templates.copy((_plan_file(tmp_path_factory),), db)
    return db


def log_rows(db: Db) -> list[tuple[Any, ...]]:
    return query(
        db,
        "SELECT a.code, r.channel, r.due, r.stage FROM reminder_log r "
        "JOIN obligation o ON o.id = r.obligation_id JOIN agency a ON a.id = o.agency_id "
        "ORDER BY r.id",
    )


def send(cli: Cli, offset: int, *extra: str, code: int = 0, lang: str = "en") -> str:
    args = ("remind", "--send", "--as-of", day(offset), "--plan", "nhac-han", *extra)
    return cli(*args) if code == 0 else cli.fail(*args, code=code, lang=lang)


# -- stages (pure) -------------------------------------------------------------


@pytest.mark.no_database
def test_stage_syntax() -> None:
    assert parse_stage("-7d") == Stage(-7)
    assert parse_stage("0d") == parse_stage("0") == Stage(0)
    assert parse_stage("+1w/1w") == Stage(7, 7)
    assert parse_stage(" + 3 d / 2 d ") == Stage(3, 2)
    assert str(Stage(7, 7)) == "+7d/7d" and str(Stage(-1)) == "-1d"
    assert parse_stages(["0d", "-7d", "-7d"]) == (Stage(-7), Stage(0))
    for bad in ("soon", "-7d/7d", "+1d/0d", "7x", ""):
        with pytest.raises(ValueError):
            parse_stage(bad)


STAGES = parse_stages(["-7d", "-1d", "0d", "+7d/7d"])


@pytest.mark.no_database
@pytest.mark.parametrize(
    ("offset", "logged", "expected"),
    [
        (-8, set(), None),  # nothing has fallen due yet
        (-7, set(), -7),
        (-3, {-7}, None),  # -7 sent, -1 not yet
        (-3, set(), -7),  # a late first run still sends the 7-day notice
        (0, {-7}, 0),  # -1 was missed: only the latest stage goes out
        (0, {-7, 0}, None),
        (6, {0}, None),
        (7, {0}, 7),
        (20, {7}, 14),  # weekly while overdue; a missed week is caught up once
        (20, {14}, None),
        (21, {14}, 21),
    ],
)
def test_latest_unlogged_stage_only(offset: int, logged: set[int], expected: int | None) -> None:
    assert due_stage(STAGES, DUE, DUE + dt.timedelta(days=offset), logged) == expected


# -- sending -------------------------------------------------------------------


def test_one_message_per_agency_with_encoded_headers(cli: Cli, plan: Path, inbox: Inbox) -> None:
    out = send(cli, -7)
    assert "Đã gửi 5/5 thư nhắc hạn (5 nghĩa vụ)." in out
    assert sorted(r for m in inbox.messages for r in m.recipients) == sorted(
        address(a) for a in DEPARTMENTS
    )
    assert all(len(inbox.to(a)) == 1 for a in DEPARTMENTS)
    received = inbox.to("so-tu-phap")[0]
    raw_headers = received.data.split(b"\r\n\r\n", 1)[0]
    assert raw_headers.isascii()  # non-ASCII headers are RFC 2047 encoded words
    assert b"=?utf-8?" in raw_headers
    message = received.parsed()
    subject = "[BMNN] Nhắc hạn: 1 nhiệm vụ sắp đến hạn – Sở Tư pháp"
    assert str(make_header(decode_header(message["Subject"]))) == subject
    assert message["Subject"] == subject
    assert message["To"] == "Sở Tư pháp <so-tu-phap@test.example>"
    assert message["From"] == SENDER and received.sender == "pa03@test.example"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Message-ID"].endswith("@test.example>")
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    body = received.body()
    assert body.startswith("Kính gửi: Sở Tư pháp\n")
    for text in (
        "Nhiệm vụ IV.1.a: Xây dựng Kế hoạch cụ thể, gửi về Công an tỉnh",
        "Kế hoạch: số 12/KH-UBND – Kế hoạch thử nhắc hạn",
        "Thời hạn theo văn bản: “trước ngày 10/3/2026”",
        "Hạn áp dụng: 10/03/2026, còn 7 ngày",
        "Công an tỉnh Lào Cai (Cơ quan thường trực Ban Chỉ đạo",
        "Trân trọng./.",
    ):
        assert text in body.replace("\n   ", " ").replace("\n", " "), text
    assert max(len(line) for line in received.data.splitlines()) <= 998


def test_each_stage_once_then_again_after_the_interval(cli: Cli, plan: Path, inbox: Inbox) -> None:
    """Hourly or daily runs: 7 days before, 1 day before, the day, weekly while late."""
    sent_per_run: dict[int, list[int]] = {}
    for offset in (-7, -7, -6, -2, -1, -1, 0, 0, 1, 6, 7, 7, 8, 13, 14):
        send(cli, offset, "--include-overdue")
        sent_per_run.setdefault(offset, []).append(len(inbox.take()))
    assert sent_per_run == {
        -7: [5, 0], -6: [0], -2: [0], -1: [5, 0], 0: [5, 0], 1: [0], 6: [0],
        7: [5, 0], 8: [0], 13: [0], 14: [5],
    }  # fmt: skip
    stages = [stage for code, *_, stage in log_rows(plan) if code == "so-tu-phap"]
    assert stages == [-7, -1, 0, 7, 14]


def test_missed_runs_are_caught_up_once(cli: Cli, plan: Path, inbox: Inbox) -> None:
    """The machine was off from 8 days before the due date until 3 days after."""
    send(cli, -8)
    assert inbox.take() == []
    send(cli, 3, "--include-overdue")
    received = inbox.take()
    assert len(received) == 5  # one each: the due-day stage, not also -7 and -1
    body = received[0].body()
    assert "NHIỆM VỤ ĐÃ QUÁ HẠN" in body and "đã quá hạn 3 ngày" in body
    send(cli, 3, "--include-overdue")
    send(cli, 5, "--include-overdue")
    assert inbox.take() == []
    assert {stage for *_, stage in log_rows(plan)} == {0}


def test_overdue_only_with_the_option(cli: Cli, plan: Path, inbox: Inbox) -> None:
    out = send(cli, 2)
    assert inbox.take() == [] and "Không có thư nhắc hạn nào" in out
    send(cli, 2, "--include-overdue")
    assert len(inbox.take()) == 5


def test_a_refused_address_does_not_stop_the_others(cli: Cli, plan: Path, inbox: Inbox) -> None:
    inbox.refuse.add(address("so-noi-vu"))
    err = send(cli, -7, code=7, lang="vi")
    assert len(inbox.take()) == 4 and inbox.to("so-noi-vu") == []
    assert "Không gửi được tới Sở Nội vụ" in err and "550" in err
    assert "1/5 thư nhắc hạn chưa gửi được: Sở Nội vụ (" in err
    assert "so-noi-vu" not in {code for code, *_ in log_rows(plan)}
    inbox.refuse.clear()
    send(cli, -7)  # the next run sends only what failed
    received = inbox.take()
    assert [m.recipients for m in received] == [[address("so-noi-vu")]]


def test_server_down_records_nothing_and_the_next_run_sends(
    cli: Cli, plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_smtp(monkeypatch, free_port())  # nothing listens there
    started = time.monotonic()
    err = send(cli, -7, code=7)
    assert time.monotonic() - started < 5  # one failed connection, not five
    assert "5 of 5 reminder messages were not delivered" in err
    assert "cannot use the SMTP server 127.0.0.1" in err
    assert log_rows(plan) == []
    handler = Inbox()
    controller = start_smtp(handler)
    try:
        use_smtp(monkeypatch, controller.port)
        send(cli, -6)
    finally:
        controller.stop()
    assert len(handler.messages) == 5  # the 7-day stage, caught up a day late


def test_dry_run_shows_and_records_nothing(
    cli: Cli, plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_smtp(monkeypatch, free_port())  # a dry run never connects
    out = send(cli, -1, "--dry-run")
    assert out.count("Kính gửi: ") == 5
    assert f"Người gửi: {SENDER}" in out
    assert "Người nhận: Sở Tư pháp <so-tu-phap@test.example>" in out
    assert "Hạn áp dụng: 10/03/2026, còn 1 ngày" in out
    assert "Chạy thử: 5 thư nhắc hạn (5 nghĩa vụ) sẽ được gửi" in out
    assert log_rows(plan) == []
    assert query(plan, "SELECT COUNT(*) FROM audit_log WHERE action = 'remind'") == [(0,)]


def test_preview_without_a_channel_records_nothing(cli: Cli, plan: Path) -> None:
    out = cli("remind", "--as-of", day(-1), "--agency", "so tu phap")
    assert out.count("Kính gửi: ") == 1 and "--send" in out
    data = json.loads(cli("remind", "--as-of", day(-1), "--format", "json"))
    assert data["recorded"] is False and len(data["messages"]) == 5
    first = data["messages"][0]
    assert first["to"] == [address(first["agency_id"])]
    assert first["reminders"][0] | {"title": ""} == {
        "plan": "nhac-han", "plan_number": "12/KH-UBND", "task": "IV.1.a", "title": "",
        "period": "once", "deadline": "trước ngày 10/3/2026", "scheduled_due": "2026-03-10",
        "effective_due": "2026-03-10", "status": "pending", "days_left": 1, "stage": -1,
    }  # fmt: skip
    assert log_rows(plan) == []


def test_sent_reminders_are_audited(cli: Cli, plan: Path, inbox: Inbox) -> None:
    send(cli, -7, "--agency", "so tu phap")
    rows = query(plan, "SELECT plan, task, agency, detail FROM audit_log WHERE action = 'remind'")
    assert rows == [
        (
            "nhac-han",
            "IV.1.a",
            "so-tu-phap",
            "smtp: stage -7d of due 2026-03-10 (once); to so-tu-phap@test.example",
        )
    ]


def test_english(cli: Cli, plan: Path, inbox: Inbox) -> None:
    out = cli("--lang", "en", "remind", "--send", "--as-of", day(0), "--agency", "so noi vu")
    assert "Sent 1 of 1 reminder message(s)" in out
    message = inbox.messages[0].parsed()
    assert message["Subject"] == "[BMNN] Reminder: 1 due soon – Sở Nội vụ"
    body = inbox.messages[0].body()
    assert body.startswith("To: Sở Nội vụ\n") and "Effective due date: 10/03/2026, today" in body


# -- agencies without an e-mail address -----------------------------------------

UNADDRESSED = ("so-khcn", "so-tai-chinh")
WARNING_VI = (
    "Cảnh báo: 2 cơ quan chưa có địa chỉ thư điện tử, chưa gửi: Sở Khoa học và Công nghệ,"
    ' Sở Tài chính. Bổ sung emails = ["…"] cho các cơ quan này trong danh mục cơ quan rồi'
    " chạy lại bmnn import"
)
WARNING_EN = (
    "Warning: 2 agency(ies) without an e-mail address, not sent: Sở Khoa học và Công nghệ,"
    ' Sở Tài chính. Add emails = ["…"] for them in the agency registry, then run bmnn import'
)


def without_addresses(plan_file: Path, *agency_ids: str) -> None:
    """Drop from the registry beside the plan the addresses of `agency_ids` (all if none)."""
    registry = plan_file.parent / "agencies.toml"
    drop = {f'emails = ["{address(a)}"]\n' for a in agency_ids}
    lines = registry.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [x for x in lines if not (x in drop or not agency_ids and x.startswith("emails ="))]
    removed = len(lines) - len(kept)
    assert removed == len(agency_ids) if agency_ids else removed > 0
    registry.write_text("".join(kept), encoding="utf-8")


@pytest.fixture
def mixed(cli: Cli, db: Path, tmp_path: Path) -> Path:
    """The plan over a registry in which two of the five departments have no address."""
    plan_file = write_plan(tmp_path / "mixed")
    without_addresses(plan_file, *UNADDRESSED)
    cli("import", str(plan_file))
    return plan_file


def run(cli: Cli, *args: str, code: int = 0, lang: str = "en") -> tuple[str, str]:
    """Run in `lang`; the exit code must be `code`; stdout and stderr."""
    from bmnn_cli.cli.app import app

    result = cli.runner.invoke(app, ["--lang", lang, *args], catch_exceptions=False)
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    return result.stdout, result.stderr


def test_agencies_without_address_are_warned_about_not_failed(
    cli: Cli, db: Path, mixed: Path, inbox: Inbox
) -> None:
    remind = ("remind", "--send", "--plan", "nhac-han", "--as-of")
    out, err = run(cli, *remind, day(-7), lang="vi")  # exit 0: nothing is wrong with the server
    assert sorted(r for m in inbox.take() for r in m.recipients) == sorted(
        address(a) for a in DEPARTMENTS if a not in UNADDRESSED
    )
    assert "Đã gửi 3/3 thư nhắc hạn (3 nghĩa vụ)." in out
    assert WARNING_VI in err and err.count("Sở Tài chính") == 1
    assert "Không gửi được" not in err and "chưa gửi được" not in err
    assert "Sở Tài chính" not in out  # no progress line of their own
    assert {code for code, *_ in log_rows(db)} == set(DEPARTMENTS) - set(UNADDRESSED)

    out, err = run(cli, *remind, day(-7), "--format", "json")  # again: nothing is resent
    assert inbox.take() == [] and WARNING_EN in err
    outcomes = {m["agency_id"]: m["outcome"] for m in json.loads(out)["messages"]}
    assert outcomes == dict.fromkeys(UNADDRESSED, "no_address")
    assert len(log_rows(db)) == 3

    # asked for an agency without address alone: nothing could be sent at all
    err = cli.fail(*remind, day(-7), "--agency", "so khcn", code=3)
    assert "no reminder could be sent: 1 message(s) are due, but no agency within" in err

    write_plan(mixed.parent)  # the registry again, now with every address
    cli("import", str(mixed))
    out, err = run(cli, *remind, day(-6))
    received = inbox.take()
    assert sorted(r for m in received for r in m.recipients) == [address(a) for a in UNADDRESSED]
    assert "Sent 2 of 2" in out and err == ""
    assert sorted(stage for *_, stage in log_rows(db)) == [-7] * 5  # caught up, as if missed
    out, err = run(cli, *remind, day(-6))
    assert inbox.take() == [] and err == ""


def test_no_agency_with_an_address_exits_3_without_connecting(
    cli: Cli, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan_file = write_plan(tmp_path / "none")
    without_addresses(plan_file)
    cli("import", str(plan_file))
    use_smtp(monkeypatch, free_port())  # nothing listens: a connection would mean exit 7
    err = send(cli, -7, code=3)
    assert "Warning: 5 agency(ies) without an e-mail address, not sent: Sở Tư pháp, " in err
    assert "no reminder could be sent: 5 message(s) are due" in err
    assert "SMTP" not in err and "were not delivered" not in err
    assert log_rows(db) == []
    err = send(cli, -7, code=3, lang="vi")
    assert "bmnn: không gửi được thư nhắc hạn nào: 5 thư đã đến lượt gửi nhưng" in err


def test_dry_run_and_preview_set_apart_agencies_without_address(
    cli: Cli, db: Path, mixed: Path
) -> None:
    out = cli("remind", "--dry-run", "--as-of", day(-7))
    assert out.count("Kính gửi: ") == 5  # every message is shown
    assert "Người nhận: Sở Tài chính (chưa có địa chỉ thư điện tử trong danh mục cơ quan)" in out
    assert "Chạy thử: 3 thư nhắc hạn (3 nghĩa vụ) sẽ được gửi" in out
    assert WARNING_VI in out
    out = cli("remind", "--as-of", day(-7))
    assert "3 thư nhắc hạn (3 nghĩa vụ) đến lượt gửi" in out and WARNING_VI in out
    assert log_rows(db) == []


def test_many_agencies_without_address_are_named_compactly(cli: Cli, lao_cai: Path) -> None:
    args = ("remind", "--dry-run", "--include-overdue", "--as-of", "2026-10-25")
    out = cli(*args)  # the example registry has no address for any answerable agency
    assert out.count("Kính gửi: ") == 104
    assert "Chạy thử: 0 thư nhắc hạn (0 nghĩa vụ) sẽ được gửi" in out
    assert (
        "Cảnh báo: 104 cơ quan chưa có địa chỉ thư điện tử, chưa gửi: Sở Tư pháp, Sở Nội vụ,"
        " Sở Khoa học và Công nghệ, Sở Tài chính, Văn phòng Ủy ban nhân dân tỉnh"
        " và 99 cơ quan khác. Bổ sung emails"
    ) in out
    out, _ = run(cli, *args)
    assert "Warning: 104 agency(ies) without an e-mail address, not sent: Sở Tư pháp," in out
    assert "Văn phòng Ủy ban nhân dân tỉnh and 99 more. Add emails" in out


def test_eml_files_for_agencies_without_address_have_no_recipient(
    cli: Cli, db: Path, mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file is what --eml makes: written and recorded, to be addressed by hand."""
    monkeypatch.setenv("BMNN_SMTP_FROM", SENDER)
    outbox = tmp_path / "outbox"
    out, err = run(cli, "remind", "--eml", str(outbox), "--as-of", day(-7), lang="vi")
    assert "Đã ghi 5/5 thư nhắc hạn" in out
    assert "(Sở Tài chính, 1 nghĩa vụ; chưa có người nhận)." in out
    assert "Cảnh báo: 2 tệp .eml không có người nhận" in err and "Sở Tài chính." in err
    (path,) = outbox.glob("*-so-tai-chinh-*.eml")
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message["To"] is None and "Kính gửi: Sở Tài chính" in message.get_content()
    assert len(log_rows(db)) == 5
    run(cli, "remind", "--eml", str(outbox), "--as-of", day(-7))
    assert len(list(outbox.glob("*.eml"))) == 5


def test_a_second_run_waits_for_none(cli: Cli, plan: Path, inbox: Inbox) -> None:
    """While another run holds the lock, a run sends nothing and exits 75."""
    from bmnn_cli.store.db import open_store
    from bmnn_cli.store.reminders import run_lock

    with run_lock(open_store(plan, create=False)):  # a lock file, or an advisory lock
        err = send(cli, -7, code=75)
    assert "another `bmnn remind` is sending" in err
    assert inbox.messages == [] and log_rows(plan) == []
    send(cli, -7)
    assert len(inbox.messages) == 5


# -- .eml files ----------------------------------------------------------------


def test_eml_files_one_per_agency_and_once(
    cli: Cli, plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BMNN_SMTP_FROM", SENDER)
    outbox = tmp_path / "outbox"
    out = cli("remind", "--eml", str(outbox), "--as-of", day(-7))
    files = sorted(outbox.glob("*.eml"))
    assert len(files) == 5 and "Đã ghi 5/5 thư nhắc hạn" in out
    assert files[0].name.startswith("20260303-")
    message = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert "Kính gửi: " in message.get_content()
    assert message["To"].addresses[0].addr_spec.endswith("@test.example")
    cli("remind", "--eml", str(outbox), "--as-of", day(-7))
    assert len(list(outbox.glob("*.eml"))) == 5  # logged: nothing written again
    assert {channel for _, channel, *_ in log_rows(plan)} == {"eml"}


def test_eml_needs_a_sender(cli: Cli, plan: Path, tmp_path: Path) -> None:
    err = cli.fail("remind", "--eml", str(tmp_path / "o"), "--as-of", day(-7), code=3)
    assert "no sender address" in err and "BMNN_SMTP_FROM" in err


# -- settings and the password ---------------------------------------------------


def test_settings_from_the_config_file(
    cli: Cli, plan: Path, tmp_path: Path, inbox: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = int(__import__("os").environ["BMNN_SMTP_PORT"])
    for name in ("BMNN_SMTP_HOST", "BMNN_SMTP_PORT", "BMNN_SMTP_SECURITY", "BMNN_SMTP_FROM"):
        monkeypatch.delenv(name)
    config = tmp_path / "config" / "bmnn" / "config.toml"  # the per-user default place
    config.parent.mkdir(parents=True)
    config.write_text(
        f"""[smtp]
host = "127.0.0.1"
port = {port}
security = "none"
from = "{SENDER}"

[remind]
stages = ["-3d", "0d"]
office = "Công an tỉnh {{province}} – Phòng PA03"
""",
        encoding="utf-8",
    )
    send(cli, -7)
    assert inbox.take() == []  # no -7d stage any more
    send(cli, -3)
    body = inbox.take()[0].body()
    assert "Công an tỉnh Lào Cai – Phòng PA03 trân trọng đề nghị" in body


def test_password_never_from_the_config_file(cli: Cli, plan: Path, tmp_path: Path) -> None:
    config = tmp_path / "bmnn.toml"
    config.write_text('[smtp]\nhost = "x"\npassword = "hunter2"\n', encoding="utf-8")
    err = cli.fail("remind", "--config", str(config), "--as-of", day(-7), code=3)
    assert "never read from the config file" in err and "hunter2" not in err


def test_login_with_a_password_file(
    cli: Cli, plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aiosmtpd.smtp import AuthResult

    handler = Inbox()

    def check(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
        handler.logins.append(f"{data.login.decode()}:{data.password.decode()}")
        return AuthResult(success=data.password == b"s3cret pass", handled=False)

    controller = start_smtp(handler, authenticator=check, auth_require_tls=False)
    secret = tmp_path / "password"
    secret.write_text("s3cret pass\n", encoding="utf-8")
    try:
        use_smtp(monkeypatch, controller.port, BMNN_SMTP_USER="pa03")
        err = send(cli, -7, code=3)  # no password given: refused before sending
        assert "has no password" in err and handler.logins == []
        monkeypatch.setenv("BMNN_SMTP_PASSWORD_FILE", str(secret))
        out = send(cli, -7, "--agency", "so tu phap")
    finally:
        controller.stop()
    assert handler.logins == ["pa03:s3cret pass"] and len(handler.messages) == 1
    assert "s3cret" not in out


def test_wrong_password_fails_every_message_once(
    cli: Cli, plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aiosmtpd.smtp import AuthResult

    handler = Inbox()
    controller = start_smtp(
        handler,
        authenticator=lambda *args: AuthResult(success=False, handled=False),
        auth_require_tls=False,
    )
    try:
        use_smtp(monkeypatch, controller.port, BMNN_SMTP_USER="pa03")
        monkeypatch.setenv("BMNN_SMTP_PASSWORD", "wrong-one")
        err = send(cli, -7, code=7)
    finally:
        controller.stop()
    assert "refused the login for 'pa03'" in err and "wrong-one" not in err
    assert handler.messages == [] and log_rows(plan) == []


# -- encryption ----------------------------------------------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (the role of a private CA's)."""
    import shutil
    import subprocess

    assert shutil.which("openssl"), "openssl is missing: scripts/test.sh installs it"
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def server_context(certificate: tuple[Path, Path]) -> Any:
    import ssl

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*map(str, certificate))
    return context


@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_encrypted_with_a_private_ca(
    cli: Cli,
    plan: Path,
    monkeypatch: pytest.MonkeyPatch,
    certificate: tuple[Path, Path],
    security: str,
) -> None:
    from aiosmtpd.smtp import AuthResult

    handler = Inbox()
    extra: dict[str, Any] = {"authenticator": lambda *a: AuthResult(success=True)}
    if security == "starttls":
        extra |= {"tls_context": server_context(certificate), "require_starttls": True}
    else:  # aiosmtpd offers AUTH on implicit TLS only when told TLS is not required
        extra |= {"ssl_context": server_context(certificate), "auth_require_tls": False}
    controller = start_smtp(handler, **extra)
    try:
        use_smtp(monkeypatch, controller.port, BMNN_SMTP_SECURITY=security)
        monkeypatch.setenv("BMNN_SMTP_USER", "pa03")
        monkeypatch.setenv("BMNN_SMTP_PASSWORD", "secret")
        err = send(cli, -7, "--agency", "so tu phap", code=7)  # the CA is not trusted yet
        assert "certificate verify failed" in err and handler.messages == []
        monkeypatch.setenv("BMNN_SMTP_CAFILE", str(certificate[0]))
        send(cli, -7, "--agency", "so tu phap")
    finally:
        controller.stop()
    assert len(handler.messages) == 1


def test_quoted_printable_for_a_server_without_8bitmime(cli: Cli, plan: Path) -> None:
    from bmnn_cli.delivery import mail
    from bmnn_cli.delivery.config import load
    from bmnn_cli.delivery.run import Query
    from bmnn_cli.delivery.run import due_messages as _messages
    from bmnn_cli.store.db import open_store

    settings = load()
    query = Query(DUE - dt.timedelta(days=7), 7, False, agency="so tu phap")
    (message,) = _messages(open_store(plan, create=False), query, settings, "smtp")
    original = mail.build(message, SENDER)
    seven = mail._seven_bit(original)
    assert seven["Content-Transfer-Encoding"] == "quoted-printable"
    assert seven.as_bytes().isascii()
    assert seven["Subject"] == original["Subject"] and seven["To"] == original["To"]
    assert seven.get_content() == original.get_content() == message.body


def test_subject_keeps_every_space_when_folded() -> None:
    """Python's default folding dropped the space between two encoded words."""
    import datetime as dt
    import email
    import email.policy
    from types import SimpleNamespace

    from bmnn_cli.delivery.mail import build

    subject = "[BMNN] Nhắc hạn: 1 nhiệm vụ quá hạn, 1 nhiệm vụ sắp đến hạn – Sở Tư pháp"
    message = SimpleNamespace(
        agency="Sở Tư pháp", recipients=["stp@test.example"], subject=subject, body="Kính gửi",
        as_of=dt.date(2026, 10, 25), agency_id="so-tu-phap", fingerprint=lambda: "0" * 24,
    )  # fmt: skip
    raw = build(message, "CA <pa03@test.example>").as_bytes(policy=email.policy.SMTP)  # type: ignore[arg-type]
    assert all(len(line) <= 78 for line in raw.split(b"\r\n"))
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["Subject"] == subject
