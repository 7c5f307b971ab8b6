"""``mtqa serve``: the API answers as ``mtqa check --format json`` does, and every limit
answers with its status code.  Starlette's TestClient, checks on one thread of the
server (``workers=0``) unless a test says otherwise; the tiny test model for fluency."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

try:
    import starlette  # noqa: F401
    import uvicorn
except ImportError:  # the tests fail, as the browser tests do, with the command that fixes it
    pytest.fail("the mtqa serve tests need its extra: pip install -e '.[serve]'", pytrace=False)

from starlette.testclient import TestClient  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from mtqa.cli import app as cli_app  # noqa: E402
from mtqa.model import MtqaError  # noqa: E402
from mtqa.serve import ServeSettings, create_app, engine  # noqa: E402
from mtqa.serve.openapi import openapi_schema  # noqa: E402
from mtqa.serve.settings import CheckerConfig  # noqa: E402

from .conftest import CLEAN_ARTICLE, ROOT  # noqa: E402

SEED_ID = "seeds/000_b3dce5b5bb70e21c.txt"
RULES = CheckerConfig(fluency=False)
TOKEN = "s3cret-token-for-tests-0123456789"


class Server:
    """uvicorn on a free loopback port, in a thread of the test process."""

    def __init__(self, settings: ServeSettings) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        config = uvicorn.Config(
            create_app(settings), host="127.0.0.1", port=self.port, log_level="warning", lifespan="on"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 300  # start-up: the worker builds and warms its checker
        while time.monotonic() < deadline and self.thread.is_alive():
            if self.server.started:
                return self
            time.sleep(0.05)
        raise RuntimeError("the test server did not start")

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(30)


def _settings(**kw) -> ServeSettings:
    kw.setdefault("workers", 0)
    kw.setdefault("checker", RULES)
    return ServeSettings(**kw)


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(_settings())) as c:
        yield c


def _cli_json(tmp_path: Path, *args: str) -> dict:
    out = tmp_path / "cli.json"
    result = CliRunner().invoke(cli_app, ["check", *args, "--format", "json", "-o", str(out), "-q"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(out.read_text("utf-8"))


def _without_paths(report: dict) -> dict:
    for doc in report["documents"]:
        doc["path"] = None
    for doc in report["corpus"].get("worst_documents") or ():
        doc["path"] = None
    return report


# -- the seed article: the same report as the CLI -----------------------------------------


def test_seed_article_equals_the_cli_report_without_the_model(client, seed_path, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    cli = _cli_json(tmp_path, SEED_ID, "--no-fluency")
    response = client.post("/v1/check", json={"target": seed_path.read_text("utf-8"), "id": SEED_ID})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    api = response.json()
    assert api["documents"][0]["findings"], "the seed article has findings"
    assert api == _without_paths(cli)
    assert api["schema"] == cli["schema"] == 1 and api["signature"] == cli["signature"]
    # the body is the json renderer's text (indent 2, newline at the end), not a re-serialisation
    assert response.text.startswith('{\n  "schema": 1,') and response.text.endswith("}\n")
    assert response.headers["x-mtqa-exit-code"] == "1"


def test_seed_article_equals_the_cli_report_with_the_model(seed_path, tmp_path, monkeypatch):
    """Fluency on: the tiny test model ($MTQA_MODEL), loaded once by the server."""
    monkeypatch.chdir(ROOT)
    cli = _cli_json(tmp_path, SEED_ID)
    with TestClient(create_app(_settings(checker=CheckerConfig()))) as c:
        health = c.get("/v1/health").json()
        api = c.post("/v1/check", json={"target": seed_path.read_text("utf-8"), "id": SEED_ID}).json()
    assert health["model"] == {"fluency": True, "loaded": True}
    assert "|model:none" not in api["signature"] and api["signature"] == health["signature"]
    assert api["documents"][0]["scores"]["sentences"], "sentences were scored"
    assert api == _without_paths(cli)


def test_source_and_reference_are_read_from_the_request(client):
    source = "Bystyret i Oslo vedtok det nye budsjettet tirsdag."
    response = client.post(
        "/v1/check",
        json={"target": CLEAN_ARTICLE, "source": source, "reference": CLEAN_ARTICLE, "id": "oslo"},
    )
    assert response.status_code == 200, response.text
    doc = response.json()["documents"][0]
    assert doc["id"] == "oslo" and doc["path"] is None
    assert doc["alignment"] is not None  # the source was aligned
    assert doc["scores"]["reference"]  # BLEU, chrF++, TER against the reference
    assert not any("no Norwegian source given" in n for n in doc["notes"])


def test_a_batch_is_one_report_in_order(client):
    body = {
        "documents": [
            {"id": "a", "target": CLEAN_ARTICLE},
            {"id": "b", "target": "Police chief Hansen said . He wants more money."},
        ]
    }
    report = client.post("/v1/check", json=body).json()
    assert [d["id"] for d in report["documents"]] == ["a", "b"]
    assert report["summary"]["documents"] == 2


def test_a_path_in_the_request_is_text_never_a_file(client):
    """No endpoint reads a path on the server: a 'target' that names a file is checked as text."""
    for target in ("/etc/passwd", SEED_ID, str(ROOT / SEED_ID)):
        doc = client.post("/v1/check", json={"target": target}).json()["documents"][0]
        assert doc["stats"]["words"] <= 2 and doc["path"] is None


def test_suppressions_in_the_request_apply_as_in_a_jsonl_record(client, seed_path):
    text = seed_path.read_text("utf-8")
    plain = client.post("/v1/check", json={"target": text}).json()["documents"][0]
    assert any(f["family"] == "boilerplate" for f in plain["findings"])
    quiet = client.post("/v1/check", json={"target": text, "mtqa": {"ignore": ["boilerplate"]}}).json()
    assert not any(f["family"] == "boilerplate" for f in quiet["documents"][0]["findings"])
    assert len(quiet["documents"][0]["findings"]) < len(plain["findings"])


def test_markdown_and_html_targets(client):
    """options.format: the Markdown loader (its inline suppressions too) and the HTML extractor."""
    md = (
        "# Police open an inquiry\n\nThe the minister said nothing.\n\n"
        "<!-- mtqa: ignore GR003 -->\nThe the mayor said nothing.\n"
    )
    doc = client.post("/v1/check", json={"target": md, "options": {"format": "markdown"}}).json()["documents"][0]
    assert doc["format"] == "markdown"
    assert [(f["code"], f["line"]) for f in doc["findings"]] == [("GR003", 3)]  # line 6 is suppressed
    page = "<html><body><article><h1>Title here</h1><p>The the minister said nothing today.</p></article></body></html>"
    doc = client.post("/v1/check", json={"target": page, "options": {"format": "html"}}).json()["documents"][0]
    assert doc["format"] == "html" and doc["title"] == "Title here"
    empty = client.post("/v1/check", json={"target": "<html><body></body></html>", "options": {"format": "html"}})
    assert empty.status_code == 422 and "no article text" in empty.json()["error"]


def test_options_select_and_ignore(client, seed_path):
    text = seed_path.read_text("utf-8")
    names = client.post("/v1/check", json={"target": text, "options": {"select": ["names"]}}).json()
    assert names["documents"][0]["findings"]
    assert {f["family"] for f in names["documents"][0]["findings"]} == {"names"}
    no_bp = client.post("/v1/check", json={"target": text, "options": {"ignore": "BP,GR"}}).json()
    assert not {f["family"] for f in no_bp["documents"][0]["findings"]} & {"boilerplate", "grammar"}
    default = client.get("/v1/health").json()["signature"]
    assert names["signature"] != default  # the signature names the checks that ran


def test_html_view_escapes_the_article(client):
    article = "Police open an inquiry\n\nThe page said <script>alert(1)</script> and <img src=x onerror=alert(1)>.\n"
    response = client.post("/v1/check/html", json={"target": article})
    assert response.status_code == 200
    data = response.json()
    assert data["report"]["schema"] == 1
    assert "<script" not in data["html"] and "<img" not in data["html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in data["html"]


# -- the other endpoints ------------------------------------------------------------------


def test_checks_and_explain_as_the_cli():
    from mtqa.api import list_checks

    with TestClient(create_app(_settings())) as c:
        listed = c.get("/v1/checks").json()
        cli = json.loads(CliRunner().invoke(cli_app, ["checks", "--format", "json"]).stdout)
        assert listed == cli
        assert [x["code"] for x in listed] == [x.code for x in list_checks()]
        bp = c.get("/v1/checks/BP001").json()
        assert bp["code"] == "BP001" and bp["flags"] and bp["allows"]
        by_name = c.get("/v1/checks/related-article-link").json()
        assert by_name["code"] == "BP001"
        missing = c.get("/v1/checks/ZZ999")
        assert missing.status_code == 404 and "ZZ999" in missing.json()["error"]


def test_health_and_metrics(client, seed_path):
    health = client.get("/v1/health")
    assert health.status_code == 200
    data = health.json()
    assert data["status"] == "ok" and data["schema"] == 1 and data["model"]["loaded"] is False
    report = client.post("/v1/check", json={"target": seed_path.read_text("utf-8")}).json()
    assert data["signature"] == report["signature"]
    assert report["summary"]["family"]
    text = client.get("/metrics")
    assert text.headers["content-type"].startswith("text/plain; version=0.0.4")
    lines = [line for line in text.text.splitlines() if line and not line.startswith("#")]
    sample = re.compile(r'^[a-z_]+(\{([a-z_]+="[^"\\]*",?)+\})? -?[0-9.e+]+$|^[a-z_]+(\{.*\})? \+?Inf$')
    assert all(sample.match(line) for line in lines), [line for line in lines if not sample.match(line)]
    documents = int(re.search(r"^mtqa_documents_checked_total (\d+)$", text.text, re.M).group(1))
    assert documents >= 1
    assert re.search(
        r'^mtqa_http_requests_total\{method="POST",route="/v1/check",status="200"\} \d+$', text.text, re.M
    )
    assert re.search(
        r'^mtqa_http_request_duration_seconds_bucket\{route="/v1/check",le="\+Inf"\} \d+$', text.text, re.M
    )
    for family in report["summary"]["family"]:
        assert f'mtqa_findings_total{{family="{family}"}}' in text.text


def test_the_committed_openapi_file_is_the_served_one(client):
    committed = (ROOT / "docs" / "openapi.json").read_text("utf-8")
    served = client.get("/openapi.json")
    assert served.status_code == 200
    assert served.text == committed, "regenerate: python -m mtqa.serve.openapi > docs/openapi.json"
    schema = json.loads(committed)
    assert schema == openapi_schema()
    assert {"/v1/check", "/v1/checks", "/v1/checks/{code}", "/v1/health", "/metrics"} <= set(schema["paths"])


def test_the_page_and_its_assets(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe-eval" not in csp
    assert "<script>" not in page.text and " on" not in page.text.split("<body>", 1)[1].split(">", 1)[0]
    assert re.search(r'<script src="static/editor.js" defer></script>', page.text)
    assert "http://" not in page.text and "https://" not in page.text  # no external resource
    js = client.get("/static/editor.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert client.get("/static/editor.css").status_code == 200
    assert client.get("/static/../settings.py").status_code == 404


def test_baseline_from_the_api_is_read_by_the_gate(client, tmp_path, monkeypatch):
    """Findings ignored on the page download as a baseline that 'mtqa check --baseline' honours."""
    article = tmp_path / "article.txt"
    text = (ROOT / SEED_ID).read_text("utf-8")
    article.write_text(text, encoding="utf-8")
    findings = client.post("/v1/check", json={"target": text, "id": "article.txt"}).json()["documents"][0][
        "findings"
    ]
    ignored = [f for f in findings if f["code"] == "NC001"]
    assert ignored
    response = client.post(
        "/v1/baseline",
        json={
            "document": "article.txt",
            "findings": [{k: f[k] for k in ("code", "text", "sentence")} for f in ignored],
        },
    )
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    (tmp_path / "mtqa-baseline.json").write_text(response.text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    after = _cli_json(
        tmp_path, "article.txt", "--no-fluency", "--baseline", "mtqa-baseline.json", "--isolated"
    )
    left = after["documents"][0]["findings"]
    assert not any(f["code"] == "NC001" for f in left)
    assert len(left) == len(findings) - len(ignored)


# -- limits and safety --------------------------------------------------------------------


def test_body_limit_is_413_declared_or_streamed():
    with TestClient(create_app(_settings(max_body=4096))) as c:
        big = json.dumps({"target": "word " * 2000})
        declared = c.post("/v1/check", content=big, headers={"Content-Type": "application/json"})
        assert declared.status_code == 413 and "4096" in declared.json()["error"]

        def chunks():  # no Content-Length: the limit holds while the body streams in
            for _ in range(10):
                yield b" " * 1000

        streamed = c.post("/v1/check", content=chunks(), headers={"Content-Type": "application/json"})
        assert streamed.status_code == 413
        assert c.post("/v1/check", json={"target": "word " * 100}).status_code == 200


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"{", "not valid JSON"),
        (b"", "empty"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[1, 2]", "must be a JSON object"),
        (b'{"source": "Hei"}', "target is missing"),
        (b'{"target": 42}', "target must be a string"),
        (b'{"target": "  \\n "}', "target is empty"),
        (b'{"target": "x", "source": ["a"]}', "source must be a string"),
        (b'{"target": "x", "id": 7}', "id must be"),
        (b'{"target": "x", "colour": "red"}', "unknown field 'colour'"),
        (b'{"target": "x", "options": {"select": ["XX999"]}}', "unknown check 'XX999'"),
        (b'{"target": "x", "options": {"fluency": "no"}}', "options.fluency"),
        (b'{"target": "x", "options": {"fluency": true}}', "without the reference model"),
        (b'{"target": "x", "options": {"format": "pdf"}}', "options.format"),
        (b'{"target": "x", "options": {"jobs": 4}}', "unknown option 'jobs'"),
        (b'{"documents": []}', "non-empty array"),
        (b'{"documents": [{"target": "a", "id": "x"}, {"target": "b", "id": "x"}]}', "used twice"),
        (b'{"documents": [{"target": "a"}, {"text": "b"}]}', "documents[1].unknown field"),
    ],
)
def test_bad_requests_are_422_with_a_one_line_reason(client, body, reason):
    response = client.post("/v1/check", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 422, response.text
    message = response.json()["error"]
    assert reason in message and "\n" not in message


def test_a_body_that_is_not_json_is_415(client):
    response = client.post(
        "/v1/check", content=b"target=x", headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert response.status_code == 415


def test_unknown_endpoint_and_method_are_json_errors(client):
    assert client.get("/v1/nothing").json() == {"error": "no such endpoint: /v1/nothing", "status": 404}
    wrong = client.get("/v1/check")
    assert wrong.status_code == 405 and "GET" in wrong.json()["error"]


class _Blocked:
    """A stand-in for run_job that waits until released: a check that takes long."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()

    def __call__(self, job):
        self.started.set()
        self.release.wait(30)
        return engine.JobResult(body="{}\n")


def test_a_full_queue_is_503_with_retry_after(monkeypatch):
    blocked = _Blocked()
    monkeypatch.setattr(engine, "run_job", blocked)
    with TestClient(create_app(_settings(queue_size=0))) as c:
        first: dict = {}
        thread = threading.Thread(target=lambda: first.update(r=c.post("/v1/check", json={"target": "a"})))
        thread.start()
        try:
            assert blocked.started.wait(30)
            busy = c.post("/v1/check", json={"target": "b"})
            assert busy.status_code == 503
            assert int(busy.headers["retry-after"]) >= 1
            assert c.get("/v1/health").status_code == 200  # the server still answers
        finally:
            blocked.release.set()
            thread.join(30)
        assert first["r"].status_code == 200
        metrics = c.get("/metrics").text
        assert 'mtqa_rejected_requests_total{reason="busy"} 1' in metrics


def test_a_check_past_the_timeout_is_504(monkeypatch):
    blocked = _Blocked()
    monkeypatch.setattr(engine, "run_job", blocked)
    with TestClient(create_app(_settings(timeout=0.2))) as c:
        try:
            response = c.post("/v1/check", json={"target": "a"})
            assert response.status_code == 504 and "0.2 seconds" in response.json()["error"]
        finally:
            blocked.release.set()


def test_a_token_is_required_on_every_api_request():
    with TestClient(create_app(_settings(token=TOKEN))) as c:
        for method, path in (
            ("get", "/v1/health"),
            ("get", "/v1/checks"),
            ("get", "/metrics"),
            ("get", "/openapi.json"),
        ):
            response = getattr(c, method)(path)
            assert response.status_code == 401, path
            assert response.headers["www-authenticate"].startswith("Bearer")
        assert c.post("/v1/check", json={"target": "a"}).status_code == 401
        wrong = c.post("/v1/check", json={"target": "a"}, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        basic = c.get("/v1/health", headers={"Authorization": f"Basic {TOKEN}"})
        assert basic.status_code == 401
        auth = {"Authorization": f"Bearer {TOKEN}"}
        assert c.get("/v1/health", headers=auth).status_code == 200
        assert c.post("/v1/check", json={"target": CLEAN_ARTICLE}, headers=auth).status_code == 200
        # the page holds no data: it loads without the token and asks for it
        assert c.get("/").status_code == 200 and c.get("/static/editor.js").status_code == 200


def test_binding_beyond_localhost_needs_a_token():
    with pytest.raises(MtqaError, match="token"):
        _settings(host="0.0.0.0").validate()
    with pytest.raises(MtqaError, match="16 characters"):
        _settings(host="0.0.0.0", token="short").validate()
    _settings(host="0.0.0.0", token=TOKEN).validate()
    _settings(host="::1").validate()
    result = CliRunner().invoke(cli_app, ["serve", "--host", "0.0.0.0", "--isolated"], env={"MTQA_TOKEN": ""})
    assert result.exit_code == 2 and "token" in result.output


def test_serve_refuses_a_bad_option_before_starting():
    result = CliRunner().invoke(cli_app, ["serve", "--isolated", "--device", "gpu"])
    assert result.exit_code == 2 and "--device" in result.output
    result = CliRunner().invoke(cli_app, ["serve", "--isolated", "--select", "XX999"])
    assert result.exit_code == 2 and "XX999" in result.output


def test_worker_processes_answer_the_same_report(seed_path):
    """--workers 1: the checks run in a worker process (spawned) with its own checker."""
    body = {"target": seed_path.read_text("utf-8"), "id": "p"}
    with TestClient(create_app(_settings(workers=1))) as c:
        health = c.get("/v1/health").json()
        assert health["workers"] == 1
        in_process = c.post("/v1/check", json=body).json()
    with TestClient(create_app(_settings())) as c:
        in_thread = c.post("/v1/check", json=body).json()
    assert in_process["signature"] == health["signature"]
    assert in_process["documents"] == in_thread["documents"]
    assert in_process["documents"][0]["findings"]


def test_serve_does_not_load_starlette_or_uvicorn_for_the_cli():
    script = (
        "import mtqa, mtqa.cli; from typer.testing import CliRunner; "
        "CliRunner().invoke(mtqa.cli.app, ['--help']); CliRunner().invoke(mtqa.cli.app, ['serve', '--help']); "
        "import sys; print(sorted(m for m in ('torch', 'transformers', 'starlette', 'uvicorn') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_a_body_that_stalls_is_408_and_the_server_goes_on():
    """Slowloris: a body promised and never finished is refused after the body timeout."""
    with Server(_settings(body_timeout=0.3)) as s:
        with socket.create_connection(("127.0.0.1", s.port), timeout=30) as conn:
            conn.sendall(
                b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                b'Content-Length: 1000\r\n\r\n{"target": "Half a bo'
            )
            reply = conn.recv(4096)
        assert reply.startswith(b"HTTP/1.1 408 ")
        import httpx

        assert httpx.get(s.url + "v1/health").status_code == 200


def test_shutdown_finishes_the_running_request(monkeypatch):
    """Graceful shutdown: a check in hand when the server is told to stop is still answered."""
    import httpx

    blocked = _Blocked()
    monkeypatch.setattr(engine, "run_job", blocked)
    s = Server(_settings())
    s.__enter__()
    box: dict = {}
    thread = threading.Thread(
        target=lambda: box.update(r=httpx.post(s.url + "v1/check", json={"target": "a"}, timeout=60))
    )
    thread.start()
    try:
        assert blocked.started.wait(30)
        s.server.should_exit = True  # what SIGTERM and Ctrl-C do
        time.sleep(0.2)
        assert s.thread.is_alive()  # still waiting for the request in hand
    finally:
        blocked.release.set()
        thread.join(30)
        s.__exit__()
    assert box["r"].status_code == 200
