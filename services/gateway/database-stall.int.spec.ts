import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import type { INestApplication } from '@nestjs/common';
import { sql, type Kysely } from 'kysely';
import { pino } from 'pino';
import type { Json } from '../../test/support/json.js';
import { reactorReading } from '../../test/support/reactor-reading.js';
import { seedRegistry } from '../../test/support/seed-registry.js';
import { startTcpProxy, type TcpProxy } from '../../test/support/tcp-proxy.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { startTestNats, type TestNats } from '../../test/support/test-nats.js';
import { loadConfig } from '../common/config/config.js';
import type { DB } from '../common/db/schema.js';
import { SUBJECTS } from '../common/nats/subjects.js';
import { KYSELY_DB } from '../common/nest/database/database.tokens.js';
import { createGatewayApp } from './create-gateway-app.js';

let database: TestDatabase;
let bus: TestNats;
let proxy: TcpProxy;
let gateway: INestApplication;
let nats: NatsConnection;
let base: string;

/** The gateway's pool: small, so that the test can have every connection of it open. */
const POOL_SIZE = 4;

/**
 * Opens every connection the pool may have and leaves them idle. Then the proxy's fault reaches every
 * connection the next commit can get: none is opened fresh past it while the pool is full (a fresh one
 * would work, and the commit would succeed at once).
 */
async function openEveryConnection(): Promise<void> {
  const db = gateway.get<Kysely<DB>>(KYSELY_DB);
  await Promise.all(Array.from({ length: POOL_SIZE }, () => sql`SELECT pg_sleep(0.05)`.execute(db)));
}

async function publish(msgId: string, temperature: number): Promise<Json> {
  const h = natsHeaders();
  h.set('dx-producer', 'scada');
  h.set('dx-version', '1.0.0');
  h.set('dx-msg-id', msgId);
  const reply = await nats.request(
    SUBJECTS.publish('scada.reactor-telemetry'),
    JSON.stringify(reactorReading('R101', temperature)),
    { timeout: 60_000, headers: h },
  );
  return reply.json();
}

/** Publishes until the hub gives a final answer, as the client library does with the same message id. */
async function publishUntilAnswered(
  msgId: string,
  temperature: number,
): Promise<{ answer: Json; tries: Json[] }> {
  const tries: Json[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    const answer = await publish(msgId, temperature);
    if (answer.ok || answer.error.code !== 'DATABASE_UNREACHABLE') return { answer, tries };
    tries.push(answer);
  }
  throw new Error(`no final answer after 20 attempts: ${JSON.stringify(tries.at(-1))}`);
}

async function health(): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${base}/health`);
  return { status: response.status, body: await response.json() };
}

async function waitForHealth(status: number, withinMs: number): Promise<{ body: Json; ms: number }> {
  const started = Date.now();
  for (;;) {
    const answer = await health();
    if (answer.status === status) return { body: answer.body, ms: Date.now() - started };
    if (Date.now() - started > withinMs)
      throw new Error(`/health was not ${status} within ${withinMs} ms: ${JSON.stringify(answer.body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  bus = await startTestNats();
  await seedRegistry(database.db);
  proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(database.url).port || 5432) });
  const throughProxy = new URL(database.url);
  throughProxy.hostname = '127.0.0.1';
  throughProxy.port = String(proxy.port);
  const config = loadConfig();
  gateway = await createGatewayApp(
    {
      ...config,
      databaseUrl: throughProxy.toString(),
      natsUrl: bus.url,
      db: {
        ...config.db,
        poolSize: POOL_SIZE,
        commitTimeoutMs: 2000,
        commitStallMs: 1000,
        queryTimeoutMs: 3000,
        statementTimeoutMs: 2500,
      },
    },
    pino({ level: 'silent' }),
  );
  await gateway.listen(0, '127.0.0.1');
  base = await gateway.getUrl();
  nats = await connect({ servers: bus.url });
});

afterAll(async () => {
  await nats.close();
  await gateway.close();
  await proxy.stop();
  await bus.stop();
  await database.drop();
});

describe('a database whose connections stop answering (half-open)', () => {
  it('is reported by /health within seconds, and ingest resumes by itself on new connections', async () => {
    expect(await publish('warm-up', 250)).toMatchObject({ ok: true });
    await openEveryConnection();
    proxy.stallOpen();
    const hanging = publishUntilAnswered('during-stall', 251);
    const unhealthy = await waitForHealth(503, 5000);
    // Whichever notices first: the health probe's own query, or the commit that hangs.
    expect(unhealthy.body.database).toMatchObject({
      ok: false,
      error: expect.stringMatching(/group commit has waited|did not answer within/),
    });
    const { answer, tries } = await hanging;
    expect(tries[0]).toMatchObject({
      ok: false,
      error: { code: 'DATABASE_UNREACHABLE', details: { maybeApplied: true } },
    });
    expect(answer).toMatchObject({ ok: true, duplicate: false });
    await waitForHealth(200, 10_000);
    expect(await publish('after-stall', 252)).toMatchObject({ ok: true, duplicate: false });
  }, 60_000);

  it('answers a publish that was committed but whose answer was lost with duplicate=true and the original positions on retry', async () => {
    await openEveryConnection();
    proxy.muteReplies();
    const { answer, tries } = await publishUntilAnswered('committed-unanswered', 253);
    expect(tries.length).toBeGreaterThan(0);
    expect(tries[0].error.code).toBe('DATABASE_UNREACHABLE');
    const { rows } = await sql<{ global_position: number; n: number }>`
      SELECT global_position, count(*) OVER ()::int AS n FROM dx.events
      WHERE producer = 'scada' AND msg_id = 'committed-unanswered'`.execute(database.db);
    expect(rows).toHaveLength(1);
    expect(answer).toMatchObject({ ok: true, duplicate: true, position: rows[0]!.global_position });
  }, 60_000);
});
