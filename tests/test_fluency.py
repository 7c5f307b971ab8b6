"""Fluency: the reference model's scores, their JSON contract, the model's life cycle.

Most tests use the tiny random model of conftest.py ($MTQA_MODEL); the tests
marked ``model`` load the real default model (SmolLM2) and check what it says
about the seed article's garbles.
"""

from __future__ import annotations

import json
import shutil

import pytest
import yaml
from typer.testing import CliRunner

import mtqa
from mtqa.checks.fluency import GarbledSpan, merge_model_evidence
from mtqa.cli import app
from mtqa.model import Finding, Severity
from mtqa.scoring import calibration, load_scorer, models
from mtqa.scoring.scorer import model_text

from .conftest import CLEAN_ARTICLE

runner = CliRunner()


@pytest.fixture(scope="module")
def calibrated_tiny(tmp_path_factory, tiny_model_dir):
    """A copy of the tiny model with a calibration fitted on a few articles."""
    folder = tmp_path_factory.mktemp("tiny-calibrated") / "tiny"
    shutil.copytree(tiny_model_dir, folder)
    scorer = load_scorer(str(folder), device="cpu")
    docs = [mtqa.document_from_text(CLEAN_ARTICLE), mtqa.document_from_text(CLEAN_ARTICLE.upper())]
    fitted = calibration.fit(scorer.name, scorer.sha256, scorer.score_documents(docs), word_excess=[0.0, 1.0, 2.0])
    (folder / calibration.MODEL_DIR_FILE).write_text(yaml.safe_dump(fitted.to_dict()), "utf-8")
    _fresh(folder)  # the scorer loaded above has no calibration yet
    return folder


def _fresh(folder):
    from mtqa import scoring

    for key in [k for k in scoring._LOADED if k[0] == str(folder)]:
        del scoring._LOADED[key]


def test_scores_follow_the_json_contract(seed_path, calibrated_tiny, monkeypatch):
    _fresh(calibrated_tiny)
    monkeypatch.setenv("MTQA_MODEL", str(calibrated_tiny))
    report = mtqa.check(seed_path)
    (result,) = report.results
    doc = result.document
    scores = result.scores
    assert 0 <= scores["fluency"] <= 100
    sentences = scores["sentences"]
    text_sentences = doc.text_sentences()
    assert 0 < len(sentences) <= len(text_sentences)
    for s in sentences:
        assert set(s) == {"start", "end", "text", "tokens", "nll", "slor", "fluency"}
        assert doc.text[s["start"] : s["end"]] == s["text"]
        assert s["tokens"] > 0 and s["nll"] > 0 and 0 <= s["fluency"] <= 100
        assert doc.blocks[doc.sentence_at(s["start"]).block].is_text  # furniture is never scored
    assert sentences[0]["text"] == doc.title  # titles are scored
    assert not any("See also" in s["text"] for s in sentences)
    assert "calib:" in report.signature and "model:tiny@" in report.signature
    data = json.loads(report.to_json())
    assert data["documents"][0]["scores"]["sentences"] == sentences


def test_uncalibrated_model_reports_scores_but_no_findings(seed_path):
    report = mtqa.check(seed_path, select=["FL"])
    (result,) = report.results
    assert result.findings == [] and result.notes == []
    assert result.scores["fluency"] is None
    assert all(s["fluency"] is None and s["tokens"] > 0 for s in result.scores["sentences"])
    assert report.signature.endswith("calib:none")


def test_no_fluency_runs_every_other_check_and_says_so(seed_path):
    report = mtqa.check(seed_path, fluency=False)
    (result,) = report.results
    assert {"BP001", "BP002"} <= {f.code for f in result.findings}
    assert result.scores["fluency"] is None and "sentences" not in result.scores
    assert any("FL001" in n and "--no-fluency" in n for n in result.notes)
    assert "model:none" in report.signature


def test_a_missing_model_is_a_clear_error_that_mentions_no_fluency(tmp_path, monkeypatch, seed_path):
    monkeypatch.setenv("MTQA_MODEL", str(tmp_path / "missing.gguf"))
    with pytest.raises(mtqa.MtqaError, match="--no-fluency"):
        mtqa.check(seed_path)
    result = runner.invoke(app, ["check", str(seed_path)])
    assert result.exit_code == 2 and "--no-fluency" in result.output
    result = runner.invoke(app, ["check", str(seed_path), "--no-fluency"])
    assert result.exit_code == 1 and "BP001" in result.output
    offline = runner.invoke(app, ["check", str(seed_path), "--model", "someone/some-model"])
    assert offline.exit_code == 2 and "MTQA_ALLOW_NETWORK" in offline.output


def test_a_corrupt_builtin_model_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("MTQA_CACHE", str(tmp_path / "cache"))
    fake = tmp_path / "model.gguf"
    fake.write_bytes(b"GGUF not really")
    monkeypatch.setattr(models.Builtin, "files", lambda self: [fake])
    with pytest.raises(mtqa.MtqaError, match="corrupt.*--force-reinstall.*--no-fluency"):
        models.verified_hash(models.resolve("smollm2"))


def test_an_interrupted_conversion_leaves_no_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MTQA_CACHE", str(tmp_path / "cache"))
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF" + b"\0" * 64)
    source = models.resolve(str(broken))
    with pytest.raises(mtqa.MtqaError, match="could not convert"):
        models.convert_gguf(source)
    folder = tmp_path / "cache" / "models"
    assert [p.name for p in folder.iterdir()] == []  # no half-written cache, no temp folder
    info = runner.invoke(app, ["model", "info", "--model", str(broken), "-f", "json"])
    assert info.exit_code == 0
    assert "not converted" in json.loads(info.stdout)["cache_state"]


def test_a_model_cache_that_cannot_be_written_is_an_input_error(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    monkeypatch.setenv("MTQA_CACHE", str(blocker / "cache"))
    broken = tmp_path / "small.gguf"
    broken.write_bytes(b"GGUF" + b"\0" * 64)
    result = runner.invoke(app, ["model", "prepare", "--model", str(broken)])
    assert result.exit_code == 2
    assert "cannot be written" in result.output and "$MTQA_CACHE" in result.output
    assert "Traceback" not in result.output and "internal error" not in result.output


def test_model_info_and_prepare_for_a_model_folder(tiny_model_dir):
    info = runner.invoke(app, ["model", "info", "-f", "json"])
    assert info.exit_code == 0, info.output
    data = json.loads(info.stdout)
    assert data["kind"] == "dir" and data["selected_by"] == "$MTQA_MODEL"
    assert len(data["sha256"]) == 64 and data["calibration"].startswith("none")
    prepared = runner.invoke(app, ["model", "prepare"])
    assert prepared.exit_code == 0 and data["sha256"] in prepared.output


@pytest.mark.parametrize(
    ("asked", "device", "calibrated", "bf16", "picked"),
    [
        # A calibrated model keeps the float type its thresholds were fitted in, on any device.
        ("auto", "cuda", True, True, "float32"),
        (None, "cuda:1", True, True, "float32"),
        ("auto", "mps", True, False, "float32"),
        # Without a calibration: the device's fast type.
        ("auto", "cuda", False, True, "bfloat16"),
        ("auto", "cuda", False, False, "float16"),
        ("auto", "mps", False, False, "float16"),
        ("auto", "cpu", False, False, "float32"),
        # An explicit type always wins.
        ("bfloat16", "cuda", True, True, "bfloat16"),
        ("float16", "cpu", True, False, "float16"),
    ],
)
def test_auto_dtype_keeps_a_calibrated_model_in_float32(monkeypatch, asked, device, calibrated, bf16, picked):
    import torch

    from mtqa import scoring

    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *a, **k: bf16)
    assert scoring._pick_dtype(asked, device, calibrated=calibrated) == picked


@pytest.mark.parametrize("first", ["auto", "float32"])
def test_the_type_auto_picked_shares_the_loaded_model(tiny_model_dir, monkeypatch, first):
    from mtqa import scoring

    monkeypatch.setattr(scoring, "_LOADED", {})
    loads = []
    import transformers

    original = transformers.AutoModelForCausalLM.from_pretrained
    monkeypatch.setattr(
        transformers.AutoModelForCausalLM, "from_pretrained", lambda *a, **k: loads.append("load") or original(*a, **k)
    )
    one = load_scorer(str(tiny_model_dir), device="cpu", dtype=first)
    other = load_scorer(str(tiny_model_dir), device="cpu", dtype="float32" if first == "auto" else "auto")
    assert one is other and one.dtype == "float32"
    assert loads.count("load") == 1
    assert load_scorer(str(tiny_model_dir), device="cpu", dtype=None) is one


def test_load_scorer_tells_the_type_whether_the_model_is_calibrated(tiny_model_dir, calibrated_tiny, monkeypatch):
    from mtqa import scoring

    monkeypatch.setattr(scoring, "_LOADED", {})
    seen = []
    real = scoring._pick_dtype
    monkeypatch.setattr(scoring, "_pick_dtype", lambda *a, **k: seen.append(k.get("calibrated")) or real(*a, **k))
    load_scorer(str(tiny_model_dir), device="cpu")
    load_scorer(str(calibrated_tiny), device="cpu")
    assert seen == [False, True]


def test_an_unknown_dtype_is_refused_before_the_model_is_read(monkeypatch):
    from mtqa import scoring

    def never(*_a, **_k):
        raise AssertionError("the model was read")

    monkeypatch.setattr(scoring, "_materialize", never)
    with pytest.raises(mtqa.MtqaError, match="--dtype float8: use one of auto, float32, bfloat16, float16"):
        load_scorer(None, device="cpu", dtype="float8")


def test_windows_cover_every_token_once_with_context(tiny_model_dir):
    scorer = load_scorer(str(tiny_model_dir), device="cpu")
    for n in (2, 15, 16, 17, 100, 257):
        scorer.window, scorer.overlap = 16, 4
        windows = scorer._windows(n)
        scored = [p for start, end, first in windows for p in range(first, end)]
        assert scored == list(range(1, n))
        assert all(end - start <= 16 for start, end, _ in windows)
        assert all(first - start == 4 for start, end, first in windows[1:])


def test_batched_padded_and_windowed_scores_match_one_pass(tiny_model_dir):
    scorer = load_scorer(str(tiny_model_dir), device="cpu")
    scorer.window, scorer.overlap, scorer.batch_tokens = 256, 64, 4096
    long_doc = mtqa.document_from_text(CLEAN_ARTICLE)
    short_doc = mtqa.document_from_text("Short news.\n\nThe council met on Friday.\n")
    alone = [scorer.score_documents([d])[0].token_logprobs for d in (long_doc, short_doc)]
    together = [s.token_logprobs for s in scorer.score_documents([long_doc, short_doc])]
    for a, b in zip(alone, together):
        assert a == pytest.approx(b, abs=1e-4)
    # Windows of 64 with 48 tokens of context: far tokens differ a little, nothing is lost.
    scorer.window, scorer.overlap = 64, 48
    windowed = scorer.score_documents([long_doc])[0].token_logprobs
    assert len(windowed) == len(alone[0]) and all(lp < 0 for lp in windowed)
    assert windowed[:63] == pytest.approx(alone[0][:63], abs=1e-4)
    scorer.window, scorer.overlap = 1024, 256


def test_tokens_are_cut_into_sentences_by_code_point_offsets(tiny_model_dir):
    scorer = load_scorer(str(tiny_model_dir), device="cpu")
    text = "Tromsø får ny bru\n\nThe bridge in Tromsø opens today. It cost 2 billion kroner – a record.\n"
    doc = mtqa.document_from_text(text)
    model_string, segments = model_text(doc)
    assert all(model_string[m : m + n] == doc.text[d : d + n] for m, d, n in segments)
    scores = scorer.document_scores(doc)
    assert [s.text for s in scores.sentences] == [doc.text[s.start : s.end] for s in doc.text_sentences()]
    assert sum(s.tokens for s in scores.sentences) <= scores.tokens
    for (start, end) in scores.token_spans:
        assert start == -1 or 0 <= start < end <= len(doc.text)


def _finding(code, family, start, end, **extra):
    return Finding(code, "x", family, Severity.WARNING, "m", start, end, "t", extra=extra)


def test_an_idiom_finding_absorbs_the_garbled_span_it_covers():
    idiom = _finding("ID001", "idiom", 10, 21)
    inside = _finding(GarbledSpan.code, "fluency", 18, 21, surprisal=16.8, excess=12.1)
    elsewhere = _finding(GarbledSpan.code, "fluency", 40, 45, surprisal=9.0, excess=9.5)
    low = _finding("FL001", "fluency", 0, 50)
    merged = merge_model_evidence([idiom, inside, elsewhere, low])
    assert merged == [idiom, elsewhere, low]
    assert idiom.extra == {"surprisal": 16.8, "excess": 12.1, "model_span": [18, 21]}
    assert merge_model_evidence([inside, low]) == [inside, low]


def test_the_terminal_report_shows_the_least_fluent_sentences(seed_path, calibrated_tiny, monkeypatch):
    from rich.console import Console

    monkeypatch.setenv("MTQA_MODEL", str(calibrated_tiny))
    report = mtqa.check(seed_path)
    result = report[0]
    for sentence in result.scores["sentences"]:
        sentence["fluency"] = 60.0  # fluent ...
    result.scores["sentences"][3]["fluency"] = 1.5  # ... but one bad sentence, whatever the tiny model says
    console = Console(record=True, width=100)
    console.print(report)
    text = console.export_text()
    assert f"fluency {result.scores['fluency']:.0f}/100" in text
    assert "least fluent sentences" in text and result.scores["sentences"][3]["text"][:40] in text


# -- the real model ------------------------------------------------------------


def _sentence_fluency(text: str, phrase: str) -> float:
    report = mtqa.check(mtqa.document_from_text(text), select=["FL"])
    at = text.index(phrase)
    (sentence,) = [s for s in report[0].scores["sentences"] if s["start"] <= at < s["end"]]
    return sentence["fluency"]


@pytest.mark.model
@pytest.mark.parametrize(
    "garbled,fixed",
    [("three yards", "three tracks"), ("she has You can read", "Here you can read")],
)
def test_the_real_model_finds_the_seed_garbles_less_fluent(seed_path, garbled, fixed):
    text = seed_path.read_text("utf-8")
    assert garbled in text
    before = _sentence_fluency(text, garbled)
    after = _sentence_fluency(text.replace(garbled, fixed), fixed)
    assert before < after, (before, after)


@pytest.mark.model
def test_the_real_model_flags_the_garbled_pronoun_in_the_seed(seed_path):
    report = mtqa.check(seed_path, select=["FL"])
    (result,) = report.results
    assert result.document.text[0:0] == "" and "smollm2@b179c9523d0e" in report.signature
    spans = {f.text for f in result.findings if f.code == "FL002"}
    assert "You" in spans
    assert 0 <= result.scores["fluency"] <= 100


# -- what the statistic explains by a word's form (issue 17) --------------------


@pytest.mark.parametrize(
    "word,first,explained",
    [
        ("Sverdrup", False, True),  # a name: capitalised inside the sentence, no common word
        ("Mills-Hicks", False, True),
        ("shot-for-shot", False, True),  # a hyphenated compound
        ("NATO", False, True),  # capitals
        ("2024", False, True),
        ("12th", False, True),
        ("You", False, False),  # a common word capitalised in mid-sentence: a garble, judged
        ("Based", False, False),
        ("Sverdrup", True, False),  # the first word: its capital says nothing
        ("tracks", False, False),
    ],
)
def test_names_numbers_and_compounds_are_explained_by_their_form(word, first, explained):
    from mtqa.scoring.scorer import explained_by_form

    assert explained_by_form(word, first) is explained


def test_a_calibration_of_an_earlier_statistic_is_not_used(tmp_path, tiny_model_dir, calibrated_tiny, monkeypatch):
    folder = tmp_path / "tiny-old"
    shutil.copytree(calibrated_tiny, folder)
    data = yaml.safe_load((folder / calibration.MODEL_DIR_FILE).read_text("utf-8"))
    assert data["sentence"]["statistic"] == calibration.STATISTIC
    assert calibration.find("x", folder) is not None
    data["sentence"]["statistic"] = "slor-minus-worst-word-excess"  # the statistic before names were explained
    (folder / calibration.MODEL_DIR_FILE).write_text(yaml.safe_dump(data), "utf-8")
    assert calibration.find("x", folder) is None


def test_the_fit_leaves_headlines_and_captions_out(tiny_model_dir):
    scorer = load_scorer(str(tiny_model_dir), device="cpu")
    doc = mtqa.document_from_text(CLEAN_ARTICLE)
    (scores,) = scorer.score_documents([doc])
    kinds = [doc.blocks[s.block].kind.value for s in scores.sentences]
    assert kinds[0] == "title" and not scores.sentences[0].judged and all(s.judged for s in scores.sentences[1:])
    fitted = calibration.fit(scorer.name, scorer.sha256, [scores], word_excess=[0.0])
    assert fitted.stats["sentences"] == sum(1 for s in scores.sentences[1:] if s.tokens >= calibration.MIN_TOKENS)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Avalanche kills two skiers near Lyngen\n\nTwo skiers died on Sunday when an avalanche hit a group near Lyngen.",
        "Jonas Gahr Støre met Erna Solberg in Tromsø on Monday.",
        "Finance minister Trygve Slagsvold Vedum presented the budget to the Storting on Thursday.",
    ],
)
def test_the_real_model_does_not_flag_names_or_headlines_of_clean_news(text):
    report = mtqa.check(text, select=["FL"])
    assert report.findings == [], [(f.code, f.text, f.message) for f in report.findings]
