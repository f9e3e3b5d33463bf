"""Kalman filter for one noisy measurement, with state [value, rate].

Per models.md: transition F = [[1, dt], [0, 1]], observation H = [1, 0], process noise Q = q * I
(q = 0.01), measurement noise R = r (r = 0.5), initial covariance P = I; one cycle is predict then
update. The twin loop keeps one filter per sensor inside its session; the stateless `kalman` op runs
a series through a fresh (or handed-back) filter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .catalog import library_function

DEFAULT_PROCESS_NOISE = 0.01
DEFAULT_MEASUREMENT_NOISE = 0.5

_H = np.array([1.0, 0.0])


@dataclass(frozen=True)
class KalmanStep:
    """What one cycle reports: the estimate, its rate, and the innovation (None when nothing was measured)."""

    estimate: float
    rate: float
    innovation: float | None
    innovation_variance: float | None


@dataclass
class KalmanFilter:
    """A [value, rate] filter that keeps its state between cycles."""

    value: float = 0.0
    rate: float = 0.0
    q: float = DEFAULT_PROCESS_NOISE
    r: float = DEFAULT_MEASUREMENT_NOISE
    x: np.ndarray = field(init=False)
    P: np.ndarray = field(default_factory=lambda: np.eye(2))

    def __post_init__(self) -> None:
        if self.q < 0 or self.r <= 0:
            raise ValueError("process noise q must be >= 0 and measurement noise r > 0")
        self.x = np.array([float(self.value), float(self.rate)])
        self.P = np.array(self.P, dtype=float).reshape(2, 2)

    def predict(self, dt: float) -> None:
        """Moves the state dt seconds ahead at the estimated rate; the uncertainty grows by Q."""
        F = np.array([[1.0, dt], [0.0, 1.0]])
        self.x = F @ self.x
        self.P = F @ self.P @ F.T + self.q * np.eye(2)

    def update(self, measurement: float) -> tuple[float, float]:
        """Corrects the state with a measurement; returns (innovation, innovation variance)."""
        innovation = measurement - _H @ self.x
        variance = _H @ self.P @ _H + self.r
        gain = self.P @ _H / variance
        self.x = self.x + gain * innovation
        # Joseph form: stays symmetric and positive definite where (I - KH) P drifts in rounding.
        I_KH = np.eye(2) - np.outer(gain, _H)
        self.P = I_KH @ self.P @ I_KH.T + self.r * np.outer(gain, gain)
        return float(innovation), float(variance)

    def cycle(self, measurement: float | None, dt: float) -> KalmanStep:
        """Predict by dt, then update with the measurement if there is one."""
        self.predict(dt)
        innovation = variance = None
        if measurement is not None:
            innovation, variance = self.update(measurement)
        return KalmanStep(float(self.x[0]), float(self.x[1]), innovation, variance)

    def state(self) -> dict[str, list]:
        """The filter's state as JSON, so a stateless caller can hand it back next time."""
        return {"x": self.x.tolist(), "P": self.P.tolist()}


@library_function(
    "kalman",
    units={"dt": "s"},
    returns="one KalmanStep per measurement, and the filter",
    use='op "kalman"; inside a session, the "twin" option',
)
def kalman_filter_series(
    measurements: Sequence[float | None],
    dt: float,
    q: float = DEFAULT_PROCESS_NOISE,
    r: float = DEFAULT_MEASUREMENT_NOISE,
    x0: Sequence[float] | None = None,
    P0: Sequence[Sequence[float]] | None = None,
) -> tuple[list[KalmanStep], KalmanFilter]:
    """Runs measurements taken every dt seconds through the filter (None means predict only).

    Without x0 the filter starts at the first measurement with rate 0, so the first cycle does not
    report a huge innovation just because the filter knew nothing.
    """
    if x0 is None:
        first = next((m for m in measurements if m is not None), 0.0)
        x0 = (first, 0.0)
    kalman = KalmanFilter(value=x0[0], rate=x0[1], q=q, r=r, P=np.eye(2) if P0 is None else np.asarray(P0, float))
    return [kalman.cycle(m, dt) for m in measurements], kalman
