"""Health assessment of one asset: anomaly flag and score, remaining useful life, priority, recommendation.

As the reference predictive twin does it:
- anomaly: an Isolation Forest trained on a window of the asset's signals (one row per sample)
  scores the latest sample, and each signal's modified z-score against its own training column says
  which signals are off (|z| > 3.5). The sample is anomalous when the forest isolates it (score above
  its contamination threshold) or a signal is off. The two see different things: the forest finds a
  sample whose signals do not fit together (flow and pressure down at unchanged speed), but scores a
  value beyond the training range in one signal no higher than the most extreme training value of
  that signal, however far beyond it is; the z-score finds exactly those (see planted_anomalies);
- remaining useful life: a degradation trend fitted to the health indicator (remaining_life), from
  the first predicting time on: while the indicator's fitted level is within its training range
  (modified z-score of at most 3.5 towards the threshold), there is no degradation to extrapolate and
  the status is "no-degradation". Without that gate a short window of a healthy, noisy signal shows
  a "significant" slope about one time in twenty, and extrapolating it gives a false remaining life of
  minutes;
- priority: critical when the life left is under 7 days, high under 30 days, medium when the latest
  sample is anomalous, low otherwise (the point estimate decides; the interval is reported beside it);
- a recommendation in words, naming the asset, what is off and by when to act.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .catalog import library_function
from .isolation_forest import (
    DEFAULT_CONTAMINATION,
    DEFAULT_SEED,
    DEFAULT_SUBSAMPLE,
    DEFAULT_TREES,
    cached_forest,
)
from .remaining_life import ABOVE, AUTO, ESTIMATED, REACHED, RemainingLife, remaining_useful_life

NO_DEGRADATION = "no-degradation"
from .robust_detector import DEFAULT_LIMIT, modified_zscore

CRITICAL, HIGH, MEDIUM, LOW = "critical", "high", "medium", "low"
PRIORITIES = (CRITICAL, HIGH, MEDIUM, LOW)
CRITICAL_DAYS = 7.0
HIGH_DAYS = 30.0
SECONDS_PER_DAY = 86_400.0


@dataclass(frozen=True)
class Indicator:
    """The health indicator's recent samples, and the level at which the asset is considered failed."""

    name: str
    times: Sequence[float]
    values: Sequence[float]
    threshold: float
    direction: str = ABOVE
    model: str = AUTO
    unit: str = ""


@dataclass(frozen=True)
class ForestSettings:
    trees: int = DEFAULT_TREES
    subsample: int = DEFAULT_SUBSAMPLE
    contamination: float = DEFAULT_CONTAMINATION
    seed: int = DEFAULT_SEED


@dataclass(frozen=True)
class HealthAssessment:
    asset: str
    anomalous: bool
    isolated: bool
    score: float
    threshold: float
    signals: list[dict[str, Any]]
    rul: RemainingLife
    priority: str
    recommendation: str
    forest: str
    samples: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        rul = self.rul.to_json()
        if self.rul.seconds is not None:
            rul["days"] = self.rul.seconds / SECONDS_PER_DAY
        return {
            "asset": self.asset,
            "anomaly": {
                "flag": self.anomalous,
                "isolated": self.isolated,
                "score": self.score,
                "threshold": self.threshold,
                "method": "isolation-forest+modified-z",
                "signals": self.signals,
                "forest": self.forest,
            },
            "rul": rul,
            "priority": self.priority,
            "recommendation": self.recommendation,
            "samples": self.samples,
        }


def duration(seconds: float) -> str:
    """A span in the unit a planner would say it in: s, min, h or days."""
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 2 * 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 2 * SECONDS_PER_DAY:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / SECONDS_PER_DAY:.1f} days"


@library_function("prognostics", returns="the priority", use='op "health"')
def maintenance_priority(rul_seconds: float | None, anomalous: bool) -> str:
    """critical when the life left is under 7 days, high under 30 days, medium when anomalous, else low."""
    if rul_seconds is not None and rul_seconds < CRITICAL_DAYS * SECONDS_PER_DAY:
        return CRITICAL
    if rul_seconds is not None and rul_seconds < HIGH_DAYS * SECONDS_PER_DAY:
        return HIGH
    return MEDIUM if anomalous else LOW


def _recommendation(asset: str, priority: str, rul: RemainingLife, indicator: Indicator, off: list[str]) -> str:
    what = f"{indicator.name} {'rising to' if indicator.direction == ABOVE else 'falling to'} "
    what += f"{indicator.threshold:g} {indicator.unit}".rstrip()
    signals = f" Signals off their normal range: {', '.join(off)}." if off else ""
    if rul.status == REACHED:
        return f"Stop {asset} and inspect it now: {indicator.name} has reached its failure threshold.{signals}"
    if priority in (CRITICAL, HIGH) and rul.seconds is not None:
        interval = ""
        if rul.lower is not None:
            upper = duration(rul.upper) if rul.upper is not None else "unbounded"
            interval = f" ({rul.confidence:.0%} interval {duration(rul.lower)} to {upper})"
        left = f"{what} in about {duration(rul.seconds)}{interval}."
        if priority == CRITICAL:
            return f"Take {asset} out of service for inspection at the next opportunity: {left}{signals}"
        return f"Plan maintenance of {asset} within {duration(rul.seconds)}: {left}{signals}"
    if priority == MEDIUM:
        return f"Investigate {asset}: its operating point is unlike its training window.{signals}"
    return f"No action needed: {asset} operates as in its training window."


def _from_first_predicting_time(
    rul: RemainingLife, indicator: Indicator, signals: Sequence[str], rows: np.ndarray
) -> RemainingLife:
    """The estimate, unless the indicator's fitted level is still within its training range: then no-degradation."""
    if rul.status not in (ESTIMATED, REACHED) or rul.level is None or indicator.name not in signals:
        return rul
    z = modified_zscore(rul.level, rows[:, list(signals).index(indicator.name)])
    towards = z if indicator.direction == ABOVE else (None if z is None else -z)
    if towards is None or towards > DEFAULT_LIMIT:
        return rul
    return RemainingLife(
        NO_DEGRADATION,
        f"no degradation yet: {indicator.name} at {rul.level:.4g} is within its training range "
        f"(modified z {towards:.2f} <= {DEFAULT_LIMIT:g})",
        confidence=rul.confidence,
        model=rul.model,
        level=rul.level,
        parameters=rul.parameters,
        r2=rul.r2,
    )


@library_function("prognostics", returns="HealthAssessment", use='op "health"')
def assess_health(
    asset: str,
    signals: Sequence[str],
    training: Sequence[Sequence[float]],
    latest: Sequence[float],
    indicator: Indicator,
    forest: ForestSettings = ForestSettings(),
) -> HealthAssessment:
    """Anomaly flag and score of the latest sample, remaining useful life of the indicator, priority and recommendation."""
    rows = np.asarray(training, dtype=float)
    now = np.asarray(latest, dtype=float)
    if rows.ndim != 2 or rows.shape[1] != len(signals):
        raise ValueError(f"training rows must hold one value per signal ({len(signals)})")
    if now.shape != (len(signals),):
        raise ValueError(f"the latest sample must hold one value per signal ({len(signals)})")
    trained, fingerprint = cached_forest(rows, forest.trees, forest.subsample, forest.contamination, forest.seed)
    score = float(trained.scores(now[np.newaxis, :])[0])
    isolated = score > trained.threshold
    explained = []
    for index, name in enumerate(signals):
        z = modified_zscore(float(now[index]), rows[:, index])
        off_range = z is not None and abs(z) > DEFAULT_LIMIT
        # An infinite z (a constant training column, and a different value now) is not JSON: off says it.
        shown = z if z is None or math.isfinite(z) else None
        explained.append({"name": name, "value": float(now[index]), "z": shown, "off": off_range})
    off = [entry["name"] for entry in explained if entry["off"]]
    anomalous = isolated or bool(off)
    rul = remaining_useful_life(
        indicator.times, indicator.values, indicator.threshold, indicator.direction, indicator.model
    )
    rul = _from_first_predicting_time(rul, indicator, signals, rows)
    life = rul.seconds if rul.status in (ESTIMATED, REACHED) else None
    priority = maintenance_priority(life, anomalous)
    return HealthAssessment(
        asset=asset,
        anomalous=anomalous,
        isolated=isolated,
        score=score,
        threshold=trained.threshold,
        signals=explained,
        rul=rul,
        priority=priority,
        recommendation=_recommendation(asset, priority, rul, indicator, off),
        forest=fingerprint,
        samples={"training": int(rows.shape[0]), "indicator": len(indicator.values)},
    )
