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


def internal_error(path: str, where: str, cause: Exception) -> InternalError:
    """The InternalError that stands for ``cause``; a cause a Ctrl-C made is the Ctrl-C, raised again as one."""
    if caused_by_ctrl_c(cause):
        raise KeyboardInterrupt from cause
    return InternalError(path, where, cause)


def caused_by_ctrl_c(exc: BaseException) -> bool:
    """Whether ``exc`` is a Ctrl-C, or an error a Ctrl-C caused.

    Python wraps an exception raised while a class is being made (a descriptor's
    ``__set_name__``) in a RuntimeError, so a Ctrl-C that lands while a module is first
    imported (the command imports each stage when it is first needed) can arrive as that
    RuntimeError, with the KeyboardInterrupt as its cause. It is the user's Ctrl-C, not a bug.
    """
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, KeyboardInterrupt):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False
