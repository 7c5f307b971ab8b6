"""mtqa's cache folder: converted models and indexes built from installed data.

``$MTQA_CACHE``, ``$XDG_CACHE_HOME/mtqa`` or ``~/.cache/mtqa``.  Everything in it
can be rebuilt from what is installed; deleting the folder costs time, never
results.  Files are written whole (a temporary file renamed into place), so a
run that is killed leaves no half-written file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


def cache_root() -> Path:
    """``$MTQA_CACHE``, ``$XDG_CACHE_HOME/mtqa`` or ``~/.cache/mtqa``."""
    if os.environ.get("MTQA_CACHE"):
        return Path(os.environ["MTQA_CACHE"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "mtqa"


@contextlib.contextmanager
def building(target: Path) -> Iterator[Path | None]:
    """A temporary path beside ``target`` to build it in, renamed to ``target``
    when the block ends without an error (and removed when it fails).

    Yields ``None`` when another process is building the same file right now
    (the caller then does without the cache this time) or when the folder
    cannot be written."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        lock = open(target.with_name(target.name + ".lock"), "a+b")  # noqa: SIM115 - closed below
    except OSError:
        yield None
        return
    try:
        try:
            import fcntl

            fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - Windows: no lock, the rename still keeps it whole
            pass
        except OSError:
            yield None
            return
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=target.name + ".", suffix=".tmp")
        os.close(fd)
        os.unlink(tmp)
        path = Path(tmp)
        try:
            yield path
            if path.exists():
                os.replace(path, target)
        finally:
            with contextlib.suppress(OSError):
                path.unlink()
    finally:
        lock.close()


#: Files of an older version (an older lexicon, another user lexicon) are removed once
#: they have gone this long unused.
STALE_DAYS = 30


def prune(target: Path, pattern: str, days: float = STALE_DAYS) -> int:
    """Remove the files beside ``target`` that match ``pattern`` (a glob: the same kind
    of file for other versions) and have not been used for ``days``; their locks go
    with them.  ``target`` stays.  Returns how many were removed; errors are ignored
    (another process may be removing them too)."""
    import time

    cutoff = time.time() - days * 86400
    removed = 0
    for path in target.parent.glob(pattern):
        if path == target or path.name.endswith(".lock"):
            continue
        try:
            stat = path.stat()
            if max(stat.st_atime, stat.st_mtime) >= cutoff:
                continue
            path.unlink()
            removed += 1
        except OSError:
            continue
        with contextlib.suppress(OSError):
            path.with_name(path.name + ".lock").unlink()
    return removed


def read_json(path: Path):
    """The JSON data of a cache file, or None when it is missing or damaged."""
    import json

    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None


def write_json(target: Path, data, stale: str | None = None) -> None:
    """Write ``data`` as JSON to the cache file ``target`` (whole or not at all, see
    :func:`building`); with ``stale``, a glob of the same kind of file for other
    versions, remove those long unused (:func:`prune`).  Never raises for want of a
    writable folder: the cache is never required."""
    import json

    with building(target) as tmp:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    if stale is not None:
        prune(target, stale)
