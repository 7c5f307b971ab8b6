"""``--format html``: one self-contained page an editor can read, and the notebook view.

The page makes no network request and runs no script: the CSS is inline, a
Content-Security-Policy forbids scripts and remote resources, and every piece
of article text, message and suggestion is escaped.  Each document shows a
summary, then its text with every finding's span highlighted (coloured by
family; message and suggestion on hover, the suggestion after the span in
print), then the list of findings.  Checkboxes show or hide findings by
severity and family (CSS ``:has()``, no script); a sentence less fluent than
most news has a quiet grey mark before it.
Overlapping spans nest, and a span that crosses another one's end is split in
pieces that share the finding's number.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from html import escape
from string import Template
from typing import TYPE_CHECKING

from mtqa.model import FAMILIES, BlockKind, Finding, Severity
from mtqa.style import (
    BAND_BAD,
    BAND_WEAK,
    FAMILY_COLORS,
    FLUENCY_BANDS,
    FLUENCY_UNSCORED,
    OTHER_FAMILY,
    SEVERITY_COLORS,
    family_colors,
    fluency_band,
)

if TYPE_CHECKING:
    from mtqa.report import DocumentResult, Report

#: How many documents a page shows in full; the rest are in the summary table.
MAX_DOCUMENTS = 200

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"


#: The style sheet; ``$name``: a colour of :mod:`mtqa.style` (see ``_css()``).
_STYLE = Template(
    """
.mtqa-report{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
  color:#1b1b1b;background:#fff;max-width:60rem;padding:.5rem 1rem;text-align:left}
.mtqa-report h1{font-size:1.35rem;margin:.4rem 0}
.mtqa-report h2{font-size:1.15rem;margin:1.6rem 0 .3rem;padding-top:.6rem;border-top:2px solid #ddd;
  overflow-wrap:anywhere}
.mtqa-report h3{font-size:1rem;margin:1rem 0 .3rem}
.mtqa-report .meta{color:#555;font-size:.9rem}
.mtqa-report .sig{color:#777;font:12px/1.4 ui-monospace,"DejaVu Sans Mono",monospace;overflow-wrap:anywhere}
.mtqa-report table{border-collapse:collapse;font-size:.9rem;margin:.4rem 0}
.mtqa-report th,.mtqa-report td{border:1px solid #ddd;padding:.15rem .5rem;text-align:left;vertical-align:top}
.mtqa-report td.num{text-align:right}
.mtqa-report .sev-error{color:$error;font-weight:600}
.mtqa-report .sev-warning{color:$warning;font-weight:600}
.mtqa-report .sev-info{color:$info}
.mtqa-report .sw{display:inline-block;padding:0 .35rem;margin:.1rem .15rem .1rem 0;border-left:4px solid;
  border-radius:3px;font-size:.85rem}
.mtqa-report .band{display:flex;gap:1px;height:14px;margin:.3rem 0 .2rem;max-width:40rem}
.mtqa-report .band a{flex:1 1 0;min-width:2px;display:block}
.mtqa-report .band a.flagged{box-shadow:inset 0 -4px 0 rgba(0,0,0,.55)}
.mtqa-report .legend{font-size:.8rem;color:#555}
.mtqa-report .article{white-space:pre-wrap;overflow-wrap:break-word;line-height:2.1;font-size:1rem;
  font-family:Georgia,"DejaVu Serif",serif;border:1px solid #e3e3e3;border-radius:4px;padding:.6rem .9rem;
  background:#fcfcfc}
.mtqa-report .b-title{font-weight:700;font-size:1.12rem}
.mtqa-report .b-heading{font-weight:700}
.mtqa-report .b-caption{font-style:italic;color:#444}
.mtqa-report .b-furniture{color:#777}
.mtqa-report .s.flu-weak::before,.mtqa-report .s.flu-bad::before{content:"";display:inline-block;width:3px;
  height:1.05em;margin-right:4px;vertical-align:-.12em;border-radius:1px;background:var(--flu)}
.mtqa-report .s.flu-weak{--flu:$mark_weak}
.mtqa-report .s.flu-bad{--flu:$mark_bad}
.mtqa-report .hl{position:relative;color:inherit;background:$other_background;--accent:$other_accent;border-radius:2px;padding:1px 0;cursor:help;
  -webkit-box-decoration-break:clone;box-decoration-break:clone}
.mtqa-report .hl.hl-error{box-shadow:inset 0 -2px 0 var(--accent)}
.mtqa-report .hl .hl{outline:1px solid var(--accent)}
.mtqa-report .hl.zero{display:inline-block;width:.55em;height:1.1em;vertical-align:-.15em;
  border-left:2px solid var(--accent)}
.mtqa-report .tip{display:none;position:absolute;left:0;top:100%;z-index:10;width:max-content;max-width:26rem;
  white-space:normal;background:#263238;color:#fff;font:13px/1.4 system-ui,"DejaVu Sans",sans-serif;
  padding:.35rem .55rem;border-radius:4px;box-shadow:0 2px 8px rgba(0,0,0,.3);font-weight:400;
  font-style:normal;user-select:none;pointer-events:none;text-align:left}
.mtqa-report .tip b{color:#ffcc80}
.mtqa-report .tip .sugg{color:#b9f6ca}
.mtqa-report .hl:hover>.tip[hidden]{display:block}
.mtqa-report .hl:hover:has(.hl:hover)>.tip[hidden]{display:none}
.mtqa-report ol.findings{padding-left:2.2rem}
.mtqa-report ol.findings li{margin:.35rem 0}
.mtqa-report ol.findings .code{font-weight:700}
.mtqa-report ol.findings .where{color:#666;font-size:.85rem}
.mtqa-report ol.findings q{background:var(--bg);border-radius:2px;padding:0 .15rem}
.mtqa-report ol.findings .sugg{color:#2e7d32}
.mtqa-report .notes{color:#666;font-size:.85rem;font-style:italic}
.mtqa-report .filters{font-size:.85rem;color:#444;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.2rem .9rem}
.mtqa-report .filters label{cursor:pointer;white-space:nowrap}
.mtqa-report .filters input{margin:0 .2rem 0 0;vertical-align:-.1em}
.mtqa-report .errors{color:$error}
@media print{
  .mtqa-report{max-width:none;font-size:11pt}
  .mtqa-report .tip{display:none!important}
  .mtqa-report .article{border:none;padding:0;background:none}
  .mtqa-report .hl.first::after{content:attr(data-n);font:7pt sans-serif;vertical-align:super;color:#333}
  .mtqa-report .hl.first[data-sugg]::after{content:attr(data-n) " \\2192  " attr(data-sugg);color:#1b5e20}
  .mtqa-report .filters{display:none}
  .mtqa-report h2{break-before:page}
  .mtqa-report h2.first-doc{break-before:auto}
  .mtqa-report *{print-color-adjust:exact;-webkit-print-color-adjust:exact}
}
"""
)


def _css() -> str:
    families = "\n".join(
        f".mtqa-report .hl.fam-{name}{{background:{bg};--accent:{fg}}}"
        f".mtqa-report .sw.fam-{name}{{background:{bg};border-color:{fg}}}"
        for name, (_, bg, fg) in FAMILY_COLORS.items()
    )
    filters = "\n".join(
        [
            f".mtqa-report:has(input.show-sev-{sev}:not(:checked)) li.f-sev-{sev}{{display:none}}"
            f".mtqa-report:has(input.show-sev-{sev}:not(:checked)) .hl.hl-{sev}{{background:none;box-shadow:none;"
            f"outline:none;cursor:auto}}"
            for sev in ("error", "warning", "info")
        ]
        + [
            f".mtqa-report:has(input.show-fam-{name}:not(:checked)) li.f-fam-{name}{{display:none}}"
            f".mtqa-report:has(input.show-fam-{name}:not(:checked)) .hl.fam-{name}{{background:none;box-shadow:none;"
            f"outline:none;cursor:auto}}"
            for name in FAMILY_COLORS
        ]
    )
    colors = {
        "error": _severity_color(Severity.ERROR),
        "warning": _severity_color(Severity.WARNING),
        "info": _severity_color(Severity.INFO),
        "mark_weak": BAND_WEAK.mark,
        "mark_bad": BAND_BAD.mark,
        "other_background": OTHER_FAMILY.background,
        "other_accent": OTHER_FAMILY.accent,
    }
    return (
        _STYLE.substitute(colors)
        + families
        + "\n"
        + filters
    )


def _severity_color(severity: Severity) -> str:
    return SEVERITY_COLORS[severity].color


def _fluency_class(score: float | None) -> str:
    if score is None:
        return ""
    return f"flu-{fluency_band(score).name}"


def _fluency_color(score: float | None) -> str:
    return FLUENCY_UNSCORED if score is None else fluency_band(score).fill


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# -- the article text with its highlights ---------------------------------------


@dataclass(frozen=True)
class _Span:
    """An element over ``[start, end)``: a block, a sentence or a finding."""

    rank: int  # 0 block, 1 sentence, 2 finding: outer elements open first
    start: int
    end: int
    index: int  # finding number, or block/sentence index
    open_html: str  # without the closing ">" for findings; see _open()
    close_html: str

    def key(self) -> tuple:
        return (self.rank, self.start, -self.end, self.index)


def _tip(finding: Finding, number: int) -> str:
    parts = [
        f"<b>{number}. {escape(finding.code)} {escape(finding.name)}</b> "
        f"({escape(str(finding.severity))}, {escape(finding.family)})<br>",
        escape(finding.message),
    ]
    if finding.suggestion:
        parts.append(f'<br><span class="sugg">→ {escape(finding.suggestion)}</span>')
    return f'<span class="tip" role="tooltip" hidden>{"".join(parts)}</span>'


def _finding_spans(result: DocumentResult) -> tuple[list[_Span], list[tuple[int, int]]]:
    """Highlight elements for the findings, and each finding's clamped ``(start, end)``."""
    n = len(result.document.text)
    spans: list[_Span] = []
    where: list[tuple[int, int]] = []
    for number, finding in enumerate(_sorted(result), 1):
        start = min(max(finding.start, 0), n)
        end = min(max(finding.end, start), n)
        if not result.document.text[start:end].strip():
            end = start  # a blank span: show it as a point marker
        where.append((start, end))
        attrs = (
            f'class="hl fam-{escape(finding.family)} hl-{finding.severity}{" zero" if start == end else ""}" '
            f'data-f="{number}" data-n="{number}" data-code="{escape(finding.code)}" '
            f'data-family="{escape(finding.family)}" data-severity="{finding.severity}"'
        )
        if finding.suggestion:
            attrs += f' data-sugg="{escape(finding.suggestion)}"'  # shown after the span in print
        spans.append(_Span(2, start, end, number, attrs, "</mark>"))
    return spans, where


def _sorted(result: DocumentResult) -> list[Finding]:
    return sorted(result.findings, key=Finding.sort_key)


def _structure_spans(result: DocumentResult, prefix: str) -> list[_Span]:
    doc = result.document
    spans: list[_Span] = []
    for i, block in enumerate(doc.blocks):
        if block.end > block.start and block.kind is not BlockKind.BODY:
            spans.append(_Span(0, block.start, block.end, i, f'<span class="b-{block.kind}">', "</span>"))
    scored = {
        (s["start"], s["end"]): s.get("fluency")
        for s in result.scores.get("sentences") or ()
        if isinstance(s, dict) and "start" in s and "end" in s
    }
    for i, sentence in enumerate(doc.text_sentences()):
        score = scored.get((sentence.start, sentence.end))
        cls = " ".join(c for c in ("s", _fluency_class(score)) if c)
        title = f' data-fluency="{score:.1f}"' if score is not None else ""
        spans.append(
            _Span(
                1,
                sentence.start,
                sentence.end,
                i,
                f'<span class="{cls}" id="{prefix}-s{i + 1}"{title}>',
                "</span>",
            )
        )
    return spans


def article_html(result: DocumentResult, prefix: str = "mtqa-d1") -> str:
    """The document's text, escaped, with blocks, sentences and findings as nested elements.

    Elements are kept properly nested: where one span ends inside another, the
    inner ones are closed and reopened after it, so a finding may come in
    several pieces (all with the same ``data-f``; the first has the id).
    """
    text = result.document.text
    findings = _sorted(result)
    finding_spans, _ = _finding_spans(result)
    spans = [s for s in _structure_spans(result, prefix) if s.start < s.end] + finding_spans
    cuts = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    out: list[str] = []
    stack: list[_Span] = []
    opened: set[int] = set()  # findings whose first piece was written

    def open_(span: _Span, zero: bool = False) -> str:
        if span.rank < 2:
            return span.open_html
        finding = findings[span.index - 1]
        first = span.index not in opened
        opened.add(span.index)
        attrs = span.open_html
        if first:
            attrs = attrs.replace('class="hl ', 'class="hl first ', 1)
            attrs += f' id="{prefix}-f{span.index}"'
        return f"<mark {attrs}>{_tip(finding, span.index)}"

    for at, nxt in zip(cuts, cuts[1:] + [None]):
        # point markers (zero-width findings) at this offset, outside any finding
        points = [s for s in spans if s.rank == 2 and s.start == s.end == at]
        active = sorted(
            (s for s in spans if nxt is not None and s.start <= at and s.end >= nxt and s.start < s.end),
            key=_Span.key,
        )
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep] is active[keep]:
            keep += 1
        # close elements that end here (and those opened inside them)
        for span in reversed(stack[keep:]):
            out.append(span.close_html)
        del stack[keep:]
        # point markers sit inside the enclosing sentence but outside other findings
        if points:
            inner = [s for s in stack if s.rank == 2]
            for span in reversed(inner):
                out.append(span.close_html)
            del stack[len(stack) - len(inner) :]
            for point in points:
                out.append(open_(point) + point.close_html)
            keep = len(stack)
        for span in active[keep:]:
            out.append(open_(span))
            stack.append(span)
        if nxt is not None:
            out.append(escape(text[at:nxt], quote=False))
    for span in reversed(stack):
        out.append(span.close_html)
    return "".join(out)


# -- the parts of a page ----------------------------------------------------------


def _counts_html(counts: Counter[str], order: list[str], kind: str) -> str:
    items = []
    for key in order:
        if not counts.get(key):
            continue
        if kind == "family":
            items.append(f'<span class="sw fam-{escape(key)}">{counts[key]} {escape(key)}</span>')
        else:
            items.append(f'<span class="sev-{escape(key)}">{counts[key]} {escape(key)}</span>')
    return ", ".join(items) if kind != "family" else "".join(items)


def _family_order(counts: Counter[str]) -> list[str]:
    known = [f for f in FAMILIES if counts.get(f)]
    return known + sorted(k for k in counts if k not in FAMILIES)


def _band_html(result: DocumentResult, prefix: str) -> str:
    """One cell per sentence, coloured by fluency; flagged sentences underlined."""
    sentences = result.document.text_sentences()
    scored = {
        (s["start"], s["end"]): s.get("fluency")
        for s in result.scores.get("sentences") or ()
        if isinstance(s, dict) and "start" in s
    }
    if not sentences or all(v is None for v in scored.values()):
        return ""
    cells = []
    for i, sentence in enumerate(sentences, 1):
        score = scored.get((sentence.start, sentence.end))
        flagged = any(
            f.start < sentence.end and f.end > sentence.start for f in result.findings
        )
        label = f"sentence {i}: " + (f"fluency {score:.0f}/100" if score is not None else "not scored")
        if flagged:
            label += ", flagged"
        cells.append(
            f'<a href="#{prefix}-s{i}" class="{"flagged" if flagged else ""}" '
            f'style="background:{_fluency_color(score)}" title="{escape(label)}"></a>'
        )
    return (
        f'<div class="band" aria-label="fluency per sentence">{"".join(cells)}</div>'
        '<div class="legend">fluency per sentence: '
        + "".join(
            f'<span style="color:{band.fill}">■</span> '
            + (f"below {band.below:.0f}" if math.isfinite(band.below) else "fluent")
            + " · "
            for band in FLUENCY_BANDS
        )
        + "dark underline: a sentence with findings; "
        'in the text, a grey mark before a sentence: less fluent than most news (dark: far less)</div>'
    )


def _finding_item(finding: Finding, number: int, prefix: str) -> str:
    bg = family_colors(finding.family).background
    sev = str(finding.severity)
    parts = [
        f'<li value="{number}" class="f-sev-{finding.severity} f-fam-{escape(finding.family)}" style="--bg:{bg}">',
        f'<span class="sev-{sev}">{sev}</span> ',
        f'<a class="code" href="#{prefix}-f{number}">{escape(finding.code)}</a> ',
        f'{escape(finding.name)} <span class="where">{finding.line}:{finding.column}',
    ]
    if finding.confidence < 1:
        parts.append(f" · confidence {finding.confidence:.2f}")
    parts.append("</span><br>")
    if finding.text and finding.text not in finding.message:
        parts.append(f"<q>{escape(finding.text)}</q> ")  # quoted once: most messages quote it already
    parts.append(escape(finding.message))
    if finding.suggestion:
        parts.append(f'<br><span class="sugg">→ {escape(finding.suggestion)}</span>')
    parts.append("</li>")
    return "".join(parts)


def document_html(result: DocumentResult, prefix: str = "mtqa-d1", first: bool = True) -> str:
    """One document: its summary, its highlighted text, its findings."""
    doc = result.document
    findings = _sorted(result)
    heading = escape(doc.id)
    if doc.record_line is not None and doc.path:
        heading += f' <span class="meta">({escape(doc.path)}:{doc.record_line})</span>'
    parts = [f'<section class="doc" id="{prefix}"><h2{" class=first-doc" if first else ""}>{heading}</h2>']
    if doc.title:
        parts.append(f"<div><b>{escape(doc.title)}</b></div>")
    fluency = result.scores.get("fluency")
    meta = [
        _plural(doc.word_count, "word"),
        _plural(len(doc.text_sentences()), "sentence"),
        "fluency " + (f"<b>{fluency:.0f}/100</b>" if isinstance(fluency, (int, float)) else "not scored"),
    ]
    parts.append(f'<div class="meta">{" · ".join(meta)}</div>')
    if findings:
        severity = result.counts("severity")
        families = result.counts("family")
        parts.append(
            f'<div class="counts">{_plural(len(findings), "finding")}: '
            f'{_counts_html(severity, ["error", "warning", "info"], "severity")}</div>'
            f'<div class="counts">{_counts_html(families, _family_order(families), "family")}</div>'
        )
    else:
        parts.append('<div class="counts">no findings</div>')
    parts.append(_band_html(result, prefix))
    for note in result.notes:
        parts.append(f'<div class="notes">note: {escape(note)}</div>')
    parts.append(f'<h3>Text</h3><div class="article" lang="en">{article_html(result, prefix)}</div>')
    if findings:
        items = "".join(_finding_item(f, i, prefix) for i, f in enumerate(findings, 1))
        parts.append(f'<h3>Findings</h3><ol class="findings">{items}</ol>')
    parts.append("</section>")
    return "".join(parts)


def _filters_html(findings: list[Finding]) -> str:
    """Checkboxes that show or hide findings by severity and by family: CSS only
    (``:has()``), as the page runs no script."""
    if not findings:
        return ""
    severities = Counter(str(f.severity) for f in findings)
    families = Counter(f.family for f in findings)
    boxes = ['<span>show:</span>']
    for sev in ("error", "warning", "info"):
        if severities.get(sev):
            boxes.append(
                f'<label><input type="checkbox" class="show-sev-{sev}" checked>'
                f'<span class="sev-{sev}">{sev}</span> ({severities[sev]})</label>'
            )
    for fam in _family_order(families):
        if fam in FAMILY_COLORS:
            boxes.append(
                f'<label><input type="checkbox" class="show-fam-{escape(fam)}" checked>'
                f'<span class="sw fam-{escape(fam)}">{escape(fam)}</span> ({families[fam]})</label>'
            )
    return f'<div class="filters" role="group" aria-label="show findings">{"".join(boxes)}</div>'


def _summary_html(report: Report, id_prefix: str) -> str:
    counts = report.counts("severity")
    families = report.counts("family")
    parts = [
        f'<div class="meta">{_plural(len(report.results), "document")} checked, '
        f'{_plural(len(report.findings), "finding")}'
    ]
    if report.findings:
        parts.append(f" ({_counts_html(counts, ['error', 'warning', 'info'], 'severity')})")
    if report.errors:
        parts.append(f', <span class="errors">{len(report.errors)} could not be checked</span>')
    parts.append("</div>")
    if families:
        parts.append(f'<div class="counts">{_counts_html(families, _family_order(families), "family")}</div>')
    if len(report.results) > 1 or report.errors:
        rows = []
        for i, result in enumerate(report.results, 1):
            sev = result.counts("severity")
            fam = result.counts("family")
            fluency = result.scores.get("fluency")
            link = (
                f'<a href="#{id_prefix}-d{i}">{escape(result.id)}</a>' if i <= MAX_DOCUMENTS else escape(result.id)
            )
            rows.append(
                f"<tr><td>{link}</td><td class=num>{result.document.word_count}</td>"
                + "".join(f'<td class="num sev-{s}">{sev.get(s, 0) or ""}</td>' for s in ("error", "warning", "info"))
                + f"<td class=num>{'' if not isinstance(fluency, (int, float)) else f'{fluency:.0f}'}</td>"
                + f"<td>{escape(', '.join(f'{k} {v}' for k, v in fam.most_common()))}</td></tr>"
            )
        for error in report.errors:
            rows.append(
                f'<tr><td class="errors">{escape(error.id)}</td><td colspan=6 class="errors">'
                f"{escape(error.message)}</td></tr>"
            )
        parts.append(
            "<table><thead><tr><th>document</th><th>words</th><th>error</th><th>warning</th>"
            f"<th>info</th><th>fluency</th><th>families</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
    return "".join(parts)


def report_fragment(report: Report, *, id_prefix: str = "mtqa", max_documents: int = MAX_DOCUMENTS) -> str:
    """The report as an HTML fragment with its own ``<style>``: the notebook view."""
    parts = [
        f'<div class="mtqa-report"><style>{_css()}</style>',
        "<h1>mtqa report</h1>",
        _summary_html(report, id_prefix),
        _filters_html(report.findings),
    ]
    for i, result in enumerate(report.results[:max_documents], 1):
        parts.append(document_html(result, prefix=f"{id_prefix}-d{i}", first=i == 1))
    if len(report.results) > max_documents:
        parts.append(
            f'<p class="notes">{len(report.results) - max_documents} more documents are in the summary '
            "table only.</p>"
        )
    if report.errors:
        items = "".join(f"<li>{escape(e.message)}</li>" for e in report.errors)
        parts.append(f'<h3 class="errors">Not checked</h3><ul class="errors">{items}</ul>')
    if report.signature:
        parts.append(f'<p class="sig">{escape(report.signature)}</p>')
    parts.append("</div>")
    return "".join(parts)


def result_fragment(result: DocumentResult, *, id_prefix: str = "mtqa") -> str:
    """One document's view (with its own ``<style>``)."""
    return (
        f'<div class="mtqa-report"><style>{_css()}</style>{_filters_html(result.findings)}'
        f"{document_html(result, prefix=f'{id_prefix}-d1')}</div>"
    )


def render(report: Report, *, title: str | None = None, **options) -> str:
    """A complete, self-contained HTML page."""
    if title is None:
        title = "mtqa report" + (f": {report.results[0].id}" if len(report.results) == 1 else "")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="mtqa">'
        f"<title>{escape(title)}</title>"
        "<style>body{margin:0;background:#fff}</style></head><body>\n"
        + report_fragment(report, id_prefix="mtqa")
        + "\n</body></html>\n"
    )
