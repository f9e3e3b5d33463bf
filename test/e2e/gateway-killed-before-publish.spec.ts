/**
 * A gateway process killed after its commit and before its publish (test/support/die-before-publish.ts
 * kills it at that point): the event is stored but never goes out live, and the producer's retry, taken
 * by the other gateway, is answered as a duplicate and not published either. The subscriber still gets
 * it, from the store, when the surviving gateway's announced head passes it: without any later event of
 * its key.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { DxClient } from '../../services/client/index.js';
import type { EventEnvelope } from '../../services/common/event-store/event-store.types.js';
import { reactorReading } from '../support/reactor-reading.js';
import { REPO_ROOT } from '../support/run-process.js';
import { seedRegistry } from '../support/seed-registry.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestNats, type TestNats } from '../support/test-nats.js';
import {
  freePort,
  killRunningGateways,
  spawnGateway,
  waitUntilHealthy,
  type GatewayProcess,
} from './gateway-process.js';

const CONTRACT = 'scada.reactor-telemetry';
const DOOMED_KEY = 'R581';
const HOOK = path.join(REPO_ROOT, 'dist/test/support/die-before-publish.js');

let database: TestDatabase;
let bus: TestNats;
const clients: DxClient[] = [];

async function startGateway(
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<GatewayProcess> {
  const gateway = spawnGateway(
    {
      PORT: String(await freePort()),
      DATABASE_URL: database.url,
      NATS_URL: bus.url,
      LOG_LEVEL: 'warn',
      DX_HEAD_INTERVAL_MS: '100',
      ...env,
    },
    undefined,
    nodeArgs,
  );
  await waitUntilHealthy(gateway);
  return gateway;
}

async function client(options: Partial<Parameters<typeof DxClient.connect>[0]>): Promise<DxClient> {
  const dx = await DxClient.connect({
    nats: bus.url,
    requestTimeoutMs: 1000,
    reconnectWaitMs: 50,
    retry: { attempts: 5, initialDelayMs: 50, maxDelayMs: 500 },
    pollMs: 100,
    ...options,
  });
  clients.push(dx);
  return dx;
}

async function eventually(assertion: () => void, withinMs = 15_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  bus = await startTestNats();
  await seedRegistry(database.db);
});

afterAll(async () => {
  for (const dx of clients) await dx.close();
  killRunningGateways();
  await bus.stop();
  await database.drop();
});

describe('a gateway killed between its commit and its publish', () => {
  it('leaves an event that reaches the subscriber from the store, once, with no later event of its key', async () => {
    await startGateway();
    const doomed = await startGateway({ DX_TEST_DIE_ON_KEY: DOOMED_KEY }, ['--import', HOOK]);
    const producer = await client({ producer: 'scada' });
    const seen: EventEnvelope[] = [];
    const subscription = await (
      await client({ identity: 'simulation' })
    ).subscribe(CONTRACT, { major: 1 }, (e) => void seen.push(e));
    await subscription.caughtUp;
    await producer.publish(CONTRACT, reactorReading('R580', 1), { version: '1.0.0' });
    await eventually(() => expect(seen.map((e) => e.key)).toEqual(['R580']));

    // Over HTTP, so that it is this gateway that commits it; it dies before answering.
    const msgId = randomUUID();
    const killed = fetch(`${doomed.url}/api/v1/data/${CONTRACT}`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer dev-scada-token',
        'content-type': 'application/json',
        'dx-version': '1.0.0',
        'dx-msg-id': msgId,
      },
      body: JSON.stringify(reactorReading(DOOMED_KEY, 1)),
    });
    await expect(killed).rejects.toThrow();
    expect(await doomed.exited).toMatchObject({ signal: 'SIGKILL' });
    const row = await database.db
      .selectFrom('dx.events')
      .select(['global_position', 'stream_position'])
      .where('key', '=', DOOMED_KEY)
      .executeTakeFirstOrThrow();

    // The producer tries again with the same message id: the other gateway knows it and publishes nothing.
    const retried = await producer.publish(CONTRACT, reactorReading(DOOMED_KEY, 1), {
      version: '1.0.0',
      msgId,
    });
    expect(retried).toMatchObject({ duplicate: true, position: row.global_position });

    await eventually(() =>
      expect(seen.map((e) => `${e.key}#${e.streamPosition}`)).toEqual(['R580#1', `${DOOMED_KEY}#1`]),
    );
    expect(seen[1]!.position).toBe(row.global_position);
    await eventually(() => expect(subscription.checkpoint).toBeGreaterThanOrEqual(row.global_position));
    expect(seen).toHaveLength(2);
    await subscription.close();
  });
});
