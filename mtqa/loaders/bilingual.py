"""Translation files: XLIFF 1.2 / 2.x, TMX and two-column TSV.

One file is one document: its target segments, in order, are the article's
paragraphs and its source segments the Norwegian source, aligned unit by unit.
Each block remembers its segment id and the line of the file its unit starts
on, so findings point into the original file.  Parsing is translate-toolkit's;
XML is untrusted input and any entity declaration is refused before parsing
(no external entity is read, no entity expansion can run away).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from mtqa.loaders.decoding import decode
from mtqa.model import Document, InputError
from mtqa.structure import Paragraph, segment_paragraphs

XML_FORMATS = {".xlf": "xliff", ".xliff": "xliff", ".tmx": "tmx"}
_ENTITY = re.compile(r"<!ENTITY", re.IGNORECASE)


def _refuse_entities(text: str, name: str) -> None:
    if _ENTITY.search(text):
        raise InputError(
            f"{name}: the XML declares entities (<!ENTITY ...>), which mtqa refuses in "
            "untrusted input (external entities and entity expansion); remove the DTD"
        )


def _units_xml(data: bytes, name: str, fmt: str) -> list[tuple[str, str, str, int | None]]:
    """(id, source, target, line) of each unit of an XLIFF or TMX file."""
    decoded = decode(data, name)
    _refuse_entities(decoded.text, name)
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
        raise InputError(f"{name}: not a readable {fmt.upper()} file ({exc})") from None
    units = []
    for unit in store.units:
        if getattr(unit, "isheader", lambda: False)():
            continue
        source = str(unit.source or "").strip()
        target = str(unit.target or "").strip()
        if not source and not target:
            continue
        line = _target_line(getattr(unit, "xmlelement", None), target)
        uid = unit.getid() or ""
        units.append((uid.split("\x04")[-1], source, target, line))
    return units


def _target_line(element, target: str) -> int | None:
    """The file line of the unit's target text (else of the unit itself)."""
    if element is None:
        return None
    for node in element.iter():
        if isinstance(node.tag, str) and "".join(node.itertext()).strip() == target:
            return node.sourceline
    return element.sourceline


def _units_tsv(data: bytes, name: str) -> list[tuple[str, str, str, int | None]]:
    text = decode(data, name).text
    units = []
    for lineno, row in enumerate(csv.reader(io.StringIO(text), delimiter="\t"), start=1):
        if not row or all(not c.strip() for c in row):
            continue
        if len(row) < 2:
            raise InputError(
                f"{name}:{lineno}: a TSV translation file needs two columns, source<TAB>target"
            )
        source, target = row[0].strip(), row[1].strip()
        if lineno == 1 and source.lower() in ("source", "src", "nb", "no") and target.lower() in (
            "target", "mt", "en", "translation"
        ):
            continue  # a header line
        units.append((str(lineno), source, target, lineno))
    return units


def load_bilingual(data: bytes, name: str, path: str | None, fmt: str) -> Document:
    units = _units_tsv(data, name) if fmt == "tsv" else _units_xml(data, name, fmt)
    units = [u for u in units if u[2]]
    if not units:
        raise InputError(f"{name}: no translated segments (every target is empty)")
    target = source = ""
    paras, lines, pairs = [], [], []
    for uid, src, tgt, line in units:
        if target:
            target += "\n\n"
            source += "\n\n"
        t0, s0 = len(target), len(source)
        target += tgt
        source += src
        paras.append(Paragraph(t0, len(target)))
        lines.append(line)
        pairs.append({"id": uid, "line": line, "target": [t0, len(target)], "source": [s0, len(source)]})
    blocks, sentences = segment_paragraphs(target, paras, lines)
    return Document(
        id=name,
        text=target,
        path=path,
        source=source if any(src for _, src, _, _ in units) else None,
        format=fmt,
        meta={"segments": pairs},
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
