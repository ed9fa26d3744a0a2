"""Black-box torture of the county server as a trust boundary (issue 13, "Proof"), short version.

A real server process (``faults.ServerProcess``), three laptops of one village and one township laptop syncing
through a loopback proxy that cuts connections at random, a laptop killed with SIGKILL mid-push and mid-apply,
the server killed with SIGKILL mid-push — interleaved with pushes of enrolled rogue devices sent as raw signed
requests: malformed types (a dict for a code, a list for a name), writes to the county's reference data (rename,
relevel and delete of the village, a township made its own parent or put under its village, subsidy settings),
taken unique values (an org-unit code, a household number, an enrollment term) and orphans (laptop 1 deletes
person Q while laptop 2, offline, adds a visit for Q; in both orders).

After quiet (every laptop syncs until nothing moves) ``adversary.Torture.check`` requires:

* every journal entry of every laptop on the server exactly once (``applied_change``), quarantined ones with a
  reason; every acknowledged rogue entry likewise; every rogue push answered 200 with each entry answered, the
  adversarial ones quarantined with a reason and the valid one beside them applied;
* every replica equal to the server's records of its jurisdiction, field by field; no live visit on a laptop
  that the server does not have live, and none the other way;
* no laptop's sync failing, and one more sync of a settled laptop doing nothing (no repair, no
  ``rejected_remote`` or ``repaired`` note);
* each orphan scenario logged as exactly one conflict (``edit_vs_delete`` when the delete arrived first,
  ``delete_vs_edit`` when the visit did), on the server and on every laptop;
* nothing stored live that a laptop cannot apply, and no org-unit cycle.

The long version is ``bench/bench_torture.py`` (more rounds and kills, SQLite and PostgreSQL). This file runs it
on SQLite; test_sync_adversarial_postgres.py runs the same on PostgreSQL, in a file of its own so that
``--dist loadfile`` gives the two runs (a minute or more each) to different workers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from adversary import TortureConfig, run_torture


def torture_converges(server_url: str, template_database: Path, tmp_path: Path) -> None:
    """The short torture against ``server_url``, and what its summary must say."""
    summary = run_torture(
        TortureConfig(
            database_url=server_url,
            template=template_database,
            workdir=tmp_path,
            seed=13,
            rounds=2,
            households=4,
            client_kills=1,
            server_kills=1,
            burst=20,
        )
    )
    assert summary.rounds == 2
    assert summary.orphan_scenarios == 2, "both orders of the orphan scenario ran"
    assert summary.client_kills >= 1 and summary.server_kills >= 1, "laptops and the server were killed"
    assert summary.failures == [], "\n".join(summary.failures)


@pytest.mark.timeout(600)
@pytest.mark.parametrize("server_url", ["sqlite"], indirect=True)
def test_torture_with_rogue_devices_cuts_and_kills_converges(
    server_url: str, template_database: Path, tmp_path: Path
) -> None:
    torture_converges(server_url, template_database, tmp_path)
