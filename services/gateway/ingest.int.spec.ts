import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import type { INestApplication } from '@nestjs/common';
import { sql } from 'kysely';
import { pino } from 'pino';
import type { Json } from '../../test/support/json.js';
import { registerConsumer, seedRegistry, unregisterConsumer } from '../../test/support/seed-registry.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { startTestNats, type TestNats } from '../../test/support/test-nats.js';
import { loadConfig } from '../common/config/config.js';
import { SUBJECTS } from '../common/nats/subjects.js';
import { createGatewayApp } from './create-gateway-app.js';
import { reactorReading } from '../../test/support/reactor-reading.js';

let database: TestDatabase;
let bus: TestNats;
let gateway: INestApplication;
let nats: NatsConnection;
let base: string;
const logLines: string[] = [];

const reading = reactorReading;

let nextId = 0;
async function publish(contract: string, body: unknown, headers: Record<string, string> = {}): Promise<Json> {
  const h = natsHeaders();
  const all = { 'dx-producer': 'scada', 'dx-version': '1.0.0', 'dx-msg-id': `msg-${++nextId}`, ...headers };
  for (const [name, value] of Object.entries(all)) if (value !== '') h.set(name, value);
  const reply = await nats.request(SUBJECTS.publish(contract), JSON.stringify(body), {
    timeout: 10_000,
    headers: h,
  });
  return reply.json();
}

async function request(subject: string, body: unknown): Promise<Json> {
  return (await nats.request(subject, JSON.stringify(body), { timeout: 10_000 })).json();
}

/** Retries an assertion until it holds: the gateway folds registry changes when they are announced. */
async function eventually(assertion: () => Promise<void>, withinMs = 5_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

async function rejections(): Promise<Json[]> {
  const { rows } = await sql<Json>`SELECT * FROM dx.rejections ORDER BY id`.execute(database.db);
  return rows;
}

beforeAll(async () => {
  database = await createTestDatabase();
  bus = await startTestNats();
  await seedRegistry(database.db);
  gateway = await createGatewayApp(
    { ...loadConfig(), databaseUrl: database.url, natsUrl: bus.url },
    pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) }),
  );
  await gateway.listen(0, '127.0.0.1');
  base = await gateway.getUrl();
  nats = await connect({ servers: bus.url });
});

afterAll(async () => {
  await nats.close();
  await gateway.close();
  await bus.stop();
  await database.drop();
});

describe('publishing over NATS', () => {
  it('stores a valid message and answers with its positions after the commit', async () => {
    const reply = await publish('scada.reactor-telemetry', reading('R101', 251.3));
    expect(reply).toEqual({ ok: true, position: expect.any(Number), streamPosition: 1, duplicate: false });
    const { rows } =
      await sql<Json>`SELECT key, payload FROM dx.events WHERE global_position = ${reply.position}`.execute(
        database.db,
      );
    expect(rows[0]).toEqual({ key: 'R101', payload: reading('R101', 251.3) });
  });

  it('answers a repeated message id with the original positions and stores it once', async () => {
    const first = await publish('scada.reactor-telemetry', reading('R201', 450), { 'dx-msg-id': 'once' });
    const again = await publish('scada.reactor-telemetry', reading('R201', 450), { 'dx-msg-id': 'once' });
    expect(again).toEqual({ ...first, duplicate: true });
  });

  it('stores each item of a batch on its own and answers every item in order', async () => {
    const reply = await publish('scada.reactor-telemetry', [
      reading('R101', 252),
      { ...reading('R101', 253), temperature: 'hot' },
      reading('R201', 451),
    ]);
    expect(reply.ok).toBe(true);
    expect(reply.results.map((r: Json) => r.ok)).toEqual([true, false, true]);
    expect(reply.results[1].error).toMatchObject({
      code: 'PAYLOAD_INVALID',
      details: { issues: [{ pointer: '/temperature', rule: 'type', expected: 'number' }] },
    });
    expect(reply.results[2].position).toBeGreaterThan(reply.results[0].position);
  });

  it('stores each item of a batch under its own message id and key, so an item sent again in another batch is stored once', async () => {
    const first = await publish('scada.reactor-telemetry', [reading('R811', 1), reading('R812', 2)], {
      'dx-msg-ids': JSON.stringify(['item-811', 'item-812']),
      'dx-keys': JSON.stringify(['U811', null]),
    });
    const again = await publish('scada.reactor-telemetry', [reading('R812', 2), reading('R813', 3)], {
      'dx-msg-ids': JSON.stringify(['item-812', 'item-813']),
    });
    expect(again.results[0]).toEqual({ ...first.results[1], duplicate: true });
    expect(again.results[1]).toMatchObject({ ok: true, duplicate: false });
    const { rows } = await sql<Json>`SELECT key, msg_id FROM dx.events WHERE msg_id LIKE 'item-8%'
      ORDER BY global_position`.execute(database.db);
    expect(rows).toEqual([
      { key: 'U811', msg_id: 'item-811' },
      { key: 'R812', msg_id: 'item-812' },
      { key: 'R813', msg_id: 'item-813' },
    ]);
  });

  it.each([
    ['a single message', reading('R821', 1), { 'dx-msg-ids': '["a"]' }, 'applies to a batch'],
    [
      'fewer ids than items',
      [reading('R821', 1), reading('R822', 1)],
      { 'dx-msg-ids': '["a"]' },
      'one per item',
    ],
    ['an id twice', [reading('R821', 1), reading('R822', 1)], { 'dx-msg-ids': '["a","a"]' }, 'twice'],
    ['keys that are not a list', [reading('R821', 1)], { 'dx-keys': 'R821' }, 'one per item'],
  ])('refuses per-item headers that do not fit the batch: %s', async (_, body, headers, message) => {
    const reply = await publish('scada.reactor-telemetry', body, headers);
    expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } });
    expect(reply.error.message).toContain(message);
  });
});

describe('refusals', () => {
  it.each([
    ['an unknown contract', 'scada.nothing', {}, 'CONTRACT_NOT_FOUND'],
    ['an unknown version', 'scada.reactor-telemetry', { 'dx-version': '1.9.0' }, 'VERSION_NOT_FOUND'],
    ['a producer that is not the owner', 'scada.reactor-telemetry', { 'dx-producer': 'vr' }, 'FORBIDDEN'],
    ['no message id', 'scada.reactor-telemetry', { 'dx-msg-id': '' }, 'BAD_ARGUMENT'],
    [
      'a malformed expected position',
      'scada.reactor-telemetry',
      { 'dx-expected-position': 'x' },
      'BAD_ARGUMENT',
    ],
    ['a key that cannot end a subject', 'scada.reactor-telemetry', { 'dx-key': 'R.101' }, 'KEY_INVALID'],
  ])('refuses %s, names what is wrong, and records it', async (_what, contract, headers, code) => {
    const before = (await rejections()).length;
    const reply = await publish(contract, reading('R101', 250), headers as Record<string, string>);
    expect(reply).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
    const recorded = await rejections();
    expect(recorded).toHaveLength(before + 1);
    expect(recorded.at(-1)).toMatchObject({ code, contract_id: contract, transport: 'nats' });
    expect(JSON.parse(recorded.at(-1).payload)).toEqual(reading('R101', 250));
  });

  it('refuses a payload that breaks the schema, naming each field, rule and expected value', async () => {
    const reply = await publish('scada.reactor-telemetry', {
      ...reading('R101', 250),
      pressure: 99,
      extra: 1,
      quality: 'fine',
    });
    expect(reply.ok).toBe(false);
    expect(reply.error.code).toBe('PAYLOAD_INVALID');
    expect(reply.error.details.issues.map((i: Json) => [i.pointer, i.rule])).toEqual(
      expect.arrayContaining([
        ['/extra', 'additionalProperties'],
        ['/pressure', 'maximum'],
        ['/quality', 'enum'],
      ]),
    );
  });

  it('refuses a message that is not JSON and keeps its raw text', async () => {
    const h = natsHeaders();
    h.set('dx-producer', 'scada');
    h.set('dx-version', '1.0.0');
    h.set('dx-msg-id', 'raw-1');
    const reply = (
      await nats.request(SUBJECTS.publish('scada.reactor-telemetry'), '{"temperature": 25', {
        timeout: 10_000,
        headers: h,
      })
    ).json<Json>();
    expect(reply.error.code).toBe('PAYLOAD_INVALID');
    expect((await rejections()).at(-1).payload).toBe('{"temperature": 25');
  });

  it('refuses a stale expected position with the actual one', async () => {
    const reply = await publish('scada.reactor-telemetry', reading('R301', 240), {
      'dx-expected-position': '5',
    });
    expect(reply.error).toMatchObject({
      code: 'STREAM_POSITION_CONFLICT',
      details: { expected: 5, actual: 0 },
    });
  });
});

describe('delivery, cache and catch-up', () => {
  it('delivers each event once on every live major, converted by the transforms', async () => {
    const v1 = nats.subscribe('dx.data.scada.reactor-telemetry.v1.R401', { max: 1 });
    const v2 = nats.subscribe('dx.data.scada.reactor-telemetry.v2.R401', { max: 1 });
    const reply = await publish('scada.reactor-telemetry', reading('R401', 260));
    const [asV1, asV2] = await Promise.all(
      [v1, v2].map(async (s) => {
        for await (const m of s) return m.json<Json>();
      }),
    );
    expect(asV1).toMatchObject({
      position: reply.position,
      version: '1.0.0',
      data: { pressure: 7.8, flowRate: 420 },
    });
    expect(asV2).toMatchObject({
      position: reply.position,
      version: '2.0.0',
      data: { pressure: 78, feedFlow: 420 },
    });
    expect(asV2.data.flowRate).toBeUndefined();
  });

  it('converts major 2 data down for consumers of major 1', async () => {
    const v1 = nats.subscribe('dx.data.scada.reactor-telemetry.v1.R402', { max: 1 });
    const { sourceTimestamp, equipment, tag, temperature, quality } = reading('R402', 255);
    await publish(
      'scada.reactor-telemetry',
      { equipment, tag, temperature, quality, sourceTimestamp, pressure: 80, feedFlow: 400 },
      { 'dx-version': '2.0.0' },
    );
    for await (const m of v1) expect(m.json<Json>().data).toMatchObject({ pressure: 8, flowRate: 400 });
  });

  it('answers the latest value of a key over NATS and HTTP', async () => {
    await publish('scada.reactor-telemetry', reading('R501', 270));
    const latest = await publish('scada.reactor-telemetry', reading('R501', 271));
    const overNats = await request(SUBJECTS.cacheGet('scada'), {
      contract: 'scada.reactor-telemetry',
      key: 'R501',
    });
    const overHttp = (await (
      await fetch(`${base}/api/v1/data/scada.reactor-telemetry/R501`, {
        headers: { authorization: 'Bearer dev-scada-token' },
      })
    ).json()) as Json;
    expect(overNats.event).toMatchObject({ position: latest.position, data: { temperature: 271 } });
    expect(overHttp.event).toEqual(overNats.event);
  });

  it('serves catch-up pages in global order, converted to a major on request', async () => {
    const first = await request(SUBJECTS.replay('scada'), {
      contract: 'scada.reactor-telemetry',
      key: 'R101',
      limit: 1,
    });
    const rest = await request(SUBJECTS.replay('scada'), {
      contract: 'scada.reactor-telemetry',
      key: 'R101',
      after: first.last,
    });
    const asV2 = await request(SUBJECTS.replay('scada'), {
      contract: 'scada.reactor-telemetry',
      key: 'R101',
      major: 2,
    });
    expect(first.more).toBe(true);
    expect([...first.events, ...rest.events].map((e: Json) => e.streamPosition)).toEqual([1, 2]);
    expect(asV2.events.map((e: Json) => e.data.pressure)).toEqual([78, 78]);
  });
});

describe('who may read', () => {
  const R701 = { contract: 'scada.reactor-telemetry', key: 'R701' };
  const get = (token?: string) =>
    fetch(`${base}/api/v1/data/scada.reactor-telemetry/R701`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  beforeAll(async () => {
    await publish('scada.reactor-telemetry', reading('R701', 262));
  });

  it('answers the owner, a registered consumer, an architect and the hub, over NATS', async () => {
    for (const reader of ['scada', 'simulation', 'architect', 'hub']) {
      const latest = await request(SUBJECTS.cacheGet(reader), R701);
      const page = await request(SUBJECTS.replay(reader), { ...R701, major: 2 });
      expect(latest).toMatchObject({ ok: true, event: { key: 'R701', data: { temperature: 262 } } });
      expect(page).toMatchObject({ ok: true, events: [{ key: 'R701', data: { temperature: 262 } }] });
    }
  });

  it('refuses a subsystem that neither owns nor consumes the contract, naming both', async () => {
    const refusal = {
      ok: false,
      error: {
        code: 'READ_FORBIDDEN',
        message: expect.stringContaining('vr may not read scada.reactor-telemetry'),
        details: {
          identity: 'vr',
          contract: 'scada.reactor-telemetry',
          owner: 'scada',
          rule: 'owner-or-consumer',
        },
      },
    };
    expect(await request(SUBJECTS.cacheGet('vr'), R701)).toEqual(refusal);
    expect(await request(SUBJECTS.replay('vr'), R701)).toEqual(refusal);
    expect(await request(SUBJECTS.replay('nobody-known'), R701)).toMatchObject({
      error: { code: 'READ_FORBIDDEN', details: { identity: 'nobody-known' } },
    });
  });

  it('says a contract does not exist rather than that it is forbidden', async () => {
    const reply = await request(SUBJECTS.replay('vr'), { contract: 'scada.nothing' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'CONTRACT_NOT_FOUND' } });
  });

  it('lets a subsystem read once it is registered as a consumer, and no longer once it leaves', async () => {
    const announce = () =>
      nats.publish(SUBJECTS.registryChanged, JSON.stringify({ contract: R701.contract }));
    const readsAsVr = async () => (await request(SUBJECTS.cacheGet('vr'), R701)).ok as boolean;
    await registerConsumer(database.db, R701.contract, 'vr', [2]);
    announce();
    await eventually(async () => expect(await readsAsVr()).toBe(true));
    await unregisterConsumer(database.db, R701.contract, 'vr');
    announce();
    await eventually(async () => expect(await readsAsVr()).toBe(false));
  });

  it('reads GET /api/v1/data as the bearer token: 401 without one, 403 for a subsystem that may not read', async () => {
    const [none, forbidden, consumer] = await Promise.all([
      get(),
      get('dev-vr-token'),
      get('dev-simulation-token'),
    ]);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({
      ok: false,
      error: { code: 'READ_FORBIDDEN', details: { identity: 'vr', contract: 'scada.reactor-telemetry' } },
    });
    expect(consumer.status).toBe(200);
    expect(await consumer.json()).toMatchObject({ ok: true, event: { key: 'R701' } });
  });
});

describe('publishing over HTTP', () => {
  it('takes the producer from the bearer token and answers like NATS', async () => {
    const post = (token: string) =>
      fetch(`${base}/api/v1/data/scada.reactor-telemetry`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'dx-version': '1.1.0',
          'dx-msg-id': `http-${token}`,
        },
        body: JSON.stringify(reading('R601', 249)),
      });
    const owner = await post('dev-scada-token');
    const other = await post('dev-vr-token');
    expect(owner.status).toBe(200);
    expect(await owner.json()).toMatchObject({ ok: true, streamPosition: 1 });
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { owner: 'scada', producer: 'vr' } },
    });
  });

  it('logs each request with a request id and never the token', async () => {
    const response = await fetch(`${base}/api/v1/data/scada.reactor-telemetry`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer dev-scada-token',
        'content-type': 'application/json',
        'dx-version': '1.0.0',
        'dx-msg-id': 'logged',
        'x-request-id': 'req-42',
      },
      body: JSON.stringify(reading('R602', 248)),
    });
    expect(response.headers.get('x-request-id')).toBe('req-42');
    for (let i = 0; i < 50 && !logLines.join('').includes('req-42'); i++)
      await new Promise((r) => setTimeout(r, 10));
    const logged = logLines.join('');
    expect(logged).toContain('"requestId":"req-42"');
    expect(logged).not.toContain('dev-scada-token');
    const { rows } =
      await sql<Json>`SELECT count(*)::int AS n FROM dx.events WHERE payload::text LIKE '%dev-scada-token%'`.execute(
        database.db,
      );
    expect(rows[0].n).toBe(0);
  });

  it('counts what it stored and refused in /metrics, beside the process and pool figures', async () => {
    const response = await fetch(`${base}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
    const text = await response.text();
    expect(text).toMatch(/dx_ingest_events_total\{contract="scada.reactor-telemetry"\} \d+/);
    expect(text).toMatch(
      /dx_ingest_refusals_total\{code="FORBIDDEN",contract="scada.reactor-telemetry"\} [1-9]/,
    );
    expect(text).toContain('dx_ingest_ack_seconds_bucket{le="+Inf"}');
    expect(text).toMatch(/dx_store_commit_events_count [1-9]/);
    expect(text).toMatch(/dx_store_commit_wait_seconds_count [1-9]/);
    expect(text).toMatch(/dx_delivery_seconds_count [1-9]/);
    expect(text).toMatch(/dx_db_pool_connections\{state="idle"\} \d+/);
    expect(text).toMatch(/dx_nats_connected 1/);
    expect(text).toMatch(/nodejs_eventloop_lag_seconds \d/);
    expect(text).toMatch(/process_cpu_seconds_total \d/);
    expect(text).toContain('nodejs_gc_duration_seconds_bucket');
  });

  it('counts a refusal of a contract nobody registered under one bounded label', async () => {
    for (const name of ['nobody-a', 'nobody-b']) await publish(`scada.${name}`, {});
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/dx_ingest_refusals_total\{code="[A-Z_]+",contract="\(unknown\)"\} [2-9]/);
    expect(text).not.toContain('nobody-a');
  });
});
