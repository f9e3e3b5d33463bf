import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import type { INestApplication } from '@nestjs/common';
import { sql } from 'kysely';
import type { Json } from '../../../test/support/json.js';
import { startTestHub, type TestHub } from '../../../test/support/test-hub.js';
import { walkLineage } from '../../common/lineage/walk-lineage.js';
import { SUBJECTS } from '../../common/nats/subjects.js';
import { createSimulationApp } from '../create-simulation-app.js';
import { loadSimConfig } from '../sim-config.js';

let hub: TestHub;
let simulation: INestApplication;
let nats: NatsConnection;

const T0 = Date.parse('2026-11-22T08:00:00Z');
let sent = 0;

/** A pump sample at second `i` of the test's source clock; `wobble` keeps healthy values from being constant. */
function sample(equipment: string, i: number, vibration: number): Json {
  const wobble = Math.sin(i * 1.7) * 0.5 + Math.cos(i * 0.9) * 0.5;
  return {
    equipment,
    flow: 62.5 + 0.8 * wobble,
    dischargePressure: 0.45 + 0.004 * wobble,
    speed: 2950 + 5 * wobble,
    power: 4.6 + 0.05 * wobble,
    vibration,
    quality: 'good',
    sourceTimestamp: new Date(T0 + i * 1000).toISOString(),
  };
}

async function publish(reading: Json): Promise<number> {
  const h = natsHeaders();
  h.set('dx-producer', 'scada');
  h.set('dx-version', '1.0.0');
  h.set('dx-msg-id', `pump-${++sent}`);
  const reply = (
    await nats.request(SUBJECTS.publish('scada.pump-telemetry'), JSON.stringify(reading), {
      timeout: 10_000,
      headers: h,
    })
  ).json<Json>();
  expect(reply.ok).toBe(true);
  return reply.position as number;
}

async function assessments(
  equipment: string,
): Promise<{ position: number; producer: string; payload: Json }[]> {
  const { rows } = await sql<{ global_position: string; producer: string; payload: Json }>`
    SELECT global_position, producer, payload FROM dx.events
    WHERE contract_id = 'analytics.equipment-health' AND key = ${equipment} ORDER BY global_position`.execute(
    hub.database.db,
  );
  return rows.map((r) => ({ position: Number(r.global_position), producer: r.producer, payload: r.payload }));
}

async function status(): Promise<Json> {
  return (await nats.request(SUBJECTS.sim('status'), '{}', { timeout: 10_000 })).json<Json>().result;
}

/** Polls until the condition holds; fails after 60 s (a machine busy with other suites is slow). */
async function until(what: string, condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within 60 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  hub = await startTestHub();
  nats = await connect({ servers: hub.bus.url });
  const sim = loadSimConfig({});
  simulation = await createSimulationApp(hub.config, hub.quiet, {
    ...sim,
    workers: 1,
    analytics: {
      ...sim.analytics,
      assets: ['P101', 'P102'],
      periodMs: 200,
      trainingSamples: 20,
      windowSamples: 30,
    },
  });
  await simulation.init();
});

afterAll(async () => {
  await nats?.close();
  await simulation?.close();
  await hub?.stop();
});

describe('the pump health loops', () => {
  it('assess each pump from its live telemetry and raise P102 to critical as its vibration climbs, with the inputs they used', async () => {
    await until('both loops start', async () =>
      ((await status()).health as Json[]).every((loop) => loop.state === 'training'),
    );
    const positions: Record<string, number[]> = { P101: [], P102: [] };
    for (let i = 0; i < 20; i++) {
      for (const pump of ['P101', 'P102'])
        positions[pump]!.push(await publish(sample(pump, i, 2.1 + 0.1 * Math.sin(i))));
    }
    await until('both pumps are trained and assessed', async () =>
      ((await status()).health as Json[]).every((loop) => loop.state === 'assessing' && loop.published >= 1),
    );
    // P102's bearing wears: vibration climbs 0.1 mm/s per second from 2.1, towards the 7.1 mm/s limit.
    for (let i = 20; i < 50; i++) {
      positions.P101!.push(await publish(sample('P101', i, 2.1 + 0.1 * Math.sin(i))));
      positions.P102!.push(await publish(sample('P102', i, 2.1 + 0.1 * (i - 19))));
    }
    const lastP102 = positions.P102!.at(-1)!;
    await until('P102 is assessed on its last sample', async () =>
      (await assessments('P102')).some((a) => a.payload.lineage.inputs[0].toPosition === lastP102),
    );

    const p102 = await assessments('P102');
    const first = p102[0]!.payload;
    const last = p102.at(-1)!;
    expect(first.priority).toBe('low');
    expect(last.producer).toBe('analytics');
    expect(last.payload).toMatchObject({
      equipment: 'P102',
      origin: 'derived',
      priority: 'critical',
      anomaly: { flag: true, signalsOff: ['vibration'] },
      remainingLife: { status: 'estimated', indicator: 'vibration', threshold: 7.1, model: 'linear' },
      sample: { vibration: expect.closeTo(5.1, 6), sourceTimestamp: new Date(T0 + 49_000).toISOString() },
    });
    // Vibration is 5.1 at second 49 and climbs 0.1 mm/s per second: 7.1 is 20 s away.
    expect(last.payload.remainingLife.seconds).toBeCloseTo(20, 6);
    expect(last.payload.recommendation).toContain('Take P102 out of service');
    // Low while it ran as trained; once critical, it stays critical as the vibration keeps climbing.
    const priorities = p102.map((a) => a.payload.priority as string);
    const firstCritical = priorities.indexOf('critical');
    expect(priorities.slice(firstCritical).every((p) => p === 'critical')).toBe(true);
    expect(priorities.slice(0, firstCritical).every((p) => p === 'low' || p === 'medium')).toBe(true);

    // Its lineage names the very telemetry events it used.
    const inputs = last.payload.lineage.inputs as Json[];
    expect(inputs).toEqual([
      {
        contract: 'scada.pump-telemetry',
        key: 'P102',
        role: 'latest',
        fromPosition: lastP102,
        toPosition: lastP102,
        count: 1,
      },
      {
        contract: 'scada.pump-telemetry',
        key: 'P102',
        role: 'training',
        fromPosition: positions.P102![0],
        toPosition: positions.P102![19],
        count: 20,
      },
      {
        contract: 'scada.pump-telemetry',
        key: 'P102',
        role: 'indicator',
        fromPosition: positions.P102![20],
        toPosition: lastP102,
        count: 30,
      },
    ]);
    expect(last.payload.lineage.functions).toContainEqual({ id: 'health.assess_health', version: '1.0.0' });
    expect(last.payload.lineage.library).toMatch(/^\d+\.\d+\.\d+$/);
    // dx lineage's walk leads from the assessment back to the pump's raw telemetry.
    const tree = (await walkLineage(hub.database.db, last.position, { perRun: 1 }))!;
    expect(tree).toMatchObject({
      contract: 'analytics.equipment-health',
      origin: 'derived',
      producer: 'analytics',
    });
    expect(tree.inputs.map((i) => [i.role, i.events[0]!.position, i.events[0]!.origin, i.more])).toEqual([
      ['latest', lastP102, 'source', 0],
      ['training', positions.P102![0], 'source', 19],
      ['indicator', positions.P102![20], 'source', 29],
    ]);

    // P101 ran as trained all along: never high or critical.
    const p101 = await assessments('P101');
    expect(p101.length).toBeGreaterThanOrEqual(1);
    expect(p101.every((a) => ['low', 'medium'].includes(a.payload.priority as string))).toBe(true);
    const loops = (await status()).health as Json[];
    expect(loops.find((l) => l.asset === 'P102')).toMatchObject({
      errors: 0,
      lastAssessment: { priority: 'critical', basedOn: lastP102 },
    });
  }, 120_000);
});
