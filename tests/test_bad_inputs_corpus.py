"""Every file in tests/bad_inputs/ gets its expected exit code and message.

No input, however strange, produces a traceback or changes the database
unless it is valid (exit code 0).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bmnn_cli.domain.planfile import MAX_BYTES
from conftest import ROOT, Cli, Db, dump, exists, query

CORPUS = ROOT / "tests" / "bad_inputs"
CASES = sorted(p for p in CORPUS.glob("*.toml"))


def expectation(path: Path) -> tuple[int, str]:
    sidecar = path.with_suffix(".expect")
    line = (
        sidecar.read_text(encoding="utf-8")
        if sidecar.exists()
        else path.read_text(encoding="utf-8").splitlines()[0].removeprefix("# expect: ")
    )
    code, _, message = line.strip().partition(" ")
    return int(code), message


@pytest.mark.parametrize("case", CASES, ids=[p.stem for p in CASES])
def test_corpus(cli: Cli, lao_cai: Db, case: Path) -> None:
    code, message = expectation(case)
    db = lao_cai
    before = dump(db)
    if code == 0:
        cli("import", str(case))
        lead = query(
            db,
            "SELECT a.code FROM task t JOIN plan p ON p.id = t.plan_id "
            "JOIN task_agency ta ON ta.task_id = t.id JOIN agency a ON a.id = ta.agency_id "
            "WHERE p.code = 'corpus'",
        )
        title = query(db, "SELECT title FROM task WHERE title LIKE 'Gửi%'")[0][0]
        assert lead == [("so-tu-phap",)]
        assert not any(0x202A <= ord(ch) <= 0x202E for ch in title)
        return
    err = cli.fail("import", str(case), code=code)
    assert message in err, err
    assert str(case) in err and err.count("\n") == 1 and "Traceback" not in err
    assert dump(db) == before


def test_huge_file(cli: Cli, db: Db, tmp_path: Path) -> None:
    huge = tmp_path / "huge.toml"
    huge.write_text("# " + "x" * (MAX_BYTES + 10) + "\n", encoding="utf-8")
    err = cli.fail("import", str(huge), code=3)
    assert "plan files are at most" in err and str(huge) in err
    assert not exists(db)
