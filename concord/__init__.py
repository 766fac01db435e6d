"""Concord: sentence-aligned Chinese–English translation memories from official releases, checked."""

__version__ = "0.1.0"
