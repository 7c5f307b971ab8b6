"""Read articles as they really come: files, directories, globs, stdin, JSONL.

:func:`iter_documents` yields a :class:`~mtqa.model.Document` for every article
it could read and a :class:`DocumentError` for everything it could not, so one bad
input never stops a corpus run.  Documents are read lazily, one at a time.
"""

from __future__ import annotations

import glob
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Union

from mtqa.loaders.bilingual import NOTES_KEY, is_sidecar, sidecars
from mtqa.loaders.decoding import INVALID_BYTES_KEY, Decoded, decode
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
#: The largest document read by default (``--max-document-size``), in bytes.
DEFAULT_MAX_SIZE = 5_000_000


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read beyond their format.

    ``max_size``: the largest document in bytes (a file, a JSONL line; None: no
    limit).  ``source_lang``/``target_lang``: the TMX variants to read, by
    ``xml:lang`` (None: Norwegian ``nb``/``no``/``nn`` and English ``en``)."""

    max_size: int | None = DEFAULT_MAX_SIZE
    source_lang: str | None = None
    target_lang: str | None = None


#: The defaults: 5 MB at most, Norwegian and English TMX variants.
DEFAULT_READ = ReadOptions()


def format_size(size: int) -> str:
    """``5 MB``, ``512 KB``, ``100 bytes``: sizes as users write them."""
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= factor:
            return f"{size / factor:.3g} {unit}"
    return f"{size} bytes"


def parse_size(value: str | int) -> int:
    """``5MB``, ``500 KB``, ``2G``, ``100000`` (bytes) to bytes; ValueError when it is none of these."""
    if isinstance(value, int) and not isinstance(value, bool):
        size = value
    else:
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)b?\s*", str(value), re.IGNORECASE)
        if not m:
            raise ValueError(
                f"--max-document-size {value!r}: give a size such as 5MB, 500KB or 100000 (bytes)"
            )
        size = int(float(m.group(1)) * {"": 1, "k": 10**3, "m": 10**6, "g": 10**9}[m.group(2).lower()])
    if size < 1:
        raise ValueError(f"--max-document-size {value!r}: the size must be at least 1 byte")
    return size


def _too_large(name: str, size: int, limit: int, what: str) -> str:
    return (
        f"{name}: {what} is {format_size(size)}, more than --max-document-size "
        f"({format_size(limit)}); raise the limit (e.g. --max-document-size {format_size(2 * size).replace(' ', '')}) "
        "to check it, or split it"
    )


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
    read: ReadOptions = DEFAULT_READ,
) -> Iterator[Document | DocumentError]:
    """Every article in ``inputs`` (paths, directories, globs, ``-``), lazily.

    ``source``/``reference``: files with the Norwegian source and a reference
    translation of the one article read (otherwise sidecar files are looked
    for: ``X.nb.txt`` and ``X.ref.txt`` beside ``X.en.txt``).  ``read``: the
    size limit and the TMX languages.
    """
    if input_format not in FORMATS:
        raise ValueError(f"unknown input format {input_format!r}: use one of {', '.join(FORMATS)}")
    if source is not None or reference is not None:
        yield from _with_given_sides(list(inputs), input_format, stdin, source, reference, read)
        return
    for item in inputs:
        name = os.fspath(item)
        if name == "-":
            data, size = _read_stream(stdin if stdin is not None else sys.stdin.buffer, read.max_size)
            if data is None:
                yield DocumentError("-", _too_large("-", size, read.max_size or 0, "standard input"))
                continue
            yield from _load_bytes(data, "-", None, input_format, read)
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
                yield from load_file(file, input_format, read=read)
        elif path.exists():
            yield from load_file(path, input_format, given=name, read=read)
        elif glob.has_magic(name):
            matches = sorted(glob.glob(name, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file()]
            # as in a folder, an article's Norwegian source and reference beside it
            # (X.nb.txt, X.ref.txt) are read with it, not as articles of their own,
            # unless the pattern names nothing else
            files = [f for f in files if not is_sidecar(f)] or files
            if not files:
                yield DocumentError(name, f"{name}: no files match this pattern", path=name)
            for file in files:
                yield from load_file(file, input_format, read=read)
        else:
            yield DocumentError(name, f"{name}: no such file or directory", path=name)


def _read_stream(stream: BinaryIO, limit: int | None) -> tuple[bytes | None, int]:
    """The stream's bytes and their number; None (and the size, read past) when over ``limit``."""
    data = stream.read() if limit is None else stream.read(limit + 1)
    if limit is None or len(data) <= limit:
        return data, len(data)
    size = len(data)
    while chunk := stream.read(1 << 20):
        size += len(chunk)
    return None, size


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


def _with_given_sides(inputs, input_format, stdin, source, reference, read: ReadOptions):
    sides = {}
    try:
        if source is not None:
            sides["source"] = _read_side(source, "source")
        if reference is not None:
            sides["reference"] = _read_side(reference, "reference")
    except InputError as exc:
        yield DocumentError(os.fspath(source or reference), str(exc), path=os.fspath(source or reference))
        return
    items = list(iter_documents(inputs, input_format, stdin, read=read))
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
            item.forget("alignment", "reference_segments", "reference_stats")
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
    path: Path, input_format: str = "auto", given: str | None = None, read: ReadOptions = DEFAULT_READ
) -> Iterator[Document | DocumentError]:
    name = given or str(path)
    if input_format == "jsonl" or (input_format == "auto" and detect_format(name) == "jsonl"):
        # a JSONL corpus is read a line at a time: memory does not grow with its size
        yield from _stream_jsonl(path, name, read.max_size)
        return
    try:
        size = os.stat(path).st_size
        if read.max_size is not None and size > read.max_size:
            yield DocumentError(name, _too_large(name, size, read.max_size, "the file"), path=name)
            return
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
    for item in _load_bytes(data, name, name, fmt, read):
        if isinstance(item, Document) and sides:
            item.source = sides.get("source", item.source)
            item.reference = sides.get("reference", item.reference)
        yield item


def _load_bytes(
    data: bytes, name: str, path: str | None, input_format: str, read: ReadOptions = DEFAULT_READ
) -> Iterator[Document | DocumentError]:
    fmt = detect_format(name, data) if input_format == "auto" else input_format
    if fmt == "jsonl":
        yield from load_jsonl(data, name, path, read.max_size)
        return
    if fmt in BILINGUAL:
        from mtqa.loaders.bilingual import load_bilingual

        try:
            yield load_bilingual(data, name, path, fmt, (read.source_lang, read.target_lang))
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
        if decoded.invalid and fmt != "html":
            # EN003 names the bytes it finds at these offsets of the text as decoded
            # (an HTML page's extracted text has other offsets)
            replaced = [{"offset": b.offset, "byte": b.byte_offset, "bytes": b.named()} for b in decoded.invalid]
            fields["meta"] = dict(fields.get("meta") or {}, **{INVALID_BYTES_KEY: replaced})
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


def _stream_jsonl(path: Path, name: str, max_size: int | None) -> Iterator[Document | DocumentError]:
    """A JSONL file line by line (UTF-8); a file in another encoding is read whole.

    A line longer than ``max_size`` is an error of its own, read past in chunks
    (never held in memory); the lines after it are still read."""
    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield DocumentError(name, f"{name}: cannot be read ({exc.strerror or exc})", path=name)
        return
    with fh:
        head = fh.read(4)
        if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head[:4] in (b"\x00\x00\xfe\xff",):
            yield from load_jsonl(head + fh.read(), name, name, max_size)  # UTF-16/32: whole file
            return
        fh.seek(3 if head[:3] == b"\xef\xbb\xbf" else 0)

        def lines() -> Iterator[tuple[str | int, Decoded | None]]:
            while True:
                raw = fh.readline() if max_size is None else fh.readline(max_size + 1)
                if not raw:
                    return
                if max_size is not None and len(raw) > max_size:
                    size = len(raw)
                    while not raw.endswith(b"\n"):
                        raw = fh.readline(1 << 20)
                        if not raw:
                            break
                        size += len(raw)
                    yield size, None
                    continue
                try:
                    yield raw.decode("utf-8"), None
                except UnicodeDecodeError:
                    decoded = decode(raw, name)  # by the byte, or a legacy encoding with its warning
                    yield decoded.text, decoded

        try:
            yield from _jsonl_records(lines(), name, name, None, max_size)
        except InputError as exc:
            yield DocumentError(name, str(exc), path=name)


def load_jsonl(
    data: bytes, name: str, path: str | None, max_size: int | None = DEFAULT_MAX_SIZE
) -> Iterator[Document | DocumentError]:
    """One article a line: ``{"id", "target", "source"?, "reference"?, "meta"?}``.

    COMET's keys ``mt``/``src``/``ref`` are accepted too.  A broken line is a
    :class:`DocumentError` with its line number; the other lines are still read.
    """
    try:
        decoded = decode(data, name)
    except InputError as exc:
        yield DocumentError(name, str(exc), path=path)
        return
    lines = ((line, None) for line in decoded.text.split("\n"))
    yield from _jsonl_records(lines, name, path, decoded, max_size)


def _jsonl_records(
    lines: Iterable[tuple[str | int, Decoded | None]],
    name: str,
    path: str | None,
    decoded: Decoded | None,
    max_size: int | None,
) -> Iterator[Document | DocumentError]:
    """Documents of JSONL lines; a line given as an int is one of that many bytes, too large to read."""
    seen: set[str] = set()
    records = 0  # lines that are not blank
    for lineno, (raw, line_decoded) in enumerate(lines, start=1):
        where = f"{name}:{lineno}"
        if isinstance(raw, str) and not raw.strip():
            continue
        records += 1
        if isinstance(raw, int):  # a line too large to read
            yield DocumentError(where, _too_large(where, raw, max_size or 0, "the record"), path, lineno)
            continue
        if max_size is not None and 4 * len(raw) > max_size and len(raw.encode("utf-8")) > max_size:
            size = len(raw.encode("utf-8"))
            yield DocumentError(where, _too_large(where, size, max_size, "the record"), path, lineno)
            continue
        line_enc = line_decoded or decoded
        line = raw.strip()
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            # json's messages may end in "at" ("Unterminated string starting at")
            what = re.sub(r"\s+(?:starting\s+)?at$", "", exc.msg)
            yield DocumentError(where, f"{where}: not valid JSON ({what} at column {exc.colno})", path, lineno)
            continue
        if not isinstance(record, dict):
            yield DocumentError(where, f"{where}: a record must be a JSON object", path, lineno)
            continue
        key, target = _first(record, TARGET_KEYS)
        null = next((k for k in TARGET_KEYS if k in record and record[k] is None), None)
        if key is None and null is not None:
            yield DocumentError(
                where, f"{where}: field {null!r} must be a string with the English text (got null)", path, lineno
            )
            continue
        if key is None:
            shown = ", ".join(repr(k if len(k) <= 40 else k[:39] + "…") for k in list(record)[:8])
            shown += ", ..." if len(record) > 8 else ""
            yield DocumentError(
                where,
                f"{where}: the record has no 'target' (or COMET 'mt') field with the English text "
                f"({f'its fields: {shown}' if record else 'it is empty'}); name the English text's field 'target'",
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
        meta_field = record.get("meta")
        meta: dict[str, Any] = meta_field if isinstance(meta_field, dict) else {}
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
    if not records:
        yield DocumentError(
            name, f"{name}: the corpus holds no records (the file is empty or only blank lines); "
            "write one JSON object a line, with the English text in 'target'", path
        )


# -- what the library is given -----------------------------------------------------
Input = Union[str, os.PathLike, Document]  # noqa: UP007 - a runtime alias, read by older type checkers too
Inputs = Union[Input, Iterable[Input]]  # noqa: UP007


def _looks_like_path(text: str) -> bool:
    """Whether a string that names no existing file is meant as a path (reported missing) or is text.

    A path has a known file ending, glob characters, an explicit start
    (``/``, ``./``, ``~``), a folder's ending slash or a backslash ("notes/",
    "C:\\news"), or a folder that exists ("Oslo/Bergen" is text)."""
    if "\n" in text or len(text) >= 4096:
        return False
    if text.endswith(("/", "\\")):
        return True  # a folder, its name with spaces or not ("missing dir/")
    if len(text.split()) != 1:
        return False
    if text == "-" or "\\" in text or Path(text).suffix.lower() in SUFFIXES or glob.has_magic(text):
        return True
    if text.startswith(("/", "./", "../", "~")):
        return True
    parent = os.path.dirname(text)
    return bool(parent) and os.path.isdir(parent)


def split_inputs(inputs: Inputs) -> Iterator[Document | str | os.PathLike]:
    """What ``mtqa.check()`` was given, item by item: Documents, paths (a missing one
    is kept, to be reported), or article text made into a Document."""
    if isinstance(inputs, (str, os.PathLike, Document)):
        inputs = [inputs]
    for item in inputs:
        if isinstance(item, Document):
            yield item
        elif isinstance(item, os.PathLike):
            yield item
        elif isinstance(item, str):
            if os.path.exists(item) or _looks_like_path(item):
                yield item  # a path; a missing one is reported as such
            elif "\n" not in item and len(item) < 4096 and len(item.split()) == 1:
                # one word that names no file: text, but say so (a folder's path ends with "/")
                doc = document_from_text(item)
                doc.meta.setdefault(NOTES_KEY, []).append(
                    f"read as article text: no file or folder is named {item.strip()!r} "
                    "(a path to a folder ends with '/')"
                )
                yield doc
            else:
                yield document_from_text(item)
        else:
            raise TypeError(
                f"mtqa.check() takes paths, article text or Documents, not {type(item).__name__}"
            )
