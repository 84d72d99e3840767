"""The JSON Schema of ``Article.to_dict()`` output (``"schema": "spinscope.article/1"``)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from spinscope.errors import InputError

__all__ = ["article_schema", "validate_article_data"]


@cache
def article_schema() -> dict[str, Any]:
    """The schema as a dict."""
    text = resources.files("spinscope.schema").joinpath("article.schema.json").read_text("utf-8")
    return json.loads(text)


def validate_article_data(data: dict[str, Any], source: str = "article data") -> None:
    """Check article data against the schema.

    Raises:
        InputError: naming the first path in the data that does not conform.
    """
    import jsonschema

    validator = jsonschema.Draft202012Validator(article_schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        raise InputError(source, f"does not match the article schema at {where}: {error.message}")
