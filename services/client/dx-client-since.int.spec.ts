/**
 * Catching up from an instant: on the recorded timeline, what the hub recorded since then (and what
 * comes live after); on the event timeline, what was true since then by the payloads' own times, late
 * data included wherever it sits in the log; and the latest value on either timeline. Real gateway,
 * PostgreSQL and nats-server.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { reactorReading } from '../../test/support/reactor-reading.js';
import { startTestHub, type TestHub } from '../../test/support/test-hub.js';
import type { EventEnvelope } from '../common/event-store/event-store.types.js';
import { DxClient } from './dx-client.js';
import type { Since } from './subscription-since.js';

const CONTRACT = 'scada.reactor-telemetry';

let hub: TestHub;
let producer: DxClient;
let consumer: DxClient;

beforeAll(async () => {
  hub = await startTestHub();
  producer = await DxClient.connect({ nats: hub.bus.url, producer: 'scada' });
  consumer = await DxClient.connect({ nats: hub.bus.url, identity: 'simulation' });
});

afterAll(async () => {
  await consumer?.close();
  await producer?.close();
  await hub?.stop();
});

const publish = async (key: string, temperature: number, sourceTimestamp: string) => {
  const result = await producer.publish(
    CONTRACT,
    { ...reactorReading(key, temperature), sourceTimestamp },
    { version: '1.0.0' },
  );
  if (!('position' in result)) throw new Error('not stored');
  return result.position;
};

async function follow(key: string, since: Since, until: (seen: EventEnvelope[]) => boolean) {
  const seen: EventEnvelope[] = [];
  const subscription = await consumer.subscribe(CONTRACT, { major: 1, key, since }, (e) => void seen.push(e));
  await subscription.caughtUp;
  return {
    seen,
    async settle() {
      const deadline = Date.now() + 10_000;
      while (!until(seen) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await subscription.close();
      return seen.map((e) => e.data.temperature);
    },
  };
}

describe('a subscription since an instant', () => {
  it('on the recorded timeline delivers what the hub recorded from then on, then what comes live', async () => {
    await publish('R101', 240, '2026-11-22T08:00:00.000Z');
    await new Promise((r) => setTimeout(r, 30));
    const since = new Date();
    await new Promise((r) => setTimeout(r, 30));
    await publish('R101', 241, '2026-11-22T08:00:01.000Z');
    await publish('R101', 242, '2026-11-22T08:00:02.000Z');
    const following = await follow('R101', { time: since }, (seen) => seen.length >= 3);
    expect(following.seen.map((e) => e.data.temperature)).toEqual([241, 242]);
    await publish('R101', 243, '2026-11-22T08:00:03.000Z');
    expect(await following.settle()).toEqual([241, 242, 243]);
  });

  it('on the event timeline delivers what was true from then on, a late reading included, an older one not', async () => {
    await publish('R201', 250, '2026-11-22T08:30:00.000Z');
    await publish('R201', 251, '2026-11-22T09:10:00.000Z');
    // Late data: a reading of 09:05 arrives after the 09:10 one; another of 08:45 after both.
    await publish('R201', 252, '2026-11-22T09:05:00.000Z');
    await publish('R201', 253, '2026-11-22T08:45:00.000Z');
    const following = await follow(
      'R201',
      { time: '2026-11-22T09:00:00.000Z', timeline: 'event' },
      (seen) => seen.length >= 3,
    );
    expect(following.seen.map((e) => e.data.temperature)).toEqual([251, 252]);
    await publish('R201', 254, '2026-11-22T08:59:59.000Z');
    await publish('R201', 255, '2026-11-22T09:20:00.000Z');
    expect(await following.settle()).toEqual([251, 252, 255]);
  });

  it('gives as the latest value the last recorded, or on the event timeline the newest reading, late data aside', async () => {
    await publish('R301', 260, '2026-11-22T09:10:00.000Z');
    await publish('R301', 259, '2026-11-22T09:05:00.000Z');
    expect((await consumer.get(CONTRACT, 'R301'))?.data.temperature).toBe(259);
    const newest = await consumer.get(CONTRACT, 'R301', { timeline: 'event' });
    expect(newest).toMatchObject({ eventTime: '2026-11-22T09:10:00.000Z', data: { temperature: 260 } });
    expect(await consumer.get(CONTRACT, 'R999', { timeline: 'event' })).toBeUndefined();
  });

  it('publishes a correction of a past reading, which event-time reads show in its place', async () => {
    const wrong = await publish('R401', 300, '2026-11-22T09:00:00.000Z');
    await publish('R401', 251, '2026-11-22T08:00:00.000Z');
    const fixed = await producer.publish(
      CONTRACT,
      { ...reactorReading('R401', 250.5), sourceTimestamp: '2026-11-22T09:00:00.000Z' },
      { version: '1.0.0', corrects: wrong },
    );
    expect(fixed).toMatchObject({ duplicate: false });
    const newest = await consumer.get(CONTRACT, 'R401', { timeline: 'event' });
    expect(newest).toMatchObject({ supersedes: wrong, data: { temperature: 250.5 } });
    await expect(
      producer.publish(CONTRACT, [reactorReading('R401', 1)], { version: '1.0.0', corrects: wrong }),
    ).rejects.toMatchObject({ code: 'BAD_ARGUMENT', details: { field: 'corrects' } });
  });
});
