"""Unit conversions and averages."""

from __future__ import annotations

import numpy as np
import pytest

from dxrunner.functions import averaging
from dxrunner.functions.units import (
    UnitError,
    bar_to_mpa,
    can_convert,
    convert,
    degc_to_k,
    k_to_degc,
    lpm_to_m3s,
    m3s_to_lpm,
    mpa_to_bar,
    mpa_to_pa,
    pa_to_bar,
)


def test_celsius_and_kelvin_differ_by_273_15():
    assert degc_to_k(250.0) == pytest.approx(523.15)
    assert k_to_degc(273.15) == pytest.approx(0.0)
    assert convert(-40.0, "degC", "degF") == pytest.approx(-40.0)
    assert convert(212.0, "°F", "°C") == pytest.approx(100.0)


def test_pressures_convert_between_mpa_bar_and_pa():
    assert mpa_to_bar(7.8) == pytest.approx(78.0)
    assert bar_to_mpa(78.0) == pytest.approx(7.8)
    assert mpa_to_pa(2.5) == pytest.approx(2.5e6)
    assert pa_to_bar(101325.0) == pytest.approx(1.01325)
    assert convert(7.8, "MPa", "kPa") == pytest.approx(7800.0)


def test_flows_convert_between_litres_per_minute_and_cubic_metres_per_second():
    assert lpm_to_m3s(60000.0) == pytest.approx(1.0)
    assert m3s_to_lpm(0.007) == pytest.approx(420.0)
    assert convert(100.0, "L/s", "L/min") == pytest.approx(6000.0)
    assert convert(3.6, "m3/h", "L/s") == pytest.approx(1.0)


def test_a_whole_array_converts_at_once():
    assert convert(np.array([0.0, 100.0]), "degC", "K") == pytest.approx([273.15, 373.15])


def test_units_of_different_dimensions_do_not_convert():
    assert not can_convert("degC", "bar")
    assert can_convert("rpm", "rpm") and can_convert("m", "m")
    with pytest.raises(UnitError):
        convert(1.0, "degC", "bar")
    with pytest.raises(UnitError):
        convert(1.0, "furlong", "m")


def test_the_averages_of_a_short_series():
    assert averaging.mean([1.0, 2.0, 6.0]) == 3.0
    # 0 -> 10 over the first second (mean 5), then 10 for ten seconds: (5 * 1 + 10 * 10) / 11
    assert averaging.time_weighted_mean([0.0, 1.0, 11.0], [0.0, 10.0, 10.0]) == pytest.approx(105.0 / 11.0)
    assert averaging.moving_average([1.0, 2.0, 3.0, 4.0], 2).tolist() == [1.0, 1.5, 2.5, 3.5]
    assert averaging.exponential_average([0.0, 10.0, 10.0], 0.5).tolist() == [0.0, 5.0, 7.5]


def test_averages_refuse_what_they_cannot_average():
    with pytest.raises(ValueError):
        averaging.mean([])
    with pytest.raises(ValueError):
        averaging.time_weighted_mean([0.0, 2.0, 1.0], [1.0, 1.0, 1.0])
    with pytest.raises(ValueError):
        averaging.exponential_average([1.0], 0.0)
