"""The ``concord`` command line: global options, sub-command discovery and error handling.

Each module in :mod:`concord.commands` adds its own sub-command(s) through ``register(subparsers,
common)``; a sub-command's handler takes the parsed arguments and a :class:`~concord.console.UI`
and returns the exit status: 0 success, 1 problems found (invalid file, failing check), 2 unusable
input or usage error.
"""
from __future__ import annotations

import argparse
import atexit
import difflib
import errno
import importlib
import os
import pkgutil
import signal
import sys
import threading
from collections.abc import Sequence

from concord import __version__, commands
from concord.console import UI
from concord.errors import USER_ERRORS

EXIT_UNUSABLE = 2


class Terminated(BaseException):
    """SIGTERM arrived (a CI time-out, ``kill``): unwind like Ctrl-C, so that temporary
    files are removed on the way out."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def common_options() -> argparse.ArgumentParser:
    """Options every sub-command accepts, before or after its name."""
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("output")
    group.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                       help="print nothing but results and errors (no progress bars)")
    group.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS,
                       help="explain what is being done (-vv for details)")
    group.add_argument("--color", choices=["auto", "always", "never"], default=argparse.SUPPRESS,
                       help="color terminal output (default: auto)")
    return parent


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The ``concord`` parser with every command of :mod:`concord.commands` registered, or only
    ``command`` when that names one (the others' modules are then not imported)."""
    parser = argparse.ArgumentParser(
        prog="concord",
        description="Align Chinese and English releases into translation memories (TMX) "
                    "and check their key terms before publication.",
        parents=[common_options()],
    )
    parser.set_defaults(quiet=False, verbose=0, color="auto")
    parser.add_argument("--version", action="version", version=f"concord {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    names = [m.name for m in pkgutil.iter_modules(commands.__path__)
             if not m.name.startswith("_")]
    if command in names:
        names = [command]
    modules = [importlib.import_module(f"{commands.__name__}.{name}") for name in names]
    for module in sorted(modules, key=lambda m: getattr(m, "ORDER", 100)):
        module.register(sub, common_options())
    _remember_parsers(parser)
    return parser


def _remember_parsers(parser: argparse.ArgumentParser) -> None:
    """Let every (sub-)command's namespace know its own parser, for errors about its options."""
    for action in parser._subparsers._group_actions if parser._subparsers else ():
        for child in set(getattr(action, "choices", {}).values()):
            child.set_defaults(command_parser=child)
            _remember_parsers(child)


def _unknown_options(parser: argparse.ArgumentParser, extras: list[str]) -> str:
    """The usage error for arguments a command does not take, with the likeliest meant option."""
    message = f"unrecognized arguments: {' '.join(extras)}"
    known = [o for action in parser._actions for o in action.option_strings]
    for extra in extras:
        if extra.startswith("-"):
            close = difflib.get_close_matches(extra.split("=", 1)[0], known, n=1, cutoff=0.6)
            if close:
                return f"{message} (did you mean {close[0]}?)"
    return message


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line on ``argv`` (default: ``sys.argv``); returns the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_command_named(argv))
    args, extras = parser.parse_known_args(argv)
    if extras:
        command_parser = getattr(args, "command_parser", parser)
        command_parser.error(_unknown_options(command_parser, extras))  # exits with status 2
    color = {"auto": None, "always": True, "never": False}[args.color]
    ui = UI(quiet=args.quiet, verbose=args.verbose, color=color)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_UNUSABLE
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if in_main_thread else None
    try:
        return int(handler(args, ui) or 0)
    except USER_ERRORS as exc:
        ui.error(str(exc))
        return EXIT_UNUSABLE
    except BrokenPipeError:  # the reader went away (concord ... | head): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + 13  # as if killed by SIGPIPE, the shell's convention
    except OSError as exc:
        ui.error(describe_os_error(exc))
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        ui.error("interrupted")
        return 130
    except Terminated:
        ui.error("terminated")
        return 128 + int(signal.SIGTERM)
    finally:
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)


def _command_named(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs: its first word that is no global option (None for none)."""
    words = iter(argv)
    for word in words:
        if word == "--color":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def describe_os_error(exc: OSError) -> str:
    """One line for a file that cannot be opened, naming the file."""
    name = exc.filename if exc.filename is not None else ""
    reasons = {errno.ENOENT: "no such file", errno.EISDIR: "is a directory, not a file",
               errno.EACCES: "permission denied", errno.ENOSPC: "no space left on device"}
    reason = reasons.get(exc.errno or 0, exc.strerror or str(exc))
    return f"{name}: {reason}" if name else reason


def run() -> int:
    """The ``concord`` program: :func:`main`, then the process ends at once with its status.

    Once the command has returned, its files are closed and its worker processes joined; what is
    left is the interpreter's teardown, which frees every object one by one (the lexicon's
    hundreds of thousands of strings, tuples and sets: 30–40 ms). The exit functions still run
    and stdout and stderr are flushed first; the teardown is skipped (``os._exit``) unless
    another thread still runs, which a normal exit would wait for. Only for the program, never
    for callers of :func:`main` (tests, scripts), whose interpreter goes on."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    status = main()
    if threading.active_count() > 1:
        return status
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # let the interpreter report it and set the status, as it would
        return status
    os._exit(status)


if __name__ == "__main__":
    raise SystemExit(run())
