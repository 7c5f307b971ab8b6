"""``--format markdown``: a summary fit for ``$GITHUB_STEP_SUMMARY`` or a merge-request note.

The gate's verdict and reasons (when the CLI ran the gate), a table of
documents, then each document's findings in a collapsed section.
"""

from __future__ import annotations

import html

from mtqa.renderers._common import location_name, sorted_findings, sorted_results
from mtqa.report import Report

#: Findings listed per document (GitHub caps a step summary at 1 MiB).
MAX_PER_DOCUMENT = 50


def cell(text: object) -> str:
    """Text safe inside a Markdown table cell (no HTML, no pipes, one line)."""
    value = html.escape(" ".join(str(text).split()), quote=False)
    return value.replace("|", "\\|").replace("`", "&#96;")


def render(report: Report, *, gate=None, **options) -> str:
    counts = report.counts("severity")
    out: list[str] = []
    if gate is not None:
        verdict = "error" if gate.errors else "failed" if gate.failures else "passed"
        mark = {"passed": "✅", "failed": "❌", "error": "⚠️"}[verdict]
        out.append(f"## {mark} mtqa gate {verdict}")
    else:
        out.append("## mtqa report")
    out.append("")
    out.append(
        f"{len(report.results)} document(s) checked, {len(report.findings)} finding(s) "
        f"({counts.get('error', 0)} error, {counts.get('warning', 0)} warning, {counts.get('info', 0)} info)"
        + (f", {len(report.errors)} could not be checked" if report.errors else "")
        + "."
    )
    if gate is not None and (gate.failures or gate.remarks):
        out.append("")
        out.append("```text")
        out.extend(line.replace("```", "'''") for line in gate.failures + gate.remarks)
        out.append("```")
    if report.results:
        out += ["", "| Document | Words | Errors | Warnings | Info | Fluency | Penalty /1k words |", "|---|---:|---:|---:|---:|---:|---:|"]
        for result in sorted_results(report):
            c = result.counts("severity")
            fluency = result.scores.get("fluency")
            out.append(
                f"| {cell(result.id)} | {result.document.word_count} | {c.get('error', 0)} | {c.get('warning', 0)} "
                f"| {c.get('info', 0)} | {'-' if fluency is None else f'{fluency:g}'} | {result.penalty():g} |"
            )
    for error in sorted(report.errors, key=lambda e: (e.path or "", e.line or 0, e.id, e.message)):
        out.append("")
        out.append(f"- ⚠️ {cell(error.message)}")
    for result in sorted_results(report):
        findings = sorted_findings(result)
        if not findings:
            continue
        out += ["", f"<details><summary>{cell(result.id)}: {len(findings)} finding(s)</summary>", ""]
        out += ["| Where | Severity | Check | Message | Text |", "|---|---|---|---|---|"]
        for f in findings[:MAX_PER_DOCUMENT]:
            message = f.message + (f" → {f.suggestion}" if f.suggestion else "")
            out.append(
                f"| {cell(location_name(result))}:{f.line}:{f.column} | {f.severity} | {f.code} {f.name} "
                f"| {cell(message)} | {cell(f.text[:120])} |"
            )
        if len(findings) > MAX_PER_DOCUMENT:
            out.append(f"| … | | | {len(findings) - MAX_PER_DOCUMENT} more | |")
        out += ["", "</details>"]
    out.append("")
    out.append(f"<sub>{html.escape(report.signature, quote=False)}</sub>")
    return "\n".join(out) + "\n"
