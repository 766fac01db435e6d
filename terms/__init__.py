"""Glossaries (TBX, CSV/TSV, PO) and the terminology and publishing checks run on aligned pairs."""

#: the glossary formats a file can be read or written as (see :mod:`terms.formats`)
GLOSSARY_FORMATS = ("tbx", "tbx2", "csv", "tsv", "po")

__all__ = ["GLOSSARY_FORMATS"]
