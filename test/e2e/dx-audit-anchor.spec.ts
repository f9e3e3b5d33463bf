import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { EventStore } from '../../services/common/event-store/event-store.js';
import { SUBJECTS } from '../../services/common/nats/subjects.js';
import { rewriteChain } from '../support/rewrite-chain.js';
import { runProcess } from '../support/run-process.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestNats, type TestNats } from '../support/test-nats.js';

let database: TestDatabase;
let store: EventStore;
let bus: TestNats;
let listener: NatsConnection;
let anchors: Subscription;
let dir: string;
let file: string;

const NO_NATS = 'nats://127.0.0.1:1';
const dx = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runProcess('bin/dx.js', args, { DATABASE_URL: database.url, NATS_URL: bus.url, ...env });

let n = 0;
async function seed(contractId: string, perStream: number): Promise<void> {
  for (let i = 0; i < perStream; i++) {
    for (const key of ['R101', 'R201']) {
      await store.append({
        contractId,
        contractVersion: '1.0.0',
        key,
        producer: 'scada',
        msgId: `anchor-${++n}`,
        payload: { temperature: 200 + n },
      });
    }
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  store = new EventStore(database.db);
  bus = await startTestNats();
  listener = await connect({ servers: bus.url });
  anchors = listener.subscribe(SUBJECTS.auditAnchors);
  await listener.flush();
  dir = mkdtempSync(path.join(tmpdir(), 'dx-anchor-'));
  file = path.join(dir, 'anchor.json');
  await seed('scada.reactor-telemetry', 5);
  await seed('scada.alarms', 2);
});

afterAll(async () => {
  await listener.close();
  await bus.stop();
  await store.drain();
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('dx audit anchor', () => {
  it('records the anchor, prints its root, writes the file and publishes it on NATS', async () => {
    const received = (async () => {
      for await (const message of anchors) return message.json<Record<string, unknown>>();
    })();
    const { code, stdout, stderr } = await dx(['audit', 'anchor', '--out', file]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });

    const written = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(written).toMatchObject({
      format: 'dx-anchor/1',
      id: 1,
      globalPosition: 14,
      events: 14,
      streams: 4,
    });
    expect(stdout).toContain(`anchor 1 at global position 14: 14 events in 4 streams`);
    expect(stdout).toContain(`root        ${String(written.root)}`);
    expect(stdout).toContain('published on dx.audit.anchors (with the head of every stream)');
    expect(await received).toEqual(written);
  });

  it('prints a one-line JSON anchor, and says that it was not published when NATS is not there', async () => {
    const { code, stdout } = await dx(['audit', 'anchor', '--json'], { NATS_URL: NO_NATS });
    expect(code).toBe(0);
    const line = JSON.parse(stdout) as Record<string, unknown>;
    expect(line).toMatchObject({ format: 'dx-anchor/1', id: 2, globalPosition: 14, file: null });
    expect(line.heads).toBeUndefined();
    expect(line.published).toEqual({ error: expect.stringContaining('127.0.0.1:1') });
    writeFileSync(path.join(dir, 'root-only.json'), stdout);
  });
});

describe('dx audit verify --anchor', () => {
  it('finds the store intact against the file, also after more events were appended', async () => {
    await seed('scada.reactor-telemetry', 2);
    const { code, stdout } = await dx(['audit', 'verify', '--anchor', file]);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`anchor 1 at global position 14, taken .*, from ${file}: intact`));
    expect(stdout).toMatch(
      /checked 18 events in 4 streams and 1 anchor\(s\) \(1 intact\) .*: no problems found/,
    );
  });

  it('names the stream whose event was edited with its hashes and head recomputed, which the chain alone misses', async () => {
    await sql`UPDATE dx.events SET payload = '{"temperature": 1}'
      WHERE contract_id = 'scada.reactor-telemetry' AND key = 'R201' AND stream_position = 2`.execute(
      database.db,
    );
    await rewriteChain(database.db, 'scada.reactor-telemetry', 'R201');

    expect((await dx(['audit', 'verify'])).code).toBe(0);
    const { code, stdout } = await dx(['audit', 'verify', '--anchor', file]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      'HEAD-DIFFERS  anchor 1 at global position 14  stream scada.reactor-telemetry/R201:',
    );
    expect(stdout).toContain('1 problem(s) found');
  });

  it('names the stream whose tail was deleted with its head, also from the root-only copy', async () => {
    await sql`DELETE FROM dx.events WHERE contract_id = 'scada.alarms' AND key = 'R101' AND stream_position = 2`.execute(
      database.db,
    );
    await rewriteChain(database.db, 'scada.alarms', 'R101');

    for (const copy of [file, path.join(dir, 'root-only.json')]) {
      const { code, stdout } = await dx(['audit', 'verify', '--anchor', copy, '--json']);
      const lines = stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(code).toBe(1);
      expect(lines).toContainEqual(
        expect.objectContaining({ kind: 'head-differs', contract: 'scada.alarms', key: 'R101' }),
      );
      expect(lines).toContainEqual(expect.objectContaining({ kind: 'events-differ' }));
      expect(lines[lines.length - 1]).toMatchObject({
        summary: { problems: 3, anchors: { checked: 1, intact: 0 } },
      });
    }
  });

  it('checks every recorded anchor without a file, and says that they prove less', async () => {
    const { code, stdout } = await dx(['audit', 'verify', '--anchor']);
    expect(code).toBe(1);
    expect(stdout).toContain('recorded in dx.anchors: 3 difference(s)');
    expect(stdout).toContain('note: anchors kept only in dx.anchors prove less than copies kept outside');
  });

  it.each([
    [['--anchor', '/nonexistent/anchor.json'], 'cannot read'],
    [['--anchor', 'package.json'], 'not an anchor'],
    [['--anchor', 'x.json', '--contract', 'scada.alarms'], 'does not go with'],
  ])('exits 2 on %j', async (args, mention) => {
    const { code, stderr } = await dx(['audit', 'verify', ...args]);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(mention);
  });

  it('documents the commands in dx --help', async () => {
    const { stdout } = await dx(['--help']);
    expect(stdout).toContain('dx audit anchor');
    expect(stdout).toContain('--anchor [file]');
  });
});
