"""The errors the command line reports as one line with exit status 2 (no traceback)."""
from align.errors import InputError


class UsageError(InputError):
    """Options that do not fit together, or a file of the wrong kind for the command."""


#: every engine error derives from :class:`align.errors.InputError`
USER_ERRORS: tuple[type[BaseException], ...] = (InputError,)
