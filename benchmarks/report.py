"""Benchmarks of the report and the web app (issue 5 targets).

1. Rendering the HTML report of a 2,000-word article (Python, no browser).
2. Opening that report in headless Chromium (Debian's /usr/bin/chromium, via Playwright):
   from navigation start to the load event, as the browser itself measures it, and the
   wall time of ``page.goto`` until ``load``. Target: under 1 s.
3. ``POST /api/analyze`` latency for an average article, over real HTTP to uvicorn on
   127.0.0.1, the pipeline already loaded (the first, cold call is reported apart).
   Target: under 1 s.

Run: ``python -m benchmarks.report [--runs 20] [--set pipeline.stages='["metadata"]']``
"""

from __future__ import annotations

import argparse
import platform
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

from spinscope.report.html import render_html
from spinscope.report.samples import long_article

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "state-media-commentary.txt"


def _summary(name: str, seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p90 = ms[min(len(ms) - 1, int(round(0.9 * (len(ms) - 1))))]
    return (
        f"{name:<46} n={len(ms):<3} median {statistics.median(ms):8.1f} ms   "
        f"p90 {p90:8.1f} ms   max {ms[-1]:8.1f} ms"
    )


def bench_render(runs: int) -> tuple[str, str]:
    article = long_article(2000)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        page = render_html(article)
        times.append(time.perf_counter() - start)
    words = len(article.text.split())
    info = f"article: {words} words, {len(article.techniques)} technique spans, page {len(page):,} bytes"
    return _summary("render_html (2,000 words)", times), info


def bench_open(runs: int) -> list[str]:
    if not Path("/usr/bin/chromium").exists():
        return ["chromium: skipped, /usr/bin/chromium is missing (run: make browser)"]
    from playwright.sync_api import sync_playwright

    html = render_html(long_article(2000))
    folder = Path(tempfile.mkdtemp(prefix="spinscope-bench-"))
    path = folder / "report.html"
    path.write_text(html, encoding="utf-8")
    wall, load = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            start = time.perf_counter()
            page.goto(path.as_uri(), wait_until="load")
            wall.append(time.perf_counter() - start)
            timing = page.evaluate(
                "(() => { const n = performance.getEntriesByType('navigation')[0];"
                " return n.loadEventEnd - n.startTime; })()"
            )
            load.append(timing / 1000)
            context.close()
        browser.close()
    return [
        _summary("chromium: navigation start -> load end", load),
        _summary("chromium: page.goto wall time until load", wall),
    ]


def bench_analyze(runs: int, overrides: list[str]) -> list[str]:
    import httpx
    import uvicorn

    from spinscope.config import load_settings
    from spinscope.web import create_app

    settings = load_settings(None, overrides)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings=settings), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    text = EXAMPLE.read_text(encoding="utf-8")
    times = []
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
        start = time.perf_counter()
        first = client.post("/api/analyze", json={"text": text})
        cold = time.perf_counter() - start
        first.raise_for_status()
        stages = first.json()["stages"]
        for run in range(runs):
            # A different closing line each time: the same text would hit the parse cache.
            varied = text.replace("Related News", f"Request number {run}.\n\nRelated News")
            start = time.perf_counter()
            client.post("/api/analyze", json={"text": varied}).raise_for_status()
            times.append(time.perf_counter() - start)
    server.should_exit = True
    thread.join(timeout=10)
    return [
        f"article: {EXAMPLE.name}, {len(text.split())} words; stages: {', '.join(stages)}",
        _summary("POST /api/analyze, first call (loads pipeline)", [cold]),
        _summary("POST /api/analyze, warm", times),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        help="settings override for the analysis, e.g. pipeline.stages='[\"metadata\"]'",
    )
    args = parser.parse_args()
    print(
        f"spinscope report/web benchmarks — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"Python {platform.python_version()}, {platform.machine()}"
    )
    line, info = bench_render(args.runs)
    print(info)
    print(line)
    for line in bench_open(args.runs):
        print(line)
    for line in bench_analyze(args.runs, args.overrides):
        print(line)


if __name__ == "__main__":
    main()
