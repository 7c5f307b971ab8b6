"""Bytes to text, the way articles really arrive.

UTF-8 with or without a BOM, UTF-16/32 with a BOM, and legacy single-byte files
(Windows-1252 / Latin-1 / Latin-9, common for Norwegian text).  A legacy file is
decoded, not refused: the document records which encoding was guessed so the
``EN002`` check can warn about it.  Binary files are refused with a clear message.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from mtqa.model import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Single-byte encodings tried, in order, for text that is not UTF-8.
_LEGACY = ("cp1252", "iso-8859-15", "iso-8859-1")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    #: Set when the file was not UTF-8/16/32 and the encoding is a guess.
    warning: str | None = None
    bom: bool = False


def decode(data: bytes, name: str = "<input>") -> Decoded:
    """Decode ``data``; raise :class:`InputError` for binary content."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
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
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = f"{exc.reason} at byte {exc.start}"
    guess = _guess_legacy(data)
    text = data.decode(guess)
    if _control_ratio(text) > 0.05:
        raise InputError(
            f"{name}: is neither UTF-8 nor a readable single-byte text file "
            f"({utf8_error}); give mtqa a text, Markdown, HTML or JSONL article"
        )
    return Decoded(
        text,
        guess,
        warning=f"not valid UTF-8 ({utf8_error}); decoded as {guess}",
    )


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
