/**
 * A subscriber in its own units: what it catches up on and what arrives live come converted, the same
 * numbers a replay with the same units gives; units that cannot be given are refused at subscribe(),
 * naming both units, before anything is delivered. Real gateway, registry, PostgreSQL and nats-server.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { reactorReading } from '../../test/support/reactor-reading.js';
import { startTestHub, type TestHub } from '../../test/support/test-hub.js';
import type { EventEnvelope } from '../common/event-store/event-store.types.js';
import { createRegistryApp } from '../../test/support/test-apps.js';
import { DxClient } from './dx-client.js';
import { HubRefusedError } from './hub-refused-error.js';

const CONTRACT = 'scada.reactor-telemetry';

let hub: TestHub;
let registry: INestApplication;
let producer: DxClient;
let consumer: DxClient;

beforeAll(async () => {
  hub = await startTestHub();
  registry = await createRegistryApp(hub.config, hub.quiet);
  await registry.listen(0, '127.0.0.1');
  producer = await DxClient.connect({ nats: hub.bus.url, producer: 'scada' });
  consumer = await DxClient.connect({ nats: hub.bus.url, identity: 'simulation' });
});

afterAll(async () => {
  await consumer?.close();
  await producer?.close();
  await registry?.close();
  await hub?.stop();
});

const publish = (temperature: number) =>
  producer.publish(CONTRACT, reactorReading('R101', temperature), { version: '1.0.0' });

describe('a subscription in the subscriber’s own units', () => {
  it('delivers caught-up and live events converted (°C to K, MPa to bar), other fields as they are', async () => {
    await publish(250);
    const seen: EventEnvelope[] = [];
    const subscription = await consumer.subscribe(
      CONTRACT,
      { major: 1, units: { '/temperature': 'K', '/pressure': 'bar' } },
      (event) => void seen.push(event),
    );
    await subscription.caughtUp;
    await publish(251.5);
    const deadline = Date.now() + 10_000;
    while (seen.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await subscription.close();
    expect(seen.map((e) => e.data.temperature)).toEqual([
      expect.closeTo(523.15, 9),
      expect.closeTo(524.65, 9),
    ]);
    expect(seen.map((e) => e.data.pressure)).toEqual([expect.closeTo(78, 9), expect.closeTo(78, 9)]);
    expect(seen[0]!.data.flowRate).toBe(420);
  });

  it('refuses at subscribe() units that do not convert from the field’s, naming both', async () => {
    const refusal = await consumer
      .subscribe(CONTRACT, { major: 1, units: { '/temperature': 'MPa' } }, () => undefined)
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(HubRefusedError);
    expect(refusal).toMatchObject({
      code: 'UNIT_NOT_CONVERTIBLE',
      details: { pointer: '/temperature', from: 'Cel', to: 'MPa' },
    });
    expect((refusal as Error).message).toMatch(/Cel.*MPa/);
  });

  it('refuses a unit that is not UCUM, and a field that is not a number', async () => {
    await expect(
      consumer.subscribe(CONTRACT, { major: 1, units: { '/temperature': 'kelvins' } }, () => undefined),
    ).rejects.toMatchObject({ code: 'UNIT_INVALID', details: { unit: 'kelvins' } });
    await expect(
      consumer.subscribe(CONTRACT, { major: 1, units: { '/quality': 'K' } }, () => undefined),
    ).rejects.toMatchObject({ code: 'BAD_ARGUMENT', details: { pointer: '/quality' } });
  });

  it('delivers in the units the consumer registered, once it asks for them, and the registry refuses units that cannot be', async () => {
    const register = async (units: Record<string, string>) => {
      const response = await fetch(
        `${await registry.getUrl()}/api/v1/contracts/${CONTRACT}/consumers/simulation`,
        {
          method: 'PUT',
          headers: { authorization: 'Bearer dev-simulation-token', 'content-type': 'application/json' },
          body: JSON.stringify({ majors: [1, 2], units }),
        },
      );
      return { status: response.status, body: (await response.json()) as { error?: unknown } };
    };
    const refused = await register({ '/temperature': 'MPa' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'UNIT_NOT_CONVERTIBLE',
      details: { pointer: '/temperature', from: 'Cel', to: 'MPa' },
    });
    expect((await register({ '/temperature': 'K' })).status).toBe(200);
    const view = await fetch(`${await registry.getUrl()}/api/v1/contracts/${CONTRACT}`);
    expect(((await view.json()) as { consumers: unknown[] }).consumers).toContainEqual({
      consumer: 'simulation',
      majors: [1, 2],
      units: { '/temperature': 'K' },
    });

    const seen: EventEnvelope[] = [];
    const subscription = await consumer.subscribe(
      CONTRACT,
      { major: 1, key: 'R101', registeredUnits: true },
      (event) => void seen.push(event),
    );
    await subscription.caughtUp;
    await subscription.close();
    expect(seen.length).toBeGreaterThan(0);
    for (const event of seen) expect(event.data.temperature).toBeGreaterThan(500);
    expect(seen.every((e) => e.data.pressure === 7.8)).toBe(true);
  });
});
