"""The web app (the ``web`` extra): ``create_app(db_path=None, token=None)``.

>>> from spinscope.web import create_app
>>> app = create_app("spinscope.db")   # serve it with uvicorn, or: spinscope serve --db spinscope.db
"""

from __future__ import annotations

from typing import Any

from spinscope.errors import MissingExtraError

__all__ = ["check_bind", "create_app"]


def create_app(*args: Any, **kwargs: Any) -> Any:
    """Build the FastAPI app; see ``spinscope.web.app.create_app`` for the arguments.

    Raises:
        MissingExtraError: FastAPI is not installed.
    """
    try:
        from spinscope.web.app import create_app as build
    except ImportError as e:
        raise MissingExtraError("the web app", "web") from e
    return build(*args, **kwargs)


def check_bind(host: str, token: str | None) -> None:
    """Refuse to listen beyond localhost without a token (raises ConfigError)."""
    from spinscope.web.app import check_bind as check

    check(host, token)
