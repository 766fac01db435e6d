"""Glossaries (TBX, CSV/TSV, PO) and the terminology and publishing checks run on aligned pairs."""
