"""Regenerate spinscope/schema/article.schema.json from the dataclasses in spinscope/article.py.

Run after changing the data model: python scripts/generate_schema.py
A test fails when the schema and the model disagree.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from pathlib import Path

from spinscope import article as model

DESCRIPTIONS = {
    "Article.text": "The normalised body: NFC, \\n line breaks, paragraphs separated by a blank line. "
    "Every offset refers to it.",
    "Article.id": "First 32 hex digits of the SHA-256 of text (content hash); 'failed:' + a hash of "
    "the source for an input that gave no article.",
    "Article.stages": "Names of the stages that ran, in order.",
    "Article.extras": "Free-form output of stages, one key per stage.",
    "Article.errors": "Failures recorded instead of stopping the batch (on_error=record).",
    "Meta.published": "ISO 8601; with UTC offset when known; a bare date when only that is known.",
}


def schema_for(tp: typing.Any, defs: dict[str, typing.Any]) -> dict[str, typing.Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return {"anyOf": [schema_for(inner, defs), {"type": "null"}]}
    if dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = None
            hints = typing.get_type_hints(tp)
            props = {}
            for f in dataclasses.fields(tp):
                s = schema_for(hints[f.name], defs)
                if d := DESCRIPTIONS.get(f"{name}.{f.name}"):
                    s = {**s, "description": d}
                props[f.name] = s
            defs[name] = {
                "type": "object",
                "description": (tp.__doc__ or "").strip().split("\n")[0],
                "properties": props,
                "required": [f.name for f in dataclasses.fields(tp)],
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{name}"}
    if origin in (tuple, list):
        return {"type": "array", "items": schema_for(typing.get_args(tp)[0], defs)}
    if origin is dict:
        return {"type": "object"}
    return {
        str: {"type": "string"},
        int: {"type": "integer"},
        float: {"type": "number"},
        bool: {"type": "boolean"},
    }[tp]


def build() -> dict[str, typing.Any]:
    defs: dict[str, typing.Any] = {}
    schema_for(model.Article, defs)
    article = defs.pop("Article")
    article["properties"] = {
        "schema": {"const": model.SCHEMA_VERSION, "description": "Schema version of this record."},
        **article["properties"],
    }
    article["required"] = ["schema", *article["required"]]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://spinscope.dev/schema/article/1",
        "title": "spinscope article",
        **article,
        "$defs": dict(sorted(defs.items())),
    }


if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "spinscope/schema/article.schema.json"
    out.write_text(json.dumps(build(), indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")
