"""The one error a reader raises: this file cannot be audited, and why."""


class InputError(Exception):
    """A file that cannot be read as a disclosure. ``str()`` is one line naming the file."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self):
        """Pickled as its path and reason, so that a reader's child process can hand it back whole."""
        return InputError, (self.path, self.reason)
