"""Cross-lingual scoring and AC004 (a sentence its source does not explain).

The mechanics run on the tiny random model of conftest.py with a calibration
set by the test; what Gemma says about real pairs is in tests/cases/AC004.yml
(marked ``model``: the real multilingual model).
"""

from __future__ import annotations

import json
import shutil

import pytest
import yaml
from typer.testing import CliRunner

import mtqa
from mtqa.checks.accuracy import UnsupportedSentence, crosslingual_pairs
from mtqa.cli import app
from mtqa.model import Severity
from mtqa.scoring import calibration, load_scorer
from mtqa.scoring.models import BUILTINS
from mtqa.scoring.scorer import PAIR_PROMPT, PAIR_STATISTIC, PLAIN_PROMPT

runner = CliRunner()

SOURCE = """Regjeringen la fram budsjettet på tirsdag.

Finansministeren sa at budsjettet er stramt, og at kommunene må spare penger neste år.

Opposisjonen reagerte kraftig på forslaget og krever mer penger til skolene.
"""
TARGET = """The government presented the budget on Tuesday.

The finance minister said the budget is tight, and that the municipalities must save money next year.

The opposition reacted strongly to the proposal and demands more money for schools.
"""
PAIRS = [
    ("Regjeringen la fram budsjettet på tirsdag.", "The government presented the budget on Tuesday."),
    ("Opposisjonen reagerte kraftig.", "The opposition reacted strongly to the proposal and demands more money."),
    ("Hun sa nei.", "She said no."),
]


def _calibration(warning: float, error: float, statistic: str = PAIR_STATISTIC) -> calibration.CrosslingualCalibration:
    return calibration.CrosslingualCalibration(
        "tiny", "0" * 64, statistic, [1.0, 50.0, 99.0], [warning - 1.0, warning + 1.0, warning + 2.0],
        {"ac004_warning": warning, "ac004_error": error}, stats={"pairs": 4},
    )


def test_pair_scores_are_the_target_tokens_of_both_readings(tiny_model_dir):
    scorer = load_scorer(str(tiny_model_dir), device="cpu")
    scorer._pair_cache.clear()
    batched = scorer.pair_scores(PAIRS)
    for (nb, en), score in zip(PAIRS, batched):
        en_ids = scorer.encode(" " + en)
        conditional = [scorer.prefix_id] + scorer.encode(PAIR_PROMPT[0]) + scorer.encode(" " + nb) + \
            scorer.encode(PAIR_PROMPT[1]) + en_ids
        plain = [scorer.prefix_id] + scorer.encode(PLAIN_PROMPT) + en_ids
        full_conditional, full_plain = scorer.token_logprobs([conditional, plain])
        assert score.tokens == len(en_ids)
        assert score.conditional == pytest.approx(sum(full_conditional[-len(en_ids):]), abs=1e-4)
        assert score.plain == pytest.approx(sum(full_plain[-len(en_ids):]), abs=1e-4)
        assert score.pmi_per_token == pytest.approx((score.conditional - score.plain) / len(en_ids))
    # one at a time (no batch, no cache) gives the same figures
    for pair, score in zip(PAIRS, batched):
        scorer._pair_cache.clear()
        (alone,) = scorer.pair_scores([pair])
        assert alone.conditional == pytest.approx(score.conditional, abs=1e-4)
        assert alone.plain == pytest.approx(score.plain, abs=1e-4)


def test_a_pair_longer_than_the_window_is_not_scored(tiny_model_dir):
    scorer = load_scorer(str(tiny_model_dir), device="cpu")
    long_source = " ".join(["Regjeringen la fram budsjettet på tirsdag."] * 80)
    short, too_long = scorer.pair_scores([PAIRS[0], (long_source, PAIRS[0][1])])
    assert short is not None and too_long is None


def test_the_pairs_are_the_aligned_sentences_of_four_words_or_more():
    doc = mtqa.document_from_text(TARGET + "\nIt is late.\n", source=SOURCE + "\nDet er sent.\n")
    pairs = crosslingual_pairs(doc)
    assert [target for _, _, _, target in pairs] == [
        "The government presented the budget on Tuesday.",
        "The finance minister said the budget is tight, and that the municipalities must save money next year.",
        "The opposition reacted strongly to the proposal and demands more money for schools.",
    ]
    assert pairs[0][2] == "Regjeringen la fram budsjettet på tirsdag."
    assert all(doc.text[start:end] == target for start, end, _, target in pairs)


def _ac004(doc, checker):
    result, errors = checker.check_document(doc)
    assert not errors, errors
    return result, [f for f in result.findings if f.code == "AC004"]


def test_ac004_flags_exactly_the_pairs_below_the_calibrated_thresholds(tiny_model_dir, monkeypatch):
    checker = mtqa.Checker(select=["AC004"], model=str(tiny_model_dir))
    scorer = checker.load_model()
    doc = mtqa.document_from_text(TARGET, source=SOURCE)
    pairs = crosslingual_pairs(doc)
    values = [s.pmi_per_token for s in scorer.pair_scores([(s, t) for _, _, s, t in pairs])]
    lowest = min(values)
    between = sorted(values)[:2]
    # warning: only the lowest pair is under the threshold; nothing is severe enough for an error
    monkeypatch.setattr(scorer, "crosslingual", _calibration(sum(between) / 2, lowest - 1.0))
    result, found = _ac004(doc, checker)
    assert [f.text for f in found] == [pairs[values.index(lowest)][3]]
    (finding,) = found
    assert finding.severity == Severity.WARNING and finding.family == "accuracy"
    assert finding.extra["pmi_per_token"] == pytest.approx(lowest, abs=1e-3)
    assert finding.extra["source_text"] == pairs[values.index(lowest)][2]
    assert finding.suggestion.endswith(f"'{pairs[values.index(lowest)][2]}'")
    # error: the same pair at or under the error threshold
    monkeypatch.setattr(scorer, "crosslingual", _calibration(sum(between) / 2, lowest + 1e-6))
    _, found = _ac004(doc, checker)
    assert [f.severity for f in found] == [Severity.ERROR]
    # every pair above the threshold: no finding
    monkeypatch.setattr(scorer, "crosslingual", _calibration(lowest - 0.5, lowest - 1.0))
    _, found = _ac004(doc, checker)
    assert found == []


def test_ac004_is_skipped_with_a_note_for_a_model_without_crosslingual_calibration(tiny_model_dir):
    checker = mtqa.Checker(select=["AC004"], model=str(tiny_model_dir))
    assert checker.load_model().crosslingual is None
    result, found = _ac004(mtqa.document_from_text(TARGET, source=SOURCE), checker)
    assert found == []
    assert result.notes == [
        "skipped AC004: the reference model is not calibrated for Norwegian-English (use --model gemma3-270m)"
    ]
    # without a source it is the source that is missing
    result, _ = _ac004(mtqa.document_from_text(TARGET), checker)
    assert result.notes == ["skipped AC004: no Norwegian source given"]


def test_a_model_folder_carries_its_own_crosslingual_calibration(tiny_model_dir, tmp_path):
    folder = tmp_path / "tiny-xl"
    shutil.copytree(tiny_model_dir, folder)
    entry = _calibration(0.5, 0.0).to_dict()
    (folder / calibration.MODEL_DIR_FILE).write_text(yaml.safe_dump({"crosslingual": entry}), "utf-8")
    scorer = load_scorer(str(folder), device="cpu")
    assert scorer.calibration is None  # the file has no fluency section
    assert scorer.crosslingual is not None and scorer.crosslingual.thresholds["ac004_warning"] == 0.5
    assert "/xl:" in scorer.signature
    info = runner.invoke(app, ["model", "info", "--model", str(folder), "-f", "json"])
    assert info.exit_code == 0, info.output
    assert json.loads(info.stdout)["crosslingual"].startswith("4 sentence pairs; AC004 below 0.5")
    # a calibration made for other prompts is not used
    stale = tmp_path / "tiny-stale"
    shutil.copytree(tiny_model_dir, stale)
    old = _calibration(0.5, 0.0, statistic="pmi-per-target-token/v0").to_dict()
    (stale / calibration.MODEL_DIR_FILE).write_text(yaml.safe_dump({"crosslingual": old}), "utf-8")
    assert load_scorer(str(stale), device="cpu").crosslingual is None


@pytest.mark.parametrize(
    "content, says",
    [
        ("crosslingual: [1, 2\n", "not a readable calibration file"),
        ("- a list\n", "a calibration file is a mapping"),
        ("crosslingual: {statistic: pmi-per-target-token/v1}\n", "the crosslingual calibration is incomplete"),
        ("sentence: {levels: [1]}\n", "the fluency calibration is incomplete"),
    ],
)
def test_a_broken_calibration_file_in_a_model_folder_is_a_clear_error(tiny_model_dir, tmp_path, content, says):
    folder = tmp_path / "tiny-broken"
    shutil.copytree(tiny_model_dir, folder)
    (folder / calibration.MODEL_DIR_FILE).write_text(content, "utf-8")
    with pytest.raises(mtqa.MtqaError, match=says) as caught:
        load_scorer(str(folder), device="cpu")
    assert calibration.MODEL_DIR_FILE in str(caught.value) and "delete it" in str(caught.value)
    result = runner.invoke(app, ["check", "-", "--model", str(folder)], input=TARGET)
    assert result.exit_code == 2 and says in result.output and "internal error" not in result.output


def test_fit_crosslingual_thresholds():
    clean = [0.5 + 0.01 * i for i in range(1000)]
    fitted = calibration.fit_crosslingual("m", "0" * 64, clean, warning_rate=0.002, error_level=0.0)
    assert fitted.thresholds["ac004_warning"] == pytest.approx(0.5 + 0.01 * 0.002 * 999, abs=1e-4)
    assert fitted.thresholds["ac004_error"] == 0.0
    assert fitted.percentile(0.4) == 0.0 and fitted.percentile(20.0) == 100.0
    assert 49 < fitted.percentile(5.5) < 51
    # a clean pair under the error level pushes the error threshold below it
    fitted = calibration.fit_crosslingual("m", "0" * 64, [-0.2] + clean, warning_rate=0.002, error_level=0.0)
    assert fitted.thresholds["ac004_error"] == pytest.approx(-0.25)
    assert fitted.thresholds["ac004_error"] <= fitted.thresholds["ac004_warning"]


def test_the_shipped_calibration_is_gemmas_and_english_only_smollm2_has_none():
    gemma = calibration.find_crosslingual(BUILTINS["gemma3-270m"].sha256)
    assert gemma is not None and gemma.model == "gemma3-270m"
    assert gemma.thresholds["ac004_error"] < gemma.thresholds["ac004_warning"] < gemma.stats["median"]
    assert gemma.stats["pairs"] >= 500 and gemma.stats["held_out_errors"] == 0
    assert calibration.find_crosslingual(BUILTINS["smollm2"].sha256) is None


def test_ac004_is_documented_as_needing_a_source_and_the_model():
    check = UnsupportedSentence()
    assert check.requires == frozenset({"source", "model"})
    assert not check.examples_are_text


def _bead(doc, sources: list[str], targets: list[str]):
    from mtqa.align import Bead, Span

    def spans(text, parts):
        return tuple(Span(text.index(p), text.index(p) + len(p)) for p in parts)

    return Bead(source=spans(doc.source, sources), target=spans(doc.text, targets), cost=5.0)


def test_judged_pairs_split_a_k_to_k_bead_unless_a_sentence_is_a_fragment(monkeypatch):
    from mtqa.checks import accuracy

    doc = mtqa.document_from_text(
        "The budget is tight this year. She said so on Tuesday. Yes.\n",
        source="Budsjettet er stramt i år. Hun sa det på tirsdag. Ja.\n",
    )
    two = _bead(doc, ["Budsjettet er stramt i år.", "Hun sa det på tirsdag."],
                ["The budget is tight this year.", "She said so on Tuesday."])
    monkeypatch.setattr(accuracy, "sentence_pairs", lambda d: [(two, "")])
    assert [(s, t) for _, _, s, t in accuracy.judged_pairs(doc)] == [
        ("Budsjettet er stramt i år.", "The budget is tight this year."),
        ("Hun sa det på tirsdag.", "She said so on Tuesday."),
    ]
    # a one-word sentence on either side: the bead is judged whole
    for sources, targets in (
        (["Hun sa det på tirsdag.", "Ja."], ["She said so on Tuesday.", "Yes."]),
        (["Budsjettet er stramt i år.", "Ja."], ["The budget is tight this year.", "She said so on Tuesday."]),
    ):
        bead = _bead(doc, sources, targets)
        monkeypatch.setattr(accuracy, "sentence_pairs", lambda d, b=bead: [(b, "")])
        (pair,) = accuracy.judged_pairs(doc)
        assert pair[2] == " ".join(sources) and pair[3] == " ".join(targets)
