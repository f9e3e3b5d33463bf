"""Averaging of sampled values: plain, time-weighted, moving window and exponential.

Telemetry arrives at irregular times and with noise; these are the averages models and dashboards
use to smooth it. Each takes a sequence and returns floats (or a numpy array for the running ones).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .catalog import library_function


def _values(values: Sequence[float], name: str = "values") -> np.ndarray:
    array = np.asarray(values, dtype=float)
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"{name} must be a non-empty list of numbers")
    return array


@library_function("averaging", returns="the arithmetic mean", use='op "average", kind "mean"')
def mean(values: Sequence[float]) -> float:
    """Arithmetic mean of the values."""
    return float(np.mean(_values(values)))


@library_function(
    "averaging", units={"times": "s"}, returns="the time-weighted mean", use='op "average", kind "time_weighted"'
)
def time_weighted_mean(times: Sequence[float], values: Sequence[float]) -> float:
    """Mean over time of irregular samples, each holding its value until the next (trapezoid rule).

    A sample that stood for ten seconds weighs ten times one that stood for one; a plain mean of
    irregular telemetry over-weights bursts.
    """
    t, v = _values(times, "times"), _values(values)
    if t.size != v.size:
        raise ValueError("times and values must have the same length")
    if np.any(np.diff(t) < 0):
        raise ValueError("times must not decrease")
    span = t[-1] - t[0]
    if span == 0:
        return float(np.mean(v))
    return float(np.sum((v[1:] + v[:-1]) * np.diff(t)) / (2.0 * span))


@library_function("averaging", returns="one average per value", use='op "average", kind "moving"')
def moving_average(values: Sequence[float], window: int) -> np.ndarray:
    """Mean of the last `window` values at each point (fewer at the start, so the output keeps the length)."""
    v = _values(values)
    if window < 1:
        raise ValueError("window must be at least 1")
    sums = np.cumsum(np.concatenate(([0.0], v)))
    ends = np.arange(1, v.size + 1)
    starts = np.maximum(ends - window, 0)
    return (sums[ends] - sums[starts]) / (ends - starts)


@library_function("averaging", returns="one average per value", use='op "average", kind "exponential"')
def exponential_average(values: Sequence[float], alpha: float) -> np.ndarray:
    """Exponentially weighted moving average: a <- alpha * value + (1 - alpha) * a, starting at the first value."""
    v = _values(values)
    if not 0.0 < alpha <= 1.0:
        raise ValueError("alpha must be in (0, 1]")
    out = np.empty_like(v)
    running = v[0]
    for index, value in enumerate(v):
        running = alpha * value + (1.0 - alpha) * running
        out[index] = running
    return out
