from __future__ import annotations

from pathlib import Path

from spinscope.config import load_settings
from spinscope.errors import InputError
from spinscope.ingest import IngestOptions, iter_documents
from spinscope.ingest.records import RecordFields, parse_json


def options(**explicit: object) -> IngestOptions:
    return IngestOptions.from_settings(load_settings(), **explicit)


def test_records_jsonl_bad_line_reported_good_lines_kept(fixtures: Path) -> None:
    items = list(iter_documents([fixtures / "records.jsonl"], options()))
    assert len(items) == 3
    good = [i for i in items if not isinstance(i, InputError)]
    bad = [i for i in items if isinstance(i, InputError)]
    assert [a.meta.title for a in good] == ["Dam talks resume", "Harvest outlook improves"]
    assert len(bad) == 1 and bad[0].source.endswith("records.jsonl:2")
    assert "line 2 is not valid JSON" in str(bad[0])
    first = good[0]
    assert first.meta.outlet == "River Post"
    assert first.meta.authors == ["Lena Fischer"]
    assert first.meta.published == "2024-04-01"
    assert first.meta.extra == {"section": "world"}
    assert (
        first.text
        == "Negotiators returned to the table on Monday after a two-week pause.\n\nBoth sides said progress was possible."
    )
    assert good[1].meta.published == "2024-04-02T08:00:00+00:00"


def test_records_csv_with_multiline_cells_and_empty_text(fixtures: Path) -> None:
    items = list(iter_documents([fixtures / "records.csv"], options()))
    article, error = items
    assert article.meta.title == "Fishing quota dispute"
    assert article.meta.authors == ["Ida Berg", "Omar Haddad"]
    assert "\n\nA new round" in article.text
    assert isinstance(error, InputError) and "--text-field" in str(error)


def test_records_explicit_field_mapping(tmp_path: Path) -> None:
    path = tmp_path / "custom.jsonl"
    path.write_text(
        '{"story": "The council voted to keep the library open.", "hed": "Library stays", "when": "2024-01-05"}\n'
    )
    (article,) = iter_documents(
        [path], options(text_field="story", title_field="hed", date_field="when")
    )
    assert not isinstance(article, InputError)
    assert (article.meta.title, article.meta.published) == ("Library stays", "2024-01-05")


def test_records_json_array_reports_index_of_bad_record() -> None:
    results = list(parse_json('[{"text": "One good record here."}, 42]', "a.json", RecordFields()))
    assert isinstance(results[1], InputError) and results[1].source == "a.json[1]"
