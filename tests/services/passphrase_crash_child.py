"""Child process of test_passphrase: change the owner's passphrase and die (os._exit, no clean-up) right after
the step named in argv[3], as a dead battery would."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from yulu_desktop.services import passphrase
from yulu_desktop.store import keyring
from yulu_desktop.store.database import Database


def main() -> None:
    path, old, stop, new = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    keyring.ARGON2_TIME_COST, keyring.ARGON2_MEMORY_KIB, keyring.ARGON2_PARALLELISM = 1, 1024, 1

    def step(name: str) -> None:
        if name == stop:
            os._exit(3)

    db = Database.open(path, old)
    passphrase.change_passphrase(db, old, new, step=step)
    os._exit(0)


if __name__ == "__main__":
    main()
