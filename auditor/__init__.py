"""auditor: find the inconsistencies in a 部门决算公开 before it is published.

    >>> import auditor
    >>> report = auditor.check("决算公开.txt")   # a path, a str of text, or a Document
    >>> report.ok, report.errors, report.to_json()
    >>> for report in auditor.check_many(paths, jobs=4):   # many files, in worker processes, as each is done
    ...     print(report.files[0].path, len(report.errors))

The names below are imported when first used, so that ``import auditor`` (and the
``auditor`` command before it parses its arguments) starts at once, and a Ctrl-C while
the command starts is answered like any other.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "BaselineError": "auditor.report.baseline",
    "Config": "auditor.config",
    "ConfigError": "auditor.config",
    "Document": "auditor.document.model",
    "FileResult": "auditor.report.report",
    "Finding": "auditor.finding",
    "InputError": "auditor.read",
    "Interval": "auditor.quantity",
    "Location": "auditor.finding",
    "Quantity": "auditor.quantity",
    "Report": "auditor.report.report",
    "check": "auditor.api",
    "check_many": "auditor.batch",
    "load": "auditor.api",
    "load_baseline": "auditor.report.baseline",
    "load_config": "auditor.api",
    "write_baseline": "auditor.report.baseline",
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str):
    if name == "__version__":
        from importlib import metadata

        try:
            value = metadata.version("auditor")
        except metadata.PackageNotFoundError:  # run from a checkout that was never installed
            value = "0+unknown"
    elif name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
    else:
        raise AttributeError(f"module 'auditor' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
