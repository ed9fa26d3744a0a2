"""How many pushes a serving process merges at once; the others wait their turn without a thread or a connection.

In a township office fifty laptops push within the same second. Each push is merged in Python (one thread at a
time per process: the GIL) and then written under the change-log lock, one push after the other. Letting all
fifty in at once gained nothing but cost some 15 % more CPU: fifty threads taking turns at the interpreter,
fifty database sessions reading ahead and then waiting on the lock, and the lock holder's own statements
competing with all of them for the two cores (docs/PERFORMANCE.md, "Pushes merged two at a time"). Two at a time
keep the interpreter busy while the other push waits for the database (one at a time measured about the same).

A waiting push holds no worker thread and no database connection, so hello, pull and the consistency check of
laptops that have already pushed go ahead meanwhile.
"""

from __future__ import annotations

import asyncio
import weakref

#: Pushes one serving process merges and writes at the same time.
PUSHES_AT_ONCE = 2


class PushQueue:
    """An ``asyncio.Semaphore`` of ``slots`` for the running event loop (``async with queue():``).

    One per event loop, made on first use: an asyncio primitive belongs to the loop it first waited in, and a
    test may serve one app from several loops one after the other."""

    def __init__(self, slots: int = PUSHES_AT_ONCE) -> None:
        self.slots = slots
        self._by_loop: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
            weakref.WeakKeyDictionary()
        )

    def __call__(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        semaphore = self._by_loop.get(loop)
        if semaphore is None:
            semaphore = self._by_loop[loop] = asyncio.Semaphore(self.slots)
        return semaphore
