"""Stores that cannot be used — not ours, of a newer schema, locked, missing — give one
clear line and exit status 2, and leave the store as it was."""
from __future__ import annotations

import sqlite3
import threading

import pytest

from concord.cli import main
from concord.tm import open_store
from concord.tm.store import StoreError
from tests.tm.sample import write_memory


def run(args, capsys):
    status = main([str(a) for a in args])
    out = capsys.readouterr()
    return status, out.out, out.err


def other_tables(store_url: str) -> None:
    """Make the database at ``store_url`` hold a table of another application."""
    if store_url.startswith("postgresql://"):
        import psycopg
        with psycopg.connect(store_url, autocommit=True) as conn:
            conn.execute("CREATE TABLE invoices (id INTEGER, amount NUMERIC)")
            conn.execute("INSERT INTO invoices VALUES (1, 9.5)")
    else:
        with sqlite3.connect(store_url) as conn:
            conn.execute("CREATE TABLE invoices (id INTEGER, amount REAL)")
            conn.execute("INSERT INTO invoices VALUES (1, 9.5)")


def test_a_database_of_another_application_is_refused_and_untouched(store_url, tmp_path,
                                                                      capsys):
    other_tables(store_url)
    status, _, err = run(["tm", "import", "--db", store_url, write_memory(tmp_path / "a.tmx")],
                         capsys)
    assert status == 2
    assert "not a Concord translation-memory store" in err and "invoices" in err
    assert len(err.strip().splitlines()) == 1
    with pytest.raises(StoreError):
        open_store(store_url)
    if not store_url.startswith("postgresql://"):
        with sqlite3.connect(store_url) as conn:
            names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master")}
        assert names == {"invoices"}


def test_a_file_that_is_not_a_database_is_refused(tmp_path, capsys):
    path = tmp_path / "notes.db"
    path.write_text("shopping list: eggs, milk\n" * 100, encoding="utf-8")
    status, _, err = run(["tm", "lookup", "--db", path, "--lang", "en", "eggs"], capsys)
    assert status == 2
    assert str(path) in err and "not a Concord translation-memory store" in err
    assert path.read_text(encoding="utf-8").startswith("shopping list")


def test_a_missing_store_is_not_created_by_a_lookup(tmp_path, capsys):
    path = tmp_path / "none.db"
    status, _, err = run(["tm", "stats", "--db", path], capsys)
    assert status == 2 and "no such store" in err
    assert not path.exists()


def test_a_newer_schema_is_refused(store_url, tmp_path, capsys):
    run(["tm", "import", "--db", store_url, write_memory(tmp_path / "a.tmx")], capsys)
    with open_store(store_url) as store, store.transaction():
        store.execute("UPDATE concord_tm_meta SET value = ? WHERE key = ?", ("99", "schema"))
    for command in (["tm", "import", "--db", store_url, tmp_path / "a.tmx"],
                    ["tm", "lookup", "--db", store_url, "--lang", "en", "harbour"]):
        status, _, err = run(command, capsys)
        assert status == 2
        assert "schema version 99" in err and "upgrade Concord" in err


def test_a_locked_store_is_said_to_be_locked(store_url, tmp_path, capsys):
    run(["tm", "import", "--db", store_url, write_memory(tmp_path / "a.tmx")], capsys)
    held, release = threading.Event(), threading.Event()

    def hold_the_lock() -> None:  # another process importing: its transaction stays open
        with open_store(store_url) as other, other.transaction():
            held.set()
            release.wait(30)

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    try:
        assert held.wait(30)
        status, _, err = run(["tm", "import", "--db", store_url,
                              write_memory(tmp_path / "b.tmx")], capsys)
    finally:
        release.set()
        holder.join()
    assert status == 2
    assert "locked by another process" in err
    # once the other import is over, the same import goes through
    assert run(["tm", "import", "--db", store_url, tmp_path / "b.tmx"], capsys)[0] == 0


def test_an_unreachable_server_is_one_line(capsys):
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install '.[postgres]')")
    status, _, err = run(["tm", "stats", "--db",
                          "postgresql://nobody:secret@127.0.0.1:9/none"], capsys)
    assert status == 2
    assert "cannot connect to the store" in err and "secret" not in err
    assert len(err.strip().splitlines()) == 1
