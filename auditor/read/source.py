"""Where a reader gets its bytes: a regular file, named, of a bounded size; never a pipe, a device or a dangling link.

A FIFO would block the reader forever and ``/dev/zero`` would fill memory, so
:func:`check_path` refuses what is not a regular file before anything is opened, and
:func:`read_bytes` opens without blocking and reads no more than the size bound, for a
file that changed between the two.
"""

from __future__ import annotations

import errno
import os
import stat

from auditor.read.errors import InputError

#: Largest file we read; a disclosure is a few hundred KB, a 10 MB stress test fits.
MAX_BYTES = 64 * 1024 * 1024

_KINDS = (
    (stat.S_ISFIFO, "这是命名管道 (FIFO)，不是文件；请先把内容保存为文件 (a FIFO, not a regular file)"),
    (stat.S_ISCHR, "这是字符设备，不是文件 (a character device, not a regular file)"),
    (stat.S_ISBLK, "这是块设备，不是文件 (a block device, not a regular file)"),
    (stat.S_ISSOCK, "这是套接字，不是文件 (a socket, not a regular file)"),
)


def check_path(name: str, limit: int = MAX_BYTES) -> None:
    """Refuse, with the reason, a path that is not a readable regular file of at most ``limit`` bytes."""
    try:
        info = os.stat(name)
    except FileNotFoundError:
        if os.path.islink(name):
            raise InputError(name, f"符号链接指向的文件不存在：{_target(name)} (broken symbolic link)") from None
        raise InputError(name, "文件不存在 (file not found)") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(name, "符号链接形成循环，指不到文件 (symbolic link loop)") from None
        raise InputError(name, f"{exc.strerror or exc} (cannot read)") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(name, "这是一个目录，不是文件 (is a directory)")
    _check_kind(name, info.st_mode)
    if info.st_size > limit:
        raise InputError(name, _too_large(info.st_size, limit))


def read_bytes(name: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them; opened without blocking, so a FIFO put in its place fails at once."""
    try:
        descriptor = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise InputError(name, f"{exc.strerror or exc} (cannot read)") from None
    with os.fdopen(descriptor, "rb") as handle:
        _check_kind(name, os.fstat(handle.fileno()).st_mode)
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputError(name, _too_large(len(data), limit))
    return data


def _check_kind(name: str, mode: int) -> None:
    for test, reason in _KINDS:
        if test(mode):
            raise InputError(name, reason)


def _target(name: str) -> str:
    try:
        return os.readlink(name)
    except OSError:
        return "?"


def _too_large(size: int, limit: int) -> str:
    more = "多于" if size > limit else ""
    return f"文件过大：{more}{size} 字节，上限 {limit} 字节 (file too large)"
