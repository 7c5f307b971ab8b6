#!/usr/bin/env python3
"""Do two JSON reports of mtqa say the same, apart from version and signature?

    python benchmarks/compare_reports.py BEFORE.json AFTER.json

For a refactor that must not change behaviour (issue 18): make the seed's report at
the commit before the change and at the commit after it, e.g.

    git worktree add /tmp/before <commit>
    (cd /tmp/before && python -m mtqa check seeds/000_b3dce5b5bb70e21c.txt --no-fluency -f json -o /tmp/before.json)
    .venv/bin/mtqa check seeds/000_b3dce5b5bb70e21c.txt --no-fluency -f json -o /tmp/after.json
    python benchmarks/compare_reports.py /tmp/before.json /tmp/after.json

Left out of the comparison: the mtqa version, the report signature (it names the
version and the hashes of the data files) and anything under a key named in
``--ignore-key``.  Prints each difference as a JSON path with both values, and
exits 1 when there is one.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

IGNORED = ("mtqa_version", "signature")


def differences(a: Any, b: Any, path: str = "$", ignored: tuple[str, ...] = IGNORED) -> list[str]:
    """Every place where ``a`` and ``b`` differ, as ``path: a != b``."""
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for key in sorted(set(a) | set(b)):
            if key in ignored:
                continue
            if key not in a or key not in b:
                out.append(f"{path}.{key}: {'missing' if key not in a else 'present'} before, "
                           f"{'missing' if key not in b else 'present'} after")
                continue
            out.extend(differences(a[key], b[key], f"{path}.{key}", ignored))
        return out
    if isinstance(a, list) and isinstance(b, list):
        out = [f"{path}: {len(a)} items before, {len(b)} after"] if len(a) != len(b) else []
        for i, (x, y) in enumerate(zip(a, b)):
            out.extend(differences(x, y, f"{path}[{i}]", ignored))
        return out
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--ignore-key", action="append", default=[], help="another key to leave out (repeatable)")
    args = ap.parse_args(argv)
    before, after = (json.loads(p.read_text("utf-8")) for p in (args.before, args.after))
    found = differences(before, after, ignored=(*IGNORED, *args.ignore_key))
    for line in found:
        print(line)
    findings = sum(len(d.get("findings", [])) for d in after.get("documents", []))
    print(f"{len(found)} difference(s); {findings} finding(s) in {len(after.get('documents', []))} document(s) after")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
