"""Entity declarations are found in the prolog of an XML file before any parser reads it."""
from __future__ import annotations

import pytest

from align.xmlprolog import declared_entities

BODY = "<tmx version='1.4'><header/><body/></tmx>\n"


@pytest.mark.parametrize("prolog, names", [
    ("", []),
    ("<?xml version='1.0'?>\n", []),
    ("<!DOCTYPE tmx SYSTEM 'tmx14.dtd'>\n", []),                      # external DTD only
    ("<!DOCTYPE tmx [<!ELEMENT tmx ANY>]>\n", []),
    ("<!DOCTYPE tmx [<!ENTITY a 'x'><!ENTITY b '&a;&a;'>]>", ["a", "b"]),
    ("<!DOCTYPE tmx [<!ENTITY % remote SYSTEM 'http://x.invalid/e.dtd'> %remote;]>",
     ["remote"]),
    # '>' and ']' inside literals, comments and PIs neither end the subset nor declare
    ("<!DOCTYPE tmx [<!ATTLIST tmx a CDATA '>]'><!ENTITY late 'x'>]>", ["late"]),
    ("<!DOCTYPE tmx [<!-- <!ENTITY not 'x'> ] --><?pi <!ENTITY nor?><!ENTITY yes 'y'>]>",
     ["yes"]),
    ("<!-- <!DOCTYPE tmx [<!ENTITY commented 'x'>]> -->\n", []),
    ("<?xml version='1.0'?><!-- c --><!DOCTYPE tmx PUBLIC 'p' 's>' [\n<!ENTITY\n\tn 'v'>\n]>",
     ["n"]),
])
def test_declared_entities_of_the_internal_subset(tmp_path, prolog, names):
    path = tmp_path / "file.xml"
    path.write_text(prolog + BODY, encoding="utf-8")
    assert declared_entities(path) == names


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32", "utf-8-sig"])
def test_utf16_and_utf32_files_are_read_in_their_encoding(tmp_path, encoding):
    path = tmp_path / "file.xml"
    text = f"<?xml version='1.0' encoding='{encoding}'?><!DOCTYPE tmx [<!ENTITY u 'x'>]>"
    path.write_bytes((text + BODY).encode(encoding))
    assert declared_entities(path) == ["u"]


def test_the_scan_stops_at_the_root_element_and_at_its_limit(tmp_path):
    path = tmp_path / "file.xml"
    # after the root, a DOCTYPE is not one (it is malformed XML, for the parser to say)
    path.write_text(BODY + "<!DOCTYPE tmx [<!ENTITY after 'x'>]>", encoding="utf-8")
    assert declared_entities(path) == []
    path.write_text("<!--" + "x" * 5000 + "--><!DOCTYPE tmx [<!ENTITY far 'x'>]>" + BODY,
                    encoding="utf-8")
    assert declared_entities(path) == ["far"]
    assert declared_entities(path, limit=1000) == []        # left to the parser's protections
