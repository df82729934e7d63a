"""Eight coordinators at once: 8 processes × 200 edits of the same few events and organisations.

Each process reads a row, changes it from the revision it read (the editors' own calls:
`update_event`, `update_org`), and writes down what it was told: accepted (with the new
revision) or refused as a conflict. Afterwards every accepted edit is in the audit log and
the rows' history, every refused one was a ConflictError, no «database is locked» escaped,
and each row's revisions run 1..N without gaps or repeats. Meanwhile the main process takes
online backups, which must pass `PRAGMA integrity_check` and open as a database whose rows
agree with their own audit log (a backup is one consistent moment, not a torn copy).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import pytest

from rcro_tui.db.backups import backup
from rcro_tui.db.connection import connect, open_database
from rcro_tui.db.events import EventDraft, add_event
from rcro_tui.db.orgs import OrgDraft, add_org
from rcro_tui.model import EventKind

pytestmark = pytest.mark.stress

PROCESSES = 8
EDITS = 200
TIME_LIMIT_S = 60

WORKER = r"""
import json, random, sys, time
from dataclasses import replace

from rcro_tui.db import event_edit, orgs
from rcro_tui.db.connection import connect
from rcro_tui.db.store import ConflictError

path, number, edits, targets = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), json.loads(sys.argv[4])
user = f"coordinator{number}"
chance = random.Random(number)
db = connect(path)
with open(f"{path}.{number}.jsonl", "w", encoding="utf-8") as log:
    for i in range(edits):
        table, key = chance.choice(targets)
        value = f"{user} правка {i}"
        if table == "events":
            draft, revision = event_edit.draft_of(db, key)
        else:
            draft, revision = orgs.draft_of(db, key)
        time.sleep(chance.random() * 0.002)  # the person types: others may save meanwhile
        try:
            if table == "events":
                after = event_edit.update_event(db, key, replace(draft, title=value), user=user,
                                                expected_revision=revision)
            else:
                after = orgs.update_org(db, key, replace(draft, note=value), user=user,
                                        expected_revision=revision)["revision"]
            outcome = "accepted"
        except ConflictError as error:
            after, outcome = None, "conflict:" + error.message
        log.write(json.dumps({"table": table, "key": key, "value": value, "user": user,
                              "from": revision, "to": after, "outcome": outcome},
                             ensure_ascii=False) + "\n")
db.close()
"""


def seed(path: Path) -> list[tuple[str, int]]:
    """Three events and three organisations that every process edits."""
    db = open_database(path)
    targets = []
    for n in range(3):
        targets.append(("events", add_event(db, EventDraft(
            title=f"Семинар {n}", kind=EventKind.SEMINAR,
            start=datetime(2026, 12, 1 + n, 10), end=datetime(2026, 12, 1 + n, 12)),
            user="seed")))
        targets.append(("organizations", add_org(db, OrgDraft(
            f"МАОУ СОШ № {n + 1} г. Томска"), user="seed")))
    db.close()
    return targets


def run_workers(path: Path, targets) -> tuple[list[subprocess.Popen], float]:
    started = time.monotonic()
    workers = [subprocess.Popen(
        [sys.executable, "-c", WORKER, str(path), str(n), str(EDITS), json.dumps(targets)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in range(PROCESSES)]
    return workers, started


def backups_while_running(path: Path, workers, folder: Path) -> list[Path]:
    """Online backups taken while the edits go on (at least one mid-way)."""
    copies = []
    db = connect(path)
    try:
        while any(w.poll() is None for w in workers) or not copies:
            done = db.execute("SELECT count(*) FROM changes WHERE action = 'update'").fetchone()[0]
            if done >= 50 * (len(copies) + 1) or all(w.poll() is not None for w in workers):
                copy = folder / f"backup-{len(copies)}.sqlite"
                backup(db, copy)  # what `rcro-tui backup` does: online copy, integrity check, rename
                copies.append(copy)
            time.sleep(0.05)
    finally:
        db.close()
    return copies


def outcomes(path: Path) -> list[dict]:
    return [json.loads(line) for n in range(PROCESSES)
            for line in Path(f"{path}.{n}.jsonl").read_text(encoding="utf-8").splitlines()]


def audit_updates(db) -> dict[tuple[str, int], list[dict]]:
    """Each row's update entries of the audit log, the `after` JSON, in log order."""
    found = defaultdict(list)
    for row in db.query("SELECT table_name, row_id, user, after FROM changes "
                        "WHERE action = 'update' AND table_name IN ('events', 'organizations') "
                        "ORDER BY id"):
        found[(row["table_name"], int(row["row_id"]))].append(
            {"user": row["user"], **json.loads(row["after"])})
    return found


def assert_consistent(db, targets) -> dict[tuple[str, int], list[dict]]:
    """Rows and audit log agree: revisions 2..N logged once each, the row at N."""
    log = audit_updates(db)
    for table, key in targets:
        revisions = [entry["revision"] for entry in log[(table, key)]]
        assert revisions == list(range(2, len(revisions) + 2)), (table, key, revisions)
        row = db.execute(f"SELECT revision FROM [{table}] WHERE id = ?", [key]).fetchone()
        assert row[0] == len(revisions) + 1, (table, key)
    return log


def test_eight_processes_lose_no_update_and_a_backup_taken_meanwhile_is_sound(tmp_path):
    path = tmp_path / "shared.sqlite"
    targets = seed(path)
    workers, started = run_workers(path, targets)
    copies = backups_while_running(path, workers, tmp_path)
    results = [w.communicate(timeout=TIME_LIMIT_S) for w in workers]
    duration = time.monotonic() - started
    for worker, (out, err) in zip(workers, results):
        assert "locked" not in err and "Traceback" not in err, err
        assert worker.returncode == 0, err
    assert duration < TIME_LIMIT_S

    said = outcomes(path)
    assert len(said) == PROCESSES * EDITS
    accepted = [s for s in said if s["outcome"] == "accepted"]
    refused = [s for s in said if s["outcome"].startswith("conflict:")]
    assert len(accepted) + len(refused) == len(said), "accepted or a conflict, nothing else"
    assert accepted and refused, "the processes really did overlap"
    assert all("Запись изменил другой пользователь" in s["outcome"] for s in refused)

    db = open_database(path)
    log = assert_consistent(db, targets)
    column = {"events": "title", "organizations": "note"}
    logged = {(t, k, e["revision"]): (e["user"], e[column[t]])
              for (t, k), entries in log.items() for e in entries}
    for s in accepted:
        assert s["to"] == s["from"] + 1
        assert logged[(s["table"], s["key"], s["to"])] == (s["user"], s["value"]), s
    assert len(logged) == len(accepted), "nothing in the log that nobody was told was accepted"
    values = {value for _, value in logged.values()}
    assert not any(s["value"] in values for s in refused), "a refused edit was written"
    db.close()

    assert copies and any(c.stat().st_size for c in copies)
    for copy in copies:
        backup = open_database(copy)
        assert backup.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert_consistent(backup, targets)
        backup.close()
    print(f"\nstress: {len(accepted)} accepted, {len(refused)} conflicts, "
          f"{len(copies)} backups, {duration:.1f} s")
