"""The API's OpenAPI 3.1 description, served at ``/openapi.json`` and committed as
``docs/openapi.json`` (a test keeps the two equal).  Regenerate the file with::

    python -m mtqa.serve.openapi > docs/openapi.json
"""

from __future__ import annotations

import json
from typing import Any

from mtqa.serve.protocol import DOCUMENT_KEYS, MAX_ID
from mtqa.serve.settings import DEFAULT_MAX_BODY, INPUT_FORMATS, MAX_DOCUMENTS

_SELECTORS = {
    "oneOf": [
        {"type": "array", "items": {"type": "string"}},
        {"type": "string", "description": "comma-separated"},
    ],
    "description": "Check codes (BP001), code prefixes (BP), check names or families (boilerplate).",
}


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _json(ref: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
    }


_POST_ERRORS = {
    "401": _error("A token is required ('Authorization: Bearer TOKEN') and was missing or wrong."),
    "408": _error("The request body did not arrive in time."),
    "413": _error(f"The request body is larger than the limit (default {DEFAULT_MAX_BODY} bytes)."),
    "415": _error("The body is not sent as application/json."),
    "422": _error("Malformed JSON, a missing target, a field of the wrong type or an unknown check."),
}
_CHECK_ERRORS = {
    **_POST_ERRORS,
    "503": {
        **_error("Every worker is busy and the queue is full; retry after the Retry-After header's seconds."),
        "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}},
    },
    "504": _error("The check took longer than the server's timeout."),
}
_CHECK_BODY = {
    "required": True,
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CheckRequest"}}},
}
_EXIT_CODE = {
    "X-Mtqa-Exit-Code": {
        "schema": {"type": "integer", "enum": [0, 1, 2]},
        "description": "The exit code 'mtqa check' would give (default thresholds: fail on errors).",
    }
}


def openapi_schema() -> dict[str, Any]:
    from mtqa._version import __version__

    document: dict[str, Any] = {
        "type": "object",
        "required": ["target"],
        "additionalProperties": False,
        "properties": {
            "id": {
                "type": "string",
                "maxLength": MAX_ID,
                "description": "The document's id in the report (default 'document', in a batch 'document-N').",
            },
            "target": {
                "type": "string",
                "minLength": 1,
                "description": "The English machine translation to check.",
            },
            "source": {
                "type": ["string", "null"],
                "description": "The Norwegian source (enables the source-aware checks).",
            },
            "reference": {
                "type": ["string", "null"],
                "description": "A human reference translation (BLEU, chrF++, TER; RF001).",
            },
            "mtqa": {
                "type": "object",
                "additionalProperties": False,
                "properties": {"ignore": _SELECTORS},
                "description": 'Suppressions for this document, as a JSONL record\'s "mtqa": {"ignore": [...]}.',
            },
        },
    }
    assert set(document["properties"]) == set(DOCUMENT_KEYS)
    options = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "select": _SELECTORS,
            "ignore": _SELECTORS,
            "fluency": {
                "type": "boolean",
                "description": "false: skip the reference model (FL001, FL002, AC004, ID010, ID011).",
            },
            "format": {
                "type": "string",
                "enum": list(INPUT_FORMATS),
                "description": "How to read target (default text).",
            },
        },
    }
    check_request = {
        "oneOf": [
            {
                "allOf": [{"$ref": "#/components/schemas/Document"}],
                "properties": {"options": {"$ref": "#/components/schemas/Options"}},
                "title": "One document",
            },
            {
                "type": "object",
                "required": ["documents"],
                "additionalProperties": False,
                "properties": {
                    "documents": {
                        "type": "array",
                        "minItems": 1,
                        "maxItems": MAX_DOCUMENTS,
                        "items": {"$ref": "#/components/schemas/Document"},
                    },
                    "options": {"$ref": "#/components/schemas/Options"},
                },
                "title": "A batch",
            },
        ]
    }
    report = {
        "type": "object",
        "description": "The JSON contract of 'mtqa check --format json' (README, \"JSON output\"): "
        "same schema number, same signature.",
        "required": ["schema", "mtqa_version", "signature", "documents", "errors", "summary", "corpus"],
        "properties": {
            "schema": {"type": "integer", "const": 1},
            "mtqa_version": {"type": "string"},
            "signature": {"type": "string"},
            "documents": {"type": "array", "items": {"type": "object"}},
            "errors": {"type": "array", "items": {"type": "object"}},
            "summary": {"type": "object"},
            "corpus": {"type": "object"},
        },
    }
    check_info = {
        "type": "object",
        "required": ["code", "name", "family", "severity", "requires", "summary"],
        "properties": {
            "code": {"type": "string"},
            "name": {"type": "string"},
            "family": {"type": "string"},
            "severity": {"type": "string", "enum": ["info", "warning", "error"]},
            "requires": {"type": "array", "items": {"type": "string"}},
            "summary": {"type": "string"},
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "mtqa",
            "version": __version__,
            "description": "Quality checks for machine-translated news (Norwegian to English) over HTTP: "
            "'mtqa serve'. When the server has a token, every request but the editor's page and its "
            "assets carries 'Authorization: Bearer TOKEN'.",
        },
        "paths": {
            "/v1/check": {
                "post": {
                    "summary": "Check one document or a batch",
                    "operationId": "check",
                    "requestBody": _CHECK_BODY,
                    "responses": {
                        "200": {
                            **_json("Report", "The report, as 'mtqa check --format json' writes it."),
                            "headers": _EXIT_CODE,
                        },
                        **_CHECK_ERRORS,
                    },
                }
            },
            "/v1/check/html": {
                "post": {
                    "summary": "Check, with the HTML view of the report (the editor's page uses it)",
                    "operationId": "checkHtml",
                    "requestBody": _CHECK_BODY,
                    "responses": {
                        "200": {
                            "description": "The report and its HTML fragment (article text escaped).",
                            "headers": _EXIT_CODE,
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["report", "html"],
                                        "properties": {
                                            "report": {"$ref": "#/components/schemas/Report"},
                                            "html": {"type": "string"},
                                        },
                                    }
                                }
                            },
                        },
                        **_CHECK_ERRORS,
                    },
                }
            },
            "/v1/baseline": {
                "post": {
                    "summary": "A baseline file ('mtqa check --baseline FILE') that accepts the given findings",
                    "operationId": "baseline",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["document", "findings"],
                                    "properties": {
                                        "document": {
                                            "type": "string",
                                            "description": "The document as the gate names it: its path relative to "
                                            "the baseline file, 'path#id' for a JSONL record.",
                                        },
                                        "findings": {
                                            "type": "array",
                                            "items": {
                                                "type": "object",
                                                "required": ["code", "text"],
                                                "properties": {
                                                    "code": {"type": "string"},
                                                    "text": {"type": "string"},
                                                    "sentence": {"type": ["string", "null"]},
                                                },
                                            },
                                        },
                                    },
                                }
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "The baseline file (mtqa_baseline 1).",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                        **_POST_ERRORS,
                    },
                }
            },
            "/v1/checks": {
                "get": {
                    "summary": "Every check ('mtqa checks --format json')",
                    "operationId": "listChecks",
                    "responses": {
                        "200": {
                            "description": "The checks, by code.",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "array",
                                        "items": {"$ref": "#/components/schemas/CheckInfo"},
                                    }
                                }
                            },
                        },
                        "401": _POST_ERRORS["401"],
                    },
                }
            },
            "/v1/checks/{code}": {
                "get": {
                    "summary": "A check's documentation ('mtqa explain CODE')",
                    "operationId": "explain",
                    "parameters": [
                        {
                            "name": "code",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                            "description": "A code (BP001) or a check name.",
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "The check, its documentation and the examples it flags and allows.",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "allOf": [{"$ref": "#/components/schemas/CheckInfo"}],
                                        "properties": {
                                            "body": {"type": "string"},
                                            "flags": {"type": "array", "items": {"type": "string"}},
                                            "allows": {"type": "array", "items": {"type": "string"}},
                                        },
                                    }
                                }
                            },
                        },
                        "401": _POST_ERRORS["401"],
                        "404": _error("No check has this code or name."),
                    },
                }
            },
            "/v1/health": {
                "get": {
                    "summary": "Up, with the version, the report signature and the model",
                    "operationId": "health",
                    "responses": {
                        "200": {
                            "description": "Ready.",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["status", "mtqa_version", "signature", "model"],
                                    }
                                }
                            },
                        },
                        "401": _POST_ERRORS["401"],
                        "503": {"description": "Starting: the workers are loading."},
                    },
                }
            },
            "/metrics": {
                "get": {
                    "summary": "Prometheus metrics: requests, latency histogram, documents, findings by family",
                    "operationId": "metrics",
                    "responses": {
                        "200": {
                            "description": "Prometheus text format 0.0.4.",
                            "content": {"text/plain": {"schema": {"type": "string"}}},
                        },
                        "401": _POST_ERRORS["401"],
                    },
                }
            },
            "/": {
                "get": {
                    "summary": "The editor's page (public: it holds no data; its API calls carry the token)",
                    "operationId": "page",
                    "responses": {
                        "200": {
                            "description": "HTML.",
                            "content": {"text/html": {"schema": {"type": "string"}}},
                        }
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Document": document,
                "Options": options,
                "CheckRequest": check_request,
                "Report": report,
                "CheckInfo": check_info,
                "Error": {
                    "type": "object",
                    "required": ["error", "status"],
                    "properties": {
                        "error": {"type": "string", "description": "One line: what is wrong."},
                        "status": {"type": "integer"},
                    },
                },
            },
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{}, {"bearer": []}],
    }


def main() -> None:
    print(json.dumps(openapi_schema(), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
