"""The first version's tables and indexes (m001_initial): released, so never edited.

Kept apart from `db.schema` because they are the longest and the most settled part of it.
"""

# Each statement separately: executescript() would COMMIT the migration's transaction.
V1_TABLES = [
    """CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE districts (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
        sort_order INTEGER NOT NULL DEFAULT 0, revision INTEGER NOT NULL DEFAULT 1)""",
    """CREATE TABLE users (
        login TEXT PRIMARY KEY, full_name TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL CHECK (role IN ('admin','regional','municipal','viewer')),
        district_id INTEGER REFERENCES districts(id), active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL)""",
    """CREATE TABLE organizations (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL, short_name TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL, legal_form TEXT NOT NULL DEFAULT '',
        district_id INTEGER REFERENCES districts(id), address TEXT NOT NULL DEFAULT '',
        inn TEXT UNIQUE, phone TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '',
        website TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '', revision INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    """CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        name TEXT NOT NULL, position TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '')""",
    """CREATE TABLE programs (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, short_name TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL, start_date TEXT, end_date TEXT,
        coordinator TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '', revision INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
        CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date))""",
    """CREATE TABLE memberships (
        id INTEGER PRIMARY KEY,
        organization_id INTEGER NOT NULL REFERENCES organizations(id),
        program_id INTEGER NOT NULL REFERENCES programs(id),
        role TEXT NOT NULL, status TEXT NOT NULL,
        district_id INTEGER REFERENCES districts(id), topic TEXT NOT NULL DEFAULT '',
        applied_on TEXT, decided_on TEXT, valid_from TEXT, valid_until TEXT,
        decision_doc TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '', revision INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
        UNIQUE (organization_id, program_id, role))""",
    """CREATE TABLE membership_steps (
        id INTEGER PRIMARY KEY,
        membership_id INTEGER NOT NULL REFERENCES memberships(id) ON DELETE CASCADE,
        status TEXT NOT NULL, on_date TEXT NOT NULL, document TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '', user TEXT NOT NULL, recorded_at TEXT NOT NULL)""",
    """CREATE TABLE events (
        id INTEGER PRIMARY KEY, uid TEXT UNIQUE, title TEXT NOT NULL, kind TEXT NOT NULL,
        program_id INTEGER REFERENCES programs(id),
        host_org_id INTEGER REFERENCES organizations(id),
        all_day INTEGER NOT NULL DEFAULT 0, start_at TEXT NOT NULL, end_at TEXT NOT NULL,
        tz TEXT NOT NULL DEFAULT 'Asia/Tomsk', reg_start_at TEXT, reg_end_at TEXT,
        format TEXT NOT NULL DEFAULT 'in_person', venue TEXT NOT NULL DEFAULT '',
        online_url TEXT NOT NULL DEFAULT '', grades_from INTEGER, grades_to INTEGER,
        subjects TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'planned',
        visibility TEXT NOT NULL DEFAULT 'public', description TEXT NOT NULL DEFAULT '',
        contacts TEXT NOT NULL DEFAULT '', participants_count INTEGER,
        organizations_count INTEGER, views_count INTEGER,
        results_summary TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '',
        revision INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
        CHECK (end_at >= start_at),
        CHECK (grades_from IS NULL OR grades_to IS NULL OR grades_to >= grades_from))""",
    """CREATE TABLE agenda_parts (
        id INTEGER PRIMARY KEY,
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        position INTEGER NOT NULL, title TEXT NOT NULL, start_time TEXT, end_time TEXT,
        remote INTEGER NOT NULL DEFAULT 0, UNIQUE (event_id, position))""",
    """CREATE TABLE audience_segments (
        id INTEGER PRIMARY KEY,
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        position INTEGER NOT NULL, who TEXT NOT NULL, attendance TEXT NOT NULL,
        parts TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',
        UNIQUE (event_id, position))""",
    """CREATE TABLE competitions (
        id INTEGER PRIMARY KEY, title TEXT NOT NULL, kind TEXT NOT NULL,
        program_id INTEGER REFERENCES programs(id), academic_year INTEGER NOT NULL,
        subjects TEXT NOT NULL DEFAULT '', grades_from INTEGER, grades_to INTEGER,
        high_rated TEXT NOT NULL DEFAULT '',
        organizer_org_id INTEGER REFERENCES organizations(id),
        final_event_id INTEGER REFERENCES events(id), description TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '', revision INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    """CREATE TABLE stages (
        id INTEGER PRIMARY KEY,
        competition_id INTEGER NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
        position INTEGER NOT NULL, level TEXT NOT NULL, name TEXT NOT NULL,
        start_date TEXT, end_date TEXT, reg_start TEXT, reg_end TEXT,
        grades_from INTEGER, grades_to INTEGER,
        pass_rule TEXT NOT NULL DEFAULT '{"kind": "manual"}',
        revision INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
        UNIQUE (competition_id, position))""",
    """CREATE TABLE stage_sessions (
        id INTEGER PRIMARY KEY,
        stage_id INTEGER NOT NULL REFERENCES stages(id) ON DELETE CASCADE,
        event_id INTEGER NOT NULL UNIQUE REFERENCES events(id),
        district_id INTEGER REFERENCES districts(id),
        host_org_id INTEGER REFERENCES organizations(id))""",
    """CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        stage_id INTEGER NOT NULL REFERENCES stages(id) ON DELETE CASCADE,
        session_id INTEGER REFERENCES stage_sessions(id),
        participant_name TEXT NOT NULL, grade INTEGER,
        organization_id INTEGER REFERENCES organizations(id),
        subject TEXT NOT NULL DEFAULT '', score REAL, result TEXT NOT NULL DEFAULT 'participant',
        status TEXT NOT NULL DEFAULT 'admitted', note TEXT NOT NULL DEFAULT '',
        revision INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    """CREATE TABLE feed_tokens (
        id INTEGER PRIMARY KEY,
        organization_id INTEGER NOT NULL REFERENCES organizations(id),
        token TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT)""",
    """CREATE TABLE changes (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT NOT NULL,
        table_name TEXT NOT NULL, row_id TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('insert','update','delete')),
        before TEXT, after TEXT)""",
]

V1_INDEXES = [
    "CREATE INDEX idx_organizations_district ON organizations(district_id)",
    "CREATE INDEX idx_organizations_name ON organizations(name)",
    "CREATE INDEX idx_memberships_program ON memberships(program_id, role)",
    "CREATE INDEX idx_events_start ON events(start_at)",
    "CREATE INDEX idx_events_program ON events(program_id)",
    "CREATE INDEX idx_events_host ON events(host_org_id)",
    "CREATE INDEX idx_stages_competition ON stages(competition_id)",
    "CREATE INDEX idx_entries_stage ON entries(stage_id)",
    "CREATE INDEX idx_changes_row ON changes(table_name, row_id)",
]
