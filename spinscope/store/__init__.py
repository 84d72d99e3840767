"""The corpus: store, search and compare many analysed articles in one SQLite file.

>>> from spinscope.store import Corpus
>>> with Corpus("spinscope.db") as corpus:
...     corpus.add_articles(articles)
...     hits = corpus.search("NATO", outlet="China Military Online", technique="Loaded_Language")
...     rows = corpus.stats("techniques", by="month")
"""

from spinscope.store.db import DEFAULT_DB, AddResult, ArticleSummary, Corpus
from spinscope.store.search import STANCE_LABELS
from spinscope.store.stats import STATS

__all__ = ["DEFAULT_DB", "STANCE_LABELS", "STATS", "AddResult", "ArticleSummary", "Corpus"]
