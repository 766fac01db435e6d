"""Whole corpora: pairing documents and aligning every pair, in parallel and incrementally.

The Python API under ``concord pair`` and ``concord batch``:

- :mod:`~concord.corpus.pairs` — a :class:`DocumentPair` (Chinese and English file, document id),
  pairs by file name (``NAME.zh.txt`` + ``NAME.en.txt``) and pair lists as TSV;
- :mod:`~concord.corpus.pairing` — pairs by content, when the names do not say which document
  translates which;
- :mod:`~concord.corpus.task` — what is done for one document (:func:`process_document`: read,
  align, write, check), its options and its :class:`DocumentResult`;
- :mod:`~concord.corpus.run` — :func:`run_batch`, which yields one result per document from a
  pool of worker processes or a Dask cluster, skipping documents already done;
- :mod:`~concord.corpus.state` — the journal and ``summary.json`` that make a run resumable;
- :mod:`~concord.corpus.outputs` — the merged ``corpus.tmx`` and the HTML index of the corpus
  check, with :mod:`~concord.corpus.checkreport` (the corpus report in JSON, SARIF, JUnit) and
  :mod:`~concord.corpus.checkdata` (each document's units and findings saved between runs);
- :mod:`~concord.corpus.preload` — what the worker pool's fork server loads once;
- :mod:`~concord.corpus.synthetic` — pairing test sets (scrambled names, synthetic releases).
"""
