"""`python3 -m dxrunner.direct_bench --steps 10000`: the pump RK4 run in this process, no protocol.

The simulation service's benchmark runs the same scenario through the service and a worker and
compares against this figure. It uses the worker's own code path (parse, compose, integrate,
outputs), only without JSON and pipes. Prints one JSON line: {"steps", "seconds", "steps_per_s"},
the median of --repeat runs after one warm-up.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from typing import Any

from .scenario.dynamic_run import run_dynamic
from .scenario.parse import parse_scenario


def pump_scenario(steps: int, step_seconds: float, method: str = "rk4") -> dict[str, Any]:
    """The benchmark scenario: pump P101 with its defaults, `steps` fixed steps."""
    return {
        "scenarioId": "bench-pump-rk4",
        "mode": "dynamic",
        "models": [{"id": "P101", "model": "pump"}],
        "stepSeconds": step_seconds,
        "horizonSeconds": steps * step_seconds,
        "method": method,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m dxrunner.direct_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=10_000)
    parser.add_argument("--step-seconds", type=float, default=0.01)
    parser.add_argument("--every", type=int, default=1, help="keep every n-th sample, as the run op's every")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    scenario = parse_scenario(pump_scenario(args.steps, args.step_seconds), purpose="run")
    run_dynamic(scenario, args.every)  # warm-up: imports, caches
    timings = []
    for _ in range(max(1, args.repeat)):
        started = time.perf_counter()
        run_dynamic(scenario, args.every)
        timings.append(time.perf_counter() - started)
    seconds = statistics.median(timings)
    figures = {"steps": args.steps, "seconds": round(seconds, 6), "steps_per_s": round(args.steps / seconds, 1)}
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
