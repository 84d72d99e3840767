"""Property tests of the REST API against its own OpenAPI document (schemathesis).

Few examples per operation, so that the suite stays fast; the checks are
schemathesis's defaults (but "valid data is accepted", see below): no server errors, documented status codes and content
types, and responses that match their schemas.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings

from spinscope.report.samples import sample_corpus
from spinscope.store import Corpus
from spinscope.web import create_app


def _app():
    path = Path(tempfile.mkdtemp(prefix="spinscope-schemathesis-")) / "corpus.db"
    with Corpus(path) as corpus:
        corpus.add_articles(sample_corpus(6))
    return create_app(path, max_request_bytes=200_000)


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_schema_conformance(case: schemathesis.Case) -> None:
    # A schema-valid body can still hold no article (a PNG upload, a title with no body):
    # the API answers 422 with the reason, so "valid data must be accepted" does not apply.
    excluded = [schemathesis.checks.positive_data_acceptance]
    if case.media_type == "multipart/form-data":
        # Every form value is a string, so a "wrong type" cannot be sent and cannot be refused.
        excluded.append(schemathesis.checks.negative_data_rejection)
    case.call_and_validate(excluded_checks=excluded)


def test_api_schema_lists_every_endpoint() -> None:
    paths = set(schema.raw_schema["paths"])
    assert paths == {"/api/analyze", "/api/articles", "/api/articles/{article_id}", "/api/stats"}
    analyze = schema.raw_schema["paths"]["/api/analyze"]["post"]
    assert set(analyze["requestBody"]["content"]) == {"application/json", "multipart/form-data"}
    for code in ("413", "422"):
        assert code in analyze["responses"]
