"""``python -m auditor check FILE...``: the same as the ``auditor`` command."""

try:
    from auditor.cli import main
except KeyboardInterrupt:  # Ctrl-C while the program is still starting: nothing to report yet
    raise SystemExit(130) from None

raise SystemExit(main())
