"""The HTML report, read by a parser and opened in a real headless browser.

The browser is Debian's ``chromium`` (``apt-get install chromium``) driven by
Playwright (``pip install playwright``; no ``playwright install`` needed).  When
either is missing these tests FAIL with the command that installs it.
"""

from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

import mtqa
from mtqa.checks.base import Check
from mtqa.model import Severity
from mtqa.renderers import render

from .conftest import CLEAN_ARTICLE

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
INJECTION = (
    "Police open an inquiry\n\n"
    "The page said <script>alert(1)</script> and then <img src=x onerror=alert(1)> twice.\n\n"
    'A caption read <img src="https://example.com/x.png" onerror="window.__pwned=1"> here.\n\n'
    "<script>window.__pwned = 2</script> The minister said nothing more.\n"
)
VOID = {"br", "meta", "img", "hr", "input", "link", "wbr", "area", "base", "col", "source"}


# -- reading the highlights back out of the HTML -------------------------------------


class _Highlights(HTMLParser):
    """The text each finding's highlight covers (its pieces joined), tooltips left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, bool, bool]] = []  # tag, data-f, is tooltip, is article
        self.article = ""  # the article's text as shown (tooltips left out)
        self.texts: dict[str, str] = {}
        self.tips: dict[str, str] = {}
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in VOID:
            return
        a = dict(attrs)
        finding = a.get("data-f") if tag == "mark" else None
        if finding is not None:
            self.texts.setdefault(finding, "")
        classes = (a.get("class") or "").split()
        self.stack.append((tag, finding, "tip" in classes, "article" in classes))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if any(is_tip for _, _, is_tip, _ in self.stack):
            owner = next((f for _, f, _, _ in reversed(self.stack) if f is not None), None)
            if owner is not None:
                self.tips[owner] = self.tips.get(owner, "") + data
            return
        if any(is_article for *_, is_article in self.stack):
            self.article += data
        for _, finding, _, _ in self.stack:
            if finding is not None:
                self.texts[finding] += data


def highlights(html: str) -> _Highlights:
    parser = _Highlights()
    parser.feed(html)
    parser.close()
    return parser


def expected_texts(result) -> dict[str, str]:
    """Finding number (as in the page) -> the text its highlight must cover."""
    text = result.document.text
    out = {}
    for i, f in enumerate(sorted(result.findings, key=lambda f: f.sort_key()), 1):
        covered = text[f.start : f.end]
        out[str(i)] = covered if covered.strip() else ""
    return out


# -- fake checks that make hard cases --------------------------------------------


class _Markup(Check):
    """Flags HTML markup in an article, with markup in its message and suggestion."""

    code = "ZZ950"
    name = "markup"
    family = "encoding"
    severity = Severity.ERROR

    def run(self, doc, ctx):
        import re

        for m in re.finditer(r"<(script|img)[^>]*>", doc.text):
            yield self.finding(
                doc,
                m.start(),
                m.end(),
                f"markup {m.group(0)} <b onmouseover=alert(1)>in</b> the text",
                suggestion="remove <script>alert('x')</script>",
            )


class _Overlaps(Check):
    """Overlapping, nested, crossing and empty spans on CLEAN_ARTICLE."""

    code = "ZZ951"
    name = "overlaps"
    family = "grammar"
    severity = Severity.WARNING

    def run(self, doc, ctx):
        t = doc.text
        council = t.index("city council approved")
        yield self.finding(doc, council, council + len("city council approved"), "outer")
        yield self.finding(doc, council + 5, council + 12, "nested: council")
        yield self.finding(doc, council + 10, council + 30, "crossing the outer end")
        yield self.finding(doc, council + 5, council + 12, "same span again", severity=Severity.ERROR)
        end = t.index("debate about school funding.") + len("debate about school funding.")
        yield self.finding(doc, end - 8, end + 15, "crossing a sentence and a paragraph")
        yield self.finding(doc, council + 21, council + 21, "empty span")
        yield self.finding(doc, t.index("\n\n"), t.index("\n\n") + 2, "blank span")
        mayor = t.index("The mayor")
        yield self.finding(doc, mayor, len(t), "to the end of the text")


class _Idiom(Check):
    """A second family, nested in ZZ951's last span."""

    code = "ZZ952"
    name = "idiom-ish"
    family = "idiom"
    severity = Severity.INFO

    def run(self, doc, ctx):
        at = doc.text.index("listened to the parents")
        yield self.finding(doc, at, at + len("listened to the parents"), "an idiom", suggestion="heard")


def _fake_fluency(report) -> None:
    for i, sentence in enumerate(report[0].scores["sentences"]):
        sentence["fluency"] = float(i * 37 % 101)
    report[0].scores["fluency"] = 42.0


def _overlap_report():
    checker = mtqa.Checker(fluency=False)
    checker.checks = [_Overlaps(), _Idiom()]  # only these
    return checker.check(mtqa.document_from_text(CLEAN_ARTICLE, doc_id="overlaps"))


# -- without a browser ---------------------------------------------------------


def test_every_finding_is_highlighted_with_its_exact_text(seed_path, tiny_model_dir):
    report = mtqa.check(seed_path, model=str(tiny_model_dir))
    page = render(report, "html")
    found = highlights(page)
    assert found.texts == expected_texts(report[0]) and len(found.texts) == len(report.findings)
    assert found.article == report[0].document.text
    for number, finding in enumerate(sorted(report.findings, key=lambda f: f.sort_key()), 1):
        assert finding.code in found.tips[str(number)]
    assert page.startswith("<!DOCTYPE html>") and "script-src" not in page and "default-src 'none'" in page
    # the notebook shows the same view
    assert highlights(report._repr_html_()).texts == found.texts
    assert highlights(report[0]._repr_html_()).texts == found.texts
    # per-sentence fluency bands, from the model's sentence scores (the tiny test
    # model is not calibrated, so give its sentences scores of 0-100 here)
    sentences = report[0].scores["sentences"]
    assert sentences and '<a href="#mtqa-d1-s' not in page
    _fake_fluency(report)
    page = render(report, "html")
    assert page.count('class="s flu-') == len(sentences)
    assert page.count('<a href="#mtqa-d1-s') == len(report[0].document.text_sentences())
    assert {"s flu-bad", "s flu-weak", "s flu-good"} <= set(re.findall(r'class="(s flu-\w+)"', page))


def test_overlapping_spans_nest_or_split_and_all_show():
    report = _overlap_report()
    assert len(report.findings) == 9
    found = highlights(render(report, "html"))
    assert found.texts == expected_texts(report[0])
    assert found.article == CLEAN_ARTICLE
    assert any("crossing the outer end" in tip for tip in found.tips.values())


def test_markup_in_an_article_is_text():
    report = mtqa.Checker(checks=[_Markup()], fluency=False).check(mtqa.document_from_text(INJECTION))
    page = render(report, "html")
    found = highlights(page)
    assert "script" not in found.tags and "img" not in found.tags
    assert found.article == INJECTION
    assert "&lt;script&gt;" in page and "onerror=alert(1)&gt;" in page
    assert sorted(found.texts.values()) == sorted(
        f.text for f in report.findings
    ) and len(found.texts) >= 4


def test_a_corpus_report_links_each_document(seed_path):
    report = mtqa.check([seed_path, CLEAN_ARTICLE], fluency=False)
    page = render(report, "html")
    assert '<a href="#mtqa-d1">' in page and '<a href="#mtqa-d2">' in page
    assert 'id="mtqa-d2"' in page and "2 documents checked" in page


# -- in a real browser -------------------------------------------------------


def _chromium() -> str:
    path = os.environ.get("MTQA_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail(
            "the browser tests need Chromium: install it with "
            "`sudo apt-get update && sudo apt-get install -y chromium` (Debian/Ubuntu), "
            "or point $MTQA_CHROMIUM at a Chromium binary",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the browser tests need Playwright: pip install playwright", pytrace=False)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class _Page:
    """A page that records every request and dialog, and lets nothing out."""

    def __init__(self, browser, path: Path):
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": 1100, "height": 1300})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", self._dialog)
        self.page.goto(self.url)
        self.page.wait_for_load_state("load")

    def _route(self, route):
        if route.request.url == self.url:
            route.continue_()
        else:
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def outside_requests(self) -> list[str]:
        return [u for u in self.requests if u != self.url and not u.startswith("data:")]

    def highlighted(self) -> dict[str, str]:
        """The text under each finding's pieces, tooltips left out, as the browser sees it."""
        return self.page.evaluate(
            """() => {
              const texts = {};
              for (const mark of document.querySelectorAll('mark[data-f]')) texts[mark.dataset.f] = '';
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              for (let node; (node = walker.nextNode()); ) {
                if (node.parentElement.closest('.tip')) continue;
                const seen = new Set();
                for (let el = node.parentElement.closest('mark[data-f]'); el;
                     el = el.parentElement && el.parentElement.closest('mark[data-f]')) {
                  if (seen.has(el.dataset.f)) continue;
                  seen.add(el.dataset.f);
                  texts[el.dataset.f] += node.data;
                }
              }
              return texts;
            }"""
        )

    def close(self):
        self.context.close()


def _open(browser, tmp_path: Path, report) -> _Page:
    path = tmp_path / "report.html"
    path.write_text(render(report, "html"), encoding="utf-8")
    return _Page(browser, path)


def _check_visible_and_hover(view: _Page, report) -> None:
    page = view.page
    findings = sorted(report.findings, key=lambda f: f.sort_key())
    for number, finding in enumerate(findings, 1):
        pieces = page.locator(f'mark[data-f="{number}"]')
        assert pieces.count() >= 1, f"finding {number} {finding.code} has no highlight"
        first = pieces.first
        assert first.is_visible(), f"finding {number} {finding.code} is not visible"
        box = first.bounding_box()
        assert box and box["width"] > 0 and box["height"] > 0
        tip = page.locator(f'mark[data-f="{number}"] > .tip').first
        assert not tip.is_visible()
        # hover the first piece where no other highlight covers it
        inner = first.locator("mark[data-f]")
        if inner.count():
            continue
        first.hover()
        assert tip.is_visible(), f"hovering finding {number} {finding.code} shows no message"
        assert finding.message in tip.inner_text()
        if finding.suggestion:
            assert finding.suggestion in tip.inner_text()
        page.mouse.move(0, 0)  # the shown tooltip would count as part of the next target
        assert not tip.is_visible()


def test_seed_report_in_a_browser(browser, tmp_path, seed_path, tiny_model_dir):
    report = mtqa.check(seed_path, model=str(tiny_model_dir))
    _fake_fluency(report)
    view = _open(browser, tmp_path, report)
    try:
        page = view.page
        assert page.title() == f"mtqa report: {report[0].id}"
        body = page.inner_text("body")
        assert f"{len(report.findings)} findings" in body
        assert "Foreign Minister" in body and "See also" in body
        assert view.highlighted() == expected_texts(report[0])
        _check_visible_and_hover(view, report)
        # the fluency band: one cell per sentence
        assert page.locator(".band a").count() == len(report[0].document.text_sentences())
        shot = tmp_path / "report.png"
        page.mouse.move(0, 0)
        page.screenshot(path=str(shot), full_page=True)
        data = shot.read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000
        assert view.outside_requests() == [] and view.dialogs == []
    finally:
        view.close()


def test_overlapping_highlights_in_a_browser(browser, tmp_path):
    report = _overlap_report()
    view = _open(browser, tmp_path, report)
    try:
        assert view.highlighted() == expected_texts(report[0])
        _check_visible_and_hover(view, report)
        # hovering a nested highlight shows its own message, not the outer one's
        nested = [i for i, f in enumerate(sorted(report.findings, key=lambda f: f.sort_key()), 1)
                  if f.message == "an idiom"][0]
        view.page.locator(f'mark[data-f="{nested}"]').first.hover()
        visible = [t for t in view.page.locator(".tip").all() if t.is_visible()]
        assert len(visible) == 1 and "an idiom" in visible[0].inner_text()
        assert view.outside_requests() == [] and view.dialogs == []
    finally:
        view.close()


def test_injected_script_does_not_run(browser, tmp_path):
    report = mtqa.Checker(checks=[_Markup()], fluency=False).check(mtqa.document_from_text(INJECTION))
    assert len(report[0].findings) >= 4
    view = _open(browser, tmp_path, report)
    try:
        page = view.page
        page.wait_for_timeout(300)  # let any (wrongly) injected handler fire
        assert view.dialogs == []
        assert page.evaluate("() => window.__pwned === undefined")
        assert page.evaluate("() => document.scripts.length") == 0
        assert page.evaluate("() => document.images.length") == 0
        body = page.inner_text("body")
        assert "<script>alert(1)</script>" in body and "<img src=x onerror=alert(1)>" in body
        _check_visible_and_hover(view, report)
        page.locator("mark[data-f]").first.hover()
        assert "<b onmouseover=alert(1)>in</b>" in page.locator(".tip").first.inner_text()
        assert view.dialogs == [] and page.evaluate("() => window.__pwned === undefined")
        assert view.outside_requests() == []
        shot = tmp_path / "injection.png"
        page.screenshot(path=str(shot))
        assert shot.read_bytes().startswith(b"\x89PNG")
    finally:
        view.close()


def test_filters_print_suggestions_and_fluency_marks_in_a_browser(browser, tmp_path, seed_path, tiny_model_dir):
    report = mtqa.check(seed_path, model=str(tiny_model_dir))
    _fake_fluency(report)
    view = _open(browser, tmp_path, report)
    try:
        page = view.page
        errors = page.locator("li.f-sev-error")
        warnings = page.locator("li.f-sev-warning")
        assert errors.count() == sum(f.severity == Severity.ERROR for f in report.findings) > 0
        assert errors.first.is_visible() and warnings.first.is_visible()
        error_mark = page.locator("mark.hl-error").first
        before = error_mark.evaluate("el => getComputedStyle(el).backgroundColor")
        # severity filter: hiding errors hides their list items and their highlights' colour
        page.locator(".filters label", has=page.locator("input.show-sev-error")).click()
        assert not page.locator("input.show-sev-error").is_checked()
        assert not errors.first.is_visible() and warnings.first.is_visible()
        assert error_mark.evaluate("el => getComputedStyle(el).backgroundColor") in ("rgba(0, 0, 0, 0)", "transparent")
        page.locator(".filters label", has=page.locator("input.show-sev-error")).click()
        assert errors.first.is_visible()
        assert error_mark.evaluate("el => getComputedStyle(el).backgroundColor") == before
        # family filter
        boilerplate = page.locator("li.f-fam-boilerplate")
        assert boilerplate.first.is_visible()
        page.locator(".filters label", has=page.locator("input.show-fam-boilerplate")).click()
        assert not boilerplate.first.is_visible() and page.locator("li.f-fam-names").first.is_visible()
        # fluency: a quiet mark before weak sentences, nothing under the others
        weak = page.locator("span.s.flu-weak, span.s.flu-bad").first
        assert weak.evaluate("el => getComputedStyle(el, '::before').width") == "3px"
        good = page.locator("span.s.flu-good").first
        assert good.evaluate("el => getComputedStyle(el).borderBottomStyle") in ("none", "")
        # print: the suggestion after its span, the filters gone
        page.emulate_media(media="print")
        suggested = page.locator("mark.first[data-sugg]").first
        content = suggested.evaluate("el => getComputedStyle(el, '::after').content")
        assert suggested.get_attribute("data-sugg") in content
        assert not page.locator(".filters").is_visible()
        assert view.outside_requests() == [] and view.dialogs == []
    finally:
        view.close()


def test_the_findings_list_quotes_the_text_once(seed_path):
    report = mtqa.check(seed_path, fluency=False)
    page = render(report, "html")
    items = page.split('<ol class="findings">', 1)[1].split("</ol>", 1)[0].split("</li>")
    quoted = [item for item in items if "<q>" in item]
    for item in quoted:
        text = re.search(r"<q>(.*?)</q>", item).group(1)
        assert item.count(text) == 1  # the message does not quote it again
    assert len(quoted) < len(items) - 1  # the messages that quote their text are not quoted twice
