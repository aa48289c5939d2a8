"""auditor: find the inconsistencies in a 部门决算公开 before it is published.

    >>> import auditor
    >>> report = auditor.check("决算公开.txt")   # a path, a str of text, or a Document
    >>> report.ok, report.errors, report.to_json()
"""

from importlib import metadata as _metadata

from auditor.api import check, load
from auditor.config import Config, ConfigError, load_config
from auditor.document.model import Document
from auditor.finding import Finding, Location
from auditor.quantity import Interval, Quantity
from auditor.read import InputError
from auditor.report.baseline import BaselineError, load_baseline, write_baseline
from auditor.report.report import FileResult, Report

try:
    __version__ = _metadata.version("auditor")
except _metadata.PackageNotFoundError:  # run from a checkout that was never installed
    __version__ = "0+unknown"

__all__ = [
    "BaselineError",
    "Config",
    "ConfigError",
    "Document",
    "FileResult",
    "Finding",
    "InputError",
    "Interval",
    "Location",
    "Quantity",
    "Report",
    "__version__",
    "check",
    "load",
    "load_baseline",
    "load_config",
    "write_baseline",
]
