"""``python -m auditor check FILE...`` and the ``auditor`` command: :func:`command`."""

import os
import sys

from auditor.status import EXIT_INTERRUPTED


def run() -> int:
    """The command's exit status; Ctrl-C while the program is still starting exits 130 like any other (nothing to report
    yet), and so does a second Ctrl-C pressed while the first one's message is being printed (main handles the first)."""
    try:
        from auditor.cli import main

        return main()
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def command() -> None:
    """The program: :func:`run`, then exit with its status.

    An interrupted run (its report already written and its workers ended) exits at once with
    ``os._exit(130)`` after flushing its output, not through the interpreter's shutdown: in
    about 1 Ctrl-C in 500 under load, CPython 3.11 ended such a run, after main had handled the
    Ctrl-C and returned 130, by killing itself with SIGINT (its record of an unhandled
    KeyboardInterrupt was set; strace shows its exit_sigint: SIGINT reset to its default and sent
    to itself), so the caller saw death by signal rather than the documented status 130.
    """
    status = run()
    if status != EXIT_INTERRUPTED:
        sys.exit(status)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # a reader that went away, a closed stream: nothing more can be said there
            pass
    os._exit(EXIT_INTERRUPTED)


if __name__ == "__main__":
    command()
