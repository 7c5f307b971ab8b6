"""Family ``encoding``: text damaged by a wrong character encoding."""

from __future__ import annotations

import re
from collections.abc import Iterable

from mtqa.checks.base import Check
from mtqa.model import Document, Finding, Severity

_WORD = re.compile(r"\S+")


class Mojibake(Check):
    """Text decoded with the wrong encoding somewhere upstream ("StÃ¸re" for "Støre").

    UTF-8 bytes read as Windows-1252 or Latin-1 turn every Norwegian letter
    into two or three characters.  Detected with ftfy; the suggestion is the
    repaired word.

    Flags:
    - Statsminister Jonas Gahr StÃ¸re met the press in TromsÃ¸ on Friday.
    - Itâ€™s a good day, the minister said.

    Allows:
    - Prime Minister Jonas Gahr Støre met the press in Tromsø on Friday.
    - The café on Ålesund's harbour sells crème brûlée for 95 kroner.
    """

    code = "EN001"
    name = "mojibake"
    family = "encoding"
    severity = Severity.ERROR

    def run(self, doc: Document, ctx) -> Iterable[Finding]:
        import ftfy
        from ftfy.badness import BADNESS_RE

        text = doc.text
        for block in doc.text_blocks():
            chunk = text[block.start : block.end]
            if not BADNESS_RE.search(chunk):
                continue
            for word in _WORD.finditer(chunk):
                if not BADNESS_RE.search(word.group(0)):
                    continue
                fixed = ftfy.fix_encoding(word.group(0))
                if fixed == word.group(0):
                    continue
                start = block.start + word.start()
                yield self.finding(
                    doc,
                    start,
                    start + len(word.group(0)),
                    f"garbled characters (mojibake): {word.group(0)!r} reads as {fixed!r}",
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

    def run(self, doc: Document, ctx) -> Iterable[Finding]:
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

    def run(self, doc: Document, ctx) -> Iterable[Finding]:
        text = doc.text
        for block in doc.text_blocks():
            for m in re.finditer(r"\S*\ufffd\S*", text[block.start : block.end]):
                start = block.start + m.start()
                yield self.finding(
                    doc,
                    start,
                    start + len(m.group(0)),
                    f"{m.group(0)!r} contains U+FFFD: characters were lost when the "
                    "text was converted upstream",
                    suggestion="restore the original letters from the source",
                    confidence=0.95,
                )


CHECKS = (Mojibake, LegacyEncoding, ReplacementCharacter)
