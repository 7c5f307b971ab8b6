"""Align a Norwegian source with its English translation: paragraphs, then
sentences inside aligned paragraphs.

Articles keep paragraph order, so a monotone alignment with 1-1, 1-2, 2-1,
1-0 and 0-1 beads covers real cases (a paragraph split or merged, a sentence
left out or added).  Each bead is costed by the length ratio of its two sides
(Gale & Church's observation that translations keep length) and by anchors that
survive translation: numbers, and capitalised names.  When even the best path
is poor, :func:`align` says so (``Alignment.ok`` is False, with the reason)
rather than guessing.  Where length alone strands a sentence beside a merge
that holds its translation (a sentence expanded or cut short in translation),
the anchors undo the slip (:func:`_repair_slips`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache

from mtqa.model import Block, BlockKind, Document

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
#: Largest length cost (-log of the Gale & Church tail probability) at which a
#: sentence next to a gap is still taken as a translation of the gap's sentence
#: (:func:`_repair_slips`): about 2.4 standard deviations.
SLIP_MAX_LENGTH_COST = 4.0


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
    alignment = alignment_of(doc)
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


def _ratio(source_chars: int, target_chars: int) -> float:
    """Expected target characters per source character."""
    # English runs a little longer than Bokmål; an omission or addition must
    # not skew the ratio much, so the document's own ratio is clipped.
    return min(1.25, max(0.9, (target_chars or 1) / (source_chars or 1)))


def _evidence(a_s: set[str], a_t: set[str], s_len: int, t_len: int, ratio: float) -> float:
    """The cost of pairing two non-empty sides from their anchors and lengths."""
    anchor = 1.0 - len(a_s & a_t) / len(a_s | a_t) if (a_s or a_t) else 0.25
    return _length_cost(s_len, t_len, ratio) + ANCHOR_WEIGHT * anchor


def align_units(source: list[str], target: list[str]) -> list[tuple[list[int], list[int], float]]:
    """Monotone alignment of two lists of text units: (source idx, target idx, cost) beads."""
    n, m = len(source), len(target)
    s_len, t_len = [len(x) for x in source], [len(x) for x in target]
    s_anc, t_anc = [anchors(x) for x in source], [anchors(x) for x in target]
    ratio = _ratio(sum(s_len), sum(t_len))

    def cost(i: int, ni: int, j: int, nj: int) -> float:
        if i == ni or j == nj:
            return ANCHOR_WEIGHT * 0.25  # neutral: as good as a pair without anchors
        return _evidence(
            set().union(*s_anc[i:ni]),
            set().union(*t_anc[j:nj]),
            sum(s_len[i:ni]) + ni - i - 1,
            sum(t_len[j:nj]) + nj - j - 1,
            ratio,
        )

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


def align_reference(doc: Document) -> list[tuple[str, str, int, int]]:
    """The translation's sentences aligned with those of its human reference
    (both English, the same aligner): ``(translation, reference, start, end)``
    for each aligned group, ``start:end`` its span in ``doc.text``.  Groups of
    the reference with nothing in the translation are left out.  Use
    :meth:`mtqa.model.Document.reference_segments`, which computes this once."""
    reference = doc.reference or ""
    hyp_sents = doc.text_sentences()
    ref_doc = Document(id=f"{doc.id} (reference)", text=reference)
    refs = [reference[s.start : s.end] for s in ref_doc.text_sentences()]
    hyps = [doc.text[s.start : s.end] for s in hyp_sents]
    out = []
    for r_idx, h_idx, _ in align_units(refs, hyps):
        if not h_idx:
            continue
        start, end = hyp_sents[h_idx[0]].start, hyp_sents[h_idx[-1]].end
        out.append((doc.text[start:end], " ".join(refs[i] for i in r_idx), start, end))
    return out


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


def _repair_slips(beads: list[Bead], source: str, target: str, ratio: float) -> list[Bead]:
    """Give a sentence left without a counterpart the neighbouring sentence that
    translates it.

    Length is the aligner's main evidence, and a translator who expands one
    sentence can make it prefer pairing that sentence with two translated
    sentences, leaving the next source sentence "omitted" (or, mirrored, an
    added sentence beside a merge).  Such a slip is undone when the evidence
    that survives translation says so: the gap sits next to a bead with more
    sentences on the other side than on its own, the neighbour's sentence
    nearest the gap shares names or numbers with the stranded sentence (more
    than with its own bead's other side, and at least one that the other side
    lacks), and its length fits a translation of the stranded sentence.  That
    sentence then leaves its bead and pairs 1-1 with the stranded one.
    """

    def cost(src: tuple[Span, ...], tgt: tuple[Span, ...]) -> float:
        return BEAD_COST[(len(src), len(tgt))] + _evidence(
            set().union(*(anchors(source[s.start : s.end]) for s in src)),
            set().union(*(anchors(target[t.start : t.end]) for t in tgt)),
            sum(s.end - s.start + 1 for s in src) - 1,
            sum(t.end - t.start + 1 for t in tgt) - 1,
            ratio,
        )

    beads = list(beads)
    for k in range(len(beads)):
        gap = beads[k]
        if bool(gap.source) == bool(gap.target) or len(gap.source) + len(gap.target) != 1:
            continue
        omitted = bool(gap.source)  # else an addition: the same with the sides swapped
        stranded = gap.source if omitted else gap.target
        own_text, other_text = (source, target) if omitted else (target, source)
        stranded_anchors = set().union(*(anchors(own_text[s.start : s.end]) for s in stranded))
        stranded_len = sum(s.end - s.start for s in stranded)
        if not stranded_anchors:
            continue
        for step in (-1, 1):
            if not 0 <= k + step < len(beads):
                continue
            near = beads[k + step]
            own, other = (near.source, near.target) if omitted else (near.target, near.source)
            if not own or len(other) <= len(own):
                continue
            edge = other[-1] if step == -1 else other[0]
            edge_anchors = anchors(other_text[edge.start : edge.end])
            near_anchors = set().union(*(anchors(own_text[s.start : s.end]) for s in own))
            shared = edge_anchors & stranded_anchors
            if not shared - near_anchors or len(shared) <= len(edge_anchors & near_anchors):
                continue
            edge_len = edge.end - edge.start
            length = (
                _length_cost(stranded_len, edge_len, ratio)
                if omitted
                else _length_cost(edge_len, stranded_len, ratio)
            )
            if length > SLIP_MAX_LENGTH_COST:
                continue
            rest = tuple(t for t in other if t != edge)
            near_pair: tuple[tuple[Span, ...], tuple[Span, ...]] = (near.source, rest) if omitted else (rest, near.target)
            gap_pair: tuple[tuple[Span, ...], tuple[Span, ...]] = (gap.source, (edge,)) if omitted else ((edge,), gap.target)
            shape = (len(near_pair[0]), len(near_pair[1]))
            if near_pair[0] and near_pair[1] and shape in BEAD_COST:
                beads[k + step] = Bead(*near_pair, cost(*near_pair))
                beads[k] = Bead(*gap_pair, cost(*gap_pair))
                break
    return beads


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
    # After the verdict, which judges the aligner's own best path: a repaired
    # slip trades a gap for a costly but right pair.
    result.sentences = _repair_slips(
        result.sentences,
        source,
        doc.text,
        _ratio(sum(p.end - p.start for p in src_paras), sum(p.end - p.start for p in tgt_paras)),
    )
    return result


def alignment_of(doc: Document) -> Alignment | None:
    """The source/target alignment of ``doc``, computed once; None without a source."""
    if not doc.source:
        return None
    return doc.memo("alignment", align)


def reference_segments_of(doc: Document) -> list[tuple[str, str, int, int]]:
    """The translation aligned with its reference, computed once
    (:func:`align_reference`); empty without a reference."""
    if not doc.reference:
        return []
    return doc.memo("reference_segments", align_reference)
