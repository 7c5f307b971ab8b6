"""``--format terminal``: the Rich report a person reads."""

from __future__ import annotations

import io
from collections import Counter
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from mtqa.model import Finding, Severity
from mtqa.style import BAND_WEAK, SEVERITY_COLORS, family_colors, fluency_band

if TYPE_CHECKING:
    from mtqa.report import DocumentResult, Report

#: Rich style per severity, from :mod:`mtqa.style` (the colours of every view).
SEVERITY_STYLE = {severity: colors.terminal for severity, colors in SEVERITY_COLORS.items()}
CONTEXT_CHARS = 90
#: How many of the least fluent sentences the report lists, and below which score.
WORST_SENTENCES = 3
WORST_BELOW = BAND_WEAK.below
BAR_WIDTH = 10


def fluency_style(score: float) -> str:
    return fluency_band(score).terminal


def fluency_bar(score: float) -> Text:
    """A 0-100 score as a small bar: ``███▌······ 35``."""
    filled = score / 100 * BAR_WIDTH
    full = int(filled)
    bar = "█" * full + ("▌" if filled - full >= 0.5 and full < BAR_WIDTH else "")
    text = Text(bar.ljust(BAR_WIDTH, "·"), style=fluency_style(score))
    text.append(f" {score:>4.0f}", style=fluency_style(score))
    return text


def fluency_renderable(result: DocumentResult) -> RenderableType | None:
    """The least fluent sentences of a document, with their fluency bars."""
    sentences = [s for s in result.scores.get("sentences") or () if s.get("fluency") is not None]
    worst = sorted((s for s in sentences if s["fluency"] < WORST_BELOW), key=lambda s: s["fluency"])
    if not worst:
        return None
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1))
    table.add_column("bar", no_wrap=True)
    table.add_column("where", style="dim", no_wrap=True)
    table.add_column("sentence", overflow="fold")
    doc = result.document
    for s in worst[:WORST_SENTENCES]:
        line, _ = doc.line_col(s["start"])
        text = s["text"] if len(s["text"]) <= 2 * CONTEXT_CHARS else s["text"][: 2 * CONTEXT_CHARS] + "…"
        table.add_row(fluency_bar(s["fluency"]), f"{line}:", text)
    shown = min(len(worst), WORST_SENTENCES)
    count = f"{len(worst)}" if shown == len(worst) else f"the {shown} lowest of {len(worst)}"
    title = Text(f"least fluent sentences ({count} below {WORST_BELOW:.0f}):", style="bold")
    return Group(title, Padding(table, (0, 0, 0, 1)))


def _counts_text(result_counts: Counter[str], order: list[str]) -> Text:
    text = Text()
    for i, key in enumerate(k for k in order if result_counts.get(k)):
        if i:
            text.append(", ")
        style = SEVERITY_STYLE.get(Severity.parse(key)) if key in ("error", "warning", "info") else family_colors(key).terminal
        text.append(f"{result_counts[key]} {key}", style=style)
    return text


def _context(finding: Finding) -> Text | None:
    """The finding's sentence with its span highlighted, trimmed around it."""
    sentence = finding.sentence
    if not sentence or finding.start == finding.end:
        return None
    at = sentence.find(finding.text)
    if at < 0:
        return Text(finding.text, style="reverse")
    before = sentence[:at]
    after = sentence[at + len(finding.text) :]
    if len(before) > CONTEXT_CHARS:
        before = "…" + before[-CONTEXT_CHARS:].split(" ", 1)[-1]
    if len(after) > CONTEXT_CHARS:
        after = after[:CONTEXT_CHARS].rsplit(" ", 1)[0] + "…"
    text = Text(before)
    text.append(finding.text, style=f"reverse {family_colors(finding.family).terminal}".strip())
    text.append(after)
    return text


def finding_renderable(finding: Finding) -> RenderableType:
    head = Text()
    head.append(f"{str(finding.severity):<7} ", style=SEVERITY_STYLE[finding.severity])
    head.append(f"{finding.code} ", style="bold")
    head.append(finding.name, style=family_colors(finding.family).terminal)
    head.append(f"  {finding.line}:{finding.column}", style="dim")
    if finding.confidence < 1:
        head.append(f"  confidence {finding.confidence:.2f}", style="dim")
    body: list[RenderableType] = [Text(finding.message)]
    context = _context(finding)
    if context is not None:
        body.append(Text("│ ", style="dim") + context)
    if finding.suggestion:
        body.append(Text("→ ", style="green") + Text(finding.suggestion, style="green"))
    return Group(head, Padding(Group(*body), (0, 0, 0, 3)))


def document_renderable(result: DocumentResult) -> RenderableType:
    doc = result.document
    header = Text()
    if doc.title:
        header.append(doc.title + "\n", style="bold")
    header.append(
        f"{_plural(doc.word_count, 'word')} · {_plural(len(doc.text_sentences()), 'sentence')} · ",
        style="dim",
    )
    if result.findings:
        header.append(f"{_plural(len(result.findings), 'finding')}: ")
        header.append_text(_counts_text(result.counts("severity"), ["error", "warning", "info"]))
        header.append(" · ")
        families = result.counts("family")
        header.append_text(_counts_text(families, sorted(families, key=lambda k: -families[k])))
    else:
        header.append("no findings", style="green")
    fluency = result.scores.get("fluency")
    if fluency is not None:
        header.append(" · fluency ", style="dim")
        header.append(f"{fluency:.0f}/100", style=fluency_style(fluency))
    for note in result.notes:
        header.append(f"\nnote: {note}", style="dim italic")
    title = Text(doc.id, style="bold")
    if doc.record_line is not None and doc.path:
        title.append(f" ({doc.path}:{doc.record_line})", style="dim")
    parts: list[RenderableType] = [Panel(header, title=title, title_align="left", expand=True)]
    worst = fluency_renderable(result)
    if worst is not None:
        parts.extend([worst, Text("")])
    for finding in sorted(result.findings, key=Finding.sort_key):
        parts.append(finding_renderable(finding))
        parts.append(Text(""))
    return Group(*parts)


def summary_renderable(report: Report) -> RenderableType:
    table = Table(title="Summary", title_justify="left", expand=False)
    table.add_column("document", overflow="fold")
    table.add_column("words", justify="right")
    for sev in ("error", "warning", "info"):
        table.add_column(sev, justify="right", style=SEVERITY_STYLE[Severity.parse(sev)])
    table.add_column("families")
    for result in report.results:
        counts = result.counts("severity")
        families = result.counts("family")
        table.add_row(
            result.id,
            str(result.document.word_count),
            *(str(counts.get(s, 0)) for s in ("error", "warning", "info")),
            ", ".join(f"{k} {v}" for k, v in families.most_common(3)),
        )
    for error in report.errors:
        table.add_row(Text(error.id, style="red"), "-", "-", "-", "-", Text("not checked", style="red"))
    return table


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def totals_text(report: Report) -> Text:
    counts = report.counts("severity")
    text = Text()
    text.append(f"{_plural(len(report.results), 'document')} checked, ")
    text.append(_plural(len(report.findings), "finding"))
    if report.findings:
        text.append(" (")
        text.append_text(_counts_text(counts, ["error", "warning", "info"]))
        text.append(")")
    if report.errors:
        text.append(f", {len(report.errors)} could not be checked", style="bold red")
    return text


def report_renderable(report: Report, include_errors: bool = True) -> RenderableType:
    """The whole report; ``include_errors=False`` when the caller prints them apart."""
    parts: list[RenderableType] = [document_renderable(r) for r in report.results]
    if len(report.results) > 1:
        parts.append(summary_renderable(report))
    if include_errors:
        parts.extend(error_text(error) for error in report.errors)
    parts.append(totals_text(report))
    return Group(*parts)


def error_text(error) -> Text:
    return Text("mtqa: error: ", style="bold red") + Text(error.message)


def render(report: Report, *, color: bool = False, width: int = 100, **options) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
    )
    console.print(report_renderable(report))
    return buffer.getvalue()
