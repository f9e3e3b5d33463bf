import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import type { Json } from '../../test/support/json.js';
import { reactorReading } from '../../test/support/reactor-reading.js';
import { startTestHub, type TestHub } from '../../test/support/test-hub.js';
import { SUBJECTS } from '../common/nats/subjects.js';

let hub: TestHub;
let nats: NatsConnection;

beforeAll(async () => {
  hub = await startTestHub();
  nats = await connect({ servers: hub.bus.url });
});

afterAll(async () => {
  await nats.close();
  await hub.stop();
});

let nextId = 0;
async function publish(
  body: unknown,
  headers: Record<string, string> = {},
  producer = 'scada',
): Promise<Json> {
  const h = natsHeaders();
  const all = { 'dx-producer': producer, 'dx-version': '1.0.0', 'dx-msg-id': `c-${++nextId}`, ...headers };
  for (const [name, value] of Object.entries(all)) h.set(name, value);
  const reply = await nats.request(SUBJECTS.publish('scada.reactor-telemetry'), JSON.stringify(body), {
    timeout: 10_000,
    headers: h,
  });
  const answer = reply.json<Json>();
  if (typeof answer.position === 'number') published = Math.max(published, answer.position);
  return answer;
}

const sampled = (equipment: string, temperature: number, at: string) => ({
  ...reactorReading(equipment, temperature),
  sourceTimestamp: at,
});

/** The highest position stored by this file's publishes: a replay reads once the fence has passed it. */
let published = 0;

/**
 * A replay page once the store's fence has passed every event this file stored: a page is read behind
 * the fence, which a transaction of another connection (the history projector's, on a loaded machine)
 * may hold a moment after a publish was answered.
 */
async function replay(body: Record<string, unknown>): Promise<Json> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const reply = await nats.request(
      SUBJECTS.replay('architect'),
      JSON.stringify({ contract: 'scada.reactor-telemetry', ...body }),
      { timeout: 10_000 },
    );
    const page = reply.json<Json>();
    if (!page.ok || page.fence >= published || Date.now() > deadline) return page;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the event time of a publish', () => {
  it("is read from the contract's x-event-time field and carried in the envelope", async () => {
    const stored = await publish(sampled('R101', 250, '2026-11-22T08:00:00+01:00'));
    const page = await replay({ key: 'R101' });
    expect(page.timeline).toBe('recorded');
    expect(page.events).toEqual([
      expect.objectContaining({ position: stored.position, eventTime: '2026-11-22T07:00:00.000Z' }),
    ]);
  });
});

describe('a correction (dx-corrects)', () => {
  it('supersedes the event it names: an event-time replay shows only the correction', async () => {
    const original = await publish(sampled('R201', 450, '2026-11-22T08:00:00Z'));
    const fixed = await publish(sampled('R201', 452, '2026-11-22T08:00:00Z'), {
      'dx-corrects': String(original.position),
    });
    expect(fixed).toMatchObject({ ok: true, duplicate: false });
    const onEvent = await replay({ key: 'R201', timeline: 'event' });
    const onRecorded = await replay({ key: 'R201', timeline: 'recorded' });
    expect(onEvent.timeline).toBe('event');
    expect(onEvent.events.map((e: Json) => [e.data.temperature, e.supersedes])).toEqual([
      [452, original.position],
    ]);
    expect(onRecorded.events.map((e: Json) => e.data.temperature)).toEqual([450, 452]);
  });

  it('is refused when the event it names was corrected already, naming the newer correction', async () => {
    const original = await publish(sampled('R202', 400, '2026-11-22T08:00:00Z'));
    const first = await publish(sampled('R202', 401, '2026-11-22T08:00:00Z'), {
      'dx-corrects': String(original.position),
    });
    const second = await publish(sampled('R202', 402, '2026-11-22T08:00:00Z'), {
      'dx-corrects': String(original.position),
    });
    expect(second).toMatchObject({
      ok: false,
      error: {
        code: 'CORRECTION_CONFLICT',
        details: { supersedes: original.position, correctedBy: first.position },
      },
    });
  });

  it('is refused for an event of another key, or for one that does not exist', async () => {
    const other = await publish(sampled('R203', 400, '2026-11-22T08:00:00Z'));
    const wrongKey = await publish(sampled('R204', 401, '2026-11-22T08:00:00Z'), {
      'dx-corrects': String(other.position),
    });
    const missing = await publish(sampled('R204', 401, '2026-11-22T08:00:00Z'), {
      'dx-corrects': '99999999',
    });
    expect(wrongKey).toMatchObject({
      ok: false,
      error: {
        code: 'CORRECTION_INVALID',
        details: { rule: 'same-stream', expected: 'scada.reactor-telemetry/R203' },
      },
    });
    expect(missing).toMatchObject({
      ok: false,
      error: { code: 'CORRECTION_INVALID', details: { rule: 'exists' } },
    });
  });

  it("obeys the contract's ownership: only its owner may correct", async () => {
    const original = await publish(sampled('R205', 400, '2026-11-22T08:00:00Z'));
    const reply = await publish(
      sampled('R205', 1, '2026-11-22T08:00:00Z'),
      { 'dx-corrects': String(original.position) },
      'vr',
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      (await replay({ key: 'R205', timeline: 'event' })).events.map((e: Json) => e.data.temperature),
    ).toEqual([400]);
  });

  it('applies to single messages, and says so for a batch', async () => {
    const reply = await publish([sampled('R206', 1, '2026-11-22T08:00:00Z')], { 'dx-corrects': '1' });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'BAD_ARGUMENT', details: { header: 'dx-corrects', rule: 'single' } },
    });
  });
});

describe('catch-up by time', () => {
  it('takes a range on the event timeline, late data included, and names a bad timeline', async () => {
    await publish(sampled('R207', 1, '2026-11-22T10:00:00Z'));
    await publish(sampled('R207', 2, '2026-11-22T09:00:00Z')); // late
    const page = await replay({
      key: 'R207',
      timeline: 'event',
      from: '2026-11-22T08:30:00Z',
      to: '2026-11-22T09:30:00Z',
    });
    expect(page.events.map((e: Json) => e.data.temperature)).toEqual([2]);
    const bad = await replay({ timeline: 'wall-clock' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT', details: { field: 'timeline' } } });
  });
});
