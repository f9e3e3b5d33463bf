import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { EventStore } from '../../services/common/event-store/event-store.js';
import { reactorReading } from '../support/reactor-reading.js';
import { REPO_ROOT } from '../support/run-process.js';
import { seedRegistry } from '../support/seed-registry.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
let store: EventStore;
let follower: ChildProcessWithoutNullStreams;
let stdout = '';

beforeAll(async () => {
  database = await createTestDatabase();
  await seedRegistry(database.db);
  store = new EventStore(database.db);
});

afterAll(async () => {
  if (follower.exitCode === null) follower.kill('SIGKILL');
  await store.drain();
  await database.drop();
});

let nextId = 0;
function append(equipment: string, temperature: number) {
  return store.append({
    contractId: 'scada.reactor-telemetry',
    contractVersion: '1.0.0',
    key: equipment,
    producer: 'scada',
    msgId: `follow-${++nextId}`,
    payload: reactorReading(equipment, temperature),
  });
}

async function projected(): Promise<{ position: number; samples: number }> {
  const { rows } = await sql<{ position: number; samples: number }>`
    SELECT (SELECT position FROM dx.projections WHERE name = 'history')::int AS position,
           (SELECT count(*) FROM dx.history_rows h JOIN dx.history_series s ON s.stream_id = h.stream_id
            WHERE h."values"[s.slot] IS NOT NULL)::int AS samples`.execute(database.db);
  return rows[0]!;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; dx printed: ${stdout}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('dx history follow', () => {
  it('keeps the projection caught up from a process of its own, and stops cleanly on SIGTERM', async () => {
    const first = await append('R101', 250);
    follower = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/dx.js'), 'history', 'follow'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: database.url, DX_HISTORY_INTERVAL_MS: '100' },
    });
    follower.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    follower.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));

    await until(async () => (await projected()).position === first.position, 'the first event');
    // temperature, pressure and flow rate: one sample each.
    expect((await projected()).samples).toBe(3);

    const second = await append('R201', 450);
    await until(async () => (await projected()).position === second.position, 'an event appended later');
    expect((await projected()).samples).toBe(6);

    const exited = new Promise<number | null>((resolve) => follower.once('exit', resolve));
    follower.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('following the event log into history every 100 ms');
  });
});
