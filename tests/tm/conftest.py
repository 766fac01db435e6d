"""Fixtures of the store tests: every test taking ``store_url`` runs on both back ends, an
SQLite file and a database of a throwaway PostgreSQL cluster started for the session."""
from __future__ import annotations

import importlib.util
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.tm.postgres import Cluster, server_binaries

_databases = itertools.count()


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Cluster]:
    """A PostgreSQL cluster on a loopback port, stopped at the end of the session."""
    if importlib.util.find_spec("psycopg") is None:
        pytest.skip("psycopg is not installed (pip install '.[postgres]')")
    binaries = server_binaries()
    if binaries is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found: install the Debian "
                    "package postgresql")
    cluster = Cluster(binaries)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a new, empty store is: a file path, or the URL of a new PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "memory.db")
    cluster = request.getfixturevalue("postgres_cluster")
    return cluster.create_database(f"tm_{next(_databases)}")
