"""Per-path overrides (config ``[[overrides]]``): the first step of the gate drops
findings of checks that an override switches off for a document."""

from __future__ import annotations

from mtqa.gate._common import _matches
from mtqa.report import Report


def apply_overrides(report: Report, overrides) -> int:
    """Drop findings of checks that a per-path override switches off; how many."""
    dropped = 0
    if not overrides:
        return 0
    for result in report.results:
        for override in overrides:
            if not override.matches(result.document.path):
                continue
            keep = []
            for f in result.findings:
                selected = override.select is None or any(_matches(f, s) for s in override.select)
                ignored = any(_matches(f, s) for s in override.ignore)
                if selected and not ignored:
                    keep.append(f)
            dropped += len(result.findings) - len(keep)
            result.findings = keep
    return dropped
