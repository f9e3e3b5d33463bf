"""describe is generated from the code, and a model is added by adding one file."""

from __future__ import annotations

import textwrap

import pytest

import dxrunner.models as models_package
from dxrunner.models.pump import PumpModel
from dxrunner.models.reactor import ReactorModel
from dxrunner.models.registry import all_models


def test_describe_lists_every_model_with_units_and_defaults(client):
    described = client.result("describe")
    by_name = {model["name"]: model for model in described["models"]}
    assert set(by_name) == {"exchanger", "pump", "reactor"}
    assert (by_name["reactor"]["version"], by_name["pump"]["version"]) == ("1.1.0", "1.0.0")
    reactor = by_name["reactor"]
    assert {"name": "c", "unit": "J/(kg*K)", "default": 4200.0}.items() <= reactor["parameters"][0].items()
    assert [state["name"] for state in reactor["states"]] == ["T", "P", "F", "X"]
    assert [(i["name"], i["unit"]) for i in reactor["inputs"]] == [("T_j", "degC")]
    assert reactor["discreteStep"] is True
    pump = by_name["pump"]
    assert [(p["name"], p["unit"], p["default"]) for p in pump["parameters"][:4]] == [
        ("Q_max", "L/s", 100.0), ("H_max", "m", 50.0), ("P_nom", "W", 5000.0), ("eta", "1", 0.85),
    ]
    assert all(output["unit"] and output["description"] for output in pump["outputs"])


def test_describe_matches_the_model_classes_declarations(client):
    by_name = {model["name"]: model for model in client.result("describe")["models"]}
    for cls in (ReactorModel, PumpModel):
        assert [p["name"] for p in by_name[cls.name]["parameters"]] == [p.name for p in cls.parameters]
        assert [o["name"] for o in by_name[cls.name]["outputs"]] == cls.output_names()


def test_describe_lists_the_functions_of_every_kind(client):
    described = client.result("describe")
    kinds = {function["kind"] for function in described["functions"]}
    assert kinds == {"integrator", "kalman", "quality", "conversion", "averaging", "anomaly", "prognostics"}
    assert all(function["version"] for function in described["functions"])
    names = {function["name"] for function in described["functions"]}
    assert {"rk4_step", "integrate_ivp", "kalman_filter_series", "assess", "convert", "time_weighted_mean"} <= names
    assert {"train_isolation_forest", "robust_scores", "remaining_useful_life", "assess_health"} <= names
    assert described["methods"] == ["rk4", "solve_ivp"]
    assert "twin" not in described["operations"] and "open" in described["operations"]


TANK_MODULE = textwrap.dedent(
    '''
    """A test tank, dropped in as one file."""
    import numpy as np
    from dxrunner.models.base import Input, Model, Output, Parameter, State

    class TankModel(Model):
        """Tank: the level rises with inflow over the area."""

        name = "tank"
        parameters = (Parameter("area", "m2", None, "Cross-section; no default, so scenarios must give it."),)
        states = (State("level", "m", 0.0, "Liquid level."),)
        inputs = (Input("inflow", "m3/s", 0.0, "Inflow."),)
        outputs = (Output("level", "m", "Liquid level."),)

        def derivatives(self, t, y, u):
            return np.array((u[0] / self.p.area,))

        def evaluate(self, y, u):
            return {"level": y[0]}
    '''
)


@pytest.fixture
def tank_file(tmp_path):
    (tmp_path / "tank.py").write_text(TANK_MODULE)
    models_package.__path__.append(str(tmp_path))
    all_models.cache_clear()
    yield
    models_package.__path__.remove(str(tmp_path))
    all_models.cache_clear()


def test_adding_a_model_is_one_new_file(tank_file, client):
    assert "tank" in [model["name"] for model in client.result("describe")["models"]]
    scenario = {
        "scenarioId": "t",
        "mode": "dynamic",
        "models": [{"id": "T1", "model": "tank"}],
        "stepSeconds": 1.0,
        "horizonSeconds": 10.0,
    }
    problems = client.result("validate", scenario=scenario)["problems"]
    assert [(p["path"], p["code"]) for p in problems] == [("/models/0/parameters/area", "MISSING_PARAMETER")]
    scenario["models"][0]["parameters"] = {"area": 2.0}
    # the link converts: the pump's L/s into the tank's m3/s
    scenario["models"].append({"id": "P101", "model": "pump", "initialState": {"Q": 80.0, "rpm": 3000.0}})
    scenario["links"] = [{"from": "P101.Q", "to": "T1.inflow"}]
    result = client.result("run", scenario=scenario, every=10)
    assert result["final"]["T1"]["level"] == pytest.approx(0.080 / 2.0 * 10.0)
