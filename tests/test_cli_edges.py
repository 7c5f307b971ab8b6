"""Inputs and outputs a user gets wrong: an empty corpus, a null field, an --output
whose format is in its name or whose folder is a file, a worker's first document."""

from __future__ import annotations

import json
import pickle

from typer.testing import CliRunner

import mtqa
from mtqa import corpus
from mtqa.cli import app

runner = CliRunner()
ARTICLE = "Talks resume\n\nForeign Minister Anniken Huitfeldt met Heitfeldt in Oslo on Monday.\n"


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_an_empty_corpus_is_an_input_error_not_a_pass(tmp_path):
    for name, content in (("empty.jsonl", ""), ("blank.jsonl", "\n\n  \n")):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        result = run("check", path, "--no-fluency", "-f", "concise")
        assert result.exit_code == 2, result.output
        assert "holds no records" in result.output


def test_a_corpus_with_records_and_blank_lines_is_read(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text("\n" + json.dumps({"id": "a", "target": ARTICLE}) + "\n\n")
    report = mtqa.check(path, fluency=False)
    assert report.errors == [] and [r.document.id for r in report.results] == ["a"]


def test_a_null_target_says_it_must_be_a_string(tmp_path):
    path = tmp_path / "weird.jsonl"
    path.write_text('{"id": "z", "target": null}\n' + json.dumps({"id": "y", "target": ARTICLE}) + "\n")
    result = run("check", path, "--no-fluency", "-f", "concise")
    assert result.exit_code == 2, result.output
    assert "field 'target' must be a string" in result.output and "got null" in result.output
    assert "has no 'target'" not in result.output
    assert "NC001" in result.output  # the good record is still checked


def test_an_output_takes_its_format_from_its_name(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    sarif, report, junit = tmp_path / "r.sarif", tmp_path / "r.json", tmp_path / "junit.xml"
    result = run("check", article, "--no-fluency", "-o", sarif, "-o", report, "-o", junit)
    assert result.exit_code == 1, result.output
    assert json.loads(sarif.read_text())["version"] == "2.1.0"
    assert json.loads(report.read_text())["documents"][0]["id"].endswith("a.txt")
    assert junit.read_text().startswith("<?xml")


def test_an_output_with_an_unknown_ending_is_the_terminal_report(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "report.txt"
    result = run("check", article, "--no-fluency", "-o", out)
    assert result.exit_code == 1, result.output
    assert "NC001" in out.read_text() and not out.read_text().lstrip().startswith("{")


def test_an_output_under_a_file_is_refused_before_the_run(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "notadir").write_text("x")
    result = run("check", article, "--no-fluency", "-o", tmp_path / "notadir" / "r.json")
    assert result.exit_code == 2, result.output
    assert "is a file, not a folder" in result.output
    result = run("check", article, "--no-fluency", "-o", tmp_path)
    assert result.exit_code == 2 and "it is a folder" in result.output


def test_a_missing_folder_with_a_trailing_slash_is_reported_missing():
    report = mtqa.check("surely-no-such-folder/", fluency=False)
    assert [e.message for e in report.errors] == ["surely-no-such-folder/: no such file or directory"]
    assert report.results == []


class _Recorder:
    seen: list[str] = []

    def check_rules(self, doc):
        type(self).seen.append(doc.id)


def test_a_new_worker_checks_an_article_before_its_clock_starts():
    _Recorder.seen.clear()
    corpus._worker_init(pickle.dumps(_Recorder()))
    assert _Recorder.seen == ["mtqa-warm-up"]
    corpus._WORKER = None


def test_a_timed_out_document_says_its_checks_did_not_run(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run("check", article, "--no-fluency", "--document-timeout", "0.000001", "-f", "json")
    assert result.exit_code == 2, result.output
    data = json.loads(result.stdout)
    assert "--document-timeout" in data["errors"][0]["message"]
    (doc,) = data["documents"]
    assert doc["counts"]["severity"] == {}
    assert any("NC001" in note and "longer than --document-timeout" in note for note in doc["notes"])
