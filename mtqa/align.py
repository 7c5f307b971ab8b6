"""Align a Norwegian source with its English translation: paragraphs, then
sentences inside aligned paragraphs.

Articles keep paragraph order, so a monotone alignment with 1-1, 1-2, 2-1,
1-0 and 0-1 beads covers real cases (a paragraph split or merged, a sentence
left out or added).  Each bead is costed by the length ratio of its two sides
(Gale & Church's observation that translations keep length) and by anchors that
survive translation: numbers, and capitalised names.  When even the best path
is poor, :func:`align` says so (``Alignment.ok`` is False, with the reason)
rather than guessing.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache

from mtqa.model import Block, BlockKind

_NUMBER = re.compile(r"\d+(?:[ .,\u00a0\u202f]\d{3})*(?:[.,]\d+)?")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-ZÆØÅ][\w\-]+")
#: Prior probability of each bead shape (Gale & Church 1993, Table 5), but
#: omissions and additions four times as likely: machine translation drops
#: and adds sentences more often than the human translations they counted.
BEAD_PRIOR = {(1, 1): 0.89, (1, 0): 0.02, (0, 1): 0.02, (2, 1): 0.089 / 2,
              (1, 2): 0.089 / 2, (2, 2): 0.011,
              # Not in Gale & Church: three paragraphs merged into one (web
              # articles re-flow short paragraphs).
              (3, 1): 0.005, (1, 3): 0.005}
BEAD_COST = {shape: -math.log(p) for shape, p in BEAD_PRIOR.items()}
#: Gale & Church's variance of the target length per source character.
VARIANCE = 6.8
#: Weight of the anchors (numbers, names) against the length evidence.
ANCHOR_WEIGHT = 2.0
#: Mean cost of the beads that pair text with text above which the two texts
#: are taken not to correspond.
FAIL_MEAN_COST = 3.5
#: ... or when more than this share of the beads are omissions or additions.
FAIL_INDEL_SHARE = 0.5


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Bead:
    """Source spans aligned with target spans (either side may be empty)."""

    source: tuple[Span, ...]
    target: tuple[Span, ...]
    cost: float

    def to_dict(self) -> dict:
        return {
            "source": [[s.start, s.end] for s in self.source],
            "target": [[t.start, t.end] for t in self.target],
            "cost": round(self.cost, 3),
        }


@dataclass
class Alignment:
    paragraphs: list[Bead] = field(default_factory=list)
    sentences: list[Bead] = field(default_factory=list)
    ok: bool = True
    reason: str | None = None

    def to_dict(self) -> dict:
        return {
            "ok": self.ok,
            "reason": self.reason,
            "paragraphs": [b.to_dict() for b in self.paragraphs],
            "sentences": [b.to_dict() for b in self.sentences],
        }

    def source_for(self, start: int, end: int, source: str) -> str | None:
        """The source text aligned with the target sentence covering ``start:end``."""
        for bead in self.sentences:
            if any(t.start <= start and end <= t.end for t in bead.target):
                return " ".join(source[s.start : s.end] for s in bead.source) or None
        return None


def sentence_pairs(doc) -> list[tuple[Bead, str]]:
    """The aligned sentence groups of ``doc`` that pair source with translation,
    each with its source text; none when there is no source or the alignment
    failed (``IN001`` reports that)."""
    alignment = doc.alignment()
    if alignment is None or not alignment.ok:
        return []
    source = doc.source or ""
    return [
        (bead, " ".join(source[s.start : s.end] for s in bead.source))
        for bead in alignment.sentences
        if bead.source and bead.target
    ]


def anchors(text: str) -> set[str]:
    """What survives translation: numbers (digits only) and capitalised words."""
    found = {re.sub(r"\D", "", n) for n in _NUMBER.findall(text)}
    found |= {w.lower()[:5] for w in _NAME.findall(text)}
    return {a for a in found if a}


def _length_cost(source_len: int, target_len: int, ratio: float) -> float:
    """-log P(length difference | the two sides are translations), Gale & Church."""
    mean = (source_len + target_len / ratio) / 2
    delta = (target_len - source_len * ratio) / math.sqrt(max(mean, 1.0) * VARIANCE)
    tail = math.erfc(abs(delta) / math.sqrt(2))  # 2 * (1 - Phi(|delta|))
    return -math.log(max(tail, 1e-12))


def align_units(source: list[str], target: list[str]) -> list[tuple[list[int], list[int], float]]:
    """Monotone alignment of two lists of text units: (source idx, target idx, cost) beads."""
    n, m = len(source), len(target)
    s_len, t_len = [len(x) for x in source], [len(x) for x in target]
    s_anc, t_anc = [anchors(x) for x in source], [anchors(x) for x in target]
    # English runs a little longer than Bokmål; an omission or addition must
    # not skew the ratio much, so the document's own ratio is clipped.
    ratio = min(1.25, max(0.9, (sum(t_len) or 1) / (sum(s_len) or 1)))

    def cost(i: int, ni: int, j: int, nj: int) -> float:
        if i == ni or j == nj:
            return ANCHOR_WEIGHT * 0.25  # neutral: as good as a pair without anchors
        a_s = set().union(*s_anc[i:ni])
        a_t = set().union(*t_anc[j:nj])
        anchor = 1.0 - len(a_s & a_t) / len(a_s | a_t) if (a_s or a_t) else 0.25
        length = _length_cost(
            sum(s_len[i:ni]) + ni - i - 1, sum(t_len[j:nj]) + nj - j - 1, ratio
        )
        return length + ANCHOR_WEIGHT * anchor

    inf = float("inf")
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if best[i][j] == inf:
                continue
            for (di, dj), bead in BEAD_COST.items():
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                total = best[i][j] + bead + cost(i, ni, j, nj)
                if total < best[ni][nj]:
                    best[ni][nj] = total
                    back[ni][nj] = (di, dj)
    beads = []
    i, j = n, m
    while i or j:
        step = back[i][j]
        assert step is not None
        di, dj = step
        local = best[i][j] - best[i - di][j - dj]
        beads.append((list(range(i - di, i)), list(range(j - dj, j)), local))
        i, j = i - di, j - dj
    return beads[::-1]


@cache
def _segmenter():
    import pysbd

    # pysbd has no Norwegian; Danish is its closest relative and shares the
    # abbreviations that matter (f.eks., bl.a., kl.).
    return pysbd.Segmenter(language="da", clean=False)


def source_structure(source: str) -> tuple[list[Span], list[list[Span]]]:
    """Paragraphs of the Norwegian source and the sentences of each."""
    from mtqa.structure import segment

    blocks, _ = segment(source)
    paragraphs, sentences = [], []
    for b in blocks:
        if b.kind is BlockKind.FURNITURE:
            continue
        paragraphs.append(Span(b.start, b.end))
        sentences.append(_split(source, b))
    return paragraphs, sentences


def _split(text: str, block: Block) -> list[Span]:
    chunk = text[block.start : block.end].replace("\n", " ").replace("\r", " ")
    if block.kind in (BlockKind.TITLE, BlockKind.HEADING):
        return [Span(block.start, block.end)]
    spans, cursor = [], 0
    for sent in _segmenter().segment(chunk):
        piece = sent.strip()
        if not piece:
            continue
        at = chunk.find(piece, cursor)
        if at < 0:
            return [Span(block.start, block.end)]
        spans.append(Span(block.start + at, block.start + at + len(piece)))
        cursor = at + len(piece)
    return spans or [Span(block.start, block.end)]


def _given_pairs(doc, src_paras: list[Span], tgt_paras: list[Span]):
    """Paragraph beads from a translation file's own units (XLIFF, TMX, TSV)."""
    segments = doc.meta.get("segments") if isinstance(doc.meta, dict) else None
    if not segments or len(segments) != len(tgt_paras):
        return None
    by_start = {p.start: i for i, p in enumerate(src_paras)}
    beads = []
    for j, seg in enumerate(segments):
        i = by_start.get(seg["source"][0])
        if i is None or src_paras[i].end != seg["source"][1]:
            return None  # the source did not split as the units did: align it
        beads.append(([i], [j], 0.0))
    return beads


def align(doc) -> Alignment:
    """Align ``doc.source`` with ``doc.text`` (its non-furniture blocks)."""
    source = doc.source or ""
    src_paras, src_sents = source_structure(source)
    tgt_blocks = doc.text_blocks()
    tgt_paras = [Span(b.start, b.end) for b in tgt_blocks]
    if not src_paras or not tgt_paras:
        return Alignment(ok=False, reason="the source or the translation has no text to align")
    block_index = {id(b): i for i, b in enumerate(doc.blocks)}
    tgt_sents: list[list[Span]] = []
    for b in tgt_blocks:
        idx = block_index[id(b)]
        tgt_sents.append([Span(s.start, s.end) for s in doc.sentences if s.block == idx])
    given = _given_pairs(doc, src_paras, tgt_paras)
    para_beads = given if given is not None else align_units(
        [source[p.start : p.end] for p in src_paras], [doc.text[p.start : p.end] for p in tgt_paras]
    )
    result = Alignment()
    for si, ti, cost in para_beads:
        result.paragraphs.append(
            Bead(tuple(src_paras[i] for i in si), tuple(tgt_paras[j] for j in ti), cost)
        )
    if given is None and any(len(si) != 1 or len(ti) != 1 for si, ti, _ in para_beads):
        # Paragraphs were split or merged differently on the two sides: their
        # boundaries say little, so align the sentences of the whole article.
        groups = [(list(range(len(src_paras))), list(range(len(tgt_paras))))]
    else:
        groups = [(si, ti) for si, ti, _ in para_beads]
    for si, ti in groups:
        s_units = [s for i in si for s in src_sents[i]]
        t_units = [t for j in ti for t in tgt_sents[j]]
        if not s_units or not t_units:
            result.sentences.append(Bead(tuple(s_units), tuple(t_units), BEAD_COST[(1, 0)]))
            continue
        for a, b, c in align_units(
            [source[s.start : s.end] for s in s_units], [doc.text[t.start : t.end] for t in t_units]
        ):
            result.sentences.append(
                Bead(tuple(s_units[i] for i in a), tuple(t_units[j] for j in b), c)
            )
    paired = [b for b in result.sentences if b.source and b.target]
    indels = len(result.sentences) - len(paired)
    mean = sum(b.cost for b in paired) / len(paired) if paired else float("inf")
    if mean > FAIL_MEAN_COST or indels > FAIL_INDEL_SHARE * len(result.sentences):
        result.ok = False
        result.reason = (
            "the source and the translation do not line up "
            f"({len(paired)} sentence pairs with mean cost {mean:.2f}, {indels} sentences "
            "without a counterpart): is it the right source for this article?"
        )
    return result
