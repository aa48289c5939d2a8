"""``python -m auditor check FILE...`` and the ``auditor`` command: :func:`run`."""


def run() -> int:
    """The command's exit status; Ctrl-C while the program is still starting exits 130 like any other (nothing to report
    yet), and so does a second Ctrl-C pressed while the first one's message is being printed (main handles the first)."""
    try:
        from auditor.cli import main

        return main()
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(run())
