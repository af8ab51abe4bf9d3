"""A PostgreSQL + PostGIS server for the register's demo and benchmark: the superuser DSN in
``DIGONCE_PG_DSN`` when set, else a throwaway cluster (scripts/pg_test_cluster.sh), removed
afterwards.

Scripts run as ``python scripts/<name>.py`` find this module next to them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from pkgroot import REPO

CLUSTER_SCRIPT = REPO / "scripts" / "pg_test_cluster.sh"


class NoPostgres(RuntimeError):
    """No DIGONCE_PG_DSN, and no cluster could be started (the message is the script's)."""


@contextmanager
def superuser_dsn(prefix: str) -> Iterator[str]:
    """The DSN of a superuser; a cluster started here (its folder named ``prefix``...) is
    stopped and removed on the way out. Raises NoPostgres when it cannot start one."""
    dsn = os.environ.get("DIGONCE_PG_DSN", "").strip()
    if dsn:
        yield dsn
        return
    cluster = tempfile.mkdtemp(prefix=prefix)
    try:
        started = subprocess.run(
            ["bash", str(CLUSTER_SCRIPT), "start", cluster, "auto"],
            capture_output=True,
            text=True,
            check=False,
        )
        if started.returncode != 0:
            raise NoPostgres(started.stderr.strip())
        yield started.stdout.strip()
    finally:
        subprocess.run(["bash", str(CLUSTER_SCRIPT), "stop", cluster], check=False, capture_output=True)
        shutil.rmtree(cluster, ignore_errors=True)
