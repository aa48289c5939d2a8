"""``python -m auditor check FILE...``: the same as the ``auditor`` command."""

from auditor.cli import main

raise SystemExit(main())
