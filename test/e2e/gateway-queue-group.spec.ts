import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import type { Json } from '../support/json.js';
import { REPO_ROOT, runProcess } from '../support/run-process.js';
import { seedRegistry } from '../support/seed-registry.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestNats, type TestNats } from '../support/test-nats.js';
import { reactorReading } from '../support/reactor-reading.js';
import { killRunningGateways, startHealthyGateway, type GatewayProcess } from './gateway-process.js';

let database: TestDatabase;
let bus: TestNats;
let nats: NatsConnection;
const gateways: GatewayProcess[] = [];

const reading = reactorReading;

async function startGateway(): Promise<GatewayProcess> {
  const gateway = await startHealthyGateway({ DATABASE_URL: database.url, NATS_URL: bus.url });
  gateways.push(gateway);
  return gateway;
}

let n = 0;
async function publish(equipment: string, temperature: number): Promise<Json> {
  const h = headers();
  h.set('dx-producer', 'scada');
  h.set('dx-version', '1.0.0');
  h.set('dx-msg-id', `q-${++n}`);
  return (
    await nats.request(
      'dx.publish.scada.reactor-telemetry',
      JSON.stringify(reading(equipment, temperature)),
      { timeout: 10_000, headers: h },
    )
  ).json();
}

async function storedBy(gateway: GatewayProcess): Promise<number> {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  return Number(/dx_ingest_events_total\{contract="scada.reactor-telemetry"\} (\d+)/.exec(text)?.[1] ?? 0);
}

const dx = (args: string[], input?: string) =>
  runProcess('bin/dx.js', args, { DATABASE_URL: database.url, NATS_URL: bus.url }, input);

beforeAll(async () => {
  database = await createTestDatabase();
  bus = await startTestNats();
  await seedRegistry(database.db);
  await startGateway();
  await startGateway();
  nats = await connect({ servers: bus.url });
});

afterAll(async () => {
  await nats.close();
  killRunningGateways();
  await bus.stop();
  await database.drop();
});

describe('two gateway processes sharing the queue group dx-gateway', () => {
  it('share the publishes between them, and every publish is answered once', async () => {
    const replies = await Promise.all(
      Array.from({ length: 60 }, (_, i) => publish(`R${100 + (i % 3)}`, 250 + i)),
    );
    expect(replies.find((r) => !r.ok)).toBeUndefined();
    expect(new Set(replies.map((r) => r.position)).size).toBe(60);
    const [a, b] = await Promise.all(gateways.map(storedBy));
    expect(a! + b!).toBe(60);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
  });

  it('keep serving when one stops, and a restarted one answers the latest value at once', async () => {
    const [first] = gateways.splice(0, 1);
    first!.child.kill('SIGTERM');
    await first!.exited;
    const last = await publish('R109', 299);
    expect(last.ok).toBe(true);

    const restarted = await startGateway();
    const answer = (await (
      await fetch(`${restarted.url}/api/v1/data/scada.reactor-telemetry/R109`, {
        headers: { authorization: 'Bearer dev-scada-token' },
      })
    ).json()) as Json;
    expect(answer.event).toMatchObject({ position: last.position, data: { temperature: 299 } });
  });
});

describe('dx publish, get, tail and rejections list', () => {
  it('publishes stdin and prints the answer; exit 1 on a refusal', async () => {
    const ok = await dx(
      [
        'publish',
        'scada.reactor-telemetry',
        '--producer',
        'scada',
        '--version',
        '1.0.0',
        '--msg-id',
        'cli-1',
      ],
      JSON.stringify(reading('R177', 240)),
    );
    const refused = await dx(
      ['publish', 'scada.reactor-telemetry', '--producer', 'vr', '--version', '1.0.0'],
      JSON.stringify(reading('R177', 241)),
    );
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, streamPosition: 1 });
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('prints the latest value of a key, read as the identity --as names', async () => {
    const { code, stdout } = await dx(['get', 'scada.reactor-telemetry', 'R177', '--as', 'simulation']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ key: 'R177', data: { temperature: 240 } });
  });

  it('says who may read when the identity may not (exit 1), and asks who reads when nobody is named (exit 2)', async () => {
    const forbidden = await dx(['get', 'scada.reactor-telemetry', 'R177', '--as', 'vr']);
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toContain('READ_FORBIDDEN: vr may not read scada.reactor-telemetry');
    const nobody = await dx(['get', 'scada.reactor-telemetry', 'R177']);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toContain('--as <identity>');
  });

  it('lists the refused publish with its payload and reason', async () => {
    const { stdout } = await dx(['rejections', 'list', '--contract', 'scada.reactor-telemetry']);
    const rows = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Json);
    expect(rows.at(-1)).toMatchObject({
      code: 'FORBIDDEN',
      producer: 'vr',
      payload: JSON.stringify(reading('R177', 241)),
    });
  });

  it('tails a contract: catches up from a position, then follows live events, in order and without repeats', async () => {
    const tail = spawn(
      process.execPath,
      [
        path.join(REPO_ROOT, 'bin/dx.js'),
        'tail',
        'scada.reactor-telemetry',
        '--key',
        'R101',
        '--from',
        '0',
        '--as',
        'simulation',
      ],
      {
        env: { ...process.env, DATABASE_URL: database.url, NATS_URL: bus.url },
      },
    );
    let out = '';
    tail.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const lines = () =>
      out
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Json);
    const until = async (count: number) => {
      for (let i = 0; i < 100 && lines().length < count; i++) await new Promise((r) => setTimeout(r, 100));
    };
    await until(20);
    await publish('R101', 300);
    await until(21);
    tail.kill('SIGINT');
    const streamPositions = lines().map((e) => e.streamPosition);
    expect(streamPositions).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(lines().at(-1).data.temperature).toBe(300);
  });
});
