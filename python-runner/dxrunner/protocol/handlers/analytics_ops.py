"""anomaly, robust, rul and health: the predictive-maintenance functions, stateless per request.

Each result names the library functions that made it, with their versions, and the worker library's
version ("lineage"), so whoever publishes it can say where it came from.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from ... import __version__
from ...functions.catalog import function_ref
from ...functions.health import ForestSettings, Indicator, assess_health, maintenance_priority
from ...functions.isolation_forest import (
    DEFAULT_CONTAMINATION,
    DEFAULT_SEED,
    DEFAULT_SUBSAMPLE,
    DEFAULT_TREES,
    cached_forest,
    train_isolation_forest,
)
from ...functions.remaining_life import ABOVE, AUTO, remaining_useful_life
from ...functions.robust_detector import DEFAULT_LIMIT, DEFAULT_WINDOW, modified_zscore, robust_scores
from ...scenario.parse import is_number
from ..errors import BadRequest, InvalidRequest, Problem, pointer
from ..fields import integer, number, number_list, string

if TYPE_CHECKING:
    from ..dispatch import Worker


def lineage(*functions: Callable[..., Any]) -> dict[str, Any]:
    return {"library": __version__, "functions": [function_ref(f) for f in functions]}


def _rows(raw: Any, path: str, width: int | None = None) -> list[list[float]]:
    """A matrix of finite numbers, one row per sample, every row as wide; InvalidRequest pointing at path."""
    if not isinstance(raw, list) or not raw:
        raise InvalidRequest([Problem(path, "INVALID_TYPE", "must be a non-empty array of rows of numbers")])
    width = width if width is not None else (len(raw[0]) if isinstance(raw[0], list) else -1)
    for index, row in enumerate(raw):
        if not isinstance(row, list) or len(row) != width or width < 1 or not all(is_number(v) for v in row):
            message = f"every row must be an array of {max(width, 1)} finite numbers"
            raise InvalidRequest([Problem(pointer(path.strip("/"), index), "INVALID_VALUE", message)])
    return raw


def _forest_settings(request: Mapping[str, Any]) -> ForestSettings:
    contamination = number(request, "contamination", DEFAULT_CONTAMINATION, positive=True)
    if contamination >= 0.5:
        raise InvalidRequest([Problem("/contamination", "INVALID_VALUE", "contamination must be below 0.5")])
    return ForestSettings(
        trees=integer(request, "trees", DEFAULT_TREES),
        subsample=integer(request, "subsample", DEFAULT_SUBSAMPLE, minimum=2),
        contamination=contamination,
        seed=integer(request, "seed", DEFAULT_SEED, minimum=0),
    )


def _refused(error: ValueError) -> BadRequest:
    return BadRequest(str(error))


def anomaly(request: dict[str, Any], worker: Worker) -> dict[str, Any]:
    """Trains a forest on `training` (or takes it from the worker's cache) and scores `rows` (default: the training rows)."""
    training = _rows(request.get("training"), "/training")
    rows = _rows(request["rows"], "/rows", len(training[0])) if "rows" in request else training
    settings = _forest_settings(request)
    try:
        forest, fingerprint = cached_forest(
            training, settings.trees, settings.subsample, settings.contamination, settings.seed
        )
    except ValueError as error:
        raise _refused(error) from error
    scores = forest.scores(rows)
    return {
        "scores": scores.tolist(),
        "flags": (scores > forest.threshold).tolist(),
        "threshold": forest.threshold,
        "subsample": forest.subsample,
        "forest": fingerprint,
        "lineage": lineage(train_isolation_forest),
    }


def robust(request: dict[str, Any], worker: Worker) -> dict[str, Any]:
    """Scores a series against the rolling median/MAD window; hand `state` back to continue."""
    values = number_list(request, "values")
    window = integer(request, "window", DEFAULT_WINDOW, minimum=10)
    limit = number(request, "limit", DEFAULT_LIMIT, positive=True)
    state = number_list(request, "state", required=False)
    try:
        scores, flags = robust_scores(values, window, limit, state)
    except ValueError as error:
        raise _refused(error) from error
    kept = (list(state) + list(values))[-window:]
    return {
        "scores": [None if s is None or not np.isfinite(s) else s for s in scores],
        "flags": flags,
        "state": kept,
        "lineage": lineage(robust_scores, modified_zscore),
    }


def _indicator(raw: Any) -> Indicator:
    if not isinstance(raw, dict):
        raise InvalidRequest([Problem("/indicator", "INVALID_TYPE", "indicator must be an object")])
    problems = [
        Problem(pointer("indicator", name), "UNKNOWN_FIELD", f"unknown indicator field {name!r}")
        for name in sorted(set(raw) - {"name", "times", "values", "threshold", "direction", "model", "unit"})
    ]
    if problems:
        raise InvalidRequest(problems)
    try:
        return Indicator(
            name=string(raw, "name"),
            times=number_list(raw, "times"),
            values=number_list(raw, "values"),
            threshold=number(raw, "threshold"),
            direction=str(raw.get("direction", ABOVE)),
            model=str(raw.get("model", AUTO)),
            unit=str(raw.get("unit", "")),
        )
    except InvalidRequest as error:
        raise InvalidRequest([Problem("/indicator" + p.path, p.code, p.message) for p in error.problems]) from error


def rul(request: dict[str, Any], worker: Worker) -> dict[str, Any]:
    """Remaining useful life of a health indicator: {times, values, threshold, direction?, model?, confidence?}."""
    times, values = number_list(request, "times"), number_list(request, "values")
    threshold = number(request, "threshold")
    confidence = number(request, "confidence", 0.95, positive=True)
    try:
        estimate = remaining_useful_life(
            times, values, threshold, str(request.get("direction", ABOVE)), str(request.get("model", AUTO)), confidence
        )
    except ValueError as error:
        raise _refused(error) from error
    return {**estimate.to_json(), "lineage": lineage(remaining_useful_life)}


def health(request: dict[str, Any], worker: Worker) -> dict[str, Any]:
    """The health assessment of one asset: {asset, signals, training, latest, indicator, trees?, ...}."""
    asset = string(request, "asset")
    signals = request.get("signals")
    if not isinstance(signals, list) or not signals or not all(isinstance(s, str) for s in signals):
        raise InvalidRequest([Problem("/signals", "INVALID_TYPE", "signals must be a non-empty array of names")])
    training = _rows(request.get("training"), "/training", len(signals))
    latest = number_list(request, "latest")
    if len(latest) != len(signals):
        raise InvalidRequest([Problem("/latest", "INVALID_VALUE", f"latest must hold {len(signals)} values")])
    indicator = _indicator(request.get("indicator"))
    settings = _forest_settings(request)
    try:
        assessed = assess_health(asset, signals, training, latest, indicator, settings)
    except ValueError as error:
        raise _refused(error) from error
    return {
        **assessed.to_json(),
        "lineage": lineage(
            assess_health, train_isolation_forest, modified_zscore, remaining_useful_life, maintenance_priority
        ),
    }
