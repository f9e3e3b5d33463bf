"""A robust streaming anomaly detector for one signal: the modified z-score against a rolling window.

For each new value x, against the last `window` values before it: z = 0.6745 (x - median) / MAD,
MAD the median absolute deviation (Iglewicz and Hoaglin, 1993; 0.6745 makes it comparable to a
standard z-score for normal data). |z| > 3.5 is anomalous. The median and MAD ignore the outliers
they look for, where a mean and standard deviation would be dragged along by them. When more than
half the window is one value the MAD is 0; the mean absolute deviation (times 1.2533, its normal
consistency factor) stands in then, and when that is 0 too any other value is infinitely far.

Every value joins the window after it is scored, anomalous or not, so a lasting change of level is
flagged for about half a window and then becomes the new normal.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .catalog import library_function

MAD_SCALE = 0.6745  # Phi^-1(0.75): MAD / 0.6745 estimates the standard deviation of normal data
MEAN_AD_SCALE = 1.2533  # sqrt(pi / 2): mean absolute deviation * 1.2533 estimates it likewise
DEFAULT_WINDOW = 60
DEFAULT_LIMIT = 3.5
MIN_VALUES = 10
MAX_WINDOW = 10_000


@library_function("anomaly", returns="the modified z-score, or None with fewer than 10 values", use='op "robust"')
def modified_zscore(value: float, window: Sequence[float]) -> float | None:
    """0.6745 (value - median) / MAD of the window; the mean absolute deviation stands in when MAD is 0."""
    recent = np.asarray(window, dtype=float)
    if recent.size < MIN_VALUES:
        return None
    median = float(np.median(recent))
    deviation = np.abs(recent - median)
    mad = float(np.median(deviation))
    if mad > 0.0:
        return MAD_SCALE * (value - median) / mad
    mean_ad = float(np.mean(deviation))
    if mean_ad > 0.0:
        return (value - median) / (MEAN_AD_SCALE * mean_ad)
    return 0.0 if value == median else math.copysign(math.inf, value - median)


@dataclass
class RobustDetector:
    """The rolling window between calls; feed values one at a time or a batch."""

    window: int = DEFAULT_WINDOW
    limit: float = DEFAULT_LIMIT
    values: deque[float] = field(default_factory=deque)

    def __post_init__(self) -> None:
        if not MIN_VALUES <= self.window <= MAX_WINDOW:
            raise ValueError(f"window must be between {MIN_VALUES} and {MAX_WINDOW}")
        if not self.limit > 0:
            raise ValueError("limit must be greater than 0")
        self.values = deque(self.values, maxlen=self.window)

    def update(self, value: float) -> tuple[float | None, bool]:
        """The value's score against the window before it, whether it is anomalous; then it joins the window."""
        z = modified_zscore(value, self.values)
        self.values.append(float(value))
        return z, z is not None and abs(z) > self.limit

    def run(self, values: Iterable[float]) -> tuple[list[float | None], list[bool]]:
        scores, flags = [], []
        for value in values:
            z, flag = self.update(value)
            scores.append(z)
            flags.append(flag)
        return scores, flags


@library_function("anomaly", returns="(scores, flags)", use='op "robust"')
def robust_scores(
    values: Sequence[float], window: int = DEFAULT_WINDOW, limit: float = DEFAULT_LIMIT, state: Sequence[float] = ()
) -> tuple[list[float | None], list[bool]]:
    """Scores a series value by value against the rolling window; state holds the window's values from a call before."""
    return RobustDetector(window, limit, deque(state)).run(values)
