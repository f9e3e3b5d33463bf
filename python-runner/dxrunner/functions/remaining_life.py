"""Remaining useful life: a degradation model fitted to a health indicator, extrapolated to a failure threshold.

The indicator (a pump's vibration, an exchanger's fouling resistance, an efficiency) is sampled at
times t. Two degradation models are fitted by least squares (scipy's curve_fit), in time relative
to the last sample, tau = t - t_last:

- linear: h(tau) = a + b tau, so the trend reaches the threshold at tau* = (threshold - a) / b;
- exponential: h(tau) = a exp(b tau) (a > 0, every value > 0), so tau* = ln(threshold / a) / b.

`a` is the fitted level now, so tau* is the remaining life from the last sample. "auto" keeps the
model with the smaller residual sum of squares (both have two parameters, so that is also the
smaller AIC). The confidence interval is that of tau*, from the fit's parameter covariance: 4000
parameter draws from the fitted normal (fixed seed), each extrapolated; draws whose trend never
reaches the threshold count as infinitely far, so an upper bound may be None (unbounded).

"Not enough data" when it cannot tell: fewer than 8 samples, no time span, a failed fit, or a trend
that is not significantly (|b| / se(b) >= 2) heading for the threshold. When the fitted level
already is past the threshold the life is 0 ("threshold-reached").
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .catalog import library_function

ESTIMATED, REACHED, NOT_ENOUGH_DATA = "estimated", "threshold-reached", "not-enough-data"
LINEAR, EXPONENTIAL, AUTO = "linear", "exponential", "auto"
MODELS = (LINEAR, EXPONENTIAL, AUTO)
ABOVE, BELOW = "above", "below"
MIN_SAMPLES = 8
MAX_SAMPLES = 100_000
MIN_TREND_T = 2.0  # |b| / se(b): about 95 % that the trend is real
DRAWS = 4000
SEED = 7


@dataclass(frozen=True)
class Fit:
    model: str
    a: float
    b: float
    covariance: np.ndarray
    sse: float
    r2: float

    def crossing(self, a: np.ndarray | float, b: np.ndarray | float, threshold: float) -> np.ndarray:
        """tau* for parameters (a, b); inf where that trend never reaches the threshold ahead."""
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            if self.model == LINEAR:
                tau = (threshold - a) / b
            else:
                tau = np.log(threshold / a) / b
        return np.where(np.isfinite(tau) & (tau >= 0.0), tau, np.inf)


@dataclass(frozen=True)
class RemainingLife:
    """The estimate: status, why, the life left (s) with its interval, and the fit it came from."""

    status: str
    reason: str
    seconds: float | None = None
    lower: float | None = None
    upper: float | None = None
    confidence: float = 0.95
    model: str | None = None
    level: float | None = None
    parameters: dict[str, float] = field(default_factory=dict)
    r2: float | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"status": self.status, "reason": self.reason, "confidence": self.confidence}
        for name in ("seconds", "lower", "upper", "model", "level", "r2"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.parameters:
            out["parameters"] = self.parameters
        return out


def _curve(model: str) -> Callable[..., np.ndarray]:
    if model == LINEAR:
        return lambda tau, a, b: a + b * tau
    return lambda tau, a, b: a * np.exp(b * tau)


def _fit(model: str, tau: np.ndarray, values: np.ndarray) -> Fit | None:
    from scipy.optimize import curve_fit  # imported on first use: scipy is slow to load

    if model == EXPONENTIAL:
        if np.any(values <= 0.0):
            return None
        b0, log_a0 = np.polyfit(tau, np.log(values), 1)
        start = (math.exp(log_a0), b0)
    else:
        b0, a0 = np.polyfit(tau, values, 1)
        start = (a0, b0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            (a, b), covariance = curve_fit(_curve(model), tau, values, p0=start, maxfev=10_000)
    except (RuntimeError, ValueError):
        return None
    if not (np.all(np.isfinite(covariance)) and math.isfinite(a) and math.isfinite(b)):
        return None
    residuals = values - _curve(model)(tau, a, b)
    sse = float(residuals @ residuals)
    spread = float(np.sum((values - values.mean()) ** 2))
    return Fit(model, float(a), float(b), covariance, sse, 1.0 - sse / spread if spread > 0 else 1.0)


def _not_enough(reason: str, fit: Fit | None = None, confidence: float = 0.95) -> RemainingLife:
    if fit is None:
        return RemainingLife(NOT_ENOUGH_DATA, reason, confidence=confidence)
    return RemainingLife(
        NOT_ENOUGH_DATA, reason, confidence=confidence, model=fit.model, level=fit.a,
        parameters={"a": fit.a, "b": fit.b}, r2=fit.r2,
    )


@library_function(
    "prognostics",
    units={"times": "s"},
    returns="RemainingLife (seconds from the last sample, with a confidence interval)",
    use='op "rul"; op "health"',
)
def remaining_useful_life(
    times: Sequence[float],
    values: Sequence[float],
    threshold: float,
    direction: str = ABOVE,
    model: str = AUTO,
    confidence: float = 0.95,
) -> RemainingLife:
    """Fits a linear or exponential degradation trend and gives the time until it reaches the threshold.

    direction says which side of the threshold is failure: "above" (vibration rising to a limit) or
    "below" (efficiency falling to one).
    """
    t = np.asarray(times, dtype=float)
    h = np.asarray(values, dtype=float)
    if t.ndim != 1 or t.shape != h.shape:
        raise ValueError("times and values must be lists of numbers of the same length")
    if t.size > MAX_SAMPLES:
        raise ValueError(f"at most {MAX_SAMPLES} samples")
    if not (np.all(np.isfinite(t)) and np.all(np.isfinite(h)) and math.isfinite(threshold)):
        raise ValueError("times, values and threshold must be finite numbers")
    if direction not in (ABOVE, BELOW):
        raise ValueError("direction must be above or below")
    if model not in MODELS:
        raise ValueError(f"model must be one of {', '.join(MODELS)}")
    if not 0.5 <= confidence < 1.0:
        raise ValueError("confidence must be at least 0.5 and less than 1")
    if t.size < MIN_SAMPLES:
        return _not_enough(f"{t.size} samples; at least {MIN_SAMPLES} are needed", confidence=confidence)
    order = np.argsort(t, kind="stable")
    t, h = t[order], h[order]
    if t[-1] == t[0]:
        return _not_enough("every sample has the same time", confidence=confidence)
    tau = t - t[-1]
    fits = [f for f in (_fit(m, tau, h) for m in ((LINEAR, EXPONENTIAL) if model == AUTO else (model,))) if f]
    if not fits:
        return _not_enough(f"the {model} model could not be fitted", confidence=confidence)
    fit = min(fits, key=lambda f: f.sse)
    past = fit.a >= threshold if direction == ABOVE else fit.a <= threshold
    if past:
        return RemainingLife(
            REACHED, f"the fitted level {fit.a:.4g} is {direction} the threshold {threshold:g}",
            seconds=0.0, lower=0.0, upper=0.0, confidence=confidence, model=fit.model, level=fit.a,
            parameters={"a": fit.a, "b": fit.b}, r2=fit.r2,
        )
    # The trend heads for the threshold when the level moves towards it: b > 0 for "above" (both
    # models), b < 0 for "below".
    towards = fit.b > 0 if direction == ABOVE else fit.b < 0
    se_b = math.sqrt(max(float(fit.covariance[1, 1]), 0.0))
    significance = math.inf if se_b == 0.0 else abs(fit.b) / se_b
    if significance < MIN_TREND_T:
        return _not_enough(
            f"no significant trend (|b| / se(b) = {significance:.2f} < {MIN_TREND_T:g})", fit, confidence
        )
    if not towards:
        return _not_enough(f"the trend moves away from the threshold (b = {fit.b:.4g})", fit, confidence)
    seconds = float(fit.crossing(fit.a, fit.b, threshold))
    rng = np.random.default_rng(SEED)
    if np.any(fit.covariance != 0.0):
        draws = rng.multivariate_normal((fit.a, fit.b), fit.covariance, size=DRAWS, check_valid="ignore")
        crossings = fit.crossing(draws[:, 0], draws[:, 1], threshold)
        tail = (1.0 - confidence) / 2.0
        lower, upper = (float(v) for v in np.quantile(crossings, (tail, 1.0 - tail)))
        if not math.isfinite(lower):
            return _not_enough("too uncertain: most plausible trends never reach the threshold", fit, confidence)
    else:
        lower = upper = seconds
    return RemainingLife(
        ESTIMATED,
        f"the {fit.model} trend reaches {threshold:g} in {seconds:.4g} s",
        seconds=seconds,
        lower=lower,
        upper=upper if math.isfinite(upper) else None,
        confidence=confidence,
        model=fit.model,
        level=fit.a,
        parameters={"a": fit.a, "b": fit.b},
        r2=fit.r2,
    )
