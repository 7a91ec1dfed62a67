"""Every test gets its own database file and a clean environment."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from contextlib import AbstractContextManager, closing
from pathlib import Path
from typing import Any, Protocol, TypeAlias

import pytest
from typer.testing import CliRunner

from bmnn_cli import i18n
from bmnn_cli.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
LAO_CAI = EXAMPLES / "lao-cai" / "bmnn-2026.toml"
CAO_BANG = EXAMPLES / "cao-bang" / "law-implementation-2026.toml"
TIMESTAMPS = {"imported_at", "recorded_at", "applied_at", "at", "sent_at", "archived_at"}
Db: TypeAlias = Path | str  # a SQLite file, or a PostgreSQL URL


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--backend",
        choices=("sqlite", "postgresql"),
        default="sqlite",
        help="Database engine the suite runs against (scripts/test.sh runs both).",
    )


# Fixtures that hand a test the database, or choose the engine. A test asking for none of
# them, even through its other fixtures, runs no database: it is run once, on SQLite.
DATABASE_FIXTURES = {"db", "cli", "lao_cai", "both", "templates", "plan", "inbox"}
ENGINE_FIXTURES = DATABASE_FIXTURES | {"new_db", "pg_base", "backend"}
_DATABASE_FREE = pytest.StashKey[bool]()


def _asks_for_a_database(item: pytest.Item) -> bool:
    """Whether the test, or a fixture it asks for, asks for a database or the engine.

    The autouse `env` is left out: it gives every test a database to keep the
    environment clean, whether the test uses one or not.
    """
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return True
    todo, seen = list(info.argnames), set()
    while todo:
        name = todo.pop()
        if name in ENGINE_FIXTURES:
            return True
        if name in seen:
            continue
        seen.add(name)
        definitions = info.name2fixturedefs.get(name, ())
        if definitions:
            todo.extend(definitions[-1].argnames)
    return False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Slow tests first when run in parallel; on PostgreSQL, only tests about the engine.

    Tests about the SQLite file (`sqlite_only`), tests whose checks do not depend on the
    engine (`engine_free`: a closed pipe, a full disk), tests marked `no_database` (they may run
    commands that must open none: help, `explain`, files refused before any database)
    and tests asking for no database fixture (plain domain code, file readers) would
    run the same code again there. `env` fails them on SQLite if they made the file.
    """
    for item in items:
        asked = (DATABASE_FIXTURES - {"cli"}) & set(getattr(item, "fixturenames", ()))
        marked = "no_database" in item.keywords
        if marked and asked:
            raise pytest.UsageError(f"{item.nodeid} is marked no_database but uses {sorted(asked)}")
        item.stash[_DATABASE_FREE] = marked or not _asks_for_a_database(item)
    if hasattr(config, "workerinput"):  # an xdist worker: its order is the one tests go out in
        # The workers take tests in this order: a slow test started last would run on
        # alone while the other workers sit idle. (sorted() keeps the order otherwise.)
        items[:] = sorted(items, key=lambda item: "slow" not in item.keywords)
    if config.getoption("--backend") != "postgresql":
        _leave_out(config, items, [item for item in items if "postgresql_only" in item.keywords])
        return
    once = ("sqlite_only", "engine_free")
    left_out = [i for i in items if i.stash[_DATABASE_FREE] or any(m in i.keywords for m in once)]
    _leave_out(config, items, left_out)


def _leave_out(config: pytest.Config, items: list[pytest.Item], left_out: list[Any]) -> None:
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        gone = {id(item) for item in left_out}
        items[:] = [item for item in items if id(item) not in gone]


@pytest.fixture(scope="session")
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.config.getoption("--backend"))


_SERVER = pytest.StashKey[tuple[AbstractContextManager[str], str]]()


def pytest_configure(config: pytest.Config) -> None:
    """On PostgreSQL, one throwaway server for the whole run, started before any worker.

    xdist workers are handed its URL (`pytest_configure_node`) and each makes its own
    databases on it, named by process id; starting a server per worker cost a few
    seconds of CPU each (initdb) and twice the memory.
    """
    if config.getoption("--backend") != "postgresql" or hasattr(config, "workerinput"):
        return
    if config.option.collectonly:
        return
    from pgserver import server

    running = server()
    config.stash[_SERVER] = (running, running.__enter__())


def pytest_unconfigure(config: pytest.Config) -> None:
    running = config.stash.get(_SERVER, None)
    if running is not None:
        running[0].__exit__(None, None, None)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """Give an xdist worker the server this run started (a hook of pytest-xdist)."""
    running = node.config.stash.get(_SERVER, None)
    if running is not None:
        node.workerinput["bmnn_pg_base"] = running[1]


@pytest.fixture(scope="session")
def pg_base(request: pytest.FixtureRequest, backend: str) -> str | None:
    """The run's PostgreSQL server (see `pytest_configure`), or None on SQLite."""
    if backend != "postgresql":
        return None
    config = request.config
    if hasattr(config, "workerinput"):
        return str(config.workerinput["bmnn_pg_base"])
    return config.stash[_SERVER][1]


_counter = iter(range(1_000_000))


def _database_name(name: str) -> str:
    """A PostgreSQL database name no other test, nor another xdist worker, uses."""
    return f"t{os.getpid()}_{next(_counter)}_{name}".replace("-", "_")[:60]


class NewDb(Protocol):
    def __call__(self, name: str, *, empty: bool = True) -> Db: ...


@pytest.fixture
def new_db(pg_base: str | None, tmp_path: Path) -> Iterator[NewDb]:
    """Make another empty database of the backend under test."""
    made: list[str] = []

    def make(name: str, *, empty: bool = True) -> Db:
        """The new database; on PostgreSQL, made now unless a template copy will make it."""
        if pg_base is None:
            return tmp_path / f"{name}.db"
        from pgserver import create_database

        database = _database_name(name)
        made.append(database)
        return create_database(pg_base, database) if empty else f"{pg_base}/{database}"

    yield make
    if pg_base is not None:
        from pgserver import drop_database

        for database in made:
            forget_engine(f"{pg_base}/{database}")
            drop_database(pg_base, database)


Steps: TypeAlias = tuple[tuple[str, ...], ...]  # command lines run on a template after its imports


class Templates:
    """Databases with example plans imported once per test process, copied per test.

    Importing the Lào Cai plan (849 obligations) takes most of a second; a copy of the
    SQLite file, or `CREATE DATABASE … TEMPLATE` on PostgreSQL, takes a few milliseconds.
    A template may also hold what some commands then recorded (`then`), so tests that
    start from the same submissions do not each record them again.
    """

    def __init__(self, pg_base: str | None, folder: Path) -> None:
        self.pg_base = pg_base
        self.folder = folder
        self.made: dict[tuple[tuple[Path, ...], Steps], Db] = {}

    def written(self, name: str, text: str) -> Path:
        """A plan file of this text, written once per process for templates to import."""
        path = self.folder / "plans" / name
        if not path.exists():
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert path.read_text(encoding="utf-8") == text, f"two texts for the template plan {name}"
        return path

    def template(self, plans: tuple[Path, ...], then: Steps = ()) -> Db:
        """The database holding `plans`, imported in that order, then `then` run, once."""
        if (plans, then) not in self.made:
            # Numbered: two templates whose plans sit in folders of the same name stay apart.
            name = f"tpl{len(self.made)}_" + "_".join(plan.parent.name for plan in plans)
            if self.pg_base is None:
                target: Db = self.folder / f"{name}.db"
            else:
                from pgserver import create_database

                target = create_database(self.pg_base, _database_name(name))
            runner = CliRunner()
            steps = [("import", str(plan)) for plan in plans] + list(then)
            for step in steps:
                result = runner.invoke(app, ["--db", str(target), *step])
                assert result.exit_code == 0, (step, result.output, result.stderr)
            i18n.set_language("vi")
            self.made[plans, then] = target
        return self.made[plans, then]

    def copy(self, plans: tuple[Path, ...], db: Db, then: Steps = ()) -> None:
        """Make `db` (the test's own database) a copy of the template holding `plans`."""
        source = self.template(plans, then)
        if isinstance(source, Path):
            shutil.copyfile(source, db)
            Path(db).chmod(0o600)  # as bmnn makes its files: the records are sensitive
            return
        from pgserver import create_database

        assert self.pg_base is not None and isinstance(db, str)
        name, template = db.rsplit("/", 1)[1], source.rsplit("/", 1)[1]
        forget_engine(db)
        create_database(self.pg_base, name, template=template, replace=True)

    def close(self) -> None:
        if self.pg_base is None:
            return
        from pgserver import drop_database

        for made in self.made.values():
            drop_database(self.pg_base, str(made).rsplit("/", 1)[1])


@pytest.fixture(scope="session")
def templates(pg_base: str | None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    made = Templates(pg_base, tmp_path_factory.mktemp("templates"))
    yield made
    made.close()


@pytest.fixture(autouse=True)
def env(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    new_db: NewDb,
    request: pytest.FixtureRequest,
) -> Iterator[Db]:
    """The test's own database and a clean environment.

    On PostgreSQL, a test whose fixtures use `templates` gets its database from
    `Templates.copy` (so a fixture asking for `templates` must copy one): making it
    empty first, to drop it for the copy, cost a CREATE and a DROP DATABASE per test.
    """
    db = new_db("bmnn", empty="templates" not in request.fixturenames)
    monkeypatch.setenv("BMNN_DB", str(db))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("BMNN_CACHE_DIR", str(tmp_path / "cache"))
    for name in ("BMNN_LANG", "NO_COLOR", "BMNN_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    yield db
    i18n.set_language("vi")
    if request.node.stash.get(_DATABASE_FREE, False) and isinstance(db, Path) and db.exists():
        why = (
            "marked no_database"
            if request.node.get_closest_marker("no_database")
            else ("it asks for no database fixture (it then runs on SQLite only)")
        )
        pytest.fail(f"{why}, yet it made the database {db}", pytrace=False)


@pytest.fixture
def db(env: Db) -> Db:
    return env


def _build_once() -> None:
    """Let CliRunner build the click command of `app` once per process, not once per call.

    Typer turns every registered command's signature into click parameters each
    time it is asked for the command (about 30 ms for bmnn's commands), and its
    CliRunner asks on every invoke; a run of `bmnn` asks once. The commands
    carry no state between calls, so reusing the built one changes nothing else.
    """
    import typer.testing

    build = getattr(typer.testing, "_get_command", None)
    if build is None:  # another Typer release: build per call, as before
        return
    built: dict[int, Any] = {}

    def cached(typer_app: Any) -> Any:
        if id(typer_app) not in built:
            built[id(typer_app)] = build(typer_app)
        return built[id(typer_app)]

    setattr(typer.testing, "_get_command", cached)  # noqa: B010 - not re-exported by Typer


_build_once()


class Cli:
    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, code: int = 0) -> str:
        result = self.runner.invoke(app, list(args), catch_exceptions=False)
        assert result.exit_code == code, (result.exit_code, result.output, result.stderr)
        return result.stdout

    def fail(self, *args: str, code: int, lang: str = "en") -> str:
        """Run a command that must fail; return its stderr.

        Errors are checked in English by default, whose wording the tests pin
        down; tests/test_i18n.py checks that the same errors read in Vietnamese.
        """
        result = self.runner.invoke(app, ["--lang", lang, *args], catch_exceptions=False)
        assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
        return result.stderr


@pytest.fixture
def cli() -> Cli:
    return Cli()


@pytest.fixture
def lao_cai(templates: Templates, db: Db) -> Db:
    """The test's database with the Lào Cai example imported (a copy of a template)."""
    templates.copy((LAO_CAI,), db)
    return db


@pytest.fixture
def both(templates: Templates, db: Db) -> Db:
    """The test's database with the Lào Cai, then the Cao Bằng example imported."""
    templates.copy((LAO_CAI, CAO_BANG), db)
    return db


@pytest.fixture
def plan_copy(tmp_path: Path) -> Path:
    """A writable copy of the Lào Cai example, registry beside it."""
    folder = tmp_path / "plan"
    shutil.copytree(EXAMPLES / "lao-cai", folder)
    return folder / "bmnn-2026.toml"


def engine_for(db: Db) -> Any:
    """A SQLAlchemy engine of its own for `db` (the caller disposes of it)."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    url = db if isinstance(db, str) and "://" in db else f"sqlite:///{db}"
    return create_engine(url, poolclass=NullPool)


def _on_server(db: Db) -> bool:
    return isinstance(db, str) and "://" in db


_SERVER_ENGINES: dict[str, Any] = {}


def _server_engine(db: str) -> Any:
    """One engine per server database, its connection kept between the test's queries.

    A new engine per query cost a connection (a server process) and the dialect's
    set-up queries each time; `forget_engine` closes it before the database goes.
    """
    if db not in _SERVER_ENGINES:
        from sqlalchemy import create_engine

        _SERVER_ENGINES[db] = create_engine(db, pool_size=1, max_overflow=2)
    return _SERVER_ENGINES[db]


def forget_engine(db: Db) -> None:
    """Close the kept connection to `db`, before it is dropped or made again."""
    engine = _SERVER_ENGINES.pop(str(db), None)
    if engine is not None:
        engine.dispose()


def exists(db: Db) -> bool:
    """Whether bmnn has made its schema there (a file, or tables on the server)."""
    if not _on_server(db):
        return Path(db).exists()
    from sqlalchemy import inspect

    with _server_engine(str(db)).connect() as conn:
        return bool(inspect(conn).has_table("_bmnn_migrations"))


def query(db: Db, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """Rows of a query, with dates as ISO text so that both engines read alike.

    Over the standard `sqlite3` module for a file (what SQLAlchemy's `text()` reads
    there too, without its engine to build); nothing is committed on either.
    """
    if not _on_server(db):
        with closing(sqlite3.connect(db)) as conn:
            return [tuple(_plain(v) for v in row) for row in conn.execute(sql, params)]
    from sqlalchemy import text

    with _server_engine(str(db)).connect() as conn:
        return [tuple(_plain(v) for v in row) for row in conn.execute(text(sql), params)]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def dump(db: Db, *, exclude: tuple[str, ...] = ()) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, without timestamps, to compare databases.

    One connection for the whole dump: a connection per table cost a server
    process per table on PostgreSQL, and dumps run before and after many commands.
    """
    if not _on_server(db):
        return _dump_file(Path(db), exclude) if Path(db).exists() else {}
    from sqlalchemy import inspect, text

    out: dict[str, list[tuple[object, ...]]] = {}
    with _server_engine(str(db)).connect() as conn:
        inspector = inspect(conn)
        if not inspector.has_table("_bmnn_migrations"):
            return {}
        for table in sorted(set(inspector.get_table_names()) - set(exclude)):
            names = [c["name"] for c in inspector.get_columns(table)]
            out[table] = _rows(conn.execute(text(_select(table, names))))
    return out


def _dump_file(path: Path, exclude: tuple[str, ...]) -> dict[str, list[tuple[object, ...]]]:
    """`dump` of a SQLite file: its tables as SQLAlchemy's inspector lists them."""
    out: dict[str, list[tuple[object, ...]]] = {}
    with closing(sqlite3.connect(path)) as conn:
        tables = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite~_%'"
            " ESCAPE '~'"
        )
        for (table,) in sorted(tables.fetchall()):
            if table in exclude:
                continue
            names = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
            out[table] = _rows(conn.execute(_select(table, names)))
    return out


def _select(table: str, names: list[str]) -> str:
    return f"SELECT {', '.join(c for c in names if c not in TIMESTAMPS)} FROM {table}"


def _rows(rows: Any) -> list[tuple[object, ...]]:
    return sorted((tuple(_plain(v) for v in row) for row in rows), key=repr)


REGISTRY = EXAMPLES / "lao-cai" / "agencies.toml"


DATABASE_LIBRARIES = ("sqlalchemy", "sqlmodel")


def loaded_by(
    db: Db,
    args: list[str],
    *,
    watch: tuple[str, ...] = DATABASE_LIBRARIES,
    env: dict[str, str] | None = None,
) -> tuple[subprocess.CompletedProcess[str], str]:
    """Run `bmnn ARGS` in a fresh interpreter: its output, and a last line of stderr
    "LOADED <exit code> [<modules of the packages in `watch` it imported>]"."""
    script = (
        "import sys\n"
        "from bmnn_cli.entry import main\n"
        f"sys.argv = ['bmnn', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit as done:\n    code = done.code\nelse:\n    code = 0\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {watch!r})\n"
        "print('LOADED', code, loaded, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "BMNN_DB": str(db), **(env or {})},
        capture_output=True,
        text=True,
        check=True,
    )
    return done, done.stderr.strip().rsplit("\n", 1)[-1]


def read_toml(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def example_tasks(plan: Path = LAO_CAI) -> int:
    """How many tasks an example plan file has, counted in the file itself."""
    return len(read_toml(plan)["tasks"])


def group_members(group: str, registry: Path = REGISTRY) -> set[str]:
    """The ids of a registry group's members, read from the registry file."""
    return {a["id"] for a in read_toml(registry)["agencies"] if group in a.get("groups", [])}


def answerable(task: str, plan: Path = LAO_CAI) -> set[str]:
    """The ids of the agencies a task of an example plan holds answerable, groups expanded."""
    spec = read_toml(plan)
    (found,) = [t for t in spec["tasks"] if t["id"] == task]
    groups = {g["id"] for g in read_toml(plan.parent / spec["registry"])["groups"]}
    owners: set[str] = set()
    for lead in found["lead"]:
        owners |= group_members(lead, plan.parent / spec["registry"]) if lead in groups else {lead}
    return owners


GOOD_TASK = """
[[tasks]]
id = "IV.1.a"
title = "Gửi kế hoạch"
lead = ["so-ban-nganh"]
deliverable = "plan"
deadline = "trước ngày 27/02/2026"
[[tasks.schedule]]
kind = "fixed"
date = 2026-02-27
"""


def plan_text(tasks: str = GOOD_TASK, header: str = "") -> str:
    """A small plan over the Lào Cai registry; `header` goes inside [plan]."""
    return f"""registry = "{REGISTRY}"

[plan]
id = "test-plan"
title = "Kế hoạch thử"
province = "lao-cai"
year = 2026
{header}
{tasks}"""
