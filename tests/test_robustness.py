"""Any bytes in, a document or a one-line error out, never a traceback (issue 19).

Property-based: hypothesis feeds the decoder and every loader random bytes and
damaged versions of valid files (cut short, bytes flipped, inserted, deleted).
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mtqa
from mtqa.loaders import BILINGUAL, DocumentError, _load_bytes
from mtqa.loaders.decoding import Decoded, decode
from mtqa.model import InputError

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="a" source-language="nb" target-language="en" datatype="plaintext"><body>
<trans-unit id="1"><source>Regjeringen la fram budsjettet.</source><target>The government presented the budget.</target></trans-unit>
<trans-unit id="2"><source>Støre svarte.</source><target state="final">Støre replied.</target></trans-unit>
</body></file></xliff>
""".encode()
TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="nb"/><body>
<tu><tuv xml:lang="nb"><seg>Regjeringen la fram budsjettet.</seg></tuv><tuv xml:lang="en"><seg>The government presented the budget.</seg></tuv></tu>
<tu><tuv xml:lang="nb"><seg>Støre svarte.</seg></tuv><tuv xml:lang="en"><seg>Støre replied.</seg></tuv></tu>
</body></tmx>
""".encode()
HTML = """<html><head><meta charset="utf-8"><title>Budget day</title></head><body><article>
<h1>Budget day</h1><p>The government presented the budget on Tuesday in Tromsø.</p>
<p>Støre said the plan was fair, and the opposition disagreed.</p></article></body></html>
""".encode()
JSONL = (
    json.dumps({"id": "a", "target": "The government presented the budget.", "source": "Regjeringen la fram."})
    + "\n"
    + json.dumps({"id": "b", "mt": "Støre replied on Tuesday.", "src": "Støre svarte."})
    + "\n"
).encode()
TEXT = "Budget day\n\nThe government presented the budget in Tromsø.\n\n– Støre said it was fair.\n".encode()
SAMPLES = {"xliff": XLIFF, "tmx": TMX, "html": HTML, "jsonl": JSONL, "text": TEXT, "markdown": TEXT,
           "tsv": "Hei\tHello\nStøre svarte\tStøre replied\n".encode()}
FORMATS = sorted(SAMPLES)


@st.composite
def damaged(draw, data: bytes) -> bytes:
    """``data`` cut short, or with bytes flipped, inserted or deleted."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["cut", "flip", "insert", "delete"]))
        at = draw(st.integers(0, max(0, len(out) - 1)))
        if kind == "cut":
            del out[at:]
        elif kind == "flip" and out:
            out[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif out:
            del out[at : at + draw(st.integers(1, 16))]
    return bytes(out)


def _assert_one_line(message: str) -> None:
    assert message and "\n" not in message and "Traceback" not in message, message


def _loaded(data: bytes, fmt: str) -> list:
    items = list(_load_bytes(data, f"fuzz.{fmt}", f"fuzz.{fmt}", fmt))
    for item in items:
        assert isinstance(item, (mtqa.Document, DocumentError)), item
        if isinstance(item, DocumentError):
            _assert_one_line(item.message)
        else:
            assert item.text.strip()
    return items


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.binary(max_size=2000))
def test_the_decoder_gives_text_or_a_one_line_error_for_any_bytes(data):
    try:
        decoded = decode(data, "fuzz")
    except InputError as exc:
        _assert_one_line(str(exc))
        return
    assert isinstance(decoded, Decoded) and isinstance(decoded.text, str)
    for bad in decoded.invalid:  # each replaced byte is a U+FFFD at its offset
        assert decoded.text[bad.offset : bad.offset + len(bad.values)] == "\ufffd" * len(bad.values)
        assert data[bad.byte_offset : bad.byte_offset + len(bad.values)] == bad.values


@SETTINGS
@given(st.text(st.characters(exclude_characters="\x00\ufffd", exclude_categories=("Cs",)), max_size=300), st.data())
def test_utf8_with_a_few_bad_bytes_keeps_every_good_character(text, data):
    text = "Støre i Tromsø. " + text
    at = data.draw(st.integers(0, len(text)))  # between two characters
    raw = text[:at].encode("utf-8") + b"\xff" + text[at:].encode("utf-8")  # 0xFF is never UTF-8
    decoded = decode(raw, "fuzz")
    assert decoded.encoding == "utf-8" and decoded.warning is None
    assert decoded.text.replace("\ufffd", "") == text and decoded.text.count("\ufffd") == 1


@SETTINGS
@given(st.sampled_from(FORMATS), st.binary(max_size=2000))
def test_every_loader_takes_random_bytes(fmt, data):
    _loaded(data, fmt)


@SETTINGS
@given(st.data())
def test_every_loader_takes_damaged_files(data):
    fmt = data.draw(st.sampled_from(FORMATS))
    _loaded(data.draw(damaged(SAMPLES[fmt])), fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_samples_themselves_load(fmt):
    items = _loaded(SAMPLES[fmt], fmt)
    assert all(isinstance(i, mtqa.Document) for i in items)
    if fmt in BILINGUAL:
        assert items[0].source


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_damaged_file_checked_end_to_end_gives_a_report_not_a_crash(data):
    fmt = data.draw(st.sampled_from(FORMATS))
    items = _loaded(data.draw(damaged(SAMPLES[fmt])), fmt)
    report = mtqa.check([i for i in items if isinstance(i, mtqa.Document)], fluency=False)
    for error in report.errors:
        assert "internal error" not in error.message, error.message
