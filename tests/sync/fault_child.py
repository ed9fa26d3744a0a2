"""Child process of the fault tests: sync one device until told to stop (by SIGKILL, usually mid-way).

python fault_child.py DB_PATH SERVER_URL BATCH
"""

from __future__ import annotations

import sys
from pathlib import Path

import httpx

from yulu_desktop.store.database import Database
from yulu_desktop.sync.client import SyncClient, SyncError

PASSPHRASE = "test-passphrase-1"


def main() -> int:
    db_path, url, batch = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    db = Database.open(db_path, PASSPHRASE)
    with httpx.Client(timeout=30) as http:
        client = SyncClient(db, url, http=http, push_batch=batch, pull_page=batch * 2)
        for _ in range(50):
            try:
                if client.sync_once().complete:
                    return 0
            except SyncError as exc:
                print("sync error:", exc.message, flush=True)
    return 1


if __name__ == "__main__":
    sys.exit(main())
