"""Read articles as they really come: files, directories, globs, stdin, JSONL.

:func:`iter_documents` yields a :class:`~mtqa.model.Document` for every article
it could read and a :class:`DocumentError` for everything it could not, so one bad
input never stops a corpus run.  Documents are read lazily, one at a time.
"""

from __future__ import annotations

import glob
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from mtqa.loaders.bilingual import is_sidecar, sidecars
from mtqa.loaders.decoding import Decoded, decode
from mtqa.model import Document, InputError

#: File endings read in a directory run, and the format each means.
SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".tmx": "tmx",
    ".tsv": "tsv",
}
FORMATS = ("auto", "text", "markdown", "html", "jsonl", "xliff", "tmx", "tsv")
BILINGUAL = ("xliff", "tmx", "tsv")
TARGET_KEYS = ("target", "mt")
SOURCE_KEYS = ("source", "src")
REFERENCE_KEYS = ("reference", "ref")


@dataclass
class DocumentError:
    """An input that could not be read as an article."""

    id: str
    message: str
    path: str | None = None
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "path": self.path, "line": self.line, "message": self.message}


def iter_documents(
    inputs: Iterable[str | os.PathLike[str]],
    input_format: str = "auto",
    stdin: BinaryIO | None = None,
    source: str | os.PathLike[str] | None = None,
    reference: str | os.PathLike[str] | None = None,
) -> Iterator[Document | DocumentError]:
    """Every article in ``inputs`` (paths, directories, globs, ``-``), lazily.

    ``source``/``reference``: files with the Norwegian source and a reference
    translation of the one article read (otherwise sidecar files are looked
    for: ``X.nb.txt`` and ``X.ref.txt`` beside ``X.en.txt``).
    """
    if input_format not in FORMATS:
        raise ValueError(f"unknown input format {input_format!r}: use one of {', '.join(FORMATS)}")
    if source is not None or reference is not None:
        yield from _with_given_sides(list(inputs), input_format, stdin, source, reference)
        return
    for item in inputs:
        name = os.fspath(item)
        if name == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _load_bytes(stream.read(), "-", None, input_format)
            continue
        path = Path(name)
        if path.is_dir():
            files = _walk(path)
            if not files:
                yield DocumentError(
                    name,
                    f"{name}: no articles in this directory (looked for "
                    f"{', '.join(sorted(SUFFIXES))} files)",
                    path=name,
                )
            for file in files:
                yield from load_file(file, "auto" if input_format == "auto" else input_format)
        elif path.exists():
            yield from load_file(path, input_format, given=name)
        elif glob.has_magic(name):
            matches = sorted(glob.glob(name, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file()]
            if not files:
                yield DocumentError(name, f"{name}: no files match this pattern", path=name)
            for file in files:
                yield from load_file(file, input_format)
        else:
            yield DocumentError(name, f"{name}: no such file or directory", path=name)


def _read_side(path: str | os.PathLike[str], role: str) -> str:
    """The text of a source or reference file (HTML pages are extracted)."""
    name = os.fspath(path)
    try:
        data = Path(name).read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: the {role} file cannot be read ({exc.strerror or exc})") from None
    text = decode(data, name).text
    if detect_format(name, data) == "html":
        from mtqa.loaders.html import load_html

        text = load_html(text, doc_id=name, path=name).text
    if not text.strip():
        raise InputError(f"{name}: the {role} file is empty")
    return text


def _with_given_sides(inputs, input_format, stdin, source, reference):
    sides = {}
    try:
        if source is not None:
            sides["source"] = _read_side(source, "source")
        if reference is not None:
            sides["reference"] = _read_side(reference, "reference")
    except InputError as exc:
        yield DocumentError(os.fspath(source or reference), str(exc), path=os.fspath(source or reference))
        return
    items = list(iter_documents(inputs, input_format, stdin))
    docs = [d for d in items if isinstance(d, Document)]
    if len(docs) > 1:
        raise ValueError(
            "--source/--reference go with one article; for many, put X.nb.txt (source) and "
            "X.ref.txt (reference) beside each X.en.txt, or use JSONL records"
        )
    for item in items:
        if isinstance(item, Document):
            item.source = sides.get("source", item.source)
            item.reference = sides.get("reference", item.reference)
            item._alignment = None
        yield item


def _walk(directory: Path) -> list[Path]:
    """Article files below ``directory``, sorted; hidden files and the source
    and reference sidecars (``X.nb.txt``, ``X.ref.txt``) are skipped."""
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if f.startswith("."):
                continue
            p = Path(root, f)
            if p.suffix.lower() in SUFFIXES and not is_sidecar(p):
                found.append(p)
    return found


def detect_format(name: str, data: bytes | None = None) -> str:
    """The format of a file by its ending, else by a look at its content."""
    suffix = Path(name).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if data is not None:
        head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
            return "html"
        first = head.split(b"\n", 1)[0].strip()
        if first.startswith(b"{") and first.endswith(b"}"):
            return "jsonl"
    return "text"


def load_file(
    path: Path, input_format: str = "auto", given: str | None = None
) -> Iterator[Document | DocumentError]:
    name = given or str(path)
    if input_format == "jsonl" or (input_format == "auto" and detect_format(name) == "jsonl"):
        # a JSONL corpus is read a line at a time: memory does not grow with its size
        yield from _stream_jsonl(path, name)
        return
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        yield DocumentError(name, f"{name}: cannot be read ({exc.strerror or exc})", path=name)
        return
    sides = {}
    fmt = detect_format(name, data) if input_format == "auto" else input_format
    if fmt not in BILINGUAL and fmt != "jsonl":
        try:
            sides = {role: _read_side(p, role) for role, p in sidecars(Path(path)).items()}
        except InputError as exc:
            yield DocumentError(name, str(exc), path=name)
            return
    for item in _load_bytes(data, name, name, fmt):
        if isinstance(item, Document) and sides:
            item.source = sides.get("source", item.source)
            item.reference = sides.get("reference", item.reference)
        yield item


def _load_bytes(
    data: bytes, name: str, path: str | None, input_format: str
) -> Iterator[Document | DocumentError]:
    fmt = detect_format(name, data) if input_format == "auto" else input_format
    if fmt == "jsonl":
        yield from load_jsonl(data, name, path)
        return
    if fmt in BILINGUAL:
        from mtqa.loaders.bilingual import load_bilingual

        try:
            yield load_bilingual(data, name, path, fmt)
        except InputError as exc:
            yield DocumentError(name, str(exc), path=path)
        return
    try:
        decoded = decode(data, name)
        yield _document(decoded.text, doc_id=name, path=path, fmt=fmt, decoded=decoded)
    except InputError as exc:
        yield DocumentError(name, str(exc), path=path)


def _document(
    text: str,
    *,
    doc_id: str,
    path: str | None,
    fmt: str,
    decoded: Decoded | None = None,
    **fields: Any,
) -> Document:
    if not text.strip():
        raise InputError(f"{doc_id}: the article is empty (no text to check)")
    if decoded is not None:
        fields.update(encoding=decoded.encoding, encoding_warning=decoded.warning)
    if fmt == "html":
        if decoded is not None and decoded.warning:
            from mtqa.loaders.html import meta_charset

            declared = meta_charset(text.encode("latin-1", "replace"))
            if declared:
                fields["encoding_warning"] += f" (the page declares {declared})"
        from mtqa.loaders.html import load_html

        return load_html(text, doc_id=doc_id, path=path, **fields)
    return Document(id=doc_id, text=text, path=path, format=fmt, **fields)


def document_from_text(text: str, doc_id: str = "<text>", fmt: str = "text", **fields: Any) -> Document:
    """A document from a string (the notebook's way in)."""
    return _document(text, doc_id=doc_id, path=None, fmt=fmt, **fields)


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> tuple[str | None, Any]:
    for key in keys:
        if key in record and record[key] is not None:
            return key, record[key]
    return None, None


def _stream_jsonl(path: Path, name: str) -> Iterator[Document | DocumentError]:
    """A JSONL file line by line (UTF-8); a file in another encoding is read whole."""
    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield DocumentError(name, f"{name}: cannot be read ({exc.strerror or exc})", path=name)
        return
    with fh:
        head = fh.read(4)
        if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head[:4] in (b"\x00\x00\xfe\xff",):
            yield from load_jsonl(head + fh.read(), name, name)  # UTF-16/32: whole file
            return
        fh.seek(3 if head[:3] == b"\xef\xbb\xbf" else 0)

        def lines() -> Iterator[tuple[str, Decoded | None]]:
            for raw in fh:
                try:
                    yield raw.decode("utf-8"), None
                except UnicodeDecodeError:
                    decoded = decode(raw, name)  # a legacy encoding, with its warning
                    yield decoded.text, decoded

        try:
            yield from _jsonl_records(lines(), name, name, None)
        except InputError as exc:
            yield DocumentError(name, str(exc), path=name)


def load_jsonl(data: bytes, name: str, path: str | None) -> Iterator[Document | DocumentError]:
    """One article a line: ``{"id", "target", "source"?, "reference"?, "meta"?}``.

    COMET's keys ``mt``/``src``/``ref`` are accepted too.  A broken line is a
    :class:`DocumentError` with its line number; the other lines are still read.
    """
    try:
        decoded = decode(data, name)
    except InputError as exc:
        yield DocumentError(name, str(exc), path=path)
        return
    yield from _jsonl_records(((line, None) for line in decoded.text.split("\n")), name, path, decoded)


def _jsonl_records(lines, name: str, path: str | None, decoded) -> Iterator[Document | DocumentError]:
    seen: set[str] = set()
    for lineno, (raw, line_decoded) in enumerate(lines, start=1):
        line_enc = line_decoded or decoded
        line = raw.strip()
        if not line:
            continue
        where = f"{name}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield DocumentError(
                where, f"{where}: not valid JSON ({exc.msg} at column {exc.colno})", path, lineno
            )
            continue
        if not isinstance(record, dict):
            yield DocumentError(where, f"{where}: a record must be a JSON object", path, lineno)
            continue
        key, target = _first(record, TARGET_KEYS)
        if key is None:
            yield DocumentError(
                where,
                f"{where}: the record has no 'target' (or COMET 'mt') field with the English text",
                path,
                lineno,
            )
            continue
        doc_id = str(record.get("id", where))
        if doc_id in seen:
            doc_id = f"{doc_id}@{lineno}"
        seen.add(doc_id)
        problems = [
            k
            for k in (key, _first(record, SOURCE_KEYS)[0], _first(record, REFERENCE_KEYS)[0])
            if k is not None and not isinstance(record[k], str)
        ]
        if problems:
            yield DocumentError(
                doc_id, f"{where}: field {problems[0]!r} must be a string", path, lineno
            )
            continue
        meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
        try:
            yield _document(
                target,
                doc_id=doc_id,
                path=path,
                fmt="text",
                source=_first(record, SOURCE_KEYS)[1],
                reference=_first(record, REFERENCE_KEYS)[1],
                meta=dict(meta, **({"mtqa": record["mtqa"]} if "mtqa" in record else {})),
                record_line=lineno,
                encoding=line_enc.encoding if line_enc is not None else "utf-8",
                encoding_warning=line_enc.warning if line_enc is not None else None,
            )
        except InputError as exc:
            yield DocumentError(doc_id, f"{where}: {str(exc).split(': ', 1)[-1]}", path, lineno)
