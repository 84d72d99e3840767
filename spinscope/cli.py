"""The command line: each command checks its arguments and calls one library function.

Only this module prints. A ``SpinscopeError`` becomes a one-line message on
stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from spinscope.api import BatchReport, analyze_many, load_pipeline
from spinscope.article import Article
from spinscope.config import Settings, load_settings
from spinscope.errors import InputError, SpinscopeError
from spinscope.files import atomic_write

__all__ = ["app", "main"]

app = typer.Typer(
    name="spinscope",
    help="Read news and state-media commentary critically: metadata, actors, events, quotes, "
    "stance and persuasion techniques, with the evidence for each.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)

F = TypeVar("F", bound=Callable[..., Any])


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    text = "text"
    html = "html"


class OnErrorChoice(StrEnum):
    record = "record"
    skip = "skip"
    raise_ = "raise"


ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="A TOML settings file merged over the defaults.")
]
SetOption = Annotated[
    list[str] | None,
    typer.Option("--set", help="Override one setting: section.key=value (repeatable)."),
]


def handles_errors(func: F) -> F:
    """Turn a SpinscopeError raised by a command into a one-line message and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SpinscopeError as e:
            raise fail(str(e)) from None

    return wrapper  # type: ignore[return-value]


def _settings(config: Path | None, overrides: list[str] | None) -> Settings:
    return load_settings(config, overrides or [])


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a one-line error and give the exit to raise."""
    err.print(f"[bold red]error:[/] {escape(message)}", markup=True, soft_wrap=True)
    return typer.Exit(code)


def write_output(text: str, output: Path | None) -> None:
    """Print to stdout, or write the file atomically (never half-written)."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    if output.is_dir():
        raise SpinscopeError(f"cannot write {output}: it is a folder; give a file name with -o")
    try:
        with atomic_write(output) as handle:
            handle.write(text)
    except OSError as e:
        raise SpinscopeError(
            f"cannot write {output}: {e.strerror or e}; choose another -o path"
        ) from e


def format_articles(articles: Iterable[Article], fmt: str) -> Iterable[str]:
    """Serialise articles in one of the output formats, lazily for jsonl."""
    if fmt == "jsonl":
        for article in articles:
            yield json.dumps(article.to_dict(), ensure_ascii=False) + "\n"
        return
    items = list(articles)
    if fmt == "json":
        data: Any = items[0].to_dict() if len(items) == 1 else [a.to_dict() for a in items]
        yield json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "text":
        from spinscope.report import render_text

        yield "\n".join(render_text(a) for a in items)
    elif fmt == "html":
        from spinscope.report.html import render_html_many

        yield render_html_many(items)
    else:
        raise SpinscopeError(f"unknown output format {fmt!r}")


def print_report(report: BatchReport) -> None:
    for source, first in report.duplicates:
        err.print(f"[yellow]duplicate:[/] {source} has the same text as {first}; analysed once")
    for source, message in report.failures:
        err.print(f"[red]failed:[/] {source}: {message}", soft_wrap=True)
    if report.failures:
        err.print(
            f"{report.analysed} analysed, {len(report.failures)} failed, "
            f"{len(report.duplicates)} duplicates"
        )


@app.command()
@handles_errors
def analyze(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders, or - for stdin.", show_default=False)
    ],
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.json,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    input_format: Annotated[
        str, typer.Option(help="auto, text, html, json, jsonl, csv, tsv or feed.")
    ] = "auto",
    text_field: Annotated[str | None, typer.Option(help="Record field holding the text.")] = None,
    title_field: Annotated[str | None, typer.Option(help="Record field holding the title.")] = None,
    date_field: Annotated[
        str | None, typer.Option(help="Record field holding the publication date.")
    ] = None,
    outlet_field: Annotated[
        str | None, typer.Option(help="Record field holding the outlet.")
    ] = None,
    author_field: Annotated[
        str | None, typer.Option(help="Record field holding the authors.")
    ] = None,
    url_field: Annotated[str | None, typer.Option(help="Record field holding the URL.")] = None,
    glob: Annotated[
        str | None, typer.Option(help="Which files a folder contributes, e.g. '**/*.html'.")
    ] = None,
    max_bytes: Annotated[
        int | None, typer.Option(help="Largest input file read (default 20,000,000).")
    ] = None,
    encoding: Annotated[
        str | None, typer.Option(help="Force the input encoding, e.g. gb18030.")
    ] = None,
    stages: Annotated[
        str | None,
        typer.Option(help="Comma-separated stages to run (default: the [pipeline] setting)."),
    ] = None,
    on_error: Annotated[
        OnErrorChoice,
        typer.Option(
            help="record: keep failures in the output; skip: leave them out; raise: stop."
        ),
    ] = OnErrorChoice.record,
    config: ConfigOption = None,
    set_: SetOption = None,
) -> None:
    """Analyse articles and print or write the result.

    Example: spinscope analyze article.txt --format text
    """
    settings = _settings(config, set_)
    stage_names = (
        [s.strip() for s in stages.split(",") if s.strip()] if stages is not None else None
    )
    pipeline = load_pipeline(settings, stage_names)
    report = BatchReport()
    articles = analyze_many(
        paths,
        settings=settings,
        pipeline=pipeline,
        on_error=on_error.value,  # type: ignore[arg-type]
        report=report,
        input_format=input_format,
        text_field=text_field,
        title_field=title_field,
        date_field=date_field,
        outlet_field=outlet_field,
        author_field=author_field,
        url_field=url_field,
        glob=glob,
        max_bytes=max_bytes,
        encoding=encoding,
    )
    if fmt is OutputFormat.text:
        # Failures are listed on stderr; a text summary of an empty placeholder says nothing.
        articles = (a for a in articles if not a.id.startswith("failed:"))
    chunks = format_articles(articles, fmt.value)
    if output is None and fmt is OutputFormat.jsonl:
        for chunk in chunks:
            write_output(chunk, None)
    else:
        write_output("".join(chunks), output)
    print_report(report)
    if not report.ok:
        raise typer.Exit(1)


@app.command()
@handles_errors
def info() -> None:
    """Show versions, models, stages and where spinscope keeps its data.

    Example: spinscope info
    """
    from spinscope.info import collect_info

    for section, rows in collect_info().items():
        typer.echo(f"{section}:")
        width = max((len(k) for k in rows), default=0)
        for key, value in rows.items():
            typer.echo(f"  {key:<{width}}  {value}")


@app.command()
@handles_errors
def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on; beyond localhost a token is required.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    db: Annotated[
        Path | None, typer.Option("--db", help="Corpus database to search and add to.")
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="SPINSCOPE_TOKEN",
            help="Token required to analyse or write (env SPINSCOPE_TOKEN).",
        ),
    ] = None,
    max_request_bytes: Annotated[
        int, typer.Option(help="Largest request accepted (413 above).")
    ] = 5_000_000,
    config: ConfigOption = None,
    set_: SetOption = None,
) -> None:
    """Serve the web app: analyse pasted text or files, browse a corpus, and a REST API (/docs).

    Example: spinscope serve --db spinscope.db
    """
    from spinscope.web import check_bind, create_app

    check_bind(host, token)
    try:
        import uvicorn
    except ImportError as e:
        from spinscope.errors import MissingExtraError

        raise MissingExtraError("spinscope serve", "web") from e
    web_app = create_app(
        db, token, settings=_settings(config, set_), max_request_bytes=max_request_bytes
    )
    err.print(f"spinscope: serving on http://{host}:{port}/ (API reference at /docs); Ctrl+C stops")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


# -- corpus: store, search and compare many articles (spinscope.store) --------------------------

corpus_app = typer.Typer(
    help="Store, search and compare many analysed articles in one SQLite database.",
    no_args_is_help=True,
)
DbOption = Annotated[Path, typer.Option("--db", help="The corpus database file.")]
_DEFAULT_DB = Path("spinscope.db")


class CorpusEngine(StrEnum):
    process = "process"
    serial = "serial"
    dask = "dask"


class TableFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    json = "json"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def _emit_rows(
    rows: list[dict[str, Any]], fmt: TableFormat, output: Path | None, title: str
) -> None:
    """Rows as a rich table on stdout, or JSONL / CSV / JSON to stdout or a file."""
    if fmt is TableFormat.table and output is None:
        from rich.table import Table

        table = Table(title=title, show_lines=False)
        columns = list(rows[0]) if rows else []
        for column in columns:
            wide = column in ("snippet", "title", "phrase")
            table.add_column(
                column, overflow="fold", ratio=3 if wide else None, no_wrap=column == "id"
            )
        for row in rows:
            # Ids are cut to 12 characters to fit; --format jsonl|csv gives them whole.
            table.add_row(
                *(
                    "" if row[c] is None else str(row[c])[: 12 if c == "id" else None]
                    for c in columns
                )
            )
        Console().print(table)
        if not rows:
            err.print("no rows")
        return
    import csv
    import io

    if fmt is TableFormat.csv or (fmt is TableFormat.table and output is not None):
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else [])
        writer.writeheader()
        writer.writerows(rows)
        text = buffer.getvalue()
    elif fmt is TableFormat.json:
        text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    else:
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    write_output(text, output)


def _finish_adding(result: Any, verb: str, target: Path) -> None:
    """List the failures (the first 50), print the counts, exit 1 if anything failed."""
    for source, message in result.failures[:50]:
        err.print(f"[red]failed:[/] {source}: {message}", soft_wrap=True)
    if len(result.failures) > 50:
        err.print(f"... and {len(result.failures) - 50} more failures (spinscope corpus info)")
    err.print(
        f"{result.added} {verb}, {result.duplicates} already stored, {result.failed} failed "
        f"-> {target}"
    )
    if result.failed:
        raise typer.Exit(1)


@corpus_app.command("add")
@handles_errors
def corpus_add(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders, JSONL/CSV records, RSS/Atom feeds, or -.")
    ],
    db: DbOption = _DEFAULT_DB,
    engine: Annotated[
        CorpusEngine, typer.Option(help="Where the analysis runs.")
    ] = CorpusEngine.process,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes (default: all cores).")
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (--engine dask)."),
    ] = None,
    batch_size: Annotated[
        int, typer.Option(help="Articles per task and per write transaction.")
    ] = 64,
    parquet: Annotated[
        Path | None,
        typer.Option(help="Write results to this Parquet folder (partitioned by month), not --db."),
    ] = None,
    stages: Annotated[str | None, typer.Option(help="Comma-separated stages to run.")] = None,
    input_format: Annotated[
        str, typer.Option(help="auto, text, html, json, jsonl, csv, tsv or feed.")
    ] = "auto",
    text_field: Annotated[str | None, typer.Option(help="Record field holding the text.")] = None,
    progress: Annotated[bool, typer.Option(help="Show a progress bar on stderr.")] = True,
    config: ConfigOption = None,
    set_: SetOption = None,
) -> None:
    """Analyse inputs and store them in the corpus; rerun it to resume after a crash.

    Example: spinscope corpus add articles/ feeds/*.xml --db news.db
    """
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from spinscope.store import Corpus
    from spinscope.store.exchange import ParquetSink
    from spinscope.store.runner import AddProgress, add_inputs

    settings = _settings(config, set_)
    stage_names = (
        [s.strip() for s in stages.split(",") if s.strip()] if stages is not None else None
    )
    if engine is CorpusEngine.dask:
        import contextlib

        with contextlib.suppress(ImportError):
            import distributed  # noqa: F401 - sets its log levels on import; lower them after
        logging.getLogger("distributed").setLevel(logging.WARNING)  # INFO lines drown the bar
    bar = Progress(
        TextColumn("[bold]adding"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} articles/s"),
        TimeRemainingColumn(),
        console=err,
        disable=not progress,
        transient=False,
    )
    task = bar.add_task("add", total=None, rate=0.0)

    def on_progress(state: AddProgress) -> None:
        rate = state.done / state.elapsed if state.elapsed > 0 else 0.0
        bar.update(
            task, completed=state.done, total=max(state.total or 0, state.done) or None, rate=rate
        )

    sink: Any = ParquetSink(parquet, partition_by="month") if parquet else Corpus(db)
    with sink, bar:
        result = add_inputs(
            sink,
            paths,
            settings=settings,
            stages=stage_names,
            engine=engine.value,
            workers=workers,
            scheduler=scheduler,
            batch_size=batch_size,
            on_progress=on_progress,
            input_format=input_format,
            text_field=text_field,
        )
    _finish_adding(result, "added", parquet or db)


@corpus_app.command("search")
@handles_errors
def corpus_search(
    query: Annotated[
        str | None, typer.Argument(help='FTS5 query: words, "phrases", OR, NOT, prefix*.')
    ] = None,
    db: DbOption = _DEFAULT_DB,
    outlet: Annotated[list[str] | None, typer.Option(help="Only this outlet (repeatable).")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (ISO date).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before (ISO date).")] = None,
    technique: Annotated[
        str | None, typer.Option(help="Has this technique, e.g. Loaded_Language.")
    ] = None,
    actor: Annotated[
        str | None, typer.Option(help="Mentions this actor id, e.g. JPN or NATO.")
    ] = None,
    stance: Annotated[
        str | None, typer.Option(help="negative, neutral or positive toward --actor.")
    ] = None,
    event_type: Annotated[str | None, typer.Option(help="Reports this PLOVER event type.")] = None,
    limit: Annotated[int, typer.Option(help="Most hits shown.")] = 50,
    offset: Annotated[int, typer.Option(help="Hits skipped first.")] = 0,
    fmt: Annotated[
        TableFormat, typer.Option("--format", "-f", help="table, jsonl, csv or json.")
    ] = TableFormat.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Full-text search with filters on outlet, dates, techniques, actors, stance and events.

    Example: spinscope corpus search '"rules-based order"' --outlet "Global Times" --format csv
    """
    import dataclasses

    from spinscope.store import Corpus

    with Corpus(db, readonly=True) as corpus:
        hits = corpus.search(
            query,
            outlet=outlet or None,
            since=since,
            until=until,
            technique=technique,
            actor=actor,
            stance=stance,
            event_type=event_type,
            limit=limit,
            offset=offset,
        )
    _emit_rows([dataclasses.asdict(h) for h in hits], fmt, output, f"{len(hits)} hits")


@corpus_app.command("stats")
@handles_errors
def corpus_stats(
    name: Annotated[
        str, typer.Argument(help="techniques, stance, actor_pairs, scare_quotes or articles.")
    ],
    db: DbOption = _DEFAULT_DB,
    by: Annotated[str | None, typer.Option(help="outlet, month or outlet_month.")] = None,
    outlet: Annotated[
        str | None, typer.Option(help="Only this outlet (techniques, articles).")
    ] = None,
    actor: Annotated[str | None, typer.Option(help="Actor id (stance), e.g. NATO.")] = None,
    event_type: Annotated[
        str | None, typer.Option(help="Only this event type (actor_pairs).")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(help="Top rows (actor_pairs per type, scare_quotes).")
    ] = None,
    fmt: Annotated[
        TableFormat, typer.Option("--format", "-f", help="table, jsonl, csv or json.")
    ] = TableFormat.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    plot: Annotated[
        Path | None, typer.Option(help="Also draw a chart to this .png or .svg file.")
    ] = None,
) -> None:
    """Compare outlets and months: technique rates, stance over time, actor pairs, scare quotes.

    Example: spinscope corpus stats techniques --by month --plot techniques.png
    """
    from spinscope.store import Corpus

    params = {
        k: v
        for k, v in dict(
            by=by, outlet=outlet, actor=actor, event_type=event_type, limit=limit
        ).items()
        if v is not None
    }
    with Corpus(db, readonly=True) as corpus:
        rows = corpus.stats(name, **params)
    _emit_rows(rows, fmt, output, f"{name} ({len(rows)} rows)")
    if plot is not None:
        from spinscope.store.plots import plot_stats

        err.print(f"chart written to {plot_stats(name, rows, plot)}")


@corpus_app.command("export")
@handles_errors
def corpus_export(
    db: DbOption = _DEFAULT_DB,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="jsonl, csv or parquet.")
    ] = ExportFormat.jsonl,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (or folder) to write.")
    ] = None,
    partition_by: Annotated[
        str | None, typer.Option(help="Parquet: one folder per month or outlet.")
    ] = None,
) -> None:
    """Write every stored article, with every layer, as JSONL, CSV or Parquet.

    Example: spinscope corpus export --format parquet -o corpus.parquet
    """
    from spinscope.store import Corpus
    from spinscope.store.exchange import export_articles

    with Corpus(db, readonly=True) as corpus:
        count = export_articles(
            corpus.iter_articles(), fmt.value, output, partition_by=partition_by
        )
    err.print(f"{count} articles exported" + (f" to {output}" if output else ""))


@corpus_app.command("import")
@handles_errors
def corpus_import(
    paths: Annotated[
        list[Path], typer.Argument(help="Files written by corpus export (.jsonl, .csv, .parquet).")
    ],
    db: DbOption = _DEFAULT_DB,
    fmt: Annotated[
        ExportFormat | None, typer.Option("--format", "-f", help="Default: by extension.")
    ] = None,
) -> None:
    """Store exported articles as they are (no re-analysis); rerun to finish an interrupted import.

    Example: spinscope corpus import corpus.jsonl --db copy.db
    """
    from spinscope.store import Corpus
    from spinscope.store.exchange import import_articles

    with Corpus(db) as corpus:
        result = import_articles(corpus, paths, fmt=fmt.value if fmt else None)
    _finish_adding(result, "imported", db)


@corpus_app.command("info")
@handles_errors
def corpus_info(db: DbOption = _DEFAULT_DB) -> None:
    """Show how many articles the corpus holds, its migrations and recent failures.

    Example: spinscope corpus info --db news.db
    """
    from spinscope.store import Corpus

    with Corpus(db, readonly=True) as corpus:
        typer.echo(f"database:   {db}")
        typer.echo(f"articles:   {corpus.count()}")
        typer.echo(f"migrations: {', '.join(corpus.migrations())}")
        for failure in corpus.failures(20):
            typer.echo(f"failed:     {failure['source']}: {failure['message']}")


app.add_typer(corpus_app, name="corpus")

train_app = typer.Typer(help="Train the models that ship with spinscope.", no_args_is_help=True)
eval_app = typer.Typer(help="Score a stage on gold data.", no_args_is_help=True)
app.add_typer(train_app, name="train")
app.add_typer(eval_app, name="eval")


class TechniquesFormat(StrEnum):
    jsonl = "jsonl"
    ptc = "ptc"


@train_app.command("techniques")
@handles_errors
def train_techniques_command(
    data: Annotated[Path, typer.Option("--data", help="The PTC folder (train-articles/, ...).")],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Where the model folder is written.")
    ] = Path("out/models/techniques"),
    seed: Annotated[int, typer.Option(help="Seed of every random choice.")] = 13,
    epochs: Annotated[int | None, typer.Option(help="Epochs (default: 12).")] = None,
    device: Annotated[str, typer.Option(help="cpu or cuda.")] = "cpu",
    limit: Annotated[
        int | None, typer.Option(help="Use only the first N articles per split (smoke test).")
    ] = None,
) -> None:
    """Fine-tune MiniLM for persuasion-technique spans and export the int8 ONNX model.

    Needs the train extra. Example: spinscope train techniques --data ../shared/data/ptc
    """
    from spinscope.train.techniques import train_techniques

    info = train_techniques(data, out, seed=seed, epochs=epochs, device=device, limit=limit)
    best = info["best"]
    err.print(
        f"best epoch {best['epoch']}: held-out SI F1 {best['holdout']['si_f1']:.4f}, "
        f"TC micro-F1 {best['holdout']['tc_f1']:.4f}; model written to {out}"
    )


@eval_app.command("techniques")
@handles_errors
def eval_techniques_command(
    data: Annotated[Path, typer.Option("--data", help="The PTC folder.")],
    split: Annotated[str, typer.Option(help="dev or train.")] = "dev",
    limit: Annotated[int | None, typer.Option(help="Only the first N articles.")] = None,
    rules: Annotated[
        bool | None, typer.Option("--rules/--no-rules", help="Merge rule spans (default: on).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Score the techniques stage on PTC: SI P/R/F1, TC micro-F1, per-technique F1.

    Example: spinscope eval techniques --data ../shared/data/ptc --split dev
    """
    from spinscope.evaluate.techniques import evaluate_techniques

    result: dict[str, Any] = evaluate_techniques(data, split, limit, rules=rules).to_dict()
    if fmt == "json":
        write_output(json.dumps(result, indent=2) + "\n", None)
        return
    si = result["si"]
    lines = [
        f"PTC {result['split']}: {result['articles']} articles, "
        f"rules {'on' if result['rules'] else 'off'}",
        f"SI  P {si['p']:.4f}  R {si['r']:.4f}  F1 {si['f1']:.4f}",
        f"TC  micro-F1 {result['tc_micro_f1']:.4f}",
        f"speed {result['articles_per_second']:.2f} articles/s",
        "",
        f"{'technique':40s} {'TC F1':>7s} {'span F1':>8s}",
    ]
    tc, flc = result["tc_per_technique"], result["flc_per_technique"]
    for name in tc:
        lines.append(f"{name:40s} {tc[name]:7.4f} {flc.get(name, 0.0):8.4f}")
    write_output("\n".join(lines) + "\n", None)


@app.command("techniques")
@handles_errors
def techniques_command(
    paths: Annotated[
        list[Path], typer.Argument(help="Text files or folders of them.", show_default=False)
    ],
    fmt: Annotated[
        TechniquesFormat, typer.Option("--format", "-f", help="jsonl or ptc.")
    ] = TechniquesFormat.jsonl,
    spans: Annotated[
        Path | None,
        typer.Option("--spans", help="TC template: label these spans instead of finding spans."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    rules: Annotated[bool, typer.Option("--rules/--no-rules", help="Merge rule spans.")] = True,
) -> None:
    """Find persuasion-technique spans; offsets index the raw file text.

    Example: spinscope techniques dev-articles/ --format ptc -o dev.out
    """
    from spinscope.stages.techniques import TechniquesStage, predict_ptc, technique_records

    stage = TechniquesStage.standalone(rules=rules)
    errors: list[InputError] = []  # unreadable files: reported at the end, the rest goes on
    if fmt is TechniquesFormat.ptc or spans is not None:
        lines = (
            line + "\n"
            for line in predict_ptc(paths, spans_template=spans, stage=stage, errors=errors)
        )
    else:
        lines = (
            json.dumps(record, ensure_ascii=False) + "\n"
            for record in technique_records(paths, stage=stage, errors=errors)
        )
    if output is None:
        for line in lines:
            write_output(line, None)
    else:
        write_output("".join(lines), output)
    for e in errors:
        err.print(f"[bold red]error:[/] {escape(str(e))}", soft_wrap=True)
    if errors:
        raise typer.Exit(1)


def main() -> None:
    """Entry point: run the app, turning library errors into clean messages."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except SpinscopeError as e:
        raise SystemExit(_fail_code(e)) from None
    except BrokenPipeError:
        # The reader went away (`spinscope analyze ... | head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(0) from None


def _fail_code(e: SpinscopeError) -> int:
    err.print(f"[bold red]error:[/] {escape(str(e))}", soft_wrap=True)
    return 1


if __name__ == "__main__":
    main()
