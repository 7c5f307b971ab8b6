"""Each loader, each encoding, and each kind of bad input."""

from __future__ import annotations

import codecs
import io
import json

import pytest

import mtqa
from mtqa.loaders import DocumentError, iter_documents
from mtqa.model import BlockKind

from .conftest import CLEAN_ARTICLE


def _one(path, **kw):
    items = list(iter_documents([path], **kw))
    assert len(items) == 1, items
    return items[0]


# -- plain text and encodings ------------------------------------------------


@pytest.mark.parametrize(
    "encoding,bom",
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
    ],
)
def test_unicode_encodings_decode_to_the_same_text(write, encoding, bom):
    text = "Tromsø og Ålesund\n\nStøre møtte ordførerne i Bærum på fredag.\n"
    doc = _one(write("a.txt", bom + text.encode(encoding)))
    assert isinstance(doc, mtqa.Document)
    assert doc.text == text  # BOM removed
    assert doc.encoding_warning is None


def test_crlf_line_ends_are_kept_and_columns_count_code_points(write):
    text = "Title\r\n\r\nFirst line of the body.\r\nSecond paragraph with Tromsø in it.\r\n"
    doc = _one(write("crlf.txt", text))
    assert doc.text == text
    at = doc.text.index("Tromsø")
    assert doc.line_col(at) == (4, len("Second paragraph with ") + 1)
    for s in doc.sentences:
        assert "\r" not in doc.text[s.start : s.end] and "\n" not in doc.text[s.start : s.end]


def test_legacy_single_byte_file_is_decoded_with_a_warning(write):
    doc = _one(write("legacy.txt", "Tromsø og Bærum\n\nDet var en kald dag i Ålesund.\n", "cp1252"))
    assert isinstance(doc, mtqa.Document)
    assert "Tromsø" in doc.text and "Ålesund" in doc.text
    assert doc.encoding in ("cp1252", "iso8859-15", "latin-1", "iso8859-1")
    report = mtqa.check(doc)
    assert [f.code for f in report.findings if f.family == "encoding"] == ["EN002"]


def test_binary_file_is_an_error_not_a_crash(write):
    err = _one(write("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))))
    assert isinstance(err, DocumentError)
    assert "binary" in err.message


@pytest.mark.parametrize("content", ["", "   \n\t\n  ", "\ufeff"])
def test_empty_or_whitespace_article_is_an_error(write, content):
    err = _one(write("empty.txt", content))
    assert isinstance(err, DocumentError)
    assert "empty" in err.message


def test_missing_path_is_an_error(tmp_path):
    err = _one(tmp_path / "nope.txt")
    assert isinstance(err, DocumentError)
    assert "no such file" in err.message


# -- markdown -------------------------------------------------------------


def test_markdown_structure(write):
    md = (
        "# Oslo approves budget\n\n"
        "The council approved the budget\non Tuesday after a long debate.\n\n"
        "## Schools first\n\n"
        "<!-- mtqa: ignore NC001 -->\n"
        "> We have listened, the mayor said.\n\n"
        "- more teachers\n- repairs\n\n"
        "```\ncode block is skipped\n```\n"
    )
    doc = _one(write("a.md", md))
    kinds = [(b.kind, doc.text[b.start : b.end]) for b in doc.blocks]
    assert kinds == [
        (BlockKind.TITLE, "Oslo approves budget"),
        (BlockKind.BODY, "The council approved the budget\non Tuesday after a long debate."),
        (BlockKind.HEADING, "Schools first"),
        (BlockKind.QUOTE, "We have listened, the mayor said."),
        (BlockKind.LIST_ITEM, "more teachers"),
        (BlockKind.LIST_ITEM, "repairs"),
    ]


# -- HTML -------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Støre visits Tromsø – NRK</title></head>
<body>
<nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article>
<h1>Støre visits Tromsø</h1>
<p>Prime Minister Jonas Gahr Støre visited Tromsø on Monday to meet local leaders about the new hospital.</p>
<h2>New plans</h2>
<p>The government will present the plans in the spring, he said. The plans have been discussed for years.</p>
<blockquote>We are more worried than before, Støre said.</blockquote>
<p>Read more: Oil prices fall</p>
</article>
<footer>Contact us at the newsroom.</footer>
</body></html>
"""


def test_html_article_is_extracted_with_structure_and_page_lines(write):
    doc = _one(write("page.html", HTML))
    assert isinstance(doc, mtqa.Document), doc
    assert doc.format == "html"
    assert "Home" not in doc.text and "<p>" not in doc.text
    blocks = {doc.text[b.start : b.end]: b for b in doc.blocks}
    assert blocks["Støre visits Tromsø"].kind is BlockKind.TITLE
    assert blocks["New plans"].kind is BlockKind.HEADING
    assert blocks["We are more worried than before, Støre said."].kind is BlockKind.QUOTE
    assert blocks["Read more: Oil prices fall"].kind is BlockKind.FURNITURE
    # Each block points at the line of the page its element starts on.
    page_lines = HTML.splitlines()
    for text, block in blocks.items():
        assert block.source_line is not None, text
        assert text[:20] in page_lines[block.source_line - 1]
    report = mtqa.check(doc)
    (finding,) = [f for f in report.findings if f.code == "BP001"]
    assert finding.text == "Read more: Oil prices fall"
    assert finding.line == HTML.splitlines().index("<p>Read more: Oil prices fall</p>") + 1


def test_html_page_without_article_text_is_an_error(write):
    err = _one(write("empty.html", "<html><head><title></title></head><body><nav>Home</nav></body></html>"))
    assert isinstance(err, DocumentError)
    assert "no article text" in err.message


# -- JSONL ------------------------------------------------------------------


def test_jsonl_records_comet_keys_and_broken_lines(write):
    lines = [
        json.dumps({"id": "a", "target": CLEAN_ARTICLE, "source": "Kilde", "meta": {"system": "x"}}),
        "{not json",
        json.dumps({"id": "b", "mt": "The minister from Tromsø spoke first.", "src": "Ministeren", "ref": "R"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "c", "text": "no target field"}),
        "",
        json.dumps({"id": "d", "target": "   "}),
        json.dumps({"id": "e", "target": 42}),
    ]
    items = list(iter_documents([write("corpus.jsonl", "\n".join(lines) + "\n")]))
    docs = [i for i in items if isinstance(i, mtqa.Document)]
    errors = [i for i in items if isinstance(i, DocumentError)]
    assert [d.id for d in docs] == ["a", "b"]
    assert docs[0].source == "Kilde" and docs[0].meta == {"system": "x"} and docs[0].record_line == 1
    assert (docs[1].source, docs[1].reference, docs[1].record_line) == ("Ministeren", "R", 3)
    expected = [
        (2, "not valid JSON"),
        (4, "a record must be a JSON object"),
        (5, "the record has no 'target' (or COMET 'mt') field with the English text"),
        (7, "the article is empty"),
        (8, "field 'target' must be a string"),
    ]
    assert [e.line for e in errors] == [line for line, _ in expected]
    for error, (line, message) in zip(errors, expected):
        assert error.message.startswith(f"{error.path}:{line}: {message}"), error.message


def test_jsonl_finding_lines_are_record_lines(write):
    lines = [json.dumps({"id": f"r{i}", "target": f"Article {i}\n\nText of article {i} is here.\n\nLeave a Reply"}) for i in range(3)]
    report = mtqa.check(write("c.jsonl", "\n".join(lines)))
    assert [(r.id, [f.line for f in r.findings]) for r in report] == [("r0", [1]), ("r1", [2]), ("r2", [3])]
    for r in report:
        (f,) = r.findings
        assert r.document.text[f.start : f.end] == f.text == "Leave a Reply"
        assert f.column == f.start + 1


# -- directories, globs, stdin ----------------------------------------------


def test_directory_reads_articles_sorted_and_skips_hidden_and_other_files(write, tmp_path):
    write("b.txt", CLEAN_ARTICLE)
    write("a.md", "# Title\n\nSome text of the article is here.\n")
    write("sub/c.html", HTML)
    write(".hidden.txt", CLEAN_ARTICLE)
    write("notes.csv", "a,b\n")
    ids = [d.id for d in iter_documents([tmp_path])]
    assert ids == [str(tmp_path / "a.md"), str(tmp_path / "b.txt"), str(tmp_path / "sub" / "c.html")]


def test_empty_directory_and_unmatched_glob_are_errors(tmp_path):
    (tmp_path / "empty").mkdir()
    errs = list(iter_documents([tmp_path / "empty", str(tmp_path / "*.txt")]))
    assert all(isinstance(e, DocumentError) for e in errs)
    assert "no articles" in errs[0].message and "no files match" in errs[1].message


def test_glob(write, tmp_path):
    write("x1.txt", CLEAN_ARTICLE)
    write("x2.txt", CLEAN_ARTICLE)
    write("y.txt", CLEAN_ARTICLE)
    ids = [d.id for d in iter_documents([str(tmp_path / "x*.txt")])]
    assert [p.rsplit("/", 1)[1] for p in ids] == ["x1.txt", "x2.txt"]


@pytest.mark.parametrize(
    "data,fmt",
    [
        (CLEAN_ARTICLE.encode(), "text"),
        (HTML.encode(), "html"),
        (json.dumps({"id": "s", "target": CLEAN_ARTICLE}).encode() + b"\n", "jsonl"),
    ],
)
def test_stdin_is_sniffed(data, fmt):
    (doc,) = list(iter_documents(["-"], stdin=io.BytesIO(data)))
    assert isinstance(doc, mtqa.Document)
    assert doc.format == fmt if fmt != "jsonl" else doc.record_line == 1


def test_one_bad_document_does_not_stop_a_corpus_run(write, tmp_path):
    write("a.txt", CLEAN_ARTICLE)
    write("b.txt", b"\x00\x01\x02binary")
    write("c.txt", "")
    write("d.txt", CLEAN_ARTICLE + "\nLeave a Reply\n")
    report = mtqa.check(tmp_path)
    assert [r.id.rsplit("/", 1)[1] for r in report] == ["a.txt", "d.txt"]
    assert [e.id.rsplit("/", 1)[1] for e in report.errors] == ["b.txt", "c.txt"]
    assert report.exit_code() == 2
