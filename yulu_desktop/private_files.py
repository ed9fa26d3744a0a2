"""Files only their owner may read (key files): written whole or not at all, mode 0600 whatever the umask.

Used by the laptop's key slots (``store.keyring``) and the county server's key files (``server.bundle_keys``,
``server.fieldcrypt``); no I/O beyond the file itself, so any layer may use it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import BinaryIO

PRIVATE_FILE_MODE = 0o600


def write_private(path: Path, data: bytes, *, replace: bool = True) -> bool:
    """Write ``data`` to ``path`` through a 0600 temporary file in the same folder, flushed to disk, then moved
    into place (and the folder synced), so that a crash leaves the old file or the new one, never a half.

    ``replace`` False: only when no file is there yet (the move is a hard link, which fails when another
    process made one first); returns False then, and that file is left as it is. True when written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE_FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if replace:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                return False
        if os.name != "nt":
            os.chmod(path, PRIVATE_FILE_MODE)
            _sync_folder(path.parent)
        return True
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def open_new_private(path: Path) -> BinaryIO:
    """A new file at ``path`` (``FileExistsError`` if one is there), mode 0600 whatever the umask, open for
    writing: for a file whose content arrives in parts (a downloaded database image)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE_FILE_MODE)
    return os.fdopen(fd, "wb")


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
