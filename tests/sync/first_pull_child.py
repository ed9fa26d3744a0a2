"""Child process of the first-pull image tests: copies an image into a laptop's database and stops inside the
copying transaction, every table written and the triggers dropped, to be killed there (SIGKILL).

python first_pull_child.py DB_PATH IMAGE_PATH KEY_HEX
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from yulu_desktop.store import triggers
from yulu_desktop.store.database import Database
from yulu_desktop.sync import first_pull

PASSPHRASE = "test-passphrase-1"


@contextlib.contextmanager
def dropped_then_wait(cursor: Any, names: Sequence[str]) -> Iterator[None]:
    with triggers.dropped(cursor, names):
        yield
        print("copied", flush=True)  # not committed: the parent kills this process now
        time.sleep(600)


def main() -> int:
    db = Database.open(Path(sys.argv[1]), PASSPHRASE)
    first_pull.triggers = SimpleNamespace(dropped=dropped_then_wait)  # type: ignore[assignment]
    first_pull.copy_image(db, first_pull.Image(Path(sys.argv[2]), bytes.fromhex(sys.argv[3])))
    return 1  # never reached


if __name__ == "__main__":
    sys.exit(main())
