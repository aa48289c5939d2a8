"""The exit statuses of the ``auditor`` command (its help lists them): a module of its own, so that the
program's entry (``auditor/__main__.py``) knows them before it imports the command line."""

EXIT_OK, EXIT_ERRORS, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130
