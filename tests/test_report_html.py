"""The HTML report, opened in headless Chromium: charts drawn, nothing fetched.

Chromium comes from Debian (`chromium` in scripts/debian-packages.txt, which
scripts/test.sh installs). It runs with a dead proxy and no name resolution,
so that nothing leaves the machine even when the browser itself phones home,
and with a NetLog, where every request a page makes is recorded.
"""

from __future__ import annotations

import json
import re
import struct
import subprocess
import zlib
from pathlib import Path
from typing import Any

import pytest

from conftest import Cli

AS_OF = "2026-11-27"
QUARTER = ["--quarter", "4", "--year", "2026"]
SUBMISSIONS = [
    ("IV.1.b", "so tu phap", "29/10/2026"),
    ("IV.1.b", "so-tai-chinh", "28/10/2026"),
    ("IV.1.b", "vp-ubnd-tinh", "04/11/2026"),
    ("IV.1.b", "xa-khao-mang", "06/10/2026"),
    ("III.8.4", "xa-khao-mang", "20/11/2026"),
]
OK, BAD, SENT = (0x2E, 0x7D, 0x32), (0xC6, 0x28, 0x28), (0x15, 0x65, 0xC0)


def chromium(tmp_path: Path, page: Path, *flags: str) -> subprocess.CompletedProcess[bytes]:
    command = [
        "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={tmp_path / 'chromium'}", "--window-size=1280,2000", *flags,
        page.as_uri(),
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, timeout=120, check=True)


def page_requests(netlog: Path) -> list[str]:
    """URLs the page asked for (the browser's own background requests have no origin)."""
    log = json.loads(netlog.read_text())
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [
        event["params"]["url"]
        for event in log["events"]
        if event["type"] == start
        and "url" in event.get("params", {})
        and event["params"].get("initiator") != "not an origin"
    ]


def png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB rows of an 8-bit, non-interlaced PNG (what Chromium writes)."""
    data = path.read_bytes()
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", data[16:29])
    assert depth == 8 and colour in (2, 6) and not interlace
    chunks, at = b"", 8
    while at < len(data):
        (size,) = struct.unpack(">I", data[at : at + 4])
        if data[at + 4 : at + 8] == b"IDAT":
            chunks += data[at + 8 : at + 8 + size]
        at += size + 12
    raw = zlib.decompress(chunks)
    step = 3 if colour == 2 else 4
    stride, rows, previous = width * step, [], bytearray(width * step)
    for y in range(height):
        start = y * (stride + 1)
        line = _unfilter(raw[start], bytearray(raw[start + 1 : start + 1 + stride]), previous, step)
        rows.append(bytes(b for i, b in enumerate(line) if i % step < 3))
        previous = line
    return width, height, rows


def _unfilter(kind: int, line: bytearray, above: bytearray, step: int) -> bytearray:
    for i in range(len(line)):
        left = line[i - step] if i >= step else 0
        up, corner = above[i], above[i - step] if i >= step else 0
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 2:
            line[i] = (line[i] + up) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            p = left + up - corner
            near = min((abs(p - left), 0, left), (abs(p - up), 1, up), (abs(p - corner), 2, corner))
            line[i] = (line[i] + near[2]) & 0xFF
    return line


def colour_counts(rows: list[bytes]) -> dict[tuple[int, int, int], int]:
    counts: dict[tuple[int, int, int], int] = {}
    for row in rows:
        for i in range(0, len(row), 3):
            key = (row[i], row[i + 1], row[i + 2])
            counts[key] = counts.get(key, 0) + 1
    return counts


@pytest.fixture
def report(cli: Cli, lao_cai: Path, tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    for task, agency, day in SUBMISSIONS:
        cli("submit", "-t", task, "-a", agency, "-d", day, "--as-of", AS_OF)
    path = tmp_path / "report.html"
    cli("report", *QUARTER, "--as-of", AS_OF, "--format", "html", "-o", str(path))
    data = json.loads(cli("report", *QUARTER, "--as-of", AS_OF, "--format", "json"))
    return path, data


def test_page_refers_to_nothing_outside_itself(report: tuple[Path, dict[str, Any]]) -> None:
    text = report[0].read_text(encoding="utf-8")
    assert "http://" not in text and "https://" not in text
    assert not re.search(r"""(src|href)\s*=|<script|<link|@import|url\(""", text, re.I)
    assert "@media print" in text and text.count("<svg") >= 2


@pytest.mark.sqlite_only  # the page is the same file on either engine; its figures are
@pytest.mark.slow  # checked on both by the tests above; this starts Chromium
def test_chromium_draws_the_charts_and_fetches_nothing(
    report: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    path, data = report
    netlog = tmp_path / "netlog.json"
    dom = chromium(tmp_path, path, f"--log-net-log={netlog}", "--dump-dom").stdout.decode()
    charted = [a for a in data["agencies"] if a["fallen_due"]]
    assert len(charted) > 50
    assert len(re.findall(r'<rect class="bar"', dom)) == len(charted)
    assert len(re.findall(r'<rect class="week-due"', dom)) == len(data["weeks"])
    assert len(re.findall(r'<polyline class="line-(due|sent)"', dom)) == 2
    assert page_requests(netlog) == []


@pytest.mark.sqlite_only  # the page is the same file on either engine; its figures are
@pytest.mark.slow  # checked on both by the tests above; this starts Chromium
def test_screenshot_shows_the_charts(report: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    chromium(tmp_path, report[0], f"--screenshot={shot}")
    width, height, rows = png_pixels(shot)
    assert (width, height) == (1280, 2000)
    colours = colour_counts(rows)
    assert len(colours) > 50, "the page is not blank"
    for colour in (OK, BAD, SENT):  # on-time and overdue bars, submissions per week
        assert colours.get(colour, 0) > 200, colour


@pytest.mark.sqlite_only  # the page is the same file on either engine; its figures are
@pytest.mark.slow  # checked on both by the tests above; this starts Chromium
def test_page_prints(report: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    chromium(tmp_path, report[0], f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", data)) >= 3


@pytest.mark.no_database
@pytest.mark.slow  # starts Chromium
def test_the_network_check_would_see_a_request(tmp_path: Path) -> None:
    """The NetLog check is not vacuous: a page with an image from a server is caught."""
    page = tmp_path / "bad.html"
    page.write_text('<img src="http://127.0.0.1:9/logo.png"><p>x</p>', encoding="utf-8")
    netlog = tmp_path / "netlog.json"
    chromium(tmp_path, page, f"--log-net-log={netlog}", "--dump-dom")
    assert page_requests(netlog) == ["http://127.0.0.1:9/logo.png"]


def test_any_listing_as_a_page(cli: Cli, lao_cai: Path) -> None:
    text = cli("status", "--as-of", AS_OF, "--format", "html")
    assert text.startswith("<!DOCTYPE html>") and "<table>" in text and "Sở Tư pháp" in text
    assert "<svg" not in text  # a plain listing has no charts


def test_text_is_escaped(cli: Cli, lao_cai: Path) -> None:
    from bmnn_cli.render import Column, Document, Listing, to_string
    from bmnn_cli.render import Format as F

    listing = Listing([Column("agency", "col.agency")], [{"agency": "<b>&"}], title="<i>")
    text = to_string(Document([listing], heading="<script>"), F.html)
    assert "<b>&" not in text and "&lt;b&gt;&amp;" in text and "&lt;script&gt;" in text
