"""A centrifugal pump (e.g. P101): head curve, power, efficiency curve, flow and speed dynamics.

Equations and defaults from models.md. The head curve is the published one at nominal speed and
does not scale with rpm (models.md gives no affinity law); speed drives the power draw.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .base import Input, Model, Output, Parameter, State, Values, Violation

BEST_EFFICIENCY_FLOW_FRACTION = 0.8  # the efficiency curve peaks at 80 % of Q_max
MINIMUM_EFFICIENCY = 0.1  # the curve is not used below this
BASE_POWER_FRACTION = 0.3  # share of P_nom drawn at standstill; the rest grows with speed
VALID_FLOW_MARGIN = 1.1  # the state is valid up to 1.1 * Q_max


def head(Q: Values, Q_max: float, H_max: float) -> Values:
    """H = H_max * (1 - (Q / Q_max)^2), in m."""
    return H_max * (1.0 - (Q / Q_max) ** 2)


def power(rpm: Values, P_nom: float, rpm_nom: float) -> Values:
    """P = P_nom * (0.3 + 0.7 * rpm / rpm_nom), in W (rpm_nom = 3000 in models.md)."""
    return P_nom * (BASE_POWER_FRACTION + (1.0 - BASE_POWER_FRACTION) * rpm / rpm_nom)


def efficiency(Q: Values, Q_max: float, eta_best: float) -> Values:
    """eta(q) = eta * (1 - ((q - 0.8) / 0.8)^2), not below 0.1, with q = Q / Q_max."""
    q = Q / Q_max
    shape = 1.0 - ((q - BEST_EFFICIENCY_FLOW_FRACTION) / BEST_EFFICIENCY_FLOW_FRACTION) ** 2
    return np.maximum(eta_best * shape, MINIMUM_EFFICIENCY)


class PumpModel(Model):
    """Centrifugal pump: flow accelerates with the head surplus, speed follows its setpoint.

    dQ/dt = (H + p_in - p_out) / flow_inertia and d(rpm)/dt = speed_rate * (rpm_setpoint - rpm).
    The state is valid for 0 <= Q <= 1.1 * Q_max and 0 <= rpm <= rpm_max; outside it the result is
    flagged. The default system head (p_out 18 m) settles the pump at its best efficiency point.
    """

    name = "pump"
    parameters = (
        Parameter("Q_max", "L/s", 100.0, "Flow at which the head falls to zero.", positive=True),
        Parameter("H_max", "m", 50.0, "Head at zero flow."),
        Parameter("P_nom", "W", 5000.0, "Power drawn at nominal speed."),
        Parameter("eta", "1", 0.85, "Best efficiency, at 80 % of Q_max."),
        Parameter("rpm_nom", "rpm", 3000.0, "Nominal speed of the power law.", positive=True),
        Parameter("rpm_max", "rpm", 4000.0, "Highest valid speed."),
        Parameter("flow_inertia", "m*s2/L", 100.0, "Head surplus needed per L/s2 of flow acceleration.", positive=True),
        Parameter("speed_rate", "1/s", 0.5, "How fast the speed follows its setpoint."),
    )
    states = (
        State("Q", "L/s", 0.0, "Flow through the pump."),
        State("rpm", "rpm", 0.0, "Shaft speed."),
    )
    inputs = (
        Input("p_in", "m", 0.0, "Suction pressure, as head."),
        Input("p_out", "m", 18.0, "Discharge pressure the system imposes, as head."),
        Input("rpm_setpoint", "rpm", 3000.0, "Speed setpoint."),
    )
    outputs = (
        Output("Q", "L/s", "Flow through the pump."),
        Output("rpm", "rpm", "Shaft speed."),
        Output("H", "m", "Head delivered at that flow."),
        Output("P", "W", "Power drawn."),
        Output("eta", "1", "Efficiency at that flow."),
        Output("valid", "1", "1 while the state is in the valid range, else 0."),
    )

    def derivatives(self, t: float, y: np.ndarray, u: Sequence[float]) -> np.ndarray:
        Q, rpm = y
        p_in, p_out, rpm_setpoint = u
        p = self.p
        return np.array(
            ((head(Q, p.Q_max, p.H_max) + p_in - p_out) / p.flow_inertia, p.speed_rate * (rpm_setpoint - rpm))
        )

    def _valid(self, Q: Values, rpm: Values) -> tuple[Values, Values]:
        p = self.p
        flow_ok = (Q >= 0.0) & (Q <= VALID_FLOW_MARGIN * p.Q_max)
        speed_ok = (rpm >= 0.0) & (rpm <= p.rpm_max)
        return flow_ok, speed_ok

    def evaluate(self, y: np.ndarray, u: Sequence[Values]) -> dict[str, Values]:
        Q, rpm = y
        p = self.p
        flow_ok, speed_ok = self._valid(Q, rpm)
        return {
            "Q": Q,
            "rpm": rpm,
            "H": head(Q, p.Q_max, p.H_max),
            "P": power(rpm, p.P_nom, p.rpm_nom),
            "eta": efficiency(Q, p.Q_max, p.eta),
            "valid": np.where(flow_ok & speed_ok, 1.0, 0.0),
        }

    def violations(self, y: np.ndarray, u: Sequence[Values]) -> list[Violation]:
        Q, rpm = y
        flow_ok, speed_ok = self._valid(Q, rpm)
        limit = VALID_FLOW_MARGIN * self.p.Q_max
        return [
            Violation("FLOW_OUT_OF_RANGE", f"flow Q outside 0..{limit:g} L/s", ~np.asarray(flow_ok)),
            Violation("SPEED_OUT_OF_RANGE", f"speed outside 0..{self.p.rpm_max:g} rpm", ~np.asarray(speed_ok)),
        ]
