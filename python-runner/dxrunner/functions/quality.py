"""Data quality checks on telemetry before a model uses it, and gap filling.

Per models.md, each check returns a flag (good, uncertain, bad) and a reason:
- physical range per quantity (temperature -50..400 degC, pressure 0..10 MPa, flow 0..500 L/min,
  pH 0..14): outside is bad;
- z-score against the last 100 values of the sensor, once there are at least 10: |z| > 3 is
  uncertain;
- spike: a change of more than 20 % from the previous value is uncertain;
- gap filling: the mean of the two latest good values.
The overall flag is the worst of the checks.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .catalog import library_function

GOOD, UNCERTAIN, BAD = "good", "uncertain", "bad"
_SEVERITY = {GOOD: 0, UNCERTAIN: 1, BAD: 2}

# quantity -> (low, high, unit)
PHYSICAL_RANGES: dict[str, tuple[float, float, str]] = {
    "temperature": (-50.0, 400.0, "degC"),
    "pressure": (0.0, 10.0, "MPa"),
    "flow": (0.0, 500.0, "L/min"),
    "pH": (0.0, 14.0, "1"),
}
_QUANTITY_ALIASES = {"flowRate": "flow", "flow_rate": "flow", "ph": "pH"}

ZSCORE_WINDOW = 100
ZSCORE_MIN_VALUES = 10
ZSCORE_LIMIT = 3.0
SPIKE_LIMIT = 0.20


@dataclass(frozen=True)
class Check:
    """The verdict of one rule."""

    rule: str
    flag: str
    reason: str


@dataclass(frozen=True)
class Assessment:
    """The worst flag of all rules, why, each rule's verdict, and a filled value when the sample is bad."""

    flag: str
    reason: str
    checks: list[Check] = field(default_factory=list)
    filled: float | None = None


def worst(*flags: str) -> str:
    """The most severe of the flags (bad over uncertain over good)."""
    return max(flags, key=_SEVERITY.__getitem__, default=GOOD)


def known_quantity(quantity: str) -> str | None:
    """The quantity's name in PHYSICAL_RANGES, or None."""
    name = _QUANTITY_ALIASES.get(quantity, quantity)
    return name if name in PHYSICAL_RANGES else None


def _is_number(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


@library_function("quality", returns="Check", use='op "quality"')
def check_range(quantity: str, value: float, low: float | None = None, high: float | None = None) -> Check:
    """Bad when the value is outside the quantity's physical range (or the low..high given)."""
    name = known_quantity(quantity)
    if low is None or high is None:
        if name is None:
            raise ValueError(f"no physical range known for quantity {quantity!r}; give low and high")
        default_low, default_high, _ = PHYSICAL_RANGES[name]
        low = default_low if low is None else low
        high = default_high if high is None else high
    unit = PHYSICAL_RANGES[name][2] if name else ""
    if not _is_number(value):
        return Check("range", BAD, "no value")
    if value < low or value > high:
        return Check("range", BAD, f"{value:g} is outside the physical range {low:g}..{high:g} {unit}".rstrip())
    return Check("range", GOOD, "within the physical range")


@library_function("quality", returns="Check", use='op "quality"')
def check_zscore(value: float, history: Sequence[float]) -> Check:
    """Uncertain when |z| > 3 against the last 100 values of the sensor; needs at least 10 of them."""
    recent = np.asarray(history[-ZSCORE_WINDOW:], dtype=float)
    if recent.size < ZSCORE_MIN_VALUES:
        return Check("zscore", GOOD, f"not enough history ({recent.size} of {ZSCORE_MIN_VALUES} values)")
    mean, spread = float(recent.mean()), float(recent.std())
    if spread == 0.0:
        z = 0.0 if value == mean else math.inf
    else:
        z = (value - mean) / spread
    if abs(z) > ZSCORE_LIMIT:
        return Check("zscore", UNCERTAIN, f"z-score {z:.2f} against the last {recent.size} values exceeds 3")
    return Check("zscore", GOOD, f"z-score {z:.2f}")


@library_function("quality", returns="Check", use='op "quality"')
def check_spike(value: float, previous: float | None) -> Check:
    """Uncertain when the value changed by more than 20 % of the previous value.

    The change is relative to the previous value as given, on its own scale: for degC that means
    near 0 degC any change counts as a spike. This is the rule as published.
    """
    if not _is_number(previous):
        return Check("spike", GOOD, "no previous value")
    change = abs(value - previous)
    if change > SPIKE_LIMIT * abs(previous):
        relative = change / abs(previous) if previous else math.inf
        return Check("spike", UNCERTAIN, f"changed by {relative:.0%} from {previous:g}, more than 20 %")
    return Check("spike", GOOD, "no spike")


@library_function(
    "quality", returns="the filled value, or None without any good value", use='op "quality"', version="1.1.0"
)
def fill_gap(good_values: Sequence[float]) -> float | None:
    """The mean of the two latest good values (the latest alone when there is only one)."""
    latest = [v for v in good_values if _is_number(v)][-2:]
    return float(np.mean(latest)) if latest else None


@library_function("quality", returns="Assessment", use='op "quality"', version="1.1.0")
def assess(
    quantity: str,
    value: float | None,
    previous: float | None = None,
    history: Sequence[float] = (),
    low: float | None = None,
    high: float | None = None,
    good: Sequence[float] | None = None,
) -> Assessment:
    """All rules at once: the worst flag, the reasons of every rule that did not pass, and a fill for bad samples.

    history holds the sensor's recent values that were not bad, oldest first, for the z-score; good
    holds its latest values flagged good, for the gap filling (history when not given). Version 1.0.0
    filled from history, so a gap right after a spike was filled with the spike.
    """
    if not _is_number(value):
        checks = [Check("range", BAD, "no value")]
    else:
        checks = [check_range(quantity, value, low, high)]
        if checks[0].flag != BAD:
            checks += [check_zscore(value, history), check_spike(value, previous)]
    flag = worst(*(check.flag for check in checks))
    reasons = [check.reason for check in checks if check.flag != GOOD]
    return Assessment(
        flag=flag,
        reason="; ".join(reasons) if reasons else "passed every check",
        checks=checks,
        filled=fill_gap(history if good is None else good) if flag == BAD else None,
    )
