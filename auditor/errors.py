"""A bug in the auditor itself, told apart from a file that cannot be read.

An :class:`~auditor.read.InputError` is the user's business (a missing, empty or
corrupt file). An InternalError is ours: it names the stage or the rule that failed
and the file it was auditing, and asks to be reported, so that it is never filed
under "无法读取" as if the document were at fault.
"""

from __future__ import annotations


class InternalError(Exception):
    """Raised in place of an unexpected exception while auditing ``path``; ``where`` is a rule id or a stage."""

    def __init__(self, path: str, where: str, cause: BaseException) -> None:
        detail = " ".join(f"{type(cause).__name__}: {cause}".split())[:300]
        self.path = path
        self.where = where
        self.reason = f"内部错误（请报告）：{where}在检查此文件时出错：{detail}"
        super().__init__(f"{path}: {self.reason}")
