"""What the API accepts: request bodies checked field by field into a :class:`Job`.

Every problem is a :class:`RequestError` with a status and a one-line reason.
"""

from __future__ import annotations

import json
from typing import Any

from mtqa.serve.engine import DocumentIn, Job
from mtqa.serve.settings import INPUT_FORMATS, MAX_DOCUMENTS

DOCUMENT_KEYS = ("id", "target", "source", "reference", "mtqa")
OPTION_KEYS = ("select", "ignore", "fluency", "format")
MAX_ID = 500


class RequestError(Exception):
    """A request the server refuses: ``status`` and a one-line ``message``."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = " ".join(message.split())
        self.headers = headers or {}


def _unprocessable(message: str) -> RequestError:
    return RequestError(422, message)


def parse_json(body: bytes) -> Any:
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _unprocessable(f"the body is not UTF-8 (byte {exc.start})") from None
    if not text.strip():
        raise _unprocessable("the body is empty: send a JSON object with a 'target'")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _unprocessable(
            f"the body is not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from None
    except RecursionError:
        raise _unprocessable("the body is not valid JSON (nested too deeply)") from None


def _type_name(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


def _optional_text(record: dict[str, Any], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _unprocessable(f"{where}{key} must be a string, not {_type_name(value)}")
    return value


def _selectors(value: Any, where: str) -> tuple[str, ...]:
    from mtqa.checks import known_selector

    if isinstance(value, str):
        items = [v.strip() for v in value.split(",") if v.strip()]
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        items = [v.strip() for v in value if v.strip()]
    else:
        raise _unprocessable(f"{where} must be a list of check codes, prefixes, names or families")
    for item in items:
        if item.lower() != "all" and not known_selector(item):
            raise _unprocessable(f"{where}: unknown check {item!r} (GET /v1/checks lists them)")
    return tuple(items)


def _target(record: dict[str, Any], where: str) -> str:
    if "target" not in record:
        raise _unprocessable(f"{where}target is missing: the English text to check")
    target = record["target"]
    if not isinstance(target, str):
        raise _unprocessable(f"{where}target must be a string, not {_type_name(target)}")
    if not target.strip():
        raise _unprocessable(f"{where}target is empty (no text to check)")
    return target


def _id(record: dict[str, Any], where: str, default: str) -> str:
    doc_id = record.get("id", default)
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise _unprocessable(f"{where}id must be a non-empty string")
    if len(doc_id) > MAX_ID or "\n" in doc_id or "\r" in doc_id:
        raise _unprocessable(f"{where}id must be one line of at most {MAX_ID} characters")
    return doc_id


def _suppressions(record: dict[str, Any], where: str) -> tuple[str, ...]:
    mtqa = record.get("mtqa")
    if mtqa is None:
        return ()
    if not isinstance(mtqa, dict) or set(mtqa) - {"ignore"}:
        raise _unprocessable(f'{where}mtqa must be an object {{"ignore": [...]}}')
    return _selectors(mtqa.get("ignore", []), f"{where}mtqa.ignore")


def _document(record: Any, where: str, default_id: str, fmt: str) -> DocumentIn:
    if not isinstance(record, dict):
        raise _unprocessable(f"{where or 'the body'} must be a JSON object, not {_type_name(record)}")
    for key in record:
        if key not in DOCUMENT_KEYS:
            raise _unprocessable(f"{where}unknown field {key!r} (known: {', '.join(DOCUMENT_KEYS)})")
    return DocumentIn(
        id=_id(record, where, default_id),
        target=_target(record, where),
        source=_optional_text(record, "source", where),
        reference=_optional_text(record, "reference", where),
        format=fmt,
        suppress=_suppressions(record, where),
    )


def _options(data: dict[str, Any], fluency: bool, default_format: str) -> dict[str, Any]:
    """A request's ``options``, checked: format, fluency, select, ignore."""
    options = data.get("options") or {}
    if not isinstance(options, dict):
        raise _unprocessable("options must be an object")
    for key in options:
        if key not in OPTION_KEYS:
            raise _unprocessable(f"unknown option {key!r} (known: {', '.join(OPTION_KEYS)})")
    fmt = options.get("format", default_format)
    if fmt not in INPUT_FORMATS:
        raise _unprocessable(f"options.format must be one of {', '.join(INPUT_FORMATS)}")
    want_fluency = options.get("fluency", fluency)
    if not isinstance(want_fluency, bool):
        raise _unprocessable("options.fluency must be true or false")
    if want_fluency and not fluency:
        raise _unprocessable("options.fluency: this server runs without the reference model (--no-fluency)")
    select, ignore = options.get("select"), options.get("ignore")
    return {
        "format": fmt,
        "fluency": want_fluency,
        "select": None if select is None else _selectors(select, "options.select"),
        "ignore": None if ignore is None else _selectors(ignore, "options.ignore"),
    }


def _batch(data: dict[str, Any], fmt: str) -> list[DocumentIn]:
    extra = set(data) - {"documents", "options"}
    if extra:
        raise _unprocessable(f"a batch has 'documents' and 'options' only, not {sorted(extra)[0]!r}")
    records = data["documents"]
    if not isinstance(records, list) or not records:
        raise _unprocessable('documents must be a non-empty array of {"target", ...} objects')
    if len(records) > MAX_DOCUMENTS:
        raise _unprocessable(f"documents: at most {MAX_DOCUMENTS} in one request, not {len(records)}")
    documents = [_document(r, f"documents[{i}].", f"document-{i + 1}", fmt) for i, r in enumerate(records)]
    seen: set[str] = set()
    for i, d in enumerate(documents):
        if d.id in seen:
            raise _unprocessable(f"documents[{i}].id {d.id!r} is used twice")
        seen.add(d.id)
    return documents


def parse_check(data: Any, *, fluency: bool, default_format: str = "text", html: bool = False) -> Job:
    """A check request: one document, or ``{"documents": [...]}``, with ``options``."""
    if not isinstance(data, dict):
        raise _unprocessable(f"the body must be a JSON object, not {_type_name(data)}")
    options = _options(data, fluency, default_format)
    if "documents" in data:
        documents = _batch(data, options["format"])
    else:
        rest = {k: v for k, v in data.items() if k != "options"}
        documents = [_document(rest, "", "document", options["format"])]
    return Job(
        tuple(documents),
        select=options["select"],
        ignore=options["ignore"],
        fluency=options["fluency"],
        html=html,
    )


def parse_baseline(data: Any) -> tuple[str, list[dict[str, Any]]]:
    """A baseline request: ``{"document": KEY, "findings": [{"code", "text", "sentence"?}]}``."""
    if not isinstance(data, dict):
        raise _unprocessable(f"the body must be a JSON object, not {_type_name(data)}")
    document = data.get("document")
    if not isinstance(document, str) or not document.strip() or len(document) > MAX_ID:
        raise _unprocessable(
            "document must be a non-empty string: the document's id or path as the gate names it"
        )
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise _unprocessable('findings must be an array of {"code", "text", "sentence"} objects')
    out = []
    for i, f in enumerate(findings):
        if (
            not isinstance(f, dict)
            or not isinstance(f.get("code"), str)
            or not isinstance(f.get("text"), str)
        ):
            raise _unprocessable(f"findings[{i}] must have a string code and text")
        sentence = f.get("sentence")
        if sentence is not None and not isinstance(sentence, str):
            raise _unprocessable(f"findings[{i}].sentence must be a string or null")
        out.append({"code": f["code"], "text": f["text"], "sentence": sentence})
    return document, out
