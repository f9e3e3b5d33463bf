import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import type { INestApplication } from '@nestjs/common';
import { sql } from 'kysely';
import type { Json } from '../../../test/support/json.js';
import { runProcess } from '../../../test/support/run-process.js';
import { registerConsumer } from '../../../test/support/seed-registry.js';
import { startTestHub, type TestHub } from '../../../test/support/test-hub.js';
import { walkLineage } from '../../common/lineage/walk-lineage.js';
import { SUBJECTS } from '../../common/nats/subjects.js';
import { createSimulationApp } from '../create-simulation-app.js';
import { loadSimConfig } from '../sim-config.js';
import { reactorReading } from '../../../test/support/reactor-reading.js';

let hub: TestHub;
let simulation: INestApplication;
let nats: NatsConnection;

async function sim(operation: string, body: unknown = {}): Promise<Json> {
  return (
    await nats.request(SUBJECTS.sim(operation), JSON.stringify(body), { timeout: 30_000 })
  ).json<Json>();
}

async function events(contract: string): Promise<{ position: number; payload: Json }[]> {
  const { rows } = await sql<{ global_position: string; payload: Json }>`
    SELECT global_position, payload FROM dx.events WHERE contract_id = ${contract} ORDER BY global_position`.execute(
    hub.database.db,
  );
  return rows.map((r) => ({ position: Number(r.global_position), payload: r.payload }));
}

let sent = 0;
async function publishReactor(temperature: number): Promise<number> {
  const h = natsHeaders();
  h.set('dx-producer', 'scada');
  h.set('dx-version', '1.0.0');
  h.set('dx-msg-id', `reactor-${++sent}`);
  const reading = { ...reactorReading('R101', temperature), sourceTimestamp: new Date().toISOString() };
  const reply = (
    await nats.request(SUBJECTS.publish('scada.reactor-telemetry'), JSON.stringify(reading), {
      timeout: 10_000,
      headers: h,
    })
  ).json<Json>();
  expect(reply.ok).toBe(true);
  return reply.position as number;
}

async function until(what: string, condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within 60 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  hub = await startTestHub();
  simulation = await createSimulationApp(hub.config, hub.quiet, {
    ...loadSimConfig({}),
    workers: 2,
    demoScenarios: true,
  });
  await simulation.init();
  nats = await connect({ servers: hub.bus.url });
});

afterAll(async () => {
  await nats?.close();
  await simulation?.close();
  await hub?.stop();
});

describe('lineage', () => {
  it('leads from a forecast of the twin loop back to the telemetry it estimated from', async () => {
    const first = await publishReactor(251.3);
    const started = await sim('start', {
      id: 'twin-lineage',
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
    const telemetry = await publishReactor(251.6);
    await until('a forecast made from the new reading', async () =>
      (await events('sim.reactor-forecasts')).some((f) => f.payload.basedOn === telemetry),
    );
    await sim('stop', { id: 'twin-lineage' });
    const forecast = (await events('sim.reactor-forecasts')).find((f) => f.payload.basedOn === telemetry)!;
    expect(forecast.payload.origin).toBe('simulated');
    expect(forecast.payload.lineage).toMatchObject({
      inputs: [
        {
          contract: 'scada.reactor-telemetry',
          key: 'R101',
          role: 'telemetry',
          fromPosition: telemetry,
          toPosition: telemetry,
          count: 1,
        },
      ],
      models: [{ instance: 'R101', model: 'reactor', version: '1.1.0' }],
      functions: [
        { id: 'rk4.rk4_step', version: '1.0.0' },
        { id: 'quality.assess', version: '1.1.0' },
        { id: 'kalman.kalman_filter_series', version: '1.0.0' },
      ],
      library: expect.stringMatching(/^\d+\.\d+\.\d+$/),
      scenario: { hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    // The results of the same tick say the same.
    const results = (await events('sim.results')).filter((r) => r.payload.scenarioId === 'twin-r101');
    expect(results.every((r) => r.payload.origin === 'simulated')).toBe(true);

    const tree = (await walkLineage(hub.database.db, forecast.position))!;
    expect(tree).toMatchObject({
      contract: 'sim.reactor-forecasts',
      origin: 'simulated',
      producer: 'simulation',
    });
    expect(tree.inputs[0]!.events[0]).toMatchObject({
      position: telemetry,
      contract: 'scada.reactor-telemetry',
      producer: 'scada',
      origin: 'source',
      inputs: [],
    });
    expect(first).toBeLessThan(telemetry);

    // The same walk over HTTP, for the console: as an architect, every step back to the telemetry.
    const base = await hub.gateway.getUrl();
    const lineageOf = async (token: string, query = '') => {
      const response = await fetch(`${base}/api/v1/lineage/${forecast.position}${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return { status: response.status, body: (await response.json()) as Json };
    };
    const asArchitect = await lineageOf('dev-architect-token');
    expect(asArchitect.status).toBe(200);
    expect(asArchitect.body.lineage.inputs[0].events[0]).toMatchObject({
      position: telemetry,
      origin: 'source',
    });
    // A reader of the forecasts who may not read the telemetry sees that it exists, not what it says.
    expect((await lineageOf('dev-twin-token')).status).toBe(403);
    await registerConsumer(hub.database.db, 'sim.reactor-forecasts', 'twin', [1]);
    // Registered behind the registry's back (no announcement): the gateway sees it at its next look.
    let asTwin = { status: 0, body: {} as Json };
    await until('the gateway to see the twin registered', async () => {
      asTwin = await lineageOf('dev-twin-token');
      return asTwin.status === 200;
    });
    expect(asTwin.body.lineage.inputs[0]).toMatchObject({
      contract: 'scada.reactor-telemetry',
      fromPosition: telemetry,
      events: [],
      hidden: true,
    });
    const tooDeep = await lineageOf('dev-architect-token', '?depth=99');
    expect(tooDeep.status).toBe(422);
    expect(tooDeep.body.error.details).toMatchObject({ field: 'depth', expected: '1..16' });

    const printed = await runProcess('bin/dx.js', ['lineage', String(forecast.position)], {
      DATABASE_URL: hub.database.url,
    });
    expect(printed.code).toBe(0);
    const lines = printed.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      new RegExp(
        `^#${forecast.position} sim\\.reactor-forecasts 1\\.1\\.0 R101: simulated, by simulation at `,
      ),
    );
    expect(lines[1]).toContain(
      'made by models R101=reactor 1.1.0; functions rk4.rk4_step 1.0.0, quality.assess 1.1.0',
    );
    expect(lines[2]).toBe(`  telemetry: scada.reactor-telemetry R101 #${telemetry} (1 event)`);
    expect(lines[3]).toMatch(
      new RegExp(`^    #${telemetry} scada\\.reactor-telemetry 1\\.0\\.0 R101: source, by scada at `),
    );
  });

  it('leads from a published what-if back to the saved scenario and the reading it started from', async () => {
    const reading = await publishReactor(247.5);
    const ran = await sim('scenarios-run', { name: 'r101-jacket-whatif', publish: true });
    expect(ran.ok).toBe(true);
    const [published] = ran.result.published as number[];
    const scenarioEvent = (await events('sim.scenarios')).find(
      (s) => s.payload.name === 'r101-jacket-whatif',
    )!;
    const result = (await events('sim.results')).find((r) => r.position === published)!;
    expect(result.payload).toMatchObject({
      scenarioId: 'r101-jacket-whatif',
      origin: 'simulated',
      lineage: {
        inputs: [
          {
            contract: 'sim.scenarios',
            key: 'r101-jacket-whatif',
            role: 'scenario',
            fromPosition: scenarioEvent.position,
            count: 1,
          },
          {
            contract: 'scada.reactor-telemetry',
            key: 'R101',
            role: 'initial-state',
            fromPosition: reading,
            toPosition: reading,
            count: 1,
          },
        ],
        scenario: { name: 'r101-jacket-whatif', version: 1, hash: ran.result.scenario.hash },
      },
    });
    const tree = (await walkLineage(hub.database.db, published!))!;
    expect(tree.inputs.map((i) => [i.role, i.events[0]!.contract, i.events[0]!.origin])).toEqual([
      ['scenario', 'sim.scenarios', 'source'],
      ['initial-state', 'scada.reactor-telemetry', 'source'],
    ]);
  });
});
