"""The last wall around a reader: it runs in a child process that cannot take the machine.

pdfium is C++ that builds whatever a file describes; the checks before it (see
:mod:`auditor.read.pdfscan`) bound what they can see, and this bounds the rest. The
child is forked from this process (so it starts at once, with everything imported),
gets an address-space limit (``RLIMIT_AS``: this process's size now plus
:data:`MAX_READ_MEMORY`) and a CPU-time limit (:data:`MAX_READ_SECONDS`), dies with its parent (``PR_SET_PDEATHSIG``), leaves Ctrl-C to
the parent, and sends back the Document or the InputError, pickled, through a pipe. A
child that runs out of memory, or dies any other way, costs only its file, which is
named as too large to read. Where ``fork`` does not exist (Windows) the reader runs in
this process, without the wall.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import resource
import signal
import traceback
from collections.abc import Callable

from auditor.read.errors import InputError

#: How much address space a reader's child may add to this process's: far more than reading
#: a disclosure of 2,000 pages takes, far less than the machine has.
MAX_READ_MEMORY = 1024 * 1024 * 1024
#: Most CPU seconds a reader's child may take (``RLIMIT_CPU``): a 2,000-page disclosure is read in about 30.
MAX_READ_SECONDS = 300

_PR_SET_PDEATHSIG = 1


def run_isolated(name: str, read: Callable[[str], object]):
    """``read(name)`` in a child process with a memory limit: its result, or its InputError raised here."""
    if not hasattr(os, "fork"):
        return read(name)
    receive, send = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(receive)
        _child(name, read, send, parent)
    os.close(send)
    try:
        with os.fdopen(receive, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
    except BaseException:  # Ctrl-C or any error here: the child goes with it
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        raise
    try:
        kind, value = pickle.loads(payload)
    except Exception:  # noqa: BLE001 - nothing whole came back: the child died while reading
        raise InputError(name, _died(status)) from None
    if kind == "ok":
        return value
    if kind == "memory":
        raise InputError(name, _too_large())
    raise value


def _child(name: str, read, send: int, parent: int) -> None:
    status = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it ends this child
        _die_with(parent)
        size = _address_space()
        if size:
            _lower(resource.RLIMIT_AS, size + MAX_READ_MEMORY)
        _lower(resource.RLIMIT_CPU, int(resource.getrusage(resource.RUSAGE_SELF).ru_utime) + MAX_READ_SECONDS)
        try:
            result: tuple = ("ok", read(name))
        except InputError as exc:
            result = ("error", exc)
        except MemoryError:
            result = ("memory", None)
        except Exception as exc:  # noqa: BLE001 - a bug: handed to the parent as it is, or as its traceback
            result = ("error", exc)
            try:
                pickle.dumps(exc)
            except Exception:  # noqa: BLE001
                result = ("error", RuntimeError(traceback.format_exc()))
        try:
            payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            payload = pickle.dumps(("memory", None))
        view = memoryview(payload)
        while view:
            view = view[os.write(send, view):]
    except BaseException:  # noqa: BLE001 - whatever happens, the child must not go on as a copy of the parent
        status = 1
    finally:
        os._exit(status)


def _lower(kind: int, limit: int) -> None:
    """Set a soft limit, never above the hard one already in force."""
    _, hard = resource.getrlimit(kind)
    resource.setrlimit(kind, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


def _die_with(parent: int) -> None:
    """Ask Linux to kill this process when its parent dies, and check the parent did not die already."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:
        os._exit(1)


def _address_space() -> int:
    """This process's address space in bytes (0 where /proc does not say)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _too_large() -> str:
    return (f"PDF 过大：读取时所需内存超过 {MAX_READ_MEMORY >> 20} MB 上限，已停止读取此文件 "
            f"(too large: reading it needs more than {MAX_READ_MEMORY >> 20} MB)")


def _died(status: int) -> str:
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU:
        return (f"PDF 过大：读取超过 {MAX_READ_SECONDS} 秒 CPU 时间，已停止读取此文件 "
                f"(too large: reading it takes more than {MAX_READ_SECONDS} CPU seconds)")
    if os.WIFSIGNALED(status):
        return (f"PDF 过大或已损坏：读取它的进程被信号 {os.WTERMSIG(status)} 终止（内存上限 {MAX_READ_MEMORY >> 20} MB），"
                f"已停止读取此文件 (the reader died reading it: too large or corrupt)")
    return (f"PDF 过大或已损坏：读取它的进程意外退出（状态 {os.WEXITSTATUS(status)}，内存上限 {MAX_READ_MEMORY >> 20} MB），"
            f"已停止读取此文件 (the reader died reading it: too large or corrupt)")
