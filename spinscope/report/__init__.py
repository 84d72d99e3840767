"""Turning articles into things people read: a plain-text summary (HTML lives beside it)."""

from spinscope.report.text import render_text

__all__ = ["render_text"]
