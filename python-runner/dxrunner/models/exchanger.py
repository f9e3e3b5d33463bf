"""A shell-and-tube heat exchanger (e.g. E101, E102): effectiveness-NTU, outlet temperatures, duty.

The process stream flows in the shell, cooling water in the tubes (one shell pass and an even number
of tube passes per shell, TEMA E; `shells` in series). With capacity rates C = m cp, C_min, C_max and
Cr = C_min / C_max, NTU = U_eff A / C_min with U_eff = 1 / (1/U + R_f) (R_f the fouling resistance),
the effectiveness of one shell is (Incropera, eq. 11.31a)

    eps_1 = 2 / (1 + Cr + sqrt(1 + Cr^2) (1 + exp(-NTU_1 sqrt(1 + Cr^2))) / (1 - exp(-NTU_1 sqrt(1 + Cr^2))))

with NTU_1 = NTU / shells, and of n shells in series (eq. 11.31b)
eps = (((1 - eps_1 Cr) / (1 - eps_1))^n - 1) / (((1 - eps_1 Cr) / (1 - eps_1))^n - Cr), or
n eps_1 / (1 + (n - 1) eps_1) when Cr = 1. The duty is Q = eps C_min (T_shell_in - T_tube_in),
negative when the water is the hotter side; the steady outlets are T_shell_in - Q / C_shell and
T_tube_in + Q / C_tube. The outlet temperatures follow their steady values with a first-order lag
of `tau` seconds (the metal and the hold-up), so a change at the inlets shows over minutes.

The plant's emergency "superheated water entering the exchanger" is water at or above its
saturation temperature at the tube-side pressure: it flashes to steam, the liquid model stops
holding, and the tubes see steam hammer and overpressure. T_sat(p) is the IAPWS-IF97 saturation
temperature equation (region 4); `margin` is T_sat minus the hottest water temperature (inlet or
outlet), and the model flags SUPERHEATED_WATER where it is <= 0, and HEAT_FLOW_REVERSED where the
water enters hotter than the process stream (the exchanger heats what it should cool).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .base import Input, Model, Output, Parameter, State, Values, Violation

# IAPWS-IF97, region 4, the saturation-temperature equation (eq. 31), coefficients n1..n10.
_N = (
    0.11670521452767e4, -0.72421316703206e6, -0.17073846940092e2, 0.12020824702470e5, -0.32325550322333e7,
    0.14915108613530e2, -0.48232657361591e4, 0.40511340542057e6, -0.23855557567849, 0.65017534844798e3,
)
SATURATION_PRESSURE_MIN = 611.213e-6  # MPa, the triple point: the equation's range
SATURATION_PRESSURE_MAX = 22.064  # MPa, the critical point
KELVIN = 273.15


def saturation_temperature(pressure_mpa: Values) -> Values:
    """T_sat(p) of water in degC, IAPWS-IF97 eq. 31, for 611.213 Pa <= p <= 22.064 MPa (clipped to that range)."""
    p = np.clip(np.asarray(pressure_mpa, dtype=float), SATURATION_PRESSURE_MIN, SATURATION_PRESSURE_MAX)
    n1, n2, n3, n4, n5, n6, n7, n8, n9, n10 = _N
    beta = p**0.25
    e = beta**2 + n3 * beta + n6
    f = n1 * beta**2 + n4 * beta + n7
    g = n2 * beta**2 + n5 * beta + n8
    d = 2.0 * g / (-f - np.sqrt(f**2 - 4.0 * e * g))
    kelvin = (n10 + d - np.sqrt((n10 + d) ** 2 - 4.0 * (n9 + n10 * d))) / 2.0
    out = kelvin - KELVIN
    return float(out) if np.ndim(out) == 0 else out


def one_shell_effectiveness(ntu: Values, cr: Values) -> Values:
    """eps_1 of one shell pass with 2, 4, ... tube passes (Incropera 11.31a); 1 - exp(-NTU) when Cr = 0."""
    root = np.sqrt(1.0 + np.asarray(cr, dtype=float) ** 2)
    decay = np.exp(-np.asarray(ntu, dtype=float) * root)
    with np.errstate(divide="ignore", invalid="ignore"):
        eps = 2.0 / (1.0 + cr + root * (1.0 + decay) / (1.0 - decay))
    return np.where(np.asarray(ntu) > 0.0, eps, 0.0)


def shell_and_tube_effectiveness(ntu: Values, cr: Values, shells: int = 1) -> Values:
    """eps of `shells` shells in series, NTU the total (Incropera 11.31b; n eps_1 / (1 + (n-1) eps_1) at Cr = 1)."""
    eps1 = one_shell_effectiveness(np.asarray(ntu, dtype=float) / shells, cr)
    if shells == 1:
        return eps1
    cr = np.asarray(cr, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = ((1.0 - eps1 * cr) / (1.0 - eps1)) ** shells
        general = (ratio - 1.0) / (ratio - cr)
    balanced = shells * eps1 / (1.0 + (shells - 1) * eps1)
    return np.where(np.abs(cr - 1.0) < 1e-9, balanced, np.where(eps1 > 0.0, general, 0.0))


class ExchangerModel(Model):
    """Shell-and-tube heat exchanger: effectiveness-NTU duty and outlet temperatures, fouling, water saturation.

    Process stream in the shell, cooling water in the tubes. The outlets lag their steady values
    by tau seconds. Flags SUPERHEATED_WATER where the water reaches its saturation temperature at the
    tube pressure (it flashes to steam), and HEAT_FLOW_REVERSED where it enters hotter than the
    process stream. The defaults are E101's data sheet: 850 kW from 120 to 85.5 degC in the shell,
    25 to 60 degC in the tubes.
    """

    name = "exchanger"
    version = "1.0.0"
    parameters = (
        Parameter("U", "W/(m2*K)", 500.0, "Clean overall heat transfer coefficient.", positive=True),
        Parameter("A", "m2", 30.0, "Heat transfer area.", positive=True),
        Parameter("R_f", "m2*K/W", 0.0, "Fouling resistance (both sides together)."),
        Parameter("cp_shell", "J/(kg*K)", 2460.0, "Specific heat of the process stream (shell side).", positive=True),
        Parameter("cp_tube", "J/(kg*K)", 4186.0, "Specific heat of the cooling water (tube side).", positive=True),
        Parameter("shells", "1", 1.0, "Shells in series, each one shell pass and 2, 4, ... tube passes.", positive=True),
        Parameter("tau", "s", 60.0, "Time constant of the outlet temperatures.", positive=True),
    )
    states = (
        State("T_shell_out", "degC", 85.5, "Shell side (process) outlet temperature."),
        State("T_tube_out", "degC", 60.2, "Tube side (water) outlet temperature."),
    )
    inputs = (
        Input("T_shell_in", "degC", 120.0, "Shell side (process) inlet temperature."),
        Input("m_shell", "kg/s", 10.0, "Process stream mass flow."),
        Input("T_tube_in", "degC", 25.0, "Cooling water inlet temperature."),
        Input("m_tube", "kg/s", 5.77, "Cooling water mass flow."),
        Input("p_tube", "MPa", 0.4, "Cooling water pressure (absolute)."),
    )
    outputs = (
        Output("T_shell_out", "degC", "Shell side outlet temperature now."),
        Output("T_tube_out", "degC", "Tube side outlet temperature now."),
        Output("T_shell_out_ss", "degC", "Shell side outlet temperature at steady state for the inputs now."),
        Output("T_tube_out_ss", "degC", "Tube side outlet temperature at steady state for the inputs now."),
        Output("duty", "kW", "Heat from the shell to the tubes at steady state; negative when reversed."),
        Output("effectiveness", "1", "Effectiveness eps = Q / Q_max."),
        Output("NTU", "1", "Number of transfer units U_eff A / C_min."),
        Output("U_eff", "W/(m2*K)", "Overall coefficient with fouling, 1 / (1/U + R_f)."),
        Output("T_sat", "degC", "Saturation temperature of water at the tube pressure (IAPWS-IF97)."),
        Output("margin", "K", "T_sat minus the hottest water temperature; <= 0 means it flashes to steam."),
        Output("superheated", "1", "1 while the water is at or above its saturation temperature, else 0."),
    )

    def steady(self, u: Sequence[Values]) -> dict[str, Values]:
        """Steady-state duty and outlets for the inputs (one sample or one row per input)."""
        T_shell_in, m_shell, T_tube_in, m_tube, _ = (np.asarray(v, dtype=float) for v in u)
        p = self.p
        c_shell = np.maximum(m_shell, 0.0) * p.cp_shell
        c_tube = np.maximum(m_tube, 0.0) * p.cp_tube
        c_min, c_max = np.minimum(c_shell, c_tube), np.maximum(c_shell, c_tube)
        u_eff = 1.0 / (1.0 / p.U + p.R_f)
        with np.errstate(divide="ignore", invalid="ignore"):
            ntu = np.where(c_min > 0.0, u_eff * p.A / c_min, 0.0)
            cr = np.where(c_max > 0.0, c_min / c_max, 0.0)
        eps = shell_and_tube_effectiveness(ntu, cr, max(1, int(round(p.shells))))
        duty = eps * c_min * (T_shell_in - T_tube_in)
        with np.errstate(divide="ignore", invalid="ignore"):
            shell_out = np.where(c_shell > 0.0, T_shell_in - duty / c_shell, T_shell_in)
            tube_out = np.where(c_tube > 0.0, T_tube_in + duty / c_tube, T_tube_in)
        return {
            "T_shell_out_ss": shell_out,
            "T_tube_out_ss": tube_out,
            "duty": duty / 1000.0,
            "effectiveness": eps,
            "NTU": ntu,
            "U_eff": u_eff * np.ones_like(duty),
        }

    def derivatives(self, t: float, y: np.ndarray, u: Sequence[float]) -> np.ndarray:
        steady = self.steady(u)
        return np.array(
            (
                (float(steady["T_shell_out_ss"]) - y[0]) / self.p.tau,
                (float(steady["T_tube_out_ss"]) - y[1]) / self.p.tau,
            )
        )

    def _margin(self, y: np.ndarray, u: Sequence[Values]) -> tuple[Values, Values]:
        t_sat = saturation_temperature(u[4])
        hottest = np.maximum(np.asarray(u[2], dtype=float), y[1])
        return t_sat, t_sat - hottest

    def evaluate(self, y: np.ndarray, u: Sequence[Values]) -> dict[str, Values]:
        t_sat, margin = self._margin(y, u)
        return {
            "T_shell_out": y[0],
            "T_tube_out": y[1],
            **self.steady(u),
            "T_sat": t_sat,
            "margin": margin,
            "superheated": np.where(margin <= 0.0, 1.0, 0.0),
        }

    def violations(self, y: np.ndarray, u: Sequence[Values]) -> list[Violation]:
        _, margin = self._margin(y, u)
        reversed_flow = np.asarray(u[2], dtype=float) > np.asarray(u[0], dtype=float)
        return [
            Violation(
                "SUPERHEATED_WATER",
                "water in the tubes at or above its saturation temperature: it flashes to steam",
                np.asarray(margin <= 0.0),
            ),
            Violation(
                "HEAT_FLOW_REVERSED", "the water enters hotter than the process stream", np.asarray(reversed_flow)
            ),
        ]
