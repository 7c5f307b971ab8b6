"""The CI quality gate: thresholds, baselines, suppressions, exit codes, end to end."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

import mtqa
from mtqa.cli import app
from mtqa.gate import (
    Baseline,
    Thresholds,
    apply_baseline,
    apply_suppressions,
    document_key,
    fingerprint,
    parse_max_findings,
    penalty,
    run_gate,
)
from mtqa.model import MtqaError, Severity

from .conftest import CLEAN_ARTICLE, FIXTURES

runner = CliRunner()
PROJECT = FIXTURES / "gate_project"
NEW_ERROR = """Oil prices fall

Brent crude fell 2 per cent on Monday as stocks rose in the United States.

Read more: Equinor posts record profit - E24

Analysts expect prices to stay low until the spring.
"""


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


@pytest.fixture
def project(tmp_path):
    """A copy of tests/fixtures/gate_project (the gate writes its baseline)."""
    dest = tmp_path / "project"
    shutil.copytree(PROJECT, dest)
    return dest


def test_gate_project_end_to_end(project):
    articles = project / "articles"
    # 1. The committed baseline knows budget.md's link; oil.md's is suppressed inline,
    #    wire-1's by its record: the gate passes.
    result = run("check", articles, "-q")
    assert result.exit_code == 0, result.output
    assert "gate: passed" not in result.output  # quiet and passed: nothing to say
    result = run("check", articles)
    assert result.exit_code == 0, result.output
    assert "gate: passed" in result.output
    assert "1 known finding(s) not counted" in result.output
    assert "2 finding(s) suppressed" in result.output
    # the record's ignore of NC001 suppresses nothing: reported, but it does not fail
    assert "unused suppression" in result.output and "NC001" in result.output

    # 2. A new article with a new error fails the gate (exit 1) and says why.
    (articles / "oil-2.txt").write_text(NEW_ERROR, encoding="utf-8")
    result = run("check", articles)
    assert result.exit_code == 1, result.output
    assert "gate: FAILED" in result.output
    assert "oil-2.txt:5:1: BP001 [error]" in result.output

    # 3. Writing the baseline accepts it; the next run passes with the baseline from the config.
    baseline = project / "mtqa-baseline.json"
    result = run("check", articles, "--write-baseline", baseline)
    assert result.exit_code == 0, result.output
    entries = json.loads(baseline.read_text("utf-8"))["findings"]
    assert sorted(e["document"] for e in entries) == ["articles/budget.md", "articles/oil-2.txt"]
    assert run("check", articles).exit_code == 0

    # 4. A warning-only article passes at fail-on error, and fails once the threshold is lowered
    #    (on the command line, then in the config file).
    (articles / "legacy.txt").write_bytes(CLEAN_ARTICLE.replace("Oslo", "Tromsø").encode("cp1252"))
    assert run("check", articles).exit_code == 0
    assert run("check", articles, "--fail-on", "warning").exit_code == 1
    assert run("check", articles, "--max-findings", "0").exit_code == 1
    assert run("check", articles, "--max-findings", "encoding=0").exit_code == 1
    assert run("check", articles, "--max-findings", "EN001=0").exit_code == 0
    config = project / "mtqa.toml"
    config.write_text(config.read_text("utf-8").replace('fail-on = "error"', 'fail-on = "warning"'), "utf-8")
    result = run("check", articles)
    assert result.exit_code == 1, result.output
    assert "fail-on warning" in result.output
    config.write_text(config.read_text("utf-8").replace('fail-on = "warning"', 'fail-on = "error"'), "utf-8")
    assert run("check", articles).exit_code == 0
    assert run("check", articles, "--max-penalty", "10").exit_code == 1

    # 5. Exit 2: an unreadable input (wins over findings), a broken config, a missing baseline.
    result = run("check", articles, project / "missing.txt", "--fail-on", "warning")
    assert result.exit_code == 2, result.output
    config.write_text(config.read_text("utf-8") + "\nmax-findngs = 3\n", "utf-8")
    result = run("check", articles)
    assert result.exit_code == 2
    assert "max-findngs" in result.output and "mtqa.toml" in result.output
    config.write_text(config.read_text("utf-8").replace("max-findngs = 3", ""), "utf-8")
    baseline.unlink()
    result = run("check", articles)
    assert result.exit_code == 2
    assert "mtqa-baseline.json" in result.output and "--write-baseline" in result.output


def test_per_path_override_drops_findings(project):
    drafts = project / "articles" / "drafts"
    drafts.mkdir()
    (drafts / "oil.txt").write_text(NEW_ERROR, encoding="utf-8")
    assert run("check", project / "articles").exit_code == 0  # boilerplate ignored in drafts/
    assert run("check", project / "articles", "--isolated", "--no-fluency").exit_code == 1


def test_threshold_on_something_not_measured_is_a_usage_error(write):
    path = write("clean.txt", CLEAN_ARTICLE)
    result = run("check", path, "--no-fluency", "--min-fluency", "30")
    assert result.exit_code == 2
    assert "--min-fluency" in result.output
    assert run("check", path, "--no-fluency", "--max-findings", "nosuchfamily=1").exit_code == 2
    assert run("check", path, "--no-fluency", "--max-findings", "many").exit_code == 2
    assert run("check", path, "--no-fluency", "-f", "json", "-f", "sarif").exit_code == 2  # two to stdout
    assert run("check", path, "--no-fluency", "-o", "a.txt", "-o", "b.txt").exit_code == 2


def test_min_fluency_gates_on_the_document_score(write):
    path = write("clean.txt", CLEAN_ARTICLE)
    # fluency is measured only when the model is on and a selected check uses it
    assert run("check", path, "--min-fluency", "0", "--select", "BP").exit_code == 2
    # the tiny test model is uncalibrated: no document score, so not gated (and said so)
    result = run("check", path, "--min-fluency", "50", "--select", "BP,FL")
    assert result.exit_code == 0, result.output
    assert "fluency not measured" in result.output
    report = mtqa.check(str(path), fluency=False, suppressions=False, select=["BP"])
    report.results[0].scores["fluency"] = 20.0
    gate = run_gate(report, Thresholds(min_fluency=30))
    assert gate.exit_code() == 1 and "fluency 20" in gate.failures[0]
    report.results[0].scores["fluency"] = 40.0
    assert run_gate(report, Thresholds(min_fluency=30)).exit_code() == 0


def test_seed_with_default_settings_fails_and_says_why_in_one_screen(seed_path):
    result = run("check", seed_path, "-q", "-f", "github", "-o", "/dev/null")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].endswith("gate: FAILED")
    assert len(lines) <= 25
    assert any("fail-on error" in line for line in lines)


# -- the parts ----------------------------------------------------------------
def test_penalty_is_mqm_style_per_thousand_words():
    report = mtqa.check(mtqa.document_from_text(NEW_ERROR), fluency=False, suppressions=False, select=["BP001"])
    (result,) = report.results
    assert [f.severity for f in result.findings] == [Severity.ERROR]
    words = result.document.word_count
    assert penalty(result) == round(5 * 1000 / words, 1)
    result.findings[0].severity = Severity.WARNING
    assert penalty(result) == round(1 * 1000 / words, 1)
    result.findings[0].code = "UT002"
    assert penalty(result) == round(25 * 1000 / words, 1)
    result.findings[0].code, result.findings[0].severity = "BP001", Severity.INFO
    assert penalty(result) == 0


def test_parse_max_findings():
    assert parse_max_findings(["10", "names=3,nc001=0"]) == {"total": 10, "names": 3, "NC001": 0}
    with pytest.raises(MtqaError):
        parse_max_findings(["names=-1"])


def test_fingerprints_survive_unrelated_edits(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(NEW_ERROR, encoding="utf-8")
    report = mtqa.check(str(article), fluency=False, suppressions=False, select=["BP001"])
    baseline = Baseline.from_report(report, tmp_path / "baseline.json")
    baseline.write()
    (entry,) = Baseline.read(tmp_path / "baseline.json").entries
    assert entry["document"] == "a.txt" and entry["code"] == "BP001" and entry["count"] == 1

    # lines added above and the paragraph moved: still the same finding
    edited = "Oil prices fall\n\nA new first paragraph was added by an editor today.\n\n" + NEW_ERROR.split("\n\n", 1)[1]
    edited = edited.replace("Read more: Equinor posts record profit - E24\n\n", "") + "\nRead more: Equinor posts record profit - E24\n"
    article.write_text(edited, encoding="utf-8")
    report = mtqa.check(str(article), fluency=False, suppressions=False, select=["BP001"])
    assert report.findings and report.findings[0].line != 5
    matched, stale = apply_baseline(report, Baseline.read(tmp_path / "baseline.json"))
    assert (matched, stale, report.findings) == (1, [], [])

    # the finding fixed: the entry is stale and reported
    article.write_text(NEW_ERROR.replace("Read more: Equinor posts record profit - E24\n\n", ""), encoding="utf-8")
    report = mtqa.check(str(article), fluency=False, suppressions=False, select=["BP001"])
    gate = run_gate(report, baseline=Baseline.read(tmp_path / "baseline.json"))
    assert gate.passed and len(gate.stale) == 1
    assert any("stale" in line for line in gate.summary_lines())

    # a changed link text is a new finding
    article.write_text(NEW_ERROR.replace("record profit", "record loss"), encoding="utf-8")
    report = mtqa.check(str(article), fluency=False, suppressions=False, select=["BP001"])
    gate = run_gate(report, baseline=Baseline.read(tmp_path / "baseline.json"))
    assert not gate.passed and gate.exit_code() == 1


def test_fingerprint_keys():
    report = mtqa.check(mtqa.document_from_text(NEW_ERROR), fluency=False, suppressions=False, select=["BP001"])
    (result,) = report.results
    f = result.findings[0]
    key = document_key(result.document)
    assert key == "<text>"
    assert fingerprint(key, f) == fingerprint(key, f)
    assert fingerprint("other", f) != fingerprint(key, f)


def test_jsonl_record_suppression(write):
    records = [
        {"id": "a", "target": NEW_ERROR, "mtqa": {"ignore": ["BP001"]}},
        {"id": "b", "target": NEW_ERROR, "mtqa": {"ignore": ["idiom"]}},
        {"id": "c", "target": NEW_ERROR},
    ]
    path = write("c.jsonl", "\n".join(json.dumps(r) for r in records) + "\n")
    report = mtqa.check(str(path), fluency=False, suppressions=False, select=["BP001"])
    suppressed, unused = apply_suppressions(report)
    assert suppressed == 1
    assert [len(r.findings) for r in report.results] == [0, 1, 1]
    assert len(unused) == 1 and "idiom" in unused[0]
    assert any("suppressed nothing" in n for n in report["b"].notes)


def test_inline_markers_in_markdown_and_html(write):
    md = write(
        "a.md",
        "# Ferry traffic resumes\n\nThe operator said that the the departures would run as planned.\n\n"
        "<!-- mtqa: ignore GR003 -->\nThe ferry said that the the boats would sail again on Friday.\n",
    )
    report = mtqa.check(str(md), fluency=False, suppressions=False, select=["GR003"])
    assert len(report.findings) == 2
    assert apply_suppressions(report) == (1, [])
    assert report.findings[0].line == 3  # only the marked block is suppressed

    page = write(
        "a.html",
        "<!doctype html>\n<html><head><title>Ferry traffic resumes</title></head>\n<body><article>\n"
        "<h1>Ferry traffic resumes</h1>\n"
        "<p>The ferry between Bodø and Moskenes sailed again on Friday after the storm had closed the route.</p>\n"
        "<!-- mtqa: ignore GR003, NC001 -->\n"
        "<p>The operator said that the the departures would run as planned from Saturday morning.</p>\n"
        "<!-- mtqa: ignore GR003 -->\n"
        "<p>Passengers were asked to check the timetable before travelling to the quay.</p>\n"
        "</article></body></html>\n",
    )
    report = mtqa.check(str(page), fluency=False, suppressions=False, select=["GR003"])
    assert [f.text for f in report.findings] == ["the the"]
    suppressed, unused = apply_suppressions(report)
    assert suppressed == 1 and report.findings == []
    assert len(unused) == 1 and ":8:" in unused[0]  # the second marker suppressed nothing


def test_line_markers_in_markdown_and_plain_text(write):
    text = (
        "Ferry traffic resumes\n\n"
        "The operator said that the the departures would run as planned, and the the boats too. "
        "<!-- mtqa: ignore-line GR003 -->\n\n"
        "<!-- mtqa: ignore-next-line GR003 -->\n\n"
        "The ferry said that the the boats would sail again on Friday.\n"
        "Then the the harbour opened on Saturday.\n\n"
        "The the crews were ready. <!-- mtqa: ignore-line NC001 -->\n"
    )
    for name in ("a.txt", "a.md"):
        report = mtqa.check(str(write(name, text)), fluency=False, suppressions=False, select=["GR003"])
        doc = report.results[0].document
        assert "<!--" not in doc.text[doc.sentences[1].start : doc.sentences[1].end]  # not article text
        suppressed, unused = apply_suppressions(report)
        assert suppressed == 3  # two on the marked line, one on the line after the next-line marker
        assert [(f.line, f.text) for f in report.findings] == [(8, "the the"), (10, "The the")]
        assert len(unused) == 1 and ":10:" in unused[0] and "ignore-line NC001" in unused[0]


def test_an_ignore_next_line_marker_is_not_a_block_marker(write):
    md = write("b.md", "# Title\n\n<!-- mtqa: ignore-next-line GR003 -->\nThe the boats sailed.\nThe the crews waved.\n")
    report = mtqa.check(str(md), fluency=False, suppressions=False, select=["GR003"])
    assert apply_suppressions(report)[0] == 1
    assert [f.line for f in report.findings] == [5]  # the block goes on, the marker covered one line


def test_thresholds_validate():
    with pytest.raises(MtqaError):
        Thresholds(min_fluency=10).validate(fluency_measured=False)
    Thresholds(min_fluency=10, max_findings={"names": 1, "NC001": 0, "total": 3}).validate(True)
    with pytest.raises(MtqaError):
        Thresholds(max_findings={"nonsense": 1}).validate(True)
