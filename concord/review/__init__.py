"""The review app: see, fix and confirm an alignment in the browser, with every edit journaled.

Modules, one job each:

- :mod:`concord.review.operations` — the edits as explicit, serialisable operation objects.
- :mod:`concord.review.session` — the review state (documents, beads, statuses, edited texts),
  applying operations with undo and redo and checking its invariants.
- :mod:`concord.review.journal` — the review file: snapshot plus append-only, fsynced journal.
- :mod:`concord.review.codes` — inline codes as numbered tokens in the text editor (movable, not
  losable).
- :mod:`concord.review.memory` — a reviewed memory file's units kept whole, and where each
  sentence came from, so that export loses nothing.
- :mod:`concord.review.rescore` — local confidence of the beads an edit makes (the aligner's scorer).
- :mod:`concord.review.annotate` — glossary terms and check findings for the page.
- :mod:`concord.review.export` — review state to translation-memory units (TMX, PO, TSV).
- :mod:`concord.review.sources` — where a review comes from (a pair, a memory, a review file) and
  where its review file goes.
- :mod:`concord.review.app` — the Starlette application: the page and its JSON API.
- :mod:`concord.review.guard` — the gate every request passes: loopback ``Host``, session token.
- :mod:`concord.review.server` — listening on loopback only, running uvicorn.
"""
