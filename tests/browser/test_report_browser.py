"""The report and the app in a real browser: highlights, tooltips, filters, hostile text, the form."""

from __future__ import annotations

from pathlib import Path

from spinscope.report.html import render_html
from spinscope.report.samples import HOSTILE_TEXT, hostile_article, sample_article

INJECTED = (
    "script, iframe, img, object, embed, meta[http-equiv=refresh], #injected, "
    "[onerror], [onload], [onclick], [onmouseover], a[href^='javascript']"
)


def _open_report(page, tmp_path: Path, article, name: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"{name}.html"
    path.write_text(render_html(article), encoding="utf-8")
    page.goto(path.as_uri())


def test_browser_report_highlights_and_tooltips(page, tmp_path: Path, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    article = sample_article()
    _open_report(page, tmp_path, article, "sample")
    marks = page.locator("mark.ss-seg")
    assert marks.count() > len(article.techniques) - 1
    first = marks.first
    tip = first.locator(".ss-tip")
    assert not tip.is_visible()
    first.hover()
    assert tip.is_visible()
    assert "confidence" in tip.inner_text() and "source:" in tip.inner_text()
    page.mouse.move(0, 0)
    assert not tip.is_visible()
    # Keyboard: Tab from the top reaches a highlight, whose tooltip then shows.
    page.locator("body").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('ss-seg')"):
            break
    focused = page.locator("mark.ss-seg:focus")
    assert focused.count() == 1
    assert focused.locator(".ss-tip").is_visible()
    described = page.evaluate(
        "document.getElementById(document.activeElement.getAttribute('aria-describedby')).textContent"
    )
    assert "confidence" in described
    page.screenshot(path=str(artifacts / "report-tooltip.png"), full_page=True)


def test_browser_report_overlap_shows_both_underlines(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _open_report(page, tmp_path, sample_article(), "overlap")
    segment = page.locator("mark.ss-seg[data-techniques*='Loaded_Language']")
    widths = segment.locator(".ss-u").evaluate_all(
        "els => els.map(e => [getComputedStyle(e).borderBottomWidth, getComputedStyle(e).borderBottomColor])"
    )
    assert len(widths) == 2
    assert all(w != "0px" for w, _ in widths)
    assert widths[0][1] != widths[1][1]  # two colours, one per technique


def test_browser_report_filters_by_technique_with_the_keyboard(
    page, tmp_path: Path, artifacts: Path
) -> None:  # type: ignore[no-untyped-def]
    _open_report(page, tmp_path, sample_article(), "filters")
    box = page.locator("input.ss-filter[data-technique='Doubt']")
    underline = page.locator("mark[data-techniques='Doubt'] .ss-u")
    row_count = page.locator(".ss-spans tbody tr:visible").count()
    before = underline.evaluate("e => getComputedStyle(e).borderBottomColor")
    box.focus()
    page.keyboard.press("Space")
    assert not box.is_checked()
    after = underline.evaluate("e => getComputedStyle(e).borderBottomColor")
    assert before != after and after == "rgba(0, 0, 0, 0)"
    assert page.locator(".ss-spans tbody tr:visible").count() == row_count - 1
    assert not page.locator("mark[data-techniques='Doubt'] .ss-lab").is_visible()
    page.screenshot(path=str(artifacts / "report-filtered.png"))
    page.keyboard.press("Space")
    assert underline.evaluate("e => getComputedStyle(e).borderBottomColor") == before


def test_browser_report_prints_without_controls(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _open_report(page, tmp_path, sample_article(), "print")
    page.emulate_media(media="print")
    assert not page.locator("input.ss-filter").first.is_visible()
    page.locator("mark.ss-seg").first.focus()
    assert not page.locator("mark.ss-seg:focus .ss-tip").is_visible()
    assert page.locator(".ss-actors-table").is_visible()


def test_browser_hostile_report_runs_nothing(page, tmp_path: Path, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    article = hostile_article()
    _open_report(page, tmp_path, article, "hostile")
    for mark in page.locator("mark.ss-seg").all():
        mark.hover()
    page.wait_for_timeout(300)
    assert page.dialogs == []
    assert page.title().startswith("<script>alert('title')</script><b>Hostile</b>")
    assert page.locator(INJECTED).count() == 0
    text = page.locator(".ss-body").inner_text()
    assert "<script>alert('xss-1')</script>" in text and "<style>body{display:none}</style>" in text
    assert page.locator(".ss-body").is_visible()
    page.screenshot(path=str(artifacts / "report-hostile.png"), full_page=True)


def test_browser_app_paste_text_and_see_the_report(page, live_app: str, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_app + "/")
    page.fill(
        "textarea[name=text]",
        "Pasted headline\n\nThe first paragraph of the pasted article.\n\nAnd a second one.",
    )
    page.fill("input[name=outlet]", "Example Daily")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Pasted headline"
    assert "Example Daily" in page.locator(".ss-meta").inner_text()
    assert "The first paragraph of the pasted article." in page.locator(".ss-body").inner_text()
    page.screenshot(path=str(artifacts / "app-report.png"), full_page=True)


def test_browser_app_hostile_paste_runs_nothing(page, live_app: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_app + "/")
    page.fill("textarea[name=text]", "Hostile headline\n\n" + HOSTILE_TEXT)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    for mark in page.locator("b, mark").all()[:10]:
        mark.hover()
    page.wait_for_timeout(300)
    assert page.dialogs == []
    assert page.locator(INJECTED).count() == 0
    assert "<script>alert('xss-1')</script>" in page.locator(".ss-body").inner_text()


def test_browser_app_search_and_dashboard(page, live_app: str, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_app + "/articles")
    page.fill("input[name=q]", "NATO")
    page.select_option("select[name=stance]", "negative")
    page.fill("input[name=actor]", "JPN")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    results = page.locator("ol.ss-results > li")
    assert results.count() > 0
    results.first.locator("a").click()
    page.wait_for_load_state()
    assert page.locator("mark.ss-seg").count() > 0
    page.goto(live_app + "/dashboard?actor=JPN")
    assert page.locator("svg.ss-chart").count() == 2
    assert page.locator("svg.ss-chart polyline").count() >= 4
    page.screenshot(path=str(artifacts / "app-dashboard.png"), full_page=True)


def test_browser_app_upload_a_file(page, live_app: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    upload = tmp_path / "uploaded.html"
    upload.write_text(
        "<html><head><title>Uploaded page</title></head><body><article>"
        "<p>The uploaded page has a first paragraph with enough words in it.</p>"
        "<p>And a second paragraph <script>alert('upload')</script> as well.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    page.goto(live_app + "/")
    page.set_input_files("input[name=file]", str(upload))
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Uploaded page"
    assert "enough words" in page.locator(".ss-body").inner_text()
    assert page.dialogs == []
