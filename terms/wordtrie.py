"""Every occurrence of many forms in a string, by a trie of dictionaries.

The English terms of a glossary are spelled one character a word (:mod:`terms.matching`), so a
glossary of 20,000 concepts gives an alphabet of some 20,000 characters and a root with over
10,000 children. pyahocorasick looks a node's children up one by one, and an automaton falls back
to its root at nearly every word of a sentence; a dictionary per node looks each word up once.
Segments are short (tens of words), so walking the trie from every word costs less than the
automaton's scans.
"""
from __future__ import annotations

from operator import itemgetter
from typing import Generic, TypeVar

V = TypeVar("V")

_VALUE = ""  # the key of a node's value: no form character is the empty string
_BY_END = itemgetter(0, 1)


class WordTrie(Generic[V]):
    """Forms (strings) with a value each, found wherever they occur in a string."""

    __slots__ = ("_root",)

    def __init__(self) -> None:
        self._root: dict = {}

    def add(self, form: str, value: V) -> None:
        """Add ``form`` (not empty) with ``value``, replacing the value it had."""
        node = self._root
        for ch in form:
            node = node.setdefault(ch, {})
        node[_VALUE] = value

    def iter(self, text: str) -> list[tuple[int, V]]:
        """``(index of the last character, value)`` of every occurrence of every form in
        ``text``, nested and overlapping ones included, in the order of pyahocorasick's
        ``Automaton.iter``: by end, the longest first."""
        found: list[tuple[int, int, V]] = []
        root = self._root
        size = len(text)
        for start, ch in enumerate(text):
            node = root.get(ch)
            end = start
            while node is not None:
                if _VALUE in node:
                    found.append((end, start, node[_VALUE]))
                end += 1
                if end == size:
                    break
                node = node.get(text[end])
        if len(found) > 1:
            found.sort(key=_BY_END)
        return [(end, value) for end, _, value in found]
