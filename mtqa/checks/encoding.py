"""Family ``encoding``: text damaged by a wrong character encoding."""

from __future__ import annotations

import re
from collections.abc import Iterable

from mtqa.checks.base import Check, CheckContext
from mtqa.loaders.decoding import invalid_bytes_in
from mtqa.model import Document, Finding, Severity

_WORD = re.compile(r"\S+")


#: Characters that a UTF-8 continuation byte (0x80-0xBF) becomes when read as
#: Windows-1252 (or Latin-1, for the five bytes Windows-1252 leaves undefined).
_CONTINUATION = "\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
#: What UTF-8 read as Windows-1252 leaves: a lead byte (Â, Ã for Latin letters;
#: â€ / â„ for punctuation and symbols) before continuation characters, or an
#: Ã whose continuation byte was lost on the way (now "?", U+FFFD or nothing).
_MOJIBAKE = re.compile(f"[ÂÃ][{_CONTINUATION}]|â[€„][{_CONTINUATION}]|Ã(?:[?\ufffd]|(?![^\\W_]))")
#: Layers of wrong decoding undone at most (double-encoded text has two).
_MAX_LAYERS = 3


def _undo_layer(text: str) -> str:
    """Decode each mojibake sequence of ``text`` back as the UTF-8 it was."""

    def decode(m: re.Match[str]) -> str:
        raw = bytearray()
        for char in m.group(0):
            try:
                raw += char.encode("cp1252")
            except UnicodeEncodeError:
                if ord(char) > 0xFF:
                    return m.group(0)
                raw.append(ord(char))  # a byte Windows-1252 leaves undefined
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return m.group(0)

    return _MOJIBAKE.sub(decode, text)


def repair(word: str) -> str:
    """``word`` with its mojibake undone: ftfy first, then sequence by sequence
    (ftfy leaves some alone: "Ã…lesund", mojibake next to guillemets)."""
    import ftfy

    fixed = ftfy.fix_encoding(word)
    for _ in range(_MAX_LAYERS):
        if not _MOJIBAKE.search(fixed):
            break
        fixed = _undo_layer(fixed)
    return fixed


class Mojibake(Check):
    """Text decoded with the wrong encoding somewhere upstream ("StÃ¸re" for "Støre").

    UTF-8 bytes read as Windows-1252 or Latin-1 turn every Norwegian letter
    into two or three characters, and text encoded twice into four or more.
    Every block is read, page furniture and names included.  The suggestion is
    the repaired word (ftfy, then the remaining sequences one by one); a word
    whose damage cannot be undone (a byte was lost) is reported as such.

    Flags:
    - Statsminister Jonas Gahr StÃ¸re met the press in TromsÃ¸ on Friday.
    - Itâ€™s a good day, the minister said.
    - The ferry to Ã…lesund was cancelled.

    Allows:
    - Prime Minister Jonas Gahr Støre met the press in Tromsø on Friday.
    - The café on Ålesund's harbour sells crème brûlée for 95 kroner.
    - SÃO PAULO (Reuters) - Brazil's central bank held rates on Wednesday.
    """

    code = "EN001"
    name = "mojibake"
    family = "encoding"
    severity = Severity.ERROR

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        from ftfy.badness import BADNESS_RE

        text = doc.text
        for block in doc.blocks:
            chunk = text[block.start : block.end]
            if not (BADNESS_RE.search(chunk) or _MOJIBAKE.search(chunk)):
                continue
            for word in _WORD.finditer(chunk):
                garbled = word.group(0)
                if not (BADNESS_RE.search(garbled) or _MOJIBAKE.search(garbled)):
                    continue
                fixed = repair(garbled)
                start = block.start + word.start()
                if _MOJIBAKE.search(fixed):
                    yield self.finding(
                        doc,
                        start,
                        start + len(garbled),
                        f"garbled characters (mojibake) that cannot be repaired: {garbled!r} "
                        "was decoded wrongly more than once or lost bytes on the way",
                        suggestion="restore the original letters from the source",
                        confidence=0.85,
                    )
                elif fixed != garbled:
                    yield self.finding(
                        doc,
                        start,
                        start + len(garbled),
                        f"garbled characters (mojibake): {garbled!r} reads as {fixed!r}",
                        suggestion=fixed,
                        confidence=0.9,
                    )


class LegacyEncoding(Check):
    """The file is not UTF-8; it was decoded as a legacy single-byte encoding.

    The guess (Windows-1252, ISO-8859-15 or Latin-1) is usually right for
    Norwegian text, but an editor should confirm the letters æ, ø and å and
    re-save the file as UTF-8.

    Flags:
    - (a file saved in Windows-1252: "Tromsø" as the byte 0xF8)

    Allows:
    - (the same file saved as UTF-8)
    """

    code = "EN002"
    name = "legacy-encoding"
    #: The examples above describe files, not text: tests/cases/EN002.yml holds
    #: the byte-level cases.
    examples_are_text = False
    family = "encoding"
    severity = Severity.WARNING

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        if doc.encoding_warning:
            yield self.finding(
                doc,
                0,
                0,
                f"the file {doc.encoding_warning}; check æ, ø and å and re-save it as UTF-8",
                suggestion="re-save the file as UTF-8",
                confidence=0.8,
                encoding=doc.encoding,
            )


class ReplacementCharacter(Check):
    """A U+FFFD replacement character: letters were lost before mtqa read the text.

    Flags:
    - The minister from Troms� spoke first.

    Allows:
    - The minister from Tromsø spoke first.
    """

    code = "EN003"
    name = "replacement-character"
    family = "encoding"
    severity = Severity.ERROR

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        text = doc.text
        for block in doc.text_blocks():
            for m in re.finditer(r"\S*\ufffd\S*", text[block.start : block.end]):
                start = block.start + m.start()
                # bytes mtqa's decoder replaced, recorded by the loader (issue 19)
                replaced = invalid_bytes_in(doc, start, start + len(m.group(0)))
                yield self.finding(
                    doc,
                    start,
                    start + len(m.group(0)),
                    f"{m.group(0)!r} contains U+FFFD: "
                    + (f"the file has the byte(s) {replaced} here, which are not UTF-8" if replaced else
                       "characters were lost when the text was converted upstream"),
                    suggestion="restore the original letters from the source",
                    confidence=0.95,
                )


CHECKS = (Mojibake, LegacyEncoding, ReplacementCharacter)
