"""Flags: where a run left a model's valid range, summarised per instance and rule.

A flag is a finding, not an error: the run completes and the result says when the state was
outside the range (first and last time, and how many samples), so the service can mark a
published result "flagged" with that message.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..models.base import Violation


def summarise(instance_id: str, violation: Violation, times: np.ndarray) -> dict[str, Any] | None:
    """One flag for a violation mask over the sample times, or None when it never holds."""
    mask = np.atleast_1d(violation.mask)
    hits = np.flatnonzero(mask)
    if hits.size == 0:
        return None
    return {
        "instance": instance_id,
        "code": violation.code,
        "message": violation.message,
        "first": float(times[hits[0]]),
        "last": float(times[hits[-1]]),
        "samples": int(hits.size),
    }
