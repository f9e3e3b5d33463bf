"""The worker as a process: `python3 -m dxrunner` on pipes, as the simulation service runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import PYTHON_RUNNER, REPO

DYNAMIC = {
    "scenarioId": "e2e",
    "mode": "dynamic",
    "models": [{"id": "P101", "model": "pump"}],
    "stepSeconds": 0.1,
    "horizonSeconds": 10.0,
}
REALTIME = {**DYNAMIC, "mode": "realtime", "periodSeconds": 1.0}
del REALTIME["horizonSeconds"]


def start_worker(**kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "dxrunner"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,
    )


def ask(worker: subprocess.Popen, line: str) -> dict:
    """One line in, one line out: the reply arrives before stdin is closed, so output is flushed per message."""
    worker.stdin.write(line.encode() + b"\n")
    worker.stdin.flush()
    return json.loads(worker.stdout.readline())


def test_the_worker_answers_each_request_by_id_survives_bad_lines_and_exits_0_at_eof():
    worker = start_worker(cwd=PYTHON_RUNNER)
    try:
        pong = ask(worker, json.dumps({"id": "a1", "op": "ping"}))
        assert pong == {"id": "a1", "ok": True, "result": {"pong": True, "pid": worker.pid}}

        malformed = ask(worker, '{"id": "a2", "op": ')
        assert malformed["id"] is None and malformed["ok"] is False
        assert malformed["error"]["code"] == "BAD_REQUEST"

        unknown = ask(worker, json.dumps({"id": 3, "op": "teleport"}))
        assert (unknown["id"], unknown["ok"], unknown["error"]["code"]) == (3, False, "UNKNOWN_OP")

        described = ask(worker, json.dumps({"id": 4, "op": "describe"}))
        assert {model["name"] for model in described["result"]["models"]} == {"exchanger", "pump", "reactor"}

        ran = ask(worker, json.dumps({"id": 5, "op": "run", "scenario": DYNAMIC, "every": 50}))
        assert ran["id"] == 5 and ran["ok"] is True
        assert ran["result"]["times"] == [0.0, 5.0, 10.0]

        boiler = {**DYNAMIC, "models": [{"id": "X", "model": "boiler"}]}
        refused = ask(worker, json.dumps({"id": 6, "op": "run", "scenario": boiler}))
        assert refused["error"]["code"] == "UNKNOWN_MODEL"
        assert refused["error"]["details"]["problems"][0]["path"] == "/models/0/model"

        session = ask(worker, json.dumps({"id": 7, "op": "open", "scenario": REALTIME}))["result"]["session"]
        stepped = ask(worker, json.dumps({"id": 8, "op": "step", "session": session}))
        assert stepped["result"]["time"] == 1.0
        assert ask(worker, json.dumps({"id": 9, "op": "close", "session": session}))["result"]["closed"] is True

        # several requests written at once are answered in order, each with its own id
        batch = "\n".join(json.dumps({"id": f"b{n}", "op": "ping"}) for n in range(5))
        worker.stdin.write(batch.encode() + b"\n\n")
        worker.stdin.flush()
        assert [json.loads(worker.stdout.readline())["id"] for _ in range(5)] == [f"b{n}" for n in range(5)]

        worker.stdin.close()
        assert worker.wait(timeout=10) == 0
        assert worker.stdout.read() == b""  # nothing but replies ever reaches stdout
        assert b"worker ready" in worker.stderr.read()
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()


def test_the_worker_starts_from_the_repo_root_with_pythonpath():
    environment = {**os.environ, "PYTHONPATH": str(PYTHON_RUNNER), "DXRUNNER_LOG_LEVEL": "WARNING"}
    completed = subprocess.run(
        [sys.executable, "-m", "dxrunner"],
        input=b'{"id": 1, "op": "ping"}\n[]\n',
        capture_output=True,
        cwd=REPO,
        env=environment,
        timeout=30,
    )
    assert completed.returncode == 0
    replies = [json.loads(line) for line in completed.stdout.splitlines()]
    assert [(reply["id"], reply["ok"]) for reply in replies] == [(1, True), (None, False)]
    assert completed.stderr == b""


def test_the_direct_benchmark_prints_one_json_line():
    completed = subprocess.run(
        [sys.executable, "-m", "dxrunner.direct_bench", "--steps", "200", "--repeat", "1"],
        capture_output=True,
        cwd=PYTHON_RUNNER,
        timeout=60,
    )
    assert completed.returncode == 0
    (line,) = completed.stdout.decode().splitlines()
    figures = json.loads(line)
    assert set(figures) == {"steps", "seconds", "steps_per_s"} and figures["steps"] == 200
