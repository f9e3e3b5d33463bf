/** What the edge tests share: reading the store, registering a reader, settings for an edge under test. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { pino } from 'pino';
import type { DB } from '../../services/common/db/schema.js';
import type { EdgeSettings } from '../../services/edges/shared/edge-settings.js';

export interface StoredEvent {
  position: number;
  key: string;
  streamPosition: number;
  msgId: string;
  producer: string;
  version: string;
  data: Record<string, unknown>;
}

/** The events of a contract in the store, in global order. */
export async function storedEvents(db: Kysely<DB>, contract: string): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('dx.events')
    .select([
      'global_position',
      'key',
      'stream_position',
      'msg_id',
      'producer',
      'contract_version',
      sql<string>`payload::text`.as('payload'),
    ])
    .where('contract_id', '=', contract)
    .orderBy('global_position')
    .execute();
  return rows.map((row) => ({
    position: Number(row.global_position),
    key: row.key,
    streamPosition: Number(row.stream_position),
    msgId: row.msg_id,
    producer: row.producer,
    version: row.contract_version,
    data: JSON.parse(row.payload) as Record<string, unknown>,
  }));
}

export function edgeSettings(
  natsUrl: string,
  mqttUrl: string,
  overrides: Partial<EdgeSettings> = {},
): EdgeSettings {
  return {
    natsUrl,
    mqttUrl,
    stateDir: mkdtempSync(path.join(tmpdir(), 'dx-edge-')),
    httpPort: 0,
    maxInflight: 64,
    refusalMaxBytes: 1024,
    batchItems: 100,
    batchConcurrency: 4,
    logLevel: 'silent',
    ...overrides,
  };
}

export const silentLogger = pino({ level: process.env.DX_TEST_LOG ?? 'silent' });
