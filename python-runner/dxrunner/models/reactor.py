"""A stirred chemical reactor (e.g. R101): heat balance, Arrhenius kinetics, conversion, forecast.

The equations and defaults are those of models.md. One choice is ours: the reaction is advanced by
the published conversion step once per step (advance), and the heat it releases, q_reaction per
unit of conversion, is added to T in the same step; only the jacket exchange is left to the
integrator. At 250 degC the rate constant is about 100 1/s, so integrating conversion as an ODE
with a one-second fixed step would be unstable, while the step law (capped at 1) stays bounded
and the heat added equals exactly q_reaction times the conversion made.

The reported rate, heat and dT/dt are those of the step the model applies, over the scenario's step
(`step_seconds`, 1 s when the scenario has none): rate = (min(X + k_eff (1 - X) dt, 1) - X) / dt,
which is k_eff (1 - X) unless the cap binds, heat = q_reaction * rate. Version 1.0.0 reported
k_eff (1 - X) even where the cap made the step release far less heat than that.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..functions.units import ABSOLUTE_ZERO_C, degc_to_k, mpa_to_pa
from .base import Input, Model, Output, Parameter, State, Values


def arrhenius_rate(temperature_c: Values, A_f: float, Ea: float, R: float) -> Values:
    """k = A_f * exp(-Ea / (R * T_K)) with T_K = T + 273.15, in 1/s."""
    return A_f * np.exp(-Ea / (R * degc_to_k(temperature_c)))


def pressure_corrected_rate(k: Values, pressure_mpa: Values, P_ref: float) -> Values:
    """k_eff = k * (P_Pa / P_ref)^0.5, with the pressure given in MPa and P_ref in Pa."""
    return k * np.sqrt(mpa_to_pa(pressure_mpa) / P_ref)


def conversion_step(X: Values, k_eff: Values, dt: float) -> Values:
    """X <- min(X + k_eff * (1 - X) * dt, 1): the conversion after dt seconds."""
    return np.minimum(X + k_eff * (1.0 - X) * dt, 1.0)


def jacket_heat_flow(T: Values, T_j: Values, h: float, A: float) -> Values:
    """Heat flowing from the jacket into the reactor, h * A * (T_j - T), in W."""
    return h * A * (T_j - T)


def heat_balance(T: Values, T_j: Values, q_reaction_w: Values, h: float, A: float, m: float, c: float) -> Values:
    """dT/dt = (h * A * (T_j - T) + q_reaction) / (m * c), in K/s, with q_reaction the heat released in W."""
    return (jacket_heat_flow(T, T_j, h, A) + q_reaction_w) / (m * c)


class ReactorModel(Model):
    """Stirred reactor: Arrhenius kinetics with a pressure correction, conversion, and a jacketed heat balance.

    State T (degC), P (MPa), F (L/min), X (0..1). P and F have no dynamics of their own: they are
    held (or set from telemetry in the twin loop). The jacket temperature T_j is an input.
    """

    name = "reactor"
    version = "1.1.0"
    parameters = (
        Parameter("c", "J/(kg*K)", 4200.0, "Heat capacity of the reactor contents.", positive=True),
        Parameter("m", "kg", 1000.0, "Mass of the reactor contents.", positive=True),
        Parameter("h", "W/(m2*K)", 500.0, "Heat transfer coefficient between jacket and contents."),
        Parameter("A", "m2", 10.0, "Heat transfer area of the jacket."),
        Parameter("A_f", "1/s", 1e10, "Arrhenius pre-exponential factor."),
        Parameter("Ea", "J/mol", 80000.0, "Activation energy."),
        Parameter("R", "J/(mol*K)", 8.314, "Gas constant.", positive=True),
        Parameter("P_ref", "Pa", 2.5e6, "Reference pressure of the rate's pressure correction.", positive=True),
        Parameter("q_reaction", "J", 1e5, "Heat released per unit of conversion (exothermic when positive)."),
    )
    states = (
        State("T", "degC", 250.0, "Temperature of the contents.", minimum=ABSOLUTE_ZERO_C),
        State("P", "MPa", 2.5, "Pressure (absolute).", minimum=0.0),
        State("F", "L/min", 0.0, "Feed flow rate (carried, no dynamics).", minimum=0.0),
        State("X", "1", 0.0, "Conversion.", minimum=0.0, maximum=1.0),
    )
    inputs = (Input("T_j", "degC", 250.0, "Jacket temperature."),)
    outputs = (
        Output("T", "degC", "Temperature of the contents."),
        Output("P", "MPa", "Pressure."),
        Output("F", "L/min", "Feed flow rate."),
        Output("X", "1", "Conversion."),
        Output("k", "1/s", "Arrhenius rate constant at T."),
        Output("k_eff", "1/s", "Rate constant corrected for pressure."),
        Output("rate", "1/s", "Conversion rate of the step applied, k_eff * (1 - X) unless capped at X = 1."),
        Output("heat", "W", "Heat released by the reaction at that rate."),
        Output("jacket", "W", "Heat flowing from the jacket into the contents."),
        Output("dTdt", "K/s", "Rate of change of T by the heat balance."),
    )

    def rate_constant(self, T: Values, P: Values) -> Values:
        """k_eff at temperature T (degC) and pressure P (MPa)."""
        p = self.p
        return pressure_corrected_rate(arrhenius_rate(T, p.A_f, p.Ea, p.R), P, p.P_ref)

    def derivatives(self, t: float, y: np.ndarray, u: Sequence[float]) -> np.ndarray:
        T = y[0]
        p = self.p
        return np.array((heat_balance(T, u[0], 0.0, p.h, p.A, p.m, p.c), 0.0, 0.0, 0.0))

    def advance(self, y: np.ndarray, u: Sequence[float], dt: float) -> np.ndarray:
        T, P, F, X = y
        converted = conversion_step(X, self.rate_constant(T, P), dt)
        heated = T + self.p.q_reaction * (converted - X) / (self.p.m * self.p.c)
        return np.array((heated, P, F, converted))

    def evaluate(self, y: np.ndarray, u: Sequence[Values]) -> dict[str, Values]:
        T, P, F, X = y
        T_j = u[0]
        p = self.p
        k = arrhenius_rate(T, p.A_f, p.Ea, p.R)
        k_eff = pressure_corrected_rate(k, P, p.P_ref)
        rate = (conversion_step(X, k_eff, self.step_seconds) - X) / self.step_seconds
        heat = p.q_reaction * rate
        return {
            "T": T,
            "P": P,
            "F": F,
            "X": X,
            "k": k,
            "k_eff": k_eff,
            "rate": rate,
            "heat": heat,
            "jacket": jacket_heat_flow(T, T_j, p.h, p.A),
            "dTdt": heat_balance(T, T_j, heat, p.h, p.A, p.m, p.c),
        }

    def forecast(
        self, y: np.ndarray, u: Sequence[float], horizon: float, step: float, every: float
    ) -> list[dict[str, Any]]:
        """Temperature and conversion from state y over the horizon, inputs held, one point every `every` seconds.

        Integrates with this model's own step (conversion step, then RK4 on the jacket exchange),
        at most `step` seconds at a time. The first point is the state now (offset 0).
        """
        count = max(1, int(np.ceil(horizon / every - 1e-9)))
        offsets = [min(index * every, horizon) for index in range(1, count + 1)]
        points = [{"offsetSeconds": 0.0, "temperature": float(y[0]), "conversion": float(y[3])}]
        state, t = np.asarray(y, dtype=float), 0.0
        for target in offsets:
            substeps = max(1, int(np.ceil((target - t) / step - 1e-9)))
            h = (target - t) / substeps
            for index in range(substeps):
                state = self.step(t + index * h, state, u, h)
            t = float(target)
            points.append({"offsetSeconds": t, "temperature": float(state[0]), "conversion": float(state[3])})
        return points
