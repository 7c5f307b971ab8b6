"""Reference metrics: mtqa's BLEU, chrF++ and TER are sacrebleu's own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import mtqa

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
