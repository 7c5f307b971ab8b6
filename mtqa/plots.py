"""The matplotlib figures of :meth:`Report.plot` and :meth:`DocumentResult.plot`.

matplotlib is imported on the first plot, never with ``import mtqa``; it comes
with ``pip install 'mtqa[notebook]'``.  Colours and fluency limits are those of
every other view (:mod:`mtqa.style`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mtqa.model import FAMILIES, Severity
from mtqa.style import FLUENCY_BANDS, FLUENCY_UNSCORED, NEUTRAL, SEVERITY_COLORS, family_colors, fluency_band

if TYPE_CHECKING:
    from mtqa.report import DocumentResult, Report


def _pyplot():
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise ImportError("matplotlib is needed for this: pip install 'mtqa[notebook]'") from exc
    return plt


def _figure(ax, size: tuple[float, float]):
    if ax is not None:
        return ax.figure, ax
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=size, layout="constrained")
    # Closed at once: the caller (or Jupyter, through the returned value) shows it,
    # and the inline backend does not show it a second time.
    plt.close(fig)
    return fig, ax


def fluency_color(score: float | None) -> str:
    """A sentence's bar: the colour of its fluency band, grey when not scored."""
    return FLUENCY_UNSCORED if score is None else fluency_band(score).fill


def plot_document(result: DocumentResult, ax=None):
    """Fluency per sentence, flagged sentences marked; findings per sentence without scores."""
    rows = result.sentence_records()
    fig, ax = _figure(ax, (max(6.0, min(16.0, 0.18 * len(rows) + 3)), 3.4))
    xs = [r["sentence"] for r in rows]
    flagged = [r for r in rows if r["flagged"]]
    scored = any(r["fluency"] is not None for r in rows)
    if scored:
        heights = [r["fluency"] if r["fluency"] is not None else 0.0 for r in rows]
        ax.bar(xs, heights, color=[fluency_color(r["fluency"]) for r in rows], width=0.8)
        for band in reversed(FLUENCY_BANDS):
            if band.line is not None:
                ax.axhline(band.below, color=band.line, lw=0.8, ls="--")
        ax.set_ylim(0, 105)
        ax.set_ylabel("fluency (0-100)")
        marks_y = [102.0] * len(flagged)
        title = "fluency per sentence"
    else:
        heights = [r["findings"] for r in rows]
        ax.bar(xs, heights, color=NEUTRAL, width=0.8)
        ax.set_ylabel("findings")
        marks_y = [r["findings"] + 0.1 for r in flagged]
        title = "findings per sentence (fluency not scored)"
    if flagged:
        ax.scatter(
            [r["sentence"] for r in flagged], marks_y, marker="v", color=SEVERITY_COLORS[Severity.ERROR].color,
            zorder=3, label="sentence with findings", clip_on=False,
        )
        ax.legend(loc="lower right", fontsize="small", framealpha=0.9)
    ax.set_xlabel("sentence")
    ax.set_xlim(0.4, max(xs, default=1) + 0.6)
    ax.set_title(f"{result.id}: {title}", fontsize="medium", loc="left")
    return fig


def plot_corpus(report: Report, ax=None):
    """Findings per document, stacked by family."""
    results = report.results
    fig, ax = _figure(ax, (8.0, max(2.5, min(20.0, 0.3 * len(results) + 1.5))))
    counts = [r.counts("family") for r in results]
    families = [f for f in FAMILIES if any(c.get(f) for c in counts)]
    families += sorted({k for c in counts for k in c} - set(families))
    ys = list(range(len(results)))
    left = [0] * len(results)
    for family in families:
        widths = [c.get(family, 0) for c in counts]
        ax.barh(ys, widths, left=left, color=family_colors(family).accent, label=family)
        left = [a + b for a, b in zip(left, widths)]
    ax.set_yticks(ys, [r.id for r in results], fontsize="small")
    ax.invert_yaxis()
    ax.set_xlabel("findings")
    ax.set_title(f"findings per document ({len(results)} documents)", fontsize="medium", loc="left")
    if families:
        ax.legend(fontsize="small", loc="best")
    return fig


def plot(report: Report, ax=None):
    """One document: :func:`plot_document`; a corpus: :func:`plot_corpus`."""
    if len(report.results) == 1:
        return plot_document(report.results[0], ax)
    return plot_corpus(report, ax)
