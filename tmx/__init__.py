"""Translation memory formats: TMX 1.4 reading, writing and validation; PO, TSV, JSONL, Moses."""
