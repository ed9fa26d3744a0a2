"""What the command-line tools (``yulu``, ``yulu-server``, ``yulu-province``) do when their reader goes away."""

from __future__ import annotations

import contextlib
import os
import sys


def discard_stdout() -> None:
    """``… | head``: the reader closed the pipe. Point stdout at the null device, so that what is still
    buffered goes nowhere when Python flushes it at exit instead of failing again with a traceback."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
