"""The web app: analyse pasted or uploaded articles, browse a corpus, and a REST API.

``create_app(db_path=None, token=None)`` builds the FastAPI app. Security, since
article text and every request are untrusted:

- every page and report escapes what it shows, and every response carries a
  Content-Security-Policy that allows no script and no remote source;
- requests larger than ``max_request_bytes`` get 413, malformed ones a 422 that
  says what is wrong;
- with a ``token``, every endpoint that analyses or writes needs it
  (``Authorization: Bearer TOKEN``, or the form's token field); without one the
  app only answers requests addressed to localhost (no DNS rebinding), and
  cross-site form posts are refused. ``spinscope serve`` refuses to listen
  beyond localhost without a token (see ``check_bind``).
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import threading
from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.datastructures import UploadFile

from spinscope.article import Article
from spinscope.config import Settings, load_settings
from spinscope.errors import ConfigError, InputError, SpinscopeError, StoreError
from spinscope.report.html import report_css
from spinscope.web import pages

__all__ = ["DEFAULT_MAX_REQUEST_BYTES", "check_bind", "create_app"]

log = logging.getLogger(__name__)

DEFAULT_MAX_REQUEST_BYTES = 5_000_000
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "testserver"})
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
STAT_NAMES = ("techniques", "stance", "actor_pairs", "scare_quotes", "articles")
_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_META_FIELDS = ("title", "outlet", "published", "url", "language")
_BOOLEANS = {
    "true": True,
    "on": True,
    "1": True,
    "yes": True,
    "false": False,
    "off": False,
    "0": False,
    "no": False,
    "": False,
}

ASGIApp = Callable[
    [dict, Callable[[], Awaitable[dict]], Callable[[dict], Awaitable[None]]], Awaitable[None]
]


def is_local(host: str) -> bool:
    """Whether ``host`` is a loopback name or address."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to listen beyond localhost without a token.

    Raises:
        ConfigError: ``host`` is not a loopback address and no token is given.
    """
    if not is_local(host) and not token:
        raise ConfigError(
            f"refusing to serve on {host} without a token: anyone who can reach it could make it "
            "analyse or store articles; pass --token or set SPINSCOPE_TOKEN, or bind to 127.0.0.1"
        )


# ---------------------------------------------------------------------------- middleware


class _TooLarge(Exception):
    pass


def _plain_response(status: int, detail: str) -> tuple[dict, dict]:
    body = json.dumps({"detail": detail}).encode()
    start = {
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ],
    }
    return start, {"type": "http.response.body", "body": body}


class GuardMiddleware:
    """Size limit (413), localhost-only Host header without a token, no cross-site posts, headers."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, local_only: bool) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.local_only = local_only

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        problem = self._refuse(scope, headers)
        if problem is not None:
            for message in _plain_response(*problem):
                await send(message)
            return
        received = 0
        started = False

        async def limited_receive() -> dict:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge
            return message

        async def secure_send(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                extra = [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                    (b"x-frame-options", b"DENY"),
                ]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, limited_receive, secure_send)
        except _TooLarge:
            if started:
                raise
            for message in _plain_response(413, self._too_large()):
                await send(message)

    def _too_large(self) -> str:
        return (
            f"the request is larger than this server's {self.max_bytes:,}-byte limit; "
            "send a shorter article or start the server with a larger --max-request-bytes"
        )

    def _refuse(self, scope: dict, headers: Mapping[str, str]) -> tuple[int, str] | None:
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            return 413, self._too_large()
        host = headers.get("host", "")
        hostname = urlsplit(f"//{host}").hostname or ""
        if self.local_only and hostname not in LOCAL_HOSTS and not is_local(hostname):
            return 421, (
                f"this server answers only requests addressed to localhost, not {host!r}; "
                "start it with --token to serve other hosts"
            )
        origin = headers.get("origin")
        unsafe = scope["method"] not in ("GET", "HEAD", "OPTIONS")
        # "null" is what sandboxed frames and redirects send: never same-site.
        cross_site = (
            origin is not None and (origin == "null" or urlsplit(origin).netloc != host)
        ) or (origin is None and headers.get("sec-fetch-site") == "cross-site")
        if unsafe and cross_site:
            return (
                403,
                f"cross-site request from {origin or 'another site'} refused; "
                "use the page served by this host",
            )
        return None


# ---------------------------------------------------------------------------- models


class ArticleSummaryModel(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    words: int
    snippet: str = Field(description="The match between « and », or the opening words.")
    techniques: int


class SearchResponse(BaseModel):
    results: list[ArticleSummaryModel]
    limit: int
    offset: int


class StatsResponse(BaseModel):
    name: str
    params: dict[str, Any]
    rows: list[dict[str, Any]]


class ErrorModel(BaseModel):
    detail: Any


_ARTICLE_SCHEMA = {
    "type": "object",
    "description": "Article.to_dict(): the article JSON (see spinscope/schema/article.schema.json).",
    "required": ["schema", "id", "text", "meta"],
    "properties": {
        "schema": {"type": "string"},
        "id": {"type": "string"},
        "text": {"type": "string"},
    },
}
_ANALYZE_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["text"],
                "properties": {
                    "text": {
                        "type": "string",
                        "minLength": 1,
                        "description": "The article: a title line, then the body.",
                    },
                    **{f: {"type": ["string", "null"]} for f in _META_FIELDS},
                    "store": {"type": "boolean", "default": False},
                },
            }
        },
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {
                    "text": {"type": "string"},
                    "file": {"type": "string", "format": "binary"},
                    **{f: {"type": "string"} for f in _META_FIELDS},
                    "store": {"type": "boolean"},
                },
            }
        },
    },
}


def _error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    text = {
        401: "A token is required (Authorization: Bearer TOKEN)",
        404: "Not found, or this server has no corpus",
        413: "The request is too large",
        415: "Unsupported content type",
        422: "The request is malformed; the detail says what to fix",
    }
    return {code: {"model": ErrorModel, "description": text[code]} for code in codes}


# ---------------------------------------------------------------------------- app


def create_app(
    db_path: str | Path | None = None,
    token: str | None = None,
    *,
    settings: Settings | None = None,
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES,
    corpus_factory: Callable[[bool], Any] | None = None,
) -> FastAPI:
    """The spinscope web app.

    Args:
        db_path: a corpus database to search, show and add to; None serves analysis only.
        token: when set, analysing and writing need it; when None, only requests
            addressed to localhost are answered.
        settings: analysis settings (default: the shipped defaults and the user's file).
        max_request_bytes: larger requests get 413.
        corpus_factory: ``readonly -> corpus`` to use instead of opening ``db_path``
            (tests, other stores); the result must be a context manager.

    Raises:
        StoreError: ``db_path`` cannot be opened as a corpus.
    """
    settings = settings if settings is not None else load_settings()
    if corpus_factory is None and db_path is not None:
        from spinscope.store import Corpus

        path = Path(db_path)
        Corpus(path).close()  # create and migrate once, so that read-only opens work
        corpus_factory = lambda readonly: Corpus(path, readonly=readonly)  # noqa: E731
    has_corpus = corpus_factory is not None
    state = _State(settings, token, corpus_factory, max_request_bytes)

    app = FastAPI(
        title="spinscope API",
        version="1",
        description="Analyse articles (persuasion techniques, actors, stance, events, quotes) and "
        "search a corpus of analysed articles.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.add_middleware(GuardMiddleware, max_bytes=max_request_bytes, local_only=token is None)

    def html(body: str, status: int = 200) -> HTMLResponse:
        return HTMLResponse(body, status_code=status)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse(
                {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
            )
        titles = {401: "Token needed", 404: "Not found", 413: "Too large", 422: "Cannot do that"}
        page = pages.error_page(
            titles.get(exc.status_code, "Error"), str(exc.detail), has_corpus=has_corpus
        )
        return HTMLResponse(page, status_code=exc.status_code, headers=exc.headers)

    # -- pages ---------------------------------------------------------------------------

    @app.get("/", include_in_schema=False)
    def home() -> HTMLResponse:
        return html(
            pages.analyze_page(
                has_corpus=has_corpus, needs_token=token is not None, max_bytes=max_request_bytes
            )
        )

    @app.post("/analyze", include_in_schema=False)
    async def analyze_form(request: Request) -> HTMLResponse:
        form: dict[str, Any] = {}
        try:
            form = await _read_form(request)
            if token is not None and not _same(str(form.get("token") or ""), token):
                raise HTTPException(401, "the access token is missing or wrong")
            article, stored = await run_in_threadpool(state.analyze, form)
        except HTTPException as e:
            pasted = form.get("text")
            text = pasted if isinstance(pasted, str) else ""
            page = pages.analyze_page(
                has_corpus=has_corpus,
                needs_token=token is not None,
                max_bytes=max_request_bytes,
                error=str(e.detail),
                text=text,
            )
            return html(page, e.status_code)
        return html(pages.report_page(article, has_corpus=has_corpus, stored=stored))

    @app.get("/articles", include_in_schema=False)
    def search_html(request: Request) -> HTMLResponse:
        state.need_corpus()
        raw = {k: v.strip() for k, v in request.query_params.items()}
        filters = {
            k: raw.get(k) or None
            for k in ("q", "outlet", "since", "until", "technique", "actor", "stance", "event_type")
        }
        limit = 20
        try:
            offset = max(0, min(int(raw.get("offset") or 0), 1_000_000))
            results = state.search(filters, limit, offset)
            error = None
        except (ValueError, HTTPException) as e:
            offset, results = 0, []
            error = e.detail if isinstance(e, HTTPException) else f"offset must be a number: {e}"
        status = 422 if error else 200
        return html(
            pages.search_page(filters, results, limit=limit, offset=offset, error=error), status
        )

    @app.get("/articles/{article_id}", include_in_schema=False)
    def article_html(article_id: str) -> HTMLResponse:
        article = state.get(article_id)
        return html(pages.article_page(article, has_corpus=True))

    @app.get("/dashboard", include_in_schema=False)
    def dashboard(technique: str | None = None, actor: str | None = None) -> HTMLResponse:
        state.need_corpus()
        technique = technique or None
        actor = (actor or "").strip() or None
        with state.corpus() as corpus:
            technique_rows = corpus.stats("techniques", by="outlet_month")
            stance_rows = corpus.stats("stance", actor=actor, by="outlet_month") if actor else []
            outlets = sorted(
                {r["outlet"] for r in corpus.stats("techniques", by="outlet") if r.get("outlet")}
            )
            total = corpus.count()
        return html(
            pages.dashboard_page(
                technique_rows,
                stance_rows,
                technique=technique,
                actor=actor,
                outlets=outlets,
                total=total,
            )
        )

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return html(pages.docs_page(app.openapi(), has_corpus=has_corpus))

    @app.get("/static/report.css", include_in_schema=False)
    def css_report() -> Response:
        return Response(report_css(), media_type="text/css")

    @app.get("/static/app.css", include_in_schema=False)
    def css_app() -> Response:
        text = resources.files("spinscope.web").joinpath("app.css").read_text(encoding="utf-8")
        return Response(text, media_type="text/css")

    # -- API -----------------------------------------------------------------------------

    @app.post(
        "/api/analyze",
        summary="Analyse one article",
        description='Send the text as JSON ({"text": ...}) or a form (text, or an uploaded file); '
        "get the analysed article's JSON back. With store=true it is also added to the corpus.",
        openapi_extra={"requestBody": _ANALYZE_BODY},
        responses={
            200: {
                "description": "The analysed article",
                "content": {"application/json": {"schema": _ARTICLE_SCHEMA}},
            },
            **_error_responses(401, 404, 413, 415, 422),
        },
    )
    async def api_analyze(request: Request) -> JSONResponse:
        state.check_header_token(request)
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type == "application/json":
            body = await request.body()
            try:
                payload = json.loads(body)
            except (UnicodeDecodeError, json.JSONDecodeError) as e:
                raise HTTPException(422, f"the body is not valid JSON: {e}") from e
            if not isinstance(payload, dict):
                raise HTTPException(422, 'the JSON body must be an object such as {"text": "..."}')
        elif content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
            payload = await _read_form(request)
        else:
            raise HTTPException(
                415, 'send application/json ({"text": ...}) or multipart/form-data (text or file)'
            )
        article, stored = await run_in_threadpool(state.analyze, payload)
        headers = (
            {} if stored is None else {"X-Spinscope-Stored": "added" if stored else "duplicate"}
        )
        return JSONResponse(article.to_dict(), headers=headers)

    @app.get(
        "/api/articles",
        response_model=SearchResponse,
        summary="Search the corpus",
        responses=_error_responses(404, 422),
    )
    def api_search(
        q: str | None = Query(
            None, max_length=500, description='Words, "phrases", OR, NOT, prefix*'
        ),
        outlet: str | None = Query(None, max_length=200),
        since: str | None = Query(None, pattern=_DATE, description="Earliest date, ISO 8601"),
        until: str | None = Query(None, pattern=_DATE, description="Latest date, ISO 8601"),
        technique: str | None = Query(None, max_length=100),
        actor: str | None = Query(None, max_length=200, description="Actor id, e.g. JPN"),
        stance: Literal["negative", "neutral", "positive"] | None = Query(
            None, description="Toward actor"
        ),
        event_type: str | None = Query(None, max_length=50),
        limit: int = Query(50, ge=1, le=200),
        offset: int = Query(0, ge=0, le=1_000_000),
    ) -> SearchResponse:
        filters = {
            "q": q,
            "outlet": outlet,
            "since": since,
            "until": until,
            "technique": technique,
            "actor": actor,
            "stance": stance,
            "event_type": event_type,
        }
        results = state.search(filters, limit, offset)
        return SearchResponse(
            results=[ArticleSummaryModel(**_summary(r)) for r in results],
            limit=limit,
            offset=offset,
        )

    @app.get(
        "/api/articles/{article_id}",
        summary="One stored article, every layer",
        responses={
            200: {
                "description": "The article",
                "content": {"application/json": {"schema": _ARTICLE_SCHEMA}},
            },
            **_error_responses(404),
        },
    )
    def api_article(article_id: str) -> JSONResponse:
        return JSONResponse(state.get(article_id).to_dict())

    @app.get(
        "/api/stats",
        response_model=StatsResponse,
        summary="Corpus statistics",
        responses=_error_responses(404, 422),
    )
    def api_stats(
        name: Literal["techniques", "stance", "actor_pairs", "scare_quotes", "articles"] = Query(
            ..., description="Which statistic"
        ),
        by: Literal["outlet", "month", "outlet_month"] | None = Query(None),
        outlet: str | None = Query(None, max_length=200),
        actor: str | None = Query(
            None, max_length=200, description="Actor id (required for stance)"
        ),
        event_type: str | None = Query(None, max_length=50),
        limit: int = Query(20, ge=1, le=500),
    ) -> StatsResponse:
        params: dict[str, Any]
        if name in ("techniques", "articles"):
            params = {"by": by or ("outlet" if name == "techniques" else "month"), "outlet": outlet}
        elif name == "stance":
            if not actor:
                raise HTTPException(422, "the stance statistic needs an actor id, e.g. actor=JPN")
            params = {"actor": actor, "by": by or "month"}
        elif name == "actor_pairs":
            params = {"event_type": event_type, "limit": limit}
        else:
            params = {"limit": limit}
        state.need_corpus()
        with state.corpus() as corpus:
            try:
                rows = corpus.stats(name, **params)
            except StoreError as e:
                raise HTTPException(422, str(e)) from e
        return StatsResponse(name=name, params=params, rows=rows)

    return app


def _summary(item: Any) -> dict[str, Any]:
    fields = ("id", "title", "outlet", "published", "words", "snippet", "techniques")
    return {f: getattr(item, f) for f in fields}


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


async def _read_form(request: Request) -> dict[str, Any]:
    try:
        form = await request.form(max_files=1, max_fields=20)
    except _TooLarge:
        raise
    except Exception as e:  # the multipart parser's errors have no common base class
        raise HTTPException(422, f"the form cannot be read: {e}") from e
    out: dict[str, Any] = {}
    for key, value in form.multi_items():
        if isinstance(value, UploadFile):
            if value.filename or value.size:
                out[key] = (value.filename or "upload.txt", await value.read())
        else:
            out[key] = value
    return out


class _State:
    """What the endpoints share: settings, the pipeline (loaded once), the corpus factory."""

    def __init__(
        self, settings: Settings, token: str | None, corpus_factory: Any, max_bytes: int
    ) -> None:
        self.settings = settings
        self.token = token
        self.corpus_factory = corpus_factory
        self.max_bytes = max_bytes
        self._pipeline: Any = None
        self._lock = threading.Lock()

    def check_header_token(self, request: Request) -> None:
        if self.token is None:
            return
        header = request.headers.get("authorization", "")
        given = header[7:].strip() if header.lower().startswith("bearer ") else ""
        given = given or request.headers.get("x-spinscope-token", "")
        if not _same(given, self.token):
            raise HTTPException(
                401,
                "this server needs a token to analyse or write: send Authorization: Bearer TOKEN",
                headers={"WWW-Authenticate": "Bearer"},
            )

    def need_corpus(self) -> None:
        if self.corpus_factory is None:
            raise HTTPException(
                404, "this server has no corpus; start it with: spinscope serve --db FILE"
            )

    @contextmanager
    def corpus(self, readonly: bool = True) -> Iterator[Any]:
        self.need_corpus()
        with self.corpus_factory(readonly) as corpus:
            yield corpus

    def get(self, article_id: str) -> Article:
        with self.corpus() as corpus:
            article = corpus.get(article_id)
        if article is None:
            raise HTTPException(
                404, f"no article with id {article_id!r} in the corpus; search at /articles"
            )
        return article

    def search(self, filters: Mapping[str, Any], limit: int, offset: int) -> list[Any]:
        import re

        for key in ("since", "until"):
            if filters.get(key) and not re.match(_DATE, filters[key]):
                raise HTTPException(422, f"{key} must be a date like 2023, 2023-07 or 2023-07-06")
        if filters.get("stance") and filters["stance"] not in pages.STANCES:
            raise HTTPException(422, "stance must be negative, neutral or positive")
        with self.corpus() as corpus:
            try:
                return corpus.search(
                    filters.get("q"),
                    outlet=filters.get("outlet"),
                    since=filters.get("since"),
                    until=filters.get("until"),
                    technique=filters.get("technique"),
                    actor=filters.get("actor"),
                    stance=filters.get("stance"),
                    event_type=filters.get("event_type"),
                    limit=limit,
                    offset=offset,
                )
            except StoreError as e:
                raise HTTPException(422, str(e)) from e

    def pipeline(self) -> Any:
        with self._lock:
            if self._pipeline is None:
                from spinscope.api import load_pipeline

                self._pipeline = load_pipeline(self.settings)
            return self._pipeline

    def analyze(self, payload: Mapping[str, Any]) -> tuple[Article, bool | None]:
        """Analyse a JSON or form payload; store it when asked. Runs in a worker thread."""
        article = self._article(payload)
        for key in _META_FIELDS:
            value = payload.get(key)
            if value is not None and not isinstance(value, str):
                raise HTTPException(422, f"{key} must be a string")
            if value and value.strip():
                setattr(article.meta, key, value.strip())
        store = payload.get("store", False)
        if isinstance(store, str) and store.strip().lower() in _BOOLEANS:
            store = _BOOLEANS[store.strip().lower()]
        if not isinstance(store, bool):
            raise HTTPException(422, "store must be true or false")
        pipeline = self.pipeline()
        with self._lock:
            try:
                article = pipeline(article)
            except SpinscopeError as e:
                log.exception("analysis failed")
                raise HTTPException(500, f"the analysis failed: {e}") from e
        if not store:
            return article, None
        if self.corpus_factory is None:
            raise HTTPException(422, "store=true needs a corpus; start the server with --db FILE")
        with self.corpus(readonly=False) as corpus:
            result = corpus.add_articles([article])
        return article, bool(result.added)

    def _article(self, payload: Mapping[str, Any]) -> Article:
        from spinscope.ingest import IngestOptions, article_from_text, format_for_path, iter_bytes

        text, upload = payload.get("text"), payload.get("file")
        if isinstance(text, str) and not text.strip():
            text = None
        if upload == "":
            upload = None  # a form whose file field was left empty
        if text is not None and upload is not None:
            raise HTTPException(422, "send either text or a file, not both")
        if upload is not None:
            if not isinstance(upload, tuple):
                raise HTTPException(422, "file must be an uploaded file (multipart/form-data)")
            name, data = upload
            name = Path(str(name)).name or "upload.txt"
            options = IngestOptions.from_settings(self.settings, max_bytes=self.max_bytes)
            items = list(iter_bytes(data, name, options, format_for_path(name)))
            if len(items) != 1:
                raise HTTPException(422, f"{name} holds {len(items)} articles; send one at a time")
            if isinstance(items[0], InputError):
                raise HTTPException(422, str(items[0]))
            return items[0]
        if text is None:
            raise HTTPException(
                422, 'send the article as "text" (JSON or form field) or as an uploaded "file"'
            )
        if not isinstance(text, str):
            raise HTTPException(422, "text must be a string")
        try:
            return article_from_text(text, "<text>")
        except InputError as e:
            raise HTTPException(422, str(e)) from e
