"""Settings for reminders: `config.toml` in the user's config folder, then env vars.

The file (`~/.config/bmnn/config.toml` on Linux; `--config` or
`BMNN_CONFIG` name another) has an `[smtp]` and a `[remind]` table,
documented in docs/reminders.md. Environment variables `BMNN_SMTP_*`
override the file, so a cron line or a container can set them alone.

The SMTP password is never read from the command line nor from the config
file itself: only from `BMNN_SMTP_PASSWORD`, or from the file named by
`BMNN_SMTP_PASSWORD_FILE` or `password_file`. It is read only when mail is
sent, and no `repr` or message shows it.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bmnn_cli.domain.reminders import DEFAULT_STAGES, Sender, Stage, parse_stages
from bmnn_cli.errors import InputError
from bmnn_cli.i18n import t

SECURITY = ("starttls", "tls", "none")
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}
SMTP_KEYS = {
    "host": "BMNN_SMTP_HOST",
    "port": "BMNN_SMTP_PORT",
    "security": "BMNN_SMTP_SECURITY",
    "user": "BMNN_SMTP_USER",
    "from": "BMNN_SMTP_FROM",
    "password_file": "BMNN_SMTP_PASSWORD_FILE",
    "cafile": "BMNN_SMTP_CAFILE",
    "timeout": "BMNN_SMTP_TIMEOUT",
}
CONFIG_LIMIT = 1024 * 1024  # a configuration file is a few hundred bytes
PASSWORD_LIMIT = 64 * 1024
REMIND_KEYS = ("stages", "office", "results_to")


@dataclass(frozen=True)
class Smtp:
    host: str = ""
    port: int = 587
    security: str = "starttls"
    user: str = ""
    sender: str = ""  # the From address, "Name <addr>" or addr
    password_file: str = ""
    cafile: str = ""  # a private CA's certificate, for an internal mail server
    timeout: float = 30.0
    origin: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def where(self, key: str) -> str:
        """Where a setting came from, for error messages."""
        return self.origin[key] if key in self.origin else t("err.input.config_default")


@dataclass(frozen=True)
class Settings:
    path: Path
    smtp: Smtp
    stages: tuple[Stage, ...]
    sender: Sender


def config_path(option: str | None, env: Mapping[str, str]) -> tuple[Path, bool]:
    """The config file and whether it was named explicitly (then it must exist)."""
    if option:
        return Path(option).expanduser(), True
    if env.get("BMNN_CONFIG"):
        return Path(env["BMNN_CONFIG"]).expanduser(), True
    import platformdirs

    return platformdirs.user_config_path("bmnn") / "config.toml", False


def load(option: str | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Read the config file (if any) and apply the environment over it."""
    env = os.environ if env is None else env
    path, explicit = config_path(option, env)
    data = _read(path, explicit)
    unknown = set(data) - {"smtp", "remind"}
    if unknown:
        raise InputError(t("err.input.config_tables", tables=sorted(unknown)), path=str(path))
    smtp = _smtp(_table(data, "smtp", path), env, path)
    remind = _table(data, "remind", path)
    _check_keys(remind, REMIND_KEYS, "remind", path)
    try:
        stages = parse_stages(_strings(remind.get("stages", list(DEFAULT_STAGES)), "stages", path))
    except ValueError as error:
        raise InputError(t("err.input.config_stages", error=error), path=str(path)) from None
    sender = Sender(
        office=_text(remind, "office", path), results_to=_text(remind, "results_to", path)
    )
    return Settings(path, smtp, stages, sender)


def _read(path: Path, explicit: bool) -> dict[str, Any]:
    from bmnn_cli.files import Unreadable, read_text_input

    if not explicit and not os.path.lexists(path):
        return {}
    try:
        return tomllib.loads(read_text_input(path, CONFIG_LIMIT))
    except Unreadable as error:
        if not os.path.lexists(path):
            raise InputError(t("err.input.config_missing"), path=str(path)) from None
        raise InputError(
            t("err.input.config_unreadable", error=error.reason), path=str(path), line=error.line
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(t("err.input.config_toml", error=error), path=str(path)) from None


def _table(data: dict[str, Any], name: str, path: Path) -> dict[str, Any]:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise InputError(t("err.input.config_not_table", name=name), path=str(path))
    return table


def _check_keys(table: dict[str, Any], allowed: Any, name: str, path: Path) -> None:
    if "password" in table:
        raise InputError(t("err.input.config_password", name=name), path=str(path))
    unknown = sorted(set(table) - set(allowed))
    if unknown:
        raise InputError(
            t("err.input.config_keys", name=name, unknown=unknown, known=sorted(allowed)),
            path=str(path),
        )


def _smtp(table: dict[str, Any], env: Mapping[str, str], path: Path) -> Smtp:
    _check_keys(table, SMTP_KEYS, "smtp", path)
    values: dict[str, Any] = {}
    origin: dict[str, str] = {}
    for key, var in SMTP_KEYS.items():
        if env.get(var):
            values[key], origin[key] = env[var], var
        elif key in table:
            values[key], origin[key] = (
                table[key],
                t("err.input.config_origin", field=key, path=path),
            )
    security = str(values.get("security", "starttls")).strip().lower()
    if security not in SECURITY:
        raise InputError(
            t(
                "err.input.smtp_security",
                security=security,
                origin=origin.get("security"),
                choices=", ".join(SECURITY),
            ),
            path=str(path),
        )
    sender = str(values.get("from", "")).strip()
    _check_sender(sender, origin, path)
    if values.get("cafile"):
        from bmnn_cli.files import require_regular

        require_regular(Path(str(values["cafile"])).expanduser())  # ssl would wait on a FIFO
    return Smtp(
        host=str(values.get("host", "")).strip(),
        port=_number(values.get("port", DEFAULT_PORTS[security]), "port", origin, path, int),
        security=security,
        user=str(values.get("user", "")),
        sender=sender,
        password_file=str(values.get("password_file", "")),
        cafile=str(values.get("cafile", "")),
        timeout=_number(values.get("timeout", 30), "timeout", origin, path, float),
        origin=origin,
    )


def _check_sender(sender: str, origin: dict[str, str], path: Path) -> None:
    """The sender goes into From: and the SMTP envelope: one address, no line breaks."""
    from bmnn_cli.domain.addresses import split_mailbox

    if sender and split_mailbox(sender) is None:
        where = origin.get("from", t("err.input.config_default"))
        raise InputError(t("err.hostile.bad_sender", sender=sender, origin=where), path=str(path))


def _number(value: Any, key: str, origin: dict[str, str], path: Path, kind: type[Any]) -> Any:
    try:
        number = kind(value)
    except (TypeError, ValueError):
        number = None
    if number is None or number <= 0 or isinstance(value, bool):
        where = origin[key] if key in origin else t("err.input.config_default")
        raise InputError(
            t("err.input.smtp_number", field=key, value=value, origin=where), path=str(path)
        )
    return number


def _strings(value: Any, key: str, path: Path) -> list[str]:
    if isinstance(value, str) or not isinstance(value, list):
        raise InputError(t("err.input.remind_not_strings", field=key), path=str(path))
    return [str(v) for v in value]


def _text(table: dict[str, Any], key: str, path: Path) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise InputError(t("err.input.remind_not_string", field=key), path=str(path))
    return value.strip()


def password(smtp: Smtp, env: Mapping[str, str] | None = None) -> str:
    """The SMTP password, from the environment or a file; '' when no user is set."""
    env = os.environ if env is None else env
    if env.get("BMNN_SMTP_PASSWORD"):
        return env["BMNN_SMTP_PASSWORD"]
    source = smtp.password_file
    if not source:
        if smtp.user:
            raise InputError(t("err.input.smtp_no_password", user=smtp.user))
        return ""
    from bmnn_cli.files import Unreadable, read_text_input

    try:
        text = read_text_input(Path(source).expanduser(), PASSWORD_LIMIT)
    except Unreadable as error:
        raise InputError(
            t(
                "err.input.password_file_unreadable",
                origin=smtp.where("password_file"),
                error=error.reason,
            ),
            path=source,
        ) from None
    return text.splitlines()[0] if text else ""  # the first line: editors add a newline
