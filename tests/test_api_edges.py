"""Edges of the notebook API: what a string means, indexing and repr of a report, suppressions."""

from __future__ import annotations

import pytest

import mtqa
from mtqa.model import Finding

from .conftest import CLEAN_ARTICLE

SUPPRESSED = (
    "# Ferries\n\n"
    "<!-- mtqa: ignore GR003 -->\n"
    "The ferry said that the the boats would sail again on Friday.\n\n"
    "The the crews were ready.\n"
)


@pytest.mark.parametrize("missing", ["missingdir/", "missing dir/", "missingdir\\", "folder\\story"])
def test_a_string_that_looks_like_a_missing_folder_is_reported_not_taken_as_text(missing, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = mtqa.check(missing, fluency=False)
    (error,) = report.errors
    assert report.results == [] and error.message == f"{missing}: no such file or directory"
    assert report.exit_code() == 2
    # as one of many, and when results are streamed
    checker = mtqa.Checker(fluency=False)
    assert [r.id for r in checker.check([missing, CLEAN_ARTICLE])] == ["<text>"]
    (streamed,) = [r for r in checker.iter_check([missing]) if not isinstance(r, mtqa.DocumentResult)]
    assert "no such file" in streamed.message


def test_an_existing_folder_with_a_trailing_slash_is_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(CLEAN_ARTICLE, "utf-8")
    report = mtqa.check("articles/", fluency=False)
    assert not report.errors and len(report) == 1


@pytest.mark.parametrize("text", ["Hello world.", "Hello", "missingdir", "Oslo/Bergen", "e.g."])
def test_one_line_or_one_word_is_still_text(text, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = mtqa.check(text, fluency=False)
    assert not report.errors and report[0].id == "<text>" and report[0].document.text == text


def test_one_word_that_names_no_file_says_it_was_read_as_text(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (note,) = [n for n in mtqa.check("missingdir", fluency=False)[0].notes if "as article text" in n]
    assert "'missingdir'" in note and "no file or folder" in note
    assert not any("as article text" in n for n in mtqa.check("Hello world.", fluency=False)[0].notes)


def test_a_report_slices_to_a_list_of_results_and_refuses_other_keys(seed_path):
    report = mtqa.check([seed_path, mtqa.document_from_text(CLEAN_ARTICLE, doc_id="clean")], fluency=False)
    assert report[0:1] == [report[0]] and report[1:] == [report["clean"]]
    assert report[::-1] == list(reversed(report.results)) and report[5:] == []
    assert report[-1] is report["clean"]
    for key in (1.0, None, ("clean",)):
        with pytest.raises(TypeError, match=r"position \(int\), a document id \(str\) or a slice"):
            report[key]  # type: ignore[index]
    with pytest.raises(KeyError):
        report["nonexistent"]


def test_repr_is_short_and_says_what_is_there(seed_path):
    report = mtqa.check(seed_path, fluency=False)
    counts = report.counts()
    result = report[0]
    text = repr(report)
    assert len(text) < 200 and len(repr(result)) < 200
    assert text == (
        f"<Report: 1 document, {len(report.findings)} findings ({counts['error']} error, "
        f"{counts['warning']} warning, {counts['info']} info)>"
    )
    assert repr(result) == (
        f"<DocumentResult {str(seed_path)!r}: {len(result.findings)} findings ({counts['error']} error, "
        f"{counts['warning']} warning, {counts['info']} info), {result.document.word_count} words>"
    )
    assert result._repr_html_().startswith("<") and report._repr_html_().startswith("<")


def test_repr_of_an_empty_or_failed_report():
    assert repr(mtqa.Report()) == "<Report: 0 documents, 0 findings>"
    missing = mtqa.check("nonexist.txt", fluency=False)
    assert repr(missing) == "<Report: 0 documents, 0 findings; 1 error (nonexist.txt: no such file or directory)>"
    clean = mtqa.check(mtqa.document_from_text("The cat sat.", doc_id="one"), fluency=False)
    assert repr(clean[0]) == "<DocumentResult 'one': 0 findings, 3 words>"


def test_suppressed_is_a_count_and_the_dropped_findings_are_kept_beside_it():
    report = mtqa.check(mtqa.document_from_text(SUPPRESSED, doc_id="ferries.md", fmt="markdown"), fluency=False)
    assert isinstance(report.suppressed, int) and report.suppressed == 1
    (dropped,) = report.suppressed_findings
    assert isinstance(dropped, Finding) and dropped.code == "GR003" and dropped.text.lower() == "the the"
    assert report[0].suppressed_findings == [dropped]
    assert [f.code for f in report.findings if f.code == "GR003"] == ["GR003"]  # the other line's is kept
    assert ", 1 suppressed>" in repr(report)
    streamed = [r for r in mtqa.Checker(fluency=False).iter_check([report[0].document])]
    assert [f.code for f in streamed[0].suppressed_findings] == ["GR003"]
    kept = mtqa.check(report[0].document, fluency=False, suppressions=False)
    assert kept.suppressed == 0 and kept.suppressed_findings == []
