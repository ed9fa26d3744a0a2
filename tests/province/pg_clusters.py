"""Throw-away PostgreSQL clusters for the province tests: county servers, the province, standbys.

Logical replication is between *clusters* (a subscription connects to another server's WAL sender), and a county
server that is stopped, crashed or failed over is a cluster that stops, so these tests cannot share the main
cluster on 5432 the way the sync tests share it (a schema each). Each test makes its own small clusters with
Debian's ``pg_createcluster`` on a free loopback port: trust authentication (loopback only), ``wal_level =
logical``, ``fsync`` off (a test's data need not survive a power cut; a crash of the server process is still a
real crash: the WAL and the OS page cache survive it). Creating and starting one takes about 1 s, a standby
(``pg_basebackup``) about 1.5 s: ``start`` runs ``pg_ctl`` itself (``pg_ctlcluster start`` adds 2 s of polling).

Clusters are named ``yulutest_<tag>_<pid>``. A test drops its clusters when it ends; the clusters of a process
that died without doing so (killed by a timeout, say) are dropped by the sweep at the first ``create_cluster`` of
the next session, since their pid is dead. Creation is serialised across processes (pytest-xdist workers) by a
lock file, so two workers never pick the same port.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import json
import os
import random
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg

VERSION = "15"
PREFIX = "yulutest_"
_NAME = re.compile(rf"^{PREFIX}[a-z0-9_]+_(\d+)$")
_LOCK = Path("/tmp/yulutest-clusters.lock")
#: Below the kernel's ephemeral range (32768–60999), so that an outgoing connection never takes the port of a
#: cluster that is stopped for a while and restarted later.
_PORTS = (15500, 30000)
_SETTINGS = """\
# Written by tests/province/pg_clusters.py.
listen_addresses = '127.0.0.1'
wal_level = logical
max_wal_senders = 10
max_replication_slots = 10
max_worker_processes = 16
max_logical_replication_workers = 8
max_sync_workers_per_subscription = 4
shared_buffers = 16MB
fsync = off
full_page_writes = off
ssl = off
wal_receiver_status_interval = 1s
wal_retrieve_retry_interval = 1s
log_min_messages = warning
"""

_created: set[str] = set()
_swept = False


class ClusterError(RuntimeError):
    """A cluster command failed (the message carries the command's output and the end of the server log)."""


@dataclass
class Cluster:
    """One PostgreSQL cluster of this test run, listening on 127.0.0.1:``port``."""

    name: str
    port: int

    def url(self, dbname: str = "yulu") -> str:
        """The SQLAlchemy URL of a database of this cluster."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{dbname}"

    def conninfo(self, dbname: str = "yulu") -> str:
        """The libpq connection string (what a SUBSCRIPTION or psycopg takes)."""
        return f"host=127.0.0.1 port={self.port} dbname={dbname} user=postgres"

    @property
    def data_dir(self) -> Path:
        return Path(f"/var/lib/postgresql/{VERSION}/{self.name}")

    @property
    def config_dir(self) -> Path:
        return Path(f"/etc/postgresql/{VERSION}/{self.name}")

    @property
    def log_file(self) -> Path:
        return Path(f"/var/log/postgresql/postgresql-{VERSION}-{self.name}.log")

    def stop(self, mode: str = "fast") -> None:
        """``pg_ctlcluster stop -m MODE``: ``fast`` (clean shutdown) or ``immediate`` (a crash)."""
        _run(["pg_ctlcluster", VERSION, self.name, "stop", "-m", mode], cluster=self)

    def start(self) -> None:
        """Start and wait until the cluster accepts connections (a standby: read-only connections).

        ``pg_ctl`` itself, as the cluster owner: ``pg_ctlcluster start`` does the same but polls every 0.5 s
        and waits for the server to "stabilise", 2 s per start."""
        _run(
            [
                *("runuser", "-u", "postgres", "--", f"/usr/lib/postgresql/{VERSION}/bin/pg_ctl", "start"),
                *("-w", "-t", "120", "-s", "-D", str(self.data_dir), "-l", str(self.log_file)),
                *("-o", f'-c config_file="{self.config_dir / "postgresql.conf"}"'),
            ],
            cluster=self,
        )
        self.wait_ready()

    def promote(self) -> None:
        """Promote a standby to primary and wait until it accepts writes."""
        _run(["pg_ctlcluster", VERSION, self.name, "promote"], cluster=self)
        deadline = time.monotonic() + 120
        while self.query("SELECT pg_is_in_recovery()")[0][0]:
            if time.monotonic() > deadline:
                raise ClusterError(f"{self.name} is still in recovery 120 s after promote\n{self.log_tail()}")
            time.sleep(0.1)

    def drop(self) -> None:
        """Stop the cluster (if running) and delete it with its data directory, configuration and log."""
        _run(["pg_dropcluster", "--stop", VERSION, self.name], cluster=self, check=False)
        _created.discard(self.name)

    def running(self) -> bool:
        try:
            with psycopg.connect(self.conninfo("postgres"), connect_timeout=3):
                return True
        except psycopg.OperationalError:
            return False

    def wait_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while not self.running():
            if time.monotonic() > deadline:
                raise ClusterError(f"{self.name} does not accept connections\n{self.log_tail()}")
            time.sleep(0.1)

    def execute(self, sql: str, *, dbname: str = "yulu") -> None:
        """Run SQL in autocommit mode (CREATE DATABASE, ALTER SYSTEM, CREATE SUBSCRIPTION need it)."""
        with psycopg.connect(self.conninfo(dbname), autocommit=True) as conn:
            conn.execute(sql.encode())

    def query(self, sql: str, *, dbname: str = "yulu") -> list[tuple[object, ...]]:
        with psycopg.connect(self.conninfo(dbname), autocommit=True) as conn:
            return list(conn.execute(sql.encode()).fetchall())

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_file.read_text(errors="replace")
        except OSError:
            return f"(no log at {self.log_file})"
        return "\n".join(text.splitlines()[-lines:])


def create_cluster(tag: str, *, logical: bool = True) -> Cluster:
    """Create, configure and start a cluster on a free loopback port, with an empty database ``yulu``.

    ``logical=False`` leaves ``wal_level`` at ``replica`` (a province cluster needs no logical WAL of its own).
    Fails with a clear message when the PostgreSQL cluster tools are not installed."""
    _require_tools()
    _sweep_stale()
    name = f"{PREFIX}{_tag(tag)}_{os.getpid()}"
    with _creation_lock():
        port = _free_port()
        cluster = Cluster(name=name, port=port)
        _run(
            [
                *("pg_createcluster", VERSION, name, "-p", str(port), "--start-conf=manual", "-q"),
                *("--", "--auth=trust", "--no-sync", "--encoding=UTF8", "--locale=C.UTF-8"),
            ],
            cluster=cluster,
        )
        _created.add(name)
        settings = _SETTINGS if logical else _SETTINGS.replace("wal_level = logical", "wal_level = replica")
        (cluster.config_dir / "conf.d" / "yulutest.conf").write_text(settings)
        _ensure_replication_hba(cluster)
    try:
        cluster.start()
        cluster.execute("CREATE DATABASE yulu", dbname="postgres")
    except BaseException:
        cluster.drop()
        raise
    return cluster


def create_standby(primary: Cluster, tag: str, *, synchronous: bool) -> Cluster:
    """A streaming-replication standby of ``primary`` in a cluster of its own (``pg_basebackup -R``), started.

    With ``synchronous`` the primary lists the standby in ``synchronous_standby_names`` and this returns once the
    standby is its synchronous standby: from then on a COMMIT on the primary returns only after the standby has
    flushed its WAL (``synchronous_commit = on``), so a committed transaction survives the loss of the primary."""
    _require_tools()
    name = f"{PREFIX}{_tag(tag)}_{os.getpid()}"
    with _creation_lock():
        port = _free_port()
        standby = Cluster(name=name, port=port)
        _run(
            [
                *("pg_createcluster", VERSION, name, "-p", str(port), "--start-conf=manual", "-q"),
                *("--", "--auth=trust", "--no-sync"),
            ],
            cluster=standby,
        )
        _created.add(name)
        (standby.config_dir / "conf.d" / "yulutest.conf").write_text(_SETTINGS)
        _ensure_replication_hba(standby)
    try:
        # Empty the data directory initdb made (the directory stays: it belongs to postgres, mode 0700).
        for entry in standby.data_dir.iterdir():
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        # As the cluster owner: the data directory must belong to postgres, with mode 0700.
        _run(
            [
                *("runuser", "-u", "postgres", "--", "pg_basebackup"),
                *("-d", f"host=127.0.0.1 port={primary.port} user=postgres application_name={name}"),
                *("-D", str(standby.data_dir), "-R", "-X", "stream", "-c", "fast", "--no-sync"),
            ],
            cluster=primary,
        )
        standby.start()
        if synchronous:
            primary.execute(f"ALTER SYSTEM SET synchronous_standby_names = '\"{name}\"'", dbname="postgres")
            primary.execute("SELECT pg_reload_conf()", dbname="postgres")
            deadline = time.monotonic() + 120
            while primary.query(
                "SELECT sync_state FROM pg_stat_replication WHERE application_name = "
                f"'{name}' AND state = 'streaming'",
                dbname="postgres",
            ) != [("sync",)]:
                if time.monotonic() > deadline:
                    raise ClusterError(f"{name} did not become the synchronous standby\n{primary.log_tail()}")
                time.sleep(0.1)
    except BaseException:
        standby.drop()
        raise
    return standby


@contextlib.contextmanager
def clusters() -> Iterator[list[Cluster]]:
    """A list to put clusters in; every one of them is dropped at the end, whatever happened."""
    made: list[Cluster] = []
    try:
        yield made
    finally:
        for cluster in reversed(made):
            cluster.drop()


# --- internals ------------------------------------------------------------------------------------------


def _tag(tag: str) -> str:
    cleaned = re.sub(r"[^a-z0-9]+", "", tag.lower())
    if not cleaned:
        raise ValueError(f"cluster tag {tag!r} has no letters or digits")
    return cleaned


def _require_tools() -> None:
    missing = [
        t
        for t in ("pg_createcluster", "pg_ctlcluster", "pg_dropcluster", "pg_lsclusters")
        if not shutil.which(t)
    ]
    if missing:
        raise ClusterError(
            f"the province tests need Debian's PostgreSQL {VERSION} cluster tools, missing: {', '.join(missing)}"
            f" (apt-get install postgresql-{VERSION} postgresql-common)"
        )
    if not Path(f"/usr/lib/postgresql/{VERSION}/bin/postgres").exists():
        raise ClusterError(
            f"PostgreSQL {VERSION} server binaries are not installed (apt-get install postgresql-{VERSION})"
        )
    if os.geteuid() != 0:
        raise ClusterError("pg_createcluster needs root (the clusters belong to the postgres user)")


def _run(args: list[str], *, cluster: Cluster, check: bool = True) -> str:
    done = subprocess.run(args, capture_output=True, text=True, timeout=300, check=False)
    if check and done.returncode != 0:
        raise ClusterError(
            f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout}{done.stderr}\n"
            f"--- end of {cluster.log_file}:\n{cluster.log_tail()}"
        )
    return done.stdout


@contextlib.contextmanager
def _creation_lock() -> Iterator[None]:
    with _LOCK.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _existing() -> list[dict[str, object]]:
    done = subprocess.run(["pg_lsclusters", "--json"], capture_output=True, text=True, timeout=60, check=True)
    found: list[dict[str, object]] = json.loads(done.stdout or "[]")
    return found


def _free_port() -> int:
    """A port no cluster is configured for (running or not) and nothing listens on."""
    taken = {int(str(c.get("port"))) for c in _existing() if str(c.get("port", "")).isdigit()}
    for _ in range(1000):
        port = random.randrange(*_PORTS)
        if port in taken:
            continue
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        return port
    raise ClusterError("no free port for a test cluster")


def _ensure_replication_hba(cluster: Cluster) -> None:
    """Standbys and subscriptions connect over 127.0.0.1 (``initdb --auth=trust`` writes these lines already;
    this keeps them whatever the local pg_hba template is)."""
    hba = cluster.config_dir / "pg_hba.conf"
    lines = hba.read_text().splitlines()
    wanted = [
        "host    all             all             127.0.0.1/32            trust",
        "host    replication     all             127.0.0.1/32            trust",
    ]
    present = {" ".join(line.split()) for line in lines}
    added = [line for line in wanted if " ".join(line.split()) not in present]
    if added:
        hba.write_text("\n".join([*added, *lines]) + "\n")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _sweep_stale() -> None:
    """Drop the ``yulutest_*`` clusters left by processes that are gone (once per process)."""
    global _swept
    if _swept:
        return
    _swept = True
    with _creation_lock():
        for found in _existing():
            name = str(found.get("cluster", ""))
            match = _NAME.match(name)
            if match is None or str(found.get("version")) != VERSION:
                continue
            if not _alive(int(match.group(1))):
                subprocess.run(
                    ["pg_dropcluster", "--stop", VERSION, name], capture_output=True, timeout=300, check=False
                )


@atexit.register
def _drop_leftovers() -> None:
    """A test that crashed before its cleanup: its clusters go when the process ends."""
    for name in list(_created):
        subprocess.run(
            ["pg_dropcluster", "--stop", VERSION, name], capture_output=True, timeout=300, check=False
        )
