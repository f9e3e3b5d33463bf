/**
 * `dx tail` as the README uses it, against a registry and a gateway of this file's own: the demo
 * contracts pushed and 1.0.0 approved as the README says, then tails that follow what exists and
 * tails that cannot, which must say why and exit instead of waiting without a word.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../services/common/config/config.js';
import { createGatewayApp } from '../../services/gateway/create-gateway-app.js';
import { createRegistryApp } from '../../services/registry/create-registry-app.js';
import type { Json } from '../support/json.js';
import { reactorReading } from '../support/reactor-reading.js';
import { REPO_ROOT, runProcess, type ProcessResult } from '../support/run-process.js';
import { stalledAppend } from '../support/stalled-append.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestNats, type TestNats } from '../support/test-nats.js';
import { waitFor } from '../support/wait-for.js';

let database: TestDatabase;
let bus: TestNats;
let registry: INestApplication;
let gateway: INestApplication;
let env: NodeJS.ProcessEnv;

/** How often the gateway announces the store's head (the tail reads the store past what it announces). */
const HEAD_INTERVAL_MS = 200;

const dx = (args: string[], extra: NodeJS.ProcessEnv = {}, input?: string) =>
  runProcess('bin/dx.js', args, { ...env, ...extra }, input);

/** Runs `dx tail` until it exits on its own, or fails the test if it is still waiting after `ms`. */
async function tailExits(args: string[], ms = 15_000): Promise<ProcessResult> {
  const ended = dx(['tail', ...args]);
  const timeout = new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), ms).unref());
  const result = await Promise.race([ended, timeout]);
  if (result === 'waiting') throw new Error(`dx tail ${args.join(' ')} was still waiting after ${ms} ms`);
  return result;
}

beforeAll(async () => {
  database = await createTestDatabase();
  bus = await startTestNats();
  const config = {
    ...loadConfig(),
    databaseUrl: database.url,
    natsUrl: bus.url,
    headIntervalMs: HEAD_INTERVAL_MS,
  };
  registry = await createRegistryApp(config, pino({ level: 'silent' }));
  await registry.listen(0, '127.0.0.1');
  gateway = await createGatewayApp(config, pino({ level: 'silent' }));
  await gateway.listen(0, '127.0.0.1');
  env = { DATABASE_URL: database.url, NATS_URL: bus.url, DX_REGISTRY_URL: await registry.getUrl() };
  // The README's set-up: every subsystem pushes its contracts, an architect approves 1.0.0.
  for (const s of ['scada', 'twin', 'vr', 'simulation', 'hub'])
    expect((await dx(['contracts', 'push'], { DX_TOKEN: `dev-${s}-token` })).code).toBe(0);
  const approved = await dx(['contracts', 'approve', 'scada.reactor-telemetry', '1.0.0'], {
    DX_TOKEN: 'dev-architect-token',
  });
  expect(approved.code).toBe(0);
}, 120_000);

afterAll(async () => {
  await gateway.close();
  await registry.close();
  await bus.stop();
  await database.drop();
});

describe('dx tail', () => {
  it('says a major that is only proposed has no live version, and exits 1', async () => {
    const { code, stderr } = await tailExits([
      'scada.reactor-telemetry',
      '--major',
      '2',
      '--from',
      '0',
      '--as',
      'scada',
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain('scada.reactor-telemetry has no live version of major 2 (2.0.0 is proposed)');
    expect(stderr).toContain('--major 1');
  });

  it('says a contract does not exist, and exits 1', async () => {
    const { code, stderr } = await tailExits(['scada.nothing', '--from', '0', '--as', 'scada']);
    expect(code).toBe(1);
    expect(stderr).toContain('CONTRACT_NOT_FOUND');
  });

  it('says who may not read, and exits 1', async () => {
    const { code, stderr } = await tailExits([
      'scada.reactor-telemetry',
      '--major',
      '1',
      '--from',
      '0',
      '--as',
      'vr',
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain('READ_FORBIDDEN: vr may not read scada.reactor-telemetry');
  });

  it("follows the README's example: catches up, then prints a live event", async () => {
    const published = await dx(
      ['publish', 'scada.reactor-telemetry', '--producer', 'scada', '--version', '1.0.0'],
      {},
      JSON.stringify(reactorReading('R101', 251.3)),
    );
    expect(published.code).toBe(0);
    const tail = spawnTail(['--major', '1', '--from', '0', '--as', 'scada']);
    try {
      await tail.until(1);
      await dx(
        ['publish', 'scada.reactor-telemetry', '--producer', 'scada', '--version', '1.0.0'],
        {},
        JSON.stringify(reactorReading('R101', 252)),
      );
      await tail.until(2);
      expect(tail.events().map((e) => e.data.temperature)).toEqual([251.3, 252]);
    } finally {
      tail.stop();
    }
  });

  it('prints every event once, in order, when an append is held open as it starts and commits late', async () => {
    // The store's read fence stands below R611 while its transaction is open; R612 commits above it
    // and is published before the tail subscribes, so neither the first catch-up nor the live feed has it.
    const stalled = await stalledAppend(database.url, 'scada.reactor-telemetry', 'R611', 611);
    const publishReading = (key: string, temperature: number) =>
      dx(
        ['publish', 'scada.reactor-telemetry', '--producer', 'scada', '--version', '1.0.0'],
        {},
        JSON.stringify(reactorReading(key, temperature)),
      );
    try {
      expect((await publishReading('R612', 612)).code).toBe(0);
      const tail = spawnTail(['--major', '1', '--from', '0', '--as', 'scada']);
      const ours = () => tail.events().filter((e) => ['R611', 'R612'].includes(e.key as string));
      try {
        await tail.until(2); // what was there before: the README example's two readings
        await new Promise((r) => setTimeout(r, 2 * HEAD_INTERVAL_MS));
        await stalled.commit();
        await waitFor('both readings', () => (ours().length >= 2 ? true : undefined), 15_000, 100);
        expect((await publishReading('R612', 613)).code).toBe(0);
        await waitFor('the live reading', () => (ours().length >= 3 ? true : undefined), 15_000, 100);
        // A few more announcements of the store's head: nothing comes twice.
        await new Promise((r) => setTimeout(r, 3 * HEAD_INTERVAL_MS));
        expect(ours().map((e) => [e.key, e.streamPosition, e.data.temperature])).toEqual([
          ['R611', 1, 611],
          ['R612', 1, 612],
          ['R612', 2, 613],
        ]);
        const positions = tail.events().map((e) => e.position as number);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        expect(new Set(positions).size).toBe(positions.length);
      } finally {
        tail.stop();
      }
      expect(await tail.exited).toBe(0);
    } finally {
      await stalled.close();
    }
  });
});

/** `dx tail` running in the background, its stdout read as NDJSON envelopes. */
function spawnTail(args: string[]) {
  const child = spawn(
    process.execPath,
    [path.join(REPO_ROOT, 'bin/dx.js'), 'tail', 'scada.reactor-telemetry', ...args],
    { env: { ...process.env, ...env } },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const events = () =>
    out
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Json);
  return {
    events,
    exited,
    /** Waits (up to 15 s) until at least `count` events were printed. */
    async until(count: number): Promise<void> {
      for (let i = 0; i < 150 && events().length < count; i++) await new Promise((r) => setTimeout(r, 100));
    },
    stop: () => child.kill('SIGINT'),
  };
}
