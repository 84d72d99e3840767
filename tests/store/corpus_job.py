"""A corpus job run as a real subprocess by the fault tests (kill -9, two writers).

Usage: python corpus_job.py DB INPUT [--sleep SECONDS] [--batch N]

With --sleep it adds a stage that waits that long per article and marks each
article with one technique span, so that the job is slow enough to be killed
half-way and the side tables have rows to check.
"""

from __future__ import annotations

import argparse
import time

from spinscope.article import Article, TechniqueSpan
from spinscope.config import load_settings
from spinscope.stages import register_stage
from spinscope.store import Corpus
from spinscope.store.runner import add_inputs


class SleepyStage:
    name = "sleepy"
    requires = ("text",)
    assigns = ("techniques",)

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    @classmethod
    def from_config(cls, settings: dict) -> SleepyStage:
        return cls(float(settings.get("seconds", 0.0)))

    def __call__(self, article: Article) -> Article:
        time.sleep(self.seconds)
        first = article.text.split()[0]
        article.techniques.append(TechniqueSpan(0, len(first), "Doubt", 0.9, "rule", "test", first))
        return article


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--sleep", type=float, default=0.0)
    parser.add_argument("--batch", type=int, default=10)
    args = parser.parse_args()
    register_stage("sleepy", "corpus_job:SleepyStage")
    settings = load_settings(overrides=[f"stages.sleepy.seconds={args.sleep}"])
    with Corpus(args.db) as corpus:
        result = add_inputs(
            corpus,
            args.inputs,
            settings=settings,
            stages=["metadata", "sleepy"],
            engine="serial",
            batch_size=args.batch,
        )
    print(f"added={result.added} duplicates={result.duplicates} failed={result.failed}", flush=True)


if __name__ == "__main__":
    main()
