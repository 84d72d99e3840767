"""Run every benchmark: python -m benchmarks (each module also runs on its own)."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> None:
    here = Path(__file__).parent
    for info in sorted(pkgutil.iter_modules([str(here)]), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        print(f"== benchmarks.{info.name}", flush=True)
        module = importlib.import_module(f"benchmarks.{info.name}")
        saved = sys.argv
        sys.argv = [f"benchmarks.{info.name}"]
        try:
            module.main()
        finally:
            sys.argv = saved


if __name__ == "__main__":
    main()
