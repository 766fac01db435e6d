"""Sub-commands of ``concord``: one module per command or command group.

A module defines ``register(subparsers, common)`` which adds its parser(s) with
``parents=[common]`` and sets ``handler=`` to a function ``(args, ui) -> int``;
an optional ``ORDER`` integer places it in ``concord --help``.
"""
from __future__ import annotations

import argparse

from align import SCORERS


def add_scorer_option(parser: argparse.ArgumentParser | argparse._ArgumentGroup,
                      help: str) -> None:
    """``--scorer`` (the aligner's scorer by name, default lexical), shared by the commands
    that align."""
    parser.add_argument("--scorer", choices=SCORERS, default="lexical", help=help)
