"""The schema, as an ordered list of sqlite-utils migrations.

A migration, once released, is never edited: a database made by any earlier version is
upgraded by applying the ones it lacks, each in its own transaction (sqlite-utils'
`Migrations` records each name in `_sqlite_migrations`). Times are wall-clock local text
(`YYYY-MM-DDTHH:MM`, or `YYYY-MM-DD` for all-day) beside a `tz` column; audit times are UTC.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils import Migrations

from rcro_tui.db.schema_v1 import V1_INDEXES, V1_TABLES

MIGRATIONS = Migrations("rcro_tui")


@MIGRATIONS(name="m001_initial")
def m001_initial(db: Database) -> None:
    """The first released schema: everything the letters describe."""
    for statement in V1_TABLES + V1_INDEXES:
        db.execute(statement)


@MIGRATIONS(name="m002_holidays")
def m002_holidays(db: Database) -> None:
    """Public holidays and school breaks (каникулы), editable per academic year, for calendar shading."""
    db.execute("""CREATE TABLE holidays (
        id INTEGER PRIMARY KEY, first_day TEXT NOT NULL, last_day TEXT NOT NULL,
        name TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('public','school_break')),
        CHECK (last_day >= first_day))""")
    db.execute("CREATE INDEX idx_holidays_first_day ON holidays(first_day)")
    db.execute("CREATE INDEX idx_changes_at ON changes(at)")


def _folded(expression: str) -> str:
    """SQL that folds «ё» into «е» (FTS5's unicode61 folds case, but keeps ё and е apart)."""
    return f"replace(replace(COALESCE({expression}, ''), 'ё', 'е'), 'Ё', 'Е')"


_HOST_NAME = ("(SELECT o.name || ' ' || o.short_name FROM organizations o "
              "WHERE o.id = new.host_org_id)")
_FTS_BODY = " || ' ' || ".join(f"new.{c}" for c in ("description", "subjects", "venue",
                                                      "results_summary"))
_FTS_ROW = (f"INSERT INTO events_fts (rowid, title, body, org) VALUES (new.id, "
            f"{_folded('new.title')}, {_folded(_FTS_BODY)}, {_folded(_HOST_NAME)});")

_V3_STATEMENTS = [
    "ALTER TABLE events ADD COLUMN rrule TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE events ADD COLUMN exdates TEXT NOT NULL DEFAULT ''",
    "CREATE INDEX idx_events_end ON events(end_at)",
    """CREATE TABLE saved_views (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, filter TEXT NOT NULL,
        owner TEXT NOT NULL, revision INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    """CREATE VIRTUAL TABLE events_fts USING fts5(
        title, body, org, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')""",
    f"CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN {_FTS_ROW} END",
    f"""CREATE TRIGGER events_fts_update AFTER UPDATE ON events BEGIN
        DELETE FROM events_fts WHERE rowid = old.id; {_FTS_ROW} END""",
    """CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
        DELETE FROM events_fts WHERE rowid = old.id; END""",
    f"""CREATE TRIGGER events_fts_host AFTER UPDATE OF name, short_name ON organizations BEGIN
        UPDATE events_fts SET org = {_folded("new.name || ' ' || new.short_name")}
        WHERE rowid IN (SELECT id FROM events WHERE host_org_id = new.id); END""",
]


@MIGRATIONS(name="m003_search_recurrence")
def m003_search_recurrence(db: Database) -> None:
    """Full-text search (FTS5, kept by triggers, ё folded into е), saved views, recurrence.

    `rrule` is an RFC 5545 RRULE subset (FREQ=WEEKLY|MONTHLY|YEARLY, INTERVAL, UNTIL as a
    date, COUNT) and `exdates` the skipped days as space-separated ISO dates; `start_at` and
    `end_at` stay the first occurrence.
    """
    for statement in _V3_STATEMENTS:
        db.execute(statement)
    db.execute("INSERT INTO events_fts (rowid, title, body, org) SELECT e.id, "
               + ", ".join(_folded(x) for x in (
                   "e.title", _FTS_BODY.replace("new.", "e."),
                   _HOST_NAME.replace("new.", "e.")))
               + " FROM events e")


LONG_EVENT_DAYS = 7
"""Events longer than this are found through their own small index (see `db.occurrences`)."""


@MIGRATIONS(name="m004_calendar_indexes")
def m004_calendar_indexes(db: Database) -> None:
    """Partial indexes so a calendar window reads only its own rows at 100 000 events a year.

    A window scans `start_at` from a week before its first day; the rare longer events and
    the repeating ones, which may have started long before, each have a small index of their own.
    """
    db.execute(f"""CREATE INDEX idx_events_long ON events(end_at) WHERE rrule = ''
                   AND julianday(end_at) - julianday(start_at) > {LONG_EVENT_DAYS}""")
    db.execute("CREATE INDEX idx_events_repeating ON events(start_at) WHERE rrule != ''")
    db.execute("CREATE INDEX idx_events_plain_span ON events(rrule, start_at, end_at)")


_V5_STATEMENTS = [
    """CREATE TABLE selection_rounds (
        id INTEGER PRIMARY KEY, program_id INTEGER NOT NULL REFERENCES programs(id),
        role TEXT NOT NULL, name TEXT NOT NULL, opened_on TEXT NOT NULL, deadline TEXT NOT NULL,
        decided_on TEXT, decision_doc TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',
        revision INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
        CHECK (deadline >= opened_on))""",
    "ALTER TABLE memberships ADD COLUMN round_id INTEGER REFERENCES selection_rounds(id)",
    "CREATE INDEX idx_memberships_round ON memberships(round_id) WHERE round_id IS NOT NULL",
    "CREATE INDEX idx_memberships_org ON memberships(organization_id)",
    "CREATE INDEX idx_memberships_status ON memberships(status, valid_until)",
    "CREATE INDEX idx_membership_steps_membership ON membership_steps(membership_id)",
    "CREATE INDEX idx_selection_rounds_program ON selection_rounds(program_id)",
]


@MIGRATIONS(name="m005_network_workflow")
def m005_network_workflow(db: Database) -> None:
    """Selection rounds (конкурсный отбор) that group applications and decide them together,
    and the indexes the memberships lists, the matrix and the expiry flags read through."""
    for statement in _V5_STATEMENTS:
        db.execute(statement)


_V6_STATEMENTS = [
    "ALTER TABLE organizations ADD COLUMN name_key TEXT",
    "ALTER TABLE organizations ADD COLUMN search_key TEXT",
    # The list reads one range of this index per district: no sort, no table look-up.
    """CREATE INDEX idx_organizations_list
        ON organizations(district_id, search_key, kind, legal_form)""",
    # A writer that changes a name without its keys (an old version, the sqlite3 shell) leaves
    # them empty; `db.orgs.refresh_keys` fills them before the next list or import reads them.
    """CREATE TRIGGER organizations_stale_keys AFTER UPDATE OF name, short_name, inn
        ON organizations WHEN new.search_key IS old.search_key BEGIN
        UPDATE organizations SET name_key = NULL, search_key = NULL WHERE id = new.id; END""",
]


@MIGRATIONS(name="m006_org_matching")
def m006_org_matching(db: Database) -> None:
    """Organisation names as keys (case, quotes, «№»/N, spaces aside) for import matching and
    the list's search; the official name itself stays byte for byte."""
    from rcro_tui.org_names import name_key, search_key

    for statement in _V6_STATEMENTS:
        db.execute(statement)
    rows = db.execute("SELECT id, name, short_name, inn FROM organizations").fetchall()
    db.conn.executemany(
        "UPDATE organizations SET name_key = ?, search_key = ? WHERE id = ?",
        [(name_key(name), search_key(name, short, inn), org_id)
         for org_id, name, short, inn in rows])


@MIGRATIONS(name="m007_network_rounds")
def m007_network_rounds(db: Database) -> None:
    """An index by programme and status: every «Сеть» table reads one programme's memberships
    (its districts, matrix, members, open applications) by status. (m001's
    `idx_memberships_program` has the role but not the status.)"""
    db.execute("CREATE INDEX IF NOT EXISTS idx_memberships_program_status "
               "ON memberships(program_id, status, role)")


_V8_STATEMENTS = [
    # A stage's eligibility by subject («математика; физика»: empty = any) and the most a
    # protocol may score (empty = no limit): entries and imports are checked against both.
    "ALTER TABLE stages ADD COLUMN subjects TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE stages ADD COLUMN max_score REAL",
    "CREATE INDEX idx_stage_sessions_stage ON stage_sessions(stage_id)",
    # Feeds find an organisation's pupils' sessions, protocols group a session's entries.
    "CREATE INDEX idx_entries_organization ON entries(organization_id)",
    "CREATE INDEX idx_entries_session ON entries(session_id)",
]


@MIGRATIONS(name="m008_stage_fields")
def m008_stage_fields(db: Database) -> None:
    """What the «Отборы» section checks entries against (a stage's subjects and maximum
    score) and the indexes it reads sessions and entries through."""
    for statement in _V8_STATEMENTS:
        db.execute(statement)


_V11_STATEMENTS = [
    # The entry of the previous stage an entry was advanced from: advancing twice creates
    # nothing new, and a protocol can say where each finalist came from.
    "ALTER TABLE entries ADD COLUMN from_entry_id INTEGER "
    "REFERENCES entries(id) ON DELETE SET NULL",
    # The coordinator's choice for this entry (1 passes, 0 does not, NULL none yet): who
    # passes under a manual rule, and how a tie at a quota's boundary was settled.
    "ALTER TABLE entries ADD COLUMN pass_mark INTEGER CHECK (pass_mark IN (0, 1))",
    "CREATE UNIQUE INDEX idx_entries_from ON entries(from_entry_id, stage_id) "
    "WHERE from_entry_id IS NOT NULL",
]


@MIGRATIONS(name="m011_stage_advance")
def m011_stage_advance(db: Database) -> None:
    """Advancing to the next stage: each created entry linked to its source, and the
    coordinator's pass marks kept across sessions."""
    for statement in _V11_STATEMENTS:
        db.execute(statement)


@MIGRATIONS(name="m012_custom_feeds")
def m012_custom_feeds(db: Database) -> None:
    """Saved filters published as feeds («олимпиады 7–8 классов»): a feed follows its view's
    edits and disappears with it."""
    db.execute("""CREATE TABLE custom_feeds (
        id INTEGER PRIMARY KEY,
        view_id INTEGER NOT NULL UNIQUE REFERENCES saved_views(id) ON DELETE CASCADE,
        name TEXT NOT NULL UNIQUE, revision INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""")


@MIGRATIONS(name="m014_letters")
def m014_letters(db: Database) -> None:
    """The organisations that took part in an event, in the order a letter lists them:
    «Об итогах …» names them grouped («МАОУ СОШ №№ 32, 47, 50, 58 г. Томска»)."""
    db.execute("""CREATE TABLE event_organizations (
        id INTEGER PRIMARY KEY,
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        organization_id INTEGER NOT NULL REFERENCES organizations(id),
        position INTEGER NOT NULL, UNIQUE (event_id, organization_id))""")
    db.execute("CREATE INDEX idx_event_organizations_event "
               "ON event_organizations(event_id, position)")


@MIGRATIONS(name="m015_access")
def m015_access(db: Database) -> None:
    """Coordinators' SSH public keys, one row a key: `rcro-tui users authorized-keys` prints
    each active user's keys with a forced command naming that user. A key belongs to one
    person only (sshd would take the first matching line, so a shared key is refused)."""
    db.execute("""CREATE TABLE user_keys (
        id INTEGER PRIMARY KEY,
        login TEXT NOT NULL REFERENCES users(login) ON DELETE CASCADE,
        key_type TEXT NOT NULL, key_body TEXT NOT NULL, comment TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL, UNIQUE (key_body))""")
    db.execute("CREATE INDEX idx_user_keys_login ON user_keys(login)")


_V16_STATEMENTS = [
    # The journal's screen and `rcro-tui audit` read newest first, by user, by kind of object,
    # in a date range: each filter walks one index in `at` order and stops after a page
    # (m002's idx_changes_at serves the unfiltered log and the date range).
    "CREATE INDEX idx_changes_user_at ON changes(user, at)",
    "CREATE INDEX idx_changes_table_at ON changes(table_name, at)",
    "CREATE INDEX idx_changes_action_at ON changes(action, at)",
    # One object's whole history («история объекта»), newest first without a sort.
    "CREATE INDEX idx_changes_object_at ON changes(table_name, row_id, at)",
    # Append-only: nobody rewrites history, and only `db.audit_purge.purge_audit` (which an
    # administrator runs, and which turns `audit_purge_allowed()` on for its own connection
    # and transaction) removes old entries. A plain sqlite3 shell lacks the function, so a
    # DELETE there fails too.
    """CREATE TRIGGER changes_append_only_update BEFORE UPDATE ON changes BEGIN
        SELECT RAISE(ABORT, 'Журнал изменений нельзя править: записи только добавляются.');
        END""",
    """CREATE TRIGGER changes_append_only_delete BEFORE DELETE ON changes
        WHEN NOT audit_purge_allowed() BEGIN
        SELECT RAISE(ABORT, 'Записи журнала изменений удаляет только очистка по сроку хранения (rcro-tui audit purge, администратор).');
        END""",
]


@MIGRATIONS(name="m016_audit_log")
def m016_audit_log(db: Database) -> None:
    """The audit log read fast at a million entries, and made append-only (see the triggers)."""
    for statement in _V16_STATEMENTS:
        db.execute(statement)


REVISED_TABLES = ("contacts", "holidays", "stage_sessions", "settings")
"""Tables m001–m014 left without a `revision`: edited by coordinators, so they get one."""


@MIGRATIONS(name="m017_revisions")
def m017_revisions(db: Database) -> None:
    """A revision on every row a coordinator edits, so a save or delete made from a version
    someone else changed meanwhile is refused (optimistic locking, as events always had)."""
    for table in REVISED_TABLES:
        db.execute(f"ALTER TABLE [{table}] ADD COLUMN revision INTEGER NOT NULL DEFAULT 1")


@MIGRATIONS(name="m018_entries_session_org")
def m018_entries_session_org(db: Database) -> None:
    """Which organisations have pupils at which stage session, from the index alone: the
    private feeds' plan read a country's 1 200 000 entries with their sessions in 2 s, and
    reads (session, organisation) pairs off this index in 0.05 s. It begins with the
    session, so it serves everything m008's index on the session alone did."""
    db.execute("CREATE INDEX IF NOT EXISTS idx_entries_session_org "
               "ON entries(session_id, organization_id)")
    db.execute("DROP INDEX IF EXISTS idx_entries_session")


def known_migrations() -> list[str]:
    """Names of every migration this version knows, in order (all are pending on an empty database)."""
    return [migration.name for migration in MIGRATIONS.pending(Database(memory=True))]
