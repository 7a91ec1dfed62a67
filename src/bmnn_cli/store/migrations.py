"""Recorded, ordered schema migrations, run whenever a database is opened.

The same scripts serve SQLite and PostgreSQL (see `script_for`).

A plain list of named SQL scripts rather than Alembic: the schema is small,
both engines speak the same SQL for it, and a named list is easy to read and
to test (a blank database migrated to the end must match the models, see
tests/test_store.py). Applied names are recorded in `_bmnn_migrations`; on
SQLite `PRAGMA user_version` also holds their count, so that a database made
by a newer bmnn is recognised and refused before anything is read.
"""

from __future__ import annotations

from typing import Final

MIGRATIONS: Final[list[tuple[str, str]]] = [
    (
        "001_initial",
        """
        CREATE TABLE province (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            days_off TEXT NOT NULL DEFAULT '[]',
            working_days TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE agency (
            id INTEGER PRIMARY KEY,
            province_id INTEGER NOT NULL REFERENCES province(id),
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            aliases TEXT NOT NULL DEFAULT '[]',
            emails TEXT NOT NULL DEFAULT '[]',
            successor_id INTEGER REFERENCES agency(id),
            merged_on DATE,
            position INTEGER NOT NULL DEFAULT 0,
            UNIQUE (province_id, code)
        );
        CREATE TABLE agency_group (
            id INTEGER PRIMARY KEY,
            province_id INTEGER NOT NULL REFERENCES province(id),
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            aliases TEXT NOT NULL DEFAULT '[]',
            position INTEGER NOT NULL DEFAULT 0,
            UNIQUE (province_id, code)
        );
        CREATE TABLE group_member (
            group_id INTEGER NOT NULL REFERENCES agency_group(id) ON DELETE CASCADE,
            agency_id INTEGER NOT NULL REFERENCES agency(id) ON DELETE CASCADE,
            since DATE,
            PRIMARY KEY (group_id, agency_id)
        );
        CREATE INDEX ix_group_member_agency ON group_member(agency_id);
        CREATE TABLE plan (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            province_id INTEGER NOT NULL REFERENCES province(id),
            number TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL,
            issuer TEXT NOT NULL DEFAULT '',
            issued DATE,
            year INTEGER NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            before_rule TEXT NOT NULL DEFAULT 'inclusive'
                CHECK (before_rule IN ('inclusive', 'strict')),
            roll_to_working_day BOOLEAN NOT NULL DEFAULT TRUE,
            yearly_due TEXT NOT NULL DEFAULT '12-31',
            through_year INTEGER NOT NULL,
            imported_at TEXT NOT NULL
        );
        CREATE TABLE task (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
            code TEXT NOT NULL,
            title TEXT NOT NULL,
            deliverable TEXT NOT NULL,
            deadline TEXT NOT NULL DEFAULT '',
            schedule TEXT NOT NULL DEFAULT '[]',
            note TEXT NOT NULL DEFAULT '',
            source_line INTEGER,
            position INTEGER NOT NULL DEFAULT 0,
            UNIQUE (plan_id, code)
        );
        CREATE TABLE task_agency (
            id INTEGER PRIMARY KEY,
            task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('lead', 'support')),
            agency_id INTEGER REFERENCES agency(id),
            group_id INTEGER REFERENCES agency_group(id),
            position INTEGER NOT NULL DEFAULT 0,
            CHECK ((agency_id IS NULL) <> (group_id IS NULL))
        );
        CREATE INDEX ix_task_agency_task ON task_agency(task_id);
        CREATE TABLE request (
            id INTEGER PRIMARY KEY,
            task_id INTEGER NOT NULL REFERENCES task(id),
            kind TEXT NOT NULL CHECK (kind IN ('request', 'event')),
            happened_on DATE NOT NULL,
            due DATE NOT NULL,
            agencies TEXT NOT NULL DEFAULT '[]',
            ref TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL
        );
        CREATE TABLE obligation (
            id INTEGER PRIMARY KEY,
            task_id INTEGER NOT NULL REFERENCES task(id),
            agency_id INTEGER NOT NULL REFERENCES agency(id),
            period TEXT NOT NULL,
            year INTEGER NOT NULL,
            starts_on DATE,
            scheduled_due DATE,
            effective_due DATE,
            request_id INTEGER REFERENCES request(id),
            inherited_from INTEGER REFERENCES agency(id),
            submitted_on DATE,
            waived_on DATE,
            UNIQUE (task_id, agency_id, period)
        );
        CREATE INDEX ix_obligation_due ON obligation(effective_due);
        CREATE INDEX ix_obligation_agency ON obligation(agency_id, year);
        CREATE TABLE submission (
            id INTEGER PRIMARY KEY,
            obligation_id INTEGER NOT NULL REFERENCES obligation(id),
            submitted_on DATE NOT NULL,
            ref TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL DEFAULT 'active'
                CHECK (state IN ('active', 'superseded', 'retracted')),
            replaces_id INTEGER REFERENCES submission(id),
            reason TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL DEFAULT ''
        );
        CREATE UNIQUE INDEX ux_submission_active ON submission(obligation_id)
            WHERE state = 'active';
        CREATE TABLE waiver (
            id INTEGER PRIMARY KEY,
            obligation_id INTEGER NOT NULL REFERENCES obligation(id),
            waived_on DATE NOT NULL,
            reason TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'revoked')),
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL DEFAULT ''
        );
        CREATE UNIQUE INDEX ux_waiver_active ON waiver(obligation_id) WHERE state = 'active';
        """,
    ),
    (
        "002_audit_log_and_archived_tasks",
        """
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            os_user TEXT NOT NULL DEFAULT '',
            command TEXT NOT NULL DEFAULT '',
            action TEXT NOT NULL,
            plan TEXT NOT NULL DEFAULT '',
            task TEXT NOT NULL DEFAULT '',
            agency TEXT NOT NULL DEFAULT '',
            detail TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX ix_audit_log_at ON audit_log(at);
        ALTER TABLE task ADD COLUMN archived_at TEXT;
        """,
    ),
    (
        "003_reminder_log",
        """
        CREATE TABLE reminder_log (
            id INTEGER PRIMARY KEY,
            obligation_id INTEGER NOT NULL REFERENCES obligation(id) ON DELETE CASCADE,
            channel TEXT NOT NULL CHECK (channel IN ('smtp', 'eml')),
            due DATE NOT NULL,
            stage INTEGER NOT NULL,
            as_of DATE NOT NULL,
            sent_at TEXT NOT NULL,
            recipients TEXT NOT NULL DEFAULT '[]',
            message_id TEXT NOT NULL DEFAULT '',
            UNIQUE (obligation_id, channel, due, stage)
        );
        """,
    ),
    (
        "004_obligation_begins_on",
        """
        ALTER TABLE obligation ADD COLUMN begins_on DATE;
        """,
    ),
    (
        # An overdue listing reads only rows still owed as of its day: those never sent
        # nor waived (a few in a hundred, once a plan has run some years), and those
        # sent or waived after that day (none, asked about today). Each part has its
        # index, so the listing no longer walks every period already done
        # (store/queries.py, `owed_parts`). The condition is written as PostgreSQL
        # reads it back, so the models' copy compares equal on both engines.
        "005_open_obligation_indexes",
        """
        CREATE INDEX ix_obligation_open ON obligation(effective_due)
            WHERE ((submitted_on IS NULL) AND (waived_on IS NULL));
        CREATE INDEX ix_obligation_sent ON obligation(submitted_on)
            WHERE submitted_on IS NOT NULL;
        CREATE INDEX ix_obligation_waived ON obligation(waived_on)
            WHERE waived_on IS NOT NULL;
        """,
    ),
    (
        # The periods already done as of a day (sent by then, never waived) are most of a
        # database once plans have run some years. `status` counts them, on time or late,
        # per agency, from this index alone: its entries hold every date the count and its
        # scope test, in agency order, so the count streams without a sort and without
        # reading the table (store/counts.py). The other rows are few and have the
        # indexes of 005.
        "006_done_obligation_index",
        """
        CREATE INDEX ix_obligation_done ON obligation(
            agency_id, submitted_on, effective_due, year, starts_on, task_id, waived_on
        ) WHERE ((submitted_on IS NOT NULL) AND (waived_on IS NULL));
        """,
    ),
]

SCHEMA_VERSION: Final = len(MIGRATIONS)
NAMES: Final = tuple(name for name, _ in MIGRATIONS)  # as `_bmnn_migrations` records them

# The scripts are written in the SQL both engines share; the one phrase that
# differs is an auto-numbered key (SQLite's rowid alias, PostgreSQL's identity).
_DIALECT_WORDS: Final = {
    "postgresql": {
        "INTEGER PRIMARY KEY,": "INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,",
    },
}


def script_for(script: str, dialect: str) -> list[str]:
    """The statements of a migration script, in the words of `dialect`."""
    for word, replacement in _DIALECT_WORDS.get(dialect, {}).items():
        script = script.replace(word, replacement)
    return [statement.strip() for statement in script.split(";") if statement.strip()]
