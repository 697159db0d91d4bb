"""Atomic file writes: a temporary file in the same folder, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from mapping.errors import ExportError

__all__ = ["atomic_write"]

_PROTECTED_SUFFIXES = (".txt", ".md", ".ipynb", ".py")


def atomic_write(path: str | os.PathLike[str], data: bytes, *, protect_inputs: bool = True) -> Path:
    """Write ``data`` to ``path`` so that readers see the old file or the new, never a part.

    Refuses to overwrite an existing text article (``.txt``), notebook or script, so an
    export can never destroy its own input.

    Raises
    ------
    ExportError
        The folder does not exist or is not writable, or the target is protected.
    """
    target = Path(path)
    if protect_inputs and target.exists() and target.suffix.lower() in _PROTECTED_SUFFIXES:
        raise ExportError(
            f"refusing to overwrite {target}: it looks like an input (article or notebook). "
            "Choose an output name ending in .html, .png, .csv or .json."
        )
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"cannot write {target}: the folder {folder} does not exist.")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ExportError(f"cannot write in {folder}: {exc.strerror}.") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return target
