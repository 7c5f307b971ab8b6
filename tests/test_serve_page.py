"""The editor's page of ``mtqa serve`` in a real headless browser (the Chromium and
Playwright of tests/test_html.py): paste, check, highlights, hover text, accept/ignore,
the downloads the gate reads, the token, and an article with ``<script>`` runs nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

try:
    import starlette  # noqa: F401
    import uvicorn  # noqa: F401
except ImportError:  # the tests fail, as the browser tests do, with the command that fixes it
    pytest.fail("the mtqa serve tests need its extra: pip install -e '.[serve]'", pytrace=False)

from typer.testing import CliRunner  # noqa: E402

from mtqa.cli import app as cli_app  # noqa: E402
from mtqa.serve import ServeSettings  # noqa: E402
from mtqa.serve.settings import CheckerConfig  # noqa: E402

from .conftest import SEED  # noqa: E402
from .test_html import browser  # noqa: E402, F401 - the same headless Chromium fixture
from .test_serve import Server as _Server  # noqa: E402

TOKEN = "page-test-token-0123456789abcdef"
INJECTION = (
    "Police open an inquiry\n\n"
    'The page said <script>window.__pwned = 1</script> and then <img src=x onerror="window.__pwned = 2"> twice.\n\n'
    '<iframe src="javascript:window.top.__pwned = 3"></iframe> The minister said nothing more.\n'
)


@pytest.fixture(scope="module")
def server() -> Iterator[_Server]:
    with _Server(ServeSettings(workers=0, checker=CheckerConfig(fluency=False))) as s:
        yield s


class _Editor:
    """The page, with every request and dialog recorded; nothing leaves the test server."""

    def __init__(self, browser, base: str) -> None:
        self.base = base
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1100, "height": 1300}, accept_downloads=True)
        self.context.route(
            "**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort()
        )
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(base)
        self.page.wait_for_load_state("load")

    def check(self, text: str, doc_id: str | None = None) -> None:
        if doc_id is not None:
            self.page.fill("#doc-id", doc_id)
        self.page.fill("#target", text)
        self.page.uncheck("#fluency")
        self.page.click("#check")
        self.page.wait_for_function(
            "() => !document.getElementById('check').disabled"
            " && document.getElementById('status').textContent !== 'checking…'"
        )

    def outside_requests(self) -> list[str]:
        return [
            u for u in self.requests if not u.startswith(self.base) and not u.startswith(("data:", "blob:"))
        ]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def editor(browser, server):
    e = _Editor(browser, server.url)
    yield e
    e.close()


def test_paste_check_and_see_the_highlights(editor):
    editor.check(SEED.read_text("utf-8"), "seed.txt")
    page = editor.page
    status = page.text_content("#status")
    assert status and status.endswith("findings") and not page.locator("#status.error").count()
    marks = page.locator("#report .article mark.hl")
    assert marks.count() > 10
    assert marks.first.is_visible()
    # the highlight has the family's colour, not the unstyled default
    background = marks.first.evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    # every finding in the list has accept and ignore buttons
    items = page.locator("#report ol.findings > li")
    assert items.count() == int(status.split()[0])
    assert page.locator("#report ol.findings > li .decide button").count() == 2 * items.count()
    assert page.locator("#actions").is_visible() and not page.locator("#token-box").is_visible()
    assert editor.outside_requests() == [] and editor.errors == []


def test_hovering_a_highlight_shows_its_message_and_suggestion(editor):
    editor.check(SEED.read_text("utf-8"))
    mark = editor.page.locator('#report mark.hl.fam-boilerplate[data-code="BP001"]').first
    tip = mark.locator(":scope > .tip")
    assert not tip.is_visible()
    mark.hover()
    assert tip.is_visible()
    text = tip.inner_text()
    assert "BP001" in text and "related-article-link" in text
    assert "remove the related-article link" in text, text  # the suggestion


def test_an_article_with_script_runs_nothing(editor):
    editor.check(INJECTION)
    page = editor.page
    assert page.locator("#report .article").count() == 1
    assert page.evaluate("() => window.__pwned") is None
    assert (
        page.evaluate("() => document.querySelectorAll('#report script, #report img, #report iframe').length")
        == 0
    )
    shown = page.inner_text("#report .article")
    assert "<script>window.__pwned = 1</script>" in shown and "onerror=" in shown
    assert editor.dialogs == [] and editor.outside_requests() == [] and editor.errors == []
    # and were markup ever to get through, the page's Content-Security-Policy runs no inline script
    page.evaluate("""() => document.body.insertAdjacentHTML('beforeend',
        '<img src="data:," onerror="window.__pwned = 4" onload="window.__pwned = 5">')""")
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.__pwned") is None


def test_ignored_findings_download_as_suppressions_the_gate_reads(editor, tmp_path):
    editor.check(SEED.read_text("utf-8"), "seed-article")
    page = editor.page
    first_nc = page.locator("#report ol.findings > li", has=page.locator('a.code:text-is("NC001")')).first
    first_nc.locator("button.ignore").click()
    assert "ignored" in (first_nc.get_attribute("class") or "")
    number = first_nc.get_attribute("value")
    assert "ignored" in (page.locator(f'#report mark[data-f="{number}"]').first.get_attribute("class") or "")
    assert page.text_content("#decided").startswith("0 accepted, 1 ignored")

    with page.expect_download() as info:
        page.click("#download-suppressions")
    record_file = tmp_path / "suppressions.jsonl"
    info.value.save_as(record_file)
    assert info.value.suggested_filename == "seed-article.mtqa.jsonl"
    record = json.loads(record_file.read_text("utf-8"))
    assert record["id"] == "seed-article" and record["mtqa"] == {"ignore": ["NC001"]}
    assert record["target"] == SEED.read_text("utf-8")

    with page.expect_download() as info:
        page.click("#download-baseline")
    baseline_file = tmp_path / "mtqa-baseline.json"
    info.value.save_as(baseline_file)
    baseline = json.loads(baseline_file.read_text("utf-8"))
    assert baseline["mtqa_baseline"] == 1
    assert [e["code"] for e in baseline["findings"]] == ["NC001"]
    assert baseline["findings"][0]["document"] == "seed-article"

    # the gate reads the downloaded record: NC001 is suppressed, the rest is still reported
    out = tmp_path / "out.json"
    result = CliRunner().invoke(
        cli_app, ["check", str(record_file), "--no-fluency", "--isolated", "-q", "-f", "json", "-o", str(out)]
    )
    assert result.exit_code in (0, 1), result.output
    doc = json.loads(out.read_text("utf-8"))["documents"][0]
    assert doc["id"] == "seed-article" and doc["findings"]
    assert not any(f["code"] == "NC001" for f in doc["findings"])


def test_the_page_asks_for_the_token_once(browser):
    settings = ServeSettings(workers=0, checker=CheckerConfig(fluency=False), token=TOKEN)
    with _Server(settings) as s:
        e = _Editor(browser, s.url)
        try:
            assert not e.page.locator("#token-box").is_visible()
            e.check("Police chief Hansen said . He wants more money.")
            assert "token" in (e.page.text_content("#status") or "")
            assert e.page.locator("#token-box").is_visible()
            e.page.fill("#token", TOKEN)
            e.page.click("#token-save")
            assert not e.page.locator("#token-box").is_visible()
            e.page.click("#check")
            e.page.wait_for_selector("#report .article", state="visible")
            assert not e.page.locator("#status.error").count()
        finally:
            e.close()


def test_the_page_has_no_inline_script(server):
    html = (Path(__file__).resolve().parent.parent / "mtqa" / "serve" / "static" / "index.html").read_text(
        "utf-8"
    )
    assert "<script>" not in html and "javascript:" not in html
    assert " on" not in "".join(part.split(">", 1)[0] for part in html.split("<")[1:])  # no onclick= etc.
