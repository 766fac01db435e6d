"""Terminal output for the command line: messages, warnings, errors and progress bars.

Progress bars appear only when standard error is a terminal and ``--quiet`` is not given;
``-v`` adds explanations of what is being done. Results go to standard output, everything
else to standard error, so that output can be piped.
"""
from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

Advance = Callable[[int], None]


class UI:
    """What a command uses to talk to the user."""

    def __init__(self, quiet: bool = False, verbose: int = 0, color: bool | None = None) -> None:
        self.quiet = quiet
        self.verbose = verbose
        self.color = color
        level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
        logging.basicConfig(level=level, format="concord: %(message)s", stream=sys.stderr)

    # the consoles are made when first used (rich takes 40 ms to import; a quiet run prints nothing)
    @cached_property
    def err(self) -> Console:
        """Standard error, for messages and progress bars."""
        from rich.console import Console
        return Console(stderr=True, no_color=self.color is False,
                       force_terminal=self.color or None, highlight=False, soft_wrap=True)

    @cached_property
    def out(self) -> Console:
        """Standard output, for results."""
        from rich.console import Console
        return Console(no_color=self.color is False, force_terminal=self.color or None,
                       highlight=False, soft_wrap=True)

    @property
    def interactive(self) -> bool:
        """True when progress bars may be drawn: standard error is really a terminal (``--color
        always`` colors a CI log; it must not fill it with progress bars)."""
        return not self.quiet and sys.stderr.isatty()

    def info(self, message: str) -> None:
        """Explain what is being done (shown with ``-v``)."""
        if self.verbose and not self.quiet:
            self.err.print(f"[dim]concord:[/dim] {message}", markup=True)

    def note(self, message: str) -> None:
        """A short message the user should see unless ``--quiet`` (where output went, say)."""
        if not self.quiet:
            self.err.print(message, markup=False)

    def warn(self, message: str) -> None:
        """A warning, always shown on standard error."""
        self.err.print(f"concord: warning: {message}", markup=False, style="yellow")

    def error(self, message: str) -> None:
        """An error, always shown on standard error, on one line."""
        self.err.print(f"concord: error: {message}", markup=False, style="bold red")

    @contextlib.contextmanager
    def progress(self, description: str, total: int | None, *,
                 ticking: bool = True) -> Iterator[Advance]:
        """A progress bar while the block runs; yields a function that advances it. Without
        ``ticking`` the bar is redrawn only when advanced, and runs no thread of its own (so
        that worker processes may be forked from this one while it is shown)."""
        if not self.interactive:
            yield _no_progress
            return
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                   TimeRemainingColumn)

        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeRemainingColumn())
        with Progress(*columns, console=self.err, transient=True, auto_refresh=ticking) as bar:
            task = bar.add_task(description, total=total)

            def advance(n: int = 1) -> None:
                bar.advance(task, n)
                if not ticking:
                    bar.refresh()

            yield advance


def _no_progress(n: int = 1) -> None:
    """What advances no progress bar (when none is shown)."""
