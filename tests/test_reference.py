"""Reference metrics: mtqa's BLEU, chrF++ and TER are sacrebleu's own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import mtqa
import mtqa.checks.reference

HYP = [
    "The government presented the budget on Tuesday.",
    "She has You can read the documents that Russia sent.",
    "The opposition reacted strongly to the cuts in support.",
    "Three yards",
]
REF = [
    "The government presented its budget on Tuesday.",
    "Here you can read the documents that Russia sent.",
    "The opposition reacted strongly to the cuts in funding.",
    "Three tracks",
]


def test_scores_equal_the_sacrebleu_command_line(tmp_path):
    hyp, ref = tmp_path / "hyp.txt", tmp_path / "ref.txt"
    hyp.write_text("\n".join(HYP) + "\n", encoding="utf-8")
    ref.write_text("\n".join(REF) + "\n", encoding="utf-8")
    doc = mtqa.document_from_text("\n".join(HYP), reference="\n".join(REF))
    scores = mtqa.check(doc, fluency=False)[0].scores["reference"]
    sacrebleu = Path(sys.executable).with_name("sacrebleu")
    out = subprocess.run(
        [str(sacrebleu), str(ref), "-i", str(hyp), "-m", "bleu", "chrf", "ter",
         "--chrf-word-order", "2", "-b", "-w", "2"],
        capture_output=True, text=True, check=True,
    )
    bleu, chrf, ter = json.loads(out.stdout)  # -b with several metrics prints a JSON list
    assert (scores["bleu"], scores["chrf"], scores["ter"]) == (bleu, chrf, ter)
    assert scores["bleu_signature"].startswith("nrefs:1|")
    assert "nw:2" in scores["chrf_signature"]


def test_no_reference_no_scores_and_a_note():
    result = mtqa.check("Budget day\n\nThe government presented the budget.", fluency=False)[0]
    assert "reference" not in result.scores
    assert any("RF001" in n and "no reference translation" in n for n in result.notes)


# -- the reference is aligned once per document ---------------------------------------


def test_the_reference_is_aligned_once_per_document(monkeypatch):
    import mtqa.align

    calls = []
    real = mtqa.align.align_units

    def counting(source, target):
        calls.append((tuple(source), tuple(target)))
        return real(source, target)

    monkeypatch.setattr(mtqa.align, "align_units", counting)
    doc = mtqa.document_from_text("\n".join(HYP), reference="\n".join(REF))
    result = mtqa.check(doc, fluency=False)[0]
    # Both users of the alignment ran: the scores and RF001 ("Three yards").
    assert result.scores["reference"]["bleu"] > 0
    assert [f.line for f in result.findings if f.code == "RF001"] == [4]
    assert len(calls) == 1
    assert calls[0][1] == tuple(HYP)


# -- corpus totals from per-document statistics ----------------------------------------

CORPUS = [
    # (translation, reference): documents of 1, 3 and 6 sentences, one with a merge.
    ("The minister resigned on Friday.", "The minister stepped down on Friday."),
    (
        "Budget day\n\nThe government presented the budget on Tuesday. "
        "She has You can read the documents. The opposition reacted strongly.",
        "Budget day\n\nThe government presented its budget on Tuesday. "
        "Here you can read the documents. The opposition reacted strongly to it.",
    ),
    (
        "Storm in the west\n\nA storm hit the west coast on Sunday night, and thousands "
        "lost power. Trees fell across several roads. The ferry to Bergen was cancelled. "
        "Police asked people to stay at home.\n\nThe storm moves north tomorrow.",
        "Storm in western Norway\n\nA storm hit the west coast on Sunday night. Thousands "
        "of homes lost power. Trees fell across several roads. The ferry to Bergen was "
        "cancelled. The police asked people to stay indoors.\n\nThe storm is moving north "
        "on Monday.",
    ),
]


def _corpus_docs():
    return [
        mtqa.document_from_text(text, doc_id=f"d{i}", reference=ref)
        for i, (text, ref) in enumerate(CORPUS)
    ]


def test_corpus_totals_equal_sacrebleu_over_the_concatenated_segments():
    from sacrebleu.metrics import BLEU, CHRF, TER

    from mtqa.checks.reference import corpus_reference_scores, reference_stats, segments

    docs = _corpus_docs()
    # Through JSON, as a streaming runner would keep them.
    stats = [json.loads(json.dumps(reference_stats(doc))) for doc in docs]
    lengths = [len(segments(doc)) for doc in docs]
    assert len(set(lengths)) == 3 and min(lengths) == 1
    assert [s["segments"] for s in stats] == lengths
    hyps = [h for doc in docs for h, _, _, _ in segments(doc)]
    refs = [[r for doc in docs for _, r, _, _ in segments(doc)]]
    got = corpus_reference_scores(stats, digits=None)
    for key, metric in (("bleu", BLEU()), ("chrf", CHRF(word_order=2)), ("ter", TER())):
        expected = metric.corpus_score(hyps, refs)
        assert got[key] == expected.score, key
        assert got[f"{key}_signature"] == str(metric.get_signature())
    assert got["documents"] == 3 and got["segments"] == sum(lengths)
    # Not the mean of the documents' scores: the corpus score proper.
    per_doc = [mtqa.checks.reference.reference_scores(doc)["bleu"] for doc in docs]
    assert round(got["bleu"], 2) != round(sum(per_doc) / 3, 2)
    rounded = corpus_reference_scores(stats)
    assert rounded["chrf"] == round(got["chrf"], 2) and rounded["ter"] == round(got["ter"], 2)


def test_totals_add_one_document_at_a_time_and_skip_documents_without_reference():
    from mtqa.checks.reference import ReferenceTotals, corpus_reference_scores, reference_stats

    docs = _corpus_docs()
    no_reference = mtqa.document_from_text("The minister resigned on Friday.")
    assert reference_stats(no_reference) is None
    totals = ReferenceTotals()
    assert totals.result() == {"documents": 0, "segments": 0}
    for doc in [docs[0], no_reference, docs[1], docs[2]]:
        totals.add(reference_stats(doc))
    assert totals.result() == corpus_reference_scores(reference_stats(d) for d in docs)
    assert totals.result()["documents"] == 3


def test_one_document_corpus_is_the_document_score():
    from mtqa.checks.reference import corpus_reference_scores, reference_scores, reference_stats

    doc = _corpus_docs()[2]
    corpus = corpus_reference_scores([reference_stats(doc)])
    assert {k: v for k, v in corpus.items() if k not in ("documents", "segments")} == (
        reference_scores(doc)
    )


def test_statistics_of_another_shape_are_refused():
    from mtqa.checks.reference import corpus_reference_scores, reference_stats

    stats = reference_stats(_corpus_docs()[0])
    stats["bleu"] = stats["bleu"][:-1]
    with pytest.raises(ValueError, match="statistics of length"):
        corpus_reference_scores([stats])
