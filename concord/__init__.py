"""Concord: sentence-aligned Chinese–English translation memories from official releases, checked."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("concord")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"
