import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { sql } from 'kysely';
import { pino } from 'pino';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { startTestNats, type TestNats } from '../../../test/support/test-nats.js';
import { loadConfig } from '../../common/config/config.js';
import { EventStore } from '../../common/event-store/event-store.js';
import { SUBJECTS } from '../../common/nats/subjects.js';
import { createGatewayApp } from '../create-gateway-app.js';
import { AnchorScheduler } from './anchor-scheduler.js';

const silent = pino({ level: 'silent' });
let database: TestDatabase;
let bus: TestNats;
let nats: NatsConnection;

beforeAll(async () => {
  database = await createTestDatabase();
  bus = await startTestNats();
  nats = await connect({ servers: bus.url });
  const store = new EventStore(database.db);
  await store.append({
    contractId: 'scada.reactor-telemetry',
    contractVersion: '1.0.0',
    key: 'R101',
    producer: 'scada',
    msgId: 'm-1',
    payload: { temperature: 250 },
  });
  await store.drain();
});

afterAll(async () => {
  await nats.close();
  await bus.stop();
  await database.drop();
});

const anchorCount = async () =>
  (await sql<{ n: number }>`SELECT count(*) AS n FROM dx.anchors`.execute(database.db)).rows[0]!.n;

describe('periodic anchors', () => {
  it('anchors and publishes once per interval, however many turns come due', async () => {
    const received: unknown[] = [];
    const subscription = nats.subscribe(SUBJECTS.auditAnchors, {
      callback: (_e, m) => void received.push(m.json()),
    });
    await nats.flush();
    const scheduler = new AnchorScheduler(database.db, nats, 3600, silent);

    await Promise.all([scheduler.tick(), scheduler.tick()]);
    await scheduler.tick(); // another gateway's turn within the hour: skipped
    await nats.flush();
    subscription.unsubscribe();

    expect(await anchorCount()).toBe(1);
    expect(received).toEqual([
      expect.objectContaining({ format: 'dx-anchor/1', id: 1, globalPosition: 1, events: 1 }),
    ]);
  });

  it('runs in the gateway when DX_ANCHOR_INTERVAL_S is set', async () => {
    const before = await anchorCount();
    const config = loadConfig({
      DATABASE_URL: database.url,
      NATS_URL: bus.url,
      DX_ANCHOR_INTERVAL_S: '1',
      LOG_LEVEL: 'silent',
    });
    const app: INestApplication = await createGatewayApp(config, silent);
    await app.init();
    try {
      const deadline = Date.now() + 10_000;
      while ((await anchorCount()) === before && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 200));
    } finally {
      await app.close();
    }
    expect(await anchorCount()).toBeGreaterThan(before);
  });

  it('refuses an interval that is not a number of seconds', () => {
    expect(() => loadConfig({ DX_ANCHOR_INTERVAL_S: 'hourly' })).toThrow('DX_ANCHOR_INTERVAL_S');
    expect(loadConfig({}).anchorIntervalSeconds).toBe(0);
  });
});
