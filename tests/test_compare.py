"""mtqa compare: two systems, one reference, sacrebleu's paired bootstrap."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.compare import segments_by_reference

REF = {
    "s1.txt": "Budget day\n\nThe government presented its budget on Tuesday. Here you can read the documents.\n",
    "s2.txt": "Ferry news\n\nFerries crossed the fjord again on Sunday after the storm.\n",
}
A = {
    "s1.txt": "Budget day\n\nThe government presented the budget on Tuesday. Here you can read the papers.\n",
    "s2.txt": "Ferry news\n\nFerries crossed the fjord again on Sunday after the storm.\n",
}
B = {
    "s1.txt": "Budget day\n\nGovernment put forward budget Tuesday. She has You can read the documents.\n",
    "s2.txt": "Ferry news\n\nThe ferries went over the fjord on Sunday, after storm.\n",
}


def _tree(tmp_path, name, files):
    folder = tmp_path / name
    folder.mkdir()
    for file, text in files.items():
        (folder / file).write_text(text, encoding="utf-8")
    return folder


def test_compare_scores_and_significance(tmp_path):
    from sacrebleu.metrics import BLEU

    ref, a, b = (_tree(tmp_path, n, f) for n, f in (("ref", REF), ("a", A), ("b", B)))
    result = CliRunner().invoke(
        app, ["compare", str(a), str(b), "-r", str(ref), "--no-fluency", "--samples", "200", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["documents"] == ["s1.txt", "s2.txt"]
    bleu = {row["system"]: row for row in data["scores"]["BLEU"]}
    # The corpus scores are sacrebleu's on the reference-aligned segments.
    hyps, refs = [], []
    for name in ("s1.txt", "s2.txt"):
        h, r = segments_by_reference(A[name], REF[name])
        hyps += h
        refs += r
    assert bleu["a"]["score"] == round(BLEU().corpus_score(hyps, [refs]).score, 2)
    assert bleu["a"]["p_value"] is None and bleu["b"]["p_value"] < 0.05
    assert bleu["b"]["score"] < bleu["a"]["score"]
    assert data["findings"]["b"].get("idiom", 0) >= 1 and "idiom" not in data["findings"]["a"]
    assert data["signatures"]["BLEU"].startswith("nrefs:1|bs:200")
    # per segment: one entry per reference sentence, each system's aligned text and its scores
    from sacrebleu.metrics import CHRF

    segments = data["segments"]
    assert [s["reference"] for s in segments] == refs
    assert [s["a"]["text"] for s in segments] == hyps
    first = segments[0]
    assert first["a"]["chrF2++"] == round(CHRF(word_order=2).sentence_score(hyps[0], [refs[0]]).score, 2)
    assert {s["document"] for s in segments} == {"s1.txt", "s2.txt"}
    assert sum(s["b"]["chrF2++"] < s["a"]["chrF2++"] for s in segments) >= 1


def test_compare_without_common_articles_is_an_error(tmp_path):
    ref = _tree(tmp_path, "ref", {"x.txt": REF["s1.txt"]})
    a = _tree(tmp_path, "a", {"y.txt": A["s1.txt"]})
    b = _tree(tmp_path, "b", {"z.txt": B["s1.txt"]})
    result = CliRunner().invoke(app, ["compare", str(a), str(b), "-r", str(ref), "--no-fluency"])
    assert result.exit_code == 2
    assert "no article is in both systems and the reference" in result.output


def test_compare_with_a_missing_folder_names_it(tmp_path):
    ref = _tree(tmp_path, "ref", {"x.txt": REF["s1.txt"]})
    a = _tree(tmp_path, "a", {"x.txt": A["s1.txt"]})
    result = CliRunner().invoke(app, ["compare", str(a), str(tmp_path / "nope"), "-r", str(ref), "--no-fluency"])
    assert result.exit_code == 2
    assert f"system B {tmp_path / 'nope'}: no such file or folder" in result.output
