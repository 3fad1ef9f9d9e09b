"""The SQLite storages of the lake's Dagster instance, without a new connection for every write.

Dagster's own SQLite run and event-log storages create an engine, open a connection, commit and
close it for every write: each commit waits for the disk (`synchronous=FULL`), each close of the
last connection checkpoints the write-ahead log, and a run's new event database is made by ~50
statements that each commit on their own. Profiled on the bundled sample (a batch run and a
refresh run, 65 events, 2 busy cores): 55 ms per event, 3.4 s in all, mostly `commit` and
`close`; creating the two runs 1.9 s, of which 1.3 s made their event databases.

These subclasses keep one engine per database file for the life of the process (a few run files
at most) and open their connections with `journal_mode=WAL` and `synchronous=NORMAL`: in WAL mode
the database stays consistent after a crash, and a power loss can lose the last events, never
the lake's data (Delta commits it). The files, their schema and layout are Dagster's own, so the
UI, and an instance that names Dagster's classes, read the same runs.

Dagster checks and stamps each new database's schema version with alembic, and every check and
stamp loads its ~150 migration scripts again (`ScriptDirectory.from_config`): 11 loads, 1.9 s
profiled, in an ingest of one batch. `share_dagster_migrations` keeps one `ScriptDirectory` per
process for Dagster's own migrations folder, whose files do not change while a process runs.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from alembic.config import Config
from alembic.script import ScriptDirectory
from dagster._core.storage.event_log.sqlite.sqlite_event_log import (
    INDEX_SHARD_NAME,
    SQLITE_BUSY_TIMEOUT_SECONDS,
    SqliteEventLogStorage,
)
from dagster._core.storage.runs.sqlite.sqlite_run_storage import SqliteRunStorage
from dagster._core.storage.schedules.sqlite.sqlite_schedule_storage import SqliteScheduleStorage
from dagster._core.storage.sql import ALEMBIC_SCRIPTS_LOCATION as DAGSTER_MIGRATIONS
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine

OPEN_RUN_FILES = 4  # event databases kept open: the index and the runs of one CLI call


_load_scripts = ScriptDirectory.from_config.__func__  # type: ignore[attr-defined]
_shared_scripts: dict[str, ScriptDirectory] = {}
_scripts_lock = threading.Lock()


def _scripts_once(cls: type[ScriptDirectory], config: Config) -> ScriptDirectory:
    """Dagster's migrations as one `ScriptDirectory` per process; any other folder as alembic
    makes it."""
    if config.get_main_option("script_location") != DAGSTER_MIGRATIONS:
        return _load_scripts(cls, config)
    with _scripts_lock:
        if DAGSTER_MIGRATIONS not in _shared_scripts:
            _shared_scripts[DAGSTER_MIGRATIONS] = _load_scripts(cls, config)
        return _shared_scripts[DAGSTER_MIGRATIONS]


def share_dagster_migrations() -> None:
    """Make alembic give Dagster's checks and stamps one shared `ScriptDirectory` (idempotent)."""
    ScriptDirectory.from_config = classmethod(_scripts_once)  # type: ignore[method-assign,assignment]


share_dagster_migrations()  # before the storages below make their databases


def _new_in_wal_mode(path: Path) -> None:
    """Create an empty database file in WAL mode, when there is none, before Dagster makes its
    tables: its ~50 statements then each wait for one write instead of three (0.41 s -> 0.13 s
    for the run database on this machine's disk)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        with closing(sqlite3.connect(path)) as db:
            db.execute("PRAGMA journal_mode=WAL")


def _engine(conn_string: str) -> Engine:
    """An engine whose pooled connections stay open, in WAL mode with `synchronous=NORMAL`."""
    engine = create_engine(
        conn_string,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute("PRAGMA synchronous=NORMAL")

    return engine


class LakeRunStorage(SqliteRunStorage):
    """Dagster's SQLite run storage (`history/runs.db`) on one engine per process."""

    @classmethod
    def from_config_value(  # type: ignore[override]
        cls, inst_data: Any, config_value: Mapping[str, Any]
    ) -> LakeRunStorage:
        _new_in_wal_mode(Path(config_value["base_dir"]) / "runs.db")
        return cls.from_local(inst_data=inst_data, **config_value)

    def __init__(self, conn_string: str, inst_data: Any = None) -> None:
        super().__init__(conn_string, inst_data)
        self._lake_engine = _engine(conn_string)  # connects on first use

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        with self._lake_engine.connect() as conn, conn.begin():
            yield conn

    def dispose(self) -> None:
        super().dispose()
        self._lake_engine.dispose()


class LakeEventLogStorage(SqliteEventLogStorage):
    """Dagster's SQLite event log (`history/runs/<run>.db` and `index.db`) on engines kept open
    for the index and the last few runs."""

    def __init__(self, base_dir: str, inst_data: Any = None) -> None:
        self._engines: OrderedDict[str, Engine] = OrderedDict()
        index = Path(base_dir) / f"{INDEX_SHARD_NAME}.db"
        new = not index.exists()
        _new_in_wal_mode(index)  # then Dagster's constructor sees a file and leaves it to us
        super().__init__(base_dir, inst_data)
        if new:  # as Dagster's constructor does for a new index, on a pooled WAL engine
            with self._db_lock:
                self._initdb(self._engine_for(INDEX_SHARD_NAME), for_index_shard=True)
            self.reindex_events()
            self.reindex_assets()

    @classmethod
    def from_config_value(  # type: ignore[override]
        cls, inst_data: Any, config_value: Mapping[str, Any]
    ) -> LakeEventLogStorage:
        return cls(inst_data=inst_data, **config_value)

    def _engine_for(self, shard: str) -> Engine:
        """The shard's engine, the least recently used one disposed past `OPEN_RUN_FILES`
        (called under the storage's lock)."""
        engine = self._engines.pop(shard, None) or _engine(self.conn_string_for_shard(shard))
        self._engines[shard] = engine
        while len(self._engines) > OPEN_RUN_FILES:
            _, oldest = self._engines.popitem(last=False)
            oldest.dispose()
        return engine

    @contextmanager
    def _connect(self, shard: str) -> Iterator[Connection]:
        with self._db_lock:
            engine = self._engine_for(shard)
            if shard not in self._initialized_dbs:
                self._initdb(engine)
                self._initialized_dbs.add(shard)
            with engine.connect() as conn, conn.begin():
                yield conn

    def dispose(self) -> None:
        super().dispose()
        with self._db_lock:
            while self._engines:
                self._engines.popitem()[1].dispose()


class LakeScheduleStorage(SqliteScheduleStorage):
    """Dagster's SQLite schedule storage (`schedules/schedules.db`), its file made in WAL mode.
    The CLI's runs only create it: its writes are the sensors' and schedules' (the daemon)."""

    @classmethod
    def from_config_value(  # type: ignore[override]
        cls, inst_data: Any, config_value: Mapping[str, Any]
    ) -> LakeScheduleStorage:
        _new_in_wal_mode(Path(config_value["base_dir"]) / "schedules.db")
        return cls.from_local(inst_data=inst_data, **config_value)
