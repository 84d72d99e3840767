"""The accuracy gate of the techniques stage: pinned floors on a slice of PTC dev.

PTC is third-party data and does not ship; the gate runs where ../shared/data/ptc exists
and is skipped, with the reason, elsewhere.
"""

from __future__ import annotations

import pytest

from benchmarks.techniques import DEFAULT_DATA, check_gate


@pytest.mark.model
def test_techniques_gate_floors_hold_on_the_dev_slice() -> None:
    if not (DEFAULT_DATA / "dev-articles").is_dir():
        pytest.skip(f"PTC data not found at {DEFAULT_DATA}; the accuracy gate needs it")
    assert check_gate(DEFAULT_DATA) == []
