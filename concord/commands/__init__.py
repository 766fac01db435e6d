"""Sub-commands of ``concord``: one module per command or command group.

A module defines ``register(subparsers, common)`` which adds its parser(s) with
``parents=[common]`` and sets ``handler=`` to a function ``(args, ui) -> int``;
an optional ``ORDER`` integer places it in ``concord --help``.
"""
