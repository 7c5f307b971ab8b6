"""Bytes to text, the way articles really arrive.

UTF-8 with or without a BOM, UTF-16/32 with a BOM, and legacy single-byte files
(Windows-1252 / Latin-1 / Latin-9, common for Norwegian text).

Decoding is by the byte, not by the file: a UTF-8 file with a few bad bytes
(most of its non-ASCII text valid UTF-8) is read as UTF-8, each bad byte
becoming U+FFFD; :attr:`Decoded.invalid` says where and which bytes, so the
``EN003`` check can name them.  A file that is not UTF-8 at all is decoded as a
legacy encoding, not refused: the document records the guess so the ``EN002``
check can warn about it.  Binary files are refused with a clear message.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from mtqa.model import Document, InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Single-byte encodings tried, in order, for text that is not UTF-8.
_LEGACY = ("cp1252", "iso-8859-15", "iso-8859-1")
_FFFD_BYTES = "\ufffd".encode()


@dataclass(frozen=True)
class InvalidBytes:
    """Bytes that are not UTF-8, replaced by as many U+FFFD at ``offset`` of the text."""

    offset: int
    #: Where they are in the file (after a BOM, counted from the file's start).
    byte_offset: int
    values: bytes

    def named(self) -> str:
        return " ".join(f"0x{b:02X}" for b in self.values)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    #: Set when the file was not UTF-8/16/32 and the encoding is a guess.
    warning: str | None = None
    bom: bool = False
    #: Bytes of a UTF-8 file that were not UTF-8, each now a U+FFFD in ``text``.
    invalid: tuple[InvalidBytes, ...] = field(default=())


def decode(data: bytes, name: str = "<input>") -> Decoded:
    """Decode ``data``; raise :class:`InputError` for binary content."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding == "utf-8":
                return _utf8(data, name, len(bom))
            try:
                return Decoded(data[len(bom) :].decode(encoding), encoding, bom=True)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}: starts with a {encoding} byte-order mark but is not valid "
                    f"{encoding} ({exc.reason} at byte {exc.start + len(bom)}); "
                    "re-save the file as UTF-8"
                ) from None
    if b"\x00" in data[:8192]:
        raise InputError(
            f"{name}: looks like a binary file (NUL bytes and no UTF-16 byte-order mark); "
            "give mtqa a text, Markdown, HTML or JSONL article"
        )
    return _utf8(data, name, 0)


def _utf8(data: bytes, name: str, skip: int) -> Decoded:
    """UTF-8, by the byte where most of it is UTF-8; else a legacy encoding."""
    body = data[skip:] if skip else data
    try:
        return Decoded(body.decode("utf-8"), "utf-8", bom=bool(skip))
    except UnicodeDecodeError as exc:
        first = exc
    if skip or _mostly_utf8(body):
        return _replace_invalid(body, skip)
    utf8_error = f"byte {first.start}, 0x{body[first.start]:02X}: {first.reason}"
    guess = _guess_legacy(body)
    text = body.decode(guess)
    if _control_ratio(text) > 0.05:
        raise InputError(
            f"{name}: is neither UTF-8 nor a readable single-byte text file "
            f"({utf8_error}); give mtqa a text, Markdown, HTML or JSONL article"
        )
    return Decoded(text, guess, warning=f"is not UTF-8 ({utf8_error}); it was decoded as {guess}")


def _mostly_utf8(data: bytes) -> bool:
    """Whether valid UTF-8 sequences outnumber the invalid ones (some valid one at least).

    A legacy Norwegian file has its letters as lone high bytes (no valid
    sequence); a UTF-8 file damaged in a few places has many valid ones."""
    text = data.decode("utf-8", "replace")
    invalid = text.count("\ufffd") - data.count(_FFFD_BYTES)
    valid = len(text) - len(text.encode("ascii", "ignore")) - invalid
    return valid > 0 and valid >= invalid


def _replace_invalid(data: bytes, skip: int) -> Decoded:
    """UTF-8 with every byte that is not UTF-8 replaced by U+FFFD, and where each was."""
    view = memoryview(data)
    parts: list[str] = []
    invalid: list[InvalidBytes] = []
    length = pos = 0
    while pos < len(data):
        try:
            text, _ = codecs.utf_8_decode(view[pos:], "strict", True)
        except UnicodeDecodeError as exc:
            good, _ = codecs.utf_8_decode(view[pos : pos + exc.start], "strict", True)
            bad = bytes(view[pos + exc.start : pos + exc.end])
            parts += [good, "\ufffd" * len(bad)]
            length += len(good)
            invalid.append(InvalidBytes(length, skip + pos + exc.start, bad))
            length += len(bad)
            pos += exc.end
        else:
            parts.append(text)
            break
    return Decoded("".join(parts), "utf-8", bom=bool(skip), invalid=tuple(invalid))


#: Where a document records the bytes its decoder replaced (when its text is the decoded file).
INVALID_BYTES_KEY = "mtqa_invalid_bytes"


def invalid_bytes_in(doc: Document, start: int, end: int) -> str | None:
    """The replaced bytes (``0xF8 0xE5``) of ``doc`` within ``[start, end)`` of its text, if known."""
    named = [item["bytes"] for item in doc.meta.get(INVALID_BYTES_KEY, ()) if start <= item["offset"] < end]
    return " ".join(named) or None


def _guess_legacy(data: bytes) -> str:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=list(_LEGACY)).best()
        if best is not None and best.encoding:
            return codecs.lookup(best.encoding).name
    except ImportError:  # pragma: no cover - charset_normalizer is a dependency
        pass
    for encoding in _LEGACY:
        try:
            data.decode(encoding)
            return encoding
        except UnicodeDecodeError:
            continue
    return "iso-8859-1"  # decodes every byte


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return bad / len(text)
