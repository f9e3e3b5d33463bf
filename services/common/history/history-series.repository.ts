/** dx.history_series: one id per (contract, key, field), with the unit its samples are kept in. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface SeriesRow {
  id: number;
  contract_id: string;
  key: string;
  field: string;
  unit: string | null;
}

export interface SeriesRef {
  contractId: string;
  key: string;
  field: string;
  unit: string | null;
}

/** The ids of these series, creating the missing ones with the unit given (the first sample's). */
export async function ensureSeries(db: Kysely<DB>, series: SeriesRef[]): Promise<SeriesRow[]> {
  if (series.length === 0) return [];
  await db
    .insertInto('dx.history_series')
    .values(series.map((s) => ({ contract_id: s.contractId, key: s.key, field: s.field, unit: s.unit })))
    .onConflict((oc) => oc.constraint('history_series_field_key').doNothing())
    .execute();
  const rows: SeriesRow[] = [];
  // One query per contract keeps the IN lists short and uses the unique index.
  for (const contractId of new Set(series.map((s) => s.contractId))) {
    const mine = series.filter((s) => s.contractId === contractId);
    rows.push(
      ...(await db
        .selectFrom('dx.history_series')
        .selectAll()
        .where('contract_id', '=', contractId)
        .where('key', 'in', [...new Set(mine.map((s) => s.key))])
        .where('field', 'in', [...new Set(mine.map((s) => s.field))])
        .execute()),
    );
  }
  return rows;
}

/** The series of a field of a contract: of one key, or of every key. */
export async function findSeries(
  db: Kysely<DB>,
  contractId: string,
  field: string,
  key?: string,
): Promise<SeriesRow[]> {
  let query = db
    .selectFrom('dx.history_series')
    .selectAll()
    .where('contract_id', '=', contractId)
    .where('field', '=', field);
  if (key !== undefined) query = query.where('key', '=', key);
  return query.execute();
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
