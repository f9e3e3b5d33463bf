"""The shell-and-tube exchanger: IAPWS-IF97 saturation, effectiveness-NTU by hand, E101's data sheet, the emergency."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dxrunner.models.exchanger import (
    ExchangerModel,
    one_shell_effectiveness,
    saturation_temperature,
    shell_and_tube_effectiveness,
)


@pytest.mark.parametrize(
    ("pressure_mpa", "kelvin"), [(0.1, 372.755919), (1.0, 453.035632), (10.0, 584.149488)]
)
def test_saturation_temperature_matches_the_iapws_if97_verification_values(pressure_mpa, kelvin):
    # IAPWS-IF97, table 35
    assert saturation_temperature(pressure_mpa) + 273.15 == pytest.approx(kelvin, abs=1e-6)


def test_one_shell_effectiveness_by_hand():
    # NTU 1, Cr 1: sqrt 2 = 1.414214; e^-1.414214 = 0.243117; (1.243117 / 0.756883) = 1.642418
    # eps = 2 / (1 + 1 + 1.414214 * 1.642418) = 2 / 4.322758 = 0.462671
    assert one_shell_effectiveness(1.0, 1.0) == pytest.approx(0.462671, abs=1e-6)
    # Cr = 0 (a condensing side): eps = 1 - e^-NTU
    assert one_shell_effectiveness(1.5, 0.0) == pytest.approx(1.0 - math.exp(-1.5))
    assert one_shell_effectiveness(0.0, 0.5) == 0.0


def test_two_shells_in_series_by_hand():
    # Cr = 1, NTU 2 (1 per shell): eps = 2 * 0.462671 / (1 + 0.462671) = 0.632638
    assert shell_and_tube_effectiveness(2.0, 1.0, 2) == pytest.approx(0.632638, abs=1e-6)
    # Cr = 0.5, NTU 2: eps_1 = 2 / (1.5 + 1.118034 * 1.971336) = 0.539954;
    # ((1 - 0.269977) / (1 - 0.539954))^2 = 2.518100; eps = 1.518100 / 2.018100 = 0.752242
    assert shell_and_tube_effectiveness(2.0, 0.5, 2) == pytest.approx(0.752242, abs=2e-5)


def test_the_defaults_reproduce_e101s_data_sheet_and_balance_energy():
    model = ExchangerModel()
    out = model.evaluate(model.initial_state(), model.default_inputs())
    assert out["duty"] == pytest.approx(850.0, rel=0.002)  # kW
    assert out["T_shell_out_ss"] == pytest.approx(85.5, abs=0.1)
    assert out["T_tube_out_ss"] == pytest.approx(60.2, abs=0.1)
    # both sides carry the same heat: C_shell (120 - T_shell_out) = C_tube (T_tube_out - 25) = duty
    shell = 10.0 * 2460.0 * (120.0 - out["T_shell_out_ss"]) / 1000.0
    tube = 5.77 * 4186.0 * (out["T_tube_out_ss"] - 25.0) / 1000.0
    assert shell == pytest.approx(out["duty"]) and tube == pytest.approx(out["duty"])
    # NTU = U A / C_min = 500 * 30 / (5.77 * 4186) = 0.621035
    assert out["NTU"] == pytest.approx(15000.0 / (5.77 * 4186.0))
    assert out["superheated"] == 0.0 and out["margin"] == pytest.approx(143.6125 - 60.2, abs=1e-3)


def test_fouling_lowers_the_coefficient_and_the_duty():
    clean = ExchangerModel()
    fouled = ExchangerModel({"R_f": 0.0005})
    # U_eff = 1 / (1/500 + 0.0005) = 400 W/(m2 K)
    out = fouled.evaluate(fouled.initial_state(), fouled.default_inputs())
    assert out["U_eff"] == pytest.approx(400.0)
    assert out["duty"] < clean.evaluate(clean.initial_state(), clean.default_inputs())["duty"] * 0.9


def test_superheated_water_at_the_inlet_is_flagged_and_turns_the_heat_flow_round():
    model = ExchangerModel()
    # water at 160 degC and 0.4 MPa: T_sat = 143.61 degC, so it enters 16.4 K superheated and flashes
    inputs = [120.0, 10.0, 160.0, 5.77, 0.4]
    out = model.evaluate(model.initial_state(), inputs)
    assert out["superheated"] == 1.0
    assert out["margin"] == pytest.approx(143.6125 - 160.0, abs=1e-3)
    assert out["duty"] < 0.0  # the exchanger now heats the process stream
    assert out["T_shell_out_ss"] > 120.0
    codes = [v.code for v in model.violations(model.initial_state(), inputs) if np.any(v.mask)]
    assert codes == ["SUPERHEATED_WATER", "HEAT_FLOW_REVERSED"]


def test_water_boiling_on_its_way_through_is_flagged_by_the_outlet():
    model = ExchangerModel()
    # at 0.1 MPa water boils at 99.6 degC: it enters at 95 and leaves above that
    inputs = [180.0, 10.0, 95.0, 5.77, 0.1]
    out = model.evaluate(model.initial_state(), inputs)
    assert out["T_tube_out_ss"] > 99.61
    y = np.array([out["T_shell_out_ss"], out["T_tube_out_ss"]])
    assert model.evaluate(y, inputs)["superheated"] == 1.0


def test_the_outlets_follow_their_steady_values_with_the_time_constant(client):
    # from T_shell_out = 120 (no duty yet), the outlet relaxes as 85.473 + (120 - 85.473) e^(-t / 60)
    scenario = {
        "scenarioId": "e101-start", "mode": "dynamic", "stepSeconds": 1.0, "horizonSeconds": 60.0,
        "models": [{"id": "E101", "model": "exchanger", "initialState": {"T_shell_out": 120.0, "T_tube_out": 25.0}}],
    }
    result = client.result("run", scenario=scenario, every=60)
    steady = result["final"]["E101"]["T_shell_out_ss"]
    assert result["final"]["E101"]["T_shell_out"] == pytest.approx(steady + (120.0 - steady) * math.exp(-1.0), abs=1e-6)
    assert result["units"]["E101"]["duty"] == "kW"


def test_a_run_with_superheated_water_reports_the_emergency_as_a_flag(client):
    scenario = {
        "scenarioId": "e101-superheated", "mode": "dynamic", "stepSeconds": 1.0, "horizonSeconds": 10.0,
        "models": [{"id": "E101", "model": "exchanger"}],
    }
    result = client.result("run", scenario=scenario, inputs={"E101.T_tube_in": 150.0, "E101.p_tube": 0.4})
    assert {flag["code"] for flag in result["flags"]} == {"SUPERHEATED_WATER", "HEAT_FLOW_REVERSED"}
