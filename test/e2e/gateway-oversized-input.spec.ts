import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { sql } from 'kysely';
import type { Json } from '../support/json.js';
import { reactorReading } from '../support/reactor-reading.js';
import { seedRegistry } from '../support/seed-registry.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestNats, type TestNats } from '../support/test-nats.js';
import {
  freePort,
  killRunningGateways,
  spawnGateway,
  waitUntilHealthy,
  type Exit,
  type GatewayProcess,
} from './gateway-process.js';

/** The bus's default max_payload: every reply must fit in it. */
const BUS_MAX_PAYLOAD = 1024 * 1024;

let database: TestDatabase;
let bus: TestNats;
let nats: NatsConnection;
let gateway: GatewayProcess;
let exit: Exit | undefined;

let n = 0;
async function publish(
  body: string,
  extra: Record<string, string> = {},
): Promise<{ text: string; json: Json }> {
  const h = headers();
  for (const [name, value] of Object.entries({
    'dx-producer': 'scada',
    'dx-version': '1.0.0',
    'dx-msg-id': `big-${++n}`,
    ...extra,
  }))
    h.set(name, value);
  const reply = await nats.request('dx.publish.scada.reactor-telemetry', body, {
    timeout: 60_000,
    headers: h,
  });
  return { text: reply.string(), json: reply.json() };
}

async function post(body: string): Promise<{ status: number; json: Json }> {
  const response = await fetch(`${gateway.url}/api/v1/data/scada.reactor-telemetry`, {
    method: 'POST',
    headers: {
      authorization: 'Bearer dev-scada-token',
      'content-type': 'application/json',
      'dx-version': '1.0.0',
      'dx-msg-id': `http-big-${++n}`,
    },
    body,
  });
  return { status: response.status, json: await response.json() };
}

/**
 * GET /health on a connection of its own: after a long request the gateway may close the kept-alive
 * one just as fetch reuses it (ECONNRESET), which would say nothing about the gateway.
 */
function healthStatus(): Promise<number | undefined> {
  return new Promise((resolve, reject) =>
    http
      .get(`${gateway.url}/health`, { agent: false }, (response) => {
        response.resume();
        resolve(response.statusCode);
      })
      .on('error', reject),
  );
}

/** The gateway is still there: it answers /health and stores an ordinary message. */
async function expectAlive(): Promise<void> {
  expect(exit).toBeUndefined();
  expect(await healthStatus()).toBe(200);
  const { json } = await publish(JSON.stringify(reactorReading('R900', 250)));
  expect(json).toMatchObject({ ok: true, duplicate: false });
}

beforeAll(async () => {
  database = await createTestDatabase();
  bus = await startTestNats();
  await seedRegistry(database.db);
  gateway = spawnGateway({
    PORT: String(await freePort()),
    DATABASE_URL: database.url,
    NATS_URL: bus.url,
    LOG_LEVEL: 'warn',
    // Large enough for the batches below to get past the first limits and reach the replies.
    DX_MAX_BATCH_ITEMS: '100000',
    DX_MAX_BODY_BYTES: String(64 * 1024 * 1024),
  });
  void gateway.exited.then((e) => (exit = e));
  await waitUntilHealthy(gateway);
  nats = await connect({ servers: bus.url });
}, 60_000);

afterAll(async () => {
  await nats.close();
  killRunningGateways();
  await bus.stop();
  await database.drop();
});

describe('a gateway process whose reply would not fit on the bus', () => {
  it('answers a batch of 2,000 empty objects sent with a dx-key item by item, without details, and lives', async () => {
    const { text, json } = await publish(JSON.stringify(Array.from({ length: 2000 }, () => ({}))), {
      'dx-key': 'R901',
    });
    expect(Buffer.byteLength(text)).toBeLessThan(BUS_MAX_PAYLOAD);
    expect(json.ok).toBe(true);
    expect(json.results).toHaveLength(2000);
    expect(json.results[1999]).toMatchObject({
      ok: false,
      error: {
        code: 'PAYLOAD_INVALID',
        message: expect.stringContaining('is required'),
        details: { compacted: true },
      },
    });
    await expectAlive();
  });

  it('answers a batch whose every answer cannot fit by a REPLY_TOO_LARGE summary, and lives', async () => {
    const { text, json } = await publish(JSON.stringify(Array.from({ length: 10_000 }, () => ({}))), {
      'dx-key': 'R901',
    });
    expect(Buffer.byteLength(text)).toBeLessThan(64 * 1024);
    expect(json).toMatchObject({
      ok: false,
      error: {
        code: 'REPLY_TOO_LARGE',
        details: { items: 10_000, stored: 0, refused: 10_000, byCode: { PAYLOAD_INVALID: 10_000 } },
      },
    });
    expect(json.error.details.first).toHaveLength(20);
    expect(json.error.details.first[0]).toMatchObject({ index: 0, code: 'PAYLOAD_INVALID' });
    await expectAlive();
  }, 60_000);

  it('lists at most the first issues of a payload with 8,500 unknown properties, and lives', async () => {
    const payload: Record<string, unknown> = { ...reactorReading('R902', 250) };
    for (let i = 0; i < 8500; i++) payload[`p${i}`] = 1;
    const { text, json } = await publish(JSON.stringify(payload));
    expect(Buffer.byteLength(text)).toBeLessThan(64 * 1024);
    expect(json.error.code).toBe('PAYLOAD_INVALID');
    expect(json.error.details).toMatchObject({ issueCount: 8500, issuesListed: 20 });
    expect(json.error.details.issues).toHaveLength(20);
    await expectAlive();
  });

  it('stores an HTTP batch of 40,000 valid items (its announcement to the other gateways once over 1 MB), answers it, and lives', async () => {
    const items = Array.from({ length: 40_000 }, (_, i) =>
      reactorReading(`R${100 + (i % 100)}`, 200 + (i % 50)),
    );
    const { status, json } = await post(JSON.stringify(items));
    expect(status).toBe(200);
    expect(json.results).toHaveLength(40_000);
    expect(json.results.filter((r: Json) => r.ok !== true).slice(0, 3)).toEqual([]);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM dx.events`.execute(database.db);
    expect(rows[0]!.n).toBeGreaterThanOrEqual(40_000);
    await expectAlive();
  }, 120_000);

  it('refuses an HTTP batch of 100,000 empty objects item by item, records the refusals, and lives', async () => {
    const { status, json } = await post(JSON.stringify(Array.from({ length: 100_000 }, () => ({}))));
    expect(status).toBe(200);
    expect(json.results).toHaveLength(100_000);
    expect(json.results[0].error.code).toBe('KEY_INVALID');
    await expectAlive();
  }, 120_000);
});
