/**
 * Replay pages are bounded by bytes as well as by count: large events come across several pages, none
 * larger than the bus's max_payload, where one page of them would have been refused REPLY_TOO_LARGE.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { startTestHub, type TestHub } from '../../../test/support/test-hub.js';
import { DxClient } from '../../client/index.js';
import type { EventEnvelope } from '../../common/event-store/event-store.types.js';
import { SUBJECTS } from '../../common/nats/subjects.js';

const CONTRACT = 'scada.edge-refusals';
const EVENTS = 12;
/** Each event about 200 KB: twelve are 2.4 MB, more than twice the bus's 1 MB max_payload. */
const TEXT_BYTES = 200_000;

let hub: TestHub;
let nats: NatsConnection;
let producer: DxClient;
const open: { close(): Promise<unknown> }[] = [];

function refusal(i: number) {
  return {
    edge: 'big-edge',
    adapter: 'mqtt',
    source: `plant/big/${i}`,
    reason: 'PAYLOAD_NOT_JSON',
    message: `a large payload, number ${i}`,
    details: {},
    payloadText: String(i % 10).repeat(TEXT_BYTES),
    receivedAt: new Date(Date.UTC(2026, 11, 6, 8, 0, i)).toISOString(),
  };
}

beforeAll(async () => {
  hub = await startTestHub();
  nats = await connect({ servers: hub.bus.url });
  producer = await DxClient.connect({ nats: hub.bus.url, producer: 'scada' });
  for (let i = 0; i < EVENTS; i++)
    await producer.publish(CONTRACT, refusal(i), { version: '1.0.0', msgId: `big-${i}` });
}, 60_000);

afterAll(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
  await producer?.close();
  await nats?.close();
  await hub?.stop();
});

describe('replay pages of large events', () => {
  it('come across several pages, each within the bus’s max_payload, every event once in order', async () => {
    const maxPayload = nats.info!.max_payload;
    const sizes: number[] = [];
    const seen: EventEnvelope[] = [];
    for (let after = 0, more = true; more;) {
      const reply = await nats.request(
        SUBJECTS.replay('scada'),
        JSON.stringify({ contract: CONTRACT, after, limit: 1000 }),
        { timeout: 10_000 },
      );
      sizes.push(reply.data.byteLength);
      const page = reply.json<{ ok: boolean; events: EventEnvelope[]; last: number; more: boolean }>();
      expect(page.ok).toBe(true);
      seen.push(...page.events);
      ({ last: after, more } = page);
    }
    expect(sizes.length).toBeGreaterThan(2);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(maxPayload);
    expect(seen.map((e) => e.msgId)).toEqual(Array.from({ length: EVENTS }, (_, i) => `big-${i}`));
    expect(
      seen.every(
        (e, i) => (e.data.payloadText as string).length === TEXT_BYTES && e.streamPosition === i + 1,
      ),
    ).toBe(true);
  });

  it('converted to a major page the same way', async () => {
    const seen: EventEnvelope[] = [];
    let pages = 0;
    for (let after = 0, more = true; more; pages++) {
      const page = (
        await nats.request(
          SUBJECTS.replay('scada'),
          JSON.stringify({ contract: CONTRACT, after, limit: 1000, major: 1 }),
          { timeout: 10_000 },
        )
      ).json<{ ok: boolean; events: EventEnvelope[]; last: number; more: boolean }>();
      expect(page.ok).toBe(true);
      seen.push(...page.events);
      ({ last: after, more } = page);
    }
    expect(pages).toBeGreaterThan(2);
    expect(seen.map((e) => e.msgId)).toEqual(Array.from({ length: EVENTS }, (_, i) => `big-${i}`));
  });

  it('reach a subscriber of the client library, which catches up across them', async () => {
    const reader = await DxClient.connect({ nats: hub.bus.url, identity: 'scada' });
    open.push(reader);
    const seen: EventEnvelope[] = [];
    const subscription = await reader.subscribe(CONTRACT, { major: 1 }, (e) => void seen.push(e));
    open.push(subscription);
    await subscription.caughtUp;
    expect(seen.map((e) => e.msgId)).toEqual(Array.from({ length: EVENTS }, (_, i) => `big-${i}`));
  });
});
