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
    report = mtqa.check(doc, select=["BP001"])
    (finding,) = report.findings
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
        "{}",
        json.dumps({"x" * 100: "a very long field name"}),
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
        (5, "the record has no 'target' (or COMET 'mt') field with the English text (its fields: 'id', 'text'); "
            "name the English text's field 'target'"),
        (7, "the article is empty"),
        (8, "field 'target' must be a string"),
        (9, "the record has no 'target' (or COMET 'mt') field with the English text (it is empty)"),
        (10, "the record has no 'target' (or COMET 'mt') field with the English text (its fields: "
             f"'{'x' * 39}…')"),
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


def test_a_glob_reads_an_articles_source_and_reference_with_it_not_as_articles(write, tmp_path):
    # as the walk of a folder does: x.nb.txt and x.ref.txt are x.en.txt's, and a
    # pattern that names nothing else still reads them as it was asked
    write("x.en.txt", CLEAN_ARTICLE)
    write("x.nb.txt", "Politiet rykket ut til stedet i natt.\n")
    write("x.ref.txt", CLEAN_ARTICLE)
    docs = [d for d in iter_documents([str(tmp_path / "*.txt")])]
    assert [d.id.rsplit("/", 1)[1] for d in docs] == ["x.en.txt"]
    assert docs[0].source and docs[0].reference
    only = [d.id.rsplit("/", 1)[1] for d in iter_documents([str(tmp_path / "*.nb.txt")])]
    assert only == ["x.nb.txt"]


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


# -- decoding by the byte (issue 19) -----------------------------------------------


def test_a_utf8_file_with_a_few_bad_bytes_is_read_as_utf8_each_bad_byte_reported(write):
    text = "Statsminister Jonas Gahr Støre met the press in Tromsø on Friday.\n\nStøre said – we are ready.\n"
    data = text.encode("utf-8").replace("Tromsø".encode(), b"Troms\xf8", 1)
    data = data.replace(b"ready", b"re\xe5\xe6dy")
    doc = _one(write("damaged.txt", data))
    assert doc.encoding == "utf-8" and doc.encoding_warning is None
    assert doc.text.count("Støre") == 2  # the correct letters stay correct
    assert "Troms\ufffd on" in doc.text and "re\ufffd\ufffddy" in doc.text  # one U+FFFD per bad byte
    report = mtqa.check(doc, select=["encoding"], fluency=False)
    assert [(f.code, f.text, f.line) for f in report.findings] == [
        ("EN003", "Troms\ufffd", 1),
        ("EN003", "re\ufffd\ufffddy.", 3),
    ]
    assert "the byte(s) 0xF8 here" in report.findings[0].message
    assert "the byte(s) 0xE5 0xE6 here" in report.findings[1].message


def test_a_utf8_file_with_a_bom_and_a_bad_byte_is_read_as_utf8(write):
    doc = _one(write("bom.txt", codecs.BOM_UTF8 + "Støre i Tromsø.\n".encode() + b"Bad \xff byte.\n"))
    assert isinstance(doc, mtqa.Document) and doc.text.startswith("Støre") and "Bad \ufffd byte" in doc.text
    report = mtqa.check(doc, select=["EN003"], fluency=False)
    assert ["0xFF" in f.message for f in report.findings] == [True]


def test_a_legacy_file_is_en002_only_with_a_readable_message(write):
    doc = _one(write("legacy.txt", "Støre met the press in Tromsø.\n\nThe mayor of Bærum agreed.\n", "cp1252"))
    assert "\ufffd" not in doc.text and "Tromsø" in doc.text
    report = mtqa.check(doc, select=["encoding"], fluency=False)
    (finding,) = report.findings
    assert finding.code == "EN002"
    assert finding.message.startswith("the file is not UTF-8 (byte 2, 0xF8: invalid start byte); it was decoded as")


def test_jsonl_broken_line_message_reads_well(write):
    items = list(iter_documents([write("c.jsonl", '{"id": "a", "target": "unterminated\n{"id": 1,}\n')]))
    assert [e.message.split(": ", 1)[1] for e in items] == [
        "not valid JSON (Unterminated string at column 23)",
        "not valid JSON (Expecting property name enclosed in double quotes at column 10)",
    ]


# -- HTML that nests deep, pages without text ----------------------------------------

_BODY = "<p>The government presented the budget on Tuesday after a long debate.</p>" * 3


@pytest.mark.parametrize("depth", [10, 300, 1500])
def test_deeply_nested_html_keeps_its_text(write, depth):
    html = f"<html><head><title>Budget</title></head><body>{'<div>' * depth}{_BODY}{'</div>' * depth}</body></html>"
    doc = _one(write("deep.html", html))
    assert isinstance(doc, mtqa.Document), doc
    assert doc.text.count("The government presented the budget") == 3


def test_html_nested_beyond_the_parser_is_refused_with_the_reason(write):
    html = f"<html><body>{'<div>' * 3000}{_BODY}{'</div>' * 3000}</body></html>"
    err = _one(write("deeper.html", html))
    assert isinstance(err, DocumentError)
    assert "nests its elements 2,000 or more deep" in err.message


def test_html_page_with_only_a_title_is_an_error_not_a_one_word_article(write):
    err = _one(write("title.html", "<html><head><title>Budget</title></head><body><h1>Budget</h1></body></html>"))
    assert isinstance(err, DocumentError)
    assert "no article text found in the HTML page (only its title 'Budget')" in err.message


# -- the size limit --------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_an_error_naming_the_option(write, tmp_path):
    from mtqa.loaders import ReadOptions

    write("big.txt", "Title\n\n" + "The minister spoke. " * 100)
    write("small.txt", CLEAN_ARTICLE)
    items = list(iter_documents([tmp_path], read=ReadOptions(max_size=1000)))
    assert isinstance(items[0], DocumentError) and isinstance(items[1], mtqa.Document)
    assert "the file is 2.01 KB, more than --max-document-size (1 KB)" in items[0].message
    assert [isinstance(i, mtqa.Document) for i in iter_documents([tmp_path], read=ReadOptions(max_size=None))] == [
        True, True
    ]


def test_a_jsonl_record_over_the_size_limit_does_not_block_the_records_after_it(write):
    from mtqa.loaders import ReadOptions

    records = [{"id": "a", "target": "Short text one."}, {"id": "big", "target": "x " * 5000},
               {"id": "c", "target": "Short text three."}]
    path = write("c.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    items = list(iter_documents([path], read=ReadOptions(max_size=2000)))
    assert [getattr(i, "id", None) for i in items] == ["a", f"{path}:2", "c"]
    assert items[1].line == 2 and "the record is 10 KB, more than --max-document-size (2 KB)" in items[1].message


def test_stdin_over_the_size_limit_is_an_error(write):
    from mtqa.loaders import ReadOptions

    (err,) = list(iter_documents(["-"], stdin=io.BytesIO(b"word " * 1000), read=ReadOptions(max_size=100)))
    assert isinstance(err, DocumentError) and "standard input is 5 KB" in err.message


@pytest.mark.parametrize("value,size", [("5MB", 5_000_000), ("500 kb", 500_000), ("2.5M", 2_500_000), ("1000", 1000)])
def test_sizes_are_read_as_users_write_them(value, size):
    from mtqa.loaders import parse_size

    assert parse_size(value) == size


@pytest.mark.parametrize("value", ["five", "-1", "0", "5 TB"])
def test_a_bad_size_is_a_clear_error(value):
    from mtqa.loaders import parse_size

    with pytest.raises(ValueError, match="--max-document-size"):
        parse_size(value)
