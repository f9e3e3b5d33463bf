import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { sql } from 'kysely';
import type { Json } from '../../../test/support/json.js';
import { reactorReading } from '../../../test/support/reactor-reading.js';
import { runProcess } from '../../../test/support/run-process.js';
import { startTestHub, type TestHub } from '../../../test/support/test-hub.js';
import { SUBJECTS } from '../../common/nats/subjects.js';

let hub: TestHub;
let nats: NatsConnection;
let base: string;

beforeAll(async () => {
  hub = await startTestHub();
  nats = await connect({ servers: hub.bus.url });
  base = await hub.gateway.getUrl();
});

afterAll(async () => {
  await nats.close();
  await hub.stop();
});

let nextId = 0;
async function publish(temperature: number, at: string, headers: Record<string, string> = {}): Promise<Json> {
  const h = natsHeaders();
  const all = { 'dx-producer': 'scada', 'dx-version': '1.0.0', 'dx-msg-id': `hist-${++nextId}`, ...headers };
  for (const [name, value] of Object.entries(all)) h.set(name, value);
  const body = { ...reactorReading('R101', temperature), sourceTimestamp: at };
  return (
    await nats.request(SUBJECTS.publish('scada.reactor-telemetry'), JSON.stringify(body), {
      timeout: 10_000,
      headers: h,
    })
  ).json();
}

const QUERY = {
  contract: 'scada.reactor-telemetry',
  key: 'R101',
  field: '/temperature',
  from: '2026-11-22T08:00:00Z',
  to: '2026-11-22T08:02:00Z',
  bucket: '1m',
};

async function history(reader: string, more: Record<string, unknown> = {}): Promise<Json> {
  const reply = await nats.request(SUBJECTS.history(reader), JSON.stringify({ ...QUERY, ...more }), {
    timeout: 10_000,
  });
  return reply.json();
}

/** Waits until the gateway's projector has projected everything up to a position. */
async function projected(position: number): Promise<void> {
  for (;;) {
    const { rows } = await sql<{
      position: number;
    }>`SELECT position FROM dx.projections WHERE name = 'history'`.execute(hub.database.db);
    if (rows[0]!.position >= position) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  await publish(250, '2026-11-22T08:00:10Z');
  await publish(260, '2026-11-22T08:00:40Z');
  const wrong = await publish(270, '2026-11-22T08:01:05Z');
  await publish(240, '2026-11-22T08:01:50Z');
  const fixed = await publish(280, '2026-11-22T08:01:05Z', { 'dx-corrects': String(wrong.position) });
  await projected(fixed.position);
});

describe('history over NATS (dx.history.<identity>)', () => {
  it('answers buckets of a field on the event timeline, reflecting the correction, worked by hand', async () => {
    const answer = await history('simulation', { agg: 'mean,min,max,count,first,last' });
    expect(answer).toMatchObject({ ok: true, timeline: 'event', unit: 'Cel', bucket: '1m' });
    expect(answer.buckets).toEqual([
      { start: '2026-11-22T08:00:00.000Z', mean: 255, min: 250, max: 260, count: 2, first: 250, last: 260 },
      { start: '2026-11-22T08:01:00.000Z', mean: 260, min: 240, max: 280, count: 2, first: 280, last: 240 },
    ]);
  });

  it('gives only the aggregates asked for', async () => {
    const answer = await history('architect', { agg: 'max,count', bucket: '2m' });
    expect(answer.buckets).toEqual([{ start: '2026-11-22T08:00:00.000Z', max: 280, count: 4 }]);
  });

  it('keeps the read rules of replay: a subsystem that neither owns nor consumes it is refused', async () => {
    const answer = await history('vr');
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'READ_FORBIDDEN', details: { identity: 'vr', contract: 'scada.reactor-telemetry' } },
    });
  });

  it('refuses a field that is not a number, and more buckets than a query may ask for, before any work', async () => {
    expect(await history('architect', { field: '/tag' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_ARGUMENT', details: { rule: 'numeric', pointer: '/tag' } },
    });
    expect(await history('architect', { bucket: '1s', to: '2026-11-23T08:00:00Z' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_ARGUMENT', details: { rule: 'maxBuckets', expected: 10_000 } },
    });
  });
});

describe('history over HTTP (GET /api/v1/history)', () => {
  const get = (token: string | undefined, query: Record<string, string>) =>
    fetch(`${base}/api/v1/history/scada.reactor-telemetry/R101?${new URLSearchParams(query)}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('answers the bearer of a token that may read, and refuses one that may not with 403', async () => {
    const { contract, key, ...query } = QUERY;
    void contract;
    void key;
    const allowed = await get('dev-scada-token', { ...query, agg: 'count' });
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as Json).buckets).toEqual([
      { start: '2026-11-22T08:00:00.000Z', count: 2 },
      { start: '2026-11-22T08:01:00.000Z', count: 2 },
    ]);
    expect((await get('dev-vr-token', query)).status).toBe(403);
    expect((await get(undefined, query)).status).toBe(401);
  });
});

describe('values at an instant (GET /api/v1/history/{contract}?at=.., and dx.history with `at`)', () => {
  const at = (token: string | undefined, query: Record<string, string>) =>
    fetch(`${base}/api/v1/history/scada.reactor-telemetry?${new URLSearchParams(query)}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it("answers every key's latest reading by then, the correction in place of what it corrects", async () => {
    const answer = await at('dev-scada-token', { field: '/temperature', at: '2026-11-22T08:01:30Z' });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      ok: true,
      contract: 'scada.reactor-telemetry',
      field: '/temperature',
      timeline: 'event',
      at: '2026-11-22T08:01:30.000Z',
      unit: 'Cel',
      values: [{ key: 'R101', at: '2026-11-22T08:01:05.000Z', value: 280 }],
    });
  });

  it('converts to the unit asked for, and keeps the read rules of replay', async () => {
    const reply = await nats.request(
      SUBJECTS.history('simulation'),
      JSON.stringify({
        contract: 'scada.reactor-telemetry',
        field: '/temperature',
        at: '2026-11-22T08:00:45Z',
        unit: 'K',
      }),
      { timeout: 10_000 },
    );
    expect(reply.json()).toMatchObject({ ok: true, unit: 'K', values: [{ key: 'R101', value: 533.15 }] });
    expect((await at('dev-vr-token', { field: '/temperature', at: '2026-11-22T08:00:45Z' })).status).toBe(
      403,
    );
    expect((await at(undefined, { field: '/temperature', at: '2026-11-22T08:00:45Z' })).status).toBe(401);
  });

  it('is what `dx history at` prints, one JSON line per key, and a refusal exits 1 naming it', async () => {
    const dx = (args: string[]) =>
      runProcess('bin/dx.js', ['history', 'at', 'scada.reactor-telemetry', ...args], {
        NATS_URL: hub.bus.url,
      });
    const asked = await dx([
      '--field',
      '/temperature',
      '--at',
      '2026-11-22T08:00:45Z',
      '--unit',
      'K',
      '--as',
      'scada',
    ]);
    expect(asked.code).toBe(0);
    expect(
      asked.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Json),
    ).toEqual([{ key: 'R101', at: '2026-11-22T08:00:40.000Z', value: 533.15 }]);
    expect(asked.stderr).toContain('in K, on the event timeline: 1 key');
    const refused = await dx(['--field', '/temperature', '--at', '2026-11-22T08:00:45Z', '--as', 'vr']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('READ_FORBIDDEN');
  });

  it('refuses a missing instant and knownAt on the recorded timeline, naming the field', async () => {
    expect(await (await at('dev-scada-token', { field: '/temperature' })).json()).toMatchObject({
      ok: false,
      error: { code: 'BAD_ARGUMENT', details: { field: 'at', rule: 'required' } },
    });
    const both = {
      field: '/temperature',
      at: '2026-11-22T08:00:45Z',
      timeline: 'recorded',
      knownAt: '2026-11-22T08:00:45Z',
    };
    expect(await (await at('dev-scada-token', both)).json()).toMatchObject({
      ok: false,
      error: { code: 'BAD_ARGUMENT', details: { field: 'knownAt', rule: 'timeline' } },
    });
  });
});

describe('units per consumer', () => {
  it('converts history to the unit a reader asks for', async () => {
    const answer = await history('simulation', { agg: 'mean,max', unit: 'K' });
    expect(answer).toMatchObject({ ok: true, unit: 'K' });
    expect(answer.buckets).toEqual([
      { start: '2026-11-22T08:00:00.000Z', mean: 528.15, max: 533.15 },
      { start: '2026-11-22T08:01:00.000Z', mean: 533.15, max: 553.15 },
    ]);
    const fahrenheit = await history('simulation', { agg: 'min', unit: '[degF]', bucket: '2m' });
    expect(fahrenheit.buckets).toEqual([{ start: '2026-11-22T08:00:00.000Z', min: 464 }]);
  });

  it('refuses at once a unit the field cannot be converted to, naming both, and a unit that is not UCUM', async () => {
    expect(await history('simulation', { unit: 'MPa' })).toMatchObject({
      ok: false,
      error: {
        code: 'UNIT_NOT_CONVERTIBLE',
        message: expect.stringMatching(/Cel.*MPa/),
        details: { from: 'Cel', to: 'MPa' },
      },
    });
    expect(await history('simulation', { unit: 'degrees' })).toMatchObject({
      ok: false,
      error: { code: 'UNIT_INVALID', details: { unit: 'degrees' } },
    });
  });

  it("converts the fields a replay asks for from each event's own version, and refuses what cannot be", async () => {
    const ask = async (units: Record<string, string>) =>
      (
        await nats.request(
          SUBJECTS.replay('simulation'),
          JSON.stringify({ contract: 'scada.reactor-telemetry', key: 'R101', limit: 1, units }),
          { timeout: 10_000 },
        )
      ).json<Json>();
    const page = await ask({ '/temperature': 'K', '/pressure': 'kPa', '/flowRate': 'm3/h' });
    expect(page.units).toEqual({ '/temperature': 'K', '/pressure': 'kPa', '/flowRate': 'm3/h' });
    expect(page.events[0].data).toMatchObject({ temperature: 523.15, pressure: 7800, flowRate: 25.2 });
    expect(await ask({ '/pressure': 'Cel' })).toMatchObject({
      ok: false,
      error: { code: 'UNIT_NOT_CONVERTIBLE', details: { pointer: '/pressure', from: 'bar', to: 'Cel' } },
    });
    expect(await ask({ '/tag': 'K' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_ARGUMENT', details: { rule: 'numeric' } },
    });
  });
});
