"""Fault injection for the sync tests: a loopback TCP proxy that cuts, delays and truncates connections, a county
server in its own process (so it can be killed with SIGKILL), and a device syncing in a child process.

Used by tests/sync/test_sync_faults.py (short runs) and bench/bench_sync_faults.py (long runs).
"""

from __future__ import annotations

import abc
import contextlib
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

import httpx

CHILD = Path(__file__).with_name("fault_child.py")


@dataclass
class ProxyStats:
    connections: int = 0
    cut_requests: int = 0
    cut_responses: int = 0
    delayed: int = 0
    clean: int = 0
    kinds: list[str] = field(default_factory=list)


class LoopbackProxy(abc.ABC):
    """A TCP proxy on a random loopback port to ``upstream``: an accept thread hands every connection to
    ``_handle`` (on a thread of its own), which the subclass writes."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._closed = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._closed = True
        self.listener.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(client,), daemon=True).start()

    @abc.abstractmethod
    def _handle(self, client: socket.socket) -> None:
        """Serve one client connection (and close it)."""


class ChaosProxy(LoopbackProxy):
    """Forwards 127.0.0.1:port → upstream; each new connection, at random (seeded), is left alone, delayed,
    cut after some bytes of the request, or cut after some bytes of the response (a truncated answer, possibly
    after the server committed)."""

    def __init__(
        self,
        upstream: tuple[str, int],
        *,
        seed: int,
        fault_rate: float = 0.35,
        first: tuple[str, ...] = ("cut_response", "cut_request", "delay"),
    ) -> None:
        super().__init__(upstream)
        #: The first connections get these faults (so a short run surely has each), then chance decides.
        self.script = list(first)
        self.rng = random.Random(seed)
        self.fault_rate = fault_rate
        self.stats = ProxyStats()

    def _choose(self) -> tuple[str, float]:
        with self._lock:
            self.stats.connections += 1
            if self.script:
                kind = self.script.pop(0)
            elif self.rng.random() >= self.fault_rate:
                self.stats.clean += 1
                return "clean", 0
            else:
                kind = self.rng.choice(["cut_request", "cut_response", "cut_response", "delay"])
            self.stats.kinds.append(kind)
            if kind == "delay":
                self.stats.delayed += 1
                return kind, self.rng.uniform(0.05, 0.4)
            if kind == "cut_request":
                self.stats.cut_requests += 1
            else:
                self.stats.cut_responses += 1
            return kind, self.rng.randint(1, 30_000)

    def _handle(self, client: socket.socket) -> None:
        kind, amount = self._choose()
        try:
            upstream = socket.create_connection(self.upstream, timeout=30)
        except OSError:
            client.close()
            return
        if kind == "delay":
            time.sleep(amount)
        request_budget = int(amount) if kind == "cut_request" else None
        response_budget = int(amount) if kind == "cut_response" else None

        def close_both() -> None:
            for sock in (client, upstream):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    sock.close()

        def pump(source: socket.socket, target: socket.socket, budget: int | None) -> None:
            try:
                while True:
                    data = source.recv(65536)
                    if not data:
                        break
                    if budget is not None:
                        if len(data) >= budget:
                            target.sendall(data[:budget])
                            break
                        budget -= len(data)
                    target.sendall(data)
            except OSError:
                pass
            close_both()

        threading.Thread(target=pump, args=(upstream, client, response_budget), daemon=True).start()
        pump(client, upstream, request_budget)


class ServerProcess:
    """``yulu-server serve`` in its own process on a loopback port chosen once (as in production: the county
    server does not share the laptop's interpreter). It can be killed with SIGKILL and restarted on the same
    database and port; with ``workers`` > 1, uvicorn's process manager runs that many workers on one socket."""

    def __init__(self, database_url: str, log: Path | None = None, *, workers: int = 1) -> None:
        self.database_url = database_url
        self.log = log
        self.workers = workers
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def _command(self) -> list[str]:
        if self.workers > 1:
            # The app comes from the factory, which reads the database URL from YULU_SERVER_DB (migrated
            # already: a no-op here).
            return [
                *(sys.executable, "-m", "uvicorn", "--factory", "yulu_desktop.server.app:serving_app"),
                *("--workers", str(self.workers), "--host", "127.0.0.1", "--port", str(self.port)),
                *("--log-level", "warning", "--no-server-header"),
            ]
        return [
            *(sys.executable, "-m", "yulu_desktop.server.cli", "--database-url", self.database_url),
            *("serve", "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning"),
        ]

    def start(self) -> str:
        out = open(self.log, "ab") if self.log is not None else subprocess.DEVNULL  # noqa: SIM115
        try:
            self.process = subprocess.Popen(
                self._command(),
                stdout=out,
                stderr=out,
                env={**os.environ, "YULU_SERVER_DB": self.database_url},
            )
        finally:
            if out is not subprocess.DEVNULL:
                out.close()  # the server process has its own copy
        deadline = time.monotonic() + 120  # generous: a loaded CI machine once took over 30 s
        while True:
            try:
                if httpx.get(self.url + "/v1/ping", timeout=1).status_code == 200:
                    return self.url
            except httpx.HTTPError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                log = self.log.read_text(errors="replace")[-2000:] if self.log is not None else ""
                raise RuntimeError(f"yulu-server did not start (exit {self.process.poll()}): {log}")
            time.sleep(0.05)

    def kill(self) -> None:
        """kill -9: no shutdown, no flush — what a power cut does."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_child_sync(
    db_path: Path, server_url: str, log: Path, *, batch: int = 40
) -> subprocess.Popen[bytes]:
    """A device syncing in a child process (small batches and pages: many commit points to be killed at)."""
    with open(log, "ab") as out:
        return subprocess.Popen(
            [sys.executable, str(CHILD), str(db_path), server_url, str(batch)], stdout=out, stderr=out
        )


class ByteCutProxy(LoopbackProxy):
    """Forwards 127.0.0.1:port → upstream and counts the request bytes (client → server) it forwards.

    ``cut_at``: cumulative request-byte offsets at which the link is cut — the bytes before the offset reach the
    server, the connection is then closed both ways (a request cut in the middle of its body). ``drop_answer_at``:
    offsets at which the request goes through whole but its answer is lost (the link dies while the server
    answers: the server has stored the chunk, the client does not know). Each offset fires once.
    """

    def __init__(
        self,
        upstream: tuple[str, int],
        *,
        cut_at: list[int] = (),
        drop_answer_at: list[int] = (),  # type: ignore[assignment]
    ) -> None:
        super().__init__(upstream)
        self.cut_at = sorted(cut_at)
        self.drop_answer_at = sorted(drop_answer_at)
        self.request_bytes = 0
        self.cuts = 0
        self.dropped_answers = 0

    def _handle(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(self.upstream, timeout=30)
        except OSError:
            client.close()
            return
        drop_answer = threading.Event()

        def close_both() -> None:
            for sock in (client, upstream):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    sock.close()

        def answers() -> None:
            try:
                while True:
                    data = upstream.recv(65536)
                    if not data or drop_answer.is_set():
                        break
                    client.sendall(data)
            except OSError:
                pass
            close_both()

        threading.Thread(target=answers, daemon=True).start()
        cut: int | None = None
        try:
            while True:
                data = client.recv(65536)
                if not data:
                    break
                with self._lock:
                    start = self.request_bytes
                    end = start + len(data)
                    cut = next((c for c in self.cut_at if start <= c < end), None)
                    if cut is not None:
                        self.cut_at.remove(cut)
                        self.cuts += 1
                        data = data[: cut - start]
                    drop = next((d for d in self.drop_answer_at if start <= d < end), None)
                    if drop is not None and cut is None:
                        self.drop_answer_at.remove(drop)
                        self.dropped_answers += 1
                        drop_answer.set()
                    self.request_bytes += len(data)
                if data:
                    upstream.sendall(data)
                if cut is not None:
                    break
        except OSError:
            pass
        # A cut closes the link even when an earlier request on it had its answer dropped: left open, the
        # server waited for the rest of the cut body and the client for an answer until the 30 s socket timeout
        # (a 10 s client timeout and a 20 s server shutdown, not a fault this proxy means to make).
        if cut is not None or not drop_answer.is_set():
            close_both()
