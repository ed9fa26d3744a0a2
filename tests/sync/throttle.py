"""A slow link for the sync tests and the link budget: a loopback TCP proxy with a bandwidth limit per direction
and a one-way delay, counting the bytes it carries.

Used by tests/sync/test_link_budget.py (a fast simulated link) and bench/bench_link_budget.py (2G: 64 kbit/s
each way, 300 ms each way). A ``faults.LoopbackProxy`` with a pump per direction.

The model: each direction is one link shared by all connections of the device (a laptop on one 2G modem).
Sending ``n`` bytes occupies it for ``8 n / bits_per_second`` seconds, in segments of at most ``SEGMENT`` bytes;
a segment arrives ``delay`` seconds after it left. A new connection's first bytes wait one round trip (the TCP
handshake). What is counted is TCP payload — HTTP headers and bodies — not TCP/IP headers or ACKs.
"""

from __future__ import annotations

import contextlib
import heapq
import socket
import threading
import time
from dataclasses import dataclass, field

from faults import LoopbackProxy

#: Bytes a pump hands to the link at a time (an Ethernet-sized TCP segment).
SEGMENT = 1460


@dataclass
class LinkStats:
    bytes_up: int = 0
    bytes_down: int = 0
    connections: int = 0

    def snapshot(self) -> LinkStats:
        return LinkStats(self.bytes_up, self.bytes_down, self.connections)

    def __sub__(self, other: LinkStats) -> LinkStats:
        return LinkStats(
            self.bytes_up - other.bytes_up,
            self.bytes_down - other.bytes_down,
            self.connections - other.connections,
        )


@dataclass
class _Link:
    """One direction of the modem: when it is free again, shared by every connection."""

    bits_per_second: float
    delay: float
    free_at: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def schedule(self, size: int) -> float:
        """When ``size`` bytes handed over now arrive at the other end."""
        with self.lock:
            start = max(time.monotonic(), self.free_at)
            self.free_at = start + (8 * size / self.bits_per_second if self.bits_per_second else 0.0)
            return self.free_at + self.delay


class _Delivery:
    """Writes scheduled segments to a socket at their arrival times, in order (one thread per direction)."""

    def __init__(self, target: socket.socket, done: threading.Barrier) -> None:
        self.target = target
        self.done = done
        self._queue: list[tuple[float, int, bytes]] = []
        self._counter = 0
        self._cv = threading.Condition()
        self._closed = False
        threading.Thread(target=self._run, daemon=True).start()

    def put(self, at: float, data: bytes) -> None:
        with self._cv:
            self._counter += 1
            heapq.heappush(self._queue, (at, self._counter, data))
            self._cv.notify()

    def close_when_drained(self) -> None:
        with self._cv:
            self._closed = True
            self._cv.notify()

    def _run(self) -> None:
        while True:
            with self._cv:
                while not self._queue and not self._closed:
                    self._cv.wait()
                if not self._queue:
                    break
                at, _n, data = self._queue[0]
                wait = at - time.monotonic()
                if wait > 0:
                    self._cv.wait(wait)
                    continue
                heapq.heappop(self._queue)
            try:
                self.target.sendall(data)
            except OSError:
                break
        with contextlib.suppress(OSError):
            self.target.shutdown(socket.SHUT_WR)
        with contextlib.suppress(threading.BrokenBarrierError):
            self.done.wait()


class ThrottleProxy(LoopbackProxy):
    """Forwards 127.0.0.1:port → upstream through a simulated slow link; ``stats`` counts what crossed it.

    ``up_bps``/``down_bps``: bits per second device → server and back (0: unlimited); ``delay``: one-way delay
    in seconds, each direction (the round trip is twice that).
    """

    def __init__(self, upstream: tuple[str, int], *, up_bps: float, down_bps: float, delay: float) -> None:
        super().__init__(upstream)
        self.delay = delay
        self.up = _Link(up_bps, delay)
        self.down = _Link(down_bps, delay)
        self.stats = LinkStats()
        self._sockets: list[socket.socket] = []

    def __exit__(self, *exc: object) -> None:
        super().__exit__(*exc)
        with self._lock:
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.close()

    def _count(self, up: int = 0, down: int = 0, connections: int = 0) -> None:
        with self._lock:
            self.stats.bytes_up += up
            self.stats.bytes_down += down
            self.stats.connections += connections

    def _handle(self, client: socket.socket) -> None:
        self._count(connections=1)
        try:
            upstream = socket.create_connection(self.upstream, timeout=120)
        except OSError:
            client.close()
            return
        for sock in (client, upstream):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        # The TCP handshake: nothing the device sends can leave before one round trip.
        handshake_done = time.monotonic() + 2 * self.delay
        with self._lock:
            self._sockets += [client, upstream]

        def close_both() -> None:
            for sock in (client, upstream):
                with contextlib.suppress(OSError):
                    sock.close()

        # Both directions delivered and shut down: the connection is over.
        done = threading.Barrier(2, action=close_both)
        to_server = _Delivery(upstream, done)
        to_device = _Delivery(client, done)

        def pump(source: socket.socket, link: _Link, delivery: _Delivery, upward: bool) -> None:
            try:
                while True:
                    data = source.recv(SEGMENT)
                    if not data:
                        break
                    if upward:
                        self._count(up=len(data))
                        wait = handshake_done - time.monotonic()
                        if wait > 0:
                            time.sleep(wait)
                    else:
                        self._count(down=len(data))
                    delivery.put(link.schedule(len(data)), data)
            except OSError:
                pass
            delivery.close_when_drained()

        threading.Thread(target=pump, args=(upstream, self.down, to_device, False), daemon=True).start()
        pump(client, self.up, to_server, True)
