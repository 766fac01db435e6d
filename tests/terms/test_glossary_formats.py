"""The glossary format registry: every format is named, found by its endings and by its content."""
from __future__ import annotations

import io

import pytest

from terms import GLOSSARY_FORMATS
from terms.formats import REGISTRY, detect_format, format_for_path, load_glossary, save_glossary


def test_the_registry_holds_the_formats_the_command_line_offers():
    assert tuple(REGISTRY) == GLOSSARY_FORMATS


@pytest.mark.parametrize("fmt", GLOSSARY_FORMATS)
def test_each_ending_names_its_format(fmt):
    for suffix in REGISTRY[fmt].suffixes:
        assert format_for_path(f"terms{suffix.upper()}") == fmt


@pytest.mark.parametrize("fmt", GLOSSARY_FORMATS)
def test_a_written_file_is_told_by_its_content_and_reads_back(mini, tmp_path, fmt):
    buffer = io.BytesIO()
    save_glossary(mini, buffer, fmt)
    path = tmp_path / "terms.txt"          # an ending that names no format: sniffed
    path.write_bytes(buffer.getvalue())
    assert detect_format(path) == fmt
    assert load_glossary(path).concepts == mini.concepts


def test_an_unknown_format_is_refused(mini):
    with pytest.raises(ValueError, match="xlsx"):
        save_glossary(mini, io.BytesIO(), "xlsx")
