"""The cron example: the wrapper script and the crontab, run as cron would.

Jobs get cron's bare environment (HOME, LOGNAME, SHELL and the crontab's
own variables, no XDG_*), a real database file and a real SMTP server.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, Cli
from test_remind import (
    DEPARTMENTS,
    SENDER,
    Inbox,
    day,
    free_port,
    start_smtp,
    without_addresses,
    write_plan,
)

CRON = ROOT / "examples" / "cron"
WRAPPER = CRON / "bmnn-remind.sh"
INSTALLED = "/usr/local/bin/bmnn-remind.sh"  # where the crontab expects the wrapper


def crontab() -> tuple[dict[str, str], list[str]]:
    """The crontab's variables, and the command of each job line."""
    variables: dict[str, str] = {}
    commands: list[str] = []
    for line in (CRON / "crontab").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, equals, value = line.partition("=")
        if equals and " " not in name:
            variables[name] = value
        else:
            commands.append(line.split(None, 5)[5])
    return variables, commands


def cron_environment(home: Path, db: Path, port: int) -> dict[str, str]:
    """What cron gives a job: its own few variables plus the crontab's."""
    variables, _ = crontab()
    bmnn = shutil.which("bmnn")
    assert bmnn, "bmnn must be installed (pip install -e .)"
    env = {"HOME": str(home), "LOGNAME": "bmnn", "SHELL": "/bin/sh", **variables}
    env["PATH"] = f"{Path(bmnn).parent}:{variables['PATH']}"  # where pip put bmnn here
    env["BMNN_DB"] = str(db)
    env["BMNN_REMIND_LOG"] = str(home / "log" / "bmnn-remind.log")
    config = home / ".config" / "bmnn" / "config.toml"  # the default place, found via HOME
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\nfrom = "{SENDER}"\n',
        encoding="utf-8",
    )
    return env


@pytest.fixture
def cron(cli: Cli, db: Path, tmp_path: Path) -> Path:
    cli("import", str(write_plan(tmp_path / "plan")))
    return tmp_path / "home"


def run_job(command: str, env: dict[str, str], *extra: str) -> subprocess.Popen[str]:
    command = command.replace(INSTALLED, shlex.quote(str(WRAPPER)))
    return subprocess.Popen(
        ["/bin/sh", "-c", " ".join([command, *extra])],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.engine_free  # the crontab's lines and wrapper (two runs at once is on both)
@pytest.mark.slow  # cron-like shell jobs against a real SMTP server
def test_crontab_lines_run_as_written(cron: Path, db: Path) -> None:
    variables, commands = crontab()
    assert variables["BMNN_DB"] and len(commands) == 2
    assert all(c.startswith(INSTALLED) for c in commands)
    inbox = Inbox()
    controller = start_smtp(inbox)
    try:
        env = cron_environment(cron, db, controller.port)
        daily, weekly = commands
        for command, offset in ((daily, -7), (daily, -7), (weekly, 7), (weekly, 7)):
            job = run_job(command, env, "--as-of", day(offset))
            out, err = job.communicate(timeout=120)
            assert job.returncode == 0 and out == "" and err == "", (out, err)
    finally:
        controller.stop()
    assert len(inbox.messages) == 10  # 5 at -7d, none again, 5 a week after the due date
    log = (cron / "log" / "bmnn-remind.log").read_text()
    assert log.count("start: bmnn remind --send") == 4 and log.count("done (exit 0)") == 4
    assert "Đã gửi 5/5 thư nhắc hạn" in log and "Không có thư nhắc hạn nào" in log


@pytest.mark.slow  # cron-like shell jobs against a real SMTP server
def test_two_runs_at_once_send_once(cron: Path, db: Path) -> None:
    inbox = Inbox(delay=0.2)  # a slow server keeps the first run busy
    controller = start_smtp(inbox)
    try:
        env = cron_environment(cron, db, controller.port)
        jobs = [run_job(INSTALLED + " --send", env, "--as-of", day(-7)) for _ in range(2)]
        results = [job.communicate(timeout=120) for job in jobs]
    finally:
        controller.stop()
    codes = sorted(job.returncode for job in jobs)
    assert codes in ([0, 0], [0, 75]), results
    assert len(inbox.messages) == len(DEPARTMENTS) == 5
    assert sorted(r for m in inbox.messages for r in m.recipients) == sorted(
        f"{a}@test.example" for a in DEPARTMENTS
    )
    log = (cron / "log" / "bmnn-remind.log").read_text()
    assert log.count("start: ") == 2 and log.count("done (exit 0)") == codes.count(0)


@pytest.mark.slow  # cron-like shell jobs against a real SMTP server
def test_failure_is_logged_mailed_and_passed_on(cron: Path, db: Path) -> None:
    env = cron_environment(cron, db, free_port())  # nothing listens there
    job = run_job(INSTALLED + " --send", env, "--as-of", day(-7))
    out, err = job.communicate(timeout=120)
    assert job.returncode == 7 and out == ""
    # in Vietnamese, as the crontab sets BMNN_LANG=vi
    assert "failed with exit 7" in err and "thư nhắc hạn chưa gửi được" in err  # cron mails this
    log = (cron / "log" / "bmnn-remind.log").read_text()
    assert "FAILED (exit 7)" in log and "không sử dụng được máy chủ SMTP" in log


@pytest.mark.slow  # cron-like shell jobs against a real SMTP server
def test_missing_addresses_are_logged_and_mailed_only_when_nothing_can_go(
    cli: Cli, db: Path, tmp_path: Path
) -> None:
    """Some agencies without an address: exit 0, a warning in the log, no mail from cron.

    None with an address: nothing can ever be sent, so the run fails and cron mails it.
    """
    plan_file = write_plan(tmp_path / "plan")
    without_addresses(plan_file, "so-khcn", "so-tai-chinh")
    cli("import", str(plan_file))
    home = tmp_path / "home"
    inbox = Inbox()
    controller = start_smtp(inbox)
    try:
        env = cron_environment(home, db, controller.port)
        job = run_job(INSTALLED + " --send", env, "--as-of", day(-7))
        out, err = job.communicate(timeout=120)
        assert job.returncode == 0 and out == "" and err == "", (out, err)
        assert len(inbox.messages) == 3
        without_addresses(plan_file)  # the registry re-imported without any address
        cli("import", str(plan_file))
        job = run_job(INSTALLED + " --send", env, "--as-of", day(-7))
        out, err = job.communicate(timeout=120)
    finally:
        controller.stop()
    assert job.returncode == 3 and out == "" and len(inbox.messages) == 3
    assert "failed with exit 3" in err and "không gửi được thư nhắc hạn nào" in err
    log = (home / "log" / "bmnn-remind.log").read_text()
    assert log.count("Cảnh báo: 2 cơ quan chưa có địa chỉ thư điện tử, chưa gửi") == 2
    assert "done (exit 0)" in log and "FAILED (exit 3)" in log


def test_wrapper_wants_the_database_named(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "PATH": os.environ["PATH"]}
    job = subprocess.run([str(WRAPPER), "--send"], env=env, capture_output=True, text=True)
    assert job.returncode == 2 and "set BMNN_DB" in job.stderr
