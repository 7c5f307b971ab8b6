"""Translation files: XLIFF 1.2 / 2.x, TMX and two-column TSV.

One file is one document: its target segments, in order, are the article's
paragraphs and its source segments the Norwegian source, aligned unit by unit.
Each block remembers its segment id and the line of the file its unit starts
on, so findings point into the original file.  Parsing is translate-toolkit's;
XML is untrusted input and any entity declaration is refused before parsing
(no external entity is read, no entity expansion can run away).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mtqa.loaders.decoding import decode
from mtqa.model import Document, InputError
from mtqa.structure import Paragraph, segment_paragraphs

if TYPE_CHECKING:
    from translate.storage.lisa import LISAfile

XML_FORMATS = {".xlf": "xliff", ".xliff": "xliff", ".tmx": "tmx"}
_ENTITY = re.compile(r"<!ENTITY", re.IGNORECASE)
_DECLARED = re.compile(r"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']""")
#: Encodings an XML declaration may name: those the entity pre-check reads as the parser does.
_XML_ENCODINGS = re.compile(r"utf[-_]?(8|16|32)(-[lb]e)?|ascii|iso8859-\d+|latin-?\d|cp125\d|mac-roman")
#: Languages of the TMX variants read by default (``xml:lang``, matched with their subtags).
SOURCE_LANGS = ("nb", "no", "nn", "nob", "nno")
TARGET_LANGS = ("en",)
#: Unit states (XLIFF 1.2 ``target/@state``, 2.x ``segment/@state``) that say the work is not done yet.
NOT_FINAL = frozenset(
    {
        "new",
        "initial",
        "needs-translation",
        "needs-l10n",
        "needs-adaptation",
        "needs-review-translation",
        "needs-review-l10n",
        "needs-review-adaptation",
    }
)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TMX_CODES = ("bpt", "ept", "ph", "it", "ut")
#: Where a document records its units without a translation (for UT005) and notes from reading it.
UNTRANSLATED_KEY = "mtqa_untranslated"
NOTES_KEY = "mtqa_notes"


@dataclass(frozen=True)
class Unit:
    """One unit of a translation file: its id, texts, line, and what it says of itself."""

    id: str
    source: str
    target: str
    line: int | None
    #: The unit is not to be translated (XLIFF ``translate="no"``).
    locked: bool = False
    #: Its state (XLIFF), when it gives one.
    state: str | None = None


def _refuse_entities(text: str, name: str) -> None:
    declared = _DECLARED.match(text)
    if declared:
        try:
            encoding = codecs.lookup(declared.group(1)).name
        except LookupError:
            encoding = "unknown"
        if not _XML_ENCODINGS.fullmatch(encoding):
            raise InputError(
                f"{name}: the XML declares encoding {declared.group(1)!r}, which mtqa refuses in "
                "untrusted input (it can hide markup from mtqa's checks); re-save the file as UTF-8"
            )
    if _ENTITY.search(text):
        raise InputError(
            f"{name}: the XML declares entities (<!ENTITY ...>), which mtqa refuses in "
            "untrusted input (external entities and entity expansion); remove the DTD"
        )


def _localname(node) -> str:
    tag = node.tag if isinstance(node.tag, str) else ""
    return tag.rsplit("}", 1)[-1]


def _units_xml(data: bytes, name: str, fmt: str, langs: tuple[str | None, str | None]) -> list[Unit]:
    """The units of an XLIFF or TMX file."""
    decoded = decode(data, name)
    _refuse_entities(decoded.text, name)
    store: LISAfile[Any]
    try:
        if fmt == "tmx":
            from translate.storage.tmx import tmxfile

            store = tmxfile(data)
        else:
            version = re.search(r"<xliff[^>]*\bversion=[\"']([\d.]+)", decoded.text)
            if version and version.group(1).startswith("2"):
                from translate.storage.xliff2 import Xliff2File

                store = Xliff2File(data)
            else:
                from translate.storage.xliff import xlifffile

                store = xlifffile(data)
    except Exception as exc:  # lxml and translate-toolkit raise several kinds
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"{name}: not a readable {fmt.upper()} file ({reason})") from None
    if fmt == "tmx":
        return _units_tmx(store, name, langs)
    units: list[Unit] = []
    for unit in store.units:
        if getattr(unit, "isheader", lambda: False)():
            continue
        source = str(unit.source or "").strip()
        target = str(unit.target or "").strip()
        if not source and not target:
            continue
        element = getattr(unit, "xmlelement", None)
        locked, state = _xliff_flags(element)
        line = _target_line(element, target) if target else getattr(element, "sourceline", None)
        uid = unit.getid() or ""
        units.append(Unit(uid.split("\x04")[-1], source, target, line, locked, state))
    return units


def _xliff_flags(element) -> tuple[bool, str | None]:
    """Whether an XLIFF unit is not to be translated, and its state.

    ``translate`` is inherited from the enclosing group, unit or file; the state
    is on the target (1.2) or the segment (2.x)."""
    if element is None:
        return False, None
    translate = next(
        (node.get("translate") for node in (element, *element.iterancestors()) if node.get("translate")), "yes"
    )
    state = element.get("state")
    for child in element:
        if _localname(child) == "target" and child.get("state"):
            state = child.get("state")
    return translate.strip().lower() == "no", state.strip().lower() if state else None


def _target_line(element, target: str) -> int | None:
    """The file line of the unit's target text (else of the unit itself)."""
    if element is None:
        return None
    for node in element.iter():
        if isinstance(node.tag, str) and "".join(node.itertext()).strip() == target:
            return node.sourceline
    return element.sourceline


def _matches(lang: str, wanted: tuple[str, ...]) -> bool:
    lang = lang.strip().lower().replace("_", "-")
    return any(lang == w or lang.startswith(w + "-") for w in wanted)


def _seg_text(seg) -> str:
    """A TMX ``seg``'s text, inline codes (``bpt``, ``ph`` ...) left out."""
    for code in [n for n in seg.iter() if _localname(n) in _TMX_CODES]:
        code.clear(keep_tail=True)
    return "".join(seg.itertext()).strip()


def _units_tmx(store, name: str, langs: tuple[str | None, str | None]) -> list[Unit]:
    """TMX units, their variants chosen by ``xml:lang``, not by position."""
    want_source = (langs[0].lower(),) if langs[0] else SOURCE_LANGS
    want_target = (langs[1].lower(),) if langs[1] else TARGET_LANGS
    units: list[Unit] = []
    seen: set[str] = set()
    found_source = found_target = False
    for index, unit in enumerate(store.units, start=1):
        element = unit.xmlelement
        source = target = None
        line = element.sourceline
        for tuv in element:
            if _localname(tuv) != "tuv":
                continue
            lang = tuv.get(_XML_LANG) or tuv.get("lang") or ""
            seen.add(lang or "(none)")
            seg = next((n for n in tuv if _localname(n) == "seg"), None)
            text = _seg_text(seg) if seg is not None else ""
            if source is None and _matches(lang, want_source):
                source = text
            elif target is None and _matches(lang, want_target):
                target = text
                line = seg.sourceline if seg is not None else tuv.sourceline
        found_source |= source is not None
        found_target |= target is not None
        if source or target:
            units.append(Unit(element.get("tuid") or str(index), source or "", target or "", line))
    languages = ", ".join(sorted(seen)) or "none"
    for found, role, want, option in (
        (found_target, "English translation", want_target, "--target-lang"),
        (found_source, "Norwegian source", want_source, "--source-lang"),
    ):
        if units and not found:
            raise InputError(
                f"{name}: no {role} in this TMX file (looked for xml:lang {'/'.join(want)}; "
                f"it has {languages}): choose its language with {option}"
            )
    return units


def _units_tsv(data: bytes, name: str) -> list[Unit]:
    """Rows ``source<TAB>target``, one a line (no quoting: a TSV translation file is not CSV)."""
    text = decode(data, name).text
    units: list[Unit] = []
    for lineno, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        if not line.strip():
            continue
        row = line.split("\t")
        if len(row) < 2 and not units:
            raise InputError(
                f"{name}:{lineno}: a TSV translation file needs two columns, source<TAB>target"
            )
        source, target = row[0].strip(), (row[1].strip() if len(row) > 1 else "")
        if not units and source.lower() in ("source", "src", "nb", "no") and target.lower() in (
            "target", "mt", "en", "translation"
        ):
            continue  # a header line
        units.append(Unit(str(lineno), source, target, lineno))
    return units


def load_bilingual(
    data: bytes, name: str, path: str | None, fmt: str, langs: tuple[str | None, str | None] = (None, None)
) -> Document:
    """A translation file as one document; ``langs``: the TMX variants' source and target languages.

    A unit whose target is empty or missing is recorded (``meta["mtqa_untranslated"]``,
    for ``UT005``) where it belongs, unless it is not to be translated or its
    state says it is not final: those are counted in a note."""
    units = _units_tsv(data, name) if fmt == "tsv" else _units_xml(data, name, fmt, langs)
    if not any(u.target for u in units):
        raise InputError(
            f"{name}: nothing translated: "
            + (f"all {len(units)} units have an empty or missing target" if units else "the file has no units")
            + "; give mtqa a translated file"
        )
    target = source = ""
    paras, lines, untranslated = [], [], []
    pairs: list[dict[str, Any]] = []
    pending = 0
    for unit in units:
        if not unit.target:
            if unit.locked:
                continue
            if unit.state in NOT_FINAL:
                pending += 1
                continue
            untranslated.append({"id": unit.id, "line": unit.line, "source": unit.source, "offset": len(target)})
            continue
        if target:
            target += "\n\n"
            source += "\n\n"
        t0, s0 = len(target), len(source)
        target += unit.target
        source += unit.source
        paras.append(Paragraph(t0, len(target)))
        lines.append(unit.line)
        pairs.append({"id": unit.id, "line": unit.line, "target": [t0, len(target)], "source": [s0, len(source)]})
    blocks, sentences = segment_paragraphs(target, paras, lines)
    meta: dict = {"segments": pairs}
    if untranslated:
        meta[UNTRANSLATED_KEY] = untranslated
    if pending:
        meta[NOTES_KEY] = [
            f"{pending} unit(s) without a translation are not final yet (their state says so): "
            "not reported as untranslated"
        ]
    return Document(
        id=name,
        text=target,
        path=path,
        source=source if any(p["source"][1] > p["source"][0] for p in pairs) else None,
        format=fmt,
        meta=meta,
        blocks=blocks,
        sentences=sentences,
    )


def sidecars(path: Path) -> dict[str, Path]:
    """The Norwegian source and the reference beside an English article.

    ``X.en.txt`` (or ``X.txt``) has its source in ``X.nb.txt`` (or ``.no.``,
    ``.nob.``) and its reference in ``X.ref.txt``, same suffix."""
    stem, suffix = path.name[: -len(path.suffix)] if path.suffix else path.name, path.suffix
    base = stem[:-3] if stem.endswith(".en") else stem
    found = {}
    for role, tags in (("source", ("nb", "no", "nob")), ("reference", ("ref",))):
        for tag in tags:
            candidate = path.with_name(f"{base}.{tag}{suffix}")
            if candidate != path and candidate.is_file():
                found[role] = candidate
                break
    return found


def is_sidecar(path: Path) -> bool:
    """A source or reference file, not an English article of its own."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return bool(re.search(r"\.(nb|no|nob|ref)$", stem))
