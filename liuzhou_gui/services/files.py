"""Writing the files users are given (tables, workbooks, packages) so that none is ever half written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..domain.errors import AppError, os_error_reason


def write_atomically(output: Path, write: Callable[[Path], object], what: str = "文件") -> Path:
    """`write` fills a file beside the target, which is then renamed over it: a crash or a full disk
    leaves the old file or the new one, never a part of it."""
    partial = output.with_name(output.name + ".partial")
    try:
        # A leftover (or planted) .partial could be a link to another file: writing through it would
        # change that file. Removing the name first means the write always makes a new file.
        partial.unlink(missing_ok=True)
        write(partial)
        partial.replace(output)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise AppError(f"无法写入{what}“{output}”：{os_error_reason(exc)}。没有留下写了一半的文件。") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return output
