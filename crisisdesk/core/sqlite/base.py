"""SQLite, with writers queueing on a file lock instead of SQLite's busy-wait.

With several server processes, SQLite makes a writer that finds the database locked sleep and
retry (1, 2, 5, 10 ... 100 ms); under steady load the waits add up and the cores sit idle. Here
every write transaction first takes an exclusive `flock` on a lock file beside the database, so
a waiting writer sleeps in the kernel and wakes the moment the previous one commits. Readers
never take it: in WAL mode they do not block writers or each other.
"""

from __future__ import annotations

import fcntl
import os
from typing import Any

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._write_lock_fd: int | None = None

    def _lock_path(self) -> str | None:
        name = str(self.settings_dict["NAME"])
        if self.is_in_memory_db() or not name:
            return None
        return name + ".write-lock"

    def _acquire_write_lock(self) -> None:
        path = self._lock_path()
        if path is None or self._write_lock_fd is not None:
            return
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        self._write_lock_fd = fd

    def _release_write_lock(self) -> None:
        fd, self._write_lock_fd = self._write_lock_fd, None
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def _start_transaction_under_autocommit(self) -> None:
        self._acquire_write_lock()
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
        except BaseException:
            self._release_write_lock()
            raise

    def _commit(self) -> None:
        try:
            super()._commit()  # type: ignore[misc]
        finally:
            self._release_write_lock()

    def _rollback(self) -> None:
        try:
            super()._rollback()  # type: ignore[misc]
        finally:
            self._release_write_lock()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._release_write_lock()
