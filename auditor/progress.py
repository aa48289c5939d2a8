"""A one-line progress bar for a terminal: redrawn in place, cleared when the run ends.

Only for a terminal (the caller checks ``isatty``): a pipe or a log file should get
the report and nothing else.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TextIO

from auditor.report.controls import visible

WIDTH = 24


class ProgressBar:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def __call__(self, done: int, total: int, path: str) -> None:
        filled = WIDTH * done // total
        bar = "█" * filled + "░" * (WIDTH - filled)
        self.stream.write(f"\r\x1b[K{bar} {done}/{total} {visible(PurePath(path).name)}")
        self.stream.flush()

    def clear(self) -> None:
        self.stream.write("\r\x1b[K")
        self.stream.flush()
