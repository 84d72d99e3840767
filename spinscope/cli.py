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
import tempfile
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
from spinscope.errors import SpinscopeError

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
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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

    stage = TechniquesStage(rules=rules)
    if fmt is TechniquesFormat.ptc or spans is not None:
        lines = (line + "\n" for line in predict_ptc(paths, spans_template=spans, stage=stage))
    else:
        lines = (
            json.dumps(record, ensure_ascii=False) + "\n"
            for record in technique_records(paths, stage=stage)
        )
    if output is None:
        for line in lines:
            write_output(line, None)
    else:
        write_output("".join(lines), output)


def main() -> None:
    """Entry point: run the app, turning library errors into clean messages."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except SpinscopeError as e:
        raise SystemExit(_fail_code(e)) from None


def _fail_code(e: SpinscopeError) -> int:
    err.print(f"[bold red]error:[/] {escape(str(e))}", soft_wrap=True)
    return 1


if __name__ == "__main__":
    main()
