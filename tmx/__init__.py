"""Translation memory formats: TMX 1.4 reading and writing, validation, PO, TSV, JSONL and Moses files."""
