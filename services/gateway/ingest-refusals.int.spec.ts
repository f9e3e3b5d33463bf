import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import type { INestApplication } from '@nestjs/common';
import { sql } from 'kysely';
import { pino } from 'pino';
import type { Json } from '../../test/support/json.js';
import { reactorReading } from '../../test/support/reactor-reading.js';
import { seedRegistry } from '../../test/support/seed-registry.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { startTestNats, type TestNats } from '../../test/support/test-nats.js';
import { loadConfig } from '../common/config/config.js';
import { SUBJECTS } from '../common/nats/subjects.js';
import { createGatewayApp } from './create-gateway-app.js';
import { IngestService } from './ingest/ingest.service.js';

let database: TestDatabase;
let bus: TestNats;
let gateway: INestApplication;
let nats: NatsConnection;
let base: string;
const logLines: string[] = [];

let n = 0;
async function publish(body: string | Uint8Array, extra: Record<string, string> = {}): Promise<Json> {
  const h = natsHeaders();
  const all = { 'dx-producer': 'scada', 'dx-version': '1.0.0', 'dx-msg-id': `r-${++n}`, ...extra };
  for (const [name, value] of Object.entries(all)) h.set(name, value);
  const reply = await nats.request(SUBJECTS.publish('scada.reactor-telemetry'), body, {
    timeout: 20_000,
    headers: h,
  });
  return reply.json();
}

async function post(
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Json }> {
  const response = await fetch(`${base}/api/v1/data/scada.reactor-telemetry`, {
    method: 'POST',
    headers: {
      authorization: 'Bearer dev-scada-token',
      'content-type': 'application/json',
      'dx-version': '1.0.0',
      'dx-msg-id': `h-${++n}`,
      ...headers,
    },
    body,
  });
  return { status: response.status, json: await response.json() };
}

async function lastRejection(): Promise<Json> {
  const { rows } = await sql<Json>`SELECT * FROM dx.rejections ORDER BY id DESC LIMIT 1`.execute(database.db);
  return rows[0];
}

async function countRejections(): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM dx.rejections`.execute(
    database.db,
  );
  return rows[0]!.n;
}

beforeAll(async () => {
  database = await createTestDatabase();
  bus = await startTestNats();
  await seedRegistry(database.db);
  const config = loadConfig({
    ...process.env,
    DX_MAX_BODY_BYTES: String(2 * 1024 * 1024),
    DX_REJECTIONS_PER_S: '1',
  });
  gateway = await createGatewayApp(
    { ...config, databaseUrl: database.url, natsUrl: bus.url },
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

describe('inputs that used to answer INTERNAL', () => {
  it('refuses a raw NUL byte in a body, naming its offset, and records the body byte for byte', async () => {
    const body = Buffer.from('{"equipment":"R101\0"}');
    const reply = await publish(body);
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD_INVALID', details: { rule: 'noNul', offset: 18 } },
    });
    const row = await lastRejection();
    expect(row).toMatchObject({ code: 'PAYLOAD_INVALID', payload_encoding: 'base64' });
    expect(Buffer.from(row.payload, 'base64')).toEqual(body);
  });

  it('refuses a NUL in dx-key and records it', async () => {
    const reply = await publish(JSON.stringify(reactorReading('R101', 250)), { 'dx-key': 'R1\u00000' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'KEY_INVALID' } });
    expect(await lastRejection()).toMatchObject({ code: 'KEY_INVALID', key: 'R1\u24000' });
  });

  it('refuses a 100,000-deep array and a 100,000-deep object over NATS and HTTP without a 500', async () => {
    const array = '['.repeat(100_000) + ']'.repeat(100_000);
    const object = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    for (const body of [array, object]) {
      expect(await publish(body)).toMatchObject({
        ok: false,
        error: { code: 'PAYLOAD_INVALID', details: { rule: 'maxDepth' } },
      });
      const { status, json } = await post(body);
      expect(status).toBe(422);
      expect(json.error.details).toMatchObject({ rule: 'maxDepth', expected: 64 });
    }
    expect(await lastRejection()).toMatchObject({ code: 'PAYLOAD_INVALID', payload_truncated: true });
  });

  it('refuses invalid UTF-8 with the byte offset instead of storing U+FFFD', async () => {
    const body = Buffer.concat([Buffer.from('{"equipment":"R'), Buffer.from([0xff]), Buffer.from('01"}')]);
    expect(await publish(body)).toMatchObject({
      error: { code: 'PAYLOAD_INVALID', details: { rule: 'utf8', offset: 15 } },
    });
    const { status, json } = await post(body);
    expect(status).toBe(422);
    expect(json.error.details).toMatchObject({ rule: 'utf8', offset: 15 });
    expect(Buffer.from((await lastRejection()).payload, 'base64')).toEqual(body);
  });

  it('names an item that is not an object PAYLOAD_NOT_OBJECT, not KEY_INVALID', async () => {
    const reply = await publish(JSON.stringify([1, 'R101', null, [], reactorReading('R101', 250)]));
    expect(reply.results.map((r: Json) => r.ok || r.error.code)).toEqual([
      'PAYLOAD_NOT_OBJECT',
      'PAYLOAD_NOT_OBJECT',
      'PAYLOAD_NOT_OBJECT',
      'PAYLOAD_NOT_OBJECT',
      true,
    ]);
    expect(reply.results[1].error.details).toMatchObject({ expected: 'object', actual: 'string' });
  });

  it('answers an unexpected failure INTERNAL with a request id that its log has with the cause', async () => {
    const ingest = gateway.get(IngestService);
    const original = ingest.publish.bind(ingest);
    ingest.publish = () => Promise.reject(new Error('the disk caught fire'));
    try {
      const reply = await publish(JSON.stringify(reactorReading('R101', 250)));
      expect(reply.error).toMatchObject({ code: 'INTERNAL', details: { requestId: expect.any(String) } });
      const { status, json } = await post(JSON.stringify(reactorReading('R101', 250)), {
        'x-request-id': 'req-fire',
      });
      expect(status).toBe(500);
      expect(json.error).toMatchObject({ code: 'INTERNAL', details: { requestId: 'req-fire' } });
      const logged = logLines
        .map((line) => JSON.parse(line) as Json)
        .filter((l) => l.msg === 'INTERNAL: unexpected failure');
      expect(logged.map((l) => l.requestId)).toEqual([reply.error.details.requestId, 'req-fire']);
      expect(logged[0].err).toBe('the disk caught fire');
    } finally {
      ingest.publish = original;
    }
  });
});

describe('size limits, each before the work it protects', () => {
  it('refuses a batch over DX_MAX_BATCH_ITEMS before validating any item, and records it once', async () => {
    const before = await countRejections();
    const reply = await publish(JSON.stringify(Array.from({ length: 10_001 }, () => ({}))));
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'BATCH_TOO_LARGE', details: { rule: 'maxItems', expected: 10_000, actual: 10_001 } },
    });
    expect(await countRejections()).toBe(before + 1);
  });

  it('refuses an HTTP body over DX_MAX_BODY_BYTES with 413, and records its beginning, length and no hash', async () => {
    const body = JSON.stringify({ ...reactorReading('R101', 250), filler: 'x'.repeat(3 * 1024 * 1024) });
    const { status, json } = await post(body);
    expect(status).toBe(413);
    expect(json.error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      details: { rule: 'maxBodyBytes', expected: 2 * 1024 * 1024 },
    });
    const row = await lastRejection();
    expect(row).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', payload_truncated: true, payload_sha256: null });
    expect(Number(row.payload_bytes)).toBe(Buffer.byteLength(body));
    expect(row.payload.length).toBeLessThanOrEqual(16 * 1024);
  });

  it('refuses a payload over DX_MAX_PAYLOAD_BYTES before checking it against the schema, and records it truncated with its SHA-256', async () => {
    const body = JSON.stringify({ ...reactorReading('R101', 250), filler: 'x'.repeat(300 * 1024) });
    const { status, json } = await post(body);
    expect(status).toBe(413);
    expect(json.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { rule: 'maxBytes' } });
    const row = await lastRejection();
    expect(row).toMatchObject({
      payload_truncated: true,
      payload_sha256: createHash('sha256').update(body).digest('hex'),
    });
    expect(Number(row.payload_bytes)).toBe(Buffer.byteLength(body));
  });
});

describe('HTTP requests refused before the payload', () => {
  it('answers a body that is not JSON by its Content-Type with 415, and records the body', async () => {
    const { status, json } = await post('equipment=R101&temperature=250', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(status).toBe(415);
    expect(json.error).toMatchObject({
      code: 'CONTENT_TYPE_UNSUPPORTED',
      details: { actual: 'application/x-www-form-urlencoded' },
    });
    expect(await lastRejection()).toMatchObject({
      code: 'CONTENT_TYPE_UNSUPPORTED',
      payload: 'equipment=R101&temperature=250',
    });
  });

  it('records a publish refused for a missing or unknown token', async () => {
    for (const authorization of ['', 'Bearer not-a-token']) {
      const { status, json } = await post(JSON.stringify(reactorReading('R101', 250)), { authorization });
      expect(status).toBe(401);
      expect(json.error.code).toBe('UNAUTHENTICATED');
      expect(await lastRejection()).toMatchObject({
        code: 'UNAUTHENTICATED',
        transport: 'http',
        producer: null,
        contract_id: 'scada.reactor-telemetry',
      });
    }
  });
});

describe('refusals recorded per producer at a bounded rate', () => {
  it('records a burst, then counts the rest and records a summary with a sample, and answers every one', async () => {
    const before = await countRejections();
    const answers = await Promise.all(
      Array.from({ length: 1200 }, () =>
        publish(JSON.stringify({ equipment: 'R101' }), { 'dx-producer': 'flooder' }),
      ),
    );
    expect(answers.every((a) => a.ok === false && a.error.code === 'FORBIDDEN')).toBe(true);
    // Every refusal is either a row of its own or counted in a summary row (one a second).
    const { recorded, unrecorded, summaries } = await waitForAccount('flooder', before, 1200);
    expect(summaries[0].details).toMatchObject({
      producer: 'flooder',
      byCode: { FORBIDDEN: expect.any(Number) },
    });
    expect(summaries[0].payload).toBe('{"equipment":"R101"}');
    expect(recorded).toBeGreaterThanOrEqual(1000);
    expect(unrecorded).toBeGreaterThan(0);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/dx_rejections_unrecorded_total\{code="FORBIDDEN"\} [1-9]/);
  });
});

async function waitForAccount(producer: string, before: number, total: number) {
  for (let i = 0; ; i++) {
    const { rows: summaries } = await sql<Json>`
      SELECT * FROM dx.rejections WHERE code = 'REFUSALS_NOT_RECORDED' AND producer = ${producer}`.execute(
      database.db,
    );
    const unrecorded = summaries.reduce(
      (sum: number, row: Json) => sum + (row.details.byCode.FORBIDDEN as number),
      0,
    );
    const recorded = (await countRejections()) - before - summaries.length;
    if (recorded + unrecorded === total) return { recorded, unrecorded, summaries };
    if (i > 50) throw new Error(`recorded ${recorded} + counted ${unrecorded} is not ${total}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
