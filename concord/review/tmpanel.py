"""The translation-memory side panel of the review app: the store's best matches for the bead
in focus, and the units holding a word the translator selects (``concord review ... --tm DB``).

One store connection serves the panel, behind a lock; the endpoints run it off the event loop.
"""
from __future__ import annotations

import os
import threading
from typing import Any

from concord.review.model import Side
from concord.review.session import ReviewSession
from concord.tm.store import MAX_QUERY, Store
from tmx.langtags import primary_language

MATCHES = 5          # matches shown for a bead
MIN_SCORE = 0.5      # weakest match shown
CONCORDANCE = 30     # units shown for a term
MAX_TERM = 200       # characters of a selected term looked up (longer selections are cut)


class TMPanel:
    """The store behind the panel (closed with :meth:`close`)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.lock = threading.Lock()

    @property
    def name(self) -> str:
        """What the page calls the store: a file's name, or the database URL."""
        location = self.store.location
        return location if "://" in location else os.path.basename(location)

    @staticmethod
    def query(session: ReviewSession, key: int) -> tuple[str, str]:
        """The language and text to look up for the bead ``key``: its source, or its target
        when the source side is empty; :class:`KeyError` when there is no such bead."""
        bead = next((b for b in session.beads if b.key == key), None)
        if bead is None:
            raise KeyError(key)
        side: Side = "src" if bead.src else "tgt"
        return primary_language(session.document(side).lang), session.bead_text(bead, side)

    def matches(self, lang: str, text: str) -> dict[str, Any]:
        """The store's best matches for ``text`` in ``lang``: ``{"lang", "query", "matches"}``."""
        if lang not in ("zh", "en") or not text.strip() or len(text) > MAX_QUERY:
            return {"lang": lang, "query": text, "matches": []}
        with self.lock:
            found = self.store.lookup(text, lang, MATCHES, MIN_SCORE)
        return {"lang": lang, "query": text,
                "matches": [{**m.to_json(), "origin": os.path.basename(m.origin)}
                            for m in found]}

    def concordance(self, term: str) -> dict[str, Any]:
        """The units holding ``term``, newest first; ``{"term", "matches": [...]}``."""
        term = " ".join(term.split())[:MAX_TERM]
        with self.lock:
            found = list(self.store.concordance(term, limit=CONCORDANCE)) if term else []
        return {"term": term, "matches": [{**o.to_json(), "origin": os.path.basename(o.origin)}
                                          for o in found]}

    def close(self) -> None:
        with self.lock:
            self.store.close()
