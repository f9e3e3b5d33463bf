/**
 * dx.history_streams and dx.history_series: one id per (contract, key), and per numeric field of it a
 * series with the unit its samples are kept in and its slot in the `values` of the stream's rows.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface SeriesRow {
  id: number;
  contract_id: string;
  key: string;
  field: string;
  unit: string | null;
  stream_id: number;
  slot: number;
}

export interface SeriesRef {
  contractId: string;
  key: string;
  field: string;
  unit: string | null;
}

/**
 * Every series of the streams these refer to, creating the missing streams and series (with the unit
 * given: the first sample's) in the next free slots of their stream. Only the holder of the projection's
 * checkpoint lock calls it, so no one else hands out slots meanwhile.
 */
export async function ensureSeries(db: Kysely<DB>, series: SeriesRef[]): Promise<SeriesRow[]> {
  if (series.length === 0) return [];
  const streams = new Map(series.map((s) => [streamName(s.contractId, s.key), s]));
  await db
    .insertInto('dx.history_streams')
    .values([...streams.values()].map((s) => ({ contract_id: s.contractId, key: s.key })))
    .onConflict((oc) => oc.constraint('history_streams_key').doNothing())
    .execute();
  const ids = new Map<string, number>();
  // One query per contract keeps the IN lists short and uses the unique index.
  for (const contractId of new Set(series.map((s) => s.contractId))) {
    const rows = await db
      .selectFrom('dx.history_streams')
      .select(['id', 'key'])
      .where('contract_id', '=', contractId)
      .where('key', 'in', [...new Set(series.filter((s) => s.contractId === contractId).map((s) => s.key))])
      .execute();
    for (const row of rows) ids.set(streamName(contractId, row.key), row.id);
  }
  const streamIds = [...new Set(ids.values())];
  const existing = await seriesOfStreams(db, streamIds);
  const known = new Set(existing.map((s) => fieldOf(s.stream_id, s.field)));
  const nextSlot = new Map<number, number>();
  for (const s of existing) nextSlot.set(s.stream_id, Math.max(nextSlot.get(s.stream_id) ?? 1, s.slot + 1));
  const added = [];
  for (const s of series) {
    const streamId = ids.get(streamName(s.contractId, s.key))!;
    const field = fieldOf(streamId, s.field);
    if (known.has(field)) continue;
    known.add(field);
    const slot = nextSlot.get(streamId) ?? 1;
    nextSlot.set(streamId, slot + 1);
    added.push({
      contract_id: s.contractId,
      key: s.key,
      field: s.field,
      unit: s.unit,
      stream_id: streamId,
      slot,
    });
  }
  if (added.length === 0) return existing;
  return [...existing, ...(await db.insertInto('dx.history_series').values(added).returningAll().execute())];
}

/** Every series of a stream: what a correction of one of its events touches. */
export async function seriesOfStream(db: Kysely<DB>, contractId: string, key: string): Promise<SeriesRow[]> {
  return db
    .selectFrom('dx.history_series')
    .selectAll()
    .where('contract_id', '=', contractId)
    .where('key', '=', key)
    .execute();
}

async function seriesOfStreams(db: Kysely<DB>, streamIds: number[]): Promise<SeriesRow[]> {
  if (streamIds.length === 0) return [];
  return db.selectFrom('dx.history_series').selectAll().where('stream_id', 'in', streamIds).execute();
}

function streamName(contractId: string, key: string): string {
  return `${contractId}\u001f${key}`;
}

function fieldOf(streamId: number, field: string): string {
  return `${streamId}\u001f${field}`;
}
