import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import pg from 'pg';
import { rewriteChain } from '../../../test/support/rewrite-chain.js';
import { seedReadings } from '../../../test/support/seed-readings.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { EventStore } from '../event-store/event-store.js';
import { parseAnchorDocument, formatAnchorDocument } from './anchor-document.js';
import { digestLine } from './anchor-root.js';
import type { Anchor } from './anchor.types.js';
import { checkAnchor, checkRecordedAnchors } from './check-anchor.js';
import { createAnchor } from './create-anchor.js';
import { verifyChain } from './verify-chain.js';

let database: TestDatabase;
let store: EventStore;

beforeEach(async () => {
  database = await createTestDatabase();
  store = new EventStore(database.db);
});

afterEach(async () => {
  await store.drain();
  await database.drop();
});

const seed = (contract: string, perStream?: number) => seedReadings(store, contract, perStream);

/** The anchor as an auditor keeps it: written out and read back. */
const kept = (anchor: Anchor) => parseAnchorDocument(formatAnchorDocument(anchor));
/** The anchor as printed by --json: its root without the stream list. */
const rootOnly = ({ heads: _heads, ...summary }: Anchor): Anchor => ({ ...summary, id: null });

describe('dx audit anchor', () => {
  it('digests the head of every stream at the last committed position', async () => {
    await seed('anchor.known');
    await seed('anchor.other', 2);
    const { rows } = await sql<{
      contract_id: string;
      key: string;
      position: number;
      last: number;
      hash: string;
    }>`
      SELECT contract_id, key, position, last_global_position AS last, encode(head_hash, 'hex') AS hash
      FROM dx.streams ORDER BY contract_id, key`.execute(database.db);

    const anchor = await createAnchor(database.db);

    expect(anchor).toMatchObject({ id: 1, globalPosition: 21, events: 21, streams: 6 });
    expect(anchor.root).toMatch(/^[0-9a-f]{64}$/);
    expect(anchor.heads).toEqual(rows.map((r) => [r.contract_id, r.key, r.position, r.last, r.hash]));
    const recorded = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM dx.anchor_heads WHERE anchor_id = 1`.execute(database.db);
    expect(recorded.rows[0]!.n).toBe(6);
  });

  it('has the root that the psql query of docs/storage.md computes', async () => {
    await seed('anchor.psql', 3);
    const anchor = await createAnchor(database.db);

    // The query as docs/storage.md gives it, with psql's :g replaced by a parameter.
    const { rows } = await sql<{ root: string }>`
      WITH heads AS (
        SELECT DISTINCT ON (contract_id, key) contract_id, key, stream_position, global_position, hash
        FROM dx.events WHERE global_position <= ${anchor.globalPosition}
        ORDER BY contract_id, key, stream_position DESC
      )
      SELECT encode(sha256(convert_to(
               jsonb_build_array('dx-anchor', 1, ${anchor.globalPosition}::bigint,
                                 (SELECT count(*) FROM dx.events WHERE global_position <= ${anchor.globalPosition}))::text
               || E'\\n'
               || coalesce(string_agg(jsonb_build_array(contract_id, key, stream_position, global_position,
                                                        encode(hash, 'hex'))::text || E'\\n', ''
                                      ORDER BY contract_id COLLATE "C", key COLLATE "C"), ''),
               'UTF8')), 'hex') AS root
      FROM heads`.execute(database.db);

    expect(rows[0]!.root).toBe(anchor.root);
  });

  it('writes each digest line exactly as PostgreSQL prints the jsonb array', async () => {
    const items = [
      'scada.reactor-telemetry',
      'R"1\\ \u0007\t\u00e9\u{1f600}\u2028',
      12,
      9007199254740991,
      'ab',
    ];
    const { rows } = await sql<{ line: string }>`
      SELECT jsonb_build_array(${items[0]}::text, ${items[1]}::text, ${items[2]}::bigint, ${items[3]}::bigint,
                               ${items[4]}::text)::text || E'\n' AS line`.execute(database.db);
    expect(digestLine(items)).toBe(rows[0]!.line);
  });

  it('stays below a transaction that has taken positions and not committed yet', async () => {
    await seed('anchor.fence', 1);
    const writer = new pg.Client({ connectionString: database.url });
    await writer.connect();
    try {
      await writer.query('BEGIN');
      const late = [{ j: 1, c: 'anchor.late', v: '1.0.0', k: 'L1', p: 'scada', m: 'late-1', e: null, d: {} }];
      await writer.query('SELECT * FROM dx.append_batch($1, false)', [JSON.stringify(late)]);
      await seed('anchor.after', 1); // commits while the open transaction holds position 4

      const anchor = await createAnchor(database.db);
      await writer.query('COMMIT');

      expect(anchor).toMatchObject({ globalPosition: 3, events: 3, streams: 3 });
      expect((await checkAnchor(database.db, kept(anchor), 'file')).intact).toBe(true);
      expect(await createAnchor(database.db)).toMatchObject({ globalPosition: 7, events: 7, streams: 7 });
    } finally {
      await writer.end();
    }
  });
});

describe('dx audit verify --anchor', () => {
  it('finds an untouched store intact, also after more events were appended', async () => {
    await seed('anchor.clean');
    const anchor = kept(await createAnchor(database.db));
    await seed('anchor.clean');
    await seed('anchor.later');

    const check = await checkAnchor(database.db, anchor, 'file');
    expect(check).toMatchObject({ intact: true, differences: [], foundRoot: anchor.root });
  });

  it('names the stream whose event was edited with every later hash and the head recomputed', async () => {
    await seed('anchor.rehash');
    const anchor = kept(await createAnchor(database.db));
    await sql`UPDATE dx.events SET payload = '{"tag":"TI-R201","temperature":150,"quality":"good"}'
      WHERE contract_id = 'anchor.rehash' AND key = 'R201' AND stream_position = 2`.execute(database.db);
    await rewriteChain(database.db, 'anchor.rehash', 'R201');

    expect((await verifyChain(database.db)).problems).toEqual([]);
    const check = await checkAnchor(database.db, anchor, 'file');
    expect(check.intact).toBe(false);
    expect(check.differences).toEqual([
      expect.objectContaining({
        kind: 'head-differs',
        contract: 'anchor.rehash',
        key: 'R201',
        detail: expect.stringContaining('altered and the hashes recomputed'),
      }),
    ]);
  });

  it('names the stream whose last events were deleted together with its head', async () => {
    await seed('anchor.tail');
    const anchor = kept(await createAnchor(database.db));
    await sql`DELETE FROM dx.events WHERE contract_id = 'anchor.tail' AND key = 'P101' AND stream_position >= 4`.execute(
      database.db,
    );
    await rewriteChain(database.db, 'anchor.tail', 'P101');

    expect((await verifyChain(database.db)).problems).toEqual([]);
    const { differences } = await checkAnchor(database.db, anchor, 'file');
    expect(differences).toEqual([
      expect.objectContaining({
        kind: 'head-differs',
        key: 'P101',
        detail: expect.stringContaining('4 to 5 are gone'),
      }),
      expect.objectContaining({ kind: 'events-differ', detail: expect.stringContaining('15 events') }),
    ]);
  });

  it('names a stream deleted with its head, and one forged into a hole below the anchor', async () => {
    await seed('anchor.wiped', 2);
    const anchor = kept(await createAnchor(database.db));
    await sql`DELETE FROM dx.events WHERE contract_id = 'anchor.wiped' AND key = 'R101'`.execute(database.db);
    await sql`DELETE FROM dx.streams WHERE contract_id = 'anchor.wiped' AND key = 'R101'`.execute(
      database.db,
    );
    await sql`INSERT INTO dx.events (global_position, contract_id, contract_version, key, stream_position,
                                     producer, msg_id, payload, recorded_at, hash)
              SELECT 0, 'anchor.wiped', '1.0.0', 'X1', 1, 'scada', 'forged', '{}', now(), sha256('x')`.execute(
      database.db,
    );

    const { differences } = await checkAnchor(database.db, anchor, 'file');
    expect(differences.map((d) => [d.kind, d.key])).toEqual([
      ['stream-missing', 'R101'],
      ['stream-added', 'X1'],
      ['events-differ', null],
    ]);
  });

  it('names the stream from the recorded anchor when the kept copy holds only the root', async () => {
    await seed('anchor.root');
    const anchor = await createAnchor(database.db);
    await sql`UPDATE dx.events SET payload = '{"temperature":1}'
      WHERE contract_id = 'anchor.root' AND key = 'R101' AND stream_position = 5`.execute(database.db);
    await rewriteChain(database.db, 'anchor.root', 'R101');

    const located = await checkAnchor(database.db, rootOnly(anchor), 'file');
    expect(located.differences).toEqual([expect.objectContaining({ kind: 'head-differs', key: 'R101' })]);

    // Without a recorded stream list that matches the copy, only the root can be compared.
    await sql`DELETE FROM dx.anchors`.execute(database.db);
    const unlocated = await checkAnchor(database.db, rootOnly(anchor), 'file');
    expect(unlocated.differences).toEqual([
      expect.objectContaining({
        kind: 'root-differs',
        contract: null,
        detail: expect.stringContaining(anchor.root),
      }),
    ]);
  });

  it('checks every recorded anchor and says when a record was altered', async () => {
    await seed('anchor.recorded', 2);
    await createAnchor(database.db);
    await seed('anchor.recorded', 2);
    await createAnchor(database.db);
    expect((await checkRecordedAnchors(database.db)).map((c) => c.intact)).toEqual([true, true]);

    await sql`UPDATE dx.events SET payload = '{"temperature":1}'
      WHERE contract_id = 'anchor.recorded' AND key = 'R201' AND stream_position = 3`.execute(database.db);
    await rewriteChain(database.db, 'anchor.recorded', 'R201');
    await sql`UPDATE dx.anchor_heads SET stream_position = 9 WHERE anchor_id = 1 AND key = 'P101'`.execute(
      database.db,
    );

    const [first, second] = await checkRecordedAnchors(database.db);
    expect(first!.intact).toBe(true); // stream position 3 of R201 came after the first anchor
    expect(second!.differences.map((d) => [d.kind, d.key])).toEqual([['head-differs', 'R201']]);

    await sql`UPDATE dx.anchor_heads SET stream_position = 9 WHERE anchor_id = 2 AND key = 'P101'`.execute(
      database.db,
    );
    const [, altered] = await checkRecordedAnchors(database.db);
    expect(altered!.differences.map((d) => d.kind)).toEqual(['anchor-inconsistent', 'root-differs']);
  });
});
