"""The web app: the analyse form and API, limits and errors, tokens, corpus pages and API."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from spinscope.article import Article
from spinscope.errors import ConfigError
from spinscope.report.samples import HOSTILE_TEXT
from spinscope.store import Corpus
from spinscope.web import check_bind, create_app

ARTICLE = (
    "Allies meet again\n\n"
    "Officials from both countries met on Tuesday to discuss the so-called partnership.\n\n"
    "Critics called the talks a reckless gamble with regional peace.\n"
)


def test_app_analyze_json_returns_the_article(bare_client: TestClient) -> None:
    response = bare_client.post("/api/analyze", json={"text": ARTICLE, "outlet": "Example Daily"})
    assert response.status_code == 200
    data = response.json()
    article = Article.from_dict(data)
    assert article.meta.title == "Allies meet again"
    assert article.meta.outlet == "Example Daily"
    assert "so-called partnership" in article.text
    assert "metadata" in article.stages


def test_app_analyze_uploaded_file(bare_client: TestClient) -> None:
    page = (
        b"<html><head><title>Uploaded piece</title></head><body><article><p>"
        + b"Words " * 30
        + b"</p></article></body></html>"
    )
    response = bare_client.post("/api/analyze", files={"file": ("piece.html", page, "text/html")})
    assert response.status_code == 200, response.text
    assert response.json()["meta"]["title"] == "Uploaded piece"


@pytest.mark.parametrize(
    ("kwargs", "status", "fragment"),
    [
        ({"json": {}}, 422, 'send the article as "text"'),
        ({"json": {"text": "   "}}, 422, 'send the article as "text"'),
        ({"json": ["not", "an", "object"]}, 422, "must be an object"),
        ({"json": {"text": 42}}, 422, "text must be a string"),
        ({"json": {"text": ARTICLE, "store": "maybe"}}, 422, "store must be true or false"),
        ({"json": {"text": ARTICLE, "title": 5}}, 422, "title must be a string"),
        (
            {"content": b"{broken", "headers": {"content-type": "application/json"}},
            422,
            "not valid JSON",
        ),
        ({"content": b"hello", "headers": {"content-type": "text/plain"}}, 415, "application/json"),
        (
            {"data": {"text": ARTICLE}, "files": {"file": ("a.txt", b"Other\n\nBody text.\n")}},
            422,
            "not both",
        ),
        ({"files": {"file": ("empty.txt", b"   ")}}, 422, "empty"),
        ({"json": {"text": ARTICLE, "store": True}}, 422, "needs a corpus"),
    ],
)
def test_app_analyze_malformed_requests_say_what_to_fix(
    bare_client: TestClient, kwargs: dict, status: int, fragment: str
) -> None:
    response = bare_client.post("/api/analyze", **kwargs)
    assert response.status_code == status
    assert fragment in response.json()["detail"]


def test_app_oversized_requests_get_413() -> None:
    client = TestClient(create_app(max_request_bytes=1000))
    big = {"text": "Title\n\n" + "word " * 400}
    response = client.post("/api/analyze", json=big)
    assert response.status_code == 413
    assert "1,000-byte limit" in response.json()["detail"]

    def chunks():  # no Content-Length: the limit is enforced while reading
        for _ in range(5):
            yield b"x" * 400

    response = client.post(
        "/api/analyze", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    form = client.post("/analyze", data={"text": "Title\n\n" + "word " * 400})
    assert form.status_code == 413


def test_app_every_response_forbids_script(bare_client: TestClient) -> None:
    for path in ("/", "/docs", "/openapi.json", "/static/report.css"):
        response = bare_client.get(path)
        assert response.status_code == 200
        csp = response.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"


def test_app_docs_are_self_contained(bare_client: TestClient) -> None:
    page = bare_client.get("/docs").text
    assert "POST /api/analyze" in page and "GET /api/stats" in page
    assert "cdn" not in page.lower() and "<script" not in page
    assert "http://" not in page and "https://" not in page
    assert bare_client.get("/redoc").status_code == 404


def test_app_form_report_escapes_hostile_text(bare_client: TestClient) -> None:
    response = bare_client.post("/analyze", data={"text": "Hostile\n\n" + HOSTILE_TEXT})
    assert response.status_code == 200
    page = response.text
    assert "<script" not in page and "onerror=" not in page.replace("onerror=&quot;", "")
    assert "&lt;script&gt;alert(&#x27;xss-1&#x27;)&lt;/script&gt;" in page


def test_app_without_token_answers_only_localhost(bare_client: TestClient) -> None:
    response = bare_client.get("/", headers={"host": "evil.example"})
    assert response.status_code == 421
    assert bare_client.get("/", headers={"host": "127.0.0.1:8000"}).status_code == 200
    cross = bare_client.post(
        "/api/analyze", json={"text": ARTICLE}, headers={"origin": "https://evil.example"}
    )
    assert cross.status_code == 403


def test_app_with_token_guards_analysis_not_reading(corpus_db: Path) -> None:
    client = TestClient(create_app(corpus_db, token="s3cret"))
    assert client.post("/api/analyze", json={"text": ARTICLE}).status_code == 401
    wrong = client.post(
        "/api/analyze", json={"text": ARTICLE}, headers={"authorization": "Bearer nope"}
    )
    assert wrong.status_code == 401
    ok = client.post(
        "/api/analyze", json={"text": ARTICLE}, headers={"authorization": "Bearer s3cret"}
    )
    assert ok.status_code == 200
    assert client.post("/analyze", data={"text": ARTICLE}).status_code == 401
    assert client.post("/analyze", data={"text": ARTICLE, "token": "s3cret"}).status_code == 200
    assert 'name="token"' in client.get("/").text
    assert client.get("/api/articles", headers={"host": "example.org"}).status_code == 200


@pytest.mark.parametrize(
    ("host", "token", "refused"),
    [
        ("127.0.0.1", None, False),
        ("localhost", None, False),
        ("::1", None, False),
        ("0.0.0.0", None, True),
        ("192.168.1.5", None, True),
        ("0.0.0.0", "t", False),
    ],
)
def test_app_check_bind_refuses_public_hosts_without_token(
    host: str, token: str | None, refused: bool
) -> None:
    if refused:
        with pytest.raises(ConfigError, match="--token"):
            check_bind(host, token)
    else:
        check_bind(host, token)


def test_app_search_api_filters(client: TestClient, corpus_articles: list[Article]) -> None:
    everything = client.get("/api/articles", params={"limit": 200}).json()
    assert len(everything["results"]) == len(corpus_articles)
    daily = client.get("/api/articles", params={"outlet": "Example Daily"}).json()["results"]
    expected = [a for a in corpus_articles if a.meta.outlet == "Example Daily"]
    assert {r["id"] for r in daily} == {a.id for a in expected}
    hostile = client.get("/api/articles", params={"actor": "JPN", "stance": "negative"}).json()[
        "results"
    ]
    assert {r["id"] for r in hostile} == {
        a.id for a in corpus_articles if a.stance[0].label == "negative"
    }
    hits = client.get("/api/articles", params={"q": '"Variant 3"'}).json()["results"]
    assert hits and hits[0]["title"] == "Sample commentary 4"
    assert "«" in hits[0]["snippet"]
    page = client.get("/api/articles", params={"limit": 5, "offset": 10}).json()
    assert len(page["results"]) == 2


@pytest.mark.parametrize(
    "params",
    [{"since": "July"}, {"stance": "angry"}, {"limit": 0}, {"limit": 1000}, {"offset": -1}],
)
def test_app_search_api_rejects_bad_filters(client: TestClient, params: dict) -> None:
    response = client.get("/api/articles", params=params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_app_article_api_roundtrip(client: TestClient, corpus_articles: list[Article]) -> None:
    article = corpus_articles[2]
    data = client.get(f"/api/articles/{article.id}").json()
    assert Article.from_dict(data).to_dict() == article.to_dict()
    missing = client.get("/api/articles/0000")
    assert missing.status_code == 404 and "no article" in missing.json()["detail"]


def test_app_stats_api(client: TestClient, corpus_articles: list[Article]) -> None:
    rows = client.get("/api/stats", params={"name": "techniques", "by": "outlet"}).json()["rows"]
    total = sum(r["count"] for r in rows)
    assert total == sum(len(a.techniques) for a in corpus_articles)
    stance = client.get("/api/stats", params={"name": "stance", "actor": "JPN"}).json()["rows"]
    months = {r["month"] for r in stance}
    assert months == {a.meta.published[:7] for a in corpus_articles if a.meta.published}
    assert client.get("/api/stats", params={"name": "stance"}).status_code == 422
    assert client.get("/api/stats", params={"name": "nonsense"}).status_code == 422
    bad_by = client.get("/api/stats", params={"name": "stance", "actor": "JPN", "by": "outlet"})
    assert bad_by.status_code == 422 and "by=" in bad_by.json()["detail"]


def test_app_no_corpus_says_how_to_get_one(bare_client: TestClient) -> None:
    response = bare_client.get("/api/articles")
    assert response.status_code == 404
    assert "--db" in response.json()["detail"]
    page = bare_client.get("/dashboard")
    assert (
        page.status_code == 404
        and "--db" in page.text
        and page.headers["content-type"].startswith("text/html")
    )


def test_app_store_adds_to_the_corpus(corpus_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "copy.db"
    shutil.copy(corpus_db, path)
    client = TestClient(create_app(path))
    first = client.post("/api/analyze", json={"text": ARTICLE, "store": True})
    assert first.headers["x-spinscope-stored"] == "added"
    again = client.post("/api/analyze", json={"text": ARTICLE, "store": True})
    assert again.headers["x-spinscope-stored"] == "duplicate"
    with Corpus(path, readonly=True) as corpus:
        assert corpus.get(first.json()["id"]) is not None


def test_app_pages_list_search_and_chart(
    client: TestClient, corpus_articles: list[Article]
) -> None:
    search = client.get("/articles", params={"q": "NATO", "outlet": "Other Times"})
    assert search.status_code == 200
    expected = [a for a in corpus_articles if a.meta.outlet == "Other Times"]
    assert search.text.count('<li><a href="/articles/') == len(expected)
    assert "<mark>NATO</mark>" in search.text
    bad = client.get("/articles", params={"since": "last week"})
    assert bad.status_code == 422 and "since must be a date" in bad.text
    view = client.get(f"/articles/{corpus_articles[0].id}")
    assert view.status_code == 200 and "ss-seg" in view.text
    dash = client.get("/dashboard", params={"actor": "JPN", "technique": "Loaded_Language"})
    assert dash.status_code == 200
    assert dash.text.count("<polyline") >= 2  # one line per outlet in each chart
    assert "Mean stance toward JPN" in dash.text


def test_cli_serve_refuses_a_public_host_without_token(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from spinscope.cli import app

    monkeypatch.delenv("SPINSCOPE_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--port", "1"])
    assert result.exit_code == 1
    assert "refusing to serve on 0.0.0.0 without a token" in result.output
