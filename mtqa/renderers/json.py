"""``--format json``: the versioned JSON contract (see README, "JSON output")."""

from __future__ import annotations

from mtqa.report import Report


def render(report: Report, **options) -> str:
    return report.to_json(indent=2) + "\n"
