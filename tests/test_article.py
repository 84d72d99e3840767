from __future__ import annotations

import json

import pytest

from spinscope.article import (
    SCHEMA_VERSION,
    Actor,
    Article,
    ErrorRecord,
    Event,
    Evidence,
    Mention,
    Meta,
    Quote,
    Stance,
    TechniqueSpan,
    TimeExpression,
    content_id,
)
from spinscope.errors import InputError
from spinscope.schema import article_schema, validate_article_data


def full_article() -> Article:
    text = 'Ruritania accused Osterlich of "aggression" in January this year.'
    date = TimeExpression(
        47, 64, "in January this year", "2024-01", "month", "2024-01-01", "2024-01-31"
    )
    return Article(
        text=text,
        meta=Meta(
            title="T",
            outlet="O",
            authors=["A B"],
            published="2024-03-01T10:00:00+01:00",
            extra={"section": "world", "n": 3},
        ),
        techniques=[
            TechniqueSpan(31, 43, "Loaded_Language", 0.8, "model", "intensifier", '"aggression"'),
            TechniqueSpan(32, 42, "Name_Calling,Labeling", 0.4, "rule", "label"),
        ],
        actors=[
            Actor(
                "RUR", "Ruritania", "state", country="RUR", mentions=(Mention(0, 9, "Ruritania"),)
            )
        ],
        dates=[date],
        events=[
            Event(
                "ACCUSE",
                Mention(10, 18, "accused"),
                Mention(0, 65, text),
                ("RUR",),
                ("OST",),
                "asserted",
                date,
                0.9,
                "rule",
                "verb 'accuse'",
            )
        ],
        quotes=[Quote(32, 42, "aggression", "scare", speaker=None)],
        stance=[
            Stance("RUR", -0.5, "negative", (Evidence(10, 18, "accused", "event", -0.3, "why"),))
        ],
        errors=[ErrorRecord("x", "ValueError", "bad")],
        stages=["metadata"],
        extras={"thirdparty": {"k": [1, 2]}},
    )


def test_article_round_trip_is_exact() -> None:
    article = full_article()
    data = article.to_dict()
    assert data["schema"] == SCHEMA_VERSION
    again = Article.from_dict(json.loads(json.dumps(data)))
    assert again == article
    assert again.to_dict() == data


def test_article_id_is_content_hash_of_text() -> None:
    a = Article.from_text("Same text.", title="one")
    b = Article.from_text("Same text.", title="two")
    assert a.id == b.id == content_id("Same text.")
    assert Article.from_text("Other text.").id != a.id


def test_article_from_dict_rejects_other_schema() -> None:
    data = full_article().to_dict()
    data["schema"] = "spinscope.article/0"
    with pytest.raises(InputError, match="schema"):
        Article.from_dict(data)


def test_article_from_dict_rejects_unknown_fields() -> None:
    data = full_article().to_dict()
    data["meta"]["colour"] = "blue"
    with pytest.raises(InputError, match="colour"):
        Article.from_dict(data)


def test_article_schema_accepts_full_article_and_rejects_bad_types() -> None:
    data = full_article().to_dict()
    validate_article_data(data)
    data["techniques"][0]["start"] = "zero"
    with pytest.raises(InputError, match="techniques/0/start"):
        validate_article_data(data)


def test_article_schema_matches_the_data_model() -> None:
    """The shipped schema is what scripts/generate_schema.py builds from the dataclasses."""
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parent.parent / "scripts" / "generate_schema.py"
    spec = importlib.util.spec_from_file_location("generate_schema", script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == article_schema(), "run: python scripts/generate_schema.py"
