"""The sentence aligner: a sentence the translator expanded must not strand its neighbour."""

from __future__ import annotations

import pytest

import mtqa
import mtqa.align
from mtqa.align import Bead, Span, _repair_slips, alignment_of

# The translator shortened the second sentence a lot; its length then fits the
# second and third English sentences together, and the aligner alone would pair
# them so and leave the third Norwegian sentence "omitted".  "Finnmark" says
# where the third English sentence belongs.
SOURCE = """Regjeringen la fram budsjettet på tirsdag.

En talsperson for opposisjonen sa at partiet var «åpent» for forslaget, men bemerket at kuttene på 2,5 milliarder kroner i støtten til kommunene er svært store, og at mange av dem vil ramme skoler, barnehager og sykehjem i hele landet i flere år framover, særlig i de minste kommunene.

Hun viste til en rapport om at kommunene i Finnmark allerede har de høyeste utgiftene per innbygger i hele landet.

Stortinget skal stemme over budsjettet i desember."""
TEXT = """The government presented the budget on Tuesday.

An opposition spokeswoman said the party was "open" to the proposal, but noted the cuts of 2.5 billion kroner were large.

In this context She cited a Statistics Norway report that municipalities in Finnmark already have the highest costs per resident.

Parliament will vote on the budget in December."""


def _pairs(doc):
    return [
        (
            [doc.source[s.start : s.end][:20] for s in b.source],
            [doc.text[t.start : t.end][:20] for t in b.target],
        )
        for b in alignment_of(doc).sentences
    ]


def test_an_expanded_sentence_does_not_strand_the_next_one():
    doc = mtqa.document_from_text(TEXT, source=SOURCE)
    alignment = alignment_of(doc)
    assert alignment.ok
    assert [(len(b.source), len(b.target)) for b in alignment.sentences] == [(1, 1)] * 4
    assert _pairs(doc)[2] == (["Hun viste til en rap"], ["In this context She "])
    findings = mtqa.check(doc, select=["accuracy"], fluency=False)[0].findings
    # nothing omitted or added; the sentence the translator cut short is AC005's
    assert [(f.code, f.text[:20]) for f in findings] == [("AC005", "An opposition spokes")]


def test_without_the_repair_the_aligner_slips(monkeypatch):
    # The case above is the slip itself: the aligner's best path strands the sentence.
    monkeypatch.setattr(mtqa.align, "_repair_slips", lambda beads, *args: beads)
    doc = mtqa.document_from_text(TEXT, source=SOURCE)
    shapes = [(len(b.source), len(b.target)) for b in alignment_of(doc).sentences]
    assert shapes == [(1, 1), (1, 2), (1, 0), (1, 1)]
    findings = mtqa.check(doc, select=["AC002"], fluency=False)[0].findings
    assert [str(f.severity) for f in findings] == ["error"]


def test_a_real_omission_beside_the_expanded_sentence_is_still_found(monkeypatch):
    # Drop the third English sentence: nothing next to the gap carries "Finnmark",
    # so there is nothing to repair.  (Which of the two sentences is missing, the
    # aligner cannot tell from the lengths: it names the expanded one.)
    text = TEXT.replace(
        "In this context She cited a Statistics Norway report that municipalities in Finnmark "
        "already have the highest costs per resident.\n\n",
        "",
    )

    def omissions():
        doc = mtqa.document_from_text(text, source=SOURCE)
        findings = mtqa.check(doc, select=["AC002"], fluency=False)[0].findings
        return [(f.start, str(f.severity), f.message) for f in findings]

    found = omissions()
    assert [severity for _, severity, _ in found] == ["error"]
    monkeypatch.setattr(mtqa.align, "_repair_slips", lambda beads, *args: beads)
    assert omissions() == found


def _beads(source: list[str], target: list[str], shape: list[tuple[int, int]]):
    """Texts joined by spaces, and beads of the given shapes over their sentences."""

    def spans(units):
        out, at = [], 0
        for u in units:
            out.append(Span(at, at + len(u)))
            at += len(u) + 1
        return out

    s_spans, t_spans = spans(source), spans(target)
    beads, i, j = [], 0, 0
    for di, dj in shape:
        beads.append(Bead(tuple(s_spans[i : i + di]), tuple(t_spans[j : j + dj]), 1.0))
        i, j = i + di, j + dj
    return " ".join(source), " ".join(target), beads


def _shape(beads):
    return [(len(b.source), len(b.target)) for b in beads]


NB = [
    "Ordføreren i Tromsø sa at byen vil bygge en ny skole og en ny svømmehall neste år, "
    "og at arbeidet starter i mars.",
    "Prosjektet koster 300 millioner kroner og finansieres av staten.",
]
EN = [
    "The mayor of Tromsø said the city will build a new school and pool next year.",
    "The project costs 300 million kroner, paid for by the state.",
]


def test_a_stranded_source_sentence_takes_back_its_translation():
    # The second source sentence's number is in the neighbour's second sentence.
    source, target, beads = _beads(NB, EN, [(1, 2), (1, 0)])
    repaired = _repair_slips(beads, source, target, 1.1)
    assert _shape(repaired) == [(1, 1), (1, 1)]
    assert repaired[1].target == beads[0].target[1:]
    assert all(b.cost > 0 for b in repaired)


def test_a_stranded_translated_sentence_takes_back_its_source():
    # The mirror: an "added" English sentence beside two source sentences merged.
    source, target, beads = _beads(NB, EN, [(2, 1), (0, 1)])
    repaired = _repair_slips(beads, source, target, 1.1)
    assert _shape(repaired) == [(1, 1), (1, 1)]
    assert repaired[1].source == beads[0].source[1:]


@pytest.mark.parametrize(
    "source",
    [
        # Nothing that survives translation says where the sentence belongs.
        [NB[0], NB[1].replace("300", "tre hundre")],
        # The number is in the neighbour's own source too: no sign of a slip.
        [NB[0].replace("neste år", "for 300 millioner neste år"), NB[1]],
        # The neighbour's sentence is far too short to translate the stranded one.
        [NB[0], NB[1] + " " + " ".join(["Det er en stor sum for en liten kommune."] * 4)],
    ],
    ids=["no-anchor", "anchor-explained", "length"],
)
def test_a_real_gap_stays(source):
    source_text, target, beads = _beads(source, EN, [(1, 2), (1, 0)])
    assert _shape(_repair_slips(beads, source_text, target, 1.1)) == [(1, 2), (1, 0)]
