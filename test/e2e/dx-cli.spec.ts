import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import pg from 'pg';
import { EventStore } from '../../services/common/event-store/event-store.js';
import type { EventEnvelope } from '../../services/common/event-store/event-store.types.js';
import { serverUrl, testDatabaseName, withDatabase } from '../support/database-server.js';
import { runProcess } from '../support/run-process.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
let store: EventStore;
let middle: Date;

const dx = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runProcess('bin/dx.js', args, { DATABASE_URL: database.url, ...env });
const ndjson = (text: string) =>
  text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as EventEnvelope);

beforeAll(async () => {
  database = await createTestDatabase();
  store = new EventStore(database.db);
  let n = 0;
  const append = (contractId: string, key: string, temperature: number) =>
    store.append({
      contractId,
      contractVersion: '1.0.0',
      key,
      producer: 'scada',
      msgId: `cli-${++n}`,
      payload: { temperature },
    });
  await append('scada.reactor-telemetry', 'R101', 250);
  await append('scada.reactor-telemetry', 'R201', 450);
  await append('scada.alarms', 'R101', 1);
  await new Promise((r) => setTimeout(r, 20));
  middle = new Date();
  await new Promise((r) => setTimeout(r, 20));
  await append('scada.reactor-telemetry', 'R101', 260);
});

afterAll(async () => {
  await store.drain();
  await database.drop();
});

describe('dx --help', () => {
  it('documents every command, its options and the exit codes', async () => {
    const { code, stdout } = await dx(['--help']);
    expect(code).toBe(0);
    for (const text of [
      'dx db migrate',
      'dx replay',
      'dx audit verify',
      '--as-of <iso>',
      '--json',
      'Exit codes',
    ]) {
      expect(stdout).toContain(text);
    }
  });
});

describe('bad arguments', () => {
  it.each([
    [['replay', '--key', 'R101'], '--contract'],
    [['replay', '--timeline', 'wall-clock'], '--timeline'],
    [['replay', '--contract', 'Not A Contract'], '--contract'],
    [['replay', '--contract', 'scada.alarms', '--from', 'yesterday'], '--from'],
    [['replay', '--contract', 'scada.alarms', '--as-of', '2026-01-01', '--after', '3'], '--as-of'],
    [['frobnicate'], 'unknown command'],
  ])('dx %j exits 2 with one line naming the problem', async (args, mention) => {
    const { code, stderr } = await dx(args);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(mention);
  });

  it('exits 3 with one line naming the URL when the database cannot be reached', async () => {
    const url = 'postgres://postgres@127.0.0.1:1/dx';
    const { code, stderr } = await dx(['replay', '--contract', 'scada.alarms'], { DATABASE_URL: url });
    expect(code).toBe(3);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(url);
  });
});

describe('dx db migrate', () => {
  it('creates a missing database, applies the migrations, and then finds nothing to do', async () => {
    const name = testDatabaseName('migrate');
    const url = withDatabase(serverUrl(), name);
    try {
      const first = await dx(['db', 'migrate'], { DATABASE_URL: url });
      const second = await dx(['db', 'migrate'], { DATABASE_URL: url });
      expect(first).toMatchObject({ code: 0, stderr: '' });
      expect(first.stdout).toContain(`created database ${name}`);
      expect(first.stdout).toContain('applied');
      expect(second.stdout.trim()).toBe('the schema is up to date');
    } finally {
      const admin = new pg.Client({ connectionString: serverUrl() });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});

describe('dx replay', () => {
  it('writes the events of a contract as NDJSON envelopes in global order', async () => {
    const { code, stdout } = await dx(['replay', '--contract', 'scada.reactor-telemetry']);
    const events = ndjson(stdout);
    expect(code).toBe(0);
    expect(events.map((e) => [e.key, e.data.temperature])).toEqual([
      ['R101', 250],
      ['R201', 450],
      ['R101', 260],
    ]);
    expect(events[0]).toMatchObject({
      contract: 'scada.reactor-telemetry',
      version: '1.0.0',
      streamPosition: 1,
      producer: 'scada',
      msgId: 'cli-1',
    });
    expect(events.map((e) => e.position)).toEqual([...events.map((e) => e.position)].sort((a, b) => a - b));
  });

  it('narrows to a key, to events after a position, and to a time range', async () => {
    const all = ndjson((await dx(['replay', '--contract', 'scada.reactor-telemetry'])).stdout);
    const key = ndjson(
      (await dx(['replay', '--contract', 'scada.reactor-telemetry', '--key', 'R201'])).stdout,
    );
    const after = ndjson(
      (await dx(['replay', '--contract', 'scada.reactor-telemetry', '--after', String(all[0]!.position)]))
        .stdout,
    );
    const late = ndjson(
      (await dx(['replay', '--contract', 'scada.reactor-telemetry', '--from', middle.toISOString()])).stdout,
    );
    const early = ndjson(
      (await dx(['replay', '--contract', 'scada.reactor-telemetry', '--to', middle.toISOString()])).stdout,
    );
    expect(key.map((e) => e.data.temperature)).toEqual([450]);
    expect(after.map((e) => e.data.temperature)).toEqual([450, 260]);
    expect(late.map((e) => e.data.temperature)).toEqual([260]);
    expect(early.map((e) => e.data.temperature)).toEqual([250, 450]);
  });

  it('replays every contract in global order without --contract', async () => {
    const { code, stdout } = await dx(['replay', '--to', middle.toISOString()]);
    expect(code).toBe(0);
    expect(ndjson(stdout).map((e) => [e.contract, e.key])).toEqual([
      ['scada.reactor-telemetry', 'R101'],
      ['scada.reactor-telemetry', 'R201'],
      ['scada.alarms', 'R101'],
    ]);
  });

  it("answers the README's --as-of example on the event timeline, late readings in their place", async () => {
    const sampled = (temperature: number, sourceTimestamp: string, msgId: string) =>
      store.append({
        contractId: 'scada.exchanger-telemetry',
        contractVersion: '1.0.0',
        key: 'E101',
        producer: 'scada',
        msgId,
        payload: { temperature, sourceTimestamp },
        eventTime: sourceTimestamp,
      });
    await sampled(80, '2026-11-22T08:00:00Z', 'readme-1');
    await sampled(95, '2026-11-22T09:00:00Z', 'readme-2');
    await sampled(85, '2026-11-22T07:59:00Z', 'readme-3'); // late, sampled before 08:00
    const asOf = (...more: string[]) =>
      dx(['replay', '--contract', 'scada.exchanger-telemetry', '--as-of', '2026-11-22T08:00:00Z', ...more]);
    const onEvent = ndjson((await asOf()).stdout);
    expect(onEvent.map((e) => [e.eventTime, e.data.temperature])).toEqual([['2026-11-22T08:00:00.000Z', 80]]);
    // Recorded now, so the hub knew nothing of it at 08:00 on its own clock.
    expect(ndjson((await asOf('--timeline', 'recorded')).stdout)).toEqual([]);
  });

  it('prints the latest event of every key as of a past time', async () => {
    const { stdout } = await dx([
      'replay',
      '--contract',
      'scada.reactor-telemetry',
      '--as-of',
      middle.toISOString(),
    ]);
    expect(ndjson(stdout).map((e) => [e.key, e.data.temperature])).toEqual([
      ['R101', 250],
      ['R201', 450],
    ]);
  });
});

describe('dx audit verify', () => {
  it('prints the counts it checked and exits 0 on a clean store', async () => {
    const { code, stdout } = await dx(['audit', 'verify']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/checked 7 events in 4 streams .*: no problems found/);
  });

  it('prints each altered event with its position and stream and exits 1', async () => {
    await sql`UPDATE dx.events SET payload = '{"temperature": 999}'
      WHERE contract_id = 'scada.reactor-telemetry' AND key = 'R201'`.execute(database.db);
    const { rows } = await sql<{ global_position: number }>`
      SELECT global_position FROM dx.events WHERE key = 'R201'`.execute(database.db);

    const { code, stdout } = await dx(['audit', 'verify', '--contract', 'scada.reactor-telemetry']);
    expect(code).toBe(1);
    expect(stdout).toContain(
      `EDITED  position ${rows[0]!.global_position}  stream scada.reactor-telemetry/R201  stream position 1`,
    );
    expect(stdout).toContain('1 problem(s) found');

    const json = await dx(['audit', 'verify', '--json']);
    expect(ndjson(json.stdout)[0]).toMatchObject({ kind: 'edited', key: 'R201', streamPosition: 1 });
  });
});
