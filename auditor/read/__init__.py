"""Readers: turn what the user gives us (a path, a string) into a Document."""

from auditor.read.dispatch import read_path
from auditor.read.errors import InputError
from auditor.read.text import decode

__all__ = ["InputError", "decode", "read_path"]
