import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import type { INestApplication } from '@nestjs/common';
import { sql } from 'kysely';
import type { Json } from '../../test/support/json.js';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runProcess } from '../../test/support/run-process.js';
import type { TestDatabase } from '../../test/support/test-database.js';
import { startTestHub, type TestHub } from '../../test/support/test-hub.js';
import type { TestNats } from '../../test/support/test-nats.js';
import { SUBJECTS } from '../common/nats/subjects.js';
import { headersOfContext } from '../common/tracing/nats-trace-context.js';
import { startTracing, type Tracing } from '../common/tracing/start-tracing.js';
import { tracer } from '../common/tracing/tracer.js';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { createSimulationApp } from './create-simulation-app.js';
import { loadSimConfig } from './sim-config.js';
import { reactorReading } from '../../test/support/reactor-reading.js';

let database: TestDatabase;
let bus: TestNats;
let hub: TestHub;
let simulation: INestApplication;
let nats: NatsConnection;
let base: string;
const spans = new InMemorySpanExporter();
let tracing: Tracing;

async function sim(operation: string, body: unknown = {}): Promise<Json> {
  return (await nats.request(SUBJECTS.sim(operation), JSON.stringify(body), { timeout: 20_000 })).json();
}

async function storedPayloads(contract: string): Promise<Json[]> {
  const { rows } = await sql<{ payload: Json }>`
    SELECT payload FROM dx.events WHERE contract_id = ${contract} ORDER BY global_position`.execute(
    database.db,
  );
  return rows.map((r) => r.payload);
}

let telemetryId = 0;
async function publishTelemetry(temperature: number): Promise<Json> {
  const h = natsHeaders();
  h.set('dx-producer', 'scada');
  h.set('dx-version', '1.0.0');
  h.set('dx-msg-id', `telemetry-${++telemetryId}`);
  const reading = {
    ...reactorReading('R101', temperature),
    pressure: 2.5,
    sourceTimestamp: new Date().toISOString(),
  };
  return (
    await nats.request(SUBJECTS.publish('scada.reactor-telemetry'), JSON.stringify(reading), {
      timeout: 10_000,
      headers: h,
    })
  ).json();
}

/** Polls until the condition holds; fails the test after 15 s. */
async function until(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('the simulation did not get there within 15 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const pumpStatic = {
  scenarioId: 'p101-now',
  mode: 'static',
  models: [{ id: 'P101', model: 'pump', instance: 'P101', initialState: { Q: 80, rpm: 3000 } }],
};

const reactorWhatIf = {
  scenarioId: 'whatif-r101-001',
  mode: 'dynamic',
  models: [{ id: 'R101', model: 'reactor', instance: 'R101', initialState: { T: 250.0, X: 0.1 } }],
  stepSeconds: 1.0,
  horizonSeconds: 600.0,
  method: 'rk4',
};

const longPumpRun = {
  scenarioId: 'long',
  mode: 'dynamic',
  models: [{ id: 'P101', model: 'pump' }],
  stepSeconds: 0.001,
  horizonSeconds: 2000,
};

beforeAll(async () => {
  tracing = startTracing('dx-test', spans);
  hub = await startTestHub();
  ({ database, bus } = hub);
  const { config, quiet } = hub;
  simulation = await createSimulationApp(config, quiet, { ...loadSimConfig({}), workers: 2, queueDepth: 4 });
  await simulation.listen(0, '127.0.0.1');
  base = await simulation.getUrl();
  nats = await connect({ servers: bus.url });
});

afterAll(async () => {
  await nats?.close();
  await simulation?.close();
  await hub?.stop();
  await tracing?.shutdown();
});

describe('the simulation service', () => {
  it('lists the models the workers report and the equipment it holds', async () => {
    const reply = await sim('models');
    expect(reply.ok).toBe(true);
    expect(reply.result.models.map((m: Json) => m.name)).toEqual(expect.arrayContaining(['reactor', 'pump']));
    expect(reply.result.instances.map((i: Json) => i.id)).toEqual(expect.arrayContaining(['R101', 'P101']));
  });

  it('evaluates a static scenario with the pump instance design data and publishes it as sim.results', async () => {
    const reply = await sim('run', { scenario: pumpStatic, publish: true });
    expect(reply.ok).toBe(true);
    expect(reply.result.result.mode).toBe('static');
    // H = 50 * (1 - 0.8^2) = 18 m at 80 L/s: the best efficiency point, eta 0.85.
    expect(reply.result.result.outputs.P101.H).toBeCloseTo(18, 6);
    expect(reply.result.result.outputs.P101.eta).toBeCloseTo(0.85, 6);
    expect(reply.result.published).toHaveLength(1);
    const [stored] = await storedPayloads('sim.results');
    expect(stored).toMatchObject({
      scenarioId: 'p101-now',
      model: 'P101',
      status: 'ok',
      time: 0,
      computedAt: expect.any(String),
    });
  });

  it("continues the caller's trace into the run and through the hub to its stored result", async () => {
    const traceId = await tracer.startActiveSpan('caller', async (span) => {
      const reply = await nats.request(
        SUBJECTS.sim('run'),
        JSON.stringify({ scenario: { ...pumpStatic, scenarioId: 'p101-traced' }, publish: true }),
        { timeout: 20_000, headers: headersOfContext() },
      );
      expect(reply.json<Json>().ok).toBe(true);
      span.end();
      return span.spanContext().traceId;
    });
    const traced = spans.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    const names = traced.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining(['caller', 'dx.sim.run', 'publish sim.results', 'ingest', 'group commit']),
    );
    const run = traced.find((s) => s.name === 'dx.sim.run')!;
    const publish = traced.find((s) => s.name === 'publish sim.results')!;
    expect(run.parentSpanContext?.spanId).toBe(traced.find((s) => s.name === 'caller')!.spanContext().spanId);
    expect(publish.parentSpanContext?.spanId).toBe(run.spanContext().spanId);
  });

  it('integrates a dynamic scenario over its horizon and thins the trajectory', async () => {
    const reply = await sim('run', { scenario: reactorWhatIf, every: 100 });
    expect(reply.ok).toBe(true);
    expect(reply.result.result).toMatchObject({
      mode: 'dynamic',
      steps: 600,
      times: [0, 100, 200, 300, 400, 500, 600],
    });
    expect(reply.result.result.trajectories.R101.T).toHaveLength(7);
    expect(reply.result.result.final.R101.X).toBeCloseTo(1, 3);
  });

  it('runs over HTTP as over NATS, for a caller with a token', async () => {
    const response = await fetch(`${base}/api/v1/sim/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer dev-analytics-token' },
      body: JSON.stringify({ scenario: pumpStatic }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Json).result.outputs.P101.H).toBeCloseTo(18, 6);
  });

  it('refuses to run, start or stop over HTTP without a known token, and still shows status', async () => {
    for (const [path, token] of [
      ['run', undefined],
      ['start', 'not-a-token'],
      ['stop/some-id', undefined],
    ] as const) {
      const response = await fetch(`${base}/api/v1/sim/${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ scenario: pumpStatic }),
      });
      expect(response.status).toBe(401);
      expect(((await response.json()) as Json).error.code).toBe('UNAUTHENTICATED');
    }
    expect((await fetch(`${base}/api/v1/sim/status`)).status).toBe(200);
  });

  it('refuses a bad scenario with every problem listed in one error and starts nothing', async () => {
    const reply = await sim('run', {
      scenario: {
        scenarioId: 'bad',
        mode: 'dynamic',
        models: [
          { id: 'B1', model: 'boiler' },
          { id: 'R1', model: 'reactor', instance: 'R999' },
          { id: 'P1', model: 'pump', parameters: { Q_maximum: 100 } },
        ],
        stepSeconds: 1,
        horizonSeconds: 10,
        colour: 'blue',
      },
      live: { 'P1.p_out': { contract: 'vr.scene-state', key: 'E101', pointer: '/pressure' } },
    });
    expect(reply.ok).toBe(false);
    expect(reply.error.code).toBe('SCENARIO_INVALID');
    const problems = reply.error.details.problems.map((p: Json) => [p.path, p.code]);
    expect(problems).toEqual(
      expect.arrayContaining([
        ['/scenario/colour', 'UNKNOWN_FIELD'],
        ['/scenario/models/0/model', 'UNKNOWN_MODEL'],
        ['/scenario/models/1/instance', 'UNKNOWN_INSTANCE'],
        ['/scenario/models/2/parameters/Q_maximum', 'UNKNOWN_PARAMETER'],
        ['/live/P1.p_out/contract', 'CONTRACT_NOT_READABLE'],
      ]),
    );
    expect((await sim('status')).result.runs).toEqual([]);
  });

  it('answers a run past its deadline with SIM_TIMEOUT', async () => {
    const reply = await sim('run', { scenario: longPumpRun, deadlineMs: 300 });
    expect(reply.error).toMatchObject({ code: 'SIM_TIMEOUT', details: { deadlineMs: 300 } });
  });

  it('cancels a running run by its id with dx.sim.stop', async () => {
    const running = sim('run', { scenario: longPumpRun, id: 'cancel-me' });
    await until(async () => (await sim('status', { id: 'cancel-me' })).result?.run?.state === 'running');
    expect((await sim('stop', { id: 'cancel-me' })).result).toEqual({ id: 'cancel-me', stopped: 'run' });
    expect((await running).error).toMatchObject({ code: 'CANCELLED' });
  });

  it('answers busy at once when every worker is busy and the queue is full', async () => {
    const ids = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6'];
    const running = ids.map((id) => sim('run', { scenario: longPumpRun, id }));
    // Two running and four queued once each has been checked.
    await until(async () => (await sim('status')).result.runs.length === ids.length);
    const reply = await sim('run', { scenario: pumpStatic });
    expect(reply.error).toMatchObject({ code: 'SIM_BUSY', details: { queueDepth: 4 } });
    // Queued ones first, then the running ones: a stop that meets a job just moving from the queue to a
    // worker is the pool's own test (worker-pool.int.spec.ts), not this one's.
    for (const id of [...ids].reverse()) await sim('stop', { id });
    for (const r of await Promise.all(running)) expect(r.error.code).toBe('CANCELLED');
  });
});

describe('dx sim', () => {
  it('runs a scenario file and prints the result, and lists every problem of a bad one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dx-sim-'));
    const good = path.join(dir, 'good.json');
    const bad = path.join(dir, 'bad.json');
    writeFileSync(good, JSON.stringify(pumpStatic));
    writeFileSync(
      bad,
      JSON.stringify({ ...pumpStatic, models: [{ id: 'X', model: 'boiler', instance: 'Z9' }] }),
    );
    const env = { NATS_URL: bus.url };
    const ran = await runProcess('bin/dx.js', ['sim', 'run', good], env);
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout).result.outputs.P101.H).toBeCloseTo(18, 6);
    const refused = await runProcess('bin/dx.js', ['sim', 'run', bad], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('SCENARIO_INVALID');
    expect(refused.stderr).toContain('/scenario/models/0/model: UNKNOWN_MODEL');
    expect(refused.stderr).toContain('/scenario/models/0/instance: UNKNOWN_INSTANCE');
    const status = await runProcess('bin/dx.js', ['sim', 'status'], env);
    expect(JSON.parse(status.stdout).pool.workers).toHaveLength(2);
  });
});

describe('the twin loop', () => {
  it('estimates and forecasts R101 from its live telemetry every period, stored as sim.reactor-forecasts', async () => {
    expect((await publishTelemetry(251.3)).ok).toBe(true);
    const started = await sim('start', {
      id: 'twin-r101',
      scenario: {
        scenarioId: 'twin-r101',
        mode: 'realtime',
        models: [{ id: 'R101', model: 'reactor', instance: 'R101' }],
        periodSeconds: 0.2,
      },
      twin: {
        reactor: 'R101',
        horizonSeconds: 60,
        everySeconds: 30,
        telemetry: { contract: 'scada.reactor-telemetry', key: 'R101' },
      },
    });
    expect(started.ok).toBe(true);
    expect(started.result).toMatchObject({ id: 'twin-r101', state: 'running', periodSeconds: 0.2 });
    await new Promise((r) => setTimeout(r, 500));
    const telemetry = await publishTelemetry(251.6);
    // At least four ticks, one of them fed with the new reading (a busy machine may take longer).
    await until(async () => {
      const ticks = (await sim('status', { id: 'twin-r101' })).result.session.ticks;
      const fed = (await storedPayloads('sim.reactor-forecasts')).some(
        (f) => f.basedOn === telemetry.position,
      );
      return ticks >= 4 && fed;
    });
    const status = (await sim('status', { id: 'twin-r101' })).result.session;
    expect(status.ticks).toBeGreaterThanOrEqual(4);
    expect(status.overruns).toBeGreaterThanOrEqual(0);
    expect(status.errors).toBe(0);
    const stopped = await sim('stop', { id: 'twin-r101' });
    expect(stopped.result.session.state).toBe('stopped');
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(Number(/^dx_sim_ticks_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(4);
    expect(metrics).toMatch(/^dx_sim_tick_overruns_total \d+$/m);
    expect(metrics).toMatch(/^dx_sim_sessions\{state="stopped"\} [1-9]$/m);
    expect(metrics).toMatch(/^dx_sim_runs_total\{outcome="ok"\} [1-9]/m);

    const forecasts = await storedPayloads('sim.reactor-forecasts');
    expect(forecasts.length).toBeGreaterThanOrEqual(4);
    // Ticks without new telemetry carry none: the filter predicts only, and says so.
    const fed = forecasts.find((f) => f.basedOn === telemetry.position)!;
    expect(fed).toMatchObject({
      equipment: 'R101',
      measurementQuality: 'good',
      issuedAt: expect.any(String),
    });
    expect(fed.estimatedTemperature).toBeGreaterThan(250);
    expect(fed.estimatedTemperature).toBeLessThan(252);
    expect(fed.horizon.map((p: Json) => p.offsetSeconds)).toEqual([0, 30, 60]);
    const results = (await storedPayloads('sim.results')).filter((r) => r.scenarioId === 'twin-r101');
    expect(results.length).toBeGreaterThanOrEqual(status.ticks);
    expect(results[0]).toMatchObject({
      model: 'R101',
      values: { T: expect.any(Number) },
      units: { T: 'degC' },
    });
  });
});
