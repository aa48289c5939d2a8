"""``python -m auditor check FILE...`` and the ``auditor`` command: :func:`run`."""


def run() -> int:
    """The command's exit status; Ctrl-C while the program is still starting exits 130 like any other (nothing to report yet)."""
    try:
        from auditor.cli import main
    except KeyboardInterrupt:
        return 130
    return main()


if __name__ == "__main__":
    raise SystemExit(run())
