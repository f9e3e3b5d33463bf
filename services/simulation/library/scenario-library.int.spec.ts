import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import type { INestApplication } from '@nestjs/common';
import { sql } from 'kysely';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Json } from '../../../test/support/json.js';
import { runProcess } from '../../../test/support/run-process.js';
import { startTestHub, type TestHub } from '../../../test/support/test-hub.js';
import { HEADERS, SUBJECTS } from '../../common/nats/subjects.js';
import { createSimulationApp } from '../create-simulation-app.js';
import { loadSimConfig } from '../sim-config.js';
import { reactorReading } from '../../../test/support/reactor-reading.js';

let hub: TestHub;
let simulation: INestApplication;
let nats: NatsConnection;
let base: string;

async function sim(operation: string, body: unknown = {}, token?: string): Promise<Json> {
  const h = natsHeaders();
  if (token) h.set(HEADERS.authorization, `Bearer ${token}`);
  return (
    await nats.request(SUBJECTS.sim(operation), JSON.stringify(body), { timeout: 30_000, headers: h })
  ).json<Json>();
}

async function stored(): Promise<Json[]> {
  const { rows } = await sql<{ payload: Json }>`
    SELECT payload FROM dx.events WHERE contract_id = 'sim.scenarios' ORDER BY global_position`.execute(
    hub.database.db,
  );
  return rows.map((r) => r.payload);
}

let sent = 0;
/** Publishes an R101 reading; resolves with the time the hub recorded it. */
async function publishReactor(temperature: number, sourceTimestamp = new Date()): Promise<string> {
  const h = natsHeaders();
  h.set('dx-producer', 'scada');
  h.set('dx-version', '1.0.0');
  h.set('dx-msg-id', `reactor-${++sent}`);
  const reading = { ...reactorReading('R101', temperature), sourceTimestamp: sourceTimestamp.toISOString() };
  const reply = (
    await nats.request(SUBJECTS.publish('scada.reactor-telemetry'), JSON.stringify(reading), {
      timeout: 10_000,
      headers: h,
    })
  ).json<Json>();
  expect(reply.ok).toBe(true);
  const { rows } = await sql<{ recorded_at: Date }>`
    SELECT recorded_at FROM dx.events WHERE global_position = ${reply.position as number}`.execute(
    hub.database.db,
  );
  return rows[0]!.recorded_at.toISOString();
}

/** P101 at a fixed operating point: H = 50 (1 - (Q/100)^2), so 18 m at 80 L/s. */
const pumpPoint = (q: number) => ({
  name: 'p101-point',
  description: 'P101 evaluated at one flow',
  request: {
    scenario: {
      scenarioId: 'p101-point',
      mode: 'static',
      models: [{ id: 'P101', model: 'pump', instance: 'P101', initialState: { Q: q, rpm: 3000 } }],
    },
  },
});

beforeAll(async () => {
  hub = await startTestHub();
  simulation = await createSimulationApp(hub.config, hub.quiet, {
    ...loadSimConfig({}),
    workers: 2,
    demoScenarios: true,
  });
  await simulation.listen(0, '127.0.0.1');
  base = await simulation.getUrl();
  nats = await connect({ servers: hub.bus.url });
});

afterAll(async () => {
  await nats?.close();
  await simulation?.close();
  await hub?.stop();
});

describe('the scenario library', () => {
  it('ships the demo scenarios, saved by the simulation subsystem', async () => {
    const listed = (await sim('scenarios-list')).result as Json[];
    expect(listed.map((s) => [s.name, s.version, s.owner, s.mode])).toEqual([
      ['e101-fouling', 1, 'simulation', 'dynamic'],
      ['p101-startup', 1, 'simulation', 'dynamic'],
      ['r101-jacket-whatif', 1, 'simulation', 'dynamic'],
    ]);
    const startup = (await sim('scenarios-run', { name: 'p101-startup' })).result.result;
    // From rest to the 3000 rpm setpoint; the flow settles at the best efficiency point, 80 L/s.
    expect(startup.final.P101.rpm).toBeCloseTo(3000, 0);
    expect(startup.final.P101.Q).toBeCloseTo(79.88, 1);
    expect(startup.times[0]).toBe(0);
    const fouled = (await sim('scenarios-run', { name: 'e101-fouling' })).result.result;
    expect(fouled.final.E101.U_eff).toBeCloseTo(400, 6);
    expect(fouled.final.E101.duty).toBeLessThan(800);
  });

  it('saves a named scenario as version 1 owned by who saved it, and the same content again as nothing new', async () => {
    const saved = await sim('scenarios-save', pumpPoint(80), 'dev-twin-token');
    expect(saved.result).toMatchObject({
      unchanged: false,
      saved: { name: 'p101-point', version: 1, owner: 'twin' },
    });
    expect(saved.result.saved.hash).toMatch(/^[0-9a-f]{64}$/);
    const again = await sim('scenarios-save', pumpPoint(80), 'dev-twin-token');
    expect(again.result).toMatchObject({ unchanged: true, saved: { version: 1 } });
    const next = await sim('scenarios-save', pumpPoint(50), 'dev-twin-token');
    expect(next.result.saved).toMatchObject({ version: 2, owner: 'twin' });
    const shown = (await sim('scenarios-show', { name: 'p101-point', version: 1 })).result;
    expect(shown.request.scenario.models[0].initialState.Q).toBe(80);
    // Each version is an event in the hub: the library is its fold.
    expect((await stored()).filter((s) => s.name === 'p101-point').map((s) => s.version)).toEqual([1, 2]);
  });

  it('lets only the owner, or an architect, save the next version of a name', async () => {
    const refused = await sim('scenarios-save', pumpPoint(60), 'dev-vr-token');
    expect(refused.error).toMatchObject({ code: 'FORBIDDEN', details: { owner: 'twin', caller: 'vr' } });
    const architect = await sim('scenarios-save', pumpPoint(60), 'dev-architect-token');
    expect(architect.result.saved).toMatchObject({ version: 3, owner: 'twin', savedBy: 'architect' });
    expect((await sim('scenarios-save', pumpPoint(70))).error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses to save a scenario that would not run, naming every problem, and stores nothing', async () => {
    const before = (await stored()).length;
    const broken = await sim(
      'scenarios-save',
      {
        name: 'Broken Name',
        request: { scenario: { scenarioId: 'x', mode: 'static', models: [{ id: 'B', model: 'boiler' }] } },
      },
      'dev-twin-token',
    );
    expect(broken.error.code).toBe('SCENARIO_INVALID');
    expect(broken.error.details.problems.map((p: Json) => p.path)).toEqual(['/name']);
    const unrunnable = await sim(
      'scenarios-save',
      {
        name: 'boiler',
        request: { scenario: { scenarioId: 'x', mode: 'static', models: [{ id: 'B', model: 'boiler' }] } },
      },
      'dev-twin-token',
    );
    expect(unrunnable.error.details.problems).toContainEqual(
      expect.objectContaining({ path: '/scenario/models/0/model', code: 'UNKNOWN_MODEL' }),
    );
    expect((await stored()).length).toBe(before);
  });

  it('runs a saved scenario by name, a version of it, and with overrides', async () => {
    // version 3 is Q = 60: H = 50 (1 - 0.36) = 32 m; version 1 is Q = 80: 18 m
    const latest = await sim('scenarios-run', { name: 'p101-point' });
    expect(latest.result.result.outputs.P101.H).toBeCloseTo(32, 9);
    const first = await sim('scenarios-run', { name: 'p101-point', version: 1 });
    expect(first.result.result.outputs.P101.H).toBeCloseTo(18, 9);
    // Q = 50: H = 50 (1 - 0.25) = 37.5 m
    const overridden = await sim('scenarios-run', {
      name: 'p101-point',
      set: { '/scenario/models/0/initialState/Q': 50 },
    });
    expect(overridden.result.result.outputs.P101.H).toBeCloseTo(37.5, 9);
    expect(overridden.result.scenario).toEqual({
      name: 'p101-point',
      version: 3,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      overrides: ['/scenario/models/0/initialState/Q'],
      position: expect.any(Number),
    });
    expect(overridden.result.scenario.hash).not.toBe(latest.result.scenario.hash);
    const bad = await sim('scenarios-run', {
      name: 'p101-point',
      set: { '/scenario/models/0/model': 'boiler' },
    });
    expect(bad.error.details.problems).toContainEqual(
      expect.objectContaining({ path: '/scenario/models/0/model', code: 'UNKNOWN_MODEL' }),
    );
    expect((await sim('scenarios-run', { name: 'no-such' })).error.code).toBe('NOT_FOUND');
  });

  it('does the same over HTTP, saving with a bearer token', async () => {
    const listed = (await (await fetch(`${base}/api/v1/sim/scenarios`)).json()) as Json[];
    expect(listed.map((s) => s.name)).toContain('p101-point');
    const shown = (await (await fetch(`${base}/api/v1/sim/scenarios/p101-point?version=2`)).json()) as Json;
    expect(shown.request.scenario.models[0].initialState.Q).toBe(50);
    const post = (url: string, body: unknown, token?: string) =>
      fetch(`${base}${url}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
    const saved = await post(
      '/api/v1/sim/scenarios',
      { ...pumpPoint(40), name: 'p101-http' },
      'dev-scada-token',
    );
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as Json).saved).toMatchObject({
      name: 'p101-http',
      owner: 'scada',
      version: 1,
    });
    expect((await post('/api/v1/sim/scenarios', pumpPoint(41), 'dev-vr-token')).status).toBe(403);
    expect((await post('/api/v1/sim/scenarios', pumpPoint(41))).status).toBe(401);
    const ran = await post(
      '/api/v1/sim/scenarios/p101-http/run',
      { set: { '/scenario/models/0/initialState/Q': 0 } },
      'dev-vr-token',
    );
    expect(((await ran.json()) as Json).result.outputs.P101.H).toBeCloseTo(50, 9);
  });
});

describe('what-if from a past instant', () => {
  it('takes the initial state as the hub recorded it at a past time', async () => {
    const recordedAt = await publishReactor(240);
    // The hub records to the millisecond: the newer reading must be recorded after the older one.
    while ((await publishReactor(262)) === recordedAt);
    const now = await sim('scenarios-run', { name: 'r101-jacket-whatif' });
    expect(now.result.result.trajectories.R101.T[0]).toBe(262);
    const then = await sim('scenarios-run', {
      name: 'r101-jacket-whatif',
      asOf: { time: recordedAt, timeline: 'recorded' },
    });
    expect(then.error).toBeUndefined();
    expect(then.result.result.trajectories.R101.T[0]).toBe(240);
    const before = await sim('scenarios-run', {
      name: 'r101-jacket-whatif',
      asOf: { time: new Date(Date.parse(recordedAt) - 60_000).toISOString() },
    });
    expect(before.error.details.problems).toEqual([
      expect.objectContaining({ path: '/initialFrom/R101.T', code: 'NO_VALUE' }),
    ]);
  });

  it('takes it as the plant was at a past instant on the event timeline, late data included, and as known then', async () => {
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    const beforeLate = new Date(Date.now() - 1000);
    // A reading of ten minutes ago that reaches the hub only now (an edge's buffer emptying).
    const lateRecordedAt = await publishReactor(231, tenMinutesAgo);
    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000).toISOString();
    const asTrue = await sim('scenarios-run', {
      name: 'r101-jacket-whatif',
      asOf: { time: fiveMinutesAgo, timeline: 'event' },
    });
    expect(asTrue.error).toBeUndefined();
    expect(asTrue.result.result.trajectories.R101.T[0]).toBe(231);
    // The recorded timeline at the same instant knew nothing of it.
    const asRecorded = await sim('scenarios-run', {
      name: 'r101-jacket-whatif',
      asOf: { time: fiveMinutesAgo, timeline: 'recorded' },
    });
    expect(asRecorded.error.details.problems).toEqual([
      expect.objectContaining({ path: '/initialFrom/R101.T', code: 'NO_VALUE' }),
    ]);
    const asKnownBefore = await sim('scenarios-run', {
      name: 'r101-jacket-whatif',
      asOf: { time: fiveMinutesAgo, timeline: 'event', knownAt: beforeLate.toISOString() },
    });
    expect(asKnownBefore.error.details.problems).toEqual([
      expect.objectContaining({ path: '/initialFrom/R101.T', code: 'NO_VALUE' }),
    ]);
    const asKnownAfter = await sim('scenarios-run', {
      name: 'r101-jacket-whatif',
      asOf: { time: fiveMinutesAgo, timeline: 'event', knownAt: lateRecordedAt },
    });
    expect(asKnownAfter.result.result.trajectories.R101.T[0]).toBe(231);
    const misplaced = await sim('scenarios-run', {
      name: 'r101-jacket-whatif',
      asOf: { time: fiveMinutesAgo, timeline: 'recorded', knownAt: lateRecordedAt },
    });
    expect(misplaced.error.details.problems).toEqual([
      expect.objectContaining({ path: '/asOf/knownAt', code: 'INVALID_VALUE' }),
    ]);
  });
});

describe('dx sim scenarios', () => {
  it('lists, saves, shows and runs by name with --set', async () => {
    const env = { NATS_URL: hub.bus.url, DX_TOKEN: 'dev-twin-token' };
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'dx-scenarios-')), 'p101-cli.json');
    writeFileSync(file, JSON.stringify({ ...pumpPoint(80), name: 'p101-cli' }));
    const saved = await runProcess('bin/dx.js', ['sim', 'scenarios', 'save', file], env);
    expect(saved.code).toBe(0);
    expect(JSON.parse(saved.stdout).saved).toMatchObject({ name: 'p101-cli', owner: 'twin', version: 1 });
    const listed = await runProcess('bin/dx.js', ['sim', 'scenarios', 'list'], env);
    expect(JSON.parse(listed.stdout).map((s: Json) => s.name)).toContain('p101-cli');
    const shown = await runProcess('bin/dx.js', ['sim', 'scenarios', 'show', 'p101-cli'], env);
    expect(JSON.parse(shown.stdout).version).toBe(1);
    const ran = await runProcess(
      'bin/dx.js',
      ['sim', 'scenarios', 'run', 'p101-cli', '--set', '/scenario/models/0/initialState/Q=50'],
      env,
    );
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout).result.outputs.P101.H).toBeCloseTo(37.5, 9);
    const refused = await runProcess('bin/dx.js', ['sim', 'scenarios', 'save', file], {
      ...env,
      DX_TOKEN: 'dev-vr-token',
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('FORBIDDEN');
  });
});
