"""Long black-box torture of the county server as a trust boundary (issue 13): the scenario of
tests/sync/test_sync_adversarial.py with more rounds, kills and seeds, on SQLite and/or PostgreSQL.

A real server process, three laptops of one village and a township laptop syncing through a loopback proxy with
random cuts, laptops and the server killed with SIGKILL mid-push and mid-apply, and rogue devices pushing
malformed values, reference-data writes, cycles, taken unique values and orphan children as raw signed requests.
After quiet the invariants of ``adversary.Torture.check`` must hold (see the test's docstring).

    python bench/bench_torture.py                          # SQLite, 10 rounds, seeds 1..3
    python bench/bench_torture.py --db postgres --rounds 20 --seeds 1,2
    python bench/bench_torture.py --db both --client-kills 2 --server-kills 2

PostgreSQL: 127.0.0.1:5432, user postgres, database test (trust auth); each run gets a schema of its own,
dropped afterwards. Prints a summary per run and exits 1 when any invariant failed.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import uuid
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "tests" / "sync"))

import psycopg
from adversary import PASSPHRASE, TortureConfig, TortureSummary, checker_name, run_torture
from sync_helpers import use_cheap_argon2

from yulu_desktop.store import migrate
from yulu_desktop.store.database import Database

PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"


def _template(workdir: Path) -> Path:
    path = workdir / "template.db"
    db = Database.open(path, PASSPHRASE, create=True)
    try:
        migrate.upgrade(db)
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    return path


def _one_run(kind: str, seed: int, args: argparse.Namespace, template: Path, root: Path) -> TortureSummary:
    workdir = root / f"{kind}-{seed}"
    workdir.mkdir()
    schema = ""
    if kind == "sqlite":
        url = f"sqlite:///{workdir / 'server.db'}"
    else:
        schema = f"yulu_torture_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        url = f"postgresql+psycopg://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"
    try:
        return run_torture(
            TortureConfig(
                database_url=url,
                template=template,
                workdir=workdir,
                seed=seed,
                rounds=args.rounds,
                households=args.households,
                client_kills=args.client_kills,
                server_kills=args.server_kills,
                fault_rate=args.fault_rate,
                burst=args.burst,
                log=lambda line: print(f"  [{kind} seed {seed}] {line}", flush=True),
            )
        )
    finally:
        if schema:
            with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--seeds", default="1,2,3", help="comma-separated seeds, one run each")
    parser.add_argument("--households", type=int, default=12)
    parser.add_argument("--client-kills", type=int, default=2, help="laptop SIGKILLs per round")
    parser.add_argument("--server-kills", type=int, default=1, help="server SIGKILLs per round")
    parser.add_argument("--fault-rate", type=float, default=0.35, help="share of proxied connections faulted")
    parser.add_argument("--burst", type=int, default=40, help="visits added before a kill")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (logs, databases)")
    args = parser.parse_args()
    use_cheap_argon2()
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    seeds = [int(s) for s in args.seeds.split(",") if s]
    root = Path(tempfile.mkdtemp(prefix="yulu-torture-"))
    print(f"work directory {root}; stored records checked with {checker_name()}")
    failed = 0
    try:
        template = _template(root)
        for kind in kinds:
            for seed in seeds:
                summary = _one_run(kind, seed, args, template, root)
                numbers = {k: v for k, v in asdict(summary).items() if k != "failures"}
                status = "PASS" if not summary.failures else f"FAIL ({len(summary.failures)})"
                print(f"{kind} seed {seed}: {status} " + " ".join(f"{k}={v}" for k, v in numbers.items()))
                for line in summary.failures:
                    print(f"    - {line}")
                failed += bool(summary.failures)
    finally:
        if args.keep or failed:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    print(f"{len(kinds) * len(seeds) - failed} of {len(kinds) * len(seeds)} runs passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
