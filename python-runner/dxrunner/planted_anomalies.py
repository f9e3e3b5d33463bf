"""`python3 -m dxrunner.planted_anomalies`: the detectors on series with planted anomalies, as figures.

Two experiments, both seeded so the figures are the same on every machine:

- multivariate (Isolation Forest): a pump's five signals (flow, discharge pressure, speed, power,
  vibration) tied together by the affinity laws as the speed wanders between 2800 and 3100 rpm, with
  sensor noise. The forest trains on 1000 normal samples; a test set of 2000 normal samples holds
  100 planted anomalies, 25 of each kind: a vibration burst (+1.2 mm/s, 8 sigma), power drawn without
  the flow to match (+12 %), flow lost at unchanged speed (-15 %), discharge pressure lost (-15 %);
- univariate (rolling median/MAD): 5000 samples of 50 + 2 sin(2 pi t / 600) + noise (sigma 0.5)
  with 50 spikes of 5 to 8 sigma, either sign.

Detection rate is the share of planted anomalies flagged; the false alarm rate is the share of the
other samples flagged. The last line printed is one JSON object with both.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

import numpy as np

from .functions.isolation_forest import DEFAULT_CONTAMINATION, train_isolation_forest
from .functions.robust_detector import DEFAULT_LIMIT, RobustDetector, modified_zscore

PUMP_SIGNALS = ("flow", "dischargePressure", "speed", "power", "vibration")
# Faults as they show on a pump's signals: column -> (added, factor); 20 planted of each.
FAULTS: dict[str, dict[int, tuple[float, float]]] = {
    "bearing-wear": {4: (1.0, 1.0), 3: (0.0, 1.06)},
    "cavitation": {0: (0.0, 0.88), 1: (0.0, 0.90), 4: (0.6, 1.0)},
    "impeller-wear": {0: (0.0, 0.90), 1: (0.0, 0.90)},
    "motor-fault": {3: (0.0, 1.12)},
    "vibration-spike": {4: (1.2, 1.0)},
}
KINDS = tuple(FAULTS)


def pump_samples(count: int, rng: np.random.Generator) -> np.ndarray:
    """Normal samples of P101: rows of flow (L/s), pressure (MPa), speed (rpm), power (kW), vibration (mm/s)."""
    speed = rng.uniform(2800.0, 3100.0, count)
    ratio = speed / 2950.0
    return np.column_stack(
        (
            62.5 * ratio + rng.normal(0.0, 0.8, count),
            0.45 * ratio**2 + rng.normal(0.0, 0.004, count),
            speed + rng.normal(0.0, 5.0, count),
            4.6 * ratio**3 + rng.normal(0.0, 0.05, count),
            2.1 + rng.normal(0.0, 0.15, count),
        )
    )


def plant(rows: np.ndarray, kind: str) -> None:
    """Makes each row anomalous in place, as that fault would."""
    for column, (added, factor) in FAULTS[kind].items():
        rows[:, column] = rows[:, column] * factor + added


def signal_flags(training: np.ndarray, rows: np.ndarray, limit: float = DEFAULT_LIMIT) -> np.ndarray:
    """True where any signal's modified z-score against its training column exceeds the limit."""
    flags = np.zeros(rows.shape[0], dtype=bool)
    for column in range(rows.shape[1]):
        z = np.array([modified_zscore(float(v), training[:, column]) for v in rows[:, column]])
        flags |= np.abs(z) > limit
    return flags


def rates(flags: np.ndarray, is_planted: np.ndarray, planted: np.ndarray, kinds: np.ndarray) -> dict[str, Any]:
    return {
        "detectionRate": float(flags[is_planted].mean()),
        "falseAlarmRate": float(flags[~is_planted].mean()),
        "falseAlarms": int(flags[~is_planted].sum()),
        "byKind": {kind: float(flags[planted[kinds == kind]].mean()) for kind in KINDS},
    }


def multivariate(seed: int = 1, contamination: float = DEFAULT_CONTAMINATION) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    training = pump_samples(1000, rng)
    test = pump_samples(2000, rng)
    planted = rng.choice(test.shape[0], size=20 * len(KINDS), replace=False)
    kinds = np.array([KINDS[i % len(KINDS)] for i in range(planted.size)])
    for kind in KINDS:
        rows = planted[kinds == kind]
        block = test[rows]
        plant(block, kind)
        test[rows] = block
    forest = train_isolation_forest(training, contamination=contamination, seed=seed)
    forest_flags = forest.flags(test)
    off_flags = signal_flags(training, test)
    is_planted = np.zeros(test.shape[0], dtype=bool)
    is_planted[planted] = True
    return {
        "samples": int(test.shape[0]),
        "planted": int(planted.size),
        "contamination": contamination,
        "isolationForest": rates(forest_flags, is_planted, planted, kinds),
        "signalZ": rates(off_flags, is_planted, planted, kinds),
        "either": rates(forest_flags | off_flags, is_planted, planted, kinds),
    }


def univariate(seed: int = 2) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    t = np.arange(5000.0)
    values = 50.0 + 2.0 * np.sin(2.0 * np.pi * t / 600.0) + rng.normal(0.0, 0.5, t.size)
    # Spikes after the first window, far enough apart that no window holds two.
    planted = np.sort(rng.choice(np.arange(100, 4990, 90), size=50, replace=False))
    values[planted] += rng.choice((-1.0, 1.0), planted.size) * rng.uniform(5.0, 8.0, planted.size) * 0.5
    _, flags = RobustDetector().run(values.tolist())
    found = np.asarray(flags)
    is_planted = np.zeros(t.size, dtype=bool)
    is_planted[planted] = True
    return {
        "detector": "rolling-median-mad",
        "samples": int(t.size),
        "planted": int(planted.size),
        "detectionRate": float(found[is_planted].mean()),
        "falseAlarmRate": float(found[~is_planted].mean()),
        "falseAlarms": int(found[~is_planted].sum()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contamination", type=float, default=DEFAULT_CONTAMINATION)
    args = parser.parse_args()
    figures = {"multivariate": multivariate(contamination=args.contamination), "univariate": univariate()}
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
