/**
 * History of one numeric field of one stream in buckets, on either timeline: what
 * GET /api/v1/history, dx.history.<identity> and `dx history` answer.
 *
 * The projection answers for the events up to its checkpoint, aggregated in SQL; events after the
 * checkpoint (the projector's lag, or every event when the field is not projected) are read from the
 * log and merged into the same buckets, so an answer is always exact and up to the visibility fence.
 * Event timeline: buckets by event time, superseded samples left out (buckets reflect corrections);
 * with knownAt, only what was recorded by then. Recorded timeline: buckets by recorded time, every
 * sample. One-minute rollups stand in for raw samples of days past retention (event timeline only).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema.js';
import { notSuperseded } from '../event-store/event-filter.js';
import { eventTimeOf, type Timeline } from '../event-store/timeline.js';
import { committedPrefix } from '../event-store/visibility-fence.js';
import { conversionIfAny } from '../units/ucum.js';
import { mergeInto, sampleBucket, type PartialBucket } from './history-buckets.js';
import { HISTORY_PROJECTION } from './history-projector.js';
import { unitAtPointer } from './numeric-fields.js';
import type { SchemaLookup } from './samples-of.js';
import { pointerTokens } from '../schemas/pointer-tokens.js';
import { preparedAs } from '../db/prepared-statement.js';

export interface HistoryQuery {
  contractId: string;
  /** One key; undefined: every key of the contract (the plant-wide question). */
  key?: string;
  /** JSON pointer of a numeric field, e.g. /temperature. */
  field: string;
  from: Date;
  to: Date;
  /** Bucket width in ms. */
  bucketMs: number;
  timeline: Timeline;
  knownAt?: Date;
}

export interface HistoryAnswer {
  /** The unit the buckets' values are in (the series' unit), or null when the contract gives none. */
  unit: string | null;
  /** Buckets with at least one sample, oldest first. */
  buckets: PartialBucket[];
}

/** The buckets of one key (query.key must be given). */
export async function readHistory(
  db: Kysely<DB>,
  schemaOf: SchemaLookup,
  query: HistoryQuery,
): Promise<HistoryAnswer> {
  const { unit, byKey } = await readHistoryByKey(db, schemaOf, query);
  return { unit, buckets: byKey.get(query.key!) ?? [] };
}

/** The buckets of every key asked for (one, or all of the contract), by key, in one unit. */
export async function readHistoryByKey(
  db: Kysely<DB>,
  schemaOf: SchemaLookup,
  query: HistoryQuery,
): Promise<{ unit: string | null; byKey: Map<string, PartialBucket[]> }> {
  // One statement, so one snapshot: the projection up to its checkpoint and the log after it agree.
  const { rows } = await readRows(db, query);
  const seriesUnits = new Map<number, string | null>();
  for (const row of rows) if (row.kind === 'series') seriesUnits.set(row.series_id!, row.unit);
  let unit = [...seriesUnits.values()].find((u) => u !== null) ?? null;
  const byKey = new Map<string, Map<number, PartialBucket>>();
  const bucketsOf = (key: string) => {
    let buckets = byKey.get(key);
    if (!buckets) byKey.set(key, (buckets = new Map()));
    return buckets;
  };
  for (const row of rows) {
    if (row.kind !== 'bucket') continue;
    const part = fromRow(row);
    const from = seriesUnits.get(row.series_id!) ?? null;
    if (from !== unit && from !== null && unit !== null) {
      const convert = conversionIfAny(from, unit);
      if (!convert) continue;
      for (const k of ['min', 'max', 'first', 'last'] as const) part[k] = convert(part[k]);
      part.sum = convert(part.sum / part.count) * part.count;
    }
    mergeInto(bucketsOf(row.key!), part);
  }
  for (const row of rows) {
    if (row.kind !== 'tail') continue;
    const value = row.value;
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    const schema = schemaOf(query.contractId, row.version!);
    const from = schema === undefined ? null : (unitAtPointer(schema, query.field) ?? null);
    if (unit === null) unit = from;
    const converted =
      from === null || unit === null || from === unit ? value : conversionIfAny(from, unit)?.(value);
    if (converted !== undefined)
      mergeInto(bucketsOf(row.key!), sampleBucket(row.start!, converted, query.bucketMs));
  }
  const sorted = new Map<string, PartialBucket[]>();
  for (const [key, buckets] of [...byKey].sort(([a], [b]) => (a < b ? -1 : 1)))
    sorted.set(
      key,
      [...buckets.values()].sort((a, b) => a.start - b.start),
    );
  return { unit, byKey: sorted };
}

/**
 * The hub's connections have JIT compilation off (createPool); the question over every key turns it on
 * for its own transaction: it aggregates millions of samples, where compiled expressions ran about 10 %
 * faster (5.6 against 6.3 s for an hour of 1,000 sensors, docs/benchmarks.md), and its two extra round
 * trips are nothing beside that. One key's buckets are planned below the cost at which JIT would start.
 */
async function readRows(db: Kysely<DB>, query: HistoryQuery) {
  if (query.key !== undefined) return historyStatement(query).execute(db);
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL jit = on`.execute(trx);
    return historyStatement(query).execute(trx);
  });
}

interface HistoryRow {
  kind: 'series' | 'bucket' | 'tail';
  series_id: number | null;
  key: string | null;
  unit: string | null;
  version: string | null;
  /** A bucket's start, or a tail sample's time, in epoch ms. */
  start: number | null;
  count: number;
  sum: number;
  min: number;
  max: number;
  first_at: number;
  first: number;
  last_at: number;
  last: number;
  /** A tail sample's value (the JSON at the field's pointer). */
  value: unknown;
}

/**
 * The series of the field; their buckets from the projection up to its checkpoint (and from the minute
 * rollups), leaving out samples that a correction after the checkpoint supersedes; and the field's
 * values in the events after the checkpoint (all events when the field has no series), filtered as the
 * timeline says. Rows of the three kinds, told apart by `kind`.
 */
function historyStatement(query: HistoryQuery) {
  const known = query.knownAt;
  const event = query.timeline === 'event';
  const time = event ? sql`at` : sql`recorded_at`;
  const keyIs = (column: string) =>
    query.key === undefined ? sql`true` : sql`${sql.ref(column)} = ${query.key}`;
  // The field's series, asked in two places: the series CTE (the answer's series rows) and the samples.
  const ofField = sql`s.contract_id = ${query.contractId} AND s.field = ${query.field} AND ${keyIs('s.key')}`;
  const visible = !event
    ? known === undefined
      ? sql`true`
      : sql`recorded_at <= ${known}`
    : known === undefined
      ? sql`superseded_at IS NULL`
      : sql`recorded_at <= ${known} AND (superseded_at IS NULL OR superseded_at > ${known})`;
  const width = sql`${query.bucketMs} * interval '1 millisecond'`;
  const path = pointerTokens(query.field);
  const tailTime = event ? eventTimeOf('e') : sql`e.recorded_at`;
  const rolledUp = event && known === undefined;
  // One key's question is prepared once per connection (preparedAs): planning this statement took about
  // 3 ms, as long as running it on an hour of one sensor (docs/benchmarks.md). Not the question over
  // every key, which runs for seconds with JIT on (readRows).
  return sql<HistoryRow>`${query.key === undefined ? sql`` : preparedAs('history-of-key')}
    WITH checkpoint AS (SELECT position FROM dx.projections WHERE name = ${HISTORY_PROJECTION}),
    series AS (
      SELECT id, key, unit, stream_id, slot FROM dx.history_series s WHERE ${ofField}
    ),
    projected_up_to AS (
      SELECT CASE WHEN EXISTS (SELECT 1 FROM series) THEN (SELECT position FROM checkpoint) ELSE 0 END AS position
    ),
    corrected_later AS (
      SELECT e.supersedes FROM dx.events e
      WHERE ${event ? sql`true` : sql`false`} AND e.contract_id = ${query.contractId} AND ${keyIs('e.key')}
        AND e.global_position > (SELECT position FROM projected_up_to) AND e.supersedes IS NOT NULL
        ${known === undefined ? sql`` : sql`AND e.recorded_at <= ${known}`}
    ),
    -- The series table itself rather than the series CTE, and no filter on the checkpoint (the projector
    -- writes rows and moves the checkpoint in one transaction, so every row is at or below it): the
    -- planner then sees how many samples come, hashes the series rather than the samples, and spills
    -- nothing (docs/benchmarks.md). NOT EXISTS rather than NOT IN, for the same estimate.
    samples AS (
      SELECT s.id AS series_id, date_bin(${width}, ${time}, ${ORIGIN}) AS b, ${time} AS t, r."values"[s.slot] AS value,
             position
      FROM dx.history_series s JOIN dx.history_rows r ON r.stream_id = s.stream_id
      WHERE ${ofField} AND ${time} >= ${query.from} AND ${time} < ${query.to} AND r."values"[s.slot] IS NOT NULL AND ${visible}
        AND NOT EXISTS (SELECT 1 FROM corrected_later c WHERE c.supersedes = r.position)
    ),
    buckets AS (
      SELECT series_id, ${ms(sql`b`)} AS start, count(*)::float8 AS count, sum(value) AS sum, min(value) AS min,
             max(value) AS max, ${ms(sql`min(t)`)} AS first_at, (min(ARRAY[${epochSeconds(sql`t`)}, position, value]))[3] AS first,
             ${ms(sql`max(t)`)} AS last_at, (max(ARRAY[${epochSeconds(sql`t`)}, position, value]))[3] AS last
      FROM samples GROUP BY series_id, b
      ${
        rolledUp
          ? sql`UNION ALL
      SELECT series_id, ${ms(sql`b`)}, sum(count)::float8, sum(sum), min(min), max(max),
             ${ms(sql`min(first_at)`)}, (array_agg(first_value ORDER BY first_at))[1],
             ${ms(sql`max(last_at)`)}, (array_agg(last_value ORDER BY last_at DESC))[1]
      FROM (SELECT date_bin(${width}, minute, ${ORIGIN}) AS b, * FROM dx.history_minutes
            WHERE series_id = ANY(ARRAY(SELECT id FROM series))
              AND minute >= date_trunc('minute', ${query.from}::timestamptz) AND minute < ${query.to}) m
      GROUP BY series_id, b`
          : sql``
      }
    )
    SELECT 'series' AS kind, id AS series_id, key, unit, NULL AS version, NULL::float8 AS start, 0::float8 AS count,
           0::float8 AS sum, 0::float8 AS min, 0::float8 AS max, 0::float8 AS first_at, 0::float8 AS first,
           0::float8 AS last_at, 0::float8 AS last, NULL::jsonb AS value
    FROM series
    UNION ALL
    SELECT 'bucket', b.series_id, s.key, NULL, NULL, b.start, b.count, b.sum, b.min, b.max, b.first_at, b.first,
           b.last_at, b.last, NULL
    FROM buckets b JOIN series s ON s.id = b.series_id
    UNION ALL
    SELECT 'tail', NULL, e.key, NULL, e.contract_version, ${ms(tailTime)}, 0, 0, 0, 0, 0, 0, 0, 0,
           e.payload #> ${path}::text[]
    FROM dx.events e
    WHERE e.contract_id = ${query.contractId} AND ${keyIs('e.key')}
      AND e.global_position > (SELECT position FROM projected_up_to) AND ${committedPrefix}
      ${query.key === undefined ? sql`` : sql`AND e.stream_position > ${streamPositionAtCheckpoint(query.contractId, query.key)}`}
      AND ${tailTime} >= ${query.from} AND ${tailTime} < ${query.to}
      ${known === undefined ? sql`` : sql`AND e.recorded_at <= ${known}`}
      ${event ? sql`AND ${notSuperseded(known, 'e')}` : sql``}
  `;
}

const ORIGIN = sql`'1970-01-01T00:00:00Z'::timestamptz`;

/**
 * A sample's time as float8 seconds since the epoch (`date_part`, not the slower numeric `extract`):
 * in order, and two different microseconds never meet (a float8's step is under a microsecond until the
 * year 2242). So `min(ARRAY[time, position, value])` picks a bucket's first sample (and max its last)
 * by time, then position, with no sort. The ordered `array_agg(value ORDER BY t, position)` it replaces
 * sorted every bucket twice: over every key that took the question from 0.73 to 1.4 s on a quarter hour
 * of 1,000 sensors (docs/benchmarks.md).
 */
function epochSeconds(time: RawBuilder<unknown>) {
  return sql`date_part('epoch', ${time})`;
}

/**
 * The stream position of the key's last event at or below the projection's checkpoint (0: none). A
 * stream's positions follow its commit order, so the events after the checkpoint are exactly those
 * after it: the tail is then read from the stream's index from there, instead of every event of the
 * stream filtered by global position (measured: docs/benchmarks.md, bench:history (a)).
 */
function streamPositionAtCheckpoint(contractId: string, key: string) {
  return sql`coalesce((
    SELECT x.stream_position FROM dx.events x
    WHERE x.contract_id = ${contractId} AND x.key = ${key}
      AND x.global_position <= (SELECT position FROM projected_up_to)
    ORDER BY x.stream_position DESC LIMIT 1), 0)`;
}
const ms = (expression: RawBuilder<unknown>) => sql`(extract(epoch FROM ${expression}) * 1000)::float8`;

function fromRow(row: HistoryRow): PartialBucket {
  return {
    start: row.start!,
    count: row.count,
    sum: row.sum,
    min: row.min,
    max: row.max,
    firstAt: row.first_at,
    first: row.first,
    lastAt: row.last_at,
    last: row.last,
  };
}
